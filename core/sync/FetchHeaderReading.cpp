// FetchJob's header reading before the plan: fallback keys (TOP n 0) on a
// server without UIDL or one that refused it, and the messages under new
// UIDLs recognised as local copies (the pure matching is HeaderMatch).
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

void FetchJob::fetchNextHeader()
{
    if (m_nextHeader > 0) {
        ServerMessage &done = m_server[m_nextHeader - 1];
        if (!m_headerSink->done()) {
            if (m_report.uidlRefused) {
                m_headerSink.reset();
                return refuseWithoutUidl();
            }
            if (m_phase == Phase::Alone) {
                m_headerSink.reset();
                m_aloneKeysUnread = true;
                return planAlone();
            }
            // TOP failed: without keys, nothing can be matched.
            m_report.keys = KeySource::None;
            for (ServerMessage &m : m_server)
                m.key.clear();
            m_headerSink.reset();
            return makeAndRunPlan();
        }
        done.key = fallbackKey(m_headerSink->header(), done.size);
        if (m_report.uidlRefused)
            m_headerIds[m_nextHeader - 1]
                = Mime::parseMessage(m_headerSink->header(), Mime::ParseDepth::HeadersOnly).messageId;
    }
    // In a troublesome message's own session, only the messages that could
    // be it need their keys.
    while (m_phase == Phase::Alone && m_nextHeader < m_server.size() && !needsAloneKey(m_server[m_nextHeader]))
        ++m_nextHeader;
    if (m_nextHeader >= m_server.size()) {
        m_headerSink.reset();
        return m_phase == Phase::Alone ? planAlone() : makeAndRunPlan();
    }
    const quint32 number = m_server[m_nextHeader++].number;
    m_headerSink->clear();
    pop3().top(number, 0, m_headerSink.get());
}

// Whenever the server lists messages the ledger does not know while entries
// it knows there are no longer listed, some messages may have new UIDLs
// (see HeaderMatch): their headers are read before anything is downloaded.
void FetchJob::lookForNewUidls()
{
    if (m_server.empty())
        return makeAndRunPlan();
    const Pop3::Capabilities &caps = pop3().serverInfo().capabilities;
    if (caps.capaSupported && !caps.top)
        return makeAndRunPlan();  // no way to read a header: downloaded again
    auto ledger = m_store.readValue([&](Store::Database &db) { return Ledger::load(db, m_account.id); });
    if (!ledger)
        return fail(ledger.error());
    // The local copies are read only when the list calls for it: most
    // fetches find everything where it was, or only new mail.
    const HeaderMatch::Need need = HeaderMatch::need(m_server, *ledger);
    if (!need.headers)
        return makeAndRunPlan();
    auto copies = m_store.readValue(
        [&](Store::Database &db) { return Ledger::localCopies(db, m_account.id, need.deletedCopies); });
    if (!copies)
        return fail(copies.error());
    HeaderMatch::Candidates candidates = HeaderMatch::candidates(m_server, *ledger, *copies);
    if (candidates.toRead.empty())
        return makeAndRunPlan();
    m_matching = std::make_unique<Matching>(std::move(candidates));
    fetchNextMatchHeader();
}

void FetchJob::fetchNextMatchHeader()
{
    Matching &matching = *m_matching;
    if (matching.sink) {
        const HeaderMatch::Unknown &u = matching.queue[matching.next - 1];
        if (matching.sink->done()) {
            // The store's Message-ID came from the same parser.
            const QByteArray messageId
                = Mime::parseMessage(matching.sink->header(), Mime::ParseDepth::HeadersOnly).messageId;
            const ServerMessage &m = m_server[u.index];
            if (matching.matcher.match(m, u.occurrence, messageId)) {
                if (m.key.isEmpty())
                    m_recognised.insert(m.number);  // stored here; its entry stays where it is
                else
                    m_confirmed.push_back({ m.key, u.occurrence });
            } else if (!m.key.isEmpty() && matching.matcher.differs(m, u.occurrence, messageId)) {
                m_notTheSame.push_back({ m.key, u.occurrence });
            }
        }
        matching.sink.reset();
    }
    if (matching.next < matching.queue.size()) {
        matching.sink = std::make_unique<HeaderSink>();
        ++m_report.headersReadForMatching;
        pop3().top(m_server[matching.queue[matching.next++].index].number, 0, matching.sink.get());
        return;
    }
    finishMatching();
}

void FetchJob::finishMatching()
{
    std::vector<LedgerRekey> matches = m_matching->matcher.matches();
    m_matching.reset();
    // A message listed without a UIDL is recognised, not moved.
    matches.erase(
        std::remove_if(matches.begin(), matches.end(), [](const LedgerRekey &r) { return r.to.key.isEmpty(); }),
        matches.end());
    if (m_options.dryRun) {
        m_dryRunRekeys = matches;
    } else if (!matches.empty()) {
        // All in one transaction, before anything is downloaded: a fetch
        // that dies here has changed nothing, and the next one matches again.
        Status st = m_store.write([&](Store::Database &db) { return Ledger::rekey(db, m_account.id, matches); });
        if (!st)
            return fail(st.error());
    }
    // A message deleted there and listed again may be recognised under its
    // own key: that is no new UIDL.
    m_report.matchedAfterUidlChange
        = int(std::count_if(matches.begin(), matches.end(), [](const LedgerRekey &r) { return !(r.from == r.to); }));
    makeAndRunPlan();
}

}  // namespace Sync
