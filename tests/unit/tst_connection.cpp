// Pop3::Connection over a scripted FakeTransport: the operation flow, the
// STLS rules, certificate decisions and every way a conversation can end.

#include "net/Connection.h"
#include "net/FakeTransport.h"

#include <QSignalSpy>
#include <QTest>

using namespace Pop3;
using Poplar::Error;
using Poplar::ErrorCode;

namespace {

class RecordingSink : public MessageSink
{
public:
    QMap<quint32, QByteArray> done;
    QMap<quint32, QByteArray> open;
    QList<quint32> discarded;
    int writes = 0;
    int failAfterWrites = -1;  // fail the Nth write (1-based)

    Poplar::Status begin(quint32 m) override
    {
        open[m] = QByteArray();
        return {};
    }
    Poplar::Status write(quint32 m, QByteArrayView data) override
    {
        ++writes;
        if (failAfterWrites > 0 && writes >= failAfterWrites)
            return Error(ErrorCode::LocalWriteFailed, QStringLiteral("disk full"));
        open[m] += data.toByteArray();
        return {};
    }
    Poplar::Status finish(quint32 m, quint64 size) override
    {
        if (quint64(open.value(m).size()) != size)
            return Error(ErrorCode::LocalWriteFailed, QStringLiteral("size mismatch"));
        done[m] = open.take(m);
        return {};
    }
    void discard(quint32 m) override
    {
        open.remove(m);
        discarded.append(m);
    }
};

Credentials creds()
{
    Credentials c;
    c.user = QStringLiteral("alice");
    c.secret = "hunter2-secret";
    return c;
}

}  // namespace

class TestConnection : public QObject
{
    Q_OBJECT

    std::unique_ptr<Connection> make(Security security = Security::ImplicitTls)
    {
        ConnectionSettings s;
        s.host = QStringLiteral("pop.example.test");
        s.security = security;
        s.session.pipelineMax = 4;
        s.session.pipelineMin = 1;
        return std::make_unique<Connection>(s, [] { return std::make_unique<FakeTransport>(); });
    }

    // Greeting + CAPA on implicit TLS; returns the transport.
    FakeTransport *openImplicit(Connection &c, const QByteArray &caps = "USER\r\nUIDL\r\nPIPELINING\r\n")
    {
        QSignalSpy opened(&c, &Connection::opened);
        c.open();
        FakeTransport *t = FakeTransport::latest();
        if (!t)
            return nullptr;
        t->serverAccepts();
        t->serverSends("+OK hello\r\n");
        if (t->takeWritten() != "CAPA\r\n")
            return nullptr;
        t->serverSends("+OK\r\n" + caps + ".\r\n");
        return opened.count() == 1 ? t : nullptr;
    }

    FakeTransport *openAndLogin(Connection &c, const QByteArray &caps = "USER\r\nUIDL\r\nPIPELINING\r\n")
    {
        FakeTransport *t = openImplicit(c, caps);
        if (!t)
            return nullptr;
        QSignalSpy loggedIn(&c, &Connection::loggedIn);
        c.login(creds());
        if (t->takeWritten() != "USER alice\r\n")
            return nullptr;
        t->serverSends("+OK\r\n");
        if (t->takeWritten() != "PASS hunter2-secret\r\n")
            return nullptr;
        t->serverSends("+OK\r\n");
        return loggedIn.count() == 1 ? t : nullptr;
    }

private Q_SLOTS:
    void implicitTlsOpen()
    {
        auto c = make();
        QSignalSpy opened(c.get(), &Connection::opened);
        c->open();
        FakeTransport *t = FakeTransport::latest();
        QVERIFY(t);
        QVERIFY(t->options().implicitTls);
        QCOMPARE(t->options().port, quint16(995));
        t->serverAccepts();
        QCOMPARE(t->takeWritten(), QByteArray());
        t->serverSends("+OK hi <9@x>\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("CAPA\r\n"));
        t->serverSends("+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n");
        QCOMPARE(opened.count(), 1);
        const auto info = opened.at(0).at(0).value<ServerInfo>();
        QCOMPARE(info.greeting, QByteArray("hi <9@x>"));
        QCOMPARE(info.apopTimestamp, QByteArray("<9@x>"));
        QVERIFY(info.tls.encrypted);
        QCOMPARE(info.capabilities.saslMechanisms, QByteArrayList({ "PLAIN" }));
    }

    void startTlsFlow()
    {
        auto c = make(Security::StartTls);
        QSignalSpy opened(c.get(), &Connection::opened);
        c->open();
        FakeTransport *t = FakeTransport::latest();
        QVERIFY(!t->options().implicitTls);
        QCOMPARE(t->options().port, quint16(110));
        t->serverAccepts();
        t->serverSends("+OK hi\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("CAPA\r\n"));
        t->serverSends("+OK\r\nSTLS\r\nUSER\r\n.\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("STLS\r\n"));
        t->serverSends("+OK begin\r\n");
        QVERIFY(t->tlsRequested());
        QCOMPARE(opened.count(), 0);
        t->serverCompletesTls();
        QCOMPARE(t->takeWritten(), QByteArray("CAPA\r\n"));
        t->serverSends("+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n");
        QCOMPARE(opened.count(), 1);
        QVERIFY(!c->serverInfo().capabilities.stls);
        QCOMPARE(c->serverInfo().capabilities.saslMechanisms, QByteArrayList({ "PLAIN" }));
    }

    void startTlsMissingSendsNoCredential()
    {
        auto c = make(Security::StartTls);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK hi\r\n");
        t->serverSends("+OK\r\nUSER\r\n.\r\n");
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::StlsUnavailable);
        QCOMPARE(t->allWritten(), QByteArray("CAPA\r\n"));
        QVERIFY(t->wasAborted());
        // Even a login attempt now cannot send anything.
        c->login(creds());
        QCOMPARE(t->allWritten(), QByteArray("CAPA\r\n"));
    }

    void startTlsRefusedByServer()
    {
        auto c = make(Security::StartTls);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK hi\r\n");
        t->serverSends("+OK\r\nSTLS\r\n.\r\n");
        t->serverSends("-ERR not now\r\n");
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::StlsFailed);
        QCOMPARE(t->allWritten(), QByteArray("CAPA\r\nSTLS\r\n"));
    }

    void loginFailureKeepsConnectionUsable()
    {
        auto c = make();
        FakeTransport *t = openImplicit(*c);
        QVERIFY(t);
        QSignalSpy loginFailed(c.get(), &Connection::loginFailed);
        QSignalSpy finished(c.get(), &Connection::finished);
        c->login(creds());
        QCOMPARE(t->takeWritten(), QByteArray("USER alice\r\n"));
        t->serverSends("+OK\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("PASS hunter2-secret\r\n"));
        t->serverSends("-ERR [AUTH] invalid\r\n");
        QCOMPARE(loginFailed.count(), 1);
        QCOMPARE(loginFailed.at(0).at(0).value<Error>().code, ErrorCode::AuthFailed);
        c->quit();
        QCOMPARE(t->takeWritten(), QByteArray("QUIT\r\n"));
        t->serverSends("+OK bye\r\n");
        QCOMPARE(finished.count(), 1);
        QVERIFY(t->closeRequested());
        QVERIFY(!c->protocolLog().toDisplayText().contains(QStringLiteral("hunter2")));
    }

    void listingCombinesUidlAndList()
    {
        auto c = make();
        FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy listed(c.get(), &Connection::listed);
        c->listMessages();
        QCOMPARE(t->takeWritten(), QByteArray("UIDL\r\nLIST\r\n"));  // pipelined
        t->serverSends("+OK\r\n1 aaa\r\n2 bbb\r\n.\r\n+OK\r\n1 100\r\n2 200\r\n.\r\n");
        QCOMPARE(listed.count(), 1);
        const auto msgs = listed.at(0).at(0).value<std::vector<MessageInfo>>();
        QCOMPARE(msgs.size(), size_t(2));
        QCOMPARE(msgs[0].uid, QByteArray("aaa"));
        QCOMPARE(msgs[1].size, quint64(200));
        QVERIFY(listed.at(0).at(1).toBool());
    }

    void listingWithoutUidl()
    {
        auto c = make();
        FakeTransport *t = openAndLogin(*c, "USER\r\n");
        QVERIFY(t);
        QSignalSpy listed(c.get(), &Connection::listed);
        c->listMessages();
        QCOMPARE(t->takeWritten(), QByteArray("LIST\r\n"));
        t->serverSends("+OK\r\n1 100\r\n.\r\n");
        QCOMPARE(listed.count(), 1);
        QVERIFY(!listed.at(0).at(1).toBool());
    }

    void listingUidlRefusedByLegacyServer()
    {
        auto c = make();
        QSignalSpy opened(c.get(), &Connection::opened);
        c->open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK old\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("CAPA\r\n"));
        t->serverSends("-ERR what\r\n");
        QCOMPARE(opened.count(), 1);
        c->login(creds());
        QCOMPARE(t->takeWritten(), QByteArray("USER alice\r\n"));
        t->serverSends("+OK\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("PASS hunter2-secret\r\n"));
        t->serverSends("+OK\r\n");
        QSignalSpy listed(c.get(), &Connection::listed);
        c->listMessages();
        QCOMPARE(t->takeWritten(), QByteArray("UIDL\r\n"));  // no PIPELINING: lockstep
        t->serverSends("-ERR unknown command\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("LIST\r\n"));
        t->serverSends("+OK\r\n1 5\r\n.\r\n");
        QCOMPARE(listed.count(), 1);
        QVERIFY(!listed.at(0).at(1).toBool());
    }

    void retrieveStreamsIntoSink()
    {
        auto c = make();
        FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        RecordingSink sink;
        QSignalSpy retrieved(c.get(), &Connection::messageRetrieved);
        QSignalSpy failedMsg(c.get(), &Connection::messageFailed);
        QSignalSpy done(c.get(), &Connection::retrieveFinished);
        c->retrieve({ 1, 2, 3 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\nRETR 2\r\nRETR 3\r\n"));
        t->serverSends("+OK\r\nSubject: a\r\n\r\n..x\r\n");
        QCOMPARE(sink.open.value(1), QByteArray("Subject: a\r\n\r\n.x\r\n"));
        t->serverSends(".\r\n-ERR gone\r\n+OK\r\nb\r\n.\r\n");
        QCOMPARE(retrieved.count(), 2);
        QCOMPARE(failedMsg.count(), 1);
        QCOMPARE(failedMsg.at(0).at(0).toUInt(), 2u);
        QCOMPARE(done.count(), 1);
        QCOMPARE(sink.done.value(1), QByteArray("Subject: a\r\n\r\n.x\r\n"));
        QCOMPARE(sink.done.value(3), QByteArray("b\r\n"));
    }

    void sinkFailureStopsEverythingAndDeletesNothing()
    {
        auto c = make();
        FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        RecordingSink sink;
        sink.failAfterWrites = 2;
        QSignalSpy failed(c.get(), &Connection::failed);
        c->retrieve({ 1, 2 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\nRETR 2\r\n"));
        t->serverSends("+OK\r\nfirst part\r\n");
        t->serverSends("second part\r\n");
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::LocalWriteFailed);
        QCOMPARE(sink.discarded, QList<quint32>({ 1 }));
        QVERIFY(sink.done.isEmpty());
        QVERIFY(t->wasAborted());
        QVERIFY(!t->allWritten().contains("QUIT"));
        QVERIFY(!t->allWritten().contains("DELE"));
    }

    void removeThenQuit()
    {
        auto c = make();
        FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy deleted(c.get(), &Connection::deleted);
        QSignalSpy removeDone(c.get(), &Connection::removeFinished);
        QSignalSpy finished(c.get(), &Connection::finished);
        c->remove({ 1, 2 });
        QCOMPARE(t->takeWritten(), QByteArray("DELE 1\r\nDELE 2\r\n"));
        t->serverSends("+OK\r\n+OK\r\n");
        QCOMPARE(deleted.count(), 2);
        QCOMPARE(removeDone.count(), 1);
        c->quit();
        QCOMPARE(t->takeWritten(), QByteArray("QUIT\r\n"));
        t->serverSends("+OK bye\r\n");
        QCOMPARE(finished.count(), 1);
    }

    void connectionLostBeforeQuitIsReported()
    {
        auto c = make();
        FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->remove({ 1 });
        QCOMPARE(t->takeWritten(), QByteArray("DELE 1\r\n"));
        t->serverSends("+OK\r\n");
        t->serverCloses();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::ConnectionLost);
        QVERIFY(!t->allWritten().contains("QUIT"));
        QVERIFY(!c->quitSent());  // so the server deleted nothing
    }

    void connectionLostDuringQuit()
    {
        auto c = make();
        FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy failed(c.get(), &Connection::failed);
        QSignalSpy finished(c.get(), &Connection::finished);
        c->quit();
        QCOMPARE(t->takeWritten(), QByteArray("QUIT\r\n"));
        t->serverCloses();
        // Without "+OK" to QUIT, nobody knows whether deletions happened.
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::ConnectionLost);
        QVERIFY(c->quitSent());  // deletions may or may not have been applied
    }

    void loginFailureReportedEvenIfGarbageFollows()
    {
        auto c = make();
        FakeTransport *t = openImplicit(*c);
        QVERIFY(t);
        QSignalSpy loginFailed(c.get(), &Connection::loginFailed);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->login(creds());
        QCOMPARE(t->takeWritten(), QByteArray("USER alice\r\n"));
        t->serverSends("+OK\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("PASS hunter2-secret\r\n"));
        t->serverSends("-ERR [AUTH] bad password\r\nGARBAGE\r\n");
        QCOMPARE(loginFailed.count(), 1);
        QCOMPARE(loginFailed.at(0).at(0).value<Error>().code, ErrorCode::AuthFailed);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::ProtocolError);
    }

    void cancelMidRetrieve()
    {
        auto c = make();
        FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        RecordingSink sink;
        QSignalSpy failed(c.get(), &Connection::failed);
        c->retrieve({ 1 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\n"));
        t->serverSends("+OK\r\nhalf");
        c->cancel();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::Cancelled);
        QCOMPARE(sink.discarded, QList<quint32>({ 1 }));
        QVERIFY(t->wasAborted());
        QCOMPARE(t->takeWritten(), QByteArray());
    }

    void certificateRejectAndAccept()
    {
        CertificateProblem p;
        p.kind = CertificateProblem::Kind::Untrusted;
        p.sha256 = QByteArray(32, '\x42');
        {
            auto c = make();
            QSignalSpy need(c.get(), &Connection::certificateDecisionNeeded);
            QSignalSpy failed(c.get(), &Connection::failed);
            c->open();
            FakeTransport::latest()->serverPresentsCertificate(p);
            QCOMPARE(need.count(), 1);
            c->answerCertificate(CertificateDecision::Reject);
            QCOMPARE(failed.count(), 1);
            QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::CertificateUntrusted);
        }
        {
            auto c = make();
            QSignalSpy opened(c.get(), &Connection::opened);
            c->open();
            FakeTransport *first = FakeTransport::latest();
            first->serverPresentsCertificate(p);
            c->answerCertificate(CertificateDecision::AcceptOnce);
            FakeTransport *second = FakeTransport::latest();
            QVERIFY(second != first);
            QVERIFY(second->options().acceptedSha256.contains(p.sha256));
            QVERIFY(second->options().pinnedSha256.isEmpty());
            second->serverAccepts();
            second->serverSends("+OK\r\n");
            QCOMPARE(second->takeWritten(), QByteArray("CAPA\r\n"));
            second->serverSends("+OK\r\n.\r\n");
            QCOMPARE(opened.count(), 1);
        }
        {
            CertificateProblem changed = p;
            changed.kind = CertificateProblem::Kind::Changed;
            auto c = make();
            QSignalSpy failed(c.get(), &Connection::failed);
            c->open();
            FakeTransport::latest()->serverPresentsCertificate(changed);
            c->answerCertificate(CertificateDecision::Reject);
            QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::CertificateChanged);
        }
    }

    void idleTimeout()
    {
        ConnectionSettings s;
        s.host = QStringLiteral("h");
        s.idleTimeoutMs = 50;
        Connection c(s, [] { return std::make_unique<FakeTransport>(); });
        QSignalSpy failed(&c, &Connection::failed);
        QSignalSpy opened(&c, &Connection::opened);
        c.open();
        FakeTransport *t = FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK\r\n");
        t->serverSends("+OK\r\nUSER\r\n.\r\n");
        QCOMPARE(opened.count(), 1);
        QTest::qWait(120);
        QCOMPARE(failed.count(), 0);  // nothing awaited: no timeout while idle
        c.login(creds());
        QVERIFY(failed.wait(2000));
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::IdleTimeout);
        QVERIFY(t->wasAborted());
    }

    void connectTimeout()
    {
        ConnectionSettings s;
        s.host = QStringLiteral("h");
        s.connectTimeoutMs = 50;
        Connection c(s, [] { return std::make_unique<FakeTransport>(); });
        QSignalSpy failed(&c, &Connection::failed);
        c.open();
        QVERIFY(failed.wait(2000));
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::ConnectTimeout);
    }

    void operationWhileBusyIsRefused()
    {
        auto c = make();
        FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->stat();
        c->noop();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::InvalidState);
    }
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
