#include "mime/detail/WarningSink.h"

#include "mime/detail/Limits.h"

namespace Mime::Detail {

namespace {

QString describeParserWarning(GMimeParserWarning code)
{
    switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER: return QStringLiteral("duplicated header");
    case GMIME_WARN_DUPLICATED_PARAMETER: return QStringLiteral("duplicated parameter");
    case GMIME_WARN_UNENCODED_8BIT_HEADER: return QStringLiteral("unencoded 8-bit header");
    case GMIME_WARN_INVALID_CONTENT_TYPE: return QStringLiteral("invalid Content-Type");
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE: return QStringLiteral("invalid RFC 2047 header value");
    case GMIME_WARN_MALFORMED_MULTIPART: return QStringLiteral("malformed multipart");
    case GMIME_WARN_TRUNCATED_MESSAGE: return QStringLiteral("truncated message");
    case GMIME_WARN_MALFORMED_MESSAGE: return QStringLiteral("malformed message");
    case GMIME_CRIT_INVALID_HEADER_NAME: return QStringLiteral("invalid header name");
    case GMIME_CRIT_CONFLICTING_HEADER: return QStringLiteral("conflicting header");
    case GMIME_CRIT_CONFLICTING_PARAMETER: return QStringLiteral("conflicting parameter");
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: return QStringLiteral("multipart without boundary");
    case GMIME_WARN_INVALID_PARAMETER: return QStringLiteral("invalid parameter");
    case GMIME_WARN_INVALID_ADDRESS_LIST: return QStringLiteral("invalid address list");
    case GMIME_CRIT_NESTING_OVERFLOW: return QStringLiteral("MIME nesting too deep (cut by GMime)");
    case GMIME_WARN_PART_WITHOUT_CONTENT: return QStringLiteral("part without content");
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: return QStringLiteral("part without headers or content");
    }
    return QStringLiteral("parser warning %1").arg(int(code));
}

bool isContentWarning(GMimeParserWarning code)
{
    switch (code) {
    case GMIME_WARN_MALFORMED_MULTIPART:
    case GMIME_WARN_TRUNCATED_MESSAGE:
    case GMIME_WARN_PART_WITHOUT_CONTENT:
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: return true;
    default: return false;
    }
}

}  // namespace

void onParserWarning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer userData)
{
    auto *sink = static_cast<WarningSink *>(userData);
    if (sink->headersOnly() && isContentWarning(code))
        return;  // the content was deliberately not given to the parser
    QString text = describeParserWarning(code);
    if (item && *item)
        text += QStringLiteral(" (") + QString::fromUtf8(item).left(80) + QLatin1Char(')');
    if (offset >= 0)
        text += QStringLiteral(" at offset ") + QString::number(offset);
    sink->add(text);
}

}  // namespace Mime::Detail
