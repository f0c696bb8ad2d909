// Net::Link over a scripted FakeTransport, without any protocol on top: the
// timeouts, back-pressure, the STARTTLS injection guard and the reconnect
// after a certificate question, as any line protocol gets them.

#include "net/FakeTransport.h"
#include "net/Link.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Net;
using Poplar::Error;
using Poplar::ErrorCode;

class TestLink : public QObject
{
    Q_OBJECT

    static LinkSettings settings(Security security = Security::ImplicitTls)
    {
        LinkSettings s;
        s.host = QStringLiteral("mail.example.test");
        s.port = security == Security::ImplicitTls ? 995 : 110;
        s.security = security;
        return s;
    }

    static std::unique_ptr<Link> make(const LinkSettings &s)
    {
        return std::make_unique<Link>(s, [] { return std::make_unique<FakeTransport>(); });
    }

    static ErrorCode codeOf(const QSignalSpy &failed) { return failed.at(0).at(0).value<Error>().code; }

    static CertificateProblem problem(CertificateProblem::Kind kind = CertificateProblem::Kind::Untrusted)
    {
        CertificateProblem p;
        p.kind = kind;
        p.sha256 = QByteArray(32, '\x42');
        return p;
    }

private Q_SLOTS:
    void opensWithTheSettings()
    {
        LinkSettings s = settings(Security::StartTls);
        s.pinnedSha256 = QByteArray(32, '\x11');
        s.readBufferBytes = 4096;
        auto link = make(s);
        QSignalSpy connecting(link.get(), &Link::connecting);
        QSignalSpy connected(link.get(), &Link::connected);
        link->open();
        QCOMPARE(connecting.count(), 1);
        FakeTransport *t = FakeTransport::latest();
        QVERIFY(t);
        QCOMPARE(t->options().host, s.host);
        QCOMPARE(t->options().port, quint16(110));
        QVERIFY(!t->options().implicitTls);
        QCOMPARE(t->options().pinnedSha256, s.pinnedSha256);
        QCOMPARE(t->options().acceptedSha256, QList<QByteArray>({ s.pinnedSha256 }));
        QCOMPARE(t->readBufferLimit(), qint64(4096));
        t->serverAccepts();
        QCOMPARE(connected.count(), 1);
        link->write("HELLO\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("HELLO\r\n"));
    }

    void connectTimeoutWithoutAGreeting()
    {
        LinkSettings s = settings();
        s.connectTimeoutMs = 50;
        auto link = make(s);
        QSignalSpy failed(link.get(), &Link::failed);
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        QVERIFY(failed.wait(2000));
        QCOMPARE(codeOf(failed), ErrorCode::ConnectTimeout);
        QVERIFY(t->wasAborted());
    }

    void greetedEndsTheConnectTimeout()
    {
        // The connect timeout is far shorter than the idle timeout: if
        // greeted() left it running it would be the one to fire.
        LinkSettings s = settings();
        s.connectTimeoutMs = 30;
        s.idleTimeoutMs = 300;
        auto link = make(s);
        QSignalSpy failed(link.get(), &Link::failed);
        link->open();
        FakeTransport::latest()->serverAccepts();
        link->greeted();
        link->setAwaitingResponse(true);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(codeOf(failed), ErrorCode::IdleTimeout);
    }

    void idleTimeoutOnlyWhileAResponseIsAwaited()
    {
        LinkSettings s = settings();
        s.idleTimeoutMs = 50;
        auto link = make(s);
        QSignalSpy failed(link.get(), &Link::failed);
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        link->greeted();
        // Real time: the idle timeout is a QTimer in Link, which takes no clock to move.
        QTest::qWait(150);
        QCOMPARE(failed.count(), 0);  // nothing awaited: no timeout while idle
        link->setAwaitingResponse(true);
        QVERIFY(failed.wait(2000));
        QCOMPARE(codeOf(failed), ErrorCode::IdleTimeout);
        QVERIFY(t->wasAborted());
    }

    // A server that stops taking what the client writes fails the link as
    // one that stops answering; a pause (back-pressure) never does.
    void writesThatGoNowhereTimeOut()
    {
        LinkSettings s = settings();
        s.idleTimeoutMs = 50;
        auto link = make(s);
        QSignalSpy failed(link.get(), &Link::failed);
        QSignalSpy written(link.get(), &Link::written);
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        link->greeted();
        t->setHoldWrites(true);
        link->setReadingPaused(true);
        link->write(QByteArray(4096, 'x'));
        QCOMPARE(link->bytesToWrite(), qint64(4096));
        QTest::qWait(150);
        QCOMPARE(failed.count(), 0);  // paused: not the server's fault
        link->setReadingPaused(false);
        t->serverDrains(1000);  // progress: the wait starts again
        QCOMPARE(written.count(), 1);
        QCOMPARE(link->bytesToWrite(), qint64(3096));
        QVERIFY(failed.wait(2000));
        QCOMPARE(codeOf(failed), ErrorCode::IdleTimeout);
    }

    void tricklingServerIsTooSlow()
    {
        LinkSettings s = settings();
        s.throughputWindowMs = 50;
        s.minThroughputBytes = 1'000'000;
        auto link = make(s);
        QSignalSpy failed(link.get(), &Link::failed);
        QSignalSpy received(link.get(), &Link::received);
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        link->greeted();
        link->setAwaitingResponse(true);
        t->serverSends("a");
        QCOMPARE(received.count(), 1);
        QVERIFY(failed.wait(2000));
        QCOMPARE(codeOf(failed), ErrorCode::ServerTooSlow);
    }

    void pausedReadsNothingAndResumeDeliversAll()
    {
        LinkSettings s = settings();
        s.readBufferBytes = 8;
        auto link = make(s);
        QByteArray got;
        connect(link.get(), &Link::received, this, [&got](const QByteArray &b) { got += b; });
        QSignalSpy closed(link.get(), &Link::closedByPeer);
        QByteArray gotAtClose;
        connect(link.get(), &Link::closedByPeer, this, [&] { gotAtClose = got; });
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("first\r\n");
        QCOMPARE(got, QByteArray("first\r\n"));

        link->setReadingPaused(true);
        QVERIFY(link->isReadingPaused());
        const int reads = t->reads();
        t->serverSends("0123456789abcdef");
        t->serverCloses();
        // Nothing read; the transport holds its bound, the rest waits in the
        // network; the close waits behind the data.
        QCOMPARE(t->reads(), reads);
        QCOMPARE(got, QByteArray("first\r\n"));
        QCOMPARE(t->buffered(), qint64(8));
        QCOMPARE(t->inNetwork(), qint64(8));
        QCOMPARE(closed.count(), 0);

        link->setReadingPaused(false);
        // Everything the server sent, and only then the close.
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(gotAtClose, QByteArray("first\r\n0123456789abcdef"));
    }

    void aCloseSeenWhilePausedComesAfterTheData()
    {
        // All the server sent fits the transport's buffer, so its close is
        // seen while reading is paused: it is told only after the data.
        LinkSettings s = settings();
        s.readBufferBytes = 64;
        auto link = make(s);
        QByteArray got;
        connect(link.get(), &Link::received, this, [&got](const QByteArray &b) { got += b; });
        QByteArray gotAtClose = "(not closed)";
        connect(link.get(), &Link::closedByPeer, this, [&] { gotAtClose = got; });
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        link->setReadingPaused(true);
        t->serverSends("+OK bye\r\n");
        t->serverCloses();
        QCOMPARE(got, QByteArray());
        QCOMPARE(gotAtClose, QByteArray("(not closed)"));
        link->setReadingPaused(false);
        QCOMPARE(gotAtClose, QByteArray("+OK bye\r\n"));
    }

    void pauseHoldsTheConnectTimeout()
    {
        LinkSettings s = settings();
        s.connectTimeoutMs = 50;
        auto link = make(s);
        QSignalSpy failed(link.get(), &Link::failed);
        QSignalSpy received(link.get(), &Link::received);
        connect(link.get(), &Link::received, link.get(), &Link::greeted);
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        link->setReadingPaused(true);
        t->serverSends("220 hello\r\n");
        // Paused for many connect timeouts: the greeting waits unread. Real
        // time: the connect timeout is a QTimer in Link, which takes no clock to move.
        QTimer::singleShot(400, link.get(), [&link] { link->setReadingPaused(false); });
        QTRY_VERIFY_WITH_TIMEOUT(received.count() == 1 || failed.count() == 1, 10'000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("220 hello\r\n"));
    }

    void plaintextBeforeTheHandshakeIsRefused()
    {
        auto link = make(settings(Security::StartTls));
        QSignalSpy received(link.get(), &Link::received);
        QSignalSpy encrypted(link.get(), &Link::encrypted);
        QSignalSpy failed(link.get(), &Link::failed);
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK begin TLS\r\n");
        QCOMPARE(received.count(), 1);
        link->startTls();
        QVERIFY(t->tlsRequested());
        // Someone on the path answers the next command in plaintext before
        // the handshake: it never reaches the protocol.
        t->serverSends("+OK injected\r\n");
        QCOMPARE(received.count(), 1);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(codeOf(failed), ErrorCode::StlsFailed);
        QVERIFY(t->wasAborted());
        t->serverCompletesTls();
        QCOMPARE(encrypted.count(), 0);
    }

    void bytesAfterTheHandshakeArrive()
    {
        auto link = make(settings(Security::StartTls));
        QSignalSpy received(link.get(), &Link::received);
        QSignalSpy encrypted(link.get(), &Link::encrypted);
        QSignalSpy failed(link.get(), &Link::failed);
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        link->startTls();
        t->serverCompletesTls();
        QCOMPARE(encrypted.count(), 1);
        QVERIFY(link->isEncrypted());
        t->serverSends("+OK\r\n");
        QCOMPARE(received.count(), 1);
        QCOMPARE(failed.count(), 0);
    }

    void acceptedCertificateReconnectsTrustingExactlyIt()
    {
        auto link = make(settings());
        QSignalSpy connecting(link.get(), &Link::connecting);
        QSignalSpy need(link.get(), &Link::certificateDecisionNeeded);
        QSignalSpy connected(link.get(), &Link::connected);
        QSignalSpy failed(link.get(), &Link::failed);
        QVERIFY(!link->answerCertificate(CertificateDecision::AcceptOnce));  // nothing was asked
        link->open();
        FakeTransport *first = FakeTransport::latest();
        QVERIFY(first->options().acceptedSha256.isEmpty());
        first->serverPresentsCertificate(problem());
        QCOMPARE(need.count(), 1);
        QVERIFY(link->answerCertificate(CertificateDecision::AcceptOnce));
        QCOMPARE(connecting.count(), 2);
        FakeTransport *second = FakeTransport::latest();
        QVERIFY(second != first);
        QVERIFY(first->wasAborted());
        QCOMPARE(second->options().acceptedSha256, QList<QByteArray>({ problem().sha256 }));
        QVERIFY(second->options().pinnedSha256.isEmpty());
        second->serverAccepts();
        QCOMPARE(connected.count(), 1);
        QCOMPARE(failed.count(), 0);
        // The question was answered: a second answer changes nothing.
        QVERIFY(!link->answerCertificate(CertificateDecision::Pin));
        QCOMPARE(FakeTransport::latest(), second);
    }

    void pinnedCertificateBecomesThePin()
    {
        auto link = make(settings());
        link->open();
        FakeTransport::latest()->serverPresentsCertificate(problem());
        QVERIFY(link->answerCertificate(CertificateDecision::Pin));
        FakeTransport *second = FakeTransport::latest();
        QCOMPARE(second->options().pinnedSha256, problem().sha256);
        QVERIFY(second->options().acceptedSha256.contains(problem().sha256));
        QCOMPARE(link->settings().pinnedSha256, problem().sha256);
    }

    void rejectedCertificateFails_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("code");
        QTest::newRow("untrusted") << int(CertificateProblem::Kind::Untrusted) << int(ErrorCode::CertificateUntrusted);
        QTest::newRow("changed") << int(CertificateProblem::Kind::Changed) << int(ErrorCode::CertificateChanged);
    }

    void rejectedCertificateFails()
    {
        QFETCH(int, kind);
        QFETCH(int, code);
        auto link = make(settings());
        QSignalSpy connecting(link.get(), &Link::connecting);
        QSignalSpy failed(link.get(), &Link::failed);
        link->open();
        FakeTransport::latest()->serverPresentsCertificate(problem(CertificateProblem::Kind(kind)));
        QVERIFY(link->answerCertificate(CertificateDecision::Reject));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(codeOf(failed), ErrorCode(code));
        QCOMPARE(connecting.count(), 1);  // no reconnect
    }

    void certificateWithoutFingerprintCannotBeAccepted()
    {
        auto link = make(settings());
        QSignalSpy failed(link.get(), &Link::failed);
        QSignalSpy connecting(link.get(), &Link::connecting);
        link->open();
        CertificateProblem p = problem();
        p.sha256.clear();
        FakeTransport::latest()->serverPresentsCertificate(p);
        QVERIFY(link->answerCertificate(CertificateDecision::AcceptOnce));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(codeOf(failed), ErrorCode::TlsHandshakeFailed);
        QCOMPARE(connecting.count(), 1);
    }

    void transportFailureIsPassedOnTyped()
    {
        auto link = make(settings());
        QSignalSpy failed(link.get(), &Link::failed);
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverFails(Error(ErrorCode::ConnectionRefused, QStringLiteral("refused")));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(codeOf(failed), ErrorCode::ConnectionRefused);
        QVERIFY(t->wasAborted());
    }

    void closeEndsTheLinkQuietly()
    {
        auto link = make(settings());
        QSignalSpy failed(link.get(), &Link::failed);
        QSignalSpy closed(link.get(), &Link::closedByPeer);
        QSignalSpy received(link.get(), &Link::received);
        link->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        link->close();
        QVERIFY(t->closeRequested());
        t->serverSends("late\r\n");
        t->serverCloses();
        t->serverFails(Error(ErrorCode::ConnectionLost));
        QCOMPARE(received.count(), 0);
        QCOMPARE(closed.count(), 0);
        QCOMPARE(failed.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLink)
#include "tst_link.moc"
