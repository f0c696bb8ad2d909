#pragma once

#include <QString>

class QHostAddress;
class QProcess;

namespace Poplar {

// Waits until a freshly started Dovecot greets ("+OK") on its plain port and
// on its TLS port of `address` (with a handshake that trusts only
// certificatePath and checks that it names `address`), or until process
// exits or timeoutMs pass; *error then says which. Blocking: call it from a
// thread that may wait.
[[nodiscard]] bool waitForDovecotGreetings(QProcess &process, const QHostAddress &address, quint16 plainPort,
    quint16 tlsPort, const QString &certificatePath, int timeoutMs, QString *error);

}  // namespace Poplar
