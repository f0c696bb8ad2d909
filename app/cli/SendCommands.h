#pragma once

#include "sync/OutboxSender.h"

#include <QStringList>
#include <QTextStream>

namespace Store {
class MailStore;
}

namespace Poplar::Cli {

// poplar-cli send: writes a message (or takes a prepared .eml), puts it in
// the outbox and, unless --later, sends the account's outbox now.
int runSend(const QStringList &arguments);

// poplar-cli outbox [list] | send | resolve | retry | remove.
int runOutbox(const QStringList &arguments);

// What sending an account's outbox did: a line, and each refused message
// and each in doubt with what to do. Its exit code.
int printSendReport(QTextStream &out, QTextStream &err, Store::MailStore &store, const QString &accountName,
    const Sync::OutboxSender::Report &report);

}  // namespace Poplar::Cli
