#include "pop3/Session.h"

#include "pop3/LineTokens.h"
#include "pop3/StatusLine.h"

#include <QCryptographicHash>

// Session: choosing a mechanism and driving USER/PASS, APOP and SASL logins.

namespace Pop3 {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Secret;
using Poplar::ServerText;

namespace {
constexpr qsizetype MaxAuthLineLength = 255;  // RFC 5034 §4: initial response only if the line fits
}  // namespace

Result<Mechanism> Session::chooseMechanism(const Capabilities &caps, bool capsKnown, const QByteArray &apopTimestamp,
    const Credentials &creds, bool encrypted, bool utf8Logins)
{
    const bool legacy = !capsKnown || !caps.capaSupported;
    // See the header for why the orders differ.
    static const Mechanism encryptedOrder[] = { Mechanism::ScramSha256, Mechanism::ScramSha1, Mechanism::Plain,
        Mechanism::Login, Mechanism::UserPass, Mechanism::CramMd5, Mechanism::Apop };
    static const Mechanism plaintextOrder[] = { Mechanism::ScramSha256, Mechanism::ScramSha1, Mechanism::CramMd5,
        Mechanism::Apop, Mechanism::Plain, Mechanism::Login, Mechanism::UserPass };
    Sasl::ChoiceRules rules;
    rules.offered = [&](Mechanism m) {
        switch (m) {
        case Mechanism::UserPass: return legacy || caps.user;
        case Mechanism::Apop: return !apopTimestamp.isEmpty();
        case Mechanism::Auto: return false;
        default: return capsKnown && caps.supportsSasl(mechanismName(m));
        }
    };
    rules.encryptedOrder = encryptedOrder;
    rules.plaintextOrder = plaintextOrder;
    rules.legacyMechanismsCarryUtf8 = utf8Logins;
    return Sasl::chooseMechanism(creds, encrypted, rules);
}

bool Session::prepareAuth(Pending &cmd)
{
    Credentials creds = std::move(*cmd.credentials);
    cmd.credentials.reset();
    if (hasLineBreakOrNul(creds.user.toUtf8()) || hasLineBreakOrNul(creds.authorizationId.toUtf8())
        || creds.user.isEmpty()) {
        failCommand(cmd, Error(ErrorCode::InvalidArgument, QStringLiteral("invalid user name")));
        return false;
    }
    const bool utf8Logins = m_utf8Active && m_caps.utf8Arguments.contains("USER");
    Result<Mechanism> chosen = chooseMechanism(m_caps, m_capsKnown, m_apopTimestamp, creds, m_encrypted, utf8Logins);
    if (!chosen) {
        failCommand(cmd, chosen.error());
        return false;
    }
    m_authMechanism = *chosen;
    m_userAccepted = false;
    m_saslAbort.reset();
    m_deferredInitialResponse.reset();
    const QByteArray user = creds.user.toUtf8();

    switch (m_authMechanism) {
    case Mechanism::UserPass:
        if (hasLineBreakOrNul(creds.secret.view())) {
            failCommand(cmd, Error(ErrorCode::InvalidArgument, QStringLiteral("the password contains a line break")));
            return false;
        }
        m_password = std::move(creds.secret);
        cmd.wire = Secret(QByteArray("USER " + user + "\r\n"));
        cmd.logText = "USER " + user;
        break;
    case Mechanism::Apop: {
        if (user.contains(' ')) {
            failCommand(
                cmd, Error(ErrorCode::InvalidArgument, QStringLiteral("APOP user names cannot contain spaces")));
            return false;
        }
        Secret input = Secret::withCapacity(m_apopTimestamp.size() + creds.secret.size());
        input.append(m_apopTimestamp).append(creds.secret.view());
        const QByteArray digest = secretDigest(QCryptographicHash::Md5, input.view()).toHex();
        cmd.wire = Secret(QByteArray("APOP " + user + ' ' + digest + "\r\n"));
        cmd.logText = "APOP " + user + " <digest masked>";
        break;
    }
    default: {
        SaslParameters params;
        params.credentials = std::move(creds);
        params.host = m_options.host;
        params.port = m_options.port;
        params.nonceGenerator = m_options.nonceGenerator;
        m_sasl = createSaslClient(m_authMechanism, params);
        params.credentials.secret.clear();
        const QByteArray name = mechanismName(m_authMechanism);
        std::optional<Secret> initial;
        if (std::optional<QByteArray> r = m_sasl->initialResponse())
            initial.emplace(std::move(*r));
        cmd.logText = "AUTH " + name;
        Secret encoded;
        if (initial) {
            encoded = initial->isEmpty() ? QByteArray("=") : initial->expose().toBase64();
            if (cmd.logText.size() + 1 + encoded.size() + 2 <= MaxAuthLineLength) {
                cmd.logText += " <initial response masked>";
            } else {
                m_deferredInitialResponse = std::move(*initial);
                encoded.clear();
            }
        }
        // Built in one buffer of the final size: no copy of the secret is
        // left behind by a reallocation.
        Secret wire = Secret::withCapacity(5 + name.size() + (encoded.isEmpty() ? 0 : 1 + encoded.size()) + 2);
        wire.append("AUTH ").append(name);
        if (!encoded.isEmpty())
            wire.append(' ').append(encoded.view());
        wire.append("\r\n");
        cmd.wire = std::move(wire);
        break;
    }
    }
    return true;
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
        Secret response;
        if (m_deferredInitialResponse) {
            response = std::move(*m_deferredInitialResponse);
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
            response = Secret(std::move(r).value());
        }
        Secret encoded(response.expose().toBase64());
        response.clear();
        // One buffer of the final size: no reallocation leaves a copy behind.
        Secret wireLine = Secret::withCapacity(encoded.size() + 2);
        wireLine.append(encoded.view()).append("\r\n");
        send(wireLine.view(), "<response masked>");
        return;
    }
    case StatusLine::Kind::Ok:
        if (m_authMechanism == Mechanism::UserPass && !m_userAccepted) {
            m_userAccepted = true;
            Secret wireLine = Secret::withCapacity(5 + m_password.size() + 2);
            wireLine.append("PASS ").append(m_password.view()).append("\r\n");
            send(wireLine.view(), "PASS <masked>");
            m_password.clear();
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
    m_deferredInitialResponse.reset();
    m_saslAbort.reset();
    m_password.clear();
    m_userAccepted = false;
}

}  // namespace Pop3
