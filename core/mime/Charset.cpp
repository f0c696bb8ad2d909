#include "mime/Charset.h"

#include "mime/detail/HeaderFields.h"
#include "mime/detail/ParserOptions.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace Mime {

namespace {

// The index of the first byte at or after `i` that is not ASCII (or `len`):
// eight bytes at a time, as mail text is mostly ASCII.
size_t skipAscii(const unsigned char *p, size_t i, size_t len)
{
    while (len - i >= 8) {
        quint64 word;
        std::memcpy(&word, p + i, 8);
        if (word & 0x8080808080808080ULL)
            break;
        i += 8;
    }
    while (i < len && p[i] < 0x80)
        ++i;
    return i;
}

bool validUtf8(const char *s, size_t len)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s);
    size_t i = 0;
    while (i < len) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            i = skipAscii(p, i, len);
            continue;
        }
        size_t need = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((c & 0xE0) == 0xC0) {
            need = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            need = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            need = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return false;
        }
        if (len - i <= need)
            return false;
        for (size_t k = 1; k <= need; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += need + 1;
    }
    return true;
}

bool isAscii(const char *s, size_t len)
{
    return skipAscii(reinterpret_cast<const unsigned char *>(s), 0, len) == len;
}

// Converts with GMime's iconv; returns false when the charset is unknown.
bool iconvToUtf8(const QByteArray &bytes, const char *charset, QByteArray *out, qsizetype *errors)
{
    iconv_t cd = g_mime_iconv_open("UTF-8", charset);
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;
    QByteArray result(qMax<qsizetype>(64, bytes.size() + bytes.size() / 2 + 16), Qt::Uninitialized);
    qsizetype used = 0;
    char *in = const_cast<char *>(bytes.constData());
    size_t inLeft = size_t(bytes.size());
    *errors = 0;
    auto ensure = [&](qsizetype extra) {
        if (result.size() - used < extra)
            result.resize(qMax(result.size() * 2, used + extra));
    };
    bool flushed = false;
    while (true) {
        ensure(16);
        char *outPtr = result.data() + used;
        size_t outLeft = size_t(result.size() - used);
        const size_t r = inLeft > 0 ? g_mime_iconv(cd, &in, &inLeft, &outPtr, &outLeft)
                                    : g_mime_iconv(cd, nullptr, nullptr, &outPtr, &outLeft);
        const int err = errno;
        used = outPtr - result.data();
        if (r != size_t(-1)) {
            if (inLeft == 0) {
                if (flushed)
                    break;
                flushed = true;
            }
            continue;
        }
        if (err == E2BIG) {
            result.resize(result.size() * 2);
            continue;
        }
        if (err == EILSEQ && inLeft > 0) {
            ++*errors;
            ++in;
            --inLeft;
            ensure(3);
            result[used++] = char(0xEF);
            result[used++] = char(0xBF);
            result[used++] = char(0xBD);
            continue;
        }
        break;  // EINVAL: incomplete sequence at the end (e.g. a cut body)
    }
    g_mime_iconv_close(cd);
    result.truncate(used);
    *out = std::move(result);
    return true;
}

bool isWesternSingleByte(const QByteArray &canonical)
{
    return canonical == "iso-8859-1" || canonical == "iso-8859-15" || canonical == "windows-1252"
        || canonical == "cp1252" || canonical == "latin1" || canonical == "iso_8859-1";
}

}  // namespace

bool isValidUtf8(QByteArrayView bytes)
{
    return validUtf8(bytes.data(), size_t(bytes.size()));
}

QString fromWindows1252(QByteArrayView bytes)
{
    const char *s = bytes.data();
    const auto len = size_t(bytes.size());
    static const char16_t high[32] = { 0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
        0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178 };
    QString out(qsizetype(len), Qt::Uninitialized);
    QChar *d = out.data();
    for (size_t i = 0; i < len; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        d[i] = (c >= 0x80 && c < 0xA0) ? QChar(high[c - 0x80]) : QChar(char16_t(c));
    }
    return out;
}

QString decodeUnlabelled(QByteArrayView bytes)
{
    if (isValidUtf8(bytes))
        return QString::fromUtf8(bytes);
    return fromWindows1252(bytes);
}

QString decodeCharset(const QByteArray &bytes, const QByteArray &declared, QString *warning)
{
    auto note = [warning](const QString &text) {
        if (warning)
            *warning = text;
    };
    if (warning)
        warning->clear();
    const QByteArray charset = declared.trimmed().toLower();
    if (charset.isEmpty() || charset == "us-ascii" || charset == "ascii" || charset == "utf-8" || charset == "utf8") {
        if (isAscii(bytes.constData(), size_t(bytes.size())))
            return QString::fromLatin1(bytes);
        if (isValidUtf8(bytes))
            return QString::fromUtf8(bytes);
        if (!charset.isEmpty())
            note(QStringLiteral("text is not valid %1; decoded as windows-1252").arg(QString::fromLatin1(charset)));
        return fromWindows1252(bytes);
    }
    // Only plausible charset names reach GMime (it caches every name it sees).
    const bool plausible = charset.size() <= 40 && std::all_of(charset.cbegin(), charset.cend(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' || ch == ':'
            || ch == '+';
    });
    if (!plausible) {
        note(QStringLiteral("unknown charset %1").arg(QString::fromLatin1(charset.left(40))));
        return decodeUnlabelled(bytes);
    }
    const char *canonicalName = g_mime_charset_canon_name(charset.constData());
    const QByteArray canonical = QByteArray(canonicalName ? canonicalName : charset.constData()).toLower();
    // Text labelled as Latin-1 that is valid UTF-8 with non-ASCII characters
    // is (in practice always) mislabelled UTF-8.
    if (isWesternSingleByte(canonical) && !isAscii(bytes.constData(), size_t(bytes.size())) && isValidUtf8(bytes)) {
        note(QStringLiteral("text labelled %1 is UTF-8").arg(QString::fromLatin1(charset)));
        return QString::fromUtf8(bytes);
    }
    QByteArray utf8;
    qsizetype errors = 0;
    if (!iconvToUtf8(bytes, charset.constData(), &utf8, &errors)) {
        note(QStringLiteral("unknown charset %1").arg(QString::fromLatin1(charset.left(40))));
        return decodeUnlabelled(bytes);
    }
    if (errors > 0) {
        if (isValidUtf8(bytes)) {
            note(QStringLiteral("text is not valid %1; decoded as UTF-8").arg(QString::fromLatin1(charset)));
            return QString::fromUtf8(bytes);
        }
        if (errors * 100 > bytes.size()) {
            note(QStringLiteral("text is not valid %1; decoded as windows-1252").arg(QString::fromLatin1(charset)));
            return fromWindows1252(bytes);
        }
        note(QStringLiteral("%1 invalid sequences in %2 text").arg(errors).arg(QString::fromLatin1(charset)));
    }
    return QString::fromUtf8(utf8);
}

QString decodeHeaderText(QByteArrayView raw)
{
    Detail::ensureInit();
    return Detail::decodeText(Detail::sharedDecodeOptions(), raw);
}

}  // namespace Mime
