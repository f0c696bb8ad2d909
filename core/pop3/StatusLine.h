#pragma once

#include <QByteArray>

namespace Pop3 {

// One POP3 status line: "+OK", "-ERR" (with an optional RFC 2449 RESP-CODE
// in brackets) or a SASL continuation "+ …".
struct StatusLine {
    enum class Kind { Ok, Err, Continuation, Invalid };
    Kind kind = Kind::Invalid;
    QByteArray code;  // RESP-CODE without brackets, upper-case
    QByteArray text;  // the rest of the line

    [[nodiscard]] static StatusLine parse(const QByteArray &line);
};

}  // namespace Pop3
