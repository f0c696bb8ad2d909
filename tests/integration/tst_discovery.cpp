// Discovery of an address's POP3 server, and of its outgoing (submission)
// server the same way: SRV records from an injected
// lookup, the well-known names, probes against a private Dovecot and
// against scripted servers that record every byte a probe sent (never a
// user name, a password or AUTH), unreachable and silent candidates, the
// overall deadline and cancelling. Every host name is dialled on
// 127.0.0.1 through an injected dialler: no DNS query leaves the machine.

#include "ClosedPort.h"
#include "DovecotServer.h"
#include "TlsTestServer.h"
#include "accounts/Discovery.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <algorithm>
#include <memory>

using Accounts::DiscoveredServer;
using Accounts::Discovery;
using Accounts::DiscoveryResult;
using Accounts::SrvRecord;
using Net::Security;
using Poplar::ErrorCode;
using PoplarTest::TlsTestServer;

namespace {

const QString Loopback = QStringLiteral("127.0.0.1");

// Answers SRV questions from a table, later, on the event loop (as DNS
// does), and remembers what was asked.
struct FakeSrv {
    QHash<QString, QList<SrvRecord>> records;
    QStringList asked;

    Accounts::SrvLookup lookup()
    {
        return [this](const QString &name, QObject *context, Accounts::SrvDone done) {
            asked << name;
            const QList<SrvRecord> answer = records.value(name);
            QTimer::singleShot(0, context, [done, answer] { done(answer); });
        };
    }
};

// Maps host:port to loopback ports; anything else goes to `fallback`
// (a port nothing listens on), never to a real address.
struct FakeNetwork {
    QHash<QString, quint16> ports;  // "host:port" → loopback port
    quint16 fallback = 0;
    QStringList dialled;

    Net::Dialer dialer()
    {
        return [this](const QString &host, quint16 port) {
            const QString key = host + QLatin1Char(':') + QString::number(port);
            dialled << key;
            return Net::Endpoint { Loopback, ports.value(key, fallback) };
        };
    }
};

// Accepts connections and never says a word.
class SilentServer : public QTcpServer
{
public:
    QList<QTcpSocket *> sockets;
    QByteArray received;

    SilentServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                sockets << s;
                connect(s, &QTcpSocket::readyRead, this, [this, s] { received += s->readAll(); });
            }
        });
    }
};

DiscoveryResult discover(Discovery &discovery, const QString &email, int timeoutMs = 30'000)
{
    QSignalSpy done(&discovery, &Discovery::finished);
    discovery.start(email);
    if (!done.wait(timeoutMs) || done.isEmpty())
        return DiscoveryResult();
    return done.first().first().value<DiscoveryResult>();
}

const DiscoveredServer *find(const DiscoveryResult &r, const QString &host, quint16 port)
{
    for (const DiscoveredServer &s : r.servers) {
        if (s.host() == host && s.port() == port)
            return &s;
    }
    return nullptr;
}

// Every command line a scripted server received, upper-cased verbs only.
QByteArrayList verbs(const TlsTestServer &server)
{
    QByteArrayList out;
    for (const auto &client : server.clients()) {
        for (const QByteArray &line : client.commands)
            out << line.split(' ').first().toUpper();
    }
    return out;
}

// A plaintext SMTP server without STARTTLS: greets, answers EHLO and QUIT,
// and records every byte a probe sent.
class PlainSmtpServer : public QTcpServer
{
public:
    QByteArray received;
    int clients = 0;
    int closed = 0;

    PlainSmtpServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                ++clients;
                connect(s, &QTcpSocket::disconnected, this, [this, s] {
                    ++closed;
                    s->deleteLater();
                });
                connect(s, &QTcpSocket::readyRead, this, [this, s] {
                    while (s->canReadLine()) {
                        const QByteArray line = s->readLine();
                        received += line;
                        if (line.toUpper().startsWith("EHLO"))
                            s->write("250-plain.example.test\r\n250-SIZE 1000\r\n250 AUTH PLAIN LOGIN\r\n");
                        else if (line.toUpper().startsWith("QUIT")) {
                            s->write("221 bye\r\n");
                            s->disconnectFromHost();
                        } else
                            s->write("502 5.5.1 not here\r\n");
                    }
                });
                s->write("220 plain.example.test ESMTP\r\n");
            }
        });
    }
};

}  // namespace

class TestDiscovery : public QObject
{
    Q_OBJECT

    std::unique_ptr<Poplar::DovecotServer> m_dovecot;

    Discovery::Options options(FakeSrv &srv, FakeNetwork &net)
    {
        Discovery::Options o;
        o.srvLookup = srv.lookup();
        o.dialer = net.dialer();
        o.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        o.probeTimeoutMs = 10'000;
        o.deadlineMs = 30'000;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dovecot = std::make_unique<Poplar::DovecotServer>();
        QVERIFY(m_dovecot->enableSubmission());
        QString error;
        QVERIFY2(m_dovecot->start(&error), qPrintable(error));
    }

    void srvOrder()
    {
        const QList<SrvRecord> ordered = Accounts::orderedSrvRecords({
            { QStringLiteral("c.example.test"), 995, 20, 100 },
            { QStringLiteral("a.example.test"), 995, 10, 1 },
            { QStringLiteral("."), 995, 0, 0 },
            { QStringLiteral("b.example.test"), 995, 10, 50 },
        });
        QCOMPARE(ordered.size(), 3);
        QCOMPARE(ordered.at(0).target, QStringLiteral("b.example.test"));
        QCOMPARE(ordered.at(1).target, QStringLiteral("a.example.test"));
        QCOMPARE(ordered.at(2).target, QStringLiteral("c.example.test"));
        QVERIFY(Accounts::srvDeclined({ { QStringLiteral("."), 0, 0, 0 } }));
        QVERIFY(!Accounts::srvDeclined({}));
    }

    void srvRecordsAreFoundAndProbed()
    {
        FakeSrv srv;
        srv.records.insert(
            QStringLiteral("_pop3s._tcp.example.test"), { { QStringLiteral("mx.example.test."), 995, 10, 0 } });
        srv.records.insert(
            QStringLiteral("_pop3._tcp.example.test"), { { QStringLiteral("mx.example.test."), 110, 10, 0 } });
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();
        net.ports.insert(QStringLiteral("mx.example.test:995"), m_dovecot->tlsPort());
        net.ports.insert(QStringLiteral("mx.example.test:110"), m_dovecot->plainPort());
        Discovery discovery(options(srv, net));
        const DiscoveryResult r = discover(discovery, QStringLiteral("Bob@Example.TEST"));

        QCOMPARE(r.domain, QStringLiteral("example.test"));
        QCOMPARE(r.error.code, ErrorCode::None);
        QVERIFY(r.usedSrv);
        QCOMPARE(srv.asked,
            (QStringList { QStringLiteral("_pop3s._tcp.example.test"), QStringLiteral("_pop3._tcp.example.test") }));
        QCOMPARE(r.servers.size(), 2);
        // Implicit TLS first.
        const DiscoveredServer &tls = r.servers.at(0);
        QCOMPARE(tls.server.host, QStringLiteral("mx.example.test"));
        QCOMPARE(tls.server.port, quint16(995));
        QCOMPARE(tls.server.security, Security::ImplicitTls);
        QCOMPARE(tls.source, DiscoveredServer::Source::Srv);
        QVERIFY(!tls.insecure);
        QVERIFY(!tls.outsideDomain);  // mx.example.test is inside example.test
        QVERIFY(tls.server.tls.encrypted);
        QVERIFY(tls.server.capabilities.capaSupported);
        QVERIFY(tls.server.capabilities.uidl);
        QVERIFY(tls.server.capabilities.top);
        QVERIFY(tls.server.greeting.startsWith("Dovecot"));
        // Self-signed for localhost, asked for as mx.example.test: the user decides later.
        QVERIFY(tls.certificateProblem);
        QCOMPARE(tls.certificateProblem->kind, Net::CertificateProblem::Kind::Untrusted);
        QCOMPARE(tls.certificateProblem->host, QStringLiteral("mx.example.test"));
        QVERIFY(!tls.certificateProblem->errors.isEmpty());

        const DiscoveredServer &stls = r.servers.at(1);
        QCOMPARE(stls.server.port, quint16(110));
        QCOMPARE(stls.server.security, Security::StartTls);
        QVERIFY(stls.server.tls.encrypted);
        QVERIFY(!stls.insecure);
        // CAPA after STLS: no STLS any more, the rest as over TLS.
        QVERIFY(stls.server.capabilities.uidl);

        QCOMPARE(r.recommended()->server.port, quint16(995));
        // The well-known names were not needed.
        for (const QString &d : net.dialled)
            QVERIFY2(d.startsWith(QLatin1String("mx.example.test:")), qPrintable(d));
    }

    // The outgoing server: _submissions._tcp (implicit TLS) and
    // _submission._tcp (STARTTLS), probed with EHLO only.
    void submissionSrvRecordsAreFoundAndProbed()
    {
        FakeSrv srv;
        srv.records.insert(QStringLiteral("_submissions._tcp.example.test"),
            { { QStringLiteral("out.example.test."), 465, 10, 0 } });
        srv.records.insert(QStringLiteral("_submission._tcp.example.test"),
            { { QStringLiteral("out.example.test."), 587, 10, 0 } });
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();
        net.ports.insert(QStringLiteral("out.example.test:465"), m_dovecot->submissionsPort());
        net.ports.insert(QStringLiteral("out.example.test:587"), m_dovecot->submissionPort());
        Discovery::Options o = options(srv, net);
        o.service = Accounts::MailService::Submission;
        Discovery discovery(o);
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"));

        QCOMPARE(r.error.code, ErrorCode::None);
        QVERIFY(r.usedSrv);
        QCOMPARE(srv.asked,
            (QStringList { QStringLiteral("_submissions._tcp.example.test"),
                QStringLiteral("_submission._tcp.example.test") }));
        QCOMPARE(r.servers.size(), 2);
        const DiscoveredServer &tls = r.servers.at(0);
        QCOMPARE(tls.service, Accounts::MailService::Submission);
        QCOMPARE(tls.host(), QStringLiteral("out.example.test"));
        QCOMPARE(tls.port(), quint16(465));
        QCOMPARE(tls.security(), Security::ImplicitTls);
        QCOMPARE(tls.source, DiscoveredServer::Source::Srv);
        QVERIFY(tls.encrypted());
        QVERIFY(tls.submission.extended);
        QVERIFY(!tls.submission.capabilities.authMechanisms.isEmpty());
        QVERIFY(tls.certificateProblem);  // self-signed, asked for as out.example.test
        QCOMPARE(tls.certificateProblem->host, QStringLiteral("out.example.test"));

        const DiscoveredServer &stls = r.servers.at(1);
        QCOMPARE(stls.port(), quint16(587));
        QCOMPARE(stls.security(), Security::StartTls);
        QVERIFY(stls.encrypted());
        QVERIFY(!stls.insecure);
        // EHLO again after STARTTLS: the encrypted capabilities, no STARTTLS.
        QVERIFY(!stls.submission.capabilities.startTls);
        QVERIFY(!stls.submission.capabilities.authMechanisms.isEmpty());
        QCOMPARE(r.recommended()->port(), quint16(465));
        for (const QString &d : net.dialled)
            QVERIFY2(d.startsWith(QLatin1String("out.example.test:")), qPrintable(d));
    }

    // No SRV: smtp. and mail. of the domain on 465 and 587; a server that
    // cannot encrypt is listed as insecure and never recommended; no probe
    // sends a login.
    void submissionWellKnownNamesWithoutSrv()
    {
        PlainSmtpServer plain;
        QVERIFY(plain.listen(QHostAddress::LocalHost));
        FakeSrv srv;
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();
        net.ports.insert(QStringLiteral("smtp.example.test:587"), m_dovecot->submissionPort());
        net.ports.insert(QStringLiteral("mail.example.test:587"), plain.serverPort());
        Discovery::Options o = options(srv, net);
        o.service = Accounts::MailService::Submission;
        Discovery discovery(o);
        QSignalSpy probing(&discovery, &Discovery::probing);
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"));
        QVERIFY(!r.usedSrv);
        QCOMPARE(probing.size(), 4);  // smtp. and mail., each on 465 and 587
        QVERIFY(net.dialled.contains(QStringLiteral("smtp.example.test:465")));
        QVERIFY(net.dialled.contains(QStringLiteral("mail.example.test:465")));
        QVERIFY(!net.dialled.contains(QStringLiteral("pop.example.test:995")));
        QCOMPARE(r.servers.size(), 2);
        QCOMPARE(r.failures.size(), 2);
        const DiscoveredServer &good = r.servers.first();
        QCOMPARE(good.host(), QStringLiteral("smtp.example.test"));
        QCOMPARE(good.security(), Security::StartTls);
        QVERIFY(good.encrypted());
        QCOMPARE(good.source, DiscoveredServer::Source::WellKnownName);
        const DiscoveredServer &insecure = r.servers.last();
        QCOMPARE(insecure.host(), QStringLiteral("mail.example.test"));
        QVERIFY(insecure.insecure);
        QCOMPARE(insecure.security(), Security::None);
        QVERIFY(!insecure.encrypted());
        QCOMPARE(insecure.submission.capabilities.sizeLimit, quint64(1000));
        QCOMPARE(r.recommended()->host(), QStringLiteral("smtp.example.test"));

        QTRY_COMPARE(plain.closed, plain.clients);
        const QByteArray all = plain.received.toUpper();
        QVERIFY2(all.startsWith("EHLO "), all.constData());
        for (const QByteArray &line : all.split('\n')) {
            if (!line.isEmpty())
                QVERIFY2(line.startsWith("EHLO ") || line.startsWith("QUIT"), line.constData());
        }
        QVERIFY2(!all.contains("BOB"), all.constData());
    }

    void wellKnownNamesWithoutSrv()
    {
        FakeSrv srv;  // no records at all
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();
        net.ports.insert(QStringLiteral("pop.example.test:995"), m_dovecot->tlsPort());
        net.ports.insert(QStringLiteral("pop.example.test:110"), m_dovecot->plainPort());
        Discovery discovery(options(srv, net));
        QSignalSpy probing(&discovery, &Discovery::probing);
        QElapsedTimer clock;
        clock.start();
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"));
        QVERIFY(!r.usedSrv);
        QCOMPARE(r.servers.size(), 2);
        const DiscoveredServer *tls = find(r, QStringLiteral("pop.example.test"), 995);
        const DiscoveredServer *stls = find(r, QStringLiteral("pop.example.test"), 110);
        QVERIFY(tls && stls);
        QCOMPARE(tls->server.security, Security::ImplicitTls);
        QCOMPARE(tls->source, DiscoveredServer::Source::WellKnownName);
        QCOMPARE(stls->server.security, Security::StartTls);
        QVERIFY(stls->server.tls.encrypted);
        QCOMPARE(r.recommended()->server.port, quint16(995));
        // Every well-known name on both ports was tried; the absent ones were refused at once.
        QCOMPARE(probing.size(), 6);
        QCOMPARE(r.failures.size(), 4);
        for (const Accounts::ProbeFailure &f : r.failures)
            QCOMPARE(f.error.code, ErrorCode::ConnectionRefused);
        QVERIFY(net.dialled.contains(QStringLiteral("pop3.example.test:995")));
        QVERIFY(net.dialled.contains(QStringLiteral("mail.example.test:110")));
        QVERIFY2(clock.elapsed() < 10'000, qPrintable(QString::number(clock.elapsed())));
    }

    void whatIsInsideTheMailDomain_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<bool>("inside");
        auto row = [](const char *name, const QString &host, const QString &domain, bool inside) {
            QTest::newRow(name) << host << domain << inside;
        };
        row("the domain itself", QStringLiteral("example.org"), QStringLiteral("example.org"), true);
        row("a subdomain", QStringLiteral("pop.example.org"), QStringLiteral("example.org"), true);
        row("deeper", QStringLiteral("a.b.mail.example.org"), QStringLiteral("example.org"), true);
        row("case and final dot", QStringLiteral("POP.Example.ORG."), QStringLiteral("example.org"), true);
        row("ACE host, Unicode domain", QStringLiteral("pop.xn--bcher-kva.example"), QStringLiteral("bücher.example"),
            true);
        row("Unicode host, ACE domain", QStringLiteral("pop.bücher.example"), QStringLiteral("xn--bcher-kva.example"),
            true);
        row("another domain", QStringLiteral("mail.provider.test"), QStringLiteral("example.org"), false);
        row("same ending, no dot", QStringLiteral("badexample.org"), QStringLiteral("example.org"), false);
        row("domain as a prefix", QStringLiteral("example.org.evil.test"), QStringLiteral("example.org"), false);
        row("the parent", QStringLiteral("org"), QStringLiteral("example.org"), false);
        row("a sibling", QStringLiteral("example.net"), QStringLiteral("example.org"), false);
        row("an address", QStringLiteral("192.0.2.1"), QStringLiteral("example.org"), false);
        row("empty", QString(), QStringLiteral("example.org"), false);
    }

    void whatIsInsideTheMailDomain()
    {
        QFETCH(QString, host);
        QFETCH(QString, domain);
        QFETCH(bool, inside);
        QCOMPARE(Accounts::isInDomain(host, domain), inside);
    }

    void anSrvTargetOutsideTheDomainIsNeverRecommended()
    {
        // A forged SRV answer names a host of the attacker's own, with a
        // certificate valid for that name; the domain's real server sits at
        // its usual name.
        FakeSrv srv;
        srv.records.insert(
            QStringLiteral("_pop3s._tcp.example.test"), { { QStringLiteral("mail.provider.test."), 995, 0, 0 } });
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();
        net.ports.insert(QStringLiteral("mail.provider.test:995"), m_dovecot->tlsPort());
        net.ports.insert(QStringLiteral("pop.example.test:995"), m_dovecot->tlsPort());
        Discovery discovery(options(srv, net));
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"));
        QVERIFY(r.usedSrv);
        QCOMPARE(r.servers.size(), 2);
        // The usual names were probed as well, in the same round.
        QVERIFY(net.dialled.contains(QStringLiteral("pop.example.test:995")));
        QVERIFY(net.dialled.contains(QStringLiteral("pop3.example.test:110")));
        QVERIFY(net.dialled.contains(QStringLiteral("mail.example.test:995")));
        // The domain's own server comes first and is the one proposed.
        QCOMPARE(r.servers.at(0).server.host, QStringLiteral("pop.example.test"));
        QVERIFY(!r.servers.at(0).outsideDomain);
        QCOMPARE(r.servers.at(0).source, DiscoveredServer::Source::WellKnownName);
        const DiscoveredServer &foreign = r.servers.at(1);
        QCOMPARE(foreign.server.host, QStringLiteral("mail.provider.test"));
        QCOMPARE(foreign.source, DiscoveredServer::Source::Srv);
        QVERIFY(foreign.outsideDomain);
        QVERIFY(!foreign.insecure);
        QCOMPARE(r.recommended()->server.host, QStringLiteral("pop.example.test"));
    }

    void onlyServersOutsideTheDomainLeaveNothingToRecommend()
    {
        FakeSrv srv;
        srv.records.insert(
            QStringLiteral("_pop3s._tcp.example.test"), { { QStringLiteral("example.test.evil.test"), 995, 0, 0 } });
        srv.records.insert(
            QStringLiteral("_pop3._tcp.example.test"), { { QStringLiteral("mail.provider.test"), 110, 0, 0 } });
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();  // nothing at the usual names
        net.ports.insert(QStringLiteral("example.test.evil.test:995"), m_dovecot->tlsPort());
        net.ports.insert(QStringLiteral("mail.provider.test:110"), m_dovecot->plainPort());
        Discovery discovery(options(srv, net));
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"));
        QCOMPARE(r.servers.size(), 2);
        for (const DiscoveredServer &s : r.servers) {
            QVERIFY2(s.outsideDomain, qPrintable(s.server.host));
            QVERIFY(!s.insecure);
        }
        QVERIFY(!r.recommended());
        // All six usual candidates were tried (and refused).
        for (const char *host : { "pop.", "pop3.", "mail." }) {
            for (const char *port : { ":995", ":110" })
                QVERIFY2(
                    net.dialled.contains(QLatin1String(host) + QStringLiteral("example.test") + QLatin1String(port)),
                    host);
        }
    }

    void aSubdomainTargetIsTrustedWithoutTheUsualNames()
    {
        FakeSrv srv;
        srv.records.insert(
            QStringLiteral("_pop3s._tcp.example.test"), { { QStringLiteral("pop.eu.Example.Test."), 995, 0, 0 } });
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();
        net.ports.insert(QStringLiteral("pop.eu.example.test:995"), m_dovecot->tlsPort());
        Discovery discovery(options(srv, net));
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"));
        QCOMPARE(r.servers.size(), 1);
        QVERIFY(!r.servers.first().outsideDomain);
        QCOMPARE(r.recommended()->server.host, QStringLiteral("pop.eu.example.test"));
        // Only the target (again after the certificate question); no usual name.
        QVERIFY(!net.dialled.isEmpty());
        for (const QString &d : net.dialled)
            QCOMPARE(d, QStringLiteral("pop.eu.example.test:995"));
    }

    void srvTargetsThatFailFallBackToWellKnownNames()
    {
        FakeSrv srv;
        srv.records.insert(
            QStringLiteral("_pop3s._tcp.example.test"), { { QStringLiteral("gone.example.test"), 995, 0, 0 } });
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();
        net.ports.insert(QStringLiteral("pop.example.test:995"), m_dovecot->tlsPort());
        Discovery discovery(options(srv, net));
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"));
        QVERIFY(r.usedSrv);
        QCOMPARE(r.servers.size(), 1);
        QCOMPARE(r.servers.first().server.host, QStringLiteral("pop.example.test"));
        QCOMPARE(net.dialled.first(), QStringLiteral("gone.example.test:995"));
    }

    void aDeclinedServiceIsNotProbed()
    {
        FakeSrv srv;
        // "." : this domain offers no POP3 over implicit TLS.
        srv.records.insert(QStringLiteral("_pop3s._tcp.example.test"), { { QStringLiteral("."), 0, 0, 0 } });
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();
        net.ports.insert(QStringLiteral("pop.example.test:110"), m_dovecot->plainPort());
        Discovery discovery(options(srv, net));
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"));
        QCOMPARE(r.servers.size(), 1);
        QCOMPARE(r.servers.first().server.security, Security::StartTls);
        for (const QString &d : net.dialled)
            QVERIFY2(!d.endsWith(QLatin1String(":995")), qPrintable(d));
    }

    void probesSendNoCredentials()
    {
        const PoplarTest::TestPki &pki = PoplarTest::TestPki::instance();
        QVERIFY2(pki.ok, qPrintable(pki.error));
        TlsTestServer implicit;
        TlsTestServer starttls({ .mode = TlsTestServer::Mode::StartTls });
        TlsTestServer plaintext({ .mode = TlsTestServer::Mode::StartTls, .advertiseStls = false });
        QVERIFY(implicit.start());
        QVERIFY(starttls.start());
        QVERIFY(plaintext.start());
        FakeSrv srv;
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();
        net.ports.insert(QStringLiteral("pop.example.test:995"), implicit.serverPort());
        net.ports.insert(QStringLiteral("pop.example.test:110"), starttls.serverPort());
        net.ports.insert(QStringLiteral("mail.example.test:110"), plaintext.serverPort());
        Discovery discovery(options(srv, net));
        const DiscoveryResult r = discover(discovery, QStringLiteral("alice@example.test"));
        QCOMPARE(r.servers.size(), 3);

        // The plaintext-only server is listed last, as insecure, and never recommended.
        const DiscoveredServer &insecure = r.servers.last();
        QCOMPARE(insecure.server.host, QStringLiteral("mail.example.test"));
        QVERIFY(insecure.insecure);
        QCOMPARE(insecure.server.security, Security::None);
        QVERIFY(!insecure.server.tls.encrypted);
        QVERIFY(insecure.server.capabilities.user);
        QCOMPARE(r.recommended()->server.host, QStringLiteral("pop.example.test"));

        // Let the QUITs arrive.
        QTRY_VERIFY(implicit.allClosed() && starttls.allClosed() && plaintext.allClosed());
        for (const TlsTestServer *s : { &implicit, &starttls, &plaintext }) {
            QVERIFY(s->clientCount() >= 1);
            for (const QByteArray &verb : verbs(*s))
                QVERIFY2(verb == "CAPA" || verb == "STLS" || verb == "QUIT", verb.constData());
            const QByteArray all = s->allReceived().toUpper();
            for (const char *secret : { "USER", "PASS", "AUTH", "APOP", "ALICE", "CORRECT HORSE" })
                QVERIFY2(!all.contains(secret), secret);
        }
        QVERIFY(verbs(starttls).contains("STLS"));
        QVERIFY(!verbs(plaintext).contains("STLS"));
    }

    void silentCandidatesEndAtTheirTimeout()
    {
        SilentServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        FakeSrv srv;
        FakeNetwork net;
        net.fallback = silent.serverPort();  // every other name accepts and says nothing
        net.ports.insert(QStringLiteral("pop.example.test:995"), m_dovecot->tlsPort());
        Discovery::Options o = options(srv, net);
        o.probeTimeoutMs = 400;
        Discovery discovery(o);
        QElapsedTimer clock;
        clock.start();
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"));
        // The probes run at once: about one probe timeout in all.
        QVERIFY2(clock.elapsed() < 4'000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(r.servers.size(), 1);
        QCOMPARE(r.failures.size(), 5);
        for (const Accounts::ProbeFailure &f : r.failures)
            QVERIFY2(f.error.code == ErrorCode::ConnectTimeout || f.error.code == ErrorCode::TlsHandshakeFailed,
                qPrintable(Poplar::errorCodeName(f.error.code)));
        QVERIFY(!r.timedOut);
        QVERIFY(silent.received.isEmpty() || !silent.received.toUpper().contains("PASS"));
    }

    void theDeadlineEndsEverything()
    {
        SilentServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        FakeSrv srv;
        FakeNetwork net;
        net.fallback = silent.serverPort();
        Discovery::Options o = options(srv, net);
        o.probeTimeoutMs = 60'000;
        o.deadlineMs = 600;
        Discovery discovery(o);
        QElapsedTimer clock;
        clock.start();
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"));
        QVERIFY2(clock.elapsed() < 3'000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(r.timedOut);
        QVERIFY(r.servers.isEmpty());
        QCOMPARE(r.failures.size(), 6);
        QVERIFY(!r.recommended());
    }

    void aLookupThatNeverAnswersIsNotWaitedFor()
    {
        FakeNetwork net;
        net.fallback = PoplarTest::closedPort();
        net.ports.insert(QStringLiteral("pop.example.test:995"), m_dovecot->tlsPort());
        Discovery::Options o;
        o.srvLookup = [](const QString &, QObject *, Accounts::SrvDone) {};  // silence
        o.dialer = net.dialer();
        o.lookupTimeoutMs = 200;
        Discovery discovery(o);
        const DiscoveryResult r = discover(discovery, QStringLiteral("bob@example.test"), 10'000);
        QCOMPARE(r.servers.size(), 1);
    }

    void cancelStopsAtOnce()
    {
        SilentServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        FakeSrv srv;
        FakeNetwork net;
        net.fallback = silent.serverPort();
        Discovery discovery(options(srv, net));
        QSignalSpy done(&discovery, &Discovery::finished);
        QSignalSpy probing(&discovery, &Discovery::probing);
        discovery.start(QStringLiteral("bob@example.test"));
        QTRY_COMPARE(probing.size(), 6);
        discovery.cancel();
        QCOMPARE(done.size(), 0);  // never from inside cancel()
        QVERIFY(done.wait(2'000));
        const DiscoveryResult r = done.first().first().value<DiscoveryResult>();
        QCOMPARE(r.error.code, ErrorCode::Cancelled);
        QVERIFY(r.servers.isEmpty());
        QVERIFY(!discovery.isRunning());
        // Every probe is gone (the server saw each of its connections
        // close), so nothing is left that could finish a second time.
        QTRY_VERIFY(!silent.sockets.isEmpty());
        QTRY_VERIFY(std::all_of(silent.sockets.cbegin(), silent.sockets.cend(),
            [](const QTcpSocket *s) { return s->state() == QAbstractSocket::UnconnectedState; }));
        QCOMPARE(done.size(), 1);
    }

    void notAnAddress()
    {
        FakeSrv srv;
        FakeNetwork net;
        Discovery discovery(options(srv, net));
        const DiscoveryResult r = discover(discovery, QStringLiteral("no address"), 2'000);
        QCOMPARE(r.error.code, ErrorCode::InvalidArgument);
        QVERIFY(srv.asked.isEmpty());
        QVERIFY(net.dialled.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
