#pragma once

#include "common/Secret.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Poplar::Cli {

// True when standard input is a terminal.
[[nodiscard]] bool stdinIsTerminal();
// True when standard error is a terminal (progress bars go there).
[[nodiscard]] bool stderrIsTerminal();
// Reads one line from standard input (without the line ending). nullopt on
// end of input before any byte.
[[nodiscard]] std::optional<Poplar::Secret> readSecretLineFromStdin();
// The password --password-stdin gives: the first line of standard input.
// nullopt when standard input is empty or that line is: an empty line is
// never taken for a password.
[[nodiscard]] std::optional<Poplar::Secret> readPasswordFromStdin();
// What to say when readPasswordFromStdin() found none (then exit with
// ExitUsage).
[[nodiscard]] QString noPasswordOnStdinMessage();
// Prompts on the controlling terminal with echo off. nullopt if there is no
// terminal or input ended.
[[nodiscard]] std::optional<Poplar::Secret> promptSecret(const QString &prompt);

}  // namespace Poplar::Cli
