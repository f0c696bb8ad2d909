// The connection test against a real POP3 server (Dovecot, on loopback,
// with a self-signed certificate the system does not trust): the
// certificate question answered both ways, a wrong password, a success.

#include "DovecotServer.h"

#include "sync/ConnectionTest.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

using namespace Sync;
using Poplar::ErrorCode;

class TestConnectionTestDovecot : public QObject
{
    Q_OBJECT

    std::unique_ptr<Poplar::DovecotServer> m_server;
    const QString m_user = QStringLiteral("tester");

    Pop3::ConnectionSettings settings() const
    {
        Pop3::ConnectionSettings s;
        s.host = m_server->host();
        s.port = m_server->tlsPort();
        s.security = Net::Security::ImplicitTls;
        return s;
    }

    Pop3::Credentials login(const QByteArray &secret) const
    {
        Pop3::Credentials c;
        c.user = m_user;
        c.secret = secret;
        return c;
    }

    QByteArray fingerprint() const
    {
        QFile pem(m_server->certificatePath());
        if (!pem.open(QIODevice::ReadOnly))
            return {};
        return QSslCertificate(pem.readAll(), QSsl::Pem).digest(QCryptographicHash::Sha256);
    }

    // Runs the test, answering the certificate question with `decision`.
    ConnectionTestReport run(ConnectionTest &test, Net::CertificateDecision decision, int *questions)
    {
        QSignalSpy done(&test, &ConnectionTest::finished);
        connect(&test, &ConnectionTest::certificateQuestion, &test, [&test, decision, questions] {
            ++*questions;
            test.answerCertificate(decision);
        });
        test.start();
        if (!done.wait(30'000))
            return {};
        return done.first().first().value<ConnectionTestReport>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<Poplar::DovecotServer>();
        QVERIFY(m_server->addUser(m_user, QStringLiteral("right-pw")));
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QVERIFY(m_server->addMessage("Subject: one\r\n\r\nbody\r\n", nullptr, m_user));
        QVERIFY(m_server->addMessage("Subject: two\r\n\r\nbody\r\n", nullptr, m_user));
    }

    void rejectingTheCertificateSendsNoPassword()
    {
        ConnectionTest test(settings(), login("right-pw"));
        int questions = 0;
        const ConnectionTestReport r = run(test, Net::CertificateDecision::Reject, &questions);
        QCOMPARE(questions, 1);
        QCOMPARE(r.error.code, ErrorCode::CertificateUntrusted);
        QVERIFY(r.certificate);
        QCOMPARE(r.certificate->sha256, fingerprint());
        QVERIFY(r.pinnedSha256.isEmpty());
        QVERIFY(!r.mechanism);
        QVERIFY(!r.protocolLog.contains(QStringLiteral("PASS")));
        QVERIFY(!r.protocolLog.contains(QStringLiteral("AUTH")));
    }

    void pinningTheCertificateLogsInAndReportsTheMailbox()
    {
        ConnectionTest test(settings(), login("right-pw"));
        int questions = 0;
        const ConnectionTestReport r = run(test, Net::CertificateDecision::Pin, &questions);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(questions, 1);
        QCOMPARE(r.pinnedSha256, fingerprint());
        QVERIFY(r.server);
        QVERIFY(r.server->greeting.startsWith("Dovecot ready."));
        QVERIFY(r.server->tls.encrypted);
        QVERIFY(r.mechanism);
        QCOMPARE(r.messageCount, std::optional<quint32>(2));
        QVERIFY(r.mailboxSize.value_or(0) > 0);
        QVERIFY(r.protocolLog.contains(QStringLiteral("C: STAT")));
        QVERIFY(r.protocolLog.contains(QStringLiteral("C: QUIT")));
        QVERIFY(!r.protocolLog.contains(QStringLiteral("right-pw")));
    }

    void aPinnedCertificateAsksNothing()
    {
        Pop3::ConnectionSettings s = settings();
        s.pinnedSha256 = fingerprint();
        ConnectionTest test(s, login("right-pw"));
        int questions = 0;
        const ConnectionTestReport r = run(test, Net::CertificateDecision::Reject, &questions);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(questions, 0);
        QVERIFY(!r.certificate);
        QCOMPARE(r.messageCount, std::optional<quint32>(2));
    }

    void aWrongPasswordIsAuthFailed()
    {
        ConnectionTest test(settings(), login("wrong-pw"));
        int questions = 0;
        const ConnectionTestReport r = run(test, Net::CertificateDecision::AcceptOnce, &questions);
        QCOMPARE(r.error.code, ErrorCode::AuthFailed);
        QVERIFY(!r.messageCount);
        QVERIFY(r.protocolLog.contains(QStringLiteral("C: QUIT")));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestConnectionTestDovecot)
#include "tst_connection_test_dovecot.moc"
