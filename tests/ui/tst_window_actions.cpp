// The window's actions on many messages: they run away from the GUI
// thread (moving 10,000 messages keeps the event loop turning and shows
// how far it got), messages on their way are not acted on twice, and the
// rule of what moving, copying and deleting does is one table.

#include "HeldWriter.h"
#include "ScriptedPrompts.h"
#include "models/FolderModel.h"
#include "models/MessageListModel.h"
#include "models/MessageOperations.h"
#include "models/TransferRule.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "widgets/MainWindow.h"
#include "widgets/OperationProgress.h"

#include <QAction>
#include <QElapsedTimer>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

#include <chrono>
#include <future>
#include <memory>

using namespace Store;
using Poplar::Ui::FolderModel;
using Poplar::Ui::MainWindow;
using Poplar::Ui::MessageOperations;
using Poplar::Ui::TransferRule;
using Transfer = TransferRule::Transfer;
using Kind = FolderModel::Kind;

class TestWindowActions : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MailStore> m_store;
    qint64 m_inbox = 0;

    // `count` small messages in the Inbox, stored in one transaction.
    QList<qint64> fill(int count)
    {
        QList<PreparedMessage> batch;
        for (int n = 1; n <= count; ++n) {
            MessagePreparer::Input in;
            in.raw = "From: a@example.org\r\nSubject: Message " + QByteArray::number(n) + "\r\n\r\nHi.\r\n";
            in.folderId = m_inbox;
            in.receivedAt = QDateTime(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC).addSecs(n);
            batch << MessagePreparer::prepare(in).value();
        }
        return m_store->insertMessages(batch).value();
    }

    static bool settled(MainWindow &w)
    {
        return QTest::qWaitFor([&] { return w.operations()->pending() == 0; }, 60000);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = MailStore::open(m_dir->filePath(QStringLiteral("profile"))).value();
        QVERIFY(m_store->createAccount(QStringLiteral("Work")));
        m_inbox = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void transferRule_data()
    {
        QTest::addColumn<Kind>("target");
        QTest::addColumn<bool>("copy");
        QTest::addColumn<bool>("alreadyThere");
        QTest::addColumn<Transfer>("expected");
        auto row = [](const char *name, Kind target, bool copy, bool there, Transfer expected) {
            QTest::newRow(name) << target << copy << there << expected;
        };
        row("move to a local folder", Kind::Local, false, false, Transfer::Move);
        row("copy to a local folder", Kind::Local, true, false, Transfer::Copy);
        row("move where they are", Kind::Local, false, true, Transfer::None);
        row("copy where they are", Kind::Local, true, true, Transfer::Copy);
        row("move to an Inbox", Kind::Inbox, false, false, Transfer::Move);
        row("copy to an Inbox", Kind::Inbox, true, false, Transfer::Copy);
        row("move to the Inbox they are in", Kind::Inbox, false, true, Transfer::None);
        row("move to Trash trashes", Kind::Trash, false, false, Transfer::Trash);
        row("copy to Trash is refused", Kind::Trash, true, false, Transfer::None);
        row("move from Trash to Trash", Kind::Trash, false, true, Transfer::None);
        row("move to the Unified Inbox", Kind::UnifiedInbox, false, false, Transfer::None);
        row("copy to the Unified Inbox", Kind::UnifiedInbox, true, false, Transfer::None);
        row("move to Local Folders itself", Kind::LocalRoot, false, false, Transfer::None);
        row("copy to Local Folders itself", Kind::LocalRoot, true, false, Transfer::None);
    }

    void transferRule()
    {
        QFETCH(Kind, target);
        QFETCH(bool, copy);
        QFETCH(bool, alreadyThere);
        QFETCH(Transfer, expected);
        QCOMPARE(TransferRule::onto(target, copy, alreadyThere), expected);
    }

    void deletingIsTrashingExceptInTrash()
    {
        QCOMPARE(TransferRule::forDelete(Kind::Trash), Transfer::DeleteForGood);
        for (Kind shown : { Kind::UnifiedInbox, Kind::Inbox, Kind::Local })
            QCOMPARE(TransferRule::forDelete(shown), Transfer::Trash);
    }

    void movingTenThousandMessagesKeepsTheWindowResponsive()
    {
        constexpr int Count = 10000;
        QCOMPARE(fill(Count).size(), Count);
        const qint64 archive = m_store->ensureLocalFolder(QStringLiteral("Local/Archive")).value();

        MainWindow w(m_store.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.selectFolder(m_inbox));
        QCOMPARE(w.messageModel()->rowCount(), Count);
        w.messageListView()->selectAll();
        QCOMPARE(w.selectedMessageIds().size(), Count);

        // What the status bar says at each step.
        QList<int> doneReported;
        QStringList shown;
        connect(w.operations(), &MessageOperations::progressed, this,
            [&](quint64, MessageOperations::Kind, int done, int total) {
                QCOMPARE(total, Count);
                doneReported << done;
                if (w.operationProgress()->isVisible())
                    shown << w.operationProgress()->text();
            });

        // A tick every 15 ms on the GUI thread; none may come late by much.
        QElapsedTimer clock;
        qint64 last = 0;
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(15);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longestGap = std::max(longestGap, now - last);
            last = now;
        });
        // The move starts from the running event loop, on the first tick,
        // and the gaps are measured up to the first tick after it is done.
        QSignalSpy ticks(&ticker, &QTimer::timeout);
        connect(
            &ticker, &QTimer::timeout, &w, [&] { w.moveSelectedTo(archive); }, Qt::SingleShotConnection);
        clock.start();
        ticker.start();
        QTRY_COMPARE_WITH_TIMEOUT(w.messageModel()->rowCount(), 0, 60000);
        QVERIFY(settled(w));
        const qsizetype ticked = ticks.size();
        QTRY_VERIFY(ticks.size() > ticked);
        ticker.stop();
        qInfo("longest gap between ticks: %lld ms", longestGap);
        QVERIFY2(longestGap < 100, qPrintable(QString::number(longestGap)));

        QCOMPARE(m_store->messageIds(archive)->size(), Count);
        // Progress in steps, counted up to all of them, and shown with the count.
        QVERIFY2(doneReported.size() >= 3, qPrintable(QString::number(doneReported.size())));
        QVERIFY(std::is_sorted(doneReported.cbegin(), doneReported.cend()));
        QCOMPARE(doneReported.last(), Count);
        QCOMPARE(shown.size(), doneReported.size());
        const QString all = QLocale().toString(Count);
        QCOMPARE(shown.last(), QStringLiteral("Moving messages: %1 of %1").arg(all));
        QVERIFY2(shown.first().endsWith(QStringLiteral(" of ") + all), qPrintable(shown.first()));
        QVERIFY(!w.operationProgress()->isVisible());  // gone when done
    }

    void messagesOnTheirWayAreNotActedOnTwice()
    {
        const QList<qint64> ids = fill(3);
        const qint64 archive = m_store->ensureLocalFolder(QStringLiteral("Local/Archive")).value();
        MainWindow w(m_store.get());
        auto *prompts = new ScriptedPrompts;
        w.setPrompts(std::unique_ptr<Poplar::Ui::Prompts>(prompts));
        w.show();
        QVERIFY(w.selectFolder(m_inbox));
        w.messageListView()->selectAll();
        QAction *remove = w.findChild<QAction *>(QStringLiteral("deleteMessages"));
        QMenu *move = w.findChild<QMenu *>(QStringLiteral("moveMenu"));
        QVERIFY(remove->isEnabled() && move->isEnabled());

        // The store's writer is busy: the move waits, and the messages with it.
        PoplarTest::HeldWriter held(*m_store);
        w.moveSelectedTo(archive);
        QCOMPARE(w.operations()->pending(), 1);
        QCOMPARE(w.messageModel()->rowCount(), 3);  // still listed until they are moved
        QVERIFY(!remove->isEnabled());
        QVERIFY(!move->isEnabled());
        w.deleteSelected();  // refused: nothing more is asked of the store
        w.moveSelectedTo(archive);
        QCOMPARE(w.operations()->pending(), 1);

        QVERIFY(held.release());
        QVERIFY(settled(w));
        QCOMPARE(m_store->messageIds(archive)->size(), 3);
        QCOMPARE(m_store->message(ids[0])->folderId, archive);
        QCOMPARE(w.messageModel()->rowCount(), 0);
        // The messages are free again where they went.
        QVERIFY(w.selectFolder(archive));
        w.messageListView()->selectAll();
        QVERIFY(remove->isEnabled() && move->isEnabled());
        w.deleteSelected();
        QVERIFY(settled(w));
        QCOMPARE(m_store->messageIds(m_store->trashFolderId().value())->size(), 3);
    }

    void busyMessagesAndFoldersTakeNoDrop()
    {
        const QList<qint64> ids = fill(3);
        const qint64 archive = m_store->ensureLocalFolder(QStringLiteral("Local/Archive")).value();
        const qint64 old = m_store->ensureLocalFolder(QStringLiteral("Local/Old")).value();
        const qint64 inner = m_store->ensureLocalFolder(QStringLiteral("Local/Old/Inner")).value();
        const qint64 kept = m_store->ensureLocalFolder(QStringLiteral("Local/Kept")).value();
        MainWindow w(m_store.get());
        w.setPrompts(std::make_unique<ScriptedPrompts>());
        w.show();
        FolderModel *folders = w.folderModel();
        QVERIFY(w.selectFolder(m_inbox));
        w.messageListView()->selectAll();

        // The store's writer is busy: what is asked now waits.
        PoplarTest::HeldWriter held(*m_store);
        w.deleteSelected();  // to Trash, on its way
        QVERIFY(w.selectFolder(old));
        w.deleteCurrentFolder();  // Old and Inner, on their way
        QCOMPARE(w.operations()->pending(), 2);

        // The messages on their way to Trash are not dropped anywhere.
        QMimeData messages;
        QByteArray list;
        for (qint64 id : ids)
            list += QByteArray::number(id) + '\n';
        messages.setData(QString::fromLatin1(Poplar::Ui::MessageListModel::MimeType), list);
        for (Qt::DropAction action : { Qt::MoveAction, Qt::CopyAction }) {
            QVERIFY(!folders->canDropMimeData(&messages, action, -1, -1, folders->indexOf(archive)));
            QVERIFY(!folders->dropMimeData(&messages, action, -1, -1, folders->indexOf(archive)));
        }
        // The folder being deleted is neither dragged nor dropped onto,
        // and nor is its subfolder.
        QMimeData dragOld;
        dragOld.setData(QString::fromLatin1(FolderModel::FolderMimeType), QByteArray::number(old));
        QVERIFY(!folders->canDropMimeData(&dragOld, Qt::MoveAction, -1, -1, folders->indexOf(kept)));
        QVERIFY(!folders->dropMimeData(&dragOld, Qt::MoveAction, -1, -1, folders->indexOf(kept)));
        QMimeData dragInner;
        dragInner.setData(QString::fromLatin1(FolderModel::FolderMimeType), QByteArray::number(inner));
        QVERIFY(!folders->canDropMimeData(&dragInner, Qt::MoveAction, -1, -1, folders->indexOf(kept)));
        QMimeData dragKept;
        dragKept.setData(QString::fromLatin1(FolderModel::FolderMimeType), QByteArray::number(kept));
        for (qint64 target : { old, inner }) {
            QVERIFY(!folders->canDropMimeData(&dragKept, Qt::MoveAction, -1, -1, folders->indexOf(target)));
            QVERIFY(!folders->dropMimeData(&dragKept, Qt::MoveAction, -1, -1, folders->indexOf(target)));
        }
        // Free ones still go where they are dropped.
        QVERIFY(folders->canDropMimeData(&dragKept, Qt::MoveAction, -1, -1, folders->indexOf(archive)));
        QCOMPARE(w.operations()->pending(), 2);  // nothing more was asked of the store

        QVERIFY(held.release());
        QVERIFY(settled(w));
        const qint64 trash = m_store->trashFolderId().value();
        QCOMPARE(m_store->messageIds(trash)->size(), 3);  // once each, nothing lost
        QCOMPARE(m_store->messageIds(archive)->size(), 0);
        QVERIFY(!m_store->folder(old));
        QVERIFY(!m_store->folder(inner));
        QCOMPARE(m_store->folder(kept)->parentId, 0);
        // Free again: the messages in Trash may be dragged out.
        QVERIFY(folders->canDropMimeData(&messages, Qt::MoveAction, -1, -1, folders->indexOf(archive)));
    }

    void messagesTakenOutOfTrashMeanwhileStay()
    {
        constexpr int Count = 600;  // more than one step
        const QList<qint64> ids = fill(Count);
        QVERIFY(m_store->trashMessages(ids));
        const qint64 trash = m_store->trashFolderId().value();
        MainWindow w(m_store.get());
        w.setPrompts(std::make_unique<ScriptedPrompts>());
        w.show();
        QSignalSpy progressed(w.operations(), &MessageOperations::progressed);

        // The writer is held; when let go, it first takes a message out of
        // Trash (as another process might), after Empty Trash has listed
        // what Trash holds (it says how many) and before it deletes them.
        const qint64 inbox = m_inbox;
        auto holdThenRescue = [inbox](std::shared_future<void> open, qint64 id) {
            return [open, inbox, id](Database &db) -> Poplar::Status {
                open.wait_for(std::chrono::seconds(60));
                return Messages::move(db, { id }, inbox);
            };
        };
        std::promise<void> gate;
        auto rescue = m_store->writeAsync(holdThenRescue(gate.get_future().share(), ids[0]));
        w.emptyTrash();
        QTRY_VERIFY(!progressed.isEmpty());
        QCOMPARE(progressed.first().at(2).toInt(), 0);  // listed, none deleted yet
        QCOMPARE(progressed.first().at(3).toInt(), Count);
        gate.set_value();
        QVERIFY(rescue.get());
        QVERIFY(settled(w));
        QCOMPARE(m_store->messageIds(trash)->size(), 0);
        QCOMPARE(m_store->message(ids[0])->folderId, m_inbox);
        QCOMPARE(m_store->rawMessage(ids[0])->size(), m_store->message(ids[0])->size);

        // Delete for Good of a selection in Trash: the same.
        QVERIFY(m_store->trashMessages({ ids[0] }));
        const QList<qint64> more = fill(Count);
        QVERIFY(m_store->trashMessages(more));
        w.refresh();
        QVERIFY(w.selectFolder(trash));
        w.messageListView()->selectAll();
        QCOMPARE(w.selectedMessageIds().size(), Count + 1);
        std::promise<void> gate2;
        auto rescue2 = m_store->writeAsync(holdThenRescue(gate2.get_future().share(), more[1]));
        w.deleteSelected();
        QCOMPARE(w.operations()->pending(), 1);
        gate2.set_value();
        QVERIFY(rescue2.get());
        QVERIFY(settled(w));
        QCOMPARE(m_store->messageIds(trash)->size(), 0);
        QCOMPARE(m_store->message(more[1])->folderId, m_inbox);
        QCOMPARE(m_store->message(ids[0]).error().code, Poplar::ErrorCode::NotFound);
    }

    void stoppingALongMoveKeepsWhatMoved()
    {
        constexpr int Count = 10000;
        const QList<qint64> ids = fill(Count);
        QCOMPARE(ids.size(), Count);
        const qint64 archive = m_store->ensureLocalFolder(QStringLiteral("Local/Archive")).value();
        MainWindow w(m_store.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.selectFolder(m_inbox));
        w.messageListView()->selectAll();
        QSignalSpy progressed(w.operations(), &MessageOperations::progressed);
        QSignalSpy stopped(w.operations(), &MessageOperations::stopped);

        // The writer is held: the move lists its messages, says so, and
        // waits with its first step.
        PoplarTest::HeldWriter held(*m_store);
        w.moveSelectedTo(archive);
        QTRY_VERIFY(!progressed.isEmpty());
        QToolButton *stop = w.operationProgress()->stopButton();
        QCOMPARE(stop, w.operationProgress()->findChild<QToolButton *>(QStringLiteral("stopOperation")));
        QVERIFY(stop->isVisible());
        QVERIFY(stop->isEnabled());
        QCOMPARE(stop->text(), QStringLiteral("Stop"));
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY(!stop->isEnabled());  // asked once
        QVERIFY(held.release());
        QVERIFY(settled(w));

        // The step under way was made whole, and no other.
        QCOMPARE(stopped.size(), 1);
        const int done = stopped.first().at(2).toInt();
        QCOMPARE(done, MessageOperations::ChunkSize);
        QCOMPARE(stopped.first().at(3).toInt(), Count);
        const QList<qint64> moved = m_store->messageIds(archive).value();
        const QList<qint64> left = m_store->messageIds(m_inbox).value();
        QCOMPARE(moved.size(), done);
        QCOMPARE(left.size(), Count - done);
        QSet<qint64> all(moved.cbegin(), moved.cend());
        all.unite(QSet<qint64>(left.cbegin(), left.cend()));
        QCOMPARE(all, QSet<qint64>(ids.cbegin(), ids.cend()));  // nothing lost, nothing twice

        // The list and counts follow; the status says how far it got.
        QCOMPARE(w.messageModel()->rowCount(), Count - done);
        QCOMPARE(w.folderModel()->indexOf(archive).data(FolderModel::TotalRole).toInt(), done);
        QCOMPARE(w.folderModel()->indexOf(m_inbox).data(FolderModel::TotalRole).toInt(), Count - done);
        const QLocale locale;
        QCOMPARE(w.statusBar()->currentMessage(),
            QStringLiteral("Moved %1 of %2 messages; stopped.").arg(locale.toString(done), locale.toString(Count)));
        QVERIFY(!w.operationProgress()->isVisible());

        // What stayed is free to move again, to the end this time.
        w.messageListView()->selectAll();
        w.moveSelectedTo(archive);
        QTRY_COMPARE_WITH_TIMEOUT(w.messageModel()->rowCount(), 0, 60000);
        QVERIFY(settled(w));
        QCOMPARE(m_store->messageIds(archive)->size(), Count);
        QCOMPARE(stopped.size(), 1);
    }
};

QTEST_MAIN(TestWindowActions)
#include "tst_window_actions.moc"
