#pragma once

#include "accounts/Account.h"
#include "common/Error.h"
#include "common/Secret.h"
#include "net/TlsTypes.h"
#include "sync/FetchJob.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Store {
class MailStore;
}
namespace Accounts {
class CredentialStore;
class SessionCredentialStore;
}  // namespace Accounts
namespace Pop3 {
struct ServerInfo;
}  // namespace Pop3
namespace Sync {
class ConnectionTest;
class PasswordSource;
}  // namespace Sync

namespace Poplar::Ui {

class ServerReportView;

// What to look at when an account misbehaves: Test Connection (connect, log
// in, STAT, QUIT; the server's greeting, capabilities, TLS details and
// mailbox, and the session's protocol log with its secrets masked), the
// account's last fetches from the history, and a preview of the next fetch
// (a dry run: what it would download, and what it would delete on the
// server and why). Nothing here changes the store, the server or the
// keychain. Used as a page of AccountSettingsDialog; works on its own too.
class AccountDiagnostics : public QWidget
{
    Q_OBJECT
public:
    // The password to use when the keychain has none or cannot be read
    // (`reason` says which); none to give up. Used for this test only.
    using PasswordQuestion
        = std::function<std::optional<Poplar::Secret>(const Accounts::Account &account, const Poplar::Error &reason)>;
    // What to do about a certificate the system does not trust. The default
    // rejects it (and the page says the certificate is not trusted).
    using CertificateQuestion = std::function<Net::CertificateDecision(const Net::CertificateProblem &problem)>;

    // `keychain` is not owned.
    AccountDiagnostics(Store::MailStore &store, Accounts::CredentialStore &keychain, QWidget *parent = nullptr);
    ~AccountDiagnostics() override;

    // The settings to test (they need not be saved yet); reloads the history.
    void setAccount(const Accounts::Account &account);
    [[nodiscard]] const Accounts::Account &account() const { return m_account; }
    // A password to use instead of the keychain's (one typed but not saved
    // yet), for the next test or preview only; empty: the keychain's.
    void setTestPassword(Poplar::Secret password);
    void setPasswordQuestion(PasswordQuestion question) { m_askPassword = std::move(question); }
    void setCertificateQuestion(CertificateQuestion question) { m_askCertificate = std::move(question); }
    // Transport, timeouts and clock for the test and the preview (tests).
    void setFetchOptions(const Sync::FetchJob::Options &options) { m_options = options; }

    // Each ends in its finished signal (None on success), never from inside the call.
    void testConnection();
    void previewNextFetch();
    [[nodiscard]] bool isBusy() const;
    void reloadHistory();

    // What the page shows, as plain text (tests, and what Copy copies).
    [[nodiscard]] QString serverReport() const;
    [[nodiscard]] QString protocolLogText() const;
    [[nodiscard]] QString previewText() const;
    [[nodiscard]] QTreeWidget *historyView() const { return m_history; }
    [[nodiscard]] QString statusText() const;

Q_SIGNALS:
    // Emitted as a test or a preview starts, before the settings are read:
    // the owner may call setAccount() and setTestPassword() from a slot.
    void aboutToRun();
    void testFinished(const Poplar::Error &error);
    void previewFinished(const Poplar::Error &error);
    // The user chose to trust the server's certificate by its fingerprint
    // (the test then went on); the owner keeps the pin with the account.
    void certificatePinned(const QByteArray &sha256);

private:
    enum class Task { None, Test, Preview };

    void begin(Task task);
    void withPassword(const std::function<void(Poplar::Secret secret)> &then);
    void runTest(Poplar::Secret secret);
    void runPreview(Poplar::Secret secret);
    void endTest(const Poplar::Error &error);
    void endPreview(const Sync::FetchReport &report);
    void setBusy(Task task);
    void showStatus(const QString &text, bool problem);
    void showPlan(const Sync::Plan &plan);

    Store::MailStore &m_store;
    // The password typed for the next run (setTestPassword), then this
    // run's in m_typed, read before the keychain's.
    Poplar::Secret m_testPassword;
    Accounts::SessionCredentialStore *m_typed = nullptr;
    Sync::PasswordSource *m_passwords = nullptr;
    Accounts::Account m_account;
    PasswordQuestion m_askPassword;
    CertificateQuestion m_askCertificate;
    Sync::FetchJob::Options m_options;
    Task m_task = Task::None;
    Sync::ConnectionTest *m_test = nullptr;  // released with deleteLater()
    Sync::FetchJob *m_job = nullptr;         // released with deleteLater()
    QByteArray m_pinned;                     // a pin chosen during this test

    QPushButton *m_testButton = nullptr;
    QPushButton *m_previewButton = nullptr;
    QLabel *m_status = nullptr;
    ServerReportView *m_server = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QPushButton *m_copyLog = nullptr;
    QTreeWidget *m_history = nullptr;
    QLabel *m_lastMailbox = nullptr;
    QTreeWidget *m_preview = nullptr;
    QLabel *m_previewSummary = nullptr;
};

}  // namespace Poplar::Ui
