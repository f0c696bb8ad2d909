#pragma once

#include "common/Result.h"
#include "store/Statement.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <memory>
#include <string>
#include <unordered_map>

namespace Store {

// One SQLite connection (QSqlDatabase) with Poplar's settings: WAL, foreign
// keys, full fsync on commit (mail is deleted on the server after a commit,
// so a commit must survive a power loss), a busy timeout so the desktop app
// and the CLI can share a profile. A connection belongs to the thread that
// opened it.
class Database
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    [[nodiscard]] Poplar::Status open(const QString &path, Mode mode = Mode::ReadWrite);
    void close();
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] QSqlDatabase &handle() { return m_db; }
    [[nodiscard]] const QString &path() const { return m_path; }

    // Runs one statement with positional bindings.
    [[nodiscard]] Poplar::Status exec(const QString &sql, std::initializer_list<QVariant> bindings = {});
    // Prepares and binds; check the result before using the query.
    [[nodiscard]] Poplar::Result<QSqlQuery> query(const QString &sql, std::initializer_list<QVariant> bindings = {});
    [[nodiscard]] Poplar::Result<QSqlQuery> query(const QString &sql, const QVariantList &bindings);
    // Runs a statement prepared once per connection (for hot paths such as
    // storing messages: preparing a statement that fires the search-index
    // triggers costs more than running it). The query stays valid until the
    // next exec() of the same SQL; read what you need before that.
    [[nodiscard]] Poplar::Result<QSqlQuery *> execCached(const QString &sql, std::initializer_list<QVariant> bindings);
    // The same for the statements run once per stored message, with
    // SQLite's own bindings (see Statement). Valid until the connection closes.
    [[nodiscard]] Poplar::Result<Statement *> prepared(const char *sql);
    // The first column of the first row, or an invalid QVariant.
    [[nodiscard]] Poplar::Result<QVariant> scalar(const QString &sql, std::initializer_list<QVariant> bindings = {});

    [[nodiscard]] Poplar::Status begin(bool immediate = true);
    [[nodiscard]] Poplar::Status commit();
    void rollback();

    // An error for a failed query: disk full and I/O errors become
    // LocalWriteFailed, everything else InvalidState, with SQLite's text as detail.
    [[nodiscard]] static Poplar::Error errorFrom(const QSqlQuery &q, const QString &what);
    // The same from an SQLite result code and a text.
    [[nodiscard]] static Poplar::Error sqliteError(int code, const QString &detail);

private:
    QSqlDatabase m_db;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_cache;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_statements;
    QString m_connectionName;
    QString m_path;
};

// Rolls back unless commit() was called: every multi-statement write uses one.
class Transaction
{
public:
    explicit Transaction(Database &db)
        : m_db(db)
    { }
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    [[nodiscard]] Poplar::Status begin();
    [[nodiscard]] Poplar::Status commit();

private:
    Database &m_db;
    bool m_active = false;
};

}  // namespace Store
