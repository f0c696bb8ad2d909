#pragma once

#include "common/Result.h"

#include <QString>

namespace Sync {

// One fetch per account at a time, and one sender of its outbox, across
// every process using the profile (the desktop app, poplar-cli, cron): an
// exclusive lock on a file in the profile. The kernel releases it when the
// holder exits in any way, SIGKILL included, so a crash never leaves an
// account locked. Fetching and sending take different locks: one does not
// wait for the other.
class AccountLock
{
public:
    enum class Purpose { Fetch, Send };

    AccountLock() = default;
    ~AccountLock();
    AccountLock(AccountLock &&other) noexcept;
    AccountLock &operator=(AccountLock &&other) noexcept;
    AccountLock(const AccountLock &) = delete;
    AccountLock &operator=(const AccountLock &) = delete;

    // Takes the lock without waiting; FetchRunning (SendRunning) when
    // another holds it.
    [[nodiscard]] static Poplar::Result<AccountLock> tryAcquire(
        const QString &profileDir, qint64 accountId, Purpose purpose = Purpose::Fetch);

    [[nodiscard]] bool isHeld() const { return m_fd >= 0; }
    void release();

private:
    int m_fd = -1;
};

}  // namespace Sync
