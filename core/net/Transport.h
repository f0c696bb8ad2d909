#pragma once

#include "common/Error.h"
#include "net/TlsTypes.h"

#include <QByteArray>
#include <QNetworkProxy>
#include <QObject>
#include <QSslCertificate>

#include <functional>

namespace Net {

// A host name or address and a port.
struct Endpoint {
    QString host;
    quint16 port = 0;
};

// Where a connection to host:port actually goes. The host name stays the
// server's identity (its certificate is checked against it, problems name
// it); only the address dialled changes. Empty: dial host:port itself.
// Tests point names like "pop.example.test" at a server on 127.0.0.1 so
// that nothing leaves the machine, not even a DNS query.
using Dialer = std::function<Endpoint(const QString &host, quint16 port)>;

struct TransportOptions {
    QString host;
    quint16 port = 0;
    bool implicitTls = true;
    // Certificates trusted in addition to the system's (e.g. --ca-file).
    QList<QSslCertificate> extraCaCertificates;
    // Fingerprints (raw SHA-256) accepted even when the system does not trust
    // the certificate: the account's pin, or a one-time acceptance.
    QList<QByteArray> acceptedSha256;
    // The pin stored for the account, to tell "changed" from "untrusted".
    QByteArray pinnedSha256;
    // Default: the application proxy (QNetworkProxy::applicationProxy()).
    QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
};

// A byte pipe to a server that can be upgraded to TLS. SslTransport is the
// real one; tests use FakeTransport. Signals are queued-safe: none of them is
// emitted from within a call made by the owner except where documented.
class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Transport() override = default;

    // Connects; with implicit TLS also performs the handshake.
    virtual void open(const TransportOptions &options) = 0;
    // Upgrades a plaintext link (after "+OK" to STLS).
    virtual void startTls() = 0;
    virtual void write(const QByteArray &bytes) = 0;
    [[nodiscard]] virtual QByteArray readAll() = 0;
    // Flushes and closes; `closed` follows.
    virtual void close() = 0;
    // Drops the connection at once; no further signals.
    virtual void abort() = 0;
    [[nodiscard]] virtual bool isEncrypted() const = 0;
    [[nodiscard]] virtual TlsInfo tlsInfo() const = 0;
    // Most octets the transport holds for its owner before it stops reading
    // from the network (0: no bound). While the owner does not read, the
    // kernel's receive window then fills and TCP flow control slows the
    // peer; when the owner reads again, reading resumes and readyRead
    // follows for whatever arrives.
    virtual void setReadBufferLimit(qint64 bytes) = 0;
    // Octets written by the owner that have not gone out to the network yet
    // (with TLS: before and after encryption). bytesWritten() says when some went.
    [[nodiscard]] virtual qint64 bytesToWrite() const = 0;

Q_SIGNALS:
    void ready();      // connected (and, with implicit TLS, encrypted)
    void encrypted();  // the STLS upgrade finished
    void readyRead();
    // Some of what the owner wrote went out to the network.
    void bytesWritten();
    // The peer ended the link (a TCP close, or a TLS close alert). Every
    // byte received before it is readable: readyRead came first.
    void closed();
    void failed(const Poplar::Error &error);
    // The certificate is not trusted; the link was dropped. The owner may
    // reconnect with the fingerprint in TransportOptions::acceptedSha256.
    void certificateRejected(const Net::CertificateProblem &problem);
};

}  // namespace Net
