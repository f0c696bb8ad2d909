#include "reader/RemoteImageLoader.h"

#include "widgets/MessageImages.h"
#include "widgets/SafeTextBrowser.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSettings>
#include <QTimer>

#include <utility>

namespace Poplar::Ui {

namespace {

const QString kRemoteSendersKey = QStringLiteral("reader/remoteContentSenders");

}  // namespace

RemoteImageLoader::RemoteImageLoader(MessageImages *images, QObject *parent)
    : QObject(parent)
    , m_decoder(images)
{
    m_batch = new QTimer(this);
    m_batch->setSingleShot(true);
    m_batch->setInterval(250);
    connect(m_batch, &QTimer::timeout, this, &RemoteImageLoader::imagesArrived);
}

RemoteImageLoader::~RemoteImageLoader()
{
    abortAll();
}

void RemoteImageLoader::reset()
{
    abortAll();
    ++m_generation;
    m_allowed = false;
    m_images.clear();
    m_requested.clear();
    m_batch->stop();
}

bool RemoteImageLoader::isSenderTrusted(const QString &address)
{
    const QString wanted = address.trimmed().toLower();
    if (wanted.isEmpty())
        return false;
    return QSettings().value(kRemoteSendersKey).toStringList().contains(wanted);
}

void RemoteImageLoader::trustSender(const QString &address)
{
    const QString sender = address.trimmed().toLower();
    if (sender.isEmpty())
        return;
    QSettings settings;
    QStringList senders = settings.value(kRemoteSendersKey).toStringList();
    if (!senders.contains(sender)) {
        senders << sender;
        settings.setValue(kRemoteSendersKey, senders);
    }
}

void RemoteImageLoader::setNetworkAccessManager(QNetworkAccessManager *network)
{
    // Fetches on their way through the old one are dropped, to be asked
    // for again through the new one.
    abortAll();
    m_requested.clear();
    if (m_network && m_network->parent() == this)
        delete m_network;
    m_network = network;
}

void RemoteImageLoader::fetch(const QList<QUrl> &urls)
{
    if (!m_allowed)
        return;
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_network->setRedirectPolicy(QNetworkRequest::UserVerifiedRedirectPolicy);
    }
    const quint64 generation = m_generation;
    for (const QUrl &url : urls) {
        if (m_requested.size() >= MaxImages)
            break;
        // Only http and https, ever: never file:, ftp: or anything local.
        if (!SafeTextBrowser::isRemoteScheme(url) || m_requested.contains(url))
            continue;
        m_requested.insert(url);

        QNetworkRequest request(url);
        request.setTransferTimeout(TimeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
        request.setMaximumRedirectsAllowed(5);
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
        request.setRawHeader("Accept", "image/*");
        QNetworkReply *reply = m_network->get(request);
        m_pending.append(reply);

        connect(reply, &QNetworkReply::redirected, reply, [reply](const QUrl &to) {
            if (SafeTextBrowser::isRemoteScheme(to))
                Q_EMIT reply->redirectAllowed();
            else
                reply->abort();
        });
        connect(reply, &QNetworkReply::metaDataChanged, reply, [reply] {
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            if (length.isValid() && length.toLongLong() > MaxImageBytes)
                reply->abort();
        });
        connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
            if (received > MaxImageBytes)
                reply->abort();
        });
        connect(reply, &QNetworkReply::finished, this, [this, reply, generation] { finished(reply, generation); });
    }
}

void RemoteImageLoader::finished(QNetworkReply *reply, quint64 generation)
{
    m_pending.removeOne(reply);
    reply->deleteLater();
    if (generation != m_generation)
        return;
    if (reply->error() == QNetworkReply::NoError) {
        const QByteArray body = reply->read(MaxImageBytes + 1);
        if (body.size() <= MaxImageBytes) {
            // Under the same limits as the message's own images.
            const QUrl url = reply->request().url();
            m_images.insert(url, m_decoder->decodeRemote(url, body));
        }
    }
    if (m_pending.isEmpty()) {
        m_batch->stop();
        Q_EMIT imagesArrived();
    } else if (!m_batch->isActive()) {
        m_batch->start();
    }
}

void RemoteImageLoader::abortAll()
{
    const QList<QNetworkReply *> pending = std::exchange(m_pending, {});
    for (QNetworkReply *reply : pending) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

}  // namespace Poplar::Ui
