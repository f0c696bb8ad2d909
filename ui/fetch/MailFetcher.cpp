#include "fetch/MailFetcher.h"

#include "accounts/AccountStore.h"
#include "accounts/CredentialStore.h"
#include "sync/FetchLauncher.h"
#include "sync/Ledger.h"

#include <QPointer>
#include <QTimer>

#include <memory>
#include <utility>

namespace Poplar::Ui {

MailFetcher::MailFetcher(Store::MailStore &store, Accounts::CredentialStore &keychain,
    Sync::FetchJob::Options fetchOptions, Sync::Scheduler::Options schedulerOptions, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_keychain(keychain)
    , m_session(std::make_unique<Accounts::SessionCredentialStore>())
    , m_launcher(std::make_unique<Sync::FetchLauncher>(store, keychain, std::move(fetchOptions)))
{
    m_launcher->setSessionStore(m_session.get());
    m_scheduler = std::make_unique<Sync::Scheduler>(store, m_launcher->launch(), std::move(schedulerOptions));
    connect(m_launcher.get(), &Sync::FetchLauncher::started, this, &MailFetcher::onStarted);
    connect(&m_launcher->outbox(), &Sync::OutboxRunner::finished, this,
        [this](qint64 accountId, const Sync::OutboxSender::Report &report) {
            Q_EMIT outboxFinished(accountId, report);
            // Asked to send while that run went on (it had read its list
            // already): once more, for what came since.
            if (m_sendAgain.remove(accountId))
                sendNow(accountId);
        });
    connect(m_scheduler.get(), &Sync::Scheduler::fetchFinished, this, &MailFetcher::onFinished);
    connect(m_scheduler.get(), &Sync::Scheduler::stateChanged, this, [this](qint64 id, Sync::Scheduler::State state) {
        m_status[id].state = state;
        Q_EMIT statusChanged(id);
    });
    connect(m_scheduler.get(), &Sync::Scheduler::credentialsNeeded, this, &MailFetcher::passwordNeeded);
    connect(m_scheduler.get(), &Sync::Scheduler::accountStopped, this, &MailFetcher::accountStopped);
}

MailFetcher::~MailFetcher()
{
    // Running fetches stop (what arrived is kept) before the scheduler goes.
    m_launcher->cancelAll();
}

Poplar::Status MailFetcher::loadAccounts()
{
    auto accounts = Accounts::AccountStore(m_store).list();
    if (!accounts)
        return accounts.error();
    m_accounts = *accounts;
    return {};
}

Poplar::Status MailFetcher::start()
{
    if (auto st = loadAccounts(); !st)
        return st;
    return m_scheduler->start();
}

Poplar::Status MailFetcher::reloadAccounts()
{
    if (auto st = loadAccounts(); !st)
        return st;
    return m_scheduler->reloadAccounts();
}

bool MailFetcher::anyRunning() const
{
    for (const AccountStatus &s : m_status) {
        if (s.running)
            return true;
    }
    return false;
}

void MailFetcher::getMailNow()
{
    QList<qint64> held;
    for (const Accounts::Account &a : m_accounts) {
        if (!a.enabled)
            continue;
        const Sync::Scheduler::State state = m_scheduler->state(a.id);
        if (state == Sync::Scheduler::State::NeedsPassword)
            Q_EMIT passwordNeeded(a.id, m_status.value(a.id).lastError);
        else if (state != Sync::Scheduler::State::Running
            && m_scheduler->getMailNow(a.id) == Sync::Scheduler::Request::Deferred)
            held << a.id;
    }
    if (!held.isEmpty())
        Q_EMIT loginDelayHolds(held);
}

Sync::Scheduler::Request MailFetcher::getMailNow(qint64 accountId)
{
    const Sync::Scheduler::Request request = m_scheduler->getMailNow(accountId);
    if (request == Sync::Scheduler::Request::Deferred)
        Q_EMIT loginDelayHolds({ accountId });
    return request;
}

void MailFetcher::getMailIgnoringLoginDelay(qint64 accountId)
{
    m_launcher->ignoreLoginDelayOnce(accountId);
    const Sync::Scheduler::Request request = m_scheduler->getMailNow(accountId, true);
    // Not launched (running already, or gone): the next fetch obeys LOGIN-DELAY again.
    if (request == Sync::Scheduler::Request::AlreadyRunning || request == Sync::Scheduler::Request::NotScheduled)
        m_launcher->ignoreLoginDelayOnce(accountId, false);
}

void MailFetcher::cancel(qint64 accountId)
{
    m_launcher->cancel(accountId);
}

void MailFetcher::cancelAll()
{
    m_launcher->cancelAll();
}

void MailFetcher::onStarted(qint64 accountId, Sync::FetchJob *job)
{
    if (!std::exchange(m_roundOpen, true))
        m_round = {};
    AccountStatus &s = m_status[accountId];
    s.running = true;
    s.stage = job->stage();
    s.progress = {};
    connect(job, &Sync::ServerDialogue::stageChanged, this, [this, accountId](Sync::Stage stage) {
        m_status[accountId].stage = stage;
        Q_EMIT statusChanged(accountId);
    });
    connect(job, &Sync::FetchJob::progress, this, [this, accountId](const Sync::Progress &p) {
        Sync::Progress &shown = m_status[accountId].progress;
        const bool stored = p.stored > shown.stored;
        shown = p;
        Q_EMIT statusChanged(accountId);
        if (stored)
            Q_EMIT mailStored(accountId);
    });
    Q_EMIT statusChanged(accountId);
}

void MailFetcher::onFinished(qint64 accountId, const Sync::FetchReport &report)
{
    const int stored = report.stored + report.storedPartial;
    // A fetch that could not even start (no password saved) has a round too.
    if (!std::exchange(m_roundOpen, true))
        m_round = {};
    m_round.accounts.removeAll(accountId);
    m_round.accounts << accountId;
    m_round.newMessages += stored;
    m_round.failed.removeAll(accountId);
    if (report.error.code == Poplar::ErrorCode::None)
        ++m_round.succeeded;
    else if (report.error.code == Poplar::ErrorCode::Cancelled)
        ++m_round.cancelled;
    else
        m_round.failed << accountId;
    {
        AccountStatus &s = m_status[accountId];  // not kept across the signals: they may add entries
        s.running = false;
        s.lastStored = stored;
        s.notGiven = report.messageErrors;
        s.troublesome = report.troublesome;
        s.failedDuring = report.failedDuring;
        if (report.error.code == Poplar::ErrorCode::None) {
            s.lastError = {};
            s.lastSuccess = QDateTime::currentDateTimeUtc();
        } else if (report.error.code != Poplar::ErrorCode::Cancelled) {
            s.lastError = report.error;
        }
    }
    Q_EMIT statusChanged(accountId);
    Q_EMIT fetchFinished(accountId, report);
    if (report.certificate)
        Q_EMIT certificateProblem(accountId, *report.certificate);
    if (stored > 0)
        Q_EMIT mailArrived(accountId, stored);
    // Another account may start in the same turn of the event loop.
    QTimer::singleShot(0, this, &MailFetcher::endRoundIfIdle);
}

void MailFetcher::endRoundIfIdle()
{
    if (!m_roundOpen || anyRunning())
        return;
    m_roundOpen = false;
    m_round.finishedAt = QDateTime::currentDateTime();
    m_lastCheck = m_round;
    Q_EMIT checkFinished(m_lastCheck);
}

void MailFetcher::sendNow(qint64 accountId)
{
    const auto a = account(accountId);
    if (!a || !a->smtp.isSet())
        return;
    if (m_launcher->outbox().isSending(accountId)) {
        m_sendAgain.insert(accountId);
        return;
    }
    m_launcher->outbox().send(*a);
}

std::optional<Accounts::Account> MailFetcher::account(qint64 accountId) const
{
    for (const Accounts::Account &a : m_accounts) {
        if (a.id == accountId)
            return a;
    }
    return std::nullopt;
}

void MailFetcher::passwordSaved(qint64 accountId)
{
    const std::optional<Accounts::Account> a = account(accountId);
    if (!a)
        return;
    // The keychain holds the new one: an answer given for this run must not win over it.
    QPointer<MailFetcher> self(this);
    m_session->remove(a->credentialKey, [self, accountId](Poplar::Status) {
        if (self)
            self->getMailNow(accountId);
    });
}

void MailFetcher::providePassword(qint64 accountId, Poplar::Secret password, bool remember)
{
    const std::optional<Accounts::Account> a = account(accountId);
    if (!a)
        return;
    const QString key = a->credentialKey;
    QPointer<MailFetcher> self(this);
    auto useForThisRun = [self, key, accountId](Poplar::Secret secret) {
        self->m_session->write(key, std::move(secret), [self, accountId](Poplar::Status) {
            if (self)
                self->getMailNow(accountId);
        });
    };
    if (!remember)
        return useForThisRun(std::move(password));
    // Kept until the keychain answers, for this run if it fails (shared: the
    // answer is a copyable std::function); it wipes itself with the answer.
    auto kept = std::make_shared<Poplar::Secret>(password.clone());
    m_keychain.write(key, std::move(password), [self, key, accountId, kept, useForThisRun](Poplar::Status saved) {
        if (!self)
            return;
        if (!saved) {
            Q_EMIT self->keychainFailed(accountId, saved.error());
            useForThisRun(std::move(*kept));
        } else {
            // The keychain holds it now; an older answer for this run must not win over it.
            self->m_session->remove(key, [self, accountId](Poplar::Status) {
                if (self)
                    self->getMailNow(accountId);
            });
        }
    });
}

void MailFetcher::answerCertificate(
    qint64 accountId, const Net::CertificateProblem &problem, Net::CertificateDecision decision)
{
    switch (decision) {
    case Net::CertificateDecision::Reject: return;
    case Net::CertificateDecision::AcceptOnce: m_launcher->acceptCertificateOnce(accountId, problem.sha256); break;
    case Net::CertificateDecision::Pin: {
        Accounts::AccountStore accounts(m_store);
        auto account = accounts.byId(accountId);
        if (!account)
            return;
        Accounts::Account pinned = *account;
        pinned.pinnedSha256 = problem.sha256;
        if (auto st = accounts.update(pinned); !st) {
            AccountStatus &s = m_status[accountId];
            s.lastError = st.error();
            Q_EMIT statusChanged(accountId);
            return;
        }
        (void)reloadAccounts();
        break;
    }
    }
    getMailNow(accountId);
}

void MailFetcher::runRemote(qint64 messageId, Sync::RemoteAction action)
{
    auto fail = [this, messageId, action](const Poplar::Error &error) {
        Sync::RemoteReport report;
        report.error = error;
        QMetaObject::invokeMethod(
            this, [this, messageId, action, report] { Q_EMIT remoteFinished(messageId, action, report); },
            Qt::QueuedConnection);
    };
    auto row = Sync::RemoteMessageJob::locate(m_store, messageId);
    if (!row)
        return fail(row.error());
    const std::optional<Accounts::Account> owner = account(row->accountId);
    if (!owner)
        return fail(Poplar::Error(Poplar::ErrorCode::NotFound, QStringLiteral("the message's account is gone")));
    QPointer<MailFetcher> self(this);
    m_launcher->passwords().read(
        *owner, [self, messageId, action, owner = *owner, fail](Poplar::Result<Poplar::Secret> secret) {
            if (!self)
                return;
            if (!secret)
                return fail(secret.error());
            auto *job = new Sync::RemoteMessageJob(self->m_store, owner,
                Accounts::credentials(owner, std::move(secret).value()), messageId, action,
                Sync::RemoteMessageJob::Options {}, self);
            connect(job, &Sync::RemoteMessageJob::finished, self,
                [self, job, messageId, action](const Sync::RemoteReport &r) {
                    job->deleteLater();
                    Q_EMIT self->remoteFinished(messageId, action, r);
                });
            job->start();
        });
}

}  // namespace Poplar::Ui
