#pragma once

#include "common/Result.h"

#include <QString>

namespace Store {

// Where a profile lives: `--profile DIR` wins, then the POPLAR_PROFILE
// environment variable, then the platform's application data directory.
// The directory holds poplar.sqlite and nothing secret.
class Profile
{
public:
    static constexpr const char *EnvironmentVariable = "POPLAR_PROFILE";
    static constexpr const char *DatabaseFileName = "poplar.sqlite";

    // Resolves the directory (not created yet).
    [[nodiscard]] static QString resolveDirectory(const QString &explicitDir = {});
    // True when `dir` holds a store (a profile Poplar has used).
    [[nodiscard]] static bool exists(const QString &dir);
    // Creates the directory (mode 0700) if needed and makes it owner-only;
    // an error when it cannot be made so.
    [[nodiscard]] static Poplar::Status ensureDirectory(const QString &dir);
    [[nodiscard]] static QString databasePath(const QString &dir);
};

}  // namespace Store
