// The engine against a real POP3 server: Dovecot, started by the test on
// free loopback ports with its own configuration, certificate, users and
// Maildir (app/dovecot/DovecotServer).

#include "DovecotServer.h"

#include "pop3/Pop3Connection.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

using namespace Pop3;
using Poplar::DovecotServer;
using Poplar::Error;
using Poplar::ErrorCode;

namespace {

constexpr int kWaitMs = 20000;

class CollectingSink : public MessageSink
{
public:
    QMap<quint32, QByteArray> messages;
    QMap<quint32, QByteArray> open;
    Poplar::Status begin(quint32 m) override
    {
        open[m].clear();
        return {};
    }
    Poplar::Status write(quint32 m, QByteArrayView d) override
    {
        open[m] += d.toByteArray();
        return {};
    }
    Poplar::Status finish(quint32 m, quint64) override
    {
        messages[m] = open.take(m);
        return {};
    }
    void discard(quint32 m) override { open.remove(m); }
};

// A message with an id header and awkward content: stuffed dots, a line
// that is only a dot, long lines, 8-bit bytes, and varying endings.
QByteArray generatedMessage(int id, QRandomGenerator &rng)
{
    QByteArray m = "From: Sender " + QByteArray::number(id)
        + " <sender@example.test>\n"
          "To: alice@example.test\n"
          "Subject: message "
        + QByteArray::number(id)
        + "\n"
          "X-Poplar-Test-Id: "
        + QByteArray::number(id)
        + "\n"
          "Message-ID: <"
        + QByteArray::number(id) + "@poplar.test>\n\n";
    const int lines = 3 + rng.bounded(60);
    for (int i = 0; i < lines; ++i) {
        switch (rng.bounded(8)) {
        case 0: m += ".leading dot line " + QByteArray::number(i) + "\n"; break;
        case 1: m += ".\n"; break;
        case 2: m += "..two dots\n"; break;
        case 3: m += QByteArray(1000 + rng.bounded(3000), 'x') + "\n"; break;
        case 4: m += "caf\xc3\xa9 na\xefve 8-bit \xff\n"; break;
        case 5: m += "crlf already\r\n"; break;
        default: m += "plain body text line " + QByteArray::number(i) + "\n"; break;
        }
    }
    if (id % 7 == 0)
        m += "no final newline";
    return m;
}

int testIdOf(const QByteArray &message)
{
    const qsizetype at = message.indexOf("X-Poplar-Test-Id: ");
    if (at < 0)
        return -1;
    const qsizetype end = message.indexOf('\r', at);
    return message.mid(at + 18, end - at - 18).toInt();
}

}  // namespace

class TestDovecot : public QObject
{
    Q_OBJECT

    std::unique_ptr<DovecotServer> m_server;
    QByteArray m_pin;

    ConnectionSettings settings(Net::Security security) const
    {
        ConnectionSettings s;
        s.host = m_server->host();
        s.security = security;
        s.port = security == Net::Security::ImplicitTls ? m_server->tlsPort() : m_server->plainPort();
        s.pinnedSha256 = m_pin;
        s.connectTimeoutMs = kWaitMs;
        s.idleTimeoutMs = kWaitMs;
        return s;
    }

    Credentials credentials(Mechanism m = Mechanism::Auto, const QString &password = {}) const
    {
        Credentials c;
        c.user = m_server->userName();
        c.secret = (password.isEmpty() ? m_server->password() : password).toUtf8();
        c.mechanism = m;
        return c;
    }

    // Opens and logs in; returns false (with a message) on any failure.
    bool openAndLogin(Connection &c, const Credentials &creds, QString *why)
    {
        QSignalSpy opened(&c, &Connection::opened);
        QSignalSpy loggedIn(&c, &Connection::loggedIn);
        QSignalSpy loginFailed(&c, &Connection::loginFailed);
        QSignalSpy failed(&c, &Connection::failed);
        c.open();
        if (!opened.count() && !opened.wait(kWaitMs)) {
            *why = failed.isEmpty() ? QStringLiteral("open timed out")
                                    : failed.at(0).at(0).value<Error>().technicalDescription();
            return false;
        }
        c.login(creds);
        if (!loggedIn.count() && !loggedIn.wait(kWaitMs)) {
            *why = !loginFailed.isEmpty() ? loginFailed.at(0).at(0).value<Error>().technicalDescription()
                : !failed.isEmpty()       ? failed.at(0).at(0).value<Error>().technicalDescription()
                                          : QStringLiteral("login timed out");
            return false;
        }
        return true;
    }

    // A fresh server with `count` generated messages (for tests that change
    // the maildrop).
    static bool startServer(
        DovecotServer &server, int count, quint32 seed, QString *why, QMap<int, QByteArray> *raws = nullptr)
    {
        QRandomGenerator rng(seed);
        for (int i = 1; i <= count; ++i) {
            const QByteArray raw = generatedMessage(i, rng);
            if (!server.addMessage(raw)) {
                *why = QStringLiteral("could not add message %1").arg(i);
                return false;
            }
            if (raws)
                raws->insert(i, raw);
        }
        return server.start(why);
    }

    // Implicit TLS to `server`, trusting its certificate as a CA.
    static ConnectionSettings caSettings(const DovecotServer &server)
    {
        ConnectionSettings s;
        s.host = server.host();
        s.port = server.tlsPort();
        s.caCertificates = QSslCertificate::fromData(server.certificatePem());
        s.connectTimeoutMs = kWaitMs;
        s.idleTimeoutMs = kWaitMs;
        return s;
    }

    static Credentials credentialsFor(const DovecotServer &server)
    {
        Credentials c;
        c.user = server.userName();
        c.secret = server.password().toUtf8();
        return c;
    }

    static bool openOnly(Connection &c)
    {
        QSignalSpy opened(&c, &Connection::opened);
        c.open();
        return opened.wait(kWaitMs);
    }

    bool quit(Connection &c)
    {
        QSignalSpy finished(&c, &Connection::quitConfirmed);
        c.quit();
        return finished.count() || finished.wait(kWaitMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<DovecotServer>();
        QString error;
        QVERIFY2(startServer(*m_server, 5, 42, &error), qPrintable(error));
        const QList<QSslCertificate> certs = QSslCertificate::fromData(m_server->certificatePem());
        QVERIFY(!certs.isEmpty());
        m_pin = certs.first().digest(QCryptographicHash::Sha256);
        qInfo("Dovecot started in %lld ms", m_server->startupMilliseconds());
    }

    void cleanupTestCase() { m_server.reset(); }

    void everyMechanism_data()
    {
        QTest::addColumn<Net::Security>("security");
        QTest::addColumn<Mechanism>("mechanism");
        for (Net::Security s : { Net::Security::ImplicitTls, Net::Security::StartTls }) {
            for (Mechanism m : { Mechanism::UserPass, Mechanism::Plain, Mechanism::Login, Mechanism::CramMd5,
                     Mechanism::Apop, Mechanism::ScramSha1, Mechanism::ScramSha256, Mechanism::Auto }) {
                QTest::addRow("%s-%s", qPrintable(Net::securityName(s)), mechanismName(m).constData()) << s << m;
            }
        }
    }

    void everyMechanism()
    {
        QFETCH(Net::Security, security);
        QFETCH(Mechanism, mechanism);
        Connection c(settings(security));
        QSignalSpy loggedIn(&c, &Connection::loggedIn);
        QString why;
        if (security == Net::Security::StartTls && mechanism == Mechanism::Apop) {
            // APOP's timestamp comes only in the greeting, which came over
            // the unprotected link: after STLS it is not used.
            QVERIFY(!openAndLogin(c, credentials(mechanism), &why));
            QVERIFY2(why.startsWith(QStringLiteral("AuthMechanismUnavailable")), qPrintable(why));
            return;
        }
        QVERIFY2(openAndLogin(c, credentials(mechanism), &why), qPrintable(why));
        const auto used = loggedIn.at(0).at(0).value<Mechanism>();
        if (mechanism == Mechanism::Auto)
            QCOMPARE(used, Mechanism::ScramSha256);  // the strongest both sides offer
        else
            QCOMPARE(used, mechanism);
        QVERIFY(c.serverInfo().tls.encrypted);
        QVERIFY(c.serverInfo().tls.trustedByPin);
        QSignalSpy stat(&c, &Connection::statReceived);
        c.stat();
        QVERIFY(stat.count() || stat.wait(kWaitMs));
        QCOMPARE(stat.at(0).at(0).toUInt(), 5u);
        QVERIFY(quit(c));
        QVERIFY(!c.protocolLog().toDisplayText().contains(m_server->password()));
    }

    void startTlsRereadsCapabilities()
    {
        Connection c(settings(Net::Security::StartTls));
        QVERIFY(openOnly(c));
        const ServerInfo info = c.serverInfo();
        QVERIFY(info.tls.encrypted);
        QVERIFY(!info.capabilities.stls);  // after STLS, CAPA was asked again
        QVERIFY(info.capabilities.pipelining);
        QVERIFY(info.capabilities.uidl);
        QVERIFY(info.capabilities.saslMechanisms.contains("SCRAM-SHA-256"));
        QVERIFY(quit(c));
    }

    void plainLinkRefusesCleartextPassword()
    {
        Connection c(settings(Net::Security::None));
        QSignalSpy loginFailed(&c, &Connection::loginFailed);
        QVERIFY(openOnly(c));
        c.login(credentials(Mechanism::Plain));
        QCOMPARE(loginFailed.count(), 1);
        QCOMPARE(loginFailed.at(0).at(0).value<Error>().code, ErrorCode::InsecureAuthRefused);
        const QString log = c.protocolLog().toDisplayText();
        QVERIFY(!log.contains(QStringLiteral("C: AUTH")));
        QVERIFY(!log.contains(QStringLiteral("C: USER")));
        QVERIFY(!log.contains(m_server->password()));
        QVERIFY(quit(c));
    }

    void wrongPasswordIsReportedNotRetried()
    {
        Connection c(settings(Net::Security::ImplicitTls));
        QSignalSpy loginFailed(&c, &Connection::loginFailed);
        QVERIFY(openOnly(c));
        c.login(credentials(Mechanism::Auto, QStringLiteral("wrong-password")));
        QVERIFY(loginFailed.wait(kWaitMs));
        QCOMPARE(loginFailed.at(0).at(0).value<Error>().code, ErrorCode::AuthFailed);
        // Exactly one AUTH command went out.
        const QString log = c.protocolLog().toDisplayText();
        QCOMPARE(log.count(QStringLiteral("C: AUTH ")), 1);
        QVERIFY(!log.contains(QStringLiteral("wrong-password")));
        QVERIFY(quit(c));
    }

    void retrieveThousandPipelinedByteExact()
    {
        DovecotServer server;
        QString why;
        QMap<int, QByteArray> raws;
        QVERIFY2(startServer(server, 1000, 7, &why, &raws), qPrintable(why));
        QMap<int, QByteArray> expected;
        QMap<int, qint64> listSizes;
        for (auto it = raws.cbegin(); it != raws.cend(); ++it) {
            expected[it.key()] = DovecotServer::expectedPop3Bytes(it.value());
            listSizes[it.key()] = DovecotServer::expectedListSize(it.value());
        }
        Connection c(caSettings(server));
        QVERIFY2(openAndLogin(c, credentialsFor(server), &why), qPrintable(why));
        QVERIFY(c.serverInfo().capabilities.pipelining);
        QVERIFY(!c.serverInfo().tls.trustedByPin);  // trusted through the CA file

        QSignalSpy listed(&c, &Connection::listed);
        c.listMessages();
        QVERIFY(listed.wait(kWaitMs));
        const auto infos = listed.at(0).at(0).value<std::vector<MessageInfo>>();
        QCOMPARE(infos.size(), size_t(1000));
        QList<quint32> numbers;
        QSet<QByteArray> uids;
        for (const MessageInfo &m : infos) {
            numbers.append(m.number);
            QVERIFY(!m.uid.isEmpty());
            uids.insert(m.uid);
        }
        QCOMPARE(uids.size(), 1000);

        CollectingSink sink;
        QSignalSpy done(&c, &Connection::retrieveFinished);
        QSignalSpy failedMsg(&c, &Connection::messageFailed);
        c.retrieve(numbers, &sink);
        QVERIFY(done.wait(60000));
        QCOMPARE(failedMsg.count(), 0);
        QCOMPARE(sink.messages.size(), 1000);
        for (const MessageInfo &m : infos) {
            const QByteArray got = sink.messages.value(m.number);
            const int id = testIdOf(got);
            QVERIFY2(expected.contains(id), qPrintable(QStringLiteral("message %1 has no known id").arg(m.number)));
            QCOMPARE(got, expected.value(id));
            // LIST reports the size Dovecot computes (it does not count the
            // CRLF it appends to a file without a final newline).
            QCOMPARE(qint64(m.size), listSizes.value(id));
            expected.remove(id);
        }
        QVERIFY(expected.isEmpty());
        // With pipelining, commands went out in batches, not one per round trip.
        const QString log = c.protocolLog().toDisplayText();
        QVERIFY(log.contains(QStringLiteral("RETR 1000")));
        QVERIFY(quit(c));
    }

    void deleteThenQuitRemovesExactlyThose()
    {
        DovecotServer server;
        QString why;
        QVERIFY2(startServer(server, 10, 11, &why), qPrintable(why));
        QCOMPARE(server.messageFiles().size(), 10);
        Connection c(caSettings(server));
        QVERIFY2(openAndLogin(c, credentialsFor(server), &why), qPrintable(why));
        // Learn which file is which message: retrieve 2, 5 and 9 first.
        CollectingSink sink;
        QSignalSpy retrieved(&c, &Connection::retrieveFinished);
        c.retrieve({ 2, 5, 9 }, &sink);
        QVERIFY(retrieved.wait(kWaitMs));
        QSet<int> deletedIds;
        for (quint32 n : { 2u, 5u, 9u })
            deletedIds.insert(testIdOf(sink.messages.value(n)));
        QSignalSpy removed(&c, &Connection::deletionsFinished);
        QSignalSpy deleteFailed(&c, &Connection::deleteFailed);
        c.deleteMessages({ 2, 5, 9 });
        QVERIFY(removed.wait(kWaitMs));
        QCOMPARE(deleteFailed.count(), 0);
        // Before QUIT nothing is gone.
        QCOMPARE(server.messageFiles().size(), 10);
        QVERIFY(quit(c));
        QTRY_COMPARE_WITH_TIMEOUT(server.messageFiles().size(), 7, 5000);
        for (const QString &f : server.messageFiles()) {
            const QByteArray content = DovecotServer::expectedPop3Bytes(server.readMessageFile(f));
            QVERIFY(!deletedIds.contains(testIdOf(content)));
        }
    }

    void droppedConnectionDeletesNothing()
    {
        DovecotServer server;
        QString why;
        QVERIFY2(startServer(server, 4, 13, &why), qPrintable(why));
        const ConnectionSettings s = caSettings(server);
        const Credentials creds = credentialsFor(server);
        Connection c(s);
        QVERIFY2(openAndLogin(c, creds, &why), qPrintable(why));
        QSignalSpy removed(&c, &Connection::deletionsFinished);
        c.deleteMessages({ 1, 2, 3, 4 });
        QVERIFY(removed.wait(kWaitMs));
        QSignalSpy failed(&c, &Connection::failed);
        c.cancel();  // drop the link without QUIT
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::Cancelled);
        // A new session sees every message still there.
        Connection check(s);
        QVERIFY2(openAndLogin(check, creds, &why), qPrintable(why));
        QSignalSpy stat(&check, &Connection::statReceived);
        check.stat();
        QVERIFY(stat.wait(kWaitMs));
        QCOMPARE(stat.at(0).at(0).toUInt(), 4u);
        QVERIFY(quit(check));
        QCOMPARE(server.messageFiles().size(), 4);
    }

    // A server on another address of this machine (the latency benchmark runs
    // one on an address inside a network namespace): both ports listen
    // there, and the certificate names that address, so a client that trusts
    // the certificate also verifies the name it connected to.
    void listensOnTheAddressItIsGiven_data()
    {
        QTest::addColumn<Net::Security>("security");
        QTest::newRow("implicit-tls") << Net::Security::ImplicitTls;
        QTest::newRow("stls") << Net::Security::StartTls;
    }

    void listensOnTheAddressItIsGiven()
    {
        QFETCH(Net::Security, security);
        const QHostAddress address(QStringLiteral("127.0.0.2"));
        DovecotServer server;
        QVERIFY(!server.setListenAddress(QHostAddress(QStringLiteral("::1"))));
        QVERIFY(!server.setListenAddress(QHostAddress::AnyIPv4));
        QVERIFY(server.setListenAddress(address));
        QString why;
        QVERIFY2(startServer(server, 3, 17, &why), qPrintable(why));
        QCOMPARE(server.host(), QStringLiteral("127.0.0.2"));
        QCOMPARE(server.listenAddress(), address);
        QVERIFY(!server.setListenAddress(QHostAddress::LocalHost));  // not while running
        QCOMPARE(server.host(), QStringLiteral("127.0.0.2"));

        const QList<QSslCertificate> certs = QSslCertificate::fromData(server.certificatePem());
        QCOMPARE(certs.size(), 1);
        const QStringList ips = certs.first().subjectAlternativeNames().values(QSsl::IpAddressEntry);
        QCOMPARE(ips, QStringList { QStringLiteral("127.0.0.2") });

        ConnectionSettings s = caSettings(server);
        QCOMPARE(s.host, QStringLiteral("127.0.0.2"));
        s.security = security;
        s.port = security == Net::Security::ImplicitTls ? server.tlsPort() : server.plainPort();
        Connection c(s);
        QVERIFY2(openAndLogin(c, credentialsFor(server), &why), qPrintable(why));
        QVERIFY(c.serverInfo().tls.encrypted);
        QVERIFY(!c.serverInfo().tls.trustedByPin);  // verified through the CA file and the name
        QSignalSpy stat(&c, &Connection::statReceived);
        c.stat();
        QVERIFY(stat.count() || stat.wait(kWaitMs));
        QCOMPARE(stat.at(0).at(0).toUInt(), 3u);
        QVERIFY(quit(c));
    }

    // --- poplar-cli probe end to end ----------------------------------------

    void cliProbe_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("stdinData");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("mustContain");
        QTest::newRow("tls-with-ca-and-login")
            << QStringList { QStringLiteral("--security"), QStringLiteral("tls"), QStringLiteral("@CA"),
                   QStringLiteral("--user"), QStringLiteral("@USER"), QStringLiteral("--password-stdin") }
            << QByteArray("@PASSWORD\n") << 0
            << QStringList { QStringLiteral("TLSv1."), QStringLiteral("SHA-256 fingerprint:"),
                   QStringLiteral("PIPELINING: yes"), QStringLiteral("SASL:"), QStringLiteral("SCRAM-SHA-256"),
                   QStringLiteral("Authenticated as"), QStringLiteral("Mailbox: 5 messages") };
        QTest::newRow("starttls-with-fingerprint")
            << QStringList { QStringLiteral("--security"), QStringLiteral("starttls"), QStringLiteral("@FINGERPRINT"),
                   QStringLiteral("--user"), QStringLiteral("@USER"), QStringLiteral("--password-stdin"),
                   QStringLiteral("--auth"), QStringLiteral("CRAM-MD5") }
            << QByteArray("@PASSWORD\n") << 0
            << QStringList { QStringLiteral("STARTTLS"), QStringLiteral("by its pinned fingerprint"),
                   QStringLiteral("with CRAM-MD5") };
        QTest::newRow("untrusted-certificate")
            << QStringList { QStringLiteral("--security"), QStringLiteral("tls") } << QByteArray() << 4
            << QStringList { QStringLiteral("not trusted"), QStringLiteral("--fingerprint") };
        QTest::newRow("wrong-password") << QStringList { QStringLiteral("--security"), QStringLiteral("tls"),
            QStringLiteral("@CA"), QStringLiteral("--user"), QStringLiteral("@USER"),
            QStringLiteral("--password-stdin") }
                                        << QByteArray("not-the-password\n") << 5
                                        << QStringList { QStringLiteral("did not accept") };
        QTest::newRow("plaintext-explicitly-chosen")
            << QStringList { QStringLiteral("--security"), QStringLiteral("none"), QStringLiteral("--auth"),
                   QStringLiteral("PLAIN"), QStringLiteral("--user"), QStringLiteral("@USER"),
                   QStringLiteral("--password-stdin"), QStringLiteral("--allow-unencrypted-login") }
            << QByteArray("@PASSWORD\n") << 0
            << QStringList { QStringLiteral("with PLAIN"), QStringLiteral("not encrypted") };
        QTest::newRow("connection-refused") << QStringList { QStringLiteral("--security"), QStringLiteral("tls"),
            QStringLiteral("--port"), QStringLiteral("@CLOSEDPORT") }
                                            << QByteArray() << 3 << QStringList { QStringLiteral("refused") };
        QTest::newRow("usage") << QStringList { QStringLiteral("--security"), QStringLiteral("bogus") } << QByteArray()
                               << 2 << QStringList { QStringLiteral("--security must be") };
    }

    void cliProbe()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, stdinData);
        QFETCH(int, exitCode);
        QFETCH(QStringList, mustContain);

        QStringList full { QStringLiteral("probe"), QStringLiteral("--host"), m_server->host() };
        const bool starttls = args.contains(QStringLiteral("starttls")) || args.contains(QStringLiteral("none"));
        if (!args.contains(QStringLiteral("--port"))) {
            full << QStringLiteral("--port") << QString::number(starttls ? m_server->plainPort() : m_server->tlsPort());
        }
        for (const QString &a : args) {
            if (a == QLatin1String("@CA"))
                full << QStringLiteral("--ca-file") << m_server->certificatePath();
            else if (a == QLatin1String("@FINGERPRINT"))
                full << QStringLiteral("--fingerprint") << Net::formatFingerprint(m_pin);
            else if (a == QLatin1String("@USER"))
                full << m_server->userName();
            else if (a == QLatin1String("@CLOSEDPORT"))
                full << QStringLiteral("1");
            else
                full << a;
        }
        stdinData.replace("@PASSWORD", m_server->password().toUtf8());

        QProcess p;
        p.start(QStringLiteral(POPLAR_CLI_PATH), full);
        QVERIFY(p.waitForStarted());
        p.write(stdinData);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(kWaitMs));
        const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit, qPrintable(out));
        QVERIFY2(p.exitCode() == exitCode, qPrintable(QStringLiteral("exit %1:\n%2").arg(p.exitCode()).arg(out)));
        for (const QString &s : mustContain)
            QVERIFY2(out.contains(s), qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(s, out)));
        QVERIFY(!out.contains(m_server->password()));
    }

    void cliPromptsWithoutEcho()
    {
        // Without --password-stdin the password is read from the terminal
        // with echo off: run the CLI on a pseudo-terminal (script(1)) and
        // check the typed password never appears in what the terminal shows.
        const QString command = QStringLiteral("'%1' probe --host %2 --port %3 --ca-file '%4' --user %5")
                                    .arg(QStringLiteral(POPLAR_CLI_PATH), m_server->host())
                                    .arg(m_server->tlsPort())
                                    .arg(m_server->certificatePath(), m_server->userName());
        QProcess p;
        p.start(QStringLiteral("script"), { QStringLiteral("-qefc"), command, QStringLiteral("/dev/null") });
        QVERIFY(p.waitForStarted());
        QByteArray shown;
        QTRY_VERIFY_WITH_TIMEOUT((shown += p.readAllStandardOutput()).contains("Password for"), kWaitMs);
        p.write(m_server->password().toUtf8() + "\n");
        QVERIFY(p.waitForFinished(kWaitMs));
        const QString out = QString::fromUtf8(shown + p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Authenticated as")), qPrintable(out));
        QVERIFY2(!out.contains(m_server->password()), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestDovecot)
#include "tst_dovecot.moc"
