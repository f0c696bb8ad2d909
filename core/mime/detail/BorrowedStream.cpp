#include "mime/detail/BorrowedStream.h"

#include <QString>

namespace Mime::Detail {

BorrowedMemoryStream::BorrowedMemoryStream(QByteArrayView raw, WarningSink *sink)
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

BorrowedMemoryStream::~BorrowedMemoryStream()
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

}  // namespace Mime::Detail
