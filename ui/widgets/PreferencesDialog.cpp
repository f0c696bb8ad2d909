#include "widgets/PreferencesDialog.h"

#include "models/MessageListModel.h"
#include "settings/Preferences.h"
#include "text/Translations.h"
#include "widgets/ColumnChooser.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <vector>

namespace Poplar::Ui {

namespace {

QCheckBox *checkBox(const QString &text, const QString &objectName, const QString &toolTip, QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setObjectName(objectName);
    box->setToolTip(toolTip);
    return box;
}

// A language's name in its own words ("Deutsch", "English").
QString languageName(const QString &code)
{
    const QLocale locale(code);
    if (locale.language() == QLocale::English)
        return QStringLiteral("English");
    QString name = locale.nativeLanguageName();
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

}  // namespace

PreferencesDialog::PreferencesDialog(Preferences *preferences, QWidget *parent)
    : QDialog(parent)
    , m_preferences(preferences)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("preferencePages"));
    m_pages->addTab(startupPage(), tr("&Startup"));
    m_pages->addTab(readingPage(), tr("&Reading"));
    m_pages->addTab(listPage(), tr("&List"));
    m_pages->addTab(languagePage(), tr("Lan&guage"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    auto *applied = new QLabel(tr("Changes take effect at once."), this);
    applied->setWordWrap(true);
    layout->addWidget(m_pages);
    layout->addWidget(applied);
    layout->addWidget(buttons);

    load();
    connect(m_preferences, &Preferences::fetchAtStartChanged, this, &PreferencesDialog::load);
    connect(m_preferences, &Preferences::startHiddenChanged, this, &PreferencesDialog::load);
    connect(m_preferences, &Preferences::closeToTrayChanged, this, &PreferencesDialog::load);
    connect(m_preferences, &Preferences::notificationsChanged, this, &PreferencesDialog::load);
    connect(m_preferences, &Preferences::preferPlainTextChanged, this, &PreferencesDialog::load);
    connect(m_preferences, &Preferences::remoteImagesChanged, this, &PreferencesDialog::load);
    connect(m_preferences, &Preferences::markReadChanged, this, &PreferencesDialog::load);
    connect(m_preferences, &Preferences::dateFormatChanged, this, &PreferencesDialog::load);
    connect(m_preferences, &Preferences::hiddenColumnsChanged, this, &PreferencesDialog::load);
    connect(m_preferences, &Preferences::languageChanged, this, &PreferencesDialog::load);
}

QWidget *PreferencesDialog::startupPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("startupPage"));
    auto *layout = new QVBoxLayout(page);
    m_fetchAtStart = checkBox(tr("&Get mail when Poplar starts"), QStringLiteral("fetchAtStart"),
        tr("Off: each account is first checked after its interval"), page);
    m_startHidden = checkBox(tr("Start &hidden in the tray"), QStringLiteral("startHidden"),
        tr("Poplar starts with only its tray icon; click it to show the window"), page);
    m_closeToTray = checkBox(tr("&Keep running in the tray when the window is closed"), QStringLiteral("closeToTray"),
        tr("Closing the window leaves Poplar fetching mail in the tray"), page);
    m_notifications = checkBox(tr("Show &notifications for new mail"), QStringLiteral("notifications"),
        tr("A desktop notification names the sender and subject of new mail"), page);
    m_noTray = new QLabel(tr("Your desktop shows no tray icons: these options have no effect here."), page);
    m_noTray->setObjectName(QStringLiteral("noTrayNote"));
    m_noTray->setWordWrap(true);
    m_noTray->hide();
    layout->addWidget(m_fetchAtStart);
    layout->addWidget(m_startHidden);
    layout->addWidget(m_closeToTray);
    layout->addWidget(m_notifications);
    layout->addWidget(m_noTray);
    layout->addStretch(1);
    connect(m_fetchAtStart, &QCheckBox::toggled, m_preferences, &Preferences::setFetchAtStart);
    connect(m_startHidden, &QCheckBox::toggled, m_preferences, &Preferences::setStartHidden);
    connect(m_closeToTray, &QCheckBox::toggled, m_preferences, &Preferences::setCloseToTray);
    connect(m_notifications, &QCheckBox::toggled, m_preferences, &Preferences::setNotifications);
    return page;
}

QWidget *PreferencesDialog::readingPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("readingPage"));
    auto *layout = new QVBoxLayout(page);

    m_preferPlainText = checkBox(tr("Show the &plain text of messages that also come as HTML"),
        QStringLiteral("preferPlainText"), tr("Messages that are only HTML are still shown as HTML"), page);
    layout->addWidget(m_preferPlainText);
    connect(m_preferPlainText, &QCheckBox::toggled, m_preferences, &Preferences::setPreferPlainText);

    auto *form = new QFormLayout;
    m_remoteImages = new QComboBox(page);
    m_remoteImages->setObjectName(QStringLiteral("remoteImages"));
    m_remoteImages->addItem(
        tr("Ask: a bar offers to load them for the message or the sender"), int(Preferences::RemoteImages::Ask));
    m_remoteImages->addItem(tr("Never, and do not ask"), int(Preferences::RemoteImages::Never));
    m_remoteImages->setToolTip(tr("Remote images can tell the sender that and when you read a message"));
    form->addRow(tr("Remote &images:"), m_remoteImages);
    layout->addLayout(form);
    connect(m_remoteImages, &QComboBox::activated, this, [this](int index) {
        m_preferences->setRemoteImages(Preferences::RemoteImages(m_remoteImages->itemData(index).toInt()));
    });

    auto *markGroup = new QGroupBox(tr("Mark a message as read"), page);
    auto *mark = new QVBoxLayout(markGroup);
    m_markAtOnce = new QRadioButton(tr("&When it is shown"), markGroup);
    m_markAtOnce->setObjectName(QStringLiteral("markReadAtOnce"));
    auto *afterRow = new QHBoxLayout;
    m_markAfter = new QRadioButton(tr("&After it was shown for"), markGroup);
    m_markAfter->setObjectName(QStringLiteral("markReadAfter"));
    m_markSeconds = new QSpinBox(markGroup);
    m_markSeconds->setObjectName(QStringLiteral("markReadSeconds"));
    m_markSeconds->setRange(1, Preferences::MaxMarkReadSeconds);
    m_markSeconds->setSuffix(tr(" s"));
    m_markSeconds->setAccessibleName(tr("Seconds before a message is marked as read"));
    afterRow->addWidget(m_markAfter);
    afterRow->addWidget(m_markSeconds);
    afterRow->addStretch(1);
    m_markNever = new QRadioButton(tr("&Only by hand"), markGroup);
    m_markNever->setObjectName(QStringLiteral("markReadNever"));
    mark->addWidget(m_markAtOnce);
    mark->addLayout(afterRow);
    mark->addWidget(m_markNever);
    layout->addWidget(markGroup);
    auto *group = new QButtonGroup(this);
    group->addButton(m_markAtOnce, int(Preferences::MarkRead::AtOnce));
    group->addButton(m_markAfter, int(Preferences::MarkRead::AfterDelay));
    group->addButton(m_markNever, int(Preferences::MarkRead::Never));
    connect(group, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked)
            m_preferences->setMarkRead(Preferences::MarkRead(id));
    });
    connect(m_markSeconds, &QSpinBox::valueChanged, m_preferences, &Preferences::setMarkReadSeconds);
    layout->addStretch(1);
    return page;
}

QWidget *PreferencesDialog::listPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("listPage"));
    auto *layout = new QVBoxLayout(page);

    auto *form = new QFormLayout;
    m_dateFormat = new QComboBox(page);
    m_dateFormat->setObjectName(QStringLiteral("dateFormat"));
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime earlier = now.addDays(-3);
    m_dateFormat->addItem(
        tr("Today the time, else the date (%1, %2)")
            .arg(listDateText(now, ListDateFormat::Smart), listDateText(earlier, ListDateFormat::Smart)),
        int(ListDateFormat::Smart));
    m_dateFormat->addItem(
        tr("Short (%1)").arg(listDateText(earlier, ListDateFormat::Short)), int(ListDateFormat::Short));
    m_dateFormat->addItem(tr("Long (%1)").arg(listDateText(earlier, ListDateFormat::Long)), int(ListDateFormat::Long));
    m_dateFormat->addItem(
        tr("ISO 8601 (%1)").arg(listDateText(earlier, ListDateFormat::Iso)), int(ListDateFormat::Iso));
    form->addRow(tr("&Dates:"), m_dateFormat);
    layout->addLayout(form);
    connect(m_dateFormat, &QComboBox::activated, this,
        [this](int index) { m_preferences->setDateFormat(ListDateFormat(m_dateFormat->itemData(index).toInt())); });

    auto *columnGroup = new QGroupBox(tr("Columns shown"), page);
    columnGroup->setToolTip(tr("Also in the context menu of the list's header"));
    auto *columns = new QVBoxLayout(columnGroup);
    for (int c = 0; c < MessageListModel::ColumnCount; ++c) {
        QCheckBox *box
            = checkBox(ColumnChooser::columnName(c), QStringLiteral("column%1").arg(c), QString(), columnGroup);
        columns->addWidget(box);
        m_columns << box;
        connect(box, &QCheckBox::toggled, this, [this, c](bool on) {
            m_preferences->setColumnHidden(c, !on);
            load();  // the last column shown cannot go
        });
    }
    layout->addWidget(columnGroup);
    layout->addStretch(1);
    return page;
}

QWidget *PreferencesDialog::languagePage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("languagePage"));
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("The system's language (%1)").arg(languageName(QLocale::system().name())), QString());
    for (const QString &code : availableLanguages())
        m_language->addItem(languageName(code), code);
    form->addRow(tr("Language of &Poplar:"), m_language);
    layout->addLayout(form);
    m_languageNote = new QLabel(tr("The new language takes effect when Poplar starts next."), page);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));
    m_languageNote->setWordWrap(true);
    m_languageNote->hide();
    layout->addWidget(m_languageNote);
    layout->addStretch(1);
    connect(m_language, &QComboBox::activated, this, [this](int index) {
        m_preferences->setLanguage(m_language->itemData(index).toString());
        updateLanguageNote();
    });
    m_runningLanguage = m_preferences->language();
    return page;
}

void PreferencesDialog::load()
{
    QList<QWidget *> widgets { m_fetchAtStart, m_startHidden, m_closeToTray, m_notifications, m_preferPlainText,
        m_remoteImages, m_markAtOnce, m_markAfter, m_markNever, m_markSeconds, m_dateFormat, m_language };
    for (QCheckBox *box : std::as_const(m_columns))
        widgets << box;
    // Shown, not written back.
    std::vector<QSignalBlocker> blockers;
    blockers.reserve(widgets.size() + 1);
    for (QWidget *w : std::as_const(widgets))
        blockers.emplace_back(w);
    if (QButtonGroup *group = m_markAtOnce->group())
        blockers.emplace_back(group);

    const Preferences &p = *m_preferences;
    m_fetchAtStart->setChecked(p.fetchAtStart());
    m_startHidden->setChecked(p.startHidden());
    m_closeToTray->setChecked(p.closeToTray());
    m_notifications->setChecked(p.notifications());
    m_preferPlainText->setChecked(p.preferPlainText());
    m_remoteImages->setCurrentIndex(m_remoteImages->findData(int(p.remoteImages())));
    switch (p.markRead()) {
    case Preferences::MarkRead::AtOnce: m_markAtOnce->setChecked(true); break;
    case Preferences::MarkRead::AfterDelay: m_markAfter->setChecked(true); break;
    case Preferences::MarkRead::Never: m_markNever->setChecked(true); break;
    }
    m_markSeconds->setValue(p.markReadSeconds());
    m_dateFormat->setCurrentIndex(m_dateFormat->findData(int(p.dateFormat())));
    const QList<int> hidden = p.hiddenColumns();
    for (int c = 0; c < m_columns.size(); ++c) {
        m_columns.at(c)->setChecked(!hidden.contains(c));
        // The last column shown cannot go.
        m_columns.at(c)->setEnabled(hidden.contains(c) || hidden.size() < m_columns.size() - 1);
    }
    const int language = m_language->findData(p.language());
    m_language->setCurrentIndex(language < 0 ? 0 : language);
    updateLanguageNote();
}

void PreferencesDialog::setTrayAvailable(bool available)
{
    for (QCheckBox *box : { m_startHidden, m_closeToTray, m_notifications })
        box->setEnabled(available);
    m_noTray->setVisible(!available);
}

void PreferencesDialog::setRunningLanguage(const QString &code)
{
    m_runningLanguage = code;
    updateLanguageNote();
}

void PreferencesDialog::updateLanguageNote()
{
    m_languageNote->setVisible(m_preferences->language() != m_runningLanguage);
}

}  // namespace Poplar::Ui
