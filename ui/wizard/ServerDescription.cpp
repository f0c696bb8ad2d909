#include "wizard/ServerDescription.h"

#include "common/ServerText.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cstdint>

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

QString foundServerText(const Accounts::DiscoveredServer &s, const QString &domain)
{
    QStringList notes;
    if (s.insecure)
        notes << ServerDescription::tr("not encrypted, your password would be readable");
    if (s.outsideDomain)
        notes << ServerDescription::tr("outside %1, named only by DNS").arg(domain);
    if (s.certificateProblem && !s.insecure)
        notes << ServerDescription::tr("certificate not trusted by this computer");
    const QString server = serverText(s.host(), s.port(), s.security());
    return notes.isEmpty() ? server : ServerDescription::tr("%1 — %2").arg(server, notes.join(QStringLiteral("; ")));
}

QStringList capabilityTexts(const Pop3::ServerInfo &server)
{
    const Pop3::Capabilities &c = server.capabilities;
    QStringList out;
    if (server.tls.encrypted)
        out << ServerDescription::tr("The connection is encrypted (%1).").arg(escapeUntrusted(server.tls.protocol.toUtf8()));
    else
        out << ServerDescription::tr("The connection is not encrypted: your password and mail could be read on the way.");
    if (!c.capaSupported) {
        out << ServerDescription::tr("The server does not say what it supports; Poplar uses the basic commands only.");
        return out;
    }
    out << (c.uidl ? ServerDescription::tr("Can leave mail on the server and tell messages apart (UIDL).")
                   : ServerDescription::tr("Cannot tell messages apart (no UIDL): leaving mail on the server needs a fallback."));
    if (c.top)
        out << ServerDescription::tr("Can send just the beginning of a message (TOP), for large messages.");
    if (c.pipelining)
        out << ServerDescription::tr("Can take several requests at once (PIPELINING), for faster downloads.");
    QStringList methods;
    for (const QByteArray &m : c.saslMechanisms)
        methods << escapeUntrusted(m);
    if (c.user)
        methods << ServerDescription::tr("user name and password (USER)");
    if (!server.apopTimestamp.isEmpty())
        methods << QStringLiteral("APOP");
    out << (methods.isEmpty() ? ServerDescription::tr("Sign-in methods: none announced.")
                              : ServerDescription::tr("Sign-in methods: %1.").arg(methods.join(QStringLiteral(", "))));
    if (c.loginDelaySeconds && *c.loginDelaySeconds > 0) {
        const int minutes = (*c.loginDelaySeconds + 59) / 60;
        out << ServerDescription::tr("Allows checking for mail at most every %n minute(s) (LOGIN-DELAY).", nullptr, minutes);
    }
    switch (c.expire) {
    case Pop3::Capabilities::Expire::Unspecified: break;
    case Pop3::Capabilities::Expire::Never: out << ServerDescription::tr("Keeps mail until it is deleted (EXPIRE NEVER)."); break;
    case Pop3::Capabilities::Expire::Days:
        out << (c.expireDays == 0
                ? ServerDescription::tr("Deletes mail as soon as it was downloaded (EXPIRE 0).")
                : ServerDescription::tr("Deletes mail %n day(s) after it was downloaded (EXPIRE).", nullptr, c.expireDays));
        break;
    }
    if (!c.implementation.isEmpty())
        out << ServerDescription::tr("Server software: %1.").arg(escapeUntrusted(c.implementation));
    return out;
}

QStringList capabilityTexts(const Smtp::ServerInfo &server)
{
    const Smtp::Capabilities &c = server.capabilities;
    QStringList out;
    if (server.tls.encrypted)
        out << ServerDescription::tr("The connection is encrypted (%1).").arg(escapeUntrusted(server.tls.protocol.toUtf8()));
    else
        out << ServerDescription::tr("The connection is not encrypted: your password and mail could be read on the way.");
    if (!server.extended) {
        out << ServerDescription::tr("The server does not say what it supports (no EHLO); Poplar cannot sign in to it.");
        return out;
    }
    QStringList methods;
    for (const QByteArray &m : c.authMechanisms)
        methods << escapeUntrusted(m);
    out << (methods.isEmpty() ? ServerDescription::tr("Sign-in methods: none announced.")
                              : ServerDescription::tr("Sign-in methods: %1.").arg(methods.join(QStringLiteral(", "))));
    if (c.size && c.sizeLimit > 0)
        out << ServerDescription::tr("Takes messages of up to %1 (SIZE).")
                   .arg(QLocale().formattedDataSize(qint64(std::min<quint64>(c.sizeLimit, quint64(INT64_MAX)))));
    if (c.pipelining)
        out << ServerDescription::tr("Can take several requests at once (PIPELINING), for faster sending.");
    if (c.smtpUtf8)
        out << ServerDescription::tr("Takes addresses with non-Latin characters (SMTPUTF8).");
    if (!c.domain.isEmpty())
        out << ServerDescription::tr("The server calls itself %1.").arg(escapeUntrusted(c.domain));
    return out;
}

}  // namespace Poplar::Ui
