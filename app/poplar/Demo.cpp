#include "Demo.h"

#include "DemoMail.h"
#include "DovecotServer.h"
#include "accounts/AccountStore.h"
#include "accounts/CredentialStore.h"
#include "store/Store.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTemporaryDir>

namespace Poplar::Demo {

DemoSetup::DemoSetup() = default;

DemoSetup::~DemoSetup()
{
    m_store.reset();   // before its directory goes
    m_server.reset();  // stops Dovecot
}

QString DemoSetup::profileDirectory() const
{
    return m_profile ? m_profile->filePath(QStringLiteral("profile")) : QString();
}

bool DemoSetup::start(QString *error)
{
    m_profile = std::make_unique<QTemporaryDir>();
    if (!m_profile->isValid()) {
        *error = m_profile->errorString();
        return false;
    }
    m_server = std::make_unique<Poplar::DovecotServer>();
    // A new password each run: the server listens on loopback only, but
    // nothing guessable should open it.
    const QString password = QStringLiteral("demo-%1").arg(QRandomGenerator::system()->generate64(), 0, 36);
    if (!m_server->addUser(QStringLiteral("demo"), password)) {
        *error = QStringLiteral("cannot create the demo mailbox");
        return false;
    }
    for (const QByteArray &raw : demoMessages(QDateTime::currentDateTimeUtc())) {
        if (!m_server->addMessage(raw, nullptr, QStringLiteral("demo"))) {
            *error = QStringLiteral("cannot write the demo mailbox");
            return false;
        }
    }
    if (!m_server->start(error))
        return false;

    auto store = Store::MailStore::open(profileDirectory());
    if (!store) {
        *error = store.error().technicalDescription();
        return false;
    }
    m_store = std::move(store).value();
    Accounts::Account a;
    a.name = QStringLiteral("Demo");
    a.email = QStringLiteral("you@poplar.example");
    a.displayName = QStringLiteral("You");
    a.host = m_server->host();
    a.port = m_server->tlsPort();
    a.security = Net::Security::ImplicitTls;
    a.user = QStringLiteral("demo");
    a.caFile = m_server->certificatePath();
    a.policy.leaveOnServer = true;
    a.policy.keepDays = 14;
    a.policy.deleteWhenDeletedLocally = true;
    a.policy.sizeLimitKb = 256;  // the field journal arrives in part
    auto added = Accounts::AccountStore(*m_store).add(a);
    if (!added) {
        *error = added.error().technicalDescription();
        return false;
    }
    m_account = *added;
    m_credentials = std::make_unique<Accounts::SessionCredentialStore>();
    m_credentials->write(m_account.credentialKey, Poplar::Secret(password.toUtf8()), [](Poplar::Status) {});
    return true;
}

}  // namespace Poplar::Demo
