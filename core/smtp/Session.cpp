#include "smtp/Session.h"

namespace Smtp {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::LogEntry;
using Poplar::ProtocolLog;
using Poplar::Result;
using Poplar::Secret;
using Poplar::ServerText;
using Sasl::Credentials;
using Sasl::Mechanism;

namespace {

// RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its brackets.
constexpr qsizetype MaxPath = 256 - 2;

bool isAscii(QByteArrayView v)
{
    for (char c : v) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

// A path as it may stand between < and >: not too long, no space, control
// character or angle bracket (what MessageBuilder's wireAddress gives always
// passes).
bool pathIsSafe(QByteArrayView path)
{
    if (path.size() > MaxPath)
        return false;
    for (char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || c == '<' || c == '>')
            return false;
    }
    return true;
}

// RFC 3463 X.3.4 ("message too big for system") and X.2.3 ("message length
// exceeds administrative limit"); without an enhanced code, RFC 1870's 552.
// (552 5.2.2 is a full mailbox, not a size the sender can change.)
bool sizeRefusal(const Reply &r)
{
    if (!r.enhanced.isEmpty())
        return r.enhanced.endsWith(".3.4") || r.enhanced.endsWith(".2.3");
    return r.code == 552;
}

Error replyError(const Reply &r, ErrorCode permanent, const QString &detail)
{
    ErrorCode code = permanent;
    if (r.temporary())
        code = ErrorCode::ServerTemporary;
    else if (!r.permanent())
        code = ErrorCode::ProtocolError;  // 1xx, 2xx or 3xx where a refusal was read
    Error e(code, detail);
    e.responseCode = QString::fromLatin1(r.enhanced.isEmpty() ? QByteArray::number(r.code) : r.enhanced);
    e.serverText = r.text();
    return e;
}

QByteArray logLines(const Reply &r)
{
    QByteArray out;
    for (qsizetype i = 0; i < r.lines.size(); ++i) {
        if (i)
            out += '\n';
        out += QByteArray::number(r.code) + (i + 1 == r.lines.size() ? ' ' : '-');
        if (!r.enhanced.isEmpty())
            out += r.enhanced + ' ';
        out += r.lines.at(i);
    }
    return out;
}

}  // namespace

Session::Session(SessionOptions options)
    : m_options(std::move(options))
    , m_reader(m_options.replyLimits)
{
    m_expected.push_back(Expect::Greeting);
}

Session::~Session() = default;

// --- output ------------------------------------------------------------------

QByteArray Session::takeOutgoing()
{
    return std::exchange(m_out, QByteArray());
}

std::vector<Event> Session::takeEvents()
{
    return std::exchange(m_events, {});
}

std::vector<LogEntry> Session::takeLogEntries()
{
    return std::exchange(m_log, {});
}

void Session::log(LogEntry::Kind kind, QByteArray text)
{
    LogEntry e;
    e.kind = kind;
    if (text.size() > ProtocolLog::MaxEntryLength) {
        text.truncate(ProtocolLog::MaxEntryLength);
        e.truncated = true;
    }
    e.text = std::move(text);
    m_log.push_back(std::move(e));
}

bool Session::awaitingFinalReply() const
{
    return !m_expected.empty() && m_expected.front() == Expect::Dot;
}

// --- commands ------------------------------------------------------------------

void Session::startTls()
{
    m_queue.push_back(Op { Op::Kind::StartTls, std::nullopt, 0, {} });
    pump();
}

void Session::authenticate(const Credentials &credentials)
{
    m_queue.push_back(Op { Op::Kind::Authenticate, credentials, 0, {} });
    pump();
}

SendId Session::send(Envelope envelope)
{
    const SendId id = m_nextId++;
    if (m_state == SessionState::Failed || m_state == SessionState::Closed || m_quitRequested) {
        emitEvent(Events::MessageFailed { id,
            Error(m_state == SessionState::Failed ? ErrorCode::ConnectionLost : ErrorCode::InvalidState,
                QStringLiteral("the session has ended")),
            {} });
        return id;
    }
    m_queue.push_back(Op { Op::Kind::Send, std::nullopt, id, std::move(envelope) });
    pump();
    return id;
}

void Session::quit()
{
    if (m_quitRequested)
        return;
    m_quitRequested = true;
    m_queue.push_back(Op { Op::Kind::Quit, std::nullopt, 0, {} });
    pump();
}

void Session::writeData(QByteArrayView bytes)
{
    if (!m_dataOpen)
        return;
    m_encoder.encode(bytes, m_out);
}

void Session::endData()
{
    if (!m_dataOpen)
        return;
    m_encoder.finish(m_out);
    m_dataOpen = false;
    log(LogEntry::Kind::Written, "<message, " + QByteArray::number(m_encoder.taken()) + " octets>");
    log(LogEntry::Kind::Written, ".");
    m_expected.push_back(Expect::Dot);
}

void Session::send(QByteArrayView wire, const QByteArray &logText, Expect expect)
{
    m_out.append(wire);
    log(LogEntry::Kind::Written, logText);
    m_expected.push_back(expect);
}

void Session::sendCommand(const QByteArray &line, Expect expect)
{
    send(QByteArray(line + "\r\n"), line, expect);
}

void Session::pump()
{
    while (m_state == SessionState::Ready && !m_busy && !m_awaitingTls && !m_quitSent && !m_queue.empty()) {
        Op op = std::move(m_queue.front());
        m_queue.pop_front();
        startOp(std::move(op));
    }
}

void Session::startOp(Op op)
{
    m_busy = true;
    switch (op.kind) {
    case Op::Kind::StartTls: {
        if (m_encrypted) {
            // Already encrypted (implicit TLS, or a second request): nothing to do.
            m_busy = false;
            return;
        }
        if (!m_caps.startTls) {
            Error e(ErrorCode::StlsUnavailable, QStringLiteral("the server does not offer STARTTLS"));
            emitEvent(Events::CommandFailed { Events::CommandFailed::Command::StartTls, e });
            fail(e);
            return;
        }
        sendCommand("STARTTLS", Expect::StartTls);
        return;
    }
    case Op::Kind::Authenticate: beginAuth(std::move(*op.credentials)); return;
    case Op::Kind::Send: beginSend(std::move(op)); return;
    case Op::Kind::Quit:
        m_quitSent = true;
        sendCommand("QUIT", Expect::Quit);
        return;
    }
}

// --- input ---------------------------------------------------------------------

void Session::feed(QByteArrayView bytes)
{
    if (m_state == SessionState::Failed || m_state == SessionState::Closed || bytes.isEmpty())
        return;
    if (m_awaitingTls) {
        // Nothing may come between the server's 220 and the handshake.
        fail(Error(ErrorCode::StlsFailed, QStringLiteral("data before the TLS handshake")));
        return;
    }
    m_reader.feed(bytes);
    while (m_reader.hasReply() && m_state != SessionState::Failed && m_state != SessionState::Closed) {
        const Reply reply = m_reader.takeReply();
        log(LogEntry::Kind::Read, logLines(reply));
        handleReply(reply);
        if (m_awaitingTls && (m_reader.hasReply() || m_reader.midReply())) {
            // RFC 3207 §6 / the STARTTLS injection: anything the server sent
            // after its 220 came before the handshake and could be an
            // attacker's, answered in plaintext. Refuse the connection.
            fail(Error(ErrorCode::StlsFailed, QStringLiteral("data after the STARTTLS reply")));
            return;
        }
    }
    if (m_reader.error() && m_state != SessionState::Failed && m_state != SessionState::Closed)
        fail(*m_reader.error());
}

void Session::tlsEstablished()
{
    if (!m_awaitingTls)
        return;
    m_awaitingTls = false;
    m_encrypted = true;
    m_caps = Capabilities();
    m_extended = false;
    m_authenticatedWith.reset();  // RFC 3207 §4.2: the server forgot everything too
    m_state = SessionState::Greeted;
    sendCommand("EHLO " + m_options.clientName, Expect::Ehlo);
}

void Session::connectionClosed(const Error &reason)
{
    if (m_state == SessionState::Failed || m_state == SessionState::Closed)
        return;
    if (m_quitSent && m_queue.empty() && !m_tx) {
        // The server closed before (or instead of) its 221: nothing is lost.
        m_expected.clear();
        failQueued(Error(ErrorCode::InvalidState, QStringLiteral("queued after QUIT")));
        m_state = SessionState::Closed;
        emitEvent(Events::Closed {});
        return;
    }
    fail(reason);
}

void Session::handleReply(const Reply &reply)
{
    if (m_expected.empty()) {
        // Servers announce a shutdown with an unasked 421 (RFC 5321 §3.8).
        Error e = replyError(reply, ErrorCode::ServerPermanent, QStringLiteral("a reply nothing asked for"));
        if (reply.positive() || reply.intermediate())
            e.code = ErrorCode::ProtocolError;
        fail(std::move(e));
        return;
    }
    const Expect expect = m_expected.front();
    m_expected.pop_front();
    if (reply.code == 421 && expect != Expect::Quit) {
        // The server is closing the connection, whatever was asked.
        Error e = replyError(reply, ErrorCode::ServerTemporary, QStringLiteral("the server is closing the connection"));
        if (expect == Expect::StartTls || expect == Expect::Auth)
            emitEvent(Events::CommandFailed { expect == Expect::StartTls ? Events::CommandFailed::Command::StartTls
                                                                          : Events::CommandFailed::Command::Authenticate,
                e });
        fail(std::move(e));
        return;
    }
    switch (expect) {
    case Expect::Greeting: handleGreeting(reply); return;
    case Expect::Ehlo: handleEhlo(reply, false); return;
    case Expect::Helo: handleEhlo(reply, true); return;
    case Expect::StartTls: handleStartTls(reply); return;
    case Expect::Auth: handleAuth(reply); return;
    case Expect::Mail: handleMail(reply); return;
    case Expect::Rcpt: handleRcpt(reply); return;
    case Expect::Data: handleData(reply); return;
    case Expect::Dot: handleDot(reply); return;
    case Expect::Rset:
        if (!reply.positive()) {
            fail(replyError(reply, ErrorCode::ServerError, QStringLiteral("RSET refused")));
            return;
        }
        m_busy = false;
        pump();
        return;
    case Expect::Quit:
        m_expected.clear();
        failQueued(Error(ErrorCode::InvalidState, QStringLiteral("queued after QUIT")));
        m_state = SessionState::Closed;
        emitEvent(Events::Closed {});
        return;
    }
}

void Session::handleGreeting(const Reply &reply)
{
    if (reply.code != 220) {
        fail(replyError(reply, ErrorCode::ServerPermanent, QStringLiteral("the server refused the connection")));
        return;
    }
    m_state = SessionState::Greeted;
    emitEvent(Events::Greeting { reply.text() });
    sendCommand("EHLO " + m_options.clientName, Expect::Ehlo);
}

void Session::handleEhlo(const Reply &reply, bool helo)
{
    if (!reply.positive()) {
        // A server without EHLO answers 500 or 502; HELO then, but only where
        // STARTTLS is not needed: HELO cannot offer it (RFC 3207).
        if (!helo && reply.permanent() && (m_encrypted || !m_options.requireStartTls)) {
            sendCommand("HELO " + m_options.clientName, Expect::Helo);
            return;
        }
        if (!helo && reply.permanent()) {
            Error e(ErrorCode::StlsUnavailable, QStringLiteral("the server knows no EHLO, so no STARTTLS"));
            e.serverText = reply.text();
            fail(std::move(e));
            return;
        }
        fail(replyError(reply, ErrorCode::ServerPermanent, QStringLiteral("the server refused EHLO")));
        return;
    }
    m_extended = !helo;
    m_caps = helo ? Capabilities() : Capabilities::fromEhlo(reply);
    if (helo && !reply.lines.isEmpty())
        m_caps.domain = reply.lines.first().split(' ').first();
    m_state = SessionState::Ready;
    emitEvent(Events::Ready { m_caps, m_extended });
    // A STARTTLS has run its course with the fresh EHLO.
    m_busy = false;
    pump();
}

void Session::handleStartTls(const Reply &reply)
{
    if (reply.code != 220) {
        Error e = replyError(reply, ErrorCode::StlsFailed, QStringLiteral("the server refused STARTTLS"));
        if (e.code == ErrorCode::ServerTemporary || e.code == ErrorCode::ProtocolError)
            e.code = ErrorCode::StlsFailed;
        emitEvent(Events::CommandFailed { Events::CommandFailed::Command::StartTls, e });
        fail(std::move(e));
        return;
    }
    m_awaitingTls = true;
    emitEvent(Events::StartTlsReady {});
}

// --- sending a message -----------------------------------------------------------

std::optional<Error> Session::checkEnvelope(const Envelope &e) const
{
    if (e.recipients.isEmpty())
        return Error(ErrorCode::NoRecipients, QStringLiteral("the envelope has no recipient"));
    bool utf8 = e.smtpUtf8 || !isAscii(e.from);
    auto bad = [](const QByteArray &path) {
        Error err(ErrorCode::AddressInvalid, QStringLiteral("not an address SMTP can carry"));
        err.detail += QStringLiteral(": ") + QString::fromUtf8(path).toHtmlEscaped().left(200);
        return err;
    };
    if (!pathIsSafe(e.from))
        return bad(e.from);
    for (const QByteArray &r : e.recipients) {
        if (r.isEmpty() || !pathIsSafe(r))
            return bad(r);
        utf8 = utf8 || !isAscii(r);
    }
    if (utf8 && !m_caps.smtpUtf8)
        return Error(ErrorCode::Utf8AddressUnsupported, QStringLiteral("the server does not offer SMTPUTF8"));
    if (e.eightBit && !m_caps.eightBitMime)
        return Error(
            ErrorCode::EightBitUnsupported, QStringLiteral("an 8-bit message for a server without 8BITMIME"));
    if (m_caps.tooBig(e.size)) {
        Error err(ErrorCode::MessageTooBig, QStringLiteral("the message is larger than the server takes"));
        err.detail += QStringLiteral(" (%1 octets, limit %2)").arg(e.size).arg(m_caps.sizeLimit);
        return err;
    }
    return std::nullopt;
}

QByteArray Session::mailFromLine(const Envelope &e) const
{
    QByteArray line = "MAIL FROM:<" + e.from + '>';
    if (m_caps.size)
        line += " SIZE=" + QByteArray::number(e.size);
    if (e.eightBit)
        line += " BODY=8BITMIME";
    bool utf8 = e.smtpUtf8 || !isAscii(e.from);
    for (const QByteArray &r : e.recipients)
        utf8 = utf8 || !isAscii(r);
    if (utf8)
        line += " SMTPUTF8";
    return line;
}

void Session::beginSend(Op op)
{
    if (std::optional<Error> e = checkEnvelope(op.envelope)) {
        emitEvent(Events::MessageFailed { op.id, *e, {} });
        m_busy = false;
        return;  // pump() goes on with the next
    }
    m_tx = Transaction { op.id, std::move(op.envelope), 0, 0, std::nullopt, {}, false };
    sendCommand(mailFromLine(m_tx->envelope), Expect::Mail);
    // RFC 2920: MAIL and every RCPT in one go when the server pipelines.
    if (m_caps.pipelining) {
        while (m_tx->rcptSent < m_tx->envelope.recipients.size())
            sendNextRcpt();
    }
}

void Session::sendNextRcpt()
{
    const QByteArray &to = m_tx->envelope.recipients.at(m_tx->rcptSent++);
    sendCommand("RCPT TO:<" + to + '>', Expect::Rcpt);
}

void Session::handleMail(const Reply &reply)
{
    if (reply.positive()) {
        m_tx->mailAccepted = true;
        if (!m_caps.pipelining)
            sendNextRcpt();
        return;
    }
    m_tx->error = replyError(reply, sizeRefusal(reply) ? ErrorCode::MessageTooBig : ErrorCode::SenderRejected,
        QStringLiteral("MAIL FROM refused"));
    if (!m_caps.pipelining)
        transactionAnswered();
    // Pipelined: the RCPTs already sent are answered (refused) before the end.
}

void Session::handleRcpt(const Reply &reply)
{
    const QByteArray &to = m_tx->envelope.recipients.at(m_tx->rcptAnswered++);
    if (!reply.positive() && m_tx->mailAccepted) {
        m_tx->refused.append(to);
        if (!m_tx->error) {
            Error e = replyError(reply, ErrorCode::RecipientRejected, QStringLiteral("RCPT TO refused"));
            e.detail += QStringLiteral(": ") + QString::fromUtf8(to);
            m_tx->error = std::move(e);
        }
    }
    if (m_tx->rcptAnswered < m_tx->envelope.recipients.size()) {
        // Lockstep: every recipient is asked, so that each refused one is named.
        if (!m_caps.pipelining)
            sendNextRcpt();
        return;
    }
    transactionAnswered();
}

void Session::transactionAnswered()
{
    if (m_tx->error) {
        // A transaction begun by an accepted MAIL ends with RSET.
        failTransaction(*m_tx->error, m_tx->mailAccepted);
        return;
    }
    sendCommand("DATA", Expect::Data);
}

void Session::handleData(const Reply &reply)
{
    if (reply.code != 354) {
        failTransaction(replyError(reply, sizeRefusal(reply) ? ErrorCode::MessageTooBig : ErrorCode::MessageRejected,
                            QStringLiteral("DATA refused")),
            true);
        return;
    }
    m_encoder = DotEncoder();
    m_dataOpen = true;
    emitEvent(Events::DataWanted { m_tx->id });
}

void Session::handleDot(const Reply &reply)
{
    const SendId id = m_tx->id;
    m_tx.reset();
    if (reply.positive()) {
        emitEvent(Events::MessageAccepted { id, reply.text() });
    } else if (!reply.temporary() && !reply.permanent()) {
        // Neither taken nor refused: whether the server keeps it is unknown.
        Error e(ErrorCode::ProtocolError, QStringLiteral("an intermediate reply to the final dot"));
        e.serverText = reply.text();
        emitEvent(Events::MessageInDoubt { id, e });
        fail(std::move(e));
        return;
    } else {
        // The transaction is over whatever the answer (RFC 5321 §4.1.1.4).
        emitEvent(Events::MessageFailed { id,
            replyError(reply, sizeRefusal(reply) ? ErrorCode::MessageTooBig : ErrorCode::MessageRejected,
                QStringLiteral("the message was refused")),
            {} });
    }
    m_busy = false;
    pump();
}

void Session::failTransaction(Error error, bool reset)
{
    emitEvent(Events::MessageFailed { m_tx->id, std::move(error), m_tx->refused });
    m_tx.reset();
    if (reset) {
        sendCommand("RSET", Expect::Rset);
        return;
    }
    m_busy = false;
    pump();
}

// --- failing -------------------------------------------------------------------

void Session::failQueued(const Error &error)
{
    if (m_tx) {
        if (awaitingFinalReply())
            emitEvent(Events::MessageInDoubt { m_tx->id, error });
        else
            emitEvent(Events::MessageFailed { m_tx->id, error, m_tx->refused });
        m_tx.reset();
    }
    for (const Op &op : m_queue) {
        if (op.kind == Op::Kind::Send)
            emitEvent(Events::MessageFailed { op.id, error, {} });
    }
    m_queue.clear();
}

void Session::fail(Error error)
{
    if (m_state == SessionState::Failed || m_state == SessionState::Closed)
        return;
    log(LogEntry::Kind::Error, error.technicalDescription().toUtf8());
    failQueued(error);
    m_state = SessionState::Failed;
    // Whatever the replies of this feed made the session write goes no further.
    Poplar::wipe(m_out);
    m_out.clear();
    m_expected.clear();
    m_dataOpen = false;
    m_awaitingTls = false;
    m_busy = false;
    authDone();
    emitEvent(Events::SessionFailed { std::move(error) });
}

}  // namespace Smtp
