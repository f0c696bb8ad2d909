#pragma once

// Test support: runs one Sync::FetchJob (or RemoteMessageJob) to its end on
// a local event loop, and reads an account's ledger.

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
    QList<Sync::LedgerEntry> out;
    (void)store.read([&](Store::Database &db) -> Poplar::Status {
        auto l = Sync::Ledger::load(db, accountId);
        if (!l)
            return l.error();
        out = *l;
        return {};
    });
    return out;
}

}  // namespace PoplarTest
