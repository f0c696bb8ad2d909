#include "wizard/DiscoveryPage.h"

#include "text/ErrorText.h"
#include "wizard/AccountWizard.h"
#include "wizard/ServerDescription.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Poplar::Ui {

DiscoveryPage::DiscoveryPage(QWidget *parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("discoveryPage"));
    setTitle(tr("Finding Your Server"));
    setButtonText(QWizard::NextButton, tr("&Use This Server"));
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("discoveryStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    auto *row = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("discoveryProgress"));
    m_progress->setAccessibleName(tr("Search progress"));
    row->addWidget(m_progress, 1);
    m_stop = new QPushButton(tr("&Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopDiscovery"));
    row->addWidget(m_stop);
    m_again = new QPushButton(tr("Search &Again"), this);
    m_again->setObjectName(QStringLiteral("searchAgain"));
    row->addWidget(m_again);
    layout->addLayout(row);

    auto *listLabel = new QLabel(tr("&Servers found:"), this);
    layout->addWidget(listLabel);
    m_servers = new QListWidget(this);
    m_servers->setObjectName(QStringLiteral("servers"));
    m_servers->setAccessibleName(tr("Servers found"));
    listLabel->setBuddy(m_servers);
    layout->addWidget(m_servers, 1);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("serverDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_details);
    m_outsideWarning = new QLabel(this);
    m_outsideWarning->setObjectName(QStringLiteral("outsideDomainWarning"));
    m_outsideWarning->setWordWrap(true);
    m_outsideWarning->setTextFormat(Qt::PlainText);
    QFont bold = m_outsideWarning->font();
    bold.setBold(true);
    m_outsideWarning->setFont(bold);
    m_outsideWarning->hide();
    layout->addWidget(m_outsideWarning);
    m_useOutside = new QCheckBox(tr("Use this server any&way"), this);
    m_useOutside->setObjectName(QStringLiteral("useOutsideDomain"));
    m_useOutside->hide();
    layout->addWidget(m_useOutside);
    m_confirm = new QLabel(this);
    m_confirm->setObjectName(QStringLiteral("confirmServer"));
    m_confirm->setWordWrap(true);
    m_confirm->setTextFormat(Qt::PlainText);
    layout->addWidget(m_confirm);

    connect(m_stop, &QPushButton::clicked, this, &DiscoveryPage::stop);
    connect(m_again, &QPushButton::clicked, this, &DiscoveryPage::startDiscovery);
    connect(m_servers, &QListWidget::currentRowChanged, this, &DiscoveryPage::showSelected);
    connect(m_useOutside, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
}

DiscoveryPage::~DiscoveryPage() = default;

void DiscoveryPage::initializePage()
{
    // The same address again (Back, then Next): keep what was found.
    if (m_result && m_searchedEmail == field(QStringLiteral("email")).toString().trimmed())
        return;
    startDiscovery();
}

void DiscoveryPage::cleanupPage()
{
    // Back: stop looking; the fields stay as they are.
    stop();
}

void DiscoveryPage::startDiscovery()
{
    if (m_discovery) {
        m_discovery->disconnect(this);
        m_discovery->cancel();
        m_discovery->deleteLater();
    }
    const auto *w = qobject_cast<const AccountWizard *>(wizard());
    m_result.reset();
    m_servers->clear();
    m_details->clear();
    m_confirm->clear();
    m_outsideWarning->hide();
    m_useOutside->hide();
    m_useOutside->setChecked(false);
    setButtonText(QWizard::NextButton, tr("&Use This Server"));
    Q_EMIT selectionChanged();  // while looking, Set Up Manually skips the search
    m_searchedEmail = field(QStringLiteral("email")).toString().trimmed();
    m_discovery = new Accounts::Discovery(w ? w->options().discovery : Accounts::Discovery::Options(), this);
    const QString domain = Accounts::emailDomain(m_searchedEmail);
    m_status->setText(tr("Looking up the mail server for %1…").arg(domain));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_stop->show();
    m_stop->setEnabled(true);
    m_again->hide();
    connect(m_discovery, &Accounts::Discovery::probing, this,
        [this](const QString &host, quint16 port, Net::Security security) {
            m_status->setText(tr("Trying %1…").arg(serverText(host, port, security)));
        });
    connect(m_discovery, &Accounts::Discovery::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_discovery, &Accounts::Discovery::finished, this, &DiscoveryPage::showResult);
    m_discovery->start(m_searchedEmail);
    Q_EMIT completeChanged();
}

void DiscoveryPage::stop()
{
    if (m_discovery && m_discovery->isRunning()) {
        m_stop->setEnabled(false);
        m_discovery->cancel();
    }
}

void DiscoveryPage::showResult(const Accounts::DiscoveryResult &result)
{
    m_result = result;
    if (m_discovery)
        m_discovery->deleteLater();
    m_progress->hide();
    m_stop->hide();
    m_again->show();
    m_servers->clear();
    const QString domain = result.domain;
    int preferred = -1;
    bool outsideOnly = false;  // encrypted servers were found, but only outside the domain
    for (int i = 0; i < result.servers.size(); ++i) {
        const Accounts::DiscoveredServer &s = result.servers.at(i);
        auto *item = new QListWidgetItem(foundServerText(s, domain), m_servers);
        item->setData(Qt::UserRole, i);
        // Never chosen for the user: no encryption, or a host outside the
        // mail domain that a forged DNS answer may have named.
        if (preferred < 0 && !s.insecure && !s.outsideDomain)
            preferred = i;
        if (!s.insecure && s.outsideDomain)
            outsideOnly = true;
    }
    outsideOnly = outsideOnly && preferred < 0;
    if (result.servers.isEmpty()) {
        m_status->setText(result.error.code == ErrorCode::Cancelled
                ? tr("The search was stopped. Press Enter Settings to type in the server's settings yourself, or "
                     "search again.")
                : tr("No POP3 server was found for %1. Press Enter Settings to type in the settings your provider "
                     "gives.")
                      .arg(domain));
    } else if (outsideOnly) {
        m_status->setText(tr("DNS names only servers outside %1. Poplar does not choose one of them for you: pick one "
                             "only if your provider told you to use it, or press Enter Settings.")
                              .arg(domain));
    } else if (preferred < 0) {
        m_status->setText(tr("Only servers without encryption were found for %1. Poplar does not choose one of "
                             "them for you: pick one only if you must use it, or press Enter Settings.")
                              .arg(domain));
    } else {
        m_status->setText(result.error.code == ErrorCode::Cancelled
                ? tr("The search was stopped. Found so far:")
                : tr("Poplar found these POP3 servers for %1:").arg(domain));
    }
    if (preferred >= 0)
        m_servers->setCurrentRow(preferred);
    showSelected();
    Q_EMIT discoveryFinished(result);
    Q_EMIT completeChanged();
}

std::optional<Accounts::DiscoveredServer> DiscoveryPage::selectedServer() const
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

bool DiscoveryPage::leadsToSettings() const
{
    return m_result && !selectedServer();
}

void DiscoveryPage::showSelected()
{
    const auto s = selectedServer();
    // The button says where it leads; the texts below name it.
    setButtonText(QWizard::NextButton, leadsToSettings() ? tr("&Enter Settings") : tr("&Use This Server"));
    const bool outside = s && s->outsideDomain;
    if (!outside)
        m_useOutside->setChecked(false);  // a choice for that server only
    m_outsideWarning->setVisible(outside);
    m_useOutside->setVisible(outside);
    if (!s) {
        m_details->clear();
        m_outsideWarning->clear();
        m_confirm->setText(
            m_result ? tr("Enter Settings: type in your provider's server settings yourself.") : QString());
        Q_EMIT selectionChanged();
        Q_EMIT completeChanged();
        if (auto *w = qobject_cast<AccountWizard *>(wizard()))
            w->makeRoomFor(this);
        return;
    }
    QStringList lines = capabilityTexts(s->server);
    if (s->certificateProblem)
        lines << tr("This computer does not trust the server's certificate. Poplar will show it to you before "
                    "sending your password.");
    m_details->setText(QStringLiteral("• ") + lines.join(QStringLiteral("\n• ")));
    const QString host = escapeUntrusted(s->server.host.toUtf8());
    const QString domain = m_result ? m_result->domain : QString();
    if (outside)
        m_outsideWarning->setText(
            tr("%1 is not in %2. Only a DNS answer names it as the server for %2, and such an answer can be forged "
               "on the network you are on; a secure connection would then prove only that you reached %1. Use it "
               "only if the provider of %2 told you to.")
                .arg(host, domain));
    else
        m_outsideWarning->clear();
    if (s->insecure)
        m_confirm->setText(tr("Use This Server takes you to the server settings, where an unencrypted connection "
                              "needs your explicit consent."));
    else
        m_confirm->setText(tr("Use This Server: Poplar logs in to %1 with your password to test the account.")
                               .arg(serverText(s->server.host, s->server.port, s->server.security)));
    Q_EMIT selectionChanged();
    Q_EMIT completeChanged();
    if (auto *w = qobject_cast<AccountWizard *>(wizard()))
        w->makeRoomFor(this);
}

bool DiscoveryPage::isComplete() const
{
    if (!m_result.has_value() || isRunning())
        return false;
    // A server outside the mail domain only after "use it anyway".
    const auto s = selectedServer();
    return !(s && s->outsideDomain && !m_useOutside->isChecked());
}

bool DiscoveryPage::validatePage()
{
    if (!isComplete())
        return false;
    const auto s = selectedServer();
    if (!s)
        return true;  // on to the manual settings
    setField(QStringLiteral("host"), s->server.host);
    // Security first: changing it moves a default port along.
    setField(QStringLiteral("security"), int(s->server.security));
    setField(QStringLiteral("port"), int(s->server.port));
    setField(QStringLiteral("insecureConsent"), false);
    if (auto *w = qobject_cast<AccountWizard *>(wizard()))
        w->applyDefaultUser();
    return true;
}

int DiscoveryPage::nextId() const
{
    const auto *w = qobject_cast<const AccountWizard *>(wizard());
    const auto s = selectedServer();
    if (!s || s->insecure || (w && w->manualRequested()))
        return AccountWizard::ManualPage;
    return AccountWizard::TestPage;
}

}  // namespace Poplar::Ui
