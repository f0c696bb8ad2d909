// FetchJob's second session: a message that ended earlier sessions is
// tried last, alone, once the others are stored (and deleted) and the
// first session has QUIT.
#include "sync/FetchJob.h"

#include "mime/MessageParser.h"
#include "store/Database.h"
#include "store/Store.h"

#include <QTimer>

#include <algorithm>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Status;

// The messages deferred for having ended sessions, each in a session of its
// own: the others are safely stored and deleted by now.
bool FetchJob::startAloneSession()
{
    if (m_nextDeferred >= m_deferred.size() || cancelled())
        return false;
    if (m_state.loginDelaySeconds.value_or(0) > 0) {
        // The server allows no second login now: they wait.
        for (; m_nextDeferred < m_deferred.size(); ++m_nextDeferred) {
            const Download &d = m_deferred[m_nextDeferred];
            FetchReport::Troublesome t;
            t.number = d.number;
            t.size = d.size;
            for (const Troublesome &known : std::as_const(m_troublesome)) {
                if (known.key == troubleKey(d) && known.size == d.size) {
                    t.subject = known.subject;
                    t.failures = known.failures;
                }
            }
            t.error = Error(ErrorCode::LoginDelay);
            m_report.troublesome << t;
        }
        return false;
    }
    const Download &d = m_deferred[m_nextDeferred++];
    m_aloneTry = Troublesome();
    m_aloneTry.key = troubleKey(d);
    m_aloneTry.size = d.size;
    for (const Troublesome &known : std::as_const(m_troublesome)) {
        if (known.key == m_aloneTry.key && known.size == d.size)
            m_aloneTry = known;
    }
    resetSession();
    m_phase = Phase::Alone;
    m_alonePlan = Plan();
    // Not from inside the first connection's last signal.
    QTimer::singleShot(0, this, [this] {
        if (cancelled())
            return fail(Error(ErrorCode::Cancelled));
        openSession();
    });
    return true;
}

void FetchJob::onAloneListed(const std::vector<Pop3::MessageInfo> &messages)
{
    m_server.clear();
    for (const Pop3::MessageInfo &m : messages)
        m_server.push_back({ m.number, m.size, m.uid });
    if (m_report.keys == KeySource::Fallback) {
        // Found again as the first session keyed it: by its header.
        m_headerSink = std::make_unique<HeaderSink>();
        m_nextHeader = 0;
        return fetchNextHeader();
    }
    planAlone();
}

bool FetchJob::needsAloneKey(const ServerMessage &m) const
{
    return m.size == m_deferred[m_nextDeferred - 1].size;
}

void FetchJob::planAlone()
{
    // The message by its key (or, without one, its number) and size.
    const Download &wanted = m_deferred[m_nextDeferred - 1];
    std::optional<Download> found;
    QHash<QByteArray, int> seen;
    for (const ServerMessage &m : m_server) {
        const int occurrence = ++seen[m.key];
        const bool same = wanted.key.isEmpty() ? m.key.isEmpty() && m.number == wanted.number
                                               : m.key == wanted.key && occurrence == wanted.occurrence;
        if (same && m.size == wanted.size) {
            found = wanted;
            found->number = m.number;
        }
    }
    if (!found && m_aloneKeysUnread) {
        // A header that would tell could not be read: it stays for later.
        endAloneTry(Error(ErrorCode::NotOnServer, QStringLiteral("not found again in a session of its own")), false);
        quit();
        return;
    }
    if (!found) {
        // Gone from the server meanwhile: nothing more to try.
        (void)m_store.write([&](Store::Database &db) {
            return TroublesomeMessages::forget(db, m_account.id, m_aloneTry.key, m_aloneTry.size);
        });
        quit();
        return;
    }
    m_alonePlan.downloads.push_back(*found);
    if (!m_account.policy.leaveOnServer)
        m_alonePlan.deletions.push_back(
            { found->number, found->key, found->occurrence, found->size, DeleteReason::AfterDownload, true });
    const Pop3::Capabilities &caps = pop3().serverInfo().capabilities;
    if (caps.top || !caps.capaSupported) {
        // Its subject first, so that the user can tell which message it is.
        m_aloneHeader = std::make_unique<HeaderSink>();
        pop3().top(found->number, 0, m_aloneHeader.get());
        return;
    }
    retrieveAlone();
}

void FetchJob::retrieveAlone()
{
    if (m_aloneHeader && m_aloneHeader->done()) {
        const QString subject = Mime::parseMessage(m_aloneHeader->header(), Mime::ParseDepth::HeadersOnly).subject;
        if (!subject.isEmpty())
            m_aloneTry.subject = subject;
    }
    m_aloneHeader.reset();
    m_aloneHeaderRead = true;
    m_aloneTry.lastTriedAt = now();
    (void)m_store.write(
        [&](Store::Database &db) { return TroublesomeMessages::recordTry(db, m_account.id, m_aloneTry); });
    startDownloads();
}

void FetchJob::endAloneTry(const Error &error, bool endedTheSession)
{
    const Download &d = m_deferred[m_nextDeferred - 1];
    FetchReport::Troublesome t;
    t.number = m_alonePlan.downloads.empty() ? d.number : m_alonePlan.downloads.front().number;
    t.size = d.size;
    t.subject = m_aloneTry.subject;
    t.failures = m_aloneTry.failures;
    t.tried = m_aloneHeaderRead;
    t.error = error;
    if (endedTheSession) {
        ++t.failures;
        Troublesome failure = m_aloneTry;
        failure.lastFailedAt = now();
        failure.lastError = Poplar::errorCodeName(error.code);
        (void)m_store.write(
            [&](Store::Database &db) { return TroublesomeMessages::recordFailure(db, m_account.id, failure); });
    }
    m_report.troublesome << t;
}

}  // namespace Sync
