#include "store/Store.h"

#include "common/DiskSync.h"
#include "common/NewFile.h"
#include "store/MessagePreparer.h"
#include "store/Profile.h"
#include "store/Schema.h"
#include "store/SqliteExtensions.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlQuery>
#include <QThread>

#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

// --- the writer thread -------------------------------------------------------

class WriterThread : public QThread
{
public:
    explicit WriterThread(QString path)
        : m_path(std::move(path))
    { }
    ~WriterThread() override { stopAndWait(); }

    // Opens the connection and migrates; returns once that is done.
    Status startAndOpen()
    {
        std::future<Status> opened = m_opened.get_future();
        start();
        return opened.get();
    }

    void enqueue(std::function<void(Database &)> job)
    {
        {
            std::lock_guard lock(m_mutex);
            m_jobs.push_back(std::move(job));
        }
        m_wake.notify_one();
    }

    void stopAndWait()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        if (isRunning())
            wait();
    }

protected:
    void run() override
    {
        Database db;
        Status st = db.open(m_path);
        if (st) {
            auto migrated = Schema::migrate(db);
            if (!migrated)
                st = migrated.error();
        }
        // Checkpoints (copying the write-ahead log into the database) run on
        // a thread of their own, so that the writer goes on writing
        // meanwhile; only a log that outgrows kWalHardLimit is checkpointed
        // by the writer itself. A crash at any moment is safe either way.
        qint64 pageSize = 4096;
        if (st) {
            auto size = db.scalar(QStringLiteral("PRAGMA page_size"));
            if (size && size->toLongLong() > 0)
                pageSize = size->toLongLong();
            st = db.exec(QStringLiteral("PRAGMA journal_size_limit=%1").arg(kWalKeep));
        }
        WalCommitHook hook = [this, pageSize](int frames) {
            const qint64 bytes = qint64(frames) * pageSize;
            if (bytes >= kWalHardLimit)
                return true;
            if (bytes >= kWalSoftLimit)
                requestCheckpoint();
            return false;
        };
        if (st)
            st = setWalCommitHook(db.handle(), &hook);
        if (st)
            m_checkpointer = std::thread([this] { runCheckpointer(); });
        m_opened.set_value(st);
        if (!st)
            return;
        for (;;) {
            std::function<void(Database &)> job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
                if (m_jobs.empty())
                    break;  // stopping, and every queued job has run
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            job(db);
        }
        stopCheckpointer();
        (void)setWalCommitHook(db.handle(), nullptr);
        db.close();
    }

private:
    static constexpr qint64 kWalSoftLimit = 8 * 1024 * 1024;
    static constexpr qint64 kWalHardLimit = 256 * 1024 * 1024;
    static constexpr qint64 kWalKeep = 64 * 1024 * 1024;  // the log file is cut back to this after a reset

    void requestCheckpoint()
    {
        {
            std::lock_guard lock(m_checkpointMutex);
            m_checkpointWanted = true;
        }
        m_checkpointWake.notify_one();
    }

    void stopCheckpointer()
    {
        {
            std::lock_guard lock(m_checkpointMutex);
            m_checkpointStop = true;
        }
        m_checkpointWake.notify_one();
        if (m_checkpointer.joinable())
            m_checkpointer.join();
    }

    void runCheckpointer()
    {
        Database db;
        const bool opened = bool(db.open(m_path));
        if (opened)
            (void)db.exec(QStringLiteral("PRAGMA journal_size_limit=%1").arg(kWalKeep));
        for (;;) {
            {
                std::unique_lock lock(m_checkpointMutex);
                m_checkpointWake.wait(lock, [this] { return m_checkpointStop || m_checkpointWanted; });
                if (m_checkpointStop)
                    break;
                m_checkpointWanted = false;
            }
            // PASSIVE never waits for the writer or readers: it copies what
            // it can. If it fails (or the connection could not be opened),
            // the writer's hard limit still bounds the log.
            if (opened)
                (void)db.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
        }
        db.close();
    }

    std::thread m_checkpointer;
    std::mutex m_checkpointMutex;
    std::condition_variable m_checkpointWake;
    bool m_checkpointWanted = false;
    bool m_checkpointStop = false;

private:
    QString m_path;
    std::promise<Status> m_opened;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void(Database &)>> m_jobs;
    bool m_stop = false;
};

// --- helpers -----------------------------------------------------------------

namespace {

QAtomicInteger<quint64> g_storeCounter;

// Read connections: one per (thread, store), closed when the thread ends.
struct ReaderKey {
    quint64 store;
    bool operator<(const ReaderKey &o) const { return store < o.store; }
};
thread_local std::map<ReaderKey, std::unique_ptr<Database>> t_readers;

// Stores still open: a thread drops its connections to closed ones lazily.
std::mutex g_liveMutex;
std::set<quint64> g_liveStores;

void dropStaleReaders()
{
    std::lock_guard lock(g_liveMutex);
    for (auto it = t_readers.begin(); it != t_readers.end();) {
        if (g_liveStores.count(it->first.store))
            ++it;
        else
            it = t_readers.erase(it);
    }
}

qint64 toMs(const QDateTime &dt)
{
    return dt.isValid() ? dt.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// A null QString binds as SQL NULL; these columns are NOT NULL ''.
QVariant notNull(const QString &s)
{
    return s.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(s);
}

// Empty text is stored as SQL NULL (optional columns).
QVariant textOrNull(const QByteArray &utf8)
{
    return utf8.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(QString::fromUtf8(utf8));
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

// 0 (no folder, no account) is stored as SQL NULL.
QVariant idOrNull(qint64 id)
{
    return id ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// "1,2,3": ids are integers we format ourselves, so no injection is possible.
QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

// Runs `fn` for slices of at most 500 ids.
Status forIdSlices(const QList<qint64> &ids, const std::function<Status(const QString &)> &fn)
{
    for (qsizetype i = 0; i < ids.size(); i += 500) {
        if (auto st = fn(idList(ids.mid(i, 500))); !st)
            return st;
    }
    return {};
}

Status validateFolderName(const QString &name)
{
    const QString n = name.trimmed();
    if (n.isEmpty() || n.size() > 255 || n != name || n.contains(QLatin1Char('/')) || n == QLatin1String(".")
        || n == QLatin1String(".."))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("invalid folder name \"%1\"").arg(name));
    for (QChar c : n) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("folder names cannot contain control characters"));
    }
    return {};
}

const char *kSummaryColumns
    = "id, folder_id, ifnull(account_id, 0), uidl, received_at, date, size, subject, from_name, from_address, "
      "to_text, cc_text, message_id, in_reply_to, list_id, has_attachments, snippet, flags, parse_state";

// Every account's Inbox.
const char *kInboxes = "folder_id IN (SELECT id FROM folders WHERE kind = 1)";
const char *kNotTrash = "folder_id != (SELECT id FROM folders WHERE kind = 2)";

MessageSummary summaryFrom(const QSqlQuery &q)
{
    MessageSummary m;
    m.id = q.value(0).toLongLong();
    m.folderId = q.value(1).toLongLong();
    m.accountId = q.value(2).toLongLong();
    m.uidl = q.value(3).toByteArray();
    m.receivedAt = fromMs(q.value(4).toLongLong());
    m.date = fromMs(q.value(5).toLongLong());
    m.size = q.value(6).toLongLong();
    m.subject = q.value(7).toString();
    m.fromName = q.value(8).toString();
    m.fromAddress = q.value(9).toString();
    m.to = q.value(10).toString();
    m.cc = q.value(11).toString();
    m.messageId = q.value(12).toByteArray();
    m.inReplyTo = q.value(13).toByteArray();
    m.listId = q.value(14).toString();
    m.hasAttachments = q.value(15).toBool();
    m.snippet = q.value(16).toString();
    m.flags = q.value(17).toInt();
    m.parseState = q.value(18).toInt();
    return m;
}

Result<qint64> folderKindOf(Database &db, qint64 id, FolderKind *kind)
{
    auto v = db.scalar(QStringLiteral("SELECT kind FROM folders WHERE id = ?"), { id });
    if (!v)
        return v.error();
    if (!v->isValid())
        return Error(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(id));
    *kind = static_cast<FolderKind>(v->toInt());
    return id;
}

Result<qint64> trashId(Database &db)
{
    auto v = db.scalar(QStringLiteral("SELECT id FROM folders WHERE kind = 2"));
    if (!v)
        return v.error();
    if (!v->isValid())
        return Error(ErrorCode::StoreCorrupt, QStringLiteral("the store has no Trash folder"));
    return v->toLongLong();
}

}  // namespace

// --- opening -----------------------------------------------------------------

MailStore::~MailStore()
{
    if (m_writer)
        m_writer->stopAndWait();
    t_readers.erase(ReaderKey { m_storeId });
    std::lock_guard lock(g_liveMutex);
    g_liveStores.erase(m_storeId);
}

Result<std::unique_ptr<MailStore>> MailStore::open(const QString &profileDir)
{
    return open(profileDir, {});
}

Result<std::unique_ptr<MailStore>> MailStore::open(const QString &profileDir, OpenOptions options)
{
    if (auto st = Profile::ensureDirectory(profileDir); !st)
        return st.error();
    std::unique_ptr<MailStore> store(new MailStore);
    store->m_options = std::move(options);
    if (!store->m_options.fsync)
        store->m_options.fsync = [](int fd) { return ::fsync(fd); };
    store->m_directory = QDir(profileDir).absolutePath();
    store->m_storeId = ++g_storeCounter;
    {
        std::lock_guard lock(g_liveMutex);
        g_liveStores.insert(store->m_storeId);
    }
    store->m_writer = std::make_unique<WriterThread>(store->databasePath());
    store->m_writer->setObjectName(QStringLiteral("poplar-store-writer"));
    if (auto st = store->m_writer->startAndOpen(); !st)
        return st.error();
    // Version 2 added the full-text index; mail stored before it is indexed
    // from its raw bytes once, now (again after an interrupted attempt).
    if (auto st = store->finishPendingReindex(); !st)
        return st.error();
    return store;
}

QString MailStore::databasePath() const
{
    return Profile::databasePath(m_directory);
}

Result<Database *> MailStore::reader()
{
    auto &slot = t_readers[ReaderKey { m_storeId }];
    if (!slot) {
        dropStaleReaders();
        auto db = std::make_unique<Database>();
        if (auto st = db->open(databasePath(), Database::Mode::ReadOnly); !st)
            return st.error();
        slot = std::move(db);
    }
    return slot.get();
}

namespace {
// Messages written in the writer's open transaction that are not in the
// search index yet (writer thread only). FTS5 writes the terms it holds in
// memory out as a new index segment at every statement savepoint, so they
// are added together, by one statement, just before the commit: one segment
// per transaction instead of one per message (schema version 3).
thread_local QList<qint64> t_unindexed;

void addToIndexLater(qint64 messageId)
{
    t_unindexed << messageId;
}

}  // namespace

// Anything that removes or changes indexed text calls this first: FTS5 can
// only remove an entry it holds, so the pending ones go in before.
Status MailStore::indexPending(Database &db)
{
    if (t_unindexed.isEmpty())
        return {};
    QByteArray ids = "[";
    for (qint64 id : std::as_const(t_unindexed)) {
        if (ids.size() > 1)
            ids += ',';
        ids += QByteArray::number(id);
    }
    ids += ']';
    auto st = db.execCached(
        QStringLiteral("INSERT INTO message_search(rowid, subject, sender, recipients, body, attachments) "
                       "SELECT id, subject, sender, recipients, body, attachments FROM message_search_source "
                       "WHERE id IN (SELECT value FROM json_each(?))"),
        { QString::fromLatin1(ids) });
    if (!st)
        return st.error();
    t_unindexed.clear();
    return {};
}

namespace {
// One write job in one transaction, at the durability it asked for. Every
// job sets the level itself, so no job can inherit a relaxed one: if the
// level cannot be set (SQLite refuses inside an open transaction), the job
// fails rather than commit without the flush it needs.
Status runInTransaction(Database &db, const std::function<Status(Database &)> &job, MailStore::Durability durability)
{
    const bool deferred = durability == MailStore::Durability::Deferred;
    if (auto st
        = db.exec(deferred ? QStringLiteral("PRAGMA synchronous=NORMAL") : QStringLiteral("PRAGMA synchronous=FULL"));
        !st)
        return st;
    t_unindexed.clear();
    Transaction t(db);
    Status st = t.begin();
    if (st)
        st = job(db);
    if (st)
        st = MailStore::indexPending(db);
    if (st)
        st = t.commit();
    t_unindexed.clear();  // committed, or rolled back with the transaction
    return st;
}
}  // namespace

Status MailStore::read(const std::function<Status(Database &)> &job)
{
    if (QThread::currentThread() == m_writer.get())
        return Error(ErrorCode::InvalidState, QStringLiteral("a read from a write job"));
    auto db = reader();
    if (!db)
        return db.error();
    if (auto st = (*db)->begin(false); !st)
        return st;
    Status st = job(**db);
    // A read transaction has nothing to keep: ending it cannot lose anything.
    (*db)->rollback();
    return st;
}

Status MailStore::write(const std::function<Status(Database &)> &job)
{
    if (QThread::currentThread() == m_writer.get())
        return Error(ErrorCode::InvalidState, QStringLiteral("a write job started another write"));
    // The promise is shared with the job: the caller may wake up and return
    // while the writer is still inside set_value(), so the promise must not
    // live on the caller's stack.
    auto done = std::make_shared<std::promise<Status>>();
    std::future<Status> result = done->get_future();
    m_writer->enqueue(
        [done, &job](Database &db) { done->set_value(runInTransaction(db, job, Durability::Immediate)); });
    return result.get();
}

std::future<Status> MailStore::writeAsync(std::function<Status(Database &)> job, Durability durability)
{
    auto done = std::make_shared<std::promise<Status>>();
    std::future<Status> result = done->get_future();
    if (QThread::currentThread() == m_writer.get()) {
        done->set_value(Error(ErrorCode::InvalidState, QStringLiteral("a write job started another write")));
        return result;
    }
    // Deferred (synchronous=NORMAL): the commit is written to the log but
    // not flushed; the next Immediate commit, a checkpoint or syncToDisk()
    // flushes it.
    m_writer->enqueue([done, job = std::move(job), durability](
                          Database &db) { done->set_value(runInTransaction(db, job, durability)); });
    return result;
}

Status MailStore::syncToDisk()
{
    if (QThread::currentThread() == m_writer.get())
        return Error(ErrorCode::InvalidState, QStringLiteral("syncToDisk() from a write job"));
    auto done = std::make_shared<std::promise<Status>>();
    std::future<Status> result = done->get_future();
    const QString wal = databasePath() + QStringLiteral("-wal");
    // After every job queued before it: the log holds their commits. The
    // directory too, as the log may be new since the last flush.
    m_writer->enqueue([this, done, wal, dir = m_directory](Database &) {
        if (m_flushFailure) {
            done->set_value(*m_flushFailure);
            return;
        }
        bool lost = false;  // a flush itself failed, not just opening the file
        auto flush = [this, &lost](const QString &path, int flags) -> Status {
            const int fd = ::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC);
            if (fd < 0 && errno == ENOENT)
                return {};  // no log: everything is in the database file, which checkpoints flush
            lost = fd >= 0;
            if (fd < 0 || m_options.fsync(fd) != 0) {
                const int error = errno;
                if (fd >= 0)
                    ::close(fd);
                return Error(ErrorCode::LocalWriteFailed,
                    QStringLiteral("cannot flush %1 to disk: %2")
                        .arg(path, QString::fromLocal8Bit(std::strerror(error))));
            }
            ::close(fd);
            lost = false;
            return {};
        };
        Status st = flush(wal, O_RDONLY);
        if (st)
            st = flush(dir, O_RDONLY | O_DIRECTORY);
        if (!st && lost)
            m_flushFailure = st.error();
        done->set_value(st);
    });
    return result.get();
}

// --- reads -------------------------------------------------------------------

Result<QList<Folder>> MailStore::loadFolders(Database &db)
{
    auto q = db.query(QStringLiteral("SELECT f.id, ifnull(f.parent_id, 0), f.name, f.kind, ifnull(f.account_id, 0), "
                                     "ifnull(a.name, '') FROM folders f LEFT JOIN accounts a ON a.id = f.account_id"));
    if (!q)
        return q.error();
    QHash<qint64, Folder> byId;
    QHash<qint64, QString> accountNames;
    QList<qint64> order;
    while (q.value().next()) {
        Folder f;
        f.id = q.value().value(0).toLongLong();
        f.parentId = q.value().value(1).toLongLong();
        f.name = q.value().value(2).toString();
        f.kind = static_cast<FolderKind>(q.value().value(3).toInt());
        f.accountId = q.value().value(4).toLongLong();
        accountNames.insert(f.id, q.value().value(5).toString());
        byId.insert(f.id, f);
        order << f.id;
    }
    auto counts
        = db.query(QStringLiteral("SELECT folder_id, count(*), sum((flags & 1) = 0) FROM messages GROUP BY folder_id"));
    if (!counts)
        return counts.error();
    while (counts.value().next()) {
        const qint64 id = counts.value().value(0).toLongLong();
        if (byId.contains(id)) {
            byId[id].total = counts.value().value(1).toInt();
            byId[id].unread = counts.value().value(2).toInt();
        }
    }
    QList<Folder> out;
    for (qint64 id : order) {
        Folder f = byId.value(id);
        switch (f.kind) {
        case FolderKind::Inbox: f.path = accountNames.value(id) + QStringLiteral("/Inbox"); break;
        case FolderKind::Trash: f.path = QStringLiteral("Trash"); break;
        case FolderKind::Local: {
            QStringList parts { f.name };
            qint64 parent = f.parentId;
            for (int guard = 0; parent && guard < 1000; ++guard) {
                const Folder &p = byId[parent];
                parts.prepend(p.name);
                parent = p.parentId;
            }
            f.path = QStringLiteral("Local/") + parts.join(QLatin1Char('/'));
            break;
        }
        }
        out << f;
    }
    std::sort(out.begin(), out.end(), [](const Folder &a, const Folder &b) {
        if (a.kind != b.kind)
            return int(a.kind == FolderKind::Local       ? 1
                           : a.kind == FolderKind::Trash ? 2
                                                         : 0)
                < int(b.kind == FolderKind::Local     ? 1
                        : b.kind == FolderKind::Trash ? 2
                                                      : 0);
        return a.path.compare(b.path, Qt::CaseInsensitive) < 0;
    });
    return out;
}

Result<QList<Folder>> MailStore::folders()
{
    auto db = reader();
    if (!db)
        return db.error();
    return loadFolders(**db);
}

Result<Folder> MailStore::findFolder(const std::function<bool(const Folder &)> &match, const QString &what)
{
    auto all = folders();
    if (!all)
        return all.error();
    for (const Folder &f : *all) {
        if (match(f))
            return f;
    }
    return Error(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(what));
}

Result<Folder> MailStore::folder(qint64 id)
{
    return findFolder([id](const Folder &f) { return f.id == id; }, QString::number(id));
}

Result<Folder> MailStore::folderByPath(const QString &path)
{
    return findFolder([&path](const Folder &f) { return f.path == path; }, QLatin1Char('"') + path + QLatin1Char('"'));
}

Result<qint64> MailStore::trashFolderId()
{
    auto db = reader();
    if (!db)
        return db.error();
    return trashId(**db);
}

Result<QList<MessageSummary>> MailStore::summaries(
    const QString &where, const QVariantList &bindings, const char *order)
{
    auto db = reader();
    if (!db)
        return db.error();
    auto q = (*db)->query(QStringLiteral("SELECT %1 FROM messages WHERE %2 ORDER BY %3 LIMIT ? OFFSET ?")
                              .arg(QString::fromLatin1(kSummaryColumns), where, QString::fromLatin1(order)),
        bindings);
    if (!q)
        return q.error();
    QList<MessageSummary> out;
    while (q.value().next())
        out << summaryFrom(q.value());
    return out;
}

Result<QList<MessageSummary>> MailStore::messages(qint64 folderId, int offset, int limit)
{
    return summaries(QStringLiteral("folder_id = ?"), { folderId, limit, offset });
}

Result<QList<MessageSummary>> MailStore::allMessages(int offset, int limit)
{
    return summaries(QString::fromLatin1(kNotTrash), { limit, offset });
}

Result<QList<MessageSummary>> MailStore::search(const QString &query, qint64 folderId, int offset, int limit)
{
    auto parsed = SearchQuery::parse(query);
    if (!parsed)
        return parsed.error();
    return search(*parsed, folderId, offset, limit);
}

namespace {

QString orderBy(ListOrder order)
{
    const QString dir = order.ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    switch (order.key) {
    case SortKey::From:
        return QStringLiteral("CASE WHEN from_name != '' THEN from_name ELSE from_address END COLLATE NOCASE %1, "
                              "date DESC, id DESC")
            .arg(dir);
    case SortKey::Subject: return QStringLiteral("subject COLLATE NOCASE %1, date DESC, id DESC").arg(dir);
    case SortKey::Size: return QStringLiteral("size %1, date DESC, id DESC").arg(dir);
    case SortKey::Date: break;
    }
    return QStringLiteral("date %1, id %1").arg(dir);
}

}  // namespace

Status MailStore::searchConditions(
    const SearchQuery &query, qint64 folderId, QStringList *where, QVariantList *bindings)
{
    if (folderId == UnifiedInbox) {
        *where << QString::fromLatin1(kInboxes);
    } else if (folderId) {
        *where << QStringLiteral("folder_id = ?");
        *bindings << folderId;
    }
    if (!query.folderPath.isEmpty()) {
        auto f = folderByPath(query.folderPath);
        if (!f)
            return f.error();
        *where << QStringLiteral("folder_id = ?");
        *bindings << f->id;
    }
    if (!folderId && query.folderPath.isEmpty())
        *where << QString::fromLatin1(kNotTrash);
    if (!query.include.isEmpty()) {
        *where << QStringLiteral("id IN (SELECT rowid FROM message_search WHERE message_search MATCH ?)");
        *bindings << query.include.join(QStringLiteral(" AND "));
    }
    if (!query.exclude.isEmpty()) {
        *where << QStringLiteral("id NOT IN (SELECT rowid FROM message_search WHERE message_search MATCH ?)");
        *bindings << query.exclude.join(QStringLiteral(" OR "));
    }
    if (query.hasAttachment)
        *where << (*query.hasAttachment ? QStringLiteral("has_attachments = 1")
                                        : QStringLiteral("has_attachments = 0"));
    if (query.unread)
        *where << (*query.unread ? QStringLiteral("(flags & 1) = 0") : QStringLiteral("(flags & 1) != 0"));
    if (query.flagged)
        *where << (*query.flagged ? QStringLiteral("(flags & 2) != 0") : QStringLiteral("(flags & 2) = 0"));
    if (query.before.isValid()) {
        *where << QStringLiteral("date < ?");
        *bindings << toMs(query.before);
    }
    if (query.after.isValid()) {
        *where << QStringLiteral("date >= ?");
        *bindings << toMs(query.after);
    }
    if (where->isEmpty())
        *where << QStringLiteral("1");
    return {};
}

Result<QList<MessageSummary>> MailStore::search(const SearchQuery &query, qint64 folderId, int offset, int limit)
{
    QStringList where;
    QVariantList bindings;
    if (auto st = searchConditions(query, folderId, &where, &bindings); !st)
        return st.error();
    bindings << limit << offset;
    // Walk the date index newest first, testing each entry against the
    // filters (all in the index) and the set of text matches, and stop at a
    // page: the cost follows the page, not the number of matches. Only that
    // page's rows are read.
    const bool oneFolder = (folderId && folderId != UnifiedInbox) || !query.folderPath.isEmpty();
    const QString page = QStringLiteral("SELECT id FROM messages INDEXED BY %1 WHERE %2 "
                                        "ORDER BY date DESC, id DESC LIMIT ? OFFSET ?")
                             .arg(oneFolder ? QStringLiteral("messages_folder_date") : QStringLiteral("messages_date"),
                                 where.join(QStringLiteral(" AND ")));
    bindings << limit << 0;  // the outer query: that page, in the same order
    return summaries(QStringLiteral("id IN (%1)").arg(page), bindings);
}

Result<QList<qint64>> MailStore::ids(const QString &where, const QVariantList &bindings, ListOrder order)
{
    auto db = reader();
    if (!db)
        return db.error();
    auto q = (*db)->query(
        QStringLiteral("SELECT id FROM messages WHERE %1 ORDER BY %2").arg(where, orderBy(order)), bindings);
    if (!q)
        return q.error();
    QList<qint64> out;
    while (q.value().next())
        out << q.value().value(0).toLongLong();
    return out;
}

Result<QList<qint64>> MailStore::messageIds(qint64 folderId, ListOrder order)
{
    if (folderId == UnifiedInbox)
        return ids(QString::fromLatin1(kInboxes), {}, order);
    return ids(QStringLiteral("folder_id = ?"), { folderId }, order);
}

Result<QList<qint64>> MailStore::searchIds(const SearchQuery &query, qint64 folderId, ListOrder order)
{
    QStringList where;
    QVariantList bindings;
    if (auto st = searchConditions(query, folderId, &where, &bindings); !st)
        return st.error();
    return ids(where.join(QStringLiteral(" AND ")), bindings, order);
}

Result<QList<MessageSummary>> MailStore::messagesByIds(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return QList<MessageSummary>();
    QByteArray json = "[";
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            json += ',';
        json += QByteArray::number(ids.at(i));
    }
    json += ']';
    auto db = reader();
    if (!db)
        return db.error();
    auto q = (*db)->query(QStringLiteral("SELECT %1 FROM messages WHERE id IN (SELECT value FROM json_each(?))")
                              .arg(QString::fromLatin1(kSummaryColumns)),
        { QString::fromLatin1(json) });
    if (!q)
        return q.error();
    QHash<qint64, MessageSummary> byId;
    byId.reserve(ids.size());
    while (q.value().next()) {
        MessageSummary m = summaryFrom(q.value());
        byId.insert(m.id, std::move(m));
    }
    QList<MessageSummary> out;
    out.reserve(byId.size());
    for (qint64 id : ids) {
        auto it = byId.constFind(id);
        if (it != byId.constEnd())
            out << *it;
    }
    return out;
}

Result<QList<MessageSummary>> MailStore::latestArrivals(qint64 accountId, int limit)
{
    return summaries(QStringLiteral("account_id = ?"), { accountId, limit, 0 }, "id DESC");
}

Result<MessageSummary> MailStore::message(qint64 id)
{
    auto db = reader();
    if (!db)
        return db.error();
    auto q = (*db)->query(
        QStringLiteral("SELECT %1 FROM messages WHERE id = ?").arg(QString::fromLatin1(kSummaryColumns)), { id });
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error(ErrorCode::NotFound, QStringLiteral("no message %1").arg(id));
    return summaryFrom(q.value());
}

Status MailStore::readRaw(qint64 id, const std::function<Status(QByteArrayView)> &sink)
{
    auto db = reader();
    if (!db)
        return db.error();
    // One read transaction, so the message cannot change between chunks.
    if (auto st = (*db)->begin(false); !st)
        return st;
    auto exists = (*db)->scalar(QStringLiteral("SELECT size FROM messages WHERE id = ?"), { id });
    if (!exists || !exists->isValid()) {
        (*db)->rollback();
        return exists ? Error(ErrorCode::NotFound, QStringLiteral("no message %1").arg(id)) : exists.error();
    }
    const qint64 size = exists->toLongLong();
    qint64 delivered = 0;
    // Chunk by chunk: one chunk in memory at a time.
    for (qint64 seq = 0;; ++seq) {
        auto chunk = (*db)->scalar(
            QStringLiteral("SELECT data FROM message_chunks WHERE message_id = ? AND seq = ?"), { id, seq });
        if (!chunk) {
            (*db)->rollback();
            return chunk.error();
        }
        if (!chunk->isValid())
            break;
        const QByteArray data = chunk->toByteArray();
        delivered += data.size();
        if (auto st = sink(data); !st) {
            (*db)->rollback();
            return st;
        }
    }
    (*db)->rollback();
    if (delivered != size)
        return Error(ErrorCode::StoreCorrupt,
            QStringLiteral("message %1 has %2 of %3 octets stored").arg(id).arg(delivered).arg(size));
    return {};
}

Result<QByteArray> MailStore::rawMessage(qint64 id)
{
    QByteArray out;
    auto st = readRaw(id, [&](QByteArrayView chunk) {
        out.append(chunk.data(), chunk.size());
        return Status();
    });
    if (!st)
        return st.error();
    return out;
}

Result<QStringList> MailStore::integrityCheck()
{
    auto db = reader();
    if (!db)
        return db.error();
    auto q = (*db)->query(QStringLiteral("PRAGMA integrity_check"));
    if (!q)
        return q.error();
    QStringList out;
    while (q.value().next())
        out << q.value().value(0).toString();
    // The search index against its source (the messages and their text).
    // FTS5 runs its check as a write command, so the writer runs it.
    Error ftsProblem;
    auto fts = write([&ftsProblem](Database &wdb) -> Status {
        if (auto st = wdb.exec(QStringLiteral("INSERT INTO message_search(message_search, rank) "
                                              "VALUES ('integrity-check', 1)"));
            !st)
            ftsProblem = st.error();
        return {};
    });
    if (!fts)
        return fts.error();
    if (ftsProblem)
        out << QStringLiteral("search index: %1").arg(ftsProblem.detail);
    auto fk = (*db)->query(QStringLiteral("PRAGMA foreign_key_check"));
    if (!fk)
        return fk.error();
    while (fk.value().next())
        out << QStringLiteral("foreign key violation in %1 row %2")
                   .arg(fk.value().value(0).toString(), fk.value().value(1).toString());
    return out;
}

Status MailStore::finishPendingReindex()
{
    auto db = reader();
    if (!db)
        return db.error();
    auto pending = (*db)->scalar(QStringLiteral("SELECT value FROM store_notes WHERE name = 'reindex-pending'"));
    if (!pending)
        return pending.error();
    if (!pending->isValid())
        return {};
    if (auto done = reindex(); !done)
        return done.error();
    return write([](Database &wdb) {
        return wdb.exec(QStringLiteral("DELETE FROM store_notes WHERE name = 'reindex-pending'"));
    });
}

Result<int> MailStore::reindex(const std::function<void(int, int)> &progress)
{
    auto db = reader();
    if (!db)
        return db.error();
    auto q = (*db)->query(QStringLiteral("SELECT id, folder_id, ifnull(account_id, 0), uidl, flags, received_at FROM "
                                         "messages ORDER BY id"));
    if (!q)
        return q.error();
    struct Row {
        qint64 id, folder, account;
        QByteArray uidl;
        int flags;
        qint64 received;
    };
    QList<Row> rows;
    while (q.value().next()) {
        rows << Row { q.value().value(0).toLongLong(), q.value().value(1).toLongLong(), q.value().value(2).toLongLong(),
            q.value().value(3).toByteArray(), q.value().value(4).toInt(), q.value().value(5).toLongLong() };
    }
    const int total = int(rows.size());
    int done = 0;
    constexpr int Batch = 200;
    for (qsizetype start = 0; start < rows.size(); start += Batch) {
        QList<PreparedMessage> prepared;
        QList<qint64> ids;
        for (const Row &r : rows.mid(start, Batch)) {
            auto raw = rawMessage(r.id);
            if (!raw) {
                if (raw.error().code == ErrorCode::NotFound)
                    continue;  // deleted meanwhile
                return raw.error();
            }
            MessagePreparer::Input in;
            in.raw = std::move(raw).value();
            in.folderId = r.folder;
            in.accountId = r.account;
            in.uidl = r.uidl;
            in.flags = r.flags;
            in.receivedAt = fromMs(r.received);
            auto p = MessagePreparer::prepare(std::move(in));
            if (!p)
                return p.error();
            p.value().raw.clear();  // only the derived columns are written
            prepared << std::move(p).value();
            ids << r.id;
        }
        auto st = write([&](Database &wdb) -> Status {
            if (auto s = indexPending(wdb); !s)
                return s;
            for (qsizetype i = 0; i < prepared.size(); ++i) {
                // (A message deleted since it was read is skipped.)
                if (auto updated = updateDerived(wdb, ids.at(i), prepared.at(i)); !updated)
                    return updated.error();
            }
            return {};
        });
        if (!st)
            return st.error();
        done += int(prepared.size());
        if (progress)
            progress(done, total);
    }
    return done;
}

// Writes the fields derived from a message's bytes; false when there is no
// such message (any more).
Result<bool> MailStore::updateDerived(Database &db, qint64 id, const PreparedMessage &m)
{
    auto updated = db.query(QStringLiteral("UPDATE messages SET date = ?, subject = ?, from_name = ?, "
                                           "from_address = ?, to_text = ?, cc_text = ?, message_id = ?, "
                                           "in_reply_to = ?, refs = ?, list_id = ?, has_attachments = ?, "
                                           "snippet = ?, parse_state = ? WHERE id = ?"),
        { toMs(m.date), notNull(m.subject), notNull(m.fromName), notNull(m.fromAddress), notNull(m.to), notNull(m.cc),
            textOrNull(m.messageId), textOrNull(m.inReplyTo), textOrNull(m.references), textOrNull(m.listId),
            m.hasAttachments, notNull(m.snippet), m.parseState, id });
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() == 0)
        return false;
    // An update re-indexes by trigger; a message without text yet gets it
    // and joins the index at the commit.
    auto text = db.query(QStringLiteral("UPDATE message_text SET body = ?, attachment_names = ? WHERE message_id = ?"),
        { notNull(m.bodyText), notNull(m.attachmentNames), id });
    if (!text)
        return text.error();
    if (text->numRowsAffected() > 0)
        return true;
    if (auto s = db.exec(QStringLiteral("INSERT INTO message_text(message_id, body, attachment_names) VALUES (?,?,?)"),
            { id, notNull(m.bodyText), notNull(m.attachmentNames) });
        !s)
        return s.error();
    addToIndexLater(id);
    return true;
}

Status MailStore::replaceContent(Database &db, qint64 id, const PreparedMessage &m)
{
    if (auto st = indexPending(db); !st)
        return st;
    auto updated = updateDerived(db, id, m);
    if (!updated)
        return updated.error();
    if (!*updated)
        return Error(ErrorCode::NotFound, QStringLiteral("message %1").arg(id));
    if (auto st = db.exec(QStringLiteral("UPDATE messages SET size = ?, flags = flags & ~? WHERE id = ?"),
            { m.size, int(Flag::Partial), id });
        !st)
        return st;
    if (auto st = db.exec(QStringLiteral("DELETE FROM message_chunks WHERE message_id = ?"), { id }); !st)
        return st;
    return writeChunks(db, id, m);
}

Status MailStore::backupTo(const QString &file)
{
    if (QFile::exists(file))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 exists already").arg(file));
    auto db = reader();
    if (!db)
        return db.error();
    // Created empty and owner-only first: mail is never world-readable,
    // not even while the copy is written.
    QFile empty;
    if (auto st = Poplar::NewFile::openExclusive(empty, file); !st)
        return st;
    empty.close();
    if (auto st = (*db)->exec(QStringLiteral("VACUUM INTO ?"), { QFileInfo(file).absoluteFilePath() }); !st) {
        QFile::remove(file);
        return st;
    }
    // On the disk before it counts as a backup: the copy, then its name.
    // One the disk did not confirm is not left behind as if it were good.
    if (auto st = Poplar::DiskSync::file(file); !st) {
        QFile::remove(file);
        return st;
    }
    if (auto st = Poplar::DiskSync::directory(QFileInfo(file).absolutePath()); !st) {
        QFile::remove(file);
        return st;
    }
    return {};
}

Status MailStore::restoreFrom(const QString &backupFile, const QString &profileDir)
{
    if (!QFile::exists(backupFile))
        return Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(backupFile));
    // Only into a profile with no store at all: if Poplar had ever opened it
    // (or has it open now), replacing the file under its connections could
    // lose mail it is committing.
    const QString target = Profile::databasePath(profileDir);
    for (const QString &f : QStringList { target, target + QStringLiteral("-wal"), target + QStringLiteral("-shm") }) {
        if (QFile::exists(f))
            return Error(ErrorCode::InvalidArgument,
                QStringLiteral("the profile %1 already has a store; restore into an empty profile").arg(profileDir));
    }
    if (auto st = Profile::ensureDirectory(profileDir); !st)
        return st;
    const QString temp = target + QStringLiteral(".restoring");
    QFile::remove(temp);
    {
        Database backup;
        if (auto st = backup.open(backupFile, Database::Mode::ReadOnly); !st)
            return st;
        auto check = backup.scalar(QStringLiteral("PRAGMA integrity_check"));
        if (!check)
            return check.error();
        if (check->toString() != QLatin1String("ok"))
            return Error(ErrorCode::StoreCorrupt, QStringLiteral("the backup is damaged: %1").arg(check->toString()));
        auto version = Schema::version(backup);
        if (!version)
            return version.error();
        if (*version < 1 || *version > Schema::latestVersion())
            return Error(ErrorCode::StoreCorrupt, QStringLiteral("not a Poplar backup (schema %1)").arg(*version));
        // A fresh, compact copy that includes anything still in the
        // backup's own WAL, written owner-only from the start.
        QFile empty(temp);
        if (!empty.open(QIODevice::WriteOnly))
            return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write in %1").arg(profileDir));
        empty.close();
        QFile::setPermissions(temp, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (auto st = backup.exec(QStringLiteral("VACUUM INTO ?"), { temp }); !st) {
            QFile::remove(temp);
            return st;
        }
    }
    if (auto st = Poplar::DiskSync::file(temp); !st) {
        QFile::remove(temp);
        return st;
    }
    if (!QFile::rename(temp, target)) {
        QFile::remove(temp);
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot put the backup in place"));
    }
    // The rename itself reaches the disk only with its directory.
    if (auto st = Poplar::DiskSync::directory(QDir(profileDir).absolutePath()); !st)
        return Error(st.error().code,
            QStringLiteral("the backup is in place in %1, but the disk did not confirm it: %2")
                .arg(profileDir, st.error().detail));
    return {};
}

// --- folder writes -----------------------------------------------------------

Status MailStore::validateAccountName(const QString &name)
{
    if (name.trimmed().isEmpty() || name.trimmed() != name || name.contains(QLatin1Char('/')) || name.size() > 255)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("invalid account name \"%1\"").arg(name));
    // Folder paths start with the account name, "Local" or "Trash".
    if (name.compare(QLatin1String("Local"), Qt::CaseInsensitive) == 0
        || name.compare(QLatin1String("Trash"), Qt::CaseInsensitive) == 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" is reserved for folders").arg(name));
    return {};
}

Result<qint64> MailStore::createAccount(
    const QString &name, const std::function<Status(Database &, qint64 accountId)> &alsoInTransaction)
{
    if (auto valid = validateAccountName(name); !valid)
        return valid.error();
    qint64 accountId = 0;
    auto st = write([&](Database &db) -> Status {
        auto taken = db.scalar(QStringLiteral("SELECT 1 FROM accounts WHERE name = ? COLLATE NOCASE"), { name });
        if (!taken)
            return taken.error();
        if (taken->isValid())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("an account named \"%1\" exists").arg(name));
        if (auto s = db.exec(QStringLiteral("INSERT INTO accounts(name, created_at, credential_key) "
                                            "VALUES (?, ?, lower(hex(randomblob(16))))"),
                { name, nowMs() });
            !s)
            return s;
        auto id = db.scalar(QStringLiteral("SELECT last_insert_rowid()"));
        if (!id)
            return id.error();
        accountId = id->toLongLong();
        if (auto s = db.exec(QStringLiteral("INSERT INTO folders(parent_id, name, kind, account_id, created_at) "
                                            "VALUES (NULL, ?, 1, ?, ?)"),
                { QStringLiteral("Inbox"), accountId, nowMs() });
            !s)
            return s;
        return alsoInTransaction ? alsoInTransaction(db, accountId) : Status();
    });
    if (!st)
        return st.error();
    return accountId;
}

Result<qint64> MailStore::createFolder(qint64 parentId, const QString &name)
{
    if (auto st = validateFolderName(name); !st)
        return st.error();
    qint64 folderId = 0;
    auto st = write([&](Database &db) -> Status {
        if (parentId) {
            FolderKind kind;
            if (auto k = folderKindOf(db, parentId, &kind); !k)
                return k.error();
            if (kind != FolderKind::Local)
                return Error(
                    ErrorCode::InvalidArgument, QStringLiteral("subfolders can only be made in local folders"));
        }
        auto dup = db.scalar(
            QStringLiteral("SELECT count(*) FROM folders WHERE ifnull(parent_id, 0) = ? AND name = ? AND kind = 0"),
            { parentId, name });
        if (!dup)
            return dup.error();
        if (dup->toInt() > 0)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("a folder \"%1\" exists already").arg(name));
        if (auto s = db.exec(QStringLiteral("INSERT INTO folders(parent_id, name, kind, account_id, created_at) "
                                            "VALUES (?, ?, 0, NULL, ?)"),
                { idOrNull(parentId), name, nowMs() });
            !s)
            return s;
        auto id = db.scalar(QStringLiteral("SELECT last_insert_rowid()"));
        if (!id)
            return id.error();
        folderId = id->toLongLong();
        return {};
    });
    if (!st)
        return st.error();
    return folderId;
}

Result<qint64> MailStore::ensureLocalFolder(const QString &path)
{
    if (!path.startsWith(QLatin1String("Local/")))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("local folder paths start with \"Local/\""));
    const QStringList parts = path.mid(6).split(QLatin1Char('/'));
    qint64 parent = 0;
    QString sofar = QStringLiteral("Local");
    for (const QString &part : parts) {
        sofar += QLatin1Char('/') + part;
        auto existing = folderByPath(sofar);
        if (existing) {
            parent = existing->id;
            continue;
        }
        if (existing.error().code != ErrorCode::NotFound)
            return existing.error();
        auto made = createFolder(parent, part);
        if (!made)
            return made.error();
        parent = *made;
    }
    return parent;
}

Status MailStore::renameFolder(qint64 id, const QString &name)
{
    if (auto st = validateFolderName(name); !st)
        return st;
    return write([&](Database &db) -> Status {
        FolderKind kind;
        if (auto k = folderKindOf(db, id, &kind); !k)
            return k.error();
        if (kind != FolderKind::Local)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("system folders cannot be renamed"));
        auto dup = db.scalar(QStringLiteral("SELECT count(*) FROM folders WHERE ifnull(parent_id, 0) = "
                                            "(SELECT ifnull(parent_id, 0) FROM folders WHERE id = ?) AND name = ? "
                                            "AND id != ? AND kind = 0"),
            { id, name, id });
        if (!dup)
            return dup.error();
        if (dup->toInt() > 0)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("a folder \"%1\" exists already").arg(name));
        return db.exec(QStringLiteral("UPDATE folders SET name = ? WHERE id = ?"), { name, id });
    });
}

Status MailStore::moveFolder(qint64 id, qint64 newParentId)
{
    return write([&](Database &db) -> Status {
        FolderKind kind;
        if (auto k = folderKindOf(db, id, &kind); !k)
            return k.error();
        if (kind != FolderKind::Local)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("system folders cannot be moved"));
        if (newParentId) {
            FolderKind parentKind;
            if (auto k = folderKindOf(db, newParentId, &parentKind); !k)
                return k.error();
            if (parentKind != FolderKind::Local)
                return Error(
                    ErrorCode::InvalidArgument, QStringLiteral("folders can only be moved into local folders"));
            // Not into itself or one of its own subfolders.
            auto inside = db.scalar(QStringLiteral("WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT f.id FROM "
                                                   "folders f JOIN sub ON f.parent_id = sub.id) "
                                                   "SELECT count(*) FROM sub WHERE id = ?"),
                { id, newParentId });
            if (!inside)
                return inside.error();
            if (inside->toInt() > 0)
                return Error(ErrorCode::InvalidArgument, QStringLiteral("a folder cannot move into itself"));
        }
        auto dup = db.scalar(QStringLiteral("SELECT count(*) FROM folders WHERE ifnull(parent_id, 0) = ? AND name = "
                                            "(SELECT name FROM folders WHERE id = ?) AND id != ? AND kind = 0"),
            { newParentId, id, id });
        if (!dup)
            return dup.error();
        if (dup->toInt() > 0)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("the target has a folder of that name"));
        return db.exec(QStringLiteral("UPDATE folders SET parent_id = ? WHERE id = ?"), { idOrNull(newParentId), id });
    });
}

Status MailStore::deleteFolder(qint64 id)
{
    return write([&](Database &db) -> Status {
        FolderKind kind;
        if (auto k = folderKindOf(db, id, &kind); !k)
            return k.error();
        if (kind != FolderKind::Local)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("system folders cannot be deleted"));
        auto trash = trashId(db);
        if (!trash)
            return trash.error();
        // The folder and all its subfolders, deepest first.
        auto q = db.query(QStringLiteral("WITH RECURSIVE sub(id, depth) AS (SELECT ?, 0 UNION ALL SELECT f.id, "
                                         "sub.depth + 1 FROM folders f JOIN sub ON f.parent_id = sub.id) "
                                         "SELECT id FROM sub ORDER BY depth DESC"),
            { id });
        if (!q)
            return q.error();
        QList<qint64> subtree;
        while (q.value().next())
            subtree << q.value().value(0).toLongLong();
        const QString ids = idList(subtree);
        if (auto s = db.exec(QStringLiteral("UPDATE messages SET trashed_from = NULL, trashed_at = ?, folder_id = ? "
                                            "WHERE folder_id IN (%1)")
                                 .arg(ids),
                { nowMs(), *trash });
            !s)
            return s;
        for (qint64 f : subtree) {
            if (auto s = db.exec(QStringLiteral("DELETE FROM folders WHERE id = ?"), { f }); !s)
                return s;
        }
        return {};
    });
}

// --- message writes ----------------------------------------------------------

Result<qint64> MailStore::insertPrepared(Database &db, const PreparedMessage &message)
{
    qint64 id = 0;
    if (auto st = insertOne(db, message, &id); !st)
        return st.error();
    return id;
}

Status MailStore::insertOne(Database &db, const PreparedMessage &m, qint64 *id)
{
    auto q = db.execCached(
        QStringLiteral("INSERT INTO messages(folder_id, account_id, uidl, received_at, date, size, subject, from_name, "
                       "from_address, to_text, cc_text, message_id, in_reply_to, refs, list_id, has_attachments, "
                       "snippet, flags, parse_state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        { m.folderId, idOrNull(m.accountId),
            m.uidl.isNull() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(m.uidl), toMs(m.receivedAt),
            toMs(m.date.isValid() ? m.date : m.receivedAt), m.size, notNull(m.subject), notNull(m.fromName),
            notNull(m.fromAddress), notNull(m.to), notNull(m.cc), textOrNull(m.messageId), textOrNull(m.inReplyTo),
            textOrNull(m.references), textOrNull(m.listId), m.hasAttachments, notNull(m.snippet), m.flags,
            m.parseState });
    if (!q)
        return q.error();
    const qint64 messageId = (*q)->lastInsertId().toLongLong();
    *id = messageId;
    if (auto st
        = db.execCached(QStringLiteral("INSERT INTO message_text(message_id, body, attachment_names) VALUES (?,?,?)"),
            { messageId, notNull(m.bodyText), notNull(m.attachmentNames) });
        !st)
        return st.error();
    addToIndexLater(messageId);

    return writeChunks(db, messageId, m);
}

// The raw bytes of `m` (in memory or in its file) as the chunks of message `messageId`.
Status MailStore::writeChunks(Database &db, qint64 messageId, const PreparedMessage &m)
{
    auto insertChunk = [&](qint64 seq, const QByteArray &data) -> Status {
        auto chunk = db.execCached(QStringLiteral("INSERT INTO message_chunks(message_id, seq, data) VALUES (?, ?, ?)"),
            { messageId, seq, data });
        if (!chunk) {
            Error e = chunk.error();
            e.detail = QStringLiteral("storing message data: ") + e.detail;
            return e;
        }
        return {};
    };
    qint64 written = 0;
    if (!m.rawFile.isEmpty()) {
        QFile file(m.rawFile);
        if (!file.open(QIODevice::ReadOnly))
            return Error(ErrorCode::NotFound, QStringLiteral("cannot read %1").arg(m.rawFile));
        for (qint64 seq = 0;; ++seq) {
            const QByteArray data = file.read(ChunkSize);
            if (data.isEmpty())
                break;
            if (auto st = insertChunk(seq, data); !st)
                return st;
            written += data.size();
        }
    } else {
        for (qint64 seq = 0, off = 0; off < m.raw.size(); ++seq, off += ChunkSize) {
            const qsizetype len = std::min<qsizetype>(ChunkSize, m.raw.size() - off);
            if (auto st = insertChunk(seq, QByteArray::fromRawData(m.raw.constData() + off, len)); !st)
                return st;
            written += len;
        }
    }
    if (written != m.size)
        return Error(ErrorCode::LocalWriteFailed,
            QStringLiteral("message data changed while stored (%1 of %2 octets)").arg(written).arg(m.size));
    return {};
}

Result<qint64> MailStore::insertMessage(
    const PreparedMessage &message, const std::function<Status(Database &, qint64)> &alsoInTransaction)
{
    qint64 id = 0;
    auto st = write([&](Database &db) -> Status {
        if (auto s = insertOne(db, message, &id); !s)
            return s;
        return alsoInTransaction ? alsoInTransaction(db, id) : Status();
    });
    if (!st)
        return st.error();
    return id;
}

std::future<Result<QList<qint64>>> MailStore::insertMessagesAsync(
    QList<PreparedMessage> messages, Durability durability)
{
    auto ids = std::make_shared<QList<qint64>>();
    auto written = writeAsync(
        [ids, messages = std::move(messages)](Database &db) -> Status {
            ids->clear();
            for (const PreparedMessage &m : messages) {
                qint64 id = 0;
                if (auto s = insertOne(db, m, &id); !s)
                    return s;
                *ids << id;
            }
            return {};
        },
        durability);
    return std::async(std::launch::deferred, [ids, written = std::move(written)]() mutable -> Result<QList<qint64>> {
        if (Status st = written.get(); !st)
            return st.error();
        return *ids;
    });
}

Result<QList<qint64>> MailStore::insertMessages(const QList<PreparedMessage> &messages)
{
    QList<qint64> ids;
    auto st = write([&](Database &db) -> Status {
        ids.clear();
        for (const PreparedMessage &m : messages) {
            qint64 id = 0;
            if (auto s = insertOne(db, m, &id); !s)
                return s;
            ids << id;
        }
        return {};
    });
    if (!st)
        return st.error();
    return ids;
}

Status MailStore::moveMessages(const QList<qint64> &ids, qint64 folderId)
{
    return write([&](Database &db) -> Status {
        FolderKind kind;
        if (auto k = folderKindOf(db, folderId, &kind); !k)
            return k.error();
        if (kind == FolderKind::Trash) {
            return forIdSlices(ids, [&](const QString &slice) {
                return db.exec(QStringLiteral("UPDATE messages SET trashed_from = folder_id, trashed_at = ?, "
                                              "folder_id = ? WHERE id IN (%1) AND folder_id != ?")
                                   .arg(slice),
                    { nowMs(), folderId, folderId });
            });
        }
        return forIdSlices(ids, [&](const QString &slice) {
            return db.exec(QStringLiteral("UPDATE messages SET folder_id = ?, trashed_from = NULL, trashed_at = NULL "
                                          "WHERE id IN (%1)")
                               .arg(slice),
                { folderId });
        });
    });
}

Result<QList<qint64>> MailStore::copyMessages(const QList<qint64> &ids, qint64 folderId)
{
    QList<qint64> copies;
    auto st = write([&](Database &db) -> Status {
        copies.clear();
        FolderKind kind;
        if (auto k = folderKindOf(db, folderId, &kind); !k)
            return k.error();
        for (qint64 id : ids) {
            // A copy is a local copy: it does not carry the server's UIDL, so
            // the fetch logic only ever sees the original.
            auto q = db.query(
                QStringLiteral("INSERT INTO messages(folder_id, account_id, uidl, received_at, date, size, subject, "
                               "from_name, from_address, to_text, cc_text, message_id, in_reply_to, refs, list_id, "
                               "has_attachments, snippet, flags, parse_state) SELECT ?, account_id, NULL, "
                               "received_at, date, size, subject, from_name, from_address, to_text, cc_text, "
                               "message_id, in_reply_to, refs, list_id, has_attachments, snippet, flags & ~8, "
                               "parse_state FROM messages WHERE id = ? AND (flags & 8) = 0"),
                { folderId, id });
            if (!q)
                return q.error();
            if (q.value().numRowsAffected() == 0)
                continue;  // gone, or partial (a partial message is not copied)
            const qint64 copy = q.value().lastInsertId().toLongLong();
            if (auto s = db.exec(QStringLiteral("INSERT INTO message_chunks(message_id, seq, data) SELECT ?, seq, data "
                                                "FROM message_chunks WHERE message_id = ? ORDER BY seq"),
                    { copy, id });
                !s)
                return s;
            if (auto s
                = db.exec(QStringLiteral("INSERT INTO message_text(message_id, body, attachment_names) "
                                         "SELECT ?, body, attachment_names FROM message_text WHERE message_id = ?"),
                    { copy, id });
                !s)
                return s;
            addToIndexLater(copy);
            copies << copy;
        }
        return {};
    });
    if (!st)
        return st.error();
    return copies;
}

Status MailStore::trashMessages(const QList<qint64> &ids)
{
    auto trash = trashFolderId();
    if (!trash)
        return trash.error();
    return moveMessages(ids, *trash);
}

Status MailStore::deleteMessagesPermanently(const QList<qint64> &ids)
{
    return write([&](Database &db) -> Status {
        if (auto s = indexPending(db); !s)
            return s;
        return forIdSlices(ids, [&](const QString &slice) {
            return db.exec(QStringLiteral("DELETE FROM messages WHERE id IN (%1)").arg(slice));
        });
    });
}

Status MailStore::emptyTrash()
{
    return write([&](Database &db) -> Status {
        auto trash = trashId(db);
        if (!trash)
            return trash.error();
        if (auto s = indexPending(db); !s)
            return s;
        return db.exec(QStringLiteral("DELETE FROM messages WHERE folder_id = ?"), { *trash });
    });
}

Status MailStore::setFlags(const QList<qint64> &ids, int set, int clear)
{
    // Partial is a fact about the stored bytes, not a user's mark.
    constexpr int UserFlags = Flag::Seen | Flag::Flagged | Flag::Answered;
    set &= UserFlags;
    clear &= UserFlags;
    return write([&](Database &db) -> Status {
        return forIdSlices(ids, [&](const QString &slice) {
            return db.exec(QStringLiteral("UPDATE messages SET flags = (flags | ?) & ~? WHERE id IN (%1)").arg(slice),
                { set, clear });
        });
    });
}

}  // namespace Store
