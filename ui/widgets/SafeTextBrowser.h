#pragma once

#include "widgets/MessageImages.h"

#include <QByteArray>
#include <QHash>
#include <QImage>
#include <QList>
#include <QStringList>
#include <QTextBrowser>
#include <QUrl>

namespace Poplar::Ui {

// A text browser for untrusted mail HTML. Every resource the document asks
// for goes through loadResource(), which serves the message's own images
// ("cid:" parts, "data:" URLs, attached images) through MessageImages, under
// its limits; serves remote images only when they were fetched with the
// user's consent; and answers everything else with a placeholder. The
// placeholder must not be null: on a null answer QTextDocument and
// QTextImageHandler fall back to reading local files themselves
// (TOOLCHAIN.md, P9).
//
// Links never open by themselves; showHtml() marks links whose visible text
// names another domain than the one they lead to.
class SafeTextBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    // An attached image shown below the text.
    struct AttachedImage {
        int partIndex = -1;
        QString caption;
    };

    explicit SafeTextBrowser(QWidget *parent = nullptr);

    // The message's own images; reset() them for each message.
    [[nodiscard]] MessageImages &images() { return m_images; }
    [[nodiscard]] const MessageImages &images() const { return m_images; }
    // Remote images the user allowed and that were fetched; served by URL.
    void setRemoteImages(const QHash<QUrl, QImage> &images);

    // Shows `html` in a fresh document (no resource of an earlier message
    // survives), then the attached images below it, scaled to the width of
    // the view. Every image's size is settled before this returns (from the
    // headers of the message's own images, so nothing is decoded before it
    // is painted), which also makes every blocked URL known; links are checked.
    void showHtml(const QString &html, const QList<AttachedImage> &attachedImages = {});
    // Whether the HTML last shown rendered no text and no image at all.
    [[nodiscard]] bool bodyIsBlank() const { return m_bodyIsBlank; }
    // An empty document with the placeholder text visible.
    void showNothing();

    // http(s) images that were asked for and not served.
    [[nodiscard]] QList<QUrl> blockedRemoteImages() const { return m_blockedRemoteImages; }
    // Every URL that was refused, whatever its scheme or resource type.
    [[nodiscard]] QList<QUrl> interceptedUrls() const { return m_intercepted; }
    // Targets of the links marked as misleading.
    [[nodiscard]] QStringList suspiciousLinks() const { return m_suspiciousLinks; }

    [[nodiscard]] static bool isRemoteScheme(const QUrl &url);
    // The domain a link's visible text names ("https://bank.example.com/x",
    // "www.example.org", "someone@example.net"), lower case; empty when the
    // text does not look like an address.
    [[nodiscard]] static QString domainNamedBy(const QString &text);
    // The domain a link leads to: the host, or for mailto: the address's domain.
    [[nodiscard]] static QString domainOfTarget(const QUrl &url);

Q_SIGNALS:
    // A remote image was refused (once per URL and document).
    void remoteImageBlocked(const QUrl &url);

protected:
    QVariant loadResource(int type, const QUrl &name) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void appendImages(QTextDocument *doc, const QList<AttachedImage> &images);
    void resolveImages(QTextDocument *doc);
    void fitAttachedImages(QTextDocument *doc);
    void checkLinks(QTextDocument *doc);

    MessageImages m_images;
    bool m_bodyIsBlank = true;
    QHash<QUrl, QImage> m_remoteImages;
    QList<QUrl> m_blockedRemoteImages;
    QList<QUrl> m_intercepted;
    QStringList m_suspiciousLinks;
};

}  // namespace Poplar::Ui
