#pragma once

#include "accounts/Account.h"
#include "common/Clock.h"
#include "common/Error.h"
#include "common/Result.h"
#include "sync/FetchJob.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <vector>

namespace Store {
class MailStore;
}

namespace Sync {

// When each enabled account is fetched: a check soon after start, then
// every account's interval (never more often than the server's LOGIN-DELAY
// allows), with jitter so that accounts and clients do not all knock at
// once, exponential backoff while a server is busy or unreachable, a pause
// while the network is down, and "get mail now" on demand.
//
// The scheduler decides only *when*. It never reads a password or makes a
// FetchJob itself: it calls the Launch it was given (the application's
// launcher reads the keychain and runs a FetchJob), and the answer to each
// launch decides the next check. Time comes from a Clock and every decision
// is made in poll(), so tests drive it with a ManualClock instead of waiting.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    enum class State {
        NotScheduled,   // no such account, or it is disabled
        Waiting,        // the next check is planned (nextCheck())
        Running,        // a fetch is under way
        NeedsPassword,  // the server rejected the login: waits for getMailNow(id) after the UI asked
        Stopped,        // a failure retrying cannot fix: waits for getMailNow(id) or changed settings
        Paused,         // Waiting, but the network is down: nothing starts until it returns
    };
    Q_ENUM(State)

    // What the scheduler does with a fetch's outcome (its error code).
    enum class Reaction {
        Interval,       // success (or cancelled): the next check after the interval
        LoginDelay,     // not before the server allows (no failure counted)
        Busy,           // another fetch of this account runs elsewhere: retry shortly (no failure counted)
        Backoff,        // a busy or unreachable server: retry after a growing delay
        NeedsPassword,  // ask the user; the other accounts go on
        Stop,           // stop this account and say why
    };
    Q_ENUM(Reaction)

    // The answer to getMailNow(id).
    enum class Request {
        Started,         // launched now
        AlreadyRunning,  // a fetch of it is under way: not launched twice
        Deferred,        // LOGIN-DELAY forbids a login yet: planned at the earliest allowed moment
        Offline,         // the network is down: it runs as soon as the network returns
        NotScheduled,    // no such enabled account, or start() was not called
    };
    Q_ENUM(Request)

    // Called once per launch with the fetch's report, on the scheduler's
    // thread; may be called from inside Launch itself. Calls after the first,
    // or after the scheduler is gone, are ignored.
    using Done = std::function<void(const FetchReport &report)>;
    // Fetches `account` (reads its password, runs a FetchJob…) and calls
    // `done` once. A launcher that cannot even start reports why (e.g.
    // CredentialNotStored, KeychainUnavailable) through `done` as well.
    using Launch = std::function<void(const Accounts::Account &account, Done done)>;

    struct Options {
        const Poplar::Clock *clock = nullptr;  // default: the system clock
        // Random numbers in [0, 1) for the jitter; default: QRandomGenerator::global().
        std::function<double()> random;
        int startupWindowSeconds = 20;    // the check after start() falls in [0, this) s
        int resumeWindowSeconds = 5;      // back online (or settings changed): overdue checks spread over [0, this) s
        double jitterFraction = 0.10;     // every planned delay moves by up to ± this share…
        int jitterMaxSeconds = 60;        // …and at most ± this
        int backoffBaseSeconds = 60;      // the first retry after a failure…
        int backoffCapSeconds = 60 * 60;  // …doubling with each failure in a row, up to this
        int busyRetrySeconds = 2 * 60;    // FetchRunning: another process fetches the account
        // Follow QNetworkInformation (where a backend loads) with setOnline().
        bool watchNetwork = true;
        // False: the accounts start() finds are first checked after their
        // interval, not within the startup window.
        bool checkAtStart = true;
    };

    // The timer wakes at least this often, so that a suspend or a changed
    // wall clock is noticed within a minute.
    static constexpr int MaxSleepMs = 60'000;

    Scheduler(Store::MailStore &store, Launch launch, Options options, QObject *parent = nullptr);
    ~Scheduler() override;
    Scheduler(const Scheduler &) = delete;
    Scheduler &operator=(const Scheduler &) = delete;

    // Loads the enabled accounts and their sync state, plans a check for
    // each within the startup window, and starts following the network.
    [[nodiscard]] Poplar::Status start();
    // After accounts were added, edited or removed: new ones get a check
    // soon, removed and disabled ones are dropped (one still running is
    // dropped when it finishes), unchanged ones keep their next check. An
    // account whose server-facing settings changed is checked soon, also
    // when it was stopped or waiting for a password; a new interval counts
    // from the last fetch.
    [[nodiscard]] Poplar::Status reloadAccounts();

    // Launches every account whose check is due at the clock's now (none
    // while offline). The timer calls it; tests call it after moving a
    // ManualClock.
    void poll();

    // Fetches every enabled account now, except those running or waiting
    // for a password (sending a rejected password again can lock the
    // account on the server). Each obeys LOGIN-DELAY and the network as in
    // getMailNow(id).
    void getMailNow();
    // Fetches the account now; also resumes it when it waits for a password
    // or was stopped. With `overrideLoginDelay` (the user insisted after
    // being told) even when LOGIN-DELAY forbids a login yet; the launcher
    // must know too (FetchLauncher::ignoreLoginDelayOnce).
    Request getMailNow(qint64 accountId, bool overrideLoginDelay = false);

    // Offline: nothing launches. Back online: overdue checks, and those
    // retrying after a connection failure, run within the resume window.
    void setOnline(bool online);
    [[nodiscard]] bool isOnline() const { return m_online; }

    [[nodiscard]] State state(qint64 accountId) const;
    // Invalid when no check is planned (running, needs password, stopped, unknown).
    [[nodiscard]] QDateTime nextCheck(qint64 accountId) const;
    // The account's interval, raised to the server's LOGIN-DELAY; 0 when unknown.
    [[nodiscard]] int effectiveIntervalSeconds(qint64 accountId) const;
    // Fetches failed in a row (from the stored sync state, then counted here).
    [[nodiscard]] int failures(qint64 accountId) const;
    // The accounts scheduled, by id.
    [[nodiscard]] QList<qint64> accountIds() const;

    [[nodiscard]] static Reaction reactionTo(Poplar::ErrorCode code);

Q_SIGNALS:
    void fetchStarted(qint64 accountId);
    void fetchFinished(qint64 accountId, const Sync::FetchReport &report);
    // `at` invalid: no check planned.
    void nextCheckChanged(qint64 accountId, const QDateTime &at);
    void stateChanged(qint64 accountId, Sync::Scheduler::State state);
    // The server's LOGIN-DELAY raises the account's interval to `seconds`;
    // 0 when the account's own interval applies again.
    void intervalClamped(qint64 accountId, int seconds);
    // A check (asked for now, or after a LOGIN-DELAY refusal) waits until
    // the server allows the next login at `allowedAt`.
    void loginDelayed(qint64 accountId, const QDateTime &allowedAt);
    // The server rejected the login (or no password is stored): the UI
    // asks for one, stores it, then calls getMailNow(accountId).
    void credentialsNeeded(qint64 accountId, const Poplar::Error &error);
    // The account stops until getMailNow(accountId) or changed settings.
    void accountStopped(qint64 accountId, const Poplar::Error &error);
    void onlineChanged(bool online);

private:
    enum class Phase { Waiting, Running, NeedsPassword, Stopped };

    struct Entry {
        Accounts::Account account;
        Phase phase = Phase::Waiting;
        QDateTime due;              // Waiting: the next check
        qint64 delayMs = 0;         // the delay `due` was planned with (a wall clock set back)
        QDateTime intervalBase;     // `due` is this plus the interval (invalid: a retry or a first check)
        QDateTime notBefore;        // LOGIN-DELAY: no login before this (invalid: any time)
        int loginDelaySeconds = 0;  // the server's LOGIN-DELAY, 0 when none
        int clampedSeconds = 0;     // last told by intervalClamped()
        int failures = 0;
        bool networkFailure = false;  // retrying after a connection failure
        quint64 run = 0;              // Running: the launch the answer must belong to
        bool listed = true;           // false: removed or disabled while running
        bool recheck = false;         // server-facing settings changed while running
        State reported = State::NotScheduled;
    };

    [[nodiscard]] QDateTime now() const;
    [[nodiscard]] double random() const;
    [[nodiscard]] qint64 jittered(qint64 delayMs) const;
    [[nodiscard]] int effectiveInterval(const Entry &e) const;
    [[nodiscard]] State publicState(const Entry &e) const;

    void applyLoginDelay(qint64 accountId, Entry &e, int loginDelaySeconds);
    void planIn(qint64 accountId, Entry &e, qint64 delayMs);
    void planSoon(qint64 accountId, Entry &e, int windowSeconds);
    void planAfterInterval(qint64 accountId, Entry &e);
    void unplan(qint64 accountId, Entry &e, Phase phase);
    void noteState(qint64 accountId, Entry &e);
    void launch(qint64 accountId, Entry &e);
    void onDone(qint64 accountId, quint64 run, const FetchReport &report);
    void rearm();

    // Signals wait in a queue until the scheduler's state is consistent, so
    // a slot may call back into it (or open a dialog) safely: every entry
    // point holds a Batch, and the outermost one emits what was posted.
    struct Batch;
    void post(std::function<void()> emission);
    void flush();
    void watchNetwork();

    Store::MailStore &m_store;
    Launch m_launch;
    Options m_options;
    const Poplar::Clock &m_clock;
    std::map<qint64, Entry> m_entries;
    QTimer m_timer;
    std::vector<std::function<void()>> m_pending;
    quint64 m_lastRun = 0;
    int m_depth = 0;
    bool m_flushing = false;
    bool m_started = false;
    bool m_online = true;
};

}  // namespace Sync
