#pragma once

#include "accounts/Account.h"
#include "accounts/CredentialStore.h"
#include "common/Result.h"
#include "common/Secret.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Sync {

// Where an account's password comes from, decided once for every place
// that logs in: the one given for this run (the session store: typed by the
// user, read from --password-stdin; the user's latest word, while the
// keychain's may be the one the server just rejected), else the keychain's;
// when neither has one, the keychain's error (CredentialNotStored,
// KeychainLocked, KeychainUnavailable: what the user must fix is there).
class PasswordSource : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Poplar::Result<Poplar::Secret>)>;

    // Neither store is owned; either may go first (a keychain that is gone
    // answers KeychainUnavailable).
    explicit PasswordSource(
        Accounts::CredentialStore &keychain, Accounts::CredentialStore *session = nullptr, QObject *parent = nullptr);
    ~PasswordSource() override;

    void setSessionStore(Accounts::CredentialStore *session) { m_session = session; }

    // Which of an account's passwords: the incoming (POP3) server's, or the
    // outgoing server's (the same one unless it has a login of its own).
    enum class Server { Incoming, Outgoing };

    // The account's password. `done` is called once, later, on this thread
    // (never inside the call), and not at all once this object is gone (the
    // answer then wipes itself).
    void read(const Accounts::Account &account, Done done, Server server = Server::Incoming);

    // The keychain entry `server`'s password is kept under.
    [[nodiscard]] static QString keyFor(const Accounts::Account &account, Server server);

private:
    void readKeychain(const QString &key, Done done);

    QPointer<Accounts::CredentialStore> m_keychain;
    QPointer<Accounts::CredentialStore> m_session;
};

// The same, waiting for the answer in a local event loop (the CLI, tests).
// Not for the GUI thread.
[[nodiscard]] Poplar::Result<Poplar::Secret> readBlocking(PasswordSource &source, const Accounts::Account &account,
    PasswordSource::Server server = PasswordSource::Server::Incoming);

}  // namespace Sync
