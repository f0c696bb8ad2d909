#pragma once

#include "common/Result.h"
#include "sync/Plan.h"

#include <QDateTime>
#include <QList>

#include <optional>
#include <vector>

namespace Store {
class Database;
class MailStore;
}  // namespace Store

namespace Sync {

// The ledger (table pop3_ledger): per account, every message a fetch
// stored, by its server key, and whether it is still on the server. A
// ledger row is only ever written in the transaction that stores its
// message, so the two commit together or not at all.
// A ledger entry with the account it belongs to.
struct LedgerRow {
    qint64 accountId = 0;
    LedgerEntry entry;
    bool fallbackKey = false;  // the key is the Message-ID/size/Date fallback, not a UIDL
};

// A ledger entry on the server whose local copy exists, with what identifies
// that copy: what a UIDL storm matches the server's messages against.
struct LocalCopy {
    LedgerEntry entry;
    QByteArray headerMessageId;  // the copy's Message-ID, without angle brackets; empty when it has none
    qint64 storedSize = 0;       // the copy's bytes (of a partial copy: only those stored)
};

// An entry's new key: the server lists the same message under another UIDL.
struct LedgerRekey {
    LedgerKey from;
    LedgerKey to;
    qint64 size = 0;  // as the server lists it now
};

namespace Ledger {

[[nodiscard]] Poplar::Result<QList<LedgerEntry>> load(Store::Database &db, qint64 accountId);
// The entry of a local message a fetch stored (none for mail from elsewhere,
// or whose local copy is gone).
[[nodiscard]] Poplar::Result<std::optional<LedgerRow>> byMessage(Store::Database &db, qint64 messageId);
// Adds the entry for a message just stored (in the same transaction).
[[nodiscard]] Poplar::Status add(Store::Database &db, qint64 accountId, const LedgerEntry &entry, bool fallbackKey);
[[nodiscard]] Poplar::Status setState(
    Store::Database &db, qint64 accountId, const std::vector<LedgerKey> &keys, LedgerState state);
// The account's entries whose local copy still exists, oldest first: those
// on the server (or stored in part), and with `deletedOnServer` those
// deleted there too.
[[nodiscard]] Poplar::Result<QList<LocalCopy>> localCopies(
    Store::Database &db, qint64 accountId, bool deletedOnServer = false);
// Moves entries to the keys the server now lists them under, with its size;
// when they were first seen and whether they are stored whole stay. Keys may
// be exchanged among the moving entries; an entry under a `to` key that does
// not move itself is dropped: the server no longer lists its message there.
[[nodiscard]] Poplar::Status rekey(Store::Database &db, qint64 accountId, const std::vector<LedgerRekey> &rekeys);

}  // namespace Ledger

// A message whose download ended a session (table pop3_troublesome), by its
// key, occurrence and LIST size.
struct Troublesome {
    LedgerKey key;
    quint64 size = 0;
    int failures = 0;
    QDateTime lastFailedAt;
    QDateTime lastTriedAt;
    QString lastError;  // the error code's name
    QString subject;    // from its header, when it could be read
};

namespace TroublesomeMessages {

[[nodiscard]] Poplar::Result<QList<Troublesome>> load(Store::Database &db, qint64 accountId);
// One more failure of this message (its subject, when known, is kept).
[[nodiscard]] Poplar::Status recordFailure(Store::Database &db, qint64 accountId, const Troublesome &failure);
// It was tried alone and did not end the session (the row stays until it is stored).
[[nodiscard]] Poplar::Status recordTry(Store::Database &db, qint64 accountId, const Troublesome &tried);
// It is stored now, or gone from the server.
[[nodiscard]] Poplar::Status forget(Store::Database &db, qint64 accountId, const LedgerKey &key, quint64 size);
// Drops every row of the account but those listed (the server has the others no more).
[[nodiscard]] Poplar::Status keepOnly(Store::Database &db, qint64 accountId, const QList<Troublesome> &listed);

}  // namespace TroublesomeMessages

// What the server told about itself, and how the account's fetches went
// (table account_sync_state).
struct SyncState {
    // After a login refused with [LOGIN-DELAY] when the server never said
    // its delay: the next waits this long.
    static constexpr int DefaultLoginDelaySeconds = 15 * 60;

    QDateTime lastAttemptAt;
    QDateTime lastLoginAt;
    QDateTime lastSuccessAt;
    // The server refused a login with [LOGIN-DELAY]: none before this.
    QDateTime loginNotBefore;
    std::optional<int> loginDelaySeconds;  // LOGIN-DELAY
    std::optional<int> expireDays;         // EXPIRE: -1 never, 0 at QUIT, else days
    std::optional<bool> uidlSupported;
    int failures = 0;           // fetches failed in a row
    QString lastError;          // the code's name, empty after a success
    QByteArray lastServerText;  // the server's words with it (raw, bounded)

    // The earliest moment LOGIN-DELAY allows the next login (invalid: any
    // time): after the last login by the server's delay, and not before a
    // refusal's loginNotBefore.
    [[nodiscard]] QDateTime nextLoginAllowedAt() const;
    // The server refused a login at `now` with [LOGIN-DELAY]: the next waits
    // its delay, as far as it is known (`fallbackSeconds` when not).
    void loginRefusedForDelay(const QDateTime &now, int fallbackSeconds);
    // LoginDelay when logging in at `now` would be sooner than that (a job
    // then refuses without connecting: the server may count the attempt).
    [[nodiscard]] std::optional<Poplar::Error> loginDelayRefusal(const QDateTime &now) const;

    [[nodiscard]] static Poplar::Result<SyncState> load(Store::Database &db, qint64 accountId);
    [[nodiscard]] Poplar::Status save(Store::Database &db, qint64 accountId) const;
};

}  // namespace Sync
