#pragma once

#include "accounts/Account.h"
#include "common/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>
#include <set>
#include <vector>

namespace Sync {

// A message as the server lists it in this session.
struct ServerMessage {
    quint32 number = 0;  // the message number, valid for this session only
    quint64 size = 0;    // as LIST reports it
    // UIDL (or the fallback key); empty when unknown: a server without UIDL
    // and TOP, or one whose UIDL list left this message out.
    QByteArray key;
};

enum class LedgerState {
    OnServer = 0,
    DeletedOnServer = 1,
    Partial = 2,  // on the server; only headers and first lines stored
};

// Why a stored message is never deleted on the server automatically (only
// when the user asks for it, message by message).
enum class Hold {
    None = 0,
    // What arrived differed in size from what LIST said by more than line
    // ends explain: the server may have sent something else than the message.
    SizeMismatch = 1,
    // The server listed it without a UIDL: nothing tells it from another.
    NoUidl = 2,
};

// What the ledger remembers of a message an account downloaded.
struct LedgerEntry {
    QByteArray key;
    int occurrence = 1;    // the n-th message with this key on the server (broken servers repeat UIDLs)
    qint64 messageId = 0;  // the local copy; 0 once it was deleted for good
    qint64 size = 0;       // as LIST gave it when it was stored
    QDateTime firstSeenAt;
    LedgerState state = LedgerState::OnServer;
    QDateTime deletedLocallyAt;  // invalid while the local copy exists (or is in Trash)
    Hold hold = Hold::None;
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
    QByteArray key;  // empty: the server gave none; recognised by its content once here
    int occurrence = 1;
    quint64 size = 0;
    bool partial = false;  // over the size limit: headers and first lines only
    // The ledger has this key for a message of another size, or for one
    // deleted there whose local copy is gone: that message is not this one
    // (the key was reused), and this one takes its ledger entry when stored.
    bool replacesEntry = false;
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
    // Ledger entries marked deleted on the server that it lists again, with
    // the size they had, whose header matched the local copy (a server that
    // confirmed a deletion it did not make). One no header confirmed — its
    // copy gone, or no header to read — is downloaded instead: it may be new
    // mail behind a reused UIDL.
    std::vector<LedgerKey> reappeared;
    // Messages whose key the server repeats, held on the server until every
    // one of them is stored (a broken server: deleting "the" message with
    // that UIDL could hit the wrong one).
    int heldForDuplicateKeys = 0;
    // Kept on the server because only part of them is stored here.
    int heldAsPartial = 0;
    // Kept on the server because a Hold says so (never automatically).
    int heldForSizeMismatch = 0;
    int heldWithoutUidl = 0;
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
    // Keys whose ledger entry a header showed to be another message.
    std::vector<LedgerKey> notTheSame;
    // Keys whose message a header showed to be the ledger's entry under them
    // now (an entry deleted there counts as listed again only so).
    std::vector<LedgerKey> confirmed;
    Accounts::Policy policy;
    QDateTime now;
};

[[nodiscard]] Plan makePlan(const PlanInput &input);

// The plan's deletions that may be sent now (DELE), in message-number order:
// a message downloaded in this fetch only once its copy has committed
// (`committed`) and not held on arrival (`held`: it came, but not as LIST
// announced it); and while a key is listed for several messages, none of
// them before every one of them has committed.
[[nodiscard]] QList<quint32> deletableNow(
    const Plan &plan, const std::set<quint32> &committed, const std::set<quint32> &held);

}  // namespace Sync
