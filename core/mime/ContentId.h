#pragma once

#include <QByteArrayView>

namespace Mime {

// Whether a reference to a part — a "cid:" URL (RFC 2392, percent-encoded),
// an id in angle brackets, or the id as stored — names the part whose
// Content-ID is `partId` (as AttachmentInfo::contentId holds it).
// Content-IDs compare without regard to case.
[[nodiscard]] bool contentIdMatches(QByteArrayView partId, QByteArrayView reference);

}  // namespace Mime
