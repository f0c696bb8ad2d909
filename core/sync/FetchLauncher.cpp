#include "sync/FetchLauncher.h"

namespace Sync {

using Poplar::ErrorCode;

FetchLauncher::FetchLauncher(
    Store::MailStore &store, Accounts::CredentialStore &keychain, FetchJob::Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_passwords(keychain)
    , m_options(std::move(options))
    , m_outbox(std::make_unique<OutboxRunner>(store, m_passwords))
{ }

FetchLauncher::~FetchLauncher()
{
    for (auto &[id, job] : m_jobs) {
        if (job) {
            job->disconnect(this);
            delete job.data();  // stops the link; batches being stored finish first
        }
    }
}

Scheduler::Launch FetchLauncher::launch()
{
    QPointer<FetchLauncher> self(this);
    return [self](const Accounts::Account &account, Scheduler::Done done) {
        if (!self) {
            FetchReport report;
            report.error = Poplar::Error(ErrorCode::Cancelled);
            return done(report);
        }
        self->run(account, std::move(done));
    };
}

void FetchLauncher::run(const Accounts::Account &account, Scheduler::Done done)
{
    m_outbox->send(account);  // nothing when it has no outgoing server or nothing is due
    QPointer<FetchLauncher> self(this);
    m_passwords.read(account, [self, account, done](Poplar::Result<Poplar::Secret> secret) mutable {
        if (!self)
            return;
        if (secret)
            return self->runWith(account, std::move(secret).value(), std::move(done));
        FetchReport report;
        report.error = secret.error();
        done(report);
    });
}

void FetchLauncher::acceptCertificateOnce(qint64 accountId, const QByteArray &sha256)
{
    m_acceptOnce[accountId] = sha256;
}

void FetchLauncher::ignoreLoginDelayOnce(qint64 accountId, bool ignore)
{
    if (ignore)
        m_ignoreDelayOnce.insert(accountId);
    else
        m_ignoreDelayOnce.erase(accountId);
}

void FetchLauncher::runWith(const Accounts::Account &saved, Poplar::Secret secret, Scheduler::Done done)
{
    Accounts::Account account = saved;
    if (auto once = m_acceptOnce.find(account.id); once != m_acceptOnce.end()) {
        account.pinnedSha256 = once->second;  // this fetch only
        m_acceptOnce.erase(once);
    }
    FetchJob::Options options = m_options;
    options.ignoreLoginDelay = m_ignoreDelayOnce.erase(account.id) > 0;
    auto *job = new FetchJob(m_store, account, Accounts::credentials(account, std::move(secret)), options, this);
    const qint64 id = account.id;
    m_jobs[id] = job;
    connect(job, &FetchJob::finished, this, [this, id, job, done](const FetchReport &report) {
        auto it = m_jobs.find(id);
        if (it != m_jobs.end() && it->second == job)
            m_jobs.erase(it);
        job->deleteLater();
        done(report);
    });
    Q_EMIT started(id, job);
    job->start();
}

void FetchLauncher::cancel(qint64 accountId)
{
    auto it = m_jobs.find(accountId);
    if (it != m_jobs.end() && it->second)
        it->second->cancel();
}

void FetchLauncher::cancelAll()
{
    for (auto &[id, job] : m_jobs) {
        if (job)
            job->cancel();
    }
}

}  // namespace Sync
