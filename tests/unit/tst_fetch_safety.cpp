// What keeps a fetch from losing mail on a server that misbehaves: a UIDL
// reused for new mail, UIDLs that change for part of the mailbox, repeated
// UIDLs with a member missing, data that is not what LIST announced, a
// flush to the disk that failed, a message that breaks every session, and
// LOGIN-DELAY — each against a scripted server over FakeTransport.

#include "../support/ScriptedFetchFixture.h"

#include "accounts/AccountStore.h"
#include "store/Store.h"
#include "sync/FetchJob.h"
#include "sync/SyncState.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <future>

using namespace Sync;
using Poplar::ErrorCode;
using PoplarTest::mail;
using PoplarTest::ScriptedServer;

namespace {

constexpr qint64 Day = 24 * 3600 * 1000LL;

}  // namespace

class TestFetchSafety : public QObject, private PoplarTest::ScriptedFetchFixture
{
    Q_OBJECT

    qint64 localIdOf(const QByteArray &raw)
    {
        for (const Store::MessageSummary &s : summaries()) {
            if (m_store->rawMessage(s.id).value() == raw)
                return s.id;
        }
        return 0;
    }

    QList<Troublesome> troublesome()
    {
        auto rows
            = m_store->readValue([&](Store::Database &db) { return TroublesomeMessages::load(db, m_account.id); });
        return rows ? *rows : QList<Troublesome>();
    }

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void aReusedUidlBringsNewMailThatIsNotDeleted()
    {
        // Message A under "1" is kept a day, then deleted there. The server
        // later gives "1" to message B, another size: B is new mail.
        m_account.policy.keepDays = 1;
        saveAccount();
        const QByteArray a = ScriptedServer::crlf(mail(1));
        m_server->add(mail(1), "1");
        QCOMPARE(fetch().stored, 1);
        m_clock.advanceMs(2 * Day);
        FetchReport r = fetch();
        QCOMPARE(r.deletedOnServer, 1);
        QVERIFY(m_server->mailbox.isEmpty());

        m_server->add(mail(2, 9), "1");
        const QByteArray b = m_server->mailbox.last().raw;
        m_server->received.clear();
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 1);
        QVERIFY(r.plan->downloads.front().replacesEntry);
        QVERIFY(!m_server->received.contains("DELE"));  // a day from now, not at once
        QCOMPARE(onServer(), QList<QByteArray> { b });
        QCOMPARE(stored(), (QList<QByteArray> { a, b }));
        // The entry is B's now: its age counts from today.
        const QList<LedgerEntry> entries = ledgerEntries();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0].messageId, localIdOf(b));
        QCOMPARE(entries[0].firstSeenAt, m_clock.now());
        QCOMPARE(entries[0].state, LedgerState::OnServer);
        // A's copy stays, no longer tied to the server.
        QVERIFY(RemoteMessageJob::locate(*m_store, localIdOf(a)).error().code == ErrorCode::NotOnServer);
    }

    void aReusedUidlOfTheSameSizeIsNewMailWhenNothingShowsOtherwise()
    {
        // A is deleted here and there; the server gives its UIDL to B, of the
        // very same size. Nothing here shows B is A: it is downloaded, and
        // the policy that deleted A does not delete B.
        m_account.policy.deleteWhenDeletedLocally = true;
        saveAccount();
        m_server->add(mail(1), "1");
        QCOMPARE(fetch().stored, 1);
        QVERIFY(m_store->deleteMessagesPermanently({ summaries().front().id }));
        QCOMPARE(fetch().deletedOnServer, 1);
        m_server->add(mail(2), "1");
        QCOMPARE(m_server->mailbox.last().raw.size(), ScriptedServer::crlf(mail(1)).size());
        m_server->received.clear();
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 1);
        QVERIFY(!m_server->received.contains("DELE"));
        QCOMPARE(stored(), QList<QByteArray> { ScriptedServer::crlf(mail(2)) });
        r = fetch();
        QCOMPARE(r.stored, 0);
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(m_server->mailbox.size(), 1);
    }

    void deleteFromServerRefusesAMessageUnderAReusedUidl()
    {
        m_server->add(mail(1), "1");
        QCOMPARE(fetch().stored, 1);
        const qint64 id = summaries().front().id;
        m_server->mailbox[0].raw = ScriptedServer::crlf(mail(2, 9));  // another message under "1"
        m_server->received.clear();
        const RemoteReport r = remote(id, RemoteAction::DeleteFromServer);
        QCOMPARE(r.error.code, ErrorCode::NotOnServer);
        QVERIFY(!m_server->received.contains("DELE"));
        QCOMPARE(m_server->mailbox.size(), 1);
    }

    void noMemberOfARepeatedUidlGoesWhileOneIsMissing()
    {
        // A broken server repeats "dup". The first is stored while mail is
        // left there; then the account deletes after download, and the
        // second one's RETR fails: the first must stay too, since DELE of
        // "the" message with that UIDL could hit the one not stored.
        m_server->add(mail(1), "dup");
        QCOMPARE(fetch().stored, 1);
        m_server->add(mail(2), "dup");
        m_server->add(mail(3), "single");
        m_server->refuseRetr << "dup";
        m_account.policy.leaveOnServer = false;
        saveAccount();
        m_server->received.clear();
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 1);
        QCOMPARE(r.deletedOnServer, 1);  // "single" only
        QVERIFY(r.partlyDone());
        QVERIFY(!m_server->received.contains("DELE 1"));
        QCOMPARE(m_server->mailbox.size(), 2);

        // Both stored: both go.
        m_server->refuseRetr.clear();
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(!r.partlyDone());
        QCOMPARE(r.deletedOnServer, 2);
        QCOMPARE(stored().size(), 3);
    }

    // Fetches three new messages while the server holds every RETR until
    // the client has asked for the last; returns what the client had sent
    // by then.
    QByteArray sentByTheLastRetr(FetchReport *report)
    {
        for (int i = 1; i <= 3; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        m_server->holdAfterRetr = 0;
        QByteArray sent;
        QTimer poll;
        poll.setInterval(1);
        connect(&poll, &QTimer::timeout, this, [&] {
            if (sent.isEmpty() && m_server->received.contains("RETR 3\r\n")) {
                sent = m_server->received;
                m_server->release();
            }
        });
        poll.start();
        *report = fetch();
        return sent;
    }

    void quitWaitsUntilWhatCameIsStored()
    {
        // QUIT is where a server commits a session; some act on what was
        // retrieved then, whatever DELE said. So even with mail left on the
        // server, QUIT goes only once every message has committed and
        // reached the disk — never with the last RETR.
        FetchReport r;
        const QByteArray sent = sentByTheLastRetr(&r);
        QVERIFY2(sent.endsWith("RETR 3\r\n"), sent.constData());
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 3);
        QCOMPARE(stored(), onServer());
        QCOMPARE(m_server->mailbox.size(), 3);
        QVERIFY(m_server->received.endsWith("RETR 3\r\nQUIT\r\n"));
    }

    void quitWaitsForDeletionsAfterTheDownloads()
    {
        // Deleted after download: DELE only once stored, QUIT after them.
        m_account.policy.leaveOnServer = false;
        saveAccount();
        FetchReport r;
        const QByteArray sent = sentByTheLastRetr(&r);
        QVERIFY2(sent.endsWith("RETR 3\r\n"), sent.constData());
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 3);
        QCOMPARE(r.deletedOnServer, 3);
        QVERIFY(m_server->received.endsWith("DELE 1\r\nDELE 2\r\nDELE 3\r\nQUIT\r\n"));
        QVERIFY(m_server->mailbox.isEmpty());
    }

    void dataOfAnotherSizeThanListedStaysOnTheServer_data()
    {
        QTest::addColumn<qint64>("spoolBytes");
        QTest::addRow("in memory") << FetchJob::Options().spoolBytes;
        QTest::addRow("in a spool file") << qint64(16);  // the line ends are counted in the file
    }

    void dataOfAnotherSizeThanListedStaysOnTheServer()
    {
        // Message 2's LIST size is 5,000 octets more than the message: the
        // server may have sent something else. Stored, never deleted there
        // automatically. Message 3's difference is its line ends (the
        // server counted LF): deleted as usual.
        QFETCH(qint64, spoolBytes);
        FetchJob::Options options;
        options.spoolBytes = spoolBytes;
        m_account.policy.leaveOnServer = false;
        saveAccount();
        for (int i = 1; i <= 3; ++i)
            m_server->add(mail(i, 6), "uid-" + QByteArray::number(i));
        m_server->mailbox[1].listOffset = 5000;
        m_server->mailbox[2].listOffset = -10;  // 10 lines
        FetchReport r = fetch(options);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 3);
        QCOMPARE(r.sizeMismatches, QList<quint32> { 2 });
        QCOMPARE(r.deletedOnServer, 2);
        QCOMPARE(m_server->mailbox.size(), 1);
        QCOMPARE(m_server->mailbox[0].uidl, QByteArray("uid-2"));
        // Later fetches know it, and leave it there.
        r = fetch(options);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 0);
        QCOMPARE(r.plan->heldForSizeMismatch, 1);
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(stored().size(), 3);
    }

    void aFailedFlushStopsEveryLaterDeletion()
    {
        // The first flush to the disk fails, later ones succeed: what was
        // written before the failure may never reach the disk, so no later
        // fetch of this store deletes anything on the server.
        auto calls = std::make_shared<std::atomic<int>>(0);
        Store::MailStore::OpenOptions options;
        options.fsync = [calls](int fd) {
            if (calls->fetch_add(1) == 0) {
                errno = EIO;
                return -1;
            }
            return ::fsync(fd);
        };
        openStore(options);
        for (int i = 1; i <= 3; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        FetchReport r = fetch();  // leaves mail on the server
        QCOMPARE(r.error.code, ErrorCode::LocalWriteFailed);
        QCOMPARE(stored().size(), 3);
        m_account.policy.leaveOnServer = false;
        saveAccount();
        m_server->received.clear();
        r = fetch();
        QCOMPARE(r.error.code, ErrorCode::LocalWriteFailed);
        QVERIFY(calls->load() >= 1);
        QVERIFY(!m_server->received.contains("DELE"));
        QCOMPARE(m_server->mailbox.size(), 3);
    }

    void aFewRenamedMessagesAreNotDownloadedAgain()
    {
        // 30 messages, 11 of them left on the server (keep-count); then the
        // server renames those 11 (new UIDLs, no other change).
        m_account.policy.keepCount = 11;
        saveAccount();
        for (int i = 1; i <= 30; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        FetchReport r = fetch();
        QCOMPARE(r.stored, 30);
        QCOMPARE(r.deletedOnServer, 19);
        QCOMPARE(m_server->mailbox.size(), 11);
        for (auto &m : m_server->mailbox)
            m.uidl = "renamed-" + m.uidl;
        m_server->received.clear();
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.matchedAfterUidlChange, 11);
        QCOMPARE(r.stored, 0);
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(m_server->received.count("TOP "), 11);
        QCOMPARE(stored().size(), 30);
    }

    void renumberedUidlsThatCollideAreMatched()
    {
        // Sequential UIDLs restarting at 1 after deletions: message 20 is
        // now "1", whose entry (another message, deleted there) is stored
        // here. Keys are exchanged, nothing is downloaded twice, nothing
        // deleted wrongly.
        m_account.policy.keepCount = 11;
        saveAccount();
        for (int i = 1; i <= 30; ++i)
            m_server->add(mail(i), QByteArray::number(i));
        QCOMPARE(fetch().stored, 30);
        QCOMPARE(m_server->mailbox.size(), 11);
        for (int i = 0; i < m_server->mailbox.size(); ++i)
            m_server->mailbox[i].uidl = QByteArray::number(i + 1);
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.matchedAfterUidlChange, 11);
        QCOMPARE(r.stored, 0);
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(stored().size(), 30);
        // Each entry on the server is its message's, under the new UIDL.
        int onServer = 0;
        for (const LedgerEntry &e : ledgerEntries()) {
            if (e.state != LedgerState::OnServer)
                continue;
            ++onServer;
            const int n = e.key.toInt();
            QCOMPARE(m_store->rawMessage(e.messageId).value(), ScriptedServer::crlf(mail(n + 19)));
        }
        QCOMPARE(onServer, 11);
        r = fetch();
        QCOMPARE(r.headersReadForMatching, 0);
        QCOMPARE(r.plan->alreadyStored, 11);
    }

    void duplicateUidlsThatStopRepeatingAreNotDownloadedAgain()
    {
        // 15 pairs of messages share a UIDL; then the server gives the
        // second of each pair a UIDL of its own.
        for (int i = 1; i <= 15; ++i) {
            m_server->add(mail(i), "pair-" + QByteArray::number(i));
            m_server->add(mail(100 + i), "pair-" + QByteArray::number(i));
        }
        QCOMPARE(fetch().stored, 30);
        for (int i = 1; i <= 15; ++i)
            m_server->mailbox[2 * i - 1].uidl = "own-" + QByteArray::number(i);
        const FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.matchedAfterUidlChange, 15);
        QCOMPARE(r.stored, 0);
        QCOMPARE(stored().size(), 30);
    }

    void aMessageLeftOutOfTheUidlListIsKeptAndStoredOnce()
    {
        m_account.policy.leaveOnServer = false;
        saveAccount();
        for (int i = 1; i <= 3; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        m_server->leaveOutOfUidl << "uid-2";
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 3);
        QCOMPARE(r.plan->heldWithoutUidl, 1);
        QCOMPARE(r.deletedOnServer, 2);
        QCOMPARE(m_server->mailbox.size(), 1);
        // Recognised by its header the next time, and still kept there.
        m_server->received.clear();
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 0);
        QCOMPARE(r.plan->alreadyStored, 1);  // by its header, not downloaded again
        QVERIFY(!m_server->received.contains("RETR"));
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(stored().size(), 3);
        QCOMPARE(m_server->mailbox.size(), 1);
    }

    void aMessageLeftOutOfTheUidlListOnceStaysKnown()
    {
        // Stored under its UIDL; then the UIDL list leaves it out once.
        for (int i = 1; i <= 3; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        QCOMPARE(fetch().stored, 3);
        m_server->leaveOutOfUidl << "uid-2";
        m_server->received.clear();
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 0);  // recognised by its header
        QVERIFY(!m_server->received.contains("RETR"));
        QCOMPARE(stored().size(), 3);
        // Not marked gone from the server on the word of a faulty list.
        for (const LedgerEntry &e : ledgerEntries())
            QCOMPARE(e.state, LedgerState::OnServer);
        m_server->leaveOutOfUidl.clear();
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 0);
        QCOMPARE(r.plan->alreadyStored, 3);
    }

    void aReusedUidlOfTheSameSizeWithoutHeadersIsDownloadedFirst()
    {
        // A is stored and deleted there; the server then lists B, of A's
        // size, under A's UIDL, and has no TOP to tell them apart: B is
        // downloaded before anything is deleted.
        m_account.policy.leaveOnServer = false;
        saveAccount();
        m_server->add(mail(1), "1");
        QCOMPARE(fetch().deletedOnServer, 1);
        m_server->add(mail(2), "1");
        m_server->top = false;
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 1);
        QCOMPARE(stored(), (QList<QByteArray> { ScriptedServer::crlf(mail(1)), ScriptedServer::crlf(mail(2)) }));
        QCOMPARE(r.deletedOnServer, 1);  // once stored
    }

    void aMessageThatRunsPastItsSizeIsToBlame()
    {
        // Message 2 sends far more than LIST said: the session ends with
        // it, and it — not the message after it — is the troublesome one.
        m_account.policy.leaveOnServer = false;
        saveAccount();
        for (int i = 1; i <= 4; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        m_server->retrInstead.insert("uid-2", QByteArray(3 * 1024 * 1024, 'x') + "\r\n");
        for (int round = 1; round <= 2; ++round) {
            const FetchReport r = fetch();
            QCOMPARE(r.error.code, ErrorCode::MessageOversized);
            QVERIFY(r.failedDuring);
            QCOMPARE(r.failedDuring->first, quint32(2));
        }
        QCOMPARE(troublesome().size(), 1);
        QCOMPARE(troublesome().front().key.key, QByteArray("uid-2"));
        // The others come, and the mailbox is not stuck.
        const FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(r.partlyDone());
        QCOMPARE(stored().size(), 3);
        QCOMPARE(m_server->mailbox.size(), 1);
        QCOMPARE(r.troublesome.size(), 1);
        QCOMPARE(r.troublesome.front().error.code, ErrorCode::MessageOversized);
    }

    void aTroublesomeMessageOnAServerWithoutUidlIsFoundAgainByItsHeader()
    {
        m_server->uidl = false;
        m_account.policy.leaveOnServer = false;
        saveAccount();
        for (int i = 1; i <= 4; ++i)
            m_server->add(mail(i, 4 + i), "id-" + QByteArray::number(i));
        m_server->add(mail(5, 7), "twin");  // another message of message 3's size
        m_server->dropOnRetrOf << "id-3";
        for (int round = 1; round <= 2; ++round)
            QCOMPARE(fetch().error.code, ErrorCode::ConnectionLost);
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(r.partlyDone());
        QCOMPARE(r.troublesome.size(), 1);
        QVERIFY(r.troublesome.front().tried);
        QCOMPARE(r.troublesome.front().subject, QStringLiteral("Fault 3"));
        QCOMPARE(m_server->mailbox.size(), 1);
        m_server->dropOnRetrOf.clear();
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(!r.partlyDone());
        QVERIFY(m_server->mailbox.isEmpty());
        QCOMPARE(stored().size(), 5);
    }

    void aMessageThatBreaksTheLinkIsTriedLastAndAlone()
    {
        m_account.policy.leaveOnServer = false;
        saveAccount();
        for (int i = 1; i <= 5; ++i)
            m_server->add(mail(i, 40), "uid-" + QByteArray::number(i));
        m_server->dropOnRetrOf << "uid-3";
        // Twice the session ends in message 3: nothing is deleted, and the
        // fetch says where it ended.
        for (int round = 1; round <= 2; ++round) {
            const FetchReport r = fetch();
            QCOMPARE(r.error.code, ErrorCode::ConnectionLost);
            QVERIFY(r.failedDuring);
            QCOMPARE(r.failedDuring->first, quint32(3));
            QCOMPARE(m_server->mailbox.size(), 5);
            QCOMPARE(troublesome().size(), 1);
            QCOMPARE(troublesome().front().failures, round);
        }
        QCOMPARE(stored().size(), 2);

        // Then the others come first, are deleted there, the session QUITs,
        // and message 3 is tried in a session of its own: its subject read
        // with TOP, then RETR, which ends that session too.
        const int sessions = m_server->sessions;
        m_server->received.clear();
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(r.partlyDone());
        QCOMPARE(m_server->sessions, sessions + 2);
        QCOMPARE(r.stored, 2);
        QCOMPARE(r.deletedOnServer, 4);
        QCOMPARE(m_server->mailbox.size(), 1);
        const QByteArray sent = m_server->received;
        QVERIFY(sent.indexOf("QUIT") < sent.indexOf("TOP 1 0"));
        QVERIFY(sent.indexOf("TOP 1 0") < sent.lastIndexOf("RETR 1"));
        QCOMPARE(r.troublesome.size(), 1);
        const FetchReport::Troublesome &t = r.troublesome.front();
        QCOMPARE(t.number, quint32(1));  // the others are gone from the server
        QCOMPARE(t.size, quint64(m_server->mailbox[0].raw.size()));
        QCOMPARE(t.subject, QStringLiteral("Fault 3"));
        QCOMPARE(t.failures, 3);
        QVERIFY(t.tried);
        QCOMPARE(t.error.code, ErrorCode::ConnectionLost);
        QCOMPARE(stored().size(), 4);

        // Once the server gives it, the next fetch stores it (alone, after
        // a first session with nothing else to do) and forgets its trouble.
        m_server->dropOnRetrOf.clear();
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(!r.partlyDone());
        QCOMPARE(r.stored, 1);
        QCOMPARE(r.deletedOnServer, 1);
        QVERIFY(m_server->mailbox.isEmpty());
        QCOMPARE(stored().size(), 5);
        QVERIFY(troublesome().isEmpty());
    }

    void twoTroublesomeMessagesGetASessionEach()
    {
        m_account.policy.leaveOnServer = false;
        saveAccount();
        for (int i = 1; i <= 4; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        m_server->dropOnRetrOf << "uid-2"
                               << "uid-3";
        // Message 2 ends two sessions; then 3 does (2 being held back by then).
        for (int round = 1; round <= 4; ++round)
            (void)fetch();
        QCOMPARE(troublesome().size(), 2);
        m_server->dropOnRetrOf.clear();
        m_server->received.clear();
        const int sessions = m_server->sessions;
        const FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(!r.partlyDone());
        QCOMPARE(m_server->sessions, sessions + 3);  // the others, then each alone
        // Each session logged in with the password (kept until the last).
        QCOMPARE(m_server->received.count("PASS secret\r\n"), 3);
        QVERIFY(m_server->mailbox.isEmpty());
        QCOMPARE(stored().size(), 4);
        QVERIFY(troublesome().isEmpty());
    }

    void aTroublesomeMessageWaitsWhenLoginDelayForbidsASecondSession()
    {
        m_account.policy.leaveOnServer = false;
        saveAccount();
        for (int i = 1; i <= 3; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        m_server->dropOnRetrOf << "uid-2";
        for (int round = 1; round <= 2; ++round)
            QCOMPARE(fetch().error.code, ErrorCode::ConnectionLost);
        m_server->capaExtra = "LOGIN-DELAY 60\r\n";
        const int sessions = m_server->sessions;
        FetchJob::Options options;
        options.ignoreLoginDelay = true;  // the second of these fetches comes within a minute
        FetchReport r = fetch(options);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(m_server->sessions, sessions + 1);
        QCOMPARE(r.deletedOnServer, 2);
        QCOMPARE(r.troublesome.size(), 1);
        QVERIFY(!r.troublesome.front().tried);
        QCOMPARE(r.troublesome.front().error.code, ErrorCode::LoginDelay);
        QVERIFY(r.partlyDone());

        // A day after it was last tried, a fetch gives it the session, alone
        // (its subject read first); nothing else happens in that fetch.
        m_server->add(mail(4), "uid-4");
        m_clock.advanceMs(Day + 60'000);
        m_server->received.clear();
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(m_server->sessions, sessions + 2);
        QCOMPARE(r.stored, 0);
        QCOMPARE(r.troublesome.size(), 1);
        QVERIFY(r.troublesome.front().tried);
        QCOMPARE(r.troublesome.front().subject, QStringLiteral("Fault 2"));
        QVERIFY(m_server->received.contains("TOP 1 0"));
        QCOMPARE(m_server->received.count("RETR "), 1);
        // The next fetch is an ordinary one again: message 4 comes.
        m_server->dropOnRetrOf.clear();
        m_clock.advanceMs(120'000);
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 1);
        QVERIFY(!r.troublesome.front().tried);
        // And a day later message 2's turn comes again: stored now.
        m_clock.advanceMs(Day);
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 1);
        QVERIFY(!r.partlyDone());
        QCOMPARE(stored().size(), 4);
        QVERIFY(m_server->mailbox.isEmpty());
    }

    void aRefusedUidlRecognisesMessagesByTheirHeaders()
    {
        // Five messages left on the server; then the server, which offers
        // UIDL, refuses it for a while, and two new messages come.
        m_account.policy.keepDays = 2;
        saveAccount();
        for (int i = 1; i <= 5; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        QCOMPARE(fetch().stored, 5);
        m_clock.advanceMs(3 * Day);  // old enough for keep-days
        for (int i = 6; i <= 7; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        m_server->refuseUidl = true;
        m_server->received.clear();
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(r.uidlRefused);
        QCOMPARE(r.stored, 2);  // the new ones only
        QCOMPARE(r.plan->alreadyStored, 5);
        QVERIFY(!m_server->received.contains("DELE"));  // nothing is checked against the ledger's UIDLs
        QCOMPARE(stored().size(), 7);
        for (const LedgerEntry &e : ledgerEntries())
            QCOMPARE(e.state, LedgerState::OnServer);

        // UIDL back: the two stored by their headers are recognised under
        // their UIDLs, and the policy applies again.
        m_server->refuseUidl = false;
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(!r.uidlRefused);
        QCOMPARE(r.stored, 0);
        QCOMPARE(r.matchedAfterUidlChange, 2);
        QCOMPARE(r.deletedOnServer, 5);
        QCOMPARE(stored().size(), 7);
        QCOMPARE(m_server->mailbox.size(), 2);
    }

    void aRefusedUidlWithoutHeadersDownloadsNothing()
    {
        for (int i = 1; i <= 3; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        QCOMPARE(fetch().stored, 3);
        m_server->refuseUidl = true;
        m_server->top = false;
        m_server->received.clear();
        const FetchReport r = fetch();
        QCOMPARE(r.error.code, ErrorCode::UidlRefused);
        QVERIFY(!m_server->received.contains("RETR"));
        QVERIFY(!m_server->received.contains("DELE"));
        QCOMPARE(stored().size(), 3);
    }

    void anUnusableListingLineLeavesThatMessageAloneAndTheRestComes()
    {
        // LIST names message 2 twice (with two sizes) and UIDL has a line it
        // cannot read: message 2 is left alone, message 3 comes without a
        // UIDL, the rest as usual — and the fetch says so.
        m_account.policy.leaveOnServer = false;
        saveAccount();
        for (int i = 1; i <= 4; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        m_server->listExtra = "2 99999\r\n";
        m_server->leaveOutOfUidl << "uid-3";
        m_server->uidlExtra = "3\r\n";  // no uid
        FetchReport r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.listingProblems.skipped, std::vector<quint32> { 2 });
        QVERIFY(r.listingProblems.count >= 2);
        QCOMPARE(r.listingProblems.withoutUid, qsizetype(1));
        QCOMPARE(r.stored, 3);
        QCOMPARE(r.deletedOnServer, 2);  // 1 and 4; 3 has no UIDL, 2 was left alone
        QCOMPARE(m_server->mailbox.size(), 2);
        // A clean list: message 2 comes too, nothing is stored twice.
        m_server->listExtra.clear();
        m_server->uidlExtra.clear();
        m_server->leaveOutOfUidl.clear();
        r = fetch();
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(r.listingProblems.isEmpty());
        QCOMPARE(r.stored, 1);
        QCOMPARE(stored().size(), 4);
    }

    void readingPausesWhileTheStoreLagsBehind()
    {
        // The store's writer is held busy: what arrives waits in memory, and
        // beyond the bound the connection stops reading — the rest stays "in
        // the network" (TCP makes the server wait) — until the writer is free.
        for (int i = 1; i <= 40; ++i)
            m_server->add(mail(i, 3000), "uid-" + QByteArray::number(i));  // ~ 30 KB each, 1.2 MB in all
        auto release = std::make_shared<std::promise<void>>();
        std::shared_future<void> released = release->get_future().share();
        auto busy = m_store->writeAsync([released](Store::Database &) -> Poplar::Status {
            released.wait();
            return {};
        });
        FetchJob::Options options;
        options.maxPendingBytes = 64 * 1024;
        options.batchMessages = 2;
        options.clock = &m_clock;
        options.transportFactory = m_server->factory();
        options.connectTimeoutMs = 5000;
        options.idleTimeoutMs = 30'000;
        FetchJob job(*m_store, m_account, Accounts::credentials(m_account, Poplar::Secret("secret")), options);
        // Held: nothing more arrives for a while although the server has
        // sent more than the transport took in. A quiet window of real
        // time (10 checks, 20 ms apart): the job does not tell when it
        // stops reading.
        int received = 0;
        int lastSeen = -1;
        int quietTicks = 0;
        int receivedWhileHeld = -1;
        QTimer check;
        QObject::connect(&check, &QTimer::timeout, [&] {
            Net::FakeTransport *t = Net::FakeTransport::latest();
            const bool waiting = t && t->inNetwork() > 0;
            quietTicks = waiting && received == lastSeen ? quietTicks + 1 : 0;
            lastSeen = received;
            if (receivedWhileHeld < 0 && quietTicks >= 10) {
                receivedWhileHeld = received;
                release->set_value();
                check.stop();
            }
        });
        check.start(20);
        QTimer::singleShot(10'000, &check, [&] {
            if (receivedWhileHeld < 0) {
                check.stop();
                release->set_value();  // never held: the assertions below say so
            }
        });
        const FetchReport r
            = PoplarTest::runFetch(job, 60'000, [&](FetchJob &, const Progress &p) { received = p.received; });
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(busy.get());
        QVERIFY2(receivedWhileHeld >= 0, "reading never paused while the store was busy");
        // 64 KiB of ~30 KB messages, and what the last read brought with it
        // (the transport's buffer, 256 KiB).
        QVERIFY2(receivedWhileHeld < 14, qPrintable(QString::number(receivedWhileHeld)));
        QCOMPARE(r.stored, 40);
    }

    void aLoginRefusedForLoginDelayIsRememberedAndMayBeOverridden()
    {
        m_server->add(mail(1), "uid-1");
        m_server->passReply = "-ERR [LOGIN-DELAY] wait a while";
        FetchReport r = fetch();
        QCOMPARE(r.error.code, ErrorCode::LoginDelay);
        QCOMPARE(r.retryNotBefore, m_clock.now().addSecs(SyncState::DefaultLoginDelaySeconds));
        // The next fetch waits for that time instead of logging in at once.
        m_clock.advanceMs(60'000);
        const int sessions = m_server->sessions;
        r = fetch();
        QCOMPARE(r.error.code, ErrorCode::LoginDelay);
        QCOMPARE(m_server->sessions, sessions);
        QVERIFY(r.retryNotBefore > m_clock.now());
        // The user insists: it logs in.
        m_server->passReply = "+OK";
        FetchJob::Options insist;
        insist.ignoreLoginDelay = true;
        r = fetch(insist);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 1);
        QCOMPARE(m_server->sessions, sessions + 1);
    }

    void aSuccessfulLoginsDelayMayBeOverridden()
    {
        m_server->capaExtra = "LOGIN-DELAY 900\r\n";
        m_server->add(mail(1), "uid-1");
        QCOMPARE(fetch().stored, 1);
        m_server->add(mail(2), "uid-2");
        m_clock.advanceMs(60'000);
        FetchReport r = fetch();
        QCOMPARE(r.error.code, ErrorCode::LoginDelay);
        QCOMPARE(r.retryNotBefore, m_clock.now().addSecs(900 - 60));
        FetchJob::Options insist;
        insist.ignoreLoginDelay = true;
        r = fetch(insist);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 1);
    }
};

QTEST_GUILESS_MAIN(TestFetchSafety)
#include "tst_fetch_safety.moc"
