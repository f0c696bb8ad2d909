#pragma once

#include <QByteArray>

#include <gmime/gmime.h>

// The transfer-decoded content of a leaf part (base64, quoted-printable,
// uuencode undone; an attached message serialised again).
namespace Mime::Detail {

// At most `limit` octets; `truncated` (when given) says whether there were more.
[[nodiscard]] QByteArray decodedContent(GMimeObject *object, qint64 limit, bool *truncated);

// The size decodedContent() would give without a limit. Well-formed base64
// is counted without decoding it.
[[nodiscard]] qint64 decodedSize(GMimeObject *object);

}  // namespace Mime::Detail
