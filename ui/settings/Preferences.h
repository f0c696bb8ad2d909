#pragma once

#include "settings/ListDate.h"

#include <QList>
#include <QObject>
#include <QString>

namespace Poplar::Ui {

// The settings that belong to the application rather than to an account,
// kept in QSettings (nothing secret ever goes there). The application has
// one; each value is read from the settings when asked for. A setter saves
// the value and, when it changed, emits its signal: whatever follows the
// preference applies it at once.
//
// The defaults are what Poplar did before it had preferences. A value an
// older Poplar kept under another key is moved to its key here once.
class Preferences : public QObject
{
    Q_OBJECT
public:
    // Whether the reading pane loads remote images of a message.
    enum class RemoteImages {
        Ask,    // not by itself: a bar offers to, for the message or its sender
        Never,  // never, not even for senders allowed before, and no bar asks
    };
    Q_ENUM(RemoteImages)

    // When a message shown in the reading pane is marked read.
    enum class MarkRead {
        AtOnce,
        AfterDelay,  // after markReadSeconds() of being shown
        Never,       // only by hand
    };
    Q_ENUM(MarkRead)

    // The settings keys (the group "preferences", and the close-to-tray key
    // the window has always used).
    static const QString FetchAtStartKey;
    static const QString StartHiddenKey;
    static const QString CloseToTrayKey;
    static const QString NotificationsKey;
    static const QString PreferPlainTextKey;
    static const QString RemoteImagesKey;
    static const QString MarkReadKey;
    static const QString MarkReadSecondsKey;
    static const QString DateFormatKey;
    static const QString HiddenColumnsKey;
    static const QString LanguageKey;

    static constexpr int MaxMarkReadSeconds = 3600;

    explicit Preferences(QObject *parent = nullptr);

    // Moves values kept under the keys of older versions to their keys here
    // (the constructor does so, once per process is enough).
    static void migrate();

    // Startup and the tray.
    [[nodiscard]] bool fetchAtStart() const;  // every account checked soon after start (else after its interval)
    void setFetchAtStart(bool on);
    [[nodiscard]] bool startHidden() const;  // only the tray icon at start, where there is a tray
    void setStartHidden(bool on);
    [[nodiscard]] bool closeToTray() const;  // closing the window leaves Poplar in the tray
    void setCloseToTray(bool on);
    [[nodiscard]] bool notifications() const;  // new mail (and the tray's news) as desktop notifications
    void setNotifications(bool on);

    // Reading.
    [[nodiscard]] bool preferPlainText() const;  // the text/plain alternative rather than the HTML one
    void setPreferPlainText(bool on);
    [[nodiscard]] RemoteImages remoteImages() const;
    void setRemoteImages(RemoteImages policy);
    [[nodiscard]] MarkRead markRead() const;
    void setMarkRead(MarkRead when);
    [[nodiscard]] int markReadSeconds() const;  // for AfterDelay: 1 … MaxMarkReadSeconds
    void setMarkReadSeconds(int seconds);
    // How long a message is shown before it is marked read: 0 at once, -1 never.
    [[nodiscard]] int markReadDelayMs() const;

    // The message list.
    [[nodiscard]] ListDateFormat dateFormat() const;
    void setDateFormat(ListDateFormat format);
    // The MessageListModel columns not shown, in column order.
    [[nodiscard]] QList<int> hiddenColumns() const;
    void setHiddenColumns(QList<int> columns);
    void setColumnHidden(int column, bool hidden);

    // The language of the desktop application: a language code ("de",
    // "en"), or empty for the system's.
    [[nodiscard]] QString language() const;
    void setLanguage(const QString &code);

Q_SIGNALS:
    void fetchAtStartChanged(bool on);
    void startHiddenChanged(bool on);
    void closeToTrayChanged(bool on);
    void notificationsChanged(bool on);
    void preferPlainTextChanged(bool on);
    void remoteImagesChanged(Poplar::Ui::Preferences::RemoteImages policy);
    // markRead() or markReadSeconds() changed.
    void markReadChanged();
    void dateFormatChanged(Poplar::Ui::ListDateFormat format);
    void hiddenColumnsChanged(const QList<int> &columns);
    void languageChanged(const QString &code);

private:
    static void store(const QString &key, const QVariant &value);
};

}  // namespace Poplar::Ui
