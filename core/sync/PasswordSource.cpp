#include "sync/PasswordSource.h"

#include <QEventLoop>
#include <QTimer>

#include <optional>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Secret;

PasswordSource::PasswordSource(Accounts::CredentialStore &keychain, Accounts::CredentialStore *session, QObject *parent)
    : QObject(parent)
    , m_keychain(&keychain)
    , m_session(session)
{ }

PasswordSource::~PasswordSource() = default;

QString PasswordSource::keyFor(const Accounts::Account &account, Server server)
{
    return server == Server::Outgoing && account.smtp.separateLogin ? account.smtpCredentialKey()
                                                                    : account.credentialKey;
}

void PasswordSource::read(const Accounts::Account &account, Done done, Server server)
{
    const QString key = keyFor(account, server);
    if (!m_session)
        return readKeychain(key, std::move(done));
    QPointer<PasswordSource> self(this);
    m_session->read(key, [self, key, done](Result<Secret> given) mutable {
        if (!self)
            return;
        if (given)
            return done(std::move(given));
        self->readKeychain(key, std::move(done));
    });
}

void PasswordSource::readKeychain(const QString &key, Done done)
{
    QPointer<PasswordSource> self(this);
    if (!m_keychain) {
        QTimer::singleShot(0, this, [done = std::move(done)] {
            done(Error(ErrorCode::KeychainUnavailable, QStringLiteral("the keychain is gone")));
        });
        return;
    }
    m_keychain->read(key, [self, done = std::move(done)](Result<Secret> saved) {
        if (self)
            done(std::move(saved));
    });
}

Result<Secret> readBlocking(PasswordSource &source, const Accounts::Account &account, PasswordSource::Server server)
{
    std::optional<Result<Secret>> answer;
    QEventLoop loop;
    source.read(
        account,
        [&](Result<Secret> read) {
            answer = std::move(read);
            loop.quit();
        },
        server);
    if (!answer)
        loop.exec();
    return std::move(*answer);
}

}  // namespace Sync
