#include "sync/ServerJob.h"

#include "store/Store.h"
#include "sync/Pop3Link.h"
#include "sync/Spool.h"

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;

ServerJob::ServerJob(Store::MailStore &store, Accounts::Account account, Pop3::Credentials credentials,
    LinkOptions linkOptions, QObject *parent)
    : ServerDialogue(std::move(credentials), parent)
    , m_store(store)
    , m_account(std::move(account))
    , m_linkOptions(std::move(linkOptions))
    , m_clock(m_linkOptions.clock ? *m_linkOptions.clock : Poplar::Clock::system())
{ }

void ServerJob::begin()
{
    auto lock = AccountLock::tryAcquire(m_store.directory(), m_account.id);
    if (!lock)
        return fail(lock.error());
    m_lock = std::move(lock).value();
    run();
}

bool ServerJob::loadSyncState(bool ignoreLoginDelay)
{
    auto state = m_store.readValue([&](Store::Database &db) { return SyncState::load(db, m_account.id); });
    if (!state) {
        fail(state.error());
        return false;
    }
    m_state = *state;
    // LOGIN-DELAY: the server refuses logins sooner than this anyway, and
    // may count the attempt against the user; the user may insist.
    if (auto refusal = m_state.loginDelayRefusal(now()); refusal && !ignoreLoginDelay) {
        m_retryNotBefore = m_state.nextLoginAllowedAt();
        fail(*refusal);
        return false;
    }
    m_state.lastAttemptAt = now();
    return true;
}

Poplar::Result<ServerLink *> ServerJob::createLink()
{
    auto settings = Accounts::connectionSettings(m_account);
    if (!settings)
        return settings.error();
    Pop3::ConnectionSettings cs = *settings;
    cs.connectTimeoutMs = m_linkOptions.connectTimeoutMs;
    cs.idleTimeoutMs = m_linkOptions.idleTimeoutMs;
    return static_cast<ServerLink *>(new Pop3Link(cs, m_linkOptions.transportFactory));
}

void ServerJob::openSession()
{
    auto link = createLink();
    if (!link)
        return fail(link.error());
    attach(*link);
    openLink(*link);
}

void ServerJob::loginSucceeded()
{
    m_state.lastLoginAt = now();
    work();
}

void ServerJob::loginRefused(const Error &error)
{
    noteLoginRefusal(error);
    ServerDialogue::loginRefused(error);
}

void ServerJob::noteLoginRefusal(const Error &error)
{
    if (error.code == ErrorCode::LoginDelay) {
        m_state.loginRefusedForDelay(now(), SyncState::DefaultLoginDelaySeconds);
        m_retryNotBefore = m_state.nextLoginAllowedAt();
    }
}

void ServerJob::saveSyncState()
{
    if (m_lock.isHeld() && m_state.lastAttemptAt.isValid())
        (void)m_store.write([&](Store::Database &db) { return m_state.save(db, m_account.id); });
}

}  // namespace Sync
