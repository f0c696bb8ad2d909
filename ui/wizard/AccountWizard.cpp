#include "wizard/AccountWizard.h"

#include "accounts/AccountStore.h"
#include "accounts/CredentialStore.h"
#include "store/Store.h"
#include "wizard/ConnectionTestPage.h"
#include "wizard/DiscoveryPage.h"
#include "wizard/FinishPage.h"
#include "wizard/IdentityPage.h"
#include "wizard/ManualPage.h"
#include "wizard/OutgoingPage.h"
#include "wizard/PolicyPage.h"

#include <QAbstractButton>
#include <QFileInfo>
#include <QLayout>
#include <QPointer>
#include <QScreen>
#include <QTimer>

#include <algorithm>

namespace Poplar::Ui {

AccountWizard::AccountWizard(Store::MailStore &store, Accounts::CredentialStore &keychain, QWidget *parent)
    : AccountWizard(store, keychain, Options(), parent)
{ }

AccountWizard::AccountWizard(
    Store::MailStore &store, Accounts::CredentialStore &keychain, Options options, QWidget *parent)
    : QWizard(parent)
    , m_store(store)
    , m_keychain(keychain)
    , m_options(std::move(options))
{
    setObjectName(QStringLiteral("accountWizard"));
    setWindowTitle(tr("Add Mail Account"));
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveCustomButton1);
    setButtonText(QWizard::CustomButton1, tr("Set Up &Manually"));
    setPage(IdentityPage, new Ui::IdentityPage(this));
    auto *discovery = new Ui::DiscoveryPage(this);
    setPage(DiscoveryPage, discovery);
    setPage(ManualPage, new Ui::ManualPage(this));
    setPage(TestPage, new ConnectionTestPage(this));
    setPage(OutgoingPage, new Ui::OutgoingPage(this));
    setPage(PolicyPage, new Ui::PolicyPage(this));
    setPage(FinishPage, new Ui::FinishPage(this));
    setStartId(IdentityPage);
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1)
            setUpManually();
    });
    connect(this, &QWizard::currentIdChanged, this, &AccountWizard::updateCustomButton);
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id != IdentityPage)
            m_retestEmail.clear();  // the shortcut serves one return only
    });
    connect(discovery, &Ui::DiscoveryPage::selectionChanged, this, [this] { updateCustomButton(currentId()); });
    connect(this, &AccountWizard::saveFailed, this, [this](const Poplar::Error &error) {
        if (auto *p = qobject_cast<Ui::FinishPage *>(page(FinishPage)))
            p->showSaveError(error);
    });
    connect(this, &AccountWizard::keychainFailed, this, [this](const Poplar::Error &error) {
        if (auto *p = qobject_cast<Ui::FinishPage *>(page(FinishPage)))
            p->showKeychainError(error);
    });
}

AccountWizard::~AccountWizard() = default;

Poplar::Secret AccountWizard::takeSessionPassword()
{
    // Handed over: nothing stays here.
    return std::move(m_sessionPassword);
}

Poplar::Secret AccountWizard::password() const
{
    return Poplar::Secret(field(QStringLiteral("password")).toString().toUtf8());
}

void AccountWizard::applyDefaultUser()
{
    const QString email = field(QStringLiteral("email")).toString().trimmed();
    const QString user = field(QStringLiteral("user")).toString().trimmed();
    if (user.isEmpty() || user == m_defaultUser)
        setField(QStringLiteral("user"), email);
    m_defaultUser = email;
}

Accounts::Account AccountWizard::draft() const
{
    Accounts::Account a;
    a.email = field(QStringLiteral("email")).toString().trimmed();
    a.displayName = field(QStringLiteral("displayName")).toString().trimmed();
    a.name = field(QStringLiteral("accountName")).toString().trimmed();
    a.host = field(QStringLiteral("host")).toString().trimmed();
    a.security = Net::Security(field(QStringLiteral("security")).toInt());
    const int port = field(QStringLiteral("port")).toInt();
    a.port = port == Pop3::defaultPort(a.security) ? 0 : quint16(port);
    a.insecureConsent = a.security == Net::Security::None && field(QStringLiteral("insecureConsent")).toBool();
    a.user = field(QStringLiteral("user")).toString().trimmed();
    if (a.user.isEmpty())
        a.user = a.email;
    const QString auth = field(QStringLiteral("auth")).toString();
    a.auth = auth.isEmpty() ? QStringLiteral("auto") : auth;
    a.pinnedSha256 = m_pinnedSha256;
    const QString ca = field(QStringLiteral("caFile")).toString().trimmed();
    // A certificate the user trusts by its fingerprint makes the CA file moot.
    if (!ca.isEmpty() && a.pinnedSha256.isEmpty())
        a.caFile = QFileInfo(ca).absoluteFilePath();
    if (const auto *p = qobject_cast<const Ui::PolicyPage *>(page(PolicyPage)))
        a.policy = p->policy();
    a.intervalMinutes = field(QStringLiteral("intervalMinutes")).toInt();
    a.uidlFallbackAccepted = a.policy.leaveOnServer && field(QStringLiteral("uidlFallbackAccepted")).toBool();
    if (const auto *p = qobject_cast<const Ui::OutgoingPage *>(page(OutgoingPage)))
        a.smtp = p->outgoingServer(a);
    if (m_account.id) {
        a.id = m_account.id;
        a.credentialKey = m_account.credentialKey;
    }
    return a;
}

void AccountWizard::updateCustomButton(int id)
{
    QAbstractButton *b = button(QWizard::CustomButton1);
    if (!b)
        return;
    // Not beside an Enter Settings button that leads to the same page.
    const auto *discovery = qobject_cast<const Ui::DiscoveryPage *>(page(DiscoveryPage));
    const bool nextIsManual = id == DiscoveryPage && discovery && discovery->leadsToSettings();
    // Not on the outgoing page either: it has its own typed settings, and
    // the button leads to the incoming server's.
    b->setVisible(id != ManualPage && id != OutgoingPage && !(id == FinishPage && m_account.id) && !nextIsManual);
}

void AccountWizard::makeRoomFor(QWizardPage *page)
{
    if (!page || !page->layout() || !isVisible() || currentPage() != page)
        return;
    // Not before the page is shown and laid out (while it is being
    // initialised its size is not yet the wizard's): once it is.
    if (!page->isVisible()) {
        QTimer::singleShot(0, this, [this, p = QPointer<QWizardPage>(page)] {
            if (p && p->isVisible())
                makeRoomFor(p);
        });
        return;
    }
    const int needed = page->layout()->totalHeightForWidth(page->width());
    if (needed <= page->height())
        return;
    int height = this->height() + needed - page->height();
    if (const QScreen *s = screen())
        height = std::min(height, s->availableGeometry().height());
    if (height > this->height())
        resize(width(), height);
}

void AccountWizard::setUpManually()
{
    m_manualRequested = true;
    if (currentId() == ManualPage)
        return;
    if (visitedIds().contains(ManualPage)) {
        while (currentId() != ManualPage)
            back();
        return;
    }
    while (currentId() != IdentityPage && currentId() != DiscoveryPage)
        back();
    next();
}

void AccountWizard::retypePassword(const Poplar::Error &error)
{
    if (!visitedIds().contains(IdentityPage))
        return;
    while (currentId() != IdentityPage)
        back();
    m_retestEmail = field(QStringLiteral("email")).toString().trimmed();
    if (auto *p = qobject_cast<Ui::IdentityPage *>(page(IdentityPage)))
        p->showPasswordRejected(error);
}

bool AccountWizard::retestsAfterPassword() const
{
    return !m_retestEmail.isEmpty() && m_retestEmail == field(QStringLiteral("email")).toString().trimmed();
}

void AccountWizard::save()
{
    if (m_saving || m_saved)
        return;
    if (m_keychainError && field(QStringLiteral("keepPasswordForSession")).toBool()) {
        // The keychain refused; the user keeps the password for this run.
        m_sessionPassword = password();
        m_saved = true;
        return;
    }
    const Accounts::Account a = draft();
    Accounts::AccountStore accounts(m_store);
    if (!m_account.id) {
        auto added = accounts.add(a);
        if (!added) {
            Q_EMIT saveFailed(added.error());
            return;
        }
        m_account = added.value();
        Q_EMIT accountCreated(m_account);
    } else if (!(a == m_account)) {
        if (auto st = accounts.update(a); !st) {
            Q_EMIT saveFailed(st.error());
            return;
        }
        m_account = a;
    }
    m_saving = true;
    QPointer<AccountWizard> self(this);
    m_keychain.write(m_account.credentialKey, password(), [self](const Poplar::Status &status) {
        if (self)
            self->passwordStored(status);
    });
}

void AccountWizard::passwordStored(const Poplar::Status &status)
{
    m_saving = false;
    if (status) {
        m_passwordInKeychain = true;
        m_keychainError = Poplar::Error();
        m_saved = true;
        accept();
        return;
    }
    m_keychainError = status.error();
    Q_EMIT keychainFailed(m_keychainError);
    if (QWizardPage *p = page(FinishPage))
        Q_EMIT p->completeChanged();
}

}  // namespace Poplar::Ui
