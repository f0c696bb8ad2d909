#include "widgets/MainWindow.h"

#include "actions/DialogPrompts.h"
#include "actions/FetchActions.h"
#include "actions/FolderActions.h"
#include "actions/MessageActions.h"
#include "fetch/ArrivalFollower.h"
#include "fetch/MailFetcher.h"
#include "models/FolderModel.h"
#include "models/MessageListModel.h"
#include "models/MessageOperations.h"
#include "store/Store.h"
#include "text/ErrorText.h"
#include "widgets/FolderTreeView.h"
#include "widgets/MessageListView.h"
#include "widgets/MessageView.h"
#include "widgets/NoAccountHint.h"
#include "widgets/OperationProgress.h"
#include "widgets/PlainText.h"
#include "widgets/ReadMarker.h"
#include "widgets/SearchField.h"
#include "widgets/WindowLayout.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

namespace Poplar::Ui {

using Store::MailStore;

namespace {

const QString kCloseToTray = QStringLiteral("preferences/closeToTray");

}  // namespace

MainWindow::MainWindow(MailStore *store, QWidget *parent)
    : QMainWindow(parent)
    , m_store(store)
{
    setWindowTitle(tr("Poplar"));
    setObjectName(QStringLiteral("MainWindow"));

    // Every store write the window asks for, in order, off the GUI thread.
    // The lists follow each one first (connected before the actions
    // objects, which then put the selection where it belongs).
    m_operations = new MessageOperations(m_store, this);
    connect(m_operations, &MessageOperations::finished, this,
        [this](quint64, MessageOperations::Kind kind) { operationEnded(kind); });
    connect(m_operations, &MessageOperations::failed, this,
        [this](quint64, MessageOperations::Kind kind) { operationEnded(kind); });
    m_folderModel = new FolderModel(m_store, m_operations, this);
    m_messageModel = new MessageListModel(m_store, m_operations, this);
    createPanes();

    m_messageActions
        = new MessageActions(this, { m_messages, m_messageModel, m_folderModel, m_reader }, m_operations, this);
    connect(m_messageActions, &MessageActions::errorOccurred, this, &MainWindow::showError);
    m_folderActions = new FolderActions(this, m_folders, m_folderModel, m_operations, this);
    connect(m_folderActions, &FolderActions::errorOccurred, this, &MainWindow::showError);
    connect(m_folderActions, &FolderActions::folderCreated, this, &MainWindow::selectFolder);
    connect(m_folderActions, &FolderActions::folderDeleted, this, [this] {
        if (!m_folderModel->indexOf(currentFolderId()).isValid())
            selectFolder(MailStore::UnifiedInbox);  // the one shown went with it
    });
    connect(m_folderActions, &FolderActions::trashEmptied, this, [this] {
        if (FolderModel::kindOf(m_folderModel->indexOf(currentFolderId())) == FolderModel::Kind::Trash)
            m_reader->clear();
    });
    m_composeActions = new ComposeActions(this, m_store, [this]() -> qint64 {
        const QList<qint64> ids = m_messageActions->selectedMessageIds();
        return ids.size() == 1 ? ids.first() : 0;
    }, this);
    connect(m_composeActions, &ComposeActions::messageQueued, this, [this](qint64, qint64, bool sendNow) {
        statusBar()->showMessage(sendNow ? tr("The message is in the outbox and is being sent.")
                                         : tr("The message waits in the outbox; it goes out with the next check for mail."),
            10000);
        m_arrivals->keepPlaceWhile([this] { refresh(); });
    });
    m_fetchActions = new FetchActions(this, m_store, this);
    connect(m_fetchActions, &FetchActions::errorOccurred, this, &MainWindow::showError);
    connect(m_fetchActions, &FetchActions::errorShown, this, &MainWindow::errorShown);
    connect(m_fetchActions, &FetchActions::accountsChanged, this, &MainWindow::accountsChanged);
    connect(m_fetchActions, &FetchActions::messagesSent, this, [this] { m_arrivals->keepPlaceWhile([this] { refresh(); }); });
    connect(m_fetchActions, &FetchActions::folderToShow, this, &MainWindow::selectFolder);
    connect(m_fetchActions, &FetchActions::messageCompleted, this, [this](qint64 id) {
        refresh();
        // Show the whole message if it is the one being read.
        if (m_reader->messageId() == id) {
            m_reader->clear();
            showCurrentMessage();
        }
    });
    connect(m_reader, &MessageView::downloadRestRequested, m_fetchActions, &FetchActions::downloadRest);
    connect(m_reader, &MessageView::deleteFromServerRequested, m_fetchActions, &FetchActions::deleteFromServer);
    setPrompts(std::make_unique<DialogPrompts>(this));

    m_folderStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_folderStatus);
    m_operationProgress = new OperationProgress(m_operations, this);
    statusBar()->addPermanentWidget(m_operationProgress);
    connect(m_operationProgress, &OperationProgress::stopped, statusBar(),
        [this](const QString &text) { statusBar()->showMessage(text); });

    createMenus();
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

void MainWindow::createPanes()
{
    m_folders = new FolderTreeView(this);
    m_folders->setObjectName(QStringLiteral("folderTree"));
    m_folders->setAccessibleName(tr("Folders"));
    m_folders->setHeaderHidden(true);
    m_folders->setModel(m_folderModel);
    m_folders->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_folders->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_folders, &QWidget::customContextMenuRequested, this, &MainWindow::folderContextMenu);
    connect(m_folderModel, &FolderModel::operationFailed, this, &MainWindow::showError);
    // A rebuilt tree (a folder added, moved or removed) keeps the folder shown.
    connect(m_folderModel, &QAbstractItemModel::modelReset, this, [this] {
        m_folders->expandAll();
        const QModelIndex current = m_folderModel->indexOf(m_messageModel->folderId());
        const QSignalBlocker block(m_folders->selectionModel());
        m_folders->setCurrentIndex(current);
    });

    m_messages = new MessageListView(m_messageModel, this);
    connect(m_messages, &QWidget::customContextMenuRequested, this,
        [this](const QPoint &pos) { m_messageActions->contextMenu(pos); });
    connect(m_messages, &MessageListView::flagClicked, this, [this](int row) { m_messageActions->flagClicked(row); });
    connect(m_messages, &MessageListView::readOnRequested, this, [this] { m_messageActions->readOn(); });
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
    connect(m_messages->noAccountHint(), &NoAccountHint::addAccountRequested, this, &MainWindow::addAccount);
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

    m_arrivals = new ArrivalFollower(m_messages, m_messageModel, m_folderModel, this);
    connect(m_arrivals, &ArrivalFollower::followed, this, [this] {
        updateActions();
        updateStatus();
    });

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
}

QTreeView *MainWindow::messageListView() const
{
    return m_messages;
}

QLineEdit *MainWindow::searchField() const
{
    return m_search;
}

void MainWindow::setPrompts(std::unique_ptr<Prompts> prompts)
{
    m_prompts = std::move(prompts);
    m_messageActions->setPrompts(m_prompts.get());
    m_folderActions->setPrompts(m_prompts.get());
    m_fetchActions->setPrompts(m_prompts.get());
}

void MainWindow::createMenus()
{
    auto make = [this](const QString &name, const QString &text, const QKeySequence &key = {}) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        if (!key.isEmpty())
            a->setShortcut(key);
        addAction(a);
        return a;
    };

    // File: getting mail and accounts, folders, the application.
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_fetchActions->getMailAction());
    file->addMenu(m_fetchActions->getMailMenu());
    file->addSeparator();
    file->addAction(m_fetchActions->addAccountAction());
    file->addMenu(m_fetchActions->accountsMenu());
    file->addSeparator();
    file->addAction(m_folderActions->newFolderAction());
    file->addAction(m_folderActions->emptyTrashAction());
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
    edit->addAction(m_messageActions->selectAllAction());

    QMenu *message = menuBar()->addMenu(tr("&Message"));
    message->addAction(m_composeActions->writeAction());
    message->addAction(m_composeActions->replyAction());
    message->addAction(m_composeActions->replyAllAction());
    message->addAction(m_composeActions->forwardAction());
    message->addAction(m_composeActions->forwardAsAttachmentAction());
    message->addSeparator();
    message->addAction(m_messageActions->markReadAction());
    message->addAction(m_messageActions->markUnreadAction());
    message->addAction(m_messageActions->flagAction());
    message->addSeparator();
    message->addMenu(m_messageActions->moveMenu());
    message->addMenu(m_messageActions->copyMenu());
    message->addSeparator();
    message->addAction(m_messageActions->deleteAction());
    message->addSeparator();
    message->addAction(m_messageActions->viewSourceAction());

    QMenu *folder = menuBar()->addMenu(tr("F&older"));
    folder->addAction(m_folderActions->newFolderAction());
    folder->addAction(m_folderActions->renameFolderAction());
    folder->addAction(m_folderActions->deleteFolderAction());
    folder->addSeparator();
    folder->addAction(m_folderActions->emptyTrashAction());

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
    bar->addAction(m_fetchActions->getMailAction());
    if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(m_fetchActions->getMailAction()))) {
        button->setMenu(m_fetchActions->getMailMenu());
        button->setPopupMode(QToolButton::MenuButtonPopup);
    }
    bar->addAction(m_composeActions->writeAction());
    bar->addSeparator();
    bar->addAction(m_composeActions->replyAction());
    bar->addAction(m_composeActions->replyAllAction());
    bar->addAction(m_composeActions->forwardAction());
    bar->addSeparator();
    bar->addAction(m_messageActions->deleteAction());
    bar->addAction(m_messageActions->toggleReadAction());
    bar->addAction(m_messageActions->flagAction());

    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_search = new SearchField(bar);
    bar->addWidget(m_search);
    connect(m_search, &SearchField::searchRequested, this, &MainWindow::applySearch);
    connect(m_search, &SearchField::leaveRequested, this, [this] { m_messages->setFocus(Qt::ShortcutFocusReason); });
}

void MainWindow::setFetcher(MailFetcher *fetcher)
{
    m_fetchActions->setFetcher(fetcher);
    m_composeActions->setFetcher(fetcher);
    if (!fetcher)
        return;
    // The lists show each batch a fetch commits, and all of it once it ends.
    connect(fetcher, &MailFetcher::mailStored, m_arrivals, &ArrivalFollower::follow);
    connect(fetcher, &MailFetcher::mailArrived, this,
        [this](qint64, int) { m_arrivals->keepPlaceWhile([this] { refresh(); }); });
}

void MainWindow::startFetching()
{
    m_fetchActions->startFetching();
    updateNoAccountHint();
}

void MainWindow::accountsChanged()
{
    m_composeActions->accountsChanged();
    refresh();
    updateNoAccountHint();
}

void MainWindow::updateNoAccountHint()
{
    MailFetcher *fetcher = m_fetchActions->fetcher();
    const bool show = fetcher && fetcher->accounts().isEmpty() && m_messageModel->rowCount() == 0;
    m_messages->setNoAccountHintVisible(show);
}

// A store write the window asked for is done (or failed): the lists show
// what the store holds now.
void MainWindow::operationEnded(MessageOperations::Kind kind)
{
    if (kind != MessageOperations::Kind::Flags)  // the list shows marks as they are asked
        refresh();
}

void MainWindow::folderContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_folders->indexAt(pos);
    if (index.isValid())
        m_folders->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(m_folderActions->newFolderAction());
    const FolderModel::Kind kind = FolderModel::kindOf(index);
    if (kind == FolderModel::Kind::Local) {
        menu.addAction(m_folderActions->renameFolderAction());
        menu.addAction(m_folderActions->deleteFolderAction());
    }
    if (kind == FolderModel::Kind::Trash)
        menu.addAction(m_folderActions->emptyTrashAction());
    if (kind == FolderModel::Kind::Inbox && index.isValid())
        m_fetchActions->addAccountItems(&menu, FolderModel::folderIdOf(index));
    menu.exec(m_folders->viewport()->mapToGlobal(pos));
}

void MainWindow::updateActions()
{
    m_messageActions->updateActions();
    m_composeActions->updateActions();
    m_folderActions->updateActions();
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
    const qint64 folder = WindowLayout::restore({ this, m_splitter, m_rightSplitter, m_messages->header() });
    m_messages->fitSizeColumn();
    // The restored sort indicator orders the list (sortingEnabled).
    QHeaderView *header = m_messages->header();
    m_messageModel->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    if (!selectFolder(folder))
        selectFolder(MailStore::UnifiedInbox);
}

void MainWindow::saveWindowState()
{
    WindowLayout::save({ this, m_splitter, m_rightSplitter, m_messages->header() }, currentFolderId());
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
    // What is being written is not dropped: each composer asks first.
    if (!m_composeActions->closeAll())
        return;
    m_quitting = true;
    saveWindowState();
    QApplication::quit();
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
    if (!m_composeActions->closeAll()) {
        event->ignore();
        return;
    }
    event->accept();
    if (m_trayAvailable)
        QApplication::quit();  // with a tray, closing the last window does not quit by itself
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

qint64 MainWindow::currentFolderId() const
{
    return m_messageModel->folderId();
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
    m_search->cancelPending();
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

void MainWindow::refresh()
{
    if (auto st = m_folderModel->refresh(); !st)
        showError(st.error());
    if (auto st = m_messageModel->refresh(); !st)
        showError(st.error());
    updateActions();
    updateStatus();
}

void MainWindow::setMarkReadDelay(int msecs)
{
    m_readMarker->setDelay(msecs);
}

}  // namespace Poplar::Ui
