#include "pop3/Session.h"

#include <QCryptographicHash>

namespace Pop3 {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::ServerText;

namespace {
constexpr qsizetype MaxAuthLineLength = 255;  // RFC 5034 §4: initial response only if the line fits

bool hasLineBreakOrNul(QByteArrayView v)
{
    for (char c : v) {
        if (c == '\r' || c == '\n' || c == '\0')
            return true;
    }
    return false;
}

bool isAscii(QByteArrayView v)
{
    for (char c : v) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

bool startsWithCI(QByteArrayView line, QByteArrayView prefix)
{
    if (line.size() < prefix.size())
        return false;
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        char a = line.at(i);
        if (a >= 'a' && a <= 'z')
            a = static_cast<char>(a - 'a' + 'A');
        if (a != prefix.at(i))
            return false;
    }
    return true;
}

std::optional<quint64> parseNumber(QByteArrayView text, quint64 max)
{
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    quint64 v = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const quint64 d = static_cast<quint64>(c - '0');
        if (v > (max - d) / 10)
            return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

// Splits on runs of spaces/tabs.
QList<QByteArrayView> words(QByteArrayView line)
{
    QList<QByteArrayView> out;
    qsizetype i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line.at(i) == ' ' || line.at(i) == '\t'))
            ++i;
        const qsizetype start = i;
        while (i < line.size() && line.at(i) != ' ' && line.at(i) != '\t')
            ++i;
        if (i > start)
            out.append(line.sliced(start, i - start));
    }
    return out;
}

QByteArray extractApopTimestamp(const QByteArray &greeting)
{
    const qsizetype open = greeting.indexOf('<');
    if (open < 0)
        return {};
    const qsizetype close = greeting.indexOf('>', open);
    if (close < 0 || close - open > 256)
        return {};
    const QByteArray ts = greeting.mid(open, close - open + 1);
    for (char c : ts) {
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return {};
    }
    return ts.contains('@') ? ts : QByteArray();
}
}  // namespace

struct Session::StatusLine {
    enum class Kind { Ok, Err, Continuation, Invalid };
    Kind kind = Kind::Invalid;
    QByteArray code;  // RESP-CODE without brackets
    QByteArray text;  // the rest of the line

    static StatusLine parse(const QByteArray &line)
    {
        StatusLine s;
        QByteArray rest;
        if (startsWithCI(line, "+OK") && (line.size() == 3 || line.at(3) == ' ')) {
            s.kind = Kind::Ok;
            rest = line.mid(4);
        } else if (startsWithCI(line, "-ERR") && (line.size() == 4 || line.at(4) == ' ')) {
            s.kind = Kind::Err;
            rest = line.mid(5);
        } else if (line.startsWith('+') && (line.size() == 1 || line.at(1) == ' ')) {
            s.kind = Kind::Continuation;
            s.text = line.mid(2);
            return s;
        } else {
            return s;
        }
        if (rest.startsWith('[')) {
            const qsizetype close = rest.indexOf(']');
            if (close > 1 && close <= 128) {
                const QByteArray code = rest.mid(1, close - 1);
                bool printable = true;
                for (char c : code)
                    printable = printable && c > 0x20 && c < 0x7f;
                if (printable) {
                    s.code = code.toUpper();
                    rest = rest.mid(close + 1);
                }
            }
        }
        s.text = rest.trimmed();
        return s;
    }
};

Session::Session(SessionOptions options)
    : m_options(std::move(options))
{
    if (m_options.pipelineMax < 1)
        m_options.pipelineMax = 1;
    m_options.pipelineMin = std::clamp(m_options.pipelineMin, 0, m_options.pipelineMax - 1);
}

Session::~Session()
{
    wipe(m_password);
    if (m_deferredInitialResponse)
        wipe(*m_deferredInitialResponse);
    for (auto *list : { &m_queue, &m_inflight }) {
        for (Pending &p : *list) {
            if (p.credentials)
                wipe(p.credentials->secret);
        }
    }
}

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
    p.wire = wire.isEmpty() ? QByteArray() : QByteArray(wire + "\r\n");
    p.multiline = multiline;
    p.barrier = barrier;
    p.message = message;
    return p;
}

CommandId Session::queue(Pending p, bool first)
{
    const CommandId id = p.id;
    if (m_state == SessionState::Closed || m_state == SessionState::Failed || m_quitSent) {
        if (p.credentials)
            wipe(p.credentials->secret);
        failCommand(p, Error(ErrorCode::InvalidState, QStringLiteral("the session has ended")));
        return id;
    }
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

CommandId Session::top(quint32 message, quint32 lines, std::optional<quint64> maxBytes)
{
    Pending p = makePending(
        CommandType::Top, "TOP " + QByteArray::number(message) + ' ' + QByteArray::number(lines), true, false, message);
    if (maxBytes)
        p.dataLimit = *maxBytes;
    return queue(std::move(p));
}

CommandId Session::retr(quint32 message, std::optional<quint64> maxBytes)
{
    Pending p = makePending(CommandType::Retr, "RETR " + QByteArray::number(message), true, false, message);
    if (maxBytes)
        p.dataLimit = *maxBytes;
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

int Session::windowMax() const
{
    return (m_capsKnown && m_caps.pipelining) ? m_options.pipelineMax : 1;
}

int Session::windowMin() const
{
    return (m_capsKnown && m_caps.pipelining) ? m_options.pipelineMin : 0;
}

void Session::send(const QByteArray &wire, const QByteArray &logText)
{
    m_out += wire;
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

Result<Mechanism> Session::chooseMechanism(const Capabilities &caps, bool capsKnown, const QByteArray &apopTimestamp,
    const Credentials &creds, bool encrypted, bool utf8Logins)
{
    const bool legacy = !capsKnown || !caps.capaSupported;
    auto available = [&](Mechanism m) {
        switch (m) {
        case Mechanism::UserPass: return legacy || caps.user;
        case Mechanism::Apop: return !apopTimestamp.isEmpty();
        case Mechanism::Auto: return false;
        default: return capsKnown && caps.supportsSasl(mechanismName(m));
        }
    };
    auto mayUse = [&](Mechanism m) { return !isCleartextMechanism(m) || encrypted || creds.allowInsecure; };
    const bool nonAscii
        = !isAscii(creds.user.toUtf8()) || !isAscii(creds.secret) || !isAscii(creds.authorizationId.toUtf8());
    auto carries = [&](Mechanism m) {
        switch (m) {
        case Mechanism::Plain:
        case Mechanism::ScramSha1:
        case Mechanism::ScramSha256:
        case Mechanism::XOAuth2:
        case Mechanism::OAuthBearer: return true;  // defined on UTF-8
        default: return !nonAscii || utf8Logins;
        }
    };
    const bool token = creds.kind == Credentials::Kind::OAuthToken;
    const Error notCarried(ErrorCode::Utf8LoginUnsupported,
        QStringLiteral("the user name or password is not ASCII and the server does not accept UTF-8 logins"));

    if (creds.mechanism != Mechanism::Auto) {
        const Mechanism m = creds.mechanism;
        if (token != isOAuthMechanism(m))
            return Error(ErrorCode::InvalidArgument,
                token ? QStringLiteral("an OAuth token needs XOAUTH2 or OAUTHBEARER")
                      : QStringLiteral("this mechanism needs an OAuth token"));
        if (!available(m))
            return Error(ErrorCode::AuthMechanismUnavailable,
                QStringLiteral("the server does not offer ") + QString::fromLatin1(mechanismName(m)));
        if (!mayUse(m))
            return Error(ErrorCode::InsecureAuthRefused,
                QString::fromLatin1(mechanismName(m))
                    + QStringLiteral(" would reveal the secret on an unencrypted link"));
        if (!carries(m))
            return notCarried;
        return m;
    }
    // See the header for why the orders differ.
    static const Mechanism encryptedOrder[] = { Mechanism::ScramSha256, Mechanism::ScramSha1, Mechanism::Plain,
        Mechanism::Login, Mechanism::UserPass, Mechanism::CramMd5, Mechanism::Apop };
    static const Mechanism plaintextOrder[] = { Mechanism::ScramSha256, Mechanism::ScramSha1, Mechanism::CramMd5,
        Mechanism::Apop, Mechanism::Plain, Mechanism::Login, Mechanism::UserPass };
    static const Mechanism tokenOrder[] = { Mechanism::OAuthBearer, Mechanism::XOAuth2 };
    bool refusedInsecure = false;
    bool refusedUtf8 = false;
    auto pick = [&](auto &order) -> std::optional<Mechanism> {
        for (Mechanism m : order) {
            if (!available(m))
                continue;
            if (!mayUse(m)) {
                refusedInsecure = true;
                continue;
            }
            if (!carries(m)) {
                refusedUtf8 = true;
                continue;
            }
            return m;
        }
        return std::nullopt;
    };
    const std::optional<Mechanism> m = token ? pick(tokenOrder)
        : encrypted                          ? pick(encryptedOrder)
                                             : pick(plaintextOrder);
    if (m)
        return *m;
    if (refusedInsecure)
        return Error(ErrorCode::InsecureAuthRefused,
            QStringLiteral("the server offers only mechanisms that reveal the password on an unencrypted link"));
    if (refusedUtf8)
        return notCarried;
    return Error(
        ErrorCode::AuthMechanismUnavailable, QStringLiteral("no authentication mechanism in common with the server"));
}

bool Session::prepareAuth(Pending &cmd)
{
    Credentials creds = *cmd.credentials;
    wipe(cmd.credentials->secret);
    cmd.credentials.reset();
    if (hasLineBreakOrNul(creds.user.toUtf8()) || hasLineBreakOrNul(creds.authorizationId.toUtf8())
        || creds.user.isEmpty()) {
        failCommand(cmd, Error(ErrorCode::InvalidArgument, QStringLiteral("invalid user name")));
        wipe(creds.secret);
        return false;
    }
    const bool utf8Logins = m_utf8Active && m_caps.utf8Arguments.contains("USER");
    Result<Mechanism> chosen = chooseMechanism(m_caps, m_capsKnown, m_apopTimestamp, creds, m_encrypted, utf8Logins);
    if (!chosen) {
        failCommand(cmd, chosen.error());
        wipe(creds.secret);
        return false;
    }
    m_authMechanism = *chosen;
    m_userAccepted = false;
    m_saslAbort.reset();
    if (m_deferredInitialResponse)
        wipe(*m_deferredInitialResponse);
    m_deferredInitialResponse.reset();
    const QByteArray user = creds.user.toUtf8();

    switch (m_authMechanism) {
    case Mechanism::UserPass:
        if (hasLineBreakOrNul(creds.secret)) {
            failCommand(cmd, Error(ErrorCode::InvalidArgument, QStringLiteral("the password contains a line break")));
            wipe(creds.secret);
            return false;
        }
        m_password = creds.secret;
        cmd.wire = "USER " + user + "\r\n";
        cmd.logText = "USER " + user;
        break;
    case Mechanism::Apop: {
        if (user.contains(' ')) {
            failCommand(
                cmd, Error(ErrorCode::InvalidArgument, QStringLiteral("APOP user names cannot contain spaces")));
            wipe(creds.secret);
            return false;
        }
        QByteArray input = m_apopTimestamp + creds.secret;
        const QByteArray digest = secretDigest(QCryptographicHash::Md5, input).toHex();
        wipe(input);
        cmd.wire = "APOP " + user + ' ' + digest + "\r\n";
        cmd.logText = "APOP " + user + " <digest masked>";
        break;
    }
    default: {
        SaslParameters params;
        params.credentials = creds;
        params.host = m_options.host;
        params.port = m_options.port;
        params.nonceGenerator = m_options.nonceGenerator;
        m_sasl = createSaslClient(m_authMechanism, params);
        wipe(params.credentials.secret);
        const QByteArray name = mechanismName(m_authMechanism);
        std::optional<QByteArray> initial = m_sasl->initialResponse();
        cmd.logText = "AUTH " + name;
        QByteArray encoded;
        if (initial) {
            encoded = initial->isEmpty() ? QByteArray("=") : initial->toBase64();
            if (cmd.logText.size() + 1 + encoded.size() + 2 <= MaxAuthLineLength) {
                cmd.logText += " <initial response masked>";
            } else {
                m_deferredInitialResponse = *initial;
                wipe(encoded);
            }
            wipe(*initial);
        }
        // Built in one buffer of the final size: no copy of the secret is
        // left behind by a reallocation.
        cmd.wire.reserve(5 + name.size() + (encoded.isEmpty() ? 0 : 1 + encoded.size()) + 2);
        cmd.wire += "AUTH ";
        cmd.wire += name;
        if (!encoded.isEmpty()) {
            cmd.wire += ' ';
            cmd.wire += encoded;
        }
        cmd.wire += "\r\n";
        wipe(encoded);
        break;
    }
    }
    wipe(creds.secret);
    return true;
}

void Session::pump()
{
    if (m_state != SessionState::Authorization && m_state != SessionState::Transaction)
        return;
    while (!m_queue.empty() && !m_awaitingTls) {
        Pending &next = m_queue.front();
        if (!m_inflight.empty()) {
            if (next.barrier || m_inflight.back().barrier || m_windowFull)
                break;
            if (static_cast<int>(m_inflight.size()) >= windowMax()) {
                m_windowFull = true;
                break;
            }
        }
        Pending cmd = std::move(next);
        m_queue.pop_front();
        if (!prepare(cmd))
            continue;
        send(cmd.wire, cmd.logText);
        if (cmd.type == CommandType::Authenticate)
            wipe(cmd.wire);  // may hold an initial response with the secret
        if (cmd.type == CommandType::Quit)
            m_quitSent = true;
        m_inflight.push_back(std::move(cmd));
        if (static_cast<int>(m_inflight.size()) >= windowMax())
            m_windowFull = true;
        if (m_quitSent) {
            // Nothing may follow QUIT.
            while (!m_queue.empty()) {
                Pending rest = std::move(m_queue.front());
                m_queue.pop_front();
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

void Session::finishFront()
{
    m_inflight.pop_front();
    if (static_cast<int>(m_inflight.size()) <= windowMin())
        m_windowFull = false;
    if (m_state == SessionState::Closed) {
        // The server closes the connection after QUIT; anything not answered
        // by now never will be.
        while (!m_inflight.empty()) {
            Pending p = std::move(m_inflight.front());
            m_inflight.pop_front();
            failCommand(p, Error(ErrorCode::InvalidState, QStringLiteral("the session has ended")));
        }
        return;
    }
    pump();
}

void Session::handleDataOutput()
{
    if (m_dataOut.isEmpty())
        return;
    Pending &cmd = m_inflight.front();
    if (cmd.type == CommandType::Retr || cmd.type == CommandType::Top) {
        const quint64 n = static_cast<quint64>(m_dataOut.size());
        if (n > cmd.dataLimit - std::min(m_dataSize, cmd.dataLimit)) {
            failOversized(QStringLiteral("message %1 runs past %2 octets").arg(cmd.message).arg(cmd.dataLimit));
            return;
        }
        if (cmd.type == CommandType::Top && !scanHeader(m_dataOut)) {
            failOversized(QStringLiteral("the header of message %1 runs past %2 octets")
                              .arg(cmd.message)
                              .arg(m_options.maxHeaderBytes));
            return;
        }
        m_dataSize += n;
        emitEvent(Events::DataChunk { cmd.id, cmd.message, std::exchange(m_dataOut, QByteArray()) });
        return;
    }
    // CAPA, LIST and UIDL: split into lines, each bounded.
    QByteArrayView out(m_dataOut);
    qsizetype start = 0;
    while (start < out.size()) {
        const qsizetype lf = out.indexOf('\n', start);
        if (lf < 0) {
            m_textLine.append(out.sliced(start));
            break;
        }
        m_textLine.append(out.sliced(start, lf - start));
        if (m_textLine.endsWith('\r'))
            m_textLine.chop(1);
        if (m_textLine.size() > m_options.maxLineLength)
            break;
        handleTextLine(m_textLine);
        m_textLine.clear();
        start = lf + 1;
        if (m_state == SessionState::Failed)
            return;
    }
    m_dataOut.clear();
    if (m_textLine.size() > m_options.maxLineLength)
        fail(Error(
            ErrorCode::ResponseTooLong, QStringLiteral("listing line exceeds %1 octets").arg(m_options.maxLineLength)));
}

bool Session::scanHeader(QByteArrayView data)
{
    for (qsizetype i = 0; i < data.size() && !m_headerDone; ++i) {
        ++m_headerBytes;
        const char c = data.at(i);
        if (c == '\n') {
            m_headerDone = m_lineBlank;
            m_lineBlank = true;
        } else if (c != '\r') {
            m_lineBlank = false;
        }
    }
    return m_headerDone || m_headerBytes <= quint64(m_options.maxHeaderBytes);
}

void Session::failOversized(const QString &why)
{
    m_dataOut.clear();
    Pending cmd = std::move(m_inflight.front());
    m_inflight.pop_front();
    const Error e(ErrorCode::MessageOversized, why);
    failCommand(cmd, e);
    fail(e);
}

void Session::handleTextLine(QByteArrayView line)
{
    Pending &cmd = m_inflight.front();
    switch (cmd.type) {
    case CommandType::Capa:
        if (++m_listingLines > m_options.maxCapabilityLines) {
            fail(Error(ErrorCode::ResponseTooLong,
                QStringLiteral("CAPA answer has more than %1 lines").arg(m_options.maxCapabilityLines)));
            return;
        }
        log(LogEntry::Kind::Read, line.toByteArray());
        m_pendingCaps.addLine(line);
        return;
    case CommandType::List:
    case CommandType::Uidl: {
        // Every line counts against the bounds, malformed ones included, so
        // an endless or oversized listing always ends in an error.
        m_listingBytes += line.size() + 2;
        if (++m_listingLines > m_options.maxListingEntries || m_listingBytes > m_options.maxListingBytes) {
            fail(Error(ErrorCode::ListingTooLarge,
                QStringLiteral("listing exceeds %1 lines or %2 octets")
                    .arg(m_options.maxListingEntries)
                    .arg(m_options.maxListingBytes)));
            return;
        }
        // One unreadable line is set aside (with the message number it
        // names, if any); the rest of the answer stays usable.
        const auto w = words(line);
        const auto n = !w.isEmpty() ? parseNumber(w.at(0), 0xffffffffu) : std::nullopt;
        const quint32 number = (n && *n > 0) ? static_cast<quint32>(*n) : 0;
        if (!number || w.size() < 2) {
            m_rejected.add(number, line);
            return;
        }
        if (cmd.type == CommandType::List) {
            const auto size = parseNumber(w.at(1), ~quint64(0));
            if (!size) {
                m_rejected.add(number, line);
                return;
            }
            m_listEntries.push_back(ListEntry { number, *size });
        } else {
            const QByteArrayView uid = w.at(1);
            bool valid = uid.size() <= 512;
            for (char c : uid)
                valid = valid && static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
            if (!valid) {
                m_rejected.add(number, line);
                return;
            }
            m_uidlEntries.push_back(UidlEntry { number, uid.toByteArray() });
        }
        return;
    }
    default: return;
    }
}

void Session::completeMultiline()
{
    m_mode = Mode::Line;
    Pending &cmd = m_inflight.front();
    if (!m_textLine.isEmpty()) {
        // The last line had no line ending before the terminator.
        const QByteArray last = std::exchange(m_textLine, QByteArray());
        handleTextLine(last);
        if (m_state == SessionState::Failed)
            return;
    }
    switch (cmd.type) {
    case CommandType::Capa:
        m_caps = std::move(m_pendingCaps);
        m_capsKnown = true;
        emitEvent(Events::CapabilitiesReceived { cmd.id, m_caps });
        break;
    case CommandType::List:
    case CommandType::Uidl: {
        QByteArray note = (cmd.type == CommandType::List ? "LIST: " : "UIDL: ")
            + QByteArray::number(
                qulonglong(cmd.type == CommandType::List ? m_listEntries.size() : m_uidlEntries.size()))
            + " entries";
        if (m_rejected.count)
            note += ", " + QByteArray::number(qlonglong(m_rejected.count)) + " unreadable lines set aside";
        log(LogEntry::Kind::Info, note);
        if (cmd.type == CommandType::List)
            emitEvent(Events::ListReceived { cmd.id, std::exchange(m_listEntries, {}), std::exchange(m_rejected, {}) });
        else
            emitEvent(Events::UidlReceived { cmd.id, std::exchange(m_uidlEntries, {}), std::exchange(m_rejected, {}) });
        break;
    }
    default:
        log(LogEntry::Kind::Info,
            "message " + QByteArray::number(cmd.message) + ": " + QByteArray::number(m_dataSize) + " octets");
        emitEvent(Events::DataComplete { cmd.id, cmd.message, m_dataSize });
        break;
    }
    finishFront();
}

void Session::handleAuthLine(const QByteArray &line)
{
    Pending &cmd = m_inflight.front();
    const StatusLine status = StatusLine::parse(line);
    switch (status.kind) {
    case StatusLine::Kind::Invalid: {
        Error e(ErrorCode::ProtocolError, QStringLiteral("expected +OK, -ERR or a continuation during login"));
        e.serverText = ServerText(line);
        fail(e);
        return;
    }
    case StatusLine::Kind::Continuation: {
        if (!m_sasl) {
            Error e(ErrorCode::ProtocolError, QStringLiteral("unexpected continuation"));
            e.serverText = ServerText(line);
            fail(e);
            return;
        }
        if (m_saslAbort) {
            fail(Error(ErrorCode::ProtocolError, QStringLiteral("continuation after the exchange was cancelled")));
            return;
        }
        QByteArray response;
        if (m_deferredInitialResponse) {
            response = std::exchange(*m_deferredInitialResponse, QByteArray());
            m_deferredInitialResponse.reset();
        } else {
            const QByteArray text = status.text.trimmed();
            const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
            Result<QByteArray> r = decoded
                ? m_sasl->respond(*decoded)
                : Result<QByteArray>(Error(ErrorCode::ProtocolError, QStringLiteral("challenge is not base64")));
            if (!r) {
                // Cancel the exchange (RFC 5034 §4); the server answers -ERR.
                m_saslAbort = r.error();
                send("*\r\n", "*");
                return;
            }
            response = std::move(r).value();
        }
        QByteArray encoded = response.toBase64();
        wipe(response);
        // One buffer of the final size: no reallocation leaves a copy behind.
        QByteArray wireLine;
        wireLine.reserve(encoded.size() + 2);
        wireLine += encoded;
        wireLine += "\r\n";
        wipe(encoded);
        send(wireLine, "<response masked>");
        wipe(wireLine);
        return;
    }
    case StatusLine::Kind::Ok:
        if (m_authMechanism == Mechanism::UserPass && !m_userAccepted) {
            m_userAccepted = true;
            QByteArray wireLine = "PASS " + m_password + "\r\n";
            send(wireLine, "PASS <masked>");
            wipe(wireLine);
            wipe(m_password);
            return;
        }
        if (m_saslAbort) {
            // We cancelled the exchange; a success now is not one we can trust.
            Error e = *m_saslAbort;
            e.detail = QStringLiteral("the server accepted a cancelled login: ") + e.detail;
            e.serverText = ServerText(status.text);
            fail(e);
            return;
        }
        if (m_sasl && !m_sasl->mayAcceptSuccess()) {
            // The server claims success without proving it knows the password.
            Error e(ErrorCode::ServerSignatureInvalid, QStringLiteral("login accepted without the server's proof"));
            e.serverText = ServerText(status.text);
            fail(e);
            return;
        }
        m_authenticatedWith = m_authMechanism;
        m_state = SessionState::Transaction;
        emitEvent(Events::Authenticated { cmd.id, m_authMechanism });
        authDone();
        finishFront();
        return;
    case StatusLine::Kind::Err: {
        Error e = errorFrom(status, ErrorCode::AuthFailed);
        if (m_saslAbort) {
            Error abort = *m_saslAbort;
            abort.responseCode = e.responseCode;
            if (abort.serverText.isEmpty())
                abort.serverText = e.serverText;
            e = abort;
        }
        if (m_sasl && e.serverText.isEmpty() && !m_sasl->serverErrorDetails().isEmpty())
            e.serverText = ServerText(m_sasl->serverErrorDetails());
        emitEvent(Events::CommandFailed { cmd.id, cmd.type, e });
        authDone();
        finishFront();
        return;
    }
    }
}

void Session::authDone()
{
    m_sasl.reset();
    if (m_deferredInitialResponse)
        wipe(*m_deferredInitialResponse);
    m_deferredInitialResponse.reset();
    m_saslAbort.reset();
    wipe(m_password);
    m_userAccepted = false;
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
            if (p.credentials)
                wipe(p.credentials->secret);
            emitEvent(Events::CommandFailed { p.id, p.type, error, true });
        }
    }
    emitEvent(Events::SessionFailed { std::move(error) });
}

void Session::connectionClosed(const Error &reason)
{
    if (m_state == SessionState::Closed || m_state == SessionState::Failed)
        return;
    fail(reason);
}

}  // namespace Pop3
