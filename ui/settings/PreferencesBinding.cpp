#include "settings/PreferencesBinding.h"

#include "desktop/TrayIcon.h"
#include "models/MessageListModel.h"
#include "settings/Preferences.h"
#include "widgets/ColumnChooser.h"
#include "widgets/MainWindow.h"
#include "widgets/MessageView.h"
#include "widgets/PreferencesDialog.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QTreeView>

namespace Poplar::Ui {

PreferencesBinding::PreferencesBinding(Preferences *preferences, MainWindow *window)
    : QObject(window)
    , m_preferences(preferences)
    , m_window(window)
    , m_runningLanguage(preferences->language())
{
    MessageView *reader = window->messageView();
    reader->setPreferPlainText(preferences->preferPlainText());
    connect(preferences, &Preferences::preferPlainTextChanged, reader, &MessageView::setPreferPlainText);
    auto remote = [reader](Preferences::RemoteImages policy) {
        reader->setRemoteImagesBlocked(policy == Preferences::RemoteImages::Never);
    };
    remote(preferences->remoteImages());
    connect(preferences, &Preferences::remoteImagesChanged, reader, remote);

    window->setMarkReadDelay(preferences->markReadDelayMs());
    connect(preferences, &Preferences::markReadChanged, window,
        [this] { m_window->setMarkReadDelay(m_preferences->markReadDelayMs()); });

    MessageListModel *list = window->messageModel();
    list->setDateFormat(preferences->dateFormat());
    connect(preferences, &Preferences::dateFormatChanged, list, &MessageListModel::setDateFormat);
    m_columns = new ColumnChooser(window->messageListView()->header(), preferences, this);

    // The window's own Keep Running in the Tray and the preference are one.
    if (auto *closeToTray = window->findChild<QAction *>(QStringLiteral("closeToTray"))) {
        closeToTray->setChecked(preferences->closeToTray());
        connect(closeToTray, &QAction::toggled, preferences, &Preferences::setCloseToTray);
        connect(preferences, &Preferences::closeToTrayChanged, closeToTray, &QAction::setChecked);
    }

    m_action = new QAction(tr("&Preferences…"), window);
    m_action->setObjectName(QStringLiteral("preferences"));
    m_action->setMenuRole(QAction::PreferencesRole);
    m_action->setShortcut(QKeySequence::Preferences);
    m_action->setIcon(QIcon::fromTheme(QStringLiteral("preferences-system")));
    window->addAction(m_action);
    connect(m_action, &QAction::triggered, this, &PreferencesBinding::openDialog);
    addMenuEntry();
}

// In the File menu, before Keep Running in the Tray (else before Quit).
void PreferencesBinding::addMenuEntry()
{
    for (const char *name : { "closeToTray", "quit" }) {
        QAction *before = m_window->findChild<QAction *>(QString::fromLatin1(name));
        if (!before)
            continue;
        for (QObject *object : before->associatedObjects()) {
            if (auto *menu = qobject_cast<QMenu *>(object)) {
                menu->insertAction(before, m_action);
                return;
            }
        }
    }
}

void PreferencesBinding::setTrayIcon(TrayIcon *tray)
{
    if (m_tray)
        disconnect(m_preferences, nullptr, m_tray, nullptr);
    m_tray = tray;
    if (!tray)
        return;
    tray->setNotificationsEnabled(m_preferences->notifications());
    connect(m_preferences, &Preferences::notificationsChanged, tray, &TrayIcon::setNotificationsEnabled);
}

Sync::Scheduler::Options PreferencesBinding::schedulerOptions(const Preferences &preferences)
{
    Sync::Scheduler::Options options;
    options.checkAtStart = preferences.fetchAtStart();
    return options;
}

bool PreferencesBinding::showAtStart(bool trayAvailable)
{
    if (trayAvailable && m_preferences->startHidden())
        return false;
    m_window->show();
    return true;
}

PreferencesDialog *PreferencesBinding::openDialog()
{
    for (PreferencesDialog *open : m_window->findChildren<PreferencesDialog *>()) {
        if (open->isVisible()) {  // one at a time
            open->raise();
            open->activateWindow();
            return open;
        }
    }
    auto *dialog = new PreferencesDialog(m_preferences, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTrayAvailable(!m_tray.isNull());
    dialog->setRunningLanguage(m_runningLanguage);
    dialog->open();
    return dialog;
}

}  // namespace Poplar::Ui
