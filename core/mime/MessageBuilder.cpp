// QT_NO_KEYWORDS: GMime's headers use "signals" (TOOLCHAIN.md, P1).
#include "mime/MessageBuilder.h"

#include "mime/Flowed.h"
#include "mime/detail/GObjectPtr.h"
#include "mime/detail/ParserOptions.h"

#include <QMimeDatabase>
#include <QRandomGenerator>
#include <QSet>
#include <QUrl>

#include <gmime/gmime.h>

#include <algorithm>

namespace Mime {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;

namespace {

using Detail::GObjectPtr;

// Characters a dot-atom local part cannot hold (RFC 5322 specials, space,
// controls); Poplar writes no quoted local parts.
bool localPartAllowed(QStringView local)
{
    if (local.isEmpty() || local.toUtf8().size() > 64 || local.startsWith(u'.') || local.endsWith(u'.')
        || local.contains(u".."))
        return false;
    for (QChar c : local) {
        if (c.unicode() <= 0x20 || c.isSpace() || c.category() == QChar::Other_Control
            || c.category() == QChar::Other_Format || QStringView(u"()<>[]:;@\\,\"").contains(c))
            return false;
    }
    return true;
}

bool isAscii(QStringView s)
{
    for (QChar c : s) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

Error addressError(ErrorCode code, const QString &address)
{
    return Error(code, QStringLiteral("address %1").arg(address.left(320)));
}

struct FormatOptionsFree {
    void operator()(GMimeFormatOptions *o) const { g_mime_format_options_free(o); }
};

GDateTime *gDateTime(const QDateTime &when)
{
    GTimeZone *zone = g_time_zone_new_offset(when.offsetFromUtc());
    const QDateTime local = when.toOffsetFromUtc(when.offsetFromUtc());
    GDateTime *d = g_date_time_new(zone, local.date().year(), local.date().month(), local.date().day(),
        local.time().hour(), local.time().minute(), local.time().second());
    g_time_zone_unref(zone);
    return d;
}

// Characters that turn the direction of the text around them: in a name
// from someone else they can fake what it shows (an extension that reads
// "pdf.exe" backwards).
bool isBidiControl(QChar c)
{
    return (c.unicode() >= 0x202a && c.unicode() <= 0x202e) || (c.unicode() >= 0x2066 && c.unicode() <= 0x2069);
}

// A name or text for a header: control characters (line breaks among them)
// become spaces, bidi controls go.
QString withoutControls(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control)
            out += u' ';
        else if (!isBidiControl(c))
            out += c;
    }
    return out.simplified();
}

// A header's list of mailboxes, each already checked.
Result<void> addMailboxes(GMimeMessage *message, GMimeAddressType type, const QList<Mailbox> &boxes, bool smtpUtf8)
{
    for (const Mailbox &box : boxes) {
        auto wire = wireAddress(box.address, smtpUtf8);
        if (!wire)
            return wire.error();
        g_mime_message_add_mailbox(message, type, withoutControls(box.name).toUtf8().constData(), wire->constData());
    }
    return {};
}

// "<id@host>" with nothing a header could be split at or an id could not hold.
bool plausibleMessageId(const QByteArray &id)
{
    return id.size() >= 3 && id.size() <= 998 && id.startsWith('<') && id.endsWith('>')
        && std::all_of(id.cbegin() + 1, id.cend() - 1, [](char c) {
               const auto u = static_cast<unsigned char>(c);
               return u > 0x20 && u < 0x7f && c != '<' && c != '>';
           });
}

QByteArray randomLocalPart()
{
    // 128 random bits and the time: unique without naming the machine.
    quint32 bits[4];  // generate() fills each element with 32 bits
    QRandomGenerator::system()->generate(std::begin(bits), std::end(bits));
    return QByteArray::number(QDateTime::currentMSecsSinceEpoch(), 36) + '.'
        + QByteArray(reinterpret_cast<const char *>(bits), sizeof bits).toHex();
}

// RFC 2045's token: what a type or subtype may be.
bool isToken(QByteArrayView t)
{
    return !t.isEmpty() && std::all_of(t.begin(), t.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f && !QByteArrayView("()<>@,;:\\\"/[]?=").contains(c);
    });
}

bool isMimeType(QByteArrayView type)
{
    const qsizetype slash = type.indexOf('/');
    return slash > 0 && isToken(type.first(slash)) && isToken(type.sliced(slash + 1));
}

// The given type when it is one, else what the name and content say.
QByteArray attachmentType(const OutgoingAttachment &a)
{
    if (isMimeType(a.mimeType))
        return a.mimeType.toLower();
    const QByteArray guessed = QMimeDatabase().mimeTypeForFileNameAndData(a.fileName, a.content).name().toLatin1();
    return isMimeType(guessed) ? guessed : QByteArray("application/octet-stream");
}

// The text as the flowed encoder takes it: "\n" line ends (a CR before an LF
// goes, a CR alone becomes a line end), no NUL or other control character
// but TAB (RFC 2045 allows none in text).
QString bodyText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\r') {
            if (i + 1 == text.size() || text[i + 1] != u'\n')
                out += u'\n';
        } else if (c == u'\n' || c == u'\t' || c.category() != QChar::Other_Control) {
            out += c;
        }
    }
    return out;
}

qsizetype longestLine(const QByteArray &body)
{
    qsizetype longest = 0;
    qsizetype start = 0;
    while (start < body.size()) {
        qsizetype end = body.indexOf('\n', start);
        if (end < 0)
            end = body.size();
        longest = std::max(longest, end - start);
        start = end + 1;
    }
    return longest;
}

GMimeObject *textPart(const QString &written, const BuildOptions &options, bool *eightBit)
{
    // Line ends as "\n" (the writer makes every one CRLF); the last line ends too.
    const QString text = bodyText(written);
    QByteArray body = encodeFlowed(text).toUtf8();
    if (!body.endsWith('\n'))
        body += '\n';
    GMimeTextPart *part = g_mime_text_part_new_with_subtype("plain");
    GMimeObject *object = GMIME_OBJECT(part);
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(body.constData(), size_t(body.size())));
    GObjectPtr<GMimeDataWrapper> content(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(GMIME_PART(part), content.get());
    g_mime_object_set_content_type_parameter(object, "charset", isAscii(text) ? "us-ascii" : "utf-8");
    g_mime_object_set_content_type_parameter(object, "format", "flowed");
    g_mime_object_set_content_type_parameter(object, "delsp", "yes");
    // 7bit and 8bit allow lines of 998 octets (RFC 5322): deeper quotes
    // can make longer ones, which quoted-printable wraps.
    GMimeContentEncoding encoding = GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
    if (longestLine(body) <= 998) {
        if (isAscii(text))
            encoding = GMIME_CONTENT_ENCODING_7BIT;
        else if (options.eightBitMime)
            encoding = GMIME_CONTENT_ENCODING_8BIT;
    }
    *eightBit = encoding == GMIME_CONTENT_ENCODING_8BIT;
    g_mime_part_set_content_encoding(GMIME_PART(part), encoding);
    return object;
}

GMimeObject *attachmentPart(const OutgoingAttachment &a)
{
    const QByteArray type = attachmentType(a);
    const qsizetype slash = type.indexOf('/');
    const QByteArray major = slash > 0 ? type.left(slash) : QByteArray("application");
    const QByteArray minor = slash > 0 ? type.mid(slash + 1) : QByteArray("octet-stream");
    GMimePart *part = g_mime_part_new_with_type(major.constData(), minor.constData());
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(a.content.constData(), size_t(a.content.size())));
    GObjectPtr<GMimeDataWrapper> content(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(part, content.get());
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
    GObjectPtr<GMimeContentDisposition> disposition(g_mime_content_disposition_new());
    g_mime_content_disposition_set_disposition(disposition.get(), GMIME_DISPOSITION_ATTACHMENT);
    g_mime_object_set_content_disposition(GMIME_OBJECT(part), disposition.get());
    if (const QString name = withoutControls(a.fileName); !name.isEmpty())
        g_mime_part_set_filename(part, name.toUtf8().constData());
    return GMIME_OBJECT(part);
}

}  // namespace

Result<QByteArray> wireAddress(const QString &address, bool smtpUtf8)
{
    const QString trimmed = address.trimmed();
    const qsizetype at = trimmed.lastIndexOf(u'@');
    if (at <= 0 || at == trimmed.size() - 1 || trimmed.indexOf(u'@') != at)
        return addressError(ErrorCode::AddressInvalid, trimmed);
    const QStringView local = QStringView(trimmed).first(at);
    const QString domain = trimmed.mid(at + 1);
    if (!localPartAllowed(local))
        return addressError(ErrorCode::AddressInvalid, trimmed);
    // IDNA: a domain in Unicode goes out as its "xn--" form; one that cannot
    // be written so (or that holds what no host name holds) is refused.
    const QByteArray ace = QUrl::toAce(domain);
    if (ace.isEmpty() || ace.startsWith('.') || ace.endsWith('.') || ace.contains("..") || ace.size() > 253
        || !std::all_of(ace.cbegin(), ace.cend(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                   || c == '.';
           }))
        return addressError(ErrorCode::AddressInvalid, trimmed);
    if (!isAscii(local) && !smtpUtf8)
        return addressError(ErrorCode::Utf8AddressUnsupported, trimmed);
    return QByteArray(local.toUtf8() + '@' + ace.toLower());
}

Result<BuiltMessage> buildMessage(const OutgoingMessage &in, const BuildOptions &options)
{
    Detail::ensureInit();
    BuiltMessage out;
    auto from = wireAddress(in.from.address, options.smtpUtf8);
    if (!from)
        return from.error();
    out.envelopeFrom = *from;
    QSet<QByteArray> seen;
    for (const QList<Mailbox> *list : { &in.to, &in.cc, &in.bcc }) {
        for (const Mailbox &box : *list) {
            auto wire = wireAddress(box.address, options.smtpUtf8);
            if (!wire)
                return wire.error();
            if (!seen.contains(wire->toLower())) {
                seen.insert(wire->toLower());
                out.recipients.append(*wire);
            }
        }
    }
    if (out.recipients.isEmpty())
        return Error(ErrorCode::NoRecipients, QStringLiteral("no recipient"));
    // Every address that goes into the envelope or a header, as it goes
    // (its domain is ASCII by then: only a local part can need SMTPUTF8).
    QByteArrayList written = out.recipients;
    written.append(out.envelopeFrom);
    for (const Mailbox &box : in.replyTo) {
        auto wire = wireAddress(box.address, options.smtpUtf8);
        if (!wire)
            return wire.error();
        written.append(*wire);
    }
    for (const QByteArray &a : std::as_const(written))
        out.needsSmtpUtf8 = out.needsSmtpUtf8 || !isAscii(QString::fromUtf8(a));

    GObjectPtr<GMimeMessage> message(g_mime_message_new(TRUE));
    GMimeObject *object = GMIME_OBJECT(message.get());
    if (auto st = addMailboxes(message.get(), GMIME_ADDRESS_TYPE_FROM, { in.from }, options.smtpUtf8); !st)
        return st.error();
    if (auto st = addMailboxes(message.get(), GMIME_ADDRESS_TYPE_TO, in.to, options.smtpUtf8); !st)
        return st.error();
    if (auto st = addMailboxes(message.get(), GMIME_ADDRESS_TYPE_CC, in.cc, options.smtpUtf8); !st)
        return st.error();
    if (auto st = addMailboxes(message.get(), GMIME_ADDRESS_TYPE_REPLY_TO, in.replyTo, options.smtpUtf8); !st)
        return st.error();
    g_mime_message_set_subject(message.get(), withoutControls(in.subject).toUtf8().constData(), "utf-8");

    const QDateTime date = options.date.isValid() ? options.date : QDateTime::currentDateTime();
    GDateTime *gdate = gDateTime(date);
    g_mime_message_set_date(message.get(), gdate);
    g_date_time_unref(gdate);

    const QByteArray domain = out.envelopeFrom.mid(out.envelopeFrom.lastIndexOf('@') + 1);
    const QByteArray local = options.messageIdLocalPart.isEmpty() ? randomLocalPart() : options.messageIdLocalPart;
    g_mime_message_set_message_id(message.get(), QByteArray(local + '@' + domain).constData());
    out.messageId = '<' + local + '@' + domain + '>';
    // Ids come from received mail: only well-formed ones go into a header.
    if (plausibleMessageId(in.inReplyTo))
        g_mime_object_set_header(object, "In-Reply-To", in.inReplyTo.constData(), nullptr);
    QByteArrayList references;
    for (const QByteArray &id : in.references) {
        if (plausibleMessageId(id))
            references.append(id);
    }
    if (!references.isEmpty())
        g_mime_object_set_header(object, "References", references.join(' ').constData(), nullptr);

    GMimeObject *text = textPart(in.text, options, &out.eightBit);
    if (in.attachments.isEmpty()) {
        g_mime_message_set_mime_part(message.get(), text);
    } else {
        GObjectPtr<GMimeMultipart> mixed(g_mime_multipart_new_with_subtype("mixed"));
        g_mime_multipart_add(mixed.get(), text);
        for (const OutgoingAttachment &a : in.attachments) {
            GObjectPtr<GMimeObject> part(attachmentPart(a));
            g_mime_multipart_add(mixed.get(), part.get());
        }
        g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(mixed.get()));
    }
    g_object_unref(text);

    std::unique_ptr<GMimeFormatOptions, FormatOptionsFree> format(g_mime_format_options_new());
    g_mime_format_options_set_newline_format(format.get(), GMIME_NEWLINE_FORMAT_DOS);
    g_mime_format_options_set_param_encoding_method(format.get(), GMIME_PARAM_ENCODING_METHOD_RFC2231);
    GObjectPtr<GMimeStream> sink(g_mime_stream_mem_new());
    if (g_mime_object_write_to_stream(object, format.get(), sink.get()) < 0)
        return Error(ErrorCode::InvalidState, QStringLiteral("the message could not be written"));
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(sink.get()));
    out.bytes = QByteArray(reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len));
    return out;
}

}  // namespace Mime
