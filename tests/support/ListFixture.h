#pragma once

// Many message rows at once for list and UI tests: what a message list
// shows (folder, dates, senders, subjects, sizes, flags), written with one
// statement. The rows have no raw bytes or search text: enough for lists,
// not for reading or searching.

#include "store/Database.h"
#include "store/Store.h"

#include <QDateTime>

namespace ListFixture {

// Adds `count` messages to `folderId`: message i (1-based) is dated i
// minutes after `start`, from "Sender <i mod 97>", subject "Subject <i>",
// size 1000 + i, every third one read, every tenth flagged.
[[nodiscard]] inline Poplar::Status fill(Store::MailStore &store, qint64 folderId, int count,
    const QDateTime &start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC))
{
    return store.write([&](Store::Database &db) -> Poplar::Status {
        return db.exec(
            QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                "INSERT INTO messages(folder_id, received_at, date, size, subject, from_name, from_address, flags) "
                "SELECT ?, ? + i * 60000, ? + i * 60000, 1000 + i, 'Subject ' || i, 'Sender ' || (i % 97), "
                "'sender' || (i % 97) || '@example.org', (CASE WHEN i % 3 = 0 THEN 1 ELSE 0 END) "
                "| (CASE WHEN i % 10 = 0 THEN 2 ELSE 0 END) FROM n"),
            { count, folderId, start.toMSecsSinceEpoch(), start.toMSecsSinceEpoch() });
    });
}

}  // namespace ListFixture
