#pragma once

#include "net/Transport.h"

#include <QPointer>

namespace Pop3 {

// A scripted Transport for connection tests: the test plays the server by
// calling the serverXxx() functions and reads what the client wrote with
// takeWritten(). Signals are emitted synchronously from those calls.
class FakeTransport final : public Transport
{
    Q_OBJECT
public:
    explicit FakeTransport(QObject *parent = nullptr);
    ~FakeTransport() override;

    // The last FakeTransport created (Connection creates them through a factory).
    static FakeTransport *latest();

    void open(const TransportOptions &options) override;
    void startTls() override;
    void write(const QByteArray &bytes) override;
    QByteArray readAll() override;
    void close() override;
    void abort() override;
    bool isEncrypted() const override { return m_encrypted; }
    TlsInfo tlsInfo() const override;

    // --- the test's side ---
    [[nodiscard]] const TransportOptions &options() const { return m_options; }
    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] bool wasAborted() const { return m_aborted; }
    [[nodiscard]] bool closeRequested() const { return m_closeRequested; }
    [[nodiscard]] bool tlsRequested() const { return m_tlsRequested; }
    [[nodiscard]] QByteArray takeWritten() { return std::exchange(m_written, QByteArray()); }
    [[nodiscard]] const QByteArray &allWritten() const { return m_allWritten; }
    void serverAccepts();  // TCP (and implicit TLS) up
    void serverSends(const QByteArray &bytes);
    void serverCompletesTls();
    void serverCloses();
    void serverFails(const Poplar::Error &error);
    void serverPresentsCertificate(const CertificateProblem &problem);

private:
    TransportOptions m_options;
    QByteArray m_inbox;
    QByteArray m_written;
    QByteArray m_allWritten;
    bool m_open = false;
    bool m_encrypted = false;
    bool m_aborted = false;
    bool m_closeRequested = false;
    bool m_tlsRequested = false;
};

}  // namespace Pop3
