#pragma once

#include <QStringList>

namespace Poplar::Cli {

// `poplar-cli account add|edit|list|remove|test`: account settings in the
// profile's store, passwords in the system keychain.
int runAccount(const QStringList &arguments);

}  // namespace Poplar::Cli
