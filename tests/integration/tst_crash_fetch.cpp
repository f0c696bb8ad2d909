// Fetching survives a kill at any moment: a real `poplar-cli fetch` against
// a private Dovecot is SIGKILLed at random points, again and again, and
// after each kill no message may be lost (each one is on the server or
// stored here, byte for byte), none stored twice, none deleted on the server
// without its local copy, every stored message has its ledger row, and the
// store passes PRAGMA integrity_check. Two policies: delete right after
// download, and leave on the server with at most N messages kept there.

#include "../support/CliRunner.h"
#include "../support/CrashRounds.h"
#include "../support/SearchIndexChecks.h"
#include "DovecotServer.h"

#include "accounts/AccountStore.h"
#include "store/Database.h"
#include "store/Store.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

constexpr int KeepCount = 120;

QByteArray messageIdOf(const QByteArray &raw)
{
    const qsizetype at = raw.indexOf("Message-ID: <");
    if (at < 0)
        return {};
    const qsizetype end = raw.indexOf('>', at);
    return raw.mid(at + 13, end - at - 13);
}

}  // namespace

class TestCrashFetch : public QObject
{
    Q_OBJECT

    std::unique_ptr<Poplar::DovecotServer> m_server;
    QTemporaryDir m_dir;
    QRandomGenerator m_rng { QRandomGenerator::global()->generate() };
    int m_nextMessage = 0;
    QHash<QByteArray, QByteArray> m_sent;  // Message-ID → the bytes RETR gives, per user below
    QHash<QString, QSet<QByteArray>> m_sentTo;

    // Delivers `count` new messages to `user`: mostly small, some of them
    // bigger than the fetch keeps in memory (spooled to a file).
    bool deliver(const QString &user, int count)
    {
        for (int i = 0; i < count; ++i) {
            const int n = m_nextMessage++;
            const int size = n % 97 == 40 ? 9 * 1024 * 1024 : 512 + int(m_rng.bounded(40 * 1024));
            const QByteArray id = "crash-" + QByteArray::number(n) + "@poplar.test";
            QByteArray raw = "From: sender" + QByteArray::number(n % 5) + "@example.org\nTo: " + user.toUtf8()
                + "@example.org\nSubject: crash fetch " + QByteArray::number(n) + "\nMessage-ID: <" + id
                + ">\nDate: Sun, 22 Nov 2026 10:00:00 +0000\n\n";
            raw.reserve(size + 200);
            while (raw.size() < size)
                raw += "line " + QByteArray::number(m_rng.generate()) + " of message " + QByteArray::number(n)
                    + "\n.dot-stuffed on the wire\n";
            if (!m_server->addMessage(raw, nullptr, user))
                return false;
            m_sent.insert(id, Poplar::DovecotServer::expectedPop3Bytes(raw));
            m_sentTo[user].insert(id);
        }
        return true;
    }

    QSet<QByteArray> onServer(const QString &user) const
    {
        QSet<QByteArray> ids;
        for (const QString &f : m_server->messageFiles(user)) {
            const QByteArray raw = m_server->readMessageFile(f);
            if (!raw.isEmpty())
                ids.insert(messageIdOf(raw));
        }
        return ids;
    }

    // The ledger's rows (never removed: they only grow), read beside a
    // running fetch; -1 while the store cannot be read.
    static qint64 ledgerRows(const QString &profile)
    {
        qint64 rows = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crash-probe"));
            db.setDatabaseName(QDir(profile).filePath(QStringLiteral("poplar.sqlite")));
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=50"));
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("SELECT count(*) FROM pop3_ledger")) && q.next())
                    rows = q.value(0).toLongLong();
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("crash-probe"));
        return rows;
    }

    QStringList fetchArguments(const QString &account, const QString &profile) const
    {
        return { QStringLiteral("fetch"), QStringLiteral("--account"), account, QStringLiteral("--password-stdin"),
            QStringLiteral("--profile"), profile };
    }

    void startFetch(QProcess &p, const QString &account, const QString &user, const QString &profile)
    {
        p.start(QStringLiteral(POPLAR_CLI_PATH), fetchArguments(account, profile));
        QVERIFY(p.waitForStarted());
        p.write(m_server->passwordFor(user).toUtf8() + "\n");
        p.closeWriteChannel();
    }

    void addAccount(const QString &profile, const QString &name, const QString &user, const QStringList &policy)
    {
        QStringList args { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"), name,
            QStringLiteral("--email"), user + QStringLiteral("@example.org"), QStringLiteral("--host"),
            m_server->host(), QStringLiteral("--port"), QString::number(m_server->tlsPort()), QStringLiteral("--user"),
            user, QStringLiteral("--ca-file"), m_server->certificatePath(), QStringLiteral("--profile"), profile };
        args << policy;
        const PoplarTest::CliRun r = PoplarTest::runCli(args);
        QVERIFY2(r.code == 0, r.err.constData());
    }

    // Checks every promise after a kill; `*stored` gets the Message-IDs stored here.
    void verify(const QString &profile, const QString &account, const QString &user, QSet<QByteArray> *stored)
    {
        auto opened = Store::MailStore::open(profile);
        QVERIFY2(opened, qPrintable(opened.error().technicalDescription()));
        Store::MailStore &store = **opened;
        QCOMPARE(store.integrityCheck().value(), QStringList { QStringLiteral("ok") });
        auto folder = store.folderByPath(account + QStringLiteral("/Inbox"));
        QVERIFY(folder);
        const QList<Store::MessageSummary> all = store.messages(folder->id, 0, 1'000'000).value();
        stored->clear();
        for (const Store::MessageSummary &m : all) {
            const QByteArray raw = store.rawMessage(m.id).value();
            const QByteArray id = messageIdOf(raw);
            QVERIFY2(m_sentTo.value(user).contains(id), id.constData());
            QVERIFY2(raw == m_sent.value(id), id.constData());
            QVERIFY2(!stored->contains(id), QByteArray("stored twice: " + id).constData());
            stored->insert(id);
        }
        // Each stored message committed with its ledger row.
        const qint64 accountId = Accounts::AccountStore(store).byName(account).value().id;
        qint64 withRow = -1;
        QVERIFY(store.read([&](Store::Database &db) -> Poplar::Status {
            auto n = db.scalar(QStringLiteral("SELECT count(*) FROM messages m JOIN pop3_ledger l ON l.message_id = "
                                              "m.id WHERE l.account_id = ? AND m.folder_id = ?"),
                { accountId, folder->id });
            if (!n)
                return n.error();
            withRow = n->toLongLong();
            return {};
        }));
        QCOMPARE(withRow, qint64(all.size()));
        // A search finds every stored message, whether the kill came before
        // or after it joined the search index.
        auto found = store.searchIds(Store::SearchQuery::parse(QStringLiteral("\"crash fetch\"")).value(), folder->id);
        QVERIFY2(found, qPrintable(found.error().technicalDescription()));
        QCOMPARE(found->size(), all.size());
        QCOMPARE(PoplarTest::waitingForIndex(store), 0);
        // Nothing lost: whatever the server no longer has is stored here.
        const QSet<QByteArray> server = onServer(user);
        for (const QByteArray &id : m_sentTo.value(user))
            QVERIFY2(server.contains(id) || stored->contains(id), QByteArray("lost: " + id).constData());
    }

    void killAgainAndAgain(const QString &account, const QString &user, const QStringList &policy, int rounds,
        int fullMs, int minimumOnServer)
    {
        const QString profile = m_dir.filePath(account);
        addAccount(profile, account, user, policy);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(deliver(user, 200));
        QSet<QByteArray> stored;
        int previous = 0;
        int killedMidway = 0;
        for (int round = 0; round < rounds; ++round) {
            // Keep enough new mail on the server for a kill to land in.
            if (m_sentTo.value(user).size() - stored.size() < 100)
                QVERIFY(deliver(user, 150));
            const qint64 rowsBefore = ledgerRows(profile);
            QProcess p;
            startFetch(p, account, user, profile);
            if (QTest::currentTestFailed())
                return;
            if (round % 2 == 0) {
                // Any moment of a whole fetch: connecting, listing,
                // downloading, storing, deleting, quitting. Real time: the
                // moment of the kill is what the test draws at random.
                QTest::qWait(int(m_rng.bounded(fullMs / 10, fullMs * 12 / 10)));
            } else {
                // A moment soon after its first commit (the ledger gains
                // rows), while most of the mail is still in flight. The
                // ledger is another process's database: polled, as no
                // signal crosses over; then a random real-time delay.
                QElapsedTimer waited;
                waited.start();
                while (
                    p.state() != QProcess::NotRunning && ledgerRows(profile) <= rowsBefore && waited.elapsed() < 60'000)
                    QTest::qWait(2);
                QTest::qWait(int(m_rng.bounded(0, fullMs / 4)));
            }
            // (A fetch that already finished counts as a round without a kill.)
            const bool kill = p.state() != QProcess::NotRunning;
            if (kill)
                ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished(60000);  // false when it had already ended
            QCOMPARE(p.state(), QProcess::NotRunning);
            verify(profile, account, user, &stored);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(stored.size() >= previous);  // a kill never takes away committed mail
            QVERIFY(onServer(user).size() >= std::min<qsizetype>(minimumOnServer, m_sentTo.value(user).size()));
            // A kill after some of the new mail was stored, before all of it.
            if (kill && stored.size() > previous && stored.size() < m_sentTo.value(user).size())
                ++killedMidway;
            previous = int(stored.size());
        }
        // The kills landed while mail was coming in, not only before or after.
        qInfo("%d of %d kills landed while mail was being stored", killedMidway, rounds);
        QVERIFY2(killedMidway >= rounds / 4, qPrintable(QString::number(killedMidway)));

        // A fetch left alone completes, removing what killed fetches of this
        // account left in the spool, and nothing of another account's.
        QDir tmp(QDir(profile).filePath(QStringLiteral("tmp")));
        QVERIFY(tmp.mkpath(QStringLiteral(".")));
        qint64 accountId = 0;
        {
            auto opened = Store::MailStore::open(profile);
            QVERIFY(opened);
            accountId = Accounts::AccountStore(**opened).byName(account).value().id;
        }
        const QString stale = tmp.filePath(QStringLiteral("fetch-%1-Ab12Cd").arg(accountId));
        const QString other = tmp.filePath(QStringLiteral("fetch-%1-Ab12Cd").arg(accountId + 1000));
        for (const QString &f : { stale, other }) {
            QFile file(f);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("left by a killed fetch");
        }
        QProcess p;
        startFetch(p, account, user, profile);
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        verify(profile, account, user, &stored);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(stored, m_sentTo.value(user));  // every message, each once
        QCOMPARE(onServer(user).size(), std::min<qsizetype>(minimumOnServer, m_sentTo.value(user).size()));
        QVERIFY(!QFile::exists(stale));
        QVERIFY(QFile::exists(other));
        const QStringList left = tmp.entryList({ QStringLiteral("fetch-%1-*").arg(accountId) }, QDir::Files);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
    }

    int rounds() const { return PoplarTest::crashRounds(30); }

    int m_fullMs = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<Poplar::DovecotServer>();
        for (const char *user : { "calibrate", "deleter", "keeper" })
            QVERIFY(m_server->addUser(QString::fromLatin1(user), QStringLiteral("pw-%1!").arg(QLatin1String(user))));
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));

        // How long a whole fetch of a fresh mailbox takes here (sanitizer
        // builds are slower): the kills are spread over that time.
        const QString user = QStringLiteral("calibrate");
        QVERIFY(deliver(user, 200));
        const QString profile = m_dir.filePath(QStringLiteral("calibration"));
        addAccount(
            profile, QStringLiteral("Calibrate"), user, { QStringLiteral("--leave-on-server"), QStringLiteral("yes") });
        QElapsedTimer timer;
        timer.start();
        QProcess p;
        startFetch(p, QStringLiteral("Calibrate"), user, profile);
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        m_fullMs = int(std::max<qint64>(300, timer.elapsed()));
        qInfo("a whole fetch of 200 messages takes %d ms here", m_fullMs);
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->stop();
    }

    void killedDeleteAfterDownload()
    {
        killAgainAndAgain(QStringLiteral("Deleter"), QStringLiteral("deleter"),
            { QStringLiteral("--leave-on-server"), QStringLiteral("no") }, rounds(), m_fullMs, 0);
    }

    void killedKeepOnServer()
    {
        killAgainAndAgain(QStringLiteral("Keeper"), QStringLiteral("keeper"),
            { QStringLiteral("--leave-on-server"), QStringLiteral("yes"), QStringLiteral("--keep-count"),
                QString::number(KeepCount) },
            rounds(), m_fullMs, KeepCount);
    }
};

QTEST_GUILESS_MAIN(TestCrashFetch)
#include "tst_crash_fetch.moc"
