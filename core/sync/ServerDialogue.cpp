#include "sync/ServerDialogue.h"

#include <QTimer>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;

ServerDialogue::ServerDialogue(Pop3::Credentials credentials, QObject *parent)
    : QObject(parent)
    , m_credentials(std::move(credentials))
{ }

ServerDialogue::~ServerDialogue()
{
    wipeSecret();
    if (m_link) {
        m_link->disconnect(this);
        m_link->cancel();
        m_link->deleteLater();
    }
}

void ServerDialogue::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, [this] {
        if (m_cancelled)
            return fail(Error(ErrorCode::Cancelled));
        begin();
    });
}

void ServerDialogue::cancel()
{
    if (!m_started) {
        m_started = true;
        m_cancelled = true;
        QTimer::singleShot(0, this, [this] { fail(Error(ErrorCode::Cancelled)); });
        return;
    }
    // Between links the next step sees it; with a link, it is dropped.
    m_cancelled = true;
    if (m_link)
        QTimer::singleShot(0, this, [this] { fail(Error(ErrorCode::Cancelled)); });
}

void ServerDialogue::openLink(ServerLink *opening)
{
    m_link = opening;
    m_quitting = false;
    connect(opening, &ServerLink::opened, this, [this] { linkOpened(); });
    connect(opening, &ServerLink::certificateDecisionNeeded, this, [this](const Net::CertificateProblem &problem) {
        m_certificate = problem;
        askCertificate(problem);
    });
    connect(opening, &ServerLink::loggedIn, this, [this] {
        enter(Stage::Working);
        loginSucceeded();
    });
    connect(opening, &ServerLink::loginFailed, this, [this](const Error &error) {
        loginRefused(error);
        quit();
    });
    connect(opening, &ServerLink::quitConfirmed, this, [this] {
        releaseLink();
        quitConfirmed();
    });
    connect(opening, &ServerLink::failed, this, [this](const Error &error) {
        const bool quitWasSent = m_link->quitSent();
        releaseLink();
        linkLost(error, quitWasSent);
    });
    enter(Stage::Connecting);
    opening->open();
}

void ServerDialogue::enter(Stage stage)
{
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

void ServerDialogue::releaseLink()
{
    releasing(m_link);
    m_link->disconnect(this);
    m_link->deleteLater();
    m_link = nullptr;
}

void ServerDialogue::login(bool keepSecret)
{
    enter(Stage::LoggingIn);
    m_link->login(m_credentials);
    if (!keepSecret)
        wipeSecret();
}

void ServerDialogue::wipeSecret()
{
    m_credentials.secret.clear();
}

void ServerDialogue::askCertificate(const Net::CertificateProblem &)
{
    answerCertificate(Net::CertificateDecision::Reject);
}

void ServerDialogue::answerCertificate(Net::CertificateDecision decision)
{
    if (m_link)
        m_link->answerCertificate(decision);
}

void ServerDialogue::loginRefused(const Error &error)
{
    if (!m_failure)
        m_failure = error;
}

void ServerDialogue::quit()
{
    m_quitting = true;
    enter(Stage::Closing);
    m_link->quit();
}

void ServerDialogue::linkLost(const Error &error, bool)
{
    if (!m_failure)
        m_failure = error;
    end();
}

void ServerDialogue::fail(Error error)
{
    if (m_finished)
        return;
    if (!m_failure)
        m_failure = std::move(error);
    if (m_link) {
        m_link->cancel();  // failed() follows and ends
        return;
    }
    end();
}

void ServerDialogue::end()
{
    if (m_finished || !readyToEnd())
        return;
    wipeSecret();
    m_finished = true;
    ended();
}

}  // namespace Sync
