#include "mime/HtmlText.h"

#include "mime/Charset.h"

#include <QStringList>
#include <QStringView>

#include <algorithm>
#include <string_view>
#include <vector>

namespace Mime {

namespace {

struct Entity {
    std::u16string_view name;
    char32_t codePoint;
};

const std::vector<Entity> &entityTable()
{
    static const std::vector<Entity> table = [] {
        std::vector<Entity> t = {
            { u"amp", '&' },
            { u"lt", '<' },
            { u"gt", '>' },
            { u"quot", '"' },
            { u"apos", '\'' },
            { u"euro", 0x20AC },
            { u"hellip", 0x2026 },
            { u"mdash", 0x2014 },
            { u"ndash", 0x2013 },
            { u"lsquo", 0x2018 },
            { u"rsquo", 0x2019 },
            { u"sbquo", 0x201A },
            { u"ldquo", 0x201C },
            { u"rdquo", 0x201D },
            { u"bdquo", 0x201E },
            { u"bull", 0x2022 },
            { u"trade", 0x2122 },
            { u"dagger", 0x2020 },
            { u"Dagger", 0x2021 },
            { u"permil", 0x2030 },
            { u"lsaquo", 0x2039 },
            { u"rsaquo", 0x203A },
            { u"OElig", 0x0152 },
            { u"oelig", 0x0153 },
            { u"Scaron", 0x0160 },
            { u"scaron", 0x0161 },
            { u"Yuml", 0x0178 },
            { u"fnof", 0x0192 },
            { u"circ", 0x02C6 },
            { u"tilde", 0x02DC },
            { u"ensp", 0x2002 },
            { u"emsp", 0x2003 },
            { u"thinsp", 0x2009 },
            { u"zwnj", 0x200C },
            { u"zwj", 0x200D },
            { u"lrm", 0x200E },
            { u"rlm", 0x200F },
            { u"prime", 0x2032 },
            { u"Prime", 0x2033 },
            { u"larr", 0x2190 },
            { u"uarr", 0x2191 },
            { u"rarr", 0x2192 },
            { u"darr", 0x2193 },
            { u"harr", 0x2194 },
            { u"minus", 0x2212 },
            { u"le", 0x2264 },
            { u"ge", 0x2265 },
            { u"ne", 0x2260 },
            { u"infin", 0x221E },
            { u"asymp", 0x2248 },
            { u"hearts", 0x2665 },
            { u"check", 0x2713 },
        };
        // HTML 4's Latin-1 entities, U+00A0 to U+00FF in order.
        static const char16_t *const latin1[] = { u"nbsp", u"iexcl", u"cent", u"pound", u"curren", u"yen", u"brvbar",
            u"sect", u"uml", u"copy", u"ordf", u"laquo", u"not", u"shy", u"reg", u"macr", u"deg", u"plusmn", u"sup2",
            u"sup3", u"acute", u"micro", u"para", u"middot", u"cedil", u"sup1", u"ordm", u"raquo", u"frac14", u"frac12",
            u"frac34", u"iquest", u"Agrave", u"Aacute", u"Acirc", u"Atilde", u"Auml", u"Aring", u"AElig", u"Ccedil",
            u"Egrave", u"Eacute", u"Ecirc", u"Euml", u"Igrave", u"Iacute", u"Icirc", u"Iuml", u"ETH", u"Ntilde",
            u"Ograve", u"Oacute", u"Ocirc", u"Otilde", u"Ouml", u"times", u"Oslash", u"Ugrave", u"Uacute", u"Ucirc",
            u"Uuml", u"Yacute", u"THORN", u"szlig", u"agrave", u"aacute", u"acirc", u"atilde", u"auml", u"aring",
            u"aelig", u"ccedil", u"egrave", u"eacute", u"ecirc", u"euml", u"igrave", u"iacute", u"icirc", u"iuml",
            u"eth", u"ntilde", u"ograve", u"oacute", u"ocirc", u"otilde", u"ouml", u"divide", u"oslash", u"ugrave",
            u"uacute", u"ucirc", u"uuml", u"yacute", u"thorn", u"yuml" };
        for (size_t i = 0; i < std::size(latin1); ++i)
            t.push_back({ latin1[i], char32_t(0xA0 + i) });
        std::sort(t.begin(), t.end(), [](const Entity &a, const Entity &b) { return a.name < b.name; });
        return t;
    }();
    return table;
}

char32_t lookupEntity(QStringView name)
{
    const std::u16string_view key(reinterpret_cast<const char16_t *>(name.utf16()), size_t(name.size()));
    const auto &table = entityTable();
    const auto it = std::lower_bound(
        table.begin(), table.end(), key, [](const Entity &e, std::u16string_view k) { return e.name < k; });
    return (it != table.end() && it->name == key) ? it->codePoint : 0;
}

bool isAsciiAlpha(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

bool isAsciiAlnum(QChar c)
{
    return isAsciiAlpha(c) || (c.unicode() >= '0' && c.unicode() <= '9');
}

class TextBuilder
{
public:
    explicit TextBuilder(qsizetype reserve) { m_out.reserve(reserve); }

    void space() { m_pendingSpace = true; }
    void newline() { m_pendingNewline = true; }
    void put(char32_t cp)
    {
        if (cp == 0x00AD)
            return;  // soft hyphen: invisible
        if (cp == 0xA0 || cp == '\t' || cp == ' ' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v'
            || (cp < 0x10000 && QChar(char16_t(cp)).isSpace())) {
            space();
            return;
        }
        flushPending();
        if (cp < 0x10000) {
            m_out += QChar(char16_t(cp));
        } else {
            m_out += QChar(QChar::highSurrogate(cp));
            m_out += QChar(QChar::lowSurrogate(cp));
        }
    }
    void putUnit(QChar c)
    {
        // Surrogate halves pass through unchanged (a pair arrives as two units).
        if (c.isSurrogate()) {
            flushPending();
            m_out += c;
            return;
        }
        put(c.unicode());
    }
    QString take() { return std::move(m_out); }

private:
    void flushPending()
    {
        if (!m_out.isEmpty()) {
            if (m_pendingNewline)
                m_out += QLatin1Char('\n');
            else if (m_pendingSpace)
                m_out += QLatin1Char(' ');
        }
        m_pendingNewline = m_pendingSpace = false;
    }

    QString m_out;
    bool m_pendingSpace = false;
    bool m_pendingNewline = false;
};

bool isBlockTag(QStringView tag)
{
    static const char *const blocks[]
        = { "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div", "dl", "dt", "fieldset",
              "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
              "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul" };
    for (const char *b : blocks) {
        if (tag == QLatin1StringView(b))
            return true;
    }
    return false;
}

// Index just past the closing tag `</name ...>` at or after `from`, or -1.
qsizetype findClosingTag(const QString &html, qsizetype from, QStringView name)
{
    const qsizetype n = html.size();
    qsizetype pos = from;
    while (true) {
        const qsizetype open = html.indexOf(QLatin1StringView("</"), pos);
        if (open < 0)
            return -1;
        const qsizetype nameStart = open + 2;
        if (nameStart + name.size() <= n
            && QStringView(html).mid(nameStart, name.size()).compare(name, Qt::CaseInsensitive) == 0
            && (nameStart + name.size() == n || !isAsciiAlnum(html.at(nameStart + name.size())))) {
            const qsizetype close = html.indexOf(QLatin1Char('>'), nameStart + name.size());
            return close < 0 ? n : close + 1;
        }
        pos = open + 2;
    }
}

// Index just past the '>' ending the tag whose name ends at `from`; quoted
// attribute values may contain '>'. Returns the input size when unterminated.
qsizetype findTagEnd(const QString &html, qsizetype from)
{
    const qsizetype n = html.size();
    qsizetype i = from;
    while (i < n) {
        const QChar c = html.at(i);
        if (c == QLatin1Char('>'))
            return i + 1;
        if (c == QLatin1Char('=')) {
            ++i;
            while (i < n && html.at(i).isSpace())
                ++i;
            if (i < n && (html.at(i) == QLatin1Char('"') || html.at(i) == QLatin1Char('\''))) {
                const qsizetype close = html.indexOf(html.at(i), i + 1);
                if (close < 0)
                    return n;
                i = close + 1;
            }
            continue;
        }
        ++i;
    }
    return n;
}

char32_t windows1252Remap(char32_t cp)
{
    if (cp >= 0x80 && cp < 0xA0) {
        const char c = char(cp);
        return fromWindows1252(QByteArrayView(&c, 1)).at(0).unicode();
    }
    return cp;
}

// Decodes the entity starting at `html[i] == '&'`; returns the index after it
// and stores the code point, or returns i when it is not an entity.
qsizetype decodeEntity(const QString &html, qsizetype i, char32_t *out)
{
    const qsizetype n = html.size();
    qsizetype j = i + 1;
    if (j < n && html.at(j) == QLatin1Char('#')) {
        ++j;
        const bool hex = j < n && (html.at(j) == QLatin1Char('x') || html.at(j) == QLatin1Char('X'));
        if (hex)
            ++j;
        const qsizetype digitsStart = j;
        char32_t value = 0;
        bool overflow = false;
        while (j < n) {
            const char16_t c = html.at(j).unicode();
            int digit = -1;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (hex && c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            if (digit < 0)
                break;
            if (!overflow) {
                value = value * (hex ? 16 : 10) + char32_t(digit);
                if (value > 0x10FFFF)
                    overflow = true;
            }
            ++j;
        }
        if (j == digitsStart)
            return i;
        if (j < n && html.at(j) == QLatin1Char(';'))
            ++j;
        if (overflow || value == 0 || (value >= 0xD800 && value <= 0xDFFF))
            value = 0xFFFD;
        *out = windows1252Remap(value);
        return j;
    }
    const qsizetype nameStart = j;
    while (j < n && j - nameStart < 32 && isAsciiAlnum(html.at(j)))
        ++j;
    if (j == nameStart || j >= n || html.at(j) != QLatin1Char(';'))
        return i;
    const char32_t cp = lookupEntity(QStringView(html).mid(nameStart, j - nameStart));
    if (!cp)
        return i;
    *out = cp;
    return j + 1;
}

}  // namespace

QString htmlToText(const QString &html)
{
    const qsizetype n = html.size();
    TextBuilder out(qMin<qsizetype>(n, 1 << 20));
    // Once a closing tag was not found, later searches for it cannot succeed
    // either: remembering that keeps "<head><head><head>…" linear.
    QStringList unclosed;
    qsizetype i = 0;
    while (i < n) {
        const QChar c = html.at(i);
        if (c == QLatin1Char('<')) {
            if (QStringView(html).mid(i, 4) == QLatin1StringView("<!--")) {
                const qsizetype end = html.indexOf(QLatin1StringView("-->"), i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            if (i + 1 < n && (html.at(i + 1) == QLatin1Char('!') || html.at(i + 1) == QLatin1Char('?'))) {
                const qsizetype end = html.indexOf(QLatin1Char('>'), i + 2);
                i = end < 0 ? n : end + 1;
                continue;
            }
            const bool closing = i + 1 < n && html.at(i + 1) == QLatin1Char('/');
            const qsizetype nameStart = i + (closing ? 2 : 1);
            if (nameStart >= n || !isAsciiAlpha(html.at(nameStart))) {
                out.put('<');
                ++i;
                continue;
            }
            qsizetype nameEnd = nameStart;
            while (nameEnd < n && isAsciiAlnum(html.at(nameEnd)))
                ++nameEnd;
            const QString tag = html.mid(nameStart, qMin<qsizetype>(nameEnd - nameStart, 16)).toLower();
            i = findTagEnd(html, nameEnd);
            if (!closing
                && (tag == QLatin1StringView("script") || tag == QLatin1StringView("style")
                    || tag == QLatin1StringView("head") || tag == QLatin1StringView("title")
                    || tag == QLatin1StringView("template"))) {
                const qsizetype end = unclosed.contains(tag) ? -1 : findClosingTag(html, i, tag);
                if (end < 0 && !unclosed.contains(tag))
                    unclosed.append(tag);
                if (end >= 0) {
                    i = end;
                } else if (tag == QLatin1StringView("script") || tag == QLatin1StringView("style")) {
                    i = n;  // unterminated script/style: nothing after it is text
                }
                // unterminated head/title/template: keep the rest (the body may follow)
                out.space();
                continue;
            }
            if (isBlockTag(tag))
                out.newline();
            else if (tag == QLatin1StringView("td") || tag == QLatin1StringView("th"))
                out.space();
            continue;
        }
        if (c == QLatin1Char('&')) {
            char32_t cp = 0;
            const qsizetype next = decodeEntity(html, i, &cp);
            if (next > i) {
                out.put(cp);
                i = next;
                continue;
            }
        }
        out.putUnit(c);
        ++i;
    }
    return out.take();
}

QString withoutScripts(const QString &html)
{
    static constexpr QStringView script = u"script";
    const qsizetype n = html.size();
    QString out;
    out.reserve(n);
    qsizetype done = 0;
    qsizetype i = 0;
    while (i < n) {
        const qsizetype open = html.indexOf(QLatin1Char('<'), i);
        if (open < 0)
            break;
        const qsizetype nameStart = open + 1;
        const qsizetype nameEnd = nameStart + script.size();
        if (nameEnd > n || QStringView(html).mid(nameStart, script.size()).compare(script, Qt::CaseInsensitive) != 0
            || (nameEnd < n && isAsciiAlnum(html.at(nameEnd)))) {
            i = nameStart;
            continue;
        }
        out += QStringView(html).mid(done, open - done);
        const qsizetype body = findTagEnd(html, nameEnd);
        const qsizetype end = body >= n ? -1 : findClosingTag(html, body, script);
        if (end < 0)
            return out;  // never closed: nothing after it is text
        done = i = end;
    }
    out += QStringView(html).mid(done);
    return out;
}

}  // namespace Mime
