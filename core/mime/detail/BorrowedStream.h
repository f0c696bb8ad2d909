#pragma once

#include "mime/detail/WarningSink.h"

#include <QByteArrayView>

#include <gmime/gmime.h>

namespace Mime::Detail {

// A GMimeStreamMem over the caller's bytes. The GByteArray only borrows the
// pointer: the stream is told it does not own the array (so finalising the
// stream frees nothing) and the array wrapper is released with
// free_segment=FALSE. GMime only ever reads from it; substreams share the
// same array.
class BorrowedMemoryStream
{
public:
    BorrowedMemoryStream(QByteArrayView raw, WarningSink *sink);
    ~BorrowedMemoryStream();
    BorrowedMemoryStream(const BorrowedMemoryStream &) = delete;
    BorrowedMemoryStream &operator=(const BorrowedMemoryStream &) = delete;

    [[nodiscard]] GMimeStream *stream() const { return m_stream; }

private:
    GByteArray *m_array = nullptr;
    GMimeStream *m_stream = nullptr;
};

}  // namespace Mime::Detail
