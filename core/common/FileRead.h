#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace Poplar {

// The whole of a file of at most `limit` octets: NotFound when it cannot be
// read, InvalidArgument when it is larger (nothing more than limit + 1
// octets is read to find out).
[[nodiscard]] Result<QByteArray> readWholeFile(const QString &path, qint64 limit);

}  // namespace Poplar
