// core_mime's parser: GMime drives the parse (through the wrappers in
// detail/); everything it hands back is turned into Qt types here, and no
// GMime type leaves core_mime.
//
// Memory: a message in memory is parsed through a GMimeStreamMem that points
// at the caller's bytes (never copied, never written, never freed by GMime);
// a message file is parsed through a memory map. GMime keeps part contents as
// substreams of that stream, so only headers, the chosen bodies (at most
// 4 MiB each) and one part being extracted are ever materialised.
//
// Nesting: GMime's parser limits multipart nesting (1024) and message/rfc822
// nesting (512) itself and needs little stack per level; this file walks the
// tree iteratively and does not descend below 64 multipart levels.

#include "mime/MessageParser.h"

#include "mime/Charset.h"
#include "mime/ContentId.h"
#include "mime/FileName.h"
#include "mime/Flowed.h"
#include "mime/MimeTypes.h"
#include "mime/detail/BorrowedStream.h"
#include "mime/detail/GObjectPtr.h"
#include "mime/detail/HeaderFields.h"
#include "mime/detail/Limits.h"
#include "mime/detail/ParseSession.h"
#include "mime/detail/PartContent.h"
#include "mime/detail/PartTree.h"

#include <QFile>
#include <QUrl>

#include <gmime/gmime.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <vector>

namespace Mime {

using namespace Detail;

namespace {

// The cut may have split a UTF-8 sequence; drop its first bytes so the text
// still validates as UTF-8 (other charsets lose at most three bytes at the cut).
void chopIncompleteUtf8Tail(QByteArray *bytes)
{
    const qsizetype n = bytes->size();
    for (qsizetype back = 1; back <= 4 && back <= n; ++back) {
        const auto c = static_cast<unsigned char>(bytes->at(n - back));
        if ((c & 0xC0) == 0x80)
            continue;  // continuation byte: keep looking for the lead byte
        const qsizetype need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (need > back)
            bytes->chop(back);
        return;
    }
}

// Line ends become "\n" (a "\r" before a "\n" goes); NUL characters (never
// text) are dropped. One pass that moves the text between them in blocks:
// QString::replace() cost more than the parse.
QString normalizeBodyText(QString text)
{
    const qsizetype n = text.size();
    auto next = [&text, n](char16_t ch, qsizetype from) {
        const qsizetype at = QStringView(text).sliced(from).indexOf(QChar(ch));
        return at < 0 ? n : from + at;
    };
    qsizetype cr = next(u'\r', 0);
    qsizetype nul = next(u'\0', 0);
    if (cr == n && nul == n)
        return text;
    QChar *d = text.data();
    qsizetype in = std::min(cr, nul);
    qsizetype out = in;
    while (in < n) {
        // d[in] is a CR or a NUL.
        if (d[in] == u'\0' || (in + 1 < n && d[in + 1] == u'\n'))
            ++in;
        else
            d[out++] = d[in++];  // a CR on its own stays
        if (cr < in)
            cr = next(u'\r', in);
        if (nul < in)
            nul = next(u'\0', in);
        const qsizetype stop = std::min(cr, nul);
        if (stop > in) {
            std::memmove(d + out, d + in, size_t(stop - in) * sizeof(QChar));
            out += stop - in;
            in = stop;
        }
    }
    text.truncate(out);
    return text;
}

QString readBody(GMimeObject *object, const char *which, WarningSink *sink)
{
    bool truncated = false;
    QByteArray bytes = decodedContent(object, kMaxBodyBytes, &truncated);
    if (truncated)
        chopIncompleteUtf8Tail(&bytes);
    QString warning;
    QString text
        = decodeCharset(bytes, QByteArray(g_mime_object_get_content_type_parameter(object, "charset")), &warning);
    if (!warning.isEmpty())
        sink->add(warning);
    if (truncated) {
        sink->add(QStringLiteral("%1 body cut at 4 MiB").arg(QLatin1StringView(which)));
        while (text.endsWith(QChar(QChar::ReplacementCharacter)))
            text.chop(1);
    }
    return normalizeBodyText(std::move(text));
}

// A Content-Type parameter's value, in any case (RFC 2045).
bool parameterIs(GMimeObject *object, const char *name, const char *value)
{
    const char *given = g_mime_object_get_content_type_parameter(object, name);
    return given && g_ascii_strcasecmp(given, value) == 0;
}

bool htmlReferencesCid(const QString &html, const QByteArray &contentId)
{
    if (html.isEmpty())
        return true;  // nothing to check against: trust the Content-ID
    const QString cid = QStringLiteral("cid:") + QString::fromUtf8(contentId);
    if (html.contains(cid, Qt::CaseInsensitive))
        return true;
    const QString encoded
        = QStringLiteral("cid:") + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(contentId)));
    return html.contains(encoded, Qt::CaseInsensitive);
}

void readStructure(GMimeMessage *message, ParseDepth depth, ParsedMessage *out, WarningSink *sink)
{
    const std::vector<Leaf> leaves = collectLeaves(message, sink);
    const Leaf *plain = chooseBody(leaves, "plain");
    const Leaf *html = chooseBody(leaves, "html");
    if (plain) {
        out->textBody = readBody(plain->object, "text", sink);
        if (parameterIs(plain->object, "format", "flowed"))
            out->textBody = decodeFlowed(out->textBody, parameterIs(plain->object, "delsp", "yes"));
    }
    if (html)
        out->htmlBody = readBody(html->object, "HTML", sink);
    if (!plain && !html) {
        // A multipart whose boundary is missing or never appears: GMime keeps
        // the whole content as the prologue. Show it rather than nothing.
        GMimeObject *root = g_mime_message_get_mime_part(message);
        if (root && GMIME_IS_MULTIPART(root) && g_mime_multipart_get_count(GMIME_MULTIPART(root)) == 0) {
            if (const char *prologue = g_mime_multipart_get_prologue(GMIME_MULTIPART(root)); prologue && *prologue) {
                const QByteArray bytes = QByteArray(prologue).left(kMaxBodyBytes);
                out->textBody = normalizeBodyText(decodeUnlabelled(bytes));
                sink->add(QStringLiteral("multipart without parts; its text was read as the body"));
            }
        }
    }

    for (const Leaf &leaf : leaves) {
        if (&leaf == plain || &leaf == html)
            continue;
        if (out->attachments.size() >= kMaxAttachments) {
            sink->add(QStringLiteral("more than %1 attachments; the rest are not listed").arg(kMaxAttachments));
            break;
        }
        AttachmentInfo info;
        info.partIndex = leaf.index;
        info.mimeType = lowerMimeType(leaf.object);
        info.originalName = partFileName(leaf.object);
        if (depth == ParseDepth::Full)
            info.size = decodedSize(leaf.object);
        info.contentId = partContentId(leaf.object);
        info.inlinePart = !info.contentId.isEmpty() && !isAttachmentDisposition(leaf.object)
            && htmlReferencesCid(out->htmlBody, info.contentId);
        const int ordinal = int(out->attachments.size()) + 1;
        QString suggested = info.originalName;
        if (suggested.isEmpty() && GMIME_IS_MESSAGE_PART(leaf.object)) {
            if (GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(leaf.object))) {
                const QString subject = fromUtf8(g_mime_message_get_subject(inner)).simplified();
                if (!subject.isEmpty())
                    suggested = subject + QStringLiteral(".eml");
            }
        }
        info.fileName = sanitizeFileName(suggested, fallbackFileName(ordinal, info.mimeType));
        out->attachments.append(info);
    }
}

// Parses `raw` in full and calls `visit(leaves, sink)`.
template<typename Visit>
auto withLeaves(QByteArrayView raw, Visit &&visit)
{
    ensureInit();
    QStringList warnings;
    WarningSink sink(&warnings, false);
    BorrowedMemoryStream input(raw, &sink);
    ParseSession session(input.stream(), ParseDepth::Full, &sink);
    return visit(collectLeaves(session.message(), &sink));
}

void parseStream(GMimeStream *stream, ParseDepth depth, ParsedMessage *out, WarningSink *sink)
{
    ParseSession session(stream, depth, sink);
    out->headersParsed = session.headersParsed();
    if (GMimeMessage *message = session.message()) {
        if (out->headersParsed)
            readHeaders(message, session.options(), out, sink);
        if (depth != ParseDepth::HeadersOnly)
            readStructure(message, depth, out, sink);
        if (depth == ParseDepth::Full)
            readOutline(message, out);
    }
}

}  // namespace

ParsedMessage parseMessage(QByteArrayView raw, ParseDepth depth)
{
    ensureInit();
    ParsedMessage out;
    WarningSink sink(&out.warnings, depth == ParseDepth::HeadersOnly);
    {
        BorrowedMemoryStream input(raw, &sink);
        parseStream(input.stream(), depth, &out, &sink);
    }
    return out;
}

ParsedMessage parseMessageFile(const QString &path, ParseDepth depth)
{
    ensureInit();
    ParsedMessage out;
    WarningSink sink(&out.warnings, depth == ParseDepth::HeadersOnly);
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        sink.add(QStringLiteral("cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
        return out;
    }
    struct stat st = {};
    GMimeStream *mapped = nullptr;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        mapped = g_mime_stream_mmap_new(fd, PROT_READ, MAP_PRIVATE);  // owns the fd and the map on success
    if (mapped) {
        GObjectPtr<GMimeStream> owner(mapped);
        parseStream(mapped, depth, &out, &sink);
        return out;
    }
    // Empty, unmappable or special files (pipes, /proc): read them instead.
    ::close(fd);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        sink.add(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return out;
    }
    const QByteArray bytes = file.readAll();
    {
        BorrowedMemoryStream input(bytes, &sink);
        parseStream(input.stream(), depth, &out, &sink);
    }
    return out;
}

std::optional<QByteArray> extractPart(QByteArrayView raw, int partIndex)
{
    if (partIndex < 0)
        return std::nullopt;
    return withLeaves(raw, [&](const std::vector<Leaf> &leaves) -> std::optional<QByteArray> {
        if (size_t(partIndex) >= leaves.size())
            return std::nullopt;
        return decodedContent(leaves[size_t(partIndex)].object, std::numeric_limits<qint64>::max(), nullptr);
    });
}

QHash<int, QByteArray> extractParts(QByteArrayView raw, const QList<int> &partIndexes)
{
    if (partIndexes.isEmpty())
        return {};
    return withLeaves(raw, [&](const std::vector<Leaf> &leaves) {
        QHash<int, QByteArray> parts;
        for (const int index : partIndexes) {
            if (index >= 0 && size_t(index) < leaves.size() && !parts.contains(index))
                parts.insert(
                    index, decodedContent(leaves[size_t(index)].object, std::numeric_limits<qint64>::max(), nullptr));
        }
        return parts;
    });
}

std::optional<InlinePart> partByContentId(QByteArrayView raw, QByteArrayView contentId)
{
    if (contentId.trimmed().isEmpty())
        return std::nullopt;
    return withLeaves(raw, [&](const std::vector<Leaf> &leaves) -> std::optional<InlinePart> {
        for (const Leaf &leaf : leaves) {
            if (contentIdMatches(partContentId(leaf.object), contentId)) {
                InlinePart part;
                part.mimeType = lowerMimeType(leaf.object);
                part.data = decodedContent(leaf.object, std::numeric_limits<qint64>::max(), nullptr);
                return part;
            }
        }
        return std::nullopt;
    });
}

}  // namespace Mime
