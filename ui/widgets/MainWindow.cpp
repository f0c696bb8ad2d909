#include "widgets/MainWindow.h"

#include "fetch/MailFetcher.h"
#include "models/FolderModel.h"
#include "models/MessageListModel.h"
#include "pop3/Sasl.h"
#include "store/Store.h"
#include "text/ErrorText.h"
#include "widgets/AccountSettingsDialog.h"
#include "widgets/CertificateDialog.h"
#include "widgets/FetchStatus.h"
#include "widgets/FolderTreeView.h"
#include "widgets/MessageView.h"
#include "widgets/NoAccountHint.h"
#include "widgets/PasswordDialog.h"
#include "widgets/PlainText.h"
#include "widgets/ReadMarker.h"
#include "wizard/AccountWizard.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDir>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

#include <algorithm>
#include <utility>

namespace Poplar::Ui {

using Store::MailStore;

namespace {

const QString kGeometry = QStringLiteral("mainWindow/geometry");
const QString kState = QStringLiteral("mainWindow/state");
const QString kSplitter = QStringLiteral("mainWindow/splitter");
const QString kRightSplitter = QStringLiteral("mainWindow/readingSplitter");
const QString kColumns = QStringLiteral("mainWindow/messageColumns");
const QString kFolder = QStringLiteral("mainWindow/folder");
const QString kCloseToTray = QStringLiteral("preferences/closeToTray");
// Per profile: the setup assistant opened by itself once already.
const QString kWizardOffered = QStringLiteral("setup/wizardOffered/%1");

// Names of folders, accounts and subjects in menus: a '&' is a letter, not
// a shortcut mark ("Trips & Travel", not "Trips _Travel").
QString menuText(QString name)
{
    return name.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

// The marks of this many selected messages decide what the actions say.
constexpr int MaxMarksLooked = 1000;

}  // namespace

MainWindow::MainWindow(MailStore *store, QWidget *parent)
    : QMainWindow(parent)
    , m_store(store)
{
    setWindowTitle(tr("Poplar"));
    setObjectName(QStringLiteral("MainWindow"));
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(
                   this, tr("Poplar"), question, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };
    m_askName = [this](const QString &title, const QString &current) {
        bool ok = false;
        const QString name
            = QInputDialog::getText(this, title, tr("Folder name:"), QLineEdit::Normal, current, &ok).trimmed();
        return ok ? name : QString();
    };
    m_askPassword
        = [this](const Accounts::Account &account, const Poplar::Error &reason) -> std::optional<PasswordAnswer> {
        PasswordDialog dialog(account.name, QStringLiteral("%1@%2").arg(account.user, account.host), reason, this);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return PasswordAnswer { dialog.password(), dialog.remember() };
    };
    m_askCertificate
        = [this](const Net::CertificateProblem &problem) { return CertificateDialog::ask(problem, this); };
    if (auto trash = m_store->trashFolderId())
        m_trashId = *trash;

    m_folderModel = new FolderModel(m_store, this);
    m_folders = new FolderTreeView(this);
    m_folders->setObjectName(QStringLiteral("folderTree"));
    m_folders->setAccessibleName(tr("Folders"));
    m_folders->setHeaderHidden(true);
    m_folders->setModel(m_folderModel);
    m_folders->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_folders->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_folders, &QWidget::customContextMenuRequested, this, &MainWindow::folderContextMenu);
    connect(m_folderModel, &FolderModel::operationFailed, this, &MainWindow::showError);
    connect(m_folderModel, &FolderModel::messagesChanged, this, [this] {
        if (auto st = m_messageModel->refresh(); !st)
            showError(st.error());
        updateStatus();
    });
    // A rebuilt tree (a folder added, moved or removed) keeps the folder shown.
    connect(m_folderModel, &QAbstractItemModel::modelReset, this, [this] {
        m_folders->expandAll();
        const QModelIndex current = m_folderModel->indexOf(m_messageModel->folderId());
        const QSignalBlocker block(m_folders->selectionModel());
        m_folders->setCurrentIndex(current);
    });

    m_messageModel = new MessageListModel(m_store, this);
    m_messages = new QTreeView(this);
    m_messages->setObjectName(QStringLiteral("messageList"));
    m_messages->setAccessibleName(tr("Messages"));
    m_messages->setModel(m_messageModel);
    m_messages->setRootIsDecorated(false);
    m_messages->setUniformRowHeights(true);
    m_messages->setAllColumnsShowFocus(true);
    m_messages->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_messages->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_messages->setDragEnabled(true);
    m_messages->setDragDropMode(QAbstractItemView::DragOnly);
    // A plain drag offers a move (the folder tree decides, Ctrl copies).
    m_messages->setDefaultDropAction(Qt::MoveAction);
    m_messages->setSortingEnabled(true);
    m_messages->setContextMenuPolicy(Qt::CustomContextMenu);
    m_messages->installEventFilter(this);
    QHeaderView *header = m_messages->header();
    header->setStretchLastSection(false);
    header->setSectionsMovable(true);
    header->setSectionResizeMode(MessageListModel::SubjectColumn, QHeaderView::Stretch);
    for (int c : { MessageListModel::FlagColumn, MessageListModel::AttachmentColumn })
        header->resizeSection(c, 24);
    header->resizeSection(MessageListModel::FromColumn, 200);
    header->resizeSection(MessageListModel::DateColumn, 160);
    header->resizeSection(MessageListModel::SizeColumn, sizeColumnWidth());
    header->setSortIndicator(MessageListModel::DateColumn, Qt::DescendingOrder);
    connect(m_messages, &QWidget::customContextMenuRequested, this, &MainWindow::messageContextMenu);
    m_messages->viewport()->installEventFilter(this);  // clicks on the flag column
    connect(m_messageModel, &MessageListModel::readFailed, this, &MainWindow::showError);
    connect(m_messageModel, &MessageListModel::flagWriteFailed, this, &MainWindow::showError);
    connect(m_messageModel, &MessageListModel::flagsWritten, this, [this] {
        if (auto st = m_folderModel->refresh(); !st)
            showError(st.error());
        updateStatus();
    });
    // The actions follow the marks of the selection (coalesced: a change of
    // many rows reports each).
    m_actionsUpdate = new QTimer(this);
    m_actionsUpdate->setSingleShot(true);
    m_actionsUpdate->setInterval(0);
    connect(m_actionsUpdate, &QTimer::timeout, this, &MainWindow::updateActions);
    connect(m_messageModel, &QAbstractItemModel::dataChanged, m_actionsUpdate, qOverload<>(&QTimer::start));
    m_noAccountHint = new NoAccountHint(m_messages->viewport());
    m_noAccountHint->hide();
    connect(m_noAccountHint, &NoAccountHint::addAccountRequested, this, &MainWindow::addAccount);
    connect(m_messageModel, &QAbstractItemModel::modelReset, this, &MainWindow::updateNoAccountHint);
    connect(m_messageModel, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateNoAccountHint);
    connect(m_messageModel, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateNoAccountHint);

    m_reader = new MessageView(this);
    m_reader->setAccessibleName(tr("Message"));
    connect(m_reader, &MessageView::linkHovered, this, [this](const QString &target) {
        if (target.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(target);
    });
    m_readMarker = new ReadMarker(m_messageModel, m_reader, this);
    connect(m_readMarker, &ReadMarker::marked, this, &MainWindow::updateActions);

    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->setObjectName(QStringLiteral("readingSplitter"));
    m_rightSplitter->addWidget(m_messages);
    m_rightSplitter->addWidget(m_reader);
    m_rightSplitter->setStretchFactor(0, 2);
    m_rightSplitter->setStretchFactor(1, 3);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_folders);
    m_splitter->addWidget(m_rightSplitter);
    m_splitter->setStretchFactor(1, 3);
    setCentralWidget(m_splitter);

    m_folderStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_folderStatus);

    createActions();
    createToolBar();
    resize(1100, 700);

    if (auto st = m_folderModel->refresh(); !st)
        showError(st.error());
    m_folders->expandAll();
    connect(m_folders->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::folderChanged);
    connect(
        m_messages->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::currentMessageChanged);
    connect(m_messages->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    restoreWindowState();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    auto make = [this](const QString &name, const QString &text, const QKeySequence &key = {}) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        if (!key.isEmpty())
            a->setShortcut(key);
        addAction(a);
        return a;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_getMailAction = make(QStringLiteral("getMail"), tr("&Get Mail"));
    m_getMailAction->setShortcuts({ QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_T) });
    m_getMailAction->setIcon(QIcon::fromTheme(QStringLiteral("mail-receive")));
    m_getMailAction->setToolTip(tr("Get new mail for every account"));
    m_getMailAction->setEnabled(false);
    connect(m_getMailAction, &QAction::triggered, this, &MainWindow::getMail);
    file->addAction(m_getMailAction);
    m_getMailMenu = file->addMenu(tr("Get Mail &From"));
    m_getMailMenu->setObjectName(QStringLiteral("getMailMenu"));
    m_getMailMenu->setEnabled(false);
    connect(m_getMailMenu, &QMenu::aboutToShow, this, &MainWindow::updateGetMailMenu);
    file->addSeparator();
    m_addAccountAction = make(QStringLiteral("addAccount"), tr("&Add Account…"));
    m_addAccountAction->setEnabled(false);  // with a fetcher
    connect(m_addAccountAction, &QAction::triggered, this, &MainWindow::addAccount);
    file->addAction(m_addAccountAction);
    m_accountsMenu = file->addMenu(tr("Account &Settings"));
    m_accountsMenu->setObjectName(QStringLiteral("accountSettingsMenu"));
    m_accountsMenu->setEnabled(false);
    connect(m_accountsMenu, &QMenu::aboutToShow, this, &MainWindow::updateAccountsMenu);
    file->addSeparator();
    m_newFolderAction = make(QStringLiteral("newFolder"), tr("&New Folder…"));
    connect(m_newFolderAction, &QAction::triggered, this, &MainWindow::newFolder);
    file->addAction(m_newFolderAction);
    m_emptyTrashAction = make(QStringLiteral("emptyTrash"), tr("&Empty Trash"));
    connect(m_emptyTrashAction, &QAction::triggered, this, &MainWindow::emptyTrash);
    file->addAction(m_emptyTrashAction);
    file->addSeparator();
    m_closeToTrayAction = make(QStringLiteral("closeToTray"), tr("&Keep Running in the Tray"));
    m_closeToTrayAction->setCheckable(true);
    m_closeToTrayAction->setChecked(QSettings().value(kCloseToTray, true).toBool());
    m_closeToTrayAction->setVisible(false);  // until there is a tray
    m_closeToTrayAction->setToolTip(tr("Closing the window leaves Poplar fetching mail in the tray"));
    connect(m_closeToTrayAction, &QAction::toggled, this, [](bool on) { QSettings().setValue(kCloseToTray, on); });
    file->addAction(m_closeToTrayAction);
    QAction *quit = make(QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &MainWindow::quit);
    file->addAction(quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *find = make(QStringLiteral("find"), tr("&Find…"), QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    edit->addAction(find);
    QAction *selectAll = make(QStringLiteral("selectAll"), tr("Select &All Messages"), QKeySequence::SelectAll);
    selectAll->setShortcutContext(Qt::WidgetShortcut);  // the list's own Ctrl+A; others keep theirs
    connect(selectAll, &QAction::triggered, m_messages, &QAbstractItemView::selectAll);
    m_messages->addAction(selectAll);
    edit->addAction(selectAll);

    QMenu *message = menuBar()->addMenu(tr("&Message"));
    m_markReadAction = make(QStringLiteral("markRead"), tr("Mark as &Read"), QKeySequence(Qt::Key_R));
    m_markReadAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_messages->addAction(m_markReadAction);
    connect(m_markReadAction, &QAction::triggered, this, [this] { markSelected(true); });
    m_markUnreadAction = make(QStringLiteral("markUnread"), tr("Mark as &Unread"), QKeySequence(Qt::Key_U));
    m_markUnreadAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_messages->addAction(m_markUnreadAction);
    connect(m_markUnreadAction, &QAction::triggered, this, [this] { markSelected(false); });
    // One button for both: it says what it will do with the selection.
    m_toggleReadAction = make(QStringLiteral("toggleRead"), tr("Mark as &Read"));
    connect(m_toggleReadAction, &QAction::triggered, this, [this] { markSelected(selectionMarks().anyUnread); });
    m_flagAction = make(QStringLiteral("toggleFlag"), tr("&Flag"), QKeySequence(Qt::Key_S));
    m_flagAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_messages->addAction(m_flagAction);
    connect(m_flagAction, &QAction::triggered, this, &MainWindow::toggleFlagOnSelected);
    message->addAction(m_markReadAction);
    message->addAction(m_markUnreadAction);
    message->addAction(m_flagAction);
    message->addSeparator();
    m_moveMenu = message->addMenu(tr("&Move To"));
    m_moveMenu->setObjectName(QStringLiteral("moveMenu"));
    connect(m_moveMenu, &QMenu::aboutToShow, this, [this] { fillFolderMenu(m_moveMenu, false); });
    m_copyMenu = message->addMenu(tr("&Copy To"));
    m_copyMenu->setObjectName(QStringLiteral("copyMenu"));
    connect(m_copyMenu, &QMenu::aboutToShow, this, [this] { fillFolderMenu(m_copyMenu, true); });
    message->addSeparator();
    m_deleteAction = make(QStringLiteral("deleteMessages"), tr("&Delete"), QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_messages->addAction(m_deleteAction);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    message->addAction(m_deleteAction);
    message->addSeparator();
    m_viewSourceAction = make(QStringLiteral("viewSource"), tr("View &Source"), QKeySequence(Qt::CTRL | Qt::Key_U));
    connect(m_viewSourceAction, &QAction::triggered, m_reader, &MessageView::showSource);
    message->addAction(m_viewSourceAction);

    QMenu *folder = menuBar()->addMenu(tr("F&older"));
    folder->addAction(m_newFolderAction);
    m_renameFolderAction = make(QStringLiteral("renameFolder"), tr("&Rename Folder…"));
    connect(m_renameFolderAction, &QAction::triggered, this, &MainWindow::renameCurrentFolder);
    folder->addAction(m_renameFolderAction);
    m_deleteFolderAction = make(QStringLiteral("deleteFolder"), tr("&Delete Folder…"));
    connect(m_deleteFolderAction, &QAction::triggered, this, &MainWindow::deleteCurrentFolder);
    folder->addAction(m_deleteFolderAction);
    folder->addSeparator();
    folder->addAction(m_emptyTrashAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = make(QStringLiteral("about"), tr("&About Poplar"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    help->addAction(about);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_deleteAction->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    m_markReadAction->setIcon(QIcon::fromTheme(QStringLiteral("mail-mark-read")));
    m_markUnreadAction->setIcon(QIcon::fromTheme(QStringLiteral("mail-mark-unread")));
    m_flagAction->setIcon(QIcon::fromTheme(QStringLiteral("mail-mark-important")));
    bar->addAction(m_getMailAction);
    if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(m_getMailAction))) {
        button->setMenu(m_getMailMenu);
        button->setPopupMode(QToolButton::MenuButtonPopup);
    }
    bar->addSeparator();
    bar->addAction(m_deleteAction);
    bar->addAction(m_toggleReadAction);
    bar->addAction(m_flagAction);

    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setPlaceholderText(tr("Search (from:, subject:, has:attachment, is:unread …)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(280);
    m_search->setToolTip(tr("Finds the words that begin with what you type; Escape shows the whole folder again"));
    m_search->installEventFilter(this);  // Escape
    bar->addWidget(m_search);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, &MainWindow::applySearch);
    connect(m_search, &QLineEdit::textEdited, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &MainWindow::applySearch);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            applySearch();  // the clear button
    });
}

void MainWindow::setFetcher(MailFetcher *fetcher)
{
    m_fetcher = fetcher;
    m_getMailAction->setEnabled(fetcher);
    m_getMailMenu->setEnabled(fetcher);
    m_addAccountAction->setEnabled(fetcher);
    m_accountsMenu->setEnabled(fetcher);
    if (!fetcher)
        return;
    m_fetchStatus = new FetchStatus(fetcher, this);
    statusBar()->addPermanentWidget(m_fetchStatus);
    connect(m_fetchStatus, &FetchStatus::errorClicked, this, &MainWindow::showFetchError);
    connect(m_fetchStatus, &FetchStatus::incompleteClicked, this, &MainWindow::showIncomplete);
    connect(fetcher, &MailFetcher::loginDelayHolds, this, &MainWindow::askLoginDelay);
    connect(fetcher, &MailFetcher::mailArrived, this, [this](qint64, int) { refresh(); });
    connect(m_reader, &MessageView::downloadRestRequested, this, [this](qint64 id) {
        statusBar()->showMessage(tr("Downloading the rest of the message…"));
        m_fetcher->runRemote(id, Sync::RemoteAction::DownloadRest);
    });
    connect(m_reader, &MessageView::deleteFromServerRequested, this, [this](qint64 id) {
        // The reading pane asked already (and said what a partial message loses).
        statusBar()->showMessage(tr("Deleting the message from the server…"));
        m_fetcher->runRemote(id, Sync::RemoteAction::DeleteFromServer);
    });
    connect(fetcher, &MailFetcher::remoteFinished, this, &MainWindow::remoteFinished);
    connect(
        fetcher, &MailFetcher::certificateProblem, this,
        [this](qint64 accountId, const Net::CertificateProblem &problem) {
            if (m_askingCertificate.contains(accountId))
                return;  // one question per account at a time
            m_askingCertificate.insert(accountId);
            const Net::CertificateDecision decision = m_askCertificate(problem);
            m_askingCertificate.remove(accountId);
            m_fetcher->answerCertificate(accountId, problem, decision);
        },
        Qt::QueuedConnection);
    // Questions wait for the user in a dialog: asked from the event loop,
    // not from inside the scheduler's signals, so other accounts' news keeps
    // arriving meanwhile.
    connect(fetcher, &MailFetcher::passwordNeeded, this, &MainWindow::askForPassword, Qt::QueuedConnection);
    connect(fetcher, &MailFetcher::keychainFailed, this, [this](qint64, const Poplar::Error &error) {
        statusBar()->showMessage(
            tr("The password could not be saved in the keychain (%1); it is used until Poplar quits.")
                .arg(errorMessage(error)),
            10000);
    });
}

void MainWindow::remoteFinished(qint64 messageId, Sync::RemoteAction action, const Sync::RemoteReport &report)
{
    statusBar()->clearMessage();
    if (report.error.code != ErrorCode::None) {
        showError(report.error);
        return;
    }
    if (action == Sync::RemoteAction::DownloadRest) {
        refresh();
        // Show the whole message if it is the one being read.
        if (m_reader->messageId() == messageId) {
            m_reader->clear();
            showCurrentMessage();
        }
        statusBar()->showMessage(tr("The whole message is here now."), 5000);
    } else if (report.deletionUnknown) {
        statusBar()->showMessage(
            tr("The connection dropped after the deletion was sent; the next check shows whether the server deleted "
               "the message."),
            10000);
    } else {
        statusBar()->showMessage(tr("The message was deleted from the server; the copy here stays."), 5000);
    }
}

void MainWindow::updateGetMailMenu()
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

void MainWindow::startFetching()
{
    if (!m_fetcher)
        return;
    if (auto st = m_fetcher->start(); !st) {
        showError(st.error());
    } else if (m_fetcher->accounts().isEmpty()) {
        // Once per profile; after that, the empty list says how.
        QSettings settings;
        const QString offered = kWizardOffered.arg(profileKey());
        if (!settings.value(offered).toBool()) {
            settings.setValue(offered, true);
            addAccount();
        }
    }
    updateNoAccountHint();
}

QString MainWindow::profileKey() const
{
    const QDir profile(m_store->directory());
    const QString path = profile.exists() ? profile.canonicalPath() : profile.absolutePath();
    return QString::fromLatin1(QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

void MainWindow::getMail()
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

void MainWindow::showNoAccount()
{
    if (findChild<QMessageBox *>(QStringLiteral("noAccountBox")))
        return;
    auto *box = new QMessageBox(QMessageBox::Information, tr("Poplar"), tr("There is no account to get mail for yet."),
        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("noAccountBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Add one with File > Add Account: Poplar finds your provider's server."));
    QPushButton *add = box->addButton(tr("&Add Account…"), QMessageBox::AcceptRole);
    add->setObjectName(QStringLiteral("addAccountButton"));
    box->setDefaultButton(add);
    connect(add, &QPushButton::clicked, this, &MainWindow::addAccount);
    box->open();
}

void MainWindow::updateNoAccountHint()
{
    const bool show = m_fetcher && m_fetcher->accounts().isEmpty() && m_messageModel->rowCount() == 0;
    if (show)
        m_noAccountHint->setGeometry(m_messages->viewport()->rect());
    m_noAccountHint->setVisible(show);
}

void MainWindow::updateAccountsMenu()
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

void MainWindow::addAccount()
{
    if (!m_fetcher || findChild<AccountWizard *>())
        return;  // one at a time
    AccountWizard::Options options;
    options.askCertificate
        = [this](const Net::CertificateProblem &problem, QWidget *) { return m_askCertificate(problem); };
    auto *wizard = new AccountWizard(*m_store, m_fetcher->keychain(), options, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &QDialog::accepted, this,
        [this, wizard] { accountAdded(wizard->account(), wizard->takeSessionPassword()); });
    // Stored even when the wizard is then cancelled (its password did not
    // reach the keychain): the scheduler and the folders must know it.
    connect(wizard, &AccountWizard::accountCreated, this, [this] {
        if (auto st = m_fetcher->reloadAccounts(); !st)
            showError(st.error());
        refresh();
        updateNoAccountHint();
    });
    wizard->open();
}

void MainWindow::accountAdded(const Accounts::Account &account, QByteArray sessionPassword)
{
    if (auto st = m_fetcher->reloadAccounts(); !st)
        showError(st.error());
    refresh();
    updateNoAccountHint();
    if (auto inbox = m_store->folderByPath(account.name + QStringLiteral("/Inbox")))
        selectFolder(inbox->id);
    // The first fetch now, not at the next check.
    if (!sessionPassword.isEmpty()) {
        m_fetcher->providePassword(account.id, sessionPassword, false);
        Pop3::wipe(sessionPassword);
    } else {
        m_fetcher->getMailNow(account.id);
    }
}

void MainWindow::openAccountSettings(qint64 accountId)
{
    if (!m_fetcher)
        return;
    for (AccountSettingsDialog *open : findChildren<AccountSettingsDialog *>()) {
        if (open->isVisible())
            return;  // one at a time
    }
    auto *dialog = new AccountSettingsDialog(*m_store, m_fetcher->keychain(), accountId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCertificateQuestion(m_askCertificate);
    dialog->setPasswordQuestion(
        [this](const Accounts::Account &account, const Poplar::Error &reason) -> std::optional<QByteArray> {
            std::optional<PasswordAnswer> answer = m_askPassword(account, reason);
            if (!answer)
                return std::nullopt;
            return answer->password;
        });
    connect(dialog, &AccountSettingsDialog::accountChanged, this, [this](qint64) {
        if (auto st = m_fetcher->reloadAccounts(); !st)
            showError(st.error());
        refresh();
        updateNoAccountHint();
    });
    connect(dialog, &AccountSettingsDialog::passwordChanged, this, [this](qint64 id) { m_fetcher->passwordSaved(id); });
    dialog->open();
}

void MainWindow::askForPassword(qint64 accountId, const Poplar::Error &reason)
{
    if (!m_fetcher || m_askingPassword.contains(accountId))
        return;  // one question per account at a time
    const std::optional<Accounts::Account> account = m_fetcher->account(accountId);
    if (!account)
        return;
    m_askingPassword.insert(accountId);
    std::optional<PasswordAnswer> answer = m_askPassword(*account, reason);
    m_askingPassword.remove(accountId);
    if (!answer || answer->password.isEmpty())
        return;  // the account waits for Get Mail
    m_fetcher->providePassword(accountId, answer->password, answer->remember);
    Pop3::wipe(answer->password);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Poplar"),
        tr("<p><b>Poplar %1</b></p><p>A mail client that brings your POP3 mail home safely and lets "
           "you read it offline.</p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped()));
}

void MainWindow::showError(const Error &error)
{
    Q_EMIT errorShown(error);
    // Window-modal and not waited for: whatever failed has been undone already.
    // The server's words shown as they are, never as markup.
    QMessageBox *box = plainMessageBox(
        QMessageBox::Warning, tr("Poplar"), errorMessage(error), errorServerDetails(error), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showFetchError(qint64 accountId, const Error &error)
{
    const std::optional<std::pair<quint32, quint64>> during = m_fetcher->status(accountId).failedDuring;
    if (!during)
        return showError(error);
    Q_EMIT errorShown(error);
    QString details = tr("It ended while message %1 (%2) was being downloaded.")
                          .arg(during->first)
                          .arg(QLocale().formattedDataSize(qint64(during->second)));
    if (const QString server = errorServerDetails(error); !server.isEmpty())
        details = server + QLatin1Char('\n') + details;
    QMessageBox *box
        = plainMessageBox(QMessageBox::Warning, tr("Poplar"), errorMessage(error), details, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showIncomplete(qint64 accountId)
{
    const std::optional<Accounts::Account> account = m_fetcher->account(accountId);
    const QStringList lines = FetchStatus::notDownloadedText(m_fetcher->status(accountId));
    QMessageBox *box = plainMessageBox(QMessageBox::Information, tr("Poplar"),
        tr("Some messages of %1 could not be downloaded:").arg(account ? account->name : QString()),
        lines.join(QLatin1Char('\n')), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("incompleteBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::askLoginDelay(const QList<qint64> &accountIds)
{
    if (findChild<QMessageBox *>(QStringLiteral("loginDelayBox")))
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
        QMessageBox::NoButton, this);
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

qint64 MainWindow::currentFolderId() const
{
    return m_messageModel->folderId();
}

bool MainWindow::currentFolderIsTrash() const
{
    return m_trashId && currentFolderId() == m_trashId;
}

void MainWindow::showAndRaise()
{
    showNormal();
    raise();
    activateWindow();
}

bool MainWindow::selectFolder(qint64 folderId)
{
    const QModelIndex index = m_folderModel->indexOf(folderId);
    if (!index.isValid())
        return false;
    m_folders->setCurrentIndex(index);
    if (m_messageModel->folderId() != folderId)
        folderChanged();
    return m_messageModel->folderId() == folderId;
}

void MainWindow::folderChanged()
{
    const QModelIndex index = m_folders->currentIndex();
    const qint64 id = FolderModel::folderIdOf(index);
    if (!index.isValid() || FolderModel::kindOf(index) == FolderModel::Kind::LocalRoot) {
        updateActions();
        return;
    }
    m_searchDelay->stop();
    if (!m_search->text().isEmpty()) {
        const QSignalBlocker block(m_search);
        m_search->clear();
    }
    if (auto st = m_messageModel->showFolder(id); !st) {
        showError(st.error());
        return;
    }
    m_reader->clear();
    if (m_messageModel->rowCount() > 0)
        m_messages->scrollToTop();
    updateActions();
    updateStatus();
}

void MainWindow::applySearch()
{
    m_searchDelay->stop();
    if (m_search->text() == m_messageModel->search())
        return;
    if (auto st = m_messageModel->setSearch(m_search->text()); !st) {
        m_search->setToolTip(errorMessage(st.error()));
        statusBar()->showMessage(errorMessage(st.error()), 5000);
        return;
    }
    m_search->setToolTip(QString());
    m_reader->clear();
    updateStatus();
}

QList<qint64> MainWindow::selectedMessageIds() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_messages->selectionModel()->selectedRows())
        rows << i.row();
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int r : rows)
        ids << m_messageModel->idAt(r);
    return ids;
}

void MainWindow::currentMessageChanged()
{
    showCurrentMessage();
    updateActions();
}

void MainWindow::showCurrentMessage()
{
    const QModelIndex current = m_messages->currentIndex();
    const auto summary = current.isValid() ? m_messageModel->summaryAt(current.row()) : std::nullopt;
    if (!summary) {
        m_reader->clear();
        return;
    }
    if (summary->id == m_reader->messageId())
        return;
    auto raw = m_store->rawMessage(summary->id);
    if (!raw) {
        m_reader->clear();
        showError(raw.error());
        return;
    }
    m_reader->showMessage(*summary, *raw);
    m_readMarker->shown(*summary);
}

void MainWindow::selectRowNear(int row)
{
    const int rows = m_messageModel->rowCount();
    if (rows == 0) {
        m_reader->clear();
        return;
    }
    const QModelIndex next = m_messageModel->index(std::clamp(row, 0, rows - 1), MessageListModel::SubjectColumn);
    m_messages->selectionModel()->setCurrentIndex(
        next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void MainWindow::refresh()
{
    if (auto st = m_folderModel->refresh(); !st)
        showError(st.error());
    if (auto st = m_messageModel->refresh(); !st)
        showError(st.error());
    updateActions();
    updateStatus();
}

void MainWindow::deleteSelected()
{
    const QList<qint64> ids = selectedMessageIds();
    if (ids.isEmpty())
        return;
    const int firstRow = m_messageModel->rowOf(ids.first());
    Status st;
    if (currentFolderIsTrash()) {
        if (!m_confirm(tr("Delete %n message(s) for good? They cannot be brought back.", nullptr, int(ids.size()))))
            return;
        st = m_store->deleteMessagesPermanently(ids);
    } else {
        st = m_store->trashMessages(ids);
    }
    if (!st) {
        showError(st.error());
        return;
    }
    refresh();
    selectRowNear(firstRow);
}

void MainWindow::markSelected(bool read)
{
    const QList<qint64> ids = selectedMessageIds();
    if (read)
        m_messageModel->setFlags(ids, Store::Flag::Seen, 0);
    else
        m_messageModel->setFlags(ids, 0, Store::Flag::Seen);
    updateActions();
}

void MainWindow::toggleFlagOnSelected()
{
    // Flag all unless all are flagged already.
    const QList<qint64> ids = selectedMessageIds();
    if (selectionMarks().allFlagged)
        m_messageModel->setFlags(ids, 0, Store::Flag::Flagged);
    else
        m_messageModel->setFlags(ids, Store::Flag::Flagged, 0);
    updateActions();
}

MainWindow::Marks MainWindow::selectionMarks() const
{
    Marks marks;
    const QModelIndexList rows = m_messages->selectionModel()->selectedRows();
    int looked = 0;
    for (const QModelIndex &row : rows) {
        if (++looked > MaxMarksLooked)
            break;
        const int flags = row.data(MessageListModel::FlagsRole).toInt();
        (flags & Store::Flag::Seen ? marks.anyRead : marks.anyUnread) = true;
        if (!(flags & Store::Flag::Flagged))
            marks.allFlagged = false;
    }
    marks.allFlagged = marks.allFlagged && !rows.isEmpty();
    return marks;
}

void MainWindow::moveSelectedTo(qint64 folderId, bool copy)
{
    const QList<qint64> ids = selectedMessageIds();
    if (ids.isEmpty() || (!copy && folderId == currentFolderId()))
        return;
    const int firstRow = m_messageModel->rowOf(ids.first());
    Status st;
    if (copy) {
        if (auto copied = m_store->copyMessages(ids, folderId); !copied)
            st = copied.error();
    } else if (folderId == m_trashId) {
        st = m_store->trashMessages(ids);
    } else {
        st = m_store->moveMessages(ids, folderId);
    }
    if (!st) {
        showError(st.error());
        return;
    }
    refresh();
    if (!copy)
        selectRowNear(firstRow);
}

// The folders as the tree shows them: each account's Inbox, the local
// folders (one with subfolders opens a submenu that starts with itself),
// and Trash (for moving only).
void MainWindow::fillFolderMenu(QMenu *menu, bool copy)
{
    menu->clear();
    qDeleteAll(menu->findChildren<QMenu *>(Qt::FindDirectChildrenOnly));  // the last opening's submenus
    addFolderActions(menu, QModelIndex(), copy);
}

void MainWindow::addFolderActions(QMenu *menu, const QModelIndex &parent, bool copy)
{
    for (int r = 0; r < m_folderModel->rowCount(parent); ++r) {
        const QModelIndex folder = m_folderModel->index(r, 0, parent);
        const QString name = menuText(folder.data(FolderModel::NameRole).toString());
        const QIcon icon = folder.data(Qt::DecorationRole).value<QIcon>();
        switch (FolderModel::kindOf(folder)) {
        case FolderModel::Kind::UnifiedInbox: continue;
        case FolderModel::Kind::LocalRoot:
            menu->addSection(icon, name);
            addFolderActions(menu, folder, copy);
            continue;
        case FolderModel::Kind::Trash:
            if (copy)
                continue;
            menu->addSeparator();
            break;
        case FolderModel::Kind::Inbox:
        case FolderModel::Kind::Local: break;
        }
        QMenu *into = m_folderModel->rowCount(folder) > 0 ? menu->addMenu(icon, name) : menu;
        const qint64 id = FolderModel::folderIdOf(folder);
        QAction *a = into->addAction(icon, name);
        a->setEnabled(copy || id != currentFolderId());
        connect(a, &QAction::triggered, this, [this, id, copy] { moveSelectedTo(id, copy); });
        if (into != menu) {
            into->addSeparator();
            addFolderActions(into, folder, copy);
        }
    }
}

void MainWindow::emptyTrash()
{
    if (!m_confirm(tr("Empty the Trash? Its messages are deleted for good.")))
        return;
    if (auto st = m_store->emptyTrash(); !st) {
        showError(st.error());
        return;
    }
    refresh();
    if (currentFolderIsTrash())
        m_reader->clear();
}

void MainWindow::newFolder()
{
    // Inside the current local folder, else at the top of Local Folders.
    const QModelIndex current = m_folders->currentIndex();
    const qint64 parent
        = FolderModel::kindOf(current) == FolderModel::Kind::Local ? FolderModel::folderIdOf(current) : 0;
    const QString name = m_askName(tr("New Folder"), QString());
    if (name.isEmpty())
        return;
    auto id = m_store->createFolder(parent, name);
    if (!id) {
        showError(id.error());
        return;
    }
    (void)m_folderModel->refresh();
    selectFolder(*id);
}

void MainWindow::renameCurrentFolder()
{
    const QModelIndex current = m_folders->currentIndex();
    if (FolderModel::kindOf(current) != FolderModel::Kind::Local)
        return;
    const QString name = m_askName(tr("Rename Folder"), current.data(FolderModel::NameRole).toString());
    if (name.isEmpty())
        return;
    m_folderModel->setData(current, name);
}

void MainWindow::deleteCurrentFolder()
{
    const QModelIndex current = m_folders->currentIndex();
    if (!current.isValid() || FolderModel::kindOf(current) != FolderModel::Kind::Local)
        return;
    const QString name = current.data(FolderModel::NameRole).toString();
    if (!m_confirm(tr("Delete the folder “%1” and its subfolders? Their messages go to the Trash.").arg(name)))
        return;
    if (auto st = m_store->deleteFolder(FolderModel::folderIdOf(current)); !st) {
        showError(st.error());
        return;
    }
    (void)m_folderModel->refresh();
    selectFolder(MailStore::UnifiedInbox);
}

void MainWindow::folderContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_folders->indexAt(pos);
    if (index.isValid())
        m_folders->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(m_newFolderAction);
    if (FolderModel::kindOf(index) == FolderModel::Kind::Local) {
        menu.addAction(m_renameFolderAction);
        menu.addAction(m_deleteFolderAction);
    }
    if (FolderModel::kindOf(index) == FolderModel::Kind::Trash)
        menu.addAction(m_emptyTrashAction);
    if (FolderModel::kindOf(index) == FolderModel::Kind::Inbox && index.isValid() && m_fetcher) {
        if (auto folder = m_store->folder(FolderModel::folderIdOf(index)); folder && folder->accountId) {
            const qint64 account = folder->accountId;
            menu.addSeparator();
            QAction *getMail = menu.addAction(tr("&Get Mail"));
            connect(getMail, &QAction::triggered, this, [this, account] { m_fetcher->getMailNow(account); });
            QAction *settings = menu.addAction(tr("Account &Settings…"));
            connect(settings, &QAction::triggered, this, [this, account] { openAccountSettings(account); });
        }
    }
    menu.exec(m_folders->viewport()->mapToGlobal(pos));
}

void MainWindow::messageContextMenu(const QPoint &pos)
{
    if (selectedMessageIds().isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(m_toggleReadAction);
    menu.addAction(m_flagAction);
    menu.addSeparator();
    menu.addMenu(m_moveMenu);
    menu.addMenu(m_copyMenu);
    menu.addSeparator();
    menu.addAction(m_deleteAction);
    menu.addAction(m_viewSourceAction);
    menu.exec(m_messages->viewport()->mapToGlobal(pos));
}

void MainWindow::updateActions()
{
    const bool any = m_messages->selectionModel() && m_messages->selectionModel()->hasSelection();
    for (QAction *a : { m_deleteAction, m_toggleReadAction, m_flagAction })
        a->setEnabled(any);
    // What the selection needs: mixed read and unread reads as "Mark as
    // Read"; a flag comes off only when every message has one.
    const Marks marks = selectionMarks();
    m_markReadAction->setEnabled(marks.anyUnread);
    m_markUnreadAction->setEnabled(marks.anyRead);
    const bool read = !any || marks.anyUnread;
    m_toggleReadAction->setText(read ? tr("Mark as &Read") : tr("Mark as &Unread"));
    m_toggleReadAction->setIcon(read ? m_markReadAction->icon() : m_markUnreadAction->icon());
    m_flagAction->setText(marks.allFlagged ? tr("Un&flag") : tr("&Flag"));
    m_moveMenu->setEnabled(any);
    m_copyMenu->setEnabled(any);
    m_viewSourceAction->setEnabled(m_reader->messageId() != 0);
    m_deleteAction->setText(currentFolderIsTrash() ? tr("&Delete for Good") : tr("&Delete"));
    const bool local = FolderModel::kindOf(m_folders->currentIndex()) == FolderModel::Kind::Local
        && m_folders->currentIndex().isValid();
    m_renameFolderAction->setEnabled(local);
    m_deleteFolderAction->setEnabled(local);
}

void MainWindow::updateStatus()
{
    const QModelIndex folder = m_folderModel->indexOf(currentFolderId());
    if (!folder.isValid()) {
        m_folderStatus->clear();
        return;
    }
    if (!m_messageModel->search().isEmpty()) {
        m_folderStatus->setText(tr("%n message(s) found", nullptr, m_messageModel->rowCount()));
        return;
    }
    m_folderStatus->setText(tr("%n message(s), %1 unread", nullptr, folder.data(FolderModel::TotalRole).toInt())
                                .arg(folder.data(FolderModel::UnreadRole).toInt()));
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    restoreGeometry(settings.value(kGeometry).toByteArray());
    restoreState(settings.value(kState).toByteArray());
    m_splitter->restoreState(settings.value(kSplitter).toByteArray());
    m_rightSplitter->restoreState(settings.value(kRightSplitter).toByteArray());
    QHeaderView *header = m_messages->header();
    header->restoreState(settings.value(kColumns).toByteArray());
    if (header->sectionSize(MessageListModel::SizeColumn) < sizeColumnWidth())
        header->resizeSection(MessageListModel::SizeColumn, sizeColumnWidth());
    // The restored sort indicator orders the list (sortingEnabled).
    m_messageModel->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    const qint64 folder = settings.value(kFolder, MailStore::UnifiedInbox).toLongLong();
    if (!selectFolder(folder))
        selectFolder(MailStore::UnifiedInbox);
}

void MainWindow::saveWindowState()
{
    QSettings settings;
    settings.setValue(kGeometry, saveGeometry());
    settings.setValue(kState, saveState());
    settings.setValue(kSplitter, m_splitter->saveState());
    settings.setValue(kRightSplitter, m_rightSplitter->saveState());
    settings.setValue(kColumns, m_messages->header()->saveState());
    settings.setValue(kFolder, currentFolderId());
}

void MainWindow::setTrayAvailable(bool available)
{
    m_trayAvailable = available;
    m_closeToTrayAction->setVisible(available);
}

bool MainWindow::closesToTray() const
{
    return m_trayAvailable && m_closeToTrayAction->isChecked();
}

void MainWindow::quit()
{
    m_quitting = true;
    saveWindowState();
    QApplication::quit();
}

int MainWindow::sizeColumnWidth() const
{
    // The widest size the column shows, and its title, with the cell's margins.
    const QFontMetrics metrics(m_messages->font());
    const int text = std::max(metrics.horizontalAdvance(MessageListModel::sizeText(qint64(999.9 * 1024 * 1024))),
        QFontMetrics(m_messages->header()->font())
            .horizontalAdvance(m_messageModel->headerData(MessageListModel::SizeColumn, Qt::Horizontal).toString()));
    const int margin = m_messages->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_messages) + 1;
    return text + 2 * margin + metrics.averageCharWidth() * 2;
}

// A click on a message's flag mark flags or unflags that message alone and
// leaves the selection as it is.
bool MainWindow::flagClick(QEvent *event)
{
    const auto *mouse = static_cast<QMouseEvent *>(event);
    const QModelIndex index = m_messages->indexAt(mouse->position().toPoint());
    if (!index.isValid() || index.column() != MessageListModel::FlagColumn || mouse->button() != Qt::LeftButton
        || mouse->modifiers() != Qt::NoModifier)
        return false;
    const qint64 id = m_messageModel->idAt(index.row());
    if (index.data(MessageListModel::FlagsRole).toInt() & Store::Flag::Flagged)
        m_messageModel->setFlags({ id }, 0, Store::Flag::Flagged);
    else
        m_messageModel->setFlags({ id }, Store::Flag::Flagged, 0);
    updateActions();
    return true;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_messages->viewport()) {
        switch (event->type()) {
        case QEvent::MouseButtonPress:
        case QEvent::MouseButtonDblClick:
            if (flagClick(event)) {
                m_flagClicked = true;
                return true;
            }
            m_flagClicked = false;
            break;
        case QEvent::MouseButtonRelease:
            if (std::exchange(m_flagClicked, false))
                return true;  // the press was the flag's
            break;
        case QEvent::Resize:
            if (m_noAccountHint->isVisible())
                m_noAccountHint->setGeometry(m_messages->viewport()->rect());
            break;
        default: break;
        }
        return QMainWindow::eventFilter(watched, event);
    }
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier) {
            // Clears the search (the whole folder again); then back to the list.
            if (!m_search->text().isEmpty())
                m_search->clear();
            else
                m_messages->setFocus(Qt::ShortcutFocusReason);
            return true;
        }
    }
    if (watched == m_messages && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Space && key->modifiers() == Qt::NoModifier) {
            readOn();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::readOn()
{
    QScrollBar *bar = m_reader->browser()->verticalScrollBar();
    if (m_reader->messageId() && bar->value() < bar->maximum()) {
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        return;
    }
    // The next unread message below the current one, else the next one.
    const int current = m_messages->currentIndex().isValid() ? m_messages->currentIndex().row() : -1;
    const int rows = m_messageModel->rowCount();
    int next = -1;
    for (int r = current + 1; r < rows && r < current + 1 + MessageListModel::PageSize * 5; ++r) {
        if (!(m_messageModel->index(r, 0).data(MessageListModel::FlagsRole).toInt() & Store::Flag::Seen)) {
            next = r;
            break;
        }
    }
    if (next < 0 && current + 1 < rows)
        next = current + 1;
    if (next >= 0) {
        m_messages->selectionModel()->setCurrentIndex(m_messageModel->index(next, MessageListModel::SubjectColumn),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_messages->scrollTo(m_messages->currentIndex());
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    if (closesToTray() && !m_quitting) {
        hide();
        event->ignore();
        Q_EMIT closedToTray();
        return;
    }
    event->accept();
    if (m_trayAvailable)
        QApplication::quit();  // with a tray, closing the last window does not quit by itself
}

void MainWindow::setMarkReadDelay(int msecs)
{
    m_readMarker->setDelay(msecs);
}

}  // namespace Poplar::Ui
