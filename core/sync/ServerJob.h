#pragma once

#include "accounts/Account.h"
#include "common/Clock.h"
#include "sync/AccountLock.h"
#include "sync/ServerDialogue.h"
#include "sync/SyncState.h"

#include <QDateTime>

#include <functional>
#include <memory>

namespace Net {
class Transport;
}
namespace Store {
class MailStore;
}

namespace Sync {

// A ServerDialogue for one account's mailbox: it runs under the account's
// lock (never beside another job of the account, in any process), refuses
// before connecting when LOGIN-DELAY says it is too soon (unless told to
// ignore that), keeps the account's sync state (attempts, logins, a login
// refused for LOGIN-DELAY), and opens the link the account's settings
// describe. FetchJob and RemoteMessageJob are ServerJobs; a job for another
// protocol overrides createLink().
class ServerJob : public ServerDialogue
{
    Q_OBJECT
public:
    using TransportFactory = std::function<std::unique_ptr<Net::Transport>()>;
    struct LinkOptions {
        const Poplar::Clock *clock = nullptr;  // default: the system clock
        TransportFactory transportFactory;     // default: TCP/TLS
        int connectTimeoutMs = 30'000;
        int idleTimeoutMs = 60'000;
    };

    [[nodiscard]] const Accounts::Account &account() const { return m_account; }

protected:
    ServerJob(Store::MailStore &store, Accounts::Account account, Pop3::Credentials credentials,
        LinkOptions linkOptions, QObject *parent);

    // Under the account's lock: the subclass's preparation, which calls
    // loadSyncState() and openSession(), or fail() or end().
    virtual void run() = 0;
    // Reads the sync state and records this attempt; LOGIN-DELAY refuses
    // (false, the job failed) when too soon and not `ignoreLoginDelay`.
    [[nodiscard]] bool loadSyncState(bool ignoreLoginDelay);
    // Opens a link to the account's server (a job may open more than one,
    // one after the other).
    void openSession();
    // The link for the account's server; the default: POP3 with its settings.
    [[nodiscard]] virtual Poplar::Result<ServerLink *> createLink();
    // A new link, before it opens: the subclass connects to its own signals.
    virtual void attach(ServerLink *opening) { Q_UNUSED(opening); }

    // A refusal for LOGIN-DELAY is recorded in the sync state.
    void loginRefused(const Poplar::Error &error) override;
    // Only that: a login refused for LOGIN-DELAY, in the sync state.
    void noteLoginRefusal(const Poplar::Error &error);

    [[nodiscard]] QDateTime now() const { return m_clock.now(); }
    [[nodiscard]] const QDateTime &retryNotBefore() const { return m_retryNotBefore; }
    // Saves the sync state if this job got as far as an attempt (best effort).
    void saveSyncState();

    Store::MailStore &m_store;
    Accounts::Account m_account;
    LinkOptions m_linkOptions;
    const Poplar::Clock &m_clock;
    SyncState m_state;
    AccountLock m_lock;

private:
    void begin() final;
    // Records the login in the sync state, then work().
    void loginSucceeded() final;

    QDateTime m_retryNotBefore;  // LOGIN-DELAY: no login before this
};

}  // namespace Sync
