#include "widgets/MessageImages.h"

#include "mime/ContentId.h"
#include "mime/MessageParser.h"

#include <QBuffer>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QImageReader>
#include <QLocale>
#include <QPainter>
#include <QPalette>

namespace Poplar::Ui {

namespace {

const QString kPartScheme = QStringLiteral("x-poplar-part");

// Raster formats whose decoders read nothing but the bytes given.
bool isDecodedFormat(const QByteArray &format)
{
    return format == "png" || format == "jpeg" || format == "jpg" || format == "gif" || format == "bmp"
        || format == "webp";
}

// Formats whose decoder works at a smaller size when asked to (others,
// PNG among them, decode in full and scale afterwards).
bool decodesScaled(const QByteArray &format)
{
    return format == "jpeg" || format == "jpg";
}

// SVG by its content, whether or not Qt's SVG plugin is installed.
bool looksLikeSvg(const QByteArray &bytes)
{
    const QByteArray head = bytes.left(4096).toLower();
    return head.contains("<svg") || head.contains("<!doctype svg");
}

QByteArray dataUrlBytes(const QUrl &url)
{
    // data:[<media type>][;base64],<data> (RFC 2397)
    const QByteArray spec = url.path(QUrl::FullyEncoded).toLatin1();
    const qsizetype comma = spec.indexOf(',');
    if (comma < 0)
        return {};
    const QByteArray payload = QByteArray::fromPercentEncoding(spec.mid(comma + 1));
    if (spec.left(comma).trimmed().toLower().endsWith(";base64"))
        return QByteArray::fromBase64(payload);
    return payload;
}

QSize fitted(QSize size, int side)
{
    if (size.width() <= side && size.height() <= side)
        return size;
    return size.scaled(side, side, Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
}

QFont placeholderFont()
{
    QFont font = QGuiApplication::font();
    font.setItalic(true);
    return font;
}

// The pixels of an image of `size` as it is kept: four bytes each.
qint64 pixelBytes(QSize size)
{
    return qint64(size.width()) * size.height() * 4;
}

}  // namespace

void MessageImages::reset(const QByteArray &raw, const QList<Mime::AttachmentInfo> &parts)
{
    m_raw = raw;
    m_parts = parts;
    m_extracted = false;
    m_partBytes.clear();
    m_entries.clear();
    m_decodedBytes = 0;
    m_reservedBytes = 0;
}

QUrl MessageImages::partUrl(int partIndex)
{
    QUrl url;
    url.setScheme(kPartScheme);
    url.setPath(QString::number(partIndex));
    return url;
}

bool MessageImages::isEmbedded(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("cid") || scheme == QLatin1String("data") || scheme == kPartScheme;
}

QByteArray MessageImages::bytesFor(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("data"))
        return dataUrlBytes(url);

    int partIndex = -1;
    if (scheme == kPartScheme) {
        bool ok = false;
        const int index = url.path().toInt(&ok);
        if (ok && std::any_of(m_parts.cbegin(), m_parts.cend(), [index](const Mime::AttachmentInfo &a) {
                return a.partIndex == index;
            }))
            partIndex = index;
    } else if (scheme == QLatin1String("cid")) {
        // As written, and percent-decoded (RFC 2392).
        const QByteArray reference = url.path(QUrl::FullyEncoded).toLatin1();
        for (const Mime::AttachmentInfo &a : std::as_const(m_parts)) {
            if (Mime::contentIdMatches(a.contentId, reference)) {
                partIndex = a.partIndex;
                break;
            }
        }
    }
    if (partIndex < 0 || m_raw.isEmpty())
        return {};
    if (!m_extracted) {
        // The images and the parts the HTML shows, in one parse of the
        // message; anything else only when asked for.
        QList<int> wanted;
        for (const Mime::AttachmentInfo &a : std::as_const(m_parts)) {
            if (a.inlinePart || a.mimeType.startsWith("image/"))
                wanted << a.partIndex;
        }
        m_partBytes = Mime::extractParts(m_raw, wanted);
        m_extracted = true;
    }
    if (const auto it = m_partBytes.constFind(partIndex); it != m_partBytes.constEnd())
        return it.value();
    return m_partBytes.insert(partIndex, Mime::extractPart(m_raw, partIndex).value_or(QByteArray())).value();
}

MessageImages::Probe MessageImages::probeBytes(const QByteArray &bytes) const
{
    Probe probe;
    if (bytes.isEmpty()) {
        probe.outcome = Outcome::Missing;
        return probe;
    }
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(true);
    const QByteArray format = reader.format().toLower();
    if (format.startsWith("svg") || (format.isEmpty() && looksLikeSvg(bytes))) {
        probe.outcome = Outcome::Svg;
        return probe;
    }
    if (!isDecodedFormat(format)) {
        probe.outcome = Outcome::UnsupportedFormat;
        return probe;
    }
    QSize size = reader.size();
    if (!size.isValid() || size.isEmpty()) {
        probe.outcome = Outcome::Unreadable;
        return probe;
    }
    if (reader.transformation() & QImageIOHandler::TransformationRotate90)
        size.transpose();
    probe.sourceSize = size;
    if (qint64(size.width()) * size.height() > MaxSourcePixels) {
        probe.outcome = Outcome::TooLarge;
        return probe;
    }
    probe.outcome = Outcome::Shown;
    probe.shownSize = fitted(size, MaxShownSide);
    return probe;
}

// What decoding an image that probed well takes: the decoder's image and
// the scaled copy, four bytes a pixel (orientation does not matter here).
qint64 MessageImages::decodeCost(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    const QSize source = reader.size();
    const QSize shown = fitted(source, MaxShownSide);
    if (shown == source)
        return pixelBytes(source);
    if (decodesScaled(reader.format().toLower())) {
        // libjpeg decodes at 1/2, 1/4 or 1/8 of the size, at least the size
        // wanted; Qt scales the rest of the way.
        return pixelBytes(source.boundedTo(shown * 2)) + pixelBytes(shown);
    }
    return pixelBytes(source) + pixelBytes(shown);
}

MessageImages::Entry MessageImages::admit(const QByteArray &bytes)
{
    Entry entry;
    entry.probe = probeBytes(bytes);
    if (entry.probe.outcome == Outcome::Shown) {
        // The budget is spent when the size becomes known, in the order the
        // message shows its images: a refusal never changes the layout later.
        entry.cost = decodeCost(bytes);
        if (m_reservedBytes + entry.cost > BudgetBytes)
            entry.probe.outcome = Outcome::OverBudget;
        else
            m_reservedBytes += entry.cost;
    }
    if (entry.probe.outcome != Outcome::Shown) {
        entry.image = placeholder(entry.probe.outcome, entry.probe.sourceSize);
        entry.probe.shownSize = entry.image.size();
        entry.done = true;
    }
    return entry;
}

MessageImages::Entry &MessageImages::entryFor(const QUrl &url)
{
    if (const auto it = m_entries.find(url); it != m_entries.end())
        return it.value();
    return m_entries.insert(url, admit(bytesFor(url))).value();
}

MessageImages::Probe MessageImages::probe(const QUrl &url)
{
    return entryFor(url).probe;
}

QImage MessageImages::image(const QUrl &url)
{
    Entry &entry = entryFor(url);
    if (!entry.done)
        decode(entry, bytesFor(url));
    return entry.image;
}

QImage MessageImages::decodeRemote(const QUrl &url, const QByteArray &bytes)
{
    if (const auto it = m_entries.constFind(url); it != m_entries.constEnd())
        return it->image;  // fetched once per message
    Entry &entry = m_entries.insert(url, admit(bytes)).value();
    if (!entry.done)
        decode(entry, bytes);
    return entry.image;
}

void MessageImages::decode(Entry &entry, const QByteArray &bytes)
{
    entry.done = true;
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(true);
    // Checked again: the bytes are the ones that were probed, but what is
    // decoded must be what was allowed.
    const QSize source = reader.size();
    if (!isDecodedFormat(reader.format().toLower()) || !source.isValid()
        || qint64(source.width()) * source.height() > MaxSourcePixels) {
        entry.probe.outcome = Outcome::Unreadable;
        entry.image = placeholder(entry.probe.outcome, entry.probe.sourceSize);
        return;
    }
    const QSize target = fitted(source, MaxShownSide);
    if (target != source && decodesScaled(reader.format().toLower()))
        reader.setScaledSize(target);
    QImage image = reader.read();
    m_decodedBytes += entry.cost;
    if (image.isNull()) {
        entry.probe.outcome = Outcome::Unreadable;
        entry.image = placeholder(entry.probe.outcome, entry.probe.sourceSize);
        return;
    }
    if (image.width() > MaxShownSide || image.height() > MaxShownSide)
        image = image.scaled(MaxShownSide, MaxShownSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    // Drawn as it is, not converted at every paint.
    image.convertTo(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    entry.image = image;
}

MessageImages::Outcome MessageImages::outcome(const QUrl &url) const
{
    const auto it = m_entries.constFind(url);
    return it == m_entries.constEnd() ? Outcome::Missing : it->probe.outcome;
}

QHash<QUrl, MessageImages::Outcome> MessageImages::refused() const
{
    QHash<QUrl, Outcome> out;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it->probe.outcome != Outcome::Shown)
            out.insert(it.key(), it->probe.outcome);
    }
    return out;
}

QString MessageImages::explanation(Outcome outcome, QSize sourceSize)
{
    switch (outcome) {
    case Outcome::Shown:
    case Outcome::Missing: return {};
    case Outcome::Unreadable: return tr("Image not shown: it could not be read.");
    case Outcome::UnsupportedFormat: return tr("Image not shown: Poplar does not show this kind of image.");
    case Outcome::Svg: return tr("SVG image not shown: an SVG image can refer to files on this computer.");
    case Outcome::TooLarge:
        return tr("Image not shown: at %1 × %2 pixels it is too large.")
            .arg(QLocale().toString(sourceSize.width()), QLocale().toString(sourceSize.height()));
    case Outcome::OverBudget: return tr("Image not shown: the images of this message are too large together.");
    }
    return {};
}

QImage MessageImages::placeholder(Outcome outcome, QSize sourceSize)
{
    const QString text = explanation(outcome, sourceSize);
    if (text.isEmpty()) {
        // Drawn as nothing: a reference to a part the message lacks.
        QImage image(1, 1, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        return image;
    }
    const QFont font = placeholderFont();
    const QFontMetrics metrics(font);
    const int padding = metrics.height() / 2 + 2;
    const QSize size(qMin(metrics.horizontalAdvance(text), 600) + 2 * padding, metrics.height() + 2 * padding);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    const QPalette palette = QGuiApplication::palette();
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(palette.color(QPalette::Mid), 1, Qt::DashLine));
    painter.setBrush(palette.color(QPalette::AlternateBase));
    painter.drawRoundedRect(QRectF(image.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter.setFont(font);
    painter.setPen(palette.color(QPalette::PlaceholderText));
    painter.drawText(image.rect().adjusted(padding, 0, -padding, 0), Qt::AlignCenter,
        metrics.elidedText(text, Qt::ElideRight, size.width() - 2 * padding));
    painter.end();
    return image;
}

}  // namespace Poplar::Ui
