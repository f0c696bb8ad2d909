#pragma once

#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QSet>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Poplar::Ui {

class MessageImages;

// Fetches the remote images of the message shown, once the reader allowed
// it: http and https only (a redirect anywhere else is refused), no cookies,
// no cache, at most MaxImages per message, MaxImageBytes each and
// TimeoutMs of waiting, decoded under the message's image limits
// (MessageImages). Also remembers the senders whose remote images always load.
class RemoteImageLoader : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxImageBytes = 10 * 1024 * 1024;
    static constexpr int TimeoutMs = 20000;
    static constexpr int MaxImages = 100;

    // `images` decodes what arrives; it must outlive the loader.
    explicit RemoteImageLoader(MessageImages *images, QObject *parent = nullptr);
    ~RemoteImageLoader() override;

    // Another message: fetches still running are dropped, nothing is allowed.
    void reset();
    void setAllowed(bool allowed) { m_allowed = allowed; }
    [[nodiscard]] bool isAllowed() const { return m_allowed; }
    // Starts fetching those of `urls` not asked for yet (only when allowed).
    void fetch(const QList<QUrl> &urls);
    // What arrived so far, by URL.
    [[nodiscard]] const QHash<QUrl, QImage> &images() const { return m_images; }
    // The network the images are fetched through (not owned; it must outlive
    // the loader). Without one, the loader makes its own on first use.
    void setNetworkAccessManager(QNetworkAccessManager *network);

    [[nodiscard]] static bool isSenderTrusted(const QString &address);
    static void trustSender(const QString &address);

Q_SIGNALS:
    // Images arrived: at once with the last one, else at most every 250 ms,
    // so that a slow one does not hold the others back for long.
    void imagesArrived();

private:
    void finished(QNetworkReply *reply, quint64 generation);
    void abortAll();

    MessageImages *m_decoder;
    bool m_allowed = false;
    quint64 m_generation = 0;
    QHash<QUrl, QImage> m_images;
    QSet<QUrl> m_requested;
    QList<QNetworkReply *> m_pending;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_batch = nullptr;
};

}  // namespace Poplar::Ui
