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

FetchBatcher::FetchBatcher(Store::MailStore &store, const Poplar::Clock &clock, Limits limits, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_limits(limits)
{
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(m_limits.ms);
    connect(m_timer, &QTimer::timeout, this, &FetchBatcher::submit);
}

FetchBatcher::~FetchBatcher()
{
    // Batches being stored finish (they are whole transactions).
    m_pool.waitForDone();
}

void FetchBatcher::add(std::unique_ptr<ReceivedMessage> message)
{
    const bool big = message->data.inFile();
    const qint64 bytes = big ? 0 : message->data.size();
    m_batchBytes += bytes;
    m_pendingBytes += bytes;
    if (m_batch.empty())
        m_timer->start();
    m_batch.push_back(std::move(message));
    if (big || int(m_batch.size()) >= m_limits.messages || m_batchBytes >= m_limits.bytes)
        submit();
}

void FetchBatcher::submit()
{
    m_timer->stop();
    if (m_batch.empty() || m_stopped)
        return;
    auto batch = std::make_shared<std::vector<std::unique_ptr<ReceivedMessage>>>(std::move(m_batch));
    m_batch.clear();
    const qint64 bytes = m_batchBytes;
    m_batchBytes = 0;
    ++m_inFlight;
    Store::MailStore *store = &m_store;
    const qint64 accountId = m_target.accountId;
    const qint64 folderId = m_target.folderId;
    const QDateTime when = m_clock.now();
    const KeySource keys = m_target.keys;
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
            auto p = Store::MessagePreparer::prepare(std::move(in));
            if (!p) {
                result.status = p.error();
                break;
            }
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
    m_pendingBytes -= result.bytes;
    Q_EMIT batchDone(result);
}

}  // namespace Sync
