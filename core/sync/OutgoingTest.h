#pragma once

#include "common/Error.h"
#include "net/TlsTypes.h"
#include "sasl/Mechanism.h"
#include "smtp/SmtpConnection.h"

#include <QObject>

#include <memory>
#include <optional>

namespace Sync {

// What an OutgoingTest found out.
struct OutgoingTestReport {
    Poplar::Error error;                                 // None: it passed
    std::optional<Smtp::ServerInfo> server;              // greeting, EHLO capabilities, TLS (once open)
    std::optional<Sasl::Mechanism> mechanism;            // how it logged in
    std::optional<Net::CertificateProblem> certificate;  // a certificate put to the caller
    QByteArray pinnedSha256;                             // the caller chose to pin it
    QString protocolLog;                                 // the conversation, secrets masked
};

// Does an outgoing (SMTP submission) server work? Connect, EHLO, STARTTLS
// or implicit TLS (a certificate the system does not trust is put to the
// caller: certificateQuestion(), answered by answerCertificate()), log in,
// QUIT. Sends nothing. Without credentials it stops after EHLO: what does
// the server offer? finished() follows exactly once, never from inside
// start() or cancel().
class OutgoingTest : public QObject
{
    Q_OBJECT
public:
    OutgoingTest(Smtp::ConnectionSettings settings, std::optional<Sasl::Credentials> credentials,
        Smtp::Connection::TransportFactory factory = {}, QObject *parent = nullptr);
    ~OutgoingTest() override;

    void start();
    void cancel();
    // The answer to certificateQuestion(): Reject ends the test; AcceptOnce
    // and Pin go on trusting that certificate.
    void answerCertificate(Net::CertificateDecision decision);

    [[nodiscard]] const OutgoingTestReport &report() const { return m_report; }

Q_SIGNALS:
    void serverOpened(const Smtp::ServerInfo &info);
    void certificateQuestion(const Net::CertificateProblem &problem);
    void loggedIn(Sasl::Mechanism mechanism);
    void finished(const Sync::OutgoingTestReport &report);

private:
    void finish(const Poplar::Error &error);

    Smtp::ConnectionSettings m_settings;
    std::optional<Sasl::Credentials> m_credentials;
    Smtp::Connection::TransportFactory m_factory;
    std::unique_ptr<Smtp::Connection> m_connection;
    OutgoingTestReport m_report;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_opening = false;  // open() was called: the connection hears a cancel itself
};

}  // namespace Sync

Q_DECLARE_METATYPE(Sync::OutgoingTestReport)
