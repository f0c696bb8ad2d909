#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/StoreTypes.h"

#include <QList>

namespace Store {

// Writing messages, inside a write job: storing one (its row, its text for
// the search index and its raw bytes in chunks), replacing its content,
// moving, copying, trashing, deleting and marking.
class Messages
{
public:
    static constexpr qsizetype ChunkSize = 1024 * 1024;

    [[nodiscard]] static Poplar::Result<qint64> insert(Database &db, const PreparedMessage &message);
    // Gives message `id` the bytes of `message` (and everything derived
    // from them) in place of what it had, and clears its Partial flag.
    [[nodiscard]] static Poplar::Status replaceContent(Database &db, qint64 id, const PreparedMessage &message);
    // Writes the fields derived from a message's bytes; false when there is
    // no such message (any more).
    [[nodiscard]] static Poplar::Result<bool> updateDerived(Database &db, qint64 id, const PreparedMessage &message);

    [[nodiscard]] static Poplar::Status move(Database &db, const QList<qint64> &ids, qint64 folderId);
    // Local copies (no UIDL); partial messages are not copied.
    [[nodiscard]] static Poplar::Result<QList<qint64>> copy(Database &db, const QList<qint64> &ids, qint64 folderId);
    [[nodiscard]] static Poplar::Status removePermanently(Database &db, const QList<qint64> &ids);
    // Deletes those of `ids` that are in `folderId` now (one moved out
    // since it was listed stays); returns how many went.
    [[nodiscard]] static Poplar::Result<int> removeFromFolder(Database &db, const QList<qint64> &ids, qint64 folderId);
    [[nodiscard]] static Poplar::Status emptyTrash(Database &db);
    // Sets and clears the user's marks (Seen, Flagged, Answered; never Partial).
    [[nodiscard]] static Poplar::Status setFlags(Database &db, const QList<qint64> &ids, int set, int clear);

private:
    static Poplar::Status writeChunks(Database &db, qint64 messageId, const PreparedMessage &m);
};

}  // namespace Store
