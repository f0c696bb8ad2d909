#pragma once

#include "accounts/Account.h"
#include "common/Clock.h"
#include "common/Error.h"
#include "pop3/Pop3Connection.h"
#include "store/IndexingHold.h"
#include "sync/FetchBatcher.h"
#include "sync/HeaderMatch.h"
#include "sync/HeaderSink.h"
#include "sync/Ledger.h"
#include "sync/Plan.h"
#include "sync/Pop3Link.h"
#include "sync/ServerJob.h"
#include "sync/Spool.h"
#include "sync/SyncState.h"

#include <QObject>

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
    // The server listed messages under UIDLs the ledger does not know while
    // entries it has there were gone (new UIDLs for some or all messages):
    // the headers of those that could be one of them were read (TOP n 0),
    // and those recognised by Message-ID and size as stored here were not
    // downloaded again; their ledger entries took the new UIDLs.
    int headersReadForMatching = 0;
    int matchedAfterUidlChange = 0;
    // The server offers UIDL but refused it this time: its messages were
    // recognised by their headers (Message-ID and size), the new ones
    // downloaded, and nothing was deleted on the server.
    bool uidlRefused = false;
    // What the server's LIST or UIDL answer had that could not be used
    // (those messages were left alone, or kept without a UIDL).
    Pop3::ListingProblems listingProblems;
    QList<std::pair<quint32, Poplar::Error>> messageErrors;  // a message the server would not give
    QList<std::pair<quint32, Poplar::Error>> deleteErrors;   // a message the server would not delete
    // Stored, but what arrived differed in size from what LIST said by more
    // than line ends explain: kept on the server for good (Hold::SizeMismatch).
    QList<quint32> sizeMismatches;
    // The session ended while this message was being downloaded (number and
    // LIST size in that session): a message that does so twice is tried
    // last, alone, by the next fetch.
    std::optional<std::pair<quint32, quint64>> failedDuring;
    // Messages that ended a session more than once: tried last and alone,
    // and still not stored (in that session's numbering).
    struct Troublesome {
        quint32 number = 0;
        quint64 size = 0;
        QString subject;      // from TOP n 0, when the server gave the header
        int failures = 0;     // sessions it has ended so far
        bool tried = false;   // tried alone in this fetch (not when LOGIN-DELAY forbids a second login)
        Poplar::Error error;  // how the try ended
    };
    QList<Troublesome> troublesome;
    // The link dropped after QUIT was sent: the server may or may not have
    // deleted what was marked; the next fetch sees which.
    bool deletionsUnknown = false;
    QList<Warning> warnings;
    std::optional<int> expireDays;                       // the server's EXPIRE (-1 never)
    QDateTime retryNotBefore;                            // LOGIN-DELAY: no login before this
    std::optional<Net::CertificateProblem> certificate;  // the untrusted certificate that stopped it

    // It ended without an error, but some messages it should have stored
    // are not: the server would not give them, or they break the link.
    [[nodiscard]] bool partlyDone() const
    {
        return !error.isError() && (!messageErrors.isEmpty() || !troublesome.isEmpty());
    }
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
// never from inside start() or cancel() (see ServerDialogue). cancel()
// stops at once, deleting nothing on the server; what has been stored
// stays stored (and is not downloaded again).
class FetchJob : public ServerJob
{
    Q_OBJECT
public:
    struct Options {
        bool dryRun = false;                                  // plan only: nothing is downloaded or deleted
        const Poplar::Clock *clock = nullptr;                 // default: the system clock
        Pop3::Connection::TransportFactory transportFactory;  // default: TCP/TLS
        quint32 partialLines = 40;                            // body lines kept of a message over the size limit
        int batchMessages = 64;                               // messages committed per transaction, at most…
        qint64 batchBytes = 4 * 1024 * 1024;  // …and bytes (as maxPendingBytes counts them; at most half of it), and…
        int batchMs = 1000;                   // …time: on a slow link, what arrived is stored within a second
        qint64 spoolBytes = 8 * 1024 * 1024;  // a message bigger than this waits in a file, not in memory
        int connectTimeoutMs = 30'000;
        int idleTimeoutMs = 60'000;
        // Messages read but not yet committed, at most: beyond this the
        // connection stops reading until the store catches up (the server
        // then waits, by TCP's flow control). It counts the message being
        // received, those waiting in memory or in spool files, and what
        // parsing derives from them (FetchBatcher::pendingBytes()). It is
        // passed by what one read brings, and by a single message bigger
        // than the bound, which is read while nothing else waits.
        qint64 maxPendingBytes = 8 * 1024 * 1024;
        // Log in even when LOGIN-DELAY says it is too soon (a user's
        // explicit "get mail now").
        bool ignoreLoginDelay = false;
        // A message that ended this many sessions is downloaded last, alone.
        int troublesomeAfter = 2;
    };

    FetchJob(Store::MailStore &store, Accounts::Account account, Pop3::Credentials credentials, Options options,
        QObject *parent = nullptr);
    ~FetchJob() override;

    [[nodiscard]] const FetchReport &report() const { return m_report; }

Q_SIGNALS:
    void planned(const Sync::Plan &plan);
    void progress(const Sync::Progress &progress);
    void finished(const Sync::FetchReport &report);

private:
    class Sink;
    // Messages under new UIDLs being recognised: the headers of the unknown
    // messages that could be a local copy, read one at a time.
    struct Matching {
        explicit Matching(HeaderMatch::Candidates c)
            : queue(std::move(c.toRead))
            , matcher(std::move(c.copies))
        { }
        std::vector<HeaderMatch::Unknown> queue;
        std::size_t next = 0;
        HeaderMatch::Matcher matcher;
        // The header of the TOP in flight: a new sink each time, so that a TOP
        // the server refuses leaves no header of an earlier one behind.
        std::unique_ptr<HeaderSink> sink;
    };
    // A fetch is one session; a message that ended sessions before gets a
    // second one of its own once the first has QUIT.
    enum class Phase { Main, Alone };

    // The skeleton's steps (ServerJob).
    void run() override;
    void attach(ServerLink *opening) override;
    void linkOpened() override;
    void work() override;
    void loginRefused(const Poplar::Error &error) override;
    void quitConfirmed() override;
    void linkLost(const Poplar::Error &error, bool quitWasSent) override;
    [[nodiscard]] bool readyToEnd() const override;
    void ended() override;

    [[nodiscard]] Pop3::Connection &pop3() const { return pop3Of(link()); }
    void onListed(const std::vector<Pop3::MessageInfo> &messages, bool uidlSupported);
    void fetchNextHeader();
    void lookForNewUidls();
    void fetchNextMatchHeader();
    void finishMatching();
    void makeAndRunPlan();
    // UIDL refused and no header readable: nothing can be recognised.
    void refuseWithoutUidl();
    void startDownloads();
    void downloadNext();
    void received(std::unique_ptr<ReceivedMessage> message);
    void onBatchDone(const BatchResult &result);
    void updateReading();
    void afterDownloads();
    // After the first session: a troublesome message, alone.
    [[nodiscard]] bool startAloneSession();
    void onAloneListed(const std::vector<Pop3::MessageInfo> &messages);
    void planAlone();
    // The deferred message's size, and whether a key may be read for it
    // (fallback keys: in the second session only messages of that size).
    [[nodiscard]] bool needsAloneKey(const ServerMessage &m) const;
    void retrieveAlone();
    void endAloneTry(const Poplar::Error &error, bool endedTheSession);
    void resetSession();
    [[nodiscard]] const Plan &activePlan() const;
    [[nodiscard]] Poplar::Status syncCommitted();
    // The sync state and the history record, in one transaction.
    void saveState(bool success);

    Options m_options;
    FetchReport m_report;
    qint64 m_folderId = 0;
    std::unique_ptr<Sink> m_sink;
    std::unique_ptr<HeaderSink> m_headerSink;
    FetchBatcher *m_batcher = nullptr;  // a child; ending waits for its batches in flight
    // From the start to the end: the store indexes what this fetch stored
    // once it is over (or when a search asks), not while it runs.
    Store::IndexingHold m_indexingHold;
    bool m_removing = false;            // DELE sent for this session's deletions
    bool m_storeFailed = false;         // a batch did not commit: store nothing more

    // The session.
    Phase m_phase = Phase::Main;
    std::vector<ServerMessage> m_server;
    std::size_t m_nextHeader = 0;
    std::unique_ptr<Matching> m_matching;     // while the unknown messages' headers are read
    std::vector<LedgerRekey> m_dryRunRekeys;  // a dry run's matches, applied to the plan's ledger only
    std::vector<LedgerKey> m_notTheSame;      // keys whose ledger entry a header showed to be another message
    std::vector<LedgerKey> m_confirmed;       // keys a header showed to be the entry now under them
    std::set<quint32> m_recognised;           // listed without a UIDL, and a header showed the copy here
    std::vector<QByteArray> m_headerIds;      // UIDL refused: each message's Message-ID, from its header
    std::map<quint32, const Download *> m_downloadByNumber;
    std::vector<quint32> m_wholeQueue;  // asked for with RETR, in order
    std::vector<quint32> m_partialQueue;
    std::size_t m_nextPartial = 0;
    std::set<quint32> m_arrived;  // whole or partial data complete (or refused by the server)
    bool m_retrievalDone = false;
    bool m_readingPaused = false;   // by the bound on what waits for the store
    std::set<quint32> m_committed;  // message numbers whose copy (and ledger row) committed
    std::set<quint32> m_held;       // stored, but never to be deleted automatically (Hold)
    quint32 m_oversized = 0;        // the message that ran past its bound (and ends the session)
    // Every commit so far is flushed to the disk. False at the start: a
    // killed earlier fetch may have left commits unflushed, and this one may
    // delete their messages on the server.
    bool m_synced = false;
    std::set<quint32> m_deleted;  // DELE answered +OK (takes effect at QUIT)
    Progress m_progress;

    // Troublesome messages: known from earlier fetches, and deferred in this
    // one (their plan downloads, by the first session's message number).
    QList<Troublesome> m_troublesome;
    std::vector<Download> m_deferred;
    std::size_t m_nextDeferred = 0;
    // The second session's plan: the deferred message alone.
    Plan m_alonePlan;
    Troublesome m_aloneTry;
    std::unique_ptr<HeaderSink> m_aloneHeader;
    bool m_aloneHeaderRead = false;
    bool m_aloneKeysUnread = false;  // a header that would have told whether it is the one could not be read
};

[[nodiscard]] QString deleteReasonName(DeleteReason reason);

}  // namespace Sync

Q_DECLARE_METATYPE(Sync::Plan)
Q_DECLARE_METATYPE(Sync::Progress)
Q_DECLARE_METATYPE(Sync::FetchReport)
