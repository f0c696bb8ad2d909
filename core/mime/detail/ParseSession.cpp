#include "mime/detail/ParseSession.h"

#include "mime/detail/Limits.h"

#include <cstring>
#include <vector>

namespace Mime::Detail {

namespace {

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

}  // namespace

ParseSession::ParseSession(GMimeStream *source, ParseDepth depth, WarningSink *sink)
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

GMimeMessage *ParseSession::construct(GMimeStream *input)
{
    m_parser.reset(g_mime_parser_new_with_stream(input));
    g_mime_parser_set_format(m_parser.get(), GMIME_FORMAT_MESSAGE);
    g_mime_parser_set_persist_stream(m_parser.get(), TRUE);
    return g_mime_parser_construct_message(m_parser.get(), m_options.get());
}

}  // namespace Mime::Detail
