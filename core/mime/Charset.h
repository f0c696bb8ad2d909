#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Text in whatever charset a message declares, or none: what decodes a
// body, a header value and bytes nobody labelled. Nothing here fails: what
// cannot be decoded in the declared charset is read as UTF-8 or windows-1252.
namespace Mime {

// Strict UTF-8: no overlong forms, surrogates, or code points past U+10FFFF.
[[nodiscard]] bool isValidUtf8(QByteArrayView bytes);

// windows-1252 as browsers decode it (the five undefined bytes map to C1
// controls): every byte becomes one character.
[[nodiscard]] QString fromWindows1252(QByteArrayView bytes);

// Bytes no charset was declared for (a raw message, its source): UTF-8 when
// they are valid UTF-8, else windows-1252, so that every byte shows.
[[nodiscard]] QString decodeUnlabelled(QByteArrayView bytes);

// `bytes` in the `declared` charset (a Content-Type parameter, any case).
// Text labelled ASCII, UTF-8 or Latin-1 that is valid UTF-8 is UTF-8; an
// unknown or implausible charset, or one the bytes do not fit, falls back
// to UTF-8 or windows-1252. `warning`, when given, says what was guessed
// (empty when nothing was).
[[nodiscard]] QString decodeCharset(const QByteArray &bytes, const QByteArray &declared, QString *warning = nullptr);

// An unstructured header value decoded per RFC 2047 (with charset
// fallbacks for raw 8-bit text).
[[nodiscard]] QString decodeHeaderText(QByteArrayView raw);

}  // namespace Mime
