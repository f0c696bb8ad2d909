#include "mime/detail/HeaderFields.h"

#include "mime/detail/GObjectPtr.h"
#include "mime/detail/Limits.h"

namespace Mime::Detail {

namespace {

void appendAddresses(InternetAddressList *list, QList<Address> *out, int level = 0)
{
    if (!list)
        return;
    const int count = internet_address_list_length(list);
    for (int i = 0; i < count && out->size() < kMaxAddresses; ++i) {
        InternetAddress *ia = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            Address a;
            a.name = fromUtf8(internet_address_get_name(ia)).trimmed();
            a.address = fromUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))).trimmed();
            if (!a.name.isEmpty() || !a.address.isEmpty())
                out->append(a);
        } else if (INTERNET_ADDRESS_IS_GROUP(ia) && level < 4) {
            appendAddresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out, level + 1);
        }
    }
}

QList<QByteArray> parseIds(GMimeParserOptions *options, const char *value)
{
    QList<QByteArray> ids;
    if (!value || !*value)
        return ids;
    ReferencesPtr refs(g_mime_references_parse(options, value));
    const int count = refs ? g_mime_references_length(refs.get()) : 0;
    for (int i = 0; i < count; ++i) {
        const QByteArray id = QByteArray(g_mime_references_get_message_id(refs.get(), i)).trimmed();
        if (!id.isEmpty())
            ids.append(id);
    }
    if (ids.isEmpty()) {
        // A bare id without angle brackets.
        GCharPtr decoded(g_mime_utils_decode_message_id(value));
        const QByteArray id = decoded ? QByteArray(decoded.get()).trimmed() : QByteArray();
        if (!id.isEmpty() && !id.contains(' '))
            ids.append(id);
    }
    return ids;
}

QString listIdOf(GMimeParserOptions *options, const char *raw)
{
    if (!raw)
        return {};
    const QByteArray value(raw);
    const qsizetype open = value.indexOf('<');
    if (open >= 0) {
        const qsizetype close = value.indexOf('>', open + 1);
        if (close > open + 1) {
            QByteArray id = value.mid(open + 1, close - open - 1);
            id.removeIf([](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; });
            return QString::fromUtf8(id);
        }
    }
    return decodeText(options, value);
}

QDateTime dateOf(GMimeMessage *message, WarningSink *sink)
{
    const bool present = g_mime_object_get_header(GMIME_OBJECT(message), "Date") != nullptr;
    GDateTime *date = g_mime_message_get_date(message);
    if (!date) {
        if (present)
            sink->add(QStringLiteral("unparseable Date"));
        return {};
    }
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(g_date_time_to_unix(date), Qt::UTC);
    if (!utc.isValid() || utc.date().year() < 1970 || utc.date().year() > 9999) {
        sink->add(QStringLiteral("Date out of range"));
        return {};
    }
    return utc;
}

}  // namespace

QString decodeText(GMimeParserOptions *options, QByteArrayView raw)
{
    QByteArray text = raw.toByteArray();
    text.replace('\0', ' ');
    GCharPtr unfolded(g_mime_utils_header_unfold(text.constData()));
    GCharPtr decoded(g_mime_utils_header_decode_text(options, unfolded ? unfolded.get() : text.constData()));
    return decoded ? QString::fromUtf8(decoded.get()).trimmed() : QString();
}

void readHeaders(GMimeMessage *message, GMimeParserOptions *options, ParsedMessage *out, WarningSink *sink)
{
    GMimeObject *object = GMIME_OBJECT(message);
    out->subject = fromUtf8(g_mime_message_get_subject(message)).trimmed();
    appendAddresses(g_mime_message_get_from(message), &out->from);
    appendAddresses(g_mime_message_get_to(message), &out->to);
    appendAddresses(g_mime_message_get_cc(message), &out->cc);
    appendAddresses(g_mime_message_get_reply_to(message), &out->replyTo);
    // The raw value: a decoded one could hold a comma from an encoded name.
    GMimeHeader *followupHeader = g_mime_header_list_get_header(g_mime_object_get_header_list(object), "Mail-Followup-To");
    if (const char *followup = followupHeader ? g_mime_header_get_raw_value(followupHeader) : nullptr) {
        GObjectPtr<InternetAddressList> list(internet_address_list_parse(options, followup));
        if (list)
            appendAddresses(list.get(), &out->mailFollowupTo);
    }
    out->date = dateOf(message, sink);
    if (const char *id = g_mime_message_get_message_id(message))
        out->messageId = QByteArray(id).trimmed();
    const QList<QByteArray> inReplyTo = parseIds(options, g_mime_object_get_header(object, "In-Reply-To"));
    if (!inReplyTo.isEmpty())
        out->inReplyTo = inReplyTo.first();
    out->references = parseIds(options, g_mime_object_get_header(object, "References"));
    out->listId = listIdOf(options, g_mime_object_get_header(object, "List-Id"));
}

}  // namespace Mime::Detail
