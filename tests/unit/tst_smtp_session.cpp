// Smtp::Session as transcripts: every command, mechanism and reply class,
// with the server's bytes fed under TCP splits of 1, 2, 3, 7 and 64 octets
// and whole. Each step asserts the exact bytes the client wrote, and that
// nothing else went out.
#include "SmtpSessionHarness.h"

#include <QTest>

using namespace Smtp::Events;
using Poplar::ErrorCode;
using PoplarTest::SmtpSessionHarness;
using Sasl::Credentials;
using Sasl::Mechanism;
using Smtp::Capabilities;
using Smtp::Envelope;
using Smtp::Session;
using Smtp::SessionOptions;
using Smtp::SessionState;

namespace {

QByteArray b64(const QByteArray &s)
{
    return s.toBase64();
}

Credentials password(const QString &user, const QByteArray &secret, Mechanism pinned = Mechanism::Auto)
{
    Credentials c;
    c.user = user;
    c.secret = Poplar::Secret(QByteArray(secret));
    c.mechanism = pinned;
    return c;
}

Credentials token(const QString &user, const QByteArray &bearer)
{
    Credentials c = password(user, bearer);
    c.kind = Credentials::Kind::OAuthToken;
    return c;
}

Envelope envelope(QByteArrayList to, quint64 size = 100, bool eightBit = false)
{
    Envelope e;
    e.from = "alice@example.org";
    e.recipients = std::move(to);
    e.size = size;
    e.eightBit = eightBit;
    return e;
}

Capabilities capsOf(const QByteArray &ehloLines)
{
    Smtp::ReplyReader r;
    r.feed(ehloLines);
    return Capabilities::fromEhlo(r.takeReply());
}

}  // namespace

class TestSmtpSession : public QObject
{
    Q_OBJECT

    int chunk() const
    {
        QFETCH_GLOBAL(int, chunk);
        return chunk;
    }

    // Greeting and EHLO; `caps` are the EHLO lines after the first, each
    // "250-…" except the last "250 …".
    static void greet(SmtpSessionHarness &h, const QByteArray &caps, bool encrypted = true)
    {
        h.session.setLinkEncrypted(encrypted);
        h.server("220 mail.example.org ESMTP ready\r\n");
        QCOMPARE(h.sent(), QByteArray("EHLO [127.0.0.1]\r\n"));
        h.server("250-mail.example.org hello\r\n" + caps);
        QCOMPARE(h.session.state(), SessionState::Ready);
    }

    // The message's last steps after DATA: 354, the bytes, the dot, the reply.
    static void deliver(SmtpSessionHarness &h, const QByteArray &message, const QByteArray &wire)
    {
        h.server("354 go ahead\r\n");
        QVERIFY(h.session.wantsData());
        for (qsizetype i = 0; i < message.size(); i += 5)
            h.session.writeData(QByteArrayView(message).sliced(i, std::min<qsizetype>(5, message.size() - i)));
        h.session.endData();
        QVERIFY(h.session.awaitingFinalReply());
        QCOMPARE(h.sent(), wire + ".\r\n");
        h.server("250 2.0.0 Ok: queued as 4F2A\r\n");
        QVERIFY(!h.session.awaitingFinalReply());
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<int>("chunk");
        for (int c : { 1, 2, 3, 7, 64 })
            QTest::addRow("chunk-%d", c) << c;
        QTest::addRow("whole") << 0;
    }

    // --- greeting and EHLO ---------------------------------------------------

    void greetingAndEhlo()
    {
        SmtpSessionHarness h(chunk());
        QVERIFY(h.session.awaitingReply());
        QCOMPARE(h.sent(), QByteArray());
        h.server("220-mail.example.org ESMTP\r\n220 no UCE\r\n");
        QCOMPARE(h.last<Greeting>().text.raw(), QByteArray("mail.example.org ESMTP\nno UCE"));
        QCOMPARE(h.sent(), QByteArray("EHLO [127.0.0.1]\r\n"));
        h.server("250-mail.example.org\r\n250-PIPELINING\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n"
                 "250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250 SMTPUTF8\r\n");
        const Ready ready = h.last<Ready>();
        QVERIFY(ready.extended);
        QVERIFY(ready.capabilities.pipelining);
        QCOMPARE(ready.capabilities.sizeLimit, quint64(35882577));
        QVERIFY(ready.capabilities.smtpUtf8);
        QCOMPARE(ready.capabilities.domain, QByteArray("mail.example.org"));
        QCOMPARE(h.session.state(), SessionState::Ready);
        QVERIFY(!h.session.awaitingReply());
        QCOMPARE(h.sent(), QByteArray());
    }

    void clientNameIsTheOptionsOwn()
    {
        SessionOptions o;
        o.clientName = "[192.0.2.7]";
        SmtpSessionHarness h(chunk(), o);
        h.server("220 hi\r\n");
        QCOMPARE(h.sent(), QByteArray("EHLO [192.0.2.7]\r\n"));
    }

    void heloWhenTheServerKnowsNoEhlo()
    {
        SmtpSessionHarness h(chunk());
        h.server("220 old server\r\n");
        QCOMPARE(h.sent(), QByteArray("EHLO [127.0.0.1]\r\n"));
        h.server("502 5.5.2 command not recognized\r\n");
        QCOMPARE(h.sent(), QByteArray("HELO [127.0.0.1]\r\n"));
        h.server("250 old.example.org\r\n");
        QVERIFY(!h.last<Ready>().extended);
        QCOMPARE(h.session.capabilities().domain, QByteArray("old.example.org"));
        QVERIFY(!h.session.capabilities().pipelining);
        // Without extensions a message goes out plainly, one command at a time.
        h.session.send(envelope({ "bob@example.net" }));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\n"));
    }

    void noHeloWhereStartTlsIsRequired()
    {
        SessionOptions o;
        o.requireStartTls = true;
        SmtpSessionHarness h(chunk(), o);
        h.server("220 old server\r\n");
        QCOMPARE(h.sent(), QByteArray("EHLO [127.0.0.1]\r\n"));
        h.server("500 what?\r\n");
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::StlsUnavailable);
        QCOMPARE(h.sent(), QByteArray());
    }

    void refusingGreetings_data()
    {
        QTest::addColumn<QByteArray>("greeting");
        QTest::addColumn<int>("code");
        QTest::newRow("554") << QByteArray("554 5.7.1 no service for you\r\n") << int(ErrorCode::ServerPermanent);
        QTest::newRow("421") << QByteArray("421 4.3.2 try later\r\n") << int(ErrorCode::ServerTemporary);
        QTest::newRow("not smtp") << QByteArray("+OK POP3 ready\r\n") << int(ErrorCode::ProtocolError);
        QTest::newRow("250 as greeting") << QByteArray("250 hello\r\n") << int(ErrorCode::ProtocolError);
    }

    void refusingGreetings()
    {
        QFETCH(QByteArray, greeting);
        QFETCH(int, code);
        SmtpSessionHarness h(chunk());
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net" }));
        h.server(greeting);
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(int(h.last<SessionFailed>().error.code), code);
        QCOMPARE(h.last<MessageFailed>().id, id);
        QCOMPARE(int(h.last<MessageFailed>().error.code), code);
        QCOMPARE(h.sent(), QByteArray());
    }

    void ehloTemporaryFailure()
    {
        SmtpSessionHarness h(chunk());
        h.server("220 hi\r\n");
        QCOMPARE(h.sent(), QByteArray("EHLO [127.0.0.1]\r\n"));
        h.server("451 4.3.0 busy\r\n");
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ServerTemporary);
        QCOMPARE(h.last<SessionFailed>().error.responseCode, QStringLiteral("4.3.0"));
        QCOMPARE(h.sent(), QByteArray());
    }

    // --- STARTTLS ------------------------------------------------------------

    void startTlsSaysEhloAgain()
    {
        SmtpSessionHarness h(chunk());
        h.session.startTls();
        h.session.authenticate(password(QStringLiteral("alice"), "secret"));
        greet(h, "250-STARTTLS\r\n250 AUTH LOGIN\r\n", false);
        QCOMPARE(h.sent(), QByteArray("STARTTLS\r\n"));
        h.server("220 2.0.0 go ahead\r\n");
        QCOMPARE(h.count<StartTlsReady>(), 1);
        QVERIFY(h.session.awaitingTlsHandshake());
        QCOMPARE(h.sent(), QByteArray());
        h.session.tlsEstablished();
        QVERIFY(h.session.linkEncrypted());
        // What the server said before the handshake is forgotten.
        QVERIFY(!h.session.capabilities().startTls);
        QCOMPARE(h.sent(), QByteArray("EHLO [127.0.0.1]\r\n"));
        h.server("250-mail.example.org\r\n250 AUTH PLAIN\r\n");
        QCOMPARE(h.count<Ready>(), 2);
        // Only now the login, with what the encrypted EHLO offered.
        QCOMPARE(h.sent(), QByteArray("AUTH PLAIN " + b64(QByteArray("\0alice\0secret", 13)) + "\r\n"));
        h.server("235 2.7.0 ok\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::Plain);
        QCOMPARE(h.sent(), QByteArray());
    }

    // Anything after the 220 arrived before the handshake: an attacker's
    // answer to our next command, in plaintext (the STARTTLS injection).
    void startTlsRefusesWhatCameBeforeTheHandshake()
    {
        SmtpSessionHarness h(chunk());
        h.session.startTls();
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net" }));
        greet(h, "250 STARTTLS\r\n", false);
        QCOMPARE(h.sent(), QByteArray("STARTTLS\r\n"));
        h.server("220 go ahead\r\n250-mail.example.org\r\n250 AUTH PLAIN\r\n");
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::StlsFailed);
        QCOMPARE(h.last<MessageFailed>().id, id);
        h.session.tlsEstablished();
        QCOMPARE(h.sent(), QByteArray());
    }

    void startTlsRefused()
    {
        SmtpSessionHarness h(chunk());
        h.session.startTls();
        h.session.authenticate(password(QStringLiteral("alice"), "secret"));
        greet(h, "250-STARTTLS\r\n250 AUTH PLAIN\r\n", false);
        QCOMPARE(h.sent(), QByteArray("STARTTLS\r\n"));
        h.server("454 4.7.0 TLS not available\r\n");
        QCOMPARE(h.last<CommandFailed>().command, CommandFailed::Command::StartTls);
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::StlsFailed);
        QCOMPARE(h.last<SessionFailed>().error.serverText.raw(), QByteArray("TLS not available"));
        // The password never goes out in plaintext.
        QCOMPARE(h.sent(), QByteArray());
    }

    void startTlsNotOffered()
    {
        SmtpSessionHarness h(chunk());
        h.session.startTls();
        h.session.authenticate(password(QStringLiteral("alice"), "secret"));
        h.server("220 mail.example.org ESMTP\r\n");
        QCOMPARE(h.sent(), QByteArray("EHLO [127.0.0.1]\r\n"));
        h.server("250-mail.example.org\r\n250 AUTH PLAIN LOGIN\r\n");
        QCOMPARE(h.last<CommandFailed>().command, CommandFailed::Command::StartTls);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::StlsUnavailable);
        QCOMPARE(h.sent(), QByteArray());
    }

    // --- AUTH ------------------------------------------------------------------

    void authPlain()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 AUTH PLAIN LOGIN CRAM-MD5\r\n");
        h.session.authenticate(password(QStringLiteral("tim"), "tanstaaftanstaaf"));
        QCOMPARE(h.sent(), QByteArray("AUTH PLAIN " + b64(QByteArray("\0tim\0tanstaaftanstaaf", 21)) + "\r\n"));
        h.server("235 2.7.0 Authentication successful\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::Plain);
        QCOMPARE(h.session.authenticatedWith(), std::optional(Mechanism::Plain));
        QVERIFY(h.logText().contains("AUTH PLAIN <initial response masked>"));
        QVERIFY(!h.logText().contains(b64(QByteArray("\0tim\0tanstaaftanstaaf", 21))));
        QCOMPARE(h.sent(), QByteArray());
    }

    void authLogin()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 AUTH LOGIN\r\n");
        h.session.authenticate(password(QStringLiteral("tim"), "tanstaaf"));
        QCOMPARE(h.sent(), QByteArray("AUTH LOGIN\r\n"));
        h.server("334 VXNlcm5hbWU6\r\n");
        QCOMPARE(h.sent(), b64("tim") + "\r\n");
        h.server("334 UGFzc3dvcmQ6\r\n");
        QCOMPARE(h.sent(), b64("tanstaaf") + "\r\n");
        h.server("235 2.7.0 ok\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::Login);
        QVERIFY(!h.logText().contains(b64("tanstaaf")));
        QCOMPARE(h.sent(), QByteArray());
    }

    // RFC 2195's example.
    void authCramMd5Rfc2195Vector()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 AUTH CRAM-MD5\r\n");
        h.session.authenticate(password(QStringLiteral("tim"), "tanstaaftanstaaf"));
        QCOMPARE(h.sent(), QByteArray("AUTH CRAM-MD5\r\n"));
        h.server("334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n");
        QCOMPARE(h.sent(), QByteArray("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n"));
        h.server("235 ok\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::CramMd5);
    }

    // RFC 7677's example; SMTP carries the server's final message in a 334
    // and the client answers it with an empty line (RFC 4954 §4).
    void authScramSha256Rfc7677Vector()
    {
        SessionOptions o;
        o.nonceGenerator = [] { return QByteArray("rOprNGfwEbeRWgbNEkqO"); };
        SmtpSessionHarness h(chunk(), o);
        greet(h, "250 AUTH PLAIN SCRAM-SHA-1 SCRAM-SHA-256\r\n");
        h.session.authenticate(password(QStringLiteral("user"), "pencil"));
        QCOMPARE(h.sent(), QByteArray("AUTH SCRAM-SHA-256 " + b64("n,,n=user,r=rOprNGfwEbeRWgbNEkqO") + "\r\n"));
        h.server("334 " + b64("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
            + "\r\n");
        QCOMPARE(h.sent(),
            b64("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
                + "\r\n");
        h.server("334 " + b64("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=") + "\r\n");
        QCOMPARE(h.sent(), QByteArray("\r\n"));
        h.server("235 2.7.0 ok\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::ScramSha256);
        QVERIFY(!h.logText().contains("dHzbZapWIk4jUhN"));
        QCOMPARE(h.sent(), QByteArray());
    }

    // RFC 5802's example.
    void authScramSha1Rfc5802Vector()
    {
        SessionOptions o;
        o.nonceGenerator = [] { return QByteArray("fyko+d2lbbFgONRv9qkxdawL"); };
        SmtpSessionHarness h(chunk(), o);
        greet(h, "250 AUTH SCRAM-SHA-1 CRAM-MD5\r\n");
        h.session.authenticate(password(QStringLiteral("user"), "pencil"));
        QCOMPARE(h.sent(), QByteArray("AUTH SCRAM-SHA-1 " + b64("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL") + "\r\n"));
        h.server("334 " + b64("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096") + "\r\n");
        QCOMPARE(h.sent(), b64("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=") + "\r\n");
        h.server("334 " + b64("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=") + "\r\n");
        QCOMPARE(h.sent(), QByteArray("\r\n"));
        h.server("235 ok\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::ScramSha1);
    }

    void scramServerProofIsChecked()
    {
        SessionOptions o;
        o.nonceGenerator = [] { return QByteArray("rOprNGfwEbeRWgbNEkqO"); };
        SmtpSessionHarness h(chunk(), o);
        greet(h, "250 AUTH SCRAM-SHA-256\r\n");
        h.session.authenticate(password(QStringLiteral("user"), "pencil"));
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net" }));
        QVERIFY(h.sent().startsWith("AUTH SCRAM-SHA-256 "));
        h.server("334 " + b64("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
            + "\r\n");
        QVERIFY(!h.sent().isEmpty());
        h.server("334 " + b64("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=") + "\r\n");
        QCOMPARE(h.sent(), QByteArray("*\r\n"));
        h.server("501 5.7.0 authentication cancelled\r\n");
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::ServerSignatureInvalid);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ServerSignatureInvalid);
        QCOMPARE(h.last<MessageFailed>().id, id);
        QCOMPARE(h.count<Authenticated>(), 0);
        QCOMPARE(h.sent(), QByteArray());
    }

    void scramSuccessWithoutProofIsFatal()
    {
        SessionOptions o;
        o.nonceGenerator = [] { return QByteArray("rOprNGfwEbeRWgbNEkqO"); };
        SmtpSessionHarness h(chunk(), o);
        greet(h, "250 AUTH SCRAM-SHA-256\r\n");
        h.session.authenticate(password(QStringLiteral("user"), "pencil"));
        QVERIFY(!h.sent().isEmpty());
        h.server("334 " + b64("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
            + "\r\n");
        QVERIFY(!h.sent().isEmpty());
        h.server("235 welcome\r\n");
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ServerSignatureInvalid);
        QCOMPARE(h.count<Authenticated>(), 0);
        QCOMPARE(h.sent(), QByteArray());
    }

    void authXOAuth2TwoStep()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 AUTH XOAUTH2 PLAIN\r\n");
        h.session.authenticate(token(QStringLiteral("alice@example.org"), "ya29.token"));
        QCOMPARE(h.sent(), QByteArray("AUTH XOAUTH2\r\n"));
        h.server("334 \r\n");
        QCOMPARE(h.sent(), b64("user=alice@example.org\x01" "auth=Bearer ya29.token\x01\x01") + "\r\n");
        h.server("235 2.7.0 Accepted\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::XOAuth2);
        QVERIFY(!h.logText().contains("ya29"));
    }

    void authXOAuth2ErrorDocument()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 AUTH XOAUTH2\r\n");
        h.session.authenticate(token(QStringLiteral("alice@example.org"), "expired"));
        QCOMPARE(h.sent(), QByteArray("AUTH XOAUTH2\r\n"));
        h.server("334 \r\n");
        QVERIFY(!h.sent().isEmpty());
        const QByteArray document = R"({"status":"401","schemes":"bearer","scope":"https://mail.example/"})";
        h.server("334 " + b64(document) + "\r\n");
        QCOMPARE(h.sent(), QByteArray("\r\n"));
        h.server("535 5.7.8 Username and Password not accepted\r\n");
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::AuthFailed);
        QCOMPARE(h.last<CommandFailed>().error.serverText.raw(), document);
        QCOMPARE(h.sent(), QByteArray());
    }

    void authOAuthBearerInitialResponse()
    {
        SessionOptions o;
        o.host = QStringLiteral("smtp.example.org");
        o.port = 465;
        SmtpSessionHarness h(chunk(), o);
        greet(h, "250 AUTH OAUTHBEARER XOAUTH2\r\n");
        h.session.authenticate(token(QStringLiteral("alice@example.org"), "tok"));
        QCOMPARE(h.sent(),
            "AUTH OAUTHBEARER "
                + b64("n,a=alice@example.org,\x01host=smtp.example.org\x01port=465\x01" "auth=Bearer tok\x01\x01")
                + "\r\n");
        h.server("235 ok\r\n");
        QCOMPARE(h.last<Authenticated>().mechanism, Mechanism::OAuthBearer);
    }

    // An initial response that would make AUTH longer than 512 octets waits
    // for the server's empty challenge (RFC 4954 §4).
    void longInitialResponseWaitsForTheChallenge()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 AUTH PLAIN\r\n");
        const QByteArray longSecret(600, 'x');
        h.session.authenticate(password(QStringLiteral("alice"), longSecret));
        QCOMPARE(h.sent(), QByteArray("AUTH PLAIN\r\n"));
        h.server("334 \r\n");
        QCOMPARE(h.sent(), b64(QByteArray("\0alice\0", 7) + longSecret) + "\r\n");
        h.server("235 ok\r\n");
        QCOMPARE(h.count<Authenticated>(), 1);
    }

    void refusedLogins_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("code");
        QTest::newRow("535 bad credentials")
            << QByteArray("535 5.7.8 Authentication credentials invalid\r\n") << int(ErrorCode::AuthFailed);
        QTest::newRow("534 too weak") << QByteArray("534 5.7.9 Authentication mechanism is too weak\r\n")
                                      << int(ErrorCode::AuthTooWeak);
        QTest::newRow("538 needs encryption") << QByteArray("538 5.7.11 Encryption required\r\n")
                                              << int(ErrorCode::InsecureAuthRefused);
        QTest::newRow("504 unknown mechanism")
            << QByteArray("504 5.5.4 Unrecognized authentication type\r\n") << int(ErrorCode::AuthMechanismUnavailable);
        QTest::newRow("454 temporary") << QByteArray("454 4.7.0 Temporary authentication failure\r\n")
                                       << int(ErrorCode::ServerTemporary);
        QTest::newRow("250 is no answer") << QByteArray("250 ok\r\n") << int(ErrorCode::ProtocolError);
    }

    // A refused login ends the session: nothing is sent unauthenticated, and
    // every message waiting fails with the login's error.
    void refusedLogins()
    {
        QFETCH(QByteArray, reply);
        QFETCH(int, code);
        SmtpSessionHarness h(chunk());
        greet(h, "250-PIPELINING\r\n250 AUTH PLAIN\r\n");
        h.session.authenticate(password(QStringLiteral("alice"), "wrong"));
        const Smtp::SendId first = h.session.send(envelope({ "bob@example.net" }));
        const Smtp::SendId second = h.session.send(envelope({ "carol@example.net" }));
        h.session.quit();
        QVERIFY(h.sent().startsWith("AUTH PLAIN "));
        h.server(reply);
        QCOMPARE(int(h.last<CommandFailed>().error.code), code);
        QCOMPARE(int(h.last<SessionFailed>().error.code), code);
        const auto failed = h.eventsOf<MessageFailed>();
        QCOMPARE(failed.size(), size_t(2));
        QCOMPARE(failed[0].id, first);
        QCOMPARE(failed[1].id, second);
        QCOMPARE(int(failed[0].error.code), code);
        QCOMPARE(h.session.state(), SessionState::Failed);
        QCOMPARE(h.sent(), QByteArray());
    }

    void cleartextLoginRefusedOverPlaintext()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 AUTH PLAIN LOGIN\r\n", false);
        h.session.authenticate(password(QStringLiteral("alice"), "secret"));
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::InsecureAuthRefused);
        QCOMPARE(h.sent(), QByteArray());
    }

    void mechanismChoice_data()
    {
        QTest::addColumn<QByteArray>("offered");
        QTest::addColumn<bool>("encrypted");
        QTest::addColumn<bool>("allowInsecure");
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("isToken");
        QTest::addColumn<int>("pinned");
        QTest::addColumn<int>("expected");  // a Mechanism, or -ErrorCode
        const int all = int(Mechanism::Auto);
        auto err = [](ErrorCode c) { return -int(c); };
        const QByteArray every = "PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256 XOAUTH2 OAUTHBEARER";
        const QString ascii = QStringLiteral("alice");
        QTest::newRow("tls: scram-256 first") << every << true << false << ascii << false << all
                                              << int(Mechanism::ScramSha256);
        QTest::newRow("tls: plain before login")
            << QByteArray("LOGIN PLAIN CRAM-MD5") << true << false << ascii << false << all << int(Mechanism::Plain);
        QTest::newRow("tls: cram-md5 last") << QByteArray("CRAM-MD5 LOGIN") << true << false << ascii << false << all
                                            << int(Mechanism::Login);
        QTest::newRow("plaintext: cram-md5 over plain")
            << QByteArray("PLAIN LOGIN CRAM-MD5") << false << false << ascii << false << all << int(Mechanism::CramMd5);
        QTest::newRow("plaintext: only cleartext")
            << QByteArray("PLAIN LOGIN") << false << false << ascii << false << all
            << err(ErrorCode::InsecureAuthRefused);
        QTest::newRow("plaintext: allowed insecure")
            << QByteArray("PLAIN LOGIN") << false << true << ascii << false << all << int(Mechanism::Plain);
        QTest::newRow("utf-8 user: no login or cram")
            << QByteArray("LOGIN CRAM-MD5") << true << false << QStringLiteral("jörg") << false << all
            << err(ErrorCode::Utf8LoginUnsupported);
        QTest::newRow("utf-8 user: plain") << QByteArray("LOGIN CRAM-MD5 PLAIN") << true << false
                                           << QStringLiteral("jörg") << false << all << int(Mechanism::Plain);
        QTest::newRow("token: oauthbearer first") << every << true << false << ascii << true << all
                                                  << int(Mechanism::OAuthBearer);
        QTest::newRow("token: never a password mechanism")
            << QByteArray("PLAIN LOGIN") << true << false << ascii << true << all
            << err(ErrorCode::AuthMechanismUnavailable);
        QTest::newRow("pinned and offered") << every << true << false << ascii << false << int(Mechanism::Login)
                                            << int(Mechanism::Login);
        QTest::newRow("pinned, not offered") << QByteArray("PLAIN") << true << false << ascii << false
                                             << int(Mechanism::CramMd5) << err(ErrorCode::AuthMechanismUnavailable);
        QTest::newRow("pinned pop3-only") << every << true << false << ascii << false << int(Mechanism::UserPass)
                                          << err(ErrorCode::InvalidArgument);
        QTest::newRow("nothing offered") << QByteArray() << true << false << ascii << false << all
                                         << err(ErrorCode::AuthMechanismUnavailable);
    }

    void mechanismChoice()
    {
        QFETCH(QByteArray, offered);
        QFETCH(bool, encrypted);
        QFETCH(bool, allowInsecure);
        QFETCH(QString, user);
        QFETCH(bool, isToken);
        QFETCH(int, pinned);
        QFETCH(int, expected);
        const Capabilities caps
            = capsOf(offered.isEmpty() ? QByteArray("250 example.org\r\n") : "250-example.org\r\n250 AUTH " + offered + "\r\n");
        Credentials c = isToken ? token(user, "t") : password(user, "p", Mechanism(pinned));
        c.allowInsecure = allowInsecure;
        const Poplar::Result<Mechanism> r = Session::chooseMechanism(caps, c, encrypted);
        if (expected >= 0) {
            QVERIFY2(r.ok(), qPrintable(r ? QString() : r.error().detail));
            QCOMPARE(int(r.value()), expected);
        } else {
            QVERIFY(!r.ok());
            QCOMPARE(-int(r.error().code), expected);
        }
    }

    // --- sending -------------------------------------------------------------

    void pipelinedMessage()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250-PIPELINING\r\n250-SIZE 10000\r\n250 8BITMIME\r\n");
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net", "carol@example.net" }, 123, true));
        // MAIL and both RCPTs in one go, and nothing more until they are answered.
        QCOMPARE(h.sent(),
            QByteArray("MAIL FROM:<alice@example.org> SIZE=123 BODY=8BITMIME\r\n"
                       "RCPT TO:<bob@example.net>\r\n"
                       "RCPT TO:<carol@example.net>\r\n"));
        h.server("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n");
        QCOMPARE(h.sent(), QByteArray());
        h.server("250 2.1.5 Ok\r\n");
        QCOMPARE(h.sent(), QByteArray("DATA\r\n"));
        QCOMPARE(h.count<DataWanted>(), 0);
        h.server("354 End data with <CR><LF>.<CR><LF>\r\n");
        QCOMPARE(h.last<DataWanted>().id, id);
        h.session.writeData("Subject: hi\n\n.hidden dot\r\nend");
        QCOMPARE(h.session.dataWritten(), qint64(29));
        h.session.endData();
        QCOMPARE(h.sent(), QByteArray("Subject: hi\r\n\r\n..hidden dot\r\nend\r\n.\r\n"));
        QCOMPARE(h.count<MessageAccepted>(), 0);
        h.server("250 2.0.0 Ok: queued as 4F2A\r\n");
        QCOMPARE(h.last<MessageAccepted>().id, id);
        QCOMPARE(h.last<MessageAccepted>().text.raw(), QByteArray("Ok: queued as 4F2A"));
        // The message's content is not in the protocol log; its size is.
        QVERIFY(!h.logText().contains("hidden"));
        QVERIFY(h.logText().contains("<message, 29 octets>"));
        QCOMPARE(h.sent(), QByteArray());
    }

    void lockstepWithoutPipelining()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 SIZE\r\n");
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net", "carol@example.net" }, 5));
        // SIZE without a number: the size still goes with MAIL.
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org> SIZE=5\r\n"));
        h.server("250 ok\r\n");
        QCOMPARE(h.sent(), QByteArray("RCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n");
        QCOMPARE(h.sent(), QByteArray("RCPT TO:<carol@example.net>\r\n"));
        h.server("251 will forward\r\n");
        QCOMPARE(h.sent(), QByteArray("DATA\r\n"));
        h.server("354 go\r\n");
        h.session.writeData("hello");
        h.session.endData();
        QCOMPARE(h.sent(), QByteArray("hello\r\n.\r\n"));
        h.server("250 ok\r\n");
        QCOMPARE(h.last<MessageAccepted>().id, id);
    }

    void severalMessagesOnOneConnection()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        const Smtp::SendId a = h.session.send(envelope({ "bob@example.net" }));
        const Smtp::SendId b = h.session.send(envelope({ "carol@example.net" }));
        h.session.quit();
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n250 ok\r\n");
        QCOMPARE(h.sent(), QByteArray("DATA\r\n"));
        deliver(h, "first", "first\r\n");
        QCOMPARE(h.last<MessageAccepted>().id, a);
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<carol@example.net>\r\n"));
        h.server("250 ok\r\n250 ok\r\n");
        QCOMPARE(h.sent(), QByteArray("DATA\r\n"));
        deliver(h, "second\n", "second\r\n");
        QCOMPARE(h.last<MessageAccepted>().id, b);
        QCOMPARE(h.sent(), QByteArray("QUIT\r\n"));
        h.server("221 2.0.0 Bye\r\n");
        QCOMPARE(h.count<Closed>(), 1);
        QCOMPARE(h.session.state(), SessionState::Closed);
        QCOMPARE(h.count<MessageAccepted>(), 2);
    }

    // A refused recipient: no DATA (nobody gets a message half addressed),
    // RSET, every refused address named, and the next message goes on.
    void refusedRecipientResetsAndTheNextGoesOn()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250-PIPELINING\r\n250 ENHANCEDSTATUSCODES\r\n");
        const Smtp::SendId bad = h.session.send(envelope({ "bob@example.net", "nobody@example.net", "x@example.net" }));
        const Smtp::SendId good = h.session.send(envelope({ "carol@example.net" }));
        QCOMPARE(h.sent(),
            QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"
                       "RCPT TO:<nobody@example.net>\r\nRCPT TO:<x@example.net>\r\n"));
        h.server("250 2.1.0 ok\r\n250 2.1.5 ok\r\n550 5.1.1 <nobody@example.net>: Recipient address rejected\r\n"
                 "553 5.1.3 bad address\r\n");
        QCOMPARE(h.sent(), QByteArray("RSET\r\n"));
        const MessageFailed failed = h.last<MessageFailed>();
        QCOMPARE(failed.id, bad);
        QCOMPARE(failed.error.code, ErrorCode::RecipientRejected);
        QCOMPARE(failed.error.responseCode, QStringLiteral("5.1.1"));
        QCOMPARE(failed.error.serverText.raw(), QByteArray("<nobody@example.net>: Recipient address rejected"));
        QCOMPARE(failed.refusedRecipients, (QByteArrayList { "nobody@example.net", "x@example.net" }));
        h.server("250 2.0.0 ok\r\n");
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<carol@example.net>\r\n"));
        h.server("250 ok\r\n250 ok\r\n");
        QCOMPARE(h.sent(), QByteArray("DATA\r\n"));
        deliver(h, "x", "x\r\n");
        QCOMPARE(h.last<MessageAccepted>().id, good);
        QCOMPARE(h.count<MessageFailed>(), 1);
    }

    void refusedRecipientInLockstepAsksTheRest()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 8BITMIME\r\n");
        h.session.send(envelope({ "nobody@example.net", "bob@example.net" }));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\n"));
        h.server("250 ok\r\n");
        QCOMPARE(h.sent(), QByteArray("RCPT TO:<nobody@example.net>\r\n"));
        h.server("550 no such user\r\n");
        QCOMPARE(h.sent(), QByteArray("RCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n");
        QCOMPARE(h.sent(), QByteArray("RSET\r\n"));
        QCOMPARE(h.last<MessageFailed>().refusedRecipients, QByteArrayList { "nobody@example.net" });
        QCOMPARE(h.last<MessageFailed>().error.responseCode, QStringLiteral("550"));
    }

    void temporaryRecipientFailure()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        h.session.send(envelope({ "bob@example.net" }));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n450 4.2.0 mailbox busy\r\n");
        QCOMPARE(h.sent(), QByteArray("RSET\r\n"));
        QCOMPARE(h.last<MessageFailed>().error.code, ErrorCode::ServerTemporary);
        QCOMPARE(h.last<MessageFailed>().refusedRecipients, QByteArrayList { "bob@example.net" });
    }

    void refusedSender_data()
    {
        QTest::addColumn<bool>("pipelining");
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("code");
        QTest::newRow("pipelined 553") << true << QByteArray("553 5.7.1 Sender address rejected: not owned by user\r\n")
                                       << int(ErrorCode::SenderRejected);
        QTest::newRow("lockstep 553") << false << QByteArray("553 5.7.1 not owned\r\n") << int(ErrorCode::SenderRejected);
        QTest::newRow("pipelined 452") << true << QByteArray("452 4.3.1 insufficient storage\r\n")
                                       << int(ErrorCode::ServerTemporary);
        QTest::newRow("lockstep 552 size") << false << QByteArray("552 5.3.4 message size exceeds limit\r\n")
                                           << int(ErrorCode::MessageTooBig);
    }

    // MAIL refused: no transaction began, so no RSET; pipelined RCPTs get
    // their 503s, which name nobody.
    void refusedSender()
    {
        QFETCH(bool, pipelining);
        QFETCH(QByteArray, reply);
        QFETCH(int, code);
        SmtpSessionHarness h(chunk());
        greet(h, pipelining ? "250 PIPELINING\r\n" : "250 HELP\r\n");
        h.session.send(envelope({ "bob@example.net" }));
        h.session.quit();
        QCOMPARE(h.sent(),
            pipelining ? QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n")
                       : QByteArray("MAIL FROM:<alice@example.org>\r\n"));
        h.server(reply + (pipelining ? "503 5.5.1 need MAIL first\r\n" : ""));
        QCOMPARE(int(h.last<MessageFailed>().error.code), code);
        QVERIFY(h.last<MessageFailed>().refusedRecipients.isEmpty());
        QCOMPARE(h.sent(), QByteArray("QUIT\r\n"));
    }

    void dataRefused()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        h.session.send(envelope({ "bob@example.net" }));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n250 ok\r\n");
        QCOMPARE(h.sent(), QByteArray("DATA\r\n"));
        h.server("554 5.5.1 no valid recipients\r\n");
        QCOMPARE(h.last<MessageFailed>().error.code, ErrorCode::MessageRejected);
        QCOMPARE(h.count<DataWanted>(), 0);
        QCOMPARE(h.sent(), QByteArray("RSET\r\n"));
    }

    void finalReplies_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("code");
        QTest::newRow("554 content") << QByteArray("554 5.7.1 message content rejected\r\n")
                                     << int(ErrorCode::MessageRejected);
        QTest::newRow("552 too big") << QByteArray("552 5.3.4 too big\r\n") << int(ErrorCode::MessageTooBig);
        QTest::newRow("451 temporary") << QByteArray("451 4.3.0 try later\r\n") << int(ErrorCode::ServerTemporary);
        // A definite answer, even from a server going away: not in doubt.
        QTest::newRow("421 closing") << QByteArray("421 4.4.2 closing\r\n") << int(ErrorCode::ServerTemporary);
    }

    // After the dot, a refusal is a definite "not delivered": the message may
    // be sent again, and the next one goes on without RSET.
    void finalReplies()
    {
        QFETCH(QByteArray, reply);
        QFETCH(int, code);
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net" }));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n250 ok\r\n354 go\r\n");
        QCOMPARE(h.sent(), QByteArray("DATA\r\n"));
        h.session.writeData("body");
        h.session.endData();
        QCOMPARE(h.sent(), QByteArray("body\r\n.\r\n"));
        h.server(reply);
        QCOMPARE(h.last<MessageFailed>().id, id);
        QCOMPARE(int(h.last<MessageFailed>().error.code), code);
        QCOMPARE(h.count<MessageInDoubt>(), 0);
        QCOMPARE(h.count<MessageAccepted>(), 0);
        QCOMPARE(h.sent(), QByteArray());
    }

    // The link breaks after the dot, before the reply: in doubt, never
    // "failed" (which would send it again).
    void brokenLinkAfterTheDotLeavesItInDoubt()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net" }));
        const Smtp::SendId next = h.session.send(envelope({ "carol@example.net" }));
        QVERIFY(!h.sent().isEmpty());
        h.server("250 ok\r\n250 ok\r\n354 go\r\n");
        QVERIFY(!h.sent().isEmpty());
        h.session.writeData("body");
        h.session.endData();
        QVERIFY(h.session.awaitingFinalReply());
        QVERIFY(!h.sent().isEmpty());
        h.session.connectionClosed(Poplar::Error(ErrorCode::IdleTimeout));
        h.drain();
        QCOMPARE(h.last<MessageInDoubt>().id, id);
        QCOMPARE(h.last<MessageInDoubt>().error.code, ErrorCode::IdleTimeout);
        QCOMPARE(h.count<MessageFailed>(), 1);
        QCOMPARE(h.last<MessageFailed>().id, next);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::IdleTimeout);
    }

    void brokenLinkDuringTheDataFailsIt()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net" }));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n250 ok\r\n354 go\r\n");
        h.session.writeData("half a mess");
        QCOMPARE(h.sent(), QByteArray("DATA\r\nhalf a mess"));
        h.session.connectionClosed();
        h.drain();
        QCOMPARE(h.last<MessageFailed>().id, id);
        QCOMPARE(h.last<MessageFailed>().error.code, ErrorCode::ConnectionLost);
        QCOMPARE(h.count<MessageInDoubt>(), 0);
        // Nothing more may be written, least of all the dot.
        h.session.endData();
        QCOMPARE(h.sent(), QByteArray());
    }

    // A server that answers while the message is still going out (and closes)
    // has refused it: the dot is never sent.
    void replyDuringTheDataEndsTheSession()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        h.session.send(envelope({ "bob@example.net" }));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n250 ok\r\n354 go\r\n");
        QVERIFY(!h.sent().isEmpty());
        h.session.writeData("part");
        QCOMPARE(h.sent(), QByteArray("part"));
        h.server("554 5.3.0 stop\r\n");
        QCOMPARE(h.last<MessageFailed>().error.code, ErrorCode::ServerPermanent);
        QCOMPARE(h.count<MessageInDoubt>(), 0);
        h.session.endData();
        QCOMPARE(h.sent(), QByteArray());
    }

    void sendAfterQuitFailsAtOnce()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        const Smtp::SendId first = h.session.send(envelope({ "bob@example.net" }));
        h.session.quit();
        const Smtp::SendId late = h.session.send(envelope({ "carol@example.net" }));
        QCOMPARE(h.last<MessageFailed>().id, late);
        QCOMPARE(h.last<MessageFailed>().error.code, ErrorCode::InvalidState);
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n250 ok\r\n");
        QCOMPARE(h.sent(), QByteArray("DATA\r\n"));
        deliver(h, "x", "x\r\n");
        QCOMPARE(h.last<MessageAccepted>().id, first);
        QCOMPARE(h.sent(), QByteArray("QUIT\r\n"));
        h.server("221 bye\r\n");
        QCOMPARE(h.count<Closed>(), 1);
        QCOMPARE(h.count<MessageFailed>(), 1);
    }

    // Replies that made the session write, followed in the same read by one
    // that fails it: what they wrote goes no further.
    void nothingWrittenAfterAFailureInTheSameRead()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        h.session.send(envelope({ "bob@example.net" }));
        h.session.send(envelope({ "carol@example.net" }));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        // One read, whatever the split: the DATA the 250s call for never leaves.
        h.session.feed("250 ok\r\n250 ok\r\nnot a reply\r\n");
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ProtocolError);
        QCOMPARE(h.sent(), QByteArray());
        QCOMPARE(h.count<MessageFailed>(), 2);
    }

    void secondLoginAnswersAtOnce()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 AUTH PLAIN\r\n");
        h.session.authenticate(password(QStringLiteral("alice"), "secret"));
        QVERIFY(h.sent().startsWith("AUTH PLAIN "));
        h.server("235 ok\r\n");
        h.session.authenticate(password(QStringLiteral("alice"), "secret"));
        QCOMPARE(h.count<Authenticated>(), 2);
        QCOMPARE(h.sent(), QByteArray());
    }

    void linkBreaksDuringTheLogin()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 AUTH LOGIN\r\n");
        h.session.authenticate(password(QStringLiteral("alice"), "secret"));
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net" }));
        QCOMPARE(h.sent(), QByteArray("AUTH LOGIN\r\n"));
        h.server("334 VXNlcm5hbWU6\r\n");
        QCOMPARE(h.sent(), b64("alice") + "\r\n");
        h.session.connectionClosed();
        h.drain();
        QCOMPARE(h.last<MessageFailed>().id, id);
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ConnectionLost);
        QCOMPARE(h.count<Authenticated>(), 0);
    }

    void closingReplyToTheLoginIsACommandFailure()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 AUTH PLAIN\r\n");
        h.session.authenticate(password(QStringLiteral("alice"), "secret"));
        QVERIFY(h.sent().startsWith("AUTH PLAIN "));
        h.server("421 4.7.0 too many errors\r\n");
        QCOMPARE(h.last<CommandFailed>().command, CommandFailed::Command::Authenticate);
        QCOMPARE(h.last<CommandFailed>().error.code, ErrorCode::ServerTemporary);
    }

    void intermediateReplyToTheDotIsInDoubt()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net" }));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n250 ok\r\n354 go\r\n");
        QCOMPARE(h.sent(), QByteArray("DATA\r\n"));
        h.session.writeData("x");
        h.session.endData();
        QCOMPARE(h.sent(), QByteArray("x\r\n.\r\n"));
        h.server("354 what?\r\n");
        QCOMPARE(h.last<MessageInDoubt>().id, id);
        QCOMPARE(h.count<MessageFailed>(), 0);
    }

    void sizeCodes_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("code");
        QTest::newRow("552 5.3.4") << QByteArray("552 5.3.4 too big\r\n") << int(ErrorCode::MessageTooBig);
        QTest::newRow("554 5.2.3") << QByteArray("554 5.2.3 too long\r\n") << int(ErrorCode::MessageTooBig);
        QTest::newRow("552 bare") << QByteArray("552 too big\r\n") << int(ErrorCode::MessageTooBig);
        QTest::newRow("552 5.2.2 mailbox full") << QByteArray("552 5.2.2 mailbox full\r\n")
                                                << int(ErrorCode::MessageRejected);
    }

    void sizeCodes()
    {
        QFETCH(QByteArray, reply);
        QFETCH(int, code);
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        h.session.send(envelope({ "bob@example.net" }));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.net>\r\n"));
        h.server("250 ok\r\n250 ok\r\n354 go\r\n");
        QCOMPARE(h.sent(), QByteArray("DATA\r\n"));
        h.session.writeData("x");
        h.session.endData();
        QCOMPARE(h.sent(), QByteArray("x\r\n.\r\n"));
        h.server(reply);
        QCOMPARE(int(h.last<MessageFailed>().error.code), code);
    }

    // --- checks before anything is sent ------------------------------------------

    void tooBigForTheServer()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250-PIPELINING\r\n250 SIZE 1000\r\n");
        h.session.send(envelope({ "bob@example.net" }, 1001));
        QCOMPARE(h.last<MessageFailed>().error.code, ErrorCode::MessageTooBig);
        // Exactly at the limit is fine.
        h.session.send(envelope({ "bob@example.net" }, 1000));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org> SIZE=1000\r\nRCPT TO:<bob@example.net>\r\n"));
    }

    void smtpUtf8()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250-8BITMIME\r\n250 SMTPUTF8\r\n");
        h.session.send(envelope({ "jörg@example.net" }, 10, true));
        QCOMPARE(h.sent(), QByteArray("MAIL FROM:<alice@example.org> BODY=8BITMIME SMTPUTF8\r\n"));
    }

    void checksBeforeSending_data()
    {
        QTest::addColumn<QByteArray>("caps");
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArrayList>("to");
        QTest::addColumn<bool>("eightBit");
        QTest::addColumn<bool>("smtpUtf8");
        QTest::addColumn<int>("code");
        const QByteArray plain = "250 PIPELINING\r\n";
        const QByteArray from = "alice@example.org";
        QTest::newRow("no recipient") << plain << from << QByteArrayList {} << false << false
                                      << int(ErrorCode::NoRecipients);
        QTest::newRow("line break in a recipient")
            << plain << from << QByteArrayList { "bob@example.net>\r\nRCPT TO:<eve@example.net" } << false << false
            << int(ErrorCode::AddressInvalid);
        QTest::newRow("space in the sender") << plain << QByteArray("alice @example.org")
                                             << QByteArrayList { "bob@example.net" } << false << false
                                             << int(ErrorCode::AddressInvalid);
        QTest::newRow("recipient past 254 octets")
            << plain << from << QByteArrayList { QByteArray(250, 'b') + "@e.org" } << false << false
            << int(ErrorCode::AddressInvalid);
        QTest::newRow("empty recipient") << plain << from << QByteArrayList { QByteArray() } << false << false
                                         << int(ErrorCode::AddressInvalid);
        QTest::newRow("utf-8 address, no SMTPUTF8")
            << plain << from << QByteArrayList { "jörg@example.net" } << false << false
            << int(ErrorCode::Utf8AddressUnsupported);
        QTest::newRow("utf-8 header, no SMTPUTF8")
            << plain << from << QByteArrayList { "bob@example.net" } << false << true
            << int(ErrorCode::Utf8AddressUnsupported);
        QTest::newRow("8-bit, no 8BITMIME") << plain << from << QByteArrayList { "bob@example.net" } << true << false
                                            << int(ErrorCode::EightBitUnsupported);
    }

    void checksBeforeSending()
    {
        QFETCH(QByteArray, caps);
        QFETCH(QByteArray, from);
        QFETCH(QByteArrayList, to);
        QFETCH(bool, eightBit);
        QFETCH(bool, smtpUtf8);
        QFETCH(int, code);
        SmtpSessionHarness h(chunk());
        greet(h, caps);
        Envelope e = envelope(to, 10, eightBit);
        e.from = from;
        e.smtpUtf8 = smtpUtf8;
        h.session.send(e);
        QCOMPARE(int(h.last<MessageFailed>().error.code), code);
        QCOMPARE(h.sent(), QByteArray());
        // The session goes on.
        h.session.quit();
        QCOMPARE(h.sent(), QByteArray("QUIT\r\n"));
    }

    // --- broken servers ----------------------------------------------------------------

    void brokenReplies_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("code");
        QTest::newRow("garbage") << QByteArray("hello there\r\n") << int(ErrorCode::ProtocolError);
        QTest::newRow("code changes mid-reply") << QByteArray("250-ok\r\n251 ok\r\n") << int(ErrorCode::ProtocolError);
        QTest::newRow("endless line") << QByteArray(5000, '2') << int(ErrorCode::ResponseTooLong);
        QByteArray many;
        for (int i = 0; i < 300; ++i)
            many += "250-line\r\n";
        QTest::newRow("endless reply") << many << int(ErrorCode::ResponseTooLong);
    }

    void brokenReplies()
    {
        QFETCH(QByteArray, reply);
        QFETCH(int, code);
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net" }));
        QVERIFY(!h.sent().isEmpty());
        h.server(reply);
        QCOMPARE(int(h.last<SessionFailed>().error.code), code);
        QCOMPARE(h.last<MessageFailed>().id, id);
        QCOMPARE(h.sent(), QByteArray());
    }

    void unaskedReplyFails()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        h.server("421 4.3.2 shutting down\r\n");
        QCOMPARE(h.last<SessionFailed>().error.code, ErrorCode::ServerTemporary);
        QCOMPARE(h.last<SessionFailed>().error.serverText.raw(), QByteArray("shutting down"));
        const Smtp::SendId id = h.session.send(envelope({ "bob@example.net" }));
        QCOMPARE(h.last<MessageFailed>().id, id);
        QCOMPARE(h.sent(), QByteArray());
    }

    void closedWithoutReplyToQuitIsClosed()
    {
        SmtpSessionHarness h(chunk());
        greet(h, "250 PIPELINING\r\n");
        h.session.quit();
        QCOMPARE(h.sent(), QByteArray("QUIT\r\n"));
        h.session.connectionClosed();
        h.drain();
        QCOMPARE(h.count<Closed>(), 1);
        QCOMPARE(h.count<SessionFailed>(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSmtpSession)
#include "tst_smtp_session.moc"
