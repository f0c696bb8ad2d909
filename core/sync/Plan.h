#pragma once

#include "accounts/Account.h"
#include "common/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>
#include <vector>

namespace Sync {

// A message as the server lists it in this session.
struct ServerMessage {
    quint32 number = 0;  // the message number, valid for this session only
    quint64 size = 0;    // as LIST reports it
    QByteArray key;      // UIDL (or the fallback key); empty when unknown
};

enum class LedgerState {
    OnServer = 0,
    DeletedOnServer = 1,
    Partial = 2,  // on the server; only headers and first lines stored
};

// What the ledger remembers of a message an account downloaded.
struct LedgerEntry {
    QByteArray key;
    int occurrence = 1;    // the n-th message with this key on the server (broken servers repeat UIDLs)
    qint64 messageId = 0;  // the local copy; 0 once it was deleted for good
    qint64 size = 0;
    QDateTime firstSeenAt;
    LedgerState state = LedgerState::OnServer;
    QDateTime deletedLocallyAt;  // invalid while the local copy exists (or is in Trash)
};

// Why a message is to be deleted on the server.
enum class DeleteReason {
    AfterDownload,   // the account does not leave mail on the server
    DeletedLocally,  // deleted here, and the policy follows that
    KeepDays,        // older than the policy's N days since its first download
    KeepCount,       // beyond the policy's N messages (oldest first)
    KeepSize,        // beyond the policy's N MB (oldest first)
};

struct Download {
    quint32 number = 0;
    QByteArray key;
    int occurrence = 1;
    quint64 size = 0;
    bool partial = false;  // over the size limit: headers and first lines only
};

struct Deletion {
    quint32 number = 0;
    QByteArray key;
    int occurrence = 1;
    quint64 size = 0;
    DeleteReason reason = DeleteReason::AfterDownload;
    // Downloaded in this fetch: deleted only once its copy has committed.
    bool awaitsDownload = false;
};

struct LedgerKey {
    QByteArray key;
    int occurrence = 1;
    friend bool operator==(const LedgerKey &, const LedgerKey &) = default;
};

// What one fetch will do, decided from the server's list, the ledger, the
// policy and the time alone (no I/O): `poplar-cli fetch --dry-run` prints
// it, the fetch carries it out.
struct Plan {
    std::vector<Download> downloads;  // in message-number order
    std::vector<Deletion> deletions;  // in message-number order
    // Ledger entries the server no longer lists: they were deleted there.
    std::vector<LedgerKey> vanished;
    // Ledger entries marked deleted on the server that it lists again
    // (a QUIT whose answer was lost had not deleted them after all).
    std::vector<LedgerKey> reappeared;
    // Messages whose key the server repeats, held on the server until every
    // one of them is stored (a broken server: deleting "the" message with
    // that UIDL could hit the wrong one).
    int heldForDuplicateKeys = 0;
    // Kept on the server because only part of them is stored here.
    int heldAsPartial = 0;
    quint64 downloadBytes = 0;
    int alreadyStored = 0;                 // on the server and in the ledger
    std::optional<Poplar::Error> refused;  // the fetch must not go on (UidlUnsupported)
};

// Where the server messages' keys came from.
enum class KeySource {
    Uidl,      // the server's UIDL
    Fallback,  // Message-ID, size and Date (TOP): a server without UIDL
    None,      // nothing: a server without UIDL and TOP
};

struct PlanInput {
    std::vector<ServerMessage> server;  // in message-number order
    KeySource keys = KeySource::Uidl;
    bool fallbackAccepted = false;  // the user accepted KeySource::Fallback for leaving mail on the server
    QList<LedgerEntry> ledger;
    Accounts::Policy policy;
    QDateTime now;
};

[[nodiscard]] Plan makePlan(const PlanInput &input);

}  // namespace Sync
