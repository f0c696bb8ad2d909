#pragma once

#include <QStringList>

namespace Poplar::Cli {

// `poplar-cli probe`: what a server offers, like a server-info report.
int runProbe(const QStringList &arguments);

}  // namespace Poplar::Cli
