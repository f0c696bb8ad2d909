// The fetch job against a real POP3 server (Dovecot): every message stored
// once and byte for byte, the ledger, every leave-on-server policy (time
// from a ManualClock), partial downloads and "download the rest", "delete
// from server", the dry run, the account lock, cancellation, wrong
// passwords, new UIDLs for every message (a UIDL storm), and the history
// each fetch leaves.

#include "../support/FetchRunner.h"
#include "DovecotServer.h"

#include "accounts/AccountStore.h"
#include "store/Database.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "sync/AccountLock.h"
#include "sync/FetchHistory.h"
#include "sync/FetchJob.h"
#include "sync/SyncState.h"

#include <QDir>
#include <QFile>
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

    std::unique_ptr<Poplar::DovecotServer> m_server;
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
            Accounts::credentials(m_account, Poplar::Secret(secret.isNull() ? password().toUtf8() : secret)), options);
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

    RemoteReport remote(qint64 messageId, RemoteAction action, RemoteMessageJob::Options options = {})
    {
        options.clock = &m_clock;
        RemoteMessageJob job(*m_store, m_account, Accounts::credentials(m_account, Poplar::Secret(password().toUtf8())),
            messageId, action, options);
        return PoplarTest::runRemote(job, 120'000);
    }

    Store::MessageSummary bySubject(const QString &subject)
    {
        for (const Store::MessageSummary &s : inbox()) {
            if (s.subject == subject)
                return s;
        }
        return {};
    }

    void saveAccount() { QVERIFY(Accounts::AccountStore(*m_store).update(m_account)); }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<Poplar::DovecotServer>();
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
            expected << Poplar::DovecotServer::expectedPop3Bytes(m);
        QSet<QByteArray> stored;
        for (const Store::MessageSummary &s : got) {
            stored << m_store->rawMessage(s.id).value();
            QVERIFY(!s.serverKey.isEmpty());
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

    void downloadTheRestOfAPartialMessage()
    {
        // Delete after download, with a size limit: the big message stays on
        // the server as long as only its beginning is stored here.
        m_account.policy.sizeLimitKb = 2;
        m_account.policy.leaveOnServer = false;
        saveAccount();
        const QByteArray big = message(1, 2000);  // ~ 60 KB
        deliver(big);
        FetchJob::Options options;
        options.partialLines = 5;
        FetchReport r = fetch(options);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.storedPartial, 1);
        const Store::MessageSummary partial = bySubject(QStringLiteral("Message 1"));
        QVERIFY(partial.flags & Store::Flag::Partial);
        QVERIFY(m_store->setFlags({ partial.id }, Store::Flag::Flagged, 0));
        QVERIFY(m_store->search(QStringLiteral("\"Line 1999\""), 0, 0, 10).value().isEmpty());

        // Spooled through a file (a small spool limit), replaced in place.
        RemoteMessageJob::Options remoteOptions;
        remoteOptions.spoolBytes = 4096;
        RemoteReport rest = remote(partial.id, RemoteAction::DownloadRest, remoteOptions);
        QVERIFY2(!rest.error, qPrintable(rest.error.technicalDescription()));
        QVERIFY(!rest.alreadyWhole);
        QCOMPARE(qint64(rest.bytes), qint64(Poplar::DovecotServer::expectedPop3Bytes(big).size()));
        const Store::MessageSummary whole = m_store->message(partial.id).value();
        QCOMPARE(m_store->rawMessage(partial.id).value(), Poplar::DovecotServer::expectedPop3Bytes(big));
        QCOMPARE(whole.size, qint64(rest.bytes));
        QVERIFY(!(whole.flags & Store::Flag::Partial));
        QVERIFY(whole.flags & Store::Flag::Flagged);  // the user's flags stay
        QCOMPARE(whole.folderId, partial.folderId);
        QCOMPARE(inbox().size(), 1);
        QCOMPARE(ledger().size(), 1);
        QCOMPARE(ledger().first().state, LedgerState::OnServer);
        QCOMPARE(ledger().first().messageId, partial.id);
        // The rest is searchable, and the index is sound.
        QCOMPARE(m_store->search(QStringLiteral("\"Line 1999\""), 0, 0, 10).value().size(), 1);
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
        QCOMPARE(onServer(), 1);  // the server keeps it…
        QVERIFY(QDir(m_profile->filePath(QStringLiteral("tmp")))
                    .entryList({ QStringLiteral("fetch-*") }, QDir::Files)
                    .isEmpty());

        // …until the next fetch applies the policy, without downloading it again.
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored + r.storedPartial, 0);
        QCOMPARE(r.deletedOnServer, 1);
        QCOMPARE(onServer(), 0);
        QCOMPARE(inbox().size(), 1);

        // Asking again: stored whole already; gone from the server now.
        rest = remote(partial.id, RemoteAction::DownloadRest);
        QCOMPARE(rest.error.code, ErrorCode::NotOnServer);
    }

    void downloadTheRestOfAWholeMessageDoesNothing()
    {
        deliver(message(1));
        QVERIFY(!fetch().error);
        const Store::MessageSummary m = bySubject(QStringLiteral("Message 1"));
        const RemoteReport r = remote(m.id, RemoteAction::DownloadRest);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(r.alreadyWhole);
        QCOMPARE(m_store->rawMessage(m.id).value(), Poplar::DovecotServer::expectedPop3Bytes(message(1)));
    }

    void deleteOneMessageFromTheServer()
    {
        for (int i = 1; i <= 3; ++i)
            deliver(message(i));
        QVERIFY(!fetch().error);
        const Store::MessageSummary second = bySubject(QStringLiteral("Message 2"));
        RemoteReport r = remote(second.id, RemoteAction::DeleteFromServer);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(onServer(), 2);
        for (const QString &f : m_server->messageFiles(m_user))
            QVERIFY(!m_server->readMessageFile(f).contains("Subject: Message 2\n"));
        QCOMPARE(inbox().size(), 3);  // the copy here stays
        QCOMPARE(m_store->rawMessage(second.id).value(), Poplar::DovecotServer::expectedPop3Bytes(message(2)));
        int deleted = 0;
        for (const LedgerEntry &e : ledger())
            deleted += e.state == LedgerState::DeletedOnServer && e.messageId == second.id ? 1 : 0;
        QCOMPARE(deleted, 1);
        // The next fetch has nothing to do; asking again says it is gone.
        const FetchReport next = fetch();
        QCOMPARE(next.stored, 0);
        QCOMPARE(next.deletedOnServer, 0);
        r = remote(second.id, RemoteAction::DeleteFromServer);
        QCOMPARE(r.error.code, ErrorCode::NotOnServer);
        QCOMPARE(onServer(), 2);
    }

    void messagesNotFromTheServerCannotBeActedOn()
    {
        // Deleted on the server by someone else.
        deliver(message(1));
        QVERIFY(!fetch().error);
        const Store::MessageSummary m = bySubject(QStringLiteral("Message 1"));
        for (const QString &f : m_server->messageFiles(m_user))
            QVERIFY(QFile::remove(f));
        RemoteReport r = remote(m.id, RemoteAction::DeleteFromServer);
        QCOMPARE(r.error.code, ErrorCode::NotOnServer);
        QCOMPARE(inbox().size(), 1);

        // Imported, not fetched.
        auto local = m_store->ensureLocalFolder(QStringLiteral("Local/Old"));
        QVERIFY(local);
        Store::MessagePreparer::Input in;
        in.raw = message(7);
        in.folderId = *local;
        const qint64 imported = m_store->insertMessage(Store::MessagePreparer::prepare(in).value()).value();
        QCOMPARE(RemoteMessageJob::locate(*m_store, imported).error().code, ErrorCode::NotOnServer);
        r = remote(imported, RemoteAction::DownloadRest);
        QCOMPARE(r.error.code, ErrorCode::NotOnServer);
        // No such message at all.
        QCOMPARE(RemoteMessageJob::locate(*m_store, 99999).error().code, ErrorCode::NotFound);
    }

    void remoteActionsWaitForARunningFetch()
    {
        deliver(message(1));
        QVERIFY(!fetch().error);
        const Store::MessageSummary m = bySubject(QStringLiteral("Message 1"));
        auto lock = AccountLock::tryAcquire(m_store->directory(), m_account.id);
        QVERIFY(lock);
        const RemoteReport r = remote(m.id, RemoteAction::DeleteFromServer);
        QCOMPARE(r.error.code, ErrorCode::FetchRunning);
        QCOMPARE(onServer(), 1);
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

    void newUidlsAfterAMigrationDownloadNothingTwice()
    {
        // Dovecot forgets its UIDs (the uidlist and indexes gone, as when a
        // mailbox is moved or restored): every message gets a new UID under
        // a new UIDVALIDITY (dovecot-uidvalidity stays, so it is the next
        // value, never the old one), and with "%08Xu%08Xv" every UIDL changes.
        for (int i = 1; i <= 6; ++i)
            deliver(message(i));
        deliver("From: Ann <ann@example.org>\nSubject: No final line break\nMessage-ID: <7.fetch@example.org>\n\n"
                "The last line has no end.");
        FetchJob::Options options;
        FetchReport r = fetch(options);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 7);
        QSet<QByteArray> oldKeys;
        QHash<qint64, QDateTime> firstSeen;
        for (const LedgerEntry &e : ledger()) {
            oldKeys << e.key;
            firstSeen.insert(e.messageId, e.firstSeenAt);
        }
        QCOMPARE(oldKeys.size(), 7);

        const QDir maildir(m_server->maildirPath(m_user));
        const QStringList state = maildir.entryList(
            { QStringLiteral("dovecot-uidlist"), QStringLiteral("dovecot.index*") }, QDir::Files | QDir::Hidden);
        QVERIFY2(state.contains(QStringLiteral("dovecot-uidlist")), qPrintable(state.join(QLatin1Char(' '))));
        for (const QString &f : state)
            QVERIFY(QFile::remove(maildir.filePath(f)));
        deliver(message(8));
        m_clock.advanceMs(3600 * 1000);

        r = fetch(options);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.headersReadForMatching, 8);  // the new one has a size one of them has
        QCOMPARE(r.matchedAfterUidlChange, 7);
        QCOMPARE(r.stored, 1);
        QCOMPARE(inbox().size(), 8);
        const QList<LedgerEntry> entries = ledger();
        QCOMPARE(entries.size(), 8);
        QSet<qint64> copies;
        for (const LedgerEntry &e : entries) {
            QVERIFY2(!oldKeys.contains(e.key), e.key.constData());  // the UIDLs really changed
            QCOMPARE(e.state, LedgerState::OnServer);
            copies << e.messageId;
            if (firstSeen.contains(e.messageId))
                QCOMPARE(e.firstSeenAt, firstSeen.value(e.messageId));
        }
        QCOMPARE(copies.size(), 8);
        QSet<QString> subjects;
        for (const Store::MessageSummary &s : inbox())
            subjects << s.subject;
        QCOMPARE(subjects.size(), 8);

        r = fetch(options);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.headersReadForMatching, 0);
        QCOMPARE(r.stored, 0);
        QCOMPARE(r.plan->alreadyStored, 8);
        QCOMPARE(inbox().size(), 8);
    }

    void wrongPasswordStoresNothingAndIsRecorded()
    {
        deliver(message(1));
        const FetchReport r = fetch({}, "not the password");
        QCOMPARE(r.error.code, ErrorCode::AuthFailed);
        QVERIFY(inbox().isEmpty());
        QCOMPARE(onServer(), 1);
        auto loaded = m_store->readValue([&](Store::Database &db) { return SyncState::load(db, m_account.id); });
        QVERIFY(loaded);
        const SyncState &state = *loaded;
        QCOMPARE(state.failures, 1);
        QCOMPARE(state.lastError, QStringLiteral("AuthFailed"));
        QVERIFY(!state.lastSuccessAt.isValid());
        QVERIFY(!fetch().error);
    }

    void historyRecordsEachFetchWithItsResult()
    {
        QList<QByteArray> sent { message(1), message(2, 40), message(3) };
        qint64 listed = 0;
        qint64 received = 0;
        for (const QByteArray &m : sent) {
            deliver(m);
            listed += Poplar::DovecotServer::expectedListSize(m);
            received += Poplar::DovecotServer::expectedPop3Bytes(m).size();
        }
        const QDateTime first = m_clock.now();
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.serverCount, std::optional<quint32>(3));
        QCOMPARE(r.serverBytes, std::optional<quint64>(quint64(listed)));
        QCOMPARE(r.bytesReceived, quint64(received));

        m_clock.advanceMs(60'000);
        r = fetch({}, "not the password");
        QCOMPARE(r.error.code, ErrorCode::AuthFailed);
        // Neither a dry run nor a fetch that found another one running is a
        // fetch of its own.
        m_clock.advanceMs(60'000);
        FetchJob::Options dry;
        dry.dryRun = true;
        QVERIFY(!fetch(dry).error);
        {
            auto held = AccountLock::tryAcquire(m_profile->path(), m_account.id);
            QVERIFY(held);
            QCOMPARE(fetch().error.code, ErrorCode::FetchRunning);
        }

        auto history = FetchHistory::recent(*m_store, m_account.id);
        QVERIFY2(history, qPrintable(history.error().technicalDescription()));
        QCOMPARE(history->size(), 2);
        const FetchRecord &failed = history->at(0);  // newest first
        QVERIFY(!failed.succeeded());
        QCOMPARE(failed.error.code, ErrorCode::AuthFailed);
        QCOMPARE(failed.error.responseCode, QStringLiteral("AUTH"));
        QVERIFY2(failed.error.serverText.escaped().contains(QStringLiteral("Authentication failed")),
            qPrintable(failed.error.serverText.escaped()));
        QVERIFY(failed.error.detail.isEmpty());
        QCOMPARE(failed.stored, 0);
        QVERIFY(!failed.serverCount);
        QCOMPARE(failed.startedAt, first.addSecs(60));
        const FetchRecord &ok = history->at(1);
        QVERIFY(ok.succeeded());
        QCOMPARE(ok.stored, 3);
        QCOMPARE(ok.storedPartial, 0);
        QCOMPARE(ok.bytesReceived, quint64(received));
        QCOMPARE(ok.serverCount, std::optional<quint32>(3));
        QCOMPARE(ok.serverBytes, std::optional<quint64>(quint64(listed)));
        QCOMPARE(ok.startedAt, first);
        QCOMPARE(ok.finishedAt, first);
        QVERIFY(ok.id < failed.id);
        QCOMPARE(FetchHistory::recent(*m_store, m_account.id, 1)->size(), 1);

        // The password tried is nowhere in the store's files.
        m_store.reset();
        for (const QString &name : QDir(m_profile->path()).entryList(QDir::Files)) {
            QFile f(QDir(m_profile->path()).filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains("not the password"), qPrintable(name));
            QVERIFY2(!bytes.contains(password().toUtf8()), qPrintable(name));
        }
    }

    void historyKeepsTheNewestFetchesOfEachAccount()
    {
        auto other = Accounts::AccountStore(*m_store).add([this] {
            Accounts::Account a = m_account;
            a.name = QStringLiteral("Other");
            return a;
        }());
        QVERIFY(other);
        QVERIFY(m_store->write([&](Store::Database &db) -> Poplar::Status {
            for (int i = 1; i <= FetchHistory::MaxPerAccount + 10; ++i) {
                for (qint64 account : { m_account.id, other->id }) {
                    FetchRecord r;
                    r.accountId = account;
                    r.finishedAt = m_clock.now().addSecs(i);
                    r.stored = i;
                    if (auto st = FetchHistory::add(db, r); !st)
                        return st;
                }
            }
            return {};
        }));
        for (qint64 account : { m_account.id, other->id }) {
            auto history = FetchHistory::recent(*m_store, account, 1000);
            QVERIFY(history);
            QCOMPARE(history->size(), FetchHistory::MaxPerAccount);
            QCOMPARE(history->first().stored, FetchHistory::MaxPerAccount + 10);
            QCOMPARE(history->last().stored, 11);
            QCOMPARE(history->first().startedAt, history->first().finishedAt);  // none given: when it ended
        }
        // Removing the account removes its history.
        QVERIFY(Accounts::AccountStore(*m_store).remove(other->id));
        QVERIFY(FetchHistory::recent(*m_store, other->id)->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFetch)
#include "tst_fetch.moc"
