#include "accounts/KeychainCredentialStore.h"

#include "common/Secret.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>

namespace Accounts {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

namespace {

enum class Operation { Read, Write, Remove };

// Every QtKeychain outcome, decided once. Notes from measuring QtKeychain
// 0.13 with libsecret: a locked collection refuses writes with AccessDenied
// but answers reads with EntryNotFound (so a read cannot tell "locked"
// from "nothing saved"); no bus, no Secret Service or a never-unlocked
// keyring give OtherError; NoBackendAvailable and NotImplemented are the
// other platforms' "no keychain".
Status statusFor(QKeychain::Error error, const QString &text, Operation op)
{
    switch (error) {
    case QKeychain::NoError: return {};
    case QKeychain::EntryNotFound:
        if (op == Operation::Remove)
            return {};  // nothing to remove is what was asked for
        return Error(ErrorCode::CredentialNotStored, text);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser: return Error(ErrorCode::KeychainLocked, text);
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError: return Error(ErrorCode::KeychainUnavailable, text);
    }
    return Error(ErrorCode::KeychainUnavailable, text);
}

// Runs one job: answers once, with the job's outcome or with a timeout.
// A job that answers after its timeout is deleted and not heard.
void run(QObject *owner, QKeychain::Job *job, int timeoutMs, Operation op,
    std::function<void(Status, QKeychain::Job *)> answer)
{
    job->setAutoDelete(false);
    job->setParent(owner);
    auto answered = std::make_shared<bool>(false);
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, owner, [answered, answer, timeoutMs] {
        if (*answered)
            return;
        *answered = true;
        answer(Error(ErrorCode::KeychainUnavailable,
                   QStringLiteral("the keychain did not answer within %1 s").arg(timeoutMs / 1000.0)),
            nullptr);
    });
    QObject::connect(job, &QKeychain::Job::finished, owner, [answered, answer, op, timer](QKeychain::Job *j) {
        timer->stop();
        j->deleteLater();
        if (*answered)
            return;
        *answered = true;
        answer(statusFor(j->error(), j->errorString(), op), j);
    });
    timer->start(timeoutMs);
    job->start();
}

}  // namespace

KeychainCredentialStore::KeychainCredentialStore(QString service, int timeoutMs, QObject *parent)
    : CredentialStore(parent)
    , m_service(std::move(service))
    , m_timeoutMs(timeoutMs)
{ }

KeychainCredentialStore::~KeychainCredentialStore() = default;

void KeychainCredentialStore::read(const QString &key, ReadDone done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    run(this, job, m_timeoutMs, Operation::Read, [done = std::move(done)](Status st, QKeychain::Job *j) {
        if (!st) {
            done(st.error());
            return;
        }
        auto *reader = static_cast<QKeychain::ReadPasswordJob *>(j);
        done(Poplar::Secret(reader->textData().toUtf8()));
    });
}

void KeychainCredentialStore::write(const QString &key, Poplar::Secret secret, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(QString::fromUtf8(secret.view()));  // the job's copy is QtKeychain's; ours wipes itself
    run(this, job, m_timeoutMs, Operation::Write, [done = std::move(done)](Status st, QKeychain::Job *) { done(st); });
}

void KeychainCredentialStore::remove(const QString &key, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    run(this, job, m_timeoutMs, Operation::Remove, [done = std::move(done)](Status st, QKeychain::Job *) { done(st); });
}

}  // namespace Accounts
