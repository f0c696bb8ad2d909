#include "ExitCodes.h"
#include "ProbeCommand.h"

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
    stream << Cli::tr("Usage: poplar-cli COMMAND [OPTIONS]\n"
                      "\n"
                      "Commands:\n"
                      "  probe     show what a POP3 server offers and test a login\n"
                      "\n"
                      "Run 'poplar-cli COMMAND --help' for a command's options.\n");
    return code;
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("poplar"));
    QCoreApplication::setOrganizationName(QStringLiteral("poplar"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POPLAR_VERSION));
    Poplar::Ui::installTranslations(app);

    const QStringList args = QCoreApplication::arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.size() < 2)
        return usage(err, Poplar::Cli::ExitUsage);
    const QString command = args.at(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help"))
        return usage(out, Poplar::Cli::ExitOk);
    if (command == QLatin1String("--version")) {
        out << "poplar-cli " << QCoreApplication::applicationVersion() << '\n';
        return Poplar::Cli::ExitOk;
    }
    if (command == QLatin1String("probe"))
        return Poplar::Cli::runProbe(args);
    err << Cli::tr("Unknown command: %1").arg(command) << '\n';
    return usage(err, Poplar::Cli::ExitUsage);
}
