#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <functional>

namespace Poplar {

// Files Poplar writes where the user asked (saved attachments, exports):
// always a new file, never through or over what is at its name. The name is
// reserved with O_CREAT | O_EXCL, so a file, a directory or a symbolic link
// there (also one that points nowhere) is never followed, written or
// replaced; the content goes to a temporary file in the same directory, is
// flushed to the disk and renamed over the reservation, so the name never
// shows half a file and a failure leaves nothing behind. Owner-only (0600)
// whatever the umask: it is mail.
class NewFile
{
public:
    using Writer = std::function<Status(QIODevice &out)>;

    // Creates `path` with what `write` writes. Something at that name
    // already: FileExists, "… exists already".
    [[nodiscard]] static Status create(const QString &path, const Writer &write);
    [[nodiscard]] static Status create(const QString &path, const QByteArray &data);

    // Creates `name` in `dir`, or "name (2).ext", "name (3).ext" … when the
    // name is taken; returns the path written.
    [[nodiscard]] static Result<QString> createUnique(const QDir &dir, const QString &name, const Writer &write);
    [[nodiscard]] static Result<QString> createUnique(const QDir &dir, const QString &name, const QByteArray &data);

    // Opens `file` for writing on a new file at `path`, created exclusively
    // and owner-only as above, for a writer that puts it in place itself
    // (a Maildir's tmp/ → cur/).
    [[nodiscard]] static Status openExclusive(QFile &file, const QString &path);

    NewFile() = delete;
};

}  // namespace Poplar
