#pragma once

#include "mime/detail/GObjectPtr.h"
#include "mime/detail/WarningSink.h"

#include <gmime/gmime.h>

namespace Mime::Detail {

// Initialises GMime once per process (thread-safe); call before any parse.
void ensureInit();

// Lenient options (RFC 2047, parameters and addresses parsed loosely,
// UTF-8 then windows-1252 for undeclared 8-bit text) that report to `sink`.
[[nodiscard]] ParserOptionsPtr makeParserOptions(WarningSink *sink);

// The same options without a warning callback, shared and read-only
// (decoding a header value outside a parse). ensureInit() first.
[[nodiscard]] GMimeParserOptions *sharedDecodeOptions();

}  // namespace Mime::Detail
