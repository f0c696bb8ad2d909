#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QHostAddress;
class QProcess;

namespace Poplar {

// One listener to check: its port, whether it speaks TLS from the first
// byte, and how its greeting starts ("+OK" for POP3, "220 " for SMTP).
struct GreetingCheck {
    quint16 port = 0;
    bool tls = false;
    QByteArray prefix;
};

// Waits until a freshly started Dovecot greets on each listener of
// `address` (TLS ones with a handshake that trusts only certificatePath and
// checks that it names `address`), or until process exits or timeoutMs
// pass; *error then says which. Blocking: call it from a thread that may wait.
[[nodiscard]] bool waitForDovecotGreetings(QProcess &process, const QHostAddress &address,
    const QList<GreetingCheck> &checks, const QString &certificatePath, int timeoutMs, QString *error);

}  // namespace Poplar
