#pragma once

#include "common/Result.h"
#include "store/Database.h"

#include <QStringList>

#include <functional>

namespace Store {

class MailStore;

// The full-text index (FTS5 table message_search) of the messages' text.
// New messages join it when their write job commits, all in one statement:
// FTS5 writes the terms it holds in memory out as a new index segment at
// every statement savepoint, so one statement per transaction keeps one
// segment per transaction instead of one per message.
class SearchIndex
{
public:
    // Inside a write job: message `messageId` (whose text row was just
    // written) joins the index when the job commits.
    static void addLater(qint64 messageId);
    // Adds the messages waiting to join. A job that deletes or re-derives
    // messages it may have written itself calls this first: FTS5 can only
    // remove an entry it holds.
    [[nodiscard]] static Poplar::Status indexPending(Database &db);
    // Forgets the waiting ones (a transaction starts, or ended).
    static void forgetPending();

    // FTS5's own check of the index against its source, as problems found
    // (none: empty). Runs as a write (FTS5 needs one).
    [[nodiscard]] static Poplar::Result<QStringList> check(MailStore &store);

    // Derives every message's columns again from its raw bytes (after a
    // parser improvement, or to repair). Returns the number of messages.
    [[nodiscard]] static Poplar::Result<int> reindex(
        MailStore &store, const std::function<void(int done, int total)> &progress = {});
    // Runs the reindex a migration asked for, if it has not completed yet.
    [[nodiscard]] static Poplar::Status finishPendingReindex(MailStore &store);
};

}  // namespace Store
