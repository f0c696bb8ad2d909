#pragma once

#include "common/Error.h"
#include "sasl/Mechanism.h"

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

// How UIDL fared in a listing.
enum class UidlStatus {
    Supported,   // UIDL answered: messages carry their unique ids
    NotOffered,  // the server has no UIDL (CAPA omits it, or a server without CAPA refused it)
    Refused,     // CAPA lists UIDL (or it worked earlier in the session), yet UIDL answered -ERR
};
Q_ENUM_NS(UidlStatus)

// The SASL mechanisms and credentials are shared with SMTP (core/sasl);
// the POP3 code keeps calling them by their old names.
using Sasl::Credentials;
using Sasl::Mechanism;
using Sasl::isCleartextMechanism;
using Sasl::isOAuthMechanism;
using Sasl::mechanismFromName;
using Sasl::mechanismName;

// Maps a RESP-CODE ("IN-USE", "SYS/TEMP", "SYS/TEMP/x", …) to an error code;
// an empty or unknown code gives `fallback` (the code itself is kept in
// Error::responseCode by the caller).
[[nodiscard]] Poplar::ErrorCode errorCodeForResponseCode(QByteArrayView respCode, Poplar::ErrorCode fallback);

}  // namespace Pop3
