#pragma once

#include "common/Clock.h"
#include "common/Error.h"
#include "sasl/Mechanism.h"
#include "smtp/SmtpConnection.h"
#include "sync/AccountLock.h"

#include <QBuffer>
#include <QDateTime>
#include <QList>
#include <QObject>

#include <memory>
#include <optional>

namespace Store {
class MailStore;
}

namespace Sync {

// Sends what an account has waiting in the outbox, over one SMTP submission
// connection, each message exactly once:
// - a message is claimed (Queued → Sending) before it goes out, so no other
//   sender takes it;
// - it is marked InDoubt, durably, before its final dot (the connection's
//   BeforeFinalDot hook): a crash or a broken link from then on leaves it in
//   doubt, and it is never sent again without the user's word;
// - the server's 250 makes it Sent, together with its copy in Sent, in one
//   transaction;
// - a definite refusal makes it Failed (5xx) or Queued again after a
//   backoff (4xx, or the link broke before its dot).
// Other messages go on after one is refused. One sender per account runs at
// a time across every program using the profile (AccountLock, Purpose::Send:
// SendRunning otherwise); it first puts back what a sender that stopped left
// Sending (before its dot). The store calls are made on
// the thread the sender lives on and wait for the writer: run it where
// waiting for the disk is allowed (poplar-cli's main thread, or a worker
// thread of the desktop), never the GUI thread.
class OutboxSender : public QObject
{
    Q_OBJECT
public:
    struct Report {
        QList<qint64> sent;
        QList<qint64> failed;   // refused for good (Failed)
        QList<qint64> retried;  // Queued again, for later
        QList<qint64> inDoubt;
        int recovered = 0;  // rows a stopped sender had left Sending, queued again
        // Why the connection ended early (none when it quit normally).
        std::optional<Poplar::Error> error;
    };

    OutboxSender(Store::MailStore *store, qint64 accountId, Smtp::ConnectionSettings settings,
        Sasl::Credentials credentials, QObject *parent = nullptr);
    // Without the login: credentialsNeeded() asks for it once there is
    // something to send (the password is not read for nothing).
    OutboxSender(Store::MailStore *store, qint64 accountId, Smtp::ConnectionSettings settings,
        QObject *parent = nullptr);
    ~OutboxSender() override;

    // How long a message waits after a temporary failure (4xx, a broken
    // link before its dot): the first time, then doubling to at most `max`.
    void setBackoff(int firstSeconds, int maxSeconds);
    void setClock(const Poplar::Clock *clock) { m_clock = clock; }
    // For tests: the transport the connection uses.
    void setTransportFactory(Smtp::Connection::TransportFactory factory) { m_factory = std::move(factory); }

    // Sends every message of the account that is due now; finished() once.
    void start();
    // Drops the connection: a message past its dot stays in doubt.
    void cancel();

    // The answers to credentialsNeeded(): the login, or why there is none
    // (the messages then wait, and say why).
    void provideCredentials(Sasl::Credentials credentials);
    void credentialsUnavailable(const Poplar::Error &error);

Q_SIGNALS:
    // finished() may come from inside the connection's own signal handling:
    // release the sender with deleteLater(), never delete it in a slot.
    void credentialsNeeded();
    void messageSent(qint64 outboxId);
    // The server's certificate is not trusted (nor pinned): the connection
    // is refused (CertificateUntrusted); the problem is here to show.
    void certificateRefused(const Net::CertificateProblem &problem);
    void finished(const Sync::OutboxSender::Report &report);

private:
    void connectAndSend();
    void sendNext();
    void onAccepted(Smtp::SendId id);
    void onRefused(Smtp::SendId id, const Poplar::Error &error, const QByteArrayList &refused);
    void onInDoubt(Smtp::SendId id);
    void onFailed(const Poplar::Error &error);
    void finish(std::optional<Poplar::Error> error);
    void giveBack(qint64 outboxId, int attempt, const Poplar::Error &error, const QByteArrayList &refused,
        bool temporary);
    [[nodiscard]] QDateTime now() const;

    Store::MailStore *m_store;
    qint64 m_accountId;
    Smtp::ConnectionSettings m_settings;
    Sasl::Credentials m_credentials;
    bool m_haveCredentials = false;
    bool m_waitingForCredentials = false;
    Smtp::Connection::TransportFactory m_factory;
    const Poplar::Clock *m_clock = nullptr;
    int m_backoffFirst = 60;
    int m_backoffMax = 3600;
    std::unique_ptr<Smtp::Connection> m_connection;
    QList<qint64> m_due;
    std::optional<qint64> m_current;  // the outbox row on the wire
    int m_attempt = 0;                // and its attempt (Outbox::claim)
    std::optional<Smtp::SendId> m_currentSend;
    std::unique_ptr<QBuffer> m_source;
    Report m_report;
    AccountLock m_lock;  // from start() until the sender is gone
    bool m_finished = false;
};

}  // namespace Sync
