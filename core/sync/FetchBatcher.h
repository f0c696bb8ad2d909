#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "sync/Ledger.h"
#include "sync/Plan.h"
#include "sync/Spool.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

class QTimer;

namespace Store {
class MailStore;
}

namespace Sync {

// Where a message's troubles are kept: by its key, or (without one) by its
// number in the session.
[[nodiscard]] LedgerKey troubleKey(const Download &d);

// A message as it came off the link, on its way to the store.
struct ReceivedMessage {
    ReceivedMessage(const Store::MailStore &store, qint64 accountId, qint64 spoolBytes, const Download *d)
        : download(d)
        , data(store, accountId, spoolBytes, d->size)
    { }
    const Download *download = nullptr;
    SpoolBuffer data;
    QByteArray contentKey;     // a message without key: its content's hash
    Hold hold = Hold::None;    // kept on the server for good
    bool troublesome = false;  // it ended sessions before: forget that once it is stored
};

// What a batch's transaction did.
struct BatchResult {
    Poplar::Status status;
    std::vector<quint32> committed;  // message numbers stored (or found stored already)
    std::vector<quint32> held;       // of those, never to be deleted automatically
    int partial = 0;
    int duplicates = 0;
    qint64 bytes = 0;       // of the batch as counted when it was added (no longer pending)
    qint64 correction = 0;  // what its parse added to that count (no longer pending either)
};

// The fetch's commit pipeline: received messages gather into batches
// (by count, bytes and time: on a slow link, what arrived is stored within
// a second; a fetch's first message goes at once), each parsed on a worker
// thread and committed with its ledger rows in one transaction on the
// store's writer. At most two batches are past the queue at a time: one
// being written, one parsed (or being parsed) and waiting for the writer.
//
// Counts what is read but not yet committed, for the fetch's back-pressure:
// every message's raw size, in memory or waiting in a spool file (which
// bounds those files too), plus what parsing it derives (its text as
// UTF-16, snippet, addresses). That derived part is counted by an upper
// estimate when the message is added (so the bound holds before the parse),
// and by what it really came to once the batch is parsed.
// Every batch ends in batchDone(), on this object's thread.
class FetchBatcher : public QObject
{
    Q_OBJECT
public:
    struct Limits {
        int messages = 64;               // messages per transaction, at most…
        qint64 bytes = 4 * 1024 * 1024;  // …and bytes (counted as pendingBytes() counts them), and…
        int ms = 1000;                   // …time
    };
    struct Target {
        qint64 accountId = 0;
        qint64 folderId = 0;
        KeySource keys = KeySource::Uidl;
    };

    FetchBatcher(Store::MailStore &store, const Poplar::Clock &clock, Limits limits, QObject *parent = nullptr);
    ~FetchBatcher() override;

    void setTarget(const Target &target) { m_target = target; }
    // Takes a message; a full batch, a message waiting in a file, or the
    // first message of all goes at once.
    void add(std::unique_ptr<ReceivedMessage> message);
    // Sends what waits (nothing after stop()).
    void submit();
    // Nothing more is stored (a batch failed, or the fetch ended).
    void stop() { m_stopped = true; }
    [[nodiscard]] bool hasWaiting() const { return !m_batch.empty(); }
    // Batches submitted and not yet done (queued, parsed or being written).
    [[nodiscard]] int inFlight() const { return m_inFlight; }
    // Read and not yet committed, with what parsing derives from it.
    [[nodiscard]] qint64 pendingBytes() const { return m_pendingBytes + m_correction.load(); }

    // What a message of `rawBytes` is counted as while it waits: its bytes
    // and at most what parsing derives from them.
    [[nodiscard]] static qint64 countedBytes(qint64 rawBytes);

Q_SIGNALS:
    void batchDone(const Sync::BatchResult &result);

private:
    // A batch as submitted: its messages, what they count, and where and
    // when they are stored.
    struct Submitted {
        std::shared_ptr<std::vector<std::unique_ptr<ReceivedMessage>>> messages;
        qint64 bytes = 0;
        Target target;
        QDateTime when;
    };
    // Parses and stores the next queued batch while fewer than two are past the queue.
    void startNext();
    void start(Submitted batch);
    void done(const BatchResult &result);

    Store::MailStore &m_store;
    const Poplar::Clock &m_clock;
    Limits m_limits;
    Target m_target;
    std::vector<std::unique_ptr<ReceivedMessage>> m_batch;
    qint64 m_batchBytes = 0;    // of the open batch, counted as pendingBytes() counts
    QTimer *m_timer = nullptr;  // started by a batch's first message
    int m_inFlight = 0;
    int m_started = 0;  // of those, past the queue (at most two)
    std::deque<Submitted> m_queue;
    qint64 m_pendingBytes = 0;             // counted when added
    std::atomic<qint64> m_correction = 0;  // what parsing changed of that count
    bool m_stopped = false;
    bool m_firstSent = false;
    QThreadPool m_pool;
};

}  // namespace Sync
