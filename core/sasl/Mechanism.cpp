#include "sasl/Mechanism.h"

namespace Sasl {

Credentials::Credentials(const Credentials &other)
    : user(other.user)
    , secret(other.secret.clone())
    , kind(other.kind)
    , authorizationId(other.authorizationId)
    , mechanism(other.mechanism)
    , allowInsecure(other.allowInsecure)
{ }

Credentials &Credentials::operator=(const Credentials &other)
{
    if (this != &other) {
        user = other.user;
        secret = other.secret.clone();
        kind = other.kind;
        authorizationId = other.authorizationId;
        mechanism = other.mechanism;
        allowInsecure = other.allowInsecure;
    }
    return *this;
}

QByteArray mechanismName(Mechanism m)
{
    switch (m) {
    case Mechanism::Auto: return QByteArrayLiteral("AUTO");
    case Mechanism::UserPass: return QByteArrayLiteral("USER");
    case Mechanism::Login: return QByteArrayLiteral("LOGIN");
    case Mechanism::Plain: return QByteArrayLiteral("PLAIN");
    case Mechanism::Apop: return QByteArrayLiteral("APOP");
    case Mechanism::CramMd5: return QByteArrayLiteral("CRAM-MD5");
    case Mechanism::ScramSha1: return QByteArrayLiteral("SCRAM-SHA-1");
    case Mechanism::ScramSha256: return QByteArrayLiteral("SCRAM-SHA-256");
    case Mechanism::XOAuth2: return QByteArrayLiteral("XOAUTH2");
    case Mechanism::OAuthBearer: return QByteArrayLiteral("OAUTHBEARER");
    }
    return {};
}

std::optional<Mechanism> mechanismFromName(QByteArrayView name)
{
    const QByteArray upper = name.toByteArray().trimmed().toUpper();
    if (upper == "AUTO")
        return Mechanism::Auto;
    if (upper == "USER" || upper == "USER/PASS" || upper == "PASS")
        return Mechanism::UserPass;
    for (Mechanism m : { Mechanism::Login, Mechanism::Plain, Mechanism::Apop, Mechanism::CramMd5, Mechanism::ScramSha1,
             Mechanism::ScramSha256, Mechanism::XOAuth2, Mechanism::OAuthBearer }) {
        if (upper == mechanismName(m))
            return m;
    }
    return std::nullopt;
}

bool isCleartextMechanism(Mechanism m)
{
    switch (m) {
    case Mechanism::UserPass:
    case Mechanism::Login:
    case Mechanism::Plain:
    case Mechanism::XOAuth2:  // a bearer token is as good as a password
    case Mechanism::OAuthBearer: return true;
    default: return false;
    }
}

bool isOAuthMechanism(Mechanism m)
{
    return m == Mechanism::XOAuth2 || m == Mechanism::OAuthBearer;
}

namespace {
bool asciiOnly(QByteArrayView v)
{
    for (char c : v) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}
}  // namespace

Poplar::Result<Mechanism> chooseMechanism(const Credentials &creds, bool encrypted, const ChoiceRules &rules)
{
    using Poplar::Error;
    using Poplar::ErrorCode;
    auto mayUse = [&](Mechanism m) { return !isCleartextMechanism(m) || encrypted || creds.allowInsecure; };
    const bool nonAscii = !asciiOnly(creds.user.toUtf8()) || !asciiOnly(creds.secret.view())
        || !asciiOnly(creds.authorizationId.toUtf8());
    auto carries = [&](Mechanism m) {
        switch (m) {
        case Mechanism::Plain:
        case Mechanism::ScramSha1:
        case Mechanism::ScramSha256:
        case Mechanism::XOAuth2:
        case Mechanism::OAuthBearer: return true;  // defined on UTF-8
        default: return !nonAscii || rules.legacyMechanismsCarryUtf8;
        }
    };
    const bool token = creds.kind == Credentials::Kind::OAuthToken;
    const Error notCarried(ErrorCode::Utf8LoginUnsupported,
        QStringLiteral("the user name or password is not ASCII and no mechanism offered carries it"));

    if (creds.mechanism != Mechanism::Auto) {
        const Mechanism m = creds.mechanism;
        if (token != isOAuthMechanism(m))
            return Error(ErrorCode::InvalidArgument,
                token ? QStringLiteral("an OAuth token needs XOAUTH2 or OAUTHBEARER")
                      : QStringLiteral("this mechanism needs an OAuth token"));
        if (!rules.offered(m))
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
    static const Mechanism tokenOrder[] = { Mechanism::OAuthBearer, Mechanism::XOAuth2 };
    const std::span<const Mechanism> order = token ? std::span<const Mechanism>(tokenOrder)
        : encrypted                                 ? rules.encryptedOrder
                                                    : rules.plaintextOrder;
    bool refusedInsecure = false;
    bool refusedUtf8 = false;
    for (Mechanism m : order) {
        if (!rules.offered(m))
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
    if (refusedInsecure)
        return Error(ErrorCode::InsecureAuthRefused,
            QStringLiteral("the server offers only mechanisms that reveal the password on an unencrypted link"));
    if (refusedUtf8)
        return notCarried;
    return Error(
        ErrorCode::AuthMechanismUnavailable, QStringLiteral("no authentication mechanism in common with the server"));
}

}  // namespace Sasl
