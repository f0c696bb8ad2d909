#include "mime/Reply.h"

#include "mime/FileName.h"
#include "mime/MessageParser.h"

#include <QRegularExpression>
#include <QSet>

namespace Mime {

namespace {

// "Re:", "RE:", "Re[2]:", "AW:", "Aw:" (and the same with "Fwd"/"Fw"/"WG"
// for forwards) at the start, with the spaces after them.
const QRegularExpression &replyPrefix()
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*(re|aw|sv|antw)(\\[\\d+\\])?\\s*:\\s*"), QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &forwardPrefix()
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*(fwd?|wg)(\\[\\d+\\])?\\s*:\\s*"), QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString withoutPrefixes(QString subject, const QRegularExpression &prefix)
{
    while (true) {
        const QRegularExpressionMatch m = prefix.match(subject);
        if (!m.hasMatch() || m.capturedLength() == 0)
            return subject.trimmed();
        subject.remove(0, m.capturedLength());
    }
}

Mailbox mailboxOf(const Address &a)
{
    return Mailbox { a.name, a.address };
}

// Each address once (case-insensitive), in order, without empty ones.
void addOnce(QList<Mailbox> &into, const QList<Address> &from, QSet<QString> &seen)
{
    for (const Address &a : from) {
        const QString key = a.address.trimmed().toLower();
        if (key.isEmpty() || seen.contains(key))
            continue;
        seen.insert(key);
        into.append(mailboxOf(a));
    }
}

// `raw` without its Bcc and Resent-Bcc fields (a Sent copy keeps who was
// Bcc'd on top): what is attached to a forward names no hidden recipient.
QByteArray withoutBcc(const QByteArray &raw)
{
    QByteArray out;
    out.reserve(raw.size());
    qsizetype pos = 0;
    bool dropping = false;
    while (pos < raw.size()) {
        qsizetype end = raw.indexOf('\n', pos);
        end = end < 0 ? raw.size() : end + 1;
        const QByteArrayView line = QByteArrayView(raw).sliced(pos, end - pos);
        if (line == "\n" || line == "\r\n") {  // the header's end: the rest as it is
            out += QByteArrayView(raw).sliced(pos);
            return out;
        }
        const bool continuation = line.startsWith(' ') || line.startsWith('\t');
        if (!continuation) {
            const qsizetype colon = line.indexOf(':');
            const QByteArray name = colon > 0 ? line.first(colon).toByteArray().trimmed().toLower() : QByteArray();
            dropping = name == "bcc" || name == "resent-bcc";
        }
        if (!dropping)
            out += line;
        pos = end;
    }
    return out;
}

QByteArray bracketed(const QByteArray &id)
{
    return id.isEmpty() ? QByteArray() : "<" + id + ">";
}

}  // namespace

QString replySubject(const QString &subject)
{
    return QStringLiteral("Re: ") + withoutPrefixes(subject, replyPrefix());
}

QString forwardSubject(const QString &subject)
{
    return QStringLiteral("Fwd: ") + withoutPrefixes(subject, forwardPrefix());
}

QString quoteText(const QString &text)
{
    QStringList lines = QString(text).replace(QStringLiteral("\r\n"), QStringLiteral("\n")).split(u'\n');
    // The sender's signature: from the last "-- " line on (RFC 3676 §4.3).
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        if (lines.at(i) == QLatin1String("-- ")) {
            lines.erase(lines.begin() + i, lines.end());
            break;
        }
    }
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    for (QString &line : lines)
        line = line.startsWith(u'>') ? QLatin1Char('>') + line : (line.isEmpty() ? QStringLiteral(">") : QStringLiteral("> ") + line);
    return lines.join(u'\n');
}

bool isOwnAddress(const QString &address, const QStringList &own)
{
    const QString a = address.trimmed();
    return !a.isEmpty() && own.contains(a, Qt::CaseInsensitive);
}

int addressedIdentity(const ParsedMessage &original, const QStringList &own)
{
    for (const QList<Address> *list : { &original.to, &original.cc }) {
        for (const Address &a : *list) {
            for (int i = 0; i < own.size(); ++i) {
                if (own.at(i).compare(a.address.trimmed(), Qt::CaseInsensitive) == 0)
                    return i;
            }
        }
    }
    return -1;
}

OutgoingMessage reply(
    const ParsedMessage &original, ReplyScope scope, const QStringList &ownAddresses, const ReplyText &words)
{
    OutgoingMessage out;
    const bool fromMe = !original.from.isEmpty()
        && std::all_of(original.from.cbegin(), original.from.cend(),
            [&](const Address &a) { return isOwnAddress(a.address, ownAddresses); });
    // Whom the sender wants answers to go to; one's own message is
    // followed up with its recipients.
    const QList<Address> &sender = fromMe ? original.to : (original.replyTo.isEmpty() ? original.from : original.replyTo);

    QSet<QString> seen;
    if (scope == ReplyScope::All && !original.mailFollowupTo.isEmpty()) {
        addOnce(out.to, original.mailFollowupTo, seen);
    } else {
        addOnce(out.to, sender, seen);
        if (scope == ReplyScope::All) {
            if (!fromMe)
                addOnce(out.to, original.to, seen);
            addOnce(out.cc, original.cc, seen);
        }
    }
    if (scope == ReplyScope::All) {
        // Not to oneself — unless nobody else is left (a note to self).
        const auto own = [&](const Mailbox &m) { return isOwnAddress(m.address, ownAddresses); };
        QList<Mailbox> to = out.to;
        QList<Mailbox> cc = out.cc;
        to.removeIf(own);
        cc.removeIf(own);
        if (!to.isEmpty() || !cc.isEmpty()) {
            out.to = to;
            out.cc = cc;
        }
        if (out.to.isEmpty() && !out.cc.isEmpty())
            out.to.append(out.cc.takeFirst());
    }

    out.subject = replySubject(original.subject);
    out.inReplyTo = bracketed(original.messageId);
    // RFC 5322 §3.6.4: the parent's References (else its In-Reply-To),
    // then its Message-ID.
    QByteArrayList refs;
    for (const QByteArray &r : original.references)
        refs << bracketed(r);
    if (original.references.isEmpty() && !original.inReplyTo.isEmpty())
        refs << bracketed(original.inReplyTo);
    if (!original.messageId.isEmpty())
        refs << bracketed(original.messageId);
    // A long thread keeps its root and its latest 19: the header stays short.
    if (refs.size() > 20)
        refs = QByteArrayList { refs.first() } + refs.mid(refs.size() - 19);
    out.references = refs;

    const QString quoted = quoteText(original.plainText());
    QString text;
    if (!words.attribution.isEmpty())
        text += words.attribution + u'\n';
    if (!quoted.isEmpty())
        text += quoted + u'\n';
    out.text = text + u'\n';
    return out;
}

OutgoingMessage forwardInline(const ParsedMessage &original, const QByteArray &raw, const ForwardText &words)
{
    OutgoingMessage out;
    out.subject = forwardSubject(original.subject);
    QStringList head;
    head << words.title;
    head << words.subject + u' ' + original.subject;
    if (!words.dateText.isEmpty())
        head << words.date + u' ' + words.dateText;
    if (!original.from.isEmpty())
        head << words.from + u' ' + displayList(original.from);
    if (!original.to.isEmpty())
        head << words.to + u' ' + displayList(original.to);
    if (!original.cc.isEmpty())
        head << words.cc + u' ' + displayList(original.cc);
    QString body = original.plainText();
    while (body.endsWith(u'\n'))
        body.chop(1);
    out.text = QStringLiteral("\n\n") + head.join(u'\n') + QStringLiteral("\n\n") + body + u'\n';

    // Its attachments go along (inline images of an HTML body do not: the
    // text forwarded has no place for them).
    QList<int> parts;
    for (const AttachmentInfo &a : original.attachments) {
        if (!a.inlinePart)
            parts << a.partIndex;
    }
    const QHash<int, QByteArray> contents = extractParts(raw, parts);
    for (const AttachmentInfo &a : original.attachments) {
        if (a.inlinePart || !contents.contains(a.partIndex))
            continue;
        out.attachments.append({ a.fileName, a.mimeType, contents.value(a.partIndex) });
    }
    return out;
}

OutgoingMessage forwardAsAttachment(const ParsedMessage &original, const QByteArray &raw)
{
    OutgoingMessage out;
    out.subject = forwardSubject(original.subject);
    const QString subject = original.subject.trimmed();
    const QString name = subject.isEmpty()
        ? QStringLiteral("message.eml")
        : sanitizeFileName(subject.left(80) + QStringLiteral(".eml"), QStringLiteral("message.eml"));
    out.attachments.append({ name, QByteArrayLiteral("message/rfc822"), withoutBcc(raw) });
    return out;
}

}  // namespace Mime
