#pragma once

#include <QString>

namespace Poplar {

// The dovecot.conf of a private, self-contained POP3 server: everything
// (sockets, state, logs, passwd-file, certificate) under one directory,
// listening on one address only (127.0.0.1 unless told otherwise), nothing
// read from /etc/dovecot.
struct DovecotConfig {
    QString directory;      // holds run/, state/, passwd, cert.pem, key.pem, dh.pem
    QString instanceName;   // processes are titled "dovecot-<instanceName>/..."
    QString loginUser;      // default_login_user
    QString internalUser;   // default_internal_user
    QString internalGroup;  // default_internal_group (not as root)
    bool asRoot = false;    // as root: keep the default chroots, no internal group
    uint mailUid = 0;       // the only uid and gid mail is accessed as
    uint mailGid = 0;
    quint16 plainPort = 0;  // pop3 (STLS offered)
    quint16 tlsPort = 0;    // pop3s (implicit TLS)
    QString listenAddress = QStringLiteral("127.0.0.1");  // every listener, nothing else
    // SMTP submission (RFC 6409) when submissionPort is set: STARTTLS on
    // submissionPort, implicit TLS on submissionsPort, relaying every
    // message to the SMTP server on listenAddress:relayPort.
    quint16 submissionPort = 0;
    quint16 submissionsPort = 0;
    quint16 relayPort = 0;

    [[nodiscard]] QString text() const;
};

}  // namespace Poplar
