#include "mime/MimeTypes.h"

#include <string_view>
#include <utility>

namespace Mime {

QString extensionForType(const QByteArray &mimeType)
{
    static const std::pair<std::string_view, const char *> table[] = {
        { "application/pdf", "pdf" },
        { "application/zip", "zip" },
        { "application/x-zip-compressed", "zip" },
        { "application/gzip", "gz" },
        { "application/x-gzip", "gz" },
        { "application/x-tar", "tar" },
        { "application/x-7z-compressed", "7z" },
        { "application/vnd.rar", "rar" },
        { "application/x-rar-compressed", "rar" },
        { "application/msword", "doc" },
        { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx" },
        { "application/vnd.ms-excel", "xls" },
        { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" },
        { "application/vnd.ms-powerpoint", "ppt" },
        { "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx" },
        { "application/vnd.oasis.opendocument.text", "odt" },
        { "application/vnd.oasis.opendocument.spreadsheet", "ods" },
        { "application/vnd.oasis.opendocument.presentation", "odp" },
        { "application/rtf", "rtf" },
        { "application/json", "json" },
        { "application/xml", "xml" },
        { "application/ics", "ics" },
        { "application/pgp-signature", "asc" },
        { "application/pgp-encrypted", "asc" },
        { "application/pgp-keys", "asc" },
        { "application/pkcs7-signature", "p7s" },
        { "application/x-pkcs7-signature", "p7s" },
        { "application/pkcs7-mime", "p7m" },
        { "application/x-pkcs7-mime", "p7m" },
        { "image/jpeg", "jpg" },
        { "image/jpg", "jpg" },
        { "image/pjpeg", "jpg" },
        { "image/png", "png" },
        { "image/gif", "gif" },
        { "image/webp", "webp" },
        { "image/bmp", "bmp" },
        { "image/tiff", "tif" },
        { "image/svg+xml", "svg" },
        { "image/heic", "heic" },
        { "audio/mpeg", "mp3" },
        { "audio/ogg", "ogg" },
        { "audio/wav", "wav" },
        { "audio/x-wav", "wav" },
        { "video/mp4", "mp4" },
        { "video/mpeg", "mpg" },
        { "video/quicktime", "mov" },
        { "text/plain", "txt" },
        { "text/html", "html" },
        { "text/csv", "csv" },
        { "text/calendar", "ics" },
        { "text/vcard", "vcf" },
        { "text/x-vcard", "vcf" },
        { "text/xml", "xml" },
        { "text/markdown", "md" },
        { "message/rfc822", "eml" },
        { "message/global", "eml" },
    };
    const std::string_view key(mimeType.constData(), size_t(mimeType.size()));
    for (const auto &[type, ext] : table) {
        if (type == key)
            return QString::fromLatin1(ext);
    }
    return {};
}

QString fallbackFileName(int ordinal, const QByteArray &mimeType)
{
    const QString ext = extensionForType(mimeType);
    QString name = QStringLiteral("attachment-") + QString::number(ordinal);
    if (!ext.isEmpty())
        name += QLatin1Char('.') + ext;
    return name;
}

}  // namespace Mime
