#pragma once

#include <QStringList>

namespace Poplar::Cli {

// `poplar-cli watch`: fetches every enabled account on its schedule until
// stopped.
int runWatch(const QStringList &arguments);

}  // namespace Poplar::Cli
