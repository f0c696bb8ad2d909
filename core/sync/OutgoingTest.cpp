#include "sync/OutgoingTest.h"

#include <QTimer>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;

OutgoingTest::OutgoingTest(Smtp::ConnectionSettings settings, std::optional<Sasl::Credentials> credentials,
    Smtp::Connection::TransportFactory factory, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_credentials(std::move(credentials))
    , m_factory(std::move(factory))
{ }

OutgoingTest::~OutgoingTest()
{
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection.release()->deleteLater();
    }
}

void OutgoingTest::start()
{
    if (m_connection || m_finished || m_cancelled)
        return;
    m_connection = m_factory ? std::make_unique<Smtp::Connection>(m_settings, m_factory)
                             : std::make_unique<Smtp::Connection>(m_settings);
    Smtp::Connection *c = m_connection.get();
    connect(c, &Smtp::Connection::opened, this, [this](const Smtp::ServerInfo &info) {
        m_report.server = info;
        Q_EMIT serverOpened(info);
        if (m_cancelled || m_finished)
            return;  // cancelled by a listener of serverOpened
        if (m_credentials) {
            m_connection->login(*m_credentials);
            m_credentials->secret.clear();
        } else {
            m_connection->quit();
        }
    });
    connect(c, &Smtp::Connection::certificateDecisionNeeded, this, [this](const Net::CertificateProblem &problem) {
        m_report.certificate = problem;
        Q_EMIT certificateQuestion(problem);
    });
    connect(c, &Smtp::Connection::loggedIn, this, [this](Sasl::Mechanism m) {
        m_report.mechanism = m;
        Q_EMIT loggedIn(m);
        if (!m_cancelled && !m_finished)
            m_connection->quit();
    });
    connect(c, &Smtp::Connection::closed, this, [this] { finish(Error()); });
    connect(c, &Smtp::Connection::failed, this, [this](const Error &e) { finish(e); });
    // Opened from the event loop: finished() never comes from inside start().
    // A cancel() before then is kept here: the connection is still idle
    // and would not hear it.
    QTimer::singleShot(0, this, [this] {
        if (m_cancelled) {
            finish(Error(ErrorCode::Cancelled));
            return;
        }
        m_opening = true;
        m_connection->open();
    });
}

void OutgoingTest::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    if (m_opening)
        m_connection->cancel();
    else if (!m_connection)
        QTimer::singleShot(0, this, [this] { finish(Error(ErrorCode::Cancelled)); });
    // else the deferred open finds the flag and finishes instead
}

void OutgoingTest::answerCertificate(Net::CertificateDecision decision)
{
    if (decision == Net::CertificateDecision::Pin && m_report.certificate)
        m_report.pinnedSha256 = m_report.certificate->sha256;
    if (m_connection)
        m_connection->answerCertificate(decision);
}

void OutgoingTest::finish(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_credentials)
        m_credentials->secret.clear();
    m_report.error = error;
    if (m_connection)
        m_report.protocolLog = m_connection->protocolLog().toDisplayText();
    // Reported from the event loop, after the connection's own handling.
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(m_report); });
}

}  // namespace Sync
