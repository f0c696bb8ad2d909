#pragma once

#include "smtp/Reply.h"

#include <QByteArrayList>

#include <optional>

namespace Smtp {

// What a server said it can do in its EHLO reply (RFC 5321 section 4.1.1.1;
// the keywords of RFC 1870, 2920, 3207, 4954, 6152, 6531, 2034, 3030, 3461).
struct Capabilities {
    QByteArray domain;  // the first line's first word: how the server names itself
    bool pipelining = false;
    bool startTls = false;
    bool eightBitMime = false;
    bool smtpUtf8 = false;
    bool enhancedStatusCodes = false;
    bool chunking = false;
    bool dsn = false;
    bool size = false;
    quint64 sizeLimit = 0;          // with `size`: 0 means the server states no fixed limit
    QByteArrayList authMechanisms;  // upper-cased, as advertised ("AUTH=" lines too), without repeats

    [[nodiscard]] bool supportsAuth(QByteArrayView mechanism) const;
    // A message of `octets` is over the server's stated limit.
    [[nodiscard]] bool tooBig(quint64 octets) const { return size && sizeLimit > 0 && octets > sizeLimit; }

    [[nodiscard]] static Capabilities fromEhlo(const Reply &reply);
};

}  // namespace Smtp
