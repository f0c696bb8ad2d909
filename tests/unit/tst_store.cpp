// core_store: schema and migrations, the writer thread, messages stored
// byte-exact in chunks, folders, bulk message operations, counts, and the
// failure paths (full disk, failed companion writes, newer schemas).

#include "store/Database.h"
#include "store/MessagePreparer.h"
#include "store/Profile.h"
#include "store/Schema.h"
#include "store/Store.h"
#include "SearchIndexChecks.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <future>
#include <thread>

using namespace Store;
using Poplar::Error;
using Poplar::ErrorCode;

namespace {

QByteArray sampleMessage(int n, const QByteArray &extraBody = {})
{
    return "From: Ann Example <ann@example.org>\r\n"
           "To: bob@example.org, Carl <carl@example.org>\r\n"
           "Subject: Message number "
        + QByteArray::number(n)
        + "\r\n"
          "Date: Tue, 03 Nov 2026 10:15:00 +0100\r\n"
          "Message-ID: <m"
        + QByteArray::number(n)
        + "@example.org>\r\n"
          "\r\n"
          "Hello number "
        + QByteArray::number(n) + ".\r\n" + extraBody;
}

PreparedMessage prepared(qint64 folderId, const QByteArray &raw, int flags = 0, const QByteArray &uidl = {})
{
    MessagePreparer::Input in;
    in.raw = raw;
    in.folderId = folderId;
    in.flags = flags;
    in.serverKey = uidl;
    in.receivedAt = QDateTime(QDate(2026, 11, 4), QTime(8, 0), Qt::UTC);
    auto p = MessagePreparer::prepare(in);
    return p ? *p : PreparedMessage();
}

}  // namespace

class TestStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MailStore> m_store;
    qint64 m_inbox = 0;

    QList<qint64> addMessages(int count, qint64 folder, int firstNumber = 1)
    {
        QList<PreparedMessage> batch;
        for (int i = 0; i < count; ++i)
            batch << prepared(folder, sampleMessage(firstNumber + i));
        auto ids = m_store->insertMessages(batch);
        return ids ? *ids : QList<qint64>();
    }

    // Writes tests/data/store/schema-v<latest>.sqlite into `target`. Run
    // once, when that version is new (POPLAR_WRITE_FIXTURES=DIR tst_store);
    // the file is frozen from then on, and a test opens it with every later
    // version. The same content each time, so every fixture test can check
    // the same things.
    void writeFixture(const QByteArray &target)
    {
        QTemporaryDir dir;
        auto s = MailStore::open(dir.path());
        QVERIFY(s);
        QVERIFY((*s)->createAccount(QStringLiteral("Fixture")));
        const qint64 inbox = (*s)->folderByPath(QStringLiteral("Fixture/Inbox"))->id;
        // As a fetch leaves them (from v8 on): stored, still to be indexed
        // (the idle writer may get to them before the store closes; the v8
        // file holds both waiting).
        IndexingHold hold = (*s)->holdIndexing();
        QVERIFY((*s)->insertMessage(prepared(inbox, sampleMessage(1), Flag::Seen, "uidl-1")));
        QVERIFY((*s)->insertMessage(prepared(inbox, sampleMessage(2), 0, "uidl-2")));
        const qint64 projects = (*s)->createFolder(0, QStringLiteral("Projects")).value();
        QVERIFY((*s)->createFolder(projects, QStringLiteral("2026")));
        hold.release();
        s.value().reset();
        {
            Database db;
            QVERIFY(db.open(Profile::databasePath(dir.path())));
            QVERIFY(db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
            QVERIFY(db.exec(QStringLiteral("PRAGMA journal_mode=DELETE")));
            QVERIFY(db.exec(QStringLiteral("VACUUM")));
        }
        const QString out
            = QString::fromLocal8Bit(target) + QStringLiteral("/schema-v%1.sqlite").arg(Schema::latestVersion());
        QFile::remove(out);
        QVERIFY(QFile::copy(Profile::databasePath(dir.path()), out));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray target = qgetenv("POPLAR_WRITE_FIXTURES");
        if (!target.isEmpty())
            writeFixture(target);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto s = MailStore::open(m_dir->filePath(QStringLiteral("profile")));
        QVERIFY2(s, qPrintable(s.error().technicalDescription()));
        m_store = std::move(s).value();
        auto account = m_store->createAccount(QStringLiteral("Work"));
        QVERIFY(account);
        auto inbox = m_store->folderByPath(QStringLiteral("Work/Inbox"));
        QVERIFY2(inbox, qPrintable(inbox.error().technicalDescription()));
        m_inbox = inbox->id;
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void openCreatesMigratedWalStore()
    {
        QVERIFY(QFile::exists(m_store->databasePath()));
        Database db;
        QVERIFY(db.open(m_store->databasePath(), Database::Mode::ReadOnly));
        QCOMPARE(Schema::version(db).value(), Schema::latestVersion());
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA journal_mode"))->toString(), QStringLiteral("wal"));
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA foreign_keys"))->toInt(), 1);
        auto folders = m_store->folders();
        QVERIFY(folders);
        QStringList paths;
        for (const Folder &f : *folders)
            paths << f.path;
        QCOMPARE(paths, QStringList({ QStringLiteral("Work/Inbox"), QStringLiteral("Trash") }));
        // The profile is private to its owner.
        QCOMPARE(QFileInfo(m_store->directory()).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
            QFileDevice::Permissions());
    }

    void profileDirectoryResolution()
    {
        QCOMPARE(Profile::resolveDirectory(QStringLiteral("/tmp/x/../y")), QStringLiteral("/tmp/y"));
        qputenv(Profile::EnvironmentVariable, "/tmp/from-env");
        QCOMPARE(Profile::resolveDirectory(), QStringLiteral("/tmp/from-env"));
        QCOMPARE(Profile::resolveDirectory(QStringLiteral("/tmp/explicit")), QStringLiteral("/tmp/explicit"));
        qunsetenv(Profile::EnvironmentVariable);
        QCOMPARE(Profile::resolveDirectory(), QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    }

    void newerSchemaIsRefused()
    {
        const QString path = m_store->databasePath();
        m_store.reset();
        {
            Database db;
            QVERIFY(db.open(path));
            QVERIFY(db.exec(QStringLiteral("PRAGMA user_version = 999")));
        }
        auto s = MailStore::open(m_dir->filePath(QStringLiteral("profile")));
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::StoreError);
        QVERIFY(s.error().detail.contains(QStringLiteral("999")));
    }

    void notADatabaseIsReported()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("poplar.sqlite")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        auto s = MailStore::open(dir.path());
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::StoreCorrupt);
    }

    void olderSchemaFixturesOpenAndMigrate_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v <= Schema::latestVersion(); ++v)
            QTest::addRow("schema-v%d", v) << v;
    }

    void olderSchemaFixturesOpenAndMigrate()
    {
        // tests/data/store/schema-vN.sqlite was written by schema N (see
        // writeFixture above); it must open with everything in it, and be
        // searchable once migrated.
        QFETCH(int, version);
        const QString fixture = QStringLiteral(POPLAR_TEST_DATA "/store/schema-v%1.sqlite").arg(version);
        QVERIFY2(QFile::exists(fixture), qPrintable(fixture));
        QTemporaryDir dir;
        QVERIFY(QFile::copy(fixture, Profile::databasePath(dir.path())));
        QFile::setPermissions(Profile::databasePath(dir.path()), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        auto s = MailStore::open(dir.path());
        QVERIFY2(s, qPrintable(s.error().technicalDescription()));
        auto inbox = (*s)->folderByPath(QStringLiteral("Fixture/Inbox"));
        QVERIFY(inbox);
        QCOMPARE(inbox->total, 2);
        QCOMPARE(inbox->unread, 1);
        auto msgs = (*s)->messages(inbox->id);
        QVERIFY(msgs);
        QCOMPARE(msgs->size(), 2);
        QCOMPARE((*s)->rawMessage(msgs->last().id).value(), sampleMessage(1));
        auto local = (*s)->folderByPath(QStringLiteral("Local/Projects/2026"));
        QVERIFY(local);
        QCOMPARE((*s)->integrityCheck().value(), QStringList { QStringLiteral("ok") });
        {
            Database db;
            QVERIFY(db.open(Profile::databasePath(dir.path()), Database::Mode::ReadOnly));
            QCOMPARE(Schema::version(db).value(), Schema::latestVersion());
            // Stores from before the fetch ledger (v5) get ledger rows for
            // the mail that carries an account's UIDL: a first fetch after
            // the upgrade must not download it again.
            if (version < 5) {
                auto q = db.query(QStringLiteral("SELECT uidl, message_id FROM pop3_ledger ORDER BY uidl"));
                QVERIFY(q);
                QStringList rows;
                while (q.value().next())
                    rows << q.value().value(0).toString() + QLatin1Char('=') + q.value().value(1).toString();
                QCOMPARE(rows.size(), 2);
                QVERIFY(rows[0].startsWith(QStringLiteral("uidl-1=")));
                QVERIFY(rows[1].startsWith(QStringLiteral("uidl-2=")));
            }
            // The fetch history (v6) starts empty.
            QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM fetch_history"))->toInt(), 0);
            // v7: no ledger entry is held on the server, no message is
            // known to break the connection, no refused login to wait for.
            QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM pop3_ledger WHERE hold <> 0"))->toInt(), 0);
            QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM pop3_troublesome"))->toInt(), 0);
            // v9: the outbox starts empty, and no folder has the Sent part yet.
            QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM outbox"))->toInt(), 0);
            QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM folder_roles"))->toInt(), 0);
            QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM account_sync_state WHERE login_not_before "
                                              "IS NOT NULL"))
                         ->toInt(),
                0);
        }
        // The body text ("Hello number 1.") is derived from the raw bytes,
        // so mail from before the search index is found by it.
        auto found = (*s)->search(QStringLiteral("hello number"));
        QVERIFY2(found, qPrintable(found.error().technicalDescription()));
        QCOMPARE(found->size(), 2);
        // v8: what was still waiting for the index joined it for the search.
        QCOMPARE(PoplarTest::waitingForIndex(**s), 0);
        auto one = (*s)->search(QStringLiteral("\"number 1\" from:ann is:read"));
        QVERIFY(one);
        QCOMPARE(one->size(), 1);
        QCOMPARE(one->first().id, msgs->last().id);
        std::move(s).value().reset();

        // An upgrade interrupted before its reindex finished (the note
        // still there, the text still the snippet) is completed on the
        // next open.
        {
            Database db;
            QVERIFY(db.open(Profile::databasePath(dir.path())));
            QVERIFY(db.exec(QStringLiteral("UPDATE message_text SET body = 'x'")));
            QVERIFY(db.exec(QStringLiteral("INSERT OR REPLACE INTO store_notes(name, value) "
                                           "VALUES ('reindex-pending', 1)")));
        }
        s = MailStore::open(dir.path());
        QVERIFY(s);
        QCOMPARE((*s)->search(QStringLiteral("hello number")).value().size(), 2);
        {
            Database db;
            QVERIFY(db.open(Profile::databasePath(dir.path()), Database::Mode::ReadOnly));
            QVERIFY(
                !db.scalar(QStringLiteral("SELECT value FROM store_notes WHERE name = 'reindex-pending'"))->isValid());
        }
    }

    void rawBytesRoundTripExactly_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("simple") << sampleMessage(1);
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("nul-and-8bit") << QByteArray("Subject: \xff\xfe\r\n\r\nbody\0with\0nul\r\n", 31);
        QTest::newRow("bare-lf") << QByteArray("Subject: lf\n\nline\n");
        QByteArray big = sampleMessage(7, QByteArray(3 * 1024 * 1024 + 12345, 'z'));
        QTest::newRow("multi-chunk-3.5MB") << big;
        QTest::newRow("exactly-one-chunk") << QByteArray(MailStore::ChunkSize, 'q');
    }

    void rawBytesRoundTripExactly()
    {
        QFETCH(QByteArray, raw);
        auto id = m_store->insertMessage(prepared(m_inbox, raw));
        QVERIFY2(id, qPrintable(id.error().technicalDescription()));
        QCOMPARE(m_store->rawMessage(*id).value(), raw);
        QCOMPARE(m_store->message(*id)->size, qint64(raw.size()));
        // Streaming hands out at most one chunk at a time.
        qsizetype largest = 0;
        QVERIFY(m_store->readRaw(*id, [&](QByteArrayView c) {
            largest = std::max(largest, c.size());
            return Poplar::Status();
        }));
        QVERIFY(largest <= MailStore::ChunkSize);
    }

    void rawFromFileIsStreamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.eml"));
        const QByteArray raw = sampleMessage(3, QByteArray(2 * 1024 * 1024, 'f'));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(raw);
        f.close();
        MessagePreparer::Input in;
        in.rawFile = path;
        in.folderId = m_inbox;
        auto p = MessagePreparer::prepare(in);
        QVERIFY(p);
        QVERIFY(p->raw.isEmpty());  // not loaded into memory
        QCOMPARE(p->subject, QStringLiteral("Message number 3"));
        auto id = m_store->insertMessage(*p);
        QVERIFY(id);
        QCOMPARE(m_store->rawMessage(*id).value(), raw);
    }

    void derivedColumns()
    {
        auto id = m_store->insertMessage(prepared(m_inbox, sampleMessage(5), 0, "UID-5"));
        QVERIFY(id);
        const MessageSummary m = m_store->message(*id).value();
        QCOMPARE(m.subject, QStringLiteral("Message number 5"));
        QCOMPARE(m.fromName, QStringLiteral("Ann Example"));
        QCOMPARE(m.fromAddress, QStringLiteral("ann@example.org"));
        QVERIFY(m.to.contains(QStringLiteral("carl@example.org")));
        QCOMPARE(m.date, QDateTime(QDate(2026, 11, 3), QTime(9, 15), Qt::UTC));
        QCOMPARE(m.messageId, QByteArray("m5@example.org"));
        QCOMPARE(m.serverKey, QByteArray("UID-5"));
        QVERIFY(m.snippet.startsWith(QStringLiteral("Hello number 5")));
        QVERIFY(!m.hasAttachments);
        QCOMPARE(m.parseState, 0);

        // No Date header: the arrival time stands in.
        auto noDate = m_store->insertMessage(prepared(m_inbox, "Subject: undated\r\n\r\nx\r\n"));
        QVERIFY(noDate);
        QCOMPARE(m_store->message(*noDate)->date, QDateTime(QDate(2026, 11, 4), QTime(8, 0), Qt::UTC));
        // Not a message at all: still stored, raw only.
        const QByteArray garbage("\x01\x02 this is not mail", 20);
        auto junk = m_store->insertMessage(prepared(m_inbox, garbage));
        QVERIFY(junk);
        QCOMPARE(m_store->rawMessage(*junk).value(), garbage);
    }

    // Statement (SQLite's own bindings) stores what QSqlQuery would: a null
    // QString or QByteArray as NULL, an empty one as '' or an empty BLOB.
    void preparedStatementsBindLikeQueries()
    {
        Database db;
        QVERIFY(db.open(m_dir->filePath(QStringLiteral("plain.db"))));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE t(n INTEGER, a, b NOT NULL)")));
        auto insert = db.prepared("INSERT INTO t(n, a, b) VALUES (?, ?, ?)");
        QVERIFY(insert);
        const QByteArray bytes("\x00\xff", 2);
        QVERIFY((*insert)->integer(1).text(QString()).text(QStringLiteral("Grüße")).run());
        QVERIFY((*insert)->integer(2).text(QStringLiteral("")).blob(bytes).run());
        QVERIFY((*insert)->integer(3).blob(QByteArrayView()).blob(QByteArray("")).run());
        QVERIFY((*insert)->integer(4).null().integer(Q_INT64_C(1) << 40).run());
        QCOMPARE((*insert)->lastInsertId(), 4);
        // A failure names SQLite's reason and leaves the statement usable.
        auto refused = (*insert)->integer(5).text(QStringLiteral("x")).null().run();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::StoreError);
        QVERIFY2(refused.error().detail.contains(QStringLiteral("NOT NULL")), qPrintable(refused.error().detail));
        QVERIFY((*insert)->integer(6).text(QStringLiteral("y")).text(QStringLiteral("z")).run());

        auto result = db.query(QStringLiteral("SELECT n, typeof(a), a, typeof(b), b FROM t ORDER BY n"));
        QVERIFY(result);
        QSqlQuery rows = std::move(result).value();
        QStringList seen;
        while (rows.next())
            seen << QStringLiteral("%1 %2 %3 %4 %5")
                        .arg(rows.value(0).toString(), rows.value(1).toString(), rows.value(2).toString(),
                            rows.value(3).toString(), QString::fromLatin1(rows.value(4).toByteArray().toHex()));
        QCOMPARE(seen,
            QStringList({ QStringLiteral("1 null  text 4772c3bcc39f65"), QStringLiteral("2 text  blob 00ff"),
                QStringLiteral("3 null  blob "), QStringLiteral("4 null  integer 31303939353131363237373736"),
                QStringLiteral("6 text y text 7a") }));
    }

    void listingNewestFirstAndPaged()
    {
        const QList<qint64> ids = addMessages(30, m_inbox);
        QCOMPARE(ids.size(), 30);
        auto page = m_store->messages(m_inbox, 0, 10);
        QVERIFY(page);
        QCOMPARE(page->size(), 10);
        // Same Date for all: ties break on id, newest first.
        QCOMPARE(page->first().id, ids.last());
        auto next = m_store->messages(m_inbox, 10, 10);
        QCOMPARE(next->first().id, ids.at(19));
    }

    void listsHoldIdsInTheOrderAsked()
    {
        // Four messages whose date, sender, subject and size each sort differently.
        auto message = [](const char *from, const char *subject, int day, int bodyLines) {
            QByteArray raw = QByteArray("From: ") + from + "\r\nTo: me@example.org\r\nSubject: " + subject
                + "\r\nDate: " + QByteArray::number(day) + " Nov 2026 10:00:00 +0000\r\n\r\n";
            for (int i = 0; i < bodyLines; ++i)
                raw += "A line of text to make this message larger than the others.\r\n";
            return raw;
        };
        const QList<qint64> ids = m_store
                                      ->insertMessages({
                                          prepared(m_inbox, message("dora@example.org", "beta", 3, 1)),
                                          prepared(m_inbox, message("Al <zed@example.org>", "Delta", 1, 9)),
                                          prepared(m_inbox, message("carl@example.org", "alpha", 4, 5)),
                                          prepared(m_inbox, message("Bea <bea@example.org>", "Gamma", 2, 0)),
                                      })
                                      .value();
        const qint64 dora = ids[0], al = ids[1], carl = ids[2], bea = ids[3];
        auto order = [&](qint64 folder, SortKey key, bool ascending) {
            return m_store->messageIds(folder, ListOrder { key, ascending }).value();
        };
        QCOMPARE(order(m_inbox, SortKey::Date, false), (QList<qint64> { carl, dora, bea, al }));
        QCOMPARE(order(m_inbox, SortKey::Date, true), (QList<qint64> { al, bea, dora, carl }));
        // The name when there is one, else the address; case ignored.
        QCOMPARE(order(m_inbox, SortKey::From, true), (QList<qint64> { al, bea, carl, dora }));
        QCOMPARE(order(m_inbox, SortKey::Subject, true), (QList<qint64> { carl, dora, al, bea }));
        QCOMPARE(order(m_inbox, SortKey::Subject, false), (QList<qint64> { bea, al, dora, carl }));
        QCOMPARE(order(m_inbox, SortKey::Size, false), (QList<qint64> { al, carl, dora, bea }));

        // The unified inbox holds every account's Inbox, and nothing else.
        QVERIFY(m_store->createAccount(QStringLiteral("Home")));
        const qint64 home = m_store->folderByPath(QStringLiteral("Home/Inbox"))->id;
        const qint64 local = m_store->ensureLocalFolder(QStringLiteral("Local/Kept")).value();
        const qint64 homeMessage
            = m_store->insertMessage(prepared(home, message("eve@example.org", "e", 5, 0))).value();
        QVERIFY(m_store->insertMessage(prepared(local, message("fay@example.org", "f", 6, 0))));
        QVERIFY(m_store->trashMessages({ bea }));
        QCOMPARE(order(MailStore::UnifiedInbox, SortKey::Date, false), (QList<qint64> { homeMessage, carl, dora, al }));

        // Search results in the same orders, narrowed to a folder or to the inboxes.
        auto query = SearchQuery::parse(QStringLiteral("text")).value();
        QCOMPARE(m_store->searchIds(query, m_inbox, ListOrder { SortKey::Subject, true }).value(),
            (QList<qint64> { carl, dora, al }));  // Bea's has no body and is in Trash
        QCOMPARE(
            m_store->searchIds(SearchQuery::parse(QStringLiteral("from:eve")).value(), MailStore::UnifiedInbox).value(),
            QList<qint64> { homeMessage });
        QVERIFY(m_store->searchIds(SearchQuery::parse(QStringLiteral("from:fay")).value(), MailStore::UnifiedInbox)
                    ->isEmpty());
        QCOMPARE(m_store->searchIds(SearchQuery::parse(QStringLiteral("from:fay")).value()).value().size(), 1);

        // Rows come back in the order asked; ids no longer stored are left out.
        QVERIFY(m_store->deleteMessagesPermanently({ dora }));
        auto rows = m_store->messagesByIds({ al, dora, carl, 999999 });
        QVERIFY(rows);
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0).id, al);
        QCOMPARE(rows->at(0).fromName, QStringLiteral("Al"));
        QCOMPARE(rows->at(1).subject, QStringLiteral("alpha"));
        QVERIFY(m_store->messagesByIds({})->isEmpty());
    }

    void latestArrivalsOfAnAccount()
    {
        const qint64 work = m_store->folderByPath(QStringLiteral("Work/Inbox"))->accountId;
        const qint64 home = m_store->createAccount(QStringLiteral("Home")).value();
        auto arriving = [&](qint64 account, int n) {
            PreparedMessage p = prepared(m_inbox, sampleMessage(n));
            p.accountId = account;
            return m_store->insertMessage(p).value();
        };
        const qint64 first = arriving(work, 1);
        arriving(home, 2);
        const qint64 third = arriving(work, 3);
        const qint64 fourth = arriving(work, 4);
        auto latest = m_store->latestArrivals(work, 2);
        QVERIFY(latest);
        QCOMPARE(latest->size(), 2);
        QCOMPARE(latest->at(0).id, fourth);
        QCOMPARE(latest->at(1).id, third);
        QCOMPARE(m_store->latestArrivals(work, 10)->last().id, first);
        QCOMPARE(m_store->latestArrivals(home, 10)->size(), 1);
    }

    void folderTree()
    {
        auto projects = m_store->createFolder(0, QStringLiteral("Projects"));
        QVERIFY(projects);
        auto y2026 = m_store->createFolder(*projects, QStringLiteral("2026"));
        QVERIFY(y2026);
        QVERIFY(m_store->folderByPath(QStringLiteral("Local/Projects/2026")));
        // Names are unique among siblings; slashes and blanks are refused.
        QCOMPARE(m_store->createFolder(0, QStringLiteral("Projects")).error().code, ErrorCode::FolderExists);
        QCOMPARE(m_store->createFolder(0, QStringLiteral("a/b")).error().code, ErrorCode::FolderNameInvalid);
        QCOMPARE(m_store->createFolder(0, QStringLiteral(" ")).error().code, ErrorCode::FolderNameInvalid);
        // Not inside system folders.
        QCOMPARE(m_store->createFolder(m_inbox, QStringLiteral("x")).error().code, ErrorCode::FolderProtected);
        // A local folder may be called Trash: it is Local/Trash.
        QVERIFY(m_store->createFolder(0, QStringLiteral("Trash")));

        QVERIFY(m_store->renameFolder(*y2026, QStringLiteral("Year 2026")));
        QVERIFY(m_store->folderByPath(QStringLiteral("Local/Projects/Year 2026")));
        QVERIFY(m_store->moveFolder(*y2026, 0));
        QVERIFY(m_store->folderByPath(QStringLiteral("Local/Year 2026")));
        QVERIFY(m_store->moveFolder(*y2026, *projects));
        // No cycles.
        QCOMPARE(m_store->moveFolder(*projects, *y2026).code(), ErrorCode::FolderIntoItself);
        QCOMPARE(m_store->moveFolder(*projects, *projects).code(), ErrorCode::FolderIntoItself);
        // A taken name, renaming or moving onto it.
        const qint64 notes = m_store->createFolder(*projects, QStringLiteral("Notes")).value();
        QCOMPARE(m_store->renameFolder(notes, QStringLiteral("Year 2026")).code(), ErrorCode::FolderExists);
        QVERIFY(m_store->createFolder(0, QStringLiteral("Notes")));
        QCOMPARE(m_store->moveFolder(notes, 0).code(), ErrorCode::FolderExists);
        QCOMPARE(m_store->folder(notes)->path, QStringLiteral("Local/Projects/Notes"));
        QCOMPARE(
            m_store->ensureLocalFolder(QStringLiteral("Projects/Notes")).error().code, ErrorCode::FolderPathInvalid);
    }

    void reservedNamesAndUserFlags()
    {
        for (const char *name : { "Local", "trash", " Spaces", "a/b" })
            QCOMPARE(m_store->createAccount(QString::fromLatin1(name)).error().code, ErrorCode::AccountNameInvalid);
        QCOMPARE(m_store->createAccount(QStringLiteral("WORK")).error().code, ErrorCode::AccountNameTaken);
        // Local folders may carry system folders' names: their paths differ.
        const qint64 f = m_store->createFolder(0, QStringLiteral("Notes")).value();
        QVERIFY(m_store->renameFolder(f, QStringLiteral("Inbox")));
        QVERIFY(m_store->folderByPath(QStringLiteral("Local/Inbox")));
        // Partial describes the stored bytes: setFlags cannot change it.
        auto partial = m_store->insertMessage(prepared(m_inbox, "Subject: p\r\n\r\n", Flag::Partial));
        auto whole = m_store->insertMessage(prepared(m_inbox, "Subject: w\r\n\r\n"));
        QVERIFY(m_store->setFlags({ *partial, *whole }, Flag::Partial | Flag::Seen, 0));
        QCOMPARE(m_store->message(*whole)->flags, int(Flag::Seen));
        QVERIFY(m_store->setFlags({ *partial }, 0, Flag::Partial));
        QCOMPARE(m_store->message(*partial)->flags, Flag::Partial | Flag::Seen);
    }

    void systemFoldersAreProtected()
    {
        const qint64 trash = m_store->trashFolderId().value();
        for (qint64 f : { m_inbox, trash }) {
            QCOMPARE(m_store->renameFolder(f, QStringLiteral("x")).code(), ErrorCode::FolderProtected);
            QCOMPARE(m_store->deleteFolder(f).code(), ErrorCode::FolderProtected);
            QCOMPARE(m_store->moveFolder(f, 0).code(), ErrorCode::FolderProtected);
        }
        QCOMPARE(m_store->deleteFolder(987654).code(), ErrorCode::NotFound);
    }

    void deletingAFolderMovesItsMailToTrash()
    {
        const qint64 parent = m_store->createFolder(0, QStringLiteral("Old")).value();
        const qint64 child = m_store->createFolder(parent, QStringLiteral("Older")).value();
        const QList<qint64> a = addMessages(3, parent);
        const QList<qint64> b = addMessages(2, child, 10);
        QVERIFY(m_store->deleteFolder(parent));
        QCOMPARE(m_store->folder(parent).error().code, ErrorCode::NotFound);
        QCOMPARE(m_store->folder(child).error().code, ErrorCode::NotFound);
        const qint64 trash = m_store->trashFolderId().value();
        for (qint64 id : a + b)
            QCOMPARE(m_store->message(id)->folderId, trash);
        QCOMPARE(m_store->folder(trash)->total, 5);
    }

    void deletingFromAFolderSparesWhatLeftIt()
    {
        // Trash listed, then some of its messages taken out of it before the
        // delete comes (by another process, say): they stay, whole.
        const QList<qint64> ids = addMessages(1200, m_inbox);
        QCOMPARE(ids.size(), 1200);
        QVERIFY(m_store->trashMessages(ids));
        const qint64 trash = m_store->trashFolderId().value();
        const QList<qint64> listed = m_store->messageIds(trash).value();
        QCOMPARE(listed.size(), 1200);
        const QList<qint64> rescued { ids[0], ids[700], ids[1199] };  // in different slices
        QVERIFY(m_store->moveMessages(rescued, m_inbox));
        const qint64 archive = m_store->createFolder(0, QStringLiteral("Archive")).value();
        QVERIFY(m_store->moveMessages({ ids[3] }, archive));

        auto gone = m_store->deleteMessagesInFolder(listed, trash);
        QVERIFY(gone);
        QCOMPARE(*gone, 1196);
        QCOMPARE(m_store->folder(trash)->total, 0);
        QCOMPARE(m_store->messageIds(m_inbox).value().size(), 3);
        for (qint64 id : rescued) {
            QCOMPARE(m_store->message(id)->folderId, m_inbox);
            QCOMPARE(m_store->rawMessage(id).value(), sampleMessage(int(ids.indexOf(id)) + 1));
        }
        QCOMPARE(m_store->message(ids[3])->folderId, archive);
        QCOMPARE(m_store->message(ids[1]).error().code, ErrorCode::NotFound);
        // Nothing left to delete there: none goes.
        QCOMPARE(m_store->deleteMessagesInFolder(rescued, trash).value(), 0);
        QCOMPARE(m_store->messageIds(m_inbox).value().size(), 3);
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
    }

    void bulkOperationsOnThousands()
    {
        const QList<qint64> ids = addMessages(3000, m_inbox);
        QCOMPARE(ids.size(), 3000);
        auto inbox = m_store->folder(m_inbox).value();
        QCOMPARE(inbox.total, 3000);
        QCOMPARE(inbox.unread, 3000);

        QVERIFY(m_store->setFlags(ids, Flag::Seen | Flag::Flagged, 0));
        QCOMPARE(m_store->folder(m_inbox)->unread, 0);
        QVERIFY(m_store->setFlags(ids.mid(0, 1000), 0, Flag::Seen));
        QCOMPARE(m_store->folder(m_inbox)->unread, 1000);
        QCOMPARE(m_store->message(ids.first())->flags, int(Flag::Flagged));

        const qint64 archive = m_store->createFolder(0, QStringLiteral("Archive")).value();
        QVERIFY(m_store->moveMessages(ids.mid(0, 2000), archive));
        QCOMPARE(m_store->folder(archive)->total, 2000);
        QCOMPARE(m_store->folder(m_inbox)->total, 1000);

        QVERIFY(m_store->trashMessages(ids.mid(0, 1500)));
        const qint64 trash = m_store->trashFolderId().value();
        QCOMPARE(m_store->folder(trash)->total, 1500);
        QVERIFY(m_store->emptyTrash());
        QCOMPARE(m_store->folder(trash)->total, 0);
        QCOMPARE(m_store->message(ids.first()).error().code, ErrorCode::NotFound);
        // Their data went with them.
        Database db;
        QVERIFY(db.open(m_store->databasePath(), Database::Mode::ReadOnly));
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM message_chunks WHERE message_id NOT IN "
                                          "(SELECT id FROM messages)"))
                     ->toInt(),
            0);
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
    }

    void copyIsByteIdenticalAndLocal()
    {
        auto id = m_store->insertMessage(prepared(m_inbox, sampleMessage(9, QByteArray(1500000, 'c')), 0, "U9"));
        QVERIFY(id);
        const qint64 keep = m_store->createFolder(0, QStringLiteral("Keep")).value();
        auto copies = m_store->copyMessages({ *id }, keep);
        QVERIFY(copies);
        QCOMPARE(copies->size(), 1);
        QCOMPARE(m_store->rawMessage(copies->first()).value(), m_store->rawMessage(*id).value());
        QCOMPARE(m_store->message(copies->first())->serverKey, QByteArray());
        QCOMPARE(m_store->message(copies->first())->folderId, keep);
        QVERIFY(m_store->deleteMessagesPermanently({ *id }));
        QCOMPARE(m_store->rawMessage(copies->first())->size(), sampleMessage(9, QByteArray(1500000, 'c')).size());
    }

    void companionWriteFailureRollsBackTheMessage()
    {
        const int before = m_store->folder(m_inbox)->total;
        auto id = m_store->insertMessage(prepared(m_inbox, sampleMessage(1)), [](Database &, qint64) {
            return Poplar::Status(Error(ErrorCode::LocalWriteFailed, QStringLiteral("ledger")));
        });
        QVERIFY(!id);
        QCOMPARE(id.error().code, ErrorCode::LocalWriteFailed);
        QCOMPARE(m_store->folder(m_inbox)->total, before);
    }

    void fullDiskFailsCleanly()
    {
        const QList<qint64> earlier = addMessages(5, m_inbox);
        // Cap the database near its current size: the next big message
        // cannot fit, as on a full disk.
        QVERIFY(m_store->write([](Database &db) -> Poplar::Status {
            auto pages = db.scalar(QStringLiteral("PRAGMA page_count"));
            if (!pages)
                return pages.error();
            return db.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages->toLongLong() + 20));
        }));
        auto id = m_store->insertMessage(prepared(m_inbox, sampleMessage(99, QByteArray(4 * 1024 * 1024, 'F'))));
        QVERIFY(!id);
        QCOMPARE(id.error().code, ErrorCode::DiskFull);
        // No half message is visible and the earlier mail is intact.
        QCOMPARE(m_store->folder(m_inbox)->total, 5);
        for (int i = 0; i < earlier.size(); ++i)
            QCOMPARE(m_store->rawMessage(earlier.at(i)).value(), sampleMessage(1 + i));
        Database db;
        QVERIFY(db.open(m_store->databasePath(), Database::Mode::ReadOnly));
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM message_chunks"))->toInt(), 5);
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
        // Small writes still work afterwards.
        QVERIFY(m_store->setFlags(earlier, Flag::Seen, 0));
    }

    void readersDoNotWaitForTheWriter()
    {
        addMessages(10, m_inbox);
        std::atomic<bool> holding { false };
        std::promise<void> release;
        std::thread slowWriter([&] {
            auto st = m_store->write([&](Database &db) -> Poplar::Status {
                auto s = db.exec(QStringLiteral("UPDATE messages SET flags = 1"));
                holding = true;
                release.get_future().wait();
                return s;
            });
            Q_UNUSED(st);
        });
        QTRY_VERIFY(holding.load());
        QElapsedTimer t;
        t.start();
        auto page = m_store->messages(m_inbox, 0, 100);  // sees the last committed state
        const qint64 took = t.elapsed();
        release.set_value();
        slowWriter.join();
        QVERIFY(page);
        QCOMPARE(page->size(), 10);
        QCOMPARE(page->first().flags, 0);
        QVERIFY2(took < 1000, qPrintable(QString::number(took)));
    }

    void deferredCommitsAreWholeAndFlushed()
    {
        QList<PreparedMessage> batch;
        for (int i = 0; i < 5; ++i)
            batch << prepared(m_inbox, sampleMessage(100 + i));
        auto pending = m_store->insertMessagesAsync(batch, MailStore::Durability::Deferred);
        auto ids = pending.get();
        QVERIFY(ids);
        QCOMPARE(ids->size(), 5);
        // Committed and visible at once, like any commit.
        QCOMPARE(m_store->messages(m_inbox).value().size(), 5);
        QVERIFY(m_store->syncToDisk());
        // The writer is back to flushing every commit.
        int synchronous = -1;
        QVERIFY(m_store->write([&](Database &db) -> Poplar::Status {
            synchronous = db.scalar(QStringLiteral("PRAGMA synchronous"))->toInt();
            return {};
        }));
        QCOMPARE(synchronous, 2);  // FULL
        // A failing deferred batch leaves nothing of itself.
        QList<PreparedMessage> bad = batch;
        bad[3].folderId = 999999;
        auto failed = m_store->insertMessagesAsync(bad, MailStore::Durability::Deferred).get();
        QVERIFY(!failed);
        QCOMPARE(m_store->messages(m_inbox).value().size(), 5);
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
    }

    void theLogIsCheckpointedInTheBackground()
    {
        // 48 MB in 1 MB commits. The writer checkpoints only a log beyond
        // 256 MB, so whatever reaches the database file meanwhile was
        // copied there by the background checkpointer.
        const QString file = m_store->databasePath();
        const qint64 before = QFileInfo(file).size();
        const QByteArray body(1024 * 1024, 'c');
        for (int i = 0; i < 48; ++i)
            QVERIFY(m_store->insertMessage(prepared(m_inbox, sampleMessage(i, body))));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(file).size() > before + 40 * 1024 * 1024, 10000);
        QCOMPARE(m_store->messages(m_inbox, 0, 100).value().size(), 48);
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
    }

    void reindexRebuildsDerivedColumns()
    {
        const QList<qint64> ids = addMessages(450, m_inbox);
        QVERIFY(m_store->write([](Database &db) {
            return db.exec(QStringLiteral("UPDATE messages SET subject = 'stale', snippet = '', from_address = ''"));
        }));
        QCOMPARE(m_store->message(ids.first())->subject, QStringLiteral("stale"));
        QList<int> progress;
        auto done = m_store->reindex([&](int n, int total) {
            progress << n;
            QCOMPARE(total, 450);
        });
        QVERIFY(done);
        QCOMPARE(*done, 450);
        QCOMPARE(progress, QList<int>({ 200, 400, 450 }));
        QCOMPARE(m_store->message(ids.first())->subject, QStringLiteral("Message number 1"));
        QCOMPARE(m_store->message(ids.last())->fromAddress, QStringLiteral("ann@example.org"));
        QVERIFY(!m_store->message(ids.last())->snippet.isEmpty());
    }

    void backupWhileWritingAndRestore()
    {
        addMessages(100, m_inbox);
        std::atomic<bool> stop { false };
        std::thread writer([&] {
            for (int i = 0; !stop && i < 200; ++i)
                addMessages(5, m_inbox, 5000 + i * 5);
        });
        QTemporaryDir out;
        const QString backup = out.filePath(QStringLiteral("backup.sqlite"));
        const auto st = m_store->backupTo(backup);
        stop = true;
        writer.join();
        QVERIFY2(st, qPrintable(st.error().technicalDescription()));
        QCOMPARE(m_store->backupTo(backup).code(), ErrorCode::FileExists);  // never overwrites
        QCOMPARE(QFileInfo(backup).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
            QFileDevice::Permissions());

        // Into an empty profile: everything from the snapshot is there, whole.
        const QString fresh = out.filePath(QStringLiteral("fresh"));
        QVERIFY(MailStore::restoreFrom(backup, fresh));
        auto restored = MailStore::open(fresh);
        QVERIFY(restored);
        QCOMPARE((*restored)->integrityCheck().value(), QStringList { QStringLiteral("ok") });
        auto inbox = (*restored)->folderByPath(QStringLiteral("Work/Inbox"));
        QVERIFY(inbox);
        QVERIFY(inbox->total >= 100);
        QVERIFY(inbox->total % 5 == 0);  // whole batches only: a consistent snapshot
        const QList<MessageSummary> sample = (*restored)->messages(inbox->id, 0, 5).value();
        for (const MessageSummary &m : sample)
            QCOMPARE((*restored)->rawMessage(m.id).value().size(), m.size);

        // Never over existing mail; never from a damaged file.
        QCOMPARE(MailStore::restoreFrom(backup, m_store->directory()).code(), ErrorCode::ProfileHasStore);
        const QString junk = out.filePath(QStringLiteral("junk.sqlite"));
        QFile j(junk);
        QVERIFY(j.open(QIODevice::WriteOnly));
        j.write(QByteArray(10000, 'x'));
        j.close();
        QCOMPARE(MailStore::restoreFrom(junk, out.filePath(QStringLiteral("other"))).code(), ErrorCode::StoreCorrupt);
        QCOMPARE(MailStore::restoreFrom(out.filePath(QStringLiteral("missing")), fresh).code(), ErrorCode::NotFound);
    }

    void twoProcessesShareAProfile()
    {
        // A second store on the same profile, like poplar-cli beside the app.
        auto other = MailStore::open(m_store->directory());
        QVERIFY(other);
        std::thread a([&] { addMessages(200, m_inbox); });
        QList<PreparedMessage> batch;
        for (int i = 0; i < 200; ++i)
            batch << prepared(m_inbox, sampleMessage(1000 + i));
        auto ids = (*other)->insertMessages(batch);
        a.join();
        QVERIFY(ids);
        QCOMPARE(m_store->folder(m_inbox)->total, 400);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
