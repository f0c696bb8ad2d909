#include "RemoteCommand.h"

#include "CommandLine.h"
#include "ExitCodes.h"
#include "FetchOutput.h"
#include "ProbeCommand.h"
#include "StdinPassword.h"
#include "Terminal.h"
#include "accounts/AccountStore.h"
#include "common/ServerText.h"
#include "store/Store.h"
#include "text/ErrorText.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>

namespace Poplar::Cli {

using Accounts::Account;

int runRemote(const QStringList &arguments, Sync::RemoteAction action)
{
    const bool rest = action == Sync::RemoteAction::DownloadRest;
    const QString name = rest ? QStringLiteral("download-rest") : QStringLiteral("delete-from-server");
    CommandLine c(rest ? FetchText::tr("Downloads the whole of a message stored in part (over the account's size "
                                       "limit) and replaces the partial copy with it. The server keeps the message.")
                       : FetchText::tr("Deletes a stored message's copy on the server. The copy here stays; for a "
                                       "message stored in part, the rest is gone with the server's copy."),
        name);
    QCommandLineParser &parser = c.parser;
    parser.addPositionalArgument(QStringLiteral("ID"), FetchText::tr("The message's id (see \"poplar-cli list\")."));
    const QCommandLineOption stdinOpt(QStringLiteral("password-stdin"),
        FetchText::tr("Use the first line of standard input as the password, for this run only."));
    const QCommandLineOption ignoreDelay(QStringLiteral("ignore-login-delay"),
        FetchText::tr("Log in even when the server's LOGIN-DELAY says it is too soon."));
    parser.addOptions({ stdinOpt, ignoreDelay });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    QTextStream out(stdout);
    QTextStream err(stderr);
    bool numeric = false;
    const QStringList positional = parser.positionalArguments();
    const qint64 messageId = positional.size() == 2 ? positional.at(1).toLongLong(&numeric) : 0;
    if (!numeric || messageId <= 0) {
        err << FetchText::tr("Give one message id.") << '\n'
            << FetchText::tr("See: poplar-cli %1 --help").arg(name) << '\n';
        return ExitUsage;
    }
    StdinPassword given;
    if (int rc = given.read(parser.isSet(stdinOpt)); rc >= 0)
        return rc;
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    std::unique_ptr<Store::MailStore> store = std::move(c.store);
    auto row = Sync::RemoteMessageJob::locate(*store, messageId);
    if (!row)
        return fail(row.error());
    auto account = Accounts::AccountStore(*store).byId(row->accountId);
    if (!account)
        return fail(account.error());
    if (rest && row->entry.state != Sync::LedgerState::Partial) {
        out << FetchText::tr("Message %1 is stored whole already.").arg(messageId) << '\n';
        return ExitOk;
    }
    Poplar::Error credentialError;
    std::optional<Poplar::Secret> secret = password(*account, given.value(), &credentialError);
    if (!secret) {
        err << safe(account->name) << ": " << Poplar::Ui::errorFullText(credentialError) << '\n';
        return exitCodeFor(credentialError);
    }
    Sync::RemoteMessageJob::Options options;
    options.ignoreLoginDelay = parser.isSet(ignoreDelay);
    Sync::RemoteMessageJob job(
        *store, *account, Accounts::credentials(*account, std::move(*secret)), messageId, action, options);
    const bool bar = rest && stderrIsTerminal();
    Sync::RemoteReport report;
    QEventLoop loop;
    QObject::connect(&job, &Sync::RemoteMessageJob::progress, &loop, [&](quint64 received, quint64 total) {
        if (bar)
            err << '\r' << FetchText::tr("%1 of %2").arg(bytesText(received), bytesText(total)) << "\x1b[K"
                << Qt::flush;
    });
    QObject::connect(&job, &Sync::RemoteMessageJob::finished, &loop, [&](const Sync::RemoteReport &r) {
        report = r;
        loop.quit();
    });
    job.start();
    loop.exec();
    if (bar)
        err << '\n';
    if (report.error.isError()) {
        if (report.certificate)
            printCertificateProblem(err, *report.certificate);
        err << safe(account->name) << ": " << Poplar::Ui::errorFullText(report.error) << '\n';
        if (report.retryNotBefore.isValid())
            printLoginDelay(err, safe(account->name), report.retryNotBefore, true);
        if (report.deletionUnknown)
            err << FetchText::tr("%1: the connection dropped after QUIT; the next fetch sees whether the server "
                                 "deleted the message.")
                       .arg(safe(account->name))
                << '\n';
        return exitCodeFor(report.error);
    }
    if (report.alreadyWhole)
        out << FetchText::tr("Message %1 is stored whole already.").arg(messageId) << '\n';
    else if (rest)
        out << FetchText::tr("Message %1: the whole message (%2) is stored now.")
                   .arg(messageId)
                   .arg(bytesText(report.bytes))
            << '\n';
    else
        out << FetchText::tr("Message %1 was deleted on the server of %2; the copy here stays.")
                   .arg(messageId)
                   .arg(safe(account->name))
            << '\n';
    return ExitOk;
}

}  // namespace Poplar::Cli
