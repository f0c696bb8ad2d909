#pragma once

#include "common/Error.h"
#include "common/Secret.h"
#include "net/TlsTypes.h"
#include "sync/OutboxSender.h"

#include <QList>
#include <QObject>
#include <QSet>

class QAction;
class QMainWindow;
class QMenu;

namespace Store {
class MailStore;
}
namespace Accounts {
struct Account;
}
namespace Sync {
enum class RemoteAction;
struct RemoteReport;
}  // namespace Sync

namespace Poplar::Ui {

class FetchStatus;
class MailFetcher;
class Prompts;

// Getting mail from the window: Get Mail (every account, or one from its
// menu), progress and results in the status bar (FetchStatus), the
// questions a fetch asks (password, certificate, LOGIN-DELAY), the details
// of a failed or incomplete fetch, adding an account (the setup wizard,
// once by itself for a new profile) and the accounts' settings.
class FetchActions : public QObject
{
    Q_OBJECT
public:
    // The actions are added to `window`; its status bar shows the fetches.
    FetchActions(QMainWindow *window, Store::MailStore *store, QObject *parent = nullptr);

    void setPrompts(Prompts *prompts) { m_prompts = prompts; }
    // Not owned; enables the actions.
    void setFetcher(MailFetcher *fetcher);
    [[nodiscard]] MailFetcher *fetcher() const { return m_fetcher; }
    [[nodiscard]] FetchStatus *fetchStatus() const { return m_fetchStatus; }

    // Get Mail for every account; with none to check, says why (and with
    // no account at all, offers to add one).
    void getMail();
    // Starts the fetcher's schedule; with no account yet, opens the setup
    // wizard, once per profile. Reports a failure to start.
    void startFetching();
    // Opens the setup wizard (window-modal); when it finishes, the new
    // account's first fetch starts.
    void addAccount();
    // Opens the settings of an account (window-modal).
    void openAccountSettings(qint64 accountId);
    // Get Mail and Account Settings for the account of an Inbox, in a
    // folder's context menu.
    void addAccountItems(QMenu *menu, qint64 inboxId);
    // The reading pane asked to download the rest of a message, or to
    // delete it from the server.
    void downloadRest(qint64 messageId);
    void deleteFromServer(qint64 messageId);

    QAction *getMailAction() const { return m_getMail; }
    QMenu *getMailMenu() const { return m_getMailMenu; }
    QAction *addAccountAction() const { return m_addAccount; }
    QMenu *accountsMenu() const { return m_accountsMenu; }

    // The words for what sending an outbox did; empty when there is nothing
    // to tell (nothing was due, or another program sends it).
    [[nodiscard]] static QString outboxText(const Sync::OutboxSender::Report &report);

Q_SIGNALS:
    // Accounts were added or changed (folders and lists are stale).
    void accountsChanged();
    // Messages were sent (Sent holds their copies): the folders are stale.
    void messagesSent();
    // A new account's Inbox, to show.
    void folderToShow(qint64 folderId);
    // The rest of a message arrived (to show it whole if it is read).
    void messageCompleted(qint64 messageId);
    // An error to show…
    void errorOccurred(const Poplar::Error &error);
    // …or one shown already, with its details.
    void errorShown(const Poplar::Error &error);

private:
    void updateGetMailMenu();
    void updateAccountsMenu();
    void showNoAccount();
    [[nodiscard]] QString profileKey() const;
    void accountAdded(const Accounts::Account &account, Poplar::Secret sessionPassword);
    void askForPassword(qint64 accountId, const Poplar::Error &reason);
    void askCertificate(qint64 accountId, const Net::CertificateProblem &problem);
    void remoteFinished(qint64 messageId, Sync::RemoteAction action, const Sync::RemoteReport &report);
    // An account's failed fetch, with where it ended.
    void showFetchError(qint64 accountId, const Poplar::Error &error);
    // The messages an account's last fetch could not download.
    void showIncomplete(qint64 accountId);
    // Get Mail found accounts held back by LOGIN-DELAY: check them anyway?
    void askLoginDelay(const QList<qint64> &accountIds);
    // What a check's sending of the outbox did, in the status bar.
    void outboxFinished(qint64 accountId, const Sync::OutboxSender::Report &report);

    QMainWindow *m_window = nullptr;
    Store::MailStore *m_store = nullptr;
    Prompts *m_prompts = nullptr;
    MailFetcher *m_fetcher = nullptr;
    FetchStatus *m_fetchStatus = nullptr;
    QSet<qint64> m_askingPassword;
    QSet<qint64> m_askingCertificate;

    QAction *m_getMail = nullptr;
    QMenu *m_getMailMenu = nullptr;
    QAction *m_addAccount = nullptr;
    QMenu *m_accountsMenu = nullptr;
};

}  // namespace Poplar::Ui
