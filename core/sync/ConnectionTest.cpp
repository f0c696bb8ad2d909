#include "sync/ConnectionTest.h"

#include "pop3/Sasl.h"
#include "sync/Pop3Link.h"

namespace Sync {

using Poplar::Error;

namespace {

Pop3::Credentials given(std::optional<Pop3::Credentials> &credentials)
{
    return credentials ? std::move(*credentials) : Pop3::Credentials();
}

}  // namespace

ConnectionTest::ConnectionTest(Pop3::ConnectionSettings settings, std::optional<Pop3::Credentials> credentials,
    Pop3::Connection::TransportFactory factory, QObject *parent)
    : ServerDialogue(given(credentials), parent)
    , m_settings(std::move(settings))
    , m_factory(std::move(factory))
    , m_login(credentials.has_value())
{ }

ConnectionTest::~ConnectionTest() = default;

void ConnectionTest::begin()
{
    openLink(new Pop3Link(m_settings, m_factory));
}

void ConnectionTest::linkOpened()
{
    m_report.server = pop3Of(link()).serverInfo();
    Q_EMIT serverOpened(*m_report.server);
    if (!m_login) {
        // Only what the server offers: goodbye.
        wipeSecret();
        return quit();
    }
    login();
}

void ConnectionTest::askCertificate(const Net::CertificateProblem &problem)
{
    m_report.certificate = problem;
    Q_EMIT certificateQuestion(problem);
}

void ConnectionTest::answerCertificate(Net::CertificateDecision decision)
{
    if (isFinished())
        return;
    if (decision == Net::CertificateDecision::Pin && m_report.certificate)
        m_report.pinnedSha256 = m_report.certificate->sha256;
    ServerDialogue::answerCertificate(decision);
}

void ConnectionTest::work()
{
    Pop3::Connection &c = pop3Of(link());
    m_report.mechanism = c.mechanism();
    if (m_report.mechanism)
        Q_EMIT loggedIn(*m_report.mechanism);
    connect(&c, &Pop3::Connection::statReceived, this, [this](quint32 count, quint64 size) {
        m_report.messageCount = count;
        m_report.mailboxSize = size;
        quit();
    });
    c.stat();
}

void ConnectionTest::quitConfirmed()
{
    end();
}

void ConnectionTest::linkLost(const Error &error, bool quitWasSent)
{
    // The answer is in once STAT answered: a link dropped at QUIT then
    // changes nothing (nothing was to be deleted).
    const bool answered = m_report.messageCount.has_value();
    if (!(quitWasSent && answered && !m_failure))
        ServerDialogue::linkLost(error, quitWasSent);
    else
        end();
}

void ConnectionTest::releasing(ServerLink *going)
{
    m_report.protocolLog = going->protocolLogText();
}

void ConnectionTest::ended()
{
    m_report.error = m_failure ? *m_failure : Error();
    Q_EMIT finished(m_report);
}

}  // namespace Sync
