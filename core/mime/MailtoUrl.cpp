#include "mime/MailtoUrl.h"

#include <QStringList>

namespace Mime {

namespace {

// Control characters (line breaks included) become spaces.
QString singleLine(const QString &value)
{
    QString out = value;
    for (QChar &c : out) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    }
    return out.simplified();
}

// Line breaks stay (as "\n"); other control characters but tabs go.
QString bodyText(const QString &value)
{
    QString out = value;
    out.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    out.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    out.removeIf([](QChar c) {
        return c.category() == QChar::Other_Control && c != QLatin1Char('\n') && c != QLatin1Char('\t');
    });
    return out;
}

QString encoded(const QString &value, const QByteArray &keep = {})
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value, keep));
}

}  // namespace

QUrl safeMailtoUrl(const QUrl &url)
{
    if (!url.isValid() || url.scheme().compare(QLatin1String("mailto"), Qt::CaseInsensitive) != 0)
        return {};
    QStringList to;
    QStringList cc;
    QString subject;
    QString body;
    bool haveSubject = false;
    bool haveBody = false;
    // Split the encoded query by hand: a percent-encoded '&' or '=' belongs
    // to a value, and '+' is a plus sign in mailto: URLs, not a space.
    const QString query = url.query(QUrl::FullyEncoded);
    for (const QString &field : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = field.indexOf(QLatin1Char('='));
        const QString name = QUrl::fromPercentEncoding(field.left(eq).toLatin1()).trimmed().toLower();
        const QString value = eq < 0 ? QString() : QUrl::fromPercentEncoding(field.mid(eq + 1).toLatin1());
        if (name == QLatin1String("to")) {
            if (const QString v = singleLine(value); !v.isEmpty())
                to << v;
        } else if (name == QLatin1String("cc")) {
            if (const QString v = singleLine(value); !v.isEmpty())
                cc << v;
        } else if (name == QLatin1String("subject") && !haveSubject) {
            subject = singleLine(value);
            haveSubject = true;
        } else if (name == QLatin1String("body") && !haveBody) {
            body = bodyText(value);
            haveBody = true;
        }
        // Anything else never leaves the message.
    }

    QStringList fields;
    for (const QString &v : std::as_const(to))
        fields << QStringLiteral("to=") + encoded(v, "@,");
    for (const QString &v : std::as_const(cc))
        fields << QStringLiteral("cc=") + encoded(v, "@,");
    if (haveSubject)
        fields << QStringLiteral("subject=") + encoded(subject);
    if (haveBody)
        fields << QStringLiteral("body=") + encoded(body);

    QUrl out;
    out.setScheme(QStringLiteral("mailto"));
    out.setPath(singleLine(url.path(QUrl::FullyDecoded)));
    if (!fields.isEmpty())
        out.setQuery(fields.join(QLatin1Char('&')), QUrl::StrictMode);
    return out;
}

}  // namespace Mime
