#pragma once

#include "accounts/Account.h"
#include "common/Clock.h"
#include "common/Error.h"
#include "net/Connection.h"
#include "sync/AccountLock.h"
#include "sync/Ledger.h"
#include "sync/Plan.h"
#include "sync/Spool.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>
#include <set>

namespace Store {
class MailStore;
}

namespace Sync {

struct Progress {
    int received = 0;  // messages retrieved so far in this fetch
    int total = 0;     // messages to retrieve
    int stored = 0;    // of those, committed to the store
    quint64 bytesReceived = 0;
    quint64 bytesTotal = 0;
};

enum class Warning {
    // The server deletes mail (EXPIRE) sooner than the account's policy
    // wants to keep it on the server.
    ServerExpiresSooner,
};

struct FetchReport {
    Poplar::Error error;   // None: the fetch completed
    QDateTime startedAt;   // when it began (invalid: it never began, e.g. FetchRunning)
    QDateTime finishedAt;  // when it ended
    std::optional<Plan> plan;
    KeySource keys = KeySource::Uidl;
    int stored = 0;                      // messages stored whole
    int storedPartial = 0;               // stored as headers and first lines
    int alreadyStored = 0;               // without UIDL or TOP: downloaded again, recognised, not stored twice
    int deletedOnServer = 0;             // DELE sent and QUIT confirmed
    quint64 bytesReceived = 0;           // message data read (whole and partial messages)
    std::optional<quint32> serverCount;  // STAT after login: the messages on the server…
    std::optional<quint64> serverBytes;  // …and their octets
    // A UIDL storm: the server listed most of its messages under UIDLs the
    // ledger does not know while most of those it knows were gone, as after
    // a move to another server. The unknown messages' headers were read
    // (TOP n 0) and those recognised by Message-ID and size as stored here
    // were not downloaded again: their ledger entries took the new UIDLs.
    bool uidlStorm = false;
    int matchedAfterUidlChange = 0;
    QList<std::pair<quint32, Poplar::Error>> messageErrors;  // a message the server would not give or delete
    // The link dropped after QUIT was sent: the server may or may not have
    // deleted what was marked; the next fetch sees which.
    bool deletionsUnknown = false;
    QList<Warning> warnings;
    std::optional<int> expireDays;                        // the server's EXPIRE (-1 never)
    QDateTime retryNotBefore;                             // LOGIN-DELAY: no login before this
    std::optional<Pop3::CertificateProblem> certificate;  // the untrusted certificate that stopped it
};

// One fetch of one account: connect, log in, list, compare with the ledger,
// download what is new (each batch of messages commits with its ledger
// rows in one transaction), delete on the server what the policy says and
// has committed here, QUIT, and only then mark those deleted in the ledger.
// At most one runs per account across all processes (AccountLock).
// When it ends (not a dry run), its sync state and its record in the
// FetchHistory are written in one transaction; a fetch killed midway
// leaves no record.
//
// start() answers on the event loop: finished() follows exactly once,
// never from inside start() or cancel().
class FetchJob : public QObject
{
    Q_OBJECT
public:
    struct Options {
        bool dryRun = false;                                  // plan only: nothing is downloaded or deleted
        const Poplar::Clock *clock = nullptr;                 // default: the system clock
        Pop3::Connection::TransportFactory transportFactory;  // default: TCP/TLS
        quint32 partialLines = 40;                            // body lines kept of a message over the size limit
        int batchMessages = 64;                               // messages committed per transaction, at most…
        qint64 batchBytes = 8 * 1024 * 1024;                  // …and bytes, and…
        int batchMs = 1000;                   // …time: on a slow link, what arrived is stored within a second
        qint64 spoolBytes = 8 * 1024 * 1024;  // a message bigger than this waits in a file, not in memory
        int connectTimeoutMs = 30'000;
        int idleTimeoutMs = 60'000;
        // A UIDL storm needs at least this many of the ledger's messages on
        // the server (0: never look for one), more than uidlStormPercent % of
        // them no longer listed, and more than that share of the server's
        // messages unknown.
        int uidlStormMinimum = 20;
        int uidlStormPercent = 50;
    };

    FetchJob(Store::MailStore &store, Accounts::Account account, Pop3::Credentials credentials, Options options,
        QObject *parent = nullptr);
    ~FetchJob() override;

    void start();
    // Stops at once, deleting nothing on the server; what has been stored
    // stays stored (and is not downloaded again).
    void cancel();

    [[nodiscard]] const FetchReport &report() const { return m_report; }
    [[nodiscard]] const Accounts::Account &account() const { return m_account; }

Q_SIGNALS:
    void planned(const Sync::Plan &plan);
    void progress(const Sync::Progress &progress);
    void finished(const Sync::FetchReport &report);

private:
    struct Received;
    class Sink;
    struct UidlStorm;

    void begin();
    void onOpened(const Pop3::ServerInfo &info);
    void onListed(const std::vector<Pop3::MessageInfo> &messages, bool uidlSupported);
    void fetchNextHeader();
    void lookForUidlStorm();
    void fetchNextStormHeader();
    void matchStormHeader(std::size_t index, int occurrence, const QByteArray &header);
    void finishUidlStorm();
    void makeAndRunPlan();
    void downloadNext();
    void received(std::unique_ptr<Received> message);
    void submitBatch();
    void onBatchDone(const std::vector<quint32> &numbers, int partial, int duplicates, const Poplar::Status &status);
    void afterDownloads();
    void onQuitConfirmed();
    [[nodiscard]] Poplar::Status syncCommitted();
    void fail(Poplar::Error error);
    void finish();
    // The sync state and the history record, in one transaction.
    void saveState(bool success);
    [[nodiscard]] QDateTime now() const;

    Store::MailStore &m_store;
    Accounts::Account m_account;
    Pop3::Credentials m_credentials;
    Options m_options;
    const Poplar::Clock &m_clock;
    FetchReport m_report;
    SyncState m_state;
    AccountLock m_lock;
    qint64 m_folderId = 0;
    Pop3::Connection *m_connection = nullptr;  // released with deleteLater()
    std::unique_ptr<Sink> m_sink;
    std::unique_ptr<HeaderSink> m_headerSink;
    QThreadPool m_pool;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_quitting = false;
    bool m_storeFailed = false;              // a batch did not commit: store nothing more
    std::optional<Poplar::Error> m_failure;  // the first failure; finishing waits for in-flight commits

    // The session.
    std::vector<ServerMessage> m_server;
    std::size_t m_nextHeader = 0;
    std::unique_ptr<UidlStorm> m_storm;       // while the unknown messages' headers are read
    std::vector<LedgerRekey> m_dryRunRekeys;  // a dry run's matches, applied to the plan's ledger only
    std::map<quint32, const Download *> m_downloadByNumber;
    std::vector<quint32> m_partialQueue;
    std::size_t m_nextPartial = 0;
    bool m_retrievalDone = false;
    std::vector<std::unique_ptr<Received>> m_batch;
    qint64 m_batchBytes = 0;
    QTimer *m_batchTimer = nullptr;  // started by a batch's first message
    int m_batchesInFlight = 0;
    std::set<quint32> m_committed;  // message numbers whose copy (and ledger row) committed
    // Every commit so far is flushed to the disk. False at the start: a
    // killed earlier fetch may have left commits unflushed, and this one may
    // delete their messages on the server.
    bool m_synced = false;
    std::set<quint32> m_deleted;  // DELE answered +OK (takes effect at QUIT)
    Progress m_progress;
};

[[nodiscard]] QString deleteReasonName(DeleteReason reason);

}  // namespace Sync

Q_DECLARE_METATYPE(Sync::Plan)
Q_DECLARE_METATYPE(Sync::Progress)
Q_DECLARE_METATYPE(Sync::FetchReport)
