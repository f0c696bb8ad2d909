// QT_NO_KEYWORDS: GMime's headers use "signals" (TOOLCHAIN.md, P1).
#include "mime/MessageBuilder.h"

#include "mime/Flowed.h"
#include "mime/detail/GObjectPtr.h"
#include "mime/detail/HeaderFields.h"
#include "mime/detail/ParserOptions.h"

#include <QMimeDatabase>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <gmime/gmime.h>

#include <algorithm>

namespace Mime {

using namespace Qt::StringLiterals;

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
// The mailboxes as a header's value, encoded (RFC 2047 names).
QString encodedList(const QList<Mailbox> &boxes, bool smtpUtf8)
{
    GObjectPtr<InternetAddressList> list(internet_address_list_new());
    for (const Mailbox &box : boxes) {
        auto wire = wireAddress(box.address, smtpUtf8);
        if (!wire)
            continue;
        GObjectPtr<InternetAddress> a(
            internet_address_mailbox_new(withoutControls(box.name).toUtf8().constData(), wire->constData()));
        internet_address_list_add(list.get(), a.get());
    }
    std::unique_ptr<char, decltype(&g_free)> text(internet_address_list_to_string(list.get(), nullptr, TRUE), g_free);
    return text ? QString::fromUtf8(text.get()) : QString();
}

// Every mailbox of a GMime list, groups flattened (a little deep at most).
void collectMailboxes(InternetAddressList *list, QList<Mailbox> *out, int level = 0)
{
    const int count = list ? internet_address_list_length(list) : 0;
    for (int i = 0; i < count; ++i) {
        InternetAddress *ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            const char *name = internet_address_get_name(ia);
            out->append({ QString::fromUtf8(name ? name : "").trimmed(),
                QString::fromUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))).trimmed() });
        } else if (INTERNET_ADDRESS_IS_GROUP(ia) && level < 4) {
            collectMailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out, level + 1);
        }
    }
}

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

GMimeObject *attachmentPart(const OutgoingAttachment &a, const BuildOptions &options, bool *eightBit)
{
    QByteArray type = attachmentType(a);
    const QString name = withoutControls(a.fileName);
    if (type == "message/rfc822") {
        // A message attached whole goes as it is (RFC 2046 allows no base64
        // for it): 8-bit inside needs 8BITMIME; without it, it goes as a
        // file.
        const bool eight = std::any_of(a.content.cbegin(), a.content.cend(), [](char c) { return uchar(c) >= 0x80; });
        if (!eight || options.eightBitMime) {
            GObjectPtr<GMimeStream> stream(
                g_mime_stream_mem_new_with_buffer(a.content.constData(), size_t(a.content.size())));
            GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
            GObjectPtr<GMimeMessage> inner(g_mime_parser_construct_message(parser.get(), nullptr));
            if (inner) {
                GMimeMessagePart *part = g_mime_message_part_new_with_message("rfc822", inner.get());
                GMimeObject *object = GMIME_OBJECT(part);
                GObjectPtr<GMimeContentDisposition> disposition(g_mime_content_disposition_new());
                g_mime_content_disposition_set_disposition(disposition.get(), GMIME_DISPOSITION_ATTACHMENT);
                if (!name.isEmpty())
                    g_mime_content_disposition_set_parameter(disposition.get(), "filename", name.toUtf8().constData());
                g_mime_object_set_content_disposition(object, disposition.get());
                if (eight) {
                    g_mime_object_set_header(object, "Content-Transfer-Encoding", "8bit", nullptr);
                    *eightBit = true;
                }
                return object;
            }
        }
        type = "application/octet-stream";
    }
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
    if (!name.isEmpty())
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

Result<QList<Mailbox>> parseMailboxes(const QString &typed)
{
    return parseMailboxes(typed, nullptr);
}

Result<QList<Mailbox>> parseMailboxes(const QString &typed, QString *refused)
{
    Detail::ensureInit();
    // The pieces between commas and semicolons outside quotes and angle
    // brackets; each must be one mailbox, for GMime reads leniently and
    // would drop or cut what it cannot read.
    QStringList pieces;
    QString piece;
    bool quoted = false;
    bool escaped = false;
    int angle = 0;
    for (QChar c : typed) {
        if (escaped) {
            escaped = false;
        } else if (quoted && c == u'\\') {
            escaped = true;
        } else if (c == u'"') {
            quoted = !quoted;
        } else if (!quoted && c == u'<') {
            ++angle;
        } else if (!quoted && c == u'>') {
            angle = std::max(0, angle - 1);
        } else if (!quoted && angle == 0 && (c == u',' || c == u';')) {
            pieces.append(piece);
            piece.clear();
            continue;
        }
        piece += c;
    }
    pieces.append(piece);

    QList<Mailbox> out;
    for (QString p : std::as_const(pieces)) {
        p = p.trimmed();
        // "team: a@example.org, b@example.org;" — a group's name goes.
        const qsizetype colon = p.indexOf(u':');
        if (colon > 0 && !p.left(colon).contains(u'"') && !p.left(colon).contains(u'<')
            && !p.left(colon).contains(u'@'))
            p = p.mid(colon + 1).trimmed();
        if (p.isEmpty())
            continue;
        GObjectPtr<InternetAddressList> list(
            internet_address_list_parse(Detail::sharedDecodeOptions(), p.toUtf8().constData()));
        QList<Mailbox> found;
        collectMailboxes(list.get(), &found);
        if (found.size() != 1) {
            if (refused)
                *refused = p;
            return addressError(ErrorCode::AddressInvalid, p);
        }
        const Mailbox &box = found.first();
        // Nothing but the name, the address and their quotes and brackets.
        QString rest = p;
        rest.remove(rest.indexOf(box.address), box.address.size());
        if (!box.name.isEmpty()) {
            if (!rest.contains(box.name))
                rest.remove(u'\\');  // a quoted name's escapes
            if (rest.contains(box.name))
                rest.remove(rest.indexOf(box.name), box.name.size());
        }
        // An encoded name, as copied from a header: its encoded words go.
        if (!box.name.isEmpty())
            rest.remove(QRegularExpression(QStringLiteral(R"(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)")));
        for (QChar c : u"\"<>\\"_s)
            rest.remove(c);
        if (!rest.trimmed().isEmpty() || !wireAddress(box.address, true)) {
            if (refused)
                *refused = p;
            return addressError(ErrorCode::AddressInvalid, p);
        }
        out.append(box);
    }
    return out;
}

Result<BuiltMessage> prepareMessage(const QByteArray &raw, const Mailbox &defaultFrom)
{
    Detail::ensureInit();
    auto notAMessage = [](const QString &why) { return Error(ErrorCode::InvalidArgument, why); };
    if (raw.contains('\0'))
        return notAMessage(QStringLiteral("the message holds a NUL octet"));
    // Every line end CRLF, a lone CR or LF included: nothing that some
    // reader takes for a line break can hide a field inside another (a Bcc
    // behind a bare CR), nor go out as one.
    QByteArray crlf;
    crlf.reserve(raw.size() + raw.size() / 40 + 2);
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\r') {
            crlf += "\r\n";
            if (i + 1 < raw.size() && raw[i + 1] == '\n')
                ++i;
        } else if (c == '\n') {
            crlf += "\r\n";
        } else {
            crlf += c;
        }
    }
    if (!crlf.endsWith("\r\n"))
        crlf += "\r\n";
    // The header ends at the first empty line; without one, it is all header.
    qsizetype headerEnd = crlf.startsWith("\r\n") ? 0 : crlf.indexOf("\r\n\r\n");
    headerEnd = headerEnd < 0 ? crlf.size() : (headerEnd > 0 ? headerEnd + 2 : 0);
    const QByteArray header = crlf.first(headerEnd);
    QByteArray rest = crlf.sliced(headerEnd);  // the empty line and the body
    if (rest.isEmpty())
        rest = "\r\n";
    qsizetype longest = 0;
    for (qsizetype start = 0; start < crlf.size();) {
        const qsizetype end = crlf.indexOf("\r\n", start);
        longest = std::max(longest, end - start);
        start = end + 2;
    }
    if (longest > 998)
        return notAMessage(QStringLiteral("a line of %1 octets (at most 998 may go out)").arg(longest));

    // The header's fields, each with its continuation lines.
    QByteArrayList fields;
    for (qsizetype start = 0; start < header.size();) {
        const qsizetype eol = header.indexOf("\r\n", start);
        const qsizetype end = eol < 0 ? header.size() : eol + 2;
        const QByteArray line = header.sliced(start, end - start);
        if ((line.startsWith(' ') || line.startsWith('\t')) && !fields.isEmpty())
            fields.last() += line;
        else
            fields.append(line);
        start = end;
    }
    if (fields.isEmpty() || !std::all_of(fields.cbegin(), fields.cend(), [](const QByteArray &f) {
            const qsizetype colon = f.indexOf(':');
            return colon > 0 && std::all_of(f.cbegin(), f.cbegin() + colon, [](char c) { return c > 0x20 && c < 0x7f; });
        }))
        return notAMessage(QStringLiteral("the message does not start with header fields"));
    auto nameOf = [](const QByteArray &f) { return f.first(f.indexOf(':')).trimmed().toLower(); };
    auto valueOf = [](const QByteArray &f) {
        return f.sliced(f.indexOf(':') + 1).replace("\r\n", "").trimmed();
    };

    BuiltMessage out;
    QList<Mailbox> from;
    QList<Mailbox> recipients;
    QByteArrayList kept;
    QByteArrayList bccValues;
    bool hasDate = false;
    GMimeParserOptions *options = Detail::sharedDecodeOptions();
    // Every address as strictly as typed ones: what GMime would drop or cut
    // is refused, not left undelivered.
    std::optional<Error> badAddress;
    auto mailboxes = [&](const QByteArray &value, QList<Mailbox> *into) {
        auto boxes = parseMailboxes(QString::fromUtf8(value));
        if (!boxes && !badAddress)
            badAddress = boxes.error();
        else if (boxes)
            into->append(*boxes);
    };
    for (const QByteArray &f : std::as_const(fields)) {
        const QByteArray name = nameOf(f);
        if (name == "bcc" || name == "resent-bcc") {
            if (name == "bcc") {
                bccValues.append(valueOf(f));
                mailboxes(valueOf(f), &recipients);
            }
            continue;  // never in the transmitted bytes
        }
        kept.append(f);
        if (name == "from" && from.isEmpty())
            mailboxes(valueOf(f), &from);
        else if (name == "to" || name == "cc")
            mailboxes(valueOf(f), &recipients);
        else if (name == "message-id" && out.messageId.isEmpty())
            out.messageId = valueOf(f);
        else if (name == "date")
            hasDate = true;
        else if (name == "subject" && out.subject.isEmpty())
            out.subject = Detail::decodeText(options, valueOf(f));
    }
    if (badAddress)
        return *badAddress;
    QByteArrayList added;
    if (from.isEmpty()) {
        from.append(defaultFrom);
        added.append("From: " + encodedList({ defaultFrom }, true).toUtf8() + "\r\n");
    }
    auto envelopeFrom = wireAddress(from.first().address, true);
    if (!envelopeFrom)
        return envelopeFrom.error();
    out.envelopeFrom = *envelopeFrom;
    QSet<QByteArray> seen;
    for (const Mailbox &box : std::as_const(recipients)) {
        auto wire = wireAddress(box.address, true);
        if (!wire)
            return wire.error();
        if (!seen.contains(wire->toLower())) {
            seen.insert(wire->toLower());
            out.recipients.append(*wire);
        }
    }
    if (out.recipients.isEmpty())
        return Error(ErrorCode::NoRecipients, QStringLiteral("no recipient"));
    if (!hasDate) {
        GDateTime *gdate = gDateTime(QDateTime::currentDateTime());
        std::unique_ptr<char, decltype(&g_free)> text(g_mime_utils_header_format_date(gdate), g_free);
        g_date_time_unref(gdate);
        added.append("Date: " + QByteArray(text.get()) + "\r\n");
    }
    if (!plausibleMessageId(out.messageId)) {
        if (!out.messageId.isEmpty())
            return notAMessage(QStringLiteral("its Message-ID is malformed"));
        const QByteArray domain = out.envelopeFrom.mid(out.envelopeFrom.lastIndexOf('@') + 1);
        out.messageId = '<' + randomLocalPart() + '@' + domain + '>';
        added.append("Message-ID: " + out.messageId + "\r\n");
    }
    out.bcc = QString::fromUtf8(bccValues.join(", "));
    out.bytes = added.join() + kept.join() + rest;
    auto eightBitIn = [](QByteArrayView bytes) {
        return std::any_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    };
    out.eightBit = eightBitIn(rest);
    out.needsSmtpUtf8 = eightBitIn(kept.join()) || eightBitIn(out.envelopeFrom)
        || std::any_of(out.recipients.cbegin(), out.recipients.cend(), eightBitIn);
    return out;
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
    out.subject = withoutControls(in.subject);
    out.bcc = encodedList(in.bcc, options.smtpUtf8);

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
            GObjectPtr<GMimeObject> part(attachmentPart(a, options, &out.eightBit));
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
