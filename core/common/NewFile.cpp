#include "common/NewFile.h"

#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Poplar {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

Error failure(int error, const QString &what)
{
    return Error(error == ENOSPC ? ErrorCode::DiskFull : ErrorCode::LocalWriteFailed,
        QStringLiteral("%1: %2").arg(what, systemError(error)));
}

// Creates `path` exclusively: O_EXCL fails on anything at the name,
// a symbolic link included (it is not followed). -1 with `*error` set.
int createExclusive(const QString &path, int *error)
{
    const int fd = ::open(
        QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
    *error = fd < 0 ? errno : 0;
    return fd;
}

Status openOn(QFile &file, const QString &path, int *error)
{
    const int fd = createExclusive(path, error);
    if (fd < 0) {
        if (*error == EEXIST)
            return Error(ErrorCode::FileExists, QStringLiteral("%1 exists already").arg(path));
        return failure(*error, QStringLiteral("cannot create %1").arg(path));
    }
    file.setFileName(path);
    if (!file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        ::unlink(QFile::encodeName(path).constData());
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    return {};
}

// create() with `*exists` telling "the name is taken" apart from other
// failures.
Status createAt(const QString &path, const NewFile::Writer &write, bool *exists)
{
    *exists = false;
    int error = 0;
    const int reservation = createExclusive(path, &error);
    if (reservation < 0) {
        *exists = error == EEXIST;
        if (*exists)
            return Error(ErrorCode::FileExists, QStringLiteral("%1 exists already").arg(path));
        return failure(error, QStringLiteral("cannot create %1").arg(path));
    }
    ::close(reservation);
    auto dropReservation = [&] { ::unlink(QFile::encodeName(path).constData()); };

    const QString dir = QFileInfo(path).absolutePath();
    QFile temp;
    QString tempPath;
    Status opened = Error(ErrorCode::LocalWriteFailed);
    for (int attempt = 0; attempt < 100; ++attempt) {
        tempPath = QDir(dir).filePath(
            QStringLiteral(".poplar-%1.tmp").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0')));
        opened = openOn(temp, tempPath, &error);
        if (opened || error != EEXIST)
            break;
    }
    if (!opened) {
        dropReservation();
        return opened;
    }
    auto dropBoth = [&] {
        temp.close();
        ::unlink(QFile::encodeName(tempPath).constData());
        dropReservation();
    };
    if (Status written = write(temp); !written) {
        dropBoth();
        return written;
    }
    if (!temp.flush()) {
        const QString why = temp.errorString();
        dropBoth();
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write %1: %2").arg(path, why));
    }
    if (::fsync(temp.handle()) != 0) {
        error = errno;
        dropBoth();
        return failure(error, QStringLiteral("cannot flush %1 to disk").arg(path));
    }
    temp.close();
    // rename() replaces the directory entry itself: if something took the
    // reservation's place meanwhile, it is replaced, never written through.
    if (::rename(QFile::encodeName(tempPath).constData(), QFile::encodeName(path).constData()) != 0) {
        error = errno;
        dropBoth();
        return failure(error, QStringLiteral("cannot put %1 in place").arg(path));
    }
    return {};
}

}  // namespace

Status NewFile::create(const QString &path, const Writer &write)
{
    bool exists = false;
    return createAt(path, write, &exists);
}

Status NewFile::create(const QString &path, const QByteArray &data)
{
    return create(path, [&data](QIODevice &out) -> Status {
        if (out.write(data) != data.size())
            return Error(ErrorCode::LocalWriteFailed, out.errorString());
        return {};
    });
}

Result<QString> NewFile::createUnique(const QDir &dir, const QString &name, const Writer &write)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    const QString base = dot > 0 ? name.left(dot) : name;
    const QString ext = dot > 0 ? name.mid(dot) : QString();
    for (int n = 1; n < 10000; ++n) {
        const QString candidate = n == 1 ? name : QStringLiteral("%1 (%2)%3").arg(base).arg(n).arg(ext);
        const QString path = dir.filePath(candidate);
        bool exists = false;
        Status st = createAt(path, write, &exists);
        if (st)
            return path;
        if (!exists)
            return st.error();
    }
    return Error(ErrorCode::LocalWriteFailed, QStringLiteral("no free file name for %1 in %2").arg(name, dir.path()));
}

Result<QString> NewFile::createUnique(const QDir &dir, const QString &name, const QByteArray &data)
{
    return createUnique(dir, name, [&data](QIODevice &out) -> Status {
        if (out.write(data) != data.size())
            return Error(ErrorCode::LocalWriteFailed, out.errorString());
        return {};
    });
}

Status NewFile::openExclusive(QFile &file, const QString &path)
{
    int error = 0;
    return openOn(file, path, &error);
}

}  // namespace Poplar
