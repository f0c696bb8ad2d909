#include "smtp/Session.h"

// Session: choosing a SASL mechanism and driving AUTH (RFC 4954).

namespace Smtp {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Secret;
using Poplar::ServerText;
using Sasl::Credentials;
using Sasl::Mechanism;

namespace {

constexpr qsizetype MaxAuthLine = 512;  // RFC 4954 §4 with RFC 5321's command line

bool unsafeName(QByteArrayView v)
{
    for (char c : v) {
        if (c == '\r' || c == '\n' || c == '\0')
            return true;
    }
    return false;
}

}  // namespace

Result<Mechanism> Session::chooseMechanism(const Capabilities &caps, const Credentials &creds, bool encrypted)
{
    if (creds.mechanism == Mechanism::UserPass || creds.mechanism == Mechanism::Apop)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("USER/PASS and APOP are POP3's own"));
    // See the header for why the orders differ.
    static const Mechanism encryptedOrder[]
        = { Mechanism::ScramSha256, Mechanism::ScramSha1, Mechanism::Plain, Mechanism::Login, Mechanism::CramMd5 };
    static const Mechanism plaintextOrder[]
        = { Mechanism::ScramSha256, Mechanism::ScramSha1, Mechanism::CramMd5, Mechanism::Plain, Mechanism::Login };
    Sasl::ChoiceRules rules;
    rules.offered = [&](Mechanism m) {
        return m != Mechanism::Auto && m != Mechanism::UserPass && m != Mechanism::Apop
            && caps.supportsAuth(Sasl::mechanismName(m));
    };
    rules.encryptedOrder = encryptedOrder;
    rules.plaintextOrder = plaintextOrder;
    return Sasl::chooseMechanism(creds, encrypted, rules);
}

void Session::beginAuth(Credentials creds)
{
    auto refuse = [this](Error e) {
        emitEvent(Events::CommandFailed { Events::CommandFailed::Command::Authenticate, e });
        fail(std::move(e));
    };
    if (m_authenticatedWith) {
        // RFC 4954 §4: one AUTH per session; this one is logged in already.
        emitEvent(Events::Authenticated { *m_authenticatedWith });
        m_busy = false;
        return;
    }
    if (creds.user.isEmpty() || unsafeName(creds.user.toUtf8()) || unsafeName(creds.authorizationId.toUtf8())) {
        refuse(Error(ErrorCode::InvalidArgument, QStringLiteral("invalid user name")));
        return;
    }
    Result<Mechanism> chosen = chooseMechanism(m_caps, creds, m_encrypted);
    if (!chosen) {
        refuse(chosen.error());
        return;
    }
    m_authMechanism = *chosen;
    m_saslAbort.reset();
    m_deferredInitialResponse.reset();

    Sasl::SaslParameters params;
    params.credentials = std::move(creds);
    params.host = m_options.host;
    params.port = m_options.port;
    params.nonceGenerator = m_options.nonceGenerator;
    m_sasl = Sasl::createSaslClient(m_authMechanism, params);
    params.credentials.secret.clear();
    const QByteArray name = Sasl::mechanismName(m_authMechanism);
    QByteArray logText = "AUTH " + name;
    Secret encoded;
    if (std::optional<QByteArray> r = m_sasl->initialResponse()) {
        Secret initial(std::move(*r));
        // RFC 4954 §4: "=" stands for an empty initial response.
        encoded = initial.isEmpty() ? Secret(QByteArray("=")) : Secret(initial.expose().toBase64());
        if (5 + name.size() + 1 + encoded.size() + 2 <= MaxAuthLine) {
            logText += " <initial response masked>";
        } else {
            m_deferredInitialResponse = std::move(initial);
            encoded.clear();
        }
    }
    // One buffer of the final size: no reallocation leaves a copy of the secret behind.
    Secret wire = Secret::withCapacity(5 + name.size() + (encoded.isEmpty() ? 0 : 1 + encoded.size()) + 2);
    wire.append("AUTH ").append(name);
    if (!encoded.isEmpty())
        wire.append(' ').append(encoded.view());
    wire.append("\r\n");
    send(wire.view(), logText, Expect::Auth);
}

void Session::handleAuth(const Reply &reply)
{
    auto refuse = [this](Error e) {
        emitEvent(Events::CommandFailed { Events::CommandFailed::Command::Authenticate, e });
        fail(std::move(e));
    };
    if (reply.code == 334) {
        if (!m_sasl || m_saslAbort) {
            Error e(ErrorCode::ProtocolError,
                m_saslAbort ? QStringLiteral("a challenge after the exchange was cancelled")
                            : QStringLiteral("an unexpected challenge"));
            e.serverText = reply.text();
            fail(std::move(e));
            return;
        }
        Secret response;
        if (m_deferredInitialResponse) {
            response = std::move(*m_deferredInitialResponse);
            m_deferredInitialResponse.reset();
        } else {
            const QByteArray text = reply.lines.value(0).trimmed();
            const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
            Result<QByteArray> r = decoded
                ? m_sasl->respond(*decoded)
                : Result<QByteArray>(Error(ErrorCode::ProtocolError, QStringLiteral("challenge is not base64")));
            if (!r) {
                // Cancel the exchange (RFC 4954 §4); the server answers 501.
                m_saslAbort = r.error();
                send("*\r\n", "*", Expect::Auth);
                return;
            }
            response = Secret(std::move(r).value());
        }
        Secret encoded(response.expose().toBase64());
        response.clear();
        Secret line = Secret::withCapacity(encoded.size() + 2);
        line.append(encoded.view()).append("\r\n");
        send(line.view(), "<response masked>", Expect::Auth);
        return;
    }
    if (reply.code == 235) {
        if (m_saslAbort) {
            Error e = *m_saslAbort;
            e.detail = QStringLiteral("the server accepted a cancelled login: ") + e.detail;
            e.serverText = reply.text();
            fail(std::move(e));
            return;
        }
        if (m_sasl && !m_sasl->mayAcceptSuccess()) {
            Error e(ErrorCode::ServerSignatureInvalid, QStringLiteral("login accepted without the server's proof"));
            e.serverText = reply.text();
            fail(std::move(e));
            return;
        }
        m_authenticatedWith = m_authMechanism;
        emitEvent(Events::Authenticated { m_authMechanism });
        authDone();
        m_busy = false;
        pump();
        return;
    }
    // RFC 4954 §6 and RFC 3463: 535 5.7.8 credentials invalid, 534 5.7.9
    // mechanism too weak, 538 5.7.11 encryption required, 504 5.5.4
    // mechanism unknown, 454 4.7.0 temporary failure.
    ErrorCode code = ErrorCode::AuthFailed;
    if (reply.code == 534 || reply.enhanced == "5.7.9")
        code = ErrorCode::AuthTooWeak;
    else if (reply.code == 538 || reply.enhanced == "5.7.11")
        code = ErrorCode::InsecureAuthRefused;
    else if (reply.code == 504)
        code = ErrorCode::AuthMechanismUnavailable;
    Error e(reply.temporary() ? ErrorCode::ServerTemporary : reply.positive() ? ErrorCode::ProtocolError : code,
        QStringLiteral("the server refused the login"));
    e.responseCode = QString::fromLatin1(reply.enhanced.isEmpty() ? QByteArray::number(reply.code) : reply.enhanced);
    e.serverText = reply.text();
    if (m_saslAbort) {
        Error abort = *m_saslAbort;
        abort.responseCode = e.responseCode;
        if (abort.serverText.isEmpty())
            abort.serverText = e.serverText;
        e = std::move(abort);
    }
    if (m_sasl && !m_sasl->serverErrorDetails().isEmpty())
        e.serverText = ServerText(m_sasl->serverErrorDetails());
    refuse(std::move(e));
}

void Session::authDone()
{
    m_sasl.reset();
    m_deferredInitialResponse.reset();
    m_saslAbort.reset();
}

}  // namespace Smtp
