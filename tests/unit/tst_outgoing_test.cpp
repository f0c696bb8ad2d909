// The outgoing server test (connect, EHLO, log in, QUIT) over a scripted
// server: what it reports, that it sends no message, how a refused login
// ends, and that a cancel at any point — even before the connection is
// opened — ends it with Cancelled and nothing more on the wire.

#include "../support/ScriptedSmtp.h"
#include "net/FakeTransport.h"
#include "sync/OutgoingTest.h"

#include <QSignalSpy>
#include <QTest>

using Net::FakeTransport;
using Poplar::ErrorCode;
using PoplarTest::ScriptedSmtp;
using Sync::OutgoingTest;
using Sync::OutgoingTestReport;

class TestOutgoingTest : public QObject
{
    Q_OBJECT

    static Smtp::ConnectionSettings settings()
    {
        Smtp::ConnectionSettings s;
        s.host = QStringLiteral("smtp.example.test");
        return s;
    }

    static Sasl::Credentials login()
    {
        Sasl::Credentials c;
        c.user = QStringLiteral("alice");
        c.secret = Poplar::Secret(QByteArray("smtp-pw"));
        return c;
    }

    static Smtp::Connection::TransportFactory factory(ScriptedSmtp &server)
    {
        return [&server] { return std::unique_ptr<Net::Transport>(server.attach(new FakeTransport)); };
    }

    static OutgoingTestReport waitFor(OutgoingTest &test)
    {
        QSignalSpy done(&test, &OutgoingTest::finished);
        if (!done.wait(20'000) || done.size() != 1)
            return {};
        return done.first().first().value<OutgoingTestReport>();
    }

private Q_SLOTS:
    void reportsWhatTheServerOffersAndSendsNothing()
    {
        ScriptedSmtp server;
        server.ehloReply = "250-smtp.example.test\r\n250-PIPELINING\r\n250-SIZE 2500000\r\n250-8BITMIME\r\n"
                           "250 AUTH PLAIN LOGIN\r\n";
        OutgoingTest test(settings(), login(), factory(server));
        QSignalSpy opened(&test, &OutgoingTest::serverOpened);
        QSignalSpy loggedIn(&test, &OutgoingTest::loggedIn);
        test.start();
        const OutgoingTestReport r = waitFor(test);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(opened.size(), 1);
        QCOMPARE(loggedIn.size(), 1);
        QVERIFY(r.server);
        QCOMPARE(r.server->capabilities.domain, QByteArray("smtp.example.test"));
        QVERIFY(r.server->capabilities.size);
        QCOMPARE(r.server->capabilities.sizeLimit, quint64(2'500'000));
        QVERIFY(r.server->capabilities.eightBitMime);
        QCOMPARE(r.mechanism, std::optional(Sasl::Mechanism::Plain));
        QVERIFY(server.received.startsWith("EHLO "));
        QVERIFY(server.received.contains("AUTH PLAIN "));
        QVERIFY(server.received.endsWith("QUIT\r\n"));
        QCOMPARE(server.mailCommands, 0);
        QVERIFY(!server.received.contains("RCPT"));
        QVERIFY(!server.received.contains("DATA"));
        // The log shows the conversation, not the password.
        QVERIFY(r.protocolLog.contains(QStringLiteral("C: QUIT")));
        QVERIFY(!r.protocolLog.contains(QStringLiteral("smtp-pw")));
        QVERIFY(!r.protocolLog.contains(QString::fromLatin1(QByteArray("\0alice\0smtp-pw", 14).toBase64())));
    }

    void withoutCredentialsItOnlyAsksWhatTheServerOffers()
    {
        ScriptedSmtp server;
        OutgoingTest test(settings(), std::nullopt, factory(server));
        test.start();
        const OutgoingTestReport r = waitFor(test);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(r.server);
        QVERIFY(!r.mechanism);
        QVERIFY(!server.received.contains("AUTH"));
        QVERIFY(server.received.endsWith("QUIT\r\n"));
    }

    void aRefusedLoginIsAuthFailed()
    {
        ScriptedSmtp server;
        server.authReply = "535 5.7.8 authentication failed";
        OutgoingTest test(settings(), login(), factory(server));
        test.start();
        const OutgoingTestReport r = waitFor(test);
        QCOMPARE(r.error.code, ErrorCode::AuthFailed);
        QVERIFY2(r.error.serverText.raw().contains("authentication failed"), r.error.serverText.raw().constData());
        QVERIFY(!r.mechanism);
        QCOMPARE(server.mailCommands, 0);
    }

    // Cancelled between start() and the deferred open: no connection is
    // made at all, and finished() still comes once, with Cancelled.
    void cancelBeforeTheConnectionOpens()
    {
        ScriptedSmtp server;
        OutgoingTest test(settings(), login(), factory(server));
        QSignalSpy done(&test, &OutgoingTest::finished);
        test.start();
        test.cancel();
        QVERIFY(done.isEmpty());  // never from inside cancel()
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().first().value<OutgoingTestReport>().error.code, ErrorCode::Cancelled);
        QTest::qWait(50);
        QCOMPARE(done.size(), 1);
        QCOMPARE(server.connections, 0);
        QVERIFY(server.received.isEmpty());
    }

    void cancelBeforeStart()
    {
        ScriptedSmtp server;
        OutgoingTest test(settings(), login(), factory(server));
        QSignalSpy done(&test, &OutgoingTest::finished);
        test.cancel();
        test.start();  // too late: it was cancelled
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().first().value<OutgoingTestReport>().error.code, ErrorCode::Cancelled);
        QTest::qWait(50);
        QCOMPARE(done.size(), 1);
        QCOMPARE(server.connections, 0);
    }

    // Cancelled once the server has greeted: the test ends at once and
    // writes nothing more — no login goes out.
    void cancelAfterTheGreetingSendsNoLogin()
    {
        ScriptedSmtp server;
        OutgoingTest test(settings(), login(), factory(server));
        QSignalSpy done(&test, &OutgoingTest::finished);
        connect(&test, &OutgoingTest::serverOpened, &test, [&test] { test.cancel(); }, Qt::DirectConnection);
        test.start();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().first().value<OutgoingTestReport>().error.code, ErrorCode::Cancelled);
        QVERIFY(!server.received.contains("AUTH"));
        QCOMPARE(done.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestOutgoingTest)
#include "tst_outgoing_test.moc"
