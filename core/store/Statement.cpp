#include "store/Statement.h"

#include "store/Database.h"

#include <sqlite3.h>

namespace Store {

Statement::Statement(sqlite3_stmt *statement)
    : m_statement(statement)
{ }

Statement::~Statement()
{
    sqlite3_finalize(m_statement);
}

Statement &Statement::integer(qint64 value)
{
    sqlite3_bind_int64(m_statement, m_next++, value);
    return *this;
}

Statement &Statement::text(const QString &value)
{
    if (value.isNull())
        return null();
    m_texts.push_back(value.toUtf8());
    const QByteArray &utf8 = m_texts.back();
    sqlite3_bind_text(m_statement, m_next++, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    return *this;
}

Statement &Statement::blob(QByteArrayView bytes)
{
    if (bytes.isNull())
        return null();
    // A non-null pointer even for no bytes: an empty BLOB, not NULL.
    static const char none = 0;
    sqlite3_bind_blob64(
        m_statement, m_next++, bytes.isEmpty() ? &none : bytes.data(), sqlite3_uint64(bytes.size()), SQLITE_STATIC);
    return *this;
}

Statement &Statement::null()
{
    sqlite3_bind_null(m_statement, m_next++);
    return *this;
}

Poplar::Status Statement::run()
{
    int rc = sqlite3_step(m_statement);
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(m_statement);
    Poplar::Status result;
    if (rc != SQLITE_DONE) {
        sqlite3 *db = sqlite3_db_handle(m_statement);
        result = Database::sqliteError(sqlite3_extended_errcode(db),
            QStringLiteral("query failed: ") + QString::fromUtf8(sqlite3_errmsg(db)));
    }
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    m_texts.clear();
    m_next = 1;
    return result;
}

qint64 Statement::lastInsertId() const
{
    return sqlite3_last_insert_rowid(sqlite3_db_handle(m_statement));
}

}  // namespace Store
