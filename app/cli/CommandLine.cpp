#include "CommandLine.h"

#include "ExitCodes.h"
#include "store/Profile.h"
#include "store/Store.h"
#include "text/ErrorText.h"

#include <QCoreApplication>
#include <QTextStream>

namespace Poplar::Cli {

namespace {
class CommandText
{
    Q_DECLARE_TR_FUNCTIONS(CommandText)
};
}  // namespace

CommandLine::CommandLine(const QString &description, const QString &command)
    : profile(QStringLiteral("profile"), CommandText::tr("Use the profile in DIR."), QStringLiteral("DIR"))
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
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    return -1;
}

Poplar::Result<std::unique_ptr<Store::MailStore>> CommandLine::open()
{
    return Store::MailStore::open(Store::Profile::resolveDirectory(parser.value(profile)));
}

int fail(const Poplar::Error &error)
{
    QTextStream(stderr) << Poplar::Ui::errorFullText(error) << '\n';
    return exitCodeFor(error);
}

}  // namespace Poplar::Cli
