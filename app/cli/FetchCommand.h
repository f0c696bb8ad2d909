#pragma once

#include "sync/RemoteMessageJob.h"

#include <QStringList>

namespace Poplar::Cli {

// `poplar-cli fetch`: brings the mail of one or every enabled account home.
int runFetch(const QStringList &arguments);
// `poplar-cli download-rest ID` and `delete-from-server ID`: the server's
// copy of one stored message.
int runRemote(const QStringList &arguments, Sync::RemoteAction action);
// `poplar-cli watch`: fetches every enabled account on its schedule until
// stopped.
int runWatch(const QStringList &arguments);

}  // namespace Poplar::Cli
