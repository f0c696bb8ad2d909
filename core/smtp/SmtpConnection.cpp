#include "smtp/SmtpConnection.h"

#include "net/SslTransport.h"

namespace Smtp {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::LogEntry;

quint16 defaultPort(Net::Security s)
{
    return s == Net::Security::ImplicitTls ? 465 : 587;
}

namespace {
Net::LinkSettings linkSettings(const ConnectionSettings &s)
{
    Net::LinkSettings l = s;  // the link's part of the settings
    l.port = s.effectivePort();
    return l;
}
}  // namespace

Connection::Connection(ConnectionSettings settings, QObject *parent)
    : Connection(
        std::move(settings), [] { return std::make_unique<Net::SslTransport>(); }, parent)
{ }

Connection::Connection(ConnectionSettings settings, TransportFactory factory, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_link(linkSettings(m_settings), std::move(factory), this)
{
    connect(&m_link, &Net::Link::connecting, this, &Connection::onLinkConnecting);
    connect(&m_link, &Net::Link::connected, this, &Connection::onLinkConnected);
    connect(&m_link, &Net::Link::encrypted, this, &Connection::onLinkEncrypted);
    connect(&m_link, &Net::Link::received, this, &Connection::onReceived);
    connect(&m_link, &Net::Link::written, this, [this] {
        if (m_dataFor)
            process();
    });
    connect(&m_link, &Net::Link::closedByPeer, this, &Connection::onClosedByPeer);
    connect(&m_link, &Net::Link::certificateDecisionNeeded, this, &Connection::onCertificateDecisionNeeded);
    connect(&m_link, &Net::Link::failed, this, &Connection::onLinkFailed);
}

Connection::~Connection() = default;

void Connection::open()
{
    if (m_phase != Phase::Idle) {
        fatal(Error(ErrorCode::InvalidState, QStringLiteral("open() on a connection already opened")));
        return;
    }
    m_phase = Phase::Opening;
    m_link.open();
}

void Connection::onLinkConnecting()
{
    // A new transport (the first, or after a certificate was accepted): a
    // new conversation.
    SessionOptions so = m_settings.session;
    if (so.host.isEmpty())
        so.host = m_settings.host;
    if (!so.port)
        so.port = m_settings.effectivePort();
    so.requireStartTls = m_settings.security == Net::Security::StartTls;
    m_session = std::make_unique<Session>(so);
    if (m_settings.security == Net::Security::StartTls)
        m_session->startTls();
    m_info = ServerInfo();
    m_info.host = m_settings.host;
    m_info.port = m_settings.effectivePort();
    m_info.security = m_settings.security;
    logInfo("connecting to " + m_settings.host.toUtf8() + ':' + QByteArray::number(m_settings.effectivePort()) + " ("
        + Net::securityName(m_settings.security).toLatin1() + ')');
}

void Connection::onLinkConnected()
{
    if (!m_session)
        return;
    const bool implicit = m_settings.security == Net::Security::ImplicitTls;
    m_session->setLinkEncrypted(implicit);
    if (implicit)
        m_info.tls = m_link.tlsInfo();
    process();
}

void Connection::onLinkEncrypted()
{
    if (!m_session)
        return;
    m_info.tls = m_link.tlsInfo();
    m_session->tlsEstablished();
    process();
}

void Connection::onReceived(const QByteArray &data)
{
    if (!m_session || m_phase == Phase::Done || m_phase == Phase::Failed)
        return;
    m_session->feed(data);
    process();
}

void Connection::onClosedByPeer()
{
    if (m_phase == Phase::Done || m_phase == Phase::Failed || !m_session)
        return;
    // After QUIT a close without 221 ends the conversation as well.
    m_session->connectionClosed(Error(ErrorCode::ConnectionLost, QStringLiteral("the server closed the connection")));
    process();
    if (m_phase != Phase::Done && m_phase != Phase::Failed)
        fatal(Error(ErrorCode::ConnectionLost, QStringLiteral("the server closed the connection")));
}

void Connection::onLinkFailed(const Error &error)
{
    if (m_phase == Phase::Done || m_phase == Phase::Failed)
        return;
    fatal(error);
}

void Connection::onCertificateDecisionNeeded(const Net::CertificateProblem &problem)
{
    m_phase = Phase::AwaitingCertificate;
    LogEntry e;
    e.kind = LogEntry::Kind::Error;
    e.time = QDateTime::currentDateTimeUtc();
    e.text = QByteArray(problem.kind == Net::CertificateProblem::Kind::Changed ? "certificate changed: "
                                                                               : "certificate not trusted: ")
        + Net::formatFingerprint(problem.sha256).toLatin1();
    m_log.append(e);
    Q_EMIT certificateDecisionNeeded(problem);
}

void Connection::answerCertificate(Net::CertificateDecision decision)
{
    if (m_phase != Phase::AwaitingCertificate)
        return;
    m_phase = Phase::Opening;
    if (!m_link.answerCertificate(decision))
        m_phase = Phase::AwaitingCertificate;
}

void Connection::login(const Sasl::Credentials &credentials)
{
    if (m_phase != Phase::Ready) {
        fatal(Error(ErrorCode::InvalidState, QStringLiteral("login() before the connection opened")));
        return;
    }
    m_session->authenticate(credentials);
    process();
}

SendId Connection::send(const Envelope &envelope, QIODevice *message)
{
    const bool readable = message && message->isReadable() && !message->isSequential();
    if (m_phase != Phase::Ready || !readable) {
        const Error e(ErrorCode::InvalidState,
            readable ? QStringLiteral("send() while the connection is not open")
                     : QStringLiteral("the message is not a readable file or buffer"));
        // Queued, like every outcome: never before the caller has the id.
        QMetaObject::invokeMethod(
            this, [this, e] { Q_EMIT messageFailed(0, e, {}); }, Qt::QueuedConnection);
        return 0;
    }
    const SendId id = m_session->send(envelope);
    m_messages[id] = Outgoing { envelope, message };
    // The session may already have an outcome for it (a check before MAIL):
    // handed out once the caller has the id.
    QMetaObject::invokeMethod(this, &Connection::process, Qt::QueuedConnection);
    return id;
}

void Connection::quit()
{
    if (m_phase != Phase::Ready) {
        fatal(Error(ErrorCode::InvalidState, QStringLiteral("quit() while the connection is not open")));
        return;
    }
    m_session->quit();
    process();
}

void Connection::cancel()
{
    if (m_phase == Phase::Done || m_phase == Phase::Failed || m_phase == Phase::Idle)
        return;
    fatal(Error(ErrorCode::Cancelled));
}

void Connection::flush()
{
    if (!m_session)
        return;
    // May hold an AUTH response: wiped once written.
    const Poplar::Secret out(m_session->takeOutgoing());
    m_link.write(out.expose());
}

void Connection::pumpData()
{
    if (!m_dataFor || !m_session || !m_session->wantsData())
        return;
    const SendId id = *m_dataFor;
    while (m_link.bytesToWrite() < m_settings.writeAheadBytes) {
        // Looked up each time: a slot of messageProgress may have ended it all.
        if (m_phase != Phase::Ready || m_dataFor != id || !m_messages.count(id))
            return;
        Outgoing &o = m_messages[id];
        if (!o.source) {
            fatal(Error(ErrorCode::StoreError, QStringLiteral("the message's source went away while it was sent")));
            return;
        }
        const QByteArray chunk = o.source->read(m_settings.dataChunkBytes);
        if (chunk.isEmpty() && !o.source->atEnd()) {
            fatal(Error(ErrorCode::StoreError,
                QStringLiteral("reading the message failed: ") + o.source->errorString()));
            return;
        }
        if (!chunk.isEmpty()) {
            m_session->writeData(chunk);
            flush();
            Q_EMIT messageProgress(id, m_session->dataWritten(), qint64(o.envelope.size));
            continue;
        }
        if (m_session->dataWritten() != qint64(o.envelope.size)) {
            // The source changed under us: a message other than the one
            // queued must not go out. No dot, so the server drops it.
            fatal(Error(ErrorCode::StoreError,
                QStringLiteral("the message has %1 octets, not the %2 queued")
                    .arg(m_session->dataWritten())
                    .arg(o.envelope.size)));
            return;
        }
        // The whole message went to the link: record it as possibly sent,
        // then the dot. From here a broken link leaves it in doubt.
        if (m_beforeFinalDot) {
            if (Poplar::Status s = m_beforeFinalDot(id); !s) {
                fatal(s.error());
                return;
            }
        }
        m_dataFor.reset();
        m_session->endData();
        // Ten minutes for the reply, and no throughput rule: a server may
        // say nothing while it checks a big message.
        m_link.setIdleTimeout(m_settings.finalReplyTimeoutMs);
        m_link.setThroughputRuleEnabled(false);
        flush();
        return;
    }
}

void Connection::process()
{
    if (m_processing) {
        m_processAgain = true;
        return;
    }
    m_processing = true;
    do {
        m_processAgain = false;
        flush();
        drainLog();
        if (!m_session)
            break;
        m_batch = m_session->takeEvents();
        while (!m_batch.empty()) {
            if (m_phase == Phase::Failed || !m_session)
                break;
            const Event e = std::move(m_batch.front());
            m_batch.erase(m_batch.begin());
            handle(e);
            flush();
        }
        if (m_phase != Phase::Failed)
            pumpData();
        drainLog();
    } while (m_phase != Phase::Failed && m_session && (m_processAgain || m_session->hasEvents()));
    m_processing = false;
    updateTimers();
}

void Connection::handle(const Event &event)
{
    using namespace Events;
    m_link.responseReceived();  // progress, for the throughput rule
    if (const auto *g = std::get_if<Greeting>(&event)) {
        m_link.greeted();
        m_info.greeting = g->text;
    } else if (const auto *r = std::get_if<Ready>(&event)) {
        m_info.capabilities = r->capabilities;
        m_info.extended = r->extended;
        const bool tlsDone = m_settings.security != Net::Security::StartTls || m_link.isEncrypted();
        if (m_phase == Phase::Opening && tlsDone) {
            m_phase = Phase::Ready;
            Q_EMIT opened(m_info);
        }
    } else if (std::holds_alternative<StartTlsReady>(event)) {
        m_link.startTls();
    } else if (const auto *a = std::get_if<Authenticated>(&event)) {
        Q_EMIT loggedIn(a->mechanism);
    } else if (const auto *w = std::get_if<DataWanted>(&event)) {
        m_dataFor = w->id;
    } else if (const auto *ok = std::get_if<MessageAccepted>(&event)) {
        m_link.setIdleTimeout(m_settings.idleTimeoutMs);
        m_link.setThroughputRuleEnabled(true);
        m_messages.erase(ok->id);
        Q_EMIT messageAccepted(ok->id, ok->text);
    } else if (const auto *f = std::get_if<MessageFailed>(&event)) {
        m_link.setIdleTimeout(m_settings.idleTimeoutMs);
        m_link.setThroughputRuleEnabled(true);
        m_messages.erase(f->id);
        if (m_dataFor == f->id)
            m_dataFor.reset();
        Q_EMIT messageFailed(f->id, f->error, f->refusedRecipients);
    } else if (const auto *d = std::get_if<MessageInDoubt>(&event)) {
        m_messages.erase(d->id);
        Q_EMIT messageInDoubt(d->id, d->error);
    } else if (std::holds_alternative<CommandFailed>(event)) {
        // SessionFailed follows with the same error.
    } else if (std::holds_alternative<Closed>(event)) {
        m_phase = Phase::Done;
        m_link.close();
        Q_EMIT closed();
    } else if (const auto *sf = std::get_if<SessionFailed>(&event)) {
        fatal(sf->error);
    }
}

void Connection::updateTimers()
{
    if (m_phase == Phase::Failed || m_phase == Phase::Done || !m_session)
        return;
    m_link.setAwaitingResponse(m_session->awaitingReply());
}

void Connection::drainLog()
{
    if (!m_session)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (LogEntry &e : m_session->takeLogEntries()) {
        e.time = now;
        m_log.append(std::move(e));
    }
}

void Connection::logInfo(const QByteArray &text)
{
    LogEntry e;
    e.kind = LogEntry::Kind::Info;
    e.time = QDateTime::currentDateTimeUtc();
    e.text = text;
    m_log.append(std::move(e));
}

void Connection::fatal(Error error)
{
    if (m_phase == Phase::Failed || m_phase == Phase::Done)
        return;
    m_phase = Phase::Failed;
    m_link.abort();
    m_dataFor.reset();
    if (m_session) {
        // Every message still held ends now: in doubt when its dot went out,
        // failed otherwise; and the outcomes of the batch in hand (when a
        // slot ended the connection in the middle of it) are handed out too.
        m_session->connectionClosed(error);
        drainLog();
        std::vector<Event> rest = std::exchange(m_batch, {});
        for (Event &e : m_session->takeEvents())
            rest.push_back(std::move(e));
        for (const Event &e : rest) {
            if (const auto *ok = std::get_if<Events::MessageAccepted>(&e))
                Q_EMIT messageAccepted(ok->id, ok->text);
            else if (const auto *f = std::get_if<Events::MessageFailed>(&e))
                Q_EMIT messageFailed(f->id, f->error, f->refusedRecipients);
            else if (const auto *d = std::get_if<Events::MessageInDoubt>(&e))
                Q_EMIT messageInDoubt(d->id, d->error);
        }
    }
    m_messages.clear();
    LogEntry e;
    e.kind = LogEntry::Kind::Error;
    e.time = QDateTime::currentDateTimeUtc();
    e.text = error.technicalDescription().toUtf8();
    m_log.append(e);
    Q_EMIT failed(error);
}

}  // namespace Smtp
