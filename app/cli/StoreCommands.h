#pragma once

#include <QStringList>

namespace Poplar::Cli {

// Commands over the local store: folders, list, show.
int runFolders(const QStringList &arguments);
int runList(const QStringList &arguments);
int runShow(const QStringList &arguments);
int runImport(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runSaveAttachment(const QStringList &arguments);
int runCheck(const QStringList &arguments);
int runReindex(const QStringList &arguments);
int runBackup(const QStringList &arguments);
int runRestore(const QStringList &arguments);

}  // namespace Poplar::Cli
