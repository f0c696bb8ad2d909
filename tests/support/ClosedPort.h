#pragma once

// Test support: a port on 127.0.0.1 where nothing listens (for refused
// connections).

#include <QHostAddress>
#include <QTcpServer>

namespace PoplarTest {

[[nodiscard]] inline quint16 closedPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost))
        return 1;
    const quint16 port = s.serverPort();
    s.close();
    return port;
}

}  // namespace PoplarTest
