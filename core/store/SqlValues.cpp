#include "store/SqlValues.h"

#include <QStringList>

namespace Store::Sql {

qint64 toMs(const QDateTime &dt)
{
    return dt.isValid() ? dt.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString notNullText(const QString &s)
{
    return s.isNull() ? QString(QLatin1String("")) : s;
}

QVariant notNull(const QString &s)
{
    return QVariant(notNullText(s));
}

QString textOrNullText(const QByteArray &utf8)
{
    return utf8.isEmpty() ? QString() : QString::fromUtf8(utf8);
}

QString textOrNullText(const QString &s)
{
    return s.isEmpty() ? QString() : s;
}

QVariant textOrNull(const QByteArray &utf8)
{
    return utf8.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(textOrNullText(utf8));
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

QVariant idOrNull(qint64 id)
{
    return id ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

QString idJson(const QList<qint64> &ids)
{
    return QLatin1Char('[') + idList(ids) + QLatin1Char(']');
}

Poplar::Status forIdSlices(const QList<qint64> &ids, const std::function<Poplar::Status(const QString &)> &fn)
{
    for (qsizetype i = 0; i < ids.size(); i += 500) {
        if (auto st = fn(idList(ids.mid(i, 500))); !st)
            return st;
    }
    return {};
}

QString kindIs(FolderKind kind, const QString &alias)
{
    const QString column = alias.isEmpty() ? QStringLiteral("kind") : alias + QStringLiteral(".kind");
    return QStringLiteral("%1 = %2").arg(column).arg(value(kind));
}

QString hasFlag(int flag)
{
    return QStringLiteral("(flags & %1) != 0").arg(flag);
}

QString lacksFlag(int flag)
{
    return QStringLiteral("(flags & %1) = 0").arg(flag);
}

QString inInboxes()
{
    return QStringLiteral("folder_id IN (SELECT id FROM folders WHERE %1)").arg(kindIs(FolderKind::Inbox));
}

QString notInTrash()
{
    return QStringLiteral("folder_id != (SELECT id FROM folders WHERE %1)").arg(kindIs(FolderKind::Trash));
}

}  // namespace Store::Sql
