#pragma once

#include "common/Error.h"
#include "common/Result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include <memory>

namespace Store {
class MailStore;
}

namespace Poplar::Cli {

// What every command working on a profile shares: --help, --profile DIR,
// the parse that answers usage errors and --help itself, and opening the
// profile's store. --json is there for commands that add it.
struct CommandLine {
    QCommandLineParser parser;
    const QCommandLineOption profile;
    const QCommandLineOption json;

    CommandLine(const QString &description, const QString &command);

    // Parses; returns an exit code to stop with, or -1 to go on.
    [[nodiscard]] int parse(const QStringList &arguments);
    [[nodiscard]] Poplar::Result<std::unique_ptr<Store::MailStore>> open();
};

// Prints the error's full text on stderr; its exit code.
int fail(const Poplar::Error &error);

}  // namespace Poplar::Cli
