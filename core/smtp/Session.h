#pragma once

#include "common/Error.h"
#include "common/ProtocolLog.h"
#include "common/Result.h"
#include "common/Secret.h"
#include "sasl/Mechanism.h"
#include "sasl/Sasl.h"
#include "smtp/Capabilities.h"
#include "smtp/DotEncoder.h"
#include "smtp/Reply.h"

#include <QByteArray>
#include <QByteArrayList>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace Smtp {

// One message handed to send(): its envelope and what the server must be
// able to carry. The message itself is streamed later, after DataWanted.
struct Envelope {
    QByteArray from;              // reverse-path as it goes out (MessageBuilder's envelopeFrom); may be empty
    QByteArrayList recipients;    // forward-paths as they go out, at least one
    quint64 size = 0;             // octets of the message (for SIZE=, and checked against the server's limit)
    bool eightBit = false;        // the message holds 8-bit text: BODY=8BITMIME
    bool smtpUtf8 = false;        // an address or header needs SMTPUTF8 (RFC 6531)
};

using SendId = quint64;

enum class SessionState {
    AwaitingGreeting,
    Greeted,  // EHLO (or HELO) in flight
    Ready,    // the server named what it can do; commands go out
    Closed,   // QUIT answered
    Failed,   // fatal: the connection must be closed
};

// What the session reports. Every send() ends in exactly one of
// MessageAccepted, MessageFailed or MessageInDoubt.
namespace Events {
struct Greeting {
    Poplar::ServerText text;
};
// EHLO (or HELO, when the server knows no EHLO) answered; again after STARTTLS.
struct Ready {
    Capabilities capabilities;
    bool extended = true;  // false after HELO: the server offers no extension at all
};
// STARTTLS was accepted: start the handshake, then call tlsEstablished().
struct StartTlsReady { };
struct Authenticated {
    Sasl::Mechanism mechanism;
};
// The server waits for the message (354): hand it over with writeData()
// as the link drains, then call endData().
struct DataWanted {
    SendId id;
};
// The server took the message after the final dot (250).
struct MessageAccepted {
    SendId id;
    Poplar::ServerText text;  // the server's words, often its queue id
};
// The message was not delivered: nothing of it went out, or the server
// refused it with a reply. Safe to send again (after fixing what `error` says).
struct MessageFailed {
    SendId id;
    Poplar::Error error;
    QByteArrayList refusedRecipients;  // RCPT refused these (with `error` for the first)
};
// The final dot went out and no reply came (the link broke or failed): the
// server may have taken the message. Never send it again without asking.
struct MessageInDoubt {
    SendId id;
    Poplar::Error error;
};
// STARTTLS or AUTH failed. A failed login also fails the session: nothing
// else is sent on it.
struct CommandFailed {
    enum class Command { StartTls, Authenticate } command;
    Poplar::Error error;
};
struct Closed { };
// Fatal: the session is in state Failed and the connection must be closed.
// Every send() still waiting got its MessageFailed (or MessageInDoubt) first;
// nothing follows but the MessageFailed of a send() called later, and
// nothing more is written (not even what the same feed() made it write).
struct SessionFailed {
    Poplar::Error error;
};
}  // namespace Events

using Event = std::variant<Events::Greeting, Events::Ready, Events::StartTlsReady, Events::Authenticated,
    Events::DataWanted, Events::MessageAccepted, Events::MessageFailed, Events::MessageInDoubt, Events::CommandFailed,
    Events::Closed, Events::SessionFailed>;

struct SessionOptions {
    // What EHLO names the client: an address literal by default, so that no
    // host name of the user's machine goes into the headers servers add.
    QByteArray clientName = QByteArrayLiteral("[127.0.0.1]");
    // STARTTLS will be required: a server without EHLO is refused rather
    // than greeted with HELO (which cannot offer STARTTLS).
    bool requireStartTls = false;
    ReplyReader::Limits replyLimits;
    // For OAUTHBEARER's host/port fields.
    QString host;
    quint16 port = 0;
    // SCRAM client nonce; random by default, fixed in tests.
    std::function<QByteArray()> nonceGenerator;
};

// An SMTP submission client (RFC 5321, 6409; STARTTLS 3207, AUTH 4954,
// PIPELINING 2920, SIZE 1870, 8BITMIME 6152, SMTPUTF8 6531, enhanced codes
// 2034/3463) as a state machine fed bytes: no socket, timer or event loop.
// Bytes from the server go in through feed(); bytes for it come out of
// takeOutgoing(); what happened comes out of takeEvents(). After the
// greeting the session says EHLO by itself; startTls(), authenticate(),
// send() and quit() may be called at any time and run in that order once the
// server is ready.
//
// A message goes out as MAIL FROM and every RCPT TO in one write when the
// server pipelines (one at a time otherwise); DATA follows only when every
// recipient was accepted, so a refused recipient never receives a message
// half addressed. Any refusal ends the transaction with RSET, and the next
// message goes on.
class Session
{
public:
    explicit Session(SessionOptions options = {});
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    // --- input --------------------------------------------------------------
    void feed(QByteArrayView bytes);
    // The link closed or failed (`reason`). A message whose final dot went
    // out without a reply is MessageInDoubt; the others fail.
    void connectionClosed(const Poplar::Error &reason = Poplar::Error(Poplar::ErrorCode::ConnectionLost));
    // The link is encrypted from the start (implicit TLS, RFC 8314).
    void setLinkEncrypted(bool encrypted) { m_encrypted = encrypted; }
    // The handshake after StartTlsReady succeeded: the session forgets what
    // it learnt before and says EHLO again (RFC 3207 §4.2).
    void tlsEstablished();

    // --- output -------------------------------------------------------------
    [[nodiscard]] QByteArray takeOutgoing();
    [[nodiscard]] bool hasOutgoing() const { return !m_out.isEmpty(); }
    [[nodiscard]] qsizetype outgoingSize() const { return m_out.size(); }
    [[nodiscard]] std::vector<Event> takeEvents();
    [[nodiscard]] bool hasEvents() const { return !m_events.empty(); }
    [[nodiscard]] std::vector<Poplar::LogEntry> takeLogEntries();

    // --- commands -----------------------------------------------------------
    // Does nothing on a link encrypted already.
    void startTls();
    // A session logged in already answers with Authenticated again.
    void authenticate(const Sasl::Credentials &credentials);
    // After quit() (or the end) the message fails at once.
    SendId send(Envelope envelope);
    // The message's bytes (any line ends; they go out as CRLF, dot-stuffed),
    // in pieces, after DataWanted and before endData().
    void writeData(QByteArrayView bytes);
    // Ends the message with the final dot. Whoever keeps the outbox records
    // the message as possibly sent before calling this: from here until the
    // server's reply, a broken link leaves it in doubt.
    void endData();
    void quit();

    // --- state --------------------------------------------------------------
    [[nodiscard]] SessionState state() const { return m_state; }
    [[nodiscard]] const Capabilities &capabilities() const { return m_caps; }
    [[nodiscard]] bool extended() const { return m_extended; }
    [[nodiscard]] bool linkEncrypted() const { return m_encrypted; }
    [[nodiscard]] bool awaitingTlsHandshake() const { return m_awaitingTls; }
    [[nodiscard]] std::optional<Sasl::Mechanism> authenticatedWith() const { return m_authenticatedWith; }
    // Waiting for the server: a reply is due (the greeting or a command's).
    [[nodiscard]] bool awaitingReply() const { return !m_expected.empty(); }
    // The final dot went out and its reply has not come (RFC 5321 §4.5.3.2.6:
    // wait ten minutes for it).
    [[nodiscard]] bool awaitingFinalReply() const;
    // Between DataWanted and endData(): the caller owes the message.
    [[nodiscard]] bool wantsData() const { return m_dataOpen; }
    // Octets of the current message handed over so far.
    [[nodiscard]] qint64 dataWritten() const { return m_encoder.taken(); }
    [[nodiscard]] int queuedCount() const { return static_cast<int>(m_queue.size()); }

    // The mechanism authenticate() would use, or why none can be used.
    // Over an encrypted link: SCRAM-SHA-256, SCRAM-SHA-1, PLAIN, LOGIN,
    // CRAM-MD5 (SCRAM proves both sides and lets the server keep only a salted
    // hash; CRAM-MD5 forces it to keep the password). Over a plaintext link
    // only SCRAM and CRAM-MD5, unless the account allows an insecure login.
    // An OAuth token: OAUTHBEARER, then XOAUTH2. A user name or password
    // beyond ASCII goes only with mechanisms defined on UTF-8 (PLAIN, SCRAM,
    // the OAuth ones).
    [[nodiscard]] static Poplar::Result<Sasl::Mechanism> chooseMechanism(
        const Capabilities &caps, const Sasl::Credentials &credentials, bool encrypted);

private:
    enum class Expect { Greeting, Ehlo, Helo, StartTls, Auth, Mail, Rcpt, Data, Dot, Rset, Quit };
    struct Op {
        enum class Kind { StartTls, Authenticate, Send, Quit } kind;
        std::optional<Sasl::Credentials> credentials;
        SendId id = 0;
        Envelope envelope;
    };
    // The message in its transaction.
    struct Transaction {
        SendId id = 0;
        Envelope envelope;
        int rcptSent = 0;
        int rcptAnswered = 0;
        std::optional<Poplar::Error> error;  // MAIL or a RCPT refused
        QByteArrayList refused;
        bool mailAccepted = false;
    };

    void pump();
    void startOp(Op op);
    void beginSend(Op op);
    void sendNextRcpt();
    void beginAuth(Sasl::Credentials creds);
    void send(QByteArrayView wire, const QByteArray &logText, Expect expect);
    void sendCommand(const QByteArray &line, Expect expect);
    void handleReply(const Reply &reply);
    void handleGreeting(const Reply &reply);
    void handleEhlo(const Reply &reply, bool helo);
    void handleStartTls(const Reply &reply);
    void handleAuth(const Reply &reply);
    void handleMail(const Reply &reply);
    void handleRcpt(const Reply &reply);
    void handleData(const Reply &reply);
    void handleDot(const Reply &reply);
    void transactionAnswered();
    void failTransaction(Poplar::Error error, bool reset);
    void authDone();
    void fail(Poplar::Error error);
    void failQueued(const Poplar::Error &error);
    void emitEvent(Event e) { m_events.push_back(std::move(e)); }
    void log(Poplar::LogEntry::Kind kind, QByteArray text);
    [[nodiscard]] QByteArray mailFromLine(const Envelope &e) const;
    [[nodiscard]] std::optional<Poplar::Error> checkEnvelope(const Envelope &e) const;

    SessionOptions m_options;
    ReplyReader m_reader;
    SessionState m_state = SessionState::AwaitingGreeting;
    Capabilities m_caps;
    bool m_extended = false;
    bool m_encrypted = false;
    bool m_awaitingTls = false;
    bool m_quitSent = false;
    bool m_quitRequested = false;
    std::optional<Sasl::Mechanism> m_authenticatedWith;

    SendId m_nextId = 1;
    std::deque<Op> m_queue;
    std::deque<Expect> m_expected;
    bool m_busy = false;  // an operation runs (its replies may still be due)
    std::optional<Transaction> m_tx;
    bool m_dataOpen = false;
    DotEncoder m_encoder;

    // Authentication in progress.
    Sasl::Mechanism m_authMechanism = Sasl::Mechanism::Auto;
    std::unique_ptr<Sasl::SaslClient> m_sasl;
    std::optional<Poplar::Secret> m_deferredInitialResponse;
    std::optional<Poplar::Error> m_saslAbort;

    QByteArray m_out;
    std::vector<Event> m_events;
    std::vector<Poplar::LogEntry> m_log;
};

}  // namespace Smtp
