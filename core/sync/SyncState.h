#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Store {
class Database;
}  // namespace Store

namespace Sync {

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
