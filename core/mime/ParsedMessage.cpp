#include "mime/ParsedMessage.h"

#include "mime/HtmlText.h"

#include <algorithm>

namespace Mime {

QString Address::display() const
{
    if (name.isEmpty())
        return address;
    if (address.isEmpty())
        return name;
    return name + QStringLiteral(" <") + address + QLatin1Char('>');
}

bool ParsedMessage::hasAttachments() const
{
    return std::any_of(attachments.cbegin(), attachments.cend(), [](const AttachmentInfo &a) { return !a.inlinePart; });
}

QString ParsedMessage::plainText() const
{
    const bool textBlank = std::all_of(textBody.cbegin(), textBody.cend(), [](QChar c) { return c.isSpace(); });
    if (!textBlank || htmlBody.isEmpty())
        return textBody;
    return htmlToText(htmlBody);
}

QString ParsedMessage::snippet(int maxChars) const
{
    return snippetOf(plainText(), maxChars);
}

QString displayList(const QList<Address> &addresses)
{
    QStringList parts;
    parts.reserve(addresses.size());
    for (const Address &a : addresses) {
        const QString shown = a.display();
        if (!shown.isEmpty())
            parts << shown;
    }
    return parts.join(QStringLiteral(", "));
}

QString snippetOf(const QString &text, int maxChars)
{
    if (maxChars <= 0)
        return {};
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), maxChars));
    bool pendingSpace = false;
    for (qsizetype i = 0; i < text.size() && out.size() < maxChars; ++i) {
        const QChar c = text.at(i);
        if (c.isSpace() || c.category() == QChar::Other_Control) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace) {
            out += QLatin1Char(' ');
            pendingSpace = false;
            if (out.size() >= maxChars)
                break;
        }
        if (c.isHighSurrogate()) {
            if (out.size() + 2 > maxChars || i + 1 >= text.size())
                break;
            out += c;
            out += text.at(++i);
            continue;
        }
        out += c;
    }
    while (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

}  // namespace Mime
