#pragma once

#include "mime/ParsedMessage.h"
#include "mime/detail/WarningSink.h"

#include <QByteArrayView>
#include <QString>

#include <gmime/gmime.h>

// The header fields of a parsed message in Qt types.
namespace Mime::Detail {

// Subject, addresses, date, message ids and List-Id into `out`.
void readHeaders(GMimeMessage *message, GMimeParserOptions *options, ParsedMessage *out, WarningSink *sink);

// An unstructured header value unfolded and decoded per RFC 2047.
[[nodiscard]] QString decodeText(GMimeParserOptions *options, QByteArrayView raw);

}  // namespace Mime::Detail
