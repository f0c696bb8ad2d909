#pragma once

// Test support: runs one Sync::FetchJob (or RemoteMessageJob) to its end on
// a local event loop, and reads an account's ledger and sync state.

#include "store/Database.h"
#include "store/Store.h"
#include "sync/FetchJob.h"
#include "sync/SyncState.h"
#include "sync/RemoteMessageJob.h"

#include <QEventLoop>
#include <QTimer>

#include <functional>

namespace PoplarTest {

// Starts `job` and waits for its finished(report); InvalidState if it did
// not finish within `timeoutMs`. `loop` runs while it works.
template<typename Job, typename Report>
Report runToEnd(Job &job, void (Job::*finished)(const Report &), QEventLoop &loop, int timeoutMs)
{
    Report report;
    bool done = false;
    QObject::connect(&job, finished, &loop, [&](const Report &r) {
        report = r;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (!done)
        report.error = Poplar::Error(Poplar::ErrorCode::InvalidState, QStringLiteral("the job did not finish"));
    return report;
}

// A fetch's report. `onProgress` sees every progress report (and may
// cancel the job).
inline Sync::FetchReport runFetch(Sync::FetchJob &job, int timeoutMs,
    const std::function<void(Sync::FetchJob &, const Sync::Progress &)> &onProgress = {},
    Sync::Progress *lastProgress = nullptr)
{
    QEventLoop loop;
    QObject::connect(&job, &Sync::FetchJob::progress, &loop, [&](const Sync::Progress &p) {
        if (lastProgress)
            *lastProgress = p;
        if (onProgress)
            onProgress(job, p);
    });
    return runToEnd(job, &Sync::FetchJob::finished, loop, timeoutMs);
}

inline Sync::RemoteReport runRemote(Sync::RemoteMessageJob &job, int timeoutMs)
{
    QEventLoop loop;
    return runToEnd(job, &Sync::RemoteMessageJob::finished, loop, timeoutMs);
}

inline QList<Sync::LedgerEntry> ledgerOf(Store::MailStore &store, qint64 accountId)
{
    auto ledger = store.readValue([&](Store::Database &db) { return Sync::Ledger::load(db, accountId); });
    return ledger ? std::move(ledger).value() : QList<Sync::LedgerEntry>();
}

// The account's sync state; a default one when it cannot be read.
inline Sync::SyncState syncStateOf(Store::MailStore &store, qint64 accountId)
{
    auto state = store.readValue([&](Store::Database &db) { return Sync::SyncState::load(db, accountId); });
    return state ? std::move(state).value() : Sync::SyncState();
}

}  // namespace PoplarTest
