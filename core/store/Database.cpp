#include "store/Database.h"

#include "store/SqliteExtensions.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QThread>

#include <sqlite3.h>

#include <mutex>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;

namespace {
QAtomicInteger<quint64> g_connectionCounter;

ErrorCode codeForSqlite(int code)
{
    switch (code & 0xff) {                       // primary result code
    case 13: return ErrorCode::DiskFull;         // SQLITE_FULL
    case 10:                                     // SQLITE_IOERR
    case 14:                                     // SQLITE_CANTOPEN
    case 8: return ErrorCode::LocalWriteFailed;  // SQLITE_READONLY
    case 5:                                      // SQLITE_BUSY
    case 6: return ErrorCode::StoreBusy;         // SQLITE_LOCKED
    case 11:                                     // SQLITE_CORRUPT
    case 26: return ErrorCode::StoreCorrupt;     // SQLITE_NOTADB
    default: return ErrorCode::StoreError;
    }
}
}  // namespace

Database::~Database()
{
    close();
}

Poplar::Status Database::open(const QString &path, Mode mode)
{
    // Before SQLite starts (its first connection): no statistics on every
    // allocation, which take a lock shared by all connections each time.
    static std::once_flag configured;
    std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    close();
    m_path = path;
    m_connectionName = QStringLiteral("poplar-%1").arg(++g_connectionCounter);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid())
        return Error(ErrorCode::StoreError, QStringLiteral("the Qt SQLite driver (libqt6sql6-sqlite) is missing"));
    m_db.setDatabaseName(path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000");
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    m_db.setConnectOptions(options);
    if (!m_db.open()) {
        const QSqlError e = m_db.lastError();
        Error err(codeForSqlite(e.nativeErrorCode().toInt()), QStringLiteral("cannot open %1: %2").arg(path, e.text()));
        close();
        return err;
    }
    if (auto st = registerSqliteExtensions(m_db); !st) {
        close();
        return st;
    }
    // Separate statements (TOOLCHAIN.md P12): each must take effect.
    if (mode == Mode::ReadWrite) {
        // Large pages for a new store (an existing one keeps its own): raw
        // mail is most of the data, and SQLite writes it page by page, twice
        // (log, then database); 64 KiB pages stored mail about 1.6x faster
        // than 4 KiB ones. But every row added to a table or index moves
        // cells within its page, and big pages make that dear: a whole
        // fetch of 10,000 messages took 2.78 s of CPU with 64 KiB pages,
        // 2.59 s with 16 KiB and 2.47 s with 32 KiB (medians of 5; the store
        // 7% bigger than with 64 KiB).
        if (auto st = exec(QStringLiteral("PRAGMA page_size=32768")); !st)
            return st;
        auto wal = scalar(QStringLiteral("PRAGMA journal_mode=WAL"));
        if (!wal)
            return wal.error();
        if (wal->toString().toLower() != QLatin1String("wal"))
            return Error(ErrorCode::StoreError, QStringLiteral("WAL mode is not available for %1").arg(path));
    }
    for (const char *pragma : { "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL", "PRAGMA temp_store=MEMORY",
             "PRAGMA cache_size=-16000" }) {
        if (auto st = exec(QString::fromLatin1(pragma)); !st)
            return st;
    }
    auto fk = scalar(QStringLiteral("PRAGMA foreign_keys"));
    if (!fk || fk->toInt() != 1)
        return Error(ErrorCode::StoreError, QStringLiteral("foreign keys could not be enabled"));
    return {};
}

void Database::close()
{
    m_cache.clear();
    m_statements.clear();  // finalized before the connection closes
    if (m_connectionName.isEmpty())
        return;
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool Database::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

Error Database::errorFrom(const QSqlQuery &q, const QString &what)
{
    const QSqlError e = q.lastError();
    return Error(codeForSqlite(e.nativeErrorCode().toInt()), what + QStringLiteral(": ") + e.text());
}

Error Database::sqliteError(int code, const QString &detail)
{
    return Error(codeForSqlite(code), detail);
}

Poplar::Result<Statement *> Database::prepared(const char *sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        sqlite3 *connection = nativeHandle(m_db);
        if (!connection)
            return Error(ErrorCode::StoreError, QStringLiteral("the SQLite connection is not open"));
        sqlite3_stmt *statement = nullptr;
        if (const int rc = sqlite3_prepare_v3(connection, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
            rc != SQLITE_OK) {
            sqlite3_finalize(statement);
            return sqliteError(rc, QStringLiteral("prepare failed: ") + QString::fromUtf8(sqlite3_errmsg(connection)));
        }
        it = m_statements.emplace(sql, std::make_unique<Statement>(statement)).first;
    }
    return it->second.get();
}

Poplar::Result<QSqlQuery> Database::query(const QString &sql, std::initializer_list<QVariant> bindings)
{
    return query(sql, QVariantList(bindings));
}

Poplar::Result<QSqlQuery> Database::query(const QString &sql, const QVariantList &bindings)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return errorFrom(q, QStringLiteral("prepare failed"));
    int i = 0;
    for (const QVariant &v : bindings)
        q.bindValue(i++, v);
    if (!q.exec())
        return errorFrom(q, QStringLiteral("query failed"));
    return q;
}

Poplar::Result<QSqlQuery *> Database::execCached(const QString &sql, std::initializer_list<QVariant> bindings)
{
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) {
        auto q = std::make_unique<QSqlQuery>(m_db);
        q->setForwardOnly(true);
        if (!q->prepare(sql))
            return errorFrom(*q, QStringLiteral("prepare failed"));
        it = m_cache.emplace(sql, std::move(q)).first;
    }
    QSqlQuery &q = *it->second;
    q.finish();
    int i = 0;
    for (const QVariant &v : bindings)
        q.bindValue(i++, v);
    if (!q.exec())
        return errorFrom(q, QStringLiteral("query failed"));
    return &q;
}

Poplar::Status Database::exec(const QString &sql, std::initializer_list<QVariant> bindings)
{
    auto q = query(sql, bindings);
    if (!q)
        return q.error();
    return {};
}

Poplar::Result<QVariant> Database::scalar(const QString &sql, std::initializer_list<QVariant> bindings)
{
    auto q = query(sql, bindings);
    if (!q)
        return q.error();
    if (!q.value().next())
        return QVariant();
    return q.value().value(0);
}

Poplar::Status Database::begin(bool immediate)
{
    // IMMEDIATE takes the write lock up front, so a transaction never fails
    // half-way because another process (the CLI, the app) writes too.
    return exec(immediate ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
}

Poplar::Status Database::commit()
{
    return exec(QStringLiteral("COMMIT"));
}

void Database::rollback()
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

Transaction::~Transaction()
{
    if (m_active)
        m_db.rollback();
}

Poplar::Status Transaction::begin()
{
    auto st = m_db.begin();
    m_active = st.ok();
    return st;
}

Poplar::Status Transaction::commit()
{
    auto st = m_db.commit();
    if (st)
        m_active = false;
    return st;
}

}  // namespace Store
