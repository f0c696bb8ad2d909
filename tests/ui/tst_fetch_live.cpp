// New mail in the window while a fetch is still running: scripted POP3
// servers give the first message and then hold the rest of the fetch, and
// the window must list that message (and count it in the Inbox) before the
// fetch ends — for the scheduler's check at start and for Get Mail on
// several accounts at once. Then the servers let go and everything
// arrives, while the message the user selected and is reading stays
// selected and shown, and the rows in view stay where they were. The "new
// mail" news (mailArrived: notifications, the tray) comes once per fetch,
// at its end.
//
// Nothing here depends on how soon a batch commits: the servers hold until
// the test has seen what it waits for.

#include "MemoryKeychain.h"
#include "ScriptedMailbox.h"
#include "ScriptedPrompts.h"
#include "accounts/AccountStore.h"
#include "desktop/TrayIcon.h"
#include "fetch/ArrivalFollower.h"
#include "fetch/MailFetcher.h"
#include "models/FolderModel.h"
#include "models/MessageListModel.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "text/Translations.h"
#include "widgets/MainWindow.h"
#include "widgets/MessageView.h"

#include <QApplication>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using Poplar::Ui::FolderModel;
using Poplar::Ui::MailFetcher;
using Poplar::Ui::MainWindow;
using Poplar::Ui::MessageListModel;
using Poplar::Ui::TrayIcon;
using PoplarTest::MemoryKeychain;
using PoplarTest::ScriptedServer;
using PoplarTest::ScriptedTcpServer;

namespace {

// Newer than anything stored before the fetch: listed first.
QByteArray fetched(const QByteArray &account, int n)
{
    return "From: Ann <ann@example.org>\r\nTo: bob@example.org\r\nSubject: " + account + " new " + QByteArray::number(n)
        + "\r\nDate: Sun, 6 Dec 2026 10:0" + QByteArray::number(n % 10) + ":00 +0000\r\nMessage-ID: <live-" + account
        + '-' + QByteArray::number(n) + "@example.org>\r\n\r\nHello " + QByteArray::number(n) + ".\r\n";
}

}  // namespace

class TestFetchLive : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Store::MailStore> m_store;
    std::unique_ptr<MemoryKeychain> m_keychain;
    std::unique_ptr<MailFetcher> m_fetcher;
    std::unique_ptr<MainWindow> m_window;

    // An account on a scripted server; returns its Inbox.
    qint64 addAccount(const QString &name, const ScriptedTcpServer &server, Accounts::Account *out = nullptr)
    {
        Accounts::Account a;
        a.name = name;
        a.email = QStringLiteral("bob@example.org");
        a.host = QStringLiteral("127.0.0.1");
        a.port = server.serverPort();
        a.security = Net::Security::None;
        a.insecureConsent = true;
        a.user = QStringLiteral("bob");
        a = Accounts::AccountStore(*m_store).add(a).value();
        m_keychain->secrets.insert(a.credentialKey, "secret");
        if (out)
            *out = a;
        return m_store->folderByPath(name + QStringLiteral("/Inbox"))->id;
    }

    // `count` unread messages from before the fetch, in `inbox`.
    void addOld(qint64 inbox, int count)
    {
        QList<Store::PreparedMessage> batch;
        for (int n = 1; n <= count; ++n) {
            Store::MessagePreparer::Input in;
            in.raw = "From: Old <old@example.org>\r\nSubject: Old " + QByteArray::number(n)
                + "\r\nDate: " + QByteArray::number(1 + n % 28) + " Jan 2026 09:" + QByteArray::number(10 + n % 50)
                + ":00 +0000\r\n\r\nOld message " + QByteArray::number(n) + ".\r\n";
            in.folderId = inbox;
            in.receivedAt = QDateTime(QDate(2026, 2, 1), QTime(8, 0), Qt::UTC);
            batch << Store::MessagePreparer::prepare(in).value();
        }
        QVERIFY(m_store->insertMessages(batch));
    }

    // The window over the store, with a fetcher whose scheduler checks
    // every account at once (or, without `checkAtStart`, after its interval).
    void openWindow(bool checkAtStart)
    {
        Sync::Scheduler::Options options;
        options.random = [] { return 0.0; };
        options.watchNetwork = false;  // loopback: whatever the desktop's network says
        options.checkAtStart = checkAtStart;
        m_fetcher = std::make_unique<MailFetcher>(*m_store, *m_keychain, Sync::FetchJob::Options {}, options);
        m_window = std::make_unique<MainWindow>(m_store.get());
        m_window->setPrompts(std::make_unique<ScriptedPrompts>());
        m_window->setFetcher(m_fetcher.get());
        m_window->resize(1000, 600);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->selectFolder(Store::MailStore::UnifiedInbox));
    }

    MessageListModel *list() const { return m_window->messageModel(); }
    QTreeView *view() const { return m_window->messageListView(); }

    bool listed(const QString &subject) const
    {
        for (int r = 0; r < list()->rowCount(); ++r) {
            if (list()->index(r, MessageListModel::SubjectColumn).data().toString() == subject)
                return true;
        }
        return false;
    }

    int count(qint64 folderId, FolderModel::Role role) const
    {
        return m_window->folderModel()->indexOf(folderId).data(role).toInt();
    }

    // The message in the row at the top of the list's view.
    qint64 topInView() const { return view()->indexAt(QPoint(0, 0)).data(MessageListModel::IdRole).toLongLong(); }

    // Selects (and so reads) the message in `row`, and scrolls so that the
    // row `top` is the first in view; returns the message selected.
    qint64 readAndScroll(int row, int top)
    {
        const QModelIndex index = list()->index(row, 0);
        view()->setCurrentIndex(index);
        const qint64 id = list()->idAt(row);
        view()->scrollTo(list()->index(top, 0), QAbstractItemView::PositionAtTop);
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("poplar-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_fetch_live"));
        Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    }

    void init()
    {
        QSettings().clear();
        m_profile = std::make_unique<QTemporaryDir>();
        m_store = Store::MailStore::open(m_profile->path()).value();
        m_keychain = std::make_unique<MemoryKeychain>();
    }

    void cleanup()
    {
        m_window.reset();
        m_fetcher.reset();
        m_keychain.reset();
        m_store.reset();
        m_profile.reset();
    }

    void firstMessageIsListedWhileTheFetchRuns()
    {
        ScriptedServer script;
        for (int n = 1; n <= 4; ++n)
            script.add(fetched("Work", n), "uid-" + QByteArray::number(n));
        script.holdAfterRetr = 1;
        ScriptedTcpServer tcp(script);
        QVERIFY(tcp.start());
        Accounts::Account account;
        const qint64 inbox = addAccount(QStringLiteral("Work"), tcp, &account);
        addOld(inbox, 80);
        openWindow(true);
        QCOMPARE(list()->rowCount(), 80);
        // The tray keeps the window's title and its icon at the unread count.
        const QString title = m_window->windowTitle();
        TrayIcon tray(m_window.get(), m_store.get(), m_fetcher.get());
        QCOMPARE(m_window->windowTitle(), QStringLiteral("%1 (80)").arg(title));

        // The user reads a message further down and has scrolled there.
        const qint64 reading = readAndScroll(40, 30);
        QCOMPARE(m_window->messageView()->messageId(), reading);
        QVERIFY(view()->verticalScrollBar()->value() > 0);
        const qint64 top = topInView();
        QCOMPARE(top, list()->idAt(30));
        QTRY_COMPARE(count(inbox, FolderModel::UnreadRole), 79);  // marked read

        int finished = 0;
        connect(m_fetcher.get(), &MailFetcher::fetchFinished, this, [&] { ++finished; });
        QSignalSpy arrived(m_fetcher.get(), &MailFetcher::mailArrived);
        QSignalSpy stored(m_fetcher.get(), &MailFetcher::mailStored);
        // The scheduler's check at start, in the background.
        m_window->startFetching();

        // The first message is in the list and the Inbox's counts while
        // the server holds the rest of the fetch.
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("Work new 1")), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(count(inbox, FolderModel::TotalRole), 81, 30000);
        QCOMPARE(count(inbox, FolderModel::UnreadRole), 80);
        QCOMPARE(count(Store::MailStore::UnifiedInbox, FolderModel::UnreadRole), 80);
        QCOMPARE(m_window->windowTitle(), QStringLiteral("%1 (80)").arg(title));  // the title follows too
        QVERIFY(m_fetcher->status(account.id).running);
        QCOMPARE(finished, 0);
        QCOMPARE(arrived.count(), 0);  // "new mail" is told once, at the end
        QVERIFY(!stored.isEmpty());
        QCOMPARE(list()->rowCount(), 81);
        // What the user was doing is undisturbed.
        QCOMPARE(m_window->selectedMessageIds(), QList<qint64> { reading });
        QCOMPARE(view()->currentIndex().data(MessageListModel::IdRole).toLongLong(), reading);
        QCOMPARE(m_window->messageView()->messageId(), reading);
        QCOMPARE(topInView(), top);

        // The server lets go: the rest arrives, and the fetch ends.
        script.release();
        QTRY_COMPARE_WITH_TIMEOUT(finished, 1, 30000);
        QCOMPARE(m_fetcher->status(account.id).lastError.code, Poplar::ErrorCode::None);
        QCOMPARE(m_fetcher->status(account.id).lastStored, 4);
        QTRY_COMPARE(list()->rowCount(), 84);
        for (int n = 1; n <= 4; ++n)
            QVERIFY(listed(QStringLiteral("Work new %1").arg(n)));
        QTRY_COMPARE(count(inbox, FolderModel::TotalRole), 84);
        QCOMPARE(count(inbox, FolderModel::UnreadRole), 83);
        QCOMPARE(m_window->windowTitle(), QStringLiteral("%1 (83)").arg(title));
        QCOMPARE(arrived.count(), 1);
        QCOMPARE(arrived.first().at(1).toInt(), 4);
        QCOMPARE(m_window->selectedMessageIds(), QList<qint64> { reading });
        QCOMPARE(m_window->messageView()->messageId(), reading);
        QCOMPARE(topInView(), top);
    }

    void getMailShowsEachAccountsMailAsItArrives()
    {
        ScriptedServer work, home;
        for (int n = 1; n <= 3; ++n) {
            work.add(fetched("Work", n), "w-" + QByteArray::number(n));
            home.add(fetched("Home", n), "h-" + QByteArray::number(n));
        }
        work.holdAfterRetr = 1;
        home.holdAfterRetr = 1;
        ScriptedTcpServer workTcp(work), homeTcp(home);
        QVERIFY(workTcp.start());
        QVERIFY(homeTcp.start());
        Accounts::Account workAccount, homeAccount;
        const qint64 workInbox = addAccount(QStringLiteral("Work"), workTcp, &workAccount);
        const qint64 homeInbox = addAccount(QStringLiteral("Home"), homeTcp, &homeAccount);
        addOld(homeInbox, 5);
        openWindow(false);
        m_window->startFetching();  // the first checks come after the interval
        // The user reads the newest message, at the top of the list.
        const qint64 reading = readAndScroll(0, 0);
        QCOMPARE(m_window->messageView()->messageId(), reading);
        QTRY_COMPARE(count(homeInbox, FolderModel::UnreadRole), 4);  // marked read

        int finished = 0;
        connect(m_fetcher.get(), &MailFetcher::fetchFinished, this, [&] { ++finished; });
        QSignalSpy arrived(m_fetcher.get(), &MailFetcher::mailArrived);
        m_window->getMail();

        // Both accounts' first messages, while both fetches are held.
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("Work new 1")) && listed(QStringLiteral("Home new 1")), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(count(workInbox, FolderModel::TotalRole), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(count(homeInbox, FolderModel::TotalRole), 6, 30000);
        QCOMPARE(count(Store::MailStore::UnifiedInbox, FolderModel::UnreadRole), 6);
        QVERIFY(m_fetcher->status(workAccount.id).running);
        QVERIFY(m_fetcher->status(homeAccount.id).running);
        QCOMPARE(finished, 0);
        QCOMPARE(arrived.count(), 0);
        QCOMPARE(list()->rowCount(), 7);
        QCOMPARE(m_window->selectedMessageIds(), QList<qint64> { reading });
        QCOMPARE(m_window->messageView()->messageId(), reading);

        work.release();
        home.release();
        QTRY_COMPARE_WITH_TIMEOUT(finished, 2, 30000);
        QTRY_COMPARE(list()->rowCount(), 11);
        QTRY_COMPARE(count(Store::MailStore::UnifiedInbox, FolderModel::TotalRole), 11);
        QCOMPARE(count(workInbox, FolderModel::UnreadRole), 3);
        QCOMPARE(arrived.count(), 2);  // once per fetch
        for (const QList<QVariant> &a : arrived)
            QCOMPARE(a.at(1).toInt(), 3);
        QCOMPARE(m_window->selectedMessageIds(), QList<qint64> { reading });
        QCOMPARE(m_window->messageView()->messageId(), reading);
    }

    void batchesInARowAreFollowedByOneReadAndOneMore()
    {
        ScriptedServer script;
        ScriptedTcpServer tcp(script);
        QVERIFY(tcp.start());
        const qint64 inbox = addAccount(QStringLiteral("Work"), tcp);
        addOld(inbox, 3);
        openWindow(false);
        auto *follower = m_window->findChild<Poplar::Ui::ArrivalFollower *>();
        QVERIFY(follower);
        QSignalSpy reloaded(list(), &MessageListModel::reloaded);
        QSignalSpy counted(m_window->folderModel(), &FolderModel::reloaded);
        // Twenty batches commit before the GUI thread gets to the first answer.
        for (int batch = 0; batch < 20; ++batch) {
            addOld(inbox, 1);
            follower->follow();
        }
        QTRY_VERIFY(follower->isIdle());
        QCOMPARE(list()->rowCount(), 23);
        QCOMPARE(count(inbox, FolderModel::TotalRole), 23);
        QCOMPARE(reloaded.count(), 2);  // the first at once, the rest together
        QCOMPARE(counted.count(), 2);
    }
};

QTEST_MAIN(TestFetchLive)
#include "tst_fetch_live.moc"
