#pragma once

#include "actions/ComposeActions.h"
#include "actions/FetchActions.h"
#include "actions/FolderActions.h"
#include "actions/MessageActions.h"
#include "common/Error.h"
#include "models/MessageOperations.h"

#include <QList>
#include <QMainWindow>

#include <memory>

class QLabel;
class QLineEdit;
class QSplitter;
class QTimer;
class QTreeView;

namespace Store {
class MailStore;
}

namespace Poplar::Ui {

class ArrivalFollower;
class FetchStatus;
class FolderModel;
class MailFetcher;
class MessageListModel;
class MessageListView;
class MessageView;
class OperationProgress;
class Prompts;
class SearchField;
class ReadMarker;

// The main window: folder tree | message list | reading pane, over one
// profile's store. It lays out the panes, menus and toolbar, and joins the
// actions objects to them: MessageActions (delete, move, copy, marks),
// FolderActions (folders and Trash) and FetchActions (getting mail and
// accounts). Their store writes run through one MessageOperations, away
// from the GUI thread; the lists follow when each is stored, and a long
// one shows its progress in the status bar. Questions go through Prompts.
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
    [[nodiscard]] QTreeView *messageListView() const;
    [[nodiscard]] MessageView *messageView() const { return m_reader; }
    [[nodiscard]] QLineEdit *searchField() const;
    [[nodiscard]] MessageOperations *operations() const { return m_operations; }
    [[nodiscard]] OperationProgress *operationProgress() const { return m_operationProgress; }

    // Asks the user's questions through `prompts` (dialogs by default).
    void setPrompts(std::unique_ptr<Prompts> prompts);
    [[nodiscard]] Prompts &prompts() const { return *m_prompts; }

    // Brings the window back from the tray or from behind others.
    void showAndRaise();

    // Shows a folder (or Store::MailStore::UnifiedInbox); false if unknown.
    bool selectFolder(qint64 folderId);
    // The ids of the selected messages, in list order.
    [[nodiscard]] QList<qint64> selectedMessageIds() const { return m_messageActions->selectedMessageIds(); }
    // Reads folders and the list again (after mail arrived or another
    // process changed the store), keeping the selection.
    void refresh();

    // Actions (also reachable by object name): deleteMessages,
    // markRead, markUnread, toggleRead (says which the selection needs),
    // toggleFlag (Flag or Unflag), emptyTrash, newFolder, renameFolder,
    // deleteFolder, find, viewSource, quit. Those that write the store
    // return before it is written.
    void deleteSelected() { m_messageActions->deleteSelected(); }
    void markSelected(bool read) { m_messageActions->markSelected(read); }
    void toggleFlagOnSelected() { m_messageActions->toggleFlagOnSelected(); }
    void moveSelectedTo(qint64 folderId, bool copy = false) { m_messageActions->moveSelectedTo(folderId, copy); }
    void emptyTrash() { m_folderActions->emptyTrash(); }
    void newFolder() { m_folderActions->newFolder(); }
    void renameCurrentFolder() { m_folderActions->renameCurrentFolder(); }
    void deleteCurrentFolder() { m_folderActions->deleteCurrentFolder(); }

    // Fetching: Get Mail (all accounts or one), progress and errors in the
    // status bar, a password prompt when the server wants one; the lists
    // show what a running fetch has stored so far. Not owned.
    void setFetcher(MailFetcher *fetcher);
    // Get Mail for every account; with none to check, says why (and with
    // no account at all, offers to add one).
    void getMail() { m_fetchActions->getMail(); }
    [[nodiscard]] FetchStatus *fetchStatus() const { return m_fetchActions->fetchStatus(); }

    // With a tray icon, closing the window hides it (fetching goes on) when
    // the user wants that ("Keep Running in the Tray", on by default); the
    // application then quits only through quit(). Without one, it quits
    // when the window closes.
    void setTrayAvailable(bool available);
    [[nodiscard]] bool closesToTray() const;
    // Saves the window's state and quits the application.
    void quit();

    // Starts the fetcher's schedule. With no account yet, opens the setup
    // wizard, once per profile: later the empty message list says how to
    // add one. Reports a failure to start.
    void startFetching();
    // Opens the setup wizard (window-modal); when it finishes, the new
    // account's first fetch starts.
    void addAccount() { m_fetchActions->addAccount(); }
    // Write, Reply, Reply All, Forward: a composer window of its own.
    [[nodiscard]] ComposeActions *composeActions() const { return m_composeActions; }
    // Opens the settings of an account (window-modal).
    void openAccountSettings(qint64 accountId) { m_fetchActions->openAccountSettings(accountId); }

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

private:
    void createPanes();
    void createMenus();
    void createToolBar();
    void operationEnded(MessageOperations::Kind kind);
    void updateNoAccountHint();
    void accountsChanged();
    void restoreWindowState();
    void saveWindowState();
    void showAbout();
    void showError(const Poplar::Error &error);
    void folderChanged();
    void currentMessageChanged();
    void showCurrentMessage();
    void applySearch();
    void updateActions();
    void updateStatus();
    void folderContextMenu(const QPoint &pos);
    [[nodiscard]] qint64 currentFolderId() const;

    Store::MailStore *m_store = nullptr;
    std::unique_ptr<Prompts> m_prompts;
    MessageOperations *m_operations = nullptr;
    FolderModel *m_folderModel = nullptr;
    MessageListModel *m_messageModel = nullptr;
    MessageActions *m_messageActions = nullptr;
    ComposeActions *m_composeActions = nullptr;
    FolderActions *m_folderActions = nullptr;
    FetchActions *m_fetchActions = nullptr;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    QTreeView *m_folders = nullptr;
    MessageListView *m_messages = nullptr;
    MessageView *m_reader = nullptr;
    SearchField *m_search = nullptr;
    QLabel *m_folderStatus = nullptr;
    OperationProgress *m_operationProgress = nullptr;
    QAction *m_closeToTrayAction = nullptr;
    bool m_trayAvailable = false;
    bool m_quitting = false;
    QTimer *m_actionsUpdate = nullptr;
    ReadMarker *m_readMarker = nullptr;
    ArrivalFollower *m_arrivals = nullptr;
};

}  // namespace Poplar::Ui
