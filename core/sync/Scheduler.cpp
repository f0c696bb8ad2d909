#include "sync/Scheduler.h"
#include "sync/SyncState.h"

#include "accounts/AccountStore.h"
#include "common/ErrorCategory.h"
#include "store/Database.h"
#include "store/Store.h"

#include <QNetworkInformation>
#include <QPointer>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <utility>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCategory;
using Poplar::ErrorCode;
using Poplar::Status;

namespace {

// A failure to reach the server at all: when the network returns, the
// retry need not wait for its backoff. (A server that sent too slowly was
// reached: the network coming back says nothing about it.)
bool isNetworkError(ErrorCode code)
{
    return Poplar::errorCategory(code) == ErrorCategory::Network && code != ErrorCode::ServerTooSlow;
}

// Everything that decides how, where and what a fetch talks to the server
// about. A change there may cure a stopped account, and is worth a check
// soon; the name, the owner's address and the interval are not.
bool serverFacingChanged(const Accounts::Account &a, const Accounts::Account &b)
{
    return a.host != b.host || a.port != b.port || a.security != b.security || a.insecureConsent != b.insecureConsent
        || a.auth != b.auth || a.user != b.user || a.caFile != b.caFile || a.pinnedSha256 != b.pinnedSha256
        || !(a.policy == b.policy) || a.targetFolderId != b.targetFolderId
        || a.uidlFallbackAccepted != b.uidlFallbackAccepted || a.credentialKey != b.credentialKey;
}

}  // namespace

struct Scheduler::Batch {
    explicit Batch(Scheduler &s)
        : scheduler(s)
    {
        ++scheduler.m_depth;
    }
    ~Batch()
    {
        if (--scheduler.m_depth == 0)
            scheduler.flush();
    }
    Batch(const Batch &) = delete;
    Batch &operator=(const Batch &) = delete;

    Scheduler &scheduler;
};

Scheduler::Scheduler(Store::MailStore &store, Launch launch, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_launch(std::move(launch))
    , m_options(std::move(options))
    , m_clock(m_options.clock ? *m_options.clock : Poplar::Clock::system())
{
    m_timer.setSingleShot(true);
    // A coarse timer may fire up to 5 % late; that is fine for mail, and
    // lets the system batch wake-ups.
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::poll);
}

Scheduler::~Scheduler() = default;

Scheduler::Reaction Scheduler::reactionTo(ErrorCode code)
{
    // The codes whose reaction is not their category's.
    switch (code) {
    case ErrorCode::LoginDelay: return Reaction::LoginDelay;
    // Sending the same rejected password again only risks a lockout.
    case ErrorCode::AuthFailed:
    case ErrorCode::CredentialNotStored: return Reaction::NeedsPassword;
    // The user must decide (certificates, a login without STLS), or the
    // store is damaged: retrying cannot help.
    case ErrorCode::CertificateUntrusted:
    case ErrorCode::CertificateChanged:
    case ErrorCode::StlsUnavailable:
    case ErrorCode::StoreCorrupt: return Reaction::Stop;
    // A server whose list changed under the fetch, or a plain -ERR, may be
    // fine the next time.
    case ErrorCode::NotOnServer:
    case ErrorCode::ServerError:
    case ErrorCode::SearchSyntax: return Reaction::Backoff;
    default: break;
    }
    // Every category is listed (no default), so a new one cannot slip in
    // without a decision.
    switch (Poplar::errorCategory(code)) {
    case ErrorCategory::None:
    case ErrorCategory::Cancelled: return Reaction::Interval;
    case ErrorCategory::AccountBusy: return Reaction::Busy;

    // Retrying cannot help: the server says so ([SYS/PERM], [UTF8], no
    // UIDL), the settings are wrong, or no safe way to log in is offered.
    case ErrorCategory::Input:
    case ErrorCategory::Missing:
    case ErrorCategory::Authentication:
    case ErrorCategory::Server: return Reaction::Stop;

    // One message refused: it waits in the outbox with the reason, and the
    // account goes on as usual.
    case ErrorCategory::Refused: return Reaction::Interval;

    // Busy or unreachable, a server that breaks its bounds or sends too
    // slowly, or a local condition that may pass (a locked keychain, a full
    // disk): later, less and less often.
    case ErrorCategory::Internal:
    case ErrorCategory::Store:
    case ErrorCategory::Disk:
    case ErrorCategory::Credentials:
    case ErrorCategory::Network:
    case ErrorCategory::Tls:
    case ErrorCategory::Protocol:
    case ErrorCategory::ServerBusy: return Reaction::Backoff;
    }
    return Reaction::Backoff;
}

// --- entry points -----------------------------------------------------------

Status Scheduler::start()
{
    Batch batch(*this);
    if (m_started)
        return {};
    if (Status st = reloadAccounts(); !st)
        return st;
    m_started = true;
    if (m_options.watchNetwork)
        watchNetwork();
    rearm();
    return {};
}

void Scheduler::watchNetwork()
{
    using NI = QNetworkInformation;
    // No backend (no NetworkManager, no GLib monitor): scheduling just runs,
    // and a fetch without a network fails and backs off like any other.
    if (!NI::loadBackendByFeatures(NI::Feature::Reachability))
        return;
    NI *info = NI::instance();
    if (!info || !info->supports(NI::Feature::Reachability))
        return;
    // Unknown counts as online: a backend that cannot tell must not stop mail.
    connect(info, &NI::reachabilityChanged, this,
        [this](NI::Reachability r) { setOnline(r != NI::Reachability::Disconnected); });
    setOnline(info->reachability() != NI::Reachability::Disconnected);
}

Status Scheduler::reloadAccounts()
{
    Batch batch(*this);
    Accounts::AccountStore accounts(m_store);
    auto list = accounts.list();
    if (!list)
        return list.error();
    std::map<qint64, Accounts::Account> enabled;
    for (const Accounts::Account &a : *list) {
        if (a.enabled)
            enabled.emplace(a.id, a);
    }

    // Read what the new accounts' last fetches left before changing
    // anything, so a failed read leaves the schedule as it was.
    std::map<qint64, SyncState> states;
    Status st = m_store.read([&](Store::Database &db) -> Status {
        for (const auto &[id, account] : enabled) {
            if (m_entries.count(id))
                continue;
            auto s = SyncState::load(db, id);
            if (!s)
                return s.error();
            states.emplace(id, *s);
        }
        return {};
    });
    if (!st)
        return st;

    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const qint64 id = it->first;
        if (enabled.count(id)) {
            ++it;
            continue;
        }
        if (it->second.phase == Phase::Running) {
            // Its answer still has to arrive before it may run again (if it
            // comes back): dropped then.
            it->second.listed = false;
            ++it;
            continue;
        }
        post([this, id] {
            Q_EMIT nextCheckChanged(id, QDateTime());
            Q_EMIT stateChanged(id, State::NotScheduled);
        });
        it = m_entries.erase(it);
    }

    for (const auto &[id, account] : enabled) {
        auto found = m_entries.find(id);
        if (found == m_entries.end()) {
            const SyncState &s = states.at(id);
            Entry &e = m_entries[id];
            e.account = account;
            e.failures = s.failures;
            e.notBefore = s.nextLoginAllowedAt();
            applyLoginDelay(id, e, s.loginDelaySeconds.value_or(0));
            if (!m_started && !m_options.checkAtStart)
                planAfterInterval(id, e);
            else
                planSoon(id, e, m_options.startupWindowSeconds);
            continue;
        }
        const qint64 accountId = id;
        Entry &e = found->second;
        e.listed = true;
        if (e.account == account)
            continue;
        const bool serverFacing = serverFacingChanged(e.account, account);
        const bool intervalChanged = e.account.intervalMinutes != account.intervalMinutes;
        e.account = account;
        applyLoginDelay(accountId, e, e.loginDelaySeconds);
        switch (e.phase) {
        case Phase::Running:
            // Its answer speaks of the old settings.
            if (serverFacing)
                e.recheck = true;
            break;
        case Phase::NeedsPassword:
        case Phase::Stopped:
        case Phase::Waiting:
            if (serverFacing) {
                // New settings, a new start: see soon whether they work.
                e.failures = 0;
                e.networkFailure = false;
                planSoon(accountId, e, m_options.resumeWindowSeconds);
            } else if (intervalChanged && e.phase == Phase::Waiting && e.intervalBase.isValid()) {
                const QDateTime base = e.intervalBase;
                const QDateTime target = base.addMSecs(jittered(qint64(effectiveInterval(e)) * 1000));
                planIn(accountId, e, std::max<qint64>(0, now().msecsTo(target)));
                e.intervalBase = base;
            }
            break;
        }
    }
    rearm();
    return {};
}

void Scheduler::poll()
{
    Batch batch(*this);
    if (!m_started)
        return;
    const QDateTime at = now();
    // A wall clock set back would postpone every check by as much: no
    // check waits longer than it was planned to.
    for (auto &[id, e] : m_entries) {
        if (e.phase != Phase::Waiting || at.msecsTo(e.due) <= e.delayMs)
            continue;
        QDateTime due = at.addMSecs(e.delayMs);
        if (e.notBefore.isValid() && due < e.notBefore)
            due = e.notBefore;
        if (due != e.due) {
            e.due = due;
            post([this, accountId = id, due] { Q_EMIT nextCheckChanged(accountId, due); });
        }
    }
    if (!m_online)
        return rearm();

    std::vector<std::pair<QDateTime, qint64>> dueNow;
    for (const auto &[id, e] : m_entries) {
        if (e.phase == Phase::Waiting && e.due <= at)
            dueNow.emplace_back(e.due, id);
    }
    std::sort(dueNow.begin(), dueNow.end());
    // Looked up again each time: a launcher that answers at once changes
    // the schedule while this runs.
    for (const auto &[due, id] : dueNow) {
        auto it = m_entries.find(id);
        if (it != m_entries.end() && it->second.phase == Phase::Waiting && it->second.due <= at)
            launch(id, it->second);
    }
    rearm();
}

void Scheduler::getMailNow()
{
    Batch batch(*this);
    if (!m_started)
        return;
    QList<qint64> ids;
    for (const auto &[id, e] : m_entries) {
        if (e.listed && e.phase != Phase::Running && e.phase != Phase::NeedsPassword)
            ids.append(id);
    }
    for (qint64 id : ids)
        (void)getMailNow(id);
}

Scheduler::Request Scheduler::getMailNow(qint64 accountId, bool overrideLoginDelay)
{
    Batch batch(*this);
    auto it = m_entries.find(accountId);
    if (!m_started || it == m_entries.end() || !it->second.listed)
        return Request::NotScheduled;
    Entry &e = it->second;
    if (e.phase == Phase::Running)
        return Request::AlreadyRunning;
    const QDateTime at = now();
    if (!m_online) {
        planIn(accountId, e, 0);  // overdue: runs as soon as the network returns
        rearm();
        return Request::Offline;
    }
    if (e.notBefore.isValid() && e.notBefore > at && !overrideLoginDelay) {
        planIn(accountId, e, at.msecsTo(e.notBefore));
        post([this, accountId, allowed = e.notBefore] { Q_EMIT loginDelayed(accountId, allowed); });
        rearm();
        return Request::Deferred;
    }
    launch(accountId, e);
    rearm();
    return Request::Started;
}

void Scheduler::setOnline(bool online)
{
    Batch batch(*this);
    if (online == m_online)
        return;
    m_online = online;
    post([this, online] { Q_EMIT onlineChanged(online); });
    if (online) {
        const QDateTime at = now();
        for (auto &[id, e] : m_entries) {
            // What fell due while offline, and what failed for want of a
            // network, runs soon, spread a little so that not every account
            // connects in the same second.
            if (e.phase == Phase::Waiting && (e.due <= at || e.networkFailure)) {
                e.networkFailure = false;
                planSoon(id, e, m_options.resumeWindowSeconds);
            }
        }
    }
    for (auto &[id, e] : m_entries)
        noteState(id, e);
    rearm();
}

// --- queries ----------------------------------------------------------------

Scheduler::State Scheduler::state(qint64 accountId) const
{
    auto it = m_entries.find(accountId);
    if (it == m_entries.end() || !it->second.listed)
        return State::NotScheduled;
    return publicState(it->second);
}

QDateTime Scheduler::nextCheck(qint64 accountId) const
{
    auto it = m_entries.find(accountId);
    if (it == m_entries.end() || !it->second.listed || it->second.phase != Phase::Waiting)
        return {};
    return it->second.due;
}

int Scheduler::effectiveIntervalSeconds(qint64 accountId) const
{
    auto it = m_entries.find(accountId);
    return it == m_entries.end() ? 0 : effectiveInterval(it->second);
}

int Scheduler::failures(qint64 accountId) const
{
    auto it = m_entries.find(accountId);
    return it == m_entries.end() ? 0 : it->second.failures;
}

QList<qint64> Scheduler::accountIds() const
{
    QList<qint64> ids;
    for (const auto &[id, e] : m_entries) {
        if (e.listed)
            ids.append(id);
    }
    return ids;
}

// --- internals --------------------------------------------------------------

QDateTime Scheduler::now() const
{
    return m_clock.now();
}

double Scheduler::random() const
{
    const double r = m_options.random ? m_options.random() : QRandomGenerator::global()->generateDouble();
    return std::clamp(r, 0.0, 1.0);
}

qint64 Scheduler::jittered(qint64 delayMs) const
{
    const double span = std::min(double(delayMs) * m_options.jitterFraction, m_options.jitterMaxSeconds * 1000.0);
    return std::max<qint64>(0, delayMs + std::llround((2 * random() - 1) * span));
}

int Scheduler::effectiveInterval(const Entry &e) const
{
    return std::max({ 60, e.account.intervalMinutes * 60, e.loginDelaySeconds });
}

Scheduler::State Scheduler::publicState(const Entry &e) const
{
    switch (e.phase) {
    case Phase::Waiting: return m_online ? State::Waiting : State::Paused;
    case Phase::Running: return State::Running;
    case Phase::NeedsPassword: return State::NeedsPassword;
    case Phase::Stopped: return State::Stopped;
    }
    return State::NotScheduled;
}

void Scheduler::applyLoginDelay(qint64 accountId, Entry &e, int loginDelaySeconds)
{
    e.loginDelaySeconds = std::max(0, loginDelaySeconds);
    const int clamped = e.loginDelaySeconds > e.account.intervalMinutes * 60 ? e.loginDelaySeconds : 0;
    if (clamped == e.clampedSeconds)
        return;
    e.clampedSeconds = clamped;
    post([this, accountId, clamped] { Q_EMIT intervalClamped(accountId, clamped); });
}

void Scheduler::planIn(qint64 accountId, Entry &e, qint64 delayMs)
{
    const QDateTime at = now();
    QDateTime due = at.addMSecs(std::max<qint64>(0, delayMs));
    // LOGIN-DELAY: a login sooner is refused and may count against the user.
    if (e.notBefore.isValid() && due < e.notBefore)
        due = e.notBefore;
    e.phase = Phase::Waiting;
    e.due = due;
    e.delayMs = at.msecsTo(due);
    e.intervalBase = QDateTime();
    post([this, accountId, due] { Q_EMIT nextCheckChanged(accountId, due); });
    noteState(accountId, e);
}

void Scheduler::planSoon(qint64 accountId, Entry &e, int windowSeconds)
{
    planIn(accountId, e, std::llround(random() * std::max(0, windowSeconds) * 1000.0));
}

void Scheduler::planAfterInterval(qint64 accountId, Entry &e)
{
    planIn(accountId, e, jittered(qint64(effectiveInterval(e)) * 1000));
    e.intervalBase = now();
}

void Scheduler::unplan(qint64 accountId, Entry &e, Phase phase)
{
    e.phase = phase;
    e.due = QDateTime();
    e.delayMs = 0;
    e.intervalBase = QDateTime();
    post([this, accountId] { Q_EMIT nextCheckChanged(accountId, QDateTime()); });
    noteState(accountId, e);
}

void Scheduler::noteState(qint64 accountId, Entry &e)
{
    const State s = publicState(e);
    if (s == e.reported)
        return;
    e.reported = s;
    post([this, accountId, s] { Q_EMIT stateChanged(accountId, s); });
}

void Scheduler::launch(qint64 accountId, Entry &e)
{
    const quint64 run = ++m_lastRun;
    e.run = run;
    unplan(accountId, e, Phase::Running);
    post([this, accountId] { Q_EMIT fetchStarted(accountId); });
    const Accounts::Account account = e.account;
    // `e` may be gone once the launcher returns (it may answer at once).
    m_launch(account, [self = QPointer<Scheduler>(this), accountId, run](const FetchReport &report) {
        if (self)
            self->onDone(accountId, run, report);
    });
}

void Scheduler::onDone(qint64 accountId, quint64 run, const FetchReport &report)
{
    Batch batch(*this);
    auto it = m_entries.find(accountId);
    // A second answer to one launch, or an answer to an older one, is ignored.
    if (it == m_entries.end() || it->second.phase != Phase::Running || it->second.run != run)
        return;
    Entry &e = it->second;
    e.run = 0;
    post([this, accountId, report] { Q_EMIT fetchFinished(accountId, report); });
    if (!e.listed) {
        m_entries.erase(it);
        post([this, accountId] { Q_EMIT stateChanged(accountId, State::NotScheduled); });
        return rearm();
    }

    // What the fetch learnt of the server (FetchJob keeps it in the sync
    // state): its LOGIN-DELAY, and when it last let us in.
    Status st = m_store.read([&](Store::Database &db) -> Status {
        auto s = SyncState::load(db, accountId);
        if (!s)
            return s.error();
        e.notBefore = s->nextLoginAllowedAt();
        applyLoginDelay(accountId, e, s->loginDelaySeconds.value_or(0));
        return {};
    });
    (void)st;  // unreadable: the times known before still hold
    if (report.retryNotBefore.isValid() && (!e.notBefore.isValid() || report.retryNotBefore > e.notBefore))
        e.notBefore = report.retryNotBefore;

    const Error &error = report.error;
    const Reaction reaction = reactionTo(error.code);
    if (e.recheck) {
        e.recheck = false;
        // The settings changed while it ran: the answer, good or bad, was the
        // old settings'. Try the new ones soon (LOGIN-DELAY and a fetch
        // elsewhere are about time, not settings, and are handled below).
        if (reaction != Reaction::LoginDelay && reaction != Reaction::Busy) {
            e.failures = 0;
            e.networkFailure = false;
            planSoon(accountId, e, m_options.resumeWindowSeconds);
            return rearm();
        }
    }

    switch (reaction) {
    case Reaction::Interval:
        if (!error)
            e.failures = 0;
        e.networkFailure = false;
        planAfterInterval(accountId, e);
        break;
    case Reaction::LoginDelay:
        // Not a failure of the account: the server only asks for patience.
        e.networkFailure = false;
        if (e.notBefore.isValid() && e.notBefore > now())
            planIn(accountId, e, now().msecsTo(e.notBefore));
        else
            planAfterInterval(accountId, e);
        post([this, accountId, due = e.due] { Q_EMIT loginDelayed(accountId, due); });
        break;
    case Reaction::Busy: planIn(accountId, e, jittered(qint64(m_options.busyRetrySeconds) * 1000)); break;
    case Reaction::Backoff: {
        ++e.failures;
        e.networkFailure = isNetworkError(error.code);
        const qint64 cap = qint64(m_options.backoffCapSeconds) * 1000;
        const int doublings = std::min(e.failures - 1, 30);
        const qint64 delay = std::min(cap, qint64(m_options.backoffBaseSeconds) * 1000 << std::max(0, doublings));
        planIn(accountId, e, std::min(cap, jittered(delay)));
        break;
    }
    case Reaction::NeedsPassword:
        ++e.failures;
        unplan(accountId, e, Phase::NeedsPassword);
        post([this, accountId, error] { Q_EMIT credentialsNeeded(accountId, error); });
        break;
    case Reaction::Stop:
        ++e.failures;
        unplan(accountId, e, Phase::Stopped);
        post([this, accountId, error] { Q_EMIT accountStopped(accountId, error); });
        break;
    }
    rearm();
}

void Scheduler::rearm()
{
    if (!m_started || !m_online) {
        m_timer.stop();
        return;
    }
    QDateTime earliest;
    for (const auto &[id, e] : m_entries) {
        if (e.phase == Phase::Waiting && (!earliest.isValid() || e.due < earliest))
            earliest = e.due;
    }
    if (!earliest.isValid()) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::clamp<qint64>(now().msecsTo(earliest), 0, MaxSleepMs)));
}

void Scheduler::post(std::function<void()> emission)
{
    m_pending.push_back(std::move(emission));
}

void Scheduler::flush()
{
    if (m_flushing)
        return;  // the outer flush emits what a slot's call posted
    m_flushing = true;
    while (!m_pending.empty()) {
        auto pending = std::exchange(m_pending, {});
        for (auto &emission : pending)
            emission();
    }
    m_flushing = false;
}

}  // namespace Sync
