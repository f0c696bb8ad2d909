#pragma once

#include "sync/RemoteMessageJob.h"

#include <QStringList>

namespace Poplar::Cli {

// `poplar-cli download-rest ID` and `delete-from-server ID`: the server's
// copy of one stored message.
int runRemote(const QStringList &arguments, Sync::RemoteAction action);

}  // namespace Poplar::Cli
