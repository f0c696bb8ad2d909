#include "wizard/IdentityPage.h"

#include "accounts/Account.h"
#include "text/ErrorText.h"
#include "wizard/AccountWizard.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Poplar::Ui {

IdentityPage::IdentityPage(QWidget *parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("identityPage"));
    setTitle(tr("Your Mail Account"));
    setSubTitle(tr("Poplar looks up your provider's POP3 server from your address. Your password is sent only "
                   "after you have confirmed the server."));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("displayName"));
    m_name->setAccessibleName(tr("Your name"));
    m_name->setPlaceholderText(tr("Jane Doe"));
    form->addRow(tr("Your &name:"), m_name);
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setAccessibleName(tr("Email address"));
    m_email->setPlaceholderText(tr("jane@example.org"));
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly | Qt::ImhNoAutoUppercase);
    form->addRow(tr("&Email address:"), m_email);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("identityProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    layout->addWidget(m_problem);
    layout->addStretch();

    registerField(QStringLiteral("displayName"), m_name);
    registerField(QStringLiteral("email*"), m_email);
    registerField(QStringLiteral("password*"), m_password);
    connect(m_email, &QLineEdit::textChanged, m_problem, &QWidget::hide);
}

IdentityPage::~IdentityPage()
{
    // Do not leave the password in the widget's memory longer than needed.
    m_password->setText(QString(m_password->text().size(), QLatin1Char(' ')));
    m_password->clear();
}

bool IdentityPage::isComplete() const
{
    return !m_email->text().trimmed().isEmpty() && !m_password->text().isEmpty();
}

bool IdentityPage::validatePage()
{
    if (!Accounts::isPlausibleEmail(m_email->text().trimmed())) {
        m_problem->setText(
            tr("“%1” is not an email address. It looks like name@example.org.").arg(m_email->text().trimmed()));
        m_problem->show();
        m_email->setFocus();
        return false;
    }
    if (m_password->text().isEmpty()) {
        m_problem->setText(tr("Enter the password of this mail account."));
        m_problem->show();
        m_password->setFocus();
        return false;
    }
    m_problem->hide();
    return true;
}

int IdentityPage::nextId() const
{
    const auto *w = qobject_cast<const AccountWizard *>(wizard());
    if (w && w->retestsAfterPassword())
        return AccountWizard::TestPage;  // the server is known; only the password changed
    return w && w->manualRequested() ? AccountWizard::ManualPage : AccountWizard::DiscoveryPage;
}

void IdentityPage::showPasswordRejected(const Poplar::Error &error)
{
    QString text = errorMessage(error);
    if (const QString details = errorServerDetails(error); !details.isEmpty())
        text += QLatin1Char(' ') + details;
    m_problem->setText(
        text + QLatin1Char('\n') + tr("Type the password again; Next tests the account with it at once."));
    m_problem->show();
    m_password->setFocus(Qt::OtherFocusReason);
    m_password->selectAll();
    if (auto *w = qobject_cast<AccountWizard *>(wizard()))
        w->makeRoomFor(this);
}

}  // namespace Poplar::Ui
