#pragma once

#include "sync/Scheduler.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QAction;

namespace Poplar::Ui {

class ColumnChooser;
class MainWindow;
class Preferences;
class PreferencesDialog;
class TrayIcon;

// Puts the preferences to work in a window: the reading pane (plain text,
// remote images), marking read, the list's dates and columns (with the
// header's column menu), Keep Running in the Tray, the tray's
// notifications, and File > Preferences. Each setting applies when it
// changes. A child of the window; `preferences` must outlive it.
class PreferencesBinding : public QObject
{
    Q_OBJECT
public:
    PreferencesBinding(Preferences *preferences, MainWindow *window);

    // The tray's notifications follow the preference (not owned).
    void setTrayIcon(TrayIcon *tray);

    // The scheduler options that honour "get mail when Poplar starts".
    [[nodiscard]] static Sync::Scheduler::Options schedulerOptions(const Preferences &preferences);
    // Shows the window at start, unless Poplar starts hidden in the tray
    // (only where there is one). Returns whether it was shown.
    bool showAtStart(bool trayAvailable);

    // File > Preferences ("preferences"); opens the dialog, once.
    [[nodiscard]] QAction *preferencesAction() const { return m_action; }
    PreferencesDialog *openDialog();
    [[nodiscard]] ColumnChooser *columnChooser() const { return m_columns; }

private:
    void addMenuEntry();

    Preferences *m_preferences = nullptr;
    MainWindow *m_window = nullptr;
    QPointer<TrayIcon> m_tray;
    ColumnChooser *m_columns = nullptr;
    QAction *m_action = nullptr;
    QString m_runningLanguage;
};

}  // namespace Poplar::Ui
