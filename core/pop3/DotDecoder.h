#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Pop3 {

// Streaming decoder for a POP3 multi-line body (RFC 1939 §3): removes the
// byte-stuffed leading dot of each line and finds the terminating "." line.
// Works across arbitrary chunk borders, keeps line endings exactly as sent
// (CRLF or bare LF), and passes NUL bytes and long lines through unchanged.
class DotDecoder
{
public:
    struct Step {
        qsizetype consumed = 0;  // input bytes used (through the terminator when done)
        bool done = false;       // the terminating line was seen
    };

    // Appends decoded bytes of `in` to `out` and stops right after the
    // terminator; bytes after it are left unconsumed.
    Step decode(QByteArrayView in, QByteArray &out);
    void reset() { m_state = State::LineStart; }

private:
    enum class State { LineStart, InLine, Dot, DotCR };
    State m_state = State::LineStart;
};

}  // namespace Pop3
