#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Smtp {

// The message as DATA carries it (RFC 5321 section 4.5.2), streamed in
// pieces of any size so that a big message never sits in memory twice:
// every line ending becomes CRLF (a bare LF or CR too, which SMTP forbids,
// section 2.3.8), a line starting with '.' gets a second one, and finish()
// ends the last line and adds the terminating ".".
class DotEncoder
{
public:
    // Appends `in`, encoded, to `out`.
    void encode(QByteArrayView in, QByteArray &out);
    // Appends the end of the data: CRLF when the last line has not ended, then ".\r\n".
    void finish(QByteArray &out);
    // Octets of message `encode()` has taken (before encoding).
    [[nodiscard]] qint64 taken() const { return m_taken; }

private:
    bool m_lineStart = true;
    bool m_pendingCr = false;  // a CR ended the last piece: its LF may come next
    qint64 m_taken = 0;
};

}  // namespace Smtp
