#include "CommandLine.h"

#include "ExitCodes.h"
#include "store/Profile.h"
#include "store/Store.h"
#include "text/ErrorText.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

namespace Poplar::Cli {

namespace {
class CommandText
{
    Q_DECLARE_TR_FUNCTIONS(CommandText)
};

const QString kProfile = QStringLiteral("--profile");
}  // namespace

QCommandLineOption profileOption()
{
    return QCommandLineOption(QStringLiteral("profile"),
        CommandText::tr("Use the profile in DIR (also before the command: poplar-cli --profile DIR COMMAND)."),
        QStringLiteral("DIR"));
}

CommandLine::CommandLine(const QString &description, const QString &command)
    : profile(profileOption())
    , json(QStringLiteral("json"), CommandText::tr("Print JSON (see README: JSON output)."))
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addPositionalArgument(command, CommandText::tr("The command."));
    parser.addOption(profile);
}

int CommandLine::parse(const QStringList &arguments)
{
    if (!parser.parse(arguments)) {
        QTextStream(stderr) << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << helpText(parser);
        return ExitOk;
    }
    return -1;
}

QString CommandLine::profileDirectory() const
{
    return Store::Profile::resolveDirectory(parser.value(profile));
}

int CommandLine::openStore(ProfileUse use)
{
    return openProfile(profileDirectory(), use, &store);
}

QString helpText(const QCommandLineParser &parser)
{
    // Qt writes "Usage: <argv[0]> [options] <command> …": a command's options
    // go after its name (only --profile may also stand before it).
    QString text = parser.helpText();
    const qsizetype lineEnd = text.indexOf(QLatin1Char('\n'));
    // Qt's own words, as Qt's translation has them.
    static const char *const qtContext = "QCommandLineParser";
    static const char *const qtOptions = "[options]";
    static const char *const qtUsage = "Usage: %1";
    const QString options = QCoreApplication::translate(qtContext, qtOptions);
    const QString usage = QCoreApplication::translate(qtContext, qtUsage);
    const QString prefix = usage.left(usage.indexOf(QStringLiteral("%1")));
    const qsizetype at = text.left(lineEnd).indexOf(QLatin1Char(' ') + options + QLatin1Char(' '));
    if (lineEnd < 0 || at < 0 || !text.startsWith(prefix))
        return text;
    const QString command = text.mid(at + options.size() + 2, lineEnd - at - options.size() - 2);
    return prefix + QStringLiteral("poplar-cli ") + command + QLatin1Char(' ') + options + text.mid(lineEnd);
}

QStringList takeGlobalOptions(QStringList &arguments, int from, QString *error)
{
    QStringList taken;
    while (from < arguments.size()) {
        const QString &argument = arguments.at(from);
        if (argument == kProfile) {
            if (from + 1 >= arguments.size()) {
                *error = CommandText::tr("--profile needs a directory: --profile DIR.");
                return taken;
            }
            taken << argument << arguments.at(from + 1);
            arguments.remove(from, 2);
        } else if (argument.startsWith(kProfile + QLatin1Char('='))) {
            taken << argument;
            arguments.remove(from);
        } else {
            break;
        }
    }
    return taken;
}

int openProfile(const QString &directory, ProfileUse use, std::unique_ptr<Store::MailStore> *store)
{
    if (use == ProfileUse::Existing && !Store::Profile::exists(directory)) {
        QTextStream(stderr) << CommandText::tr("There is no Poplar profile in %1. \"poplar-cli account add\", "
                                               "\"import\" and \"restore\" make one; check --profile DIR or "
                                               "$POPLAR_PROFILE.")
                                   .arg(directory)
                            << '\n';
        return ExitNotFound;
    }
    if (const Poplar::Status st = Store::Profile::ensureDirectory(directory); !st) {
        QTextStream(stderr) << (QFileInfo(directory).isDir()
                ? CommandText::tr("Poplar does not use the profile in %1: it cannot be made readable by you alone "
                                  "(is it on a file system without permissions?).")
                : CommandText::tr("The profile directory %1 cannot be created."))
                                   .arg(directory)
                            << '\n';
        return exitCodeFor(st.error());
    }
    auto opened = Store::MailStore::open(directory);
    if (!opened)
        return fail(opened.error());
    *store = std::move(opened).value();
    return -1;
}

int fail(const Poplar::Error &error)
{
    QTextStream(stderr) << Poplar::Ui::errorFullText(error) << '\n';
    return exitCodeFor(error);
}

}  // namespace Poplar::Cli
