#pragma once

#include <QString>

namespace Mime {

// A file name safe to create in any directory on Linux, macOS and Windows:
// only the last path component, no control or bidi characters, no
// reserved device names, no leading/trailing dots or spaces, at most 200
// UTF-8 bytes (the extension kept), NFC. `fallback` is used when nothing is
// left. Sanitizing a sanitized name changes nothing.
[[nodiscard]] QString sanitizeFileName(const QString &name, const QString &fallback = QStringLiteral("attachment"));

}  // namespace Mime
