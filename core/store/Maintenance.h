#pragma once

#include "common/Result.h"
#include "store/Database.h"

#include <QString>
#include <QStringList>

namespace Store {

// Keeping a store sound: checking it, backing it up while it is in use, and
// putting a backup in place as the store of an empty profile.
class Maintenance
{
public:
    // PRAGMA integrity_check ("ok" or the problems found), the search
    // index's problems (from SearchIndex::check) and foreign key violations.
    [[nodiscard]] static Poplar::Result<QStringList> integrityCheck(
        Database &reader, const QStringList &searchIndexProblems);
    // A consistent copy of the whole store made from `reader` (outside any
    // transaction: VACUUM INTO reads one snapshot). `file` must not exist.
    [[nodiscard]] static Poplar::Status backupTo(Database &reader, const QString &file);
    // Puts a backup in place as the store of `profileDir`, which must not
    // hold a store yet. The backup is checked first.
    [[nodiscard]] static Poplar::Status restoreFrom(const QString &backupFile, const QString &profileDir);
};

}  // namespace Store
