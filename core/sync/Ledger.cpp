#include "sync/Ledger.h"

#include "store/Database.h"
#include "sync/StoredTime.h"

#include <algorithm>

namespace Sync {

using Poplar::Result;
using Poplar::Status;
using Store::Database;

namespace {

// The columns fromRow() reads, of the table called `table` in the query.
QString columns(const QString &table = {})
{
    return QStringLiteral("%1uidl, %1occurrence, ifnull(%1message_id, 0), %1size, %1first_seen_at, %1state, "
                          "%1deleted_locally_at, %1hold")
        .arg(table.isEmpty() ? QString() : table + QLatin1Char('.'));
}

QVariant blob(const QByteArray &key)
{
    return QVariant(key.isNull() ? QByteArray("") : key);
}

LedgerEntry fromRow(const QSqlQuery &q)
{
    LedgerEntry e;
    e.key = q.value(0).toByteArray();
    e.occurrence = q.value(1).toInt();
    e.messageId = q.value(2).toLongLong();
    e.size = q.value(3).toLongLong();
    e.firstSeenAt = timeFromStore(q.value(4));
    e.state = LedgerState(q.value(5).toInt());
    e.deletedLocallyAt = timeFromStore(q.value(6));
    e.hold = Hold(q.value(7).toInt());
    return e;
}

// The first column after columns() in a query.
constexpr int AfterColumns = 8;

}  // namespace

Result<QList<LedgerEntry>> Ledger::load(Database &db, qint64 accountId)
{
    auto q = db.query(QStringLiteral("SELECT %1 FROM pop3_ledger WHERE account_id = ?").arg(columns()), { accountId });
    if (!q)
        return q.error();
    QList<LedgerEntry> out;
    while (q.value().next())
        out << fromRow(*q);
    return out;
}

Result<std::optional<LedgerRow>> Ledger::byMessage(Database &db, qint64 messageId)
{
    auto q = db.query(
        QStringLiteral("SELECT %1, account_id, fallback FROM pop3_ledger WHERE message_id = ?").arg(columns()),
        { messageId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<LedgerRow>();
    LedgerRow row;
    row.entry = fromRow(*q);
    row.accountId = q.value().value(AfterColumns).toLongLong();
    row.fallbackKey = q.value().value(AfterColumns + 1).toBool();
    return std::optional<LedgerRow>(row);
}

Status Ledger::add(Database &db, qint64 accountId, const LedgerEntry &e, bool fallbackKey)
{
    // The key goes in as a BLOB: UIDLs are bytes, and "abc" must not equal a
    // text 'abc'. An entry already under the key is a message the server no
    // longer has under it (it reused the key): the new one takes its place,
    // and the old local copy stays, no longer tied to the server.
    auto insert = db.prepared(
        "INSERT INTO pop3_ledger(account_id, uidl, occurrence, fallback, message_id, size, "
        "first_seen_at, state, hold) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(account_id, uidl, occurrence) DO UPDATE SET fallback = excluded.fallback, "
        "message_id = excluded.message_id, size = excluded.size, first_seen_at = "
        "excluded.first_seen_at, state = excluded.state, hold = excluded.hold, deleted_locally_at = NULL");
    if (!insert)
        return insert.error();
    Store::Statement &row = **insert;
    const QByteArray key = blob(e.key).toByteArray();
    row.integer(accountId).blob(key).integer(e.occurrence).integer(int(fallbackKey));
    e.messageId ? row.integer(e.messageId) : row.null();
    row.integer(e.size);
    e.firstSeenAt.isValid() ? row.integer(e.firstSeenAt.toMSecsSinceEpoch()) : row.null();  // as storedTime()
    return row.integer(int(e.state)).integer(int(e.hold)).run();
}

Status Ledger::setState(Database &db, qint64 accountId, const std::vector<LedgerKey> &keys, LedgerState state)
{
    for (const LedgerKey &k : keys) {
        auto q = db.execCached(
            QStringLiteral("UPDATE pop3_ledger SET state = ? WHERE account_id = ? AND uidl = ? AND occurrence = ?"),
            { int(state), accountId, blob(k.key), k.occurrence });
        if (!q)
            return q.error();
    }
    return {};
}

Result<QList<LocalCopy>> Ledger::localCopies(Database &db, qint64 accountId, bool deletedOnServer)
{
    auto q = db.query(QStringLiteral("SELECT %1, m.message_id, m.size FROM pop3_ledger l JOIN messages m "
                                     "ON m.id = l.message_id WHERE l.account_id = ? AND (? OR l.state <> ?) "
                                     "ORDER BY l.first_seen_at, l.id")
                          .arg(columns(QStringLiteral("l"))),
        { accountId, int(deletedOnServer), int(LedgerState::DeletedOnServer) });
    if (!q)
        return q.error();
    QList<LocalCopy> out;
    while (q.value().next()) {
        LocalCopy c;
        c.entry = fromRow(*q);
        c.headerMessageId = q.value().value(AfterColumns).toString().toUtf8();
        c.storedSize = q.value().value(AfterColumns + 1).toLongLong();
        out << c;
    }
    return out;
}

Status Ledger::rekey(Database &db, qint64 accountId, const std::vector<LedgerRekey> &rekeys)
{
    // Keys may move in a circle (a server that renumbers gives one message
    // the UIDL another had): every moving entry first gets a key no server
    // message can have, then its new one.
    auto parked
        = [](std::size_t i) -> QByteArray { return QByteArray("\x01rekey:") + QByteArray::number(qulonglong(i)); };
    for (std::size_t i = 0; i < rekeys.size(); ++i) {
        const LedgerRekey &r = rekeys[i];
        auto q = db.execCached(QStringLiteral("UPDATE pop3_ledger SET uidl = ?, occurrence = 1 "
                                              "WHERE account_id = ? AND uidl = ? AND occurrence = ?"),
            { blob(parked(i)), accountId, blob(r.from.key), r.from.occurrence });
        if (!q)
            return q.error();
        if ((*q)->numRowsAffected() != 1)
            return Poplar::Error(Poplar::ErrorCode::InvalidState,
                QStringLiteral("account %1 has no ledger entry %2/%3 to re-key")
                    .arg(accountId)
                    .arg(QString::fromLatin1(r.from.key.toHex()))
                    .arg(r.from.occurrence));
    }
    for (std::size_t i = 0; i < rekeys.size(); ++i) {
        const LedgerRekey &r = rekeys[i];
        // An entry still under the new key is a message the server no
        // longer lists under it: the key belongs to this one now.
        auto gone = db.execCached(
            QStringLiteral("DELETE FROM pop3_ledger WHERE account_id = ? AND uidl = ? AND occurrence = ?"),
            { accountId, blob(r.to.key), r.to.occurrence });
        if (!gone)
            return gone.error();
        // Under a UIDL now: an entry held for having none is free of that.
        auto q
            = db.execCached(QStringLiteral("UPDATE pop3_ledger SET uidl = ?, occurrence = ?, size = ?, fallback = 0, "
                                           "hold = CASE WHEN hold = ? THEN ? ELSE hold END "
                                           "WHERE account_id = ? AND uidl = ? AND occurrence = 1"),
                { blob(r.to.key), r.to.occurrence, r.size, int(Hold::NoUidl), int(Hold::None), accountId,
                    blob(parked(i)) });
        if (!q)
            return q.error();
        // The local copy's own note of where it came from follows.
        auto m = db.execCached(QStringLiteral("UPDATE messages SET uidl = ? WHERE id = (SELECT message_id FROM "
                                              "pop3_ledger WHERE account_id = ? AND uidl = ? AND occurrence = ?)"),
            { blob(r.to.key), accountId, blob(r.to.key), r.to.occurrence });
        if (!m)
            return m.error();
    }
    return {};
}

Result<QList<Troublesome>> TroublesomeMessages::load(Database &db, qint64 accountId)
{
    auto q = db.query(QStringLiteral("SELECT uidl, occurrence, size, failures, last_failed_at, last_tried_at, "
                                     "ifnull(last_error, ''), ifnull(subject, '') FROM pop3_troublesome "
                                     "WHERE account_id = ?"),
        { accountId });
    if (!q)
        return q.error();
    QList<Troublesome> out;
    while (q.value().next()) {
        Troublesome t;
        t.key = { q->value(0).toByteArray(), q->value(1).toInt() };
        t.size = q->value(2).toULongLong();
        t.failures = q->value(3).toInt();
        t.lastFailedAt = timeFromStore(q->value(4));
        t.lastTriedAt = timeFromStore(q->value(5));
        t.lastError = q->value(6).toString();
        t.subject = q->value(7).toString();
        out << t;
    }
    return out;
}

Status TroublesomeMessages::recordFailure(Database &db, qint64 accountId, const Troublesome &t)
{
    return db.exec(
        QStringLiteral("INSERT INTO pop3_troublesome(account_id, uidl, occurrence, size, failures, "
                       "last_failed_at, last_tried_at, last_error, subject) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?) "
                       "ON CONFLICT(account_id, uidl, occurrence, size) DO UPDATE SET "
                       "failures = failures + 1, last_failed_at = excluded.last_failed_at, "
                       "last_tried_at = excluded.last_tried_at, last_error = excluded.last_error, "
                       "subject = ifnull(excluded.subject, subject)"),
        { accountId, blob(t.key.key), t.key.occurrence, qint64(t.size), storedTime(t.lastFailedAt),
            storedTime(t.lastFailedAt), t.lastError,
            t.subject.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(t.subject) });
}

Status TroublesomeMessages::recordTry(Database &db, qint64 accountId, const Troublesome &t)
{
    return db.exec(QStringLiteral("UPDATE pop3_troublesome SET last_tried_at = ?, subject = ifnull(?, subject) "
                                  "WHERE account_id = ? AND uidl = ? AND occurrence = ? AND size = ?"),
        { storedTime(t.lastTriedAt),
            t.subject.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(t.subject), accountId,
            blob(t.key.key), t.key.occurrence, qint64(t.size) });
}

Status TroublesomeMessages::forget(Database &db, qint64 accountId, const LedgerKey &key, quint64 size)
{
    auto q = db.execCached(QStringLiteral("DELETE FROM pop3_troublesome WHERE account_id = ? AND uidl = ? AND "
                                          "occurrence = ? AND size = ?"),
        { accountId, blob(key.key), key.occurrence, qint64(size) });
    if (!q)
        return q.error();
    return {};
}

Status TroublesomeMessages::keepOnly(Database &db, qint64 accountId, const QList<Troublesome> &listed)
{
    auto all = load(db, accountId);
    if (!all)
        return all.error();
    for (const Troublesome &t : std::as_const(*all)) {
        const bool keep = std::any_of(
            listed.begin(), listed.end(), [&](const Troublesome &l) { return l.key == t.key && l.size == t.size; });
        if (!keep) {
            if (auto st = forget(db, accountId, t.key, t.size); !st)
                return st;
        }
    }
    return {};
}
}  // namespace Sync
