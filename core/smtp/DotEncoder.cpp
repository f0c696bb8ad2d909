#include "smtp/DotEncoder.h"

#include <algorithm>

namespace Smtp {

void DotEncoder::encode(QByteArrayView in, QByteArray &out)
{
    m_taken += in.size();
    // Room for the piece and a little stuffing, growing geometrically (a
    // caller may append many pieces before it sends any).
    const qsizetype needed = out.size() + in.size() + in.size() / 32 + 4;
    if (out.capacity() < needed)
        out.reserve(std::max(needed, 2 * out.capacity()));
    const char *p = in.data();
    const char *const end = p + in.size();
    while (p != end) {
        if (m_pendingCr) {
            m_pendingCr = false;
            out.append("\r\n", 2);
            m_lineStart = true;
            if (*p == '\n') {
                ++p;
                continue;
            }
        }
        if (m_lineStart && *p == '.')
            out.append('.');
        m_lineStart = false;
        // The rest of the line in one go.
        const char *stop = p;
        while (stop != end && *stop != '\n' && *stop != '\r')
            ++stop;
        out.append(p, stop - p);
        p = stop;
        if (p == end)
            break;
        if (*p == '\n') {
            out.append("\r\n", 2);
            m_lineStart = true;
        } else {
            m_pendingCr = true;
        }
        ++p;
    }
}

void DotEncoder::finish(QByteArray &out)
{
    if (m_pendingCr || !m_lineStart)
        out.append("\r\n", 2);
    m_pendingCr = false;
    m_lineStart = true;
    out.append(".\r\n", 3);
}

}  // namespace Smtp
