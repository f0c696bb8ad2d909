#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "net/Link.h"
#include "net/TlsTypes.h"
#include "net/Transport.h"
#include "pop3/PipelineWindow.h"
#include "pop3/ProtocolLog.h"
#include "pop3/Session.h"

#include <QObject>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace Pop3 {

// The POP3 port for a kind of security: 995 for implicit TLS, else 110.
[[nodiscard]] quint16 defaultPort(Net::Security s);

// The link's settings (host, TLS, proxy, pin, timeouts, the throughput
// rule, the read buffer: see Net::LinkSettings) and what POP3 adds.
struct ConnectionSettings : Net::LinkSettings {
    // A message's data may run past the size LIST gave for it by a factor of
    // two (bare line feeds sent as CRLF can double it) plus this slack before
    // it fails as MessageOversized. TOP is held to the same bound.
    quint64 messageSizeSlack = 1024 * 1024;
    // The bound for a message no listing of this connection sized.
    quint64 unlistedMessageLimit = 256 * 1024 * 1024;
    SessionOptions session;
    // The pipelining window grows from session.windowBytes up to this as the
    // link's round trip and throughput are measured (see PipelineWindow).
    quint64 maxWindowBytes = 16 * 1024 * 1024;
    // Times the round trips and rounds; the system's clock when null.
    const Poplar::Clock *clock = nullptr;

    [[nodiscard]] quint16 effectivePort() const { return port ? port : defaultPort(security); }
};

struct ServerInfo {
    QString host;
    quint16 port = 0;
    Net::Security security = Net::Security::ImplicitTls;
    QByteArray greeting;
    QByteArray apopTimestamp;
    Capabilities capabilities;
    Net::TlsInfo tls;
};

// Where retrieved messages go. Data arrives in chunks as it is read; a
// message is either finished or discarded. Returning an error from any call
// cancels the whole retrieval (nothing further is read, nothing deleted).
class MessageSink
{
public:
    virtual ~MessageSink() = default;
    virtual Poplar::Status begin(quint32 message) = 0;
    virtual Poplar::Status write(quint32 message, QByteArrayView data) = 0;
    virtual Poplar::Status finish(quint32 message, quint64 size) = 0;
    virtual void discard(quint32 message) = 0;
};

// Joins a Pop3::Session to a Net::Link (which owns the transport, the
// timeouts, STLS and certificate handling): an async API for one POP3
// conversation. One operation runs at a time; each ends in its
// own signal or in failed(). failed() is fatal: the link is gone. If
// quitSent() is false the server deleted nothing; if it is true (the link
// dropped after QUIT went out but before its answer), whether the server
// applied the deletions is unknown.
//
// Signals may be emitted from inside the transport's own signal handlers:
// release a Connection with deleteLater(), never delete it in a slot.
class Connection : public QObject
{
    Q_OBJECT
public:
    using TransportFactory = std::function<std::unique_ptr<Net::Transport>()>;

    explicit Connection(ConnectionSettings settings, QObject *parent = nullptr);
    Connection(ConnectionSettings settings, TransportFactory factory, QObject *parent = nullptr);
    ~Connection() override;

    // Connect, read the greeting, CAPA, and with StartTls: STLS, handshake,
    // CAPA again. Ends in opened(), certificateDecisionNeeded() or failed().
    void open();
    // The answer to certificateDecisionNeeded(): Reject ends in failed();
    // AcceptOnce and Pin reconnect trusting exactly that certificate (the
    // caller stores a pin itself).
    void answerCertificate(Net::CertificateDecision decision);
    void login(const Credentials &credentials);  // loggedIn() or loginFailed()
    void stat();                                 // statReceived()
    // LIST and UIDL: listed(). A line that cannot be used does not fail the
    // listing: see listingProblems(). How UIDL fared: uidlStatus().
    // StatFirst::Yes sends STAT ahead of them (pipelined when the server
    // allows): statReceived(), then listed(), a round trip sooner than
    // stat() and listMessages() one after the other.
    enum class StatFirst { No, Yes };
    void listMessages(StatFirst stat = StatFirst::No);
    // RETR each message into `sink`: messageRetrieved() or messageFailed()
    // per message, then retrieveFinished(). A message whose data runs past
    // 2 × its LIST size + messageSizeSlack (unlistedMessageLimit when no
    // listing sized it) gets messageFailed(MessageOversized), and then the
    // connection fails with MessageOversized: the link is dropped, no QUIT,
    // nothing deleted.
    void retrieve(const QList<quint32> &messages, MessageSink *sink);
    // Like retrieve, for the header and first `lines` lines of one message;
    // held to the same bound, and its header to SessionOptions::maxHeaderBytes.
    void top(quint32 message, quint32 lines, MessageSink *sink);
    // DELE each message: messageDeleted() or deleteFailed() per message, then
    // deletionsFinished(). The server applies them only on a confirmed QUIT.
    void deleteMessages(const QList<quint32> &messages);
    void noop();  // noopDone()
    // QUIT: the server applies the deletions; quitConfirmed() when it answered.
    void quit();
    // Drops the link at once (no QUIT: nothing is deleted). Emits failed(Cancelled).
    void cancel();

    // Back-pressure. While paused, nothing is read from the transport and
    // nothing more reaches the session or a sink; the transport keeps at
    // most readBufferBytes, so the kernel's receive window fills and TCP flow
    // control slows the server. What was read before the pause began (one
    // read, at most about readBufferBytes) is still delivered. A pause never
    // counts against the server: the connect, idle and throughput timers
    // stop, and start afresh on resume. Resuming processes whatever is buffered at
    // once, also when nothing new arrives; a close the server sent while
    // paused is handled after that. Commands may be issued while paused.
    void setReadingPaused(bool paused);
    [[nodiscard]] bool isReadingPaused() const { return m_link.isReadingPaused(); }
    [[nodiscard]] const ServerInfo &serverInfo() const { return m_info; }
    // Commands of the running retrieve or remove given to the session and not
    // yet answered: about a window's worth, however many messages it names.
    [[nodiscard]] std::size_t commandsHeld() const { return m_pending.size(); }
    // The shortest round trip measured on this link, and the pipelining
    // window it and the throughput have sized so far.
    [[nodiscard]] std::optional<qint64> roundTripMs() const { return m_window.roundTripMs(); }
    [[nodiscard]] quint64 windowBytes() const { return m_window.budget(); }
    [[nodiscard]] const ProtocolLog &protocolLog() const { return m_log; }
    [[nodiscard]] bool isOpen() const { return m_phase == Phase::Ready; }
    [[nodiscard]] bool quitSent() const { return m_quitSent; }
    [[nodiscard]] std::optional<Mechanism> mechanism() const
    {
        return m_session ? m_session->authenticatedWith() : std::nullopt;
    }
    // The last listing (valid from listed() on): how UIDL fared, and what
    // was wrong with the LIST and UIDL answers. listed()'s `uidlSupported`
    // is uidlStatus() == UidlStatus::Supported.
    [[nodiscard]] UidlStatus uidlStatus() const { return m_uidlStatus; }
    [[nodiscard]] const ListingProblems &listingProblems() const { return m_problems; }
    // Whether the server accepted UTF8 (sent before the first login when CAPA lists it).
    [[nodiscard]] bool utf8Active() const { return m_session && m_session->utf8Active(); }

Q_SIGNALS:
    void opened(const Pop3::ServerInfo &info);
    void certificateDecisionNeeded(const Net::CertificateProblem &problem);
    void loggedIn(Pop3::Mechanism mechanism);
    void loginFailed(const Poplar::Error &error);
    void statReceived(quint32 count, quint64 size);
    void listed(const std::vector<Pop3::MessageInfo> &messages, bool uidlSupported);
    void messageRetrieved(quint32 message, quint64 size);
    void messageFailed(quint32 message, const Poplar::Error &error);
    void retrieveFinished();
    void messageDeleted(quint32 message);
    void deleteFailed(quint32 message, const Poplar::Error &error);
    void deletionsFinished();
    void noopDone();
    void quitConfirmed();
    void failed(const Poplar::Error &error);
    // Raw bytes received, for progress displays.
    void bytesReceived(qint64 count);

private:
    enum class Phase { Idle, Opening, AwaitingCertificate, Ready, Quitting, Done, Failed };
    enum class Op { None, Open, Login, Stat, List, Retrieve, Remove, Noop, Quit };

    void onLinkConnecting();
    void onLinkConnected();
    void onLinkEncrypted();
    void onReceived(const QByteArray &data);
    void onClosedByPeer();
    void onLinkFailed(const Poplar::Error &error);
    void onCertificateDecisionNeeded(const Net::CertificateProblem &problem);
    void flush();
    void process();
    void handle(Event &event);
    void fatal(Poplar::Error error);
    void finishOp();
    // The message number of a RETR/TOP/DELE in flight, forgotten (0 if unknown).
    quint32 takePending(CommandId id);
    // Ends a retrieve or remove once its last command has answered.
    void finishBatchIfDone();
    // Hands the session the next RETRs or DELEs of the running retrieve or
    // remove: enough that it can fill its window (a window's worth of
    // charges, at least one command, at most maxCommandsInFlight), no more.
    // True when it queued any.
    bool feedSession();
    bool beginOp(Op op);
    // Tells the link whether a response is awaited (its timers run only then).
    void updateTimers();
    // The bound for RETR/TOP data of `message`.
    [[nodiscard]] quint64 dataLimit(quint32 message) const;
    // `message`'s size in the last listing (what the pipelining window charges it), if listed.
    [[nodiscard]] std::optional<quint64> listedSize(quint32 message) const;
    void finishListing();
    // Gives the session the window's current budget (logging when it grew).
    void applyWindow();
    [[nodiscard]] qint64 nowMs() const;
    void drainLog();
    void logInfo(const QByteArray &text);

    ConnectionSettings m_settings;
    Net::Link m_link;
    std::unique_ptr<Session> m_session;
    ProtocolLog m_log;
    ServerInfo m_info;
    bool m_utf8Requested = false;
    Phase m_phase = Phase::Idle;
    Op m_op = Op::None;
    bool m_processing = false;
    bool m_quitSent = false;
    bool m_processAgain = false;

    // The window's sizing: a round trip is timed from a write that found
    // nothing in flight (m_probeStart) to the first byte received after it.
    PipelineWindow m_window;
    std::optional<qint64> m_probeStart;
    quint64 m_loggedWindow = 0;

    // Operation state.
    CommandId m_uidlId = 0;
    CommandId m_listId = 0;
    std::optional<std::vector<UidlEntry>> m_uidl;
    std::optional<std::vector<ListEntry>> m_list;
    RejectedLines m_listRejected;
    RejectedLines m_uidlRejected;
    UidlStatus m_uidlStatus = UidlStatus::Supported;
    bool m_uidlWorked = false;  // a UIDL of this connection answered +OK
    ListingProblems m_problems;
    std::vector<ListEntry> m_sizes;  // the last listing's usable messages, by number
    MessageSink *m_sink = nullptr;
    std::map<CommandId, quint32> m_pending;  // command → message number
    // The messages of the running retrieve or remove not yet given to the
    // session, from m_unsentNext on: the session and m_pending hold about a
    // window's worth of commands, however large the mailbox.
    std::vector<quint32> m_unsent;
    std::size_t m_unsentNext = 0;
    std::set<quint32> m_begun;
};

}  // namespace Pop3
