#include "reader/MessageBodyHtml.h"

#include "mime/HtmlText.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace Poplar::Ui {

namespace {

int quoteDepth(const QString &line)
{
    static const QRegularExpression quote(QStringLiteral("^>(?:[ \\t]*>)*"));
    const QRegularExpressionMatch m = quote.match(line);
    return m.hasMatch() ? int(m.captured().count(QLatin1Char('>'))) : 0;
}

// One line of plain text as HTML: escaped, with http(s) and mailto URLs as links.
QString linkifiedLine(const QString &line)
{
    static const QRegularExpression url(
        QStringLiteral("(?:https?://|mailto:)[^\\s<>\"]+"), QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype done = 0;
    for (auto it = url.globalMatch(line); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QString candidate = m.captured();
        // Sentence punctuation after a URL is not part of it; a closing
        // parenthesis is, when the URL opened one.
        while (!candidate.isEmpty()) {
            const QChar last = candidate.back();
            if (QStringLiteral(".,;:!?'\"]}").contains(last)
                || (last == QLatin1Char(')') && candidate.count(QLatin1Char('(')) < candidate.count(QLatin1Char(')'))))
                candidate.chop(1);
            else
                break;
        }
        const QUrl target(candidate, QUrl::StrictMode);
        if (!target.isValid()
            || (target.host().isEmpty() && target.scheme().compare(QLatin1String("mailto"), Qt::CaseInsensitive) != 0))
            continue;
        out += line.mid(done, m.capturedStart() - done).toHtmlEscaped();
        out += QStringLiteral("<a href=\"%1\">%2</a>")
                   .arg(QString::fromLatin1(target.toEncoded()).toHtmlEscaped(), candidate.toHtmlEscaped());
        done = m.capturedStart() + candidate.size();
    }
    out += line.mid(done).toHtmlEscaped();
    return out;
}

QString quoteColor(int depth)
{
    static const QStringList colors = { QStringLiteral("#1f5fa8"), QStringLiteral("#2e7d32"), QStringLiteral("#a65f00"),
        QStringLiteral("#7b1fa2") };
    return colors.at((depth - 1) % colors.size());
}

}  // namespace

QString MessageBodyHtml::forMessage(
    const Mime::ParsedMessage &parsed, const Mime::Protection &protection, bool preferPlainText, bool *fromHtml)
{
    *fromHtml = false;
    if (protection.inlinePgp) {
        // The armour made readable: signed text as text, encrypted blocks as a notice.
        return fromPlainText(
            Mime::readableInlinePgp(parsed.plainText(), tr("[This part of the message is encrypted.]")));
    }
    const bool plainWanted = preferPlainText && !parsed.textBody.trimmed().isEmpty();
    if (!parsed.htmlBody.trimmed().isEmpty() && !plainWanted) {
        *fromHtml = true;
        // <script> never runs in a text browser, but its text must not show either.
        return Mime::withoutScripts(parsed.htmlBody);
    }
    if (!parsed.textBody.isEmpty())
        return fromPlainText(parsed.textBody);
    if (protection.isEncrypted())
        return notice(tr("The content of this message is encrypted."));
    if (protection.contentInsideSignature)
        return notice(tr("The text of this message is inside its signature."));
    return notice(tr("This message has no text."));
}

QString MessageBodyHtml::forBlankHtml(const Mime::ParsedMessage &parsed)
{
    return !parsed.textBody.trimmed().isEmpty() ? fromPlainText(parsed.textBody)
                                                : notice(tr("This message has no text."));
}

QString MessageBodyHtml::fromPlainText(const QString &text)
{
    QString normalized = text;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    const QStringList lines = normalized.split(QLatin1Char('\n'));

    QString html = QStringLiteral("<html><body>");
    int groupDepth = -1;
    QStringList group;
    auto flush = [&] {
        if (group.isEmpty())
            return;
        QString style = QStringLiteral("margin-top:0px; margin-bottom:0px; white-space:pre-wrap;");
        if (groupDepth > 0)
            style += QStringLiteral(" margin-left:%1px; color:%2;").arg(14 * groupDepth).arg(quoteColor(groupDepth));
        html += QStringLiteral("<p style=\"%1\">%2</p>").arg(style, group.join(QStringLiteral("<br>")));
        group.clear();
    };
    for (const QString &line : lines) {
        const int depth = quoteDepth(line);
        if (depth != groupDepth) {
            flush();
            groupDepth = depth;
        }
        group << linkifiedLine(line);
    }
    flush();
    html += QStringLiteral("</body></html>");
    return html;
}

QString MessageBodyHtml::notice(const QString &text)
{
    return QStringLiteral("<p><i>%1</i></p>").arg(text.toHtmlEscaped());
}

}  // namespace Poplar::Ui
