#include "wizard/OutgoingPage.h"

#include "common/ErrorCategory.h"
#include "net/SslTransport.h"
#include "text/ErrorText.h"
#include "widgets/CertificateDialog.h"
#include "wizard/AccountWizard.h"
#include "wizard/ServerDescription.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace Poplar::Ui {

namespace {

QLabel *plainLabel(const char *name, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(QString::fromLatin1(name));
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return l;
}

}  // namespace

OutgoingPage::OutgoingPage(QWidget *parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("outgoingPage"));
    setTitle(tr("Sending Mail"));
    setSubTitle(tr("The outgoing server sends the mail you write. Poplar signs in to it with your password only "
                   "after you chose it, and sends nothing while testing."));
    auto *layout = new QVBoxLayout(this);
    m_status = plainLabel("outgoingStatus", this);
    layout->addWidget(m_status);
    auto *row = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("outgoingProgress"));
    m_progress->setAccessibleName(tr("Search progress"));
    row->addWidget(m_progress, 1);
    m_stop = new QPushButton(tr("&Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopOutgoingSearch"));
    row->addWidget(m_stop);
    m_search = new QPushButton(tr("Searc&h"), this);
    m_search->setObjectName(QStringLiteral("searchOutgoing"));
    row->addWidget(m_search);
    row->addStretch(0);  // the buttons keep their size when the bar is hidden
    layout->addLayout(row);

    m_useFound = new QRadioButton(tr("Use a server &found:"), this);
    m_useFound->setObjectName(QStringLiteral("useFoundServer"));
    layout->addWidget(m_useFound);
    m_servers = new QListWidget(this);
    m_servers->setObjectName(QStringLiteral("outgoingServers"));
    m_servers->setAccessibleName(tr("Outgoing servers found"));
    layout->addWidget(m_servers, 1);
    m_details = plainLabel("outgoingDetails", this);
    layout->addWidget(m_details);
    m_outsideWarning = plainLabel("outgoingOutsideWarning", this);
    QFont bold = m_outsideWarning->font();
    bold.setBold(true);
    m_outsideWarning->setFont(bold);
    m_outsideWarning->hide();
    layout->addWidget(m_outsideWarning);
    m_useOutside = new QCheckBox(tr("Use this server any&way"), this);
    m_useOutside->setObjectName(QStringLiteral("useOutgoingOutsideDomain"));
    m_useOutside->hide();
    layout->addWidget(m_useOutside);

    m_useTyped = new QRadioButton(tr("Use &this server:"), this);
    m_useTyped->setObjectName(QStringLiteral("useTypedServer"));
    layout->addWidget(m_useTyped);
    // Server, security and port in one row under their choice.
    auto *typedRow = new QHBoxLayout;
    typedRow->setContentsMargins(24, 0, 0, 0);
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("smtpHost"));
    m_host->setAccessibleName(tr("Outgoing server"));
    m_host->setPlaceholderText(tr("smtp.example.org"));
    typedRow->addWidget(m_host, 1);
    m_security = new QComboBox(this);
    m_security->setObjectName(QStringLiteral("smtpSecurity"));
    m_security->setAccessibleName(tr("Security"));
    // In the order of Net::Security: the index is the value. An unencrypted
    // server needs the consent the account settings ask for.
    m_security->addItem(tr("TLS (recommended)"));
    m_security->addItem(tr("STARTTLS"));
    typedRow->addWidget(m_security);
    auto *portLabel = new QLabel(tr("P&ort:"), this);
    typedRow->addWidget(portLabel);
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("smtpPort"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setRange(1, 65535);
    m_port->setValue(Smtp::defaultPort(Net::Security::ImplicitTls));
    portLabel->setBuddy(m_port);
    typedRow->addWidget(m_port);
    layout->addLayout(typedRow);

    m_later = new QRadioButton(tr("Set up sending &later, in the account settings"), this);
    m_later->setObjectName(QStringLiteral("sendLater"));
    layout->addWidget(m_later);

    m_confirm = plainLabel("confirmOutgoing", this);
    layout->addWidget(m_confirm);
    m_testStatus = plainLabel("outgoingTestStatus", this);
    layout->addWidget(m_testStatus);
    m_testResult = plainLabel("outgoingTestResult", this);
    m_testResult->setFont(bold);
    layout->addWidget(m_testResult);
    m_testDetails = plainLabel("outgoingTestDetails", this);
    layout->addWidget(m_testDetails);
    layout->addStretch(1);

    registerField(QStringLiteral("smtpHost"), m_host);
    registerField(QStringLiteral("smtpPort"), m_port);
    registerField(QStringLiteral("smtpSecurity"), m_security);
    registerField(QStringLiteral("sendLater"), m_later);

    connect(m_stop, &QPushButton::clicked, this, &OutgoingPage::stopSearch);
    connect(m_search, &QPushButton::clicked, this, &OutgoingPage::startSearch);
    connect(m_servers, &QListWidget::currentRowChanged, this, [this] {
        if (m_servers->currentItem())
            m_useFound->setChecked(true);
        showSelected();
    });
    for (QRadioButton *b : { m_useFound, m_useTyped, m_later })
        connect(b, &QRadioButton::toggled, this, [this](bool on) {
            if (on)
                choiceChanged();
        });
    connect(m_useOutside, &QCheckBox::toggled, this, &OutgoingPage::choiceChanged);
    connect(m_host, &QLineEdit::textEdited, this, [this] {
        m_useTyped->setChecked(true);
        choiceChanged();
    });
    connect(m_port, &QSpinBox::valueChanged, this, &OutgoingPage::choiceChanged);
    connect(m_security, &QComboBox::currentIndexChanged, this, [this] {
        // A default port moves along with the security; a chosen one stays.
        const auto security = Net::Security(m_security->currentIndex());
        const auto other = security == Net::Security::ImplicitTls ? Net::Security::StartTls : Net::Security::ImplicitTls;
        if (m_port->value() == Smtp::defaultPort(other))
            m_port->setValue(Smtp::defaultPort(security));
        choiceChanged();
    });
    m_progress->hide();
    m_stop->hide();
    m_useTyped->setChecked(true);
}

OutgoingPage::~OutgoingPage()
{
    stopTest(false);
    dropSearch();
}

QString OutgoingPage::guessFromIncoming(const QString &incomingHost)
{
    const QString host = incomingHost.trimmed().toLower();
    for (const QLatin1String prefix : { QLatin1String("pop3."), QLatin1String("pop.") }) {
        if (host.startsWith(prefix) && host.size() > prefix.size())
            return QStringLiteral("smtp.") + host.mid(prefix.size());
    }
    return host;
}

void OutgoingPage::initializePage()
{
    const auto *w = qobject_cast<const AccountWizard *>(wizard());
    // Reached from a new test of the incoming server: the login may have
    // changed since a pass here, so nothing counts as tested any more.
    m_passed.reset();
    m_lastTested.reset();
    m_error = Poplar::Error();
    m_testStatus->clear();
    m_testResult->clear();
    m_testDetails->clear();
    // The guess follows the incoming server until the user types another.
    const QString host = m_host->text().trimmed();
    if (host.isEmpty() || host == m_lastGuess) {
        m_lastGuess = guessFromIncoming(field(QStringLiteral("host")).toString());
        m_host->setText(m_lastGuess);
    }
    const QString email = field(QStringLiteral("email")).toString().trimmed();
    if (w && w->manualRequested()) {
        // Settings typed by hand: the outgoing one too, unless asked to look.
        if (!m_result && !isSearching()) {
            m_status->setText(tr("Type in your provider's outgoing server, or press Search to look for it."));
            if (!m_later->isChecked())
                m_useTyped->setChecked(true);
        }
    } else if (!m_result || m_searchedEmail != email) {
        startSearch();
    }
    choiceChanged();
}

void OutgoingPage::cleanupPage()
{
    // Back: stop looking (a search cut short is made again on the way
    // back) and testing; the choices stay.
    if (isSearching())
        m_result.reset();
    dropSearch();
    stopTest();
}

void OutgoingPage::dropSearch()
{
    if (Accounts::Discovery *d = m_discovery.data()) {
        d->disconnect(this);
        d->cancel();
        d->deleteLater();
    }
    m_discovery = nullptr;
    m_progress->hide();
    m_stop->hide();
    m_search->show();
}

void OutgoingPage::startSearch()
{
    dropSearch();
    // Asked for by the user: a server typed before stays the choice if
    // nothing better turns up. On the way in: later, when nothing does.
    m_choiceBeforeSearch = sender() == m_search ? choice() : Choice::Later;
    const auto *w = qobject_cast<const AccountWizard *>(wizard());
    m_result.reset();
    m_servers->clear();
    m_details->clear();
    m_outsideWarning->hide();
    m_useOutside->hide();
    m_useOutside->setChecked(false);
    m_searchedEmail = field(QStringLiteral("email")).toString().trimmed();
    Accounts::Discovery::Options options = w ? w->options().discovery : Accounts::Discovery::Options();
    options.service = Accounts::MailService::Submission;
    m_discovery = new Accounts::Discovery(options, this);
    const QString domain = Accounts::emailDomain(m_searchedEmail);
    m_status->setText(tr("Looking up the outgoing server for %1…").arg(domain));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_stop->show();
    m_stop->setEnabled(true);
    m_search->hide();
    m_useFound->setChecked(true);
    connect(m_discovery, &Accounts::Discovery::probing, this,
        [this](const QString &host, quint16 port, Net::Security security) {
            m_status->setText(tr("Trying %1…").arg(serverText(host, port, security)));
        });
    connect(m_discovery, &Accounts::Discovery::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_discovery, &Accounts::Discovery::finished, this, &OutgoingPage::showResult);
    m_discovery->start(m_searchedEmail);
    choiceChanged();
}

void OutgoingPage::stopSearch()
{
    if (m_discovery && m_discovery->isRunning()) {
        m_stop->setEnabled(false);
        m_discovery->cancel();
    }
}

void OutgoingPage::showResult(const Accounts::DiscoveryResult &result)
{
    m_result = result;
    if (m_discovery)
        m_discovery->deleteLater();
    m_progress->hide();
    m_stop->hide();
    m_search->setText(tr("Search &Again"));
    m_search->show();
    m_servers->clear();
    const QString domain = result.domain;
    int preferred = -1;
    for (int i = 0; i < result.servers.size(); ++i) {
        const Accounts::DiscoveredServer &s = result.servers.at(i);
        auto *item = new QListWidgetItem(foundServerText(s, domain), m_servers);
        item->setData(Qt::UserRole, i);
        // Never chosen for the user: no encryption, or a host outside the
        // mail domain that a forged DNS answer may have named.
        if (preferred < 0 && !s.insecure && !s.outsideDomain)
            preferred = i;
    }
    const bool stopped = result.error.code == ErrorCode::Cancelled;
    if (result.servers.isEmpty()) {
        m_status->setText(stopped ? tr("The search was stopped. Type in the outgoing server, or set up sending later.")
                                  : tr("No outgoing server was found for %1. Type in the one your provider gives, "
                                       "or set up sending later.")
                                        .arg(domain));
    } else if (preferred < 0) {
        m_status->setText(tr("Only servers Poplar does not choose for you were found for %1 (see the notes). Pick "
                             "one only if your provider told you to use it, or type in another.")
                              .arg(domain));
    } else {
        m_status->setText(stopped ? tr("The search was stopped. Found so far:")
                                  : tr("Poplar found these outgoing servers for %1:").arg(domain));
    }
    // The proposal is the user's choice only while they are waiting for it
    // here: one who chose otherwise meanwhile (or went on) keeps that.
    const bool waiting = m_useFound->isChecked() && wizard() && wizard()->currentPage() == this;
    if (waiting && preferred >= 0) {
        m_servers->setCurrentRow(preferred);
    } else if (waiting) {
        // Nothing to propose (the usual names were tried): back to a
        // server typed before the search, else later.
        (m_choiceBeforeSearch == Choice::Typed ? m_useTyped : m_later)->setChecked(true);
    }
    choiceChanged();
    Q_EMIT searchFinished(result);
}

std::optional<Accounts::DiscoveredServer> OutgoingPage::selectedServer() const
{
    if (!m_result)
        return std::nullopt;
    const QListWidgetItem *item = m_servers->currentItem();
    if (!item)
        return std::nullopt;
    const int i = item->data(Qt::UserRole).toInt();
    if (i < 0 || i >= m_result->servers.size())
        return std::nullopt;
    return m_result->servers.at(i);
}

OutgoingPage::Choice OutgoingPage::choice() const
{
    if (m_later->isChecked())
        return Choice::Later;
    return m_useFound->isChecked() ? Choice::Found : Choice::Typed;
}

std::optional<OutgoingPage::Endpoint> OutgoingPage::chosenEndpoint() const
{
    switch (choice()) {
    case Choice::Later: return std::nullopt;
    case Choice::Found: {
        const auto s = selectedServer();
        if (!s || s->insecure || (s->outsideDomain && !m_useOutside->isChecked()))
            return std::nullopt;
        return Endpoint { s->host(), s->port(), s->security() };
    }
    case Choice::Typed: {
        const QString host = m_host->text().trimmed();
        if (!Accounts::isPlausibleHost(host))
            return std::nullopt;
        return Endpoint { host, quint16(m_port->value()), Net::Security(m_security->currentIndex()) };
    }
    }
    return std::nullopt;
}

bool OutgoingPage::tested() const
{
    const auto ep = chosenEndpoint();
    return ep && m_passed && *m_passed == *ep;
}

Accounts::OutgoingServer OutgoingPage::outgoingServer(const Accounts::Account &incoming) const
{
    Accounts::OutgoingServer s;
    const auto ep = chosenEndpoint();
    if (!ep)
        return s;
    s.host = ep->host;
    s.security = ep->security;
    s.port = ep->port == Smtp::defaultPort(ep->security) ? 0 : ep->port;
    if (!m_pin.isEmpty() && m_pinnedFor.compare(ep->host, Qt::CaseInsensitive) == 0)
        s.pinnedSha256 = m_pin;
    else if (ep->host.compare(incoming.host, Qt::CaseInsensitive) == 0)
        s.caFile = incoming.caFile;  // the same host: the CA file the user gave for it
    return s;
}

void OutgoingPage::choiceChanged()
{
    const Choice c = choice();
    const bool searching = isSearching();
    const bool found = m_result && !m_result->servers.isEmpty();
    // The list only where there is one (or one coming): typed settings
    // need no empty box above them.
    m_useFound->setVisible(searching || found);
    m_servers->setVisible(searching || found);
    m_servers->setEnabled(!searching && found);
    for (QWidget *f : std::initializer_list<QWidget *> { m_host, m_security, m_port })
        f->setEnabled(c == Choice::Typed);
    // A test runs for one server: another choice stops it, and what an
    // earlier test said is about another server.
    const auto ep = chosenEndpoint();
    if (m_test && ep != m_testing)
        stopTest();
    if (!m_test && ep != m_lastTested) {
        m_testStatus->clear();
        m_testResult->clear();
        m_testDetails->clear();
    }
    showSelected();
}

void OutgoingPage::showSelected()
{
    const auto s = choice() == Choice::Found ? selectedServer() : std::nullopt;
    const bool outside = s && s->outsideDomain;
    if (!outside)
        m_useOutside->setChecked(false);  // a choice for that server only
    m_outsideWarning->setVisible(outside);
    m_useOutside->setVisible(outside);
    if (s) {
        QStringList lines = capabilityTexts(s->submission);
        if (s->insecure)
            lines << tr("Poplar does not set up an unencrypted outgoing server here: if you must use it, choose "
                        "it in the account settings, which ask for your consent.");
        else if (s->certificateProblem)
            lines << tr("This computer does not trust the server's certificate. Poplar will show it to you before "
                        "sending your password.");
        m_details->setText(QStringLiteral("• ") + lines.join(QStringLiteral("\n• ")));
        m_outsideWarning->setText(outside ? tr("%1 is not in %2. Only a DNS answer names it as the outgoing server "
                                               "for %2, and such an answer can be forged on the network you are on. "
                                               "Use it only if the provider of %2 told you to.")
                                                .arg(escapeUntrusted(s->host().toUtf8()),
                                                    m_result ? m_result->domain : QString())
                                          : QString());
    } else {
        m_details->clear();
        m_outsideWarning->clear();
    }
    updateButton();
    Q_EMIT completeChanged();
    if (auto *w = qobject_cast<AccountWizard *>(wizard()))
        w->makeRoomFor(this);
}

void OutgoingPage::updateButton()
{
    const auto ep = chosenEndpoint();
    setButtonText(QWizard::NextButton, !ep || tested() ? tr("&Next") : tr("&Use This Server"));
    if (choice() == Choice::Later)
        m_confirm->setText(tr("Poplar sends no mail from this account until its outgoing server is set up in the "
                              "account settings."));
    else if (ep && !tested())
        m_confirm->setText(tr("Use This Server: Poplar signs in to %1 with your password to test it.")
                               .arg(serverText(ep->host, ep->port, ep->security)));
    else
        m_confirm->clear();
}

bool OutgoingPage::isComplete() const
{
    if (isTesting())
        return false;
    switch (choice()) {
    case Choice::Later: return true;
    case Choice::Found: return !isSearching() && chosenEndpoint().has_value();
    case Choice::Typed: return chosenEndpoint().has_value();
    }
    return false;
}

bool OutgoingPage::validatePage()
{
    if (!isComplete())
        return false;
    if (choice() == Choice::Later || tested()) {
        dropSearch();  // what it would still find is not wanted now
        return true;
    }
    // The test decides; a pass moves on by itself.
    runTest();
    return false;
}

int OutgoingPage::nextId() const
{
    return AccountWizard::PolicyPage;
}

void OutgoingPage::stopTest(bool notify)
{
    if (Sync::OutgoingTest *t = m_test.data()) {
        t->disconnect(this);
        // Never deleted here: this may run inside one of its signals.
        t->cancel();
        connect(t, &Sync::OutgoingTest::finished, t, &QObject::deleteLater);
    }
    m_test = nullptr;
    if (m_testing) {
        m_testing.reset();
        m_testStatus->clear();
    }
    if (notify)
        Q_EMIT completeChanged();
}

void OutgoingPage::runTest()
{
    auto *w = qobject_cast<AccountWizard *>(wizard());
    const auto ep = chosenEndpoint();
    if (!w || !ep)
        return;
    stopTest();
    m_error = Poplar::Error();
    m_testResult->clear();
    m_testDetails->clear();
    const Accounts::Account account = w->draft();  // with the outgoing server chosen
    auto settings = Accounts::smtpConnectionSettings(account);
    if (!settings) {
        m_testing = ep;
        Sync::OutgoingTestReport report;
        report.error = settings.error();
        testDone(report);
        return;
    }
    settings.value().connectTimeoutMs = w->options().connectTimeoutMs;
    auto *t = new Sync::OutgoingTest(settings.value(), Accounts::smtpCredentials(account, w->password()),
        Net::sslTransportFactory(w->options().discovery.dialer), this);
    m_test = t;
    m_testing = ep;
    m_testStatus->setText(tr("Connecting to %1…").arg(serverText(ep->host, ep->port, ep->security)));
    connect(t, &Sync::OutgoingTest::certificateQuestion, this, [this](const Net::CertificateProblem &problem) {
        // Asked outside the test's own signal: the question may run a
        // dialog's event loop.
        QTimer::singleShot(0, this, [this, problem] { askCertificate(problem); });
    });
    connect(t, &Sync::OutgoingTest::serverOpened, this, [this, account](const Smtp::ServerInfo &) {
        m_testStatus->setText(tr("Signing in as %1…").arg(escapeUntrusted(account.user.toUtf8())));
    });
    connect(t, &Sync::OutgoingTest::finished, this, &OutgoingPage::testDone);
    updateButton();
    Q_EMIT completeChanged();
    t->start();
}

void OutgoingPage::askCertificate(const Net::CertificateProblem &problem)
{
    auto *w = qobject_cast<AccountWizard *>(wizard());
    if (!w || !m_test)
        return;
    m_testStatus->setText(tr("The outgoing server's certificate needs your decision."));
    const Net::CertificateDecision decision
        = w->options().askCertificate ? w->options().askCertificate(problem, w) : CertificateDialog::ask(problem, w);
    if (!m_test)
        return;  // the user went away meanwhile
    if (decision == Net::CertificateDecision::Pin) {
        m_pin = problem.sha256;
        m_pinnedFor = problem.host;
    }
    if (decision != Net::CertificateDecision::Reject)
        m_testStatus->setText(tr("Connecting again, trusting that certificate…"));
    m_test->answerCertificate(decision);
}

void OutgoingPage::testDone(const Sync::OutgoingTestReport &report)
{
    if (Sync::OutgoingTest *t = m_test.data()) {
        t->disconnect(this);
        t->deleteLater();
    }
    m_test = nullptr;
    const std::optional<Endpoint> ep = std::exchange(m_testing, std::nullopt);
    m_lastTested = ep;
    m_error = report.error;
    if (!report.error) {
        m_passed = ep;
        m_testStatus->setText(tr("The outgoing server works."));
        m_testResult->setText(report.mechanism
                ? tr("Signed in (%1). Nothing was sent.").arg(QString::fromLatin1(Sasl::mechanismName(*report.mechanism)))
                : tr("The server answered. Nothing was sent."));
        m_testDetails->clear();
        updateButton();
        Q_EMIT completeChanged();
        Q_EMIT testFinished(true);
        // On by itself: the user pressed Use This Server for this.
        QTimer::singleShot(0, this, [this] {
            if (wizard() && wizard()->currentPage() == this && tested())
                wizard()->next();
        });
        return;
    }
    m_passed.reset();
    m_testStatus->setText(tr("The test of the outgoing server did not pass."));
    QString said = errorMessage(report.error);
    if (report.error.code == ErrorCode::CertificateUntrusted || report.error.code == ErrorCode::CertificateChanged)
        said += QLatin1Char(' ') + tr("You rejected the certificate, so your password was not sent.");
    m_testResult->setText(said);
    QString details = errorServerDetails(report.error);
    details += (details.isEmpty() ? QString() : QStringLiteral("\n")) + nextStepText(report.error);
    m_testDetails->setText(details);
    updateButton();
    Q_EMIT completeChanged();
    Q_EMIT testFinished(false);
    if (auto *w = qobject_cast<AccountWizard *>(wizard()))
        w->makeRoomFor(this);
}

QString OutgoingPage::nextStepText(const Poplar::Error &error) const
{
    switch (Poplar::errorCategory(error.code)) {
    case Poplar::ErrorCategory::Authentication:
    case Poplar::ErrorCategory::Credentials:
        return tr("The outgoing server did not accept the account's login and password. If it has a password of "
                  "its own, set up sending later and give it in the account settings.");
    case Poplar::ErrorCategory::Network:
        return tr("Check the server name and port, or choose another server, then press Use This Server again.");
    case Poplar::ErrorCategory::Tls:
        return tr("Check the server name, port and security, or press Use This Server to be asked about the "
                  "certificate once more.");
    case Poplar::ErrorCategory::ServerBusy:
        return tr("The server asks to be tried later. Press Use This Server again in a few minutes, or set up "
                  "sending later.");
    default: break;
    }
    return tr("Press Use This Server to try once more, choose another server, or set up sending later.");
}

}  // namespace Poplar::Ui
