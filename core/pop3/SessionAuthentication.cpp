#include "pop3/Session.h"

#include "pop3/LineTokens.h"
#include "pop3/StatusLine.h"

#include <QCryptographicHash>

// Session: choosing a mechanism and driving USER/PASS, APOP and SASL logins.

namespace Pop3 {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::ServerText;

namespace {
constexpr qsizetype MaxAuthLineLength = 255;  // RFC 5034 §4: initial response only if the line fits
}  // namespace

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

}  // namespace Pop3
