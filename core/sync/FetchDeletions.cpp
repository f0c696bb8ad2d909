// FetchJob's deletion step: DELE only for what has committed here and is
// on the disk, and the ledger told of the deletions once QUIT confirmed
// them.
#include "sync/FetchJob.h"

#include "store/Database.h"
#include "store/Store.h"

#include <QTimer>

#include <algorithm>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Status;

void FetchJob::afterDownloads()
{
    if (!link() || quitting() || m_removing)
        return;
    const QList<quint32> remove = deletableNow(activePlan(), m_committed, m_held);
    // Invariant: what the server deletes is on this disk, not only in the
    // file system's cache — a power cut must not take the only copy.
    if (auto st = syncCommitted(); !st)
        return fail(st.error());
    if (remove.isEmpty()) {
        quit();
        return;
    }
    m_removing = true;
    pop3().deleteMessages(remove);
}

Status FetchJob::syncCommitted()
{
    if (m_synced)
        return {};
    Status st = m_store.syncToDisk();
    m_synced = bool(st);
    return st;
}

void FetchJob::quitConfirmed()
{
    if (m_failure || m_options.dryRun || !m_report.plan)
        return end();
    // QUIT confirmed: the server has deleted what it accepted DELE for.
    const Plan &plan = activePlan();
    std::map<quint32, LedgerKey> keyOf;
    {
        QHash<QByteArray, int> seen;
        for (const ServerMessage &m : m_server)
            keyOf[m.number] = LedgerKey { m.key, ++seen[m.key] };
    }
    std::vector<LedgerKey> gone = plan.vanished;
    for (quint32 n : m_deleted)
        gone.push_back(keyOf[n]);
    const qint64 accountId = m_account.id;
    const KeySource keys = m_report.keys;
    Status st = m_store.write([&](Store::Database &db) -> Status {
        if (keys == KeySource::None)
            return {};  // nothing is recognisable by key on such a server
        if (auto s = Ledger::setState(db, accountId, gone, LedgerState::DeletedOnServer); !s)
            return s;
        return Ledger::setState(db, accountId, plan.reappeared, LedgerState::OnServer);
    });
    if (!st)
        m_failure = st.error();
    m_report.deletedOnServer += int(m_deleted.size());
    if (m_phase == Phase::Alone && !plan.downloads.empty() && !m_committed.count(plan.downloads.front().number)) {
        // The server would not give it, but the session went on.
        Error why(ErrorCode::ServerError);
        for (const auto &[n, e] : std::as_const(m_report.messageErrors)) {
            if (n == plan.downloads.front().number)
                why = e;
        }
        endAloneTry(why, false);
    }
    if (!m_failure && startAloneSession())
        return;
    end();
}

}  // namespace Sync
