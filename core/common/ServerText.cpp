#include "common/ServerText.h"

#include <QStringDecoder>

namespace Poplar {

ServerText::ServerText(QByteArrayView raw)
{
    if (raw.size() > MaxLength) {
        m_raw = raw.first(MaxLength).toByteArray();
        m_truncated = true;
    } else {
        m_raw = raw.toByteArray();
    }
}

static bool isUnsafe(char32_t c)
{
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        return true;
    // Bidi controls and other invisible formatting that can disguise text.
    if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff
        || c == 0x2028 || c == 0x2029)
        return true;
    return false;
}

QString escapeUntrusted(QByteArrayView bytes)
{
    QString out;
    out.reserve(bytes.size());
    qsizetype i = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    while (i < n) {
        const unsigned char b = data[i];
        // Decode one UTF-8 sequence by hand so invalid bytes are escaped
        // individually instead of becoming U+FFFD.
        int len = 0;
        char32_t cp = 0;
        if (b < 0x80) {
            len = 1;
            cp = b;
        } else if ((b & 0xe0) == 0xc0 && b >= 0xc2) {
            len = 2;
            cp = b & 0x1f;
        } else if ((b & 0xf0) == 0xe0) {
            len = 3;
            cp = b & 0x0f;
        } else if ((b & 0xf8) == 0xf0 && b <= 0xf4) {
            len = 4;
            cp = b & 0x07;
        }
        bool valid = len > 0 && i + len <= n;
        for (int k = 1; valid && k < len; ++k) {
            const unsigned char c = data[i + k];
            if ((c & 0xc0) != 0x80)
                valid = false;
            else
                cp = (cp << 6) | (c & 0x3f);
        }
        if (valid) {
            if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
                || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
                valid = false;
        }
        if (!valid) {
            out += QStringLiteral("\\x%1").arg(b, 2, 16, QLatin1Char('0'));
            ++i;
            continue;
        }
        if (cp == '\\') {
            out += QStringLiteral("\\\\");
        } else if (isUnsafe(cp)) {
            if (cp < 0x100)
                out += QStringLiteral("\\x%1").arg(static_cast<uint>(cp), 2, 16, QLatin1Char('0'));
            else
                out += QStringLiteral("\\u{%1}").arg(static_cast<uint>(cp), 4, 16, QLatin1Char('0'));
        } else {
            out += QString::fromUcs4(&cp, 1);
        }
        i += len;
    }
    return out;
}

QString ServerText::escaped() const
{
    QString out = escapeUntrusted(m_raw);
    if (m_truncated)
        out += QChar(0x2026);
    return out;
}

}  // namespace Poplar
