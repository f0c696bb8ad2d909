#include "net/SslTransport.h"

#include <QCryptographicHash>
#include <QSslCipher>
#include <QSslConfiguration>

namespace Net {

using Poplar::Error;
using Poplar::ErrorCode;

SslTransport::SslTransport(QObject *parent)
    : Transport(parent)
{ }

SslTransport::SslTransport(Dialer dialer, QObject *parent)
    : Transport(parent)
    , m_dialer(std::move(dialer))
{ }

std::function<std::unique_ptr<Transport>()> sslTransportFactory(Dialer dialer)
{
    return [dialer = std::move(dialer)] { return std::make_unique<SslTransport>(dialer); };
}

SslTransport::~SslTransport()
{
    resetSocket();
}

void SslTransport::resetSocket()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    // Not a child any more: deleteLater() must not be overtaken by ~QObject
    // when the transport itself is destroyed from inside a socket signal.
    m_socket->setParent(nullptr);
    m_socket->deleteLater();
    m_socket = nullptr;
}

void SslTransport::open(const TransportOptions &options)
{
    resetSocket();
    m_options = options;
    m_trustedByPin = false;
    m_reportedFailure = false;
    m_reportedClosed = false;
    m_socket = new QSslSocket(this);
    m_socket->setProxy(options.proxy);
    // Bounded: when the owner stops reading, QSslSocket stops reading the
    // TCP socket once this much waits (plaintext and decrypted alike), and
    // the kernel's receive window does the rest.
    m_socket->setReadBufferSize(m_readBufferLimit);

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!options.extraCaCertificates.isEmpty()) {
        QList<QSslCertificate> cas = config.caCertificates();
        cas += options.extraCaCertificates;
        config.setCaCertificates(cas);
    }
    m_socket->setSslConfiguration(config);

    connect(m_socket, &QSslSocket::sslErrors, this, &SslTransport::onSslErrors);
    connect(m_socket, &QSslSocket::encrypted, this, &SslTransport::onEncrypted);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &SslTransport::onSocketError);
    connect(m_socket, &QIODevice::readyRead, this, &Transport::readyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &Transport::bytesWritten);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &Transport::bytesWritten);
    connect(m_socket, &QAbstractSocket::disconnected, this, &SslTransport::reportClosed);
    m_handshaking = false;
    const Endpoint dial = m_dialer ? m_dialer(options.host, options.port) : Endpoint { options.host, options.port };
    // The certificate must name the server asked for, whatever was dialled
    // (also after STLS: see startTls()).
    if (options.implicitTls) {
        // TCP errors before this are connection errors, not TLS ones.
        connect(m_socket, &QAbstractSocket::connected, this, [this] { m_handshaking = true; });
        m_socket->connectToHostEncrypted(dial.host, dial.port, options.host);
    } else {
        connect(m_socket, &QAbstractSocket::connected, this, &Transport::ready);
        m_socket->connectToHost(dial.host, dial.port);
    }
}

void SslTransport::startTls()
{
    if (!m_socket || m_socket->isEncrypted())
        return;
    m_handshaking = true;
    m_socket->setPeerVerifyName(m_options.host);
    m_socket->startClientEncryption();
}

void SslTransport::onEncrypted()
{
    m_handshaking = false;
    if (!m_options.pinnedSha256.isEmpty() && !m_trustedByPin) {
        // The system trusts this certificate, but the account has a pin for a
        // different one: report it as changed, never accept it silently.
        const QByteArray fp = m_socket->peerCertificate().digest(QCryptographicHash::Sha256);
        if (fp != m_options.pinnedSha256 && !m_options.acceptedSha256.contains(fp)) {
            reportProblem({}, CertificateProblem::Kind::Changed);
            return;
        }
        m_trustedByPin = true;
    }
    if (m_options.implicitTls)
        Q_EMIT ready();
    else
        Q_EMIT encrypted();
}

void SslTransport::onSslErrors(const QList<QSslError> &errors)
{
    const QSslCertificate peer = m_socket->peerCertificate();
    const QByteArray fp = peer.isNull() ? QByteArray() : peer.digest(QCryptographicHash::Sha256);
    if (!fp.isEmpty() && m_options.acceptedSha256.contains(fp)) {
        // The user pinned (or accepted once) exactly this certificate.
        m_trustedByPin = true;
        m_socket->ignoreSslErrors(errors);
        return;
    }
    const CertificateProblem::Kind kind = (!m_options.pinnedSha256.isEmpty() && fp != m_options.pinnedSha256)
        ? CertificateProblem::Kind::Changed
        : CertificateProblem::Kind::Untrusted;
    reportProblem(errors, kind);
}

void SslTransport::reportProblem(const QList<QSslError> &errors, CertificateProblem::Kind kind)
{
    const QSslCertificate peer = m_socket->peerCertificate();
    CertificateProblem problem;
    problem.kind = kind;
    for (const QSslCertificate &c : m_socket->peerCertificateChain())
        problem.chain.append(CertificateInfo::from(c));
    if (problem.chain.isEmpty() && !peer.isNull())
        problem.chain.append(CertificateInfo::from(peer));
    for (const QSslError &e : errors) {
        problem.errors.append(e.errorString());
        problem.errorCodes.append(static_cast<int>(e.error()));
    }
    problem.sha256 = peer.isNull() ? QByteArray() : peer.digest(QCryptographicHash::Sha256);
    problem.pinnedSha256 = m_options.pinnedSha256;
    problem.host = m_options.host;
    problem.port = m_options.port;
    // Never continue an untrusted handshake: drop the link and let the owner
    // decide, then reconnect if the user accepts.
    m_reportedFailure = true;
    m_handshaking = false;
    resetSocket();
    Q_EMIT certificateRejected(problem);
}

void SslTransport::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_reportedFailure || !m_socket)
        return;
    ErrorCode code = ErrorCode::ConnectionFailed;
    switch (error) {
    case QAbstractSocket::HostNotFoundError: code = ErrorCode::HostNotFound; break;
    case QAbstractSocket::ConnectionRefusedError: code = ErrorCode::ConnectionRefused; break;
    case QAbstractSocket::RemoteHostClosedError:
        if (!m_handshaking) {
            // An orderly close by the peer: a TCP close, or a TLS close alert
            // (close_notify) that may come long before the TCP close, or
            // never. Either ends the link now; what was received before it
            // was announced by readyRead already. Reported once the socket's
            // own signal has returned.
            QMetaObject::invokeMethod(this, &SslTransport::reportClosed, Qt::QueuedConnection);
            return;
        }
        code = ErrorCode::TlsHandshakeFailed;
        break;
    case QAbstractSocket::SocketTimeoutError: code = ErrorCode::ConnectTimeout; break;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError: code = ErrorCode::ProxyFailed; break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: code = ErrorCode::TlsHandshakeFailed; break;
    default: code = m_handshaking ? ErrorCode::TlsHandshakeFailed : ErrorCode::ConnectionFailed; break;
    }
    m_reportedFailure = true;
    const QString detail = m_socket->errorString();
    m_socket->abort();
    Q_EMIT failed(Error(code, detail));
}

void SslTransport::write(const QByteArray &bytes)
{
    if (m_socket)
        m_socket->write(bytes);
}

QByteArray SslTransport::readAll()
{
    return m_socket ? m_socket->readAll() : QByteArray();
}

void SslTransport::close()
{
    if (m_socket)
        m_socket->disconnectFromHost();
}

void SslTransport::abort()
{
    m_reportedFailure = true;
    resetSocket();
}

void SslTransport::reportClosed()
{
    if (m_reportedFailure || m_reportedClosed || !m_socket)
        return;
    m_reportedClosed = true;
    Q_EMIT closed();
}

qint64 SslTransport::bufferedBytes() const
{
    return m_socket ? m_socket->bytesAvailable() + m_socket->encryptedBytesAvailable() : 0;
}

qint64 SslTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() : 0;
}

void SslTransport::setReadBufferLimit(qint64 bytes)
{
    m_readBufferLimit = bytes;
    if (m_socket)
        m_socket->setReadBufferSize(bytes);
}

bool SslTransport::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

TlsInfo SslTransport::tlsInfo() const
{
    TlsInfo info;
    if (!m_socket || !m_socket->isEncrypted())
        return info;
    info.encrypted = true;
    const QSslCipher cipher = m_socket->sessionCipher();
    info.cipher = cipher.name();
    switch (m_socket->sessionProtocol()) {
    case QSsl::TlsV1_2: info.protocol = QStringLiteral("TLSv1.2"); break;
    case QSsl::TlsV1_3: info.protocol = QStringLiteral("TLSv1.3"); break;
    default: info.protocol = cipher.protocolString(); break;
    }
    for (const QSslCertificate &c : m_socket->peerCertificateChain())
        info.chain.append(CertificateInfo::from(c));
    if (info.chain.isEmpty() && !m_socket->peerCertificate().isNull())
        info.chain.append(CertificateInfo::from(m_socket->peerCertificate()));
    info.trustedByPin = m_trustedByPin;
    return info;
}

}  // namespace Net
