#pragma once

#include "common/Error.h"
#include "net/ThroughputGuard.h"
#include "net/TlsTypes.h"
#include "net/Transport.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace Net {

// Where and how a Link connects, and how long it waits.
struct LinkSettings {
    QString host;
    quint16 port = 0;
    Security security = Security::ImplicitTls;
    QList<QSslCertificate> caCertificates;  // trusted in addition to the system's
    QByteArray pinnedSha256;                // the account's pinned certificate
    QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
    int connectTimeoutMs = 30'000;  // TCP + TLS + greeting; STARTTLS handshake
    int idleTimeoutMs = 60'000;     // no byte from the server while a response is awaited, or none taken while writing
    // The minimum-throughput rule (see ThroughputGuard); 0 turns it off.
    int throughputWindowMs = 120'000;
    qint64 minThroughputBytes = 16 * 1024;
    // Most octets the transport keeps unread (see setReadingPaused()).
    qint64 readBufferBytes = 256 * 1024;
};

// The link under a line protocol (POP3, SMTP): owns the Transport and the
// timers, and carries bytes in both directions. What it handles so that no
// protocol copies it:
// - creating the transport (through a factory) with the TLS, proxy and pin
//   settings, and dropping it;
// - the connect timeout (until the protocol calls greeted(), and again for a
//   STARTTLS handshake), the idle timeout and the throughput rule while the
//   protocol awaits a response;
// - back-pressure: while reading is paused nothing is read and no timer
//   counts against the server;
// - STARTTLS: after startTls() every byte that arrives before the handshake
//   finished is refused (StlsFailed): it can only have been injected;
// - an untrusted certificate: certificateDecisionNeeded(), and after
//   AcceptOnce or Pin a reconnect that trusts exactly that certificate.
//
// The protocol reads received() and closedByPeer(), writes with write(),
// says whether it awaits a response with setAwaitingResponse(), and ends the
// link with close() (graceful) or abort(). Every failure the link detects
// itself ends in failed() with a typed error, after the transport was dropped.
//
// Signals may be emitted from inside the transport's own signal handlers.
class Link final : public QObject
{
    Q_OBJECT
public:
    using TransportFactory = std::function<std::unique_ptr<Transport>()>;

    Link(LinkSettings settings, TransportFactory factory, QObject *parent = nullptr);
    ~Link() override;
    Link(const Link &) = delete;
    Link &operator=(const Link &) = delete;

    // Connects (with implicit TLS, also the handshake): connecting(), then
    // connected(), certificateDecisionNeeded() or failed(). The connect
    // timeout runs until greeted().
    void open();
    // The server's first answer arrived: the connect timeout ends.
    void greeted();
    // Upgrades a plaintext link after the server agreed: encrypted() or
    // failed(). The connect timeout covers the handshake.
    void startTls();
    // The answer to certificateDecisionNeeded(). Reject fails the link with
    // CertificateUntrusted or CertificateChanged; AcceptOnce and Pin open a
    // new transport that accepts exactly that certificate (Pin also makes it
    // the pin this link compares with). False when no question is open.
    bool answerCertificate(CertificateDecision decision);
    void write(const QByteArray &bytes);
    // Octets written that have not gone out yet; written() says when some went.
    // While any wait, the idle timer runs too and restarts on each progress:
    // a server that stops reading fails the link as one that stops answering.
    [[nodiscard]] qint64 bytesToWrite() const { return m_transport ? m_transport->bytesToWrite() : 0; }
    // How long the server may stay silent while a response is awaited, from
    // now on (SMTP waits ten minutes for the reply to a message's final dot).
    void setIdleTimeout(int ms);
    // Turns the minimum-throughput rule off (and on again) for a wait that
    // is allowed to be long (SMTP's reply to a message's final dot).
    void setThroughputRuleEnabled(bool enabled);
    // Whether the protocol waits for the server: the idle timer and the
    // throughput rule run only then (and not while paused or handshaking).
    void setAwaitingResponse(bool awaiting);
    // A complete response arrived: progress for the throughput rule.
    void responseReceived() { m_throughput.addResponse(); }
    // Back-pressure. While paused nothing is read from the transport; it
    // keeps at most readBufferBytes, so TCP flow control slows the server.
    // The connect, idle and throughput timers stop, and start afresh on
    // resume. Resuming delivers whatever is buffered at once, and a close
    // the server sent while paused after that.
    void setReadingPaused(bool paused);
    // Flushes and closes after the protocol's goodbye; no further signals.
    void close();
    // Drops the link at once; no further signals.
    void abort();

    [[nodiscard]] bool isReadingPaused() const { return m_paused; }
    [[nodiscard]] bool isEncrypted() const { return m_transport && m_transport->isEncrypted(); }
    [[nodiscard]] TlsInfo tlsInfo() const { return m_transport ? m_transport->tlsInfo() : TlsInfo(); }
    [[nodiscard]] const LinkSettings &settings() const { return m_settings; }
    // The certificates accepted for this link (once or pinned) so far.
    [[nodiscard]] const QList<QByteArray> &acceptedSha256() const { return m_acceptedOnce; }

Q_SIGNALS:
    // A transport is about to open (the first, or the reconnect after a
    // certificate was accepted): what the protocol knew of the server is stale.
    void connecting();
    void connected();  // TCP up (and, with implicit TLS, encrypted)
    void encrypted();  // the STARTTLS handshake finished
    void received(const QByteArray &bytes);
    // Some of what was written went out to the network.
    void written();
    // The server ended the link; everything it sent before came first.
    void closedByPeer();
    void certificateDecisionNeeded(const Net::CertificateProblem &problem);
    void failed(const Poplar::Error &error);

private:
    enum class State { Idle, Open, AwaitingCertificate, Closed, Failed };

    void startTransport();
    void onTransportEncrypted();
    void onReadyRead();
    void onTransportClosed();
    void onCertificateRejected(const CertificateProblem &problem);
    void readTransport();
    void handlePeerClosed();
    void updateTimers();
    void stopTimers();
    void fail(const Poplar::Error &error);
    [[nodiscard]] bool isDown() const { return m_state == State::Closed || m_state == State::Failed; }

    LinkSettings m_settings;
    TransportFactory m_factory;
    std::unique_ptr<Transport> m_transport;
    QTimer m_connectTimer;
    QTimer m_idleTimer;
    ThroughputGuard m_throughput;
    State m_state = State::Idle;
    bool m_paused = false;
    bool m_awaiting = false;
    bool m_tlsPending = false;        // startTls() called, the handshake not finished
    bool m_closePending = false;      // the transport closed while paused
    bool m_connectTimerHeld = false;  // stopped by a pause while opening
    QList<QByteArray> m_acceptedOnce;
    std::optional<CertificateProblem> m_pendingProblem;
};

}  // namespace Net
