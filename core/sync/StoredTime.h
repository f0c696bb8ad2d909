#pragma once

#include <QDateTime>
#include <QVariant>

namespace Sync {

// Times in the sync tables: milliseconds since the epoch (UTC), NULL when
// there is none.
[[nodiscard]] inline QVariant storedTime(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

[[nodiscard]] inline QDateTime timeFromStore(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

}  // namespace Sync
