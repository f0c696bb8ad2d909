#include "sync/AccountLock.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;

AccountLock::~AccountLock()
{
    release();
}

AccountLock::AccountLock(AccountLock &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
{ }

AccountLock &AccountLock::operator=(AccountLock &&other) noexcept
{
    if (this != &other) {
        release();
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

void AccountLock::release()
{
    if (m_fd >= 0) {
        ::close(m_fd);  // closing the descriptor drops the lock
        m_fd = -1;
    }
}

Poplar::Result<AccountLock> AccountLock::tryAcquire(const QString &profileDir, qint64 accountId, Purpose purpose)
{
    const QString dir = QDir(profileDir).filePath(QStringLiteral("locks"));
    if (!QDir().mkpath(dir))
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot create %1").arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QByteArray path = QFile::encodeName(QDir(dir).filePath((purpose == Purpose::Send ? QStringLiteral("send-%1.lock") : QStringLiteral("account-%1.lock")).arg(accountId)));
    const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error(ErrorCode::LocalWriteFailed,
            QStringLiteral("cannot open %1: %2").arg(QFile::decodeName(path), QString::fromLocal8Bit(strerror(errno))));
    int rc;
    do {
        rc = ::flock(fd, LOCK_EX | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK && purpose == Purpose::Send)
            return Error(ErrorCode::SendRunning, QStringLiteral("account %1 is sending").arg(accountId));
        if (err == EWOULDBLOCK)
            return Error(ErrorCode::FetchRunning, QStringLiteral("account %1 is being fetched").arg(accountId));
        return Error(ErrorCode::LocalWriteFailed,
            QStringLiteral("cannot lock %1: %2").arg(QFile::decodeName(path), QString::fromLocal8Bit(strerror(err))));
    }
    AccountLock lock;
    lock.m_fd = fd;
    return lock;
}

}  // namespace Sync
