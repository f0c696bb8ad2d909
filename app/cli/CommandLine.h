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

// Whether a command may create the profile it is given.
enum class ProfileUse {
    Existing,         // a profile without a store is an error (exit 10); nothing is created
    CreateIfMissing,  // account add, import, restore
};

// What every command working on a profile shares: --help, --profile DIR,
// the parse that answers usage errors and --help itself, and opening the
// profile's store. --json is there for commands that add it.
struct CommandLine {
    QCommandLineParser parser;
    const QCommandLineOption profile;
    const QCommandLineOption json;
    std::unique_ptr<Store::MailStore> store;  // after openStore()

    CommandLine(const QString &description, const QString &command);

    // Parses; returns an exit code to stop with, or -1 to go on.
    [[nodiscard]] int parse(const QStringList &arguments);
    // The profile's directory (--profile, else $POPLAR_PROFILE, else the
    // default).
    [[nodiscard]] QString profileDirectory() const;
    // Opens the profile's store into `store`: an exit code to stop with
    // (the reason printed), or -1.
    [[nodiscard]] int openStore(ProfileUse use = ProfileUse::Existing);
};

// The option every command takes, wherever it stands on the command line.
[[nodiscard]] QCommandLineOption profileOption();

// The parser's --help, its usage line as the command line is written:
// "poplar-cli COMMAND [options]".
[[nodiscard]] QString helpText(const QCommandLineParser &parser);

// Global options (--profile DIR, --profile=DIR) may also come before the
// command's name: takes those standing at `from` out of `arguments` and
// returns them, for the caller to hand to the command after its name. A
// --profile without its directory: `*error` says so.
[[nodiscard]] QStringList takeGlobalOptions(QStringList &arguments, int from, QString *error);

// Opens the store of the profile in `directory`, into `*store`: an exit
// code to stop with (the reason printed), or -1. With
// ProfileUse::Existing, a directory that holds no store is not created
// nor written to.
[[nodiscard]] int openProfile(const QString &directory, ProfileUse use, std::unique_ptr<Store::MailStore> *store);

// Prints the error's full text on stderr; its exit code.
int fail(const Poplar::Error &error);

}  // namespace Poplar::Cli
