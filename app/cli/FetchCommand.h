#pragma once

#include <QStringList>

namespace Poplar::Cli {

// `poplar-cli fetch`: brings the mail of one or every enabled account home.
int runFetch(const QStringList &arguments);

}  // namespace Poplar::Cli
