// Transport tier: Pop3::Connection and Net::SslTransport against a real TLS
// POP3 server (TlsTestServer) on the loopback interface. Covers implicit TLS,
// STLS, certificate decisions and pins, timeouts, refusal, IPv6, SOCKS5,
// back-pressure (a paused reader stalls the server through TCP flow control)
// and the TLS close alert.

#include "TlsTestServer.h"

#include "pop3/Pop3Connection.h"
#include "net/SslTransport.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QSslError>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>
#include <QtTest>

#include <cstring>

#include <memory>

using namespace Pop3;
using Poplar::Error;
using Poplar::ErrorCode;
using PoplarTest::TestPki;
using PoplarTest::TlsTestServer;

namespace {

// Upper bound for anything that should happen "at once" on loopback.
constexpr int WaitMs = 5'000;

const QString Loopback4 = QStringLiteral("127.0.0.1");

// A minimal SOCKS5 server (RFC 1928): no authentication, CONNECT only, and
// only to loopback targets. Relays bytes both ways and counts connections.
class Socks5Server : public QObject
{
public:
    struct Target {
        QString host;
        quint16 port = 0;
    };

    explicit Socks5Server(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_server.setProxy(QNetworkProxy::NoProxy);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                accept(s);
        });
    }

    bool start() { return m_server.listen(QHostAddress::LocalHost, 0); }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    // When the target closes, keep the client's side open (relay no TCP
    // close): all the client can learn is what the target sent.
    void setHoldClientOpen(bool hold) { m_holdClientOpen = hold; }
    [[nodiscard]] int targetCloses() const { return m_targetCloses; }
    [[nodiscard]] int connectionCount() const { return m_connections; }
    [[nodiscard]] const QList<Target> &targets() const { return m_targets; }
    [[nodiscard]] qint64 relayedBytes() const { return m_relayed; }

private:
    struct Relay {
        enum class Stage { Greeting, Request, Connecting, Relaying, Dead };
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray buffer;
        Stage stage = Stage::Greeting;
    };

    void accept(QTcpSocket *client)
    {
        ++m_connections;
        client->setParent(this);
        auto relay = std::make_shared<Relay>();
        relay->client = client;
        connect(client, &QIODevice::readyRead, this, [this, relay] { onClientData(relay); });
        connect(client, &QAbstractSocket::disconnected, this, [relay] { shutdown(relay); });
    }

    static void shutdown(const std::shared_ptr<Relay> &r)
    {
        r->stage = Relay::Stage::Dead;
        if (r->client) {
            r->client->disconnectFromHost();
            r->client->deleteLater();
        }
        if (r->upstream) {
            r->upstream->disconnectFromHost();
            r->upstream->deleteLater();
        }
    }

    static void fail(const std::shared_ptr<Relay> &r, char reply)
    {
        if (r->client)
            r->client->write(QByteArray("\x05", 1) + reply + QByteArray("\x00\x01\x00\x00\x00\x00\x00\x00", 8));
        shutdown(r);
    }

    void onClientData(const std::shared_ptr<Relay> &r)
    {
        if (!r->client)
            return;
        r->buffer += r->client->readAll();
        if (r->stage == Relay::Stage::Greeting) {
            if (r->buffer.size() < 2)
                return;
            const int n = quint8(r->buffer[1]);
            if (r->buffer.size() < 2 + n)
                return;
            const QByteArray methods = r->buffer.mid(2, n);
            const bool ok = r->buffer[0] == 5 && methods.contains('\0');
            r->buffer.remove(0, 2 + n);
            r->client->write(ok ? QByteArray("\x05\x00", 2) : QByteArray("\x05\xff", 2));
            if (!ok) {
                shutdown(r);
                return;
            }
            r->stage = Relay::Stage::Request;
        }
        if (r->stage == Relay::Stage::Request) {
            if (r->buffer.size() < 5)
                return;
            const char atyp = r->buffer[3];
            qsizetype need = 0;
            if (atyp == 1)
                need = 4 + 4 + 2;
            else if (atyp == 4)
                need = 4 + 16 + 2;
            else if (atyp == 3)
                need = 5 + quint8(r->buffer[4]) + 2;
            else {
                fail(r, 8);  // address type not supported
                return;
            }
            if (r->buffer.size() < need)
                return;
            if (r->buffer[0] != 5 || r->buffer[1] != 1) {
                fail(r, 7);  // command not supported
                return;
            }
            QString host;
            if (atyp == 1) {
                host = QHostAddress(qFromBigEndian<quint32>(r->buffer.constData() + 4)).toString();
            } else if (atyp == 4) {
                Q_IPV6ADDR a;
                memcpy(a.c, r->buffer.constData() + 4, 16);
                host = QHostAddress(a).toString();
            } else {
                host = QString::fromLatin1(r->buffer.mid(5, quint8(r->buffer[4])));
            }
            const quint16 port = qFromBigEndian<quint16>(r->buffer.constData() + need - 2);
            r->buffer.remove(0, need);
            m_targets.append(Target { host, port });
            const bool loopback = host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
            if (!loopback) {
                fail(r, 2);  // not allowed by ruleset: this relay stays on the machine
                return;
            }
            r->stage = Relay::Stage::Connecting;
            auto *up = new QTcpSocket(this);
            up->setProxy(QNetworkProxy::NoProxy);
            r->upstream = up;
            connect(up, &QAbstractSocket::connected, this, [this, r] {
                if (!r->client || !r->upstream)
                    return;
                QByteArray reply("\x05\x00\x00\x01\x7f\x00\x00\x01", 8);
                const quint16 bound = r->upstream->localPort();
                reply += char(bound >> 8);
                reply += char(bound & 0xff);
                r->client->write(reply);
                r->stage = Relay::Stage::Relaying;
                if (!r->buffer.isEmpty()) {
                    m_relayed += r->buffer.size();
                    r->upstream->write(std::exchange(r->buffer, {}));
                }
            });
            connect(up, &QIODevice::readyRead, this, [this, r] {
                if (!r->client || !r->upstream)
                    return;
                const QByteArray data = r->upstream->readAll();
                m_relayed += data.size();
                r->client->write(data);
            });
            connect(up, &QAbstractSocket::errorOccurred, this, [r](QAbstractSocket::SocketError) {
                if (r->stage == Relay::Stage::Connecting)
                    fail(r, 5);  // connection refused
            });
            connect(up, &QAbstractSocket::disconnected, this, [this, r] {
                ++m_targetCloses;
                if (!m_holdClientOpen)
                    shutdown(r);
            });
            up->connectToHost(host, port);
            return;
        }
        if (r->stage == Relay::Stage::Relaying && r->upstream && !r->buffer.isEmpty()) {
            m_relayed += r->buffer.size();
            r->upstream->write(std::exchange(r->buffer, {}));
        }
    }

    QTcpServer m_server;
    bool m_holdClientOpen = false;
    int m_targetCloses = 0;
    int m_connections = 0;
    QList<Target> m_targets;
    qint64 m_relayed = 0;
};

// Runs a helper that verifies with QCOMPARE/QVERIFY and, like a failed
// QVERIFY, ends the test when it recorded a failure.
#define VERIFY_CALL(call)                                                                                              \
    do {                                                                                                               \
        call;                                                                                                          \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

// Waits, bounded and event-driven, until `spy` has at least `count` entries;
// returns early (false) when `abort` (usually the failed() spy) fires first.
bool waitFor(QSignalSpy &spy, const QSignalSpy *abort = nullptr, qsizetype count = 1, int timeoutMs = WaitMs)
{
    QElapsedTimer t;
    t.start();
    while (spy.count() < count) {
        if (abort && abort != &spy && abort->count() > 0)
            return false;
        const qint64 left = timeoutMs - t.elapsed();
        if (left <= 0)
            return false;
        spy.wait(int(std::min<qint64>(left, 50)));
    }
    return true;
}

// A Connection under test and every signal of it a test may wait for.
struct Client {
    explicit Client(ConnectionSettings settings)
        : conn(std::move(settings))
    { }
    Connection conn;
    QSignalSpy opened { &conn, &Connection::opened };
    QSignalSpy decision { &conn, &Connection::certificateDecisionNeeded };
    QSignalSpy failed { &conn, &Connection::failed };
    QSignalSpy loggedIn { &conn, &Connection::loggedIn };
    QSignalSpy loginFailed { &conn, &Connection::loginFailed };
    QSignalSpy stat { &conn, &Connection::statReceived };
    QSignalSpy finished { &conn, &Connection::quitConfirmed };

    [[nodiscard]] Error error(qsizetype i = 0) const { return failed.at(i).at(0).value<Error>(); }
    [[nodiscard]] ServerInfo info() const { return opened.at(0).at(0).value<ServerInfo>(); }
    [[nodiscard]] Net::CertificateProblem problem(qsizetype i = 0) const
    {
        return decision.at(i).at(0).value<Net::CertificateProblem>();
    }

    // Waits for `spy`; gives up early when the connection fails first.
    bool until(QSignalSpy &spy) { return waitFor(spy, &failed); }
    // Opens the connection, then waits as until() does.
    bool openUntil(QSignalSpy &spy)
    {
        conn.open();
        return until(spy);
    }
    // Runs `step`, then waits for the connection to fail: how long that took
    // in milliseconds, or -1 when it did not fail.
    template<typename Step>
    qint64 msUntilFailed(Step step)
    {
        QElapsedTimer t;
        t.start();
        step();
        return waitFor(failed) ? t.elapsed() : -1;
    }

    // For failure messages: what ended the connection, if anything.
    [[nodiscard]] const char *describe() const
    {
        m_description
            = "opened=" + QByteArray::number(opened.count()) + " decision=" + QByteArray::number(decision.count());
        for (qsizetype i = 0; i < failed.count(); ++i)
            m_description
                += " failed: " + error(i).technicalDescription().toUtf8() + " (" + error(i).detail.toUtf8() + ')';
        for (qsizetype i = 0; i < loginFailed.count(); ++i)
            m_description += " loginFailed: " + loginFailed.at(i).at(0).value<Error>().technicalDescription().toUtf8();
        return m_description.constData();
    }

private:
    mutable QByteArray m_description;
};

// Waits until the server has seen every one of its connections close.
bool waitServerClosed(const TlsTestServer &server, int timeoutMs = WaitMs)
{
    return QTest::qWaitFor([&server] { return server.allClosed(); }, timeoutMs);
}

// A loopback port nothing listens on (0: none could be found).
quint16 unusedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}  // closed: the port is free again, nothing listens

// The connect or idle timeout the timeout tests set, and whether a failure
// came when that timeout says it should.
constexpr int ShortTimeoutMs = 300;

bool tookShortTimeout(qint64 elapsedMs)
{
    return elapsedMs >= ShortTimeoutMs - 20 && elapsedMs < 3'000;
}

Net::Security securityFor(TlsTestServer::Mode mode)
{
    return mode == TlsTestServer::Mode::ImplicitTls ? Net::Security::ImplicitTls : Net::Security::StartTls;
}

// What a client may send before its certificate decision: nothing with
// implicit TLS, and only CAPA and STLS in plaintext with STLS.
QByteArray plaintextBeforeDecision(TlsTestServer::Mode mode)
{
    return mode == TlsTestServer::Mode::ImplicitTls ? QByteArray() : QByteArray("CAPA\r\nSTLS\r\n");
}

Credentials credentials(Mechanism mechanism = Mechanism::UserPass)
{
    Credentials c;
    c.user = QStringLiteral("alice");
    c.secret = TlsTestServer::Options().password;
    c.mechanism = mechanism;
    return c;
}

// What a client trusts besides the system's certificate store, which knows
// nothing of the test PKI.
enum class Trust {
    SystemOnly,  // nothing: the test certificates are untrusted
    Ca,          // the test CA
    Pin,         // the certificate the server presents, pinned
};

// Settings for a Connection to `server`, in the server's mode (implicit TLS or STLS).
ConnectionSettings settingsFor(const TlsTestServer &server, Trust trust, const QString &host = Loopback4)
{
    ConnectionSettings s;
    s.host = host;
    s.port = server.serverPort();
    s.security = securityFor(server.options().mode);
    s.connectTimeoutMs = WaitMs;
    s.idleTimeoutMs = WaitMs;
    if (trust == Trust::Ca)
        s.caCertificates = { TestPki::instance().ca };
    else if (trust == Trust::Pin)
        s.pinnedSha256 = server.presentedSha256();
    return s;
}

// Options for a bare SslTransport to `server` (no pins: SystemOnly or Ca).
Net::TransportOptions transportOptionsFor(const TlsTestServer &server, Trust trust)
{
    Q_ASSERT(trust != Trust::Pin);
    Net::TransportOptions o;
    o.host = Loopback4;
    o.port = server.serverPort();
    o.implicitTls = server.options().mode == TlsTestServer::Mode::ImplicitTls;
    if (trust == Trust::Ca)
        o.extraCaCertificates = { TestPki::instance().ca };
    return o;
}

// A bare SslTransport under test and every signal of it a test may wait for.
struct TransportClient {
    Net::SslTransport transport;
    QSignalSpy ready { &transport, &Net::Transport::ready };
    QSignalSpy readyRead { &transport, &Net::Transport::readyRead };
    QSignalSpy closed { &transport, &Net::Transport::closed };
    QSignalSpy failed { &transport, &Net::Transport::failed };
    QSignalSpy rejected { &transport, &Net::Transport::certificateRejected };

    // Opens the transport to `server` and waits for `spy`; gives up early
    // when the transport fails first.
    bool openUntil(const TlsTestServer &server, Trust trust, QSignalSpy &spy)
    {
        transport.open(transportOptionsFor(server, trust));
        return waitFor(spy, &failed);
    }
};

// The connection opened (c.opened has fired) over TLS without asking the
// user, with the server presenting the certificate `sha256`.
void verifyOpenedOverTls(const Client &c, const QByteArray &sha256)
{
    QCOMPARE(c.decision.count(), 0);
    const ServerInfo info = c.info();
    QVERIFY(info.tls.encrypted);
    QCOMPARE(info.tls.peer().sha256, sha256);
}

// The certificate problem names the certificate `server` presents.
void verifyProblemNamesServer(const Net::CertificateProblem &p, const TlsTestServer &server)
{
    QCOMPARE(p.sha256, server.presentedSha256());
    QVERIFY(!p.chain.isEmpty());
    QCOMPARE(p.chain.first().sha256, server.presentedSha256());
}

// The client sent only what may precede TLS in `mode` (nothing, or CAPA and
// STLS) and not one byte over TLS.
void verifyNothingSentOverTls(const TlsTestServer::ClientRecord &rec, TlsTestServer::Mode mode)
{
    QCOMPARE(rec.beforeTls, plaintextBeforeDecision(mode));
    QVERIFY(rec.afterTls.isEmpty());
}

// Answers the pending certificate question with Reject: the connection fails
// with `code` and never opens, and the server saw its one connection close
// with no POP3 command sent over the rejected link.
void rejectAndVerifyNothingSent(Client &c, const TlsTestServer &server, ErrorCode code)
{
    c.conn.answerCertificate(Net::CertificateDecision::Reject);
    QVERIFY2(c.until(c.failed), c.describe());
    QCOMPARE(c.error().code, code);
    QCOMPARE(c.opened.count(), 0);

    QVERIFY(waitServerClosed(server));
    QCOMPARE(server.clientCount(), 1);  // no reconnection
    verifyNothingSentOverTls(server.clients().at(0), server.options().mode);
}

}  // namespace

class TstSslTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void implicitTls();
    void startTls();
    void stlsMissing();
    void stlsInjectionRefused();
    void untrustedRejected_data();
    void untrustedRejected();
    void acceptOnce_data();
    void acceptOnce();
    void pinned_data();
    void pinned();
    void changedRejected_data();
    void changedRejected();
    void connectTimeout_data();
    void connectTimeout();
    void idleTimeout();
    void connectionRefused();
    void ipv6_data();
    void ipv6();
    void socks5Proxy();
    void socks5ProxyUnreachable();
    void transportDirect();
    void transportCertificateRejected();
    void backPressureHoldsTheServer();
    void closeAlertEndsTheLink_data();
    void closeAlertEndsTheLink();
    void transportReportsCloseAlertAfterTheData();
    void stlsRefusedTemporarilyIsATlsFailure();

private:
    // Logs in, reads STAT and quits on an open connection.
    void loginStatQuit(Client &c, Mechanism mechanism = Mechanism::UserPass);
};

void TstSslTransport::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
    const TestPki &pki = TestPki::instance();
    QVERIFY2(pki.ok, qPrintable(pki.error));
    QVERIFY(pki.leafSha256() != pki.alternateSha256());
    QCOMPARE(pki.leafSha256().size(), 32);
    // No proxy unless a test sets one on the connection.
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
}

void TstSslTransport::loginStatQuit(Client &c, Mechanism mechanism)
{
    c.conn.login(credentials(mechanism));
    QVERIFY2(c.until(c.loggedIn), c.describe());
    QCOMPARE(c.loggedIn.at(0).at(0).value<Mechanism>(), mechanism);
    QCOMPARE(c.loginFailed.count(), 0);

    c.conn.stat();
    QVERIFY2(c.until(c.stat), c.describe());
    QCOMPARE(c.stat.at(0).at(0).value<quint32>(), 2u);
    QCOMPARE(c.stat.at(0).at(1).value<quint64>(), 320u);

    c.conn.quit();
    QVERIFY2(c.until(c.finished), c.describe());
    QCOMPARE(c.failed.count(), 0);
}

// 1. Implicit TLS, trusted through ConnectionSettings::caCertificates.
void TstSslTransport::implicitTls()
{
    const TestPki &pki = TestPki::instance();
    TlsTestServer server;
    QVERIFY(server.start());

    Client c(settingsFor(server, Trust::Ca));
    QVERIFY2(c.openUntil(c.opened), c.describe());
    VERIFY_CALL(verifyOpenedOverTls(c, pki.leafSha256()));

    const ServerInfo info = c.info();
    QVERIFY2(info.tls.protocol.startsWith(QLatin1String("TLSv1.")), qPrintable(info.tls.protocol));
    QVERIFY(!info.tls.cipher.isEmpty());
    QVERIFY(!info.tls.trustedByPin);
    QCOMPARE(info.greeting, QByteArray("test server ready <1.2@localhost>"));
    QCOMPARE(info.apopTimestamp, QByteArray("<1.2@localhost>"));
    QVERIFY(info.capabilities.capaSupported);
    QVERIFY(info.capabilities.user);
    QVERIFY(c.conn.isOpen());
    QCOMPARE(c.conn.serverInfo().tls.peer().sha256, pki.leafSha256());

    VERIFY_CALL(loginStatQuit(c));

    QVERIFY(waitServerClosed(server));
    QCOMPARE(server.clientCount(), 1);
    const TlsTestServer::ClientRecord &rec = server.clients().at(0);
    QVERIFY(rec.encrypted);
    QVERIFY(rec.beforeTls.isEmpty());
    QCOMPARE(
        rec.afterTls, QByteArray("CAPA\r\nUSER alice\r\nPASS " + server.options().password + "\r\nSTAT\r\nQUIT\r\n"));
}

// 2. STLS: upgrade, then the capabilities are read again over TLS.
void TstSslTransport::startTls()
{
    const TestPki &pki = TestPki::instance();
    TlsTestServer server({
        .mode = TlsTestServer::Mode::StartTls,
        .capabilities = { "USER", "UIDL" },
        .capabilitiesAfterTls = QByteArrayList { "USER", "UIDL", "SASL PLAIN", "IMPLEMENTATION poplar-after-tls" },
    });
    QVERIFY(server.start());

    Client c(settingsFor(server, Trust::Ca));
    QVERIFY2(c.openUntil(c.opened), c.describe());
    VERIFY_CALL(verifyOpenedOverTls(c, pki.leafSha256()));

    const ServerInfo info = c.info();
    QCOMPARE(info.security, Net::Security::StartTls);
    QVERIFY(!info.tls.protocol.isEmpty());
    QVERIFY(!info.tls.cipher.isEmpty());
    // The post-TLS list, not the plaintext one.
    QVERIFY(!info.capabilities.stls);
    QCOMPARE(info.capabilities.saslMechanisms, QByteArrayList { "PLAIN" });
    QCOMPARE(info.capabilities.implementation, QByteArray("poplar-after-tls"));

    QCOMPARE(server.clientCount(), 1);
    QCOMPARE(server.clients().at(0).beforeTls, QByteArray("CAPA\r\nSTLS\r\n"));
    QVERIFY(server.clients().at(0).encrypted);

    // PLAIN is offered only after TLS: logging in with it proves the session
    // uses the new capability list.
    VERIFY_CALL(loginStatQuit(c, Mechanism::Plain));

    QVERIFY(waitServerClosed(server));
    const TlsTestServer::ClientRecord &rec = server.clients().at(0);
    QCOMPARE(rec.beforeTls, QByteArray("CAPA\r\nSTLS\r\n"));
    QVERIFY(rec.afterTls.startsWith("CAPA\r\nAUTH PLAIN "));
    QVERIFY(rec.afterTls.endsWith("\r\nSTAT\r\nQUIT\r\n"));
}

// 3. STLS required but not offered: fail before sending any credential.
void TstSslTransport::stlsMissing()
{
    TlsTestServer server({ .mode = TlsTestServer::Mode::StartTls, .advertiseStls = false });
    QVERIFY(server.start());

    Client c(settingsFor(server, Trust::SystemOnly));
    QVERIFY2(c.openUntil(c.failed), c.describe());
    QCOMPARE(c.failed.count(), 1);
    QCOMPARE(c.error().code, ErrorCode::StlsUnavailable);
    QCOMPARE(c.opened.count(), 0);

    // A login attempt now must not reach the wire either.
    c.conn.login(credentials());
    QCOMPARE(c.loggedIn.count(), 0);

    QVERIFY(waitServerClosed(server));
    QCOMPARE(server.clientCount(), 1);
    QCOMPARE(server.clients().at(0).received(), QByteArray("CAPA\r\n"));
    const QByteArray all = server.allReceived();
    const QByteArray &password = server.options().password;
    QVERIFY(!all.contains(password));
    QVERIFY(!all.contains(password.toBase64()));
    QVERIFY(!all.contains("USER"));
    QVERIFY(!all.contains("PASS"));
    QVERIFY(!all.contains("AUTH"));
    QVERIFY(!all.contains("APOP"));
}

// Plaintext injected behind "+OK" to STLS is never taken as a response.
void TstSslTransport::stlsInjectionRefused()
{
    TlsTestServer server({ .mode = TlsTestServer::Mode::StartTls, .injectAfterStls = "+OK injected\r\n" });
    QVERIFY(server.start());

    Client c(settingsFor(server, Trust::Ca));
    QVERIFY2(c.openUntil(c.failed), c.describe());
    QVERIFY2(c.error().code == ErrorCode::StlsFailed || c.error().code == ErrorCode::TlsHandshakeFailed, c.describe());
    QCOMPARE(c.opened.count(), 0);
    QVERIFY(waitServerClosed(server));
    // CAPA and STLS in plaintext, then nothing.
    VERIFY_CALL(verifyNothingSentOverTls(server.clients().at(0), TlsTestServer::Mode::StartTls));
}

// 4. An untrusted certificate: the user is asked; Reject fails the connection.
void TstSslTransport::untrustedRejected_data()
{
    QTest::addColumn<TlsTestServer::Mode>("mode");
    QTest::addColumn<TlsTestServer::Certificate>("certificate");
    QTest::addColumn<QList<int>>("anyOfErrors");
    const QList<int> unknownIssuer { int(QSslError::UnableToGetLocalIssuerCertificate),
        int(QSslError::SelfSignedCertificateInChain), int(QSslError::UnableToVerifyFirstCertificate) };
    const QList<int> selfSigned { int(QSslError::SelfSignedCertificate) };
    QTest::newRow("implicit: ca-signed leaf, unknown ca")
        << TlsTestServer::Mode::ImplicitTls << TlsTestServer::Certificate::Leaf << unknownIssuer;
    QTest::newRow("implicit: self-signed")
        << TlsTestServer::Mode::ImplicitTls << TlsTestServer::Certificate::Alternate << selfSigned;
    QTest::newRow("stls: ca-signed leaf, unknown ca")
        << TlsTestServer::Mode::StartTls << TlsTestServer::Certificate::Leaf << unknownIssuer;
    QTest::newRow("stls: self-signed") << TlsTestServer::Mode::StartTls << TlsTestServer::Certificate::Alternate
                                       << selfSigned;
}

void TstSslTransport::untrustedRejected()
{
    QFETCH(TlsTestServer::Mode, mode);
    QFETCH(TlsTestServer::Certificate, certificate);
    QFETCH(QList<int>, anyOfErrors);
    TlsTestServer server({ .mode = mode, .certificate = certificate });
    QVERIFY(server.start());

    Client c(settingsFor(server, Trust::SystemOnly));
    QVERIFY2(c.openUntil(c.decision), c.describe());
    QCOMPARE(c.decision.count(), 1);
    QCOMPARE(c.opened.count(), 0);
    QCOMPARE(c.failed.count(), 0);

    const Net::CertificateProblem p = c.problem();
    QCOMPARE(p.kind, Net::CertificateProblem::Kind::Untrusted);
    VERIFY_CALL(verifyProblemNamesServer(p, server));
    QVERIFY(p.pinnedSha256.isEmpty());
    QVERIFY(!p.errors.isEmpty());
    QCOMPARE(p.errors.size(), p.errorCodes.size());
    bool expected = false;
    for (int code : p.errorCodes)
        expected = expected || anyOfErrors.contains(code);
    QVERIFY2(expected, qPrintable(p.errors.join(QStringLiteral("; "))));
    QCOMPARE(p.host, Loopback4);
    QCOMPARE(p.port, server.serverPort());

    // Not one POP3 byte over the untrusted link (with STLS: only CAPA and STLS, in plaintext).
    VERIFY_CALL(rejectAndVerifyNothingSent(c, server, ErrorCode::CertificateUntrusted));
    QVERIFY(!server.clients().at(0).encrypted);
}

// 5. AcceptOnce reconnects trusting exactly that certificate.
void TstSslTransport::acceptOnce_data()
{
    QTest::addColumn<TlsTestServer::Mode>("mode");
    QTest::addColumn<bool>("fromSignal");
    QTest::newRow("implicit: answered later") << TlsTestServer::Mode::ImplicitTls << false;
    QTest::newRow("implicit: answered inside the signal") << TlsTestServer::Mode::ImplicitTls << true;
    QTest::newRow("stls: answered later") << TlsTestServer::Mode::StartTls << false;
    QTest::newRow("stls: answered inside the signal") << TlsTestServer::Mode::StartTls << true;
}

void TstSslTransport::acceptOnce()
{
    QFETCH(TlsTestServer::Mode, mode);
    QFETCH(bool, fromSignal);
    const TestPki &pki = TestPki::instance();
    TlsTestServer server({ .mode = mode });
    QVERIFY(server.start());

    const ConnectionSettings settings = settingsFor(server, Trust::SystemOnly);
    Client c(settings);
    if (fromSignal) {
        connect(&c.conn, &Connection::certificateDecisionNeeded, &c.conn,
            [&c] { c.conn.answerCertificate(Net::CertificateDecision::AcceptOnce); });
    }
    QVERIFY2(c.openUntil(c.decision), c.describe());
    QCOMPARE(c.problem().kind, Net::CertificateProblem::Kind::Untrusted);
    QCOMPARE(c.problem().sha256, pki.leafSha256());
    if (!fromSignal)
        c.conn.answerCertificate(Net::CertificateDecision::AcceptOnce);

    QVERIFY2(c.until(c.opened), c.describe());
    QCOMPARE(c.decision.count(), 1);
    const ServerInfo info = c.info();
    QVERIFY(info.tls.encrypted);
    QVERIFY(info.tls.trustedByPin);
    QCOMPARE(info.tls.peer().sha256, pki.leafSha256());
    QCOMPARE(server.clientCount(), 2);
    VERIFY_CALL(verifyNothingSentOverTls(server.clients().at(0), mode));
    QVERIFY(server.clients().at(1).encrypted);

    VERIFY_CALL(loginStatQuit(c));

    // "Once": a new connection with the same settings asks again.
    Client again(settings);
    QVERIFY2(again.openUntil(again.decision), again.describe());
    QCOMPARE(again.opened.count(), 0);
    again.conn.answerCertificate(Net::CertificateDecision::Reject);
    QCOMPARE(again.error().code, ErrorCode::CertificateUntrusted);
    QVERIFY(waitServerClosed(server));
}

// 6. A pinned certificate is accepted without asking, even self-signed.
void TstSslTransport::pinned_data()
{
    QTest::addColumn<TlsTestServer::Certificate>("certificate");
    QTest::newRow("ca-signed leaf, unknown ca") << TlsTestServer::Certificate::Leaf;
    QTest::newRow("self-signed") << TlsTestServer::Certificate::Alternate;
}

void TstSslTransport::pinned()
{
    QFETCH(TlsTestServer::Certificate, certificate);
    TlsTestServer server({ .certificate = certificate });
    QVERIFY(server.start());

    Client c(settingsFor(server, Trust::Pin));
    QVERIFY2(c.openUntil(c.opened), c.describe());
    VERIFY_CALL(verifyOpenedOverTls(c, server.presentedSha256()));
    QVERIFY(c.info().tls.trustedByPin);
    QCOMPARE(server.clientCount(), 1);

    VERIFY_CALL(loginStatQuit(c));
}

// 7. A certificate other than the pinned one: "changed", even if trusted.
void TstSslTransport::changedRejected_data()
{
    const TestPki &pki = TestPki::instance();
    QTest::addColumn<TlsTestServer::Mode>("mode");
    QTest::addColumn<TlsTestServer::Certificate>("certificate");
    QTest::addColumn<QByteArray>("pin");
    QTest::addColumn<bool>("giveCa");
    const auto implicit = TlsTestServer::Mode::ImplicitTls;
    const auto stls = TlsTestServer::Mode::StartTls;
    const auto leaf = TlsTestServer::Certificate::Leaf;
    const auto alternate = TlsTestServer::Certificate::Alternate;
    QTest::newRow("implicit: untrusted leaf, other pin") << implicit << leaf << pki.alternateSha256() << false;
    QTest::newRow("implicit: ca-trusted leaf, other pin") << implicit << leaf << pki.alternateSha256() << true;
    QTest::newRow("implicit: self-signed impostor") << implicit << alternate << pki.leafSha256() << false;
    QTest::newRow("implicit: self-signed impostor, ca given") << implicit << alternate << pki.leafSha256() << true;
    QTest::newRow("stls: ca-trusted leaf, other pin") << stls << leaf << pki.alternateSha256() << true;
    QTest::newRow("stls: self-signed impostor") << stls << alternate << pki.leafSha256() << false;
}

void TstSslTransport::changedRejected()
{
    QFETCH(TlsTestServer::Mode, mode);
    QFETCH(TlsTestServer::Certificate, certificate);
    QFETCH(QByteArray, pin);
    QFETCH(bool, giveCa);
    TlsTestServer server({ .mode = mode, .certificate = certificate });
    QVERIFY(server.start());

    ConnectionSettings settings = settingsFor(server, giveCa ? Trust::Ca : Trust::SystemOnly);
    settings.pinnedSha256 = pin;
    Client c(settings);
    QVERIFY2(c.openUntil(c.decision), c.describe());
    QCOMPARE(c.opened.count(), 0);
    const Net::CertificateProblem p = c.problem();
    QCOMPARE(p.kind, Net::CertificateProblem::Kind::Changed);
    QCOMPARE(p.pinnedSha256, pin);
    VERIFY_CALL(verifyProblemNamesServer(p, server));

    VERIFY_CALL(rejectAndVerifyNothingSent(c, server, ErrorCode::CertificateChanged));
}

// 8a. The connect timeout covers TCP, TLS (also after STLS) and the greeting.
void TstSslTransport::connectTimeout_data()
{
    QTest::addColumn<TlsTestServer::Mode>("mode");
    QTest::addColumn<bool>("completeTls");
    QTest::addColumn<bool>("sendGreeting");
    QTest::newRow("implicit: tls never completes") << TlsTestServer::Mode::ImplicitTls << false << true;
    QTest::newRow("implicit: no greeting") << TlsTestServer::Mode::ImplicitTls << true << false;
    QTest::newRow("stls: no greeting") << TlsTestServer::Mode::StartTls << true << false;
    QTest::newRow("stls: handshake never completes") << TlsTestServer::Mode::StartTls << false << true;
}

void TstSslTransport::connectTimeout()
{
    QFETCH(TlsTestServer::Mode, mode);
    QFETCH(bool, completeTls);
    QFETCH(bool, sendGreeting);
    TlsTestServer server({ .mode = mode, .completeTls = completeTls, .sendGreeting = sendGreeting });
    QVERIFY(server.start());

    ConnectionSettings settings = settingsFor(server, Trust::Ca);
    settings.connectTimeoutMs = ShortTimeoutMs;
    Client c(settings);
    const qint64 elapsed = c.msUntilFailed([&c] { c.conn.open(); });
    QVERIFY2(elapsed >= 0, c.describe());
    QCOMPARE(c.error().code, ErrorCode::ConnectTimeout);
    QCOMPARE(c.opened.count(), 0);
    QVERIFY2(tookShortTimeout(elapsed), qPrintable(QString::number(elapsed)));
    QCOMPARE(server.clientCount(), 1);
    QVERIFY(waitServerClosed(server));
}

// 8b. The idle timeout: the server stops answering in the middle of a session.
void TstSslTransport::idleTimeout()
{
    TlsTestServer server({ .answerStat = false });
    QVERIFY(server.start());

    ConnectionSettings settings = settingsFor(server, Trust::Ca);
    settings.idleTimeoutMs = ShortTimeoutMs;
    Client c(settings);
    QVERIFY2(c.openUntil(c.opened), c.describe());
    c.conn.login(credentials());
    QVERIFY2(c.until(c.loggedIn), c.describe());

    const qint64 elapsed = c.msUntilFailed([&c] { c.conn.stat(); });
    QVERIFY2(elapsed >= 0, c.describe());
    QCOMPARE(c.error().code, ErrorCode::IdleTimeout);
    QCOMPARE(c.stat.count(), 0);
    QVERIFY2(tookShortTimeout(elapsed), qPrintable(QString::number(elapsed)));
    QVERIFY(waitServerClosed(server));
    QVERIFY(server.clients().at(0).afterTls.endsWith("STAT\r\n"));
}

// 9. Nothing listens on the port.
void TstSslTransport::connectionRefused()
{
    const quint16 port = unusedPort();
    QVERIFY(port != 0);

    ConnectionSettings settings;
    settings.host = Loopback4;
    settings.port = port;
    settings.connectTimeoutMs = WaitMs;
    Client c(settings);
    QVERIFY2(c.openUntil(c.failed), c.describe());
    QCOMPARE(c.error().code, ErrorCode::ConnectionRefused);
    QCOMPARE(c.opened.count(), 0);
    QCOMPARE(c.decision.count(), 0);
}

// 10. IPv6 loopback (falls back to IPv4, loudly, where ::1 does not exist).
void TstSslTransport::ipv6_data()
{
    QTest::addColumn<bool>("pinned");
    QTest::newRow("pinned") << true;
    QTest::newRow("ca, ip address in san") << false;
}

void TstSslTransport::ipv6()
{
    QFETCH(bool, pinned);
    const TestPki &pki = TestPki::instance();
    TlsTestServer server;
    QHostAddress address(QHostAddress::LocalHostIPv6);
    QString host = QStringLiteral("::1");
    if (!server.start(address)) {
        qWarning(
            "No IPv6 loopback on this machine (%s): verifying over IPv4 instead", qPrintable(server.errorString()));
        address = QHostAddress(QHostAddress::LocalHost);
        host = Loopback4;
        QVERIFY(server.start(address));
    }

    // The server presents the leaf: a pin is its fingerprint.
    Client c(settingsFor(server, pinned ? Trust::Pin : Trust::Ca, host));
    QVERIFY2(c.openUntil(c.opened), c.describe());
    VERIFY_CALL(verifyOpenedOverTls(c, pki.leafSha256()));
    const ServerInfo info = c.info();
    QCOMPARE(info.host, host);
    QCOMPARE(info.tls.trustedByPin, pinned);
    QCOMPARE(server.clientCount(), 1);
    QVERIFY2(
        server.clients().at(0).peerAddress.isEqual(address), qPrintable(server.clients().at(0).peerAddress.toString()));

    VERIFY_CALL(loginStatQuit(c));
}

// 11. ConnectionSettings::proxy is honoured (SOCKS5).
void TstSslTransport::socks5Proxy()
{
    const TestPki &pki = TestPki::instance();
    TlsTestServer server;
    QVERIFY(server.start());
    Socks5Server socks;
    QVERIFY(socks.start());

    ConnectionSettings settings = settingsFor(server, Trust::Ca);
    settings.proxy = QNetworkProxy(QNetworkProxy::Socks5Proxy, Loopback4, socks.port());
    Client c(settings);
    QVERIFY2(c.openUntil(c.opened), c.describe());
    VERIFY_CALL(verifyOpenedOverTls(c, pki.leafSha256()));

    QCOMPARE(socks.connectionCount(), 1);
    QCOMPARE(socks.targets().size(), 1);
    QCOMPARE(socks.targets().at(0).port, server.serverPort());
    QVERIFY(socks.targets().at(0).host == Loopback4 || socks.targets().at(0).host == QLatin1String("localhost"));
    QCOMPARE(server.clientCount(), 1);

    VERIFY_CALL(loginStatQuit(c));
    QVERIFY(socks.relayedBytes() > 0);
    QCOMPARE(socks.connectionCount(), 1);
}

// 11b. With the proxy down the connection fails; it never goes around it.
void TstSslTransport::socks5ProxyUnreachable()
{
    TlsTestServer server;
    QVERIFY(server.start());
    const quint16 deadPort = unusedPort();
    QVERIFY(deadPort != 0);

    ConnectionSettings settings = settingsFor(server, Trust::Ca);
    settings.proxy = QNetworkProxy(QNetworkProxy::Socks5Proxy, Loopback4, deadPort);
    Client c(settings);
    QVERIFY2(c.openUntil(c.failed), c.describe());
    QCOMPARE(c.error().code, ErrorCode::ProxyFailed);
    QCOMPARE(c.opened.count(), 0);
    QCOMPARE(server.clientCount(), 0);
}

// SslTransport on its own: ready, bytes both ways, closed when the peer quits.
void TstSslTransport::transportDirect()
{
    const TestPki &pki = TestPki::instance();
    TlsTestServer server;
    QVERIFY(server.start());

    TransportClient c;
    QVERIFY(c.openUntil(server, Trust::Ca, c.ready));
    QCOMPARE(c.rejected.count(), 0);
    QVERIFY(c.transport.isEncrypted());
    const Net::TlsInfo info = c.transport.tlsInfo();
    QVERIFY(info.encrypted);
    QVERIFY(!info.trustedByPin);
    QCOMPARE(info.peer().sha256, pki.leafSha256());

    QByteArray got;
    QElapsedTimer timer;
    timer.start();
    while (!got.contains("\r\n") && timer.elapsed() < WaitMs) {
        c.readyRead.wait(50);
        got += c.transport.readAll();
    }
    QCOMPARE(got, QByteArray("+OK test server ready <1.2@localhost>\r\n"));

    c.transport.write("QUIT\r\n");
    QVERIFY(waitFor(c.closed, &c.failed));
    got += c.transport.readAll();
    QVERIFY(got.endsWith("+OK bye\r\n"));
    QCOMPARE(c.failed.count(), 0);
    QVERIFY(waitServerClosed(server));
    QCOMPARE(server.clients().at(0).afterTls, QByteArray("QUIT\r\n"));
}

// SslTransport drops an untrusted link at once, reports it, and goes quiet.
void TstSslTransport::transportCertificateRejected()
{
    TlsTestServer server;  // presents the CA-signed leaf, CA unknown to the transport
    QVERIFY(server.start());

    TransportClient c;
    QVERIFY(c.openUntil(server, Trust::SystemOnly, c.rejected));
    const Net::CertificateProblem p = c.rejected.at(0).at(0).value<Net::CertificateProblem>();
    QCOMPARE(p.kind, Net::CertificateProblem::Kind::Untrusted);
    QCOMPARE(p.sha256, TestPki::instance().leafSha256());
    QVERIFY(!p.errors.isEmpty());
    QVERIFY(!c.transport.isEncrypted());
    c.transport.write("USER alice\r\n");  // must go nowhere

    QVERIFY(waitServerClosed(server));
    QCOMPARE(c.ready.count(), 0);
    QCOMPARE(c.closed.count(), 0);
    QCOMPARE(c.failed.count(), 0);
    QCOMPARE(c.rejected.count(), 1);
    QVERIFY(server.allReceived().isEmpty());
}

// Back-pressure over real TLS: while the connection is paused, the client
// reads nothing, its transport holds at most about its bound, and TCP flow
// control stalls the server's writes; on resume the whole message arrives.
void TstSslTransport::backPressureHoldsTheServer()
{
    QByteArray message = "Subject: a large message\r\n\r\n";
    const QByteArray line = QByteArray(76, 'x') + "\r\n";
    while (message.size() < 16 * 1024 * 1024)
        message += line;
    TlsTestServer server({ .messages = { message } });
    QVERIFY(server.start());

    ConnectionSettings settings = settingsFor(server, Trust::Ca);
    settings.readBufferBytes = 64 * 1024;
    settings.idleTimeoutMs = 60'000;
    QPointer<Net::SslTransport> transport;
    Connection conn(settings, [&transport] {
        auto t = std::make_unique<Net::SslTransport>();
        transport = t.get();
        return t;
    });
    QSignalSpy opened(&conn, &Connection::opened);
    QSignalSpy loggedIn(&conn, &Connection::loggedIn);
    QSignalSpy failed(&conn, &Connection::failed);
    QSignalSpy retrieved(&conn, &Connection::messageRetrieved);
    conn.open();
    QVERIFY(waitFor(opened, &failed));
    conn.login(credentials());
    QVERIFY(waitFor(loggedIn, &failed));

    struct Sink : MessageSink {
        QByteArray data;
        Poplar::Status begin(quint32) override { return {}; }
        Poplar::Status write(quint32, QByteArrayView d) override
        {
            data += d;
            return {};
        }
        Poplar::Status finish(quint32, quint64) override { return {}; }
        void discard(quint32) override { }
    } sink;
    QSignalSpy received(&conn, &Connection::bytesReceived);
    conn.setReadingPaused(true);
    conn.retrieve({ 1 }, &sink);

    // Wait until nothing moves any more: the server's unsent octets stay the
    // same over several looks.
    qint64 lastUnsent = -1;
    int unchanged = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const qint64 unsent = server.unsentBytes(0);
            unchanged = (unsent == lastUnsent && transport && transport->bufferedBytes() > 0) ? unchanged + 1 : 0;
            lastUnsent = unsent;
            return unchanged >= 6;
        }(),
        30'000);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(received.count(), 0);  // nothing was read
    QVERIFY(sink.data.isEmpty());
    const qint64 held = transport->bufferedBytes();
    const qint64 unsent = server.unsentBytes(0);
    qInfo("paused: the client holds %lld octets, the server could not send %lld of %lld", held, unsent,
        qint64(message.size()));
    QVERIFY2(held <= 4 * settings.readBufferBytes, qPrintable(QString::number(held)));
    // Whatever the kernel buffers on the way, most of the 16 MiB is still
    // in the server: its writes stalled.
    QVERIFY2(unsent > message.size() / 2, qPrintable(QString::number(unsent)));

    conn.setReadingPaused(false);
    QVERIFY(waitFor(retrieved, &failed, 1, 60'000));
    QCOMPARE(sink.data.size(), message.size());
    QVERIFY(sink.data == message);
    QCOMPARE(server.unsentBytes(0), qint64(0));
}

// The server ends the TLS session with a close alert while the TCP
// connection stays open (a relay holds its close back): the client ends the
// link at once, after the data sent before the alert, instead of waiting for
// a TCP close or its idle timeout.
void TstSslTransport::closeAlertEndsTheLink_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::newRow("while STAT is awaited") << QByteArray();
    QTest::newRow("right after the STAT answer") << QByteArray("+OK 2 320\r\n");
}

void TstSslTransport::closeAlertEndsTheLink()
{
    QFETCH(QByteArray, reply);
    TlsTestServer server({ .closeOn = "STAT", .closeReply = reply });
    QVERIFY(server.start());
    Socks5Server relay;
    relay.setHoldClientOpen(true);
    QVERIFY(relay.start());

    ConnectionSettings settings = settingsFor(server, Trust::Ca);
    settings.proxy = QNetworkProxy(QNetworkProxy::Socks5Proxy, Loopback4, relay.port());
    settings.idleTimeoutMs = 120'000;  // far beyond this test's wait
    Client c(settings);
    QVERIFY2(c.openUntil(c.opened), c.describe());
    c.conn.login(credentials());
    QVERIFY2(c.until(c.loggedIn), c.describe());

    QList<QByteArray> order;
    connect(&c.conn, &Connection::statReceived, &c.conn, [&order] { order << "stat"; });
    connect(&c.conn, &Connection::failed, &c.conn, [&order, &relay](const Error &) {
        // The server's TCP close never reached the client.
        order << (relay.targetCloses() == 1 ? "failed, tcp held open" : "failed");
    });
    c.conn.stat();
    QVERIFY2(waitFor(c.failed), c.describe());
    QCOMPARE(c.error().code, ErrorCode::ConnectionLost);
    if (reply.isEmpty())
        QCOMPARE(order, QList<QByteArray>({ "failed, tcp held open" }));
    else
        QCOMPARE(order, QList<QByteArray>({ "stat", "failed, tcp held open" }));
}

// SslTransport alone: data before the close alert is readable, then closed().
void TstSslTransport::transportReportsCloseAlertAfterTheData()
{
    TlsTestServer server({ .closeOn = "BYE", .closeReply = "+OK going\r\n" });
    QVERIFY(server.start());
    Socks5Server relay;
    relay.setHoldClientOpen(true);
    QVERIFY(relay.start());

    TransportClient c;
    Net::TransportOptions o = transportOptionsFor(server, Trust::Ca);
    o.proxy = QNetworkProxy(QNetworkProxy::Socks5Proxy, Loopback4, relay.port());
    c.transport.open(o);
    QVERIFY(waitFor(c.ready, &c.failed));
    QByteArray got;
    QByteArray atClose;
    connect(&c.transport, &Net::Transport::readyRead, &c.transport, [&] { got += c.transport.readAll(); });
    connect(&c.transport, &Net::Transport::closed, &c.transport, [&] { atClose = got + c.transport.readAll(); });
    c.transport.write("BYE\r\n");
    QVERIFY(waitFor(c.closed, &c.failed));
    QCOMPARE(c.failed.count(), 0);
    QCOMPARE(c.closed.count(), 1);
    QVERIFY2(atClose.endsWith("+OK going\r\n"), atClose.constData());
    QCOMPARE(relay.targetCloses(), 1);
}

// A STARTTLS refused with a temporary response code is a TLS failure:
// poplar-cli exits 4 and says STARTTLS failed.
void TstSslTransport::stlsRefusedTemporarilyIsATlsFailure()
{
    TlsTestServer server(
        { .mode = TlsTestServer::Mode::StartTls, .stlsAnswer = "-ERR [SYS/TEMP] TLS engine restarting" });
    QVERIFY(server.start());
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(POPLAR_CLI_PATH),
        { QStringLiteral("probe"), QStringLiteral("--host"), Loopback4, QStringLiteral("--port"),
            QString::number(server.serverPort()), QStringLiteral("--security"), QStringLiteral("starttls"),
            QStringLiteral("--timeout"), QStringLiteral("20") });
    QVERIFY(cli.waitForStarted(10'000));
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 60'000);
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QVERIFY2(cli.exitCode() == 4, qPrintable(QString::number(cli.exitCode()) + QLatin1Char(' ') + err));
    QVERIFY2(err.contains(QStringLiteral("STARTTLS")), qPrintable(err));
    QVERIFY2(!err.contains(QStringLiteral("temporary problem")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("TLS engine restarting")), qPrintable(err));
    QCOMPARE(server.clients().at(0).received(), QByteArray("CAPA\r\nSTLS\r\n"));
}

QTEST_GUILESS_MAIN(TstSslTransport)
#include "tst_ssltransport.moc"
