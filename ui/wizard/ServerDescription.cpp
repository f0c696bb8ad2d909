#include "wizard/ServerDescription.h"

#include "common/ServerText.h"

#include <QCoreApplication>

namespace Poplar::Ui {

namespace {
class ServerDescription
{
    Q_DECLARE_TR_FUNCTIONS(ServerDescription)
};
}  // namespace

QString securityText(Net::Security security)
{
    switch (security) {
    case Net::Security::ImplicitTls: return ServerDescription::tr("TLS");
    case Net::Security::StartTls: return ServerDescription::tr("STARTTLS");
    case Net::Security::None: return ServerDescription::tr("not encrypted");
    }
    return {};
}

QString serverText(const QString &host, quint16 port, Net::Security security)
{
    return ServerDescription::tr("%1, port %2, %3")
        .arg(escapeUntrusted(host.toUtf8()))
        .arg(port)
        .arg(securityText(security));
}

QStringList capabilityTexts(const Pop3::ServerInfo &server)
{
    using Tr = ServerDescription;
    const Pop3::Capabilities &c = server.capabilities;
    QStringList out;
    if (server.tls.encrypted)
        out << Tr::tr("The connection is encrypted (%1).").arg(escapeUntrusted(server.tls.protocol.toUtf8()));
    else
        out << Tr::tr("The connection is not encrypted: your password and mail could be read on the way.");
    if (!c.capaSupported) {
        out << Tr::tr("The server does not say what it supports; Poplar uses the basic commands only.");
        return out;
    }
    out << (c.uidl ? Tr::tr("Can leave mail on the server and tell messages apart (UIDL).")
                   : Tr::tr("Cannot tell messages apart (no UIDL): leaving mail on the server needs a fallback."));
    if (c.top)
        out << Tr::tr("Can send just the beginning of a message (TOP), for large messages.");
    if (c.pipelining)
        out << Tr::tr("Can take several requests at once (PIPELINING), for faster downloads.");
    QStringList methods;
    for (const QByteArray &m : c.saslMechanisms)
        methods << escapeUntrusted(m);
    if (c.user)
        methods << Tr::tr("user name and password (USER)");
    if (!server.apopTimestamp.isEmpty())
        methods << QStringLiteral("APOP");
    out << (methods.isEmpty() ? Tr::tr("Sign-in methods: none announced.")
                              : Tr::tr("Sign-in methods: %1.").arg(methods.join(QStringLiteral(", "))));
    if (c.loginDelaySeconds && *c.loginDelaySeconds > 0) {
        const int minutes = (*c.loginDelaySeconds + 59) / 60;
        out << Tr::tr("Allows checking for mail at most every %n minute(s) (LOGIN-DELAY).", nullptr, minutes);
    }
    switch (c.expire) {
    case Pop3::Capabilities::Expire::Unspecified: break;
    case Pop3::Capabilities::Expire::Never: out << Tr::tr("Keeps mail until it is deleted (EXPIRE NEVER)."); break;
    case Pop3::Capabilities::Expire::Days:
        out << (c.expireDays == 0
                ? Tr::tr("Deletes mail as soon as it was downloaded (EXPIRE 0).")
                : Tr::tr("Deletes mail %n day(s) after it was downloaded (EXPIRE).", nullptr, c.expireDays));
        break;
    }
    if (!c.implementation.isEmpty())
        out << Tr::tr("Server software: %1.").arg(escapeUntrusted(c.implementation));
    return out;
}

}  // namespace Poplar::Ui
