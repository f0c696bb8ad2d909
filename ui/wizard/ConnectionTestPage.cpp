#include "wizard/ConnectionTestPage.h"

#include "accounts/Account.h"
#include "common/ErrorCategory.h"
#include "net/SslTransport.h"
#include "sync/ConnectionTest.h"
#include "text/ErrorText.h"
#include "widgets/CertificateDialog.h"
#include "wizard/AccountWizard.h"
#include "wizard/ServerDescription.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Poplar::Ui {

ConnectionTestPage::ConnectionTestPage(QWidget *parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("testPage"));
    setTitle(tr("Testing the Account"));
    setSubTitle(tr("Poplar logs in and looks at the mailbox. Nothing is downloaded or deleted."));
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("testStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("testProgress"));
    m_progress->setAccessibleName(tr("Test progress"));
    m_progress->setRange(0, 0);
    layout->addWidget(m_progress);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("testResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont bold = m_result->font();
    bold.setBold(true);
    m_result->setFont(bold);
    layout->addWidget(m_result);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("testDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_details);
    auto *row = new QHBoxLayout;
    m_again = new QPushButton(tr("&Test Again"), this);
    m_again->setObjectName(QStringLiteral("testAgain"));
    row->addWidget(m_again);
    m_changePassword = new QPushButton(tr("Change &Password"), this);
    m_changePassword->setObjectName(QStringLiteral("changePassword"));
    m_changePassword->hide();
    row->addWidget(m_changePassword);
    row->addStretch();
    layout->addLayout(row);
    layout->addStretch();
    connect(m_again, &QPushButton::clicked, this, &ConnectionTestPage::runTest);
    connect(m_changePassword, &QPushButton::clicked, this, [this] {
        if (auto *w = qobject_cast<AccountWizard *>(wizard()))
            w->retypePassword(m_error);
    });
}

ConnectionTestPage::~ConnectionTestPage()
{
    release();
}

void ConnectionTestPage::initializePage()
{
    runTest();
}

void ConnectionTestPage::cleanupPage()
{
    // Back: stop, and test again when the user returns.
    release();
    m_succeeded = false;
}

bool ConnectionTestPage::isComplete() const
{
    return m_succeeded;
}

bool ConnectionTestPage::validatePage()
{
    // Only a passed test leads on (also when next() is called directly).
    return m_succeeded;
}

int ConnectionTestPage::nextId() const
{
    return AccountWizard::OutgoingPage;
}

void ConnectionTestPage::setStatus(const QString &text)
{
    m_status->setText(text);
}

void ConnectionTestPage::release()
{
    if (Sync::ConnectionTest *t = m_test.data()) {
        t->disconnect(this);
        // Never deleted here: this may run inside one of its signals.
        t->cancel();
        connect(t, &Sync::ConnectionTest::finished, t, &QObject::deleteLater);
        if (t->isFinished())
            t->deleteLater();
    }
    m_test = nullptr;
}

void ConnectionTestPage::runTest()
{
    auto *w = qobject_cast<AccountWizard *>(wizard());
    if (!w)
        return;
    release();
    m_succeeded = false;
    m_error = Poplar::Error();
    m_result->clear();
    m_details->clear();
    m_again->hide();
    m_changePassword->hide();
    m_progress->show();
    Q_EMIT completeChanged();

    const Accounts::Account account = w->draft();
    auto settings = Accounts::connectionSettings(account);
    if (!settings) {
        fail(settings.error());
        return;
    }
    settings.value().connectTimeoutMs = w->options().connectTimeoutMs;
    setStatus(tr("Connecting to %1…").arg(serverText(account.host, account.effectivePort(), account.security)));
    auto *t = new Sync::ConnectionTest(settings.value(), Accounts::credentials(account, w->password()),
        Net::sslTransportFactory(w->options().discovery.dialer), this);
    m_test = t;
    w->setTestedServer(std::nullopt);

    connect(t, &Sync::ConnectionTest::certificateQuestion, this, [this](const Net::CertificateProblem &problem) {
        // Asked outside the test's own signal: the question may run a
        // dialog's event loop.
        QTimer::singleShot(0, this, [this, problem] { askCertificate(problem); });
    });
    connect(t, &Sync::ConnectionTest::serverOpened, this, [this, w](const Pop3::ServerInfo &info) {
        w->setTestedServer(info);
        setStatus(tr("Logging in as %1…").arg(escapeUntrusted(w->draft().user.toUtf8())));
    });
    connect(t, &Sync::ConnectionTest::loggedIn, this, [this](Pop3::Mechanism mechanism) {
        setStatus(
            tr("Logged in (%1). Looking at the mailbox…").arg(QString::fromLatin1(Pop3::mechanismName(mechanism))));
    });
    connect(t, &Sync::ConnectionTest::finished, this, [this](const Sync::ConnectionTestReport &report) {
        if (report.error)
            return fail(report.error);
        m_count = report.messageCount.value_or(0);
        m_size = report.mailboxSize.value_or(0);
        succeed();
    });
    t->start();
}

void ConnectionTestPage::askCertificate(const Net::CertificateProblem &problem)
{
    auto *w = qobject_cast<AccountWizard *>(wizard());
    if (!w || !m_test)
        return;
    setStatus(tr("The server's certificate needs your decision."));
    const Net::CertificateDecision decision
        = w->options().askCertificate ? w->options().askCertificate(problem, w) : CertificateDialog::ask(problem, w);
    if (!m_test)
        return;  // the user went away meanwhile
    if (decision == Net::CertificateDecision::Pin)
        w->setPinnedCertificate(problem.sha256);
    if (decision != Net::CertificateDecision::Reject)
        setStatus(tr("Connecting again, trusting that certificate…"));
    m_test->answerCertificate(decision);
}

void ConnectionTestPage::succeed()
{
    release();
    m_succeeded = true;
    m_progress->hide();
    m_again->show();
    setStatus(tr("The account works."));
    m_result->setText(tr("Logged in. The mailbox holds %n message(s), %1 in all.", nullptr, int(m_count))
                          .arg(QLocale().formattedDataSize(qint64(m_size))));
    m_details->clear();
    Q_EMIT testFinished(true);
    Q_EMIT completeChanged();
}

void ConnectionTestPage::fail(const Poplar::Error &error)
{
    release();
    m_error = error;
    m_succeeded = false;
    m_progress->hide();
    m_again->show();
    m_changePassword->setVisible(error.code == ErrorCode::AuthFailed);
    setStatus(tr("The test did not pass."));
    m_result->setText(failureText(error));
    QString details = errorServerDetails(error);
    details += (details.isEmpty() ? QString() : QStringLiteral("\n")) + nextStepText(error);
    m_details->setText(details);
    if (auto *w = qobject_cast<AccountWizard *>(wizard()))
        w->makeRoomFor(this);
    Q_EMIT testFinished(false);
    Q_EMIT completeChanged();
}

QString ConnectionTestPage::failureText(const Poplar::Error &error)
{
    switch (error.code) {
    case ErrorCode::CertificateUntrusted:
    case ErrorCode::CertificateChanged:
        return errorMessage(error) + QLatin1Char(' ')
            + tr("You rejected the certificate, so your password was not sent.");
    case ErrorCode::NotFound: return tr("The CA certificate file could not be read.");
    // The general words for these describe a fetch; these say it was the test.
    case ErrorCode::ConnectionLost: return tr("The connection to the server was lost during the test.");
    case ErrorCode::IdleTimeout: return tr("The server stopped answering during the test.");
    case ErrorCode::MailboxInUse:
        return tr("The mailbox is in use by another mail program, so the server did not let Poplar in.");
    case ErrorCode::LoginDelay:
        return tr("The server does not allow another login this soon: it limits how often mail may be checked.");
    case ErrorCode::ServerTemporary: return tr("The server reported a temporary problem.");
    default: break;
    }
    return errorMessage(error);
}

QString ConnectionTestPage::nextStepText(const Poplar::Error &error)
{
    switch (Poplar::errorCategory(error.code)) {
    case Poplar::ErrorCategory::Authentication:
    case Poplar::ErrorCategory::Credentials:
        return tr("Press Change Password to type the password again, or go Back to check the user name and the "
                  "other settings.");
    case Poplar::ErrorCategory::Network:
        return tr("Check that this computer is online and that the server name and port are right (go Back to "
                  "change them), then press Test Again.");
    case Poplar::ErrorCategory::Tls:
        return tr("Go Back to check the server name, port and security, or press Test Again to be asked about "
                  "the certificate once more.");
    case Poplar::ErrorCategory::ServerBusy:
        return tr("The server asks to be tried later. Press Test Again in a few minutes.");
    default: break;
    }
    return tr("Press Test Again to try once more, or go Back to change the settings.");
}

}  // namespace Poplar::Ui
