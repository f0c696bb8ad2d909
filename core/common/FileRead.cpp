#include "common/FileRead.h"

#include <QFile>

#include <algorithm>

namespace Poplar {

Result<QByteArray> readWholeFile(const QString &path, qint64 limit)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::NotFound, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    if (f.size() > limit)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 is larger than %2 octets").arg(path).arg(limit));
    // Never more room than the file (or the limit) needs: read() reserves it.
    QByteArray bytes = f.read(std::min(f.size(), limit) + 1);
    if (bytes.size() > limit)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 is larger than %2 octets").arg(path).arg(limit));
    if (f.error() != QFile::NoError)
        return Error(ErrorCode::NotFound, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    return bytes;
}

}  // namespace Poplar
