// The fetch job against a real POP3 server (Dovecot): every message stored
// once and byte for byte, the ledger, every leave-on-server policy (time
// from a ManualClock), partial downloads, the dry run, the account lock,
// cancellation and wrong passwords.

#include "../support/DovecotServer.h"
#include "../support/FetchRunner.h"

#include "accounts/AccountStore.h"
#include "store/Database.h"
#include "store/Store.h"
#include "sync/AccountLock.h"
#include "sync/FetchJob.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Sync;
using Poplar::ErrorCode;

namespace {

QByteArray message(int n, int bodyLines = 3)
{
    QByteArray m = "From: Ann <ann@example.org>\nTo: bob@example.org\nSubject: Message " + QByteArray::number(n)
        + "\nMessage-ID: <" + QByteArray::number(n) + ".fetch@example.org>\nDate: Sun, 22 Nov 2026 10:00:00 +0000\n\n";
    for (int i = 1; i <= bodyLines; ++i)
        m += "Line " + QByteArray::number(i) + " of message " + QByteArray::number(n) + ".\n";
    return m;
}

}  // namespace

class TestFetch : public QObject
{
    Q_OBJECT

    std::unique_ptr<PoplarTest::DovecotServer> m_server;
    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Store::MailStore> m_store;
    Accounts::Account m_account;
    QString m_user;
    int m_users = 0;
    Poplar::ManualClock m_clock { QDateTime(QDate(2026, 11, 22), QTime(12, 0), Qt::UTC) };

    // A maildrop of its own for every test.
    void newUser()
    {
        m_user = QStringLiteral("user%1").arg(++m_users);
        QVERIFY(m_server->addUser(m_user, QStringLiteral("pw-%1!x").arg(m_users)));
    }

    QString password() const { return m_server->passwordFor(m_user); }

    void deliver(const QByteArray &raw) { QVERIFY(m_server->addMessage(raw, nullptr, m_user)); }

    int onServer() const { return int(m_server->messageFiles(m_user).size()); }

    Progress m_lastProgress;

    FetchReport fetch(FetchJob::Options options = {}, const QByteArray &secret = {},
        const std::function<void(FetchJob &, const Progress &)> &onProgress = {})
    {
        options.clock = &m_clock;
        FetchJob job(*m_store, m_account,
            Accounts::credentials(m_account, secret.isNull() ? password().toUtf8() : secret), options);
        m_lastProgress = {};
        return PoplarTest::runFetch(job, 120'000, onProgress, &m_lastProgress);
    }

    QList<Store::MessageSummary> inbox()
    {
        auto f = m_store->folderByPath(m_account.name + QStringLiteral("/Inbox"));
        if (!f)
            return {};
        return m_store->messages(f->id, 0, 100000).value();
    }

    QList<LedgerEntry> ledger() { return PoplarTest::ledgerOf(*m_store, m_account.id); }

    void saveAccount() { QVERIFY(Accounts::AccountStore(*m_store).update(m_account)); }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<PoplarTest::DovecotServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void init()
    {
        newUser();
        m_profile = std::make_unique<QTemporaryDir>();
        auto s = Store::MailStore::open(m_profile->path());
        QVERIFY2(s, qPrintable(s.error().technicalDescription()));
        m_store = std::move(s).value();
        Accounts::Account a;
        a.name = QStringLiteral("Work");
        a.email = QStringLiteral("bob@example.org");
        a.host = m_server->host();
        a.port = m_server->tlsPort();
        a.user = m_user;
        a.caFile = m_server->certificatePath();
        auto added = Accounts::AccountStore(*m_store).add(a);
        QVERIFY2(added, qPrintable(added.error().technicalDescription()));
        m_account = *added;
        m_clock = Poplar::ManualClock(QDateTime(QDate(2026, 11, 22), QTime(12, 0), Qt::UTC));
    }

    void cleanup()
    {
        m_store.reset();
        m_profile.reset();
    }

    void storesEveryMessageOnceByteForByte()
    {
        QList<QByteArray> sent;
        for (int i = 1; i <= 5; ++i) {
            sent << message(i);
            deliver(sent.last());
        }
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 5);
        QCOMPARE(r.deletedOnServer, 0);
        // Progress ends at "5 of 5 messages, every byte of the total".
        QCOMPARE(m_lastProgress.received, 5);
        QCOMPARE(m_lastProgress.total, 5);
        QCOMPARE(m_lastProgress.stored, 5);
        QVERIFY(m_lastProgress.bytesTotal > 0);
        QCOMPARE(m_lastProgress.bytesReceived, m_lastProgress.bytesTotal);
        QCOMPARE(onServer(), 5);  // the default policy leaves mail on the server
        QList<Store::MessageSummary> got = inbox();
        QCOMPARE(got.size(), 5);
        QSet<QByteArray> expected;
        for (const QByteArray &m : sent)
            expected << PoplarTest::DovecotServer::expectedPop3Bytes(m);
        QSet<QByteArray> stored;
        for (const Store::MessageSummary &s : got) {
            stored << m_store->rawMessage(s.id).value();
            QVERIFY(!s.uidl.isEmpty());
            QCOMPARE(s.accountId, m_account.id);
        }
        QCOMPARE(stored, expected);
        QCOMPARE(ledger().size(), 5);

        // Nothing new: nothing downloaded.
        r = fetch();
        QVERIFY(!r.error);
        QCOMPARE(r.stored, 0);
        QCOMPARE(r.plan->alreadyStored, 5);
        QCOMPARE(inbox().size(), 5);

        // One new message: only it.
        deliver(message(6));
        r = fetch();
        QVERIFY(!r.error);
        QCOMPARE(r.stored, 1);
        QCOMPARE(inbox().size(), 6);
    }

    void deleteAfterDownloadEmptiesTheServer()
    {
        for (int i = 1; i <= 4; ++i)
            deliver(message(i));
        m_account.policy.leaveOnServer = false;
        saveAccount();
        const FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 4);
        QCOMPARE(r.deletedOnServer, 4);
        QCOMPARE(onServer(), 0);
        QCOMPARE(inbox().size(), 4);
        for (const LedgerEntry &e : ledger())
            QCOMPARE(e.state, LedgerState::DeletedOnServer);
    }

    void keepDaysDeletesOnlyOnceTheTimeHasCome()
    {
        m_account.policy.keepDays = 3;
        saveAccount();
        deliver(message(1));
        deliver(message(2));
        QCOMPARE(fetch().stored, 2);
        m_clock.advanceMs(2 * 24 * 3600 * 1000LL);
        deliver(message(3));
        FetchReport r = fetch();
        QCOMPARE(r.stored, 1);
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(onServer(), 3);
        m_clock.advanceMs(36 * 3600 * 1000LL);  // 3.5 days after the first two, 1.5 after the third
        r = fetch();
        QVERIFY(!r.error);
        QCOMPARE(r.deletedOnServer, 2);
        QCOMPARE(onServer(), 1);
        QVERIFY(m_server->readMessageFile(m_server->messageFiles(m_user).first()).contains("Subject: Message 3"));
        QCOMPARE(inbox().size(), 3);  // deleting on the server never touches the local copy
    }

    void keepCountKeepsTheNewest()
    {
        m_account.policy.keepCount = 2;
        saveAccount();
        for (int i = 1; i <= 4; ++i)
            deliver(message(i));
        const FetchReport r = fetch();
        QVERIFY(!r.error);
        QCOMPARE(r.stored, 4);
        QCOMPARE(r.deletedOnServer, 2);
        QStringList left;
        for (const QString &f : m_server->messageFiles(m_user))
            left << QString::fromUtf8(m_server->readMessageFile(f).split('\n').at(2));
        left.sort();
        QCOMPARE(left, (QStringList { QStringLiteral("Subject: Message 3"), QStringLiteral("Subject: Message 4") }));
    }

    void keepMegabytesDeletesTheOldest()
    {
        m_account.policy.keepMegabytes = 1;
        saveAccount();
        for (int i = 1; i <= 3; ++i)
            deliver(message(i, 18000));  // ~ 470 KB each: two fit in 1 MB, three do not
        FetchReport r = fetch();
        QVERIFY(!r.error);
        QCOMPARE(r.stored, 3);
        QCOMPARE(r.deletedOnServer, 1);
        QCOMPARE(onServer(), 2);
    }

    void deletedHereThenDeletedOnTheServer()
    {
        m_account.policy.deleteWhenDeletedLocally = true;
        saveAccount();
        deliver(message(1));
        deliver(message(2));
        QCOMPARE(fetch().stored, 2);
        const qint64 first = inbox().last().id;
        QVERIFY(m_store->trashMessages({ first }));
        FetchReport r = fetch();
        QCOMPARE(r.deletedOnServer, 0);  // in Trash: not deleted yet
        QVERIFY(m_store->emptyTrash());
        r = fetch();
        QVERIFY(!r.error);
        QCOMPARE(r.deletedOnServer, 1);
        QCOMPARE(onServer(), 1);
        QCOMPARE(r.stored, 0);  // and not downloaded again
    }

    void overTheSizeLimitStoresHeadersAndFirstLines()
    {
        m_account.policy.sizeLimitKb = 2;
        m_account.policy.leaveOnServer = false;
        saveAccount();
        deliver(message(1, 300));  // ~ 9 KB
        deliver(message(2, 2));
        FetchJob::Options options;
        options.partialLines = 5;
        const FetchReport r = fetch(options);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 1);
        QCOMPARE(r.storedPartial, 1);
        QCOMPARE(r.deletedOnServer, 1);  // only the whole one
        QCOMPARE(onServer(), 1);
        Store::MessageSummary partial;
        for (const Store::MessageSummary &s : inbox()) {
            if (s.subject == QLatin1String("Message 1"))
                partial = s;
        }
        QVERIFY(partial.flags & Store::Flag::Partial);
        const QByteArray raw = m_store->rawMessage(partial.id).value();
        QVERIFY(raw.contains("Line 5 of message 1.\r\n"));
        QVERIFY(!raw.contains("Line 6 of message 1."));
        QCOMPARE(ledger().size(), 2);
        // The next fetch neither downloads it again nor deletes it.
        const FetchReport again = fetch();
        QCOMPARE(again.stored + again.storedPartial, 0);
        QCOMPARE(again.deletedOnServer, 0);
        QCOMPARE(again.plan->heldAsPartial, 1);
    }

    void dryRunChangesNothing()
    {
        m_account.policy.leaveOnServer = false;
        saveAccount();
        deliver(message(1));
        deliver(message(2));
        FetchJob::Options options;
        options.dryRun = true;
        const FetchReport r = fetch(options);
        QVERIFY(!r.error);
        QVERIFY(r.plan);
        QCOMPARE(r.plan->downloads.size(), size_t(2));
        QCOMPARE(r.plan->deletions.size(), size_t(2));
        QCOMPARE(r.plan->deletions[0].reason, DeleteReason::AfterDownload);
        QCOMPARE(r.stored, 0);
        QCOMPARE(onServer(), 2);
        QVERIFY(inbox().isEmpty());
        QVERIFY(ledger().isEmpty());
    }

    void oneFetchPerAccountAtATime()
    {
        deliver(message(1));
        auto held = AccountLock::tryAcquire(m_profile->path(), m_account.id);
        QVERIFY(held);
        FetchReport r = fetch();
        QCOMPARE(r.error.code, ErrorCode::FetchRunning);
        QVERIFY(inbox().isEmpty());
        held.value().release();
        r = fetch();
        QVERIFY(!r.error);
        QCOMPARE(r.stored, 1);
    }

    void cancelledMidwayLosesNothingAndDuplicatesNothing()
    {
        m_account.policy.leaveOnServer = false;
        saveAccount();
        const int total = 300;
        for (int i = 1; i <= total; ++i)
            deliver(message(i, 400));
        FetchJob::Options options;
        options.batchMessages = 16;
        FetchReport r = fetch(options, {}, [](FetchJob &job, const Progress &p) {
            if (p.received == 40)
                job.cancel();
        });
        QCOMPARE(r.error.code, ErrorCode::Cancelled);
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(onServer(), total);  // no QUIT: the server deleted nothing
        const int storedFirst = int(inbox().size());
        QCOMPARE(r.stored, storedFirst);
        QVERIFY(storedFirst >= 32 && storedFirst < total);

        r = fetch(options);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, total - storedFirst);
        QCOMPARE(r.deletedOnServer, total);
        QCOMPARE(onServer(), 0);
        QSet<QString> subjects;
        for (const Store::MessageSummary &s : inbox())
            subjects << s.subject;
        QCOMPARE(int(inbox().size()), total);
        QCOMPARE(int(subjects.size()), total);
    }

    void wrongPasswordStoresNothingAndIsRecorded()
    {
        deliver(message(1));
        const FetchReport r = fetch({}, "not the password");
        QCOMPARE(r.error.code, ErrorCode::AuthFailed);
        QVERIFY(inbox().isEmpty());
        QCOMPARE(onServer(), 1);
        SyncState state;
        QVERIFY(m_store->read([&](Store::Database &db) -> Poplar::Status {
            auto s = SyncState::load(db, m_account.id);
            if (!s)
                return s.error();
            state = *s;
            return {};
        }));
        QCOMPARE(state.failures, 1);
        QCOMPARE(state.lastError, QStringLiteral("AuthFailed"));
        QVERIFY(!state.lastSuccessAt.isValid());
        QVERIFY(!fetch().error);
    }
};

QTEST_GUILESS_MAIN(TestFetch)
#include "tst_fetch.moc"
