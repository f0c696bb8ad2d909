// libFuzzer target: arbitrary bytes as a mail message into core_mime.
//
// raw bytes → parseMessage (Full and HeadersOnly) → snippet, hasAttachments,
// plainText → extractPart for every attachment → sanitizeFileName on every
// name. Besides memory errors (ASan/UBSan), it checks the wrapper's promises:
// every listed attachment can be extracted with the listed size, sanitized
// names are never empty and contain no path separator, and the caller's
// bytes are never modified. The same bytes as a prepared message to send
// (prepareMessage): whatever it accepts has CRLF line ends only, no line
// over 998 octets, no Bcc field left, and an envelope; as typed addresses
// (parseMailboxes): each one it returns is an address. Seed corpus:
// tests/data/mail.

#include "mime/Charset.h"
#include "mime/FileName.h"
#include "mime/HtmlText.h"
#include "mime/MessageBuilder.h"
#include "mime/MessageParser.h"

#include <cstdlib>
#include <cstring>

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

void checkFileName(const QString &name)
{
    check(!name.isEmpty());
    check(!name.contains(QLatin1Char('/')) && !name.contains(QLatin1Char('\\')));
    check(name != QStringLiteral(".") && name != QStringLiteral(".."));
    check(name.toUtf8().size() <= 200);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const QByteArray before = raw.toByteArray();

    const Mime::ParsedMessage headers = Mime::parseMessage(raw, Mime::ParseDepth::HeadersOnly);
    check(headers.attachments.isEmpty() && headers.textBody.isEmpty() && headers.htmlBody.isEmpty());

    const Mime::ParsedMessage m = Mime::parseMessage(raw, Mime::ParseDepth::Full);
    check(m.headersParsed == headers.headersParsed);
    check(m.subject == headers.subject);
    (void)m.snippet();
    (void)m.snippet(7);
    (void)m.hasAttachments();
    (void)m.plainText();
    for (const Mime::AttachmentInfo &a : m.attachments) {
        checkFileName(a.fileName);
        checkFileName(Mime::sanitizeFileName(a.originalName));
        const std::optional<QByteArray> content = Mime::extractPart(raw, a.partIndex);
        check(content.has_value());
        check(qint64(content->size()) == a.size);
        if (!a.contentId.isEmpty())
            check(Mime::partByContentId(raw, a.contentId).has_value());
    }
    // What the store derives: the same bodies and attachments, sizes left out.
    const Mime::ParsedMessage searchable = Mime::parseMessage(raw, Mime::ParseDepth::Searchable);
    check(searchable.textBody == m.textBody && searchable.htmlBody == m.htmlBody);
    check(searchable.attachments.size() == m.attachments.size() && searchable.structure.isEmpty());
    for (qsizetype i = 0; i < searchable.attachments.size(); ++i) {
        const Mime::AttachmentInfo &a = searchable.attachments.at(i);
        check(a.size == 0 && a.fileName == m.attachments.at(i).fileName && a.mimeType == m.attachments.at(i).mimeType
            && a.inlinePart == m.attachments.at(i).inlinePart);
    }
    for (const Mime::Address &address : m.from)
        (void)address.display();
    checkFileName(Mime::sanitizeFileName(QString::fromUtf8(before.left(300))));
    (void)Mime::htmlToText(QString::fromUtf8(before));
    (void)Mime::decodeHeaderText(raw.first(qMin<qsizetype>(raw.size(), 2000)));

    if (auto prepared = Mime::prepareMessage(before, { QStringLiteral("Fuzz"), QStringLiteral("fuzz@example.org") })) {
        const QByteArray &out = prepared->bytes;
        check(!prepared->envelopeFrom.isEmpty() && !prepared->recipients.isEmpty());
        check(prepared->messageId.startsWith('<') && prepared->messageId.endsWith('>'));
        qsizetype lineStart = 0;
        bool inHeader = true;
        for (qsizetype i = 0; i < out.size(); ++i) {
            if (out[i] == '\r')
                check(i + 1 < out.size() && out[i + 1] == '\n');
            if (out[i] == '\n') {
                check(i > 0 && out[i - 1] == '\r');
                const QByteArray line = out.mid(lineStart, i - 1 - lineStart);
                check(line.size() <= 998);
                if (line.isEmpty())
                    inHeader = false;
                if (inHeader)
                    check(!line.toLower().startsWith("bcc:") && !line.toLower().startsWith("resent-bcc:"));
                lineStart = i + 1;
            }
        }
        check(out.endsWith("\r\n"));
    }
    if (auto boxes = Mime::parseMailboxes(QString::fromUtf8(before.left(2000)))) {
        for (const Mime::Mailbox &box : *boxes)
            check(Mime::wireAddress(box.address, true).ok());
    }

    check(raw == QByteArrayView(before));  // the caller's bytes are read in place, never written
    return 0;
}
