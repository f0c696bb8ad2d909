#include "sync/RemoteMessageJob.h"
#include "sync/HeaderSink.h"
#include "sync/SyncState.h"

#include "pop3/Sasl.h"
#include "store/Database.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"

#include <QTimer>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

// Takes the RETR data of the one message into a SpoolBuffer.
class RemoteMessageJob::Sink final : public Pop3::MessageSink
{
public:
    explicit Sink(RemoteMessageJob &job, quint64 expected)
        : m_job(job)
        , m_expected(expected)
    { }

    Status begin(quint32) override
    {
        m_job.m_data
            = std::make_unique<SpoolBuffer>(m_job.m_store, m_job.m_account.id, m_job.m_options.spoolBytes, m_expected);
        return {};
    }
    Status write(quint32, QByteArrayView data) override
    {
        if (auto st = m_job.m_data->append(data); !st)
            return st;
        Q_EMIT m_job.progress(quint64(m_job.m_data->size()), m_expected);
        return {};
    }
    Status finish(quint32, quint64) override
    {
        if (auto st = m_job.m_data->finish(); !st)
            return st;
        m_complete = true;
        return {};
    }
    void discard(quint32) override { m_job.m_data.reset(); }

    [[nodiscard]] bool complete() const { return m_complete; }

private:
    RemoteMessageJob &m_job;
    quint64 m_expected = 0;
    bool m_complete = false;
};

Result<LedgerRow> RemoteMessageJob::locate(Store::MailStore &store, qint64 messageId)
{
    auto found = store.readValue([&](Store::Database &db) { return Ledger::byMessage(db, messageId); });
    if (!found)
        return found.error();
    const std::optional<LedgerRow> &row = *found;
    if (!row) {
        // Tell "no such message" apart from "not fetched from a server".
        if (auto m = store.message(messageId); !m)
            return m.error();
        return Error(ErrorCode::NotOnServer, QStringLiteral("message %1 was not fetched from a server").arg(messageId));
    }
    if (row->entry.state == LedgerState::DeletedOnServer)
        return Error(ErrorCode::NotOnServer, QStringLiteral("message %1 was deleted on the server").arg(messageId));
    if (row->entry.key.startsWith("sha256:"))
        return Error(ErrorCode::UidlUnsupported,
            QStringLiteral("message %1 came from a server without UIDL and TOP: it cannot be found there again")
                .arg(messageId));
    return *row;
}

RemoteMessageJob::RemoteMessageJob(Store::MailStore &store, Accounts::Account account, Pop3::Credentials credentials,
    qint64 messageId, RemoteAction action, Options options, QObject *parent)
    : ServerJob(store, std::move(account), std::move(credentials),
        { options.clock, options.transportFactory, options.connectTimeoutMs, options.idleTimeoutMs }, parent)
    , m_messageId(messageId)
    , m_action(action)
    , m_options(std::move(options))
{
    m_pool.setMaxThreadCount(1);
}

RemoteMessageJob::~RemoteMessageJob()
{
    m_pool.waitForDone();  // a message being stored finishes (one transaction)
}

void RemoteMessageJob::run()
{
    SpoolBuffer::removeStale(m_store, m_account.id);

    // Read again under the lock: a fetch may have changed it since.
    auto row = locate(m_store, m_messageId);
    if (!row)
        return fail(row.error());
    m_row = *row;
    if (m_row.accountId != m_account.id)
        return fail(Error(
            ErrorCode::InvalidArgument, QStringLiteral("message %1 belongs to another account").arg(m_messageId)));
    if (m_action == RemoteAction::DownloadRest && m_row.entry.state != LedgerState::Partial) {
        m_report.alreadyWhole = true;
        return end();
    }
    if (!loadSyncState(m_options.ignoreLoginDelay))
        return;
    openSession();
}

// The work's signals; the skeleton's (open, certificate, login, QUIT, a
// lost link) come through ServerJob.
void RemoteMessageJob::attach(ServerLink *opening)
{
    Pop3::Connection *c = &pop3Of(opening);
    connect(c, &Pop3::Connection::opened, this,
        [this](const Pop3::ServerInfo &info) { m_state.loginDelaySeconds = info.capabilities.loginDelaySeconds; });
    connect(c, &Pop3::Connection::listed, this, &RemoteMessageJob::onListed);
    connect(c, &Pop3::Connection::messageFailed, this, [this](quint32, const Error &e) {
        if (!m_failure)
            m_failure = e;
    });
    connect(c, &Pop3::Connection::retrieveFinished, this, [this] {
        if (m_headerSink)
            return matchNextHeader();
        if (m_failure || !m_sink || !m_sink->complete() || !m_data)
            return fail(m_failure.value_or(Error(ErrorCode::ProtocolError, QStringLiteral("no message data"))));
        stored();
    });
    connect(c, &Pop3::Connection::messageDeleted, this, [this](quint32) { m_deleteSent = true; });
    connect(c, &Pop3::Connection::deleteFailed, this, [this](quint32, const Error &e) { m_failure = e; });
    connect(c, &Pop3::Connection::deletionsFinished, this, [this] { quit(); });
}

void RemoteMessageJob::work()
{
    pop3().listMessages();
}

void RemoteMessageJob::linkLost(const Error &error, bool quitWasSent)
{
    if (m_deleteSent && quitWasSent)
        m_report.deletionUnknown = true;
    ServerJob::linkLost(error, quitWasSent);
}

void RemoteMessageJob::onListed(const std::vector<Pop3::MessageInfo> &messages, bool uidlSupported)
{
    const LedgerEntry &e = m_row.entry;
    if (m_row.fallbackKey) {
        // Only a message of the stored size can carry the key (the size is
        // part of it): read the headers of those.
        for (const Pop3::MessageInfo &m : messages) {
            if (qint64(m.size) == e.size)
                m_candidates.push_back(m);
        }
        m_headerSink = std::make_unique<HeaderSink>();
        m_nextCandidate = 0;
        return matchNextHeader();
    }
    if (!uidlSupported)
        return fail(Error(ErrorCode::UidlUnsupported, QStringLiteral("the server no longer offers UIDL")));
    int seen = 0;
    for (const Pop3::MessageInfo &m : messages) {
        if (m.uid != e.key || ++seen != e.occurrence)
            continue;
        // Another size: the server reused the UIDL for another message.
        if (qint64(m.size) != e.size)
            break;
        return found(m.number);
    }
    fail(Error(ErrorCode::NotOnServer, QStringLiteral("the server no longer lists message %1").arg(m_messageId)));
}

void RemoteMessageJob::matchNextHeader()
{
    if (m_nextCandidate > 0) {
        const Pop3::MessageInfo &done = m_candidates[m_nextCandidate - 1];
        if (!m_headerSink->done())
            return fail(m_failure.value_or(Error(ErrorCode::ProtocolError, QStringLiteral("TOP failed"))));
        if (fallbackKey(m_headerSink->header(), done.size) == m_row.entry.key
            && ++m_matches == m_row.entry.occurrence) {
            m_headerSink.reset();
            return found(done.number);
        }
    }
    if (m_nextCandidate >= m_candidates.size())
        return fail(
            Error(ErrorCode::NotOnServer, QStringLiteral("the server no longer lists message %1").arg(m_messageId)));
    m_headerSink->clear();
    pop3().top(m_candidates[m_nextCandidate++].number, 0, m_headerSink.get());
}

void RemoteMessageJob::found(quint32 number)
{
    m_number = number;
    if (m_action == RemoteAction::DeleteFromServer) {
        pop3().deleteMessages({ number });
        return;
    }
    m_sink = std::make_unique<Sink>(*this, quint64(m_row.entry.size));
    pop3().retrieve({ number }, m_sink.get());
}

// DownloadRest: the whole message replaces the partial copy, and the ledger
// says so, in one transaction.
void RemoteMessageJob::stored()
{
    auto summary = m_store.message(m_messageId);
    if (!summary)
        return fail(summary.error());
    Store::MessagePreparer::Input in;
    if (m_data->inFile())
        in.rawFile = m_data->fileName();
    else
        in.raw = m_data->takeBytes();
    in.folderId = summary->folderId;
    in.accountId = m_account.id;
    in.serverKey = m_row.entry.key;
    in.flags = summary->flags & ~Store::Flag::Partial;
    in.receivedAt = summary->receivedAt;
    // Parsed and written off this thread: a big message must not stall the
    // caller's event loop (the desktop's window).
    Store::MailStore *store = &m_store;
    const qint64 id = m_messageId;
    const qint64 accountId = m_account.id;
    const std::vector<LedgerKey> key { { m_row.entry.key, m_row.entry.occurrence } };
    m_report.bytes = quint64(m_data->size());
    m_storing = true;
    m_pool.start([this, store, id, accountId, key, in = std::move(in)]() mutable {
        Status st;
        auto prepared = Store::MessagePreparer::prepare(std::move(in));
        if (!prepared)
            st = prepared.error();
        else
            st = store->write([&](Store::Database &db) -> Status {
                if (auto s = Store::MailStore::replaceContent(db, id, *prepared); !s)
                    return s;
                return Ledger::setState(db, accountId, key, LedgerState::OnServer);
            });
        QMetaObject::invokeMethod(
            this, [this, st] { onStored(st); }, Qt::QueuedConnection);
    });
}

void RemoteMessageJob::onStored(const Status &status)
{
    m_storing = false;
    m_data.reset();  // a spooled file goes now
    if (!status)
        return fail(status.error());
    m_contentStored = true;
    if (link())
        quit();
    else
        end();
}

void RemoteMessageJob::quitConfirmed()
{
    if (!m_failure && m_action == RemoteAction::DeleteFromServer && m_deleteSent) {
        const std::vector<LedgerKey> key { { m_row.entry.key, m_row.entry.occurrence } };
        Status st = m_store.write(
            [&](Store::Database &db) { return Ledger::setState(db, m_account.id, key, LedgerState::DeletedOnServer); });
        if (!st)
            m_failure = st.error();
    }
    end();
}

void RemoteMessageJob::ended()
{
    // The whole message is stored: a link lost (or a cancel) at QUIT changes nothing.
    if (m_contentStored)
        m_failure.reset();
    m_report.error = m_failure ? *m_failure : Error();
    m_report.retryNotBefore = retryNotBefore();
    m_report.certificate = certificate();
    saveSyncState();
    m_lock.release();
    Q_EMIT finished(m_report);
}

}  // namespace Sync
