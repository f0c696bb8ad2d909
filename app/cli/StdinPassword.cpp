#include "StdinPassword.h"

#include "CommandLine.h"
#include "ExitCodes.h"
#include "FetchOutput.h"
#include "Terminal.h"
#include "accounts/KeychainCredentialStore.h"
#include "sync/PasswordSource.h"
#include "text/ErrorText.h"

#include <QTextStream>

namespace Poplar::Cli {

using Accounts::Account;

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

Poplar::Result<Poplar::Secret> givenOrSaved(const Account &a, const std::optional<Poplar::Secret> &given)
{
    Accounts::KeychainCredentialStore keychain;
    Accounts::SessionCredentialStore session;  // what --password-stdin gave is this run's
    if (given)
        (void)Accounts::writeBlocking(session, a.credentialKey, given->clone());
    Sync::PasswordSource source(keychain, &session);
    return Sync::readBlocking(source, a);
}

std::optional<Poplar::Secret> password(
    const Account &a, const std::optional<Poplar::Secret> &given, Poplar::Error *error)
{
    Poplar::Result<Poplar::Secret> saved = givenOrSaved(a, given);
    if (saved)
        return std::move(saved).value();
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
