#pragma once

#include "common/ProtocolLog.h"
#include "common/Result.h"
#include "net/Link.h"
#include "net/TlsTypes.h"
#include "net/Transport.h"
#include "smtp/Session.h"

#include <QIODevice>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>

namespace Smtp {

// The submission port for a kind of security: 465 for implicit TLS (RFC
// 8314), else 587 (RFC 6409).
[[nodiscard]] quint16 defaultPort(Net::Security s);

// The link's settings (host, TLS, proxy, pin, timeouts: see
// Net::LinkSettings) and what SMTP adds.
struct ConnectionSettings : Net::LinkSettings {
    SessionOptions session;
    // How long the server may take to answer a message's final dot (RFC
    // 5321 §4.5.3.2.6: ten minutes). Until then the message is in doubt.
    int finalReplyTimeoutMs = 10 * 60 * 1000;
    // How much of a message is read from its source at a time, and the most
    // octets of it waiting in the link before more is read: a big message
    // never sits in memory as a whole.
    qint64 dataChunkBytes = 64 * 1024;
    qint64 writeAheadBytes = 256 * 1024;

    [[nodiscard]] quint16 effectivePort() const { return port ? port : defaultPort(security); }
};

struct ServerInfo {
    QString host;
    quint16 port = 0;
    Net::Security security = Net::Security::ImplicitTls;
    Poplar::ServerText greeting;
    Capabilities capabilities;  // from the last EHLO (after STARTTLS: the encrypted one)
    bool extended = false;      // EHLO answered (false: HELO, no extension)
    Net::TlsInfo tls;
};

// Joins an Smtp::Session to a Net::Link (which owns the transport, the
// timeouts, STARTTLS and certificate handling): an async API for one
// submission conversation. open(), login() and quit() each end in their own
// signal or in failed(); every send() ends in exactly one of
// messageAccepted(), messageFailed() or messageInDoubt(), also when the
// connection fails (before failed()). failed() is fatal: the link is gone.
//
// Signals may be emitted from inside the transport's own signal handlers:
// release a Connection with deleteLater(), never delete it in a slot.
class Connection : public QObject
{
    Q_OBJECT
public:
    using TransportFactory = std::function<std::unique_ptr<Net::Transport>()>;
    // Called once per message after its last byte went to the link and
    // before its final dot does: the caller records the message as possibly
    // sent (durably). An error stops it: the link is dropped without the
    // dot, so the server cannot have taken it (messageFailed with that error).
    using BeforeFinalDot = std::function<Poplar::Status(SendId)>;

    explicit Connection(ConnectionSettings settings, QObject *parent = nullptr);
    Connection(ConnectionSettings settings, TransportFactory factory, QObject *parent = nullptr);
    ~Connection() override;

    // Connect, read the greeting, EHLO, and with StartTls: STARTTLS, the
    // handshake, EHLO again. Ends in opened(), certificateDecisionNeeded()
    // or failed().
    void open();
    // The answer to certificateDecisionNeeded(): Reject ends in failed();
    // AcceptOnce and Pin reconnect trusting exactly that certificate.
    void answerCertificate(Net::CertificateDecision decision);
    // After opened(). AUTH: loggedIn(), or failed() with the reason (a
    // refused login ends the connection). Messages sent before it was
    // answered wait for it.
    void login(const Sasl::Credentials &credentials);
    // After opened(). Queues a message: its envelope, and the device it is
    // read from (open for reading, at its first octet; kept alive by the
    // caller until the message's outcome). Messages go out one after the
    // other, in order. Before opened() (or after the end) the message fails
    // at once with InvalidState.
    SendId send(const Envelope &envelope, QIODevice *message);
    void setBeforeFinalDot(BeforeFinalDot hook) { m_beforeFinalDot = std::move(hook); }
    // QUIT after the messages queued: closed() when the server answered.
    void quit();
    // Drops the link at once. A message whose final dot went out is in
    // doubt, the others fail; then failed(Cancelled).
    void cancel();

    [[nodiscard]] const ServerInfo &serverInfo() const { return m_info; }
    [[nodiscard]] const Poplar::ProtocolLog &protocolLog() const { return m_log; }
    // Open, and its session not failed (a failure may still be on its way
    // to failed() while the outcomes before it are handed out).
    [[nodiscard]] bool isOpen() const
    {
        return m_phase == Phase::Ready && m_session && m_session->state() == SessionState::Ready;
    }
    [[nodiscard]] std::optional<Sasl::Mechanism> mechanism() const
    {
        return m_session ? m_session->authenticatedWith() : std::nullopt;
    }
    // Octets written to the link and not yet gone out (for tests of the
    // write-ahead bound).
    [[nodiscard]] qint64 linkBacklog() const { return m_link.bytesToWrite(); }

Q_SIGNALS:
    void opened(const Smtp::ServerInfo &info);
    void certificateDecisionNeeded(const Net::CertificateProblem &problem);
    void loggedIn(Sasl::Mechanism mechanism);
    // Octets of message `id` handed to the link so far, of `total`.
    void messageProgress(Smtp::SendId id, qint64 written, qint64 total);
    void messageAccepted(Smtp::SendId id, const Poplar::ServerText &reply);
    void messageFailed(Smtp::SendId id, const Poplar::Error &error, const QByteArrayList &refusedRecipients);
    void messageInDoubt(Smtp::SendId id, const Poplar::Error &error);
    void closed();
    void failed(const Poplar::Error &error);

private:
    enum class Phase { Idle, Opening, AwaitingCertificate, Ready, Done, Failed };

    void onLinkConnecting();
    void onLinkConnected();
    void onLinkEncrypted();
    void onReceived(const QByteArray &data);
    void onClosedByPeer();
    void onLinkFailed(const Poplar::Error &error);
    void onCertificateDecisionNeeded(const Net::CertificateProblem &problem);
    void flush();
    void process();
    void handle(const Event &event);
    // Hands the link more of the message the server waits for, as room frees.
    void pumpData();
    void fatal(Poplar::Error error);
    void drainLog();
    void logInfo(const QByteArray &text);
    void updateTimers();

    ConnectionSettings m_settings;
    Net::Link m_link;
    std::unique_ptr<Session> m_session;
    Poplar::ProtocolLog m_log;
    ServerInfo m_info;
    Phase m_phase = Phase::Idle;
    bool m_processing = false;
    bool m_processAgain = false;
    BeforeFinalDot m_beforeFinalDot;

    struct Outgoing {
        Envelope envelope;
        QPointer<QIODevice> source;
    };
    std::map<SendId, Outgoing> m_messages;  // sent and not yet ended, by the session's id
    std::optional<SendId> m_dataFor;         // the message whose bytes go out now
    std::vector<Event> m_batch;              // the session's events not yet handled
};

}  // namespace Smtp
