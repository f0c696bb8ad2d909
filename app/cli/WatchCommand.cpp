#include "WatchCommand.h"

#include "CommandLine.h"
#include "ExitCodes.h"
#include "FetchOutput.h"
#include "Terminal.h"
#include "accounts/AccountStore.h"
#include "accounts/KeychainCredentialStore.h"
#include "store/Store.h"
#include "SendCommands.h"
#include "sync/FetchLauncher.h"
#include "sync/Scheduler.h"
#include "text/ErrorText.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Poplar::Cli {

using Accounts::Account;

namespace {

// Signals reach the event loop through a socket pair: a handler may only
// write a byte.
int g_signalPipe[2] = { -1, -1 };

void onSignal(int signal)
{
    const char c = char(signal);
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &c, 1);
}

}  // namespace

int runWatch(const QStringList &arguments)
{
    CommandLine c(FetchText::tr("Fetches every enabled account on its schedule until stopped (SIGINT or SIGTERM): at "
                                "once, then every account's interval, never sooner than the server allows, retrying "
                                "later after failures and waiting while the network is down. SIGUSR1 reloads the "
                                "accounts and gets mail now."),
        QStringLiteral("watch"));
    QCommandLineParser &parser = c.parser;
    const QCommandLineOption account(QStringLiteral("account"),
        FetchText::tr("With --password-stdin: the account the password is for."), QStringLiteral("NAME"));
    const QCommandLineOption stdinOpt(QStringLiteral("password-stdin"),
        FetchText::tr("Use the first line of standard input as the password of --account, for this run only."));
    const QCommandLineOption ignoreNetwork(QStringLiteral("ignore-network"),
        FetchText::tr("Fetch even while the system says the network is down (a server on this machine)."));
    parser.addOptions({ account, stdinOpt, ignoreNetwork });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (parser.positionalArguments().size() != 1 || parser.isSet(stdinOpt) != parser.isSet(account)) {
        err << (parser.positionalArguments().size() != 1
                ? FetchText::tr("Unexpected arguments: %1")
                      .arg(parser.positionalArguments().mid(1).join(QLatin1Char(' ')))
                : FetchText::tr("--password-stdin and --account go together."))
            << '\n'
            << FetchText::tr("See: poplar-cli %1 --help").arg(QStringLiteral("watch")) << '\n';
        return ExitUsage;
    }
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    std::unique_ptr<Store::MailStore> store = std::move(c.store);
    Accounts::AccountStore accounts(*store);

    Accounts::KeychainCredentialStore keychain;
    Accounts::SessionCredentialStore session;
    if (parser.isSet(stdinOpt)) {
        auto found = accounts.byName(parser.value(account));
        if (!found)
            return fail(found.error());
        std::optional<Poplar::Secret> secret = readPasswordFromStdin();
        if (!secret) {
            err << noPasswordOnStdinMessage() << '\n';
            return ExitUsage;
        }
        const Poplar::Status saved = Accounts::writeBlocking(session, found->credentialKey, std::move(*secret));
        if (!saved)
            return fail(saved.error());
    }
    Sync::FetchLauncher launcher(*store, keychain);
    launcher.setSessionStore(&session);
    Sync::Scheduler::Options options;
    options.startupWindowSeconds = 0;  // the user just asked: check at once
    options.watchNetwork = !parser.isSet(ignoreNetwork);
    Sync::Scheduler scheduler(*store, launcher.launch(), options);

    auto nameOf = [&](qint64 id) {
        auto a = accounts.byId(id);
        return a ? safe(a->name) : QString::number(id);
    };
    QObject::connect(&scheduler, &Sync::Scheduler::fetchFinished, [&](qint64 id, const Sync::FetchReport &r) {
        if (auto a = accounts.byId(id))
            printResult(out, err, *a, r, false);
        out.flush();
        err.flush();
    });
    // Each check also sends the account's outbox (nothing to say when
    // nothing was due, or another program sends it).
    QObject::connect(&launcher.outbox(), &Sync::OutboxRunner::finished,
        [&](qint64 id, const Sync::OutboxSender::Report &r) {
            const bool quiet = r.sent.isEmpty() && r.failed.isEmpty() && r.inDoubt.isEmpty() && r.retried.isEmpty()
                && (!r.error || r.error->code == Poplar::ErrorCode::SendRunning);
            auto a = accounts.byId(id);
            if (!quiet)
                (void)printSendReport(out, err, *store, a ? a->name : QString::number(id), r);
        });
    QObject::connect(&scheduler, &Sync::Scheduler::nextCheckChanged, [&](qint64 id, const QDateTime &at) {
        if (at.isValid())
            out << FetchText::tr("%1: next check at %2.")
                       .arg(nameOf(id), QLocale().toString(at.toLocalTime(), QLocale::ShortFormat))
                << Qt::endl;
    });
    QObject::connect(&scheduler, &Sync::Scheduler::intervalClamped, [&](qint64 id, int seconds) {
        if (seconds > 0)
            err << FetchText::tr("%1: the server allows a login only every %n minute(s); checking that often.", nullptr,
                (seconds + 59) / 60)
                       .arg(nameOf(id))
                << Qt::endl;
    });
    QObject::connect(&scheduler, &Sync::Scheduler::credentialsNeeded, [&](qint64 id, const Poplar::Error &) {
        err << FetchText::tr("%1: waiting for a password. Save it with \"poplar-cli account edit --name %1 "
                             "--password-stdin\", then send SIGUSR1 to get mail now.")
                   .arg(nameOf(id))
            << Qt::endl;
    });
    QObject::connect(&scheduler, &Sync::Scheduler::accountStopped, [&](qint64 id, const Poplar::Error &e) {
        err << FetchText::tr("%1: stopped: %2 Fix the account, then send SIGUSR1.")
                   .arg(nameOf(id), Poplar::Ui::errorMessage(e))
            << Qt::endl;
    });
    QObject::connect(&scheduler, &Sync::Scheduler::onlineChanged, [&](bool online) {
        err << (online ? FetchText::tr("The network is back.") : FetchText::tr("The network is down; waiting."))
            << Qt::endl;
    });

    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0) {
        err << FetchText::tr("Cannot watch for signals.") << '\n';
        return ExitFailure;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    bool stopping = false;
    int running = 0;
    QObject::connect(&scheduler, &Sync::Scheduler::fetchStarted, [&](qint64) { ++running; });
    QObject::connect(&scheduler, &Sync::Scheduler::fetchFinished, [&](qint64, const Sync::FetchReport &) {
        if (--running == 0 && stopping)
            QCoreApplication::exit(ExitOk);
    });
    QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
        char signal = 0;
        if (::read(g_signalPipe[0], &signal, 1) != 1)
            return;
        if (signal == SIGUSR1 && !stopping) {
            // Every account, also one waiting for a password: the user
            // asked, after saving it.
            if (const Poplar::Status st = scheduler.reloadAccounts(); !st)
                err << Poplar::Ui::errorFullText(st.error()) << Qt::endl;
            for (qint64 id : scheduler.accountIds())
                (void)scheduler.getMailNow(id);
            return;
        }
        // Stop: running fetches are cancelled (what they stored stays,
        // nothing is deleted on the server) and answer first.
        stopping = true;
        if (running == 0)
            return QCoreApplication::exit(ExitOk);
        launcher.cancelAll();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signal : { SIGINT, SIGTERM, SIGUSR1 })
        ::sigaction(signal, &action, nullptr);

    if (const Poplar::Status st = scheduler.start(); !st)
        return fail(st.error());
    if (scheduler.accountIds().isEmpty())
        err << FetchText::tr("No enabled accounts yet; add one, then send SIGUSR1.") << Qt::endl;
    return QCoreApplication::exec();
}

}  // namespace Poplar::Cli
