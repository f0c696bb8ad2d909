#pragma once

#include "common/Error.h"
#include "common/Secret.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Pop3 {

Q_NAMESPACE

using CommandId = quint64;

enum class CommandType {
    Capa,
    Stls,
    Authenticate,
    Utf8,
    Stat,
    List,
    Uidl,
    Top,
    Retr,
    Dele,
    Rset,
    Noop,
    Quit,
};
Q_ENUM_NS(CommandType)

enum class SessionState {
    AwaitingGreeting,
    Authorization,
    Transaction,
    Closed,  // QUIT answered; the server applied the deletions
    Failed,  // fatal error; the connection must be closed
};
Q_ENUM_NS(SessionState)

// Authentication mechanisms, ordered weakest to strongest within each family.
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

// How UIDL fared in a listing.
enum class UidlStatus {
    Supported,   // UIDL answered: messages carry their unique ids
    NotOffered,  // the server has no UIDL (CAPA omits it, or a server without CAPA refused it)
    Refused,     // CAPA lists UIDL (or it worked earlier in the session), yet UIDL answered -ERR
};
Q_ENUM_NS(UidlStatus)

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

// Maps a RESP-CODE ("IN-USE", "SYS/TEMP", "SYS/TEMP/x", …) to an error code;
// an empty or unknown code gives `fallback` (the code itself is kept in
// Error::responseCode by the caller).
[[nodiscard]] Poplar::ErrorCode errorCodeForResponseCode(QByteArrayView respCode, Poplar::ErrorCode fallback);

}  // namespace Pop3
