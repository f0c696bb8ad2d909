#include "store/Profile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;

QString Profile::resolveDirectory(const QString &explicitDir)
{
    if (!explicitDir.isEmpty())
        return QDir(explicitDir).absolutePath();
    const QString env = qEnvironmentVariable(EnvironmentVariable);
    if (!env.isEmpty())
        return QDir(env).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool Profile::exists(const QString &dir)
{
    return QFileInfo(databasePath(dir)).isFile();
}

Poplar::Status Profile::ensureDirectory(const QString &dir)
{
    const QByteArray path = QFile::encodeName(dir);
    if (!QFileInfo(dir).isDir()) {
        // Created owner-only from the start; its parents the usual way.
        const QString parent = QFileInfo(dir).absolutePath();
        if ((!QFileInfo(parent).isDir() && !QDir().mkpath(parent))
            || (::mkdir(path.constData(), S_IRWXU) != 0 && errno != EEXIST))
            return Error(
                ErrorCode::LocalWriteFailed, QStringLiteral("cannot create the profile directory %1").arg(dir));
    }
    // Mail is private: only the owner may read the profile. A profile that
    // cannot be made so is not used.
    if (::chmod(path.constData(), S_IRWXU) != 0) {
        const int error = errno;
        return Error(ErrorCode::LocalWriteFailed,
            QStringLiteral("cannot make the profile directory %1 private (owner only): %2")
                .arg(dir, QString::fromLocal8Bit(std::strerror(error))));
    }
    struct stat st = {};
    if (::stat(path.constData(), &st) != 0 || (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return Error(ErrorCode::LocalWriteFailed,
            QStringLiteral("the profile directory %1 cannot be made private (owner only): its file system "
                           "ignores permissions")
                .arg(dir));
    return {};
}

QString Profile::databasePath(const QString &dir)
{
    return QDir(dir).filePath(QString::fromLatin1(DatabaseFileName));
}

}  // namespace Store
