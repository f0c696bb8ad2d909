#pragma once

#include "accounts/Account.h"
#include "common/Result.h"

#include <QString>

#include <memory>

class QTemporaryDir;

namespace Poplar {
class DovecotServer;
}
namespace Store {
class MailStore;
}
namespace Accounts {
class SessionCredentialStore;
}

namespace Poplar::Demo {

// `poplar --demo`: a throwaway profile, a private POP3 server (Dovecot on a
// free loopback port, see app/dovecot) holding the demo mailbox, and
// an account for it whose password lives only in memory. Everything is
// removed when this object goes.
class DemoSetup
{
public:
    DemoSetup();
    ~DemoSetup();

    // Starts the server and creates the profile with its account. On
    // failure, `error` says why (for example, Dovecot is not installed).
    [[nodiscard]] bool start(QString *error);

    [[nodiscard]] QString profileDirectory() const;
    [[nodiscard]] Store::MailStore &store() { return *m_store; }
    // Holds the demo account's password (never the system keychain).
    [[nodiscard]] Accounts::SessionCredentialStore &credentials() { return *m_credentials; }
    [[nodiscard]] const Accounts::Account &account() const { return m_account; }

private:
    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Poplar::DovecotServer> m_server;
    std::unique_ptr<Store::MailStore> m_store;
    std::unique_ptr<Accounts::SessionCredentialStore> m_credentials;
    Accounts::Account m_account;
};

}  // namespace Poplar::Demo
