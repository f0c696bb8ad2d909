#pragma once

#include "accounts/Discovery.h"
#include "pop3/Pop3Connection.h"
#include "smtp/SmtpConnection.h"
#include "net/TlsTypes.h"

#include <QString>
#include <QStringList>

namespace Poplar::Ui {

// How a link is secured, in words ("TLS", "STARTTLS", "not encrypted").
[[nodiscard]] QString securityText(Net::Security security);
// "pop.example.org, port 995, TLS"
[[nodiscard]] QString serverText(const QString &host, quint16 port, Net::Security security);
// A server a discovery found, as its list shows it: where it is, and what
// speaks against it ("not encrypted", "outside <domain>", an untrusted
// certificate).
[[nodiscard]] QString foundServerText(const Accounts::DiscoveredServer &server, const QString &domain);

// What a server offers, one sentence per feature, for people rather than
// protocol experts. Server-given names (mechanisms, software) are escaped.
[[nodiscard]] QStringList capabilityTexts(const Pop3::ServerInfo &server);
// The same for an outgoing (submission) server.
[[nodiscard]] QStringList capabilityTexts(const Smtp::ServerInfo &server);

}  // namespace Poplar::Ui
