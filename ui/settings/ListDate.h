#pragma once

#include <QDateTime>
#include <QString>

namespace Poplar::Ui {

// How the message list shows a message's date.
enum class ListDateFormat {
    Smart,  // today: the time alone; earlier: the short date and time
    Short,  // always the short date and time of the locale
    Long,   // the locale's long date (weekday and month names) and the time
    Iso,    // 2026-11-20 09:00, the same in every language
};

// The Date column's text for `date` (empty when it is not valid), in local time.
[[nodiscard]] QString listDateText(const QDateTime &date, ListDateFormat format);

}  // namespace Poplar::Ui
