#include "settings/Preferences.h"

#include "models/MessageListModel.h"

#include <QSettings>

#include <algorithm>
#include <array>

namespace Poplar::Ui {

const QString Preferences::FetchAtStartKey = QStringLiteral("preferences/fetchAtStart");
const QString Preferences::StartHiddenKey = QStringLiteral("preferences/startHidden");
const QString Preferences::CloseToTrayKey = QStringLiteral("preferences/closeToTray");
const QString Preferences::NotificationsKey = QStringLiteral("preferences/notifications");
const QString Preferences::PreferPlainTextKey = QStringLiteral("preferences/preferPlainText");
const QString Preferences::RemoteImagesKey = QStringLiteral("preferences/remoteImages");
const QString Preferences::MarkReadKey = QStringLiteral("preferences/markRead");
const QString Preferences::MarkReadSecondsKey = QStringLiteral("preferences/markReadSeconds");
const QString Preferences::DateFormatKey = QStringLiteral("preferences/dateFormat");
const QString Preferences::HiddenColumnsKey = QStringLiteral("preferences/hiddenColumns");
const QString Preferences::LanguageKey = QStringLiteral("preferences/language");

namespace {

// Keys of older versions and where their values live now.
struct MovedKey {
    const char *from;
    const QString *to;
};
const std::array<MovedKey, 1> kMovedKeys { { { "desktop/closeToTray", &Preferences::CloseToTrayKey } } };

// Saved as words, so that a reordered enum reads old settings right.
const std::array<std::pair<Preferences::RemoteImages, const char *>, 2> kRemoteImages { {
    { Preferences::RemoteImages::Ask, "ask" },
    { Preferences::RemoteImages::Never, "never" },
} };
const std::array<std::pair<Preferences::MarkRead, const char *>, 3> kMarkRead { {
    { Preferences::MarkRead::AtOnce, "atOnce" },
    { Preferences::MarkRead::AfterDelay, "afterDelay" },
    { Preferences::MarkRead::Never, "never" },
} };
const std::array<std::pair<ListDateFormat, const char *>, 4> kDateFormats { {
    { ListDateFormat::Smart, "smart" },
    { ListDateFormat::Short, "short" },
    { ListDateFormat::Long, "long" },
    { ListDateFormat::Iso, "iso" },
} };
const std::array<std::pair<int, const char *>, 6> kColumns { {
    { MessageListModel::FlagColumn, "flag" },
    { MessageListModel::AttachmentColumn, "attachment" },
    { MessageListModel::SubjectColumn, "subject" },
    { MessageListModel::FromColumn, "from" },
    { MessageListModel::DateColumn, "date" },
    { MessageListModel::SizeColumn, "size" },
} };

template<typename T, std::size_t N>
T fromWord(const std::array<std::pair<T, const char *>, N> &table, const QString &word, T fallback)
{
    for (const auto &[value, name] : table) {
        if (word == QLatin1String(name))
            return value;
    }
    return fallback;
}

template<typename T, std::size_t N>
QString toWord(const std::array<std::pair<T, const char *>, N> &table, T value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return QString::fromLatin1(table.front().second);
}

}  // namespace

Preferences::Preferences(QObject *parent)
    : QObject(parent)
{
    migrate();
}

void Preferences::migrate()
{
    QSettings settings;
    for (const MovedKey &moved : kMovedKeys) {
        const QString from = QString::fromLatin1(moved.from);
        if (!settings.contains(from))
            continue;
        // A value saved under the new key is newer than the old one.
        if (!settings.contains(*moved.to))
            settings.setValue(*moved.to, settings.value(from));
        settings.remove(from);
    }
}

void Preferences::store(const QString &key, const QVariant &value)
{
    QSettings().setValue(key, value);
}

bool Preferences::fetchAtStart() const
{
    return QSettings().value(FetchAtStartKey, true).toBool();
}

void Preferences::setFetchAtStart(bool on)
{
    const bool was = fetchAtStart();
    store(FetchAtStartKey, on);
    if (was != on)
        Q_EMIT fetchAtStartChanged(on);
}

bool Preferences::startHidden() const
{
    return QSettings().value(StartHiddenKey, false).toBool();
}

void Preferences::setStartHidden(bool on)
{
    const bool was = startHidden();
    store(StartHiddenKey, on);
    if (was != on)
        Q_EMIT startHiddenChanged(on);
}

bool Preferences::closeToTray() const
{
    return QSettings().value(CloseToTrayKey, true).toBool();
}

void Preferences::setCloseToTray(bool on)
{
    const bool was = closeToTray();
    store(CloseToTrayKey, on);
    if (was != on)
        Q_EMIT closeToTrayChanged(on);
}

bool Preferences::notifications() const
{
    return QSettings().value(NotificationsKey, true).toBool();
}

void Preferences::setNotifications(bool on)
{
    const bool was = notifications();
    store(NotificationsKey, on);
    if (was != on)
        Q_EMIT notificationsChanged(on);
}

bool Preferences::preferPlainText() const
{
    return QSettings().value(PreferPlainTextKey, false).toBool();
}

void Preferences::setPreferPlainText(bool on)
{
    const bool was = preferPlainText();
    store(PreferPlainTextKey, on);
    if (was != on)
        Q_EMIT preferPlainTextChanged(on);
}

Preferences::RemoteImages Preferences::remoteImages() const
{
    return fromWord(kRemoteImages, QSettings().value(RemoteImagesKey).toString(), RemoteImages::Ask);
}

void Preferences::setRemoteImages(RemoteImages policy)
{
    const RemoteImages was = remoteImages();
    store(RemoteImagesKey, toWord(kRemoteImages, policy));
    if (was != policy)
        Q_EMIT remoteImagesChanged(policy);
}

Preferences::MarkRead Preferences::markRead() const
{
    return fromWord(kMarkRead, QSettings().value(MarkReadKey).toString(), MarkRead::AtOnce);
}

void Preferences::setMarkRead(MarkRead when)
{
    const MarkRead was = markRead();
    store(MarkReadKey, toWord(kMarkRead, when));
    if (was != when)
        Q_EMIT markReadChanged();
}

int Preferences::markReadSeconds() const
{
    return std::clamp(QSettings().value(MarkReadSecondsKey, 5).toInt(), 1, MaxMarkReadSeconds);
}

void Preferences::setMarkReadSeconds(int seconds)
{
    seconds = std::clamp(seconds, 1, MaxMarkReadSeconds);
    const int was = markReadSeconds();
    store(MarkReadSecondsKey, seconds);
    if (was != seconds)
        Q_EMIT markReadChanged();
}

int Preferences::markReadDelayMs() const
{
    switch (markRead()) {
    case MarkRead::AtOnce: return 0;
    case MarkRead::AfterDelay: return markReadSeconds() * 1000;
    case MarkRead::Never: return -1;
    }
    return 0;
}

ListDateFormat Preferences::dateFormat() const
{
    return fromWord(kDateFormats, QSettings().value(DateFormatKey).toString(), ListDateFormat::Smart);
}

void Preferences::setDateFormat(ListDateFormat format)
{
    const ListDateFormat was = dateFormat();
    store(DateFormatKey, toWord(kDateFormats, format));
    if (was != format)
        Q_EMIT dateFormatChanged(format);
}

QList<int> Preferences::hiddenColumns() const
{
    const QStringList names = QSettings().value(HiddenColumnsKey).toStringList();
    QList<int> columns;
    for (const auto &[column, name] : kColumns) {
        if (names.contains(QLatin1String(name)))
            columns << column;
    }
    return columns;
}

void Preferences::setHiddenColumns(QList<int> columns)
{
    QStringList names;
    QList<int> hidden;
    for (const auto &[column, name] : kColumns) {
        if (columns.contains(column)) {
            names << QString::fromLatin1(name);
            hidden << column;
        }
    }
    // At least one column stays.
    if (hidden.size() == qsizetype(kColumns.size()))
        return;
    const QList<int> was = hiddenColumns();
    store(HiddenColumnsKey, names);
    if (was != hidden)
        Q_EMIT hiddenColumnsChanged(hidden);
}

void Preferences::setColumnHidden(int column, bool hidden)
{
    QList<int> columns = hiddenColumns();
    columns.removeAll(column);
    if (hidden)
        columns << column;
    setHiddenColumns(columns);
}

QString Preferences::language() const
{
    return QSettings().value(LanguageKey).toString();
}

void Preferences::setLanguage(const QString &code)
{
    const QString was = language();
    store(LanguageKey, code);
    if (was != code)
        Q_EMIT languageChanged(code);
}

}  // namespace Poplar::Ui
