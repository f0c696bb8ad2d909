#pragma once

#include "common/Result.h"

namespace Store {

class Database;

// The store's schema as numbered, forward-only migrations. PRAGMA
// user_version holds the version; each migration runs in its own
// transaction and bumps it, so a kill between migrations leaves a database
// at a valid earlier version. A database from a newer Poplar is refused.
class Schema
{
public:
    [[nodiscard]] static int latestVersion();
    [[nodiscard]] static Poplar::Result<int> version(Database &db);
    // Migrates to the latest version; returns the version it started from.
    [[nodiscard]] static Poplar::Result<int> migrate(Database &db);
    // Migrates only up to `target` (fixture creation and migration tests).
    [[nodiscard]] static Poplar::Result<int> migrateTo(Database &db, int target);
};

}  // namespace Store
