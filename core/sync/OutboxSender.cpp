#include "sync/OutboxSender.h"

#include "common/ErrorCategory.h"
#include "store/Outbox.h"
#include "store/Store.h"

#include <algorithm>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;
using Store::Outbox;

namespace {
// A refusal of the message itself, or a message that cannot go out as it
// is: it waits for the user. Anything else (the server busy, the link, the
// login) may pass, and the message waits for the next try.
bool refusedForGood(const Error &e)
{
    const Poplar::ErrorCategory c = Poplar::errorCategory(e.code);
    return c == Poplar::ErrorCategory::Refused || c == Poplar::ErrorCategory::Input;
}
}  // namespace

OutboxSender::OutboxSender(Store::MailStore *store, qint64 accountId, Smtp::ConnectionSettings settings,
    Sasl::Credentials credentials, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_accountId(accountId)
    , m_settings(std::move(settings))
    , m_credentials(std::move(credentials))
    , m_haveCredentials(true)
{ }

OutboxSender::OutboxSender(
    Store::MailStore *store, qint64 accountId, Smtp::ConnectionSettings settings, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_accountId(accountId)
    , m_settings(std::move(settings))
{ }

OutboxSender::~OutboxSender() = default;

void OutboxSender::setBackoff(int firstSeconds, int maxSeconds)
{
    m_backoffFirst = std::max(1, firstSeconds);
    m_backoffMax = std::max(m_backoffFirst, maxSeconds);
}

QDateTime OutboxSender::now() const
{
    return (m_clock ? *m_clock : Poplar::Clock::system()).now().toUTC();
}

void OutboxSender::start()
{
    auto lock = AccountLock::tryAcquire(m_store->directory(), m_accountId, AccountLock::Purpose::Send);
    if (!lock) {
        finish(lock.error());
        return;
    }
    m_lock = std::move(lock).value();
    // Under the lock no other sender has a row: one left Sending was cut
    // before its dot.
    const Poplar::Status recovered = m_store->write([&](Store::Database &db) -> Poplar::Status {
        auto n = Outbox::recoverInterrupted(db, m_accountId);
        if (!n)
            return n.error();
        m_report.recovered = *n;
        return {};
    });
    if (!recovered) {
        finish(recovered.error());
        return;
    }
    auto due = m_store->readValue([&](Store::Database &db) { return Outbox::due(db, m_accountId, now()); });
    if (!due) {
        finish(due.error());
        return;
    }
    m_due = *due;
    if (m_due.isEmpty()) {
        finish(std::nullopt);
        return;
    }
    if (!m_haveCredentials) {
        m_waitingForCredentials = true;
        Q_EMIT credentialsNeeded();
        return;
    }
    connectAndSend();
}

void OutboxSender::provideCredentials(Sasl::Credentials credentials)
{
    if (!m_waitingForCredentials || m_finished)
        return;  // the secret wipes itself here
    m_waitingForCredentials = false;
    m_credentials = std::move(credentials);
    m_haveCredentials = true;
    connectAndSend();
}

void OutboxSender::credentialsUnavailable(const Poplar::Error &error)
{
    if (!m_waitingForCredentials || m_finished)
        return;
    m_waitingForCredentials = false;
    onFailed(error);
}

void OutboxSender::connectAndSend()
{
    m_connection = m_factory ? std::make_unique<Smtp::Connection>(m_settings, m_factory)
                             : std::make_unique<Smtp::Connection>(m_settings);
    Smtp::Connection *c = m_connection.get();
    connect(c, &Smtp::Connection::opened, this, [this] { m_connection->login(m_credentials); });
    connect(c, &Smtp::Connection::loggedIn, this, [this] {
        m_credentials.secret.clear();
        sendNext();
    });
    connect(c, &Smtp::Connection::certificateDecisionNeeded, this, [this](const Net::CertificateProblem &problem) {
        // Nobody to ask here: the certificate was decided when the account was set up.
        Q_EMIT certificateRefused(problem);
        m_connection->answerCertificate(Net::CertificateDecision::Reject);
    });
    connect(c, &Smtp::Connection::messageAccepted, this, [this](Smtp::SendId id) { onAccepted(id); });
    connect(c, &Smtp::Connection::messageFailed, this,
        [this](Smtp::SendId id, const Error &e, const QByteArrayList &refused) { onRefused(id, e, refused); });
    connect(c, &Smtp::Connection::messageInDoubt, this, [this](Smtp::SendId id) { onInDoubt(id); });
    connect(c, &Smtp::Connection::closed, this, [this] { finish(std::nullopt); });
    connect(c, &Smtp::Connection::failed, this, [this](const Error &e) { onFailed(e); });
    c->setBeforeFinalDot([this](Smtp::SendId) -> Poplar::Status {
        // Durable before the dot: from here a broken link leaves it in doubt.
        const qint64 row = *m_current;
        const int attempt = m_attempt;
        return m_store->write([row, attempt](Store::Database &db) { return Outbox::markInDoubt(db, row, attempt); });
    });
    c->open();
}

void OutboxSender::cancel()
{
    if (m_waitingForCredentials) {
        m_waitingForCredentials = false;
        finish(Error(ErrorCode::Cancelled));
        return;
    }
    if (m_connection && !m_finished)
        m_connection->cancel();
}

void OutboxSender::sendNext()
{
    while (!m_due.isEmpty()) {
        const qint64 row = m_due.takeFirst();
        std::optional<Poplar::Result<std::optional<int>>> claim;
        const Poplar::Status st = m_store->write([&](Store::Database &db) -> Poplar::Status {
            claim.emplace(Outbox::claim(db, row, now()));
            return claim->ok() ? Poplar::Status() : Poplar::Status(claim->error());
        });
        if (!st) {
            finish(st.error());
            m_connection->cancel();
            return;
        }
        if (!claim->value())
            continue;  // another sender has it, or the user took it back
        const int attempt = *claim->value();
        auto item = m_store->readValue([&](Store::Database &db) { return Outbox::item(db, row); });
        auto bytes = m_store->readValue([&](Store::Database &db) { return Outbox::bytes(db, row); });
        if (!item || !bytes) {
            const Error e = !item ? item.error() : bytes.error();
            giveBack(row, attempt, e, {}, true);
            finish(e);
            m_connection->cancel();
            return;
        }
        Smtp::Envelope envelope;
        envelope.from = item->envelopeFrom;
        envelope.recipients = item->recipients;
        envelope.size = quint64(bytes->size());
        envelope.eightBit = item->eightBit;
        envelope.smtpUtf8 = item->smtpUtf8;
        m_source = std::make_unique<QBuffer>();
        m_source->setData(*bytes);
        m_source->open(QIODevice::ReadOnly);
        m_current = row;
        m_attempt = attempt;
        m_currentSend = m_connection->send(envelope, m_source.get());
        return;
    }
    m_connection->quit();
}

void OutboxSender::onAccepted(Smtp::SendId id)
{
    if (!m_current || m_currentSend != id)
        return;
    const qint64 row = *m_current;
    m_current.reset();
    // Should this fail, the row stays in doubt (committed before the dot):
    // the user is asked rather than the message sent twice.
    std::optional<Poplar::Result<qint64>> copy;
    const Poplar::Status st = m_store->write([&](Store::Database &db) -> Poplar::Status {
        copy.emplace(Outbox::markSent(db, row, m_attempt, now()));
        return copy->ok() ? Poplar::Status() : Poplar::Status(copy->error());
    });
    // The server took it: should the copy not be made, the row is Sent
    // without one (its bytes kept), never offered to go again.
    const int attempt = m_attempt;
    if (st || m_store->write([&](Store::Database &db) { return Outbox::markSentWithoutCopy(db, row, attempt); })) {
        m_report.sent.append(row);
        Q_EMIT messageSent(row);
    } else {
        m_report.inDoubt.append(row);
    }
    if (m_connection->isOpen())
        sendNext();
}

void OutboxSender::onRefused(Smtp::SendId id, const Error &error, const QByteArrayList &refused)
{
    if (!m_current || m_currentSend != id)
        return;
    const qint64 row = *m_current;
    m_current.reset();
    giveBack(row, m_attempt, error, refused, !refusedForGood(error));
    if (m_connection->isOpen())
        sendNext();
}

void OutboxSender::giveBack(
    qint64 row, int attempt, const Error &error, const QByteArrayList &refused, bool temporary)
{
    std::optional<QDateTime> retryAt;
    if (temporary) {
        auto item = m_store->readValue([&](Store::Database &db) { return Outbox::item(db, row); });
        const int attempts = item ? std::max(1, item->attempts) : 1;
        const qint64 delay
            = std::min<qint64>(qint64(m_backoffFirst) << std::min(attempts - 1, 20), qint64(m_backoffMax));
        retryAt = now().addSecs(delay);
    }
    const Poplar::Status st = m_store->write(
        [&](Store::Database &db) { return Outbox::markFailed(db, row, attempt, error, refused, retryAt); });
    if (temporary)
        m_report.retried.append(row);
    else
        m_report.failed.append(row);
    Q_UNUSED(st);  // a row that could not be given back stays Sending: recoverInterrupted() at start
}

void OutboxSender::onInDoubt(Smtp::SendId id)
{
    if (!m_current || m_currentSend != id)
        return;
    m_report.inDoubt.append(*m_current);
    m_current.reset();
}

void OutboxSender::onFailed(const Error &error)
{
    // What had not gone yet says why it still waits.
    if (!m_finished && !m_due.isEmpty()) {
        const QList<qint64> waiting = m_due;
        (void)m_store->write([&](Store::Database &db) -> Poplar::Status {
            for (qint64 row : waiting) {
                if (auto st = Outbox::noteWaiting(db, row, error); !st)
                    return st;
            }
            return {};
        });
    }
    finish(error);
}

void OutboxSender::finish(std::optional<Error> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_credentials.secret.clear();
    m_report.error = std::move(error);
    Q_EMIT finished(m_report);
}

}  // namespace Sync
