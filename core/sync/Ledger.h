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
}  // namespace Sync
