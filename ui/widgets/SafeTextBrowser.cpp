#include "widgets/SafeTextBrowser.h"
#include "widgets/PlainText.h"

#include <QColor>
#include <QPalette>
#include <QPointer>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>

#include <functional>

namespace Poplar::Ui {

namespace {

// What every refused image becomes: drawn as nothing, and not null, so
// that no fallback loader reads a local file instead.
QImage placeholderImage()
{
    static const QImage image = [] {
        QImage img(1, 1, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        return img;
    }();
    return image;
}

QVariant refused(int type)
{
    switch (type) {
    case QTextDocument::ImageResource: return placeholderImage();
    case QTextDocument::StyleSheetResource: return QStringLiteral("/* blocked */");
    default: return QStringLiteral(" ");
    }
}

QString aceLower(const QString &host)
{
    QString h = host.trimmed().toLower();
    while (h.endsWith(QLatin1Char('.')))
        h.chop(1);
    if (h.isEmpty())
        return h;
    const QByteArray ace = QUrl::toAce(h);
    return ace.isEmpty() ? h : QString::fromLatin1(ace).toLower();
}

// Whether a link to `target` honestly goes where its text `shown` says: the
// same domain, a subdomain of it, or the "www." form of it.
bool sameSite(const QString &shown, const QString &target)
{
    if (target.isEmpty())
        return false;
    if (target == shown || target.endsWith(QLatin1Char('.') + shown))
        return true;
    return shown.startsWith(QLatin1String("www.")) && target == shown.mid(4);
}

QString elided(const QString &s, int max = 200)
{
    return s.size() <= max ? s : s.left(max - 1) + QChar(0x2026);
}

// Gives every image of `doc` the format `change` makes of its own (after
// looking at them all: changing one moves the fragments).
void changeImages(QTextDocument *doc, const std::function<QTextImageFormat(const QTextImageFormat &)> &change)
{
    QList<std::tuple<int, int, QTextImageFormat>> changes;  // position, length, format
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (!format.isImageFormat())
                continue;
            const QTextImageFormat image = format.toImageFormat();
            const QTextImageFormat changed = change(image);
            if (changed != image)
                changes.append({ it.fragment().position(), it.fragment().length(), changed });
        }
    }
    for (const auto &[position, length, format] : std::as_const(changes)) {
        QTextCursor cursor(doc);
        cursor.setPosition(position);
        cursor.setPosition(position + length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(format);
    }
}

}  // namespace

SafeTextBrowser::SafeTextBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setUndoRedoEnabled(false);
}

void SafeTextBrowser::setRemoteImages(const QHash<QUrl, QImage> &images)
{
    m_remoteImages = images;
}

bool SafeTextBrowser::isRemoteScheme(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

void SafeTextBrowser::showNothing()
{
    showHtml(QString());
}

void SafeTextBrowser::showHtml(const QString &html, const QList<AttachedImage> &attachedImages)
{
    m_blockedRemoteImages.clear();
    m_intercepted.clear();
    m_suspiciousLinks.clear();

    // A fresh document: its resource cache starts empty, so nothing fetched
    // or decoded for an earlier message can show up in this one. It is
    // built before the browser shows it, so it has no layout yet: the
    // layout would ask for every image whose size is not given, and decode
    // it. Its parent is this browser, so loadResource() answers it.
    // (The document the browser made itself is deleted by setDocument().)
    const QPointer<QTextDocument> old = document();
    auto *doc = new QTextDocument(this);
    doc->setDefaultFont(font());
    doc->setUndoRedoEnabled(false);
    if (!html.isEmpty() || !attachedImages.isEmpty()) {
        doc->setHtml(html);
        // Images (U+FFFC) and text count; white space, empty blocks and
        // invisible markup do not.
        m_bodyIsBlank = doc->toPlainText().trimmed().isEmpty();
        appendImages(doc, attachedImages);
        resolveImages(doc);
        fitAttachedImages(doc);
        checkLinks(doc);
    } else {
        m_bodyIsBlank = true;
    }
    doc->setModified(false);
    setDocument(doc);
    if (old && old->parent() == this)
        old->deleteLater();
}

void SafeTextBrowser::appendImages(QTextDocument *doc, const QList<AttachedImage> &images)
{
    if (images.isEmpty())
        return;
    QTextCursor cursor(doc);
    cursor.movePosition(QTextCursor::End);
    cursor.insertHtml(QStringLiteral("<hr>"));
    QTextCharFormat captionFormat;
    captionFormat.setForeground(palette().color(QPalette::PlaceholderText));
    for (const AttachedImage &image : images) {
        QTextBlockFormat block;
        block.setTopMargin(fontMetrics().height() / 2.0);
        cursor.insertBlock(block, QTextCharFormat());
        QTextImageFormat format;
        format.setName(MessageImages::partUrl(image.partIndex).toString());
        format.setToolTip(plainToolTip(image.caption));
        cursor.insertImage(format);
        cursor.insertBlock(QTextBlockFormat(), captionFormat);
        cursor.insertText(image.caption, captionFormat);
    }
}

QVariant SafeTextBrowser::loadResource(int type, const QUrl &name)
{
    if (type == QTextDocument::ImageResource && MessageImages::isEmbedded(name))
        return m_images.image(name);  // decoded under the message's limits, or a placeholder
    const QString scheme = name.scheme().toLower();
    if (scheme == QLatin1String("data") && type != QTextDocument::ImageResource) {
        // A data: stylesheet is in memory and harmless: the base class
        // answers null for it and QTextDocument decodes it itself.
        return QTextBrowser::loadResource(type, name);
    }
    if (type == QTextDocument::ImageResource && isRemoteScheme(name)) {
        if (const auto it = m_remoteImages.constFind(name); it != m_remoteImages.constEnd())
            return it.value();
        if (!m_blockedRemoteImages.contains(name)) {
            m_blockedRemoteImages.append(name);
            Q_EMIT remoteImageBlocked(name);
        }
    }
    if (MessageImages::isEmbedded(name))
        return refused(type);  // a cid: or part URL as a stylesheet: nothing to load, nothing refused
    // http(s) stylesheets, file:, absolute and relative paths, qrc:, ftp:
    // and anything unknown: never loaded.
    if (!m_intercepted.contains(name))
        m_intercepted.append(name);
    return refused(type);
}

void SafeTextBrowser::resolveImages(QTextDocument *doc)
{
    // Images are otherwise asked for only when laid out or painted; asking
    // now means the list of blocked images is complete at once (and the
    // placeholders are cached before the first paint). The message's own
    // images are only probed: the document gets their size from the
    // header, and decodes one when it is painted.
    //
    // A refused image whose size the mail does not give in full would be
    // scaled from the 1x1 placeholder: width="600" alone becomes a 600x600
    // blank square. Those collapse instead; fully sized ones keep their box
    // so the layout stays as its author meant.
    const qint64 placeholder = placeholderImage().cacheKey();
    changeImages(doc, [&](const QTextImageFormat &image) {
        QString name = image.name();
        if (name.startsWith(QLatin1String(":/")))
            name.prepend(QLatin1String("qrc"));  // as QTextImageHandler does
        const QUrl url(name);
        const bool hasWidth = image.hasProperty(QTextFormat::ImageWidth);
        const bool hasHeight = image.hasProperty(QTextFormat::ImageHeight);
        QTextImageFormat changed = image;
        if (MessageImages::isEmbedded(url)) {
            const MessageImages::Probe probe = m_images.probe(url);
            const QSize shown = probe.shownSize;
            if (probe.outcome == MessageImages::Outcome::Shown) {
                if (hasWidth && !hasHeight && shown.width() > 0)
                    changed.setHeight(image.width() * shown.height() / shown.width());
                else if (hasHeight && !hasWidth && shown.height() > 0)
                    changed.setWidth(image.height() * shown.width() / shown.height());
                else if (!hasWidth && !hasHeight) {
                    changed.setWidth(shown.width());
                    changed.setHeight(shown.height());
                }
            } else if (probe.outcome == MessageImages::Outcome::Missing) {
                if (!(hasWidth && hasHeight)) {
                    changed.setWidth(1);
                    changed.setHeight(1);
                }
            } else {
                // The placeholder says why at its own size.
                changed.setWidth(shown.width());
                changed.setHeight(shown.height());
                changed.setToolTip(MessageImages::explanation(probe.outcome, probe.sourceSize));
            }
        } else {
            const QVariant loaded = doc->resource(QTextDocument::ImageResource, url);
            const bool refusedImage
                = loaded.typeId() == QMetaType::QImage && loaded.value<QImage>().cacheKey() == placeholder;
            if (refusedImage && !(hasWidth && hasHeight)) {
                changed.setWidth(1);
                changed.setHeight(1);
            }
        }
        return changed;
    });
}

void SafeTextBrowser::fitAttachedImages(QTextDocument *doc)
{
    // Attached images are as wide as the view at most, never wider than
    // they are.
    const int available = viewport()->width() - 2 * int(doc->documentMargin()) - 4;
    if (available < 32)
        return;
    changeImages(doc, [&](const QTextImageFormat &image) {
        const QUrl url(image.name());
        if (url.scheme() != MessageImages::partUrl(0).scheme())
            return image;
        const QSize natural = m_images.probe(url).shownSize;
        if (natural.isEmpty())
            return image;
        QTextImageFormat changed = image;
        const int width = qMin(natural.width(), available);
        changed.setWidth(width);
        changed.setHeight(qMax(1, int(qint64(natural.height()) * width / natural.width())));
        return changed;
    });
}

void SafeTextBrowser::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        fitAttachedImages(document());
}

QString SafeTextBrowser::domainNamedBy(const QString &text)
{
    QString t = text.trimmed();
    if (t.size() >= 2
        && ((t.startsWith(QLatin1Char('<')) && t.endsWith(QLatin1Char('>')))
            || (t.startsWith(QLatin1Char('"')) && t.endsWith(QLatin1Char('"'))))) {
        t = t.mid(1, t.size() - 2).trimmed();
    }
    if (t.isEmpty() || t.size() > 2048)
        return {};
    static const QString label = QStringLiteral("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?");
    static const QString host
        = QStringLiteral("((?:%1\\.)+(?:[\\p{L}]{2,63}|xn--[a-z0-9-]+)|\\d{1,3}(?:\\.\\d{1,3}){3})").arg(label);
    static const QRegularExpression withScheme(
        QStringLiteral("^(?:https?|ftp)://(?:[^\\s/@]+@)?%1\\.?(?::\\d+)?(?:[/?#]\\S*)?$").arg(host),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression email(QStringLiteral("^(?:mailto:)?[^\\s@<>]+@%1\\.?$").arg(host),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression bare(QStringLiteral("^%1\\.?(?::\\d+)?(?:[/?#]\\S*)?$").arg(host),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);

    if (const auto m = withScheme.match(t); m.hasMatch())
        return aceLower(m.captured(1));
    if (const auto m = email.match(t); m.hasMatch())
        return aceLower(m.captured(1));
    if (const auto m = bare.match(t); m.hasMatch()) {
        const QString h = m.captured(1).toLower();
        if (h.startsWith(QLatin1String("www.")))
            return aceLower(h);
        // Without a scheme or "www.", a name like "report.pdf" is a file,
        // not a domain: only the common top-level domains count.
        static const QStringList commonTlds = { QStringLiteral("com"), QStringLiteral("net"), QStringLiteral("org"),
            QStringLiteral("edu"), QStringLiteral("gov"), QStringLiteral("info"), QStringLiteral("biz"),
            QStringLiteral("io"), QStringLiteral("co"), QStringLiteral("uk"), QStringLiteral("de"),
            QStringLiteral("fr"), QStringLiteral("eu"), QStringLiteral("us"), QStringLiteral("ca"),
            QStringLiteral("au"), QStringLiteral("nl"), QStringLiteral("ch"), QStringLiteral("at"),
            QStringLiteral("it"), QStringLiteral("es"), QStringLiteral("ru"), QStringLiteral("jp"),
            QStringLiteral("cn"), QStringLiteral("br"), QStringLiteral("in"), QStringLiteral("me") };
        const QString tld = h.section(QLatin1Char('.'), -1);
        if (commonTlds.contains(tld) || h.contains(QRegularExpression(QStringLiteral("^\\d+(\\.\\d+){3}$"))))
            return aceLower(h);
    }
    return {};
}

QString SafeTextBrowser::domainOfTarget(const QUrl &url)
{
    if (url.scheme().compare(QLatin1String("mailto"), Qt::CaseInsensitive) == 0) {
        const QString address = url.path().section(QLatin1Char('?'), 0, 0);
        const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
        return at < 0 ? QString() : aceLower(address.mid(at + 1));
    }
    return aceLower(url.host());
}

void SafeTextBrowser::checkLinks(QTextDocument *doc)
{
    struct Link {
        int start = 0;
        int end = 0;
        QString href;
        QString text;
    };
    QList<Link> links;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        Link current;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat format = fragment.charFormat();
            const QString href = format.isAnchor() ? format.anchorHref() : QString();
            if (!current.href.isEmpty() && href == current.href && fragment.position() == current.end) {
                current.end = fragment.position() + fragment.length();
                current.text += fragment.text();
                continue;
            }
            if (!current.href.isEmpty())
                links.append(current);
            current = Link();
            if (!href.isEmpty()) {
                current.start = fragment.position();
                current.end = fragment.position() + fragment.length();
                current.href = href;
                current.text = fragment.text();
            }
        }
        if (!current.href.isEmpty())
            links.append(current);
    }

    const QColor warning = QColor(0xc6, 0x28, 0x28);
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    for (const Link &link : std::as_const(links)) {
        const QUrl target(link.href);
        const QString shown = domainNamedBy(link.text);
        const QString actual = domainOfTarget(target);
        QTextCharFormat format;
        if (!shown.isEmpty() && !sameSite(shown, actual)) {
            m_suspiciousLinks.append(link.href);
            const QString where = actual.isEmpty() ? elided(target.toString(), 100) : QUrl::fromAce(actual.toLatin1());
            format.setForeground(warning);
            format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            format.setUnderlineColor(warning);
            format.setToolTip(
                plainToolTip(tr("This link leads to %1, not %2.").arg(where, QUrl::fromAce(shown.toLatin1()))
                    + QLatin1Char('\n') + elided(target.toString())));
        } else {
            format.setToolTip(plainToolTip(elided(target.toString())));
        }
        cursor.setPosition(link.start);
        cursor.setPosition(link.end, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(format);
    }
    cursor.endEditBlock();
}

}  // namespace Poplar::Ui
