// core_mime: the one place GMime is used. Everything GMime hands back is
// turned into Qt types here; no GMime type leaves this file.
//
// Memory: a message in memory is parsed through a GMimeStreamMem that points
// at the caller's bytes (never copied, never written, never freed by GMime);
// a message file is parsed through a memory map. GMime keeps part contents as
// substreams of that stream, so only headers, the chosen bodies (at most
// 4 MiB each) and one part being extracted are ever materialised.
//
// Nesting: GMime's parser limits multipart nesting (1024) and message/rfc822
// nesting (512) itself and needs little stack per level; this file walks the
// tree iteratively and does not descend below 64 multipart levels.

#include "mime/MimeMessage.h"

#include <QFile>
#include <QStringView>
#include <QUrl>

#include <gmime/gmime.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

namespace Mime {

namespace {

constexpr int kMaxMultipartDepth = 64;
constexpr qint64 kMaxBodyBytes = 4 * 1024 * 1024;
constexpr int kMaxWarnings = 64;
constexpr int kMaxAttachments = 10000;
constexpr int kMaxAddresses = 10000;
constexpr qsizetype kMaxFileNameBytes = 200;
constexpr qsizetype kMaxExtensionBytes = 16;
constexpr size_t kReadChunk = 64 * 1024;

// --- GLib/GMime ownership helpers -------------------------------------------

struct GObjectUnref {
    void operator()(gpointer p) const
    {
        if (p)
            g_object_unref(p);
    }
};
template<typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
    void operator()(gpointer p) const { g_free(p); }
};
using GCharPtr = std::unique_ptr<char, GFree>;

struct ParserOptionsFree {
    void operator()(GMimeParserOptions *o) const
    {
        if (o)
            g_mime_parser_options_free(o);
    }
};
using ParserOptionsPtr = std::unique_ptr<GMimeParserOptions, ParserOptionsFree>;

struct ReferencesFree {
    void operator()(GMimeReferences *r) const
    {
        if (r)
            g_mime_references_free(r);
    }
};
using ReferencesPtr = std::unique_ptr<GMimeReferences, ReferencesFree>;

QString fromUtf8(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}

// --- Warnings ----------------------------------------------------------------

class WarningSink
{
public:
    WarningSink(QStringList *list, bool headersOnly)
        : m_list(list)
        , m_headersOnly(headersOnly)
    { }

    void add(const QString &text)
    {
        if (m_list->size() < kMaxWarnings)
            m_list->append(text);
        else if (m_list->size() == kMaxWarnings)
            m_list->append(QStringLiteral("further warnings suppressed"));
    }

    [[nodiscard]] bool headersOnly() const { return m_headersOnly; }

private:
    QStringList *m_list;
    bool m_headersOnly;
};

QString describeParserWarning(GMimeParserWarning code)
{
    switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER: return QStringLiteral("duplicated header");
    case GMIME_WARN_DUPLICATED_PARAMETER: return QStringLiteral("duplicated parameter");
    case GMIME_WARN_UNENCODED_8BIT_HEADER: return QStringLiteral("unencoded 8-bit header");
    case GMIME_WARN_INVALID_CONTENT_TYPE: return QStringLiteral("invalid Content-Type");
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE: return QStringLiteral("invalid RFC 2047 header value");
    case GMIME_WARN_MALFORMED_MULTIPART: return QStringLiteral("malformed multipart");
    case GMIME_WARN_TRUNCATED_MESSAGE: return QStringLiteral("truncated message");
    case GMIME_WARN_MALFORMED_MESSAGE: return QStringLiteral("malformed message");
    case GMIME_CRIT_INVALID_HEADER_NAME: return QStringLiteral("invalid header name");
    case GMIME_CRIT_CONFLICTING_HEADER: return QStringLiteral("conflicting header");
    case GMIME_CRIT_CONFLICTING_PARAMETER: return QStringLiteral("conflicting parameter");
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: return QStringLiteral("multipart without boundary");
    case GMIME_WARN_INVALID_PARAMETER: return QStringLiteral("invalid parameter");
    case GMIME_WARN_INVALID_ADDRESS_LIST: return QStringLiteral("invalid address list");
    case GMIME_CRIT_NESTING_OVERFLOW: return QStringLiteral("MIME nesting too deep (cut by GMime)");
    case GMIME_WARN_PART_WITHOUT_CONTENT: return QStringLiteral("part without content");
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: return QStringLiteral("part without headers or content");
    }
    return QStringLiteral("parser warning %1").arg(int(code));
}

bool isContentWarning(GMimeParserWarning code)
{
    switch (code) {
    case GMIME_WARN_MALFORMED_MULTIPART:
    case GMIME_WARN_TRUNCATED_MESSAGE:
    case GMIME_WARN_PART_WITHOUT_CONTENT:
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: return true;
    default: return false;
    }
}

void onParserWarning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer userData)
{
    auto *sink = static_cast<WarningSink *>(userData);
    if (sink->headersOnly() && isContentWarning(code))
        return;  // the content was deliberately not given to the parser
    QString text = describeParserWarning(code);
    if (item && *item)
        text += QStringLiteral(" (") + QString::fromUtf8(item).left(80) + QLatin1Char(')');
    if (offset >= 0)
        text += QStringLiteral(" at offset ") + QString::number(offset);
    sink->add(text);
}

// --- Initialisation and options ---------------------------------------------

const char *const kFallbackCharsets[] = { "UTF-8", "windows-1252", nullptr };

void configure(GMimeParserOptions *options)
{
    g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_allow_addresses_without_domain(options, TRUE);
    g_mime_parser_options_set_fallback_charsets(options, const_cast<const char **>(kFallbackCharsets));
}

GMimeParserOptions *sharedDecodeOptions = nullptr;  // read-only after init

void ensureInit()
{
    static std::once_flag once;
    std::call_once(once, [] {
        g_mime_init();
        sharedDecodeOptions = g_mime_parser_options_new();
        configure(sharedDecodeOptions);
    });
}

ParserOptionsPtr makeParserOptions(WarningSink *sink)
{
    ParserOptionsPtr options(g_mime_parser_options_new());
    configure(options.get());
    g_mime_parser_options_set_warning_callback(options.get(), &onParserWarning, sink);
    return options;
}

// --- Input streams -----------------------------------------------------------

// A GMimeStreamMem over the caller's bytes. The GByteArray only borrows the
// pointer: the stream is told it does not own the array (so finalising the
// stream frees nothing) and the array wrapper is released with
// free_segment=FALSE. GMime only ever reads from it; substreams share the
// same array.
class BorrowedMemoryStream
{
public:
    BorrowedMemoryStream(QByteArrayView raw, WarningSink *sink)
    {
        qsizetype size = raw.size();
        if (quint64(size) > quint64(G_MAXUINT)) {
            size = qsizetype(G_MAXUINT);
            sink->add(QStringLiteral("message larger than 4 GiB; only the first 4 GiB were read"));
        }
        auto *bytes = reinterpret_cast<guint8 *>(const_cast<char *>(raw.data()));
        m_array = g_byte_array_new_take(size > 0 ? bytes : nullptr, gsize(size));
        m_stream = g_mime_stream_mem_new_with_byte_array(m_array);
        g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(m_stream), FALSE);
    }
    ~BorrowedMemoryStream()
    {
        // Everything that referenced the stream (parser, message, substreams)
        // is gone by now; the wrapper is released without its data.
        const bool lastRef = G_OBJECT(m_stream)->ref_count == 1;
        g_object_unref(m_stream);
        if (lastRef)
            g_byte_array_free(m_array, FALSE);
        else
            g_critical("core_mime: borrowed stream outlived its parse");  // never free or touch caller bytes
    }
    BorrowedMemoryStream(const BorrowedMemoryStream &) = delete;
    BorrowedMemoryStream &operator=(const BorrowedMemoryStream &) = delete;

    [[nodiscard]] GMimeStream *stream() const { return m_stream; }

private:
    GByteArray *m_array = nullptr;
    GMimeStream *m_stream = nullptr;
};

// Reads `stream` forward from `from` in chunks; `visit(chunk, length, offsetOfChunk)`
// returns true to stop. The stream is left at an unspecified position.
template<typename Visit>
void scanStream(GMimeStream *stream, gint64 from, Visit &&visit)
{
    if (g_mime_stream_seek(stream, from, GMIME_STREAM_SEEK_SET) < 0)
        return;
    std::vector<char> buffer(kReadChunk);
    gint64 offset = from;
    while (true) {
        const ssize_t n = g_mime_stream_read(stream, buffer.data(), buffer.size());
        if (n <= 0)
            return;
        if (visit(buffer.data(), size_t(n), offset))
            return;
        offset += n;
    }
}

// Offset just after an mbox "From " first line, or `start` if there is none.
gint64 skipMboxFromLine(GMimeStream *stream, gint64 start)
{
    char head[5] = {};
    if (g_mime_stream_seek(stream, start, GMIME_STREAM_SEEK_SET) < 0)
        return start;
    if (g_mime_stream_read(stream, head, sizeof head) != ssize_t(sizeof head) || std::memcmp(head, "From ", 5) != 0)
        return start;
    gint64 end = -1;
    scanStream(stream, start, [&](const char *data, size_t len, gint64 offset) {
        if (const void *nl = std::memchr(data, '\n', len)) {
            end = offset + (static_cast<const char *>(nl) - data) + 1;
            return true;
        }
        return false;
    });
    if (end < 0)
        end = g_mime_stream_length(stream) >= 0 ? start + g_mime_stream_length(stream) : start;
    return end;
}

// Offset just after the blank line that ends the header block (or the end of
// the stream when there is none).
gint64 findHeaderEnd(GMimeStream *stream, gint64 start)
{
    gint64 end = -1;
    bool atLineStart = true;
    bool crAtLineStart = false;
    gint64 last = start;
    scanStream(stream, start, [&](const char *data, size_t len, gint64 offset) {
        for (size_t i = 0; i < len; ++i) {
            const char c = data[i];
            if (c == '\n') {
                if (atLineStart || crAtLineStart) {
                    end = offset + gint64(i) + 1;
                    return true;
                }
                atLineStart = true;
                crAtLineStart = false;
            } else if (c == '\r' && atLineStart) {
                atLineStart = false;
                crAtLineStart = true;
            } else {
                atLineStart = false;
                crAtLineStart = false;
            }
        }
        last = offset + gint64(len);
        return false;
    });
    return end >= 0 ? end : last;
}

bool startsWithBlankLine(GMimeStream *stream, gint64 start)
{
    char head[2] = {};
    if (g_mime_stream_seek(stream, start, GMIME_STREAM_SEEK_SET) < 0)
        return false;
    const ssize_t n = g_mime_stream_read(stream, head, sizeof head);
    return (n >= 1 && head[0] == '\n') || (n == 2 && head[0] == '\r' && head[1] == '\n');
}

// --- One parse ---------------------------------------------------------------

// Owns everything GMime allocates for one parse of one stream. Members are
// destroyed in reverse order: message, parser, streams, then the options the
// message's headers may point at.
class ParseSession
{
public:
    ParseSession(GMimeStream *source, ParseDepth depth, WarningSink *sink)
        : m_options(makeParserOptions(sink))
    {
        const gint64 start = skipMboxFromLine(source, qMax<gint64>(0, g_mime_stream_tell(source)));
        GMimeStream *input = source;
        if (depth == ParseDepth::HeadersOnly) {
            // Only the header block goes to the parser: listing a 50 MB message
            // does not scan its content.
            const gint64 end = findHeaderEnd(source, start);
            m_bounded.reset(g_mime_stream_substream(source, start, end));
            input = m_bounded.get();
        } else {
            g_mime_stream_seek(source, start, GMIME_STREAM_SEEK_SET);
            if (start > 0) {
                m_bounded.reset(g_mime_stream_substream(source, start, -1));
                input = m_bounded.get();
            }
        }
        const gint64 inputStart = start;
        m_message.reset(construct(input));
        if (m_message) {
            GMimeHeaderList *headers = g_mime_object_get_header_list(GMIME_OBJECT(m_message.get()));
            m_headersParsed = g_mime_header_list_get_count(headers) > 0 || startsWithBlankLine(source, inputStart);
            return;
        }
        // GMime gives up when the input does not start with a header field
        // (text without headers). Keep what can be read: parse it as a body
        // behind an empty header block. The concatenation copies nothing.
        const gint64 length = g_mime_stream_length(input);
        if (length > 0) {
            m_cat.reset(g_mime_stream_cat_new());
            m_blankLine.reset(g_mime_stream_mem_new_with_buffer("\n", 1));
            GObjectPtr<GMimeStream> rest(g_mime_stream_substream(input, input->bound_start, input->bound_end));
            g_mime_stream_cat_add_source(GMIME_STREAM_CAT(m_cat.get()), m_blankLine.get());
            g_mime_stream_cat_add_source(GMIME_STREAM_CAT(m_cat.get()), rest.get());
            m_parser.reset();
            m_message.reset(construct(m_cat.get()));
            sink->add(QStringLiteral("no header block; the whole input was read as the body"));
        } else {
            sink->add(QStringLiteral("empty message"));
        }
        m_headersParsed = false;
    }

    ParseSession(const ParseSession &) = delete;
    ParseSession &operator=(const ParseSession &) = delete;

    [[nodiscard]] GMimeMessage *message() const { return m_message.get(); }
    [[nodiscard]] bool headersParsed() const { return m_headersParsed; }
    [[nodiscard]] GMimeParserOptions *options() const { return m_options.get(); }

private:
    GMimeMessage *construct(GMimeStream *input)
    {
        m_parser.reset(g_mime_parser_new_with_stream(input));
        g_mime_parser_set_format(m_parser.get(), GMIME_FORMAT_MESSAGE);
        g_mime_parser_set_persist_stream(m_parser.get(), TRUE);
        return g_mime_parser_construct_message(m_parser.get(), m_options.get());
    }

    ParserOptionsPtr m_options;
    GObjectPtr<GMimeStream> m_bounded;
    GObjectPtr<GMimeStream> m_blankLine;
    GObjectPtr<GMimeStream> m_cat;
    GObjectPtr<GMimeParser> m_parser;
    GObjectPtr<GMimeMessage> m_message;
    bool m_headersParsed = false;
};

// --- Charsets ----------------------------------------------------------------

bool isValidUtf8(const char *s, size_t len)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s);
    size_t i = 0;
    while (i < len) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
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
    for (size_t i = 0; i < len; ++i) {
        if (static_cast<unsigned char>(s[i]) >= 0x80)
            return false;
    }
    return true;
}

// windows-1252 as browsers decode it (the five undefined bytes map to C1).
QString fromWindows1252(const char *s, size_t len)
{
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

QString fallbackDecode(const QByteArray &bytes)
{
    if (isValidUtf8(bytes.constData(), size_t(bytes.size())))
        return QString::fromUtf8(bytes);
    return fromWindows1252(bytes.constData(), size_t(bytes.size()));
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

QString toUnicode(const QByteArray &bytes, const QByteArray &declared, WarningSink *sink)
{
    const QByteArray charset = declared.trimmed().toLower();
    if (charset.isEmpty() || charset == "us-ascii" || charset == "ascii" || charset == "utf-8" || charset == "utf8") {
        if (isAscii(bytes.constData(), size_t(bytes.size())))
            return QString::fromLatin1(bytes);
        if (isValidUtf8(bytes.constData(), size_t(bytes.size())))
            return QString::fromUtf8(bytes);
        if (!charset.isEmpty())
            sink->add(
                QStringLiteral("text is not valid %1; decoded as windows-1252").arg(QString::fromLatin1(charset)));
        return fromWindows1252(bytes.constData(), size_t(bytes.size()));
    }
    // Only plausible charset names reach GMime (it caches every name it sees).
    const bool plausible = charset.size() <= 40 && std::all_of(charset.cbegin(), charset.cend(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' || ch == ':'
            || ch == '+';
    });
    if (!plausible) {
        sink->add(QStringLiteral("unknown charset %1").arg(QString::fromLatin1(charset.left(40))));
        return fallbackDecode(bytes);
    }
    const char *canonicalName = g_mime_charset_canon_name(charset.constData());
    const QByteArray canonical = QByteArray(canonicalName ? canonicalName : charset.constData()).toLower();
    // Text labelled as Latin-1 that is valid UTF-8 with non-ASCII characters
    // is (in practice always) mislabelled UTF-8.
    if (isWesternSingleByte(canonical) && !isAscii(bytes.constData(), size_t(bytes.size()))
        && isValidUtf8(bytes.constData(), size_t(bytes.size()))) {
        sink->add(QStringLiteral("text labelled %1 is UTF-8").arg(QString::fromLatin1(charset)));
        return QString::fromUtf8(bytes);
    }
    QByteArray utf8;
    qsizetype errors = 0;
    if (!iconvToUtf8(bytes, charset.constData(), &utf8, &errors)) {
        sink->add(QStringLiteral("unknown charset %1").arg(QString::fromLatin1(charset.left(40))));
        return fallbackDecode(bytes);
    }
    if (errors > 0) {
        if (isValidUtf8(bytes.constData(), size_t(bytes.size()))) {
            sink->add(QStringLiteral("text is not valid %1; decoded as UTF-8").arg(QString::fromLatin1(charset)));
            return QString::fromUtf8(bytes);
        }
        if (errors * 100 > bytes.size()) {
            sink->add(
                QStringLiteral("text is not valid %1; decoded as windows-1252").arg(QString::fromLatin1(charset)));
            return fromWindows1252(bytes.constData(), size_t(bytes.size()));
        }
        sink->add(QStringLiteral("%1 invalid sequences in %2 text").arg(errors).arg(QString::fromLatin1(charset)));
    }
    return QString::fromUtf8(utf8);
}

// --- Part content -----------------------------------------------------------

// Calls `sink(data, len)` with the transfer-decoded content of a leaf part;
// stops early when it returns false.
template<typename Sink>
void readDecoded(GMimeObject *object, Sink &&sink)
{
    if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (!inner)
            return;
        GObjectPtr<GMimeStream> mem(g_mime_stream_mem_new());
        g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, mem.get());
        GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
        if (bytes && bytes->len > 0)
            sink(reinterpret_cast<const char *>(bytes->data), size_t(bytes->len));
        return;
    }
    if (!GMIME_IS_PART(object))
        return;
    GMimeDataWrapper *wrapper = g_mime_part_get_content(GMIME_PART(object));
    if (!wrapper)
        return;
    GMimeStream *source = g_mime_data_wrapper_get_stream(wrapper);
    if (!source)
        return;
    g_mime_stream_reset(source);
    GObjectPtr<GMimeStream> filtered(g_mime_stream_filter_new(source));
    const GMimeContentEncoding encoding = g_mime_data_wrapper_get_encoding(wrapper);
    if (encoding == GMIME_CONTENT_ENCODING_BASE64 || encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE
        || encoding == GMIME_CONTENT_ENCODING_UUENCODE) {
        GObjectPtr<GMimeFilter> decoder(g_mime_filter_basic_new(encoding, FALSE));
        g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), decoder.get());
    }
    std::vector<char> buffer(kReadChunk);
    while (true) {
        const ssize_t n = g_mime_stream_read(filtered.get(), buffer.data(), buffer.size());
        if (n <= 0)
            break;
        if (!sink(buffer.data(), size_t(n)))
            break;
    }
    g_mime_stream_reset(source);
}

QByteArray decodedContent(GMimeObject *object, qint64 limit, bool *truncated)
{
    QByteArray out;
    if (truncated)
        *truncated = false;
    readDecoded(object, [&](const char *data, size_t len) {
        const qint64 room = limit - out.size();
        if (qint64(len) > room) {
            out.append(data, qsizetype(room));
            if (truncated)
                *truncated = true;
            return false;
        }
        out.append(data, qsizetype(len));
        return true;
    });
    return out;
}

qint64 decodedSize(GMimeObject *object)
{
    if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (!inner)
            return 0;
        GObjectPtr<GMimeStream> null(g_mime_stream_null_new());
        // Count what reaches the stream: the return value of
        // g_mime_object_write_to_stream can differ from it for broken input.
        g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, null.get());
        return qint64(GMIME_STREAM_NULL(null.get())->written);
    }
    // Well-formed base64 (nearly every attachment) is counted without
    // decoding: three octets per four characters, less one per '=' of
    // padding. Anything else goes through the decoder, so the size is
    // always what extractPart() yields.
    if (GMIME_IS_PART(object)) {
        GMimeDataWrapper *wrapper = g_mime_part_get_content(GMIME_PART(object));
        GMimeStream *source = wrapper ? g_mime_data_wrapper_get_stream(wrapper) : nullptr;
        if (source && g_mime_data_wrapper_get_encoding(wrapper) == GMIME_CONTENT_ENCODING_BASE64) {
            // 1: alphabet, 2: white space, 3: '='; 0: anything else
            static const auto kind = [] {
                std::array<unsigned char, 256> table {};
                for (unsigned char c : std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"))
                    table[c] = 1;
                for (unsigned char c : std::string_view(" \t\r\n"))
                    table[c] = 2;
                table['='] = 3;
                return table;
            }();
            g_mime_stream_reset(source);
            std::vector<char> buffer(kReadChunk);
            qint64 characters = 0;
            int padding = 0;
            bool wellFormed = true;
            while (wellFormed) {
                const ssize_t n = g_mime_stream_read(source, buffer.data(), buffer.size());
                if (n <= 0)
                    break;
                const auto *bytes = reinterpret_cast<const unsigned char *>(buffer.data());
                ssize_t i = 0;
                if (padding == 0) {
                    // Up to the first '=': a branch-free count (this loop
                    // sees most of the bytes of an import).
                    const void *pad = std::memchr(bytes, '=', size_t(n));
                    const ssize_t end = pad ? static_cast<const unsigned char *>(pad) - bytes : n;
                    qint64 alphabet = 0;
                    unsigned bad = 0;
                    for (; i < end; ++i) {
                        const unsigned char k = kind[bytes[i]];
                        alphabet += k == 1;
                        bad |= k == 0;
                    }
                    characters += alphabet;
                    wellFormed = bad == 0;
                }
                // After the padding begins: only more padding and white space.
                for (; i < n && wellFormed; ++i) {
                    const unsigned char k = kind[bytes[i]];
                    if (k == 3)
                        ++padding;
                    else if (k != 2)
                        wellFormed = false;
                }
            }
            g_mime_stream_reset(source);
            if (wellFormed && padding <= 2 && (characters + padding) % 4 == 0)
                return characters * 3 / 4;
        }
    }
    qint64 total = 0;
    readDecoded(object, [&](const char *, size_t len) {
        total += qint64(len);
        return true;
    });
    return total;
}

// --- The part tree -----------------------------------------------------------

struct Leaf {
    GMimeObject *object = nullptr;
    int index = -1;
    bool inFirstAlternative = false;
};

QByteArray lowerMimeType(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type)
        return QByteArrayLiteral("application/octet-stream");
    GCharPtr mime(g_mime_content_type_get_mime_type(type));
    return mime ? QByteArray(mime.get()).toLower() : QByteArrayLiteral("application/octet-stream");
}

bool isMultipartType(GMimeObject *object, const char *subtype)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    return type && g_mime_content_type_is_type(type, "multipart", subtype);
}

// Every leaf in depth-first order; multiparts deeper than 64 levels are not
// descended. Iterative, so hostile nesting cannot exhaust the stack here.
std::vector<Leaf> collectLeaves(GMimeMessage *message, WarningSink *sink)
{
    std::vector<Leaf> leaves;
    if (!message)
        return leaves;
    GMimeObject *root = g_mime_message_get_mime_part(message);
    if (!root)
        return leaves;
    struct Item {
        GMimeObject *object;
        int depth;
        bool inAlt;
    };
    std::vector<Item> stack { { root, 0, false } };
    bool seenAlternative = false;
    bool warnedDepth = false;
    while (!stack.empty()) {
        const Item item = stack.back();
        stack.pop_back();
        if (GMIME_IS_MULTIPART(item.object)) {
            const int depth = item.depth + 1;
            if (depth > kMaxMultipartDepth) {
                if (!warnedDepth) {
                    sink->add(
                        QStringLiteral("multipart nesting deeper than %1 levels was not read").arg(kMaxMultipartDepth));
                    warnedDepth = true;
                }
                continue;
            }
            bool inAlt = item.inAlt;
            if (!seenAlternative && isMultipartType(item.object, "alternative")) {
                seenAlternative = true;
                inAlt = true;
            }
            GMimeMultipart *multipart = GMIME_MULTIPART(item.object);
            for (int i = g_mime_multipart_get_count(multipart) - 1; i >= 0; --i) {
                if (GMimeObject *child = g_mime_multipart_get_part(multipart, i))
                    stack.push_back({ child, depth, inAlt });
            }
            continue;
        }
        leaves.push_back({ item.object, int(leaves.size()), item.inAlt });
    }
    return leaves;
}

bool isAttachmentDisposition(GMimeObject *object)
{
    GMimeContentDisposition *disposition = g_mime_object_get_content_disposition(object);
    return disposition && g_mime_content_disposition_is_attachment(disposition);
}

QString partFileName(GMimeObject *object)
{
    const char *name = g_mime_object_get_content_disposition_parameter(object, "filename");
    if (!name || !*name)
        name = g_mime_object_get_content_type_parameter(object, "name");
    return fromUtf8(name);
}

QByteArray partContentId(GMimeObject *object)
{
    if (const char *id = g_mime_object_get_content_id(object); id && *id)
        return QByteArray(id).trimmed();
    // GMime keeps no id when it cannot parse one; take the raw value.
    const char *raw = g_mime_object_get_header(object, "Content-Id");
    if (!raw)
        return {};
    QByteArray id = QByteArray(raw).trimmed();
    if (id.startsWith('<'))
        id.remove(0, 1);
    if (id.endsWith('>'))
        id.chop(1);
    return id.trimmed();
}

bool isBodyCandidate(GMimeObject *object, const char *subtype)
{
    if (!GMIME_IS_PART(object))
        return false;
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type || !g_mime_content_type_is_type(type, "text", subtype))
        return false;
    return !isAttachmentDisposition(object) && partFileName(object).isEmpty();
}

const Leaf *chooseBody(const std::vector<Leaf> &leaves, const char *subtype)
{
    const Leaf *first = nullptr;
    for (const Leaf &leaf : leaves) {
        if (!isBodyCandidate(leaf.object, subtype))
            continue;
        if (leaf.inFirstAlternative)
            return &leaf;
        if (!first)
            first = &leaf;
    }
    return first;
}

QString extensionFor(const QByteArray &mimeType)
{
    static const std::pair<std::string_view, const char *> table[] = {
        { "application/pdf", "pdf" },
        { "application/zip", "zip" },
        { "application/x-zip-compressed", "zip" },
        { "application/gzip", "gz" },
        { "application/x-gzip", "gz" },
        { "application/x-tar", "tar" },
        { "application/x-7z-compressed", "7z" },
        { "application/vnd.rar", "rar" },
        { "application/x-rar-compressed", "rar" },
        { "application/msword", "doc" },
        { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx" },
        { "application/vnd.ms-excel", "xls" },
        { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" },
        { "application/vnd.ms-powerpoint", "ppt" },
        { "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx" },
        { "application/vnd.oasis.opendocument.text", "odt" },
        { "application/vnd.oasis.opendocument.spreadsheet", "ods" },
        { "application/vnd.oasis.opendocument.presentation", "odp" },
        { "application/rtf", "rtf" },
        { "application/json", "json" },
        { "application/xml", "xml" },
        { "application/ics", "ics" },
        { "application/pgp-signature", "asc" },
        { "application/pgp-encrypted", "asc" },
        { "application/pgp-keys", "asc" },
        { "application/pkcs7-signature", "p7s" },
        { "application/x-pkcs7-signature", "p7s" },
        { "application/pkcs7-mime", "p7m" },
        { "application/x-pkcs7-mime", "p7m" },
        { "image/jpeg", "jpg" },
        { "image/jpg", "jpg" },
        { "image/pjpeg", "jpg" },
        { "image/png", "png" },
        { "image/gif", "gif" },
        { "image/webp", "webp" },
        { "image/bmp", "bmp" },
        { "image/tiff", "tif" },
        { "image/svg+xml", "svg" },
        { "image/heic", "heic" },
        { "audio/mpeg", "mp3" },
        { "audio/ogg", "ogg" },
        { "audio/wav", "wav" },
        { "audio/x-wav", "wav" },
        { "video/mp4", "mp4" },
        { "video/mpeg", "mpg" },
        { "video/quicktime", "mov" },
        { "text/plain", "txt" },
        { "text/html", "html" },
        { "text/csv", "csv" },
        { "text/calendar", "ics" },
        { "text/vcard", "vcf" },
        { "text/x-vcard", "vcf" },
        { "text/xml", "xml" },
        { "text/markdown", "md" },
        { "message/rfc822", "eml" },
        { "message/global", "eml" },
    };
    const std::string_view key(mimeType.constData(), size_t(mimeType.size()));
    for (const auto &[type, ext] : table) {
        if (type == key)
            return QString::fromLatin1(ext);
    }
    return {};
}

QString fallbackName(int ordinal, const QByteArray &mimeType)
{
    const QString ext = extensionFor(mimeType);
    QString name = QStringLiteral("attachment-") + QString::number(ordinal);
    if (!ext.isEmpty())
        name += QLatin1Char('.') + ext;
    return name;
}

// --- Headers -----------------------------------------------------------------

void appendAddresses(InternetAddressList *list, QList<Address> *out, int level = 0)
{
    if (!list)
        return;
    const int count = internet_address_list_length(list);
    for (int i = 0; i < count && out->size() < kMaxAddresses; ++i) {
        InternetAddress *ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            Address a;
            a.name = fromUtf8(internet_address_get_name(ia)).trimmed();
            a.address = fromUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))).trimmed();
            if (!a.name.isEmpty() || !a.address.isEmpty())
                out->append(a);
        } else if (INTERNET_ADDRESS_IS_GROUP(ia) && level < 4) {
            appendAddresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out, level + 1);
        }
    }
}

QList<QByteArray> parseIds(GMimeParserOptions *options, const char *value)
{
    QList<QByteArray> ids;
    if (!value || !*value)
        return ids;
    ReferencesPtr refs(g_mime_references_parse(options, value));
    const int count = refs ? g_mime_references_length(refs.get()) : 0;
    for (int i = 0; i < count; ++i) {
        const QByteArray id = QByteArray(g_mime_references_get_message_id(refs.get(), i)).trimmed();
        if (!id.isEmpty())
            ids.append(id);
    }
    if (ids.isEmpty()) {
        // A bare id without angle brackets.
        GCharPtr decoded(g_mime_utils_decode_message_id(value));
        const QByteArray id = decoded ? QByteArray(decoded.get()).trimmed() : QByteArray();
        if (!id.isEmpty() && !id.contains(' '))
            ids.append(id);
    }
    return ids;
}

QString decodeText(GMimeParserOptions *options, QByteArrayView raw)
{
    QByteArray text = raw.toByteArray();
    text.replace('\0', ' ');
    GCharPtr unfolded(g_mime_utils_header_unfold(text.constData()));
    GCharPtr decoded(g_mime_utils_header_decode_text(options, unfolded ? unfolded.get() : text.constData()));
    return decoded ? QString::fromUtf8(decoded.get()).trimmed() : QString();
}

QString listIdOf(GMimeParserOptions *options, const char *raw)
{
    if (!raw)
        return {};
    const QByteArray value(raw);
    const qsizetype open = value.indexOf('<');
    if (open >= 0) {
        const qsizetype close = value.indexOf('>', open + 1);
        if (close > open + 1) {
            QByteArray id = value.mid(open + 1, close - open - 1);
            id.removeIf([](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; });
            return QString::fromUtf8(id);
        }
    }
    return decodeText(options, value);
}

QDateTime dateOf(GMimeMessage *message, WarningSink *sink)
{
    const bool present = g_mime_object_get_header(GMIME_OBJECT(message), "Date") != nullptr;
    GDateTime *date = g_mime_message_get_date(message);
    if (!date) {
        if (present)
            sink->add(QStringLiteral("unparseable Date"));
        return {};
    }
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(g_date_time_to_unix(date), Qt::UTC);
    if (!utc.isValid() || utc.date().year() < 1970 || utc.date().year() > 9999) {
        sink->add(QStringLiteral("Date out of range"));
        return {};
    }
    return utc;
}

void readHeaders(GMimeMessage *message, GMimeParserOptions *options, ParsedMessage *out, WarningSink *sink)
{
    GMimeObject *object = GMIME_OBJECT(message);
    out->subject = fromUtf8(g_mime_message_get_subject(message)).trimmed();
    appendAddresses(g_mime_message_get_from(message), &out->from);
    appendAddresses(g_mime_message_get_to(message), &out->to);
    appendAddresses(g_mime_message_get_cc(message), &out->cc);
    appendAddresses(g_mime_message_get_reply_to(message), &out->replyTo);
    out->date = dateOf(message, sink);
    if (const char *id = g_mime_message_get_message_id(message))
        out->messageId = QByteArray(id).trimmed();
    const QList<QByteArray> inReplyTo = parseIds(options, g_mime_object_get_header(object, "In-Reply-To"));
    if (!inReplyTo.isEmpty())
        out->inReplyTo = inReplyTo.first();
    out->references = parseIds(options, g_mime_object_get_header(object, "References"));
    out->listId = listIdOf(options, g_mime_object_get_header(object, "List-Id"));
}

// --- Bodies and attachments ---------------------------------------------------

// The cut may have split a UTF-8 sequence; drop its first bytes so the text
// still validates as UTF-8 (other charsets lose at most three bytes at the cut).
void chopIncompleteUtf8Tail(QByteArray *bytes)
{
    const qsizetype n = bytes->size();
    for (qsizetype back = 1; back <= 4 && back <= n; ++back) {
        const auto c = static_cast<unsigned char>(bytes->at(n - back));
        if ((c & 0xC0) == 0x80)
            continue;  // continuation byte: keep looking for the lead byte
        const qsizetype need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (need > back)
            bytes->chop(back);
        return;
    }
}

// Line ends become "\n"; NUL characters (never text) are dropped.
QString normalizeBodyText(QString text)
{
    if (text.contains(QLatin1Char('\r')))
        text.replace(QLatin1StringView("\r\n"), QLatin1StringView("\n"));
    if (text.contains(QChar(u'\0')))
        text.remove(QChar(u'\0'));
    return text;
}

QString readBody(GMimeObject *object, const char *which, WarningSink *sink)
{
    bool truncated = false;
    QByteArray bytes = decodedContent(object, kMaxBodyBytes, &truncated);
    if (truncated)
        chopIncompleteUtf8Tail(&bytes);
    QString text = toUnicode(bytes, QByteArray(g_mime_object_get_content_type_parameter(object, "charset")), sink);
    if (truncated) {
        sink->add(QStringLiteral("%1 body cut at 4 MiB").arg(QLatin1StringView(which)));
        while (text.endsWith(QChar(QChar::ReplacementCharacter)))
            text.chop(1);
    }
    return normalizeBodyText(std::move(text));
}

bool htmlReferencesCid(const QString &html, const QByteArray &contentId)
{
    if (html.isEmpty())
        return true;  // nothing to check against: trust the Content-ID
    const QString cid = QStringLiteral("cid:") + QString::fromUtf8(contentId);
    if (html.contains(cid, Qt::CaseInsensitive))
        return true;
    const QString encoded
        = QStringLiteral("cid:") + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(contentId)));
    return html.contains(encoded, Qt::CaseInsensitive);
}

void readStructure(GMimeMessage *message, ParsedMessage *out, WarningSink *sink)
{
    const std::vector<Leaf> leaves = collectLeaves(message, sink);
    const Leaf *plain = chooseBody(leaves, "plain");
    const Leaf *html = chooseBody(leaves, "html");
    if (plain)
        out->textBody = readBody(plain->object, "text", sink);
    if (html)
        out->htmlBody = readBody(html->object, "HTML", sink);
    if (!plain && !html) {
        // A multipart whose boundary is missing or never appears: GMime keeps
        // the whole content as the prologue. Show it rather than nothing.
        GMimeObject *root = g_mime_message_get_mime_part(message);
        if (root && GMIME_IS_MULTIPART(root) && g_mime_multipart_get_count(GMIME_MULTIPART(root)) == 0) {
            if (const char *prologue = g_mime_multipart_get_prologue(GMIME_MULTIPART(root)); prologue && *prologue) {
                const QByteArray bytes = QByteArray(prologue).left(kMaxBodyBytes);
                out->textBody = normalizeBodyText(toUnicode(bytes, QByteArray(), sink));
                sink->add(QStringLiteral("multipart without parts; its text was read as the body"));
            }
        }
    }

    for (const Leaf &leaf : leaves) {
        if (&leaf == plain || &leaf == html)
            continue;
        if (out->attachments.size() >= kMaxAttachments) {
            sink->add(QStringLiteral("more than %1 attachments; the rest are not listed").arg(kMaxAttachments));
            break;
        }
        AttachmentInfo info;
        info.partIndex = leaf.index;
        info.mimeType = lowerMimeType(leaf.object);
        info.originalName = partFileName(leaf.object);
        info.size = decodedSize(leaf.object);
        info.contentId = partContentId(leaf.object);
        info.inlinePart = !info.contentId.isEmpty() && !isAttachmentDisposition(leaf.object)
            && htmlReferencesCid(out->htmlBody, info.contentId);
        const int ordinal = int(out->attachments.size()) + 1;
        QString suggested = info.originalName;
        if (suggested.isEmpty() && GMIME_IS_MESSAGE_PART(leaf.object)) {
            if (GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(leaf.object))) {
                const QString subject = fromUtf8(g_mime_message_get_subject(inner)).simplified();
                if (!subject.isEmpty())
                    suggested = subject + QStringLiteral(".eml");
            }
        }
        info.fileName = sanitizeFileName(suggested, fallbackName(ordinal, info.mimeType));
        out->attachments.append(info);
    }
}

// The MIME tree as PartNodes. Walks exactly as collectLeaves() does, so a
// leaf's partIndex is the one its AttachmentInfo carries.
void readOutline(GMimeMessage *message, ParsedMessage *out)
{
    GMimeObject *root = message ? g_mime_message_get_mime_part(message) : nullptr;
    if (!root)
        return;
    auto lowerParameter = [](GMimeObject *object, const char *name) {
        const char *value = g_mime_object_get_content_type_parameter(object, name);
        return value ? QByteArray(value).trimmed().toLower() : QByteArray();
    };
    struct Item {
        GMimeObject *object;
        int depth;
    };
    std::vector<Item> stack { { root, 0 } };
    int leafIndex = 0;
    while (!stack.empty()) {
        const Item item = stack.back();
        stack.pop_back();
        PartNode node;
        node.depth = item.depth;
        node.mimeType = lowerMimeType(item.object);
        if (GMIME_IS_MULTIPART(item.object)) {
            if (item.depth + 1 > kMaxMultipartDepth)
                continue;
            node.protocol = lowerParameter(item.object, "protocol");
            out->structure.append(node);
            GMimeMultipart *multipart = GMIME_MULTIPART(item.object);
            for (int i = g_mime_multipart_get_count(multipart) - 1; i >= 0; --i) {
                if (GMimeObject *child = g_mime_multipart_get_part(multipart, i))
                    stack.push_back({ child, item.depth + 1 });
            }
            continue;
        }
        node.smimeType = lowerParameter(item.object, "smime-type");
        node.partIndex = leafIndex++;
        out->structure.append(node);
    }
}

// Parses `raw` in full and calls `visit(leaves, sink)`.
template<typename Visit>
auto withLeaves(QByteArrayView raw, Visit &&visit)
{
    ensureInit();
    QStringList warnings;
    WarningSink sink(&warnings, false);
    BorrowedMemoryStream input(raw, &sink);
    ParseSession session(input.stream(), ParseDepth::Full, &sink);
    return visit(collectLeaves(session.message(), &sink));
}

void parseStream(GMimeStream *stream, ParseDepth depth, ParsedMessage *out, WarningSink *sink)
{
    ParseSession session(stream, depth, sink);
    out->headersParsed = session.headersParsed();
    if (GMimeMessage *message = session.message()) {
        if (out->headersParsed)
            readHeaders(message, session.options(), out, sink);
        if (depth == ParseDepth::Full)
            readStructure(message, out, sink);
        if (depth == ParseDepth::Full)
            readOutline(message, out);
    }
}

// --- File names ---------------------------------------------------------------

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

// --- HTML to text -------------------------------------------------------------

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
        return fromWindows1252(&c, 1).at(0).unicode();
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

// --- Public API ----------------------------------------------------------------

QString Address::display() const
{
    if (name.isEmpty())
        return address;
    if (address.isEmpty())
        return name;
    return name + QStringLiteral(" <") + address + QLatin1Char('>');
}

bool ParsedMessage::hasAttachments() const
{
    return std::any_of(attachments.cbegin(), attachments.cend(), [](const AttachmentInfo &a) { return !a.inlinePart; });
}

QString ParsedMessage::plainText() const
{
    const bool textBlank = std::all_of(textBody.cbegin(), textBody.cend(), [](QChar c) { return c.isSpace(); });
    if (!textBlank || htmlBody.isEmpty())
        return textBody;
    return htmlToText(htmlBody);
}

QString ParsedMessage::snippet(int maxChars) const
{
    return snippetOf(plainText(), maxChars);
}

QString snippetOf(const QString &text, int maxChars)
{
    if (maxChars <= 0)
        return {};
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), maxChars));
    bool pendingSpace = false;
    for (qsizetype i = 0; i < text.size() && out.size() < maxChars; ++i) {
        const QChar c = text.at(i);
        if (c.isSpace() || c.category() == QChar::Other_Control) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace) {
            out += QLatin1Char(' ');
            pendingSpace = false;
            if (out.size() >= maxChars)
                break;
        }
        if (c.isHighSurrogate()) {
            if (out.size() + 2 > maxChars || i + 1 >= text.size())
                break;
            out += c;
            out += text.at(++i);
            continue;
        }
        out += c;
    }
    while (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

ParsedMessage parseMessage(QByteArrayView raw, ParseDepth depth)
{
    ensureInit();
    ParsedMessage out;
    WarningSink sink(&out.warnings, depth == ParseDepth::HeadersOnly);
    {
        BorrowedMemoryStream input(raw, &sink);
        parseStream(input.stream(), depth, &out, &sink);
    }
    return out;
}

ParsedMessage parseMessageFile(const QString &path, ParseDepth depth)
{
    ensureInit();
    ParsedMessage out;
    WarningSink sink(&out.warnings, depth == ParseDepth::HeadersOnly);
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        sink.add(QStringLiteral("cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
        return out;
    }
    struct stat st = {};
    GMimeStream *mapped = nullptr;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        mapped = g_mime_stream_mmap_new(fd, PROT_READ, MAP_PRIVATE);  // owns the fd and the map on success
    if (mapped) {
        GObjectPtr<GMimeStream> owner(mapped);
        parseStream(mapped, depth, &out, &sink);
        return out;
    }
    // Empty, unmappable or special files (pipes, /proc): read them instead.
    ::close(fd);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        sink.add(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return out;
    }
    const QByteArray bytes = file.readAll();
    {
        BorrowedMemoryStream input(bytes, &sink);
        parseStream(input.stream(), depth, &out, &sink);
    }
    return out;
}

std::optional<QByteArray> extractPart(QByteArrayView raw, int partIndex)
{
    if (partIndex < 0)
        return std::nullopt;
    return withLeaves(raw, [&](const std::vector<Leaf> &leaves) -> std::optional<QByteArray> {
        if (size_t(partIndex) >= leaves.size())
            return std::nullopt;
        return decodedContent(leaves[size_t(partIndex)].object, std::numeric_limits<qint64>::max(), nullptr);
    });
}

QHash<int, QByteArray> extractParts(QByteArrayView raw, const QList<int> &partIndexes)
{
    if (partIndexes.isEmpty())
        return {};
    return withLeaves(raw, [&](const std::vector<Leaf> &leaves) {
        QHash<int, QByteArray> parts;
        for (const int index : partIndexes) {
            if (index >= 0 && size_t(index) < leaves.size() && !parts.contains(index))
                parts.insert(
                    index, decodedContent(leaves[size_t(index)].object, std::numeric_limits<qint64>::max(), nullptr));
        }
        return parts;
    });
}

std::optional<InlinePart> partByContentId(QByteArrayView raw, QByteArrayView contentId)
{
    // Accept the id as stored, a "cid:" URL (percent-encoded per RFC 2392)
    // and the id in angle brackets.
    const QByteArray given = contentId.toByteArray().trimmed();
    QByteArray wanted = given;
    if (wanted.size() >= 4 && wanted.first(4).compare("cid:", Qt::CaseInsensitive) == 0)
        wanted.remove(0, 4);
    if (wanted.startsWith('<') && wanted.endsWith('>') && wanted.size() >= 2)
        wanted = wanted.mid(1, wanted.size() - 2);
    const QByteArray unescaped = QByteArray::fromPercentEncoding(wanted);
    if (given.isEmpty() && wanted.isEmpty())
        return std::nullopt;
    return withLeaves(raw, [&](const std::vector<Leaf> &leaves) -> std::optional<InlinePart> {
        for (const Leaf &leaf : leaves) {
            const QByteArray id = partContentId(leaf.object);
            if (id.isEmpty())
                continue;
            if (id.compare(given, Qt::CaseInsensitive) == 0
                || (!wanted.isEmpty() && id.compare(wanted, Qt::CaseInsensitive) == 0)
                || (!unescaped.isEmpty() && id.compare(unescaped, Qt::CaseInsensitive) == 0)) {
                InlinePart part;
                part.mimeType = lowerMimeType(leaf.object);
                part.data = decodedContent(leaf.object, std::numeric_limits<qint64>::max(), nullptr);
                return part;
            }
        }
        return std::nullopt;
    });
}

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

QString decodeHeaderText(QByteArrayView raw)
{
    ensureInit();
    return decodeText(sharedDecodeOptions, raw);
}

}  // namespace Mime
