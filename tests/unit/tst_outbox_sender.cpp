// OutboxSender against a scripted SMTP server for the faults a real server
// will not produce on demand: the link breaking after the final dot (the
// message stays in doubt and is never sent again by itself), before it (sent
// again later), temporary and permanent refusals.

#include "../support/ScriptedSmtp.h"
#include "net/FakeTransport.h"
#include "store/Outbox.h"
#include "store/Store.h"
#include "sync/OutboxSender.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Store;
using Net::FakeTransport;
using Poplar::Error;
using Poplar::ErrorCode;
using PoplarTest::ScriptedSmtp;
using Sync::OutboxSender;

namespace {

class FixedClock : public Poplar::Clock
{
public:
    QDateTime at = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);
    QDateTime now() const override { return at; }
    qint64 monotonicMs() const override { return at.toMSecsSinceEpoch(); }
};

}  // namespace

class TestOutboxSender : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<MailStore> m_store;
    qint64 m_account = 0;
    FixedClock m_clock;
    int m_profiles = 0;

    qint64 enqueue(const QByteArray &tag, qsizetype bodySize = 0)
    {
        OutboxEntry e;
        e.accountId = m_account;
        e.bytes = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: " + tag + "\r\nMessage-ID: <" + tag
            + "@example.org>\r\n\r\n" + tag + "\r\n";
        for (qsizetype i = 0; i < bodySize; i += 78)
            e.bytes += QByteArray(76, 'z') + "\r\n";
        e.messageId = "<" + tag + "@example.org>";
        e.subject = QString::fromLatin1(tag);
        e.envelopeFrom = "alice@example.org";
        e.recipients = { "bob@example.org" };
        std::optional<Poplar::Result<qint64>> id;
        const Poplar::Status st = m_store->write([&](Database &db) -> Poplar::Status {
            id.emplace(Outbox::enqueue(db, e, m_clock.now()));
            return id->ok() ? Poplar::Status() : Poplar::Status(id->error());
        });
        return st ? id->value() : 0;
    }

    OutboxItem itemOf(qint64 id)
    {
        return m_store->readValue([&](Database &db) { return Outbox::item(db, id); }).value();
    }

    OutboxSender::Report run(ScriptedSmtp &server)
    {
        Smtp::ConnectionSettings s;
        s.host = QStringLiteral("smtp.example.test");
        Sasl::Credentials c;
        c.user = QStringLiteral("alice");
        c.secret = Poplar::Secret(QByteArray("pw"));
        OutboxSender sender(m_store.get(), m_account, s, c);
        sender.setClock(&m_clock);
        sender.setBackoff(60, 3600);
        sender.setTransportFactory([&server] { return std::unique_ptr<Net::Transport>(server.attach(new FakeTransport)); });
        QSignalSpy finished(&sender, &OutboxSender::finished);
        sender.start();
        if (finished.isEmpty())
            finished.wait(5000);
        QTest::qWait(0);  // a second finished() would come now
        if (finished.size() != 1) {
            QTest::qFail(finished.isEmpty() ? "the sender never finished" : "the sender finished twice", __FILE__,
                __LINE__);
            return {};
        }
        return finished.at(0).at(0).value<OutboxSender::Report>();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        auto opened = MailStore::open(m_dir.path() + QStringLiteral("/p") + QString::number(m_profiles++));
        QVERIFY(opened.ok());
        m_store = std::move(opened).value();
        m_account = m_store->createAccount(QStringLiteral("alice")).value();
    }

    void cleanup() { m_store.reset(); }

    void sendsEachDueMessage()
    {
        const qint64 a = enqueue("one");
        const qint64 b = enqueue("two");
        ScriptedSmtp server;
        const OutboxSender::Report r = run(server);
        QVERIFY(!r.error);
        QCOMPARE(r.sent, (QList<qint64> { a, b }));
        QCOMPARE(server.messages.size(), 2);
        QVERIFY(server.messages[0].contains("Subject: one"));
        QCOMPARE(itemOf(a).state, OutboxState::Sent);
        QCOMPARE(itemOf(b).state, OutboxState::Sent);
        QCOMPARE(m_store->messages(m_store->folderByPath(QStringLiteral("Local/Sent"))->id).value().size(), 2);
    }

    // The link breaks after the dot: the message is in doubt, the next one
    // waits for a later run, and no later run sends the first again.
    void brokenAfterTheDotIsNeverSentAgainByItself()
    {
        const qint64 a = enqueue("doubt");
        const qint64 b = enqueue("later");
        ScriptedSmtp broken;
        broken.afterDots = { ScriptedSmtp::AfterDot::Close };
        const OutboxSender::Report r = run(broken);
        QCOMPARE(r.inDoubt, QList<qint64> { a });
        QVERIFY(r.error);
        QCOMPARE(itemOf(a).state, OutboxState::InDoubt);
        QCOMPARE(itemOf(b).state, OutboxState::Queued);
        QCOMPARE(itemOf(b).attempts, 0);  // never claimed

        m_clock.at = m_clock.at.addDays(1);
        ScriptedSmtp fine;
        const OutboxSender::Report again = run(fine);
        QCOMPARE(again.sent, QList<qint64> { b });
        QCOMPARE(fine.mailCommands, 1);
        QVERIFY(fine.messages[0].contains("Subject: later"));
        QCOMPARE(itemOf(a).state, OutboxState::InDoubt);

        // Only the user's word sends it again, with the same Message-ID.
        QVERIFY(m_store->write([&](Database &db) {
            return Outbox::resolve(db, a, Outbox::Resolution::SendAgain, m_clock.now());
        }).ok());
        ScriptedSmtp third;
        QCOMPARE(run(third).sent, QList<qint64> { a });
        QVERIFY(third.messages[0].contains("Message-ID: <doubt@example.org>"));
    }

    // Before the dot, nothing was delivered: it goes again after a backoff.
    void brokenBeforeTheDotGoesAgainLater()
    {
        // Larger than what the connection writes ahead of the network.
        const qint64 a = enqueue("again", 2 * 1024 * 1024);
        ScriptedSmtp broken;
        broken.closeDuringData = true;
        const OutboxSender::Report r = run(broken);
        QCOMPARE(r.retried, QList<qint64> { a });
        QVERIFY(r.inDoubt.isEmpty());
        OutboxItem i = itemOf(a);
        QCOMPARE(i.state, OutboxState::Queued);
        QCOMPARE(i.notBefore, m_clock.now().addSecs(60));
        QCOMPARE(i.error->code, ErrorCode::ConnectionLost);

        ScriptedSmtp early;
        QVERIFY(run(early).sent.isEmpty());  // not yet
        QCOMPARE(early.mailCommands, 0);
        m_clock.at = m_clock.at.addSecs(60);
        ScriptedSmtp fine;
        QCOMPARE(run(fine).sent, QList<qint64> { a });
    }

    void refusalsWaitTemporaryTroubleRetries()
    {
        const qint64 refused = enqueue("refused");
        const qint64 busy = enqueue("busy");
        const qint64 fine = enqueue("fine");
        ScriptedSmtp server;
        server.afterDots = { ScriptedSmtp::AfterDot::Refuse, ScriptedSmtp::AfterDot::Busy };
        const OutboxSender::Report r = run(server);
        QVERIFY(!r.error);
        QCOMPARE(r.failed, QList<qint64> { refused });
        QCOMPARE(r.retried, QList<qint64> { busy });
        QCOMPARE(r.sent, QList<qint64> { fine });
        QCOMPARE(itemOf(refused).state, OutboxState::Failed);
        QCOMPARE(itemOf(refused).error->code, ErrorCode::MessageRejected);
        QCOMPARE(itemOf(busy).state, OutboxState::Queued);
        QCOMPARE(itemOf(busy).error->code, ErrorCode::ServerTemporary);
        // The wait doubles with each attempt.
        m_clock.at = m_clock.at.addSecs(60);
        ScriptedSmtp stillBusy;
        stillBusy.afterDots = { ScriptedSmtp::AfterDot::Busy };
        QCOMPARE(run(stillBusy).retried, QList<qint64> { busy });
        QCOMPARE(itemOf(busy).notBefore, m_clock.now().addSecs(120));
    }

    void refusedRecipientFailsTheMessage()
    {
        const qint64 a = enqueue("nobody");
        ScriptedSmtp server;
        server.rcptReply = "550 5.1.1 no such user";
        const OutboxSender::Report r = run(server);
        QCOMPARE(r.failed, QList<qint64> { a });
        QCOMPARE(itemOf(a).error->code, ErrorCode::RecipientRejected);
        QCOMPARE(itemOf(a).refused, QByteArrayList { "bob@example.org" });
        QVERIFY(server.messages.isEmpty());
    }

    void nothingDueNoConnection()
    {
        ScriptedSmtp server;
        const OutboxSender::Report r = run(server);
        QVERIFY(!r.error && r.sent.isEmpty());
        QCOMPARE(server.mailCommands, 0);
    }

    // A sender that stopped (killed, or its store write failed) after
    // claiming a message but before its dot: the account's next sender puts
    // it back and sends it.
    void whatAStoppedSenderLeftGoesOut()
    {
        const qint64 a = enqueue("left");
        const qint64 other = m_store->createAccount(QStringLiteral("bob")).value();
        OutboxEntry e;
        e.accountId = other;
        e.bytes = "Subject: elsewhere\r\n\r\nx\r\n";
        e.messageId = "<elsewhere@example.org>";
        e.envelopeFrom = "bob@example.org";
        e.recipients = { "alice@example.org" };
        qint64 elsewhere = 0;
        QVERIFY(m_store->write([&](Database &db) -> Poplar::Status {
            auto id = Outbox::enqueue(db, e, m_clock.now());
            if (!id)
                return id.error();
            elsewhere = *id;
            for (qint64 row : { a, elsewhere }) {
                auto claimed = Outbox::claim(db, row, m_clock.now());
                if (!claimed || !*claimed)
                    return Error(ErrorCode::InvalidState, QStringLiteral("not claimed"));
            }
            return {};
        }).ok());
        QCOMPARE(itemOf(a).state, OutboxState::Sending);

        ScriptedSmtp server;
        const OutboxSender::Report r = run(server);
        QVERIFY(!r.error);
        QCOMPARE(r.recovered, 1);
        QCOMPARE(r.sent, QList<qint64> { a });
        QCOMPARE(server.messages.size(), 1);
        QCOMPARE(itemOf(a).attempts, 2);
        // Another account's row is its own sender's business.
        QCOMPARE(itemOf(elsewhere).state, OutboxState::Sending);
    }

    // A login the server refuses: nothing was claimed, each message still
    // waits, and says why.
    void whatCouldNotGoSaysWhy()
    {
        const qint64 a = enqueue("first");
        const qint64 b = enqueue("second");
        ScriptedSmtp server;
        server.authReply = "535 5.7.8 authentication failed";
        const OutboxSender::Report r = run(server);
        QVERIFY(r.error);
        QCOMPARE(r.error->code, ErrorCode::AuthFailed);
        for (qint64 id : { a, b }) {
            const OutboxItem i = itemOf(id);
            QCOMPARE(i.state, OutboxState::Queued);
            QCOMPARE(i.attempts, 0);
            QVERIFY(!i.notBefore.isValid());
            QVERIFY(i.error);
            QCOMPARE(i.error->code, ErrorCode::AuthFailed);
        }
        ScriptedSmtp fine;
        QCOMPARE(run(fine).sent, (QList<qint64> { a, b }));
        QVERIFY(!itemOf(a).error);
    }

    // One sender per account across programs; fetching does not stand in
    // its way. Nothing is taken or changed by the one that must wait.
    void oneSenderPerAccount()
    {
        const qint64 a = enqueue("locked");
        {
            auto held = Sync::AccountLock::tryAcquire(m_store->directory(), m_account, Sync::AccountLock::Purpose::Send);
            QVERIFY(held.ok());
            ScriptedSmtp server;
            const OutboxSender::Report r = run(server);
            QVERIFY(r.error);
            QCOMPARE(r.error->code, ErrorCode::SendRunning);
            QCOMPARE(server.mailCommands, 0);
            QCOMPARE(itemOf(a).state, OutboxState::Queued);
            QCOMPARE(itemOf(a).attempts, 0);
        }
        auto fetching = Sync::AccountLock::tryAcquire(m_store->directory(), m_account);
        QVERIFY(fetching.ok());
        ScriptedSmtp server;
        QCOMPARE(run(server).sent, QList<qint64> { a });
    }
};

QTEST_GUILESS_MAIN(TestOutboxSender)
#include "tst_outbox_sender.moc"
