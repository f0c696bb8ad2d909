#pragma once

#include "common/Result.h"
#include "store/Database.h"

#include <QStringList>

#include <functional>

namespace Store {

class MailStore;

// The full-text index (FTS5 table message_search) of the messages' text.
// A new message commits with a row in search_pending and joins the index
// later, in a transaction of its own (schema version 8): when the writer
// has nothing else to do and no fetch holds it off (MailStore::holdIndexing),
// and before any search, which therefore always finds every message stored.
class SearchIndex
{
public:
    // The most messages one indexing transaction takes: a write job waits
    // at most this long behind the indexing.
    static constexpr int SliceMessages = 256;

    // Inside a write job: message `messageId` (whose text row was just
    // written) waits to join the index.
    [[nodiscard]] static Poplar::Status addLater(Database &db, qint64 messageId);
    // Inside a write job: up to `limit` waiting messages join the index, in
    // one statement (FTS5 writes one index segment per statement). Returns
    // how many did.
    [[nodiscard]] static Poplar::Result<int> indexSome(Database &db, int limit = SliceMessages);
    // Indexes every waiting message, a slice per transaction so that other
    // writes go on between them (a search calls this first).
    [[nodiscard]] static Poplar::Status catchUp(MailStore &store);

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
