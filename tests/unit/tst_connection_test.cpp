// The connection test (connect, capabilities, log in, STAT, QUIT) over a
// scripted server: what it reports, how it fails, and that it can be
// stopped at any point without a word more to the server.

#include "../support/ScriptedMailbox.h"

#include "pop3/Sasl.h"
#include "sync/ConnectionTest.h"

#include <QSignalSpy>
#include <QTest>

using namespace Sync;
using Poplar::ErrorCode;

class TestConnectionTest : public QObject
{
    Q_OBJECT

    static Pop3::ConnectionSettings settings()
    {
        Pop3::ConnectionSettings s;
        s.host = QStringLiteral("scripted.test");
        s.security = Net::Security::None;
        return s;
    }

    static Pop3::Credentials login(const QByteArray &secret = "secret-pw")
    {
        Pop3::Credentials c;
        c.user = QStringLiteral("ann");
        c.secret = secret;
        c.allowInsecure = true;
        return c;
    }

    static ConnectionTestReport run(ConnectionTest &test)
    {
        QSignalSpy done(&test, &ConnectionTest::finished);
        test.start();
        if (!done.wait(20'000))
            return {};
        return done.first().first().value<ConnectionTestReport>();
    }

    static void addMessages(PoplarTest::ScriptedServer &server, int count)
    {
        for (int i = 1; i <= count; ++i)
            server.mailbox.append(
                { "Subject: " + QByteArray::number(i) + "\r\n\r\nbody\r\n", "u" + QByteArray::number(i) });
    }

private Q_SLOTS:
    void reportsTheServerTheLoginAndTheMailbox()
    {
        PoplarTest::ScriptedServer server;
        addMessages(server, 3);
        ConnectionTest test(settings(), login(), server.factory());
        QSignalSpy opened(&test, &ConnectionTest::serverOpened);
        QSignalSpy loggedIn(&test, &ConnectionTest::loggedIn);
        const ConnectionTestReport r = run(test);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(opened.size(), 1);
        QCOMPARE(loggedIn.size(), 1);
        QVERIFY(r.server);
        QCOMPARE(r.server->greeting, QByteArray("scripted ready"));
        QVERIFY(r.server->capabilities.uidl);
        QCOMPARE(r.mechanism, std::optional(Pop3::Mechanism::UserPass));
        QCOMPARE(r.messageCount, std::optional<quint32>(3));
        quint64 size = 0;
        for (const auto &m : std::as_const(server.mailbox))
            size += quint64(m.raw.size());
        QCOMPARE(r.mailboxSize, std::optional(size));
        // It looked, changed nothing, and said goodbye.
        QVERIFY(server.received.contains("STAT\r\n"));
        QVERIFY(server.received.endsWith("QUIT\r\n"));
        QVERIFY(!server.received.contains("LIST"));
        QVERIFY(!server.received.contains("RETR"));
        QVERIFY(!server.received.contains("DELE"));
        QVERIFY(r.protocolLog.contains(QStringLiteral("C: QUIT")));
        QVERIFY(!r.protocolLog.contains(QStringLiteral("secret-pw")));
        QVERIFY(!r.certificate);
    }

    void eachStepIsReportedInOrder()
    {
        using Sync::Stage;
        const auto stagesOf = [](ConnectionTest &test) {
            std::vector<Stage> stages;
            connect(&test, &ServerDialogue::stageChanged, &test, [&stages](Stage s) { stages.push_back(s); });
            const ConnectionTestReport r = run(test);
            Q_UNUSED(r);
            return stages;
        };
        PoplarTest::ScriptedServer server;
        addMessages(server, 1);
        ConnectionTest test(settings(), login(), server.factory());
        QCOMPARE(test.stage(), Stage::Connecting);
        QCOMPARE(stagesOf(test), (std::vector { Stage::Connecting, Stage::LoggingIn, Stage::Working, Stage::Closing }));

        PoplarTest::ScriptedServer refusing;
        refusing.passReply = "-ERR [AUTH] invalid login";
        ConnectionTest refused(settings(), login("wrong"), refusing.factory());
        QCOMPARE(stagesOf(refused), (std::vector { Stage::Connecting, Stage::LoggingIn, Stage::Closing }));

        PoplarTest::ScriptedServer looking;
        ConnectionTest onlyLooking(settings(), std::nullopt, looking.factory());
        QCOMPARE(stagesOf(onlyLooking), (std::vector { Stage::Connecting, Stage::Closing }));
    }

    void aWrongPasswordIsAuthFailedAndTheTestSaysGoodbye()
    {
        PoplarTest::ScriptedServer server;
        server.passReply = "-ERR [AUTH] invalid login";
        ConnectionTest test(settings(), login("wrong"), server.factory());
        const ConnectionTestReport r = run(test);
        QCOMPARE(r.error.code, ErrorCode::AuthFailed);
        QVERIFY(!r.messageCount);
        QVERIFY(!server.received.contains("STAT"));
        QVERIFY(server.received.endsWith("QUIT\r\n"));
    }

    void aDroppedConnectionIsConnectionLost()
    {
        PoplarTest::ScriptedServer server;
        server.dropOn = "STAT";
        ConnectionTest test(settings(), login(), server.factory());
        const ConnectionTestReport r = run(test);
        QCOMPARE(r.error.code, ErrorCode::ConnectionLost);
        QVERIFY(r.mechanism);  // it got as far as the login
        QVERIFY(!r.messageCount);
    }

    void aDropAtQuitAfterStatChangesNothing()
    {
        PoplarTest::ScriptedServer server;
        addMessages(server, 2);
        server.dropOn = "QUIT";
        ConnectionTest test(settings(), login(), server.factory());
        const ConnectionTestReport r = run(test);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.messageCount, std::optional<quint32>(2));
    }

    void cancelStopsAtOnceAndSendsNothingMore()
    {
        PoplarTest::ScriptedServer server;
        ConnectionTest test(settings(), login(), server.factory());
        QSignalSpy done(&test, &ConnectionTest::finished);
        // Cancelled as soon as the link is open: no password goes out.
        connect(&test, &ConnectionTest::serverOpened, &test, [&] { test.cancel(); });
        test.start();
        QVERIFY(done.wait(20'000));
        const auto r = done.first().first().value<ConnectionTestReport>();
        QCOMPARE(r.error.code, ErrorCode::Cancelled);
        QVERIFY(!r.messageCount);
        QVERIFY(!server.received.contains("STAT"));
        QVERIFY(!server.received.contains("QUIT"));
        QTest::qWait(0);
        QCOMPARE(done.size(), 1);
    }

    void cancelBeforeStartEndsOnTheEventLoop()
    {
        PoplarTest::ScriptedServer server;
        ConnectionTest test(settings(), login(), server.factory());
        QSignalSpy done(&test, &ConnectionTest::finished);
        test.cancel();
        QCOMPARE(done.size(), 0);  // never from inside cancel()
        QVERIFY(done.wait(20'000));
        QCOMPARE(done.first().first().value<ConnectionTestReport>().error.code, ErrorCode::Cancelled);
        QCOMPARE(server.sessions, 0);
    }

    void withoutCredentialsItOnlyAsksWhatTheServerOffers()
    {
        PoplarTest::ScriptedServer server;
        addMessages(server, 1);
        ConnectionTest test(settings(), std::nullopt, server.factory());
        const ConnectionTestReport r = run(test);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY(r.server);
        QVERIFY(!r.mechanism);
        QVERIFY(!r.messageCount);
        QVERIFY(!server.received.contains("USER"));
        QVERIFY(!server.received.contains("PASS"));
        QVERIFY(server.received.endsWith("QUIT\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestConnectionTest)
#include "tst_connection_test.moc"
