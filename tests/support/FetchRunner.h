#pragma once

// Test support: runs one Sync::FetchJob (or RemoteMessageJob) to its end on
// a local event loop, and reads an account's ledger and sync state.

#include "store/Database.h"
#include "store/Store.h"
#include "sync/FetchJob.h"
#include "sync/RemoteMessageJob.h"

#include <QEventLoop>
#include <QTimer>

#include <functional>

namespace PoplarTest {

// The job's report; InvalidState if it did not finish within `timeoutMs`.
// `onProgress` sees every progress report (and may cancel the job).
inline Sync::FetchReport runFetch(Sync::FetchJob &job, int timeoutMs,
    const std::function<void(Sync::FetchJob &, const Sync::Progress &)> &onProgress = {},
    Sync::Progress *lastProgress = nullptr)
{
    Sync::FetchReport report;
    bool done = false;
    QEventLoop loop;
    QObject::connect(&job, &Sync::FetchJob::progress, &loop, [&](const Sync::Progress &p) {
        if (lastProgress)
            *lastProgress = p;
        if (onProgress)
            onProgress(job, p);
    });
    QObject::connect(&job, &Sync::FetchJob::finished, &loop, [&](const Sync::FetchReport &r) {
        report = r;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (!done)
        report.error = Poplar::Error(Poplar::ErrorCode::InvalidState, QStringLiteral("the fetch did not finish"));
    return report;
}

inline Sync::RemoteReport runRemote(Sync::RemoteMessageJob &job, int timeoutMs)
{
    Sync::RemoteReport report;
    bool done = false;
    QEventLoop loop;
    QObject::connect(&job, &Sync::RemoteMessageJob::finished, &loop, [&](const Sync::RemoteReport &r) {
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
