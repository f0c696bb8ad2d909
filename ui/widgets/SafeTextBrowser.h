#pragma once

#include <QByteArray>
#include <QHash>
#include <QImage>
#include <QList>
#include <QStringList>
#include <QTextBrowser>
#include <QUrl>

namespace Poplar::Ui {

// A text browser for untrusted mail HTML. Every resource the document asks
// for goes through loadResource(), which serves "cid:" parts from the
// message, lets "data:" URLs be decoded in memory, serves remote images only
// when they were fetched with the user's consent, and answers everything
// else with a placeholder. The placeholder must not be null: on a null
// answer QTextDocument and QTextImageHandler fall back to reading local
// files themselves (TOOLCHAIN.md, P9).
//
// Links never open by themselves; showHtml() marks links whose visible text
// names another domain than the one they lead to.
class SafeTextBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit SafeTextBrowser(QWidget *parent = nullptr);

    // The raw message that "cid:" URLs are looked up in.
    void setMessageBytes(const QByteArray &raw);
    // Remote images the user allowed and that were fetched; served by URL.
    void setRemoteImages(const QHash<QUrl, QImage> &images);

    // Shows `html` in a fresh document (no resource of an earlier message
    // survives), resolves its images once so that every blocked URL is known
    // before this returns, and checks its links.
    void showHtml(const QString &html);
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

private:
    void resolveImages();
    void checkLinks();
    [[nodiscard]] QImage contentIdImage(const QUrl &url);

    QByteArray m_raw;
    QHash<QString, QImage> m_cidImages;
    QHash<QUrl, QImage> m_remoteImages;
    QList<QUrl> m_blockedRemoteImages;
    QList<QUrl> m_intercepted;
    QStringList m_suspiciousLinks;
};

}  // namespace Poplar::Ui
