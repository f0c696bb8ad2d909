#include "store/Profile.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

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

Poplar::Status Profile::ensureDirectory(const QString &dir)
{
    QDir d(dir);
    if (!d.exists() && !QDir().mkpath(dir))
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot create the profile directory %1").arg(dir));
    // Mail is private: only the owner may read the profile.
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return {};
}

QString Profile::databasePath(const QString &dir)
{
    return QDir(dir).filePath(QString::fromLatin1(DatabaseFileName));
}

}  // namespace Store
