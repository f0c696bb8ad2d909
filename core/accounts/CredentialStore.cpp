#include "accounts/CredentialStore.h"

#include "common/Secret.h"

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

Result<Poplar::Secret> readBlocking(CredentialStore &store, const QString &key)
{
    return waitFor<Result<Poplar::Secret>>([&](auto done) { store.read(key, done); });
}

Status writeBlocking(CredentialStore &store, const QString &key, Poplar::Secret secret)
{
    return waitFor<Status>([&](auto done) { store.write(key, std::move(secret), done); });
}

Status removeBlocking(CredentialStore &store, const QString &key)
{
    return waitFor<Status>([&](auto done) { store.remove(key, done); });
}

SessionCredentialStore::~SessionCredentialStore() = default;  // the secrets wipe themselves

void SessionCredentialStore::read(const QString &key, ReadDone done)
{
    const auto it = m_secrets.find(key);
    // The answer is a Secret of its own; one never delivered (this store
    // went first) wipes itself with the timer's slot.
    Result<Poplar::Secret> answer = it != m_secrets.end()
        ? Result<Poplar::Secret>(it->second.clone())
        : Result<Poplar::Secret>(Error(ErrorCode::CredentialNotStored, QStringLiteral("not given in this session")));
    QTimer::singleShot(
        0, this, [done = std::move(done), answer = std::move(answer)]() mutable { done(std::move(answer)); });
}

void SessionCredentialStore::write(const QString &key, Poplar::Secret secret, Done done)
{
    // Kept as given (no copy); the one replaced wipes itself.
    m_secrets.insert_or_assign(key, std::move(secret));
    QTimer::singleShot(0, this, [done = std::move(done)] { done({}); });
}

void SessionCredentialStore::remove(const QString &key, Done done)
{
    m_secrets.erase(key);
    QTimer::singleShot(0, this, [done = std::move(done)] { done({}); });
}

}  // namespace Accounts
