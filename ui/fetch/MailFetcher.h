#pragma once

#include "accounts/Account.h"
#include "common/Error.h"
#include "common/Result.h"
#include "common/Secret.h"
#include "sync/FetchJob.h"
#include "sync/OutboxSender.h"
#include "sync/RemoteMessageJob.h"
#include "sync/Scheduler.h"

#include <QHash>
#include <QSet>
#include <QObject>

#include <memory>
#include <optional>

namespace Store {
class MailStore;
}
namespace Accounts {
class CredentialStore;
class SessionCredentialStore;
}  // namespace Accounts
namespace Sync {
class FetchLauncher;
}

namespace Poplar::Ui {

// Brings mail home in the background for the desktop app: the scheduler
// (intervals, backoff, LOGIN-DELAY, the network) runs fetches with the
// password from the keychain, or one the user gave for this run only. It
// reports what each account is doing, and asks the window for a password
// when the server rejects one or none is stored.
class MailFetcher : public QObject
{
    Q_OBJECT
public:
    struct AccountStatus {
        Sync::Scheduler::State state = Sync::Scheduler::State::NotScheduled;
        bool running = false;
        Sync::Stage stage = Sync::Stage::Connecting;  // of the running fetch
        Sync::Progress progress;                      // of the running fetch
        Poplar::Error lastError;                      // of the last fetch that failed; None after a success
        QDateTime lastSuccess;                        // of this run
        int lastStored = 0;                           // messages the last fetch stored
        // What the last fetch left on the server without storing it: messages
        // the server would not give, and those that end the connection.
        QList<std::pair<quint32, Poplar::Error>> notGiven;
        QList<Sync::FetchReport::Troublesome> troublesome;
        // The last failed fetch ended while this message (number, size) was
        // being downloaded.
        std::optional<std::pair<quint32, quint64>> failedDuring;
        [[nodiscard]] bool incomplete() const { return !notGiven.isEmpty() || !troublesome.isEmpty(); }
    };

    // What a round of checks found. Fetches that overlap make one round
    // (Get Mail for every account, or accounts the scheduler started
    // together); it ends when none runs any more.
    struct CheckSummary {
        QDateTime finishedAt;    // local time; invalid: no round has ended yet
        QList<qint64> accounts;  // the accounts checked, in the order they finished
        int newMessages = 0;     // stored, whole or in part
        int succeeded = 0;       // fetches that completed
        int cancelled = 0;       // fetches the user stopped
        QList<qint64> failed;    // accounts whose fetch failed (status(id).lastError says why)
    };

    // `keychain` is not owned (the app's KeychainCredentialStore; tests give
    // their own).
    MailFetcher(Store::MailStore &store, Accounts::CredentialStore &keychain, Sync::FetchJob::Options fetchOptions = {},
        Sync::Scheduler::Options schedulerOptions = {}, QObject *parent = nullptr);
    ~MailFetcher() override;

    // Loads the accounts and plans their first checks.
    [[nodiscard]] Poplar::Status start();
    // After accounts were added, edited or removed.
    [[nodiscard]] Poplar::Status reloadAccounts();

    [[nodiscard]] const QList<Accounts::Account> &accounts() const { return m_accounts; }
    [[nodiscard]] std::optional<Accounts::Account> account(qint64 accountId) const;
    [[nodiscard]] AccountStatus status(qint64 accountId) const { return m_status.value(accountId); }
    [[nodiscard]] bool anyRunning() const;
    // The last round of checks that ended.
    [[nodiscard]] const CheckSummary &lastCheck() const { return m_lastCheck; }
    [[nodiscard]] Sync::Scheduler &scheduler() { return *m_scheduler; }
    // The keychain the fetches read (the wizard and the settings write to it).
    [[nodiscard]] Accounts::CredentialStore &keychain() { return m_keychain; }

    // Get Mail: every enabled account, or one. An account waiting for a
    // password is not tried again with the one the server rejected:
    // passwordNeeded asks for it again. Accounts LOGIN-DELAY holds back are
    // named by loginDelayHolds().
    void getMailNow();
    Sync::Scheduler::Request getMailNow(qint64 accountId);
    // The user insists: fetch the account although LOGIN-DELAY says it is
    // too soon (the server may refuse, or count it against the account).
    void getMailIgnoringLoginDelay(qint64 accountId);
    // Sends what the account's outbox has due now, in the background
    // (outboxFinished() tells the result); nothing without an outgoing server.
    void sendNow(qint64 accountId);
    // Stops a running fetch; what arrived is kept.
    void cancel(qint64 accountId);
    void cancelAll();

    // The user's answer to passwordNeeded: fetch again with it. `remember`
    // saves it in the keychain (when that fails it is kept for this run and
    // keychainFailed says why); otherwise it lives only in memory until
    // Poplar quits.
    void providePassword(qint64 accountId, Poplar::Secret password, bool remember);

    // The user's answer to certificateProblem: Reject leaves the account
    // stopped; AcceptOnce fetches again trusting that certificate this once;
    // Pin saves its fingerprint in the account and fetches again.
    void answerCertificate(qint64 accountId, const Net::CertificateProblem &problem, Net::CertificateDecision decision);

    // A new password for the account is in the keychain (the settings
    // dialog wrote it): it replaces any given for this run, and the account
    // is fetched with it.
    void passwordSaved(qint64 accountId);

    // "Download the rest" or "delete from server" for one stored message,
    // with its account's password (this run's, else the keychain's).
    // remoteFinished follows once.
    void runRemote(qint64 messageId, Sync::RemoteAction action);

Q_SIGNALS:
    void remoteFinished(qint64 messageId, Sync::RemoteAction action, const Sync::RemoteReport &report);
    void statusChanged(qint64 accountId);
    void fetchFinished(qint64 accountId, const Sync::FetchReport &report);
    // The account's outbox was sent with a check (in the background): what
    // went, what was refused, what may have gone, or why nothing could.
    void outboxFinished(qint64 accountId, const Sync::OutboxSender::Report &report);
    // A round of checks ended (lastCheck()).
    void checkFinished(const Poplar::Ui::MailFetcher::CheckSummary &summary);
    // A fetch stored new messages (the lists and counts are stale): once
    // per fetch, when it ends, with how many it stored.
    void mailArrived(qint64 accountId, int count);
    // A running fetch has committed more messages to the store (once per
    // committed batch): the lists may show them before the fetch ends.
    void mailStored(qint64 accountId);
    // The server rejected the password, or none is stored: ask the user.
    void passwordNeeded(qint64 accountId, const Poplar::Error &reason);
    // The server's certificate is not trusted (or differs from the pinned
    // one): ask the user, then answerCertificate().
    void certificateProblem(qint64 accountId, const Net::CertificateProblem &problem);
    // A failure retrying cannot fix: the account waits for Get Mail.
    void accountStopped(qint64 accountId, const Poplar::Error &error);
    // Get Mail found these accounts held back by their server's LOGIN-DELAY
    // (scheduler().nextCheck() says until when): ask, then
    // getMailIgnoringLoginDelay().
    void loginDelayHolds(const QList<qint64> &accountIds);
    // Saving a password in the keychain failed; it is used for this run only.
    void keychainFailed(qint64 accountId, const Poplar::Error &error);

private:
    [[nodiscard]] Poplar::Status loadAccounts();
    void onStarted(qint64 accountId, Sync::FetchJob *job);
    void onFinished(qint64 accountId, const Sync::FetchReport &report);
    void endRoundIfIdle();

    Store::MailStore &m_store;
    Accounts::CredentialStore &m_keychain;
    std::unique_ptr<Accounts::SessionCredentialStore> m_session;
    // sendNow() asked while a run of the account went on (before the
    // launcher: its runs may still finish while it goes).
    QSet<qint64> m_sendAgain;
    std::unique_ptr<Sync::FetchLauncher> m_launcher;
    std::unique_ptr<Sync::Scheduler> m_scheduler;
    QList<Accounts::Account> m_accounts;
    QHash<qint64, AccountStatus> m_status;
    CheckSummary m_round;  // the round under way
    bool m_roundOpen = false;
    CheckSummary m_lastCheck;
};

}  // namespace Poplar::Ui
