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

}  // namespace Sasl
