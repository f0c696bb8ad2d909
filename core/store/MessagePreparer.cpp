#include "store/MessagePreparer.h"

#include "mime/MessageParser.h"

#include <QFileInfo>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;

namespace {
QString joinAddresses(const QList<Mime::Address> &list)
{
    QStringList out;
    for (const Mime::Address &a : list)
        out << a.display();
    return out.join(QStringLiteral(", "));
}
}  // namespace

Poplar::Result<PreparedMessage> MessagePreparer::prepare(Input input)
{
    PreparedMessage m;
    m.folderId = input.folderId;
    m.accountId = input.accountId;
    m.serverKey = input.serverKey;
    m.flags = input.flags;
    m.receivedAt = input.receivedAt.isValid() ? input.receivedAt.toUTC() : QDateTime::currentDateTimeUtc();

    Mime::ParsedMessage parsed;
    if (!input.rawFile.isEmpty()) {
        const QFileInfo info(input.rawFile);
        if (!info.isFile() || !info.isReadable())
            return Error(ErrorCode::NotFound, QStringLiteral("cannot read %1").arg(input.rawFile));
        m.rawFile = input.rawFile;
        m.size = info.size();
        parsed = Mime::parseMessageFile(input.rawFile, Mime::ParseDepth::Searchable);
    } else {
        m.raw = std::move(input.raw);
        m.size = m.raw.size();
        parsed = Mime::parseMessage(m.raw, Mime::ParseDepth::Searchable);
    }

    if (!parsed.headersParsed)
        m.parseState = 2;
    else if (!parsed.warnings.isEmpty())
        m.parseState = 1;
    m.subject = parsed.subject;
    if (!parsed.from.isEmpty()) {
        m.fromName = parsed.from.first().name;
        m.fromAddress = parsed.from.first().address;
    }
    m.to = joinAddresses(parsed.to);
    m.cc = joinAddresses(parsed.cc);
    m.date = parsed.date.isValid() ? parsed.date.toUTC() : m.receivedAt;
    m.messageId = parsed.messageId;
    m.inReplyTo = parsed.inReplyTo;
    m.references = parsed.references.join(' ');
    m.listId = parsed.listId;
    m.hasAttachments = parsed.hasAttachments();
    // plainText() converts an HTML-only body: do it once for both.
    m.bodyText = parsed.plainText();
    m.snippet = Mime::snippetOf(m.bodyText);
    if (m.bodyText.size() > MaxIndexedText)
        m.bodyText.truncate(MaxIndexedText);
    QStringList names;
    for (const Mime::AttachmentInfo &a : parsed.attachments) {
        if (!a.inlinePart)
            names << (a.originalName.isEmpty() ? a.fileName : a.originalName);
    }
    m.attachmentNames = names.join(QLatin1Char('\n'));
    return m;
}

}  // namespace Store
