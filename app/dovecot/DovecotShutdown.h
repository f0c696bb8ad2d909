#pragma once

#include <QString>

class QProcess;

namespace Poplar {

// Ends a Dovecot master and every process it forked, found under /proc by
// parentage, by the instance name in their titles or by the configuration
// file on their command lines. SIGTERM to the master first; a master idling
// after its children are gone, children still serving a client and orphans
// of an earlier kill get SIGTERM, then SIGKILL. Bounded (a few seconds at
// worst). Linux only.
void shutDownDovecot(QProcess &process, const QString &instanceName, const QString &configPath);

}  // namespace Poplar
