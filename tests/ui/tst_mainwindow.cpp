// The main window over a real store on the offscreen platform: the three
// panes with accessible names; reading marks read; deleting to Trash and
// for good (after asking); moving and copying (by menu, and by dragging
// from the list onto the tree: plain moves, Ctrl copies); flagging (the
// flag column, without waiting for the disk) and actions that follow the
// selection; compact sizes; searching in place, as you type, Escape;
// folder and account names with '&' in menus; folders made, renamed and
// deleted; keyboard shortcuts; layout, columns, sort order and folder
// remembered; and the German UI (Qt's strings too).

#include "HeldWriter.h"
#include "MemoryKeychain.h"
#include "ScriptedPrompts.h"
#include "accounts/AccountStore.h"
#include "fetch/MailFetcher.h"
#include "models/FolderModel.h"
#include "models/MessageListModel.h"
#include "models/MessageOperations.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "text/ErrorText.h"
#include "text/Translations.h"
#include "widgets/MainWindow.h"
#include "widgets/MessageView.h"
#include "widgets/PasswordDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDrag>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeView>

#include <memory>

using namespace Store;
using Poplar::Ui::FolderModel;
using Poplar::Ui::MainWindow;
using Poplar::Ui::MessageListModel;

namespace {

PreparedMessage message(qint64 folderId, int n, int flags = 0)
{
    MessagePreparer::Input in;
    in.raw = "From: Sender " + QByteArray::number(n) + " <s" + QByteArray::number(n)
        + "@example.org>\r\nTo: me@example.org\r\nSubject: Message " + QByteArray::number(n)
        + (n % 2 ? " odd" : " even") + "\r\nDate: " + QByteArray::number(n)
        + " Nov 2026 09:00:00 +0000\r\n\r\nBody of message " + QByteArray::number(n) + ".\r\n";
    in.folderId = folderId;
    in.flags = flags;
    in.receivedAt = QDateTime(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC);
    return MessagePreparer::prepare(in).value();
}

}  // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MailStore> m_store;
    qint64 m_inbox = 0;
    QList<qint64> m_ids;  // Message 1 … 6, oldest first

    std::unique_ptr<MainWindow> window()
    {
        auto w = std::make_unique<MainWindow>(m_store.get());
        w->setPrompts(std::make_unique<ScriptedPrompts>());
        prompts(*w).confirmation = [](const QString &) { return true; };
        w->show();
        w->activateWindow();
        if (!QTest::qWaitForWindowActive(w.get()))
            qWarning("the main window did not become active");
        return w;
    }

    QList<qint64> listed(MainWindow &w) { return w.messageModel()->ids(); }

    static ScriptedPrompts &prompts(MainWindow &w) { return static_cast<ScriptedPrompts &>(w.prompts()); }

    // Waits until the store writes the window asked for are stored and the
    // window has followed them.
    static bool settled(MainWindow &w)
    {
        return QTest::qWaitFor([&] { return w.operations()->pending() == 0; }, 10000);
    }

    QAction *action(MainWindow &w, const char *name) { return w.findChild<QAction *>(QString::fromLatin1(name)); }

    int flagsShown(MainWindow &w, qint64 id)
    {
        return w.messageModel()->index(w.messageModel()->rowOf(id), 0).data(MessageListModel::FlagsRole).toInt();
    }

    // Every action of a menu and its submenus, the menu filled as it is
    // when it opens.
    QList<QAction *> menuActions(QMenu *menu)
    {
        Q_EMIT menu->aboutToShow();
        QList<QAction *> out;
        for (QAction *a : menu->actions()) {
            out << a;
            if (a->menu())
                out += menuActions(a->menu());
        }
        return out;
    }

    // The width the Size column's cells on screen want.
    int sizeNeeded(MainWindow &w)
    {
        return static_cast<QAbstractItemView *>(w.messageListView())->sizeHintForColumn(MessageListModel::SizeColumn);
    }

    // A message whose raw bytes are exactly `size` long.
    qint64 addSized(const QByteArray &subject, qint64 size)
    {
        MessagePreparer::Input in;
        in.raw = "From: Big <big@example.org>\r\nSubject: " + subject + "\r\nDate: 1 Dec 2026 09:00:00 +0000\r\n\r\n";
        while (in.raw.size() + 80 < size)
            in.raw += QByteArray(78, 'x') + "\r\n";
        in.raw += QByteArray(int(size - in.raw.size()), 'y');
        in.folderId = m_inbox;
        in.receivedAt = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
        return m_store->insertMessage(MessagePreparer::prepare(in).value()).value();
    }

    void select(MainWindow &w, qint64 id)
    {
        const int row = w.messageModel()->rowOf(id);
        QVERIFY(row >= 0);
        w.messageListView()->selectionModel()->setCurrentIndex(
            w.messageModel()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

    // Drags the selected messages out of the list the way a user does: a
    // press on a selected row and a move past the drag distance make the
    // list start its own drag (the offscreen platform ends it at once, and
    // the QDrag stays until the event loop runs). Its data and the actions
    // it offers then go to a folder of the tree as the platform delivers
    // them, with `modifiers` held: enter, move, drop. Returns the action the
    // drop took, IgnoreAction when it was refused; `offered` gets the
    // drag's default action.
    Qt::DropAction dragSelectionOnto(MainWindow &w, const QModelIndex &folder, Qt::KeyboardModifiers modifiers,
        Qt::DropAction *offered = nullptr, QPoint at = {})
    {
        QTreeView *list = w.messageListView();
        const QList<qint64> selected = w.selectedMessageIds();
        if (selected.isEmpty())
            return Qt::IgnoreAction;
        QWidget *source = list->viewport();
        const QPoint start
            = list->visualRect(w.messageModel()->index(w.messageModel()->rowOf(selected.first()), 2)).center();
        const QPoint away = start + QPoint(QApplication::startDragDistance() * 2 + 4, 0);
        QMouseEvent press(
            QEvent::MouseButtonPress, start, source->mapToGlobal(start), Qt::LeftButton, Qt::LeftButton, {});
        QApplication::sendEvent(source, &press);
        for (const QPoint &p : { start + QPoint(1, 0), away }) {
            QMouseEvent move(QEvent::MouseMove, p, source->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
            QApplication::sendEvent(source, &move);
        }
        QDrag *drag = list->findChild<QDrag *>();
        if (!drag || !drag->mimeData())
            return Qt::IgnoreAction;
        if (offered)
            *offered = drag->defaultAction();
        QTreeView *tree = w.folderView();
        QWidget *target = tree->viewport();
        const QPoint point = at.isNull() ? tree->visualRect(folder).center() : at;
        QDragEnterEvent enter(point, drag->supportedActions(), drag->mimeData(), Qt::LeftButton, modifiers);
        QApplication::sendEvent(target, &enter);
        if (!enter.isAccepted())
            return Qt::IgnoreAction;
        QDragMoveEvent over(point, drag->supportedActions(), drag->mimeData(), Qt::LeftButton, modifiers);
        QApplication::sendEvent(target, &over);
        if (!over.isAccepted())
            return Qt::IgnoreAction;
        QDropEvent drop(QPointF(point), drag->supportedActions(), drag->mimeData(), Qt::LeftButton, modifiers);
        QApplication::sendEvent(target, &drop);
        // The same action in the move and the drop: the cursor said what happens.
        if (!drop.isAccepted() || drop.dropAction() != over.dropAction())
            return Qt::IgnoreAction;
        return drop.dropAction();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("poplar-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));  // plurals
    }

    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = MailStore::open(m_dir->filePath(QStringLiteral("profile"))).value();
        QVERIFY(m_store->createAccount(QStringLiteral("Work")));
        m_inbox = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
        QList<PreparedMessage> batch;
        for (int n = 1; n <= 6; ++n)
            batch << message(m_inbox, n, n == 1 ? Flag::Seen : 0);
        m_ids = m_store->insertMessages(batch).value();
        // As once the idle store has indexed them: a search shows them at once.
        QVERIFY(m_store->catchUpSearchIndex());
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void panesExist()
    {
        auto w = window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QCOMPARE(w->windowTitle(), QStringLiteral("Poplar"));
        auto *folders = w->findChild<QTreeView *>(QStringLiteral("folderTree"));
        auto *list = w->findChild<QTreeView *>(QStringLiteral("messageList"));
        auto *reader = w->findChild<QTextBrowser *>(QStringLiteral("readingPane"));
        QVERIFY(folders && list && reader);
        QVERIFY(!folders->accessibleName().isEmpty());
        QVERIFY(!list->accessibleName().isEmpty());
        QVERIFY(!reader->accessibleName().isEmpty());
        QVERIFY(!w->searchField()->accessibleName().isEmpty());
        QVERIFY(!reader->openLinks());  // links never open by themselves
        // The Unified Inbox first, newest first.
        QCOMPARE(w->messageModel()->folderId(), MailStore::UnifiedInbox);
        QCOMPARE(listed(*w), (QList<qint64> { m_ids[5], m_ids[4], m_ids[3], m_ids[2], m_ids[1], m_ids[0] }));
        QCOMPARE(FolderModel::folderIdOf(folders->currentIndex()), MailStore::UnifiedInbox);
    }

    void readingAMessageMarksItRead()
    {
        auto w = window();
        QCOMPARE(w->folderModel()->indexOf(m_inbox).data(FolderModel::UnreadRole).toInt(), 5);
        select(*w, m_ids[2]);
        w->messageListView()->setFocus();
        QCOMPARE(w->messageView()->messageId(), m_ids[2]);
        QVERIFY(w->messageView()->browser()->toPlainText().contains(QStringLiteral("Body of message 3")));
        // Written away from the GUI thread: the list shows it at once, the store soon.
        QVERIFY(
            w->messageModel()->index(w->messageModel()->rowOf(m_ids[2]), 0).data(MessageListModel::FlagsRole).toInt()
            & Flag::Seen);
        QTRY_VERIFY(m_store->message(m_ids[2])->isSeen());
        QTRY_COMPARE(w->folderModel()->indexOf(m_inbox).data(FolderModel::UnreadRole).toInt(), 4);
        // Marked unread again with U, read with R.
        QTest::keyClick(w->messageListView(), Qt::Key_U);
        QTRY_VERIFY(!m_store->message(m_ids[2])->isSeen());
        QTRY_COMPARE(w->folderModel()->indexOf(m_inbox).data(FolderModel::UnreadRole).toInt(), 5);
        QTest::keyClick(w->messageListView(), Qt::Key_R);
        QTRY_VERIFY(m_store->message(m_ids[2])->isSeen());
        // S flags, and again unflags.
        QTest::keyClick(w->messageListView(), Qt::Key_S);
        QTRY_VERIFY(m_store->message(m_ids[2])->flags & Flag::Flagged);
        QTest::keyClick(w->messageListView(), Qt::Key_S);
        QTRY_VERIFY(!(m_store->message(m_ids[2])->flags & Flag::Flagged));
    }

    void spaceReadsOn()
    {
        // A long message first: Space pages through it before moving on.
        MessagePreparer::Input in;
        in.raw = "From: Long <long@example.org>\r\nSubject: Long one\r\nDate: 30 Nov 2026 09:00:00 +0000\r\n\r\n";
        for (int i = 0; i < 300; ++i)
            in.raw += "Line " + QByteArray::number(i) + "\r\n";
        in.folderId = m_inbox;
        in.receivedAt = QDateTime(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);
        const qint64 longOne = m_store->insertMessage(MessagePreparer::prepare(in).value()).value();
        QVERIFY(m_store->setFlags({ m_ids[4] }, Flag::Seen, 0));

        auto w = window();
        QVERIFY(w->selectFolder(m_inbox));
        select(*w, longOne);
        w->messageListView()->setFocus();
        QCOMPARE(w->messageView()->messageId(), longOne);
        QScrollBar *bar = w->messageView()->browser()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), 0);
        QTest::keyClick(w->messageListView(), Qt::Key_Space);
        QVERIFY(bar->value() > 0);
        QCOMPARE(w->messageView()->messageId(), longOne);  // still reading it
        while (bar->value() < bar->maximum())
            QTest::keyClick(w->messageListView(), Qt::Key_Space);
        // At its end: the next unread message (Message 5 was read already).
        QTest::keyClick(w->messageListView(), Qt::Key_Space);
        QCOMPARE(w->messageView()->messageId(), m_ids[5]);
        QTest::keyClick(w->messageListView(), Qt::Key_Space);
        QCOMPARE(w->messageView()->messageId(), m_ids[3]);
    }

    void deletingGoesToTrashThenForGood()
    {
        auto w = window();
        QVERIFY(w->selectFolder(m_inbox));
        select(*w, m_ids[3]);
        w->messageListView()->setFocus();
        QTest::keyClick(w->messageListView(), Qt::Key_Delete);
        QVERIFY(settled(*w));
        const qint64 trash = m_store->trashFolderId().value();
        QCOMPARE(m_store->message(m_ids[3])->folderId, trash);
        QVERIFY(!listed(*w).contains(m_ids[3]));
        // The next message takes its place.
        QCOMPARE(w->messageModel()->idAt(w->messageListView()->currentIndex().row()), m_ids[2]);

        QVERIFY(w->selectFolder(trash));
        QCOMPARE(listed(*w), QList<qint64> { m_ids[3] });
        select(*w, m_ids[3]);
        QStringList asked;
        prompts(*w).confirmation = [&](const QString &q) {
            asked << q;
            return false;
        };
        w->deleteSelected();
        QCOMPARE(asked.size(), 1);
        QVERIFY(m_store->message(m_ids[3]));  // declined: still there
        prompts(*w).confirmation = [](const QString &) { return true; };
        w->deleteSelected();
        QVERIFY(settled(*w));
        QVERIFY(!m_store->message(m_ids[3]));
        QVERIFY(listed(*w).isEmpty());

        // Empty Trash.
        QVERIFY(w->selectFolder(m_inbox));
        select(*w, m_ids[0]);
        w->deleteSelected();
        w->emptyTrash();
        QVERIFY(settled(*w));
        QVERIFY(m_store->messageIds(trash)->isEmpty());
    }

    void movingCopyingAndFolders()
    {
        auto w = window();
        QStringList names { QStringLiteral("Projects") };
        prompts(*w).folderName = [&](const QString &, const QString &) { return names.takeFirst(); };
        QVERIFY(w->selectFolder(m_inbox));
        w->newFolder();
        QVERIFY(settled(*w));
        const qint64 projects = m_store->folderByPath(QStringLiteral("Local/Projects"))->id;
        QCOMPARE(w->messageModel()->folderId(), projects);  // the new folder is shown

        QVERIFY(w->selectFolder(m_inbox));
        select(*w, m_ids[5]);
        w->messageListView()->selectionModel()->select(w->messageModel()->index(w->messageModel()->rowOf(m_ids[4]), 0),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(w->selectedMessageIds(), (QList<qint64> { m_ids[5], m_ids[4] }));
        w->moveSelectedTo(projects);
        QVERIFY(settled(*w));
        QCOMPARE(m_store->messageIds(projects)->size(), 2);
        QCOMPARE(listed(*w).size(), 4);
        select(*w, m_ids[0]);
        w->moveSelectedTo(projects, true);
        QVERIFY(settled(*w));
        QCOMPARE(m_store->messageIds(projects)->size(), 3);
        QCOMPARE(listed(*w).size(), 4);

        // Renamed, then deleted: its mail goes to Trash.
        QVERIFY(w->selectFolder(projects));
        names << QStringLiteral("Archive");
        w->renameCurrentFolder();
        QVERIFY(settled(*w));
        QCOMPARE(m_store->folder(projects)->name, QStringLiteral("Archive"));
        w->deleteCurrentFolder();
        QVERIFY(settled(*w));
        QVERIFY(!m_store->folder(projects));
        QCOMPARE(m_store->messageIds(m_store->trashFolderId().value())->size(), 3);
        QCOMPARE(w->messageModel()->folderId(), MailStore::UnifiedInbox);

        // A name the store refuses is reported.
        QSignalSpy errors(w.get(), &MainWindow::errorShown);
        names << QStringLiteral("a/b");
        w->newFolder();
        QVERIFY(settled(*w));
        QCOMPARE(errors.size(), 1);
    }

    void aPlainDragMovesAndCtrlDragCopies()
    {
        const qint64 kept = m_store->ensureLocalFolder(QStringLiteral("Local/Kept")).value();
        const qint64 deep = m_store->ensureLocalFolder(QStringLiteral("Local/Kept/Deep")).value();
        const qint64 trash = m_store->trashFolderId().value();
        auto w = window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->selectFolder(m_inbox));
        select(*w, m_ids[5]);
        w->messageListView()->selectionModel()->select(w->messageModel()->index(w->messageModel()->rowOf(m_ids[4]), 0),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(w->selectedMessageIds(), (QList<qint64> { m_ids[5], m_ids[4] }));

        // No key held: moved. The list offers a move, and the tree takes one.
        Qt::DropAction offered = Qt::IgnoreAction;
        QCOMPARE(dragSelectionOnto(*w, w->folderModel()->indexOf(kept), {}, &offered), Qt::MoveAction);
        QCOMPARE(offered, Qt::MoveAction);
        QVERIFY(settled(*w));
        QCOMPARE(m_store->messageIds(kept).value().size(), 2);
        QCOMPARE(m_store->message(m_ids[5])->folderId, kept);
        QCOMPARE(m_store->message(m_ids[4])->folderId, kept);
        QTRY_COMPARE(listed(*w).size(), 4);  // gone from the list they came from
        QVERIFY(!listed(*w).contains(m_ids[5]) && !listed(*w).contains(m_ids[4]));

        // Ctrl held: copied; the originals stay.
        select(*w, m_ids[3]);
        QCOMPARE(dragSelectionOnto(*w, w->folderModel()->indexOf(kept), Qt::ControlModifier), Qt::CopyAction);
        QVERIFY(settled(*w));
        QCOMPARE(m_store->messageIds(kept).value().size(), 3);
        QCOMPARE(m_store->message(m_ids[3])->folderId, m_inbox);
        QTest::qWait(0);
        QCOMPARE(listed(*w).size(), 4);

        // Shift is no copy either: moved.
        select(*w, m_ids[3]);
        QCOMPARE(dragSelectionOnto(*w, w->folderModel()->indexOf(kept), Qt::ShiftModifier), Qt::MoveAction);
        QVERIFY(settled(*w));
        QCOMPARE(m_store->message(m_ids[3])->folderId, kept);
        QTRY_COMPARE(listed(*w).size(), 3);

        // The lower edge of a folder's row is that folder, not "below" it.
        select(*w, m_ids[2]);
        const QRect deepRow = w->folderView()->visualRect(w->folderModel()->indexOf(deep));
        QCOMPARE(
            dragSelectionOnto(*w, {}, {}, nullptr, QPoint(deepRow.center().x(), deepRow.bottom())), Qt::MoveAction);
        QVERIFY(settled(*w));
        QCOMPARE(m_store->message(m_ids[2])->folderId, deep);
        QTRY_COMPARE(listed(*w).size(), 2);

        // Trash takes a move (the messages are trashed), never a copy.
        select(*w, m_ids[1]);
        QCOMPARE(dragSelectionOnto(*w, w->folderModel()->indexOf(trash), Qt::ControlModifier), Qt::IgnoreAction);
        QCOMPARE(m_store->message(m_ids[1])->folderId, m_inbox);
        QCOMPARE(dragSelectionOnto(*w, w->folderModel()->indexOf(trash), {}), Qt::MoveAction);
        QVERIFY(settled(*w));
        QCOMPARE(m_store->message(m_ids[1])->folderId, trash);
        QTRY_COMPARE(listed(*w).size(), 1);
        // Nothing lands on the Unified Inbox.
        select(*w, m_ids[0]);
        QCOMPARE(dragSelectionOnto(*w, w->folderModel()->indexOf(MailStore::UnifiedInbox), {}), Qt::IgnoreAction);
        QCOMPARE(m_store->message(m_ids[0])->folderId, m_inbox);
    }

    void actionsFollowTheSelection()
    {
        auto w = window();
        QVERIFY(w->selectFolder(m_inbox));
        QAction *toggleRead = action(*w, "toggleRead");
        QAction *flag = action(*w, "toggleFlag");
        QVERIFY(toggleRead && flag);
        // Message 1 was read already; Message 5 joins the selection unread.
        select(*w, m_ids[0]);
        QCOMPARE(toggleRead->text(), QStringLiteral("Mark as &Unread"));
        QVERIFY(!action(*w, "markRead")->isEnabled());
        QVERIFY(action(*w, "markUnread")->isEnabled());
        QCOMPARE(flag->text(), QStringLiteral("&Flag"));
        w->messageListView()->selectionModel()->select(w->messageModel()->index(w->messageModel()->rowOf(m_ids[4]), 0),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        // Mixed: reading them is what the button offers, as mail clients do.
        QCOMPARE(toggleRead->text(), QStringLiteral("Mark as &Read"));
        QVERIFY(action(*w, "markRead")->isEnabled() && action(*w, "markUnread")->isEnabled());
        toggleRead->trigger();
        QCOMPARE(toggleRead->text(), QStringLiteral("Mark as &Unread"));
        QTRY_VERIFY(m_store->message(m_ids[4])->isSeen());
        toggleRead->trigger();
        QCOMPARE(toggleRead->text(), QStringLiteral("Mark as &Read"));
        QTRY_VERIFY(!m_store->message(m_ids[4])->isSeen() && !m_store->message(m_ids[0])->isSeen());
        // The toolbar's button is this action.
        auto *bar = w->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
        QVERIFY(bar && bar->actions().contains(toggleRead) && bar->actions().contains(flag));

        flag->trigger();
        QCOMPARE(flag->text(), QStringLiteral("Un&flag"));
        QTRY_VERIFY(
            (m_store->message(m_ids[4])->flags & Flag::Flagged) && (m_store->message(m_ids[0])->flags & Flag::Flagged));
        // One more, unflagged: Flag (all of them) again.
        w->messageListView()->selectionModel()->select(w->messageModel()->index(w->messageModel()->rowOf(m_ids[2]), 0),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(flag->text(), QStringLiteral("&Flag"));
        flag->trigger();
        QCOMPARE(flag->text(), QStringLiteral("Un&flag"));
        QTRY_VERIFY(m_store->message(m_ids[2])->flags & Flag::Flagged);
        flag->trigger();
        QCOMPARE(flag->text(), QStringLiteral("&Flag"));
        QTRY_VERIFY(!(m_store->message(m_ids[0])->flags & Flag::Flagged));
        QTRY_VERIFY(!(m_store->message(m_ids[2])->flags & Flag::Flagged));
    }

    void clickingTheFlagColumnFlagsThatMessage()
    {
        auto w = window();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->selectFolder(m_inbox));
        select(*w, m_ids[5]);
        QTreeView *list = w->messageListView();
        auto flagCell = [&](qint64 id) {
            return list->visualRect(
                           w->messageModel()->index(w->messageModel()->rowOf(id), MessageListModel::FlagColumn))
                .center();
        };
        QCOMPARE(
            w->messageModel()->headerData(MessageListModel::FlagColumn, Qt::Horizontal, Qt::ToolTipRole).toString(),
            QStringLiteral("Flagged"));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, flagCell(m_ids[3]));
        QVERIFY(flagsShown(*w, m_ids[3]) & Flag::Flagged);
        QTRY_VERIFY(m_store->message(m_ids[3])->flags & Flag::Flagged);
        // Only that message, and the selection and the message read stay.
        QCOMPARE(w->selectedMessageIds(), QList<qint64> { m_ids[5] });
        QCOMPARE(w->messageView()->messageId(), m_ids[5]);
        QVERIFY(!(m_store->message(m_ids[5])->flags & Flag::Flagged));
        QCOMPARE(w->messageModel()
                     ->index(w->messageModel()->rowOf(m_ids[3]), MessageListModel::FlagColumn)
                     .data(Qt::ToolTipRole)
                     .toString(),
            QStringLiteral("Flagged (click to remove the flag)"));
        // Again: the flag comes off.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, flagCell(m_ids[3]));
        QTRY_VERIFY(!(m_store->message(m_ids[3])->flags & Flag::Flagged));

        // The click does not wait for the disk: with the store's writer
        // busy, the row shows the flag and the store gets it afterwards.
        PoplarTest::HeldWriter held(*m_store);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, flagCell(m_ids[2]));
        QVERIFY(flagsShown(*w, m_ids[2]) & Flag::Flagged);
        QVERIFY(!(m_store->message(m_ids[2])->flags & Flag::Flagged));
        QVERIFY(held.release());
        QTRY_VERIFY(m_store->message(m_ids[2])->flags & Flag::Flagged);
        QVERIFY(flagsShown(*w, m_ids[2]) & Flag::Flagged);
    }

    void sizesAreCompactAndTheirColumnFitsThem()
    {
        const qint64 small = addSized("Small", 1006);
        const qint64 big = addSized("Big", 1258291);  // 1.2 MiB
        {
            auto w = window();
            QVERIFY(QTest::qWaitForWindowExposed(w.get()));
            QVERIFY(w->selectFolder(m_inbox));
            auto size = [&](qint64 id) {
                return w->messageModel()
                    ->index(w->messageModel()->rowOf(id), MessageListModel::SizeColumn)
                    .data()
                    .toString();
            };
            QCOMPARE(size(small), QStringLiteral("1 kB"));
            QCOMPARE(size(big), QStringLiteral("1.2 MB"));
            QCOMPARE(w->messageModel()
                         ->index(w->messageModel()->rowOf(small), MessageListModel::SizeColumn)
                         .data(Qt::ToolTipRole)
                         .toString(),
                QStringLiteral("1,006 bytes"));
            QHeaderView *header = w->messageListView()->header();
            QVERIFY2(header->sectionSize(MessageListModel::SizeColumn) >= sizeNeeded(*w),
                qPrintable(QStringLiteral("%1 < %2")
                               .arg(header->sectionSize(MessageListModel::SizeColumn))
                               .arg(sizeNeeded(*w))));
            // Even the widest size fits.
            const QFontMetrics metrics(w->messageListView()->font());
            QVERIFY(header->sectionSize(MessageListModel::SizeColumn)
                > metrics.horizontalAdvance(MessageListModel::sizeText(qint64(999.9 * 1024 * 1024))));
            header->resizeSection(MessageListModel::SizeColumn, 20);  // remembered too narrow
            w->close();
        }
        auto again = window();
        QVERIFY(QTest::qWaitForWindowExposed(again.get()));
        QVERIFY(again->selectFolder(m_inbox));
        QVERIFY(again->messageListView()->header()->sectionSize(MessageListModel::SizeColumn) >= sizeNeeded(*again));
    }

    void foldersAndAccountsWithAmpersandsInMenus()
    {
        const qint64 trips = m_store->ensureLocalFolder(QStringLiteral("Local/Trips & Travel")).value();
        const qint64 norway = m_store->ensureLocalFolder(QStringLiteral("Local/Trips & Travel/Norway")).value();
        Accounts::Account account;
        account.name = QStringLiteral("Smith & Co");
        account.email = QStringLiteral("smith@example.org");
        account.host = QStringLiteral("127.0.0.1");
        account.port = 9;
        account.user = QStringLiteral("smith");
        QVERIFY(Accounts::AccountStore(*m_store).add(account));
        PoplarTest::MemoryKeychain keychain;
        Sync::Scheduler::Options later;
        later.random = [] { return 0.99; };
        later.startupWindowSeconds = 24 * 3600;  // no check while the test runs
        later.watchNetwork = false;
        Poplar::Ui::MailFetcher fetcher(*m_store, keychain, {}, later);

        auto w = window();
        w->setFetcher(&fetcher);
        w->startFetching();
        QVERIFY(w->selectFolder(m_inbox));
        select(*w, m_ids[5]);
        // Rendered as written: "&&" in the text, "Trips & Travel" on screen.
        auto find = [&](QMenu *menu, const QString &text) -> QAction * {
            QAction *found = nullptr;
            for (QAction *a : menuActions(menu)) {
                if (a->text() == text && !a->menu())
                    found = a;
            }
            return found;
        };
        QMenu *move = w->findChild<QMenu *>(QStringLiteral("moveMenu"));
        QMenu *copy = w->findChild<QMenu *>(QStringLiteral("copyMenu"));
        QAction *toTrips = find(move, QStringLiteral("Trips && Travel"));
        QVERIFY(toTrips);
        QCOMPARE(toTrips->iconText(), QStringLiteral("Trips & Travel"));
        QVERIFY(find(move, QStringLiteral("Norway")));
        QVERIFY(find(move, QStringLiteral("Trash")));
        QVERIFY(find(copy, QStringLiteral("Trips && Travel")));
        QVERIFY(!find(copy, QStringLiteral("Trash")));  // copies never go to Trash
        QVERIFY(find(move, QStringLiteral("Smith && Co")));
        QVERIFY(!find(move, QStringLiteral("Work"))->isEnabled());  // where they are
        find(move, QStringLiteral("Trips && Travel"))->trigger();   // each opening makes the menu anew
        QVERIFY(settled(*w));
        QCOMPARE(m_store->message(m_ids[5])->folderId, trips);
        select(*w, m_ids[4]);
        find(copy, QStringLiteral("Norway"))->trigger();
        QVERIFY(settled(*w));
        QCOMPARE(m_store->messageIds(norway)->size(), 1);
        QCOMPARE(m_store->message(m_ids[4])->folderId, m_inbox);

        QMenu *getMailFrom = w->findChild<QMenu *>(QStringLiteral("getMailMenu"));
        QAction *smith = find(getMailFrom, QStringLiteral("Smith && Co"));
        QVERIFY(smith);
        QCOMPARE(smith->iconText(), QStringLiteral("Smith & Co"));
        QVERIFY(find(w->findChild<QMenu *>(QStringLiteral("accountSettingsMenu")), QStringLiteral("Smith && Co…")));
        w.reset();
    }

    void searchingAsYouTypeAndEscape()
    {
        MessagePreparer::Input in;
        in.raw = "From: Ola <ola@example.org>\r\nSubject: Down by the river\r\nDate: 1 Dec 2026 09:00:00 +0000\r\n\r\n"
                 "Bring a blanket.\r\n";
        in.folderId = m_inbox;
        in.receivedAt = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
        const qint64 river = m_store->insertMessage(MessagePreparer::prepare(in).value()).value();
        auto w = window();
        QVERIFY(w->selectFolder(m_inbox));
        w->searchField()->setFocus();
        QTest::keyClicks(w->searchField(), QStringLiteral("riv"));
        QTRY_COMPARE(listed(*w), QList<qint64> { river });
        QTest::keyClicks(w->searchField(), QStringLiteral(" bla"));
        QTRY_COMPARE(w->messageModel()->search(), QStringLiteral("riv bla"));
        QCOMPARE(listed(*w), QList<qint64> { river });
        // Escape clears it: the whole folder again; a second one goes to the list.
        QTest::keyClick(w->searchField(), Qt::Key_Escape);
        QVERIFY(w->searchField()->text().isEmpty());
        QCOMPARE(listed(*w).size(), 7);
        QVERIFY(w->searchField()->hasFocus());
        QTest::keyClick(w->searchField(), Qt::Key_Escape);
        QTRY_VERIFY(w->messageListView()->hasFocus());
    }

    void searchingInPlace()
    {
        auto w = window();
        QTest::keyClick(w.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(w->searchField()->hasFocus());
        QTest::keyClicks(w->searchField(), QStringLiteral("subject:odd"));
        QTest::keyClick(w->searchField(), Qt::Key_Return);
        QCOMPARE(listed(*w), (QList<qint64> { m_ids[4], m_ids[2], m_ids[0] }));
        // Another folder starts without the search.
        QVERIFY(w->selectFolder(m_inbox));
        QVERIFY(w->searchField()->text().isEmpty());
        QCOMPARE(listed(*w).size(), 6);
        // While typing, after a pause.
        QTest::keyClicks(w->searchField(), QStringLiteral("even"));
        QTRY_COMPARE(listed(*w).size(), 3);
        w->searchField()->clear();
        QCOMPARE(listed(*w).size(), 6);
    }

    void layoutAndChoicesRemembered()
    {
        QList<int> sizes;
        {
            auto w = window();
            QVERIFY(QTest::qWaitForWindowExposed(w.get()));
            w->splitter()->setSizes({ 123, 600 });
            sizes = w->splitter()->sizes();
            w->messageListView()->header()->resizeSection(MessageListModel::FromColumn, 321);
            w->messageListView()->sortByColumn(MessageListModel::SubjectColumn, Qt::AscendingOrder);
            QVERIFY(w->selectFolder(m_inbox));
            w->close();
        }
        auto again = window();
        QVERIFY(QTest::qWaitForWindowExposed(again.get()));
        QCOMPARE(again->splitter()->sizes().first(), sizes.first());
        QCOMPARE(again->messageListView()->header()->sectionSize(MessageListModel::FromColumn), 321);
        QCOMPARE(again->messageModel()->order().key, SortKey::Subject);
        QCOMPARE(again->messageModel()->folderId(), m_inbox);
        QCOMPARE(again->messageModel()->idAt(0), m_ids[0]);  // "Message 1 odd" sorts first
    }

    void passwordDialogSaysWhyAndWhereThePasswordGoes()
    {
        using Poplar::Ui::PasswordDialog;
        {
            Poplar::Error rejected(Poplar::ErrorCode::AuthFailed);
            rejected.serverText = Poplar::ServerText(QByteArrayLiteral("-ERR [AUTH] Authentication failed."));
            PasswordDialog d(QStringLiteral("Work"), QStringLiteral("bob@pop.example.org"), rejected);
            const QString all = [&] {
                QString t;
                for (QLabel *l : d.findChildren<QLabel *>())
                    t += l->text() + QLatin1Char('\n');
                return t;
            }();
            QVERIFY2(all.contains(QStringLiteral("rejected the password for Work")), qPrintable(all));
            // The server's words, once, and as plain text.
            auto *server = d.findChild<QLabel *>(QStringLiteral("serverText"));
            QVERIFY(server);
            QCOMPARE(server->text(), QStringLiteral("The server said: \"-ERR [AUTH] Authentication failed.\""));
            QCOMPARE(server->textFormat(), Qt::PlainText);
            QCOMPARE(all.count(QStringLiteral("The server said")), 1);
            auto *remember = d.findChild<QCheckBox *>(QStringLiteral("remember"));
            QVERIFY(remember && remember->isEnabled() && remember->isChecked());
            auto *field = d.findChild<QLineEdit *>(QStringLiteral("password"));
            QCOMPARE(field->echoMode(), QLineEdit::Password);
            auto *ok = d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            QVERIFY(!ok->isEnabled());  // nothing typed yet
            QTest::keyClicks(field, QStringLiteral("s3cret"));
            field->insert(QStringLiteral(" ü"));
            QVERIFY(ok->isEnabled());
            QCOMPARE(d.password().expose(), QStringLiteral("s3cret ü").toUtf8());
            QVERIFY(d.remember());
            QVERIFY(!d.findChild<QLabel *>(QStringLiteral("noKeychain")));
        }
        {
            // No keychain: the password is for this run only, and the dialog says so.
            PasswordDialog d(QStringLiteral("Work"), QStringLiteral("bob@pop.example.org"),
                Poplar::Error(Poplar::ErrorCode::KeychainUnavailable));
            auto *remember = d.findChild<QCheckBox *>(QStringLiteral("remember"));
            QVERIFY(!remember->isEnabled());
            QVERIFY(!remember->isChecked());
            auto *note = d.findChild<QLabel *>(QStringLiteral("noKeychain"));
            QVERIFY(note);
            QVERIFY2(note->text().contains(QStringLiteral("until it quits")), qPrintable(note->text()));
            QVERIFY(!d.remember());
        }
    }

    void followsGermanLocale()
    {
        QVERIFY(
            Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany)));
        MainWindow w(m_store.get());
        QStringList menus;
        for (QAction *a : w.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus,
            QStringList({ QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"), QStringLiteral("&Nachricht"),
                QStringLiteral("&Ordner"), QStringLiteral("&Hilfe") }));
        QCOMPARE(
            w.folderModel()->index(0, 0).data(FolderModel::NameRole).toString(), QStringLiteral("Alle Posteingänge"));
        const QString msg = Poplar::Ui::errorMessage(Poplar::Error(Poplar::ErrorCode::AuthFailed));
        QVERIFY2(msg.contains(QStringLiteral("Passwort")), qPrintable(msg));
        // Qt's own strings come from qtbase_de.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
