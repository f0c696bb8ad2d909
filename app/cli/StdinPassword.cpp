#include "StdinPassword.h"

#include "CommandLine.h"
#include "ExitCodes.h"
#include "FetchOutput.h"
#include "Terminal.h"
#include "accounts/KeychainCredentialStore.h"
#include "pop3/Sasl.h"
#include "text/ErrorText.h"

#include <QTextStream>

namespace Poplar::Cli {

using Accounts::Account;

StdinPassword::~StdinPassword()
{
    if (m_value)
        Pop3::wipe(*m_value);
}

int StdinPassword::read(bool wanted)
{
    if (!wanted)
        return -1;
    m_value = readPasswordFromStdin();
    if (m_value)
        return -1;
    QTextStream(stderr) << noPasswordOnStdinMessage() << '\n';
    return ExitUsage;
}

// The password: the one --password-stdin gave, else the keychain's, else
// (on a terminal) asked for this run only. An empty one is never used.
std::optional<QByteArray> password(const Account &a, const std::optional<QByteArray> &given, Poplar::Error *error)
{
    if (given)
        return given;
    Accounts::KeychainCredentialStore keychain;
    auto saved = Accounts::readBlocking(keychain, a.credentialKey);
    if (saved)
        return *saved;
    if (stdinIsTerminal()) {
        QTextStream(stderr) << Poplar::Ui::errorMessage(saved.error()) << '\n';
        auto typed = promptSecret(FetchText::tr("Password for %1 at %2 (this run only): ").arg(a.user, a.host));
        if (typed && !typed->isEmpty())
            return typed;
    }
    *error = saved.error();
    return std::nullopt;
}

}  // namespace Poplar::Cli
