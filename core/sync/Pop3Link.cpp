#include "sync/Pop3Link.h"

namespace Sync {

Pop3Link::Pop3Link(
    const Pop3::ConnectionSettings &settings, const Pop3::Connection::TransportFactory &factory, QObject *parent)
    : ServerLink(parent)
    , m_connection(factory ? new Pop3::Connection(settings, factory, this) : new Pop3::Connection(settings, this))
{
    Pop3::Connection *c = m_connection;
    connect(c, &Pop3::Connection::opened, this, &ServerLink::opened);
    connect(c, &Pop3::Connection::certificateDecisionNeeded, this, &ServerLink::certificateDecisionNeeded);
    connect(c, &Pop3::Connection::loggedIn, this, &ServerLink::loggedIn);
    connect(c, &Pop3::Connection::loginFailed, this, &ServerLink::loginFailed);
    connect(c, &Pop3::Connection::quitConfirmed, this, &ServerLink::quitConfirmed);
    connect(c, &Pop3::Connection::failed, this, &ServerLink::failed);
}

void Pop3Link::open()
{
    m_connection->open();
}

void Pop3Link::answerCertificate(Net::CertificateDecision decision)
{
    m_connection->answerCertificate(decision);
}

void Pop3Link::login(const Pop3::Credentials &credentials)
{
    m_connection->login(credentials);
}

void Pop3Link::quit()
{
    m_connection->quit();
}

void Pop3Link::cancel()
{
    m_connection->cancel();
}

bool Pop3Link::isOpen() const
{
    return m_connection->isOpen();
}

bool Pop3Link::quitSent() const
{
    return m_connection->quitSent();
}

QString Pop3Link::protocolLogText() const
{
    return m_connection->protocolLog().toDisplayText();
}

Pop3::Connection &pop3Of(ServerLink *link)
{
    return static_cast<Pop3Link *>(link)->connection();
}

}  // namespace Sync
