#include "AccountCommands.h"
#include "CommandLine.h"
#include "ExitCodes.h"
#include "FetchCommand.h"
#include "ProbeCommand.h"
#include "RemoteCommand.h"
#include "SendCommands.h"
#include "StoreCommands.h"
#include "WatchCommand.h"
#include "common/CoreDumps.h"

#include "text/Translations.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

int usage(QTextStream &stream, int code)
{
    stream << Cli::tr("Usage: poplar-cli [--profile DIR] COMMAND [OPTIONS]\n"
                      "\n"
                      "Commands:\n"
                      "  account   add, edit, list, remove or test a POP3 account\n"
                      "  send      write a message and send it (through the outbox)\n"
                      "  outbox    list the outbox, send it, or settle a message in it\n"
                      "  fetch     download new mail (all enabled accounts, or --account NAME)\n"
                      "  watch     fetch every enabled account on its schedule until stopped\n"
                      "  download-rest       download the whole of a message stored in part\n"
                      "  delete-from-server  delete a stored message's copy on the server\n"
                      "  probe     show what a POP3 server offers and test a login\n"
                      "  folders   list the folders with message and unread counts\n"
                      "  list      list messages, newest first\n"
                      "  show      show a message (text, HTML, headers, raw or attachments)\n"
                      "  import    import mbox files, Maildirs and .eml files into a folder\n"
                      "  export    export a folder to mbox, Maildir or .eml files\n"
                      "  save-attachment  save a message's attachment into a directory\n"
                      "  check     check the store's integrity\n"
                      "  reindex   derive every message's fields again from its bytes\n"
                      "  backup    write a consistent copy of the store\n"
                      "  restore   put a backup in place in an empty profile\n"
                      "\n"
                      "Global options (before or after the command):\n"
                      "  --profile DIR  use the profile in DIR (default: $POPLAR_PROFILE, else your\n"
                      "                 data folder); only account add, import and restore create one\n"
                      "\n"
                      "Run 'poplar-cli COMMAND --help' for a command's options.\n");
    return code;
}

}  // namespace

int main(int argc, char *argv[])
{
    // First: no core dump of a process that holds passwords and mail.
    Poplar::CoreDumps::disableUnlessAllowed();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("poplar"));
    QCoreApplication::setOrganizationName(QStringLiteral("poplar"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POPLAR_VERSION));
    Poplar::Ui::installTranslations(app);

    QStringList args = QCoreApplication::arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    // Global options before the command go to it, after its name, where its
    // own parser reads them as it would there.
    QString bad;
    const QStringList global = Poplar::Cli::takeGlobalOptions(args, 1, &bad);
    if (!bad.isEmpty()) {
        err << bad << '\n';
        return usage(err, Poplar::Cli::ExitUsage);
    }
    if (args.size() < 2)
        return usage(err, Poplar::Cli::ExitUsage);
    for (qsizetype i = 0; i < global.size(); ++i)
        args.insert(2 + i, global.at(i));
    const QString command = args.at(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help"))
        return usage(out, Poplar::Cli::ExitOk);
    if (command == QLatin1String("--version")) {
        out << "poplar-cli " << QCoreApplication::applicationVersion() << '\n';
        return Poplar::Cli::ExitOk;
    }
    if (command == QLatin1String("account"))
        return Poplar::Cli::runAccount(args);
    if (command == QLatin1String("send"))
        return Poplar::Cli::runSend(args);
    if (command == QLatin1String("outbox"))
        return Poplar::Cli::runOutbox(args);
    if (command == QLatin1String("fetch"))
        return Poplar::Cli::runFetch(args);
    if (command == QLatin1String("watch"))
        return Poplar::Cli::runWatch(args);
    if (command == QLatin1String("download-rest"))
        return Poplar::Cli::runRemote(args, Sync::RemoteAction::DownloadRest);
    if (command == QLatin1String("delete-from-server"))
        return Poplar::Cli::runRemote(args, Sync::RemoteAction::DeleteFromServer);
    if (command == QLatin1String("probe"))
        return Poplar::Cli::runProbe(args);
    if (command == QLatin1String("folders"))
        return Poplar::Cli::runFolders(args);
    if (command == QLatin1String("list"))
        return Poplar::Cli::runList(args);
    if (command == QLatin1String("show"))
        return Poplar::Cli::runShow(args);
    if (command == QLatin1String("import"))
        return Poplar::Cli::runImport(args);
    if (command == QLatin1String("export"))
        return Poplar::Cli::runExport(args);
    if (command == QLatin1String("save-attachment"))
        return Poplar::Cli::runSaveAttachment(args);
    if (command == QLatin1String("check"))
        return Poplar::Cli::runCheck(args);
    if (command == QLatin1String("reindex"))
        return Poplar::Cli::runReindex(args);
    if (command == QLatin1String("backup"))
        return Poplar::Cli::runBackup(args);
    if (command == QLatin1String("restore"))
        return Poplar::Cli::runRestore(args);
    err << Cli::tr("Unknown command: %1").arg(command) << '\n';
    return usage(err, Poplar::Cli::ExitUsage);
}
