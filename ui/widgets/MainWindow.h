#pragma once

#include "common/Error.h"
#include "net/TlsTypes.h"

#include <QList>
#include <QMainWindow>

#include <QSet>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QTimer;
class QTreeView;

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
class FolderModel;
class MessageListModel;
class MessageView;
class NoAccountHint;
class ReadMarker;

// The main window: folder tree | message list | reading pane, over one
// profile's store. Reading a message marks it read; messages are deleted to
// Trash (and from Trash for good, after asking), moved, copied, flagged and
// searched in place; local folders are made, renamed, moved and deleted.
// Layout, column widths, sort order and the last folder are remembered.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Store::MailStore *store, QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] QSplitter *splitter() const { return m_splitter; }
    [[nodiscard]] FolderModel *folderModel() const { return m_folderModel; }
    [[nodiscard]] MessageListModel *messageModel() const { return m_messageModel; }
    [[nodiscard]] QTreeView *folderView() const { return m_folders; }
    [[nodiscard]] QTreeView *messageListView() const { return m_messages; }
    [[nodiscard]] MessageView *messageView() const { return m_reader; }
    [[nodiscard]] QLineEdit *searchField() const { return m_search; }

    // Brings the window back from the tray or from behind others.
    void showAndRaise();

    // Shows a folder (or Store::MailStore::UnifiedInbox); false if unknown.
    bool selectFolder(qint64 folderId);
    // The ids of the selected messages, in list order.
    [[nodiscard]] QList<qint64> selectedMessageIds() const;
    // Reads folders and the list again (after mail arrived or another
    // process changed the store), keeping the selection.
    void refresh();

    // Actions (also reachable by object name): deleteMessages,
    // markRead, markUnread, toggleRead (says which the selection needs),
    // toggleFlag (Flag or Unflag), emptyTrash, newFolder, renameFolder,
    // deleteFolder, find, viewSource, quit.
    void deleteSelected();
    void markSelected(bool read);
    void toggleFlagOnSelected();
    void moveSelectedTo(qint64 folderId, bool copy = false);
    void emptyTrash();
    void newFolder();
    void renameCurrentFolder();
    void deleteCurrentFolder();

    // Fetching: Get Mail (all accounts or one), progress and errors in the
    // status bar, a password prompt when the server wants one. Not owned.
    void setFetcher(MailFetcher *fetcher);
    // Get Mail for every account; with none to check, says why (and with
    // no account at all, offers to add one).
    void getMail();
    [[nodiscard]] FetchStatus *fetchStatus() const { return m_fetchStatus; }

    // With a tray icon, closing the window hides it (fetching goes on) when
    // the user wants that ("Keep Running in the Tray", on by default); the
    // application then quits only through quit(). Without one, it quits
    // when the window closes.
    void setTrayAvailable(bool available);
    [[nodiscard]] bool closesToTray() const;
    // Saves the window's state and quits the application.
    void quit();

    // Asks for a password: the password and whether to keep it in the
    // keychain, or nothing when cancelled. Replaceable for tests.
    struct PasswordAnswer {
        QByteArray password;
        bool remember = false;
    };
    using AskPassword
        = std::function<std::optional<PasswordAnswer>(const Accounts::Account &account, const Poplar::Error &reason)>;
    void setPasswordQuestion(AskPassword ask) { m_askPassword = std::move(ask); }

    // Starts the fetcher's schedule. With no account yet, opens the setup
    // wizard, once per profile: later the empty message list says how to
    // add one. Reports a failure to start.
    void startFetching();

    // Opens the setup wizard (window-modal); when it finishes, the new
    // account's first fetch starts. Also opened by the app when there is no
    // account yet.
    void addAccount();
    // Opens the settings of an account (window-modal).
    void openAccountSettings(qint64 accountId);

    // Asks what to do with a certificate a background fetch did not trust.
    // Replaceable for tests.
    using AskCertificate = std::function<Net::CertificateDecision(const Net::CertificateProblem &problem)>;
    void setCertificateQuestion(AskCertificate ask) { m_askCertificate = std::move(ask); }

    // Asks before something that cannot be undone; replaceable for tests.
    using Confirm = std::function<bool(const QString &question)>;
    void setConfirmation(Confirm confirm) { m_confirm = std::move(confirm); }
    // Asks for a folder name; replaceable for tests. Empty: cancelled.
    using AskName = std::function<QString(const QString &title, const QString &current)>;
    void setNameQuestion(AskName ask) { m_askName = std::move(ask); }

    // How soon a message shown in the reading pane is marked read: 0 at
    // once (the default), after `msecs`, or never (< 0).
    void setMarkReadDelay(int msecs);
    [[nodiscard]] ReadMarker *readMarker() const { return m_readMarker; }

Q_SIGNALS:
    // An error was shown to the user (tests watch this instead of dialogs).
    void errorShown(const Poplar::Error &error);
    // Closing hid the window; Poplar goes on in the tray.
    void closedToTray();

protected:
    void closeEvent(QCloseEvent *event) override;
    // Space in the message list reads on: the next page of the message, then
    // the next unread message.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createToolBar();
    void updateGetMailMenu();
    void updateAccountsMenu();
    void showNoAccount();
    void updateNoAccountHint();
    // Names this window's profile in the settings.
    [[nodiscard]] QString profileKey() const;
    void accountAdded(const Accounts::Account &account, QByteArray sessionPassword);
    void askForPassword(qint64 accountId, const Poplar::Error &reason);
    void remoteFinished(qint64 messageId, Sync::RemoteAction action, const Sync::RemoteReport &report);
    void restoreWindowState();
    void saveWindowState();
    void showAbout();
    void showError(const Poplar::Error &error);
    // An account's failed fetch, with where it ended.
    void showFetchError(qint64 accountId, const Poplar::Error &error);
    // The messages an account's last fetch could not download.
    void showIncomplete(qint64 accountId);
    // Get Mail found accounts held back by LOGIN-DELAY: check them anyway?
    void askLoginDelay(const QList<qint64> &accountIds);
    void folderChanged();
    void currentMessageChanged();
    void showCurrentMessage();
    void applySearch();
    void updateActions();
    void updateStatus();
    void fillFolderMenu(QMenu *menu, bool copy);
    void addFolderActions(QMenu *menu, const QModelIndex &parent, bool copy);
    // The read and flag marks of the selected messages (the first
    // thousand of them).
    struct Marks {
        bool anyRead = false;
        bool anyUnread = false;
        bool allFlagged = true;  // and something is selected
    };
    [[nodiscard]] Marks selectionMarks() const;
    [[nodiscard]] bool flagClick(QEvent *event);
    [[nodiscard]] int sizeColumnWidth() const;
    void folderContextMenu(const QPoint &pos);
    void messageContextMenu(const QPoint &pos);
    [[nodiscard]] qint64 currentFolderId() const;
    [[nodiscard]] bool currentFolderIsTrash() const;
    // Puts the current row back near `row` after rows went away.
    void selectRowNear(int row);
    void readOn();

    Store::MailStore *m_store = nullptr;
    FolderModel *m_folderModel = nullptr;
    MessageListModel *m_messageModel = nullptr;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    QTreeView *m_folders = nullptr;
    QTreeView *m_messages = nullptr;
    MessageView *m_reader = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    QLabel *m_folderStatus = nullptr;
    MailFetcher *m_fetcher = nullptr;
    FetchStatus *m_fetchStatus = nullptr;
    QAction *m_getMailAction = nullptr;
    QMenu *m_getMailMenu = nullptr;
    QAction *m_addAccountAction = nullptr;
    QMenu *m_accountsMenu = nullptr;
    QSet<qint64> m_askingPassword;
    QAction *m_closeToTrayAction = nullptr;
    bool m_trayAvailable = false;
    bool m_quitting = false;
    qint64 m_trashId = 0;

    QAction *m_deleteAction = nullptr;
    QAction *m_markReadAction = nullptr;
    QAction *m_markUnreadAction = nullptr;
    QAction *m_toggleReadAction = nullptr;
    QAction *m_flagAction = nullptr;
    QAction *m_viewSourceAction = nullptr;
    QMenu *m_moveMenu = nullptr;
    QMenu *m_copyMenu = nullptr;
    QAction *m_emptyTrashAction = nullptr;
    QAction *m_newFolderAction = nullptr;
    QAction *m_renameFolderAction = nullptr;
    QAction *m_deleteFolderAction = nullptr;
    QTimer *m_actionsUpdate = nullptr;
    NoAccountHint *m_noAccountHint = nullptr;
    bool m_flagClicked = false;

    Confirm m_confirm;
    AskPassword m_askPassword;
    AskCertificate m_askCertificate;
    QSet<qint64> m_askingCertificate;
    AskName m_askName;
    ReadMarker *m_readMarker = nullptr;
};

}  // namespace Poplar::Ui
