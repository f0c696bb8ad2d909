// The fetch scheduler: when each account is fetched (a check after start,
// the interval with jitter, LOGIN-DELAY, backoff, the network, "get mail
// now"), and what each server answer does to the schedule. A ManualClock
// and poll() stand in for waiting; a recording launcher stands in for the
// keychain and FetchJob, and the test answers each launch itself.

#include "accounts/AccountStore.h"
#include "store/Database.h"
#include "store/Store.h"
#include "sync/Scheduler.h"
#include "sync/SyncState.h"

#include <QNetworkInformation>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace Sync;
using Poplar::ErrorCode;
using Reaction = Scheduler::Reaction;
using Request = Scheduler::Request;
using State = Scheduler::State;

namespace {

constexpr qint64 Minute = 60 * 1000;

Accounts::Account sample(const QString &name, int intervalMinutes = 10, bool enabled = true)
{
    Accounts::Account a;
    a.name = name;
    a.email = name.toLower() + QStringLiteral("@example.org");
    a.host = QStringLiteral("pop.example.org");
    a.user = name.toLower();
    a.intervalMinutes = intervalMinutes;
    a.enabled = enabled;
    return a;
}

FetchReport reportOf(ErrorCode code)
{
    FetchReport r;
    r.error = Poplar::Error(code);
    return r;
}

}  // namespace

class TestScheduler : public QObject
{
    Q_OBJECT

    struct Launched {
        qint64 accountId = 0;
        Scheduler::Done done;
    };

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store::MailStore> m_store;
    std::unique_ptr<Poplar::ManualClock> m_clock;
    QDateTime m_t0;
    std::function<double()> m_random;
    std::vector<Launched> m_launched;
    std::unique_ptr<Scheduler> m_scheduler;

    Scheduler::Options options()
    {
        Scheduler::Options o;
        o.clock = m_clock.get();
        o.random = [this] { return m_random(); };
        o.watchNetwork = false;
        return o;
    }

    Scheduler::Launch recorder()
    {
        return [this](const Accounts::Account &a, Scheduler::Done done) {
            m_launched.push_back({ a.id, std::move(done) });
        };
    }

    // Makes and starts the scheduler; false (with a warning) if start failed.
    bool startScheduler(Scheduler::Options o, Scheduler::Launch launch = {})
    {
        m_scheduler = std::make_unique<Scheduler>(*m_store, launch ? launch : recorder(), std::move(o));
        const Poplar::Status st = m_scheduler->start();
        if (!st)
            qWarning("%s", qPrintable(st.error().technicalDescription()));
        return bool(st);
    }
    bool startScheduler() { return startScheduler(options()); }

    qint64 addAccount(const Accounts::Account &a)
    {
        Accounts::AccountStore accounts(*m_store);
        auto added = accounts.add(a);
        if (!added)
            qFatal("%s", qPrintable(added.error().technicalDescription()));
        return added->id;
    }
    qint64 addAccount(const QString &name, int intervalMinutes = 10, bool enabled = true)
    {
        return addAccount(sample(name, intervalMinutes, enabled));
    }

    Accounts::Account account(qint64 id)
    {
        Accounts::AccountStore accounts(*m_store);
        auto a = accounts.byId(id);
        if (!a)
            qFatal("%s", qPrintable(a.error().technicalDescription()));
        return *a;
    }

    void updateAccount(const Accounts::Account &a)
    {
        Accounts::AccountStore accounts(*m_store);
        const Poplar::Status st = accounts.update(a);
        if (!st)
            qFatal("%s", qPrintable(st.error().technicalDescription()));
    }

    // What FetchJob leaves in account_sync_state.
    void saveState(qint64 id, const SyncState &state)
    {
        const Poplar::Status st
            = m_store->write([&](Store::Database &db) -> Poplar::Status { return state.save(db, id); });
        if (!st)
            qFatal("%s", qPrintable(st.error().technicalDescription()));
    }

    int launchesOf(qint64 id) const
    {
        return int(
            std::count_if(m_launched.begin(), m_launched.end(), [id](const Launched &l) { return l.accountId == id; }));
    }

    // Answers the newest launch of `id`.
    void answer(qint64 id, const FetchReport &report)
    {
        for (auto it = m_launched.rbegin(); it != m_launched.rend(); ++it) {
            if (it->accountId == id) {
                it->done(report);
                return;
            }
        }
        qFatal("account %lld was never launched", id);
    }
    void answer(qint64 id, ErrorCode code = ErrorCode::None) { answer(id, reportOf(code)); }

    void advance(qint64 ms) { m_clock->advanceMs(ms); }
    QDateTime now() const { return m_clock->now(); }

    // Moves the clock to the account's next check and polls: the check runs.
    bool runNextCheck(qint64 id)
    {
        const QDateTime due = m_scheduler->nextCheck(id);
        if (!due.isValid())
            return false;
        const int before = launchesOf(id);
        m_clock->advanceMs(std::max<qint64>(0, now().msecsTo(due)));
        m_scheduler->poll();
        return launchesOf(id) == before + 1;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto s = Store::MailStore::open(m_dir->path());
        QVERIFY2(s, qPrintable(s.error().technicalDescription()));
        m_store = std::move(s).value();
        m_clock = std::make_unique<Poplar::ManualClock>();
        m_t0 = m_clock->now();
        m_random = [] { return 0.5; };  // no jitter unless a test asks for it
        m_launched.clear();
    }

    void cleanup()
    {
        m_scheduler.reset();
        m_launched.clear();
        m_store.reset();
        m_dir.reset();
    }

    void reactions_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<Reaction>("reaction");
        QTest::newRow("success") << ErrorCode::None << Reaction::Interval;
        QTest::newRow("cancelled") << ErrorCode::Cancelled << Reaction::Interval;
        QTest::newRow("LOGIN-DELAY") << ErrorCode::LoginDelay << Reaction::LoginDelay;
        QTest::newRow("fetch running elsewhere") << ErrorCode::FetchRunning << Reaction::Busy;
        QTest::newRow("IN-USE") << ErrorCode::MailboxInUse << Reaction::Backoff;
        QTest::newRow("SYS/TEMP") << ErrorCode::ServerTemporary << Reaction::Backoff;
        QTest::newRow("plain -ERR") << ErrorCode::ServerError << Reaction::Backoff;
        QTest::newRow("host not found") << ErrorCode::HostNotFound << Reaction::Backoff;
        QTest::newRow("refused") << ErrorCode::ConnectionRefused << Reaction::Backoff;
        QTest::newRow("connect timeout") << ErrorCode::ConnectTimeout << Reaction::Backoff;
        QTest::newRow("idle timeout") << ErrorCode::IdleTimeout << Reaction::Backoff;
        QTest::newRow("lost") << ErrorCode::ConnectionLost << Reaction::Backoff;
        QTest::newRow("keychain locked") << ErrorCode::KeychainLocked << Reaction::Backoff;
        QTest::newRow("disk full") << ErrorCode::DiskFull << Reaction::Backoff;
        QTest::newRow("AUTH") << ErrorCode::AuthFailed << Reaction::NeedsPassword;
        QTest::newRow("no password stored") << ErrorCode::CredentialNotStored << Reaction::NeedsPassword;
        QTest::newRow("SYS/PERM") << ErrorCode::ServerPermanent << Reaction::Stop;
        QTest::newRow("UTF8") << ErrorCode::Utf8Required << Reaction::Stop;
        QTest::newRow("untrusted certificate") << ErrorCode::CertificateUntrusted << Reaction::Stop;
        QTest::newRow("changed certificate") << ErrorCode::CertificateChanged << Reaction::Stop;
        QTest::newRow("no UIDL") << ErrorCode::UidlUnsupported << Reaction::Stop;
        QTest::newRow("bad settings") << ErrorCode::InvalidArgument << Reaction::Stop;
        QTest::newRow("STLS required, not offered") << ErrorCode::StlsUnavailable << Reaction::Stop;
        QTest::newRow("insecure login refused") << ErrorCode::InsecureAuthRefused << Reaction::Stop;
    }

    void reactions()
    {
        QFETCH(ErrorCode, code);
        QFETCH(Reaction, reaction);
        QCOMPARE(Scheduler::reactionTo(code), reaction);
    }

    void startupChecksAreSpreadOverTheWindow()
    {
        QList<qint64> ids;
        for (const char *name : { "A", "B", "C", "D" })
            ids << addAccount(QString::fromLatin1(name));
        QRandomGenerator generator(7);
        m_random = [&generator] { return generator.generateDouble(); };
        QVERIFY(startScheduler());
        QVERIFY(m_launched.empty());  // start() plans; it does not fetch

        std::map<qint64, QDateTime> dues;
        std::set<QDateTime> distinct;
        for (qint64 id : ids) {
            const QDateTime due = m_scheduler->nextCheck(id);
            QVERIFY(due >= m_t0);
            QVERIFY(due < m_t0.addSecs(20));
            QCOMPARE(m_scheduler->state(id), State::Waiting);
            dues[id] = due;
            distinct.insert(due);
        }
        QVERIFY2(distinct.size() > 1, "every account was planned for the same moment");

        // Second by second: each account runs exactly when its check falls due.
        for (int s = 0; s <= 20; ++s) {
            m_scheduler->poll();
            for (qint64 id : ids) {
                const bool due = dues[id] <= now();
                QCOMPARE(launchesOf(id), due ? 1 : 0);
                QCOMPARE(m_scheduler->state(id), due ? State::Running : State::Waiting);
            }
            advance(1000);
        }
        for (qint64 id : ids)
            QCOMPARE(launchesOf(id), 1);
    }

    void successWaitsTheIntervalWithinJitter_data()
    {
        QTest::addColumn<int>("intervalMinutes");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("expectedMs");
        QTest::newRow("10 min, middle") << 10 << 0.5 << 10 * Minute;
        QTest::newRow("10 min, earliest: -10 %") << 10 << 0.0 << 9 * Minute;
        QTest::newRow("10 min, latest: +10 %") << 10 << 1.0 << 11 * Minute;
        QTest::newRow("5 min, earliest: -30 s") << 5 << 0.0 << 5 * Minute - 30'000;
        QTest::newRow("2 h, latest: +60 s at most") << 120 << 1.0 << 121 * Minute;
    }

    void successWaitsTheIntervalWithinJitter()
    {
        QFETCH(int, intervalMinutes);
        QFETCH(double, random);
        QFETCH(qint64, expectedMs);
        const qint64 id = addAccount(QStringLiteral("A"), intervalMinutes);
        QVERIFY(startScheduler());
        QVERIFY(runNextCheck(id));
        m_random = [random] { return random; };
        const QDateTime finishedAt = now();
        answer(id);
        QCOMPARE(m_scheduler->state(id), State::Waiting);
        QCOMPARE(m_scheduler->nextCheck(id), finishedAt.addMSecs(expectedMs));

        advance(expectedMs - 1000);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 1);
        advance(1000);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 2);
    }

    void defaultIntervalIsTenMinutes()
    {
        // An account made without choosing keeps the default, and the
        // checks after a success stay within 9–11 minutes whatever the dice.
        Accounts::Account a = sample(QStringLiteral("A"));
        a.intervalMinutes = Accounts::Account::DefaultIntervalMinutes;
        const qint64 id = addAccount(a);
        QRandomGenerator generator(11);
        m_random = [&generator] { return generator.generateDouble(); };
        QVERIFY(startScheduler());
        QCOMPARE(m_scheduler->effectiveIntervalSeconds(id), 600);
        for (int i = 0; i < 50; ++i) {
            QVERIFY(runNextCheck(id));
            const QDateTime finishedAt = now();
            answer(id);
            const qint64 wait = finishedAt.msecsTo(m_scheduler->nextCheck(id));
            QVERIFY2(wait >= 9 * Minute && wait <= 11 * Minute, qPrintable(QString::number(wait)));
        }
    }

    void loginDelayRaisesTheInterval()
    {
        const qint64 id = addAccount(QStringLiteral("A"), 10);
        QVERIFY(startScheduler());
        QSignalSpy clamped(m_scheduler.get(), &Scheduler::intervalClamped);
        QVERIFY(runNextCheck(id));

        // The fetch learnt LOGIN-DELAY 1800 from CAPA and logged in now.
        SyncState s;
        s.loginDelaySeconds = 1800;
        s.lastLoginAt = now();
        saveState(id, s);
        m_random = [] { return 0.0; };  // the earliest jitter would say 29 min…
        const QDateTime loginAt = now();
        answer(id);
        QCOMPARE(m_scheduler->effectiveIntervalSeconds(id), 1800);
        QCOMPARE(clamped.count(), 1);
        QCOMPARE(clamped.at(0).at(0).toLongLong(), id);
        QCOMPARE(clamped.at(0).at(1).toInt(), 1800);
        QCOMPARE(m_scheduler->nextCheck(id), loginAt.addSecs(1800));  // …but LOGIN-DELAY wins

        advance(1800 * 1000 - 1);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 1);
        advance(1);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 2);

        // A later fetch no longer sees LOGIN-DELAY: the own interval applies again.
        saveState(id, SyncState());
        m_random = [] { return 0.5; };
        answer(id);
        QCOMPARE(clamped.count(), 2);
        QCOMPARE(clamped.at(1).at(1).toInt(), 0);
        QCOMPARE(m_scheduler->effectiveIntervalSeconds(id), 600);
        QCOMPARE(m_scheduler->nextCheck(id), now().addSecs(600));
    }

    void storedLoginDelayHoldsTheStartupCheck()
    {
        const qint64 id = addAccount(QStringLiteral("A"), 10);
        SyncState s;
        s.loginDelaySeconds = 900;
        s.lastLoginAt = m_t0.addSecs(-100);  // in the last session
        saveState(id, s);
        m_scheduler = std::make_unique<Scheduler>(*m_store, recorder(), options());
        QSignalSpy clamped(m_scheduler.get(), &Scheduler::intervalClamped);
        QVERIFY(m_scheduler->start());
        QCOMPARE(clamped.count(), 1);  // told at start, so the UI can say why
        QCOMPARE(clamped.at(0).at(1).toInt(), 900);
        QCOMPARE(m_scheduler->nextCheck(id), m_t0.addSecs(800));
        advance(799 * 1000);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 0);
        advance(1000);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 1);
    }

    void retryNotBeforeIsRespected()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        QSignalSpy delayed(m_scheduler.get(), &Scheduler::loginDelayed);
        QVERIFY(runNextCheck(id));
        FetchReport r = reportOf(ErrorCode::LoginDelay);
        r.retryNotBefore = now().addSecs(17 * 60);
        answer(id, r);
        QCOMPARE(m_scheduler->nextCheck(id), r.retryNotBefore);
        QCOMPARE(m_scheduler->failures(id), 0);  // patience asked for, not a failure
        QCOMPARE(delayed.count(), 1);
        QCOMPARE(delayed.at(0).at(1).toDateTime(), r.retryNotBefore);

        advance(17 * Minute - 1000);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 1);
        advance(1000);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 2);
    }

    void backoffDoublesAndCaps_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("IN-USE") << ErrorCode::MailboxInUse;
        QTest::newRow("SYS/TEMP") << ErrorCode::ServerTemporary;
        QTest::newRow("connection refused") << ErrorCode::ConnectionRefused;
        QTest::newRow("connect timeout") << ErrorCode::ConnectTimeout;
    }

    void backoffDoublesAndCaps()
    {
        QFETCH(ErrorCode, code);
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        QSignalSpy credentials(m_scheduler.get(), &Scheduler::credentialsNeeded);
        QSignalSpy stopped(m_scheduler.get(), &Scheduler::accountStopped);
        const QList<int> minutes { 1, 2, 4, 8, 16, 32, 60, 60, 60 };
        for (int i = 0; i < minutes.size(); ++i) {
            QVERIFY(runNextCheck(id));
            answer(id, code);
            QCOMPARE(m_scheduler->failures(id), i + 1);
            QCOMPARE(m_scheduler->state(id), State::Waiting);
            QCOMPARE(now().msecsTo(m_scheduler->nextCheck(id)), minutes[i] * Minute);
        }
        // The password is kept and nobody is asked for it; nothing stops.
        QCOMPARE(credentials.count(), 0);
        QCOMPARE(stopped.count(), 0);

        QVERIFY(runNextCheck(id));
        answer(id);
        QCOMPARE(m_scheduler->failures(id), 0);
        QCOMPARE(now().msecsTo(m_scheduler->nextCheck(id)), 10 * Minute);
        QVERIFY(runNextCheck(id));
        answer(id, code);
        QCOMPARE(now().msecsTo(m_scheduler->nextCheck(id)), 1 * Minute);  // started over
    }

    void backoffJitterStaysUnderTheCap()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        m_random = [] { return 0.0; };
        QVERIFY(runNextCheck(id));
        answer(id, ErrorCode::MailboxInUse);
        QCOMPARE(now().msecsTo(m_scheduler->nextCheck(id)), qint64(54'000));  // 1 min - 10 %
        m_random = [] { return 1.0; };
        for (int i = 0; i < 12; ++i) {
            QVERIFY(runNextCheck(id));
            answer(id, ErrorCode::MailboxInUse);
            QVERIFY(now().msecsTo(m_scheduler->nextCheck(id)) <= 60 * Minute);
        }
        QCOMPARE(now().msecsTo(m_scheduler->nextCheck(id)), 60 * Minute);
    }

    void failuresAreSeededFromSyncState()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        SyncState s;
        s.failures = 3;  // the last session ended with three failures in a row
        saveState(id, s);
        QVERIFY(startScheduler());
        QCOMPARE(m_scheduler->failures(id), 3);
        QVERIFY(m_scheduler->nextCheck(id) <= m_t0.addSecs(20));  // the startup check is not held back
        QVERIFY(runNextCheck(id));
        answer(id, ErrorCode::MailboxInUse);
        QCOMPARE(m_scheduler->failures(id), 4);
        QCOMPARE(now().msecsTo(m_scheduler->nextCheck(id)), 8 * Minute);
    }

    void rejectedPasswordWaitsForTheUser_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("AUTH") << ErrorCode::AuthFailed;
        QTest::newRow("no password stored") << ErrorCode::CredentialNotStored;
    }

    void rejectedPasswordWaitsForTheUser()
    {
        QFETCH(ErrorCode, code);
        const qint64 a = addAccount(QStringLiteral("A"));
        const qint64 b = addAccount(QStringLiteral("B"));
        QVERIFY(startScheduler());
        QSignalSpy credentials(m_scheduler.get(), &Scheduler::credentialsNeeded);
        advance(20'000);
        m_scheduler->poll();
        QCOMPARE(launchesOf(a), 1);
        QCOMPARE(launchesOf(b), 1);

        answer(a, code);
        QCOMPARE(credentials.count(), 1);
        QCOMPARE(credentials.at(0).at(0).toLongLong(), a);
        QCOMPARE(credentials.at(0).at(1).value<Poplar::Error>().code, code);
        QCOMPARE(m_scheduler->state(a), State::NeedsPassword);
        QVERIFY(!m_scheduler->nextCheck(a).isValid());

        // Three hours: B goes on every ten minutes, A is not tried again.
        answer(b);
        for (int i = 0; i < 18; ++i) {
            QVERIFY(runNextCheck(b));
            answer(b);
        }
        QCOMPARE(launchesOf(b), 19);
        QCOMPARE(launchesOf(a), 1);
        m_scheduler->getMailNow();  // "get all mail" does not resend a rejected password
        QCOMPARE(launchesOf(a), 1);
        QCOMPARE(m_scheduler->state(a), State::NeedsPassword);

        // The UI asked for the password and stored it.
        QCOMPARE(m_scheduler->getMailNow(a), Request::Started);
        QCOMPARE(launchesOf(a), 2);
        answer(a);
        QCOMPARE(m_scheduler->state(a), State::Waiting);
        QCOMPARE(m_scheduler->failures(a), 0);
        QCOMPARE(m_scheduler->nextCheck(a), now().addSecs(600));
    }

    void permanentErrorsStopTheAccount_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("SYS/PERM") << ErrorCode::ServerPermanent;
        QTest::newRow("untrusted certificate") << ErrorCode::CertificateUntrusted;
        QTest::newRow("changed certificate") << ErrorCode::CertificateChanged;
        QTest::newRow("no UIDL") << ErrorCode::UidlUnsupported;
        QTest::newRow("bad settings") << ErrorCode::InvalidArgument;
    }

    void permanentErrorsStopTheAccount()
    {
        QFETCH(ErrorCode, code);
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        QSignalSpy stopped(m_scheduler.get(), &Scheduler::accountStopped);
        QVERIFY(runNextCheck(id));
        FetchReport r = reportOf(code);
        r.error.detail = QStringLiteral("why");
        answer(id, r);
        QCOMPARE(stopped.count(), 1);
        QCOMPARE(stopped.at(0).at(0).toLongLong(), id);
        QCOMPARE(stopped.at(0).at(1).value<Poplar::Error>().code, code);
        QCOMPARE(stopped.at(0).at(1).value<Poplar::Error>().detail, QStringLiteral("why"));
        QCOMPARE(m_scheduler->state(id), State::Stopped);
        QVERIFY(!m_scheduler->nextCheck(id).isValid());

        for (int i = 0; i < 2 * 24 * 6; ++i) {  // two days
            advance(10 * Minute);
            m_scheduler->poll();
        }
        QCOMPARE(launchesOf(id), 1);
        QCOMPARE(m_scheduler->getMailNow(id), Request::Started);  // the user's explicit retry
        QCOMPARE(launchesOf(id), 2);
    }

    void anotherFetchRunningRetriesSoon()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        QVERIFY(runNextCheck(id));
        answer(id, ErrorCode::FetchRunning);
        QCOMPARE(m_scheduler->state(id), State::Waiting);
        QCOMPARE(m_scheduler->failures(id), 0);
        QCOMPARE(now().msecsTo(m_scheduler->nextCheck(id)), 2 * Minute);
        QVERIFY(runNextCheck(id));
        answer(id, ErrorCode::FetchRunning);
        QCOMPARE(now().msecsTo(m_scheduler->nextCheck(id)), 2 * Minute);  // no backoff
    }

    void cancelledFetchKeepsTheInterval()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        SyncState s;
        s.failures = 2;
        saveState(id, s);
        QVERIFY(startScheduler());
        QVERIFY(runNextCheck(id));
        answer(id, ErrorCode::Cancelled);
        QCOMPARE(m_scheduler->failures(id), 2);  // neither a failure nor a success
        QCOMPARE(now().msecsTo(m_scheduler->nextCheck(id)), 10 * Minute);
    }

    void offlineLaunchesNothing()
    {
        const qint64 a = addAccount(QStringLiteral("A"), 10);
        const qint64 b = addAccount(QStringLiteral("B"), 60);
        QVERIFY(startScheduler());
        QSignalSpy online(m_scheduler.get(), &Scheduler::onlineChanged);
        advance(20'000);
        m_scheduler->poll();
        answer(a);
        answer(b);
        const QDateTime bDue = m_scheduler->nextCheck(b);

        m_scheduler->setOnline(false);
        QVERIFY(!m_scheduler->isOnline());
        QCOMPARE(m_scheduler->state(a), State::Paused);
        QCOMPARE(m_scheduler->state(b), State::Paused);
        for (int i = 0; i < 6; ++i) {  // half an hour: A falls due, B not yet
            advance(5 * Minute);
            m_scheduler->poll();
        }
        QCOMPARE(m_scheduler->getMailNow(a), Request::Offline);
        QCOMPARE(launchesOf(a), 1);
        QCOMPARE(launchesOf(b), 1);

        m_scheduler->setOnline(true);
        QCOMPARE(online.count(), 2);
        QCOMPARE(online.at(0).at(0).toBool(), false);
        QCOMPARE(online.at(1).at(0).toBool(), true);
        QCOMPARE(m_scheduler->state(a), State::Waiting);
        // The overdue check runs soon (within the 5 s resume window), the
        // other keeps its time.
        QCOMPARE(m_scheduler->nextCheck(a), now().addMSecs(2500));
        QCOMPARE(m_scheduler->nextCheck(b), bDue);
        advance(5000);
        m_scheduler->poll();
        QCOMPARE(launchesOf(a), 2);
        QCOMPARE(launchesOf(b), 1);

        // "Get all mail" while offline: everything runs once the network is back.
        m_scheduler->setOnline(false);
        m_scheduler->getMailNow();
        QCOMPARE(launchesOf(b), 1);
        m_scheduler->setOnline(true);
        QCOMPARE(m_scheduler->nextCheck(b), now().addMSecs(2500));
        QCOMPARE(m_scheduler->state(a), State::Running);  // still running meanwhile
        advance(5000);
        m_scheduler->poll();
        QCOMPARE(launchesOf(a), 2);
        QCOMPARE(launchesOf(b), 2);
    }

    void connectionFailureRetriesWhenTheNetworkReturns()
    {
        const qint64 a = addAccount(QStringLiteral("A"));
        const qint64 b = addAccount(QStringLiteral("B"));
        QVERIFY(startScheduler());
        advance(20'000);
        m_scheduler->poll();
        // Four failures each (8 min backoff next): A could not connect, B's
        // server was busy. Both fall due together each time.
        for (int i = 0; i < 4; ++i) {
            answer(a, ErrorCode::ConnectionFailed);
            answer(b, ErrorCode::MailboxInUse);
            if (i < 3) {
                QCOMPARE(m_scheduler->nextCheck(a), m_scheduler->nextCheck(b));
                QVERIFY(runNextCheck(a));
                QCOMPARE(launchesOf(b), i + 2);
            }
        }
        const QDateTime bDue = m_scheduler->nextCheck(b);
        QCOMPARE(now().msecsTo(m_scheduler->nextCheck(a)), 8 * Minute);

        m_scheduler->setOnline(false);
        advance(Minute);
        m_scheduler->setOnline(true);
        // The network, not the server, was the trouble: A is tried now.
        QCOMPARE(m_scheduler->nextCheck(a), now().addMSecs(2500));
        QCOMPARE(m_scheduler->nextCheck(b), bDue);
    }

    void getMailNowNeverLaunchesTwice()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        QSignalSpy started(m_scheduler.get(), &Scheduler::fetchStarted);
        QCOMPARE(m_scheduler->getMailNow(id), Request::Started);
        QCOMPARE(m_scheduler->state(id), State::Running);
        QCOMPARE(m_scheduler->getMailNow(id), Request::AlreadyRunning);
        m_scheduler->getMailNow();
        advance(Minute);  // past the startup check
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 1);
        QCOMPARE(started.count(), 1);

        answer(id);
        QCOMPARE(m_scheduler->nextCheck(id), now().addSecs(600));
        m_scheduler->getMailNow();
        QCOMPARE(launchesOf(id), 2);
    }

    void getMailNowWaitsForLoginDelay()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        SyncState s;
        s.loginDelaySeconds = 900;
        s.lastLoginAt = m_t0.addSecs(-100);
        saveState(id, s);
        QVERIFY(startScheduler());
        QSignalSpy delayed(m_scheduler.get(), &Scheduler::loginDelayed);
        QCOMPARE(m_scheduler->getMailNow(id), Request::Deferred);
        QCOMPARE(launchesOf(id), 0);
        QCOMPARE(m_scheduler->nextCheck(id), m_t0.addSecs(800));
        QCOMPARE(delayed.count(), 1);
        QCOMPARE(delayed.at(0).at(1).toDateTime(), m_t0.addSecs(800));
        QVERIFY(runNextCheck(id));
    }

    void disabledAccountsNeverRun()
    {
        const qint64 off = addAccount(QStringLiteral("Off"), 10, false);
        const qint64 on = addAccount(QStringLiteral("On"));
        QVERIFY(startScheduler());
        QCOMPARE(m_scheduler->accountIds(), QList<qint64> { on });
        QCOMPARE(m_scheduler->state(off), State::NotScheduled);
        QVERIFY(!m_scheduler->nextCheck(off).isValid());
        QCOMPARE(m_scheduler->getMailNow(off), Request::NotScheduled);
        m_scheduler->getMailNow();
        answer(on);
        for (int i = 0; i < 24 * 6; ++i) {
            QVERIFY(runNextCheck(on));
            answer(on);
        }
        QCOMPARE(launchesOf(off), 0);
    }

    void reloadFollowsTheAccountList()
    {
        const qint64 a = addAccount(QStringLiteral("A"));
        const qint64 b = addAccount(QStringLiteral("B"));
        QVERIFY(startScheduler());
        advance(20'000);
        m_scheduler->poll();
        answer(a);
        answer(b);
        advance(Minute);
        const QDateTime bDue = m_scheduler->nextCheck(b);

        const qint64 c = addAccount(QStringLiteral("C"));
        Accounts::AccountStore accounts(*m_store);
        QVERIFY(accounts.remove(a));
        QSignalSpy states(m_scheduler.get(), &Scheduler::stateChanged);
        QVERIFY(m_scheduler->reloadAccounts());
        QCOMPARE(m_scheduler->accountIds(), (QList<qint64> { b, c }));
        QCOMPARE(m_scheduler->state(a), State::NotScheduled);
        QVERIFY(!m_scheduler->nextCheck(a).isValid());
        QCOMPARE(m_scheduler->nextCheck(b), bDue);               // unchanged: kept
        QCOMPARE(m_scheduler->nextCheck(c), now().addSecs(10));  // new: within the startup window
        QVERIFY(std::any_of(states.begin(), states.end(), [a](const QList<QVariant> &args) {
            return args.at(0).toLongLong() == a && args.at(1).value<State>() == State::NotScheduled;
        }));

        advance(30 * Minute);
        m_scheduler->poll();
        QCOMPARE(launchesOf(a), 1);
        QCOMPARE(launchesOf(b), 2);
        QCOMPARE(launchesOf(c), 1);
    }

    void reloadWhileRunning()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        QSignalSpy finished(m_scheduler.get(), &Scheduler::fetchFinished);
        QVERIFY(runNextCheck(id));

        // Disabled and enabled again while its fetch still runs: not twice.
        Accounts::Account acc = account(id);
        acc.enabled = false;
        updateAccount(acc);
        QVERIFY(m_scheduler->reloadAccounts());
        QCOMPARE(m_scheduler->state(id), State::NotScheduled);
        QCOMPARE(m_scheduler->getMailNow(id), Request::NotScheduled);
        acc.enabled = true;
        updateAccount(acc);
        QVERIFY(m_scheduler->reloadAccounts());
        QCOMPARE(m_scheduler->getMailNow(id), Request::AlreadyRunning);
        advance(Minute);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 1);
        answer(id);
        QCOMPARE(m_scheduler->state(id), State::Waiting);

        // Disabled while running, and it stays disabled: dropped when it ends.
        QVERIFY(runNextCheck(id));
        acc.enabled = false;
        updateAccount(acc);
        QVERIFY(m_scheduler->reloadAccounts());
        answer(id);
        QCOMPARE(finished.count(), 2);
        QVERIFY(m_scheduler->accountIds().isEmpty());
        QCOMPARE(m_scheduler->state(id), State::NotScheduled);
        answer(id);  // a second answer to the same launch is ignored
        QCOMPARE(finished.count(), 2);
        advance(60 * Minute);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 2);
    }

    void changedSettingsResumeAStoppedAccount()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        QVERIFY(runNextCheck(id));
        answer(id, ErrorCode::CertificateUntrusted);
        QCOMPARE(m_scheduler->state(id), State::Stopped);

        QVERIFY(m_scheduler->reloadAccounts());  // nothing changed
        QCOMPARE(m_scheduler->state(id), State::Stopped);
        Accounts::Account acc = account(id);
        acc.name = QStringLiteral("Renamed");  // not something a server sees
        updateAccount(acc);
        QVERIFY(m_scheduler->reloadAccounts());
        QCOMPARE(m_scheduler->state(id), State::Stopped);

        acc.host = QStringLiteral("pop3.example.org");
        updateAccount(acc);
        QVERIFY(m_scheduler->reloadAccounts());
        QCOMPARE(m_scheduler->state(id), State::Waiting);
        QCOMPARE(m_scheduler->failures(id), 0);
        QCOMPARE(m_scheduler->nextCheck(id), now().addMSecs(2500));
        QVERIFY(runNextCheck(id));
    }

    void changedIntervalMovesTheNextCheck()
    {
        const qint64 id = addAccount(QStringLiteral("A"), 10);
        QVERIFY(startScheduler());
        QVERIFY(runNextCheck(id));
        const QDateTime finishedAt = now();
        answer(id);
        advance(Minute);
        Accounts::Account acc = account(id);
        acc.intervalMinutes = 30;
        updateAccount(acc);
        QVERIFY(m_scheduler->reloadAccounts());
        QCOMPARE(m_scheduler->nextCheck(id), finishedAt.addSecs(30 * 60));  // from the last fetch, not now
        acc.intervalMinutes = 1;
        updateAccount(acc);
        QVERIFY(m_scheduler->reloadAccounts());
        QCOMPARE(m_scheduler->nextCheck(id), now());  // overdue by the new interval: at once
    }

    void changedSettingsWhileRunningAreTriedSoon()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        QSignalSpy credentials(m_scheduler.get(), &Scheduler::credentialsNeeded);
        QVERIFY(runNextCheck(id));
        Accounts::Account acc = account(id);
        acc.user = QStringLiteral("ann.example");
        updateAccount(acc);
        QVERIFY(m_scheduler->reloadAccounts());
        QCOMPARE(m_scheduler->state(id), State::Running);
        answer(id, ErrorCode::AuthFailed);  // the old user name's answer
        QCOMPARE(credentials.count(), 0);
        QCOMPARE(m_scheduler->state(id), State::Waiting);
        QCOMPARE(m_scheduler->nextCheck(id), now().addMSecs(2500));
    }

    void launcherThatAnswersAtOnce()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        ErrorCode next = ErrorCode::None;
        int answers = 2;  // a sloppy launcher answers twice
        QStringList events;
        auto launch = [&](const Accounts::Account &a, Scheduler::Done done) {
            m_launched.push_back({ a.id, done });
            for (int i = 0; i < answers; ++i)
                done(reportOf(next));
        };
        QVERIFY(startScheduler(options(), launch));
        connect(m_scheduler.get(), &Scheduler::fetchStarted, this, [&] { events << QStringLiteral("started"); });
        connect(m_scheduler.get(), &Scheduler::fetchFinished, this, [&] { events << QStringLiteral("finished"); });
        QVERIFY(runNextCheck(id));
        QCOMPARE(events, (QStringList { QStringLiteral("started"), QStringLiteral("finished") }));
        QCOMPARE(m_scheduler->state(id), State::Waiting);
        QCOMPARE(m_scheduler->nextCheck(id), now().addSecs(600));

        answers = 1;
        next = ErrorCode::AuthFailed;
        QVERIFY(runNextCheck(id));
        QCOMPARE(m_scheduler->state(id), State::NeedsPassword);
        next = ErrorCode::None;
        QCOMPARE(m_scheduler->getMailNow(id), Request::Started);
        QCOMPARE(m_scheduler->state(id), State::Waiting);
        QCOMPARE(launchesOf(id), 3);
        QCOMPARE(events.count(QStringLiteral("finished")), 3);
    }

    void slotsMayCallBack()
    {
        // A UI slot that reacts to an answer by asking for more, or by
        // reloading the accounts, runs on a consistent scheduler.
        const qint64 a = addAccount(QStringLiteral("A"));
        const qint64 b = addAccount(QStringLiteral("B"));
        auto launch = [&](const Accounts::Account &acc, Scheduler::Done done) {
            m_launched.push_back({ acc.id, done });
            done(reportOf(ErrorCode::AuthFailed));
        };
        QVERIFY(startScheduler(options(), launch));
        bool retried = false;
        connect(m_scheduler.get(), &Scheduler::credentialsNeeded, this, [&](qint64 id) {
            QVERIFY(m_scheduler->reloadAccounts());
            if (id == a && !retried) {
                retried = true;
                QCOMPARE(m_scheduler->getMailNow(id), Request::Started);
            }
        });
        advance(20'000);
        m_scheduler->poll();
        QCOMPARE(launchesOf(a), 2);
        QCOMPARE(launchesOf(b), 1);
        QCOMPARE(m_scheduler->state(a), State::NeedsPassword);
        QCOMPARE(m_scheduler->state(b), State::NeedsPassword);
    }

    void answerAfterTheSchedulerIsGone()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        QVERIFY(runNextCheck(id));
        m_scheduler.reset();
        answer(id);  // nothing to tell, and no crash
        QCOMPARE(launchesOf(id), 1);
    }

    void wallClockSetBackDoesNotPostpone()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        QVERIFY(startScheduler());
        QVERIFY(runNextCheck(id));
        answer(id);
        advance(-60 * Minute);
        m_scheduler->poll();
        QCOMPARE(m_scheduler->nextCheck(id), now().addSecs(600));
    }

    void followsTheSystemNetworkWhereABackendLoads()
    {
        const qint64 id = addAccount(QStringLiteral("A"));
        Scheduler::Options o = options();
        o.watchNetwork = true;
        QVERIFY(startScheduler(o));
        const QNetworkInformation *info = QNetworkInformation::instance();
        if (!info || !info->supports(QNetworkInformation::Feature::Reachability)) {
            // No backend here: scheduling just runs.
            QVERIFY(m_scheduler->isOnline());
            QVERIFY(runNextCheck(id));
            return;
        }
        qInfo("network backend: %s, reachability %d", qPrintable(info->backendName()), int(info->reachability()));
        QCOMPARE(m_scheduler->isOnline(), info->reachability() != QNetworkInformation::Reachability::Disconnected);
    }

    void timerDrivesThePoll()
    {
        // The real clock and the event loop: no poll() by hand.
        const qint64 id = addAccount(QStringLiteral("A"));
        Scheduler::Options o = options();
        o.clock = nullptr;
        o.startupWindowSeconds = 0;
        o.busyRetrySeconds = 0;
        QVERIFY(startScheduler(o));
        QTRY_COMPARE(launchesOf(id), 1);
        answer(id, ErrorCode::FetchRunning);  // retry at once
        QTRY_COMPARE(launchesOf(id), 2);
        answer(id);
        // Done: the next check is a whole interval (10 min, less the jitter)
        // away, and a wake-up before then launches nothing.
        QTRY_COMPARE(m_scheduler->state(id), State::Waiting);
        QVERIFY(QDateTime::currentDateTimeUtc().secsTo(m_scheduler->nextCheck(id)) >= 9 * 60 - 5);
        m_scheduler->poll();
        QCOMPARE(launchesOf(id), 2);
        QCOMPARE(m_scheduler->state(id), State::Waiting);
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
