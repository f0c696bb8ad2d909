#include "mime/FileName.h"

#include <QStringView>

#include <algorithm>

namespace Mime {

namespace {

constexpr qsizetype kMaxFileNameBytes = 200;
constexpr qsizetype kMaxExtensionBytes = 16;

bool isForbiddenInFileName(char32_t c)
{
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
        return true;
    switch (c) {
    case '/':
    case '\\':
    case ':':
    case '*':
    case '?':
    case '"':
    case '<':
    case '>':
    case '|':
    case 0x00AD:  // soft hyphen
    case 0x061C:  // Arabic letter mark
    case 0x180E:  // Mongolian vowel separator
    case 0x2028:
    case 0x2029:
    case 0xFEFF:
    case 0xFFFE:
    case 0xFFFF: return true;
    default: break;
    }
    return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069)
        || (c >= 0xFFF9 && c <= 0xFFFB);
}

bool isTrimmedAtEdge(QChar c)
{
    return c == QLatin1Char('.') || c.isSpace();
}

QString trimEdges(const QString &s)
{
    qsizetype begin = 0;
    qsizetype end = s.size();
    while (begin < end && isTrimmedAtEdge(s.at(begin)))
        ++begin;
    while (end > begin && isTrimmedAtEdge(s.at(end - 1)))
        --end;
    return s.mid(begin, end - begin);
}

bool isReservedDeviceName(const QString &name)
{
    QString base = name.section(QLatin1Char('.'), 0, 0);
    while (base.endsWith(QLatin1Char(' ')))
        base.chop(1);
    base = base.toUpper();
    static const char *const fixed[] = { "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$" };
    for (const char *r : fixed) {
        if (base == QLatin1StringView(r))
            return true;
    }
    if (base.size() == 4 && (base.startsWith(QLatin1StringView("COM")) || base.startsWith(QLatin1StringView("LPT")))) {
        const QChar d = base.at(3);
        return (d >= QLatin1Char('1') && d <= QLatin1Char('9')) || d == QChar(0x00B9) || d == QChar(0x00B2)
            || d == QChar(0x00B3);
    }
    return false;
}

qsizetype utf8Length(QStringView s)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (c < 0x80)
            n += 1;
        else if (c < 0x800)
            n += 2;
        else if (QChar::isHighSurrogate(c) && i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode())) {
            n += 4;
            ++i;
        } else
            n += 3;
    }
    return n;
}

// The longest prefix of `s` of at most `maxBytes` UTF-8 bytes, not splitting a surrogate pair.
QString utf8Prefix(const QString &s, qsizetype maxBytes)
{
    qsizetype n = 0;
    qsizetype i = 0;
    while (i < s.size()) {
        const char16_t c = s.at(i).unicode();
        qsizetype units = 1;
        qsizetype bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        if (QChar::isHighSurrogate(c) && i + 1 < s.size() && QChar::isLowSurrogate(s.at(i + 1).unicode())) {
            units = 2;
            bytes = 4;
        }
        if (n + bytes > maxBytes)
            break;
        n += bytes;
        i += units;
    }
    return s.left(i);
}

QString sanitizeOnce(const QString &name)
{
    QString cleaned;
    cleaned.reserve(name.size());
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c.isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate()) {
            const char32_t cp = QChar::surrogateToUcs4(c, name.at(i + 1));
            if (!isForbiddenInFileName(cp) && !((cp & 0xFFFE) == 0xFFFE)) {
                cleaned += c;
                cleaned += name.at(i + 1);
            }
            ++i;
            continue;
        }
        if (c.isSurrogate())
            continue;  // lone surrogate: not representable in UTF-8
        if (!isForbiddenInFileName(c.unicode()))
            cleaned += c;
    }
    cleaned = trimEdges(cleaned.normalized(QString::NormalizationForm_C));
    if (cleaned.isEmpty())
        return {};
    if (isReservedDeviceName(cleaned))
        cleaned.prepend(QLatin1Char('_'));
    if (utf8Length(cleaned) <= kMaxFileNameBytes)
        return cleaned;
    // Too long: keep the extension (when it looks like one) and cut the stem.
    QString ext;
    const qsizetype dot = cleaned.lastIndexOf(QLatin1Char('.'));
    if (dot > 0) {
        const QString candidate = cleaned.mid(dot);
        if (utf8Length(candidate) <= kMaxExtensionBytes && !candidate.contains(QLatin1Char(' ')))
            ext = candidate;
    }
    const QString stem = ext.isEmpty() ? cleaned : cleaned.left(dot);
    QString cut = trimEdges(utf8Prefix(stem, kMaxFileNameBytes - utf8Length(ext)));
    if (cut.isEmpty())
        return {};
    return cut + ext;
}

}  // namespace

QString sanitizeFileName(const QString &name, const QString &fallback)
{
    // Only the last path component counts: "../../etc/passwd" is "passwd",
    // as a browser saving a download would name it.
    const qsizetype cut = std::max(name.lastIndexOf(QLatin1Char('/')), name.lastIndexOf(QLatin1Char('\\')));
    QString result = sanitizeOnce(cut >= 0 ? name.mid(cut + 1) : name);
    if (result.isEmpty())
        result = sanitizeOnce(fallback);
    if (result.isEmpty())
        result = QStringLiteral("attachment");
    return result;
}

}  // namespace Mime
