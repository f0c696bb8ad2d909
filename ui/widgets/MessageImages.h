#pragma once

#include "mime/ParsedMessage.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QImage>
#include <QList>
#include <QSize>
#include <QString>
#include <QUrl>

namespace Poplar::Ui {

// The images one message shows — its "cid:" parts, "data:" URLs, attached
// images and remote images fetched with the user's consent — decoded under
// limits, because a few kilobytes of compressed data can declare gigabytes
// of pixels:
//  - an image's size is read from its header before anything is decoded;
//  - an image over MaxSourcePixels is never decoded; one larger than
//    MaxShownSide on a side is scaled down (decoded at the smaller size
//    where the format allows, as JPEG does);
//  - one message decodes at most BudgetBytes of pixels in all (four bytes
//    a pixel, at the size the decoder works at, plus the scaled copy),
//    given out in the order its images are laid out;
//  - only PNG, JPEG, GIF, BMP and WebP are decoded, recognised by their
//    content whatever the message calls them. SVG never is: with Qt 6.4's
//    SVG plugin an <image> in an SVG reads the local file it names
//    (measured with strace), so an SVG could show a file of this computer;
//  - nothing is decoded before it is painted (the document learns the
//    sizes from the headers), and what was decoded is kept for the message,
//    in the format the screen draws without converting it again.
// What is not shown becomes a placeholder that says why.
class MessageImages
{
    Q_DECLARE_TR_FUNCTIONS(Poplar::Ui::MessageImages)
public:
    static constexpr qint64 MaxSourcePixels = 50'000'000;
    static constexpr qint64 BudgetBytes = 512LL * 1024 * 1024;
    static constexpr int MaxShownSide = 2560;

    enum class Outcome {
        Shown,
        Missing,            // no such part, or an empty data: URL
        Unreadable,         // a known format, but broken
        UnsupportedFormat,  // not one of the formats Poplar decodes
        Svg,                // SVG: never decoded
        TooLarge,           // over MaxSourcePixels
        OverBudget,         // the message's images used up the budget
    };

    struct Probe {
        Outcome outcome = Outcome::Missing;
        QSize sourceSize;  // as the header declares it (valid for TooLarge too)
        QSize shownSize;   // what the image is shown at: scaled down, or the placeholder's size
    };

    MessageImages() = default;

    // A new message: every image of the last one and the budget are forgotten.
    void reset(const QByteArray &raw = {}, const QList<Mime::AttachmentInfo> &parts = {});

    // The URL that names a leaf part (an attached image shown below the text).
    [[nodiscard]] static QUrl partUrl(int partIndex);
    // Whether this is served from the message itself: cid:, data: or a part URL.
    [[nodiscard]] static bool isEmbedded(const QUrl &url);

    // What the image's header says (decodes nothing).
    Probe probe(const QUrl &url);
    // The image to show, decoded on the first call, or a placeholder; never null.
    QImage image(const QUrl &url);
    // Remote image bytes (fetched with consent), decoded at once under the same limits.
    QImage decodeRemote(const QUrl &url, const QByteArray &bytes);

    // What was decoded for this message so far, in bytes of pixels, and what
    // the images laid out so far may decode (never over BudgetBytes).
    [[nodiscard]] qint64 decodedBytes() const { return m_decodedBytes; }
    [[nodiscard]] qint64 reservedBytes() const { return m_reservedBytes; }
    // How it went for an image asked for (Missing if it never was).
    [[nodiscard]] Outcome outcome(const QUrl &url) const;
    // Images that were not shown, with the reason.
    [[nodiscard]] QHash<QUrl, Outcome> refused() const;
    // Why an image is not shown, in words (empty when it is).
    [[nodiscard]] static QString explanation(Outcome outcome, QSize sourceSize);

private:
    struct Entry {
        Probe probe;
        qint64 cost = 0;    // what decoding takes, reserved from the budget
        bool done = false;  // decoded, or refused for good
        QImage image;
    };

    [[nodiscard]] Entry admit(const QByteArray &bytes);
    Entry &entryFor(const QUrl &url);
    [[nodiscard]] QByteArray bytesFor(const QUrl &url);
    [[nodiscard]] Probe probeBytes(const QByteArray &bytes) const;
    [[nodiscard]] static qint64 decodeCost(const QByteArray &bytes);
    void decode(Entry &entry, const QByteArray &bytes);
    [[nodiscard]] static QImage placeholder(Outcome outcome, QSize sourceSize);

    QByteArray m_raw;
    QList<Mime::AttachmentInfo> m_parts;
    bool m_extracted = false;
    QHash<int, QByteArray> m_partBytes;
    QHash<QUrl, Entry> m_entries;
    qint64 m_decodedBytes = 0;   // decoded so far
    qint64 m_reservedBytes = 0;  // promised to images whose size the document knows
};

}  // namespace Poplar::Ui
