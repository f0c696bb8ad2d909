#include "wizard/FinishPage.h"

#include "accounts/AccountStore.h"
#include "store/Store.h"
#include "text/ErrorText.h"
#include "wizard/AccountWizard.h"
#include "wizard/ServerDescription.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Poplar::Ui {

namespace {

QStringList takenNames(Store::MailStore &store)
{
    QStringList names;
    if (auto all = Accounts::AccountStore(store).list()) {
        for (const Accounts::Account &a : all.value())
            names << a.name;
    }
    return names;
}

}  // namespace

FinishPage::FinishPage(QWidget *parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("finishPage"));
    setTitle(tr("Ready"));
    setSubTitle(tr("Poplar saves the account and keeps the password in the system keychain."));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("accountName"));
    m_name->setAccessibleName(tr("Account name"));
    form->addRow(tr("Account &name:"), m_name);
    layout->addLayout(form);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_summary);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("finishProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    layout->addWidget(m_problem);
    // A check box does not wrap its text: a short one, and the rest in a
    // label that wraps.
    m_keepForSession = new QCheckBox(tr("&Keep the password until Poplar quits"), this);
    m_keepForSession->setObjectName(QStringLiteral("keepPasswordForSession"));
    m_keepForSession->hide();
    layout->addWidget(m_keepForSession);
    m_keepNote = new QLabel(tr("It is written nowhere; Poplar asks for it again the next time it starts."), this);
    m_keepNote->setObjectName(QStringLiteral("keepPasswordNote"));
    m_keepNote->setWordWrap(true);
    m_keepNote->setTextFormat(Qt::PlainText);
    m_keepNote->hide();
    layout->addWidget(m_keepNote);
    layout->addStretch();

    registerField(QStringLiteral("accountName"), m_name);
    registerField(QStringLiteral("keepPasswordForSession"), m_keepForSession);
    connect(m_name, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_name, &QLineEdit::textChanged, m_problem, [this] {
        if (!m_keepForSession->isVisible())
            m_problem->hide();
    });
}

FinishPage::~FinishPage() = default;

void FinishPage::initializePage()
{
    auto *w = qobject_cast<AccountWizard *>(wizard());
    if (!w)
        return;
    const QString email = field(QStringLiteral("email")).toString().trimmed();
    // Suggest a name for this address unless the user typed one already.
    if (m_name->text().isEmpty() || m_suggestedFor != email) {
        m_name->setText(Accounts::suggestAccountName(email, takenNames(w->store())));
        m_suggestedFor = email;
    }
    const Accounts::Account a = w->draft();
    QStringList lines;
    lines << tr("Address: %1").arg(a.email);
    lines << tr("Server: %1").arg(serverText(a.host, a.effectivePort(), a.security));
    lines << tr("User name: %1").arg(a.user);
    if (!a.pinnedSha256.isEmpty())
        lines << tr("Trusted certificate: %1").arg(Net::formatFingerprint(a.pinnedSha256));
    if (a.smtp.isSet()) {
        lines << tr("Outgoing server: %1").arg(serverText(a.smtp.host, a.smtp.effectivePort(), a.smtp.security));
        if (!a.smtp.pinnedSha256.isEmpty())
            lines << tr("Trusted certificate of the outgoing server: %1")
                         .arg(Net::formatFingerprint(a.smtp.pinnedSha256));
    } else {
        lines << tr("Outgoing server: none yet (set it up in the account settings to send mail).");
    }
    if (!a.policy.leaveOnServer)
        lines << tr("Mail is deleted from the server once downloaded.");
    else if (a.policy.keepDays > 0)
        lines << tr("Mail stays on the server for %n day(s).", nullptr, a.policy.keepDays);
    else
        lines << tr("Mail stays on the server.");
    if (a.policy.leaveOnServer && a.policy.deleteWhenDeletedLocally)
        lines << tr("Deleting mail here deletes it on the server too.");
    lines << tr("New mail is checked every %n minute(s).", nullptr, a.intervalMinutes);
    m_summary->setText(lines.join(QLatin1Char('\n')));
}

void FinishPage::cleanupPage()
{
    // Back keeps the name.
}

bool FinishPage::isComplete() const
{
    const auto *w = qobject_cast<const AccountWizard *>(wizard());
    return !m_name->text().trimmed().isEmpty() && !(w && w->saving());
}

bool FinishPage::validatePage()
{
    auto *w = qobject_cast<AccountWizard *>(wizard());
    if (!w)
        return false;
    if (w->saved())
        return true;
    const QString name = m_name->text().trimmed();
    m_name->setText(name);
    // The rules the store applies, said in words and pointing at the field.
    if (const auto rule = w->draft().brokenRule()) {
        m_problem->setText(ruleText(*rule));
        m_problem->show();
        if (*rule == Accounts::AccountRule::Name)
            m_name->setFocus();
        return false;
    }
    if (!w->account().id && takenNames(w->store()).contains(name, Qt::CaseInsensitive)) {
        m_problem->setText(tr("An account named “%1” exists already. Choose another name.").arg(name));
        m_problem->show();
        m_name->setFocus();
        return false;
    }
    m_problem->hide();
    w->save();
    Q_EMIT completeChanged();
    return w->saved();
}

void FinishPage::showSaveError(const Poplar::Error &error)
{
    QString text = tr("The account was not saved. %1").arg(errorMessage(error));
    if (error.code == ErrorCode::InvalidArgument)
        text += QLatin1Char(' ') + tr("(%1)").arg(error.detail);
    m_problem->setText(text);
    m_problem->show();
    m_name->setFocus();
    if (auto *w = qobject_cast<AccountWizard *>(wizard()))
        w->makeRoomFor(this);
    Q_EMIT completeChanged();
}

QString FinishPage::ruleText(Accounts::AccountRule rule)
{
    using Accounts::AccountRule;
    switch (rule) {
    case AccountRule::Name:
        return tr("Choose another account name: it cannot be empty, start or end with a space, contain “/”, or be "
                  "“Local” or “Trash”.");
    case AccountRule::Email: return tr("The email address is not valid. Go back to correct it.");
    case AccountRule::Host: return tr("The server name is not valid. Go back to correct it.");
    case AccountRule::InsecureConsent:
        return tr("An unencrypted connection needs your consent in the server settings.");
    case AccountRule::Mechanism: return tr("The authentication method is not known.");
    case AccountRule::User: return tr("The user name must have 1 to 255 characters. Go back to correct it.");
    case AccountRule::EitherCaFileOrPin:
    case AccountRule::Fingerprint:
        return tr("Trust either a CA certificate file or the server's own certificate, not both.");
    case AccountRule::NegativeLimit:
    case AccountRule::LimitsNeedLeaveOnServer:
    case AccountRule::LimitOutOfRange: return tr("The limits for mail on the server do not fit together.");
    case AccountRule::Interval: return tr("Check for mail between every minute and once a week.");
    case AccountRule::Folder: return tr("The folder for new mail does not exist.");
    }
    return tr("The settings are not valid.");
}

void FinishPage::showKeychainError(const Poplar::Error &error)
{
    m_problem->setText(tr("The account is saved, but the keychain did not take its password. %1 Press Finish to "
                          "try again, or keep the password for this run only.")
                           .arg(errorMessage(error)));
    m_problem->show();
    m_keepForSession->show();
    m_keepNote->show();
    m_name->setEnabled(false);
    if (auto *w = qobject_cast<AccountWizard *>(wizard()))
        w->makeRoomFor(this);
    Q_EMIT completeChanged();
}

}  // namespace Poplar::Ui
