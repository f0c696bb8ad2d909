#include "pop3/DotDecoder.h"

#include <cstring>

namespace Pop3 {

DotDecoder::Step DotDecoder::decode(QByteArrayView in, QByteArray &out)
{
    const char *data = in.data();
    const qsizetype n = in.size();
    qsizetype i = 0;
    while (i < n) {
        switch (m_state) {
        case State::LineStart:
            if (data[i] == '.') {
                m_state = State::Dot;
                ++i;
            } else {
                m_state = State::InLine;
            }
            break;
        case State::InLine: {
            // Copy up to and including the next LF in one go.
            const void *lf = std::memchr(data + i, '\n', static_cast<size_t>(n - i));
            if (!lf) {
                out.append(data + i, n - i);
                i = n;
            } else {
                const qsizetype end = static_cast<const char *>(lf) - data + 1;
                out.append(data + i, end - i);
                i = end;
                m_state = State::LineStart;
            }
            break;
        }
        case State::Dot:
            if (data[i] == '\r') {
                m_state = State::DotCR;
                ++i;
            } else if (data[i] == '\n') {
                // "." LF: terminator with a bare line feed.
                m_state = State::LineStart;
                return { i + 1, true };
            } else {
                // A stuffed dot: drop it and keep the rest of the line
                // (".." becomes "."; a lone dot before text is dropped too).
                m_state = State::InLine;
            }
            break;
        case State::DotCR:
            if (data[i] == '\n') {
                m_state = State::LineStart;
                return { i + 1, true };
            }
            // "." CR followed by something else: the dot was stuffing, the CR is data.
            out.append('\r');
            m_state = State::InLine;
            break;
        }
    }
    return { n, false };
}

}  // namespace Pop3
