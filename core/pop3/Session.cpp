#include "pop3/Session.h"

#include "pop3/LineTokens.h"
#include "pop3/StatusLine.h"

#include <algorithm>
#include <utility>

// The command queue and pipelining window, the input loop and the single-line
// answers. Authentication lives in SessionAuthentication.cpp, multi-line
// answers (CAPA, LIST, UIDL, RETR, TOP) in SessionMultiline.cpp.

namespace Pop3 {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::ServerText;

Session::Session(SessionOptions options)
    : m_options(std::move(options))
{
    m_options.maxCommandsInFlight = std::max(m_options.maxCommandsInFlight, 1);
    m_windowBytes = std::max<quint64>(m_options.windowBytes, 1);
}

// What the queue and the authentication state hold of a secret wipes itself.
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

bool Session::awaitingResponse() const
{
    if (m_state == SessionState::AwaitingGreeting)
        return true;
    if (m_state == SessionState::Closed || m_state == SessionState::Failed)
        return false;
    return !m_inflight.empty();
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

// --- commands ----------------------------------------------------------------

Session::Pending Session::makePending(CommandType type, QByteArray wire, bool multiline, bool barrier, quint32 message)
{
    Pending p;
    p.id = m_nextId++;
    p.type = type;
    p.logText = wire;
    if (!wire.isEmpty())
        p.wire = Poplar::Secret(QByteArray(wire + "\r\n"));
    p.multiline = multiline;
    p.barrier = barrier;
    p.message = message;
    return p;
}

CommandId Session::queue(Pending p, bool first)
{
    const CommandId id = p.id;
    if (m_state == SessionState::Closed || m_state == SessionState::Failed || m_quitSent) {
        failCommand(p, Error(ErrorCode::InvalidState, QStringLiteral("the session has ended")));
        return id;
    }
    m_queuedBytes += p.charge;
    if (first)
        m_queue.push_front(std::move(p));
    else
        m_queue.push_back(std::move(p));
    pump();
    return id;
}

CommandId Session::enqueue(CommandType type, QByteArray wire, bool multiline, bool barrier, quint32 message)
{
    return queue(makePending(type, std::move(wire), multiline, barrier, message));
}

CommandId Session::capa()
{
    return enqueue(CommandType::Capa, "CAPA", true, true);
}

CommandId Session::stls()
{
    return enqueue(CommandType::Stls, "STLS", false, true);
}

CommandId Session::authenticate(const Credentials &credentials)
{
    // The command line is built when it is sent: the mechanism depends on
    // the capabilities known by then.
    Pending p = makePending(CommandType::Authenticate, {}, false, true);
    p.credentials = credentials;
    return queue(std::move(p));
}

CommandId Session::utf8()
{
    return enqueue(CommandType::Utf8, "UTF8", false, true);
}

CommandId Session::stat()
{
    return enqueue(CommandType::Stat, "STAT", false, false);
}

CommandId Session::list(std::optional<quint32> message)
{
    if (message)
        return enqueue(CommandType::List, "LIST " + QByteArray::number(*message), false, false, *message);
    return enqueue(CommandType::List, "LIST", true, false);
}

CommandId Session::uidl(std::optional<quint32> message)
{
    if (message)
        return enqueue(CommandType::Uidl, "UIDL " + QByteArray::number(*message), false, false, *message);
    return enqueue(CommandType::Uidl, "UIDL", true, false);
}

CommandId Session::top(
    quint32 message, quint32 lines, std::optional<quint64> maxBytes, std::optional<quint64> expectedBytes)
{
    Pending p = makePending(
        CommandType::Top, "TOP " + QByteArray::number(message) + ' ' + QByteArray::number(lines), true, false, message);
    if (maxBytes)
        p.dataLimit = *maxBytes;
    p.charge = expectedBytes
        ? std::min(*expectedBytes, static_cast<quint64>(std::max<qsizetype>(m_options.maxHeaderBytes, 0)))
            + TopAllowance
        : m_options.unknownSizeCharge;
    return queue(std::move(p));
}

CommandId Session::retr(quint32 message, std::optional<quint64> maxBytes, std::optional<quint64> expectedBytes)
{
    Pending p = makePending(CommandType::Retr, "RETR " + QByteArray::number(message), true, false, message);
    if (maxBytes)
        p.dataLimit = *maxBytes;
    p.charge = expectedBytes.value_or(m_options.unknownSizeCharge);
    return queue(std::move(p));
}

CommandId Session::dele(quint32 message)
{
    return enqueue(CommandType::Dele, "DELE " + QByteArray::number(message), false, false, message);
}

CommandId Session::rset()
{
    return enqueue(CommandType::Rset, "RSET", false, false);
}

CommandId Session::noop()
{
    return enqueue(CommandType::Noop, "NOOP", false, false);
}

CommandId Session::quit()
{
    return enqueue(CommandType::Quit, "QUIT", false, false);
}

// --- sending -----------------------------------------------------------------

// Charges are released whole when a command completes (popFront), never per
// chunk of its answer: what is sent depends only on which answers are
// complete, not on how the network split them.
bool Session::fitsWindow(const Pending &next) const
{
    if (static_cast<int>(m_inflight.size()) >= m_options.maxCommandsInFlight)
        return false;
    return m_inflightBytes <= m_windowBytes && next.charge <= m_windowBytes - m_inflightBytes;
}

void Session::unlatchWindow()
{
    const int cap = m_options.maxCommandsInFlight;
    if (m_inflightBytes <= m_windowBytes - m_windowBytes / 4 && static_cast<int>(m_inflight.size()) <= cap - cap / 4)
        m_windowFull = false;
}

bool Session::takeSentFromIdle()
{
    return std::exchange(m_sentFromIdle, false);
}

void Session::setWindowBytes(quint64 bytes)
{
    m_windowBytes = std::max<quint64>(bytes, 1);
    if (m_windowFull)
        unlatchWindow();
    pump();
}

void Session::send(QByteArrayView wire, const QByteArray &logText)
{
    m_out.append(wire);
    log(LogEntry::Kind::Written, logText);
}

bool Session::prepare(Pending &cmd)
{
    auto invalid = [&](const char *why) {
        failCommand(cmd, Error(ErrorCode::InvalidState, QString::fromLatin1(why)));
        return false;
    };
    if (m_quitSent)
        return invalid("QUIT was already sent");
    if (cmd.message == 0
        && (cmd.type == CommandType::Top || cmd.type == CommandType::Retr || cmd.type == CommandType::Dele)) {
        failCommand(cmd, Error(ErrorCode::InvalidArgument, QStringLiteral("message numbers start at 1")));
        return false;
    }
    const bool authz = m_state == SessionState::Authorization;
    const bool trans = m_state == SessionState::Transaction;
    switch (cmd.type) {
    case CommandType::Capa:
    case CommandType::Quit: return (authz || trans) ? true : invalid("not connected");
    case CommandType::Stls:
        if (!authz)
            return invalid("STLS is only allowed before login");
        if (m_encrypted)
            return invalid("the link is already encrypted");
        if (m_capsKnown && m_caps.capaSupported && !m_caps.stls) {
            failCommand(cmd, Error(ErrorCode::StlsUnavailable, QStringLiteral("the server does not offer STLS")));
            return false;
        }
        return true;
    case CommandType::Utf8: return authz ? true : invalid("UTF8 is only allowed before login");
    case CommandType::Authenticate:
        if (!authz)
            return invalid("already logged in");
        return prepareAuth(cmd);
    default: return trans ? true : invalid("not logged in");
    }
}

void Session::pump()
{
    if (m_state != SessionState::Authorization && m_state != SessionState::Transaction)
        return;
    while (!m_queue.empty() && !m_awaitingTls) {
        Pending &next = m_queue.front();
        // One rule: a command goes when nothing is in flight, or when the
        // server pipelines, neither it nor the last one sent is a barrier,
        // the window is not waiting for its refill mark and the command fits.
        if (!m_inflight.empty()) {
            if (!pipelining() || next.barrier || m_inflight.back().barrier || m_windowFull)
                break;
            if (!fitsWindow(next)) {
                m_windowFull = true;
                break;
            }
        }
        Pending cmd = std::move(next);
        m_queue.pop_front();
        m_queuedBytes -= std::min(cmd.charge, m_queuedBytes);
        if (!prepare(cmd))
            continue;
        send(cmd.wire.view(), cmd.logText);
        cmd.wire.clear();  // may hold an initial response with the secret
        if (cmd.type == CommandType::Quit)
            m_quitSent = true;
        m_inflightBytes += cmd.charge;
        if (m_inflight.empty())
            m_sentFromIdle = true;
        m_inflight.push_back(std::move(cmd));
        if (m_quitSent) {
            // Nothing may follow QUIT.
            while (!m_queue.empty()) {
                Pending rest = std::move(m_queue.front());
                m_queue.pop_front();
                m_queuedBytes -= std::min(rest.charge, m_queuedBytes);
                failCommand(rest, Error(ErrorCode::InvalidState, QStringLiteral("QUIT was already sent")));
            }
        }
    }
}

// --- input -------------------------------------------------------------------

void Session::setLinkEncrypted(bool encrypted)
{
    m_encrypted = encrypted;
}

CommandId Session::tlsEstablished()
{
    if (!m_awaitingTls)
        return 0;
    m_awaitingTls = false;
    m_encrypted = true;
    // RFC 2595 §4: forget everything learnt before the handshake.
    m_caps = Capabilities();
    m_capsKnown = false;
    m_windowFull = false;
    m_inflightBytes = 0;  // STLS went alone: nothing else is in flight
    m_utf8Active = false;
    // The greeting came over the unprotected link: its APOP timestamp may be
    // an attacker's, and its text proves nothing.
    m_greeting.clear();
    m_apopTimestamp.clear();
    return queue(makePending(CommandType::Capa, "CAPA", true, true), true);
}

void Session::feed(QByteArrayView bytes)
{
    if (bytes.isEmpty() || m_state == SessionState::Failed)
        return;
    if (m_state == SessionState::Closed) {
        // Anything after the QUIT answer is ignored.
        return;
    }
    if (m_awaitingTls) {
        // Plaintext that arrives after "+OK" to STLS was sent before the
        // handshake: it could only be injected. Never treat it as a response.
        fail(Error(ErrorCode::StlsFailed, QStringLiteral("plaintext data after the STLS response")));
        return;
    }
    if (m_in.isEmpty()) {
        // The common case while streaming: decode straight from the caller's
        // buffer and keep only an incomplete line.
        const qsizetype used = processInput(bytes);
        if (m_state != SessionState::Failed && m_state != SessionState::Closed && used < bytes.size())
            m_in = bytes.sliced(used).toByteArray();
        return;
    }
    m_in.append(bytes.data(), bytes.size());
    const qsizetype used = processInput(m_in);
    if (m_state == SessionState::Failed || m_state == SessionState::Closed) {
        m_in.clear();
        m_scanFrom = 0;
    } else if (used > 0) {
        m_in.remove(0, used);
    }
}

qsizetype Session::processInput(QByteArrayView buf)
{
    qsizetype pos = 0;
    while (pos < buf.size() && m_state != SessionState::Failed && m_state != SessionState::Closed) {
        if (m_awaitingTls) {
            fail(Error(ErrorCode::StlsFailed, QStringLiteral("plaintext data after the STLS response")));
            break;
        }
        if (m_mode == Mode::Data) {
            // Room for what decodes from the rest (never longer), at most
            // 256 KiB: one allocation instead of growing line by line. A
            // message's data goes on in a chunk of its own, so for RETR the
            // room goes only as far as LIST said the message goes, and for
            // TOP as far as a header usually does.
            qsizetype room = std::min<qsizetype>(buf.size() - pos, 256 * 1024);
            if (!m_inflight.empty()) {
                const Pending &cmd = m_inflight.front();
                if (cmd.type == CommandType::Retr && cmd.charge > m_dataSize)
                    room = qsizetype(std::min<quint64>(quint64(room), cmd.charge - m_dataSize + 64));
                else if (cmd.type == CommandType::Top)
                    room = std::min<qsizetype>(room, 16 * 1024);
            }
            m_dataOut.reserve(m_dataOut.size() + room);
            const DotDecoder::Step step = m_decoder.decode(buf.sliced(pos), m_dataOut);
            pos += step.consumed;
            handleDataOutput();
            if (m_state == SessionState::Failed)
                break;
            if (step.done)
                completeMultiline();
            continue;
        }
        const qsizetype searchFrom = std::max(pos, m_scanFrom);
        const qsizetype lf = buf.indexOf('\n', searchFrom);
        if (lf < 0) {
            if (buf.size() - pos > m_options.maxLineLength) {
                fail(Error(ErrorCode::ResponseTooLong,
                    QStringLiteral("response line exceeds %1 octets").arg(m_options.maxLineLength)));
                break;
            }
            // Next time, resume the search where this one ended (relative to
            // the unconsumed rest, which becomes the start of m_in).
            m_scanFrom = buf.size() - pos;
            return pos;
        }
        m_scanFrom = 0;
        qsizetype end = lf;
        if (end > pos && buf.at(end - 1) == '\r')
            --end;
        if (end - pos > m_options.maxLineLength) {
            fail(Error(ErrorCode::ResponseTooLong,
                QStringLiteral("response line exceeds %1 octets").arg(m_options.maxLineLength)));
            break;
        }
        const QByteArray line = buf.sliced(pos, end - pos).toByteArray();
        pos = lf + 1;
        handleLine(line);
    }
    m_scanFrom = 0;
    return pos;
}

Error Session::errorFrom(const StatusLine &status, ErrorCode fallback)
{
    Error e(errorCodeForResponseCode(status.code, fallback));
    e.responseCode = QString::fromLatin1(status.code);
    e.serverText = ServerText(status.text);
    return e;
}

void Session::handleGreeting(const QByteArray &line)
{
    const StatusLine status = StatusLine::parse(line);
    if (status.kind == StatusLine::Kind::Ok) {
        m_greeting = status.text;
        m_apopTimestamp = extractApopTimestamp(status.text);
        m_state = SessionState::Authorization;
        emitEvent(Events::Greeting { m_greeting, m_apopTimestamp });
        pump();
    } else if (status.kind == StatusLine::Kind::Err) {
        fail(errorFrom(status, ErrorCode::ServerError));
    } else {
        Error e(ErrorCode::ProtocolError, QStringLiteral("the greeting is not a POP3 status line"));
        e.serverText = ServerText(line);
        fail(e);
    }
}

void Session::handleLine(const QByteArray &line)
{
    const bool inAuth = !m_inflight.empty() && m_inflight.front().type == CommandType::Authenticate;
    if (inAuth && line.startsWith('+') && (line.size() == 1 || line.at(1) == ' '))
        log(LogEntry::Kind::Read, "+ <challenge masked>");
    else
        log(LogEntry::Kind::Read, line);

    if (m_state == SessionState::AwaitingGreeting) {
        handleGreeting(line);
        return;
    }
    if (m_inflight.empty()) {
        Error e(ErrorCode::ProtocolError, QStringLiteral("a response nobody asked for"));
        e.serverText = ServerText(line);
        fail(e);
        return;
    }
    if (inAuth) {
        handleAuthLine(line);
        return;
    }
    Pending &cmd = m_inflight.front();
    const StatusLine status = StatusLine::parse(line);
    switch (status.kind) {
    case StatusLine::Kind::Invalid:
    case StatusLine::Kind::Continuation: {
        Error e(ErrorCode::ProtocolError, QStringLiteral("expected +OK or -ERR"));
        e.serverText = ServerText(line);
        fail(e);
        return;
    }
    case StatusLine::Kind::Err: {
        if (cmd.type == CommandType::Capa) {
            // RFC 1939 server without CAPA: its defaults apply.
            m_caps = Capabilities();
            m_capsKnown = true;
            emitEvent(Events::CapabilitiesReceived { cmd.id, m_caps });
        } else {
            Error e = errorFrom(status, ErrorCode::ServerError);
            // A refused STLS is a failed upgrade whatever its response code
            // ([SYS/TEMP] included): the code and text are kept alongside.
            if (cmd.type == CommandType::Stls)
                e.code = ErrorCode::StlsFailed;
            emitEvent(Events::CommandFailed { cmd.id, cmd.type, e });
            if (cmd.type == CommandType::Quit)
                m_state = SessionState::Closed;
        }
        finishFront();
        return;
    }
    case StatusLine::Kind::Ok:
        if (cmd.multiline) {
            m_mode = Mode::Data;
            m_decoder.reset();
            m_dataOut.clear();
            m_dataSize = 0;
            m_headerDone = false;
            m_lineBlank = true;
            m_headerBytes = 0;
            m_textLine.clear();
            m_pendingCaps = Capabilities();
            m_pendingCaps.capaSupported = true;
            m_listEntries.clear();
            m_uidlEntries.clear();
            m_rejected = RejectedLines();
            m_listingLines = 0;
            m_listingBytes = 0;
            return;
        }
        handleSingleLineOk(cmd, status);
        return;
    }
}

void Session::handleSingleLineOk(Pending &cmd, const StatusLine &status)
{
    auto malformed = [&](const char *what) {
        Error e(ErrorCode::ProtocolError, QString::fromLatin1(what));
        e.serverText = ServerText(status.text);
        emitEvent(Events::CommandFailed { cmd.id, cmd.type, e });
    };
    switch (cmd.type) {
    case CommandType::Stat: {
        const auto w = words(status.text);
        const auto count = w.size() >= 2 ? parseNumber(w.at(0), 0xffffffffu) : std::nullopt;
        const auto size = w.size() >= 2 ? parseNumber(w.at(1), ~quint64(0)) : std::nullopt;
        if (!count || !size)
            malformed("malformed STAT answer");
        else
            emitEvent(Events::StatReceived { cmd.id, static_cast<quint32>(*count), *size });
        break;
    }
    case CommandType::List: {
        const auto w = words(status.text);
        const auto n = w.size() >= 2 ? parseNumber(w.at(0), 0xffffffffu) : std::nullopt;
        const auto size = w.size() >= 2 ? parseNumber(w.at(1), ~quint64(0)) : std::nullopt;
        if (!n || !size || *n != cmd.message)
            malformed("malformed LIST answer");
        else
            emitEvent(Events::ListReceived { cmd.id, { ListEntry { static_cast<quint32>(*n), *size } }, {} });
        break;
    }
    case CommandType::Uidl: {
        const auto w = words(status.text);
        const auto n = w.size() >= 2 ? parseNumber(w.at(0), 0xffffffffu) : std::nullopt;
        if (!n || *n != cmd.message || w.at(1).size() > 512)
            malformed("malformed UIDL answer");
        else
            emitEvent(
                Events::UidlReceived { cmd.id, { UidlEntry { static_cast<quint32>(*n), w.at(1).toByteArray() } }, {} });
        break;
    }
    case CommandType::Stls:
        m_awaitingTls = true;
        emitEvent(Events::StlsReady { cmd.id });
        break;
    case CommandType::Quit:
        m_state = SessionState::Closed;
        emitEvent(Events::CommandOk { cmd.id, cmd.type, ServerText(status.text) });
        break;
    case CommandType::Utf8:
        m_utf8Active = true;
        emitEvent(Events::CommandOk { cmd.id, cmd.type, ServerText(status.text) });
        break;
    default: emitEvent(Events::CommandOk { cmd.id, cmd.type, ServerText(status.text) }); break;
    }
    finishFront();
}

Session::Pending Session::popFront()
{
    Pending p = std::move(m_inflight.front());
    m_inflight.pop_front();
    m_inflightBytes -= std::min(p.charge, m_inflightBytes);
    if (m_windowFull)
        unlatchWindow();
    return p;
}

void Session::finishFront()
{
    popFront();
    if (m_state == SessionState::Closed) {
        // The server closes the connection after QUIT; anything not answered
        // by now never will be.
        while (!m_inflight.empty()) {
            Pending p = popFront();
            failCommand(p, Error(ErrorCode::InvalidState, QStringLiteral("the session has ended")));
        }
        return;
    }
    pump();
}

void Session::failCommand(const Pending &cmd, Error error)
{
    emitEvent(Events::CommandFailed { cmd.id, cmd.type, std::move(error) });
}

void Session::fail(Error error)
{
    if (m_state == SessionState::Failed)
        return;
    m_state = SessionState::Failed;
    m_awaitingTls = false;
    log(LogEntry::Kind::Error, error.technicalDescription().toUtf8());
    authDone();
    if (m_mode == Mode::Data)
        m_mode = Mode::Line;
    for (auto *list : { &m_inflight, &m_queue }) {
        while (!list->empty()) {
            Pending p = std::move(list->front());
            list->pop_front();
            emitEvent(Events::CommandFailed { p.id, p.type, error, true });
        }
    }
    m_inflightBytes = 0;
    m_queuedBytes = 0;
    emitEvent(Events::SessionFailed { std::move(error) });
}

void Session::connectionClosed(const Error &reason)
{
    if (m_state == SessionState::Closed || m_state == SessionState::Failed)
        return;
    fail(reason);
}

}  // namespace Pop3
