#include "wizard/ManualPage.h"

#include "accounts/Account.h"
#include "pop3/Types.h"
#include "wizard/AccountWizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSslCertificate>
#include <QVBoxLayout>

namespace Poplar::Ui {

ManualPage::ManualPage(QWidget *parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("manualPage"));
    setTitle(tr("Server Settings"));
    setSubTitle(tr("Enter what your provider gives for POP3. Poplar tests these settings on the next page."));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;

    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setAccessibleName(tr("Server"));
    m_host->setPlaceholderText(tr("pop.example.org"));
    form->addRow(tr("&Server:"), m_host);

    m_security = new QComboBox(this);
    m_security->setObjectName(QStringLiteral("security"));
    m_security->setAccessibleName(tr("Security"));
    // In the order of Net::Security: the index is the value.
    m_security->addItem(tr("TLS (recommended)"));
    m_security->addItem(tr("STARTTLS"));
    m_security->addItem(tr("None (not encrypted)"));
    form->addRow(tr("S&ecurity:"), m_security);

    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setRange(1, 65535);
    m_port->setValue(Pop3::defaultPort(Net::Security::ImplicitTls));
    form->addRow(tr("&Port:"), m_port);

    m_consent = new QCheckBox(
        tr("I &understand that without encryption my password and my mail can be read and changed by anyone on "
           "the way, and I want to use this server anyway."),
        this);
    m_consent->setObjectName(QStringLiteral("insecureConsent"));
    m_consent->setAccessibleName(tr("Consent to an unencrypted connection"));
    m_consent->setStyleSheet(QStringLiteral("QCheckBox { font-weight: bold; }"));
    form->addRow(QString(), m_consent);

    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setAccessibleName(tr("User name"));
    form->addRow(tr("&User name:"), m_user);

    m_auth = new QComboBox(this);
    m_auth->setObjectName(QStringLiteral("auth"));
    m_auth->setAccessibleName(tr("Authentication"));
    m_auth->addItem(tr("Automatic (the strongest the server offers)"), QStringLiteral("auto"));
    for (Pop3::Mechanism m : { Pop3::Mechanism::ScramSha256, Pop3::Mechanism::ScramSha1, Pop3::Mechanism::CramMd5,
             Pop3::Mechanism::Apop, Pop3::Mechanism::Plain, Pop3::Mechanism::Login, Pop3::Mechanism::UserPass }) {
        const QString name = QString::fromLatin1(Pop3::mechanismName(m));
        m_auth->addItem(m == Pop3::Mechanism::UserPass ? tr("USER/PASS") : name, name);
    }
    form->addRow(tr("&Authentication:"), m_auth);

    auto *caRow = new QHBoxLayout;
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setAccessibleName(tr("Extra CA certificate file"));
    m_caFile->setPlaceholderText(tr("optional, PEM"));
    caRow->addWidget(m_caFile, 1);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browseCaFile"));
    caRow->addWidget(browse);
    // A row holding a layout gets no buddy by itself: without one the
    // label would show its "&".
    auto *caLabel = new QLabel(tr("&CA certificates:"), this);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("manualProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    layout->addWidget(m_problem);
    layout->addStretch();

    registerField(QStringLiteral("host"), m_host);
    registerField(QStringLiteral("port"), m_port);
    registerField(QStringLiteral("security"), m_security);
    registerField(QStringLiteral("insecureConsent"), m_consent);
    registerField(QStringLiteral("user"), m_user);
    registerField(QStringLiteral("auth"), m_auth, "currentData", SIGNAL(currentIndexChanged(int)));
    registerField(QStringLiteral("caFile"), m_caFile);

    connect(m_security, &QComboBox::currentIndexChanged, this, &ManualPage::securityChanged);
    for (QLineEdit *e : { m_host, m_user })
        connect(e, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_consent, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
    connect(browse, &QPushButton::clicked, this, &ManualPage::browseCaFile);
    securityChanged();
}

ManualPage::~ManualPage() = default;

void ManualPage::securityChanged()
{
    const auto security = Net::Security(m_security->currentIndex());
    // A port that was the old default follows the new one.
    if (m_port->value() == Pop3::defaultPort(Net::Security(m_lastSecurity)))
        m_port->setValue(Pop3::defaultPort(security));
    m_lastSecurity = m_security->currentIndex();
    const bool insecure = security == Net::Security::None;
    m_consent->setVisible(insecure);
    if (!insecure)
        m_consent->setChecked(false);
    Q_EMIT completeChanged();
}

void ManualPage::browseCaFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("CA Certificates"), QString(), tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!path.isEmpty())
        m_caFile->setText(path);
}

void ManualPage::initializePage()
{
    if (auto *w = qobject_cast<AccountWizard *>(wizard()))
        w->applyDefaultUser();
    m_problem->hide();
}

void ManualPage::cleanupPage()
{
    // Back keeps what was typed.
}

bool ManualPage::isComplete() const
{
    if (m_host->text().trimmed().isEmpty() || m_user->text().trimmed().isEmpty())
        return false;
    return Net::Security(m_security->currentIndex()) != Net::Security::None || m_consent->isChecked();
}

bool ManualPage::validatePage()
{
    auto complain = [this](const QString &text, QWidget *focus) {
        m_problem->setText(text);
        m_problem->show();
        focus->setFocus();
        return false;
    };
    m_host->setText(m_host->text().trimmed());
    m_user->setText(m_user->text().trimmed());
    if (!Accounts::isPlausibleHost(m_host->text()))
        return complain(tr("“%1” is not a server name.").arg(m_host->text()), m_host);
    if (Net::Security(m_security->currentIndex()) == Net::Security::None && !m_consent->isChecked())
        return complain(tr("Without encryption, confirm that you accept the risk."), m_consent);
    const QString ca = m_caFile->text().trimmed();
    if (!ca.isEmpty() && QSslCertificate::fromPath(ca, QSsl::Pem).isEmpty())
        return complain(tr("No PEM certificate could be read from %1.").arg(ca), m_caFile);
    m_problem->hide();
    return true;
}

int ManualPage::nextId() const
{
    return AccountWizard::TestPage;
}

}  // namespace Poplar::Ui
