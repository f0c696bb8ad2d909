#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Poplar {

// Files in a Maildir (new/, cur/, tmp/), as a mail delivery agent and a
// POP3 server see them.
class Maildir
{
public:
    // Who a delivered file belongs to (when the server reads mail as
    // another user than the one delivering it).
    struct Owner {
        uint uid = 0;
        uint gid = 0;
    };

    // Delivers raw as-is into <maildir>/new (written in tmp/, then renamed,
    // like an MDA), mode 0600, chowned to owner when given. *fileName
    // receives the absolute path. False (with a warning logged) on failure.
    static bool deliver(
        const QString &maildir, const QByteArray &raw, std::optional<Owner> owner, QString *fileName = nullptr);

    // Absolute paths of all files in cur/ and new/, sorted.
    static QStringList messageFiles(const QString &maildir);

    // Where a delivered file is now: the server renames new/NAME to
    // cur/NAME:2,FLAGS when a session opens the mailbox. An absolute
    // fileName is looked for in its own Maildir, a bare name in each of
    // maildirs. Empty if it is gone.
    static QString currentFile(const QString &fileName, const QStringList &maildirs);

private:
    static QString uniquePart(const QString &baseName);
    static QString hostName();
};

}  // namespace Poplar
