#include "actions/FetchActions.h"

#include "actions/Prompts.h"
#include "fetch/MailFetcher.h"
#include "store/Store.h"
#include "text/ErrorText.h"
#include "widgets/AccountSettingsDialog.h"
#include "widgets/FetchStatus.h"
#include "widgets/PlainText.h"
#include "wizard/AccountWizard.h"

#include <QAction>
#include <QCryptographicHash>
#include <QDir>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>

#include <algorithm>

namespace Poplar::Ui {

namespace {

// Per profile: the setup assistant opened by itself once already.
const QString kWizardOffered = QStringLiteral("setup/wizardOffered/%1");

// Names of accounts in menus: a '&' is a letter, not a shortcut mark.
QString menuText(QString name)
{
    return name.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

}  // namespace

FetchActions::FetchActions(QMainWindow *window, Store::MailStore *store, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_store(store)
{
    m_getMail = new QAction(tr("&Get Mail"), window);
    m_getMail->setObjectName(QStringLiteral("getMail"));
    m_getMail->setShortcuts({ QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_T) });
    m_getMail->setIcon(QIcon::fromTheme(QStringLiteral("mail-receive")));
    m_getMail->setToolTip(tr("Get new mail for every account"));
    m_getMail->setEnabled(false);  // with a fetcher
    window->addAction(m_getMail);
    connect(m_getMail, &QAction::triggered, this, &FetchActions::getMail);
    m_getMailMenu = new QMenu(tr("Get Mail &From"), window);
    m_getMailMenu->setObjectName(QStringLiteral("getMailMenu"));
    m_getMailMenu->setEnabled(false);
    connect(m_getMailMenu, &QMenu::aboutToShow, this, &FetchActions::updateGetMailMenu);
    m_addAccount = new QAction(tr("&Add Account…"), window);
    m_addAccount->setObjectName(QStringLiteral("addAccount"));
    m_addAccount->setEnabled(false);
    window->addAction(m_addAccount);
    connect(m_addAccount, &QAction::triggered, this, &FetchActions::addAccount);
    m_accountsMenu = new QMenu(tr("Account &Settings"), window);
    m_accountsMenu->setObjectName(QStringLiteral("accountSettingsMenu"));
    m_accountsMenu->setEnabled(false);
    connect(m_accountsMenu, &QMenu::aboutToShow, this, &FetchActions::updateAccountsMenu);
}

QString FetchActions::outboxText(const Sync::OutboxSender::Report &report)
{
    QStringList parts;
    if (!report.sent.isEmpty())
        parts << tr("Sent %n message(s).", nullptr, int(report.sent.size()));
    if (!report.failed.isEmpty())
        parts << tr("The outgoing server refused %n message(s); they wait in the outbox.", nullptr,
            int(report.failed.size()));
    // Put back after a temporary refusal; a broken connection says so below.
    if (!report.retried.isEmpty() && !report.error)
        parts << tr("The outgoing server could not take %n message(s) now; Poplar tries again later.", nullptr,
            int(report.retried.size()));
    if (!report.inDoubt.isEmpty())
        parts << tr("%n message(s) may have been sent: the connection ended before the server confirmed. Poplar "
                    "does not send them again without asking.",
            nullptr, int(report.inDoubt.size()));
    if (report.error && report.error->code != Poplar::ErrorCode::SendRunning
        && report.error->code != Poplar::ErrorCode::Cancelled)
        parts << tr("Mail in the outbox could not be sent now: %1").arg(errorMessage(*report.error));
    return parts.join(QLatin1Char(' '));
}

void FetchActions::outboxFinished(qint64, const Sync::OutboxSender::Report &report)
{
    if (!report.sent.isEmpty() || !report.inDoubt.isEmpty())
        Q_EMIT messagesSent();
    if (const QString text = outboxText(report); !text.isEmpty())
        m_window->statusBar()->showMessage(text, 15000);
}

void FetchActions::setFetcher(MailFetcher *fetcher)
{
    m_fetcher = fetcher;
    m_getMail->setEnabled(fetcher);
    m_getMailMenu->setEnabled(fetcher);
    m_addAccount->setEnabled(fetcher);
    m_accountsMenu->setEnabled(fetcher);
    if (!fetcher)
        return;
    m_fetchStatus = new FetchStatus(fetcher, m_window);
    m_window->statusBar()->addPermanentWidget(m_fetchStatus);
    connect(m_fetchStatus, &FetchStatus::errorClicked, this, &FetchActions::showFetchError);
    connect(m_fetchStatus, &FetchStatus::incompleteClicked, this, &FetchActions::showIncomplete);
    connect(fetcher, &MailFetcher::loginDelayHolds, this, &FetchActions::askLoginDelay);
    connect(fetcher, &MailFetcher::remoteFinished, this, &FetchActions::remoteFinished);
    // Questions wait for the user in a dialog: asked from the event loop,
    // not from inside the scheduler's signals, so other accounts' news keeps
    // arriving meanwhile.
    connect(fetcher, &MailFetcher::certificateProblem, this, &FetchActions::askCertificate, Qt::QueuedConnection);
    connect(fetcher, &MailFetcher::passwordNeeded, this, &FetchActions::askForPassword, Qt::QueuedConnection);
    connect(fetcher, &MailFetcher::outboxFinished, this, &FetchActions::outboxFinished);
    connect(fetcher, &MailFetcher::keychainFailed, this, [this](qint64, const Poplar::Error &error) {
        m_window->statusBar()->showMessage(
            tr("The password could not be saved in the keychain (%1); it is used until Poplar quits.")
                .arg(errorMessage(error)),
            10000);
    });
}

void FetchActions::downloadRest(qint64 messageId)
{
    if (!m_fetcher)
        return;
    m_window->statusBar()->showMessage(tr("Downloading the rest of the message…"));
    m_fetcher->runRemote(messageId, Sync::RemoteAction::DownloadRest);
}

void FetchActions::deleteFromServer(qint64 messageId)
{
    if (!m_fetcher)
        return;
    // The reading pane asked already (and said what a partial message loses).
    m_window->statusBar()->showMessage(tr("Deleting the message from the server…"));
    m_fetcher->runRemote(messageId, Sync::RemoteAction::DeleteFromServer);
}

void FetchActions::remoteFinished(qint64 messageId, Sync::RemoteAction action, const Sync::RemoteReport &report)
{
    QStatusBar *status = m_window->statusBar();
    status->clearMessage();
    if (report.error.code != ErrorCode::None) {
        Q_EMIT errorOccurred(report.error);
        return;
    }
    if (action == Sync::RemoteAction::DownloadRest) {
        Q_EMIT messageCompleted(messageId);
        status->showMessage(tr("The whole message is here now."), 5000);
    } else if (report.deletionUnknown) {
        status->showMessage(
            tr("The connection dropped after the deletion was sent; the next check shows whether the server deleted "
               "the message."),
            10000);
    } else {
        status->showMessage(tr("The message was deleted from the server; the copy here stays."), 5000);
    }
}

void FetchActions::updateGetMailMenu()
{
    m_getMailMenu->clear();
    if (!m_fetcher)
        return;
    for (const Accounts::Account &account : m_fetcher->accounts()) {
        if (!account.enabled)
            continue;
        QAction *a = m_getMailMenu->addAction(menuText(account.name));
        const qint64 id = account.id;
        connect(a, &QAction::triggered, this, [this, id] { m_fetcher->getMailNow(id); });
    }
    if (m_getMailMenu->isEmpty())
        m_getMailMenu->addAction(tr("No accounts"))->setEnabled(false);
}

void FetchActions::startFetching()
{
    if (!m_fetcher)
        return;
    if (auto st = m_fetcher->start(); !st) {
        Q_EMIT errorOccurred(st.error());
    } else if (m_fetcher->accounts().isEmpty()) {
        // Once per profile; after that, the empty list says how.
        QSettings settings;
        const QString offered = kWizardOffered.arg(profileKey());
        if (!settings.value(offered).toBool()) {
            settings.setValue(offered, true);
            addAccount();
        }
    }
}

QString FetchActions::profileKey() const
{
    const QDir profile(m_store->directory());
    const QString path = profile.exists() ? profile.canonicalPath() : profile.absolutePath();
    return QString::fromLatin1(QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

void FetchActions::getMail()
{
    if (!m_fetcher)
        return;
    const QList<Accounts::Account> &accounts = m_fetcher->accounts();
    if (accounts.isEmpty()) {
        showNoAccount();
        return;
    }
    if (std::none_of(accounts.cbegin(), accounts.cend(), [](const Accounts::Account &a) { return a.enabled; })) {
        m_fetchStatus->showNotice(tr("No account is checked for new mail: turn on “Check this account for new "
                                     "mail” in File > Account Settings."));
        return;
    }
    if (!m_fetcher->scheduler().isOnline())
        m_fetchStatus->showNotice(tr("Offline: Poplar gets your mail as soon as the network is back."));
    m_fetcher->getMailNow();
}

void FetchActions::showNoAccount()
{
    if (m_window->findChild<QMessageBox *>(QStringLiteral("noAccountBox")))
        return;
    auto *box = new QMessageBox(QMessageBox::Information, tr("Poplar"), tr("There is no account to get mail for yet."),
        QMessageBox::Close, m_window);
    box->setObjectName(QStringLiteral("noAccountBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Add one with File > Add Account: Poplar finds your provider's server."));
    QPushButton *add = box->addButton(tr("&Add Account…"), QMessageBox::AcceptRole);
    add->setObjectName(QStringLiteral("addAccountButton"));
    box->setDefaultButton(add);
    connect(add, &QPushButton::clicked, this, &FetchActions::addAccount);
    box->open();
}

void FetchActions::updateAccountsMenu()
{
    m_accountsMenu->clear();
    if (!m_fetcher)
        return;
    for (const Accounts::Account &account : m_fetcher->accounts()) {
        QAction *a = m_accountsMenu->addAction(tr("%1…").arg(menuText(account.name)));
        const qint64 id = account.id;
        connect(a, &QAction::triggered, this, [this, id] { openAccountSettings(id); });
    }
    if (m_accountsMenu->isEmpty())
        m_accountsMenu->addAction(tr("No accounts"))->setEnabled(false);
}

void FetchActions::addAccountItems(QMenu *menu, qint64 inboxId)
{
    if (!m_fetcher)
        return;
    auto folder = m_store->folder(inboxId);
    if (!folder || !folder->accountId)
        return;
    const qint64 account = folder->accountId;
    menu->addSeparator();
    QAction *getMail = menu->addAction(tr("&Get Mail"));
    connect(getMail, &QAction::triggered, this, [this, account] { m_fetcher->getMailNow(account); });
    QAction *settings = menu->addAction(tr("Account &Settings…"));
    connect(settings, &QAction::triggered, this, [this, account] { openAccountSettings(account); });
}

void FetchActions::addAccount()
{
    if (!m_fetcher || m_window->findChild<AccountWizard *>())
        return;  // one at a time
    AccountWizard::Options options;
    options.askCertificate
        = [this](const Net::CertificateProblem &problem, QWidget *) { return m_prompts->askCertificate(problem); };
    auto *wizard = new AccountWizard(*m_store, m_fetcher->keychain(), options, m_window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &QDialog::accepted, this,
        [this, wizard] { accountAdded(wizard->account(), wizard->takeSessionPassword()); });
    // Stored even when the wizard is then cancelled (its password did not
    // reach the keychain): the scheduler and the folders must know it.
    connect(wizard, &AccountWizard::accountCreated, this, [this] {
        if (auto st = m_fetcher->reloadAccounts(); !st)
            Q_EMIT errorOccurred(st.error());
        Q_EMIT accountsChanged();
    });
    wizard->open();
}

void FetchActions::accountAdded(const Accounts::Account &account, Poplar::Secret sessionPassword)
{
    if (auto st = m_fetcher->reloadAccounts(); !st)
        Q_EMIT errorOccurred(st.error());
    Q_EMIT accountsChanged();
    if (auto inbox = m_store->folderByPath(account.name + QStringLiteral("/Inbox")))
        Q_EMIT folderToShow(inbox->id);
    // The first fetch now, not at the next check.
    if (!sessionPassword.isEmpty())
        m_fetcher->providePassword(account.id, std::move(sessionPassword), false);
    else
        m_fetcher->getMailNow(account.id);
}

void FetchActions::openAccountSettings(qint64 accountId)
{
    if (!m_fetcher)
        return;
    for (AccountSettingsDialog *open : m_window->findChildren<AccountSettingsDialog *>()) {
        if (open->isVisible())
            return;  // one at a time
    }
    auto *dialog = new AccountSettingsDialog(*m_store, m_fetcher->keychain(), accountId, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCertificateQuestion(
        [this](const Net::CertificateProblem &problem) { return m_prompts->askCertificate(problem); });
    dialog->setPasswordQuestion(
        [this](const Accounts::Account &account, const Poplar::Error &reason) -> std::optional<Poplar::Secret> {
            std::optional<Prompts::PasswordAnswer> answer = m_prompts->askPassword(account, reason);
            if (!answer)
                return std::nullopt;
            return std::move(answer->password);
        });
    connect(dialog, &AccountSettingsDialog::accountChanged, this, [this](qint64) {
        if (auto st = m_fetcher->reloadAccounts(); !st)
            Q_EMIT errorOccurred(st.error());
        Q_EMIT accountsChanged();
    });
    connect(dialog, &AccountSettingsDialog::passwordChanged, this, [this](qint64 id) { m_fetcher->passwordSaved(id); });
    dialog->open();
}

void FetchActions::askForPassword(qint64 accountId, const Poplar::Error &reason)
{
    if (!m_fetcher || m_askingPassword.contains(accountId))
        return;  // one question per account at a time
    const std::optional<Accounts::Account> account = m_fetcher->account(accountId);
    if (!account)
        return;
    m_askingPassword.insert(accountId);
    std::optional<Prompts::PasswordAnswer> answer = m_prompts->askPassword(*account, reason);
    m_askingPassword.remove(accountId);
    if (!answer || answer->password.isEmpty())
        return;  // the account waits for Get Mail
    m_fetcher->providePassword(accountId, std::move(answer->password), answer->remember);
}

void FetchActions::askCertificate(qint64 accountId, const Net::CertificateProblem &problem)
{
    if (m_askingCertificate.contains(accountId))
        return;  // one question per account at a time
    m_askingCertificate.insert(accountId);
    const Net::CertificateDecision decision = m_prompts->askCertificate(problem);
    m_askingCertificate.remove(accountId);
    m_fetcher->answerCertificate(accountId, problem, decision);
}

void FetchActions::showFetchError(qint64 accountId, const Error &error)
{
    const std::optional<std::pair<quint32, quint64>> during = m_fetcher->status(accountId).failedDuring;
    if (!during) {
        Q_EMIT errorOccurred(error);
        return;
    }
    Q_EMIT errorShown(error);
    QString details = tr("It ended while message %1 (%2) was being downloaded.")
                          .arg(during->first)
                          .arg(QLocale().formattedDataSize(qint64(during->second)));
    if (const QString server = errorServerDetails(error); !server.isEmpty())
        details = server + QLatin1Char('\n') + details;
    QMessageBox *box
        = plainMessageBox(QMessageBox::Warning, tr("Poplar"), errorMessage(error), details, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void FetchActions::showIncomplete(qint64 accountId)
{
    const std::optional<Accounts::Account> account = m_fetcher->account(accountId);
    const QStringList lines = FetchStatus::notDownloadedText(m_fetcher->status(accountId));
    QMessageBox *box = plainMessageBox(QMessageBox::Information, tr("Poplar"),
        tr("Some messages of %1 could not be downloaded:").arg(account ? account->name : QString()),
        lines.join(QLatin1Char('\n')), QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("incompleteBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void FetchActions::askLoginDelay(const QList<qint64> &accountIds)
{
    if (m_window->findChild<QMessageBox *>(QStringLiteral("loginDelayBox")))
        return;  // asked already
    QStringList lines;
    for (qint64 id : accountIds) {
        const std::optional<Accounts::Account> account = m_fetcher->account(id);
        const QDateTime allowed = m_fetcher->scheduler().nextCheck(id);
        if (account && allowed.isValid())
            lines << tr("%1: the server allows the next check at %2.")
                         .arg(account->name, QLocale().toString(allowed.toLocalTime().time(), QLocale::ShortFormat));
    }
    if (lines.isEmpty())
        return;
    QMessageBox *box = plainMessageBox(QMessageBox::Question, tr("Check Now?"),
        tr("The server allows checking for mail only every so often (LOGIN-DELAY); Poplar checks again then."),
        lines.join(QLatin1Char('\n')) + QStringLiteral("\n\n")
            + tr("Checking now anyway may be refused by the server, or counted against the account."),
        QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("loginDelayBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *now = box->addButton(tr("Check &Now"), QMessageBox::AcceptRole);
    now->setObjectName(QStringLiteral("checkNowButton"));
    QPushButton *wait = box->addButton(tr("&Wait"), QMessageBox::RejectRole);
    box->setDefaultButton(wait);
    connect(now, &QPushButton::clicked, this, [this, accountIds] {
        for (qint64 id : accountIds)
            m_fetcher->getMailIgnoringLoginDelay(id);
    });
    box->open();
}

}  // namespace Poplar::Ui
