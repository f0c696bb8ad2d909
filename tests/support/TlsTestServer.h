#pragma once

// An in-process POP3 server for the transport-tier tests: implicit TLS or
// plaintext with STLS, on a loopback address and an ephemeral port, with
// certificates generated at runtime by the openssl command-line tool.
//
// It plays a tiny scripted POP3 dialogue (greeting, CAPA, STLS, USER/PASS,
// APOP, AUTH PLAIN, STAT, LIST, RETR, NOOP, QUIT) and records every byte each
// client sent, split at the TLS upgrade, so tests can assert exactly what
// crossed the wire.

#include <QByteArray>
#include <QByteArrayList>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QTcpServer>

#include <memory>
#include <optional>

class QSslSocket;

namespace PoplarTest {

// The test PKI: a self-signed CA, a leaf for CN=localhost
// (SAN DNS:localhost, IP:127.0.0.1, IP:::1) signed by it, and an unrelated
// self-signed leaf for the same names (the "changed certificate").
struct TestPki {
    bool ok = false;
    QString error;  // why generation failed (openssl missing, …)
    QSslCertificate ca;
    QSslCertificate leaf;
    QSslKey leafKey;
    QSslCertificate alternate;
    QSslKey alternateKey;

    [[nodiscard]] QByteArray leafSha256() const;
    [[nodiscard]] QByteArray alternateSha256() const;

    // Generated once per process (into a QTemporaryDir that lives as long).
    static const TestPki &instance();
};

class TlsTestServer : public QTcpServer
{
    Q_OBJECT
public:
    enum class Mode {
        ImplicitTls,  // TLS from the first byte
        StartTls,     // plaintext; STLS upgrades
    };
    enum class Certificate { Leaf, Alternate };

    // Every member has an initializer, so tests can name only what they
    // change: TlsTestServer server({.mode = Mode::StartTls}).
    struct Options {
        Mode mode = Mode::ImplicitTls;
        Certificate certificate = Certificate::Leaf;
        // false: accept the TCP connection but never start the TLS handshake
        // (implicit TLS) or never answer STLS's handshake (StartTls).
        bool completeTls = true;
        bool sendGreeting = true;
        bool advertiseStls = true;  // StartTls mode: list STLS in CAPA before TLS
        bool answerStat = true;     // false: swallow STAT (for idle timeouts)
        // Sent right after "+OK Begin TLS\r\n", still in plaintext, in the
        // same write (a STARTTLS response injection).
        QByteArray injectAfterStls {};
        QByteArray greeting = "+OK test server ready <1.2@localhost>";
        QByteArrayList capabilities = { "USER", "UIDL", "TOP", "RESP-CODES", "AUTH-RESP-CODE" };
        // StartTls mode: what CAPA lists once the link is encrypted (default: `capabilities`).
        std::optional<QByteArrayList> capabilitiesAfterTls {};
        QByteArray user = "alice";
        QByteArray password = "correct horse battery staple";
        quint32 messageCount = 2;
        quint64 mailboxSize = 320;
        // The answer to STLS in StartTls mode ("-ERR …" refuses it).
        QByteArray stlsAnswer = "+OK Begin TLS";
        // What LIST and RETR serve (message n is messages[n - 1]), sent in one write.
        QByteArrayList messages {};
        // A command (verb) that makes the server send `closeReply` and then
        // end the session: a TLS close alert, then the TCP close.
        QByteArray closeOn {};
        QByteArray closeReply {};
    };

    // What one client connection sent. Bytes before the TLS upgrade are the
    // plaintext dialogue (StartTls mode); bytes after are decrypted.
    struct ClientRecord {
        QHostAddress peerAddress;
        QByteArray beforeTls;
        QByteArray afterTls;
        QByteArrayList commands;  // complete lines, without CRLF
        bool encrypted = false;
        bool closed = false;

        [[nodiscard]] QByteArray received() const { return beforeTls + afterTls; }
    };

    explicit TlsTestServer(QObject *parent = nullptr);
    explicit TlsTestServer(Options options, QObject *parent = nullptr);
    ~TlsTestServer() override;

    // Listens on `address` (loopback only) at an ephemeral port.
    bool start(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost));

    Options &options() { return m_options; }
    [[nodiscard]] const Options &options() const { return m_options; }
    [[nodiscard]] const QList<ClientRecord> &clients() const { return m_clients; }
    [[nodiscard]] int clientCount() const { return int(m_clients.size()); }
    // Everything every client sent, concatenated.
    [[nodiscard]] QByteArray allReceived() const;
    // True when every accepted connection has been closed (by either side).
    [[nodiscard]] bool allClosed() const;
    // The fingerprint of the certificate this server presents.
    [[nodiscard]] QByteArray presentedSha256() const;
    // Octets the server wrote to client `index` that have not left its
    // process yet (plaintext and encrypted): they grow when the client stops
    // reading and TCP flow control holds the server back.
    [[nodiscard]] qint64 unsentBytes(int index) const;

Q_SIGNALS:
    void clientAccepted(int index);
    void clientEncrypted(int index);
    void clientClosed(int index);
    void commandReceived(int index, const QByteArray &line);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Client;
    void onReadyRead(int index);
    void handleLine(int index, const QByteArray &line);
    void send(int index, const QByteArray &bytes);
    void startEncryption(int index);
    void markClosed(int index);

    Options m_options;
    QList<ClientRecord> m_clients;
    std::vector<std::unique_ptr<Client>> m_state;
};

}  // namespace PoplarTest
