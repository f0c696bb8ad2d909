#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "sync/Ledger.h"
#include "sync/Plan.h"
#include "sync/Spool.h"

#include <QObject>
#include <QThreadPool>

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
    qint64 bytes = 0;  // of the batch, in memory (no longer pending)
};

// The fetch's commit pipeline: received messages gather into batches
// (by count, bytes and time: on a slow link, what arrived is stored within
// a second), each parsed on a worker thread and committed with its ledger
// rows in one transaction on the store's writer. Counts what is read but
// not yet committed, for the fetch's back-pressure. Every batch ends in
// batchDone(), on this object's thread.
class FetchBatcher : public QObject
{
    Q_OBJECT
public:
    struct Limits {
        int messages = 64;               // messages per transaction, at most…
        qint64 bytes = 8 * 1024 * 1024;  // …and bytes, and…
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
    // Takes a message; a full batch (or a message waiting in a file) goes at once.
    void add(std::unique_ptr<ReceivedMessage> message);
    // Sends what waits (nothing after stop()).
    void submit();
    // Nothing more is stored (a batch failed, or the fetch ended).
    void stop() { m_stopped = true; }
    [[nodiscard]] bool hasWaiting() const { return !m_batch.empty(); }
    [[nodiscard]] int inFlight() const { return m_inFlight; }
    // Read into memory, not yet committed.
    [[nodiscard]] qint64 pendingBytes() const { return m_pendingBytes; }

Q_SIGNALS:
    void batchDone(const Sync::BatchResult &result);

private:
    void done(const BatchResult &result);

    Store::MailStore &m_store;
    const Poplar::Clock &m_clock;
    Limits m_limits;
    Target m_target;
    std::vector<std::unique_ptr<ReceivedMessage>> m_batch;
    qint64 m_batchBytes = 0;
    QTimer *m_timer = nullptr;  // started by a batch's first message
    int m_inFlight = 0;
    qint64 m_pendingBytes = 0;
    bool m_stopped = false;
    QThreadPool m_pool;
};

}  // namespace Sync
