#pragma once

#include "common/Error.h"
#include "common/Result.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace Store {
class Database;
class MailStore;
}  // namespace Store

namespace Sync {

struct FetchReport;

// One fetch as the history remembers it (table fetch_history).
struct FetchRecord {
    qint64 id = 0;  // newer fetches have greater ids
    qint64 accountId = 0;
    QDateTime startedAt;
    QDateTime finishedAt;
    int stored = 0;         // messages stored whole
    int storedPartial = 0;  // stored as headers and first lines
    int deletedOnServer = 0;
    quint64 bytesReceived = 0;           // message data read off the link
    std::optional<quint32> serverCount;  // STAT after login: messages on the server…
    std::optional<quint64> serverBytes;  // …and their octets; none when the fetch did not get that far
    // None: it succeeded. Otherwise the code, the response code and the
    // server's own words; never the client's technical detail.
    Poplar::Error error;

    [[nodiscard]] bool succeeded() const { return !error.isError(); }

    // What `report` (of a fetch of `accountId`) leaves in the history.
    [[nodiscard]] static FetchRecord from(qint64 accountId, const FetchReport &report);
};

// The recent fetches of each account, newest first, at most
// MaxPerAccount per account. FetchJob adds a record when a fetch ends (not
// for a dry run); a fetch killed midway leaves none.
namespace FetchHistory {

inline constexpr int MaxPerAccount = 50;

// Inside a write job (FetchJob: with the account's sync state). Drops the
// account's records beyond MaxPerAccount.
[[nodiscard]] Poplar::Status add(Store::Database &db, const FetchRecord &record);
// The account's newest `limit` records, newest first.
[[nodiscard]] Poplar::Result<QList<FetchRecord>> recent(Store::Database &db, qint64 accountId, int limit);
[[nodiscard]] Poplar::Result<QList<FetchRecord>> recent(
    Store::MailStore &store, qint64 accountId, int limit = MaxPerAccount);

}  // namespace FetchHistory

}  // namespace Sync
