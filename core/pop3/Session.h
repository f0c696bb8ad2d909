#pragma once

#include "common/Error.h"
#include "common/Result.h"
#include "pop3/Capabilities.h"
#include "pop3/DotDecoder.h"
#include "pop3/Listing.h"
#include "pop3/ProtocolLog.h"
#include "pop3/Sasl.h"
#include "pop3/Types.h"

#include <QByteArray>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace Pop3 {

// What the session reports. Every command the caller issues ends in exactly
// one completion event carrying its id (or CommandFailed); RETR and TOP
// stream their data as DataChunk events before DataComplete.
namespace Events {
struct Greeting {
    QByteArray text;
    QByteArray apopTimestamp;  // "<…>" including the angle brackets, or empty
};
struct CapabilitiesReceived {
    CommandId id;
    Capabilities capabilities;  // capaSupported == false when the server refused CAPA
};
struct StlsReady {
    CommandId id;  // start the TLS handshake now, then call Session::tlsEstablished()
};
struct Authenticated {
    CommandId id;
    Mechanism mechanism;
};
struct StatReceived {
    CommandId id;
    quint32 count;
    quint64 size;
};
struct ListReceived {
    CommandId id;
    std::vector<ListEntry> entries;
    RejectedLines rejected;  // lines of a multi-line answer that could not be read (left out)
};
struct UidlReceived {
    CommandId id;
    std::vector<UidlEntry> entries;
    RejectedLines rejected;
};
struct DataChunk {
    CommandId id;
    quint32 message;
    QByteArray bytes;  // dot-unstuffed, line endings as sent by the server
};
struct DataComplete {
    CommandId id;
    quint32 message;
    quint64 size;  // total octets delivered in DataChunk events
};
struct CommandOk {
    CommandId id;
    CommandType type;
    Poplar::ServerText text;
};
struct CommandFailed {
    CommandId id;
    CommandType type;
    Poplar::Error error;
    // True when the command failed because the whole session failed (a
    // SessionFailed event follows); false for the command's own failure.
    bool sessionFailed = false;
};
// Fatal: the session is in state Failed and the connection must be closed.
// Every command still queued or in flight got a CommandFailed before this.
struct SessionFailed {
    Poplar::Error error;
};
}  // namespace Events

using Event = std::variant<Events::Greeting, Events::CapabilitiesReceived, Events::StlsReady, Events::Authenticated,
    Events::StatReceived, Events::ListReceived, Events::UidlReceived, Events::DataChunk, Events::DataComplete,
    Events::CommandOk, Events::CommandFailed, Events::SessionFailed>;

struct SessionOptions {
    // Pipelining window, used only when CAPA says PIPELINING (otherwise one
    // command is in flight at a time: lockstep). It is measured in the bytes
    // the server is asked to send: a RETR is charged its LIST size, a TOP
    // that size up to maxHeaderBytes plus TopAllowance, a message of unknown
    // size `unknownSizeCharge`, every other command nothing. Commands go out
    // while their charges fit in `windowBytes`; once one does not, nothing
    // more is sent until the charges in flight have dropped to ¾ of the
    // budget (and the count to ¾ of its cap), so refills go out in bursts
    // rather than one command per answer. A message larger than the budget
    // goes alone.
    quint64 windowBytes = 1024 * 1024;
    // Most commands in flight, whatever their charge. DELE, NOOP and the
    // like cost nothing against the budget; this keeps their bursts to what
    // any server reads comfortably in one go (256 short command lines are a
    // few KiB, well inside one socket buffer, so a server that reads a
    // line, answers and only then reads on is never flooded).
    int maxCommandsInFlight = 256;
    // The charge of a RETR or TOP whose size no listing gave.
    quint64 unknownSizeCharge = 64 * 1024;
    // Longest response line accepted outside message data.
    qsizetype maxLineLength = 64 * 1024;
    // Most lines, and most octets, accepted in one LIST or UIDL answer
    // (malformed lines count too); beyond either the session fails with
    // ListingTooLarge. At these bounds a listing costs at most about 200 MB
    // on its way through Session and Connection (measured: 1,000,000 UIDL
    // and LIST lines with 70-octet uids; 5,000,000 lines cost over 1 GB).
    qsizetype maxListingEntries = 1'000'000;
    qsizetype maxListingBytes = 96 * 1024 * 1024;
    // Longest header accepted in a TOP answer, whatever the message's size:
    // beyond it the session fails with MessageOversized.
    qsizetype maxHeaderBytes = 1024 * 1024;
    // Most lines accepted in a CAPA answer.
    qsizetype maxCapabilityLines = 1000;
    // For OAUTHBEARER's host/port fields.
    QString host;
    quint16 port = 0;
    // SCRAM client nonce; random by default, fixed in tests.
    std::function<QByteArray()> nonceGenerator;
};

struct StatusLine;

// A POP3 client session as a state machine fed bytes (RFC 1939, 2449, 2595,
// 5034, 6856): no socket, timer or event loop. Bytes from the server go in
// through feed(); bytes for the server come out of takeOutgoing(); what
// happened comes out of takeEvents(). Commands may be issued at any time:
// they are queued and sent when the protocol state and the pipelining window
// allow, in the order issued.
class Session
{
public:
    explicit Session(SessionOptions options = {});
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    // --- input --------------------------------------------------------------
    void feed(QByteArrayView bytes);
    // The transport closed or failed. Outstanding commands fail with
    // ConnectionLost (or `reason`), unless QUIT already completed.
    void connectionClosed(const Poplar::Error &reason = Poplar::Error(Poplar::ErrorCode::ConnectionLost));
    // The link is encrypted from the start (implicit TLS).
    void setLinkEncrypted(bool encrypted);
    // The TLS handshake after StlsReady succeeded. Earlier capabilities are
    // discarded and CAPA is issued again (its id is returned).
    CommandId tlsEstablished();

    // --- output -------------------------------------------------------------
    [[nodiscard]] QByteArray takeOutgoing();
    [[nodiscard]] bool hasOutgoing() const { return !m_out.isEmpty(); }
    [[nodiscard]] std::vector<Event> takeEvents();
    [[nodiscard]] bool hasEvents() const { return !m_events.empty(); }
    [[nodiscard]] std::vector<LogEntry> takeLogEntries();

    // --- commands -----------------------------------------------------------
    CommandId capa();
    CommandId stls();
    CommandId authenticate(const Credentials &credentials);
    CommandId utf8();
    CommandId stat();
    CommandId list(std::optional<quint32> message = std::nullopt);
    CommandId uidl(std::optional<quint32> message = std::nullopt);
    // `maxBytes` bounds the message data (after dot-unstuffing): more fails
    // the command and then the session with MessageOversized, before any of
    // the excess is handed out. TOP's header is bounded by maxHeaderBytes too.
    // `expectedBytes` is the message's LIST size, when known: it is what the
    // command is charged against the pipelining window.
    CommandId top(quint32 message, quint32 lines, std::optional<quint64> maxBytes = std::nullopt,
        std::optional<quint64> expectedBytes = std::nullopt);
    CommandId retr(quint32 message, std::optional<quint64> maxBytes = std::nullopt,
        std::optional<quint64> expectedBytes = std::nullopt);
    CommandId dele(quint32 message);
    CommandId rset();
    CommandId noop();
    CommandId quit();

    // --- state --------------------------------------------------------------
    [[nodiscard]] SessionState state() const { return m_state; }
    [[nodiscard]] const Capabilities &capabilities() const { return m_caps; }
    [[nodiscard]] bool capabilitiesKnown() const { return m_capsKnown; }
    [[nodiscard]] const QByteArray &greetingText() const { return m_greeting; }
    [[nodiscard]] const QByteArray &apopTimestamp() const { return m_apopTimestamp; }
    [[nodiscard]] bool linkEncrypted() const { return m_encrypted; }
    [[nodiscard]] bool awaitingTlsHandshake() const { return m_awaitingTls; }
    [[nodiscard]] std::optional<Mechanism> authenticatedWith() const { return m_authenticatedWith; }
    // The server accepted UTF8 (RFC 6856): UTF-8 mode is on for this session.
    [[nodiscard]] bool utf8Active() const { return m_utf8Active; }
    [[nodiscard]] int outstandingCount() const { return static_cast<int>(m_inflight.size()); }
    [[nodiscard]] int queuedCount() const { return static_cast<int>(m_queue.size()); }
    // The charges of the commands in flight, and the budget they must fit.
    [[nodiscard]] quint64 inflightBytes() const { return m_inflightBytes; }
    // The charges of the commands queued but not yet sent.
    [[nodiscard]] quint64 queuedBytes() const { return m_queuedBytes; }
    [[nodiscard]] quint64 windowBytes() const { return m_windowBytes; }
    // A new budget (at least 1) for the commands sent from now on; commands
    // already sent stay in flight even when they no longer fit.
    void setWindowBytes(quint64 bytes);

    // Whether a command went out while nothing else was in flight since the
    // last call (the first byte of its answer then times a round trip).
    [[nodiscard]] bool takeSentFromIdle();

    // What a TOP of a listed message is charged beyond its header bound:
    // room for the status line and the requested body lines.
    static constexpr quint64 TopAllowance = 4 * 1024;
    // Waiting for the server: a command is in flight or the greeting is due.
    [[nodiscard]] bool awaitingResponse() const;

    // The mechanism authenticate() would use, or why none can be used.
    //
    // Over an encrypted link the order is SCRAM-SHA-256, SCRAM-SHA-1, PLAIN,
    // LOGIN, USER/PASS, CRAM-MD5, APOP. TLS already protects the password in
    // transit, so what matters is what the server must keep and what a fake
    // server learns: SCRAM proves both sides and lets the server store only a
    // salted hash; PLAIN, LOGIN and USER/PASS let it store any hash it likes;
    // CRAM-MD5 and APOP force it to keep the password itself (or an MD5
    // equivalent) and rest on MD5, so they come last.
    // Over a plaintext link only mechanisms that never reveal the password
    // are used (SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, APOP), unless the
    // account allows an insecure login (then PLAIN, LOGIN, USER/PASS after them).
    //
    // A user name or password beyond ASCII goes only with mechanisms defined
    // on UTF-8 (PLAIN, RFC 4616; SCRAM, RFC 5802; the OAuth ones), or with
    // USER/PASS, APOP, LOGIN and CRAM-MD5 once the server advertised
    // "UTF8 USER" and accepted UTF8 (`utf8Logins`, RFC 6856 §3); otherwise
    // the error is Utf8LoginUnsupported.
    [[nodiscard]] static Poplar::Result<Mechanism> chooseMechanism(const Capabilities &caps, bool capabilitiesKnown,
        const QByteArray &apopTimestamp, const Credentials &credentials, bool encrypted, bool utf8Logins = false);

private:
    struct Pending {
        CommandId id = 0;
        CommandType type = CommandType::Noop;
        Poplar::Secret wire;  // the command line with CRLF (built when sent for AUTH)
        QByteArray logText;   // what the protocol log shows (masked)
        bool multiline = false;
        bool barrier = false;  // sent alone; nothing follows until it completes
        quint32 message = 0;
        quint64 dataLimit = ~quint64(0);  // RETR/TOP: most octets of message data
        quint64 charge = 0;               // against the pipelining window (windowBytes)
        std::optional<Credentials> credentials;
    };
    enum class Mode { Line, Data };

    Pending makePending(CommandType type, QByteArray wire, bool multiline, bool barrier, quint32 message = 0);
    // Queues a command (at the front with `first`) or fails it at once if the session has ended.
    CommandId queue(Pending p, bool first = false);
    CommandId enqueue(CommandType type, QByteArray wire, bool multiline, bool barrier, quint32 message = 0);
    void pump();
    bool prepare(Pending &cmd);
    bool prepareAuth(Pending &cmd);
    void send(QByteArrayView wire, const QByteArray &logText);
    qsizetype processInput(QByteArrayView buf);
    void handleLine(const QByteArray &line);
    void handleGreeting(const QByteArray &line);
    void handleAuthLine(const QByteArray &line);
    void handleSingleLineOk(Pending &cmd, const StatusLine &status);
    void handleDataOutput();
    void handleTextLine(QByteArrayView line);
    void completeMultiline();
    // Fails the RETR/TOP in front (its own failure) and then the session.
    void failOversized(const QString &why);
    // Counts TOP's header octets in `data`; false when over maxHeaderBytes.
    bool scanHeader(QByteArrayView data);
    void finishFront();
    // Takes the command in front out of flight and releases its charge.
    Pending popFront();
    [[nodiscard]] bool pipelining() const { return m_capsKnown && m_caps.pipelining; }
    [[nodiscard]] bool fitsWindow(const Pending &next) const;
    void unlatchWindow();
    void authDone();
    void fail(Poplar::Error error);
    void failCommand(const Pending &cmd, Poplar::Error error);
    void emitEvent(Event e) { m_events.push_back(std::move(e)); }
    void log(LogEntry::Kind kind, QByteArray text);
    [[nodiscard]] static Poplar::Error errorFrom(const StatusLine &status, Poplar::ErrorCode fallback);

    SessionOptions m_options;
    SessionState m_state = SessionState::AwaitingGreeting;
    Capabilities m_caps;
    bool m_capsKnown = false;
    QByteArray m_greeting;
    QByteArray m_apopTimestamp;
    bool m_encrypted = false;
    bool m_awaitingTls = false;
    bool m_quitSent = false;
    bool m_utf8Active = false;
    std::optional<Mechanism> m_authenticatedWith;

    CommandId m_nextId = 1;
    std::deque<Pending> m_queue;
    std::deque<Pending> m_inflight;
    bool m_windowFull = false;  // a command did not fit: wait for the refill mark
    quint64 m_inflightBytes = 0;
    quint64 m_queuedBytes = 0;
    bool m_sentFromIdle = false;
    quint64 m_windowBytes = 0;

    QByteArray m_in;
    qsizetype m_scanFrom = 0;
    Mode m_mode = Mode::Line;
    DotDecoder m_decoder;
    QByteArray m_dataOut;
    quint64 m_dataSize = 0;
    bool m_headerDone = false;  // TOP: the empty line after the header was seen
    bool m_lineBlank = true;    // TOP: the header line so far holds nothing but CR
    quint64 m_headerBytes = 0;
    QByteArray m_textLine;  // partial line of a CAPA/LIST/UIDL answer
    Capabilities m_pendingCaps;
    std::vector<ListEntry> m_listEntries;
    std::vector<UidlEntry> m_uidlEntries;
    RejectedLines m_rejected;
    qsizetype m_listingLines = 0;
    qsizetype m_listingBytes = 0;

    // Authentication in progress.
    Mechanism m_authMechanism = Mechanism::Auto;
    std::unique_ptr<SaslClient> m_sasl;
    std::optional<Poplar::Secret> m_deferredInitialResponse;
    Poplar::Secret m_password;  // USER/PASS only, wiped when sent
    bool m_userAccepted = false;
    std::optional<Poplar::Error> m_saslAbort;

    QByteArray m_out;
    std::vector<Event> m_events;
    std::vector<LogEntry> m_log;
};

}  // namespace Pop3
