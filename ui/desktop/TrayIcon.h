#pragma once

#include "store/StoreTypes.h"

#include <QIcon>
#include <QList>
#include <QObject>
#include <QString>

class QMenu;
class QSystemTrayIcon;

namespace Store {
class MailStore;
}

namespace Poplar::Ui {

class MailFetcher;
class MainWindow;

// Poplar in the system tray: an icon with the number of unread messages in
// the inboxes, a menu (show the window, get mail, quit), a click that shows
// or hides the window, and a notification when new mail arrives (the
// sender and subject of one message; several grouped per account).
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    struct Notification {
        QString title;
        QString body;
    };

    TrayIcon(MainWindow *window, Store::MailStore *store, MailFetcher *fetcher, QObject *parent = nullptr);
    ~TrayIcon() override;

    // Whether the desktop shows tray icons at all (else the window just closes).
    [[nodiscard]] static bool isSupported();
    [[nodiscard]] int unreadCount() const { return m_unread; }
    [[nodiscard]] QString toolTip() const;
    [[nodiscard]] const Notification &lastNotification() const { return m_last; }

    // What the notification says for `count` new messages of an account,
    // `newest` being the latest of them (newest first).
    [[nodiscard]] static Notification newMailNotification(
        const QString &accountName, int count, const QList<Store::MessageSummary> &newest);
    // The tray icon with the unread count drawn on it.
    [[nodiscard]] static QIcon iconWithCount(int unread);

    // Shows a notification (and keeps it as lastNotification()), with any
    // markup characters of the mail's text made harmless.
    void notify(const Notification &notification);

    // Whether notifications are shown at all (on by default); off, notify()
    // shows and keeps nothing.
    void setNotificationsEnabled(bool enabled) { m_notificationsEnabled = enabled; }
    [[nodiscard]] bool notificationsEnabled() const { return m_notificationsEnabled; }

Q_SIGNALS:
    void quitRequested();

private:
    void updateUnread();
    void mailArrived(qint64 accountId, int count);
    void toggleWindow();

    MainWindow *m_window = nullptr;
    Store::MailStore *m_store = nullptr;
    MailFetcher *m_fetcher = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QString m_title;  // the window's own title, before the unread count
    int m_unread = -1;
    Notification m_last;
    bool m_notificationsEnabled = true;
};

}  // namespace Poplar::Ui
