// Transcript tests for Pop3::Session. Every test runs once per TCP split
// (1, 2, 3, 7, 64 octets and whole), asserts the exact bytes the client
// wrote, and ends by asserting that nothing else was sent.

#include "SessionHarness.h"

#include <QTest>

using namespace Pop3;
using namespace Pop3::Events;
using Poplar::ErrorCode;
using PoplarTest::SessionHarness;

namespace {

const QByteArray kPassword = "s3cr3t-p@ss";

Credentials password(
    const QString &user = QStringLiteral("alice"), const QByteArray &secret = kPassword, Mechanism m = Mechanism::Auto)
{
    Credentials c;
    c.user = user;
    c.secret = secret;
    c.mechanism = m;
    return c;
}

QByteArray b64(const QByteArray &s)
{
    return s.toBase64();
}

}  // namespace

class TestSession : public QObject
{
    Q_OBJECT

    int chunk() const
    {
        QFETCH_GLOBAL(int, chunk);
        return chunk;
    }

    // A window of two messages of unknown size.
    SessionOptions options() const
    {
        SessionOptions o;
        o.windowBytes = 100;
        o.unknownSizeCharge = 50;
        return o;
    }

    SessionOptions budget(quint64 bytes) const
    {
        SessionOptions o;
        o.windowBytes = bytes;
        return o;
    }

    // A whole RETR answer holding one line.
    static QByteArray answer(const QByteArray &line) { return "+OK\r\n" + line + "\r\n.\r\n"; }

    // The window never held more than `limit` and never grew past its budget.
    static void windowKept(SessionHarness &h, quint64 limit)
    {
        QCOMPARE(h.windowOverruns, 0);
        QVERIFY2(h.maxInflightBytes <= limit, QByteArray::number(h.maxInflightBytes).constData());
    }

    // Greeting + CAPA with the given capability lines, on an encrypted link.
    void connectWithCaps(SessionHarness &h, const QByteArray &capLines, bool encrypted = true,
        const QByteArray &greeting = "+OK ready\r\n")
    {
        h.session.setLinkEncrypted(encrypted);
        h.server(greeting);
        QCOMPARE(h.sent(), QByteArray());
        h.session.capa();
        QCOMPARE(h.sent(), QByteArray("CAPA\r\n"));
        h.server("+OK\r\n" + capLines + ".\r\n");
        QVERIFY(h.session.capabilitiesKnown());
    }

    void loginUserPass(SessionHarness &h, const QByteArray &capLines = "USER\r\nUIDL\r\nTOP\r\n")
    {
        connectWithCaps(h, capLines);
        h.session.authenticate(password());
        QCOMPARE(h.sent(), QByteArray("USER alice\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.sent(), QByteArray("PASS " + kPassword + "\r\n"));
        h.server("+OK maildrop locked\r\n");
        QCOMPARE(h.session.state(), SessionState::Transaction);
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<int>("chunk");
        for (int c : { 1, 2, 3, 7, 64 })
            QTest::addRow("chunk-%d", c) << c;
        QTest::addRow("whole") << 0;
    }

    // --- greeting and capabilities -----------------------------------------

    void greetingWithApopTimestamp()
    {
        SessionHarness h(chunk());
        h.server("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n");
        QCOMPARE(h.session.state(), SessionState::Authorization);
        const auto g = h.last<Greeting>();
        QCOMPARE(g.apopTimestamp, QByteArray("<1896.697170952@dbc.mtview.ca.us>"));
        QCOMPARE(g.text, QByteArray("POP3 server ready <1896.697170952@dbc.mtview.ca.us>"));
        QCOMPARE(h.sent(), QByteArray());
    }

    void greetingWithoutTimestamp()
    {
        SessionHarness h(chunk());
        h.server("+OK hello\r\n");
        QCOMPARE(h.last<Greeting>().apopTimestamp, QByteArray());
    }

    void greetingErrIsFatalWithCode()
    {
        SessionHarness h(chunk());
        h.server("-ERR [SYS/TEMP] too many connections\r\n");
        QCOMPARE(h.session.state(), SessionState::Failed);
        const auto f = h.last<SessionFailed>();
        QCOMPARE(f.error.code, ErrorCode::ServerTemporary);
        QCOMPARE(f.error.responseCode, QStringLiteral("SYS/TEMP"));
        QCOMPARE(f.error.serverText.raw(), QByteArray("too many connections"));
        QCOMPARE(h.sent(), QByteArray());
    }

    void garbageGreetingIsProtocolError()
    {
        SessionHarness h(chunk());
        h.server("HTTP/1.1 400 Bad Request\r\n");
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ProtocolError);
    }

    void commandsWaitForGreeting()
    {
        SessionHarness h(chunk());
        h.session.capa();
        QCOMPARE(h.sent(), QByteArray());
        h.server("+OK hi\r\n");
        QCOMPARE(h.sent(), QByteArray("CAPA\r\n"));
    }

    void capabilitiesParsed()
    {
        SessionHarness h(chunk());
        connectWithCaps(h,
            "TOP\r\nUSER\r\nUIDL\r\nPIPELINING\r\nSTLS\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\n"
            "SASL SCRAM-SHA-256 scram-sha-1 PLAIN\r\nLOGIN-DELAY 900 USER\r\nEXPIRE 30\r\n"
            "IMPLEMENTATION Example Server 2.3\r\nUTF8 USER\r\nX-UNKNOWN foo\r\n");
        const Capabilities c = h.last<CapabilitiesReceived>().capabilities;
        QVERIFY(c.capaSupported);
        QVERIFY(c.top && c.user && c.uidl && c.pipelining && c.stls && c.respCodes && c.authRespCode && c.utf8);
        QCOMPARE(c.saslMechanisms, QByteArrayList({ "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN" }));
        QCOMPARE(c.loginDelaySeconds, std::optional<int>(900));
        QVERIFY(c.loginDelayPerUser);
        QCOMPARE(c.expire, Capabilities::Expire::Days);
        QCOMPARE(c.expireDays, 30);
        QCOMPARE(c.implementation, QByteArray("Example Server 2.3"));
        QCOMPARE(c.utf8Arguments, QByteArrayList({ "USER" }));
        QVERIFY(c.lines.contains("X-UNKNOWN foo"));
        QCOMPARE(h.sent(), QByteArray());
    }

    void capabilitiesExpireNever()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "EXPIRE NEVER\r\nLOGIN-DELAY 0\r\n");
        const Capabilities c = h.session.capabilities();
        QCOMPARE(c.expire, Capabilities::Expire::Never);
        QCOMPARE(c.loginDelaySeconds, std::optional<int>(0));
        QVERIFY(!c.loginDelayPerUser);
        QVERIFY(!c.pipelining);
    }

    void capaRefusedMeansRfc1939Defaults()
    {
        SessionHarness h(chunk());
        h.server("+OK old server\r\n");
        h.session.capa();
        QCOMPARE(h.sent(), QByteArray("CAPA\r\n"));
        h.server("-ERR unknown command\r\n");
        QVERIFY(h.session.capabilitiesKnown());
        QVERIFY(!h.last<CapabilitiesReceived>().capabilities.capaSupported);
        QVERIFY(h.eventsOf<CommandFailed>().empty());
        // USER/PASS is assumed; on an unencrypted link it is refused unless allowed.
        Credentials c = password();
        h.session.authenticate(c);
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::InsecureAuthRefused);
        QCOMPARE(h.sent(), QByteArray());
        c.allowInsecure = true;
        h.session.authenticate(c);
        QCOMPARE(h.sent(), QByteArray("USER alice\r\n"));
    }

    // --- STLS ---------------------------------------------------------------

    void stlsReissuesCapaAndDiscardsEarlierAnswers()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "STLS\r\nUSER\r\nSASL PLAIN\r\nPIPELINING\r\n", false);
        h.session.stls();
        QCOMPARE(h.sent(), QByteArray("STLS\r\n"));
        h.server("+OK begin TLS\r\n");
        QCOMPARE(h.eventsOf<StlsReady>().size(), size_t(1));
        QVERIFY(h.session.awaitingTlsHandshake());
        // A command issued now waits for the handshake and the new CAPA.
        h.session.authenticate(password());
        QCOMPARE(h.sent(), QByteArray());
        h.session.tlsEstablished();
        QVERIFY(h.session.linkEncrypted());
        QVERIFY(!h.session.capabilitiesKnown());
        QCOMPARE(h.sent(), QByteArray("CAPA\r\n"));
        h.server("+OK\r\nUSER\r\nSASL SCRAM-SHA-256\r\n.\r\n");
        const Capabilities c = h.session.capabilities();
        QVERIFY(!c.stls);
        QVERIFY(!c.pipelining);
        QCOMPARE(c.saslMechanisms, QByteArrayList({ "SCRAM-SHA-256" }));
        // The login now uses what the server offers after TLS.
        QVERIFY(h.sent().startsWith("AUTH SCRAM-SHA-256 "));
    }

    void stlsNotOfferedSendsNothing()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "USER\r\n", false);
        h.session.stls();
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::StlsUnavailable);
        QCOMPARE(h.sent(), QByteArray());
    }

    void stlsRefused()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "STLS\r\n", false);
        h.session.stls();
        QCOMPARE(h.sent(), QByteArray("STLS\r\n"));
        h.server("-ERR TLS not available right now\r\n");
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::StlsFailed);
        QVERIFY(!h.session.linkEncrypted());
    }

    void plaintextAfterStlsIsRejected()
    {
        // Response injection: bytes sent in plaintext right after "+OK" to
        // STLS must never be read as answers once TLS is up.
        SessionHarness h(0);
        connectWithCaps(h, "STLS\r\nUSER\r\n", false);
        h.session.stls();
        QCOMPARE(h.sent(), QByteArray("STLS\r\n"));
        h.server("+OK go ahead\r\n+OK injected\r\n");
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::StlsFailed);
        QCOMPARE(h.sent(), QByteArray());
    }

    // --- authentication -----------------------------------------------------

    void userPass()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::UserPass);
        QVERIFY(!h.logText().contains(kPassword));
        QVERIFY(h.logText().contains("PASS <masked>"));
        QCOMPARE(h.sent(), QByteArray());
    }

    void userPassRejectedIsNotRetried()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "USER\r\nSASL LOGIN\r\n");
        h.session.authenticate(password(QStringLiteral("alice"), kPassword, Mechanism::UserPass));
        QCOMPARE(h.sent(), QByteArray("USER alice\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.sent(), QByteArray("PASS " + kPassword + "\r\n"));
        h.server("-ERR invalid password\r\n");
        const auto f = h.last<CommandFailed>();
        QCOMPARE(f.type, CommandType::Authenticate);
        QCOMPARE(f.error.code, ErrorCode::AuthFailed);
        QCOMPARE(f.error.serverText.raw(), QByteArray("invalid password"));
        QCOMPARE(h.session.state(), SessionState::Authorization);
        QCOMPARE(h.sent(), QByteArray());  // no fallback to another mechanism
    }

    void authRespCodeRejected()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "SASL PLAIN\r\nAUTH-RESP-CODE\r\n");
        h.session.authenticate(password());
        QCOMPARE(h.sent(), QByteArray("AUTH PLAIN " + b64(QByteArray("\0alice\0", 7) + kPassword) + "\r\n"));
        h.server("-ERR [AUTH] Authentication failed.\r\n");
        const auto f = h.last<CommandFailed>();
        QCOMPARE(f.error.code, ErrorCode::AuthFailed);
        QCOMPARE(f.error.responseCode, QStringLiteral("AUTH"));
        QCOMPARE(h.sent(), QByteArray());
    }

    void authTemporaryAndInUse()
    {
        const QList<std::pair<QByteArray, ErrorCode>> rows = {
            { "-ERR [SYS/TEMP] backend down\r\n", ErrorCode::ServerTemporary },
            { "-ERR [IN-USE] mailbox locked\r\n", ErrorCode::MailboxInUse },
            { "-ERR [LOGIN-DELAY] wait\r\n", ErrorCode::LoginDelay },
            { "-ERR [SYS/PERM] account disabled\r\n", ErrorCode::ServerPermanent },
        };
        for (const auto &[line, code] : rows) {
            SessionHarness h(chunk());
            connectWithCaps(h, "USER\r\n");
            h.session.authenticate(password());
            QCOMPARE(h.sent(), QByteArray("USER alice\r\n"));
            h.server("+OK\r\n");
            QCOMPARE(h.sent(), QByteArray("PASS " + kPassword + "\r\n"));
            h.server(line);
            QCOMPARE(h.last<CommandFailed>().error.code, code);
            QCOMPARE(h.sent(), QByteArray());
        }
    }

    void apopRfc1939Example()
    {
        SessionHarness h(chunk());
        h.session.setLinkEncrypted(false);
        h.server("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n");
        h.session.capa();
        QCOMPARE(h.sent(), QByteArray("CAPA\r\n"));
        h.server("+OK\r\nUSER\r\n.\r\n");
        h.session.authenticate(password(QStringLiteral("mrose"), "tanstaaf"));
        QCOMPARE(h.sent(), QByteArray("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n"));
        h.server("+OK mrose's maildrop has 2 messages (320 octets)\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::Apop);
        QVERIFY(!h.logText().contains("c4c9334bac560ecc979e58001b3e22fb"));
        QVERIFY(h.logText().contains("APOP mrose <digest masked>"));
        QCOMPARE(h.sent(), QByteArray());
    }

    void cramMd5Rfc2195Example()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "SASL CRAM-MD5 PLAIN\r\n", false);
        h.session.authenticate(password(QStringLiteral("tim"), "tanstaaftanstaaf"));
        QCOMPARE(h.sent(), QByteArray("AUTH CRAM-MD5\r\n"));
        h.server("+ " + b64("<1896.697170952@postoffice.reston.mci.net>") + "\r\n");
        QCOMPARE(h.sent(), QByteArray(b64("tim b913a602c7eda7a495b4e6e7334d3890") + "\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::CramMd5);
        QVERIFY(!h.logText().contains(b64("tim b913a602c7eda7a495b4e6e7334d3890")));
        QCOMPARE(h.sent(), QByteArray());
    }

    void scramSha256Rfc7677Vector()
    {
        SessionOptions o;
        o.nonceGenerator = [] { return QByteArray("rOprNGfwEbeRWgbNEkqO"); };
        SessionHarness h(chunk(), o);
        connectWithCaps(h, "SASL PLAIN SCRAM-SHA-1 SCRAM-SHA-256\r\n");
        h.session.authenticate(password(QStringLiteral("user"), "pencil"));
        QCOMPARE(h.sent(), QByteArray("AUTH SCRAM-SHA-256 " + b64("n,,n=user,r=rOprNGfwEbeRWgbNEkqO") + "\r\n"));
        h.server("+ " + b64("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
            + "\r\n");
        QCOMPARE(h.sent(),
            QByteArray(b64("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                           "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
                + "\r\n"));
        h.server("+ " + b64("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=") + "\r\n");
        QCOMPARE(h.sent(), QByteArray("\r\n"));
        h.server("+OK logged in\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::ScramSha256);
        QCOMPARE(h.session.state(), SessionState::Transaction);
        QVERIFY(!h.logText().contains("dHzbZapWIk4jUhN"));
        QVERIFY(!h.logText().contains(b64("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")));
        QCOMPARE(h.sent(), QByteArray());
    }

    void scramSha1Rfc5802Vector()
    {
        SessionOptions o;
        o.nonceGenerator = [] { return QByteArray("fyko+d2lbbFgONRv9qkxdawL"); };
        SessionHarness h(chunk(), o);
        connectWithCaps(h, "SASL SCRAM-SHA-1 CRAM-MD5\r\n");
        h.session.authenticate(password(QStringLiteral("user"), "pencil"));
        QCOMPARE(h.sent(), QByteArray("AUTH SCRAM-SHA-1 " + b64("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL") + "\r\n"));
        h.server("+ " + b64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096") + "\r\n");
        QCOMPARE(h.sent(),
            QByteArray(
                b64("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=") + "\r\n"));
        h.server("+ " + b64("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=") + "\r\n");
        QCOMPARE(h.sent(), QByteArray("\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::ScramSha1);
        QCOMPARE(h.sent(), QByteArray());
    }

    void scramWrongServerSignatureCancels()
    {
        SessionOptions o;
        o.nonceGenerator = [] { return QByteArray("rOprNGfwEbeRWgbNEkqO"); };
        SessionHarness h(chunk(), o);
        connectWithCaps(h, "SASL SCRAM-SHA-256\r\n");
        h.session.authenticate(password(QStringLiteral("user"), "pencil"));
        QVERIFY(h.sent().startsWith("AUTH SCRAM-SHA-256 "));
        h.server("+ " + b64("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
            + "\r\n");
        QVERIFY(!h.sent().isEmpty());
        h.server("+ " + b64("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=") + "\r\n");
        QCOMPARE(h.sent(), QByteArray("*\r\n"));
        h.server("-ERR authentication cancelled\r\n");
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::ServerSignatureInvalid);
        QVERIFY(h.eventsOf<Authenticated>().empty());
        QCOMPARE(h.sent(), QByteArray());
    }

    void scramSuccessWithoutProofIsFatal()
    {
        SessionOptions o;
        o.nonceGenerator = [] { return QByteArray("rOprNGfwEbeRWgbNEkqO"); };
        SessionHarness h(chunk(), o);
        connectWithCaps(h, "SASL SCRAM-SHA-256\r\n");
        h.session.authenticate(password(QStringLiteral("user"), "pencil"));
        QVERIFY(!h.sent().isEmpty());
        h.server("+ " + b64("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
            + "\r\n");
        QVERIFY(!h.sent().isEmpty());
        h.server("+OK welcome\r\n");
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ServerSignatureInvalid);
        QCOMPARE(h.sent(), QByteArray());
    }

    void scramNonceNotExtendedCancels()
    {
        SessionOptions o;
        o.nonceGenerator = [] { return QByteArray("clientnonce"); };
        SessionHarness h(chunk(), o);
        connectWithCaps(h, "SASL SCRAM-SHA-256\r\n");
        h.session.authenticate(password(QStringLiteral("user"), "pencil"));
        QVERIFY(!h.sent().isEmpty());
        h.server("+ " + b64("r=othernonce,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096") + "\r\n");
        QCOMPARE(h.sent(), QByteArray("*\r\n"));
        h.server("-ERR cancelled\r\n");
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::ServerSignatureInvalid);
    }

    void plainInitialResponse()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "SASL PLAIN LOGIN\r\n");
        h.session.authenticate(password());
        QCOMPARE(h.sent(), QByteArray("AUTH PLAIN " + b64(QByteArray("\0alice\0", 7) + kPassword) + "\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::Plain);
        QVERIFY(!h.logText().contains(b64(QByteArray("\0alice\0", 7) + kPassword)));
        QCOMPARE(h.sent(), QByteArray());
    }

    void plainTooLongForInitialResponse()
    {
        // RFC 5034: the initial response is left out when the line would
        // exceed 255 octets; it follows the empty challenge.
        const QByteArray longPassword(300, 'x');
        SessionHarness h(chunk());
        connectWithCaps(h, "SASL PLAIN\r\n");
        h.session.authenticate(password(QStringLiteral("alice"), longPassword));
        QCOMPARE(h.sent(), QByteArray("AUTH PLAIN\r\n"));
        h.server("+ \r\n");
        QCOMPARE(h.sent(), QByteArray(b64(QByteArray("\0alice\0", 7) + longPassword) + "\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::Plain);
        QCOMPARE(h.sent(), QByteArray());
    }

    void login()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "SASL LOGIN\r\n");
        h.session.authenticate(password());
        QCOMPARE(h.sent(), QByteArray("AUTH LOGIN\r\n"));
        h.server("+ VXNlcm5hbWU6\r\n");
        QCOMPARE(h.sent(), QByteArray(b64("alice") + "\r\n"));
        h.server("+ UGFzc3dvcmQ6\r\n");
        QCOMPARE(h.sent(), QByteArray(b64(kPassword) + "\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::Login);
        QVERIFY(!h.logText().contains(b64(kPassword)));
        QCOMPARE(h.sent(), QByteArray());
    }

    void xoauth2TwoStep()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "SASL XOAUTH2 PLAIN\r\n");
        Credentials c = password(QStringLiteral("alice@example.org"), "tok-123");
        c.kind = Credentials::Kind::OAuthToken;
        h.session.authenticate(c);
        QCOMPARE(h.sent(), QByteArray("AUTH XOAUTH2\r\n"));
        h.server("+ \r\n");
        QCOMPARE(h.sent(),
            QByteArray(b64("user=alice@example.org\x01"
                           "auth=Bearer tok-123\x01\x01")
                + "\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::XOAuth2);
        QVERIFY(!h.logText().contains("tok-123"));
        QVERIFY(!h.logText().contains(b64("user=alice@example.org\x01"
                                          "auth=Bearer tok-123\x01\x01")));
        QCOMPARE(h.sent(), QByteArray());
    }

    void xoauth2Failure()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "SASL XOAUTH2\r\n");
        Credentials c = password(QStringLiteral("alice@example.org"), "expired");
        c.kind = Credentials::Kind::OAuthToken;
        h.session.authenticate(c);
        QCOMPARE(h.sent(), QByteArray("AUTH XOAUTH2\r\n"));
        h.server("+ \r\n");
        QVERIFY(!h.sent().isEmpty());
        const QByteArray json = R"({"status":"401","schemes":"bearer"})";
        h.server("+ " + b64(json) + "\r\n");
        QCOMPARE(h.sent(), QByteArray("\r\n"));
        h.server("-ERR\r\n");
        const auto f = h.last<CommandFailed>();
        QCOMPARE(f.error.code, ErrorCode::AuthFailed);
        QCOMPARE(f.error.serverText.raw(), json);
        QCOMPARE(h.sent(), QByteArray());
    }

    void oauthBearer()
    {
        SessionOptions o;
        o.host = QStringLiteral("pop.example.org");
        o.port = 995;
        SessionHarness h(chunk(), o);
        connectWithCaps(h, "SASL OAUTHBEARER XOAUTH2\r\n");
        Credentials c = password(QStringLiteral("alice@example.org"), "tok-456");
        c.kind = Credentials::Kind::OAuthToken;
        h.session.authenticate(c);
        QCOMPARE(h.sent(),
            QByteArray("AUTH OAUTHBEARER "
                + b64("n,a=alice@example.org,\x01host=pop.example.org\x01port=995\x01"
                      "auth=Bearer tok-456\x01\x01")
                + "\r\n"));
        h.server("+ " + b64(R"({"status":"invalid_token"})") + "\r\n");
        QCOMPARE(h.sent(), QByteArray(b64("\x01") + "\r\n"));
        h.server("-ERR [AUTH] denied\r\n");
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::AuthFailed);
        QVERIFY(!h.logText().contains("tok-456"));
        QCOMPARE(h.sent(), QByteArray());
    }

    // The automatic choice, by link: over TLS SCRAM, then the mechanisms
    // that let the server keep only a hash (PLAIN, LOGIN, USER), then the
    // MD5 challenge-response ones; in plaintext only what never reveals the
    // password, unless the account allows it.
    void automaticChoice_data()
    {
        QTest::addColumn<QByteArrayList>("sasl");
        QTest::addColumn<bool>("user");
        QTest::addColumn<bool>("timestamp");
        QTest::addColumn<bool>("encrypted");
        QTest::addColumn<bool>("allowInsecure");
        QTest::addColumn<int>("expected");  // a Mechanism, or -1 for InsecureAuthRefused
        const QByteArrayList all { "PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256" };
        auto row = [](const char *name, QByteArrayList sasl, bool user, bool ts, bool enc, bool insecure, int m) {
            QTest::newRow(name) << sasl << user << ts << enc << insecure << m;
        };
        row("tls: everything", all, true, true, true, false, int(Mechanism::ScramSha256));
        row("tls: scram-sha-1", { "PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1" }, true, true, true, false,
            int(Mechanism::ScramSha1));
        row("tls: plain before cram-md5 and apop", { "PLAIN", "LOGIN", "CRAM-MD5" }, true, true, true, false,
            int(Mechanism::Plain));
        row("tls: login before user, cram-md5 and apop", { "LOGIN", "CRAM-MD5" }, true, true, true, false,
            int(Mechanism::Login));
        row("tls: user before cram-md5 and apop", { "CRAM-MD5" }, true, true, true, false, int(Mechanism::UserPass));
        row("tls: cram-md5 before apop", { "CRAM-MD5" }, false, true, true, false, int(Mechanism::CramMd5));
        row("tls: apop last", {}, false, true, true, false, int(Mechanism::Apop));
        row("tls: user alone", {}, true, false, true, false, int(Mechanism::UserPass));
        row("plain: scram", all, true, true, false, false, int(Mechanism::ScramSha256));
        row("plain: cram-md5", { "PLAIN", "LOGIN", "CRAM-MD5" }, true, true, false, false, int(Mechanism::CramMd5));
        row("plain: apop", { "PLAIN", "LOGIN" }, true, true, false, false, int(Mechanism::Apop));
        row("plain: only cleartext", { "PLAIN", "LOGIN" }, true, false, false, false, -1);
        row("plain: cleartext allowed", { "PLAIN", "LOGIN" }, true, false, false, true, int(Mechanism::Plain));
        row("plain: allowed, apop still first", { "PLAIN" }, true, true, false, true, int(Mechanism::Apop));
        row("plain: user allowed", {}, true, false, false, true, int(Mechanism::UserPass));
    }

    void automaticChoice()
    {
        QFETCH(QByteArrayList, sasl);
        QFETCH(bool, user);
        QFETCH(bool, timestamp);
        QFETCH(bool, encrypted);
        QFETCH(bool, allowInsecure);
        QFETCH(int, expected);
        Capabilities caps;
        caps.capaSupported = true;
        caps.user = user;
        caps.saslMechanisms = sasl;
        Credentials c = password();
        c.allowInsecure = allowInsecure;
        const auto r
            = Session::chooseMechanism(caps, true, timestamp ? QByteArray("<1@h>") : QByteArray(), c, encrypted);
        if (expected < 0) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::InsecureAuthRefused);
        } else {
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().technicalDescription()));
            QCOMPARE(*r, Mechanism(expected));
        }
    }

    void tokensUseOAuthOnly()
    {
        Capabilities caps;
        caps.capaSupported = true;
        caps.user = true;
        caps.saslMechanisms = { "PLAIN", "CRAM-MD5" };
        Credentials token = password();
        token.kind = Credentials::Kind::OAuthToken;
        QCOMPARE(
            Session::chooseMechanism(caps, true, {}, token, true).error().code, ErrorCode::AuthMechanismUnavailable);
        caps.saslMechanisms = { "XOAUTH2", "OAUTHBEARER" };
        QCOMPARE(*Session::chooseMechanism(caps, true, {}, token, true), Mechanism::OAuthBearer);
        QCOMPARE(Session::chooseMechanism(caps, true, {}, token, false).error().code, ErrorCode::InsecureAuthRefused);
    }

    // The transcript behind the order: over TLS with APOP, CRAM-MD5 and PLAIN
    // on offer, PLAIN goes out; in plaintext, CRAM-MD5.
    void tlsPrefersPlainOverApopAndCramMd5()
    {
        {
            SessionHarness h(chunk());
            connectWithCaps(h, "USER\r\nSASL CRAM-MD5 PLAIN\r\n", true, "+OK ready <7.8@host>\r\n");
            h.session.authenticate(password());
            QCOMPARE(h.sent(), QByteArray("AUTH PLAIN " + b64(QByteArray("\0alice\0", 7) + kPassword) + "\r\n"));
            h.server("+OK\r\n");
            QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::Plain);
            QCOMPARE(h.sent(), QByteArray());
        }
        {
            SessionHarness h(chunk());
            connectWithCaps(h, "USER\r\nSASL CRAM-MD5 PLAIN\r\n", false, "+OK ready <7.8@host>\r\n");
            h.session.authenticate(password());
            QCOMPARE(h.sent(), QByteArray("AUTH CRAM-MD5\r\n"));
        }
    }

    void pinnedMechanism()
    {
        Capabilities caps;
        caps.capaSupported = true;
        caps.user = true;
        caps.saslMechanisms = { "PLAIN", "SCRAM-SHA-256" };
        QCOMPARE(*Session::chooseMechanism(caps, true, {}, password(QStringLiteral("a"), "p", Mechanism::Plain), true),
            Mechanism::Plain);
        QCOMPARE(Session::chooseMechanism(caps, true, {}, password(QStringLiteral("a"), "p", Mechanism::CramMd5), true)
                     .error()
                     .code,
            ErrorCode::AuthMechanismUnavailable);
        QCOMPARE(Session::chooseMechanism(caps, true, {}, password(QStringLiteral("a"), "p", Mechanism::Plain), false)
                     .error()
                     .code,
            ErrorCode::InsecureAuthRefused);
        QCOMPARE(Session::chooseMechanism(caps, true, {}, password(QStringLiteral("a"), "p", Mechanism::Apop), true)
                     .error()
                     .code,
            ErrorCode::AuthMechanismUnavailable);

        SessionHarness h(chunk());
        connectWithCaps(h, "SASL PLAIN SCRAM-SHA-256\r\nUSER\r\n");
        h.session.authenticate(password(QStringLiteral("alice"), kPassword, Mechanism::UserPass));
        QCOMPARE(h.sent(), QByteArray("USER alice\r\n"));
    }

    void cleartextRefusedOnPlainLinkSendsNothing()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "USER\r\nSASL PLAIN LOGIN\r\n", false);
        h.session.authenticate(password());
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::InsecureAuthRefused);
        QCOMPARE(h.sent(), QByteArray());
        QVERIFY(!h.logText().contains(kPassword));
    }

    void userNameInjectionRefused()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "USER\r\n");
        h.session.authenticate(password(QStringLiteral("alice\r\nDELE 1")));
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::InvalidArgument);
        QCOMPARE(h.sent(), QByteArray());
    }

    // --- transaction commands ----------------------------------------------

    void statListUidl()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.stat();
        QCOMPARE(h.sent(), QByteArray("STAT\r\n"));
        h.server("+OK 2 320\r\n");
        const auto st = h.last<StatReceived>();
        QCOMPARE(st.count, 2u);
        QCOMPARE(st.size, 320u);

        h.session.list();
        QCOMPARE(h.sent(), QByteArray("LIST\r\n"));
        h.server("+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n");
        QCOMPARE(h.last<ListReceived>().entries, (std::vector<ListEntry> { { 1, 120 }, { 2, 200 } }));

        h.session.list(2);
        QCOMPARE(h.sent(), QByteArray("LIST 2\r\n"));
        h.server("+OK 2 200\r\n");
        QCOMPARE(h.last<ListReceived>().entries, (std::vector<ListEntry> { { 2, 200 } }));

        h.session.uidl();
        QCOMPARE(h.sent(), QByteArray("UIDL\r\n"));
        h.server("+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n");
        QCOMPARE(h.last<UidlReceived>().entries,
            (std::vector<UidlEntry> { { 1, "whqtswO00WBw418f9t5JxYwZ" }, { 2, "QhdPYR:00WBw1Ph7x7" } }));

        h.session.uidl(2);
        QCOMPARE(h.sent(), QByteArray("UIDL 2\r\n"));
        h.server("+OK 2 QhdPYR:00WBw1Ph7x7\r\n");
        QCOMPARE(h.last<UidlReceived>().entries, (std::vector<UidlEntry> { { 2, "QhdPYR:00WBw1Ph7x7" } }));
        QCOMPARE(h.sent(), QByteArray());
    }

    void emptyMaildrop()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.list();
        QCOMPARE(h.sent(), QByteArray("LIST\r\n"));
        h.server("+OK 0 messages\r\n.\r\n");
        QVERIFY(h.last<ListReceived>().entries.empty());
        QCOMPARE(h.eventsOf<ListReceived>().size(), size_t(1));
    }

    void retrDotUnstuffing()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.retr(1);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        h.server("+OK 120 octets\r\nSubject: dots\r\n\r\n..leading dot\r\n...two\r\n.\r\n");
        QCOMPARE(h.data(1), QByteArray("Subject: dots\r\n\r\n.leading dot\r\n..two\r\n"));
        const auto done = h.last<DataComplete>();
        QCOMPARE(done.message, 1u);
        QCOMPARE(done.size, quint64(h.data(1).size()));
        QCOMPARE(h.sent(), QByteArray());
    }

    void retrEmptyMessage()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.retr(3);
        QCOMPARE(h.sent(), QByteArray("RETR 3\r\n"));
        h.server("+OK 0 octets\r\n.\r\n");
        QCOMPARE(h.data(3), QByteArray());
        QCOMPARE(h.last<DataComplete>().size, quint64(0));
    }

    void retrBareLineFeeds()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.retr(1);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        h.server("+OK\nSubject: lf\n\n..x\nbody\n.\n");
        QCOMPARE(h.data(1), QByteArray("Subject: lf\n\n.x\nbody\n"));
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(1));
    }

    void retrLongLinesAndNul()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        const QByteArray longLine(5000, 'a');
        const QByteArray withNul("a\0b\0c", 5);
        h.session.retr(1);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        h.server("+OK\r\n" + longLine + "\r\n" + withNul + "\r\n.\r\n");
        QCOMPARE(h.data(1), QByteArray(longLine + "\r\n" + withNul + "\r\n"));
    }

    void retrTerminatorLookalikes()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.retr(1);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        // ".x" mid-line, a dot not at line start, "\r\n.\r" without LF.
        h.server("+OK\r\na.b\r\n. \r\nx\r.\r\n..\r\n.\r\n");
        QCOMPARE(h.data(1), QByteArray("a.b\r\n \r\nx\r.\r\n.\r\n"));
    }

    void retrStreamsInChunks()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.retr(1);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        QByteArray body;
        for (int i = 0; i < 200; ++i)
            body += "line " + QByteArray::number(i) + " of a message that is streamed\r\n";
        h.server("+OK\r\n" + body + ".\r\n");
        // Data is handed out as it arrives: never more than one read's worth
        // per event, so a streaming consumer never holds the whole message.
        const auto chunks = h.eventsOf<DataChunk>();
        if (chunk() == 0) {
            QCOMPARE(chunks.size(), size_t(1));
        } else {
            QVERIFY(chunks.size() >= size_t(body.size() / chunk()));
            for (const auto &c : chunks)
                QVERIFY(c.bytes.size() <= chunk());
        }
        QCOMPARE(h.data(1), body);
    }

    // Each message's data goes on in a chunk of its own until the store
    // takes it: a chunk keeps little room beyond its bytes, however much
    // the read that brought it held (here: many small messages, one read).
    void chunksKeepLittleUnusedRoom()
    {
        SessionHarness h(chunk());
        loginUserPass(h, "USER\r\nUIDL\r\nTOP\r\nPIPELINING\r\n");
        QByteArray answers;
        for (quint32 n = 1; n <= 8; ++n) {
            h.session.retr(n, std::nullopt, 40);  // as LIST said
            answers += "+OK\r\nSubject: " + QByteArray::number(n) + "\r\n\r\nshort body\r\n.\r\n";
        }
        h.session.retr(9);  // size unknown
        answers += "+OK\r\n" + QByteArray(200 * 1024, 'x') + "\r\n.\r\n";
        h.session.top(10, 0, std::nullopt, 100 * 1024);
        answers += "+OK\r\nSubject: top\r\n\r\n.\r\n";
        QCOMPARE(h.sent().count("\r\n"), 10);  // all in flight
        h.server(answers);  // unsplit: one read holds all ten answers
        for (const auto &c : h.eventsOf<DataChunk>())
            QVERIFY2(c.bytes.capacity() - c.bytes.size() <= 64 * 1024 + 64,
                qPrintable(QStringLiteral("message %1: %2 of %3 used").arg(c.message).arg(c.bytes.size()).arg(c.bytes.capacity())));
        QCOMPARE(h.data(3), QByteArray("Subject: 3\r\n\r\nshort body\r\n"));
        QCOMPARE(h.data(10), QByteArray("Subject: top\r\n\r\n"));
    }

    void top()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.top(2, 0);
        QCOMPARE(h.sent(), QByteArray("TOP 2 0\r\n"));
        h.server("+OK\r\nSubject: hi\r\n\r\n.\r\n");
        QCOMPARE(h.data(2), QByteArray("Subject: hi\r\n\r\n"));
        QCOMPARE(h.last<DataComplete>().message, 2u);
    }

    void deleRsetNoopQuit()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        const CommandId d = h.session.dele(1);
        QCOMPARE(h.sent(), QByteArray("DELE 1\r\n"));
        h.server("+OK message 1 deleted\r\n");
        QCOMPARE(h.last<CommandOk>().id, d);
        h.session.rset();
        QCOMPARE(h.sent(), QByteArray("RSET\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.last<CommandOk>().type, CommandType::Rset);
        h.session.noop();
        QCOMPARE(h.sent(), QByteArray("NOOP\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.last<CommandOk>().type, CommandType::Noop);
        h.session.quit();
        QCOMPARE(h.sent(), QByteArray("QUIT\r\n"));
        h.server("+OK bye\r\n");
        QCOMPARE(h.session.state(), SessionState::Closed);
        QCOMPARE(h.last<CommandOk>().type, CommandType::Quit);
        // Nothing is accepted after QUIT.
        h.session.noop();
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::InvalidState);
        QCOMPARE(h.sent(), QByteArray());
    }

    void utf8Command()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "UTF8 USER\r\nUSER\r\n");
        h.session.utf8();
        QCOMPARE(h.sent(), QByteArray("UTF8\r\n"));
        h.server("+OK UTF8 enabled\r\n");
        QCOMPARE(h.last<CommandOk>().type, CommandType::Utf8);
        h.session.authenticate(password(QStringLiteral("jürgen")));
        QCOMPARE(h.sent(), QByteArray("USER j\xc3\xbcrgen\r\n"));
    }

    void transactionCommandsBeforeLoginFail()
    {
        SessionHarness h(chunk());
        h.server("+OK\r\n");
        h.session.retr(1);
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::InvalidState);
        QCOMPARE(h.sent(), QByteArray());
    }

    void retrOfMissingMessageIsNotFatal()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.retr(9);
        QCOMPARE(h.sent(), QByteArray("RETR 9\r\n"));
        h.server("-ERR no such message\r\n");
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::ServerError);
        QCOMPARE(h.session.state(), SessionState::Transaction);
        h.session.noop();
        QCOMPARE(h.sent(), QByteArray("NOOP\r\n"));
    }

    // --- pipelining ----------------------------------------------------------

    void pipeliningWindow()
    {
        // The engine-test shape from STYLE.md: a window of two messages,
        // refilled once one has arrived.
        SessionHarness h(chunk(), options());
        loginUserPass(h, "PIPELINING\r\nUIDL\r\nUSER\r\n");
        h.session.retr(1);
        h.session.retr(2);
        h.session.retr(3);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\nRETR 2\r\n"));  // window full
        h.server("+OK\r\n..leading dot\r\n.\r\n");
        QCOMPARE(h.data(1), QByteArray(".leading dot\r\n"));
        QCOMPARE(h.sent(), QByteArray("RETR 3\r\n"));  // refilled at 1 outstanding
        h.server("+OK\r\n.\r\n-ERR [SYS/TEMP] busy\r\n");
        QCOMPARE(h.data(2), QByteArray());
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(2));
        const auto f = h.last<CommandFailed>();
        QCOMPARE(f.error.code, ErrorCode::ServerTemporary);
        QCOMPARE(f.error.serverText.raw(), QByteArray("busy"));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        windowKept(h, 100);
        QCOMPARE(h.sent(), QByteArray());
        QVERIFY(!h.logText().contains(kPassword));
    }

    void byteWindowFillsToBudget()
    {
        SessionHarness h(chunk(), budget(100));
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        for (quint32 i = 1; i <= 5; ++i)
            h.session.retr(i, std::nullopt, 30);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\nRETR 2\r\nRETR 3\r\n"));  // a 4th would make 120
        QCOMPARE(h.session.inflightBytes(), quint64(90));
        QCOMPARE(h.session.queuedCount(), 2);
        h.server(answer("a") + answer("b") + answer("c"));
        QCOMPARE(h.sent(), QByteArray("RETR 4\r\nRETR 5\r\n"));
        h.server(answer("d") + answer("e"));
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(5));
        QCOMPARE(h.data(5), QByteArray("e\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        windowKept(h, 100);
        QCOMPARE(h.sent(), QByteArray());
    }

    void byteWindowRefillsAsBytesDrain()
    {
        SessionHarness h(chunk(), budget(100));
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        for (quint32 i = 1; i <= 5; ++i)
            h.session.retr(i, std::nullopt, 30);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\nRETR 2\r\nRETR 3\r\n"));
        h.server(answer("a"));  // 60 left, at most ¾ of 100
        QCOMPARE(h.sent(), QByteArray("RETR 4\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(90));
        h.server(answer("b"));
        QCOMPARE(h.sent(), QByteArray("RETR 5\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(90));
        h.server(answer("c"));
        QCOMPARE(h.sent(), QByteArray());
        QCOMPARE(h.session.inflightBytes(), quint64(60));
        h.server(answer("d") + answer("e"));
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(5));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        windowKept(h, 100);
        QCOMPARE(h.sent(), QByteArray());
    }

    void byteWindowHysteresis()
    {
        SessionHarness h(chunk(), budget(100));
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        for (quint32 i = 1; i <= 8; ++i)
            h.session.retr(i, std::nullopt, 20);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\nRETR 2\r\nRETR 3\r\nRETR 4\r\nRETR 5\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(100));
        h.server(answer("1"));  // 80 > 75: room for one, but not yet
        QCOMPARE(h.sent(), QByteArray());
        QCOMPARE(h.session.inflightBytes(), quint64(80));
        h.server(answer("2"));  // 60: refilled in one burst
        QCOMPARE(h.sent(), QByteArray("RETR 6\r\nRETR 7\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(100));
        h.server(answer("3"));
        QCOMPARE(h.sent(), QByteArray());
        QCOMPARE(h.session.inflightBytes(), quint64(80));
        h.server(answer("4"));
        QCOMPARE(h.sent(), QByteArray("RETR 8\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(80));
        h.server(answer("5") + answer("6") + answer("7") + answer("8"));
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(8));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        windowKept(h, 100);
        QCOMPARE(h.sent(), QByteArray());
    }

    void messageLargerThanBudgetGoesAlone()
    {
        SessionHarness h(chunk(), budget(100));
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        h.session.retr(1, std::nullopt, 500);
        h.session.retr(2, std::nullopt, 10);
        h.session.retr(3, std::nullopt, 10);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        QByteArray body;
        for (int i = 0; i < 40; ++i)
            body += "0123456789\r\n";
        h.server("+OK\r\n" + body);
        QCOMPARE(h.sent(), QByteArray());  // nothing joins it while it streams
        h.server(".\r\n");
        QCOMPARE(h.data(1), body);
        QCOMPARE(h.sent(), QByteArray("RETR 2\r\nRETR 3\r\n"));
        h.server(answer("b") + answer("c"));
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(3));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        QCOMPARE(h.windowOverruns, 0);
        QCOMPARE(h.maxInflightBytes, quint64(500));
        QCOMPARE(h.sent(), QByteArray());
    }

    void windowOneWithoutPipelining()
    {
        SessionHarness h(chunk(), budget(100));
        loginUserPass(h);
        h.session.retr(1, std::nullopt, 500);
        h.session.retr(2, std::nullopt, 10);
        h.session.retr(3, std::nullopt, 10);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        h.server(answer("a"));
        QCOMPARE(h.sent(), QByteArray("RETR 2\r\n"));  // 10 fits, but one at a time
        h.server(answer("b"));
        QCOMPARE(h.sent(), QByteArray("RETR 3\r\n"));
        h.server(answer("c"));
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(3));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        QCOMPARE(h.windowOverruns, 0);
        QCOMPARE(h.sent(), QByteArray());
    }

    void errReleasesItsCharge()
    {
        SessionHarness h(chunk(), budget(100));
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        h.session.retr(1, std::nullopt, 60);
        h.session.retr(2, std::nullopt, 30);
        h.session.retr(3, std::nullopt, 40);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\nRETR 2\r\n"));
        h.server("-ERR no such message\r\n");
        QCOMPARE(h.last<CommandFailed>().type, CommandType::Retr);
        QCOMPARE(h.session.state(), SessionState::Transaction);
        QCOMPARE(h.sent(), QByteArray("RETR 3\r\n"));  // 30 + 40
        QCOMPARE(h.session.inflightBytes(), quint64(70));
        h.server(answer("b") + answer("c"));
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(2));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        windowKept(h, 100);
        QCOMPARE(h.sent(), QByteArray());
    }

    void serverSendsMoreThanListed()
    {
        SessionHarness h(chunk(), budget(100));
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        for (quint32 i = 1; i <= 3; ++i)
            h.session.retr(i, 200, 40);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\nRETR 2\r\n"));
        QByteArray body;
        for (int i = 0; i < 12; ++i)
            body += "0123456789\r\n";  // 144 octets for a message listed at 40
        h.server("+OK\r\n" + body);
        QCOMPARE(h.sent(), QByteArray());
        QCOMPARE(h.session.inflightBytes(), quint64(80));  // charged 40 whatever arrives
        h.server(".\r\n");
        QCOMPARE(h.data(1), body);
        QCOMPARE(h.sent(), QByteArray("RETR 3\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(80));
        // Past its bound (200) the message fails the session, as before.
        h.server("+OK\r\n" + body + body);
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::MessageOversized);
        QVERIFY(h.data(2).size() <= 200);
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        windowKept(h, 100);
        QCOMPARE(h.sent(), QByteArray());
    }

    void unknownSizeUsesDefaultCharge()
    {
        SessionOptions o = budget(100);
        o.unknownSizeCharge = 40;
        SessionHarness h(chunk(), o);
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        h.session.retr(1);
        h.session.retr(2);
        h.session.top(3, 0);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\nRETR 2\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(80));
        h.server(answer("a"));
        QCOMPARE(h.sent(), QByteArray("TOP 3 0\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(80));
        h.server(answer("b") + answer("c"));
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(3));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        windowKept(h, 100);
        QCOMPARE(h.sent(), QByteArray());
    }

    void topChargedItsHeaderAndAnAllowance()
    {
        SessionOptions o = budget(2 * Session::TopAllowance + 100);
        o.maxHeaderBytes = 64;
        o.unknownSizeCharge = 50;
        SessionHarness h(chunk(), o);
        loginUserPass(h, "PIPELINING\r\nUSER\r\nTOP\r\n");
        h.session.top(1, 0, std::nullopt, 1000);  // the header bound, not the size
        h.session.top(2, 0, std::nullopt, 10);
        h.session.top(3, 0);
        QCOMPARE(h.sent(), QByteArray("TOP 1 0\r\nTOP 2 0\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(64 + 10 + 2 * Session::TopAllowance));
        h.server(answer("Subject: a\r\n") + answer("Subject: b\r\n"));
        QCOMPARE(h.sent(), QByteArray("TOP 3 0\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(50));
        h.server(answer("Subject: c\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        windowKept(h, 2 * Session::TopAllowance + 100);
        QCOMPARE(h.sent(), QByteArray());
    }

    void commandCapLimitsADeleBurst()
    {
        SessionOptions o = budget(1);  // DELE costs no bytes, only a slot
        o.maxCommandsInFlight = 8;
        SessionHarness h(chunk(), o);
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        for (quint32 i = 1; i <= 12; ++i)
            h.session.dele(i);
        QCOMPARE(
            h.sent(), QByteArray("DELE 1\r\nDELE 2\r\nDELE 3\r\nDELE 4\r\nDELE 5\r\nDELE 6\r\nDELE 7\r\nDELE 8\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        h.server("+OK\r\n");  // 7 in flight, above ¾ of the cap
        QCOMPARE(h.sent(), QByteArray());
        h.server("+OK\r\n");  // 6: refilled to the cap
        QCOMPARE(h.sent(), QByteArray("DELE 9\r\nDELE 10\r\n"));
        h.server("+OK\r\n+OK\r\n");
        QCOMPARE(h.sent(), QByteArray("DELE 11\r\nDELE 12\r\n"));
        QCOMPARE(h.session.outstandingCount(), 8);
        h.server(QByteArray("+OK\r\n").repeated(8));
        QCOMPARE(h.eventsOf<CommandOk>().size(), size_t(12));
        QCOMPARE(h.session.outstandingCount(), 0);
        QCOMPARE(h.sent(), QByteArray());
    }

    void budgetChangeMidSession()
    {
        SessionHarness h(chunk(), budget(100));
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        for (quint32 i = 1; i <= 6; ++i)
            h.session.retr(i, std::nullopt, 40);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\nRETR 2\r\n"));
        h.session.setWindowBytes(200);  // a larger budget applies at once
        QCOMPARE(h.session.windowBytes(), quint64(200));
        QCOMPARE(h.sent(), QByteArray("RETR 3\r\nRETR 4\r\nRETR 5\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(200));
        h.session.setWindowBytes(50);  // a smaller one recalls nothing
        QCOMPARE(h.sent(), QByteArray());
        QCOMPARE(h.session.inflightBytes(), quint64(200));
        h.server(answer("1") + answer("2") + answer("3"));
        QCOMPARE(h.sent(), QByteArray());
        QCOMPARE(h.session.inflightBytes(), quint64(80));
        h.server(answer("4"));  // 40 > 37, ¾ of the new budget
        QCOMPARE(h.sent(), QByteArray());
        h.server(answer("5"));
        QCOMPARE(h.sent(), QByteArray("RETR 6\r\n"));
        QCOMPARE(h.session.inflightBytes(), quint64(40));
        h.server(answer("6"));
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(6));
        QCOMPARE(h.session.inflightBytes(), quint64(0));
        windowKept(h, 200);
        QCOMPARE(h.sent(), QByteArray());
    }

    void lockstepWithoutPipelining()
    {
        SessionHarness h(chunk(), options());
        loginUserPass(h);
        h.session.retr(1);
        h.session.retr(2);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        h.server("+OK\r\na\r\n.\r\n");
        QCOMPARE(h.sent(), QByteArray("RETR 2\r\n"));
        h.server("+OK\r\nb\r\n.\r\n");
        QCOMPARE(h.data(1), QByteArray("a\r\n"));
        QCOMPARE(h.data(2), QByteArray("b\r\n"));
        QCOMPARE(h.sent(), QByteArray());
    }

    void pipelinedDeleThenQuit()
    {
        SessionOptions o;
        o.maxCommandsInFlight = 8;
        SessionHarness h(chunk(), o);
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        h.session.dele(1);
        h.session.dele(2);
        h.session.quit();
        QCOMPARE(h.sent(), QByteArray("DELE 1\r\nDELE 2\r\nQUIT\r\n"));
        h.server("+OK\r\n-ERR message 2 already deleted\r\n+OK bye\r\n");
        QCOMPARE(h.eventsOf<CommandFailed>().size(), size_t(1));
        QCOMPARE(h.session.state(), SessionState::Closed);
    }

    // --- response codes and server text -------------------------------------

    void responseCodesTyped()
    {
        const QList<std::tuple<QByteArray, ErrorCode, QString>> rows = {
            { "-ERR [IN-USE] Do you have another POP session running?", ErrorCode::MailboxInUse,
                QStringLiteral("IN-USE") },
            { "-ERR [LOGIN-DELAY] wait 10 minutes", ErrorCode::LoginDelay, QStringLiteral("LOGIN-DELAY") },
            { "-ERR [SYS/TEMP] disk quota", ErrorCode::ServerTemporary, QStringLiteral("SYS/TEMP") },
            { "-ERR [SYS/PERM] gone", ErrorCode::ServerPermanent, QStringLiteral("SYS/PERM") },
            { "-ERR [AUTH] no", ErrorCode::AuthFailed, QStringLiteral("AUTH") },
            { "-ERR [UTF8] need UTF8", ErrorCode::Utf8Required, QStringLiteral("UTF8") },
            { "-ERR [X-FUTURE/THING] what", ErrorCode::ServerError, QStringLiteral("X-FUTURE/THING") },
            { "-ERR [sys/temp/sub] lower case", ErrorCode::ServerTemporary, QStringLiteral("SYS/TEMP/SUB") },
            { "-ERR plain", ErrorCode::ServerError, QString() },
        };
        for (const auto &[line, code, resp] : rows) {
            SessionHarness h(chunk());
            loginUserPass(h);
            h.session.noop();
            QCOMPARE(h.sent(), QByteArray("NOOP\r\n"));
            h.server(line + "\r\n");
            const auto f = h.last<CommandFailed>();
            QCOMPARE(f.error.code, code);
            QCOMPARE(f.error.responseCode, resp);
        }
    }

    void serverTextBoundedAndEscaped()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.noop();
        QCOMPARE(h.sent(), QByteArray("NOOP\r\n"));
        const QByteArray hostile = "\x1b[31mred\x07 \xe2\x80\xae"
                                   "evil\xff"
            + QByteArray(2000, 'x');
        h.server("-ERR " + hostile + "\r\n");
        const auto f = h.last<CommandFailed>();
        QVERIFY(f.error.serverText.wasTruncated());
        QCOMPARE(f.error.serverText.raw().size(), Poplar::ServerText::MaxLength);
        const QString shown = f.error.serverText.escaped();
        QVERIFY(shown.startsWith(QStringLiteral("\\x1b[31mred\\x07 \\u{202e}evil\\xff")));
        QVERIFY(!shown.contains(QChar(0x1b)));
        QVERIFY(!shown.contains(QChar(0x202e)));
    }

    // --- hostile input -------------------------------------------------------

    void overlongLineIsProtocolError()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.noop();
        QCOMPARE(h.sent(), QByteArray("NOOP\r\n"));
        h.server("+OK " + QByteArray(70 * 1024, 'a'));
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ResponseTooLong);
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::ResponseTooLong);
        QCOMPARE(h.sent(), QByteArray());
    }

    void overlongListingLineIsProtocolError()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.uidl();
        QCOMPARE(h.sent(), QByteArray("UIDL\r\n"));
        h.server("+OK\r\n1 " + QByteArray(70 * 1024, 'u'));
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ResponseTooLong);
    }

    void longLineInsideMessageIsFine()
    {
        SessionHarness h(chunk() == 0 ? 0 : 4096);
        loginUserPass(h);
        h.session.retr(1);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        const QByteArray huge(200 * 1024, 'z');
        h.server("+OK\r\n" + huge + "\r\n.\r\n");
        QCOMPARE(h.data(1), QByteArray(huge + "\r\n"));
        QCOMPARE(h.session.state(), SessionState::Transaction);
    }

    void garbageInsteadOfStatus()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.stat();
        h.session.list();
        QCOMPARE(h.sent(), QByteArray("STAT\r\n"));
        h.server("OK 1 2\r\n");
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ProtocolError);
        // Both the command in flight and the queued one are answered.
        QCOMPARE(h.eventsOf<CommandFailed>().size(), size_t(2));
        QCOMPARE(h.sent(), QByteArray());
    }

    void unsolicitedResponse()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.server("+OK surprise\r\n");
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ProtocolError);
    }

    void malformedAnswers()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.stat();
        QCOMPARE(h.sent(), QByteArray("STAT\r\n"));
        h.server("+OK lots\r\n");
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::ProtocolError);
        QCOMPARE(h.session.state(), SessionState::Transaction);
        h.session.list();
        QCOMPARE(h.sent(), QByteArray("LIST\r\n"));
        h.server("+OK\r\n1 100\r\nbogus\r\n3 -5\r\n.\r\n");
        // Unreadable lines are set aside, the rest of the answer is used.
        const auto list = h.last<ListReceived>();
        QCOMPARE(list.entries, (std::vector<ListEntry> { { 1, 100 } }));
        QCOMPARE(list.rejected.count, qsizetype(2));
        QCOMPARE(list.rejected.messages, std::vector<quint32> { 3 });
        QCOMPARE(list.rejected.first, QByteArrayList({ "bogus", "3 -5" }));
        h.session.uidl();
        QCOMPARE(h.sent(), QByteArray("UIDL\r\n"));
        h.server("+OK\r\n1 \x01\x02\r\n.\r\n");
        const auto uidl = h.last<UidlReceived>();
        QVERIFY(uidl.entries.empty());
        QCOMPARE(uidl.rejected.messages, std::vector<quint32> { 1 });
        QVERIFY(h.eventsOf<CommandFailed>().size() == 1);  // only STAT's
        // The stream stayed in sync.
        h.session.noop();
        QCOMPARE(h.sent(), QByteArray("NOOP\r\n"));
        h.server("+OK\r\n");
        QCOMPARE(h.last<CommandOk>().type, CommandType::Noop);
        QCOMPARE(h.session.state(), SessionState::Transaction);
    }

    void listingEntryBound()
    {
        SessionOptions o;
        o.maxListingEntries = 3;
        SessionHarness h(chunk(), o);
        loginUserPass(h);
        h.session.list();
        QCOMPARE(h.sent(), QByteArray("LIST\r\n"));
        h.server("+OK\r\n1 1\r\n2 2\r\n3 3\r\n4 4\r\n");
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ListingTooLarge);
    }

    void capabilityFloodIsBounded()
    {
        SessionHarness h(chunk() == 0 ? 0 : 4096);
        h.server("+OK\r\n");
        h.session.capa();
        QCOMPARE(h.sent(), QByteArray("CAPA\r\n"));
        QByteArray words;
        for (int i = 0; i < 2000; ++i)
            words += " A";
        QByteArray lines;
        for (int i = 0; i < 100; ++i)
            lines += "UTF8" + words + "\r\nSASL" + words + "\r\n";
        h.server("+OK\r\n" + lines + ".\r\n");
        const Capabilities c = h.session.capabilities();
        QVERIFY(c.utf8Arguments.size() <= 16);
        QVERIFY(c.saslMechanisms.size() <= 64);
        QVERIFY(c.lines.size() <= 256);
    }

    void endlessCapabilityAnswerFails()
    {
        SessionHarness h(chunk() == 0 ? 0 : 4096);
        h.server("+OK\r\n");
        h.session.capa();
        QCOMPARE(h.sent(), QByteArray("CAPA\r\n"));
        QByteArray lines = "+OK\r\n";
        for (int i = 0; i < 1001; ++i)
            lines += "X-FILLER " + QByteArray::number(i) + "\r\n";
        h.server(lines);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ResponseTooLong);
    }

    void malformedListingStillBounded()
    {
        SessionOptions o;
        o.maxListingEntries = 3;
        SessionHarness h(chunk(), o);
        loginUserPass(h);
        h.session.uidl();
        QCOMPARE(h.sent(), QByteArray("UIDL\r\n"));
        h.server("+OK\r\nbogus\r\n1 a\r\n2 b\r\n3 c\r\n");
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ListingTooLarge);
    }

    void listingByteBudget()
    {
        SessionOptions o;
        o.maxListingBytes = 100;
        SessionHarness h(chunk(), o);
        loginUserPass(h);
        h.session.uidl();
        QCOMPARE(h.sent(), QByteArray("UIDL\r\n"));
        h.server("+OK\r\n1 " + QByteArray(60, 'u') + "\r\n2 " + QByteArray(60, 'v') + "\r\n.\r\n");
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ListingTooLarge);
        QVERIFY(h.eventsOf<UidlReceived>().empty());
    }

    void successAfterCancelledLoginIsRejected()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "SASL LOGIN\r\n");
        h.session.authenticate(password());
        QCOMPARE(h.sent(), QByteArray("AUTH LOGIN\r\n"));
        h.server("+ VXNlcm5hbWU6\r\n");
        QCOMPARE(h.sent(), QByteArray(b64("alice") + "\r\n"));
        h.server("+ UGFzc3dvcmQ6\r\n");
        QCOMPARE(h.sent(), QByteArray(b64(kPassword) + "\r\n"));
        h.server("+ TW9yZTo=\r\n");  // a third prompt LOGIN does not have
        QCOMPARE(h.sent(), QByteArray("*\r\n"));
        h.server("+OK welcome anyway\r\n");
        QVERIFY(h.eventsOf<Authenticated>().empty());
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ProtocolError);
        QCOMPARE(h.sent(), QByteArray());
    }

    void plainSecretSentOnlyOnce()
    {
        const QByteArray longPassword(300, 'y');
        SessionHarness h(chunk());
        connectWithCaps(h, "SASL PLAIN\r\n");
        h.session.authenticate(password(QStringLiteral("alice"), longPassword));
        QCOMPARE(h.sent(), QByteArray("AUTH PLAIN\r\n"));
        h.server("+ \r\n");
        QCOMPARE(h.sent(), QByteArray(b64(QByteArray("\0alice\0", 7) + longPassword) + "\r\n"));
        h.server("+ \r\n");  // asks again: the secret is not repeated
        QCOMPARE(h.sent(), QByteArray("*\r\n"));
        h.server("-ERR cancelled\r\n");
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::ProtocolError);
    }

    void connectionLostMidMessage()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.retr(1);
        h.session.dele(1);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        h.server("+OK\r\npartial li");
        h.session.connectionClosed();
        h.drain();
        QCOMPARE(h.session.state(), SessionState::Failed);
        QVERIFY(h.eventsOf<DataComplete>().empty());
        const auto failed = h.eventsOf<CommandFailed>();
        QCOMPARE(failed.size(), size_t(2));
        QCOMPARE(failed.at(0).type, CommandType::Retr);
        QCOMPARE(failed.at(0).error.code, ErrorCode::ConnectionLost);
        QCOMPARE(failed.at(1).type, CommandType::Dele);
        QCOMPARE(h.sent(), QByteArray());
    }

    void closeAfterQuitIsClean()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.quit();
        QCOMPARE(h.sent(), QByteArray("QUIT\r\n"));
        h.server("+OK bye\r\n");
        h.session.connectionClosed();
        h.drain();
        QVERIFY(h.eventsOf<SessionFailed>().empty());
        QCOMPARE(h.session.state(), SessionState::Closed);
    }

    void logHasReadWrittenEntriesAndNoSecrets()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "SASL PLAIN\r\nUSER\r\n");
        h.session.authenticate(password());
        QVERIFY(!h.sent().isEmpty());
        h.server("+OK\r\n");
        h.session.stat();
        QCOMPARE(h.sent(), QByteArray("STAT\r\n"));
        h.server("+OK 0 0\r\n");
        bool sawWritten = false, sawRead = false;
        for (const auto &e : h.log) {
            QVERIFY2(!e.text.contains(kPassword), e.text.constData());
            QVERIFY2(!e.text.contains(b64(QByteArray("\0alice\0", 7) + kPassword)), e.text.constData());
            sawWritten = sawWritten || (e.kind == LogEntry::Kind::Written && e.text == "STAT");
            sawRead = sawRead || (e.kind == LogEntry::Kind::Read && e.text == "+OK 0 0");
        }
        QVERIFY(sawWritten);
        QVERIFY(sawRead);
        QVERIFY(h.logText().contains("AUTH PLAIN <initial response masked>"));
    }

    // --- STLS refused, and what the plaintext greeting said -----------------

    void stlsRefusedIsStlsFailedWhateverTheCode_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("responseCode");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("sys/temp") << QByteArray("-ERR [SYS/TEMP] TLS engine busy") << QStringLiteral("SYS/TEMP")
                                  << QByteArray("TLS engine busy");
        QTest::newRow("sys/perm") << QByteArray("-ERR [SYS/PERM] no TLS here") << QStringLiteral("SYS/PERM")
                                  << QByteArray("no TLS here");
        QTest::newRow("in-use") << QByteArray("-ERR [IN-USE] locked") << QStringLiteral("IN-USE")
                                << QByteArray("locked");
        QTest::newRow("plain") << QByteArray("-ERR not now") << QString() << QByteArray("not now");
    }

    void stlsRefusedIsStlsFailedWhateverTheCode()
    {
        QFETCH_GLOBAL(int, chunk);
        QFETCH(QByteArray, answer);
        QFETCH(QString, responseCode);
        QFETCH(QByteArray, text);
        SessionHarness h(chunk);
        connectWithCaps(h, "STLS\r\nUSER\r\n", false);
        h.session.stls();
        QCOMPARE(h.sent(), QByteArray("STLS\r\n"));
        h.server(answer + "\r\n");
        const auto f = h.last<CommandFailed>();
        QCOMPARE(f.type, CommandType::Stls);
        QCOMPARE(f.error.code, ErrorCode::StlsFailed);
        QCOMPARE(f.error.responseCode, responseCode);
        QCOMPARE(f.error.serverText.raw(), text);
        QCOMPARE(h.sent(), QByteArray());
    }

    void stlsForgetsTheGreeting()
    {
        // The APOP timestamp came over the unprotected link: after STLS it
        // must not make APOP available (nor survive anywhere).
        SessionHarness h(chunk());
        connectWithCaps(h, "STLS\r\nUSER\r\n", false, "+OK hello <123.456@pop.example>\r\n");
        QCOMPARE(h.session.apopTimestamp(), QByteArray("<123.456@pop.example>"));
        h.session.stls();
        QCOMPARE(h.sent(), QByteArray("STLS\r\n"));
        h.server("+OK go\r\n");
        h.session.tlsEstablished();
        QCOMPARE(h.sent(), QByteArray("CAPA\r\n"));
        QCOMPARE(h.session.apopTimestamp(), QByteArray());
        QCOMPARE(h.session.greetingText(), QByteArray());
        h.server("+OK\r\nIMPLEMENTATION no login offered\r\n.\r\n");
        h.session.authenticate(password());
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::AuthMechanismUnavailable);
        QCOMPARE(h.sent(), QByteArray());
    }

    // --- SCRAM iteration count ----------------------------------------------

    void scramLowIterationCountRefused_data()
    {
        QTest::addColumn<int>("iterations");
        QTest::addColumn<bool>("refused");
        QTest::newRow("1") << 1 << true;
        QTest::newRow("1000") << 1000 << true;
        QTest::newRow("4095") << 4095 << true;
        QTest::newRow("4096") << 4096 << false;
    }

    void scramLowIterationCountRefused()
    {
        QFETCH_GLOBAL(int, chunk);
        QFETCH(int, iterations);
        QFETCH(bool, refused);
        SessionOptions o;
        o.nonceGenerator = [] { return QByteArray("rOprNGfwEbeRWgbNEkqO"); };
        SessionHarness h(chunk, o);
        connectWithCaps(h, "SASL SCRAM-SHA-256\r\n");
        h.session.authenticate(password(QStringLiteral("user"), "pencil"));
        QVERIFY(h.sent().startsWith("AUTH SCRAM-SHA-256 "));
        h.server("+ "
            + b64("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i="
                + QByteArray::number(iterations))
            + "\r\n");
        const QByteArray answer = h.sent();
        if (!refused) {
            QVERIFY(QByteArray::fromBase64(answer.trimmed()).contains(",p="));
            return;
        }
        // Cancelled before any proof was computed or sent.
        QCOMPARE(answer, QByteArray("*\r\n"));
        h.server("-ERR cancelled\r\n");
        const auto f = h.last<CommandFailed>();
        QCOMPARE(f.type, CommandType::Authenticate);
        QCOMPARE(f.error.code, ErrorCode::AuthTooWeak);
        QVERIFY(h.eventsOf<Authenticated>().empty());
        QCOMPARE(h.sent(), QByteArray());
    }

    // --- UTF8 (RFC 6856) and credentials beyond ASCII -------------------------

    void nonAsciiCredentials_data()
    {
        QTest::addColumn<QByteArray>("caps");
        QTest::addColumn<QByteArray>("utf8Answer");  // empty: UTF8 not sent
        QTest::addColumn<QString>("user");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("expectedFirstLine");  // empty: refused before sending
        const QString juergen = QStringLiteral("j\u00fcrgen");
        const QByteArray umlautPassword = "p\xc3\xa4sswort";
        QTest::newRow("utf8 user accepted: user/pass")
            << QByteArray("UTF8 USER\r\nUSER\r\n") << QByteArray("+OK\r\n") << juergen << QByteArray("secret")
            << QByteArray("USER j\xc3\xbcrgen\r\n");
        QTest::newRow("utf8 user accepted: password")
            << QByteArray("UTF8 USER\r\nUSER\r\n") << QByteArray("+OK\r\n") << QStringLiteral("alice") << umlautPassword
            << QByteArray("USER alice\r\n");
        QTest::newRow("utf8 without user argument") << QByteArray("UTF8\r\nUSER\r\n") << QByteArray("+OK\r\n")
                                                    << juergen << QByteArray("secret") << QByteArray();
        QTest::newRow("utf8 user refused") << QByteArray("UTF8 USER\r\nUSER\r\n") << QByteArray("-ERR no\r\n")
                                           << QStringLiteral("alice") << umlautPassword << QByteArray();
        QTest::newRow("utf8 never sent") << QByteArray("UTF8 USER\r\nUSER\r\n") << QByteArray() << juergen
                                         << QByteArray("secret") << QByteArray();
        QTest::newRow("no utf8, login") << QByteArray("SASL LOGIN\r\nUSER\r\n") << QByteArray()
                                        << QStringLiteral("alice") << umlautPassword << QByteArray();
        QTest::newRow("ascii needs nothing") << QByteArray("USER\r\n") << QByteArray() << QStringLiteral("alice")
                                             << QByteArray("secret") << QByteArray("USER alice\r\n");
        // PLAIN is defined on UTF-8 (RFC 4616): it carries it without UTF8.
        QTest::newRow("no utf8, plain carries it")
            << QByteArray("USER\r\nSASL PLAIN\r\n") << QByteArray() << juergen << umlautPassword
            << QByteArray(
                   "AUTH PLAIN " + QByteArray("\0j\xc3\xbcrgen\0", 9).append(umlautPassword).toBase64() + "\r\n");
    }

    void nonAsciiCredentials()
    {
        QFETCH_GLOBAL(int, chunk);
        QFETCH(QByteArray, caps);
        QFETCH(QByteArray, utf8Answer);
        QFETCH(QString, user);
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, expectedFirstLine);
        SessionHarness h(chunk);
        connectWithCaps(h, caps);
        if (!utf8Answer.isEmpty()) {
            h.session.utf8();
            QCOMPARE(h.sent(), QByteArray("UTF8\r\n"));
            h.server(utf8Answer);
            QCOMPARE(h.session.utf8Active(), utf8Answer.startsWith("+OK"));
        }
        h.session.authenticate(password(user, secret));
        if (expectedFirstLine.isEmpty()) {
            QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::Utf8LoginUnsupported);
            QCOMPARE(h.sent(), QByteArray());
        } else {
            QCOMPARE(h.sent(), expectedFirstLine);
        }
    }

    void utf8RefusedIsNotFatal()
    {
        SessionHarness h(chunk());
        connectWithCaps(h, "UTF8\r\nUSER\r\n");
        h.session.utf8();
        h.session.authenticate(password());
        QCOMPARE(h.sent(), QByteArray("UTF8\r\n"));  // a barrier: USER waits
        h.server("-ERR [UTF8] not today\r\n");
        QCOMPARE(h.last<CommandFailed>().type, CommandType::Utf8);
        QVERIFY(!h.session.utf8Active());
        QCOMPARE(h.sent(), QByteArray("USER alice\r\n"));
        QCOMPARE(h.session.state(), SessionState::Authorization);
    }

    // --- listings with garbage rows -----------------------------------------

    void listingGarbageRows_data()
    {
        QTest::addColumn<bool>("isUidl");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QByteArray>("entries");  // "n:x n:x" (size or uid)
        QTest::addColumn<int>("rejected");
        QTest::addColumn<QList<quint32>>("rejectedMessages");
        QTest::newRow("list: clean") << false << QByteArray("1 10\r\n2 20\r\n") << QByteArray("1:10 2:20") << 0
                                     << QList<quint32>();
        QTest::newRow("list: word") << false << QByteArray("1 10\r\nbogus\r\n2 20\r\n") << QByteArray("1:10 2:20") << 1
                                    << QList<quint32>();
        QTest::newRow("list: negative size")
            << false << QByteArray("1 10\r\n3 -5\r\n") << QByteArray("1:10") << 1 << QList<quint32> { 3 };
        QTest::newRow("list: size missing")
            << false << QByteArray("4\r\n5 50\r\n") << QByteArray("5:50") << 1 << QList<quint32> { 4 };
        QTest::newRow("list: number zero")
            << false << QByteArray("0 10\r\n1 10\r\n") << QByteArray("1:10") << 1 << QList<quint32>();
        QTest::newRow("list: number too big")
            << false << QByteArray("4294967296 10\r\n1 10\r\n") << QByteArray("1:10") << 1 << QList<quint32>();
        QTest::newRow("list: size overflow") << false << QByteArray("2 99999999999999999999999\r\n1 1\r\n")
                                             << QByteArray("1:1") << 1 << QList<quint32> { 2 };
        QTest::newRow("list: empty line")
            << false << QByteArray("\r\n1 10\r\n") << QByteArray("1:10") << 1 << QList<quint32>();
        QTest::newRow("list: repeated number kept for the merge")
            << false << QByteArray("1 10\r\n1 11\r\n") << QByteArray("1:10 1:11") << 0 << QList<quint32>();
        QTest::newRow("list: extra words are fine")
            << false << QByteArray("1 10 extra\r\n") << QByteArray("1:10") << 0 << QList<quint32>();
        QTest::newRow("uidl: control characters")
            << true << QByteArray("1 a\x01z\r\n2 ok\r\n") << QByteArray("2:ok") << 1 << QList<quint32> { 1 };
        QTest::newRow("uidl: uid missing")
            << true << QByteArray("1\r\n2 ok\r\n") << QByteArray("2:ok") << 1 << QList<quint32> { 1 };
        QTest::newRow("uidl: uid too long") << true << QByteArray("1 " + QByteArray(513, 'u') + "\r\n2 ok\r\n")
                                            << QByteArray("2:ok") << 1 << QList<quint32> { 1 };
        QTest::newRow("uidl: 8-bit uid") << true << QByteArray("1 caf\xc3\xa9\r\n2 ok\r\n") << QByteArray("2:ok") << 1
                                         << QList<quint32> { 1 };
        QTest::newRow("uidl: garbage number")
            << true << QByteArray("x1 a\r\n2 ok\r\n") << QByteArray("2:ok") << 1 << QList<quint32>();
    }

    void listingGarbageRows()
    {
        QFETCH_GLOBAL(int, chunk);
        QFETCH(bool, isUidl);
        QFETCH(QByteArray, answer);
        QFETCH(QByteArray, entries);
        QFETCH(int, rejected);
        QFETCH(QList<quint32>, rejectedMessages);
        SessionHarness h(chunk);
        loginUserPass(h);
        if (isUidl)
            h.session.uidl();
        else
            h.session.list();
        QCOMPARE(h.sent(), isUidl ? QByteArray("UIDL\r\n") : QByteArray("LIST\r\n"));
        h.server("+OK\r\n" + answer + ".\r\n");
        QByteArrayList got;
        RejectedLines r;
        if (isUidl) {
            const auto u = h.last<UidlReceived>();
            for (const UidlEntry &e : u.entries)
                got << QByteArray::number(e.message) + ':' + e.uid;
            r = u.rejected;
        } else {
            const auto l = h.last<ListReceived>();
            for (const ListEntry &e : l.entries)
                got << QByteArray::number(e.message) + ':' + QByteArray::number(e.size);
            r = l.rejected;
        }
        QCOMPARE(got.join(' '), entries);
        QCOMPARE(r.count, qsizetype(rejected));
        QCOMPARE(QList<quint32>(r.messages.begin(), r.messages.end()), rejectedMessages);
        QCOMPARE(r.first.size(), qsizetype(rejected));
        for (const QByteArray &line : std::as_const(r.first))
            QVERIFY(line.size() <= RejectedLines::MaxLineKept);
        QVERIFY(h.eventsOf<CommandFailed>().empty());
        // The stream stayed in sync.
        h.session.noop();
        QCOMPARE(h.sent(), QByteArray("NOOP\r\n"));
    }

    void rejectedLinesAreBounded()
    {
        SessionHarness h(chunk() == 0 ? 0 : 4096);
        loginUserPass(h);
        h.session.uidl();
        QCOMPARE(h.sent(), QByteArray("UIDL\r\n"));
        QByteArray answer = "+OK\r\n";
        for (int i = 1; i <= 1000; ++i)
            answer += QByteArray::number(i) + ' ' + QByteArray(300, '\x7f') + "\r\n";
        h.server(answer + ".\r\n");
        const auto u = h.last<UidlReceived>();
        QCOMPARE(u.rejected.count, qsizetype(1000));
        QCOMPARE(u.rejected.messages.size(), size_t(1000));
        QCOMPARE(u.rejected.first.size(), qsizetype(RejectedLines::MaxKept));
        QCOMPARE(u.rejected.first.at(0).size(), RejectedLines::MaxLineKept);
    }

    // --- bounds on message data -----------------------------------------------

    void retrPastItsBoundFailsTheSession()
    {
        SessionHarness h(chunk(), options());
        loginUserPass(h, "PIPELINING\r\nUSER\r\n");
        h.session.retr(1, 40);
        h.session.retr(2, 1000);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\nRETR 2\r\n"));
        QByteArray body;
        for (int i = 0; i < 10; ++i)
            body += "0123456789\r\n";
        h.server("+OK\r\n" + body);
        QCOMPARE(h.session.state(), SessionState::Failed);
        // Never more than the bound reached the consumer.
        QVERIFY(h.data(1).size() <= 40);
        const auto failed = h.eventsOf<CommandFailed>();
        QCOMPARE(failed.size(), size_t(2));
        QCOMPARE(failed.at(0).type, CommandType::Retr);
        QCOMPARE(failed.at(0).error.code, ErrorCode::MessageOversized);
        QVERIFY(!failed.at(0).sessionFailed);  // the message's own failure…
        QVERIFY(failed.at(1).sessionFailed);   // …then everything else
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::MessageOversized);
        QVERIFY(h.eventsOf<DataComplete>().empty());
        h.session.quit();
        QCOMPARE(h.sent(), QByteArray());  // nothing more goes out, not even QUIT
    }

    void retrUpToItsBoundIsFine()
    {
        SessionHarness h(chunk());
        loginUserPass(h);
        h.session.retr(1, 20);
        QCOMPARE(h.sent(), QByteArray("RETR 1\r\n"));
        h.server("+OK\r\n0123456789\r\n012345\r\n.\r\n");  // exactly 20 octets
        QCOMPARE(h.last<DataComplete>().size, quint64(20));
        QCOMPARE(h.session.state(), SessionState::Transaction);
    }

    void topHeaderBoundedWithoutSize()
    {
        SessionOptions o;
        o.maxHeaderBytes = 64;
        SessionHarness h(chunk(), o);
        loginUserPass(h);
        // A header within the bound, then a long body: fine.
        h.session.top(1, 3);
        QCOMPARE(h.sent(), QByteArray("TOP 1 3\r\n"));
        h.server("+OK\r\nSubject: short\r\n\r\n" + QByteArray(200, 'b') + "\r\n.\r\n");
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(1));
        // Bare line feeds end the header too.
        h.session.top(2, 0);
        QCOMPARE(h.sent(), QByteArray("TOP 2 0\r\n"));
        h.server("+OK\nSubject: lf\n\n" + QByteArray(100, 'b') + "\n.\n");
        QCOMPARE(h.eventsOf<DataComplete>().size(), size_t(2));
        // A header that never ends.
        h.session.top(3, 0);
        QCOMPARE(h.sent(), QByteArray("TOP 3 0\r\n"));
        QByteArray endless = "+OK\r\n";
        for (int i = 0; i < 10; ++i)
            endless += "X-Filler: " + QByteArray::number(i) + "\r\n";
        h.server(endless);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::MessageOversized);
        QCOMPARE(h.last<CommandFailed>().type, CommandType::Top);
        QVERIFY(h.data(3).size() <= 64);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
