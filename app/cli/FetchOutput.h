#pragma once

#include "accounts/Account.h"
#include "sync/FetchJob.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QTextStream>

// What the fetch, download-rest / delete-from-server and watch commands
// print about a fetch, in one translation context.
namespace Poplar::Cli {

class FetchText
{
    Q_DECLARE_TR_FUNCTIONS(FetchText)
};

// Text from a server or a message, escaped for a terminal.
QString safe(const QString &s);

// A size as people read it (1.2 MB).
QString bytesText(quint64 bytes);

// When LOGIN-DELAY allows the next login, and (to a command run once) how
// to log in anyway.
void printLoginDelay(QTextStream &err, const QString &account, const QDateTime &notBefore, bool oneShot);

// `oneShot`: a command run once (fetch), not watch, whose scheduler tries again.
void printResult(
    QTextStream &out, QTextStream &err, const Accounts::Account &a, const Sync::FetchReport &r, bool oneShot);

}  // namespace Poplar::Cli
