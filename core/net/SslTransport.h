#pragma once

#include "net/Transport.h"

#include <QPointer>
#include <QSslError>
#include <QSslSocket>

#include <memory>

namespace Net {

// Transport over QSslSocket: implicit TLS, STLS upgrade, or (explicitly
// chosen) plaintext. System CAs plus any extra ones; an untrusted certificate
// is accepted only when its SHA-256 fingerprint is in acceptedSha256.
class SslTransport final : public Transport
{
    Q_OBJECT
public:
    explicit SslTransport(QObject *parent = nullptr);
    // Dials what `dialer` says for each host:port (see Dialer).
    explicit SslTransport(Dialer dialer, QObject *parent = nullptr);
    ~SslTransport() override;

    void open(const TransportOptions &options) override;
    void startTls() override;
    void write(const QByteArray &bytes) override;
    [[nodiscard]] QByteArray readAll() override;
    void close() override;
    void abort() override;
    [[nodiscard]] bool isEncrypted() const override;
    [[nodiscard]] TlsInfo tlsInfo() const override;
    void setReadBufferLimit(qint64 bytes) override;
    [[nodiscard]] qint64 bytesToWrite() const override;
    // Octets received and not read yet by the owner: decrypted, and still
    // encrypted in the TCP socket's buffer (for diagnostics and tests).
    [[nodiscard]] qint64 bufferedBytes() const;

private:
    void onSslErrors(const QList<QSslError> &errors);
    void onSocketError(QAbstractSocket::SocketError error);
    void onEncrypted();
    void reportProblem(const QList<QSslError> &errors, CertificateProblem::Kind kind);
    void resetSocket();
    // The peer ended the link: closed(), once.
    void reportClosed();

    Dialer m_dialer;
    TransportOptions m_options;
    QSslSocket *m_socket = nullptr;
    bool m_trustedByPin = false;
    bool m_handshaking = false;
    bool m_reportedFailure = false;
    bool m_reportedClosed = false;
    qint64 m_readBufferLimit = 0;
};

// Makes SslTransports that dial through `dialer`: a Connection's (or a
// fetch job's) transport factory.
[[nodiscard]] std::function<std::unique_ptr<Transport>()> sslTransportFactory(Dialer dialer);

}  // namespace Net
