#pragma once

#include <QUrl>

namespace Mime {

// A mailto: link (RFC 6068) from a message, reduced to what a click may fill
// in: the addresses, "to", "cc", "subject" and "body". Every other field is
// dropped (bcc, attach and attachment, from, in-reply-to, any other header),
// as is the fragment. Addresses and the subject lose line breaks and
// control characters, so no field can smuggle in another header. Field
// names are matched without regard to case or percent-encoding. An invalid
// URL is returned for anything that is not a mailto: URL.
[[nodiscard]] QUrl safeMailtoUrl(const QUrl &url);

}  // namespace Mime
