#include "sync/OutboxRunner.h"

#include "store/Store.h"
#include "sync/PasswordSource.h"

#include <QThread>

namespace Sync {

OutboxRunner::OutboxRunner(Store::MailStore &store, PasswordSource &passwords, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_passwords(passwords)
{ }

OutboxRunner::~OutboxRunner()
{
    for (auto &[id, run] : m_runs)
        stop(run);
}

void OutboxRunner::cancelAll()
{
    for (auto &[id, run] : m_runs)
        cancel(run);
}

void OutboxRunner::cancel(Run &run)
{
    std::lock_guard lock(run.shared->mutex);
    if (run.shared->cancelled || run.shared->finished)
        return;
    run.shared->cancelled = true;
    QMetaObject::invokeMethod(run.sender, &OutboxSender::cancel, Qt::QueuedConnection);
}

void OutboxRunner::stop(Run &run)
{
    cancel(run);
    if (run.thread) {
        run.thread->wait();
        delete run.thread.data();
    }
}

void OutboxRunner::send(const Accounts::Account &account)
{
    if (!account.smtp.isSet() || m_runs.count(account.id))
        return;
    auto settings = Accounts::smtpConnectionSettings(account);
    const qint64 id = account.id;
    if (!settings) {
        OutboxSender::Report report;
        report.error = settings.error();
        QMetaObject::invokeMethod(this, [this, id, report] { Q_EMIT finished(id, report); }, Qt::QueuedConnection);
        return;
    }
    auto *thread = new QThread;
    thread->setObjectName(QStringLiteral("outbox-%1").arg(id));
    auto *sender = new OutboxSender(&m_store, id, *settings);
    sender->moveToThread(thread);
    m_runs[id] = Run { sender, thread, std::make_shared<Shared>() };

    // The sender's signals come from its thread: each is carried over to
    // this one with its values (no metatype needed). The runner outlives
    // every sender's thread (its destructor waits for them).
    QPointer<OutboxRunner> self(this);
    auto shared = m_runs[id].shared;
    connect(thread, &QThread::started, sender, &OutboxSender::start);
    connect(sender, &OutboxSender::credentialsNeeded, sender, [self, sender, account, shared] {
        QMetaObject::invokeMethod(
            self.data(),
            [self, sender, account, shared] {
                {
                    std::lock_guard lock(shared->mutex);
                    if (shared->cancelled || shared->finished)
                        return;  // no keychain prompt for a run that is over
                }
                self->m_passwords.read(
                    account,
                    [self, sender, account, shared](Poplar::Result<Poplar::Secret> secret) {
                        std::lock_guard lock(shared->mutex);
                        if (!self || shared->cancelled || shared->finished)
                            return;
                        if (secret) {
                            QMetaObject::invokeMethod(
                                sender,
                                [sender, c = Accounts::smtpCredentials(account, std::move(secret).value())]() mutable {
                                    sender->provideCredentials(std::move(c));
                                },
                                Qt::QueuedConnection);
                        } else {
                            QMetaObject::invokeMethod(
                                sender, [sender, e = secret.error()] { sender->credentialsUnavailable(e); },
                                Qt::QueuedConnection);
                        }
                    },
                    PasswordSource::Server::Outgoing);
            },
            Qt::QueuedConnection);
    }, Qt::DirectConnection);
    connect(sender, &OutboxSender::messageSent, sender, [self, id](qint64 row) {
        QMetaObject::invokeMethod(
            self.data(), [self, id, row] { Q_EMIT self->messageSent(id, row); }, Qt::QueuedConnection);
    }, Qt::DirectConnection);
    connect(sender, &OutboxSender::certificateRefused, sender, [self, id](const Net::CertificateProblem &p) {
        QMetaObject::invokeMethod(
            self.data(), [self, id, p] { Q_EMIT self->certificateRefused(id, p); }, Qt::QueuedConnection);
    }, Qt::DirectConnection);
    connect(sender, &OutboxSender::finished, sender, [self, sender, id, shared](const OutboxSender::Report &report) {
        {
            // Nothing is posted to the sender from now on; it goes once
            // this returns, in its own thread, which then ends.
            std::lock_guard lock(shared->mutex);
            shared->finished = true;
            sender->deleteLater();
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, id, report] {
                auto it = self->m_runs.find(id);
                if (it != self->m_runs.end()) {
                    QPointer<QThread> ended = it->second.thread;
                    self->m_runs.erase(it);
                    if (ended) {
                        ended->wait();  // it is ending: its sender is gone
                        delete ended.data();
                    }
                }
                Q_EMIT self->finished(id, report);
            },
            Qt::QueuedConnection);
    }, Qt::DirectConnection);
    connect(sender, &QObject::destroyed, thread, &QThread::quit, Qt::DirectConnection);
    thread->start();
}

}  // namespace Sync
