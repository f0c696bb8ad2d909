#pragma once

#include "accounts/CredentialStore.h"
#include "sync/FetchJob.h"
#include "sync/OutboxRunner.h"
#include "sync/PasswordSource.h"
#include "sync/Scheduler.h"

#include <QObject>
#include <QPointer>

#include <map>
#include <memory>
#include <set>

namespace Store {
class MailStore;
}

namespace Sync {

// Runs the Scheduler's fetches for real: takes the account's password from
// those given for this run (the user's latest word), else from the
// keychain, runs a FetchJob and answers the scheduler with its report. A
// password that cannot be read is answered as the fetch's error
// (CredentialNotStored, KeychainLocked, KeychainUnavailable), so the
// scheduler asks for it or retries. Each check also sends what the
// account's outbox has due (OutboxRunner, in the background; a run of its
// own that does not hold up the fetch). The desktop app and `poplar-cli
// watch` share it.
class FetchLauncher : public QObject
{
    Q_OBJECT
public:
    FetchLauncher(Store::MailStore &store, Accounts::CredentialStore &keychain, FetchJob::Options options = {},
        QObject *parent = nullptr);
    // Running fetches are cancelled (nothing is lost) and their answers dropped.
    ~FetchLauncher() override;

    // Passwords kept for this run only, asked before the keychain (not owned).
    void setSessionStore(Accounts::CredentialStore *session) { m_passwords.setSessionStore(session); }

    // What Scheduler's constructor takes.
    [[nodiscard]] Scheduler::Launch launch();

    // Where fetches get the account's password (this run's, else the keychain's).
    [[nodiscard]] PasswordSource &passwords() { return m_passwords; }
    // What sends the outbox with each check (its signals tell the results).
    [[nodiscard]] OutboxRunner &outbox() { return *m_outbox; }

    // The user accepted this certificate for the account's next fetch only
    // (trusted by its SHA-256 fingerprint for that one connection, not saved).
    void acceptCertificateOnce(qint64 accountId, const QByteArray &sha256);
    // The user asked to fetch the account although LOGIN-DELAY says it is
    // too soon: its next fetch logs in anyway.
    void ignoreLoginDelayOnce(qint64 accountId, bool ignore = true);

    // Stops the account's running fetch (it answers Cancelled).
    void cancel(qint64 accountId);
    void cancelAll();

Q_SIGNALS:
    // A fetch began; its progress comes from `job` until it finishes.
    void started(qint64 accountId, Sync::FetchJob *job);

private:
    void run(const Accounts::Account &account, Scheduler::Done done);
    void runWith(const Accounts::Account &account, Poplar::Secret secret, Scheduler::Done done);

    Store::MailStore &m_store;
    PasswordSource m_passwords;
    FetchJob::Options m_options;
    std::map<qint64, QPointer<FetchJob>> m_jobs;
    std::map<qint64, QByteArray> m_acceptOnce;
    std::set<qint64> m_ignoreDelayOnce;
    std::unique_ptr<OutboxRunner> m_outbox;  // after m_passwords, which it uses
};

}  // namespace Sync
