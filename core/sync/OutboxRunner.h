#pragma once

#include "accounts/Account.h"
#include "net/TlsTypes.h"
#include "sync/OutboxSender.h"

#include <QObject>
#include <QPointer>

#include <map>
#include <memory>
#include <mutex>

class QThread;

namespace Store {
class MailStore;
}

namespace Sync {

class PasswordSource;

// Sends accounts' outboxes in the background: each run an OutboxSender on a
// thread of its own (its store writes wait for the disk there, never on the
// caller's thread), the password read on the caller's thread only once
// something is due. What the desktop app and `poplar-cli watch` call with
// every check and when the network returns.
class OutboxRunner : public QObject
{
    Q_OBJECT
public:
    // Neither is owned; both outlive the runner.
    OutboxRunner(Store::MailStore &store, PasswordSource &passwords, QObject *parent = nullptr);
    // Running senders are cancelled (a message past its dot stays in doubt)
    // and their threads ended.
    ~OutboxRunner() override;

    // Sends what the account has due, unless it has no outgoing server or a
    // run of it is going on here already.
    void send(const Accounts::Account &account);
    [[nodiscard]] bool isSending(qint64 accountId) const { return m_runs.count(accountId) > 0; }
    void cancelAll();

Q_SIGNALS:
    void messageSent(qint64 accountId, qint64 outboxId);
    void certificateRefused(qint64 accountId, const Net::CertificateProblem &problem);
    void finished(qint64 accountId, const Sync::OutboxSender::Report &report);

private:
    // What this thread and a sender's share: once `finished` is set (in the
    // sender's thread, under the mutex) nothing is posted to the sender.
    struct Shared {
        std::mutex mutex;
        bool cancelled = false;
        bool finished = false;
    };
    struct Run {
        OutboxSender *sender = nullptr;  // lives in `thread`, deletes itself there when finished
        QPointer<QThread> thread;
        std::shared_ptr<Shared> shared;
    };
    void cancel(Run &run);
    void stop(Run &run);

    Store::MailStore &m_store;
    PasswordSource &m_passwords;
    std::map<qint64, Run> m_runs;
};

}  // namespace Sync
