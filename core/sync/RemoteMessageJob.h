#pragma once

#include "accounts/Account.h"
#include "common/Clock.h"
#include "common/Error.h"
#include "pop3/Pop3Connection.h"
#include "sync/HeaderSink.h"
#include "sync/Ledger.h"
#include "sync/Pop3Link.h"
#include "sync/ServerJob.h"
#include "sync/Spool.h"

#include <QObject>
#include <QThreadPool>

#include <memory>
#include <optional>

namespace Store {
class MailStore;
}

namespace Sync {

// What a RemoteMessageJob does to the server's copy of one stored message.
enum class RemoteAction {
    // Replaces a partial copy (headers and first lines) with the whole
    // message; the server keeps it (the next fetch applies the policy).
    DownloadRest,
    // Deletes the server's copy (DELE, then QUIT); the local copy stays.
    DeleteFromServer,
};

struct RemoteReport {
    Poplar::Error error;           // None: done
    bool alreadyWhole = false;     // DownloadRest of a message that was not partial: nothing to do
    quint64 bytes = 0;             // DownloadRest: the size of the whole message
    bool deletionUnknown = false;  // the link dropped after QUIT: the next fetch sees whether it went
    QDateTime retryNotBefore;      // LOGIN-DELAY: no login before this
    std::optional<Net::CertificateProblem> certificate;
};

// "Download the rest" and "delete from server" for one message a fetch
// stored: finds it on the server by its ledger key (the UIDL, or the
// Message-ID/size/Date fallback), under the account's lock, so it never
// runs beside a fetch of the same account.
//
// start() answers on the event loop: finished() follows exactly once
// (see ServerDialogue).
class RemoteMessageJob : public ServerJob
{
    Q_OBJECT
public:
    struct Options {
        const Poplar::Clock *clock = nullptr;                 // default: the system clock
        Pop3::Connection::TransportFactory transportFactory;  // default: TCP/TLS
        qint64 spoolBytes = 8 * 1024 * 1024;                  // a bigger message waits in a file, not in memory
        int connectTimeoutMs = 30'000;
        int idleTimeoutMs = 60'000;
        bool ignoreLoginDelay = false;  // log in even when LOGIN-DELAY says it is too soon
    };

    // The account a stored message was fetched by, and its ledger entry:
    // NotOnServer when it was not fetched from a server (imported, a copy)
    // or the server no longer has it. The caller reads the password for it.
    [[nodiscard]] static Poplar::Result<LedgerRow> locate(Store::MailStore &store, qint64 messageId);

    RemoteMessageJob(Store::MailStore &store, Accounts::Account account, Pop3::Credentials credentials,
        qint64 messageId, RemoteAction action, Options options, QObject *parent = nullptr);
    ~RemoteMessageJob() override;

    [[nodiscard]] const RemoteReport &report() const { return m_report; }

Q_SIGNALS:
    void progress(quint64 bytesReceived, quint64 bytesTotal);
    void finished(const Sync::RemoteReport &report);

private:
    class Sink;

    // The skeleton's steps (ServerJob).
    void run() override;
    void attach(ServerLink *opening) override;
    void work() override;
    void quitConfirmed() override;
    void linkLost(const Poplar::Error &error, bool quitWasSent) override;
    [[nodiscard]] bool readyToEnd() const override { return !m_storing; }
    void ended() override;

    [[nodiscard]] Pop3::Connection &pop3() const { return pop3Of(link()); }
    void onListed(const std::vector<Pop3::MessageInfo> &messages, bool uidlSupported);
    void matchNextHeader();
    void found(quint32 number);
    void stored();
    void onStored(const Poplar::Status &status);

    qint64 m_messageId = 0;
    RemoteAction m_action;
    Options m_options;
    RemoteReport m_report;
    LedgerRow m_row;
    std::unique_ptr<Sink> m_sink;
    std::unique_ptr<HeaderSink> m_headerSink;
    std::vector<Pop3::MessageInfo> m_candidates;  // fallback keys: messages of the entry's size
    std::size_t m_nextCandidate = 0;
    int m_matches = 0;  // messages carrying the key so far (its occurrence)
    quint32 m_number = 0;
    std::unique_ptr<SpoolBuffer> m_data;
    bool m_deleteSent = false;
    bool m_storing = false;        // the whole message is being parsed and written
    bool m_contentStored = false;  // …and it committed
    QThreadPool m_pool;
};

}  // namespace Sync

Q_DECLARE_METATYPE(Sync::RemoteReport)
