#include "mime/detail/PartContent.h"

#include "mime/detail/GObjectPtr.h"
#include "mime/detail/Limits.h"

#include <array>
#include <cstring>
#include <string_view>
#include <vector>

namespace Mime::Detail {

namespace {

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

}  // namespace

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
                for (unsigned char c :
                    std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"))
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

}  // namespace Mime::Detail
