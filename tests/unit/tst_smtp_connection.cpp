// Smtp::Connection over a scripted FakeTransport: opening with implicit TLS
// and STARTTLS, a message streamed from its source with the link's backlog
// bounded, the hook before the final dot, and every way a message can end
// when the link breaks.

#include "net/FakeTransport.h"
#include "smtp/SmtpConnection.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

using namespace Smtp;
using Net::FakeTransport;
using Poplar::Error;
using Poplar::ErrorCode;

namespace {

Sasl::Credentials creds()
{
    Sasl::Credentials c;
    c.user = QStringLiteral("alice");
    c.secret = Poplar::Secret(QByteArray("hunter2-secret"));
    return c;
}

Envelope envelopeFor(const QByteArray &message)
{
    Envelope e;
    e.from = "alice@example.org";
    e.recipients = { "bob@example.net" };
    e.size = quint64(message.size());
    return e;
}

ConnectionSettings settings(Net::Security security = Net::Security::ImplicitTls)
{
    ConnectionSettings s;
    s.host = QStringLiteral("smtp.example.test");
    s.security = security;
    return s;
}

// A message of `size` octets in lines of 70, some starting with a dot.
QByteArray bigMessage(qsizetype size)
{
    QByteArray m = "Subject: big\r\n\r\n";
    int line = 0;
    while (m.size() < size) {
        m += (line % 7 == 0 ? "." : "x") + QByteArray(68, char('a' + line % 26)) + "\r\n";
        ++line;
    }
    m.truncate(size - 2);
    return m + "\r\n";
}

// What the server reads once DATA's dots are undone: the message with CRLF line ends.
QByteArray undotted(const QByteArray &wire)
{
    QByteArray out;
    for (const QByteArray &line : wire.split('\n')) {
        if (line.startsWith(".."))
            out += line.mid(1) + '\n';
        else
            out += line + '\n';
    }
    out.chop(1);
    return out;
}

}  // namespace

class TestSmtpConnection : public QObject
{
    Q_OBJECT

    static FakeTransport *openImplicit(Connection &c, const QByteArray &caps = "250-PIPELINING\r\n250 AUTH PLAIN\r\n")
    {
        QSignalSpy opened(&c, &Connection::opened);
        c.open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("220 smtp.example.test ESMTP\r\n");
        if (t->takeWritten() != "EHLO [127.0.0.1]\r\n")
            return nullptr;
        t->serverSends("250-smtp.example.test\r\n" + caps);
        return opened.size() == 1 ? t : nullptr;
    }

private Q_SLOTS:
    void implicitTlsOpenLoginSendQuit()
    {
        Connection c(settings(), [] { return std::make_unique<FakeTransport>(); });
        FakeTransport *t = openImplicit(c);
        QVERIFY(t);
        QCOMPARE(t->options().port, quint16(465));
        QVERIFY(c.isOpen());
        QVERIFY(c.serverInfo().capabilities.pipelining);

        QSignalSpy loggedIn(&c, &Connection::loggedIn);
        c.login(creds());
        QCOMPARE(t->takeWritten(), "AUTH PLAIN " + QByteArray("\0alice\0hunter2-secret", 21).toBase64() + "\r\n");
        t->serverSends("235 2.7.0 ok\r\n");
        QCOMPARE(loggedIn.size(), 1);

        const QByteArray message = "Subject: hi\r\n\r\n.dot\r\nbye\r\n";
        QBuffer source;
        source.setData(message);
        QVERIFY(source.open(QIODevice::ReadOnly));
        QSignalSpy accepted(&c, &Connection::messageAccepted);
        QList<SendId> hookCalls;
        c.setBeforeFinalDot([&](SendId id) {
            hookCalls.append(id);
            // Everything but the dot has gone to the link.
            if (t->allWritten().endsWith("\r\n.\r\n"))
                return Poplar::Status(Error(ErrorCode::InvalidState, QStringLiteral("dot before the hook")));
            return Poplar::Status();
        });
        const SendId id = c.send(envelopeFor(message), &source);
        QTest::qWait(0);  // the message goes out from the event loop
        QCOMPARE(t->takeWritten(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        t->serverSends("250 ok\r\n250 ok\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("DATA\r\n"));
        t->serverSends("354 go\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("Subject: hi\r\n\r\n..dot\r\nbye\r\n.\r\n"));
        QCOMPARE(hookCalls, QList<SendId> { id });
        QCOMPARE(accepted.size(), 0);
        t->serverSends("250 2.0.0 queued as 9\r\n");
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(accepted.at(0).at(0).value<SendId>(), id);

        QSignalSpy closed(&c, &Connection::closed);
        c.quit();
        QCOMPARE(t->takeWritten(), QByteArray("QUIT\r\n"));
        t->serverSends("221 bye\r\n");
        QCOMPARE(closed.size(), 1);
        QVERIFY(t->closeRequested());
        // The password never reached the protocol log.
        QVERIFY(!c.protocolLog().toDisplayText().contains(QStringLiteral("hunter2")));
        QVERIFY(!c.protocolLog().toDisplayText().contains(
            QString::fromLatin1(QByteArray("\0alice\0hunter2-secret", 21).toBase64())));
    }

    void startTlsOpensAfterTheHandshake()
    {
        Connection c(settings(Net::Security::StartTls), [] { return std::make_unique<FakeTransport>(); });
        QSignalSpy opened(&c, &Connection::opened);
        c.open();
        FakeTransport *t = FakeTransport::latest();
        QCOMPARE(t->options().port, quint16(587));
        t->serverAccepts();
        t->serverSends("220 hi\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("EHLO [127.0.0.1]\r\n"));
        t->serverSends("250-hi\r\n250-STARTTLS\r\n250 PIPELINING\r\n");
        QCOMPARE(opened.size(), 0);
        QCOMPARE(t->takeWritten(), QByteArray("STARTTLS\r\n"));
        t->serverSends("220 go ahead\r\n");
        QVERIFY(t->tlsRequested());
        QCOMPARE(t->takeWritten(), QByteArray());
        t->serverCompletesTls();
        QCOMPARE(t->takeWritten(), QByteArray("EHLO [127.0.0.1]\r\n"));
        t->serverSends("250-hi\r\n250 AUTH PLAIN\r\n");
        QCOMPARE(opened.size(), 1);
        QVERIFY(!c.serverInfo().capabilities.startTls);
        QVERIFY(c.serverInfo().capabilities.supportsAuth("PLAIN"));
    }

    void startTlsMissingFails()
    {
        Connection c(settings(Net::Security::StartTls), [] { return std::make_unique<FakeTransport>(); });
        QSignalSpy failed(&c, &Connection::failed);
        c.open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("220 hi\r\n");
        QVERIFY(!t->takeWritten().isEmpty());
        t->serverSends("250-hi\r\n250 AUTH PLAIN\r\n");
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::StlsUnavailable);
        QVERIFY(t->wasAborted());
        QCOMPARE(t->takeWritten(), QByteArray());
    }

    // A big message never sits in the link as a whole: the connection reads
    // its source only as the network takes what was written.
    void bigMessageStreamsWithABoundedBacklog()
    {
        ConnectionSettings s = settings();
        s.dataChunkBytes = 4096;
        s.writeAheadBytes = 16 * 1024;
        Connection c(s, [] { return std::make_unique<FakeTransport>(); });
        FakeTransport *t = openImplicit(c);
        QVERIFY(t);
        const QByteArray message = bigMessage(2 * 1024 * 1024);
        QBuffer source;
        source.setData(message);
        QVERIFY(source.open(QIODevice::ReadOnly));
        QSignalSpy accepted(&c, &Connection::messageAccepted);
        QSignalSpy progress(&c, &Connection::messageProgress);
        c.send(envelopeFor(message), &source);
        QTest::qWait(0);  // the message goes out from the event loop
        QCOMPARE(t->takeWritten(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        t->serverSends("250 ok\r\n250 ok\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("DATA\r\n"));
        // From now on the network takes only what the test lets through.
        t->setHoldWrites(true);
        t->serverSends("354 go\r\n");
        QByteArray wire;
        int rounds = 0;
        while (accepted.isEmpty() && rounds++ < 10000) {
            QVERIFY2(c.linkBacklog() <= s.writeAheadBytes + 2 * s.dataChunkBytes, qPrintable(QString::number(c.linkBacklog())));
            // Less read from the source than the whole message, until the end.
            QVERIFY(source.pos() <= wire.size() + s.writeAheadBytes + 2 * s.dataChunkBytes);
            t->serverDrains(5000);
            wire += t->takeWritten();
            if (wire.endsWith("\r\n.\r\n") && c.linkBacklog() == 0)
                t->serverSends("250 2.0.0 queued\r\n");
        }
        QCOMPARE(accepted.size(), 1);
        QVERIFY(t->maxBytesToWrite() <= s.writeAheadBytes + 2 * s.dataChunkBytes);
        QVERIFY(wire.endsWith("\r\n.\r\n"));
        wire.chop(3);
        QCOMPARE(undotted(wire), message);
        QVERIFY(progress.size() > 100);
        QCOMPARE(progress.last().at(1).toLongLong(), qint64(message.size()));
    }

    // The hook refuses (the outbox could not record the message as possibly
    // sent): the dot never goes out, so the message failed and may go again.
    void refusingHookKeepsTheDot()
    {
        Connection c(settings(), [] { return std::make_unique<FakeTransport>(); });
        FakeTransport *t = openImplicit(c);
        QVERIFY(t);
        QBuffer source;
        source.setData("hello\r\n");
        QVERIFY(source.open(QIODevice::ReadOnly));
        c.setBeforeFinalDot([](SendId) { return Poplar::Status(Error(ErrorCode::DiskFull)); });
        QSignalSpy failedMessage(&c, &Connection::messageFailed);
        QSignalSpy inDoubt(&c, &Connection::messageInDoubt);
        QSignalSpy failed(&c, &Connection::failed);
        c.send(envelopeFor("hello\r\n"), &source);
        QTest::qWait(0);  // the message goes out from the event loop
        t->serverSends("250 ok\r\n250 ok\r\n354 go\r\n");
        QVERIFY(!t->allWritten().endsWith(".\r\n"));
        QCOMPARE(failedMessage.size(), 1);
        QCOMPARE(failedMessage.at(0).at(1).value<Error>().code, ErrorCode::DiskFull);
        QCOMPARE(inDoubt.size(), 0);
        QCOMPARE(failed.size(), 1);
        QVERIFY(t->wasAborted());
    }

    void linkBreakingAfterTheDotLeavesItInDoubt_data()
    {
        QTest::addColumn<bool>("closes");
        QTest::newRow("server closes") << true;
        QTest::newRow("link fails") << false;
    }

    void linkBreakingAfterTheDotLeavesItInDoubt()
    {
        QFETCH(bool, closes);
        Connection c(settings(), [] { return std::make_unique<FakeTransport>(); });
        FakeTransport *t = openImplicit(c);
        QVERIFY(t);
        QBuffer first, second;
        first.setData("one\r\n");
        second.setData("two\r\n");
        QVERIFY(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
        QSignalSpy failedMessage(&c, &Connection::messageFailed);
        QSignalSpy inDoubt(&c, &Connection::messageInDoubt);
        QSignalSpy failed(&c, &Connection::failed);
        const SendId a = c.send(envelopeFor("one\r\n"), &first);
        QTest::qWait(0);  // the message goes out from the event loop
        const SendId b = c.send(envelopeFor("two\r\n"), &second);
        QTest::qWait(0);  // the message goes out from the event loop
        t->serverSends("250 ok\r\n250 ok\r\n354 go\r\n");
        QVERIFY(t->takeWritten().endsWith("one\r\n.\r\n"));
        if (closes)
            t->serverCloses();
        else
            t->serverFails(Error(ErrorCode::ConnectionLost, QStringLiteral("reset by peer")));
        QCOMPARE(inDoubt.size(), 1);
        QCOMPARE(inDoubt.at(0).at(0).value<SendId>(), a);
        QCOMPARE(failedMessage.size(), 1);
        QCOMPARE(failedMessage.at(0).at(0).value<SendId>(), b);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::ConnectionLost);
    }

    // RFC 5321 §4.5.3.2.6: the reply to the dot may take ten minutes; the
    // idle timeout of every other reply does not apply to it.
    void finalReplyHasItsOwnTimeout()
    {
        ConnectionSettings s = settings();
        s.idleTimeoutMs = 100;
        s.finalReplyTimeoutMs = 1500;
        // Nor does the throughput rule: a server may say nothing while it
        // checks a message.
        s.throughputWindowMs = 200;
        s.minThroughputBytes = 1024 * 1024;
        Connection c(s, [] { return std::make_unique<FakeTransport>(); });
        FakeTransport *t = openImplicit(c);
        QVERIFY(t);
        QBuffer source;
        source.setData("x\r\n");
        QVERIFY(source.open(QIODevice::ReadOnly));
        QSignalSpy inDoubt(&c, &Connection::messageInDoubt);
        QSignalSpy failed(&c, &Connection::failed);
        QElapsedTimer clock;
        c.send(envelopeFor("x\r\n"), &source);
        QTest::qWait(0);  // the message goes out from the event loop
        t->serverSends("250 ok\r\n250 ok\r\n354 go\r\n");
        clock.start();
        QVERIFY(t->takeWritten().endsWith("x\r\n.\r\n"));
        QVERIFY(inDoubt.wait(10'000));
        // Failed by the final reply's timeout, not the idle one.
        QVERIFY2(clock.elapsed() >= 1400, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(inDoubt.at(0).at(1).value<Error>().code, ErrorCode::IdleTimeout);
        QCOMPARE(failed.size(), 1);
    }

    // A source that holds another size than the one queued: no dot, so the
    // server drops what it got, and the message may go again.
    void messageOfAnotherSizeNeverGetsItsDot()
    {
        Connection c(settings(), [] { return std::make_unique<FakeTransport>(); });
        FakeTransport *t = openImplicit(c);
        QVERIFY(t);
        QBuffer source;
        source.setData("short\r\n");
        QVERIFY(source.open(QIODevice::ReadOnly));
        Envelope e = envelopeFor("short\r\n");
        e.size = 100;
        QSignalSpy failedMessage(&c, &Connection::messageFailed);
        QSignalSpy inDoubt(&c, &Connection::messageInDoubt);
        int hookCalls = 0;
        c.setBeforeFinalDot([&](SendId) {
            ++hookCalls;
            return Poplar::Status();
        });
        c.send(e, &source);
        QTest::qWait(0);
        t->serverSends("250 ok\r\n250 ok\r\n354 go\r\n");
        QCOMPARE(failedMessage.size(), 1);
        QCOMPARE(failedMessage.at(0).at(1).value<Error>().code, ErrorCode::StoreError);
        QCOMPARE(inDoubt.size(), 0);
        QCOMPARE(hookCalls, 0);
        QVERIFY(!t->allWritten().endsWith(".\r\n"));
        QVERIFY(t->wasAborted());
    }

    // A slot that ends the connection in the middle of a batch of outcomes
    // does not lose the rest: every message still ends exactly once.
    void cancelInASlotLosesNoOutcome()
    {
        Connection c(settings(), [] { return std::make_unique<FakeTransport>(); });
        FakeTransport *t = openImplicit(c, "250-PIPELINING\r\n250 SIZE 1000\r\n");
        QVERIFY(t);
        QBuffer first, second;
        first.setData("one\r\n");
        second.setData("two\r\n");
        QVERIFY(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
        Envelope big = envelopeFor("two\r\n");
        big.size = 5000;  // over the server's SIZE: fails as soon as its turn comes
        QSignalSpy accepted(&c, &Connection::messageAccepted);
        QSignalSpy failedMessage(&c, &Connection::messageFailed);
        QSignalSpy failed(&c, &Connection::failed);
        connect(&c, &Connection::messageAccepted, &c, [&c] { c.cancel(); });
        const SendId a = c.send(envelopeFor("one\r\n"), &first);
        const SendId b = c.send(big, &second);
        QTest::qWait(0);  // the messages go out from the event loop
        t->serverSends("250 ok\r\n250 ok\r\n354 go\r\n");
        QVERIFY(t->takeWritten().endsWith("one\r\n.\r\n"));
        // Its 250 makes message a accepted and message b's turn come (and
        // fail) in the same batch; the slot cancels in between.
        t->serverSends("250 2.0.0 queued\r\n");
        QTest::qWait(0);
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(accepted.at(0).at(0).value<SendId>(), a);
        QCOMPARE(failedMessage.size(), 1);
        QCOMPARE(failedMessage.at(0).at(0).value<SendId>(), b);
        QCOMPARE(failedMessage.at(0).at(1).value<Error>().code, ErrorCode::MessageTooBig);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::Cancelled);
    }

    void sendBeforeOpenFails()
    {
        Connection c(settings(), [] { return std::make_unique<FakeTransport>(); });
        QSignalSpy failedMessage(&c, &Connection::messageFailed);
        QBuffer source;
        source.setData("x");
        QVERIFY(source.open(QIODevice::ReadOnly));
        QCOMPARE(c.send(envelopeFor("x"), &source), SendId(0));
        // Never before the caller has the id.
        QCOMPARE(failedMessage.size(), 0);
        QVERIFY(failedMessage.wait(1000));
        QCOMPARE(failedMessage.size(), 1);
        QCOMPARE(failedMessage.at(0).at(1).value<Error>().code, ErrorCode::InvalidState);
    }
};

QTEST_GUILESS_MAIN(TestSmtpConnection)
#include "tst_smtp_connection.moc"
