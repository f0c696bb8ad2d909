#include "settings/ListDate.h"

#include <QLocale>

namespace Poplar::Ui {

QString listDateText(const QDateTime &date, ListDateFormat format)
{
    if (!date.isValid())
        return {};
    const QDateTime local = date.toLocalTime();
    const QLocale locale;
    switch (format) {
    case ListDateFormat::Smart:
        if (local.date() == QDate::currentDate())
            return locale.toString(local.time(), QLocale::ShortFormat);
        return locale.toString(local, QLocale::ShortFormat);
    case ListDateFormat::Short: return locale.toString(local, QLocale::ShortFormat);
    case ListDateFormat::Long:
        return locale.toString(local.date(), QLocale::LongFormat) + QLatin1Char(' ')
            + locale.toString(local.time(), QLocale::ShortFormat);
    case ListDateFormat::Iso: return local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    return locale.toString(local, QLocale::ShortFormat);
}

}  // namespace Poplar::Ui
