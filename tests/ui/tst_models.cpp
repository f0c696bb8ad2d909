// The message list and folder models over a real store: 100,000 rows read
// page by page as a view scrolls, sorting, searching in place, refreshing
// without losing the selection, unread/flag/attachment/partial marks,
// folder counts, renaming, and dragging messages and folders onto folders.

#include "HeldWriter.h"
#include "ListFixture.h"
#include "models/FolderModel.h"
#include "models/MessageListModel.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFont>
#include <QHeaderView>
#include <QMimeData>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace Store;
using Poplar::Ui::FolderModel;
using Poplar::Ui::MessageListModel;

namespace {

QByteArray mail(const QByteArray &from, const QByteArray &subject, int day, const QByteArray &extraHeaders = {},
    const QByteArray &body = "Hello.\r\n")
{
    return "From: " + from + "\r\nTo: me@example.org\r\nSubject: " + subject + "\r\nDate: " + QByteArray::number(day)
        + " Nov 2026 09:00:00 +0000\r\nMessage-ID: <" + subject.toLower().replace(' ', '-') + "@example.org>\r\n"
        + extraHeaders + "\r\n" + body;
}

PreparedMessage prepared(qint64 folderId, const QByteArray &raw, int flags = 0)
{
    MessagePreparer::Input in;
    in.raw = raw;
    in.folderId = folderId;
    in.flags = flags;
    in.receivedAt = QDateTime(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC);
    return MessagePreparer::prepare(in).value();
}

QStringList column(const MessageListModel &model, int col)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, col).data().toString();
    return out;
}

}  // namespace

class TestModels : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MailStore> m_store;
    qint64 m_work = 0;  // Work/Inbox
    qint64 m_home = 0;  // Home/Inbox

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = MailStore::open(m_dir->filePath(QStringLiteral("profile"))).value();
        QVERIFY(m_store->createAccount(QStringLiteral("Work")));
        QVERIFY(m_store->createAccount(QStringLiteral("Home")));
        m_work = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
        m_home = m_store->folderByPath(QStringLiteral("Home/Inbox"))->id;
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void aHundredThousandRowsAreReadAsTheyComeIntoView()
    {
        QVERIFY(ListFixture::fill(*m_store, m_work, 100000));
        MessageListModel model(m_store.get());
        QVERIFY(model.showFolder(m_work));
        QCOMPARE(model.rowCount(), 100000);
        QCOMPARE(model.pagesRead(), 0);  // only the ids so far

        QTreeView view;
        view.setUniformRowHeights(true);
        view.setModel(&model);
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents();
        // Newest first; one page shows the screen.
        QCOMPARE(model.index(0, MessageListModel::SubjectColumn).data().toString(), QStringLiteral("Subject 100000"));
        const int afterOpening = model.pagesRead();
        QVERIFY2(afterOpening >= 1 && afterOpening <= 2, qPrintable(QString::number(afterOpening)));

        view.scrollToBottom();
        QCoreApplication::processEvents();
        view.viewport()->grab();
        QCOMPARE(model.index(99999, MessageListModel::SubjectColumn).data().toString(), QStringLiteral("Subject 1"));
        QVERIFY2(model.pagesRead() <= afterOpening + 2, qPrintable(QString::number(model.pagesRead())));

        // Jumping around reads what comes into view, not what lies between.
        for (int target : { 25000, 50000, 75000 }) {
            view.scrollTo(model.index(target, 0), QAbstractItemView::PositionAtTop);
            QCoreApplication::processEvents();
            view.viewport()->grab();
        }
        QVERIFY2(model.pagesRead() <= afterOpening + 2 + 3 * 2, qPrintable(QString::number(model.pagesRead())));
        QCOMPARE(
            model.index(50000, MessageListModel::SubjectColumn).data().toString(), QStringLiteral("Subject 50000"));
    }

    void columnsShowTheMessageAndItsMarks()
    {
        QVERIFY(m_store->insertMessage(prepared(
            m_work, mail("Ann Example <ann@example.org>", "Seen and flagged", 3), Flag::Seen | Flag::Flagged)));
        QVERIFY(m_store->insertMessage(prepared(m_work,
            mail("bob@example.org", "With attachment", 2,
                "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n",
                "--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\nContent-Type: application/pdf\r\n"
                "Content-Disposition: attachment; filename=report.pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n"))));
        QVERIFY(m_store->insertMessage(prepared(m_work, mail("cy@example.org", "", 1), Flag::Partial)));
        MessageListModel model(m_store.get());
        QVERIFY(model.showFolder(m_work));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(MessageListModel::ColumnCount));

        auto cell = [&](int row, int col, int role = Qt::DisplayRole) { return model.index(row, col).data(role); };
        QCOMPARE(cell(0, MessageListModel::SubjectColumn).toString(), QStringLiteral("Seen and flagged"));
        QCOMPARE(cell(0, MessageListModel::FromColumn).toString(), QStringLiteral("Ann Example"));
        QCOMPARE(cell(0, MessageListModel::FromColumn, Qt::ToolTipRole).toString(),
            QStringLiteral("Ann Example <ann@example.org>"));
        QVERIFY(!cell(0, MessageListModel::FlagColumn, Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(!cell(0, MessageListModel::SubjectColumn, Qt::FontRole).isValid());  // read: not bold
        QVERIFY(cell(0, MessageListModel::DateColumn).toString().contains(QStringLiteral("26")));
        QVERIFY(!cell(0, MessageListModel::SizeColumn).toString().isEmpty());

        QCOMPARE(cell(1, MessageListModel::FromColumn).toString(), QStringLiteral("bob@example.org"));
        QVERIFY(cell(1, MessageListModel::SubjectColumn, Qt::FontRole).value<QFont>().bold());  // unread
        QVERIFY(!cell(1, MessageListModel::AttachmentColumn, Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(!cell(1, MessageListModel::FlagColumn, Qt::DecorationRole).isValid());

        QCOMPARE(cell(2, MessageListModel::SubjectColumn).toString(), QStringLiteral("(no subject)"));
        QVERIFY(!cell(2, MessageListModel::SubjectColumn, Qt::DecorationRole).value<QIcon>().isNull());  // partial
        QVERIFY(!cell(2, MessageListModel::SubjectColumn, Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(!cell(2, MessageListModel::AttachmentColumn, Qt::DecorationRole).isValid());
        QCOMPARE(cell(2, 0, MessageListModel::IdRole).toLongLong(), model.idAt(2));
    }

    void sortingFollowsTheHeader()
    {
        QVERIFY(m_store->insertMessages({ prepared(m_work, mail("Cleo <c@example.org>", "beta", 2)),
            prepared(m_work, mail("Abe <a@example.org>", "gamma", 3)),
            prepared(m_work, mail("Bo <b@example.org>", "Alpha", 1)) }));
        MessageListModel model(m_store.get());
        QVERIFY(model.showFolder(m_work));
        QTreeView view;
        view.setModel(&model);
        view.setSortingEnabled(true);
        view.sortByColumn(MessageListModel::DateColumn, Qt::DescendingOrder);
        QCOMPARE(column(model, MessageListModel::SubjectColumn),
            (QStringList { QStringLiteral("gamma"), QStringLiteral("beta"), QStringLiteral("Alpha") }));
        view.sortByColumn(MessageListModel::SubjectColumn, Qt::AscendingOrder);
        QCOMPARE(column(model, MessageListModel::SubjectColumn),
            (QStringList { QStringLiteral("Alpha"), QStringLiteral("beta"), QStringLiteral("gamma") }));
        QCOMPARE(model.order().key, SortKey::Subject);
        view.sortByColumn(MessageListModel::FromColumn, Qt::DescendingOrder);
        QCOMPARE(column(model, MessageListModel::FromColumn),
            (QStringList { QStringLiteral("Cleo"), QStringLiteral("Bo"), QStringLiteral("Abe") }));
        // The order stays when the folder changes.
        QVERIFY(model.showFolder(m_home));
        QCOMPARE(model.order().key, SortKey::From);
    }

    void searchNarrowsTheFolderInPlace()
    {
        QVERIFY(m_store->insertMessages({ prepared(m_work, mail("ann@example.org", "Budget plan", 1)),
            prepared(m_work, mail("bob@example.org", "Lunch", 2)),
            prepared(m_home, mail("ann@example.org", "Budget at home", 3)) }));
        QVERIFY(m_store->catchUpSearchIndex());  // as once the idle store has indexed them
        MessageListModel model(m_store.get());
        QVERIFY(model.showFolder(m_work));
        QVERIFY(model.setSearch(QStringLiteral("budget")));
        QCOMPARE(column(model, MessageListModel::SubjectColumn), QStringList { QStringLiteral("Budget plan") });
        QVERIFY(model.showFolder(MailStore::UnifiedInbox));
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.setSearch(QStringLiteral("from:ann")));
        QCOMPARE(column(model, MessageListModel::SubjectColumn),
            (QStringList { QStringLiteral("Budget at home"), QStringLiteral("Budget plan") }));
        // A query the syntax refuses leaves the list as it was.
        auto bad = model.setSearch(QStringLiteral("before:notadate"));
        QVERIFY(!bad);
        QCOMPARE(model.search(), QStringLiteral("from:ann"));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.setSearch(QString()));
        QCOMPARE(model.rowCount(), 3);
    }

    void aSearchNeverWaitsForTheIndexOnTheGuiThread()
    {
        QVERIFY(m_store->insertMessages({ prepared(m_work, mail("ann@example.org", "Budget plan", 1)) }));
        QVERIFY(m_store->catchUpSearchIndex());
        // Stored while a fetch holds the index off: its text waits.
        Store::IndexingHold hold = m_store->holdIndexing();
        QVERIFY(m_store->insertMessages({ prepared(m_work, mail("bob@example.org", "Budget review", 2)) }));
        MessageListModel model(m_store.get());
        QSignalSpy reloaded(&model, &MessageListModel::reloaded);
        QVERIFY(model.showFolder(m_work));
        QVERIFY(model.setSearch(QStringLiteral("budget")));
        // At once, what the index holds; the GUI thread did not index.
        QCOMPARE(column(model, MessageListModel::SubjectColumn), QStringList { QStringLiteral("Budget plan") });
        QCOMPARE(m_store->searchIndexBehind().value(), true);
        // Then, off the GUI thread, the waiting message joins and shows.
        QTRY_COMPARE(reloaded.count(), 1);
        QCOMPARE(column(model, MessageListModel::SubjectColumn),
            (QStringList { QStringLiteral("Budget review"), QStringLiteral("Budget plan") }));
        QCOMPARE(m_store->searchIndexBehind().value(), false);
        // An exclusion does not take a waiting message for one without the word.
        QVERIFY(m_store->insertMessages({ prepared(m_work, mail("cy@example.org", "Budget cuts", 3)) }));
        QVERIFY(model.setSearch(QStringLiteral("-review")));
        QCOMPARE(column(model, MessageListModel::SubjectColumn), QStringList { QStringLiteral("Budget plan") });
        QTRY_COMPARE(reloaded.count(), 2);
        QCOMPARE(column(model, MessageListModel::SubjectColumn),
            (QStringList { QStringLiteral("Budget cuts"), QStringLiteral("Budget plan") }));
    }

    void refreshKeepsTheSelectionOnItsMessage()
    {
        QVERIFY(ListFixture::fill(*m_store, m_work, 50));
        MessageListModel model(m_store.get());
        QVERIFY(model.showFolder(m_work));
        QTreeView view;
        view.setModel(&model);
        view.setSelectionMode(QAbstractItemView::ExtendedSelection);
        const qint64 chosen = model.idAt(10);
        view.setCurrentIndex(model.index(10, MessageListModel::SubjectColumn));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        // Two messages above it go to Trash, a new one arrives on top.
        QVERIFY(m_store->trashMessages({ model.idAt(2), model.idAt(3) }));
        QVERIFY(ListFixture::fill(
            *m_store, m_work, 1, QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC)));  // newest of all
        QVERIFY(model.refresh());
        QCOMPARE(resets.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowCount(), 49);
        QCOMPARE(model.idAt(view.currentIndex().row()), chosen);
        QCOMPARE(view.currentIndex().row(), 9);
        QVERIFY(view.selectionModel()->isRowSelected(9, {}));

        // A new order keeps it too, also when new mail came in meanwhile
        // (the new rows are inserted, then the rows move).
        QVERIFY(ListFixture::fill(*m_store, m_work, 2, QDateTime(QDate(2026, 7, 1), QTime(0, 0), Qt::UTC)));
        model.sort(MessageListModel::SizeColumn, Qt::AscendingOrder);
        QCOMPARE(model.rowCount(), 51);
        QCOMPARE(inserted.size(), 2);  // views and proxies are told of the new rows
        QCOMPARE(inserted.last().at(2).toInt() - inserted.last().at(1).toInt(), 1);  // two rows
        QCOMPARE(model.idAt(view.currentIndex().row()), chosen);
        QVERIFY(view.selectionModel()->isRowSelected(view.currentIndex().row(), {}));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.ids(), m_store->messageIds(m_work, ListOrder { SortKey::Size, true }).value());

        // Flags change in place.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_store->setFlags({ chosen }, Flag::Flagged, 0));
        model.refreshMessages({ chosen });
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.index(view.currentIndex().row(), 0).data(MessageListModel::FlagsRole).toInt() & Flag::Flagged);
    }

    void foldersWithCounts()
    {
        QVERIFY(ListFixture::fill(*m_store, m_work, 9));  // 3 of them read
        QVERIFY(ListFixture::fill(*m_store, m_home, 2));
        const qint64 projects = m_store->ensureLocalFolder(QStringLiteral("Local/Projects")).value();
        const qint64 year = m_store->ensureLocalFolder(QStringLiteral("Local/Projects/2026")).value();
        QVERIFY(m_store->ensureLocalFolder(QStringLiteral("Local/archive")));
        FolderModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.refresh());

        QStringList top;
        for (int r = 0; r < model.rowCount(); ++r)
            top << model.index(r, 0).data(FolderModel::NameRole).toString();
        QCOMPARE(top,
            (QStringList { QStringLiteral("Unified Inbox"), QStringLiteral("Home"), QStringLiteral("Work"),
                QStringLiteral("Local Folders"), QStringLiteral("Trash") }));
        const QModelIndex unified = model.index(0, 0);
        QCOMPARE(FolderModel::folderIdOf(unified), MailStore::UnifiedInbox);
        QCOMPARE(unified.data(FolderModel::UnreadRole).toInt(), 6 + 2);
        QCOMPARE(unified.data().toString(), QStringLiteral("Unified Inbox (8)"));
        QVERIFY(unified.data(Qt::FontRole).value<QFont>().bold());
        const QModelIndex work = model.indexOf(m_work);
        QCOMPARE(work.data(FolderModel::TotalRole).toInt(), 9);
        QCOMPARE(work.data().toString(), QStringLiteral("Work (6)"));
        const QModelIndex local = model.index(3, 0);
        QCOMPARE(model.rowCount(local), 2);  // archive, Projects (case ignored)
        QCOMPARE(model.index(0, 0, local).data().toString(), QStringLiteral("archive"));
        QCOMPARE(model.indexOf(year).parent(), model.indexOf(projects));
        QVERIFY(!model.indexOf(MailStore::UnifiedInbox).flags().testFlag(Qt::ItemIsDropEnabled));
        QVERIFY(model.indexOf(projects).flags().testFlag(Qt::ItemIsEditable));
        QVERIFY(!work.flags().testFlag(Qt::ItemIsEditable));

        // Counts change in place; the tree stays.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_store->setFlags(m_store->messageIds(m_work).value(), Flag::Seen, 0));
        QVERIFY(model.refresh());
        QCOMPARE(resets.size(), 0);
        QVERIFY(changed.size() >= 2);  // Work and the Unified Inbox
        QCOMPARE(model.indexOf(m_work).data().toString(), QStringLiteral("Work"));
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Unified Inbox (2)"));

        // Renamed in place (stored away from the GUI thread).
        QVERIFY(model.setData(model.indexOf(year), QStringLiteral("Year 2026")));
        QTRY_COMPARE(m_store->folder(year)->name, QStringLiteral("Year 2026"));
        QSignalSpy failed(&model, &FolderModel::operationFailed);
        QVERIFY(!model.setData(model.indexOf(year), QStringLiteral("a/b")));
        QCOMPARE(failed.size(), 1);
    }

    void renamingIsWrittenAwayFromTheGuiThread()
    {
        const qint64 year = m_store->ensureLocalFolder(QStringLiteral("Local/Year")).value();
        const qint64 notes = m_store->ensureLocalFolder(QStringLiteral("Local/Notes")).value();
        FolderModel model(m_store.get());
        QVERIFY(model.refresh());
        QSignalSpy failed(&model, &FolderModel::operationFailed);

        // The store's writer is busy: the rename is asked for, not waited for.
        PoplarTest::HeldWriter held(*m_store);
        QVERIFY(model.setData(model.indexOf(year), QStringLiteral("Almanac")));
        QCOMPARE(model.indexOf(year).data(FolderModel::NameRole).toString(), QStringLiteral("Year"));
        QCOMPARE(m_store->folder(year)->name, QStringLiteral("Year"));
        QVERIFY(held.release());
        // The row shows the new name once it is stored, resorted before Notes.
        QTRY_COMPARE(model.indexOf(year).data(FolderModel::NameRole).toString(), QStringLiteral("Almanac"));
        QCOMPARE(m_store->folder(year)->name, QStringLiteral("Almanac"));
        const QModelIndex local = model.indexOf(notes).parent();
        QCOMPARE(model.index(0, 0, local), model.indexOf(year));
        QCOMPARE(failed.size(), 0);

        // A name its sibling has: reported, and the old name stays.
        QVERIFY(model.setData(model.indexOf(year), QStringLiteral("Notes")));
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().value<Poplar::Error>().code, Poplar::ErrorCode::FolderExists);
        QCOMPARE(model.indexOf(year).data(FolderModel::NameRole).toString(), QStringLiteral("Almanac"));
        QCOMPARE(m_store->folder(year)->name, QStringLiteral("Almanac"));
    }

    void droppingMessagesMovesOrCopiesThem()
    {
        QVERIFY(ListFixture::fill(*m_store, m_work, 5));
        const qint64 kept = m_store->ensureLocalFolder(QStringLiteral("Local/Kept")).value();
        MessageListModel list(m_store.get());
        QVERIFY(list.showFolder(m_work));
        FolderModel folders(m_store.get());
        QVERIFY(folders.refresh());
        QSignalSpy messagesChanged(&folders, &FolderModel::messagesChanged);

        const QList<qint64> moving { list.idAt(0), list.idAt(1) };
        std::unique_ptr<QMimeData> drag(list.mimeData({ list.index(0, 2), list.index(0, 3), list.index(1, 2) }));
        QCOMPARE(MessageListModel::idsFrom(drag.get()), moving);
        const QModelIndex target = folders.indexOf(kept);
        QVERIFY(folders.canDropMimeData(drag.get(), Qt::MoveAction, -1, -1, target));
        QVERIFY(!folders.canDropMimeData(drag.get(), Qt::MoveAction, -1, -1, folders.indexOf(MailStore::UnifiedInbox)));
        QVERIFY(!folders.canDropMimeData(drag.get(), Qt::MoveAction, -1, -1, folders.index(3, 0)));  // Local Folders
        QVERIFY(folders.dropMimeData(drag.get(), Qt::MoveAction, -1, -1, target));
        // Written away from the GUI thread: stored when the model says so.
        QVERIFY(messagesChanged.wait(2000));
        QCOMPARE(m_store->messageIds(kept).value().size(), 2);
        QCOMPARE(m_store->messageIds(m_work).value().size(), 3);
        QCOMPARE(folders.indexOf(kept).data(FolderModel::TotalRole).toInt(), 2);  // refreshed

        // With the copy action the messages stay where they were.
        QVERIFY(list.refresh());
        std::unique_ptr<QMimeData> copy(list.mimeData({ list.index(0, 0) }));
        QVERIFY(folders.dropMimeData(copy.get(), Qt::CopyAction, -1, -1, folders.indexOf(kept)));
        QVERIFY(messagesChanged.wait(2000));
        QCOMPARE(m_store->messageIds(kept).value().size(), 3);
        QCOMPARE(m_store->messageIds(m_work).value().size(), 3);

        // Onto Trash: trashed (and only moved, never copied).
        const QModelIndex trash = folders.indexOf(m_store->trashFolderId().value());
        QVERIFY(!folders.canDropMimeData(copy.get(), Qt::CopyAction, -1, -1, trash));
        QVERIFY(folders.dropMimeData(copy.get(), Qt::MoveAction, -1, -1, trash));
        QVERIFY(messagesChanged.wait(2000));
        QCOMPARE(m_store->messageIds(m_work).value().size(), 2);
        QCOMPARE(m_store->message(MessageListModel::idsFrom(copy.get()).first())->folderId,
            m_store->trashFolderId().value());
    }

    void reloadReadsAwayFromTheGuiThread()
    {
        QVERIFY(m_store->insertMessages({ prepared(m_work, mail("Ann <ann@example.org>", "First", 1)) }));
        MessageListModel list(m_store.get());
        QAbstractItemModelTester listTester(&list);
        QVERIFY(list.showFolder(m_work));
        FolderModel folders(m_store.get());
        QAbstractItemModelTester foldersTester(&folders);
        QVERIFY(folders.refresh());
        QCOMPARE(list.rowCount(), 1);

        // A fetch stored another: the lists read again, off the GUI thread.
        QVERIFY(m_store->insertMessages({ prepared(m_work, mail("Bob <bob@example.org>", "Second", 2)) }));
        QSignalSpy reloaded(&list, &MessageListModel::reloaded);
        QSignalSpy counted(&folders, &FolderModel::reloaded);
        list.reload();
        folders.reload();
        // Nothing changes before the answers come back to the GUI thread.
        QVERIFY(list.isReloading());
        QVERIFY(folders.isReloading());
        QCOMPARE(list.rowCount(), 1);
        QCOMPARE(folders.indexOf(m_work).data(FolderModel::TotalRole).toInt(), 1);
        QTRY_COMPARE(reloaded.count(), 1);
        QCOMPARE(column(list, MessageListModel::SubjectColumn),
            QStringList({ QStringLiteral("Second"), QStringLiteral("First") }));
        QTRY_COMPARE(counted.count(), 1);
        QCOMPARE(folders.indexOf(m_work).data(FolderModel::TotalRole).toInt(), 2);
        QCOMPARE(folders.indexOf(m_work).data(FolderModel::UnreadRole).toInt(), 2);

        // An answer that another folder shown meanwhile has overtaken is dropped.
        list.reload();
        QVERIFY(list.showFolder(m_home));
        QTRY_COMPARE(reloaded.count(), 2);
        QCOMPARE(list.folderId(), m_home);
        QCOMPARE(list.rowCount(), 0);
    }

    void droppingAFolderMovesIt()
    {
        const qint64 a = m_store->ensureLocalFolder(QStringLiteral("Local/A")).value();
        const qint64 b = m_store->ensureLocalFolder(QStringLiteral("Local/B")).value();
        const qint64 a1 = m_store->ensureLocalFolder(QStringLiteral("Local/A/One")).value();
        FolderModel folders(m_store.get());
        QVERIFY(folders.refresh());
        std::unique_ptr<QMimeData> dragA(folders.mimeData({ folders.indexOf(a) }));
        QVERIFY(dragA);
        QVERIFY(!folders.mimeData({ folders.indexOf(m_work) }));  // inboxes stay where they are
        // Not into itself, its own subfolder, or where it already is.
        QVERIFY(!folders.canDropMimeData(dragA.get(), Qt::MoveAction, -1, -1, folders.indexOf(a)));
        QVERIFY(!folders.canDropMimeData(dragA.get(), Qt::MoveAction, -1, -1, folders.indexOf(a1)));
        QVERIFY(!folders.canDropMimeData(dragA.get(), Qt::MoveAction, -1, -1, folders.index(3, 0)));
        QVERIFY(!folders.canDropMimeData(dragA.get(), Qt::MoveAction, -1, -1, folders.indexOf(m_work)));
        QVERIFY(folders.dropMimeData(dragA.get(), Qt::MoveAction, -1, -1, folders.indexOf(b)));
        QTRY_COMPARE(m_store->folder(a)->parentId, b);
        QTRY_COMPARE(folders.indexOf(a).parent(), folders.indexOf(b));
        // And back to the top of Local Folders.
        std::unique_ptr<QMimeData> again(folders.mimeData({ folders.indexOf(a) }));
        QVERIFY(folders.dropMimeData(again.get(), Qt::MoveAction, -1, -1, folders.index(3, 0)));
        QTRY_COMPARE(m_store->folder(a)->parentId, 0);
        // A view that moved a folder by a drag clears "its" item afterwards
        // (in overwrite mode): nothing is renamed or reported.
        QTRY_VERIFY(folders.indexOf(a).isValid());
        QSignalSpy failed(&folders, &FolderModel::operationFailed);
        QVERIFY(!folders.setItemData(folders.indexOf(a), { { Qt::EditRole, QVariant() } }));
        QCOMPARE(m_store->folder(a)->name, QStringLiteral("A"));
        QCOMPARE(failed.size(), 0);
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
