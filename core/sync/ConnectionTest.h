#pragma once

#include "common/Error.h"
#include "net/TlsTypes.h"
#include "pop3/Pop3Connection.h"
#include "sync/ServerDialogue.h"

#include <optional>

namespace Sync {

// What a ConnectionTest found out.
struct ConnectionTestReport {
    Poplar::Error error;                                 // None: it passed
    std::optional<Pop3::ServerInfo> server;              // greeting, capabilities, TLS (once the link opened)
    std::optional<Pop3::Mechanism> mechanism;            // how it logged in
    std::optional<quint32> messageCount;                 // STAT: the messages in the mailbox…
    std::optional<quint64> mailboxSize;                  // …and their octets
    std::optional<Net::CertificateProblem> certificate;  // a certificate put to the caller
    QByteArray pinnedSha256;                             // the caller chose to pin it (keep the pin with the account)
    QString protocolLog;                                 // the conversation, secrets masked
};

// Connect, capabilities, TLS (a certificate the system does not trust is
// put to the caller: certificateQuestion(), answered by
// answerCertificate()), log in, STAT, QUIT: does an account work? Changes
// nothing on the server or here. Without credentials (no user) it stops
// after the capabilities: what does the server offer? One test per object;
// finished() follows exactly once, never from inside start() or cancel().
class ConnectionTest : public ServerDialogue
{
    Q_OBJECT
public:
    // No factory: TCP/TLS.
    ConnectionTest(Pop3::ConnectionSettings settings, std::optional<Pop3::Credentials> credentials,
        Pop3::Connection::TransportFactory factory = {}, QObject *parent = nullptr);
    ~ConnectionTest() override;

    // The answer to certificateQuestion(), at any time after it: Reject
    // ends the test; AcceptOnce and Pin go on trusting that certificate.
    void answerCertificate(Net::CertificateDecision decision);
    using ServerDialogue::cancel;
    using ServerDialogue::start;

    [[nodiscard]] const ConnectionTestReport &report() const { return m_report; }

Q_SIGNALS:
    // The link is open (greeting, capabilities, TLS); logging in follows.
    void serverOpened(const Pop3::ServerInfo &info);
    void certificateQuestion(const Net::CertificateProblem &problem);
    void loggedIn(Pop3::Mechanism mechanism);
    void finished(const Sync::ConnectionTestReport &report);

private:
    void begin() override;
    void linkOpened() override;
    void askCertificate(const Net::CertificateProblem &problem) override;
    void work() override;
    void quitConfirmed() override;
    void linkLost(const Poplar::Error &error, bool quitWasSent) override;
    void releasing(ServerLink *going) override;
    void ended() override;

    Pop3::ConnectionSettings m_settings;
    Pop3::Connection::TransportFactory m_factory;
    bool m_login = false;
    ConnectionTestReport m_report;
};

}  // namespace Sync

Q_DECLARE_METATYPE(Sync::ConnectionTestReport)
