#pragma once

#include "common/Result.h"
#include "common/Secret.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <functional>
#include <optional>
#include <span>

// What POP3 and SMTP authentication share: the mechanisms, the credentials
// and the client side of each SASL exchange (Sasl.h). The framing (POP3's
// "+ " continuations, SMTP's 334 replies) stays with each protocol.
namespace Sasl {

Q_NAMESPACE

// Authentication mechanisms, ordered weakest to strongest within each family.
// USER/PASS and APOP are POP3's own; SMTP never chooses them.
enum class Mechanism {
    Auto,
    UserPass,
    Login,
    Plain,
    Apop,
    CramMd5,
    ScramSha1,
    ScramSha256,
    XOAuth2,
    OAuthBearer,
};
Q_ENUM_NS(Mechanism)

// The wire name ("SCRAM-SHA-256", "USER" for USER/PASS, "APOP").
[[nodiscard]] QByteArray mechanismName(Mechanism m);
// Parses a wire or user-given name, case-insensitively; Auto for "auto".
[[nodiscard]] std::optional<Mechanism> mechanismFromName(QByteArrayView name);
// Mechanisms that reveal the secret itself to anyone reading the link.
[[nodiscard]] bool isCleartextMechanism(Mechanism m);
[[nodiscard]] bool isOAuthMechanism(Mechanism m);

struct Credentials {
    enum class Kind { Password, OAuthToken };
    QString user;
    // UTF-8 password, or the OAuth access token; wiped with the Credentials.
    // A copy of Credentials holds its own copy of it (Secret::clone()).
    Poplar::Secret secret;
    Kind kind = Kind::Password;
    QString authorizationId;                // SASL authzid; usually empty
    Mechanism mechanism = Mechanism::Auto;  // pinned mechanism, or Auto for the strongest common one
    bool allowInsecure = false;             // the account explicitly allows credentials over an unencrypted link

    Credentials() = default;
    Credentials(const Credentials &other);
    Credentials &operator=(const Credentials &other);
    Credentials(Credentials &&) noexcept = default;
    Credentials &operator=(Credentials &&) noexcept = default;
    ~Credentials() = default;
};

// How a protocol picks the mechanism to log in with (chooseMechanism()).
struct ChoiceRules {
    // The server offers it, and the protocol has it.
    std::function<bool(Mechanism)> offered;
    // The mechanisms tried, strongest first, over an encrypted link and over
    // a plaintext one (where those revealing the secret come last, and only
    // with Credentials::allowInsecure).
    std::span<const Mechanism> encryptedOrder;
    std::span<const Mechanism> plaintextOrder;
    // LOGIN, CRAM-MD5 and the like carry a name or password beyond ASCII
    // (POP3 after the server accepted UTF8, RFC 6856); PLAIN, SCRAM and the
    // OAuth ones always do (defined on UTF-8).
    bool legacyMechanismsCarryUtf8 = false;
};

// The mechanism to log in with: the one pinned in the credentials (if the
// server offers it and it may be used), or the first of the rules' order
// that the server offers, that may be used on this link and that carries the
// credentials; an OAuth token only with OAUTHBEARER, then XOAUTH2. The
// errors: AuthMechanismUnavailable, InsecureAuthRefused,
// Utf8LoginUnsupported, InvalidArgument (a token for a password mechanism
// or the other way round).
[[nodiscard]] Poplar::Result<Mechanism> chooseMechanism(
    const Credentials &credentials, bool encrypted, const ChoiceRules &rules);

}  // namespace Sasl
