#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QRadioButton;
class QSpinBox;
class QTabWidget;

namespace Poplar::Ui {

class Preferences;

// File > Preferences: the application's settings on four pages (Startup,
// Reading, List, Language). Every change is saved and applied at once;
// there is nothing to confirm. The widgets follow changes made elsewhere
// (the list header's column menu) while the dialog is open.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(Preferences *preferences, QWidget *parent = nullptr);

    // Without a tray the tray's options cannot act: they are disabled.
    void setTrayAvailable(bool available);
    // The language the running Poplar speaks (a code, or empty for the
    // system's): choosing another says that it takes effect at the next start.
    void setRunningLanguage(const QString &code);

    [[nodiscard]] QTabWidget *pages() const { return m_pages; }

private:
    QWidget *startupPage();
    QWidget *readingPage();
    QWidget *listPage();
    QWidget *languagePage();
    // Shows the preferences' values (without writing them back).
    void load();
    void updateLanguageNote();

    Preferences *m_preferences = nullptr;
    QString m_runningLanguage;
    QTabWidget *m_pages = nullptr;
    QCheckBox *m_fetchAtStart = nullptr;
    QCheckBox *m_startHidden = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QCheckBox *m_notifications = nullptr;
    QLabel *m_noTray = nullptr;
    QCheckBox *m_preferPlainText = nullptr;
    QComboBox *m_remoteImages = nullptr;
    QRadioButton *m_markAtOnce = nullptr;
    QRadioButton *m_markAfter = nullptr;
    QRadioButton *m_markNever = nullptr;
    QSpinBox *m_markSeconds = nullptr;
    QComboBox *m_dateFormat = nullptr;
    QList<QCheckBox *> m_columns;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNote = nullptr;
};

}  // namespace Poplar::Ui
