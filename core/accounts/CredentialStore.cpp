#include "accounts/CredentialStore.h"

#include "pop3/Sasl.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace Accounts {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

CredentialStore::~CredentialStore() = default;

namespace {

template<typename T, typename Start>
T waitFor(Start &&start)
{
    std::optional<T> answer;
    QEventLoop loop;
    start([&](T value) {
        answer = std::move(value);
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return std::move(*answer);
}

}  // namespace

Result<QByteArray> readBlocking(CredentialStore &store, const QString &key)
{
    return waitFor<Result<QByteArray>>([&](auto done) { store.read(key, done); });
}

Status writeBlocking(CredentialStore &store, const QString &key, const QByteArray &secret)
{
    return waitFor<Status>([&](auto done) { store.write(key, secret, done); });
}

Status removeBlocking(CredentialStore &store, const QString &key)
{
    return waitFor<Status>([&](auto done) { store.remove(key, done); });
}

SessionCredentialStore::~SessionCredentialStore()
{
    for (QByteArray &secret : m_secrets)
        Pop3::wipe(secret);
}

void SessionCredentialStore::read(const QString &key, ReadDone done)
{
    Result<QByteArray> answer = m_secrets.contains(key)
        ? Result<QByteArray>(m_secrets.value(key))
        : Result<QByteArray>(Error(ErrorCode::CredentialNotStored, QStringLiteral("not given in this session")));
    QTimer::singleShot(
        0, this, [done = std::move(done), answer = std::move(answer)]() mutable { done(std::move(answer)); });
}

void SessionCredentialStore::write(const QString &key, const QByteArray &secret, Done done)
{
    if (auto it = m_secrets.find(key); it != m_secrets.end())
        Pop3::wipe(*it);
    m_secrets.insert(key, secret);
    QTimer::singleShot(0, this, [done = std::move(done)] { done({}); });
}

void SessionCredentialStore::remove(const QString &key, Done done)
{
    if (auto it = m_secrets.find(key); it != m_secrets.end()) {
        Pop3::wipe(*it);
        m_secrets.erase(it);
    }
    QTimer::singleShot(0, this, [done = std::move(done)] { done({}); });
}

}  // namespace Accounts
