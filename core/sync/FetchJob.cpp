#include "sync/FetchJob.h"

#include "mime/MimeMessage.h"
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

// A message as it came off the link, on its way to the store.
struct FetchJob::Received {
    Received(const FetchJob &job, const Download *d)
        : download(d)
        , data(job.m_store, job.m_account.id, job.m_options.spoolBytes, d->size)
    { }
    const Download *download = nullptr;
    SpoolBuffer data;
    QByteArray contentKey;  // KeySource::None: the content's hash
};

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
        m_current = std::make_unique<Received>(m_job, it->second);
        m_hash.reset();
        return {};
    }

    Status write(quint32, QByteArrayView data) override
    {
        if (!m_current)
            return Error(ErrorCode::InvalidState, QStringLiteral("data outside a message"));
        if (m_job.m_report.keys == KeySource::None)
            m_hash.addData(data);
        if (auto st = m_current->data.append(data); !st)
            return st;
        if (!m_current->download->partial)
            m_job.m_progress.bytesReceived += quint64(data.size());
        m_job.m_report.bytesReceived += quint64(data.size());
        return {};
    }

    Status finish(quint32, quint64) override
    {
        if (!m_current)
            return Error(ErrorCode::InvalidState, QStringLiteral("no message to finish"));
        if (auto st = m_current->data.finish(); !st)
            return st;
        if (m_job.m_report.keys == KeySource::None)
            m_current->contentKey = "sha256:" + m_hash.result().toHex();
        m_job.received(std::move(m_current));
        return {};
    }

    void discard(quint32) override { m_current.reset(); }

private:
    FetchJob &m_job;
    std::unique_ptr<Received> m_current;
    QCryptographicHash m_hash { QCryptographicHash::Sha256 };
};

// A UIDL storm being resolved: the headers of the server's unknown messages,
// read one at a time, matched to the local copies of the ledger entries the
// server no longer lists.
struct FetchJob::UidlStorm {
    struct Unknown {
        std::size_t index = 0;  // into m_server
        int occurrence = 1;
    };
    std::vector<Unknown> queue;
    std::size_t next = 0;
    // The header of the TOP in flight: a new sink each time, so that a TOP
    // the server refuses leaves no header of an earlier one behind.
    std::unique_ptr<HeaderSink> sink;
    QList<LocalCopy> copies;
    std::vector<bool> taken;  // per copy: matched already
    std::multimap<QByteArray, qsizetype> byMessageId;
    std::vector<LedgerRekey> matches;
};

namespace {

// The server lists a message as `size` octets: can it be this local copy?
// The ledger has the size the old server listed. A whole copy's own size
// also counts, as does that plus 2: Dovecot does not count the CRLF it adds
// to a message that does not end with a line break, but sends it.
bool sizeFits(const LocalCopy &c, quint64 size, bool exact)
{
    if (quint64(c.entry.size) == size)
        return true;
    if (exact || c.entry.state == LedgerState::Partial)
        return false;
    return quint64(c.storedSize) == size || quint64(c.storedSize) == size + 2;
}

}  // namespace

FetchJob::FetchJob(
    Store::MailStore &store, Accounts::Account account, Pop3::Credentials credentials, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_account(std::move(account))
    , m_credentials(std::move(credentials))
    , m_options(std::move(options))
    , m_clock(m_options.clock ? *m_options.clock : Poplar::Clock::system())
{
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    m_batchTimer = new QTimer(this);
    m_batchTimer->setSingleShot(true);
    m_batchTimer->setInterval(m_options.batchMs);
    connect(m_batchTimer, &QTimer::timeout, this, [this] {
        if (!m_batch.empty() && !m_storeFailed && !m_finished)
            submitBatch();
    });
}

FetchJob::~FetchJob()
{
    Pop3::wipe(m_credentials.secret);
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->cancel();
        m_connection->deleteLater();
    }
    // Batches being stored finish (they are whole transactions).
    m_pool.waitForDone();
}

QDateTime FetchJob::now() const
{
    return m_clock.now();
}

void FetchJob::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, &FetchJob::begin);
}

void FetchJob::cancel()
{
    if (!m_started) {
        m_started = true;
        m_cancelled = true;
        QTimer::singleShot(0, this, [this] { fail(Error(ErrorCode::Cancelled)); });
        return;
    }
    m_cancelled = true;
    if (m_connection)
        QTimer::singleShot(0, this, [this] { fail(Error(ErrorCode::Cancelled)); });
}

void FetchJob::begin()
{
    if (m_cancelled)
        return fail(Error(ErrorCode::Cancelled));
    auto lock = AccountLock::tryAcquire(m_store.directory(), m_account.id);
    if (!lock)
        return fail(lock.error());
    m_lock = std::move(lock).value();
    m_report.startedAt = now();
    SpoolBuffer::removeStale(m_store, m_account.id);

    auto state = m_store.readValue([&](Store::Database &db) { return SyncState::load(db, m_account.id); });
    if (!state)
        return fail(state.error());
    m_state = *state;
    // LOGIN-DELAY: the server refuses logins sooner than this anyway, and
    // may count the attempt against the user.
    if (auto refusal = m_state.loginDelayRefusal(now())) {
        m_report.retryNotBefore = m_state.nextLoginAllowedAt();
        return fail(*refusal);
    }
    m_state.lastAttemptAt = now();

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

    auto settings = Accounts::connectionSettings(m_account);
    if (!settings)
        return fail(settings.error());
    Pop3::ConnectionSettings cs = *settings;
    cs.connectTimeoutMs = m_options.connectTimeoutMs;
    cs.idleTimeoutMs = m_options.idleTimeoutMs;
    m_connection
        = m_options.transportFactory ? new Pop3::Connection(cs, m_options.transportFactory) : new Pop3::Connection(cs);
    Pop3::Connection *c = m_connection;
    connect(c, &Pop3::Connection::opened, this, &FetchJob::onOpened);
    connect(c, &Pop3::Connection::certificateDecisionNeeded, this, [this](const Pop3::CertificateProblem &p) {
        m_report.certificate = p;
        m_connection->answerCertificate(Pop3::CertificateDecision::Reject);
    });
    connect(c, &Pop3::Connection::loggedIn, this, [this](Pop3::Mechanism) {
        m_state.lastLoginAt = now();
        m_connection->stat();
    });
    connect(c, &Pop3::Connection::loginFailed, this, [this](const Error &e) {
        if (e.code == ErrorCode::LoginDelay && m_state.loginDelaySeconds)
            m_report.retryNotBefore = now().addSecs(*m_state.loginDelaySeconds);
        m_failure = e;
        m_quitting = true;
        m_connection->quit();
    });
    connect(c, &Pop3::Connection::statReceived, this, [this](quint32 count, quint64 size) {
        m_report.serverCount = count;
        m_report.serverBytes = size;
        m_connection->listMessages();
    });
    connect(c, &Pop3::Connection::listed, this, &FetchJob::onListed);
    connect(c, &Pop3::Connection::messageFailed, this, [this](quint32 n, const Error &e) {
        // A header a UIDL storm could not read is no failure: the message is downloaded.
        if (m_connection && m_connection->isOpen() && !m_storm)
            m_report.messageErrors.append({ n, e });
    });
    connect(c, &Pop3::Connection::retrieveFinished, this, [this] {
        if (m_storm)
            fetchNextStormHeader();
        else if (m_headerSink)
            fetchNextHeader();
        else
            downloadNext();
    });
    connect(c, &Pop3::Connection::deleted, this, [this](quint32 n) { m_deleted.insert(n); });
    connect(c, &Pop3::Connection::deleteFailed, this, [this](quint32 n, const Error &e) {
        m_report.messageErrors.append({ n, e });
    });
    connect(c, &Pop3::Connection::removeFinished, this, [this] {
        m_quitting = true;
        m_connection->quit();
    });
    connect(c, &Pop3::Connection::finished, this, &FetchJob::onQuitConfirmed);
    connect(c, &Pop3::Connection::failed, this, [this](const Error &e) {
        if (m_connection->quitSent() && !m_deleted.empty())
            m_report.deletionsUnknown = true;
        if (!m_failure)
            m_failure = e;
        m_connection->disconnect(this);
        m_connection->deleteLater();
        m_connection = nullptr;
        // Whole messages already read are kept.
        if (!m_batch.empty() && !m_storeFailed)
            submitBatch();
        finish();
    });
    c->open();
}

void FetchJob::onOpened(const Pop3::ServerInfo &info)
{
    const Pop3::Capabilities &caps = info.capabilities;
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
    m_connection->login(m_credentials);
    Pop3::wipe(m_credentials.secret);
}

void FetchJob::onListed(const std::vector<Pop3::MessageInfo> &messages, bool uidlSupported)
{
    m_server.clear();
    m_server.reserve(messages.size());
    for (const Pop3::MessageInfo &m : messages)
        m_server.push_back({ m.number, m.size, m.uid });
    m_state.uidlSupported = uidlSupported;
    if (uidlSupported) {
        m_report.keys = KeySource::Uidl;
        return lookForUidlStorm();
    }
    const Pop3::Capabilities &caps = m_connection->serverInfo().capabilities;
    const bool topUsable = caps.top || !caps.capaSupported;
    m_report.keys = topUsable ? KeySource::Fallback : KeySource::None;
    // Leaving mail on the server needs the user's consent to the fallback;
    // without it the plan refuses, and reading every header is wasted.
    if (!topUsable || (m_account.policy.leaveOnServer && !m_account.uidlFallbackAccepted))
        return makeAndRunPlan();
    m_headerSink = std::make_unique<HeaderSink>();
    m_nextHeader = 0;
    fetchNextHeader();
}

void FetchJob::fetchNextHeader()
{
    if (m_nextHeader > 0) {
        ServerMessage &done = m_server[m_nextHeader - 1];
        if (!m_headerSink->done()) {
            // TOP failed: without keys, nothing can be matched.
            m_report.keys = KeySource::None;
            for (ServerMessage &m : m_server)
                m.key.clear();
            m_headerSink.reset();
            return makeAndRunPlan();
        }
        done.key = fallbackKey(m_headerSink->header(), done.size);
    }
    if (m_nextHeader >= m_server.size()) {
        m_headerSink.reset();
        return makeAndRunPlan();
    }
    const quint32 number = m_server[m_nextHeader++].number;
    m_headerSink->clear();
    m_connection->top(number, 0, m_headerSink.get());
}

// A UIDL storm: the server lists most of its messages under UIDLs the
// ledger has never seen, while most of those the ledger has on the server
// are gone from the list — the mailbox moved to another server, or the
// server rebuilt its index. Downloading it all again would store every
// message twice; instead the unknown messages' headers are read and matched
// to the local copies of the vanished ones by Message-ID and size. A ledger
// with few messages on the server is left alone: there ordinary turnover
// (another client deleting what this one left, new mail arriving) looks
// the same, reading headers costs a round trip per message, and a few
// messages downloaded again cost little.
void FetchJob::lookForUidlStorm()
{
    if (m_options.uidlStormMinimum <= 0 || m_server.empty())
        return makeAndRunPlan();
    auto loaded = m_store.readValue([&](Store::Database &db) { return Ledger::load(db, m_account.id); });
    if (!loaded)
        return fail(loaded.error());
    const QList<LedgerEntry> ledger = std::move(loaded).value();
    std::set<std::pair<QByteArray, int>> known;
    int onServer = 0;
    for (const LedgerEntry &e : std::as_const(ledger)) {
        known.insert({ e.key, e.occurrence });
        if (e.state != LedgerState::DeletedOnServer)
            ++onServer;
    }
    if (onServer < m_options.uidlStormMinimum)
        return makeAndRunPlan();

    // Occurrences counted as makePlan() counts them, in message order.
    QHash<QByteArray, int> seen;
    std::set<std::pair<QByteArray, int>> listed;
    std::vector<UidlStorm::Unknown> unknown;
    for (std::size_t i = 0; i < m_server.size(); ++i) {
        const int occurrence = ++seen[m_server[i].key];
        listed.insert({ m_server[i].key, occurrence });
        if (!known.count({ m_server[i].key, occurrence }))
            unknown.push_back({ i, occurrence });
    }
    std::set<std::pair<QByteArray, int>> vanished;
    for (const LedgerEntry &e : std::as_const(ledger)) {
        if (e.state != LedgerState::DeletedOnServer && !listed.count({ e.key, e.occurrence }))
            vanished.insert({ e.key, e.occurrence });
    }
    const qint64 percent = std::clamp(m_options.uidlStormPercent, 0, 100);
    if (qint64(unknown.size()) * 100 <= qint64(m_server.size()) * percent
        || qint64(vanished.size()) * 100 <= qint64(onServer) * percent)
        return makeAndRunPlan();
    m_report.uidlStorm = true;

    const Pop3::Capabilities &caps = m_connection->serverInfo().capabilities;
    if (caps.capaSupported && !caps.top)
        return makeAndRunPlan();  // no way to read a header: downloaded again
    auto storm = std::make_unique<UidlStorm>();
    auto copies = m_store.readValue([&](Store::Database &db) { return Ledger::localCopies(db, m_account.id); });
    if (!copies)
        return fail(copies.error());
    // A copy without Message-ID cannot be recognised; one whose entry the
    // server still lists is where it was.
    for (const LocalCopy &c : std::as_const(*copies)) {
        if (!c.headerMessageId.isEmpty() && vanished.count({ c.entry.key, c.entry.occurrence }))
            storm->copies << c;
    }
    storm->taken.assign(std::size_t(storm->copies.size()), false);
    std::set<quint64> sizes;  // what the server could list a local copy as
    for (qsizetype i = 0; i < storm->copies.size(); ++i) {
        const LocalCopy &c = storm->copies.at(i);
        storm->byMessageId.insert({ c.headerMessageId, i });
        sizes.insert(quint64(c.entry.size));
        if (c.entry.state != LedgerState::Partial) {
            sizes.insert(quint64(c.storedSize));
            if (c.storedSize >= 2)
                sizes.insert(quint64(c.storedSize - 2));
        }
    }
    // Only the headers of messages that could be one of them are read.
    for (const UidlStorm::Unknown &u : unknown) {
        if (sizes.count(m_server[u.index].size))
            storm->queue.push_back(u);
    }
    if (storm->queue.empty())
        return makeAndRunPlan();
    m_storm = std::move(storm);
    fetchNextStormHeader();
}

void FetchJob::fetchNextStormHeader()
{
    UidlStorm &storm = *m_storm;
    if (storm.sink) {
        const UidlStorm::Unknown &u = storm.queue[storm.next - 1];
        if (storm.sink->done())
            matchStormHeader(u.index, u.occurrence, storm.sink->header());
        storm.sink.reset();
    }
    if (storm.next < storm.queue.size()) {
        storm.sink = std::make_unique<HeaderSink>();
        m_connection->top(m_server[storm.queue[storm.next++].index].number, 0, storm.sink.get());
        return;
    }
    finishUidlStorm();
}

void FetchJob::matchStormHeader(std::size_t index, int occurrence, const QByteArray &header)
{
    // The store's Message-ID came from the same parser.
    const QByteArray messageId = Mime::parseMessage(header, Mime::ParseDepth::HeadersOnly).messageId;
    if (messageId.isEmpty())
        return;
    UidlStorm &storm = *m_storm;
    const ServerMessage &m = m_server[index];
    const auto [first, last] = storm.byMessageId.equal_range(messageId);
    // The size the ledger has first, then a local copy's own.
    for (const bool exact : { true, false }) {
        for (auto it = first; it != last; ++it) {
            const std::size_t i = std::size_t(it->second);
            const LocalCopy &c = storm.copies.at(it->second);
            if (storm.taken[i] || !sizeFits(c, m.size, exact))
                continue;
            storm.taken[i] = true;
            storm.matches.push_back({ { c.entry.key, c.entry.occurrence }, { m.key, occurrence }, qint64(m.size) });
            return;
        }
    }
}

void FetchJob::finishUidlStorm()
{
    std::vector<LedgerRekey> matches = std::move(m_storm->matches);
    m_storm.reset();
    if (m_options.dryRun) {
        m_dryRunRekeys = matches;
    } else if (!matches.empty()) {
        // All in one transaction, before anything is downloaded: a fetch
        // that dies here has changed nothing, and the next one matches again.
        Status st = m_store.write([&](Store::Database &db) { return Ledger::rekey(db, m_account.id, matches); });
        if (!st)
            return fail(st.error());
    }
    m_report.matchedAfterUidlChange = int(matches.size());
    makeAndRunPlan();
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
    in.ledger = std::move(ledger).value();
    for (const LedgerRekey &r : m_dryRunRekeys) {
        for (LedgerEntry &e : in.ledger) {
            if (e.key == r.from.key && e.occurrence == r.from.occurrence) {
                e.key = r.to.key;
                e.occurrence = r.to.occurrence;
                e.size = r.size;
                break;
            }
        }
    }
    m_report.plan = makePlan(in);
    const Plan &plan = *m_report.plan;
    Q_EMIT planned(plan);
    if (plan.refused || m_options.dryRun) {
        if (plan.refused)
            m_failure = *plan.refused;
        m_quitting = true;
        m_connection->quit();
        return;
    }
    QList<quint32> whole;
    for (const Download &d : plan.downloads) {
        m_downloadByNumber[d.number] = &d;
        if (d.partial) {
            m_partialQueue.push_back(d.number);
        } else {
            whole << d.number;
            m_progress.bytesTotal += d.size;
        }
    }
    m_progress.total = int(plan.downloads.size());
    Q_EMIT progress(m_progress);
    m_sink = std::make_unique<Sink>(*this);
    if (!whole.isEmpty())
        m_connection->retrieve(whole, m_sink.get());
    else
        downloadNext();
}

// After the whole messages: the partial ones, one TOP at a time.
void FetchJob::downloadNext()
{
    if (m_nextPartial < m_partialQueue.size()) {
        m_connection->top(m_partialQueue[m_nextPartial++], m_options.partialLines, m_sink.get());
        return;
    }
    m_retrievalDone = true;
    if (!m_batch.empty())
        submitBatch();
    if (m_batchesInFlight == 0)
        afterDownloads();
}

void FetchJob::received(std::unique_ptr<Received> message)
{
    ++m_progress.received;
    Q_EMIT progress(m_progress);
    const bool big = message->data.inFile();
    m_batchBytes += big ? 0 : message->data.size();
    if (m_batch.empty())
        m_batchTimer->start();
    m_batch.push_back(std::move(message));
    if (big || int(m_batch.size()) >= m_options.batchMessages || m_batchBytes >= m_options.batchBytes)
        submitBatch();
}

void FetchJob::submitBatch()
{
    m_batchTimer->stop();
    auto batch = std::make_shared<std::vector<std::unique_ptr<Received>>>(std::move(m_batch));
    m_batch.clear();
    m_batchBytes = 0;
    ++m_batchesInFlight;
    Store::MailStore *store = &m_store;
    const qint64 accountId = m_account.id;
    const qint64 folderId = m_folderId;
    const QDateTime when = now();
    const KeySource keys = m_report.keys;
    m_pool.start([this, batch, store, accountId, folderId, when, keys] {
        // Parsed here, on a worker thread; stored on the writer thread.
        QList<Store::PreparedMessage> prepared;
        Status st;
        for (auto &r : *batch) {
            Store::MessagePreparer::Input in;
            if (r->data.inFile())
                in.rawFile = r->data.fileName();
            else
                in.raw = r->data.takeBytes();
            in.folderId = folderId;
            in.accountId = accountId;
            in.uidl = keys == KeySource::None ? r->contentKey : r->download->key;
            in.flags = r->download->partial ? Store::Flag::Partial : 0;
            in.receivedAt = when;
            auto p = Store::MessagePreparer::prepare(std::move(in));
            if (!p) {
                st = p.error();
                break;
            }
            prepared << std::move(p).value();
        }
        std::vector<quint32> numbers;
        int partial = 0;
        int duplicates = 0;
        if (st) {
            // Atomic and safe from a crash at once; flushed to the disk (one
            // fsync, not one per batch) before any DELE goes out.
            st = store
                     ->writeAsync(
                         [&](Store::Database &db) -> Status {
                             numbers.clear();
                             partial = 0;
                             duplicates = 0;
                             for (qsizetype i = 0; i < prepared.size(); ++i) {
                                 const Received &r = *(*batch)[size_t(i)];
                                 LedgerEntry e;
                                 e.key = prepared[i].uidl;
                                 e.occurrence = r.download->occurrence;
                                 if (keys == KeySource::None) {
                                     // Recognised by its content: stored by an earlier
                                     // fetch whose deletions never took effect.
                                     auto known = db.scalar(
                                         QStringLiteral(
                                             "SELECT count(*) FROM pop3_ledger WHERE account_id = ? AND uidl = ?"),
                                         { accountId, QVariant(e.key) });
                                     if (!known)
                                         return known.error();
                                     if (known->toInt() > 0) {
                                         ++duplicates;
                                         numbers.push_back(r.download->number);
                                         continue;
                                     }
                                 }
                                 auto id = Store::MailStore::insertPrepared(db, prepared[i]);
                                 if (!id)
                                     return id.error();
                                 e.messageId = *id;
                                 e.size = qint64(r.download->size);
                                 e.firstSeenAt = when;
                                 e.state = r.download->partial ? LedgerState::Partial : LedgerState::OnServer;
                                 if (auto added = Ledger::add(db, accountId, e, keys == KeySource::Fallback); !added)
                                     return added.error();
                                 numbers.push_back(r.download->number);
                                 if (r.download->partial)
                                     ++partial;
                             }
                             return {};
                         },
                         Store::MailStore::Durability::Deferred)
                     .get();
        }
        batch->clear();  // spooled files go now
        QMetaObject::invokeMethod(
            this, [this, numbers, partial, duplicates, st] { onBatchDone(numbers, partial, duplicates, st); },
            Qt::QueuedConnection);
    });
}

void FetchJob::onBatchDone(const std::vector<quint32> &numbers, int partial, int duplicates, const Status &status)
{
    --m_batchesInFlight;
    if (!status) {
        // Nothing of this batch is stored, so none of it may be deleted:
        // stop here (no QUIT, so the server deletes nothing at all).
        if (!m_failure || m_failure->code == ErrorCode::Cancelled)
            m_failure = status.error();
        m_storeFailed = true;
        if (m_connection)
            return fail(status.error());
    } else {
        m_committed.insert(numbers.begin(), numbers.end());
        m_synced = m_synced && numbers.empty();
        m_report.storedPartial += partial;
        m_report.alreadyStored += duplicates;
        m_report.stored += int(numbers.size()) - partial - duplicates;
        m_progress.stored += int(numbers.size());
        Q_EMIT progress(m_progress);
    }
    if (!m_connection) {
        finish();
        return;
    }
    if (m_retrievalDone && m_batchesInFlight == 0)
        afterDownloads();
}

void FetchJob::afterDownloads()
{
    if (!m_connection || m_quitting)
        return;
    const Plan &plan = *m_report.plan;
    // Every message of this fetch carrying a key, for keys a broken server repeats.
    std::map<QByteArray, std::vector<quint32>> downloadsByKey;
    if (m_report.keys != KeySource::None) {
        for (const Download &d : plan.downloads)
            downloadsByKey[d.key].push_back(d.number);
    }
    QList<quint32> remove;
    for (const Deletion &d : plan.deletions) {
        if (d.awaitsDownload) {
            // Invariant: DELE only for a message whose copy has committed.
            if (!m_committed.count(d.number))
                continue;
            bool allStored = true;
            for (quint32 n : downloadsByKey[d.key])
                allStored = allStored && m_committed.count(n);
            if (!allStored)
                continue;
        }
        remove << d.number;
    }
    // Invariant: what the server deletes is on this disk, not only in the
    // file system's cache — a power cut must not take the only copy.
    if (auto st = syncCommitted(); !st)
        return fail(st.error());
    if (remove.isEmpty()) {
        m_quitting = true;
        m_connection->quit();
        return;
    }
    m_connection->remove(remove);
}

Status FetchJob::syncCommitted()
{
    if (m_synced)
        return {};
    Status st = m_store.syncToDisk();
    m_synced = bool(st);
    return st;
}

void FetchJob::onQuitConfirmed()
{
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    if (m_failure || m_options.dryRun || !m_report.plan)
        return finish();
    // QUIT confirmed: the server has deleted what it accepted DELE for.
    const Plan &plan = *m_report.plan;
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
    m_report.deletedOnServer = int(m_deleted.size());
    finish();
}

void FetchJob::fail(Error error)
{
    if (m_finished)
        return;
    if (!m_failure)
        m_failure = std::move(error);
    if (m_connection) {
        m_connection->cancel();  // failed() follows and finishes
        return;
    }
    finish();
}

void FetchJob::finish()
{
    if (m_finished || m_batchesInFlight > 0)
        return;  // the last batch's answer comes back here
    // Whatever ended the fetch, what it stored is on the disk when it returns.
    if (Status st = syncCommitted(); !st && !m_failure)
        m_failure = st.error();
    m_finished = true;
    m_report.error = m_failure ? *m_failure : Error();
    m_report.finishedAt = now();
    saveState(!m_failure);
    m_lock.release();
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
