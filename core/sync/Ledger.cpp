#include "sync/Ledger.h"

#include "store/Database.h"
#include "sync/StoredTime.h"

namespace Sync {

using Poplar::Result;
using Poplar::Status;
using Store::Database;

namespace {

template<typename T>
std::optional<T> optional(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<T>(v.value<T>());
}

template<typename T>
QVariant nullable(const std::optional<T> &v)
{
    return v ? QVariant::fromValue(*v) : QVariant(QMetaType(QMetaType::LongLong));
}

// The columns fromRow() reads, of the table called `table` in the query.
QString columns(const QString &table = {})
{
    return QStringLiteral("%1uidl, %1occurrence, ifnull(%1message_id, 0), %1size, %1first_seen_at, %1state, "
                          "%1deleted_locally_at")
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
    return e;
}

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
    row.accountId = q.value().value(7).toLongLong();
    row.fallbackKey = q.value().value(8).toBool();
    return std::optional<LedgerRow>(row);
}

Status Ledger::add(Database &db, qint64 accountId, const LedgerEntry &e, bool fallbackKey)
{
    // The key goes in as a BLOB: UIDLs are bytes, and "abc" must not equal a text 'abc'.
    auto q = db.execCached(QStringLiteral("INSERT INTO pop3_ledger(account_id, uidl, occurrence, fallback, "
                                          "message_id, size, first_seen_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        { accountId, blob(e.key), e.occurrence, int(fallbackKey),
            e.messageId ? QVariant(e.messageId) : QVariant(QMetaType(QMetaType::LongLong)), e.size,
            storedTime(e.firstSeenAt), int(e.state) });
    if (!q)
        return q.error();
    return {};
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

Result<QList<LocalCopy>> Ledger::localCopies(Database &db, qint64 accountId)
{
    auto q = db.query(QStringLiteral("SELECT %1, m.message_id, m.size FROM pop3_ledger l JOIN messages m "
                                     "ON m.id = l.message_id WHERE l.account_id = ? AND l.state <> ? "
                                     "ORDER BY l.first_seen_at, l.id")
                          .arg(columns(QStringLiteral("l"))),
        { accountId, int(LedgerState::DeletedOnServer) });
    if (!q)
        return q.error();
    QList<LocalCopy> out;
    while (q.value().next()) {
        LocalCopy c;
        c.entry = fromRow(*q);
        c.headerMessageId = q.value().value(7).toString().toUtf8();
        c.storedSize = q.value().value(8).toLongLong();
        out << c;
    }
    return out;
}

Status Ledger::rekey(Database &db, qint64 accountId, const std::vector<LedgerRekey> &rekeys)
{
    for (const LedgerRekey &r : rekeys) {
        // The local copy's own note of where it came from follows.
        auto m = db.execCached(QStringLiteral("UPDATE messages SET uidl = ? WHERE id = (SELECT message_id FROM "
                                              "pop3_ledger WHERE account_id = ? AND uidl = ? AND occurrence = ?)"),
            { blob(r.to.key), accountId, blob(r.from.key), r.from.occurrence });
        if (!m)
            return m.error();
        auto q = db.execCached(QStringLiteral("UPDATE pop3_ledger SET uidl = ?, occurrence = ?, size = ?, fallback = 0 "
                                              "WHERE account_id = ? AND uidl = ? AND occurrence = ?"),
            { blob(r.to.key), r.to.occurrence, r.size, accountId, blob(r.from.key), r.from.occurrence });
        if (!q)
            return q.error();
        if ((*q)->numRowsAffected() != 1)
            return Poplar::Error(Poplar::ErrorCode::InvalidState,
                QStringLiteral("account %1 has no ledger entry %2/%3 to re-key")
                    .arg(accountId)
                    .arg(QString::fromLatin1(r.from.key.toHex()))
                    .arg(r.from.occurrence));
    }
    return {};
}

QDateTime SyncState::nextLoginAllowedAt() const
{
    if (!loginDelaySeconds || *loginDelaySeconds <= 0 || !lastLoginAt.isValid())
        return {};
    return lastLoginAt.addSecs(*loginDelaySeconds);
}

std::optional<Poplar::Error> SyncState::loginDelayRefusal(const QDateTime &now) const
{
    const QDateTime allowed = nextLoginAllowedAt();
    if (!allowed.isValid() || allowed <= now)
        return std::nullopt;
    return Poplar::Error(Poplar::ErrorCode::LoginDelay,
        QStringLiteral("the server allows a login every %1 s; next at %2")
            .arg(*loginDelaySeconds)
            .arg(allowed.toString(Qt::ISODate)));
}

Result<SyncState> SyncState::load(Database &db, qint64 accountId)
{
    auto q = db.query(QStringLiteral("SELECT last_attempt_at, last_login_at, last_success_at, login_delay_s, "
                                     "expire_days, uidl_supported, failures, last_error, last_server_text "
                                     "FROM account_sync_state WHERE account_id = ?"),
        { accountId });
    if (!q)
        return q.error();
    SyncState s;
    if (!q.value().next())
        return s;
    s.lastAttemptAt = timeFromStore(q->value(0));
    s.lastLoginAt = timeFromStore(q->value(1));
    s.lastSuccessAt = timeFromStore(q->value(2));
    s.loginDelaySeconds = optional<int>(q->value(3));
    s.expireDays = optional<int>(q->value(4));
    if (!q->value(5).isNull())
        s.uidlSupported = q->value(5).toBool();
    s.failures = q->value(6).toInt();
    s.lastError = q->value(7).toString();
    s.lastServerText = q->value(8).toByteArray();
    return s;
}

Status SyncState::save(Database &db, qint64 accountId) const
{
    return db.exec(QStringLiteral("INSERT OR REPLACE INTO account_sync_state(account_id, last_attempt_at, "
                                  "last_login_at, last_success_at, login_delay_s, expire_days, uidl_supported, "
                                  "failures, last_error, last_server_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { accountId, storedTime(lastAttemptAt), storedTime(lastLoginAt), storedTime(lastSuccessAt),
            nullable(loginDelaySeconds), nullable(expireDays),
            uidlSupported ? QVariant(int(*uidlSupported)) : QVariant(QMetaType(QMetaType::Int)), failures, lastError,
            lastServerText });
}

}  // namespace Sync
