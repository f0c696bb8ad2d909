#pragma once

#include "net/Connection.h"
#include "net/TlsTypes.h"

#include <QString>
#include <QStringList>

namespace Poplar::Ui {

// How a link is secured, in words ("TLS", "STARTTLS", "not encrypted").
[[nodiscard]] QString securityText(Pop3::Security security);
// "pop.example.org, port 995, TLS"
[[nodiscard]] QString serverText(const QString &host, quint16 port, Pop3::Security security);
// What a server offers, one sentence per feature, for people rather than
// protocol experts. Server-given names (mechanisms, software) are escaped.
[[nodiscard]] QStringList capabilityTexts(const Pop3::ServerInfo &server);

}  // namespace Poplar::Ui
