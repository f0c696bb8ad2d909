#include "sync/SyncState.h"

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

}  // namespace

QDateTime SyncState::nextLoginAllowedAt() const
{
    QDateTime allowed = loginNotBefore;
    if (loginDelaySeconds && *loginDelaySeconds > 0 && lastLoginAt.isValid()) {
        const QDateTime afterLogin = lastLoginAt.addSecs(*loginDelaySeconds);
        if (!allowed.isValid() || afterLogin > allowed)
            allowed = afterLogin;
    }
    return allowed;
}

void SyncState::loginRefusedForDelay(const QDateTime &now, int fallbackSeconds)
{
    const int seconds = loginDelaySeconds && *loginDelaySeconds > 0 ? *loginDelaySeconds : fallbackSeconds;
    loginNotBefore = now.addSecs(seconds);
}

std::optional<Poplar::Error> SyncState::loginDelayRefusal(const QDateTime &now) const
{
    const QDateTime allowed = nextLoginAllowedAt();
    if (!allowed.isValid() || allowed <= now)
        return std::nullopt;
    return Poplar::Error(Poplar::ErrorCode::LoginDelay,
        QStringLiteral("the server allows the next login at %1 (LOGIN-DELAY %2 s)")
            .arg(allowed.toString(Qt::ISODate))
            .arg(loginDelaySeconds.value_or(0)));
}

Result<SyncState> SyncState::load(Database &db, qint64 accountId)
{
    auto q = db.query(QStringLiteral("SELECT last_attempt_at, last_login_at, last_success_at, login_delay_s, "
                                     "expire_days, uidl_supported, failures, last_error, last_server_text, "
                                     "login_not_before FROM account_sync_state WHERE account_id = ?"),
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
    s.loginNotBefore = timeFromStore(q->value(9));
    return s;
}

Status SyncState::save(Database &db, qint64 accountId) const
{
    return db.exec(QStringLiteral("INSERT OR REPLACE INTO account_sync_state(account_id, last_attempt_at, "
                                  "last_login_at, last_success_at, login_delay_s, expire_days, uidl_supported, "
                                  "failures, last_error, last_server_text, login_not_before) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { accountId, storedTime(lastAttemptAt), storedTime(lastLoginAt), storedTime(lastSuccessAt),
            nullable(loginDelaySeconds), nullable(expireDays),
            uidlSupported ? QVariant(int(*uidlSupported)) : QVariant(QMetaType(QMetaType::Int)), failures, lastError,
            lastServerText, storedTime(loginNotBefore) });
}

}  // namespace Sync
