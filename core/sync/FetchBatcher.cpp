#include "sync/FetchBatcher.h"

#include "store/Database.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"

#include <QTimer>

namespace Sync {

using Poplar::Status;

LedgerKey troubleKey(const Download &d)
{
    return d.key.isEmpty() ? LedgerKey { {}, int(d.number) } : LedgerKey { d.key, d.occurrence };
}

namespace {

// Most of what parsing derives from a message: the searched text (UTF-16,
// at most MaxIndexedText characters, never more characters than bytes),
// with room for the header fields, snippet and attachment names.
constexpr qint64 kMostDerived = Store::MessagePreparer::MaxIndexedText * 2 + 64 * 1024;

// What parsing derived, in memory beside the raw bytes until the commit.
qint64 derivedBytes(const Store::PreparedMessage &p)
{
    const qsizetype chars = p.subject.size() + p.fromName.size() + p.fromAddress.size() + p.to.size() + p.cc.size()
        + p.listId.size() + p.snippet.size() + p.bodyText.size() + p.attachmentNames.size();
    return qint64(chars) * qint64(sizeof(QChar)) + p.messageId.size() + p.inReplyTo.size() + p.references.size();
}

}  // namespace

qint64 FetchBatcher::countedBytes(qint64 rawBytes)
{
    return rawBytes + std::min(2 * rawBytes, kMostDerived);
}

FetchBatcher::FetchBatcher(Store::MailStore &store, const Poplar::Clock &clock, Limits limits, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_limits(limits)
{
    // One batch parsed while another is written: never more (see startNext()).
    m_pool.setMaxThreadCount(2);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(m_limits.ms);
    connect(m_timer, &QTimer::timeout, this, &FetchBatcher::submit);
}

FetchBatcher::~FetchBatcher()
{
    // Batches submitted are stored (they are whole transactions): those
    // still queued start now, and all finish.
    while (!m_queue.empty()) {
        start(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    m_pool.waitForDone();
}

void FetchBatcher::add(std::unique_ptr<ReceivedMessage> message)
{
    const bool big = message->data.inFile();
    // A spooled message counts too: its file waits on the disk, and it is
    // mapped into memory while it is parsed.
    const qint64 counted = countedBytes(message->data.size());
    m_pendingBytes += counted;
    m_batchBytes += counted;
    if (m_batch.empty())
        m_timer->start();
    m_batch.push_back(std::move(message));
    // The first message goes at once: new mail shows while the rest arrives.
    if (!m_firstSent || big || int(m_batch.size()) >= m_limits.messages || m_batchBytes >= m_limits.bytes)
        submit();
}

void FetchBatcher::submit()
{
    m_timer->stop();
    if (m_batch.empty() || m_stopped)
        return;
    m_firstSent = true;
    Submitted batch;
    batch.messages = std::make_shared<std::vector<std::unique_ptr<ReceivedMessage>>>(std::move(m_batch));
    m_batch.clear();
    batch.bytes = std::exchange(m_batchBytes, 0);
    batch.target = m_target;
    batch.when = m_clock.now();
    m_queue.push_back(std::move(batch));
    ++m_inFlight;
    startNext();
}

void FetchBatcher::startNext()
{
    // Parsing runs at most one batch ahead of the writer: what it derives
    // does not pile up behind a slow store.
    while (m_started < 2 && !m_queue.empty()) {
        Submitted batch = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_started;
        start(std::move(batch));
    }
}

void FetchBatcher::start(Submitted submitted)
{
    Store::MailStore *store = &m_store;
    const auto batch = std::move(submitted.messages);
    const qint64 bytes = submitted.bytes;
    const qint64 accountId = submitted.target.accountId;
    const qint64 folderId = submitted.target.folderId;
    const QDateTime when = submitted.when;
    const KeySource keys = submitted.target.keys;
    m_pool.start([this, batch, bytes, store, accountId, folderId, when, keys] {
        // Parsed here, on a worker thread; stored on the writer thread.
        QList<Store::PreparedMessage> prepared;
        BatchResult result;
        result.bytes = bytes;
        for (auto &r : *batch) {
            Store::MessagePreparer::Input in;
            if (r->data.inFile())
                in.rawFile = r->data.fileName();
            else
                in.raw = r->data.takeBytes();
            in.folderId = folderId;
            in.accountId = accountId;
            in.serverKey = r->download->key.isEmpty() ? r->contentKey : r->download->key;
            in.flags = r->download->partial ? Store::Flag::Partial : 0;
            in.receivedAt = when;
            const qint64 estimated = countedBytes(r->data.size()) - r->data.size();
            auto p = Store::MessagePreparer::prepare(std::move(in));
            if (!p) {
                result.status = p.error();
                break;
            }
            const qint64 correction = derivedBytes(*p) - estimated;
            m_correction += correction;
            result.correction += correction;
            prepared << std::move(p).value();
        }
        if (result.status) {
            // Atomic and safe from a crash at once; flushed to the disk (one
            // fsync, not one per batch) before any DELE goes out.
            result.status
                = store
                      ->writeAsync(
                          [&](Store::Database &db) -> Status {
                              result.committed.clear();
                              result.held.clear();
                              result.partial = 0;
                              result.duplicates = 0;
                              for (qsizetype i = 0; i < prepared.size(); ++i) {
                                  const ReceivedMessage &r = *(*batch)[size_t(i)];
                                  const Download &d = *r.download;
                                  LedgerEntry e;
                                  e.key = prepared[i].serverKey;
                                  e.occurrence = d.occurrence;
                                  if (d.key.isEmpty()) {
                                      // Recognised by its content: stored by an earlier
                                      // fetch (whose deletions never took effect, or
                                      // from a server that lists it without UIDL).
                                      auto known = db.scalar(
                                          QStringLiteral(
                                              "SELECT count(*) FROM pop3_ledger WHERE account_id = ? AND uidl = ?"),
                                          { accountId, QVariant(e.key) });
                                      if (!known)
                                          return known.error();
                                      if (known->toInt() > 0) {
                                          ++result.duplicates;
                                          result.committed.push_back(d.number);
                                          if (r.hold != Hold::None)
                                              result.held.push_back(d.number);
                                          continue;
                                      }
                                  }
                                  auto id = Store::MailStore::insertPrepared(db, prepared[i]);
                                  if (!id)
                                      return id.error();
                                  e.messageId = *id;
                                  e.size = qint64(d.size);
                                  e.firstSeenAt = when;
                                  e.state = d.partial ? LedgerState::Partial : LedgerState::OnServer;
                                  e.hold = r.hold;
                                  if (auto added = Ledger::add(db, accountId, e, keys == KeySource::Fallback); !added)
                                      return added.error();
                                  if (r.troublesome) {
                                      if (auto st = TroublesomeMessages::forget(db, accountId, troubleKey(d), d.size);
                                          !st)
                                          return st;
                                  }
                                  result.committed.push_back(d.number);
                                  if (r.hold != Hold::None)
                                      result.held.push_back(d.number);
                                  if (d.partial)
                                      ++result.partial;
                              }
                              return {};
                          },
                          Store::MailStore::Durability::Deferred)
                      .get();
        }
        batch->clear();  // spooled files go now
        QMetaObject::invokeMethod(
            this, [this, result] { done(result); }, Qt::QueuedConnection);
    });
}

void FetchBatcher::done(const BatchResult &result)
{
    --m_inFlight;
    --m_started;
    m_pendingBytes -= result.bytes;
    m_correction -= result.correction;
    startNext();
    Q_EMIT batchDone(result);
}

}  // namespace Sync
