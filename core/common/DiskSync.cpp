#include "common/DiskSync.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Poplar {

namespace {

DiskSync::Function &replacement()
{
    static DiskSync::Function f;
    return f;
}

Status fsyncPath(const QString &path, DiskSync::Kind kind)
{
    const int flags = O_RDONLY | O_CLOEXEC | (kind == DiskSync::Kind::Directory ? O_DIRECTORY : 0);
    const int fd = ::open(QFile::encodeName(path).constData(), flags);
    int error = fd < 0 ? errno : 0;
    if (fd >= 0) {
        if (::fsync(fd) != 0)
            error = errno;
        ::close(fd);
    }
    if (error == 0)
        return {};
    return Error(error == ENOSPC ? ErrorCode::DiskFull : ErrorCode::LocalWriteFailed,
        QStringLiteral("cannot flush %1 to disk: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))));
}

Status run(const QString &path, DiskSync::Kind kind)
{
    if (const DiskSync::Function &f = replacement())
        return f(path, kind);
    return fsyncPath(path, kind);
}

}  // namespace

Status DiskSync::file(const QString &path)
{
    return run(path, Kind::File);
}

Status DiskSync::directory(const QString &path)
{
    return run(path, Kind::Directory);
}

void DiskSync::setForTesting(Function f)
{
    replacement() = std::move(f);
}

}  // namespace Poplar
