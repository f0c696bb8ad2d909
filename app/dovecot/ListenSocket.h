#pragma once

#include <QHostAddress>
#include <QString>

namespace Poplar {

// A listening TCP socket on `address` (IPv4) with a port the kernel picks,
// for handing to Dovecot through socket activation. Returns the file
// descriptor (close-on-exec) and sets *port, or returns -1 and sets *error.
[[nodiscard]] int listenOnFreePort(const QHostAddress &address, quint16 *port, QString *error);

}  // namespace Poplar
