#include "wizard/PolicyPage.h"

#include "wizard/AccountWizard.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Poplar::Ui {

namespace {

QSpinBox *spinBox(QWidget *parent, const QString &objectName, const QString &accessibleName, int min, int max,
    int value, const QString &suffix)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setAccessibleName(accessibleName);
    box->setRange(min, max);
    box->setValue(value);
    box->setSuffix(suffix);
    return box;
}

}  // namespace

PolicyPage::PolicyPage(QWidget *parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("policyPage"));
    setTitle(tr("Mail on the Server"));
    setSubTitle(tr("Poplar downloads your mail to this computer. Choose what stays on the server, for webmail or "
                   "another device, and how often to look for new mail."));
    const Accounts::Policy recommended = Accounts::Policy::recommended();
    auto *layout = new QVBoxLayout(this);

    auto *keep = new QGroupBox(tr("After downloading a message"), this);
    auto *keepLayout = new QVBoxLayout(keep);
    auto *daysRow = new QHBoxLayout;
    m_keepDaysMode = new QRadioButton(tr("&Keep it on the server for"), keep);
    m_keepDaysMode->setObjectName(QStringLiteral("keepOnServerDays"));
    m_keepDays = spinBox(keep, QStringLiteral("keepDays"), tr("Days to keep mail on the server"), 1,
        Accounts::Limits::MaxKeepDays, recommended.keepDays, tr(" days"));
    daysRow->addWidget(m_keepDaysMode);
    daysRow->addWidget(m_keepDays);
    daysRow->addStretch();
    keepLayout->addLayout(daysRow);
    m_keepForeverMode = new QRadioButton(tr("Keep it on the server &without a time limit"), keep);
    m_keepForeverMode->setObjectName(QStringLiteral("keepForever"));
    keepLayout->addWidget(m_keepForeverMode);
    m_deleteMode = new QRadioButton(tr("&Delete it from the server right away"), keep);
    m_deleteMode->setObjectName(QStringLiteral("deleteAfterDownload"));
    keepLayout->addWidget(m_deleteMode);
    m_keepDaysMode->setChecked(true);
    layout->addWidget(keep);

    auto *limits = new QGroupBox(tr("While mail stays on the server"), this);
    auto *limitsLayout = new QFormLayout(limits);
    m_deleteLocal = new QCheckBox(tr("Delete it on the server &too when I delete it here"), limits);
    m_deleteLocal->setObjectName(QStringLiteral("deleteWhenDeletedLocally"));
    m_deleteLocal->setChecked(recommended.deleteWhenDeletedLocally);
    limitsLayout->addRow(m_deleteLocal);
    m_limitCount = new QCheckBox(tr("Keep at most"), limits);
    m_limitCount->setObjectName(QStringLiteral("limitCount"));
    m_keepCount = spinBox(limits, QStringLiteral("keepCount"), tr("Messages to keep on the server at most"), 1,
        Accounts::Limits::MaxKeepCount, 1000, tr(" messages (the oldest go first)"));
    limitsLayout->addRow(m_limitCount, m_keepCount);
    m_limitMegabytes = new QCheckBox(tr("Keep at most"), limits);
    m_limitMegabytes->setObjectName(QStringLiteral("limitMegabytes"));
    m_keepMegabytes = spinBox(limits, QStringLiteral("keepMegabytes"), tr("Megabytes to keep on the server at most"), 1,
        Accounts::Limits::MaxKeepMegabytes, 500, tr(" MB (the oldest go first)"));
    limitsLayout->addRow(m_limitMegabytes, m_keepMegabytes);
    layout->addWidget(limits);

    auto *other = new QFormLayout;
    m_limitSize = new QCheckBox(tr("For messages over"), this);
    m_limitSize->setObjectName(QStringLiteral("limitSize"));
    m_sizeLimit = spinBox(this, QStringLiteral("sizeLimitKb"), tr("Size limit in kilobytes"), 1,
        Accounts::Limits::MaxSizeLimitKb, 1024, tr(" KB, download only the headers and first lines"));
    other->addRow(m_limitSize, m_sizeLimit);
    m_interval = spinBox(this, QStringLiteral("intervalMinutes"), tr("Minutes between checks for new mail"),
        Accounts::Limits::MinIntervalMinutes, Accounts::Limits::MaxIntervalMinutes,
        Accounts::Account::DefaultIntervalMinutes, tr(" minutes"));
    auto *intervalLabel = new QLabel(tr("Check for new mail &every"), this);
    intervalLabel->setBuddy(m_interval);
    other->addRow(intervalLabel, m_interval);
    layout->addLayout(other);

    m_serverNote = new QLabel(this);
    m_serverNote->setObjectName(QStringLiteral("serverNote"));
    m_serverNote->setWordWrap(true);
    m_serverNote->setTextFormat(Qt::PlainText);
    m_serverNote->hide();
    layout->addWidget(m_serverNote);
    m_uidlFallback = new QCheckBox(tr("Recognise messages by Message-ID, size and date (a message without a "
                                      "Message-ID may be downloaded twice)"),
        this);
    m_uidlFallback->setObjectName(QStringLiteral("uidlFallbackAccepted"));
    m_uidlFallback->hide();
    layout->addWidget(m_uidlFallback);
    layout->addStretch();

    registerField(QStringLiteral("keepOnServerDays"), m_keepDaysMode);
    registerField(QStringLiteral("keepForever"), m_keepForeverMode);
    registerField(QStringLiteral("deleteAfterDownload"), m_deleteMode);
    registerField(QStringLiteral("keepDays"), m_keepDays);
    registerField(QStringLiteral("deleteWhenDeletedLocally"), m_deleteLocal);
    registerField(QStringLiteral("limitCount"), m_limitCount);
    registerField(QStringLiteral("keepCount"), m_keepCount);
    registerField(QStringLiteral("limitMegabytes"), m_limitMegabytes);
    registerField(QStringLiteral("keepMegabytes"), m_keepMegabytes);
    registerField(QStringLiteral("limitSize"), m_limitSize);
    registerField(QStringLiteral("sizeLimitKb"), m_sizeLimit);
    registerField(QStringLiteral("intervalMinutes"), m_interval);
    registerField(QStringLiteral("uidlFallbackAccepted"), m_uidlFallback);

    for (QAbstractButton *b : std::initializer_list<QAbstractButton *> {
             m_keepDaysMode, m_keepForeverMode, m_deleteMode, m_limitCount, m_limitMegabytes, m_limitSize })
        connect(b, &QAbstractButton::toggled, this, &PolicyPage::updateEnabled);
    updateEnabled();
}

PolicyPage::~PolicyPage() = default;

void PolicyPage::updateEnabled()
{
    const bool leave = !m_deleteMode->isChecked();
    m_keepDays->setEnabled(m_keepDaysMode->isChecked());
    for (QWidget *w : std::initializer_list<QWidget *> { m_deleteLocal, m_limitCount, m_limitMegabytes })
        w->setEnabled(leave);
    m_keepCount->setEnabled(leave && m_limitCount->isChecked());
    m_keepMegabytes->setEnabled(leave && m_limitMegabytes->isChecked());
    m_sizeLimit->setEnabled(m_limitSize->isChecked());
    const auto *w = qobject_cast<const AccountWizard *>(wizard());
    const bool noUidl = w && w->testedServer() && w->testedServer()->capabilities.capaSupported
        && !w->testedServer()->capabilities.uidl;
    m_uidlFallback->setVisible(noUidl && leave);
}

void PolicyPage::initializePage()
{
    const auto *w = qobject_cast<const AccountWizard *>(wizard());
    QStringList notes;
    if (w && w->testedServer()) {
        const Pop3::Capabilities &c = w->testedServer()->capabilities;
        if (c.capaSupported && !c.uidl)
            notes << tr("This server cannot tell messages apart (no UIDL). To leave mail on it, Poplar must "
                        "recognise messages by their headers instead.");
        if (c.expire == Pop3::Capabilities::Expire::Days)
            notes << (c.expireDays == 0
                    ? tr("Note: the server deletes mail as soon as it was downloaded, whatever you choose here.")
                    : tr("Note: the server deletes mail %n day(s) after it was downloaded, whatever you choose "
                         "here.",
                        nullptr, c.expireDays));
        if (c.loginDelaySeconds && *c.loginDelaySeconds > 60)
            notes << tr("Note: the server allows checking for mail only every %n minute(s); Poplar waits at "
                        "least that long.",
                nullptr, (*c.loginDelaySeconds + 59) / 60);
    }
    m_serverNote->setText(notes.join(QLatin1Char('\n')));
    m_serverNote->setVisible(!notes.isEmpty());
    updateEnabled();
}

void PolicyPage::cleanupPage()
{
    // Back keeps the choices.
}

int PolicyPage::nextId() const
{
    return AccountWizard::FinishPage;
}

Accounts::Policy PolicyPage::policy() const
{
    Accounts::Policy p;
    p.leaveOnServer = !m_deleteMode->isChecked();
    p.sizeLimitKb = m_limitSize->isChecked() ? m_sizeLimit->value() : 0;
    if (!p.leaveOnServer)
        return p;
    p.keepDays = m_keepDaysMode->isChecked() ? m_keepDays->value() : 0;
    p.keepCount = m_limitCount->isChecked() ? m_keepCount->value() : 0;
    p.keepMegabytes = m_limitMegabytes->isChecked() ? m_keepMegabytes->value() : 0;
    p.deleteWhenDeletedLocally = m_deleteLocal->isChecked();
    return p;
}

}  // namespace Poplar::Ui
