#pragma once

#include "common/Result.h"

#include <QString>

#include <functional>

namespace Poplar {

// Flushing a file, or a directory's entries, to the disk (fsync). What is
// flushed decides whether a copy survives a power cut, so it is a seam:
// tests put a recorder in place of the real fsync.
class DiskSync
{
public:
    enum class Kind { File, Directory };
    using Function = std::function<Status(const QString &path, Kind kind)>;

    // fsync of the file at `path`.
    [[nodiscard]] static Status file(const QString &path);
    // fsync of the directory at `path`: a file created, renamed or removed
    // in it stays so after a crash.
    [[nodiscard]] static Status directory(const QString &path);

    // Tests only: every flush goes to `f` instead (an empty function puts
    // the real fsync back). Not thread-safe: set it before the work starts.
    static void setForTesting(Function f);

    DiskSync() = delete;
};

}  // namespace Poplar
