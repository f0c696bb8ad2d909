#include "common/FileRead.h"

#include <QFile>

namespace Poplar {

Result<QByteArray> readWholeFile(const QString &path, qint64 limit)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::NotFound, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    if (f.size() > limit)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 is larger than %2 octets").arg(path).arg(limit));
    QByteArray bytes = f.read(limit + 1);
    if (bytes.size() > limit)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 is larger than %2 octets").arg(path).arg(limit));
    if (f.error() != QFile::NoError)
        return Error(ErrorCode::NotFound, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    return bytes;
}

}  // namespace Poplar
