#pragma once

#include "net/Transport.h"

#include <QPointer>

#include <functional>

namespace Net {

// A scripted Transport for connection tests: the test plays the server by
// calling the serverXxx() functions and reads what the client wrote with
// takeWritten(). Signals are emitted synchronously from those calls.
//
// It models a bounded read buffer as a socket has one: with a limit set,
// what the server sends beyond it waits "in the network" (inNetwork()) until
// the owner reads; then up to the limit more is taken in and readyRead
// follows, queued, as a socket would report new data.
//
// A server may also stream (setServerSource()): then the transport pulls
// its bytes as room frees in its buffer, as TCP lets a server write only as
// fast as the client reads. A client that stops reading stops the server.
class FakeTransport final : public Transport
{
    Q_OBJECT
public:
    explicit FakeTransport(QObject *parent = nullptr);
    ~FakeTransport() override;

    // The last FakeTransport created (a Net::Link creates them through a factory).
    static FakeTransport *latest();

    void open(const TransportOptions &options) override;
    void startTls() override;
    void write(const QByteArray &bytes) override;
    QByteArray readAll() override;
    void close() override;
    void abort() override;
    bool isEncrypted() const override { return m_encrypted; }
    TlsInfo tlsInfo() const override;
    void setReadBufferLimit(qint64 bytes) override { m_limit = bytes; }
    qint64 bytesToWrite() const override { return m_unsent.size(); }

    // --- the test's side ---
    [[nodiscard]] const TransportOptions &options() const { return m_options; }
    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] bool wasAborted() const { return m_aborted; }
    [[nodiscard]] bool closeRequested() const { return m_closeRequested; }
    [[nodiscard]] bool tlsRequested() const { return m_tlsRequested; }
    [[nodiscard]] QByteArray takeWritten() { return std::exchange(m_written, QByteArray()); }
    // A network that takes nothing the client writes (it waits in
    // bytesToWrite()) until serverDrains(): for flow-control tests. Off by
    // default: writes go out at once, and bytesWritten follows, queued.
    void setHoldWrites(bool hold) { m_holdWrites = hold; }
    // Lets up to `max` octets of what waits go out (all when negative);
    // bytesWritten follows at once when any did.
    void serverDrains(qint64 max = -1);
    // The most octets that ever waited to go out.
    [[nodiscard]] qint64 maxBytesToWrite() const { return m_maxUnsent; }
    [[nodiscard]] const QByteArray &allWritten() const { return m_allWritten; }
    [[nodiscard]] qint64 readBufferLimit() const { return m_limit; }
    // Octets taken in and not yet read by the owner.
    [[nodiscard]] qint64 buffered() const { return m_inbox.size(); }
    // Octets the server sent that the transport has not taken in (its buffer was full).
    [[nodiscard]] qint64 inNetwork() const { return m_network.size(); }
    // How often the owner read.
    [[nodiscard]] int reads() const { return m_reads; }
    // What the server sends after what serverSends() gave: asked for at
    // most `room` octets whenever the buffer has room (an empty answer:
    // nothing to send now).
    using ServerSource = std::function<QByteArray(qint64 room)>;
    void setServerSource(ServerSource source) { m_source = std::move(source); }
    // Called (queued) after the client wrote: the server has something to read.
    void setServerListener(std::function<void()> listener) { m_listener = std::move(listener); }
    // The source has more to send: the transport takes in what fits and,
    // when it took anything, emits readyRead.
    void serverStreams();
    void serverAccepts();  // TCP (and implicit TLS) up
    // Emits readyRead when the transport took anything in.
    void serverSends(const QByteArray &bytes);
    void serverCompletesTls();
    // The server closes its side: as TCP's FIN, it comes after everything
    // it sent, so closed() follows once the network has nothing more.
    void serverCloses();
    void serverFails(const Poplar::Error &error);
    void serverPresentsCertificate(const CertificateProblem &problem);

private:
    TransportOptions m_options;
    // Moves what waits in the network into the buffer, up to the limit.
    qint64 takeIn();
    // After serverCloses(), once nothing waits in the network: closed().
    void closeIfDrained();

    // The room a pull from the source may fill.
    [[nodiscard]] qint64 room() const;

    QByteArray m_inbox;
    QByteArray m_network;
    ServerSource m_source;
    std::function<void()> m_listener;
    qint64 m_limit = 0;
    int m_reads = 0;
    QByteArray m_written;
    QByteArray m_unsent;
    qint64 m_maxUnsent = 0;
    bool m_holdWrites = false;
    QByteArray m_allWritten;
    bool m_open = false;
    bool m_encrypted = false;
    bool m_aborted = false;
    bool m_closeRequested = false;
    bool m_peerClosing = false;  // serverCloses(): closed() once the network is drained
    bool m_tlsRequested = false;
};

}  // namespace Net
