#include "widgets/AccountSettingsDialog.h"

#include "accounts/AccountStore.h"
#include "accounts/CredentialStore.h"
#include "store/Store.h"
#include "sync/Ledger.h"
#include "sync/SyncState.h"
#include "text/ErrorText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Poplar::Ui {

using Accounts::Account;
using Accounts::AccountRule;
namespace Limits = Accounts::Limits;

namespace {

QSpinBox *limitBox(QWidget *parent, const QString &objectName, int max, const QString &suffix)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(0, max);
    box->setSpecialValueText(AccountSettingsDialog::tr("No limit"));
    box->setSuffix(suffix);
    box->setAccelerated(true);
    return box;
}

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

}  // namespace

AccountSettingsDialog::AccountSettingsDialog(
    Store::MailStore &store, Accounts::CredentialStore &keychain, qint64 accountId, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_keychain(&keychain)
{
    setObjectName(QStringLiteral("accountSettingsDialog"));
    auto found = Accounts::AccountStore(m_store).byId(accountId);
    auto *layout = new QVBoxLayout(this);
    if (!found) {
        setWindowTitle(tr("Account Settings"));
        m_error = note(tr("The account's settings could not be read. %1").arg(errorMessage(found.error())), this);
        m_error->setObjectName(QStringLiteral("settingsError"));
        layout->addWidget(m_error);
        m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
        connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        layout->addWidget(m_buttons);
        return;
    }
    m_loaded = true;
    m_original = *found;
    auto state = m_store.readValue([&](Store::Database &db) { return Sync::SyncState::load(db, accountId); });
    if (state && state->loginDelaySeconds)
        m_loginDelaySeconds = *state->loginDelaySeconds;
    build();
    load(m_original);
}

AccountSettingsDialog::~AccountSettingsDialog() = default;

void AccountSettingsDialog::build()
{
    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    layout->addWidget(m_tabs, 1);

    // Account
    auto *accountPage = new QWidget(this);
    accountPage->setObjectName(QStringLiteral("accountPage"));
    auto *accountForm = new QFormLayout(accountPage);
    m_name = new QLineEdit(accountPage);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(255);
    accountForm->addRow(tr("&Name:"), m_name);
    m_email = new QLineEdit(accountPage);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setPlaceholderText(tr("you@example.org"));
    accountForm->addRow(tr("&Email address:"), m_email);
    m_displayName = new QLineEdit(accountPage);
    m_displayName->setObjectName(QStringLiteral("displayName"));
    accountForm->addRow(tr("&Your name:"), m_displayName);
    m_folder = new QComboBox(accountPage);
    m_folder->setObjectName(QStringLiteral("folder"));
    accountForm->addRow(tr("&Deliver mail to:"), m_folder);
    m_enabled = new QCheckBox(tr("&Check this account for new mail"), accountPage);
    m_enabled->setObjectName(QStringLiteral("enabled"));
    accountForm->addRow(m_enabled);
    m_tabs->addTab(accountPage, tr("&Account"));

    // Server
    auto *serverPage = new QWidget(this);
    serverPage->setObjectName(QStringLiteral("serverPage"));
    auto *serverForm = new QFormLayout(serverPage);
    m_host = new QLineEdit(serverPage);
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("pop.example.org"));
    serverForm->addRow(tr("&Server:"), m_host);
    m_port = new QLineEdit(serverPage);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setMaxLength(5);
    serverForm->addRow(tr("&Port:"), m_port);
    m_security = new QComboBox(serverPage);
    m_security->setObjectName(QStringLiteral("security"));
    m_security->addItem(tr("TLS (encrypted from the start)"), int(Net::Security::ImplicitTls));
    m_security->addItem(tr("STARTTLS (encrypted after connecting)"), int(Net::Security::StartTls));
    m_security->addItem(tr("None (unencrypted)"), int(Net::Security::None));
    serverForm->addRow(tr("S&ecurity:"), m_security);
    m_insecureWarning = note(tr("Without encryption, anyone on the way between you and the server can read your "
                                "password and your mail, and change the mail."),
        serverPage);
    m_insecureWarning->setObjectName(QStringLiteral("insecureWarning"));
    serverForm->addRow(m_insecureWarning);
    m_insecureConsent = new QCheckBox(tr("I understand the risk and want to &connect without encryption"), serverPage);
    m_insecureConsent->setObjectName(QStringLiteral("insecureConsent"));
    serverForm->addRow(m_insecureConsent);
    m_user = new QLineEdit(serverPage);
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setMaxLength(255);
    serverForm->addRow(tr("&Login name:"), m_user);
    m_auth = new QComboBox(serverPage);
    m_auth->setObjectName(QStringLiteral("auth"));
    m_auth->addItem(tr("Automatic (the strongest both sides offer)"), QStringLiteral("auto"));
    for (Pop3::Mechanism m : { Pop3::Mechanism::ScramSha256, Pop3::Mechanism::ScramSha1, Pop3::Mechanism::CramMd5,
             Pop3::Mechanism::Apop, Pop3::Mechanism::Plain, Pop3::Mechanism::Login, Pop3::Mechanism::UserPass,
             Pop3::Mechanism::XOAuth2, Pop3::Mechanism::OAuthBearer }) {
        const QString name = QString::fromLatin1(Pop3::mechanismName(m));
        m_auth->addItem(Pop3::isCleartextMechanism(m) ? tr("%1 (sends the password itself)").arg(name) : name, name);
    }
    serverForm->addRow(tr("&Authentication:"), m_auth);
    auto *caRow = new QHBoxLayout;
    m_caFile = new QLineEdit(serverPage);
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setPlaceholderText(tr("Only the system's certificate authorities"));
    m_chooseCaFile = new QPushButton(tr("C&hoose…"), serverPage);
    m_chooseCaFile->setObjectName(QStringLiteral("chooseCaFile"));
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_chooseCaFile);
    // A row holding a layout gets no buddy by itself: without one the
    // label would show its "&".
    auto *caLabel = new QLabel(tr("Also trust CAs &in:"), serverPage);
    caLabel->setBuddy(m_caFile);
    serverForm->addRow(caLabel, caRow);
    auto *pinRow = new QHBoxLayout;
    m_pinLabel = new QLabel(serverPage);
    m_pinLabel->setObjectName(QStringLiteral("pinnedFingerprint"));
    m_pinLabel->setTextFormat(Qt::PlainText);
    m_pinLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pinLabel->setWordWrap(true);
    m_forgetPin = new QPushButton(tr("&Forget"), serverPage);
    m_forgetPin->setObjectName(QStringLiteral("forgetPin"));
    m_forgetPin->setToolTip(tr("Stop trusting this certificate: the next connection asks again."));
    pinRow->addWidget(m_pinLabel, 1);
    pinRow->addWidget(m_forgetPin);
    serverForm->addRow(tr("Pinned certificate:"), pinRow);
    m_tabs->addTab(serverPage, tr("&Server"));

    // Outgoing
    auto *outgoingPage = new QWidget(this);
    outgoingPage->setObjectName(QStringLiteral("outgoingPage"));
    auto *outgoingForm = new QFormLayout(outgoingPage);
    outgoingForm->addRow(note(tr("Mail you write goes out through this server (SMTP submission). Leave the server "
                                 "empty to send nothing with this account."),
        outgoingPage));
    m_smtpHost = new QLineEdit(outgoingPage);
    m_smtpHost->setObjectName(QStringLiteral("smtpHost"));
    m_smtpHost->setPlaceholderText(tr("smtp.example.org"));
    outgoingForm->addRow(tr("Ser&ver:"), m_smtpHost);
    m_smtpPort = new QLineEdit(outgoingPage);
    m_smtpPort->setObjectName(QStringLiteral("smtpPort"));
    m_smtpPort->setMaxLength(5);
    outgoingForm->addRow(tr("Po&rt:"), m_smtpPort);
    m_smtpSecurity = new QComboBox(outgoingPage);
    m_smtpSecurity->setObjectName(QStringLiteral("smtpSecurity"));
    m_smtpSecurity->addItem(tr("TLS (encrypted from the start)"), int(Net::Security::ImplicitTls));
    m_smtpSecurity->addItem(tr("STARTTLS (encrypted after connecting)"), int(Net::Security::StartTls));
    m_smtpSecurity->addItem(tr("None (unencrypted)"), int(Net::Security::None));
    outgoingForm->addRow(tr("Securit&y:"), m_smtpSecurity);
    m_smtpInsecureWarning = note(tr("Without encryption, anyone on the way between you and the server can read your "
                                    "password and the mail you send, and change it."),
        outgoingPage);
    m_smtpInsecureWarning->setObjectName(QStringLiteral("smtpInsecureWarning"));
    outgoingForm->addRow(m_smtpInsecureWarning);
    m_smtpInsecureConsent
        = new QCheckBox(tr("I understand the risk and want to send without en&cryption"), outgoingPage);
    m_smtpInsecureConsent->setObjectName(QStringLiteral("smtpInsecureConsent"));
    outgoingForm->addRow(m_smtpInsecureConsent);
    m_smtpUser = new QLineEdit(outgoingPage);
    m_smtpUser->setObjectName(QStringLiteral("smtpUser"));
    m_smtpUser->setMaxLength(255);
    m_smtpUser->setPlaceholderText(tr("The account's login name"));
    outgoingForm->addRow(tr("Lo&gin name:"), m_smtpUser);
    m_smtpAuth = new QComboBox(outgoingPage);
    m_smtpAuth->setObjectName(QStringLiteral("smtpAuth"));
    m_smtpAuth->addItem(tr("Automatic (the strongest both sides offer)"), QStringLiteral("auto"));
    for (Sasl::Mechanism m : { Sasl::Mechanism::ScramSha256, Sasl::Mechanism::ScramSha1, Sasl::Mechanism::CramMd5,
             Sasl::Mechanism::Plain, Sasl::Mechanism::Login, Sasl::Mechanism::XOAuth2, Sasl::Mechanism::OAuthBearer }) {
        const QString name = QString::fromLatin1(Sasl::mechanismName(m));
        m_smtpAuth->addItem(Sasl::isCleartextMechanism(m) ? tr("%1 (sends the password itself)").arg(name) : name, name);
    }
    outgoingForm->addRow(tr("Au&thentication:"), m_smtpAuth);
    auto *smtpCaRow = new QHBoxLayout;
    m_smtpCaFile = new QLineEdit(outgoingPage);
    m_smtpCaFile->setObjectName(QStringLiteral("smtpCaFile"));
    m_smtpCaFile->setPlaceholderText(tr("Only the system's certificate authorities"));
    m_chooseSmtpCaFile = new QPushButton(tr("Choo&se…"), outgoingPage);
    m_chooseSmtpCaFile->setObjectName(QStringLiteral("chooseSmtpCaFile"));
    smtpCaRow->addWidget(m_smtpCaFile, 1);
    smtpCaRow->addWidget(m_chooseSmtpCaFile);
    auto *smtpCaLabel = new QLabel(tr("Also trust CAs i&n:"), outgoingPage);
    smtpCaLabel->setBuddy(m_smtpCaFile);
    outgoingForm->addRow(smtpCaLabel, smtpCaRow);
    auto *smtpPinRow = new QHBoxLayout;
    m_smtpPinLabel = new QLabel(outgoingPage);
    m_smtpPinLabel->setObjectName(QStringLiteral("smtpPinnedFingerprint"));
    m_smtpPinLabel->setTextFormat(Qt::PlainText);
    m_smtpPinLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_smtpPinLabel->setWordWrap(true);
    m_forgetSmtpPin = new QPushButton(tr("Forg&et"), outgoingPage);
    m_forgetSmtpPin->setObjectName(QStringLiteral("forgetSmtpPin"));
    m_forgetSmtpPin->setToolTip(tr("Stop trusting this certificate: sending fails until it is trusted again."));
    smtpPinRow->addWidget(m_smtpPinLabel, 1);
    smtpPinRow->addWidget(m_forgetSmtpPin);
    outgoingForm->addRow(tr("Pinned certificate:"), smtpPinRow);
    m_smtpOwnPassword = new QCheckBox(tr("This server has its own pass&word"), outgoingPage);
    m_smtpOwnPassword->setObjectName(QStringLiteral("smtpOwnPassword"));
    outgoingForm->addRow(m_smtpOwnPassword);
    m_smtpPassword = new QLineEdit(outgoingPage);
    m_smtpPassword->setObjectName(QStringLiteral("smtpPassword"));
    m_smtpPassword->setEchoMode(QLineEdit::Password);
    outgoingForm->addRow(tr("Its passwor&d:"), m_smtpPassword);
    m_smtpConfirm = new QLineEdit(outgoingPage);
    m_smtpConfirm->setObjectName(QStringLiteral("smtpConfirmPassword"));
    m_smtpConfirm->setEchoMode(QLineEdit::Password);
    outgoingForm->addRow(tr("Repe&at it:"), m_smtpConfirm);
    m_tabs->addTab(outgoingPage, tr("Ou&tgoing"));

    // Password
    auto *passwordPage = new QWidget(this);
    passwordPage->setObjectName(QStringLiteral("passwordPage"));
    auto *passwordForm = new QFormLayout(passwordPage);
    passwordForm->addRow(note(tr("Poplar keeps the password in the system keychain, never in its own files. Leave "
                                 "these fields empty to keep the saved password."),
        passwordPage));
    m_password = new QLineEdit(passwordPage);
    m_password->setObjectName(QStringLiteral("newPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    passwordForm->addRow(tr("&New password:"), m_password);
    m_confirm = new QLineEdit(passwordPage);
    m_confirm->setObjectName(QStringLiteral("confirmPassword"));
    m_confirm->setEchoMode(QLineEdit::Password);
    passwordForm->addRow(tr("&Repeat it:"), m_confirm);
    m_passwordStatus = note(QString(), passwordPage);
    m_passwordStatus->setObjectName(QStringLiteral("passwordStatus"));
    passwordForm->addRow(m_passwordStatus);
    m_tabs->addTab(passwordPage, tr("&Password"));

    // Policy
    auto *policyPage = new QWidget(this);
    policyPage->setObjectName(QStringLiteral("policyPage"));
    auto *policyForm = new QFormLayout(policyPage);
    m_leaveOnServer = new QCheckBox(tr("&Leave mail on the server after downloading it"), policyPage);
    m_leaveOnServer->setObjectName(QStringLiteral("leaveOnServer"));
    policyForm->addRow(m_leaveOnServer);
    m_keepDays = limitBox(policyPage, QStringLiteral("keepDays"), Limits::MaxKeepDays, tr(" days"));
    policyForm->addRow(tr("Delete from the server &after:"), m_keepDays);
    m_keepCount = limitBox(policyPage, QStringLiteral("keepCount"), Limits::MaxKeepCount, tr(" messages"));
    policyForm->addRow(tr("Keep at &most:"), m_keepCount);
    m_keepMb = limitBox(policyPage, QStringLiteral("keepMb"), Limits::MaxKeepMegabytes, tr(" MB"));
    policyForm->addRow(tr("Keep at most (si&ze):"), m_keepMb);
    m_deleteWhenDeletedLocally
        = new QCheckBox(tr("Delete from the server when I &delete it here (leaving Trash)"), policyPage);
    m_deleteWhenDeletedLocally->setObjectName(QStringLiteral("deleteWhenDeletedLocally"));
    policyForm->addRow(m_deleteWhenDeletedLocally);
    policyForm->addRow(note(tr("With limits, the oldest messages leave the server first; any limit reached is "
                               "enough. A message is deleted on the server only once it is saved here."),
        policyPage));
    m_sizeLimit = limitBox(policyPage, QStringLiteral("sizeLimit"), Limits::MaxSizeLimitKb, tr(" KB"));
    m_sizeLimit->setToolTip(tr("Bigger messages are stored as headers and first lines; the rest can be "
                               "downloaded later."));
    policyForm->addRow(tr("Only headers of messages o&ver:"), m_sizeLimit);
    m_interval = new QSpinBox(policyPage);
    m_interval->setObjectName(QStringLiteral("interval"));
    m_interval->setRange(Limits::MinIntervalMinutes, Limits::MaxIntervalMinutes);
    m_interval->setSuffix(tr(" minutes"));
    policyForm->addRow(tr("Check for mail &every:"), m_interval);
    m_loginDelayNote = note(QString(), policyPage);
    m_loginDelayNote->setObjectName(QStringLiteral("loginDelayNote"));
    policyForm->addRow(m_loginDelayNote);
    m_uidlFallback
        = new QCheckBox(tr("On a server without UIDL, recognise messages by &Message-ID, size and date"), policyPage);
    m_uidlFallback->setObjectName(QStringLiteral("uidlFallback"));
    m_uidlFallback->setToolTip(tr("Lets Poplar leave mail on such a server; a message without a Message-ID may "
                                  "then be downloaded twice."));
    policyForm->addRow(m_uidlFallback);
    m_tabs->addTab(policyPage, tr("P&olicy"));

    // Diagnostics
    m_diagnostics = new AccountDiagnostics(m_store, *m_keychain, this);
    m_tabs->addTab(m_diagnostics, tr("&Diagnostics"));
    connect(m_diagnostics, &AccountDiagnostics::aboutToRun, this, [this] {
        m_diagnostics->setAccount(editedAccount());
        const QString typed = m_password->text();
        m_diagnostics->setTestPassword(
            Poplar::Secret(!typed.isEmpty() && typed == m_confirm->text() ? typed.toUtf8() : QByteArray()));
    });
    // Fetches may have ended since the dialog opened.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_diagnostics && !m_diagnostics->isBusy())
            m_diagnostics->reloadHistory();
    });
    connect(m_diagnostics, &AccountDiagnostics::certificatePinned, this, [this](const QByteArray &sha256) {
        // A pin stands in for a CA file that did not vouch for the server.
        m_pin = sha256;
        m_caFile->clear();
        updatePin();
    });

    m_error = note(QString(), this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    m_error->hide();
    layout->addWidget(m_error);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AccountSettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_security, &QComboBox::currentIndexChanged, this, &AccountSettingsDialog::updateSecurity);
    connect(m_leaveOnServer, &QCheckBox::toggled, this, &AccountSettingsDialog::updatePolicy);
    connect(m_interval, &QSpinBox::valueChanged, this, &AccountSettingsDialog::updateLoginDelayNote);
    connect(m_chooseCaFile, &QPushButton::clicked, this, &AccountSettingsDialog::chooseCaFile);
    connect(m_forgetPin, &QPushButton::clicked, this, [this] {
        m_pin.clear();
        updatePin();
    });
    connect(m_smtpSecurity, &QComboBox::currentIndexChanged, this, &AccountSettingsDialog::updateOutgoing);
    connect(m_smtpHost, &QLineEdit::textChanged, this, &AccountSettingsDialog::updateOutgoing);
    connect(m_smtpOwnPassword, &QCheckBox::toggled, this, &AccountSettingsDialog::updateOutgoing);
    connect(m_chooseSmtpCaFile, &QPushButton::clicked, this, [this] {
        const QString start
            = m_smtpCaFile->text().isEmpty() ? QString() : QFileInfo(m_smtpCaFile->text()).absolutePath();
        const QString file = QFileDialog::getOpenFileName(
            this, tr("CA Certificates to Trust"), start, tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_smtpCaFile->setText(file);
    });
    connect(m_forgetSmtpPin, &QPushButton::clicked, this, [this] {
        m_smtpPin.clear();
        updateSmtpPin();
    });
}

void AccountSettingsDialog::load(const Account &a)
{
    setWindowTitle(tr("Settings of %1").arg(a.name));
    m_name->setText(a.name);
    m_email->setText(a.email);
    m_displayName->setText(a.displayName);
    m_enabled->setChecked(a.enabled);
    m_folder->clear();
    m_folder->addItem(tr("This account's Inbox"), qint64(0));
    if (auto folders = m_store.folders()) {
        for (const Store::Folder &f : std::as_const(folders.value())) {
            // Local folders; and whatever else the account was told to use
            // (poplar-cli account edit --folder takes any folder).
            if (f.kind == Store::FolderKind::Local || (a.targetFolderId && f.id == a.targetFolderId))
                m_folder->addItem(f.path, f.id);
        }
    }
    const int folderIndex = m_folder->findData(a.targetFolderId);
    if (folderIndex < 0)  // a folder that no longer exists: the Inbox
        m_folder->setCurrentIndex(0);
    else
        m_folder->setCurrentIndex(folderIndex);

    m_host->setText(a.host);
    m_port->setText(a.port ? QString::number(a.port) : QString());
    m_security->setCurrentIndex(m_security->findData(int(a.security)));
    m_insecureConsent->setChecked(a.security == Net::Security::None && a.insecureConsent);
    m_user->setText(a.user);
    int authIndex = 0;
    const auto mechanism = Pop3::mechanismFromName(a.auth.toLatin1());
    for (int i = 1; i < m_auth->count(); ++i) {
        if (mechanism && Pop3::mechanismFromName(m_auth->itemData(i).toString().toLatin1()) == mechanism)
            authIndex = i;
    }
    m_auth->setCurrentIndex(authIndex);
    m_caFile->setText(a.caFile);
    m_pin = a.pinnedSha256;

    m_smtpHost->setText(a.smtp.host);
    m_smtpPort->setText(a.smtp.port ? QString::number(a.smtp.port) : QString());
    m_smtpSecurity->setCurrentIndex(m_smtpSecurity->findData(int(a.smtp.security)));
    m_smtpInsecureConsent->setChecked(a.smtp.security == Net::Security::None && a.smtp.insecureConsent);
    m_smtpUser->setText(a.smtp.user);
    int smtpAuthIndex = 0;
    const auto smtpMechanism = Sasl::mechanismFromName(a.smtp.auth.toLatin1());
    for (int i = 1; i < m_smtpAuth->count(); ++i) {
        if (smtpMechanism && Sasl::mechanismFromName(m_smtpAuth->itemData(i).toString().toLatin1()) == smtpMechanism)
            smtpAuthIndex = i;
    }
    m_smtpAuth->setCurrentIndex(smtpAuthIndex);
    m_smtpCaFile->setText(a.smtp.caFile);
    m_smtpPin = a.smtp.pinnedSha256;
    m_smtpOwnPassword->setChecked(a.smtp.separateLogin);

    m_leaveOnServer->setChecked(a.policy.leaveOnServer);
    m_keepDays->setValue(a.policy.keepDays);
    m_keepCount->setValue(a.policy.keepCount);
    m_keepMb->setValue(a.policy.keepMegabytes);
    m_deleteWhenDeletedLocally->setChecked(a.policy.deleteWhenDeletedLocally);
    m_sizeLimit->setValue(a.policy.sizeLimitKb);
    m_interval->setValue(a.intervalMinutes);
    m_uidlFallback->setChecked(a.uidlFallbackAccepted);

    m_diagnostics->setAccount(a);
    updateSecurity();
    updatePolicy();
    updatePin();
    updateOutgoing();
    updateSmtpPin();
    updateLoginDelayNote();
}

Account AccountSettingsDialog::editedAccount() const
{
    Account a = m_original;
    if (!m_loaded)
        return a;
    a.name = m_name->text().trimmed();
    a.email = m_email->text().trimmed();
    a.displayName = m_displayName->text().trimmed();
    a.enabled = m_enabled->isChecked();
    a.targetFolderId = m_folder->currentData().toLongLong();
    a.host = m_host->text().trimmed();
    bool ok = false;
    const QString portText = m_port->text().trimmed();
    const int port = portText.isEmpty() ? 0 : portText.toInt(&ok);
    if (portText.isEmpty() || (ok && port >= 0 && port <= 65535))
        a.port = quint16(port);
    a.security = Net::Security(m_security->currentData().toInt());
    a.insecureConsent = a.security == Net::Security::None && m_insecureConsent->isChecked();
    a.user = m_user->text().trimmed();
    a.auth = m_auth->currentData().toString();
    const QString ca = m_caFile->text().trimmed();
    a.caFile = ca.isEmpty() ? QString() : QFileInfo(ca).absoluteFilePath();
    a.pinnedSha256 = m_pin;
    a.smtp.host = m_smtpHost->text().trimmed();
    const QString smtpPortText = m_smtpPort->text().trimmed();
    const int smtpPort = smtpPortText.isEmpty() ? 0 : smtpPortText.toInt(&ok);
    if (smtpPortText.isEmpty() || (ok && smtpPort >= 0 && smtpPort <= 65535))
        a.smtp.port = quint16(smtpPort);
    a.smtp.security = Net::Security(m_smtpSecurity->currentData().toInt());
    a.smtp.insecureConsent = a.smtp.security == Net::Security::None && m_smtpInsecureConsent->isChecked();
    a.smtp.user = m_smtpUser->text().trimmed();
    a.smtp.auth = m_smtpAuth->currentData().toString();
    const QString smtpCa = m_smtpCaFile->text().trimmed();
    a.smtp.caFile = smtpCa.isEmpty() ? QString() : QFileInfo(smtpCa).absoluteFilePath();
    a.smtp.pinnedSha256 = m_smtpPin;
    // Its own password counts once it is in the keychain (save() writes it
    // first); unticking goes back to the account's at once.
    a.smtp.separateLogin = m_original.smtp.separateLogin && m_smtpOwnPassword->isChecked() && a.smtp.isSet();
    // No server: none of its settings are kept (nor checked), whatever the
    // disabled fields still show.
    if (!a.smtp.isSet())
        a.smtp = Accounts::OutgoingServer {};
    a.policy.leaveOnServer = m_leaveOnServer->isChecked();
    // Without leave-on-server the limits do not apply (every message goes
    // right after its download): they are not kept.
    a.policy.keepDays = a.policy.leaveOnServer ? m_keepDays->value() : 0;
    a.policy.keepCount = a.policy.leaveOnServer ? m_keepCount->value() : 0;
    a.policy.keepMegabytes = a.policy.leaveOnServer ? m_keepMb->value() : 0;
    a.policy.deleteWhenDeletedLocally = a.policy.leaveOnServer && m_deleteWhenDeletedLocally->isChecked();
    a.policy.sizeLimitKb = m_sizeLimit->value();
    a.intervalMinutes = m_interval->value();
    a.uidlFallbackAccepted = m_uidlFallback->isChecked();
    return a;
}

QString AccountSettingsDialog::problem(QWidget **field) const
{
    QWidget *dummy = nullptr;
    QWidget *&at = field ? *field : dummy;
    at = nullptr;
    if (!m_loaded)
        return tr("The account's settings could not be read.");
    const Account a = editedAccount();

    // What the account's own rules say (the CLI's as well), in field order.
    if (const std::optional<AccountRule> rule = a.brokenRule()) {
        switch (*rule) {
        case AccountRule::Name:
            at = m_name;
            return tr("An account name needs 1 to 255 characters without \"/\", and cannot be \"Local\" or "
                      "\"Trash\".");
        case AccountRule::Email:
            at = m_email;
            return a.email.isEmpty() ? tr("Enter the account's email address.")
                                     : tr("\"%1\" is not an email address.").arg(a.email);
        case AccountRule::Host:
            at = m_host;
            return a.host.isEmpty() ? tr("Enter the server's name, such as pop.example.org.")
                                    : tr("\"%1\" is not a server name (no spaces or slashes).").arg(a.host);
        case AccountRule::InsecureConsent:
            at = m_insecureConsent;
            return tr("A connection without encryption needs your explicit consent: tick the box under Security, or "
                      "choose TLS or STARTTLS.");
        case AccountRule::Mechanism: at = m_auth; return tr("Unknown authentication mechanism: %1").arg(a.auth);
        case AccountRule::User: at = m_user; return tr("Enter a login name of 1 to 255 characters.");
        case AccountRule::EitherCaFileOrPin:
            at = m_caFile;
            return tr("Trust either the CA file or the pinned certificate, not both: clear the CA file or forget "
                      "the pinned certificate.");
        case AccountRule::Fingerprint:
            at = m_forgetPin;
            return tr("The pinned certificate's fingerprint is damaged. Forget it and test the connection again.");
        case AccountRule::NegativeLimit:
        case AccountRule::LimitOutOfRange:
            at = m_keepDays;
            return tr("A limit of what stays on the server is out of range.");
        case AccountRule::LimitsNeedLeaveOnServer:
            at = m_leaveOnServer;
            return tr("Limits and deleting with the local copy need \"Leave mail on the server\".");
        case AccountRule::Interval: at = m_interval; return tr("Check for mail every 1 minute to 7 days.");
        case AccountRule::Folder: at = m_folder; return tr("Choose the folder to deliver mail to.");
        }
    }
    // The CLI's checks of what the account cannot tell by itself.
    bool ok = false;
    const QString portText = m_port->text().trimmed();
    const int port = portText.toInt(&ok);
    if (!portText.isEmpty() && (!ok || port < 0 || port > 65535)) {
        at = m_port;
        return tr("The port must be a number from 0 to 65535 (empty or 0: the default for the security chosen).");
    }
    if (!a.caFile.isEmpty() && !Accounts::checkCaFile(a.caFile)) {
        at = m_caFile;
        return tr("No PEM certificate could be read from %1.").arg(a.caFile);
    }
    if (const std::optional<Accounts::OutgoingRule> rule = a.smtp.brokenRule()) {
        switch (*rule) {
        case Accounts::OutgoingRule::Host:
            at = m_smtpHost;
            return tr("\"%1\" is not a server name (no spaces or slashes).").arg(a.smtp.host);
        case Accounts::OutgoingRule::InsecureConsent:
            at = m_smtpInsecureConsent;
            return tr("Sending without encryption needs your explicit consent: tick the box under Security on the "
                      "Outgoing page, or choose TLS or STARTTLS.");
        case Accounts::OutgoingRule::Mechanism:
            at = m_smtpAuth;
            return tr("Unknown authentication mechanism: %1").arg(a.smtp.auth);
        case Accounts::OutgoingRule::User: at = m_smtpUser; return tr("Enter a login name of 1 to 255 characters.");
        case Accounts::OutgoingRule::EitherCaFileOrPin:
            at = m_smtpCaFile;
            return tr("Trust either the CA file or the pinned certificate, not both: clear the CA file or forget "
                      "the pinned certificate.");
        case Accounts::OutgoingRule::Fingerprint:
            at = m_forgetSmtpPin;
            return tr("The pinned certificate's fingerprint is damaged. Forget it and test the connection again.");
        }
    }
    const QString smtpPortText = m_smtpPort->text().trimmed();
    const int smtpPort = smtpPortText.toInt(&ok);
    if (a.smtp.isSet() && !smtpPortText.isEmpty() && (!ok || smtpPort < 0 || smtpPort > 65535)) {
        at = m_smtpPort;
        return tr("The port must be a number from 0 to 65535 (empty or 0: the default for the security chosen).");
    }
    if (!a.smtp.caFile.isEmpty() && !Accounts::checkCaFile(a.smtp.caFile)) {
        at = m_smtpCaFile;
        return tr("No PEM certificate could be read from %1.").arg(a.smtp.caFile);
    }
    if (a.smtp.isSet() && m_smtpOwnPassword->isChecked()) {
        if (m_smtpPassword->text() != m_smtpConfirm->text()) {
            at = m_smtpConfirm;
            return tr("The outgoing server's two passwords differ. Type its password twice.");
        }
        if (!m_original.smtp.separateLogin && m_smtpPassword->text().isEmpty()) {
            at = m_smtpPassword;
            return tr("Enter the outgoing server's own password (twice), or untick \"This server has its own "
                      "password\".");
        }
    }
    if (auto all = Accounts::AccountStore(m_store).list()) {
        for (const Account &other : std::as_const(all.value())) {
            if (other.id != a.id && other.name.compare(a.name, Qt::CaseInsensitive) == 0) {
                at = m_name;
                return tr("Another account is already called \"%1\".").arg(other.name);
            }
        }
    }
    if (m_password->text() != m_confirm->text()) {
        at = m_confirm;
        return tr("The two passwords differ. Type the new password twice.");
    }
    return {};
}

QString AccountSettingsDialog::errorText() const
{
    return m_error && !m_error->isHidden() ? m_error->text() : QString();
}

void AccountSettingsDialog::setPasswordQuestion(AccountDiagnostics::PasswordQuestion question)
{
    if (m_diagnostics)
        m_diagnostics->setPasswordQuestion(std::move(question));
}

void AccountSettingsDialog::setCertificateQuestion(AccountDiagnostics::CertificateQuestion question)
{
    if (m_diagnostics)
        m_diagnostics->setCertificateQuestion(std::move(question));
}

void AccountSettingsDialog::showError(const QString &text, QWidget *field)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    if (!field)
        return;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->widget(i)->isAncestorOf(field))
            m_tabs->setCurrentIndex(i);
    }
    field->setFocus(Qt::OtherFocusReason);
}

bool AccountSettingsDialog::save()
{
    if (!m_loaded || m_saving)
        return false;
    QWidget *field = nullptr;
    if (const QString why = problem(&field); !why.isEmpty()) {
        showError(why, field);
        return false;
    }
    const Account edited = editedAccount();
    auto run = std::make_shared<KeychainRun>();
    if (!(edited == m_original)) {
        if (auto st = Accounts::AccountStore(m_store).update(edited); !st) {
            showError(tr("The settings were not saved. %1").arg(errorMessage(st.error())));
            return false;
        }
        // Its own password given up: the keychain entry goes after the save.
        if (m_original.smtp.separateLogin && !edited.smtp.separateLogin)
            m_removeSmtpPassword = true;
        m_original = edited;
        setWindowTitle(tr("Settings of %1").arg(edited.name));
        run->accountChanged = true;
    }
    showError(QString());
    if (!m_password->text().isEmpty())
        run->steps.push_back({ edited.credentialKey, Poplar::Secret(m_password->text().toUtf8()), false });
    const bool own = edited.smtp.isSet() && m_smtpOwnPassword->isChecked();
    if (own && !m_smtpPassword->text().isEmpty()) {
        run->steps.push_back({ edited.smtpCredentialKey(), Poplar::Secret(m_smtpPassword->text().toUtf8()), true });
        m_removeSmtpPassword = false;  // a new one takes the old one's place
    }
    else if (!own && m_removeSmtpPassword)
        run->steps.push_back({ edited.smtpCredentialKey(), std::nullopt, true });
    m_saving = true;
    m_buttons->setEnabled(false);
    if (!run->steps.empty())
        m_passwordStatus->setText(tr("Saving the password in the keychain…"));
    runKeychainSteps(run);
    return true;
}

void AccountSettingsDialog::runKeychainSteps(KeychainRunPtr run)
{
    if (run->steps.empty()) {
        finishKeychainSteps(run);
        return;
    }
    KeychainStep step = std::move(run->steps.front());
    run->steps.pop_front();
    const bool outgoing = step.outgoing;
    const bool removing = !step.secret;
    QPointer<AccountSettingsDialog> self(this);
    auto done = [self, run, outgoing, removing](Poplar::Status st) {
        if (!self)
            return;
        if (removing && !st && st.code() == ErrorCode::CredentialNotStored)
            st = Poplar::Status();  // already gone
        self->keychainStepDone(run, outgoing, removing, st);
        self->runKeychainSteps(run);
    };
    if (!m_keychain) {
        QTimer::singleShot(0, this, [done]() mutable { done(Poplar::Error(ErrorCode::KeychainUnavailable)); });
        return;
    }
    if (step.secret)
        m_keychain->write(step.key, std::move(*step.secret), done);
    else
        m_keychain->remove(step.key, done);
}

void AccountSettingsDialog::keychainStepDone(
    const KeychainRunPtr &run, bool outgoing, bool removing, const Poplar::Status &st)
{
    auto fail = [&](const Poplar::Error &error, const QString &summary, QWidget *field) {
        if (!run->failure) {
            run->failure = error;
            run->failureSummary = summary;
            run->failureField = field;
        }
    };
    if (!outgoing) {
        if (st) {
            m_password->clear();
            m_confirm->clear();
            Q_EMIT passwordChanged(m_original.id);
            run->notes << tr("The new password is saved in the system keychain.");
            return;
        }
        const bool noKeychain = st.code() == ErrorCode::KeychainUnavailable || st.code() == ErrorCode::KeychainLocked;
        run->notes << (noKeychain ? tr("No keychain is usable, so the password was not saved. %1 Poplar asks for the "
                                       "password when it fetches mail and keeps it in memory until it quits.")
                                        .arg(errorMessage(st.error()))
                                  : tr("The password was not saved. %1").arg(errorMessage(st.error())));
        fail(st.error(), tr("The settings are saved, but not the new password."), m_password);
        return;
    }
    if (removing) {
        if (st) {
            m_removeSmtpPassword = false;
            run->notes << tr("The outgoing server's own password is removed from the keychain.");
        } else {
            // m_removeSmtpPassword stays set: the next save tries again.
            run->notes << tr("The outgoing server's old password could not be removed from the keychain. %1")
                              .arg(errorMessage(st.error()));
            fail(st.error(), tr("The settings are saved, but the outgoing server's old password is still in the keychain."),
                m_smtpOwnPassword);
        }
        return;
    }
    if (!st) {
        run->notes << tr("The outgoing server's password was not saved. %1").arg(errorMessage(st.error()));
        fail(st.error(), tr("The settings are saved, but not the outgoing server's password."), m_smtpPassword);
        return;
    }
    // Only now does the account say its outgoing server has a password of
    // its own: the entry is there. The account is read again and only that
    // changes, whatever else changed since the save began.
    Accounts::AccountStore accounts(m_store);
    auto current = accounts.byId(m_original.id);
    if (!current) {
        run->notes << tr("The outgoing server's password is in the keychain, but the account could not be read. %1")
                          .arg(errorMessage(current.error()));
        fail(current.error(),
            tr("The settings are saved, but the account does not use the outgoing server's own password yet. %1")
                .arg(errorMessage(current.error())),
            m_smtpOwnPassword);
        return;
    }
    Account account = current.value();
    if (!account.smtp.separateLogin) {
        account.smtp.separateLogin = true;
        if (auto saved = accounts.update(account); !saved) {
            run->notes << tr("The outgoing server's password is in the keychain, but the account could not be "
                             "changed to use it. %1")
                              .arg(errorMessage(saved.error()));
            fail(saved.error(),
                tr("The settings are saved, but the account does not use the outgoing server's own password yet. %1")
                    .arg(errorMessage(saved.error())),
                m_smtpOwnPassword);
            return;
        }
        run->accountChanged = true;
    }
    m_original = account;
    m_smtpPassword->clear();
    m_smtpConfirm->clear();
    run->notes << tr("The outgoing server's password is saved in the system keychain.");
}

void AccountSettingsDialog::finishKeychainSteps(const KeychainRunPtr &run)
{
    if (!run->notes.isEmpty())
        m_passwordStatus->setText(run->notes.join(QLatin1Char(' ')));
    if (run->accountChanged) {
        m_diagnostics->setAccount(m_original);
        updateOutgoing();
        Q_EMIT accountChanged(m_original.id);
    }
    if (run->failure) {
        showError(run->failureSummary, run->failureField);
        finishSave(run->failure, false);
        return;
    }
    finishSave(Poplar::Error(), m_closeWhenSaved);
}

void AccountSettingsDialog::finishSave(const Poplar::Error &error, bool close)
{
    m_saving = false;
    m_closeWhenSaved = false;
    m_buttons->setEnabled(true);
    Q_EMIT saveFinished(error);
    if (close && !error)
        QDialog::accept();
}

void AccountSettingsDialog::done(int result)
{
    // Not while a save is writing to the keychain: its steps decide.
    if (!m_saving && m_removeSmtpPassword && m_keychain && !m_original.smtp.separateLogin) {
        m_removeSmtpPassword = false;
        m_keychain->remove(m_original.smtpCredentialKey(), [](const Poplar::Status &) { });
    }
    QDialog::done(result);
}

void AccountSettingsDialog::accept()
{
    if (!m_loaded) {
        reject();
        return;
    }
    m_closeWhenSaved = true;
    if (!save())
        m_closeWhenSaved = false;
}

void AccountSettingsDialog::updateSecurity()
{
    const auto security = Net::Security(m_security->currentData().toInt());
    m_port->setPlaceholderText(tr("Default (%1)").arg(Pop3::defaultPort(security)));
    const bool none = security == Net::Security::None;
    m_insecureWarning->setVisible(none);
    m_insecureConsent->setVisible(none);
    if (!none)
        m_insecureConsent->setChecked(false);
}

void AccountSettingsDialog::updateOutgoing()
{
    const auto security = Net::Security(m_smtpSecurity->currentData().toInt());
    m_smtpPort->setPlaceholderText(tr("Default (%1)").arg(Smtp::defaultPort(security)));
    const bool none = security == Net::Security::None;
    m_smtpInsecureWarning->setVisible(none);
    m_smtpInsecureConsent->setVisible(none);
    if (!none)
        m_smtpInsecureConsent->setChecked(false);
    const bool set = !m_smtpHost->text().trimmed().isEmpty();
    for (QWidget *w : std::initializer_list<QWidget *> { m_smtpPort, m_smtpSecurity, m_smtpInsecureConsent, m_smtpUser,
             m_smtpAuth, m_smtpCaFile, m_chooseSmtpCaFile, m_smtpOwnPassword })
        w->setEnabled(set);
    const bool own = set && m_smtpOwnPassword->isChecked();
    m_smtpPassword->setEnabled(own);
    m_smtpConfirm->setEnabled(own);
    m_smtpPassword->setPlaceholderText(
        own && m_original.smtp.separateLogin ? tr("Leave empty to keep the saved one") : QString());
    updateSmtpPin();
}

void AccountSettingsDialog::updateSmtpPin()
{
    m_smtpPinLabel->setText(m_smtpPin.isEmpty() ? tr("None") : Net::formatFingerprint(m_smtpPin));
    m_forgetSmtpPin->setEnabled(!m_smtpPin.isEmpty());
}

void AccountSettingsDialog::updatePolicy()
{
    const bool leave = m_leaveOnServer->isChecked();
    for (QWidget *w :
        std::initializer_list<QWidget *> { m_keepDays, m_keepCount, m_keepMb, m_deleteWhenDeletedLocally })
        w->setEnabled(leave);
}

void AccountSettingsDialog::updatePin()
{
    m_pinLabel->setText(m_pin.isEmpty() ? tr("None") : Net::formatFingerprint(m_pin));
    m_forgetPin->setEnabled(!m_pin.isEmpty());
}

void AccountSettingsDialog::updateLoginDelayNote()
{
    const int minutes = (m_loginDelaySeconds + 59) / 60;
    const bool raised = m_loginDelaySeconds > 0 && minutes > m_interval->value();
    m_loginDelayNote->setText(raised ? tr("The server allows a login only every %n minute(s), so Poplar checks this "
                                          "account no more often than that.",
                                  nullptr, minutes)
                                     : QString());
    m_loginDelayNote->setVisible(raised);
}

void AccountSettingsDialog::chooseCaFile()
{
    const QString start = m_caFile->text().isEmpty() ? QString() : QFileInfo(m_caFile->text()).absolutePath();
    const QString file = QFileDialog::getOpenFileName(
        this, tr("CA Certificates to Trust"), start, tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty())
        m_caFile->setText(file);
}

}  // namespace Poplar::Ui
