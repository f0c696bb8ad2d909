#pragma once

// Test support: a profile with one account, "Work", whose server is a
// ScriptedServer, a manual clock, and the ways a test runs its fetches and
// looks at both sides. A test class derives from it and calls setUp() and
// tearDown() from its init() and cleanup().

#include "FetchRunner.h"
#include "ScriptedMailbox.h"

#include "accounts/AccountStore.h"
#include "common/Clock.h"
#include "store/Store.h"
#include "sync/FetchJob.h"
#include "sync/SyncState.h"
#include "sync/RemoteMessageJob.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace PoplarTest {

class ScriptedFetchFixture
{
protected:
    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Store::MailStore> m_store;
    std::unique_ptr<ScriptedServer> m_server;
    Accounts::Account m_account;
    Poplar::ManualClock m_clock;

    void setUp()
    {
        m_profile = std::make_unique<QTemporaryDir>();
        openStore();
        m_server = std::make_unique<ScriptedServer>();
        Accounts::Account a;
        a.name = QStringLiteral("Work");
        a.email = QStringLiteral("bob@example.org");
        a.host = QStringLiteral("127.0.0.1");
        a.user = QStringLiteral("bob");
        m_account = Accounts::AccountStore(*m_store).add(a).value();
        m_clock = Poplar::ManualClock();
    }

    void tearDown()
    {
        m_store.reset();
        m_server.reset();
        m_profile.reset();
    }

    // (Re)opens the profile's store, with `options`.
    void openStore(Store::MailStore::OpenOptions options = {})
    {
        m_store.reset();
        m_store = std::move(Store::MailStore::open(m_profile->path(), std::move(options))).value();
    }

    // Saves m_account (after a test changed its policy).
    void saveAccount() { QVERIFY(Accounts::AccountStore(*m_store).update(m_account)); }

    Sync::FetchReport fetch(Sync::FetchJob::Options options = {})
    {
        options.clock = &m_clock;
        options.transportFactory = m_server->factory();
        options.connectTimeoutMs = 5000;
        if (options.idleTimeoutMs == Sync::FetchJob::Options().idleTimeoutMs)
            options.idleTimeoutMs = 5000;
        Sync::FetchJob job(*m_store, m_account, Accounts::credentials(m_account, Poplar::Secret("secret")), options);
        return runFetch(job, 30'000);
    }

    Sync::RemoteReport remote(qint64 messageId, Sync::RemoteAction action)
    {
        Sync::RemoteMessageJob::Options options;
        options.clock = &m_clock;
        options.transportFactory = m_server->factory();
        options.connectTimeoutMs = 5000;
        options.idleTimeoutMs = 5000;
        Sync::RemoteMessageJob job(*m_store, m_account, Accounts::credentials(m_account, Poplar::Secret("secret")),
            messageId, action, options);
        return runRemote(job, 30'000);
    }

    // The Inbox's messages, newest first.
    QList<Store::MessageSummary> summaries()
    {
        auto inbox = m_store->folderByPath(QStringLiteral("Work/Inbox"));
        return m_store->messages(inbox->id, 0, 100000).value();
    }

    // The stored messages' raw bytes, sorted.
    QList<QByteArray> stored()
    {
        QList<QByteArray> out;
        for (const Store::MessageSummary &s : summaries())
            out << m_store->rawMessage(s.id).value();
        std::sort(out.begin(), out.end());
        return out;
    }

    // The server's messages' raw bytes, sorted.
    QList<QByteArray> onServer() const
    {
        QList<QByteArray> out;
        for (const auto &m : m_server->mailbox)
            out << m.raw;
        std::sort(out.begin(), out.end());
        return out;
    }

    QList<Sync::LedgerEntry> ledgerEntries() { return ledgerOf(*m_store, m_account.id); }
    Sync::SyncState syncState() { return syncStateOf(*m_store, m_account.id); }
};

}  // namespace PoplarTest
