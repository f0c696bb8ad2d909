#pragma once

#include "pop3/Pop3Connection.h"
#include "sync/ServerLink.h"

namespace Sync {

// A Pop3::Connection as a ServerLink: the skeleton's steps go through the
// link, a POP3 job's own work (STAT, LIST, RETR, DELE…) through
// connection(), which lives as long as the link.
class Pop3Link final : public ServerLink
{
    Q_OBJECT
public:
    // No factory: TCP/TLS.
    Pop3Link(const Pop3::ConnectionSettings &settings, const Pop3::Connection::TransportFactory &factory,
        QObject *parent = nullptr);

    void open() override;
    void answerCertificate(Net::CertificateDecision decision) override;
    void login(const Pop3::Credentials &credentials) override;
    void quit() override;
    void cancel() override;
    [[nodiscard]] bool isOpen() const override;
    [[nodiscard]] bool quitSent() const override;
    [[nodiscard]] QString protocolLogText() const override;

    [[nodiscard]] Pop3::Connection &connection() const { return *m_connection; }

private:
    Pop3::Connection *m_connection = nullptr;  // a child
};

// The POP3 connection behind `link` (which must be a Pop3Link).
[[nodiscard]] Pop3::Connection &pop3Of(ServerLink *link);

}  // namespace Sync
