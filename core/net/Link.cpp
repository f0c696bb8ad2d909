#include "net/Link.h"

namespace Net {

using Poplar::Error;
using Poplar::ErrorCode;

Link::Link(LinkSettings settings, TransportFactory factory, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_factory(std::move(factory))
    , m_connectTimer(this)
    , m_idleTimer(this)
    , m_throughput(this)
{
    m_connectTimer.setSingleShot(true);
    m_idleTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        fail(Error(
            ErrorCode::ConnectTimeout, QStringLiteral("no answer within %1 ms").arg(m_settings.connectTimeoutMs)));
    });
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        fail(Error(
            ErrorCode::IdleTimeout, QStringLiteral("the server sent nothing for %1 ms").arg(m_settings.idleTimeoutMs)));
    });
    m_throughput.setRule(m_settings.throughputWindowMs, m_settings.minThroughputBytes);
    connect(&m_throughput, &ThroughputGuard::tooSlow, this, &Link::fail);
}

Link::~Link()
{
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->abort();
    }
}

void Link::open()
{
    if (m_state != State::Idle)
        return;
    startTransport();
}

void Link::startTransport()
{
    if (m_transport) {
        // May be called from within one of the old transport's signals.
        m_transport->disconnect(this);
        m_transport->abort();
        m_transport.release()->deleteLater();
    }
    m_state = State::Open;
    m_closePending = false;
    m_tlsPending = false;
    m_awaiting = false;
    m_transport = m_factory();
    Transport *t = m_transport.get();
    connect(t, &Transport::ready, this, [this] {
        if (m_state == State::Open)
            Q_EMIT connected();
    });
    connect(t, &Transport::encrypted, this, &Link::onTransportEncrypted);
    connect(t, &Transport::readyRead, this, &Link::onReadyRead);
    connect(t, &Transport::bytesWritten, this, [this] {
        if (m_state != State::Open)
            return;
        // Progress writing restarts the wait it was running for; a reply
        // awaited keeps its own deadline.
        if (m_idleTimer.isActive() && !m_awaiting)
            m_idleTimer.start(m_settings.idleTimeoutMs);
        updateTimers();
        Q_EMIT written();
    });
    connect(t, &Transport::closed, this, &Link::onTransportClosed);
    connect(t, &Transport::failed, this, &Link::fail);
    connect(t, &Transport::certificateRejected, this, &Link::onCertificateRejected);
    t->setReadBufferLimit(m_settings.readBufferBytes);

    TransportOptions to;
    to.host = m_settings.host;
    to.port = m_settings.port;
    to.implicitTls = m_settings.security == Security::ImplicitTls;
    to.extraCaCertificates = m_settings.caCertificates;
    to.acceptedSha256 = m_acceptedOnce;
    if (!m_settings.pinnedSha256.isEmpty())
        to.acceptedSha256.append(m_settings.pinnedSha256);
    to.pinnedSha256 = m_settings.pinnedSha256;
    to.proxy = m_settings.proxy;

    Q_EMIT connecting();
    if (m_state != State::Open || m_transport.get() != t)
        return;  // the protocol gave up on it
    if (m_paused)
        m_connectTimerHeld = true;
    else
        m_connectTimer.start(m_settings.connectTimeoutMs);
    t->open(to);
}

void Link::greeted()
{
    m_connectTimer.stop();
    m_connectTimerHeld = false;
}

void Link::startTls()
{
    if (m_state != State::Open || !m_transport)
        return;
    m_tlsPending = true;
    m_connectTimer.start(m_settings.connectTimeoutMs);
    updateTimers();
    m_transport->startTls();
}

void Link::onTransportEncrypted()
{
    if (m_state != State::Open)
        return;
    m_connectTimer.stop();
    m_connectTimerHeld = false;
    m_tlsPending = false;
    Q_EMIT encrypted();
}

void Link::write(const QByteArray &bytes)
{
    if (m_state == State::Open && m_transport && !bytes.isEmpty()) {
        m_transport->write(bytes);
        updateTimers();
    }
}

void Link::setThroughputRuleEnabled(bool enabled)
{
    m_throughput.setRule(enabled ? m_settings.throughputWindowMs : 0, enabled ? m_settings.minThroughputBytes : 0);
}

void Link::setIdleTimeout(int ms)
{
    m_settings.idleTimeoutMs = ms;
    if (m_idleTimer.isActive())
        m_idleTimer.start(ms);
}

void Link::onReadyRead()
{
    if (m_paused)
        return;  // stays in the transport, bounded; read on resume
    readTransport();
}

void Link::readTransport()
{
    if (!m_transport || isDown())
        return;
    const QByteArray data = m_transport->readAll();
    if (data.isEmpty())
        return;
    if (m_tlsPending) {
        // The server agreed to STARTTLS and then sent plaintext before the
        // handshake finished: it could only have been injected by someone on
        // the path. It must never reach the protocol as a response.
        fail(Error(ErrorCode::StlsFailed, QStringLiteral("plaintext data before the TLS handshake finished")));
        return;
    }
    m_throughput.addBytes(data.size());
    if (m_idleTimer.isActive())
        m_idleTimer.start(m_settings.idleTimeoutMs);
    Q_EMIT received(data);
}

void Link::setReadingPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (paused && m_connectTimer.isActive()) {
        // The greeting may be waiting unread: the time is not the server's.
        m_connectTimer.stop();
        m_connectTimerHeld = true;
    }
    if (!paused) {
        if (std::exchange(m_connectTimerHeld, false) && m_state == State::Open)
            m_connectTimer.start(m_settings.connectTimeoutMs);
        readTransport();
        if (m_closePending) {
            m_closePending = false;
            handlePeerClosed();
        }
    }
    updateTimers();
}

void Link::onTransportClosed()
{
    if (m_paused) {
        // What the server sent before closing is still to be read.
        m_closePending = true;
        return;
    }
    handlePeerClosed();
}

void Link::handlePeerClosed()
{
    if (isDown() || !m_transport)
        return;
    // Anything still buffered comes first.
    readTransport();
    if (isDown())
        return;
    stopTimers();
    Q_EMIT closedByPeer();
}

void Link::setAwaitingResponse(bool awaiting)
{
    m_awaiting = awaiting;
    updateTimers();
}

void Link::updateTimers()
{
    const bool waiting = m_awaiting && !m_paused && m_state == State::Open && !m_tlsPending;
    m_throughput.setWaiting(waiting);
    const bool writing = m_state == State::Open && !m_tlsPending && !m_paused && bytesToWrite() > 0;
    if (!waiting && !writing)
        m_idleTimer.stop();
    else if (!m_idleTimer.isActive())
        m_idleTimer.start(m_settings.idleTimeoutMs);
}

void Link::stopTimers()
{
    m_connectTimer.stop();
    m_connectTimerHeld = false;
    m_idleTimer.stop();
    m_throughput.setWaiting(false);
}

void Link::onCertificateRejected(const CertificateProblem &problem)
{
    if (m_state != State::Open)
        return;
    stopTimers();
    m_state = State::AwaitingCertificate;
    m_pendingProblem = problem;
    Q_EMIT certificateDecisionNeeded(problem);
}

bool Link::answerCertificate(CertificateDecision decision)
{
    if (m_state != State::AwaitingCertificate || !m_pendingProblem)
        return false;
    const CertificateProblem problem = *std::exchange(m_pendingProblem, std::nullopt);
    if (decision == CertificateDecision::Reject) {
        fail(Error(problem.kind == CertificateProblem::Kind::Changed ? ErrorCode::CertificateChanged
                                                                     : ErrorCode::CertificateUntrusted,
            QStringLiteral("certificate %1 rejected").arg(formatFingerprint(problem.sha256))));
        return true;
    }
    if (problem.sha256.isEmpty()) {
        fail(Error(ErrorCode::TlsHandshakeFailed, QStringLiteral("the server sent no certificate")));
        return true;
    }
    m_acceptedOnce.append(problem.sha256);
    if (decision == CertificateDecision::Pin)
        m_settings.pinnedSha256 = problem.sha256;
    startTransport();
    return true;
}

void Link::close()
{
    if (isDown())
        return;
    m_state = State::Closed;
    stopTimers();
    if (m_transport)
        m_transport->close();
}

void Link::abort()
{
    if (m_state == State::Failed)
        return;
    m_state = State::Failed;
    m_pendingProblem.reset();
    stopTimers();
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->abort();
    }
}

void Link::fail(const Error &error)
{
    if (isDown())
        return;
    abort();
    Q_EMIT failed(error);
}

}  // namespace Net
