#pragma once

#include "accounts/Account.h"
#include "accounts/Discovery.h"
#include "common/Error.h"
#include "common/Secret.h"
#include "net/TlsTypes.h"

#include <QWizard>

#include <functional>
#include <optional>

namespace Store {
class MailStore;
}
namespace Accounts {
class CredentialStore;
}

namespace Poplar::Ui {

// Sets up a POP3 account: name, address and password; the server found
// for the address (SRV records, well-known names) and what it offers, or
// settings typed by hand; a login to test them (with the certificate
// question when the system does not trust the server); what stays on the
// server and how often to look; then the account is saved and its
// password put in the keychain. The outgoing (SMTP submission) server is
// found, confirmed and tested the same way after the incoming one (or set
// up later). Nothing with the password is sent before the user confirmed
// the server.
//
// The app opens it when there is no account and from a menu:
//
//     AccountWizard wizard(store, keychain, window);
//     if (wizard.exec() == QDialog::Accepted) {
//         fetcher.reloadAccounts();
//         if (Poplar::Secret pw = wizard.takeSessionPassword(); !pw.isEmpty())
//             fetcher.providePassword(wizard.account().id, std::move(pw), false);
//     }
//
// Fields (QWizard::field) that tests and callers may set: displayName,
// email, password; host, port, security (a Net::Security as int),
// insecureConsent, user, auth ("auto" or a mechanism), caFile;
// keepOnServerDays, deleteAfterDownload, keepForever, keepDays,
// limitCount, keepCount, limitMegabytes, keepMegabytes,
// deleteWhenDeletedLocally, limitSize, sizeLimitKb, intervalMinutes,
// uidlFallbackAccepted; smtpHost, smtpPort, smtpSecurity (a typed outgoing
// server), sendLater; accountName, keepPasswordForSession.
class AccountWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { IdentityPage, DiscoveryPage, ManualPage, TestPage, PolicyPage, FinishPage, OutgoingPage };
    Q_ENUM(PageId)

    // Asks the user about a certificate the system does not trust (the
    // CertificateDialog by default).
    using CertificateQuestion
        = std::function<Net::CertificateDecision(const Net::CertificateProblem &problem, QWidget *parent)>;

    struct Options {
        // SRV lookup, timeouts, and where host names are dialled; the
        // dialler also serves the connection test.
        Accounts::Discovery::Options discovery;
        CertificateQuestion askCertificate;  // default: CertificateDialog::ask
        int connectTimeoutMs = 30'000;       // the connection test
    };

    // `store` and `keychain` are not owned and must outlive the wizard.
    AccountWizard(Store::MailStore &store, Accounts::CredentialStore &keychain, QWidget *parent = nullptr);
    AccountWizard(
        Store::MailStore &store, Accounts::CredentialStore &keychain, Options options, QWidget *parent = nullptr);
    ~AccountWizard() override;

    // After the wizard was accepted: the account as stored (id and
    // credential key filled in).
    [[nodiscard]] const Accounts::Account &account() const { return m_account; }
    [[nodiscard]] bool passwordInKeychain() const { return m_passwordInKeychain; }
    // The password the user chose to keep for this run only, because the
    // keychain could not take it (empty otherwise). Handed over: the wizard
    // keeps nothing.
    [[nodiscard]] Poplar::Secret takeSessionPassword();
    [[nodiscard]] bool hasSessionPassword() const { return !m_sessionPassword.isEmpty(); }
    // Why the keychain did not take the password (None when it did).
    [[nodiscard]] const Poplar::Error &keychainError() const { return m_keychainError; }

    // --- For the pages ---------------------------------------------------
    [[nodiscard]] const Options &options() const { return m_options; }
    [[nodiscard]] Store::MailStore &store() const { return m_store; }
    // The settings as the pages hold them now (not yet stored).
    [[nodiscard]] Accounts::Account draft() const;
    // The password typed on the first page, UTF-8.
    [[nodiscard]] Poplar::Secret password() const;
    // What the connection test learnt: a fingerprint the user trusts from
    // now on, and the server's capabilities.
    void setPinnedCertificate(const QByteArray &sha256) { m_pinnedSha256 = sha256; }
    [[nodiscard]] const QByteArray &pinnedCertificate() const { return m_pinnedSha256; }
    void setTestedServer(const std::optional<Pop3::ServerInfo> &info) { m_testedServer = info; }
    [[nodiscard]] const std::optional<Pop3::ServerInfo> &testedServer() const { return m_testedServer; }
    // The login name follows the address until the user changes it.
    void applyDefaultUser();
    // Grows the wizard (never shrinks it) so that `page`, whose texts just
    // changed, shows all of them: wrapped labels do not widen or heighten
    // a window by themselves.
    void makeRoomFor(QWizardPage *page);
    // "Set up manually": from any page, to the server settings.
    void setUpManually();
    // After the server rejected the password: straight back to the first
    // page with the password field focused and the rejection said; Next
    // there tests the same settings again at once (unless the address was
    // changed).
    void retypePassword(const Poplar::Error &error);
    [[nodiscard]] bool retestsAfterPassword() const;
    [[nodiscard]] bool manualRequested() const { return m_manualRequested; }
    // Saves the account and the password; finishes the wizard when both
    // are done (or the user chose to keep the password for this run).
    // Answers through saveFailed() when the account cannot be saved.
    void save();
    [[nodiscard]] bool saved() const { return m_saved; }
    [[nodiscard]] bool saving() const { return m_saving; }

Q_SIGNALS:
    // The account was stored (its password may still be on its way to the keychain).
    void accountCreated(const Accounts::Account &account);
    // Saving the account failed (the error is shown on the last page).
    void saveFailed(const Poplar::Error &error);
    // The keychain refused the password; the user may keep it for this run.
    void keychainFailed(const Poplar::Error &error);

private:
    void updateCustomButton(int id);
    void passwordStored(const Poplar::Status &status);

    Store::MailStore &m_store;
    Accounts::CredentialStore &m_keychain;
    Options m_options;
    Accounts::Account m_account;
    QByteArray m_pinnedSha256;
    std::optional<Pop3::ServerInfo> m_testedServer;
    Poplar::Secret m_sessionPassword;  // wiped when it goes
    QString m_defaultUser;
    QString m_retestEmail;  // the address whose rejected password is being typed again
    Poplar::Error m_keychainError;
    bool m_manualRequested = false;
    bool m_passwordInKeychain = false;
    bool m_saving = false;
    bool m_saved = false;
};

}  // namespace Poplar::Ui
