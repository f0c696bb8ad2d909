#pragma once

#include "net/TlsTypes.h"

#include <QStringList>
#include <QTextStream>

namespace Poplar::Cli {

// `poplar-cli probe`: what a server offers, like a server-info report.
int runProbe(const QStringList &arguments);

// The report on an untrusted or changed certificate, with the fingerprint
// to pass to --fingerprint once the user has checked it.
void printCertificateProblem(QTextStream &err, const Net::CertificateProblem &problem);
// The same for account `accountName`'s outgoing server: the fingerprint to
// save with --smtp-fingerprint.
void printOutgoingCertificateProblem(
    QTextStream &err, const Net::CertificateProblem &problem, const QString &accountName);

}  // namespace Poplar::Cli
