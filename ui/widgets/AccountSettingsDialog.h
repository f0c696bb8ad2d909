#pragma once

#include "accounts/Account.h"
#include "common/Error.h"
#include "widgets/AccountDiagnostics.h"

#include <QDialog>
#include <QPointer>

#include <deque>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace Store {
class MailStore;
}
namespace Accounts {
class CredentialStore;
}

namespace Poplar::Ui {

// Every setting of one account, in tabs: Account, Server, Outgoing (the
// SMTP submission server, with a password of its own if it has one),
// Password, Policy and Diagnostics (AccountDiagnostics). Save checks the fields with the
// rules `poplar-cli account edit` applies, writes them with
// AccountStore::update, and a new password with CredentialStore::write;
// then accountChanged() tells the caller (who reloads its MailFetcher).
// Cancel changes nothing. A field that breaks a rule is named in words, its
// tab shown and the field focused; nothing is saved then.
class AccountSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // `keychain` is not owned and must outlive the dialog (the app's
    // KeychainCredentialStore; tests give their own).
    AccountSettingsDialog(
        Store::MailStore &store, Accounts::CredentialStore &keychain, qint64 accountId, QWidget *parent = nullptr);
    ~AccountSettingsDialog() override;

    // False when the account could not be read (the dialog then says why
    // and offers only Close).
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    // The account as the fields say now (not checked).
    [[nodiscard]] Accounts::Account editedAccount() const;
    // Why the fields cannot be saved, in words; empty when they can.
    // `field` (if given) receives the widget to correct.
    [[nodiscard]] QString problem(QWidget **field = nullptr) const;
    // The message shown next to the buttons (empty: none).
    [[nodiscard]] QString errorText() const;
    // Checks and saves the settings; then writes a new password, if one was
    // typed, and answers in saveFinished(). False (nothing saved) when a
    // rule is broken or the store refused.
    bool save();
    [[nodiscard]] bool isSaving() const { return m_saving; }

    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] AccountDiagnostics *diagnostics() const { return m_diagnostics; }
    // Diagnostics' questions (tests answer them without dialogs).
    void setPasswordQuestion(AccountDiagnostics::PasswordQuestion question);
    void setCertificateQuestion(AccountDiagnostics::CertificateQuestion question);

    // Save and close: closes only once everything was saved.
    void accept() override;
    // Closing with the outgoing server's old password still in the keychain
    // (its removal failed): one more try, so it is not left behind.
    void done(int result) override;

Q_SIGNALS:
    // The account's settings were saved (the caller reloads its accounts).
    void accountChanged(qint64 accountId);
    // A new password is in the keychain.
    void passwordChanged(qint64 accountId);
    // save() is done: `error` None when settings and password are saved.
    void saveFinished(const Poplar::Error &error);

private:
    void build();
    void load(const Accounts::Account &account);
    void updateSecurity();
    void updatePolicy();
    void updatePin();
    void updateLoginDelayNote();
    void chooseCaFile();
    void updateOutgoing();
    void updateSmtpPin();
    // The keychain writes a save makes, one after the other: the account's
    // new password, the outgoing server's own (the account says it has one
    // only once that is saved), or the removal of that one. A step that fails
    // does not stop the others (they are different entries); the first
    // failure is what the save reports.
    struct KeychainStep {
        QString key;
        std::optional<Poplar::Secret> secret;  // none: remove the entry
        bool outgoing = false;
    };
    struct KeychainRun {
        std::deque<KeychainStep> steps;
        bool accountChanged = false;  // the stored account changed: say so once, at the end
        QStringList notes;            // what each step did, for the password status line
        Poplar::Error failure;        // the first step that failed
        QString failureSummary;
        QPointer<QWidget> failureField;
    };
    using KeychainRunPtr = std::shared_ptr<KeychainRun>;
    void runKeychainSteps(KeychainRunPtr run);
    void keychainStepDone(const KeychainRunPtr &run, bool outgoing, bool removing, const Poplar::Status &st);
    void finishKeychainSteps(const KeychainRunPtr &run);
    void showError(const QString &text, QWidget *field = nullptr);
    void finishSave(const Poplar::Error &error, bool close);

    Store::MailStore &m_store;
    QPointer<Accounts::CredentialStore> m_keychain;
    Accounts::Account m_original;
    QByteArray m_pin;      // the pinned fingerprint the fields stand for
    QByteArray m_smtpPin;  // the same for the outgoing server
    bool m_loaded = false;
    bool m_saving = false;
    bool m_closeWhenSaved = false;
    bool m_removeSmtpPassword = false;  // the outgoing server's own password is given up: remove it
    int m_loginDelaySeconds = 0;  // the server's LOGIN-DELAY, from the last fetch

    QTabWidget *m_tabs = nullptr;
    // Account
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_displayName = nullptr;
    QCheckBox *m_enabled = nullptr;
    QComboBox *m_folder = nullptr;
    // Server
    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QComboBox *m_security = nullptr;
    QCheckBox *m_insecureConsent = nullptr;
    QLabel *m_insecureWarning = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_chooseCaFile = nullptr;
    QLabel *m_pinLabel = nullptr;
    QPushButton *m_forgetPin = nullptr;
    // Outgoing
    QLineEdit *m_smtpHost = nullptr;
    QLineEdit *m_smtpPort = nullptr;
    QComboBox *m_smtpSecurity = nullptr;
    QLabel *m_smtpInsecureWarning = nullptr;
    QCheckBox *m_smtpInsecureConsent = nullptr;
    QLineEdit *m_smtpUser = nullptr;
    QComboBox *m_smtpAuth = nullptr;
    QLineEdit *m_smtpCaFile = nullptr;
    QPushButton *m_chooseSmtpCaFile = nullptr;
    QLabel *m_smtpPinLabel = nullptr;
    QPushButton *m_forgetSmtpPin = nullptr;
    QCheckBox *m_smtpOwnPassword = nullptr;
    QLineEdit *m_smtpPassword = nullptr;
    QLineEdit *m_smtpConfirm = nullptr;
    // Password
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_passwordStatus = nullptr;
    // Policy
    QCheckBox *m_leaveOnServer = nullptr;
    QSpinBox *m_keepDays = nullptr;
    QSpinBox *m_keepCount = nullptr;
    QSpinBox *m_keepMb = nullptr;
    QCheckBox *m_deleteWhenDeletedLocally = nullptr;
    QSpinBox *m_sizeLimit = nullptr;
    QSpinBox *m_interval = nullptr;
    QLabel *m_loginDelayNote = nullptr;
    QCheckBox *m_uidlFallback = nullptr;
    // Diagnostics
    AccountDiagnostics *m_diagnostics = nullptr;

    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace Poplar::Ui
