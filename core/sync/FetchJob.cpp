#include "sync/FetchJob.h"
#include "sync/HeaderSink.h"
#include "sync/SyncState.h"

#include "mime/MessageParser.h"
#include "pop3/Sasl.h"
#include "store/Database.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "sync/FetchHistory.h"

#include <QCryptographicHash>
#include <QTimer>

#include <algorithm>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Status;

QString deleteReasonName(DeleteReason reason)
{
    switch (reason) {
    case DeleteReason::AfterDownload: return QStringLiteral("after-download");
    case DeleteReason::DeletedLocally: return QStringLiteral("deleted-locally");
    case DeleteReason::KeepDays: return QStringLiteral("keep-days");
    case DeleteReason::KeepCount: return QStringLiteral("keep-count");
    case DeleteReason::KeepSize: return QStringLiteral("keep-mb");
    }
    return {};
}

namespace {

// Line ends explain a difference between what arrived and what LIST said:
// a server may count LF where it sends CRLF, or leave out the CRLF it adds
// at the end of a message without one.
bool sizeExplained(quint64 received, quint64 listed, quint64 lines)
{
    const quint64 difference = received > listed ? received - listed : listed - received;
    return difference <= lines + 2;
}

// The failure of a session that a message in the middle of downloading
// may have caused (not the user's, not the local store's).
bool linkFailure(const Error &e)
{
    switch (e.code) {
    case ErrorCode::Cancelled:
    case ErrorCode::InvalidState:
    case ErrorCode::LocalWriteFailed:
    case ErrorCode::DiskFull:
    case ErrorCode::StoreBusy:
    case ErrorCode::StoreCorrupt:
    case ErrorCode::StoreError: return false;
    default: return true;
    }
}

}  // namespace

// Takes RETR/TOP data into a SpoolBuffer per message.
class FetchJob::Sink final : public Pop3::MessageSink
{
public:
    explicit Sink(FetchJob &job)
        : m_job(job)
    { }

    Status begin(quint32 message) override
    {
        auto it = m_job.m_downloadByNumber.find(message);
        if (it == m_job.m_downloadByNumber.end())
            return Error(ErrorCode::InvalidState, QStringLiteral("message %1 was not asked for").arg(message));
        m_current = std::make_unique<ReceivedMessage>(
            m_job.m_store, m_job.m_account.id, m_job.m_options.spoolBytes, it->second);
        m_hash.reset();
        return {};
    }

    Status write(quint32, QByteArrayView data) override
    {
        if (!m_current)
            return Error(ErrorCode::InvalidState, QStringLiteral("data outside a message"));
        if (m_current->download->key.isEmpty())
            m_hash.addData(data);
        if (auto st = m_current->data.append(data); !st)
            return st;
        if (!m_current->download->partial)
            m_job.m_progress.bytesReceived += quint64(data.size());
        m_job.m_report.bytesReceived += quint64(data.size());
        // A big message may reach the bound on its own: reading stops in
        // its middle (it resumes once the store has caught up).
        if (!m_job.m_readingPaused)
            m_job.updateReading();
        return {};
    }

    Status finish(quint32 message, quint64 size) override
    {
        if (!m_current)
            return Error(ErrorCode::InvalidState, QStringLiteral("no message to finish"));
        if (auto st = m_current->data.finish(); !st)
            return st;
        const Download &d = *m_current->download;
        if (d.key.isEmpty()) {
            m_current->contentKey = "sha256:" + m_hash.result().toHex();
            // On a server with UIDL, a message it listed without one.
            if (m_job.m_report.keys != KeySource::None)
                m_current->hold = Hold::NoUidl;
        }
        if (!d.partial && size != d.size) {
            auto lines = m_current->data.countLineFeeds();
            if (!lines)
                return lines.error();
            if (!sizeExplained(size, d.size, *lines))
                m_current->hold = Hold::SizeMismatch;
        }
        m_current->troublesome = std::any_of(m_job.m_troublesome.begin(), m_job.m_troublesome.end(),
            [&](const Troublesome &t) { return t.key == troubleKey(d) && t.size == d.size; });
        m_job.m_arrived.insert(message);
        m_job.received(std::move(m_current));
        return {};
    }

    void discard(quint32) override { m_current.reset(); }

    // The message being received, so far.
    [[nodiscard]] qint64 receivingBytes() const { return m_current ? m_current->data.size() : 0; }

private:
    FetchJob &m_job;
    std::unique_ptr<ReceivedMessage> m_current;
    QCryptographicHash m_hash { QCryptographicHash::Sha256 };
};

FetchJob::FetchJob(
    Store::MailStore &store, Accounts::Account account, Pop3::Credentials credentials, Options options, QObject *parent)
    : ServerJob(store, std::move(account), std::move(credentials),
        { options.clock, options.transportFactory, options.connectTimeoutMs, options.idleTimeoutMs }, parent)
    , m_options(std::move(options))
{
    // A batch fills at most half the bound: the other half arrives while it
    // is stored.
    m_options.batchBytes
        = std::clamp<qint64>(m_options.batchBytes, 1, std::max<qint64>(1, m_options.maxPendingBytes / 2));
    m_batcher = new FetchBatcher(
        m_store, m_clock, { m_options.batchMessages, m_options.batchBytes, m_options.batchMs }, this);
    connect(m_batcher, &FetchBatcher::batchDone, this, &FetchJob::onBatchDone);
}

FetchJob::~FetchJob() = default;

void FetchJob::run()
{
    m_report.startedAt = now();
    m_indexingHold = m_store.holdIndexing();
    SpoolBuffer::removeStale(m_store, m_account.id);
    if (!loadSyncState(m_options.ignoreLoginDelay))
        return;

    if (m_account.targetFolderId) {
        m_folderId = m_account.targetFolderId;
    } else {
        auto folders = m_store.folders();
        if (!folders)
            return fail(folders.error());
        for (const Store::Folder &f : *folders) {
            if (f.kind == Store::FolderKind::Inbox && f.accountId == m_account.id)
                m_folderId = f.id;
        }
        if (!m_folderId)
            return fail(Error(ErrorCode::NotFound, QStringLiteral("the inbox of account %1").arg(m_account.id)));
    }
    auto troublesome
        = m_store.readValue([&](Store::Database &db) { return TroublesomeMessages::load(db, m_account.id); });
    if (!troublesome)
        return fail(troublesome.error());
    m_troublesome = std::move(troublesome).value();
    openSession();
}

// The work's signals; the skeleton's (open, certificate, login, QUIT, a
// lost link) come through ServerJob.
void FetchJob::attach(ServerLink *opening)
{
    Pop3::Connection *c = &pop3Of(opening);
    connect(c, &Pop3::Connection::statReceived, this, [this](quint32 count, quint64 size) {
        m_report.serverCount = count;
        m_report.serverBytes = size;
    });
    connect(
        c, &Pop3::Connection::listed, this, [this](const std::vector<Pop3::MessageInfo> &messages, bool uidlSupported) {
            if (m_phase == Phase::Alone)
                onAloneListed(messages);
            else
                onListed(messages, uidlSupported);
        });
    connect(c, &Pop3::Connection::messageFailed, this, [this](quint32 n, const Error &e) {
        // It ran past its bound: the session ends with it, and it is to blame.
        if (e.code == ErrorCode::MessageOversized) {
            m_oversized = n;
            return;
        }
        // A header read to recognise a message is no failure: it is downloaded.
        if (m_matching || m_headerSink || !link() || !pop3().isOpen())
            return;
        if (m_phase == Phase::Alone && !m_aloneHeaderRead)
            return;  // only its subject is missing
        m_arrived.insert(n);
        m_report.messageErrors.append({ n, e });
    });
    connect(c, &Pop3::Connection::retrieveFinished, this, [this] {
        if (m_matching)
            fetchNextMatchHeader();
        else if (m_headerSink)
            fetchNextHeader();
        else if (m_phase == Phase::Alone && !m_aloneHeaderRead)
            retrieveAlone();
        else
            downloadNext();
    });
    connect(c, &Pop3::Connection::messageDeleted, this, [this](quint32 n) { m_deleted.insert(n); });
    connect(c, &Pop3::Connection::deleteFailed, this, [this](quint32 n, const Error &e) {
        m_report.deleteErrors.append({ n, e });
    });
    connect(c, &Pop3::Connection::deletionsFinished, this, [this] { quit(); });
}

void FetchJob::work()
{
    if (m_phase == Phase::Alone)
        pop3().listMessages();
    else
        pop3().listMessages(Pop3::Connection::StatFirst::Yes);
}

void FetchJob::loginRefused(const Error &error)
{
    if (m_phase == Phase::Alone) {
        noteLoginRefusal(error);
        endAloneTry(error, false);
    } else {
        ServerJob::loginRefused(error);
    }
}

void FetchJob::linkOpened()
{
    if (m_phase == Phase::Main) {
        const Pop3::Capabilities &caps = pop3().serverInfo().capabilities;
        m_state.loginDelaySeconds = caps.loginDelaySeconds;
        switch (caps.expire) {
        case Pop3::Capabilities::Expire::Unspecified: m_state.expireDays.reset(); break;
        case Pop3::Capabilities::Expire::Never: m_state.expireDays = -1; break;
        case Pop3::Capabilities::Expire::Days: m_state.expireDays = caps.expireDays; break;
        }
        m_report.expireDays = m_state.expireDays;
        const Accounts::Policy &p = m_account.policy;
        if (m_state.expireDays && *m_state.expireDays >= 0 && p.leaveOnServer
            && (p.keepDays == 0 || p.keepDays > *m_state.expireDays))
            m_report.warnings << Warning::ServerExpiresSooner;
    }
    // A message that broke earlier sessions may get one of its own after
    // this one: the password is kept until then.
    const bool anotherSession = m_phase == Phase::Main ? std::any_of(m_troublesome.begin(), m_troublesome.end(),
                                    [&](const Troublesome &t) { return t.failures >= m_options.troublesomeAfter; })
                                                       : m_nextDeferred < m_deferred.size();
    login(anotherSession);
}

void FetchJob::onListed(const std::vector<Pop3::MessageInfo> &messages, bool uidlSupported)
{
    m_server.clear();
    m_server.reserve(messages.size());
    for (const Pop3::MessageInfo &m : messages)
        m_server.push_back({ m.number, m.size, m.uid });
    m_report.listingProblems = pop3().listingProblems();
    m_report.uidlRefused = pop3().uidlStatus() == Pop3::UidlStatus::Refused;
    if (uidlSupported) {
        m_state.uidlSupported = true;
        m_report.keys = KeySource::Uidl;
        return lookForNewUidls();
    }
    const Pop3::Capabilities &caps = pop3().serverInfo().capabilities;
    const bool topUsable = caps.top || !caps.capaSupported;
    m_report.keys = topUsable ? KeySource::Fallback : KeySource::None;
    if (m_report.uidlRefused) {
        // Not a server without UIDL, one that refused it this time: its
        // messages are recognised by their headers, and nothing is deleted.
        // Without headers either, downloading would store everything twice.
        if (!topUsable)
            return refuseWithoutUidl();
        m_headerIds.assign(m_server.size(), {});
        m_headerSink = std::make_unique<HeaderSink>();
        m_nextHeader = 0;
        return fetchNextHeader();
    }
    m_state.uidlSupported = false;
    // Leaving mail on the server needs the user's consent to the fallback;
    // without it the plan refuses, and reading every header is wasted.
    if (!topUsable || (m_account.policy.leaveOnServer && !m_account.uidlFallbackAccepted))
        return makeAndRunPlan();
    m_headerSink = std::make_unique<HeaderSink>();
    m_nextHeader = 0;
    fetchNextHeader();
}

void FetchJob::makeAndRunPlan()
{
    PlanInput in;
    in.server = m_server;
    in.keys = m_report.keys;
    in.fallbackAccepted = m_account.uidlFallbackAccepted;
    in.policy = m_account.policy;
    in.now = now();
    auto ledger = m_store.readValue([&](Store::Database &db) { return Ledger::load(db, m_account.id); });
    if (!ledger)
        return fail(ledger.error());
    in.ledger = HeaderMatch::applied(std::move(ledger).value(), m_dryRunRekeys);
    in.notTheSame = m_notTheSame;
    in.confirmed = m_confirmed;
    // Listed without a UIDL but recognised as stored here: not again.
    int recognised = int(m_recognised.size());
    in.server.erase(std::remove_if(in.server.begin(), in.server.end(),
                        [&](const ServerMessage &m) { return m_recognised.count(m.number) > 0; }),
        in.server.end());
    if (m_report.uidlRefused) {
        // The messages whose header matches a copy here are those; the rest
        // is new, stored under the fallback key. Nothing is deleted: the
        // ledger's UIDLs cannot be checked against the server's list.
        auto copies = m_store.readValue([&](Store::Database &db) { return Ledger::localCopies(db, m_account.id); });
        if (!copies)
            return fail(copies.error());
        HeaderMatch::Recognised known = HeaderMatch::recogniseWithoutUidl(m_server, m_headerIds, *copies);
        recognised += known.count;
        in.server = std::move(known.unknown);
        in.fallbackAccepted = true;
        in.policy.leaveOnServer = true;
        in.policy.keepDays = 0;
        in.policy.keepCount = 0;
        in.policy.keepMegabytes = 0;
        in.policy.deleteWhenDeletedLocally = false;
    }
    m_report.plan = makePlan(in);
    m_report.plan->alreadyStored += recognised;
    // A listing with anything unusable may have left out what is still
    // there: nothing is marked gone from the server on its word.
    if (m_report.uidlRefused || !m_report.listingProblems.isEmpty())
        m_report.plan->vanished.clear();
    const Plan &plan = *m_report.plan;
    Q_EMIT planned(plan);
    if (plan.refused || m_options.dryRun) {
        if (plan.refused)
            m_failure = *plan.refused;
        quit();
        return;
    }
    // A message that ended sessions before waits for a session of its own,
    // after this one. Rows of messages no longer listed go.
    // Without keys a message cannot be found again in another session.
    if (!m_troublesome.isEmpty() && m_report.keys != KeySource::None) {
        QList<Troublesome> listed;
        for (const Download &d : plan.downloads) {
            for (const Troublesome &t : std::as_const(m_troublesome)) {
                if (t.key == troubleKey(d) && t.size == d.size) {
                    listed << t;
                    if (t.failures >= m_options.troublesomeAfter)
                        m_deferred.push_back(d);
                }
            }
        }
        Status st = m_store.write(
            [&](Store::Database &db) { return TroublesomeMessages::keepOnly(db, m_account.id, listed); });
        if (!st)
            return fail(st.error());
        m_troublesome = listed;
    }
    // With LOGIN-DELAY there is no second session: once a day a deferred
    // message gets this one, alone, and the others wait for the next fetch.
    if (!m_deferred.empty() && m_state.loginDelaySeconds.value_or(0) > 0) {
        for (std::size_t i = 0; i < m_deferred.size(); ++i) {
            const Download &d = m_deferred[i];
            const auto row = std::find_if(m_troublesome.begin(), m_troublesome.end(),
                [&](const Troublesome &t) { return t.key == troubleKey(d) && t.size == d.size; });
            if (row == m_troublesome.end() || (row->lastTriedAt.isValid() && row->lastTriedAt.addDays(1) > now()))
                continue;
            std::swap(m_deferred[0], m_deferred[i]);
            m_aloneTry = *row;
            m_nextDeferred = 1;
            m_phase = Phase::Alone;
            return planAlone();
        }
    }
    startDownloads();
}

void FetchJob::refuseWithoutUidl()
{
    m_failure = Error(ErrorCode::UidlRefused, QStringLiteral("UIDL refused, and no header to recognise messages by"));
    quit();
}

const Plan &FetchJob::activePlan() const
{
    return m_phase == Phase::Alone ? m_alonePlan : *m_report.plan;
}

void FetchJob::startDownloads()
{
    QList<quint32> whole;
    for (const Download &d : activePlan().downloads) {
        const bool deferred = m_phase == Phase::Main
            && std::any_of(
                m_deferred.begin(), m_deferred.end(), [&](const Download &x) { return x.number == d.number; });
        if (deferred)
            continue;
        m_downloadByNumber[d.number] = &d;
        ++m_progress.total;
        if (d.partial) {
            m_partialQueue.push_back(d.number);
        } else {
            whole << d.number;
            m_wholeQueue.push_back(d.number);
            m_progress.bytesTotal += d.size;
        }
    }
    Q_EMIT progress(m_progress);
    m_batcher->setTarget({ m_account.id, m_folderId, m_report.keys });
    m_sink = std::make_unique<Sink>(*this);
    if (!whole.isEmpty())
        pop3().retrieve(whole, m_sink.get());
    else
        downloadNext();
}

// After the whole messages: the partial ones, one TOP at a time.
void FetchJob::downloadNext()
{
    if (m_nextPartial < m_partialQueue.size()) {
        pop3().top(m_partialQueue[m_nextPartial++], m_options.partialLines, m_sink.get());
        return;
    }
    m_retrievalDone = true;
    m_batcher->submit();
    if (m_batcher->inFlight() == 0)
        afterDownloads();
}

void FetchJob::received(std::unique_ptr<ReceivedMessage> message)
{
    ++m_progress.received;
    Q_EMIT progress(m_progress);
    m_batcher->add(std::move(message));
    updateReading();
}

// Back-pressure: while more than maxPendingBytes wait for the store (with
// the message being received), the connection reads nothing (TCP then
// makes the server wait too). A message alone is read whole: with nothing
// waiting, nothing would ever let reading go on.
void FetchJob::updateReading()
{
    const qint64 waiting = m_batcher->pendingBytes();
    const qint64 receiving = m_sink ? m_sink->receivingBytes() : 0;
    const bool pause = waiting > 0 && waiting + receiving >= m_options.maxPendingBytes;
    // With no batch on its way to the store, nothing would lower the count:
    // what waits goes now, not when its batch is full or its time is up.
    // With one on its way, its end lets reading go on, and the waiting batch
    // keeps filling: a transaction per message would cost far more.
    if (pause && m_batcher->inFlight() == 0)
        m_batcher->submit();
    if (!link() || pause == m_readingPaused)
        return;
    m_readingPaused = pause;
    pop3().setReadingPaused(pause);
}

void FetchJob::onBatchDone(const BatchResult &result)
{
    if (!result.status) {
        // Nothing of this batch is stored, so none of it may be deleted:
        // stop here (no QUIT, so the server deletes nothing at all).
        if (!m_failure || m_failure->code == ErrorCode::Cancelled)
            m_failure = result.status.error();
        m_storeFailed = true;
        m_batcher->stop();
        if (link())
            return fail(result.status.error());
    } else {
        m_committed.insert(result.committed.begin(), result.committed.end());
        m_held.insert(result.held.begin(), result.held.end());
        m_synced = m_synced && result.committed.empty();
        for (quint32 n : result.held) {
            auto d = m_downloadByNumber.find(n);
            if (d != m_downloadByNumber.end() && !d->second->key.isEmpty())
                m_report.sizeMismatches << n;
        }
        m_report.storedPartial += result.partial;
        m_report.alreadyStored += result.duplicates;
        m_report.stored += int(result.committed.size()) - result.partial - result.duplicates;
        m_progress.stored += int(result.committed.size());
        Q_EMIT progress(m_progress);
    }
    if (!link()) {
        end();
        return;
    }
    // Last: reading on may deliver what waited, and even end the retrieval.
    updateReading();
    if (m_retrievalDone && m_batcher->inFlight() == 0)
        afterDownloads();
}

void FetchJob::linkLost(const Error &e, bool quitWasSent)
{
    if (quitWasSent && !m_deleted.empty())
        m_report.deletionsUnknown = true;
    // The message the session ended in, if it was downloading one.
    std::optional<Download> culprit;
    if (m_oversized && m_downloadByNumber.count(m_oversized)) {
        culprit = *m_downloadByNumber.at(m_oversized);
    } else if (m_sink && !m_retrievalDone && !cancelled() && !m_storeFailed && linkFailure(e)) {
        std::vector<quint32> asked = m_wholeQueue;
        asked.insert(asked.end(), m_partialQueue.begin(), m_partialQueue.begin() + qsizetype(m_nextPartial));
        for (quint32 n : asked) {
            if (!m_arrived.count(n)) {
                culprit = *m_downloadByNumber.at(n);
                break;
            }
        }
    }
    // Whole messages already read are kept.
    m_batcher->submit();
    if (m_phase == Phase::Alone) {
        endAloneTry(e, culprit.has_value());
        // The fetch itself is done: no further session after a lost one.
        return end();
    }
    if (!m_failure)
        m_failure = e;
    if (culprit) {
        m_report.failedDuring = std::make_pair(culprit->number, culprit->size);
        Troublesome t;
        t.key = troubleKey(*culprit);
        t.size = culprit->size;
        t.lastFailedAt = now();
        t.lastError = Poplar::errorCodeName(e.code);
        // Best effort: it only orders later fetches.
        (void)m_store.write(
            [&](Store::Database &db) { return TroublesomeMessages::recordFailure(db, m_account.id, t); });
    }
    end();
}

void FetchJob::resetSession()
{
    m_server.clear();
    m_downloadByNumber.clear();
    m_wholeQueue.clear();
    m_partialQueue.clear();
    m_nextPartial = 0;
    m_arrived.clear();
    m_retrievalDone = false;
    m_committed.clear();
    m_held.clear();
    m_oversized = 0;
    m_deleted.clear();
    m_removing = false;
    m_readingPaused = false;
    m_sink.reset();
    m_aloneHeader.reset();
    m_aloneHeaderRead = false;
    m_aloneKeysUnread = false;
}

bool FetchJob::readyToEnd() const
{
    return m_batcher->inFlight() == 0;  // the last batch's answer comes back here
}

void FetchJob::ended()
{
    m_batcher->stop();
    // Whatever ended the fetch, what it stored is on the disk when it returns.
    if (Status st = syncCommitted(); !st && !m_failure)
        m_failure = st.error();
    m_report.error = m_failure ? *m_failure : Error();
    m_report.finishedAt = now();
    m_report.retryNotBefore = retryNotBefore();
    m_report.certificate = certificate();
    saveState(!m_failure);
    m_lock.release();
    m_indexingHold.release();
    Q_EMIT finished(m_report);
}

void FetchJob::saveState(bool success)
{
    if (!m_lock.isHeld() || m_options.dryRun)
        return;
    if (success) {
        m_state.lastSuccessAt = now();
        m_state.failures = 0;
        m_state.lastError.clear();
        m_state.lastServerText.clear();
    } else if (m_failure && m_failure->code != ErrorCode::Cancelled) {
        // Waiting for LOGIN-DELAY is the server's rule, not a failure to
        // back off from.
        if (m_failure->code != ErrorCode::LoginDelay)
            ++m_state.failures;
        m_state.lastError = Poplar::errorCodeName(m_failure->code);
        m_state.lastServerText = m_failure->serverText.raw();
    }
    // Best effort: the mail is safe either way, this only informs the
    // scheduler and the account's diagnostics.
    const FetchRecord record = FetchRecord::from(m_account.id, m_report);
    (void)m_store.write([&](Store::Database &db) -> Status {
        if (auto st = m_state.save(db, m_account.id); !st)
            return st;
        return FetchHistory::add(db, record);
    });
}

}  // namespace Sync
