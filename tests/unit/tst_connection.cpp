// Pop3::Connection over a scripted FakeTransport: the operation flow, the
// STLS rules, certificate decisions and every way a conversation can end.

#include "net/FakeTransport.h"
#include "pop3/Pop3Connection.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

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

// A scripted server behind a FakeTransport that answers each command the
// client wrote, recording them. Like Courier, it replaces a message whose
// header holds 8-bit bytes by a stand-in unless the client sent UTF8.
class ScriptedServer
{
public:
    QByteArrayList capabilities { "USER", "UIDL" };
    QByteArrayList capabilitiesAfterTls { "USER", "UIDL" };
    QByteArray utf8Answer = "+OK UTF8 enabled";
    QByteArrayList commands;
    bool utf8 = false;
    bool encrypted = false;
    QMap<quint32, QByteArray> messages;

    static QByteArray standIn() { return "Subject: Cannot display Unicode\r\n\r\nThis message cannot be shown.\r\n"; }

    // Answers everything the client wrote, until it writes nothing more.
    void pump(Net::FakeTransport *t)
    {
        for (int round = 0; round < 100; ++round) {
            m_pending += t->takeWritten();
            if (!m_pending.contains('\n'))
                return;
            while (m_pending.contains('\n')) {
                const qsizetype nl = m_pending.indexOf('\n');
                QByteArray line = m_pending.left(nl);
                m_pending.remove(0, nl + 1);
                if (line.endsWith('\r'))
                    line.chop(1);
                commands << line;
                answer(t, line);
            }
        }
    }

private:
    void answer(Net::FakeTransport *t, const QByteArray &line)
    {
        const QByteArray verb = line.split(' ').value(0).toUpper();
        const QByteArray arg = line.split(' ').value(1);
        if (verb == "CAPA") {
            QByteArray out = "+OK\r\n";
            for (const QByteArray &c : encrypted ? capabilitiesAfterTls : capabilities)
                out += c + "\r\n";
            t->serverSends(out + ".\r\n");
        } else if (verb == "STLS") {
            t->serverSends("+OK begin\r\n");
            encrypted = true;
            t->serverCompletesTls();
        } else if (verb == "UTF8") {
            utf8 = utf8Answer.startsWith("+OK");
            t->serverSends(utf8Answer + "\r\n");
        } else if (verb == "UIDL") {
            QByteArray out = "+OK\r\n";
            for (auto it = messages.cbegin(); it != messages.cend(); ++it)
                out += QByteArray::number(it.key()) + " uid-" + QByteArray::number(it.key()) + "\r\n";
            t->serverSends(out + ".\r\n");
        } else if (verb == "LIST") {
            QByteArray out = "+OK\r\n";
            for (auto it = messages.cbegin(); it != messages.cend(); ++it)
                out += QByteArray::number(it.key()) + ' ' + QByteArray::number(it.value().size()) + "\r\n";
            t->serverSends(out + ".\r\n");
        } else if (verb == "RETR") {
            QByteArray body = messages.value(arg.toUInt());
            bool eightBit = false;
            for (char ch : body.left(body.indexOf("\r\n\r\n")))
                eightBit = eightBit || static_cast<unsigned char>(ch) >= 0x80;
            if (eightBit && !utf8)
                body = standIn();
            t->serverSends("+OK\r\n" + body + ".\r\n");
        } else if (verb == "QUIT") {
            t->serverSends("+OK bye\r\n");
        } else {
            t->serverSends("+OK\r\n");
        }
    }

    QByteArray m_pending;
};

}  // namespace

class TestConnection : public QObject
{
    Q_OBJECT

    static ConnectionSettings settings(Net::Security security = Net::Security::ImplicitTls)
    {
        ConnectionSettings s;
        s.host = QStringLiteral("pop.example.test");
        s.security = security;
        s.session.maxCommandsInFlight = 4;
        // A clock that stands still: no round trip or throughput is
        // measured, so the window stays at session.windowBytes.
        static Poplar::ManualClock still;
        s.clock = &still;
        return s;
    }

    std::unique_ptr<Connection> make(Net::Security security = Net::Security::ImplicitTls)
    {
        return makeWith(settings(security));
    }

    std::unique_ptr<Connection> makeWith(const ConnectionSettings &s)
    {
        return std::make_unique<Connection>(s, [] { return std::make_unique<Net::FakeTransport>(); });
    }

    // listMessages() on an open connection with the given UIDL and LIST
    // answers (without the "+OK" and "."); true when listed() came.
    static bool list(Connection &c, Net::FakeTransport *t, const QByteArray &uidl, const QByteArray &listing)
    {
        QSignalSpy listed(&c, &Connection::listed);
        c.listMessages();
        if (t->takeWritten() != "UIDL\r\nLIST\r\n")
            return false;
        t->serverSends((uidl.startsWith("-ERR") ? uidl : "+OK\r\n" + uidl + ".\r\n") + "+OK\r\n" + listing + ".\r\n");
        return listed.count() == 1;
    }

    // Greeting + CAPA on implicit TLS; returns the transport.
    Net::FakeTransport *openImplicit(Connection &c, const QByteArray &caps = "USER\r\nUIDL\r\nPIPELINING\r\n")
    {
        QSignalSpy opened(&c, &Connection::opened);
        c.open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        if (!t)
            return nullptr;
        t->serverAccepts();
        t->serverSends("+OK hello\r\n");
        if (t->takeWritten() != "CAPA\r\n")
            return nullptr;
        t->serverSends("+OK\r\n" + caps + ".\r\n");
        return opened.count() == 1 ? t : nullptr;
    }

    Net::FakeTransport *openAndLogin(Connection &c, const QByteArray &caps = "USER\r\nUIDL\r\nPIPELINING\r\n")
    {
        Net::FakeTransport *t = openImplicit(c, caps);
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
        Net::FakeTransport *t = Net::FakeTransport::latest();
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
        auto c = make(Net::Security::StartTls);
        QSignalSpy opened(c.get(), &Connection::opened);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
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
        auto c = make(Net::Security::StartTls);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
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
        auto c = make(Net::Security::StartTls);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK hi\r\n");
        t->serverSends("+OK\r\nSTLS\r\n.\r\n");
        t->serverSends("-ERR not now\r\n");
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::StlsFailed);
        QCOMPARE(t->allWritten(), QByteArray("CAPA\r\nSTLS\r\n"));
    }

    void startTlsRefusedTemporarilyIsStillStlsFailed()
    {
        auto c = make(Net::Security::StartTls);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK hi\r\n");
        t->serverSends("+OK\r\nSTLS\r\nUSER\r\n.\r\n");
        t->serverSends("-ERR [SYS/TEMP] TLS engine restarting\r\n");
        QCOMPARE(failed.count(), 1);
        const Error e = failed.at(0).at(0).value<Error>();
        QCOMPARE(e.code, ErrorCode::StlsFailed);
        QCOMPARE(e.responseCode, QStringLiteral("SYS/TEMP"));
        QCOMPARE(e.serverText.raw(), QByteArray("TLS engine restarting"));
        QCOMPARE(t->allWritten(), QByteArray("CAPA\r\nSTLS\r\n"));
        QVERIFY(t->wasAborted());
    }

    void startTlsForgetsTheApopTimestamp()
    {
        auto c = make(Net::Security::StartTls);
        QSignalSpy opened(c.get(), &Connection::opened);
        QSignalSpy loginFailed(c.get(), &Connection::loginFailed);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK hi <17.42@pop.example.test>\r\n");
        QCOMPARE(c->serverInfo().apopTimestamp, QByteArray("<17.42@pop.example.test>"));
        QCOMPARE(t->takeWritten(), QByteArray("CAPA\r\n"));
        t->serverSends("+OK\r\nSTLS\r\n.\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("STLS\r\n"));
        t->serverSends("+OK begin\r\n");
        t->serverCompletesTls();
        QCOMPARE(t->takeWritten(), QByteArray("CAPA\r\n"));
        t->serverSends("+OK\r\n.\r\n");  // offers no login at all over TLS
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).value<ServerInfo>().apopTimestamp, QByteArray());
        c->login(creds());
        QCOMPARE(loginFailed.count(), 1);
        QCOMPARE(loginFailed.at(0).at(0).value<Error>().code, ErrorCode::AuthMechanismUnavailable);
        QCOMPARE(t->takeWritten(), QByteArray());  // no APOP with the plaintext timestamp
    }

    void loginFailureKeepsConnectionUsable()
    {
        auto c = make();
        Net::FakeTransport *t = openImplicit(*c);
        QVERIFY(t);
        QSignalSpy loginFailed(c.get(), &Connection::loginFailed);
        QSignalSpy finished(c.get(), &Connection::quitConfirmed);
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
        Net::FakeTransport *t = openAndLogin(*c);
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

    void listingWithStatIsOneRoundTrip()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QStringList order;
        connect(c.get(), &Connection::statReceived, c.get(), [&order](quint32 count, quint64 size) {
            order << QStringLiteral("stat %1 %2").arg(count).arg(size);
        });
        connect(c.get(), &Connection::listed, c.get(),
            [&order](const std::vector<MessageInfo> &m) { order << QStringLiteral("listed %1").arg(m.size()); });
        c->listMessages(Connection::StatFirst::Yes);
        QCOMPARE(t->takeWritten(), QByteArray("STAT\r\nUIDL\r\nLIST\r\n"));  // one write, one round trip
        t->serverSends("+OK 2 300\r\n+OK\r\n1 aaa\r\n2 bbb\r\n.\r\n+OK\r\n1 100\r\n2 200\r\n.\r\n");
        QCOMPARE(order, QStringList({ QStringLiteral("stat 2 300"), QStringLiteral("listed 2") }));
        // The operation is over: the next one is taken.
        QSignalSpy failed(c.get(), &Connection::failed);
        c->noop();
        QCOMPARE(t->takeWritten(), QByteArray("NOOP\r\n"));
        QCOMPARE(failed.count(), 0);
    }

    void listingWithStatWithoutPipeliningGoesInLockstep()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c, "USER\r\nUIDL\r\n");
        QVERIFY(t);
        QSignalSpy stat(c.get(), &Connection::statReceived);
        QSignalSpy listed(c.get(), &Connection::listed);
        c->listMessages(Connection::StatFirst::Yes);
        QCOMPARE(t->takeWritten(), QByteArray("STAT\r\n"));
        t->serverSends("+OK 1 100\r\n");
        QCOMPARE(stat.count(), 1);
        QCOMPARE(listed.count(), 0);
        QCOMPARE(t->takeWritten(), QByteArray("UIDL\r\n"));
        t->serverSends("+OK\r\n1 aaa\r\n.\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("LIST\r\n"));
        t->serverSends("+OK\r\n1 100\r\n.\r\n");
        QCOMPARE(listed.count(), 1);
    }

    void listingWithStatRefusedFails()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy failed(c.get(), &Connection::failed);
        QSignalSpy listed(c.get(), &Connection::listed);
        c->listMessages(Connection::StatFirst::Yes);
        QCOMPARE(t->takeWritten(), QByteArray("STAT\r\nUIDL\r\nLIST\r\n"));
        t->serverSends("-ERR maildrop locked\r\n+OK\r\n1 aaa\r\n.\r\n+OK\r\n1 100\r\n.\r\n");
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::ServerError);
        QCOMPARE(listed.count(), 0);
    }

    void listingWithoutUidl()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c, "USER\r\n");
        QVERIFY(t);
        QSignalSpy listed(c.get(), &Connection::listed);
        c->listMessages();
        QCOMPARE(t->takeWritten(), QByteArray("LIST\r\n"));
        t->serverSends("+OK\r\n1 100\r\n.\r\n");
        QCOMPARE(listed.count(), 1);
        QVERIFY(!listed.at(0).at(1).toBool());
        QCOMPARE(c->uidlStatus(), UidlStatus::NotOffered);
    }

    void listingUidlRefusedByLegacyServer()
    {
        auto c = make();
        QSignalSpy opened(c.get(), &Connection::opened);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
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
        QCOMPARE(c->uidlStatus(), UidlStatus::NotOffered);
        QVERIFY(c->listingProblems().isEmpty());
    }

    void retrieveStreamsIntoSink()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);
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

    void retrieveBurstsFollowTheListSizes()
    {
        // Each RETR is charged its LIST size against a 1 KiB window.
        ConnectionSettings s = settings();
        s.session.windowBytes = 1024;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        const QList<int> sizes { 600, 300, 200, 900, 100, 2000 };
        QByteArray uidl, listing;
        for (int i = 0; i < sizes.size(); ++i) {
            uidl += QByteArray::number(i + 1) + " u" + QByteArray::number(i + 1) + "\r\n";
            listing += QByteArray::number(i + 1) + ' ' + QByteArray::number(sizes.at(i)) + "\r\n";
        }
        QVERIFY(list(*c, t, uidl, listing));
        auto answer = [&](int n) {
            t->serverSends("+OK\r\n" + QByteArray(sizes.at(n - 1) - 2, 'x') + "\r\n.\r\n");
            return t->takeWritten();
        };
        RecordingSink sink;
        QSignalSpy done(c.get(), &Connection::retrieveFinished);
        c->retrieve({ 1, 2, 3, 4, 5, 6 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\nRETR 2\r\n"));  // 900; 1100 would not fit
        QCOMPARE(answer(1), QByteArray("RETR 3\r\n"));                   // 300 + 200
        QCOMPARE(answer(2), QByteArray());                               // 200 + 900 does not fit
        QCOMPARE(answer(3), QByteArray("RETR 4\r\nRETR 5\r\n"));
        QCOMPARE(answer(4), QByteArray());
        QCOMPARE(answer(5), QByteArray("RETR 6\r\n"));  // larger than the window: alone
        QCOMPARE(answer(6), QByteArray());
        QCOMPARE(done.count(), 1);
        QCOMPARE(sink.done.size(), 6);
        QCOMPARE(sink.done.value(6).size(), 2000);
    }

    void retrieveAndRemoveHoldAWindowNotTheMailbox()
    {
        // 20,000 unlisted messages (each charged 64 KiB against a 1 MiB
        // window): the session is handed about a window's worth at a time,
        // in order, and every message is still retrieved, then deleted.
        ConnectionSettings s = settings();
        s.session.maxCommandsInFlight = 256;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        constexpr int Count = 20000;
        QList<quint32> all;
        for (int i = 1; i <= Count; ++i)
            all.append(quint32(i));
        RecordingSink sink;
        QSignalSpy retrieved(c.get(), &Connection::retrieveFinished);
        QSignalSpy removed(c.get(), &Connection::deletionsFinished);
        std::size_t maxHeld = 0;
        quint32 expected = 1;
        auto answerAll = [&](const QByteArray &command, const QByteArray &answer, QSignalSpy &finished) {
            while (finished.isEmpty()) {
                maxHeld = std::max(maxHeld, c->commandsHeld());
                const QList<QByteArray> lines = t->takeWritten().split('\n');
                QByteArray replies;
                for (const QByteArray &line : lines) {
                    if (line.isEmpty())
                        continue;
                    if (line != command + ' ' + QByteArray::number(expected++) + '\r')
                        return false;
                    replies += answer;
                }
                if (replies.isEmpty())
                    return false;
                t->serverSends(replies);
            }
            return true;
        };
        c->retrieve(all, &sink);
        QVERIFY(answerAll("RETR", "+OK\r\nbody\r\n.\r\n", retrieved));
        QCOMPARE(sink.done.size(), Count);
        QVERIFY2(maxHeld <= 2 * 16, QByteArray::number(qulonglong(maxHeld)).constData());
        maxHeld = 0;
        expected = 1;
        c->deleteMessages(all);
        QVERIFY(answerAll("DELE", "+OK\r\n", removed));
        QVERIFY2(maxHeld <= 2 * 256, QByteArray::number(qulonglong(maxHeld)).constData());
        QCOMPARE(expected, quint32(Count + 1));
    }

    void theWindowFollowsTheMeasuredRoundTripAndThroughput()
    {
        // Round trips are timed from a command sent while nothing else was
        // in flight to the first byte of its answer; the shortest counts.
        Poplar::ManualClock clock;
        ConnectionSettings s = settings();
        s.clock = &clock;
        s.session.maxCommandsInFlight = 256;
        auto c = makeWith(s);
        QSignalSpy opened(c.get(), &Connection::opened);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        QVERIFY(t);
        t->serverAccepts();
        clock.advanceMs(700);  // the greeting answers no command: not a round trip
        t->serverSends("+OK hello\r\n");
        QVERIFY(!c->roundTripMs());
        QCOMPARE(t->takeWritten(), QByteArray("CAPA\r\n"));
        clock.advanceMs(200);
        t->serverSends("+OK\r\nUSER\r\nUIDL\r\nPIPELINING\r\n.\r\n");
        QCOMPARE(opened.count(), 1);
        QCOMPARE(c->roundTripMs(), std::optional<qint64>(200));
        c->login(creds());
        QCOMPARE(t->takeWritten(), QByteArray("USER alice\r\n"));
        clock.advanceMs(180);
        t->serverSends("+OK\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("PASS hunter2-secret\r\n"));
        clock.advanceMs(1500);  // the server hashing the password
        t->serverSends("+OK\r\n");
        QCOMPARE(c->roundTripMs(), std::optional<qint64>(180));
        // CAPA's 200 ms × 25 MB/s: a 5 MB window, not the 1 MiB the session
        // starts with (and a shorter round trip later does not shrink it).
        QCOMPARE(c->windowBytes(), quint64(5'000'000));

        constexpr int Count = 20;
        constexpr int Size = 1'000'000;
        QByteArray uidl, listing;
        for (int i = 1; i <= Count; ++i) {
            uidl += QByteArray::number(i) + " u" + QByteArray::number(i) + "\r\n";
            listing += QByteArray::number(i) + ' ' + QByteArray::number(Size) + "\r\n";
        }
        QSignalSpy listed(c.get(), &Connection::listed);
        c->listMessages();
        QCOMPARE(t->takeWritten(), QByteArray("UIDL\r\nLIST\r\n"));
        clock.advanceMs(190);
        t->serverSends("+OK\r\n" + uidl + ".\r\n+OK\r\n" + listing + ".\r\n");
        QCOMPARE(listed.count(), 1);
        QCOMPARE(c->roundTripMs(), std::optional<qint64>(180));
        RecordingSink sink;
        QSignalSpy done(c.get(), &Connection::retrieveFinished);
        QList<quint32> all;
        for (int i = 1; i <= Count; ++i)
            all.append(quint32(i));
        c->retrieve(all, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\nRETR 2\r\nRETR 3\r\nRETR 4\r\nRETR 5\r\n"));
        // The server answers one round trip later and then streams at
        // 25 MB/s, as fast as it is asked: the window is what limits, so it
        // grows (to twice what a round trip carries), and more than the
        // first 5 MB is asked for at once.
        const QByteArray answer = "+OK\r\n" + QByteArray(Size - 2, 'x') + "\r\n.\r\n";
        int requested = 5;
        int maxOutstanding = 5;
        for (int answered = 0; answered < Count && done.isEmpty(); ++answered) {
            clock.advanceMs(answered == 0 ? 200 : 40);
            t->serverSends(answer);  // read in pieces of readBufferBytes, all at this time
            QTRY_COMPARE(sink.done.size(), answered + 1);
            requested += int(t->takeWritten().count("RETR "));
            maxOutstanding = std::max(maxOutstanding, requested - answered - 1);
        }
        QCOMPARE(requested, Count);
        QVERIFY2(c->windowBytes() > 5'000'000, QByteArray::number(qulonglong(c->windowBytes())).constData());
        QVERIFY2(quint64(maxOutstanding) * Size > 5'000'000, QByteArray::number(maxOutstanding).constData());
        QCOMPARE(done.count(), 1);
        QCOMPARE(sink.done.size(), Count);
    }

    void sinkFailureStopsEverythingAndDeletesNothing()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);
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
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy deleted(c.get(), &Connection::messageDeleted);
        QSignalSpy removeDone(c.get(), &Connection::deletionsFinished);
        QSignalSpy finished(c.get(), &Connection::quitConfirmed);
        c->deleteMessages({ 1, 2 });
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
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->deleteMessages({ 1 });
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
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy failed(c.get(), &Connection::failed);
        QSignalSpy finished(c.get(), &Connection::quitConfirmed);
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
        Net::FakeTransport *t = openImplicit(*c);
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
        Net::FakeTransport *t = openAndLogin(*c);
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
        Net::CertificateProblem p;
        p.kind = Net::CertificateProblem::Kind::Untrusted;
        p.sha256 = QByteArray(32, '\x42');
        {
            auto c = make();
            QSignalSpy need(c.get(), &Connection::certificateDecisionNeeded);
            QSignalSpy failed(c.get(), &Connection::failed);
            c->open();
            Net::FakeTransport::latest()->serverPresentsCertificate(p);
            QCOMPARE(need.count(), 1);
            c->answerCertificate(Net::CertificateDecision::Reject);
            QCOMPARE(failed.count(), 1);
            QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::CertificateUntrusted);
        }
        {
            auto c = make();
            QSignalSpy opened(c.get(), &Connection::opened);
            c->open();
            Net::FakeTransport *first = Net::FakeTransport::latest();
            first->serverPresentsCertificate(p);
            c->answerCertificate(Net::CertificateDecision::AcceptOnce);
            Net::FakeTransport *second = Net::FakeTransport::latest();
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
            Net::CertificateProblem changed = p;
            changed.kind = Net::CertificateProblem::Kind::Changed;
            auto c = make();
            QSignalSpy failed(c.get(), &Connection::failed);
            c->open();
            Net::FakeTransport::latest()->serverPresentsCertificate(changed);
            c->answerCertificate(Net::CertificateDecision::Reject);
            QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::CertificateChanged);
        }
    }

    void idleTimeout()
    {
        ConnectionSettings s;
        s.host = QStringLiteral("h");
        s.idleTimeoutMs = 50;
        Connection c(s, [] { return std::make_unique<Net::FakeTransport>(); });
        QSignalSpy failed(&c, &Connection::failed);
        QSignalSpy opened(&c, &Connection::opened);
        c.open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK\r\n");
        t->serverSends("+OK\r\nUSER\r\n.\r\n");
        QCOMPARE(opened.count(), 1);
        // Real time: the idle timeout is a QTimer in Net::Link, which takes no clock to move.
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
        Connection c(s, [] { return std::make_unique<Net::FakeTransport>(); });
        QSignalSpy failed(&c, &Connection::failed);
        c.open();
        QVERIFY(failed.wait(2000));
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::ConnectTimeout);
    }

    void operationWhileBusyIsRefused()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->stat();
        c->noop();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::InvalidState);
    }

    // --- listings: skip what is unusable, say so ----------------------------

    void listingSkipsWhatIsUnusable_data()
    {
        QTest::addColumn<QByteArray>("uidl");
        QTest::addColumn<QByteArray>("listing");
        QTest::addColumn<QByteArray>("messages");  // "number:size:uid …"
        QTest::addColumn<QList<quint32>>("skipped");
        QTest::addColumn<QList<int>>("kinds");  // ListingProblem::Kind of each problem, in order
        QTest::addColumn<int>("withoutUid");
        using K = ListingProblem::Kind;
        QTest::newRow("clean") << QByteArray("1 a\r\n2 b\r\n") << QByteArray("1 10\r\n2 20\r\n")
                               << QByteArray("1:10:a 2:20:b") << QList<quint32>() << QList<int>() << 0;
        QTest::newRow("LIST number given twice")
            << QByteArray("1 a\r\n2 b\r\n3 c\r\n") << QByteArray("1 10\r\n2 20\r\n2 21\r\n3 30\r\n")
            << QByteArray("1:10:a 3:30:c") << QList<quint32> { 2 }
            << QList<int> { int(K::RepeatedNumber), int(K::RepeatedNumber) } << 0;
        QTest::newRow("LIST out of order, repeated")
            << QByteArray("1 a\r\n3 c\r\n") << QByteArray("3 30\r\n1 10\r\n3 31\r\n") << QByteArray("1:10:a")
            << QList<quint32> { 3 } << QList<int> { int(K::RepeatedNumber), int(K::RepeatedNumber) } << 0;
        QTest::newRow("malformed LIST line")
            << QByteArray("1 a\r\n2 b\r\n3 c\r\n") << QByteArray("1 10\r\n2 lots\r\n3 30\r\n")
            << QByteArray("1:10:a 3:30:c") << QList<quint32> { 2 } << QList<int> { int(K::MalformedList) } << 0;
        QTest::newRow("malformed UIDL line")
            << QByteArray("1 a\r\n2 \x01\x02\r\n3 c\r\n") << QByteArray("1 10\r\n2 20\r\n3 30\r\n")
            << QByteArray("1:10:a 2:20: 3:30:c") << QList<quint32>() << QList<int> { int(K::MalformedUidl) } << 1;
        QTest::newRow("UIDL for an unlisted message")
            << QByteArray("1 a\r\n9 z\r\n") << QByteArray("1 10\r\n") << QByteArray("1:10:a") << QList<quint32>()
            << QList<int> { int(K::UidlForUnlisted) } << 0;
        QTest::newRow("UIDL omits a listed message")
            << QByteArray("1 a\r\n") << QByteArray("1 10\r\n2 20\r\n") << QByteArray("1:10:a 2:20:") << QList<quint32>()
            << QList<int> { int(K::MissingUid) } << 1;
        QTest::newRow("UIDL gives two uids")
            << QByteArray("1 a\r\n1 b\r\n2 c\r\n") << QByteArray("1 10\r\n2 20\r\n") << QByteArray("1:10: 2:20:c")
            << QList<quint32>() << QList<int> { int(K::ConflictingUid) } << 1;
        QTest::newRow("UIDL repeats a line") << QByteArray("1 a\r\n1 a\r\n") << QByteArray("1 10\r\n")
                                             << QByteArray("1:10:a") << QList<quint32>() << QList<int>() << 0;
        QTest::newRow("everything at once")
            << QByteArray("1 a\r\nbogus\r\n4 d\r\n5 e\r\n5 f\r\n8 h\r\n")
            << QByteArray("1 10\r\n2 20\r\n2 20\r\n4 40\r\n5 50\r\nx y\r\n6 60\r\n")
            << QByteArray("1:10:a 4:40:d 5:50: 6:60:") << QList<quint32> { 2 }
            << QList<int> { int(K::MalformedList), int(K::RepeatedNumber), int(K::RepeatedNumber),
                   int(K::MalformedUidl), int(K::ConflictingUid), int(K::MissingUid), int(K::UidlForUnlisted) }
            << 2;
    }

    void listingSkipsWhatIsUnusable()
    {
        QFETCH(QByteArray, uidl);
        QFETCH(QByteArray, listing);
        QFETCH(QByteArray, messages);
        QFETCH(QList<quint32>, skipped);
        QFETCH(QList<int>, kinds);
        QFETCH(int, withoutUid);
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy listed(c.get(), &Connection::listed);
        QSignalSpy failed(c.get(), &Connection::failed);
        QVERIFY(list(*c, t, uidl, listing));
        QCOMPARE(failed.count(), 0);
        QByteArrayList got;
        for (const MessageInfo &m : listed.at(0).at(0).value<std::vector<MessageInfo>>())
            got << QByteArray::number(m.number) + ':' + QByteArray::number(m.size) + ':' + m.uid;
        QCOMPARE(got.join(' '), messages);
        QVERIFY(listed.at(0).at(1).toBool());
        QCOMPARE(c->uidlStatus(), UidlStatus::Supported);
        const ListingProblems &p = c->listingProblems();
        QCOMPARE(QList<quint32>(p.skipped.begin(), p.skipped.end()), skipped);
        QCOMPARE(p.count, qsizetype(kinds.size()));
        QList<int> gotKinds;
        for (const ListingProblem &problem : p.first)
            gotKinds << int(problem.kind);
        QCOMPARE(gotKinds, kinds);
        QCOMPARE(p.withoutUid, qsizetype(withoutUid));
        // The connection goes on: a message left alone is never touched,
        // the rest can be fetched.
        QVERIFY(c->isOpen());
        c->noop();
        QCOMPARE(t->takeWritten(), QByteArray("NOOP\r\n"));
    }

    void listingProblemsKeepTheServersLines()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QVERIFY(list(*c, t, "1 a\r\n2 \x1b[31mred\r\n", "1 10\r\n2 20\r\n"));
        const ListingProblems &p = c->listingProblems();
        QCOMPARE(p.first.size(), size_t(1));
        QCOMPARE(p.first.at(0).kind, ListingProblem::Kind::MalformedUidl);
        QCOMPARE(p.first.at(0).line.raw(), QByteArray("2 \x1b[31mred"));
        QVERIFY(!p.first.at(0).line.escaped().contains(QChar(0x1b)));
    }

    void uidlRefusedAlthoughOffered()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);  // CAPA lists UIDL
        QVERIFY(t);
        QSignalSpy listed(c.get(), &Connection::listed);
        QVERIFY(list(*c, t, "-ERR try later\r\n", "1 10\r\n2 20\r\n"));
        QVERIFY(!listed.at(0).at(1).toBool());
        QCOMPARE(c->uidlStatus(), UidlStatus::Refused);
        const auto msgs = listed.at(0).at(0).value<std::vector<MessageInfo>>();
        QCOMPARE(msgs.size(), size_t(2));
        QVERIFY(msgs[0].uid.isEmpty());
    }

    void uidlRefusedAfterItWorked()
    {
        // A server without CAPA whose UIDL worked in this session, then fails.
        auto c = make();
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK old\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("CAPA\r\n"));
        t->serverSends("-ERR what\r\n");
        c->login(creds());
        QCOMPARE(t->takeWritten(), QByteArray("USER alice\r\n"));
        t->serverSends("+OK\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("PASS hunter2-secret\r\n"));
        t->serverSends("+OK\r\n");
        QSignalSpy listed(c.get(), &Connection::listed);
        c->listMessages();
        QCOMPARE(t->takeWritten(), QByteArray("UIDL\r\n"));
        t->serverSends("+OK\r\n1 a\r\n.\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("LIST\r\n"));
        t->serverSends("+OK\r\n1 10\r\n.\r\n");
        QCOMPARE(c->uidlStatus(), UidlStatus::Supported);
        c->listMessages();
        QCOMPARE(t->takeWritten(), QByteArray("UIDL\r\n"));
        t->serverSends("-ERR no\r\n");
        QCOMPARE(t->takeWritten(), QByteArray("LIST\r\n"));
        t->serverSends("+OK\r\n1 10\r\n.\r\n");
        QCOMPARE(listed.count(), 2);
        QCOMPARE(c->uidlStatus(), UidlStatus::Refused);
    }

    // --- bounds on what a message may send ------------------------------------

    void oversizedMessageAbortsTheSession()
    {
        ConnectionSettings s = settings();
        s.messageSizeSlack = 16;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QVERIFY(list(*c, t, "1 a\r\n2 b\r\n", "1 10\r\n2 10\r\n"));
        RecordingSink sink;
        QSignalSpy failedMsg(c.get(), &Connection::messageFailed);
        QSignalSpy failed(c.get(), &Connection::failed);
        QSignalSpy done(c.get(), &Connection::retrieveFinished);
        c->retrieve({ 1, 2 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\nRETR 2\r\n"));
        // 2 × 10 + 16 = 36 octets at most.
        t->serverSends("+OK\r\n" + QByteArray(30, 'a') + "\r\n");
        QCOMPARE(failed.count(), 0);
        t->serverSends(QByteArray(30, 'b') + "\r\n");
        QCOMPARE(failedMsg.count(), 1);
        QCOMPARE(failedMsg.at(0).at(0).toUInt(), 1u);
        QCOMPARE(failedMsg.at(0).at(1).value<Error>().code, ErrorCode::MessageOversized);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::MessageOversized);
        QCOMPARE(done.count(), 0);
        QCOMPARE(sink.discarded, QList<quint32>({ 1 }));
        QVERIFY(sink.done.isEmpty());
        QVERIFY(t->wasAborted());
        QVERIFY(!t->allWritten().contains("QUIT"));
        QVERIFY(!t->allWritten().contains("DELE"));
    }

    void lineEndConversionFitsTheBound()
    {
        // Listed as 10 octets with bare line feeds, sent as CRLF: 20.
        ConnectionSettings s = settings();
        s.messageSizeSlack = 0;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QVERIFY(list(*c, t, "1 a\r\n", "1 10\r\n"));
        RecordingSink sink;
        QSignalSpy retrieved(c.get(), &Connection::messageRetrieved);
        c->retrieve({ 1 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\n"));
        QByteArray body;
        for (int i = 0; i < 10; ++i)
            body += "\r\n";
        t->serverSends("+OK\r\n" + body + ".\r\n");
        QCOMPARE(retrieved.count(), 1);
        QCOMPARE(sink.done.value(1), body);
    }

    void oversizedTopAbortsTheSession()
    {
        ConnectionSettings s = settings();
        s.messageSizeSlack = 8;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QVERIFY(list(*c, t, "1 a\r\n", "1 10\r\n"));
        RecordingSink sink;
        QSignalSpy failed(c.get(), &Connection::failed);
        c->top(1, 5, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("TOP 1 5\r\n"));
        t->serverSends("+OK\r\nSubject: x\r\n\r\n" + QByteArray(40, 'b') + "\r\n");
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::MessageOversized);
    }

    // --- a server that trickles -----------------------------------------------

    void tricklingServerFailsAsTooSlow()
    {
        ConnectionSettings s = settings();
        s.idleTimeoutMs = 5'000;
        s.throughputWindowMs = 200;
        s.minThroughputBytes = 100;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        RecordingSink sink;
        QSignalSpy failed(c.get(), &Connection::failed);
        QSignalSpy retrieved(c.get(), &Connection::messageRetrieved);
        c->retrieve({ 1 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\n"));
        t->serverSends("+OK\r\n");
        // One octet every 20 ms: the idle timeout never fires.
        QTimer trickle;
        QObject::connect(&trickle, &QTimer::timeout, t, [t] { t->serverSends("x"); });
        trickle.start(20);
        QVERIFY(failed.wait(10'000));
        trickle.stop();
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::ServerTooSlow);
        QCOMPARE(retrieved.count(), 0);
        QVERIFY(t->wasAborted());
        QVERIFY(!t->allWritten().contains("QUIT"));
    }

    void slowButSteadyServerIsFine()
    {
        ConnectionSettings s = settings();
        s.idleTimeoutMs = 5'000;
        s.throughputWindowMs = 200;
        s.minThroughputBytes = 100;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        RecordingSink sink;
        QSignalSpy failed(c.get(), &Connection::failed);
        QSignalSpy retrieved(c.get(), &Connection::messageRetrieved);
        c->retrieve({ 1 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\n"));
        QByteArray wire = "+OK\r\n";
        for (int i = 0; i < 100; ++i)
            wire += "a line of a message that arrives slowly but steadily "
                + QByteArray::number(i).rightJustified(3, '0') + "\r\n";
        wire += ".\r\n";
        // 60 octets every 10 ms: well above 100 octets in 200 ms.
        qsizetype pos = 0;
        QTimer feed;
        QObject::connect(&feed, &QTimer::timeout, t, [&] {
            t->serverSends(wire.mid(pos, 60));
            pos += 60;
            if (pos >= wire.size())
                feed.stop();
        });
        feed.start(10);
        QTRY_VERIFY_WITH_TIMEOUT(retrieved.count() == 1 || failed.count() == 1, 20'000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(sink.done.value(1).size(), wire.size() - 5 - 3);
    }

    void slowAnswersCountAsProgress()
    {
        // Short answers, each a little late: few octets, but every window
        // ends several responses, so the server is slow, not trickling.
        ConnectionSettings s = settings();
        s.idleTimeoutMs = 5'000;
        s.throughputWindowMs = 150;
        s.minThroughputBytes = 10'000;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy failed(c.get(), &Connection::failed);
        QSignalSpy removed(c.get(), &Connection::deletionsFinished);
        c->deleteMessages({ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
        QVERIFY(t->takeWritten().startsWith("DELE 1\r\n"));
        int answered = 0;
        QTimer answer;
        QObject::connect(&answer, &QTimer::timeout, t, [&] {
            t->serverSends("+OK\r\n");
            (void)t->takeWritten();
            if (++answered == 10)
                answer.stop();
        });
        answer.start(5);
        QTRY_VERIFY_WITH_TIMEOUT(removed.count() == 1 || failed.count() == 1, 20'000);
        QCOMPARE(failed.count(), 0);
    }

    void aTinyAnswerNowAndThenIsTooSlow()
    {
        // One tiny answer a window: a server that could hold a fetch for as
        // long as it has messages, one at a time.
        ConnectionSettings s = settings();
        s.idleTimeoutMs = 5'000;
        s.throughputWindowMs = 200;
        s.minThroughputBytes = 10'000;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->deleteMessages({ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
        QVERIFY(t->takeWritten().startsWith("DELE 1\r\n"));
        QTimer answer;
        QObject::connect(&answer, &QTimer::timeout, t, [t] {
            t->serverSends("+OK\r\n");
            (void)t->takeWritten();
        });
        answer.start(150);
        QVERIFY(failed.wait(10'000));
        answer.stop();
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::ServerTooSlow);
    }

    // --- back-pressure ----------------------------------------------------------

    void pausedReadsNothingAndResumeDeliversAll()
    {
        ConnectionSettings s = settings();
        s.readBufferBytes = 1024;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QCOMPARE(t->readBufferLimit(), qint64(1024));
        RecordingSink sink;
        QSignalSpy retrieved(c.get(), &Connection::messageRetrieved);
        QSignalSpy done(c.get(), &Connection::retrieveFinished);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->retrieve({ 1, 2 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\nRETR 2\r\n"));
        t->serverSends("+OK\r\nfirst\r\n.\r\n");
        QCOMPARE(retrieved.count(), 1);

        c->setReadingPaused(true);
        QVERIFY(c->isReadingPaused());
        const int reads = t->reads();
        QByteArray body;
        for (int i = 0; i < 2000; ++i)
            body += "line " + QByteArray::number(i) + "\r\n";
        t->serverSends("+OK\r\n" + body + ".\r\n");
        // Nothing read, nothing delivered; the transport holds its bound and
        // the rest waits in the network.
        QCOMPARE(t->reads(), reads);
        QVERIFY(!sink.open.contains(2));
        QCOMPARE(retrieved.count(), 1);
        QCOMPARE(t->buffered(), qint64(1024));
        QCOMPARE(t->inNetwork(), qint64(5 + body.size() + 3 - 1024));

        c->setReadingPaused(false);
        // What was buffered is processed at once…
        QCOMPARE(sink.open.value(2), body.left(1024 - 5));
        // …and the rest follows as the transport takes it in.
        QTRY_COMPARE(retrieved.count(), 2);
        QCOMPARE(sink.done.value(2), body);
        QCOMPARE(done.count(), 1);
        QCOMPARE(t->inNetwork(), qint64(0));
        QCOMPARE(failed.count(), 0);
    }

    void pauseMidMessageHoldsTheRest()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        RecordingSink sink;
        QSignalSpy retrieved(c.get(), &Connection::messageRetrieved);
        c->retrieve({ 1 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\n"));
        t->serverSends("+OK\r\nfirst half\r\n");
        QCOMPARE(sink.open.value(1), QByteArray("first half\r\n"));
        c->setReadingPaused(true);
        t->serverSends("second half\r\n.\r\n");
        QCOMPARE(sink.open.value(1), QByteArray("first half\r\n"));
        QCOMPARE(retrieved.count(), 0);
        // Nothing new arrives: resuming alone delivers what was buffered.
        c->setReadingPaused(false);
        QCOMPARE(retrieved.count(), 1);
        QCOMPARE(sink.done.value(1), QByteArray("first half\r\nsecond half\r\n"));
    }

    void pauseDoesNotCountAgainstTheServer()
    {
        ConnectionSettings s = settings();
        s.idleTimeoutMs = 50;
        s.throughputWindowMs = 60;
        s.minThroughputBytes = 1'000'000;
        auto c = makeWith(s);
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        RecordingSink sink;
        QSignalSpy failed(c.get(), &Connection::failed);
        QSignalSpy retrieved(c.get(), &Connection::messageRetrieved);
        c->retrieve({ 1 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\n"));
        c->setReadingPaused(true);
        t->serverSends("+OK\r\nhello\r\n.\r\n");
        // Paused for many idle timeouts and throughput windows. Real time:
        // those are QTimers in Net::Link, which takes no clock to move.
        QTimer::singleShot(500, c.get(), [&c] { c->setReadingPaused(false); });
        QTRY_VERIFY_WITH_TIMEOUT(retrieved.count() == 1 || failed.count() == 1, 10'000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(sink.done.value(1), QByteArray("hello\r\n"));
    }

    void pauseWhileOpeningDoesNotCountAgainstTheServer()
    {
        ConnectionSettings s = settings();
        s.connectTimeoutMs = 50;
        auto c = makeWith(s);
        QSignalSpy opened(c.get(), &Connection::opened);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        t->serverAccepts();
        c->setReadingPaused(true);
        t->serverSends("+OK hello\r\n");
        // Paused for many connect timeouts. Real time: the connect timeout is
        // a QTimer in Net::Link, which takes no clock to move.
        QTimer::singleShot(400, c.get(), [&c] { c->setReadingPaused(false); });
        QTRY_VERIFY_WITH_TIMEOUT(t->allWritten() == "CAPA\r\n" || failed.count() == 1, 10'000);
        QCOMPARE(failed.count(), 0);
        t->serverSends("+OK\r\nUSER\r\n.\r\n");
        QCOMPARE(opened.count(), 1);
    }

    void closeWhilePausedComesAfterTheData()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        RecordingSink sink;
        QSignalSpy retrieved(c.get(), &Connection::messageRetrieved);
        QSignalSpy failed(c.get(), &Connection::failed);
        QSignalSpy finished(c.get(), &Connection::quitConfirmed);
        c->retrieve({ 1 }, &sink);
        QCOMPARE(t->takeWritten(), QByteArray("RETR 1\r\n"));
        c->setReadingPaused(true);
        t->serverSends("+OK\r\nwhole\r\n.\r\n");
        t->serverCloses();
        QCOMPARE(failed.count(), 0);
        QCOMPARE(retrieved.count(), 0);
        c->setReadingPaused(false);
        QCOMPARE(retrieved.count(), 1);
        QCOMPARE(sink.done.value(1), QByteArray("whole\r\n"));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::ConnectionLost);
        QCOMPARE(finished.count(), 0);
    }

    void quitAnsweredWhilePaused()
    {
        auto c = make();
        Net::FakeTransport *t = openAndLogin(*c);
        QVERIFY(t);
        QSignalSpy failed(c.get(), &Connection::failed);
        QSignalSpy finished(c.get(), &Connection::quitConfirmed);
        c->setReadingPaused(true);
        c->quit();
        QCOMPARE(t->takeWritten(), QByteArray("QUIT\r\n"));
        t->serverSends("+OK bye\r\n");
        t->serverCloses();
        QCOMPARE(finished.count(), 0);
        c->setReadingPaused(false);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(failed.count(), 0);
    }

    // --- UTF8 (RFC 6856) ------------------------------------------------------

    void utf8SentBeforeLoginWhenOffered()
    {
        auto c = make();
        ScriptedServer server;
        server.capabilities = { "UTF8 USER", "USER", "UIDL" };
        const QByteArray eightBit = "Subject: Gr\xc3\xbc\xc3\x9f"
                                    "e aus K\xc3\xb6ln\r\n\r\nHallo.\r\n";
        server.messages[1] = eightBit;
        QSignalSpy opened(c.get(), &Connection::opened);
        QSignalSpy loggedIn(c.get(), &Connection::loggedIn);
        QSignalSpy listed(c.get(), &Connection::listed);
        QSignalSpy retrieved(c.get(), &Connection::messageRetrieved);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK Courier-like\r\n");
        server.pump(t);
        QCOMPARE(opened.count(), 1);
        c->login(creds());
        server.pump(t);
        QCOMPARE(loggedIn.count(), 1);
        QVERIFY(c->utf8Active());
        c->listMessages();
        server.pump(t);
        QCOMPARE(listed.count(), 1);
        RecordingSink sink;
        c->retrieve({ 1 }, &sink);
        server.pump(t);
        QCOMPARE(retrieved.count(), 1);
        QCOMPARE(sink.done.value(1), eightBit);  // the message, not the stand-in
        QCOMPARE(server.commands,
            QByteArrayList({ "CAPA", "UTF8", "USER alice", "PASS hunter2-secret", "UIDL", "LIST", "RETR 1" }));
    }

    void utf8RefusedStillLogsIn()
    {
        auto c = make();
        ScriptedServer server;
        server.capabilities = { "UTF8", "USER" };
        server.utf8Answer = "-ERR [UTF8] not in this mode";
        QSignalSpy loggedIn(c.get(), &Connection::loggedIn);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK\r\n");
        server.pump(t);
        c->login(creds());
        server.pump(t);
        QCOMPARE(loggedIn.count(), 1);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!c->utf8Active());
        QCOMPARE(server.commands, QByteArrayList({ "CAPA", "UTF8", "USER alice", "PASS hunter2-secret" }));
    }

    void utf8AfterTheSecondCapa()
    {
        // With STLS, UTF8 goes after the CAPA read over TLS, never before STLS.
        auto c = make(Net::Security::StartTls);
        ScriptedServer server;
        server.capabilities = { "STLS", "UTF8 USER", "USER" };
        server.capabilitiesAfterTls = { "UTF8 USER", "USER" };
        QSignalSpy loggedIn(c.get(), &Connection::loggedIn);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK\r\n");
        server.pump(t);
        c->login(creds());
        server.pump(t);
        QCOMPARE(loggedIn.count(), 1);
        QCOMPARE(
            server.commands, QByteArrayList({ "CAPA", "STLS", "CAPA", "UTF8", "USER alice", "PASS hunter2-secret" }));
    }

    void noUtf8WhenNotOffered()
    {
        auto c = make();
        ScriptedServer server;
        server.capabilities = { "USER" };
        server.messages[1] = "Subject: Gr\xc3\xbc\xc3\x9f"
                             "e\r\n\r\nx\r\n";
        QSignalSpy loggedIn(c.get(), &Connection::loggedIn);
        c->open();
        Net::FakeTransport *t = Net::FakeTransport::latest();
        t->serverAccepts();
        t->serverSends("+OK\r\n");
        server.pump(t);
        c->login(creds());
        server.pump(t);
        QCOMPARE(loggedIn.count(), 1);
        QCOMPARE(server.commands, QByteArrayList({ "CAPA", "USER alice", "PASS hunter2-secret" }));
        RecordingSink sink;
        c->retrieve({ 1 }, &sink);
        server.pump(t);
        // The server's own choice without UTF8; Poplar stores what it got.
        QCOMPARE(sink.done.value(1), ScriptedServer::standIn());
    }
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
