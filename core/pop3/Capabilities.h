#pragma once

#include "pop3/Types.h"

#include <QByteArrayList>
#include <QList>

#include <optional>

namespace Pop3 {

// What the server said in its CAPA answer (RFC 2449 and extensions).
struct Capabilities {
    bool capaSupported = false;  // false: CAPA failed; RFC 1939 defaults apply
    bool pipelining = false;
    bool uidl = false;
    bool top = false;
    bool user = false;
    bool stls = false;
    bool respCodes = false;
    bool authRespCode = false;
    bool utf8 = false;
    QByteArrayList utf8Arguments;   // e.g. "USER"
    QByteArrayList saslMechanisms;  // upper-cased, as advertised
    std::optional<int> loginDelaySeconds;
    bool loginDelayPerUser = false;  // "LOGIN-DELAY 900 USER"
    enum class Expire { Unspecified, Never, Days };
    Expire expire = Expire::Unspecified;
    int expireDays = 0;  // with Expire::Days; 0 means "deleted at QUIT"
    bool expirePerUser = false;
    QByteArray implementation;
    QByteArrayList lines;  // every capability line as received (bounded)

    [[nodiscard]] bool supportsSasl(QByteArrayView mechanism) const;
    // Parses one CAPA line into these fields. Unknown capabilities are kept in
    // `lines` only.
    void addLine(QByteArrayView line);
};

}  // namespace Pop3
