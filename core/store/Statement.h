#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

struct sqlite3_stmt;

namespace Store {

// A statement prepared once per connection and run with SQLite's own
// bindings (Database::prepared). For the few statements that run once per
// stored message: there QSqlQuery's bindings cost more than the statement
// itself (a placeholder name built for every value, text handed over as
// UTF-16 for SQLite to convert again).
//
// Values are given in the order of the ?s, then run(); run() resets the
// statement for its next use, whether it succeeded or not.
class Statement
{
public:
    explicit Statement(sqlite3_stmt *statement);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &integer(qint64 value);
    // SQL NULL for a null QString (as QSqlQuery binds one).
    Statement &text(const QString &value);
    // The bytes as a BLOB, SQL NULL for a null view. They are not copied:
    // they must stay alive until run() returns.
    Statement &blob(QByteArrayView bytes);
    Statement &null();

    // Steps to the end. An error carries SQLite's code and text (as
    // Database::errorFrom words it).
    [[nodiscard]] Poplar::Status run();
    // The row id of the last row this connection inserted.
    [[nodiscard]] qint64 lastInsertId() const;

private:
    sqlite3_stmt *m_statement;
    int m_next = 1;
    std::vector<QByteArray> m_texts;  // UTF-8 kept until run()
};

}  // namespace Store
