#include "pop3/Pop3Connection.h"

#include "net/SslTransport.h"

#include <algorithm>

namespace Pop3 {

quint16 defaultPort(Net::Security s)
{
    return s == Net::Security::ImplicitTls ? 995 : 110;
}

using Poplar::Error;
using Poplar::ErrorCode;

Connection::Connection(ConnectionSettings settings, QObject *parent)
    : Connection(
        std::move(settings), [] { return std::make_unique<Net::SslTransport>(); }, parent)
{ }

namespace {
Net::LinkSettings linkSettings(const ConnectionSettings &s)
{
    Net::LinkSettings l = s;  // the link's part of the settings
    l.port = s.effectivePort();
    return l;
}
}  // namespace

Connection::Connection(ConnectionSettings settings, TransportFactory factory, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_link(linkSettings(m_settings), std::move(factory), this)
{
    connect(&m_link, &Net::Link::connecting, this, &Connection::onLinkConnecting);
    connect(&m_link, &Net::Link::connected, this, &Connection::onLinkConnected);
    connect(&m_link, &Net::Link::encrypted, this, &Connection::onLinkEncrypted);
    connect(&m_link, &Net::Link::received, this, &Connection::onReceived);
    connect(&m_link, &Net::Link::closedByPeer, this, &Connection::onClosedByPeer);
    connect(&m_link, &Net::Link::certificateDecisionNeeded, this, &Connection::onCertificateDecisionNeeded);
    connect(&m_link, &Net::Link::failed, this, &Connection::onLinkFailed);
}

Connection::~Connection() = default;

bool Connection::beginOp(Op op)
{
    const bool phaseOk = op == Op::Open ? m_phase == Phase::Idle : m_phase == Phase::Ready;
    if (m_op != Op::None || !phaseOk) {
        fatal(Error(ErrorCode::InvalidState,
            QStringLiteral("operation started while another runs or the connection is not open")));
        return false;
    }
    m_op = op;
    return true;
}

void Connection::finishOp()
{
    m_op = Op::None;
}

void Connection::open()
{
    if (!beginOp(Op::Open))
        return;
    m_phase = Phase::Opening;
    m_link.open();
}

void Connection::onLinkConnecting()
{
    // A new transport (the first, or after a certificate was accepted): a
    // new conversation.
    m_utf8Requested = false;
    m_uidlWorked = false;
    m_sizes.clear();

    SessionOptions so = m_settings.session;
    if (so.host.isEmpty())
        so.host = m_settings.host;
    if (!so.port)
        so.port = m_settings.effectivePort();
    m_session = std::make_unique<Session>(so);
    PipelineWindow::Options wo;
    wo.minBytes = std::max<quint64>(so.windowBytes, 1);
    wo.maxBytes = std::max(m_settings.maxWindowBytes, wo.minBytes);
    m_window = PipelineWindow(wo);
    m_probeStart.reset();
    m_loggedWindow = m_window.budget();

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
    // What the plaintext greeting offered (an APOP timestamp) is not to be
    // trusted once the link is protected; the session forgets it too.
    m_info.apopTimestamp.clear();
    m_session->tlsEstablished();
    process();
}

void Connection::onReceived(const QByteArray &data)
{
    if (!m_session || m_phase == Phase::Done || m_phase == Phase::Failed)
        return;
    Q_EMIT bytesReceived(data.size());
    const qint64 now = nowMs();
    if (m_probeStart) {
        const bool first = !m_window.roundTripMs();
        m_window.roundTrip(now - *m_probeStart);
        m_probeStart.reset();
        if (first)
            logInfo("round trip " + QByteArray::number(qlonglong(*m_window.roundTripMs())) + " ms");
    }
    m_window.delivered(quint64(data.size()), now, m_session->queuedCount() > 0);
    applyWindow();
    m_session->feed(data);
    process();
}

void Connection::setReadingPaused(bool paused)
{
    if (paused) {
        // Time spent paused is the store's, not the link's.
        m_window.interrupted();
        m_probeStart.reset();
    }
    m_link.setReadingPaused(paused);
}

void Connection::onClosedByPeer()
{
    if (m_phase == Phase::Done || m_phase == Phase::Failed || !m_session)
        return;
    m_session->connectionClosed();
    process();
    if (m_phase != Phase::Done && m_phase != Phase::Failed)
        fatal(Error(ErrorCode::ConnectionLost, QStringLiteral("the server closed the connection")));
}

void Connection::onLinkFailed(const Error &error)
{
    if (m_phase == Phase::Done || m_phase == Phase::Failed)
        return;
    if (m_phase == Phase::Quitting && m_session && m_session->state() == SessionState::Closed)
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
    // Reject ends in failed(); otherwise the link reconnects trusting
    // exactly the certificate the question was about.
    m_phase = Phase::Opening;
    if (!m_link.answerCertificate(decision))
        m_phase = Phase::AwaitingCertificate;
}

void Connection::login(const Credentials &credentials)
{
    if (!beginOp(Op::Login))
        return;
    // RFC 6856: UTF8 is valid only before login, so it goes first (once),
    // after the last CAPA. A server that then refuses it still gets the login.
    if (!m_utf8Requested && m_session->capabilities().utf8 && m_session->state() == SessionState::Authorization) {
        m_utf8Requested = true;
        m_session->utf8();
    }
    m_session->authenticate(credentials);
    process();
}

void Connection::stat()
{
    if (!beginOp(Op::Stat))
        return;
    m_session->stat();
    process();
}

void Connection::noop()
{
    if (!beginOp(Op::Noop))
        return;
    m_session->noop();
    process();
}

void Connection::listMessages(StatFirst stat)
{
    if (!beginOp(Op::List))
        return;
    if (stat == StatFirst::Yes)
        m_session->stat();
    m_uidl.reset();
    m_list.reset();
    m_listRejected = RejectedLines();
    m_uidlRejected = RejectedLines();
    m_problems = ListingProblems();
    m_uidlStatus = UidlStatus::Supported;
    const Capabilities &caps = m_session->capabilities();
    if (caps.capaSupported && !caps.uidl && !m_uidlWorked) {
        m_uidlStatus = UidlStatus::NotOffered;
        m_uidl = std::vector<UidlEntry>();
        m_uidlId = 0;
    } else {
        m_uidlId = m_session->uidl();
    }
    m_listId = m_session->list();
    process();
}

void Connection::retrieve(const QList<quint32> &messages, MessageSink *sink)
{
    if (!beginOp(Op::Retrieve))
        return;
    m_sink = sink;
    m_begun.clear();
    m_pending.clear();
    if (messages.isEmpty()) {
        finishOp();
        Q_EMIT retrieveFinished();
        return;
    }
    m_unsent.assign(messages.begin(), messages.end());
    m_unsentNext = 0;
    feedSession();
    process();
}

void Connection::top(quint32 message, quint32 lines, MessageSink *sink)
{
    if (!beginOp(Op::Retrieve))
        return;
    m_sink = sink;
    m_begun.clear();
    m_pending.clear();
    m_pending[m_session->top(message, lines, dataLimit(message), listedSize(message))] = message;
    process();
}

void Connection::deleteMessages(const QList<quint32> &messages)
{
    if (!beginOp(Op::Remove))
        return;
    m_pending.clear();
    if (messages.isEmpty()) {
        finishOp();
        Q_EMIT deletionsFinished();
        return;
    }
    m_unsent.assign(messages.begin(), messages.end());
    m_unsentNext = 0;
    feedSession();
    process();
}

void Connection::quit()
{
    if (!beginOp(Op::Quit))
        return;
    m_phase = Phase::Quitting;
    m_quitSent = true;
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
    // May hold a PASS line or a SASL response: wiped once written.
    const Poplar::Secret out(m_session->takeOutgoing());
    const bool fromIdle = m_session->takeSentFromIdle();
    m_link.write(out.expose());
    if (fromIdle && !out.expose().isEmpty() && !m_link.isReadingPaused())
        m_probeStart = nowMs();
}

qint64 Connection::nowMs() const
{
    return (m_settings.clock ? *m_settings.clock : Poplar::Clock::system()).monotonicMs();
}

void Connection::applyWindow()
{
    if (!m_session)
        return;
    const quint64 budget = m_window.budget();
    if (budget == m_session->windowBytes())
        return;
    m_session->setWindowBytes(budget);
    if (budget - std::min(budget, m_loggedWindow) >= m_loggedWindow / 4) {
        m_loggedWindow = budget;
        logInfo("pipelining window " + QByteArray::number(qulonglong(budget / 1024)) + " KiB (round trip "
            + QByteArray::number(qlonglong(m_window.roundTripMs().value_or(0))) + " ms, "
            + QByteArray::number(qulonglong(m_window.rate() / 1000)) + " kB/s)");
    }
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

std::optional<quint64> Connection::listedSize(quint32 message) const
{
    const auto it = std::lower_bound(
        m_sizes.begin(), m_sizes.end(), message, [](const ListEntry &e, quint32 n) { return e.message < n; });
    if (it == m_sizes.end() || it->message != message)
        return std::nullopt;
    return it->size;
}

quint64 Connection::dataLimit(quint32 message) const
{
    const std::optional<quint64> size = listedSize(message);
    if (!size)
        return m_settings.unlistedMessageLimit;
    constexpr quint64 Max = ~quint64(0);
    const quint64 doubled = *size > Max / 2 ? Max : *size * 2;
    return doubled > Max - m_settings.messageSizeSlack ? Max : doubled + m_settings.messageSizeSlack;
}

void Connection::updateTimers()
{
    m_link.setAwaitingResponse(m_session && m_session->awaitingResponse()
        && (m_phase == Phase::Opening || m_phase == Phase::Ready || m_phase == Phase::Quitting)
        && !m_session->awaitingTlsHandshake());
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
        std::vector<Event> events = m_session->takeEvents();
        for (Event &e : events) {
            if (m_phase == Phase::Failed || !m_session)
                break;
            handle(e);
            flush();
        }
        if (m_phase != Phase::Failed && feedSession())
            m_processAgain = true;
        drainLog();
    } while (m_phase != Phase::Failed && m_session && (m_processAgain || m_session->hasEvents()));
    m_processing = false;
    updateTimers();
}

void Connection::handle(Event &event)
{
    using namespace Events;
    if (!std::holds_alternative<DataChunk>(event))
        m_link.responseReceived();  // progress, for the throughput rule
    if (auto *g = std::get_if<Greeting>(&event)) {
        m_link.greeted();
        m_info.greeting = g->text;
        m_info.apopTimestamp = g->apopTimestamp;
        m_session->capa();
    } else if (auto *c = std::get_if<CapabilitiesReceived>(&event)) {
        m_info.capabilities = c->capabilities;
        if (m_phase != Phase::Opening)
            return;
        if (m_settings.security == Net::Security::StartTls && !m_session->linkEncrypted()) {
            if (c->capabilities.capaSupported && !c->capabilities.stls) {
                fatal(Error(ErrorCode::StlsUnavailable, QStringLiteral("the server does not offer STLS")));
                return;
            }
            m_session->stls();
            return;
        }
        m_phase = Phase::Ready;
        finishOp();
        Q_EMIT opened(m_info);
    } else if (std::get_if<StlsReady>(&event)) {
        m_link.startTls();
    } else if (auto *a = std::get_if<Authenticated>(&event)) {
        finishOp();
        Q_EMIT loggedIn(a->mechanism);
    } else if (auto *s = std::get_if<StatReceived>(&event)) {
        if (m_op != Op::List)  // else it came ahead of the listing
            finishOp();
        Q_EMIT statReceived(s->count, s->size);
    } else if (auto *l = std::get_if<ListReceived>(&event)) {
        if (m_op == Op::List && l->id == m_listId) {
            m_list = std::move(l->entries);
            m_listRejected = std::move(l->rejected);
        }
    } else if (auto *u = std::get_if<UidlReceived>(&event)) {
        if (m_op == Op::List && u->id == m_uidlId) {
            m_uidl = std::move(u->entries);
            m_uidlRejected = std::move(u->rejected);
            m_uidlWorked = true;
        }
    } else if (auto *d = std::get_if<DataChunk>(&event)) {
        if (!m_sink)
            return;
        if (!m_begun.count(d->message)) {
            const Poplar::Status st = m_sink->begin(d->message);
            if (!st) {
                fatal(st.error());
                return;
            }
            m_begun.insert(d->message);
        }
        const Poplar::Status st = m_sink->write(d->message, d->bytes);
        if (!st)
            fatal(st.error());
    } else if (auto *dc = std::get_if<DataComplete>(&event)) {
        if (!m_sink)
            return;
        if (!m_begun.count(dc->message)) {
            const Poplar::Status st = m_sink->begin(dc->message);
            if (!st) {
                fatal(st.error());
                return;
            }
        }
        m_begun.erase(dc->message);
        const Poplar::Status st = m_sink->finish(dc->message, dc->size);
        if (!st) {
            fatal(st.error());
            return;
        }
        takePending(dc->id);
        Q_EMIT messageRetrieved(dc->message, dc->size);
        finishBatchIfDone();
    } else if (auto *ok = std::get_if<CommandOk>(&event)) {
        switch (ok->type) {
        case CommandType::Dele:
            Q_EMIT messageDeleted(takePending(ok->id));
            finishBatchIfDone();
            break;
        case CommandType::Noop:
            finishOp();
            Q_EMIT noopDone();
            break;
        case CommandType::Quit:
            m_phase = Phase::Done;
            finishOp();
            m_link.close();
            Q_EMIT quitConfirmed();
            break;
        default: break;
        }
    } else if (auto *f = std::get_if<CommandFailed>(&event)) {
        if (f->sessionFailed)
            return;  // SessionFailed follows and reports it
        switch (f->type) {
        case CommandType::Authenticate:
            finishOp();
            Q_EMIT loginFailed(f->error);
            break;
        case CommandType::Uidl:
            if (m_op == Op::List && f->id == m_uidlId && f->error.code == ErrorCode::ServerError) {
                // A server without CAPA may simply lack UIDL; one that lists
                // it, or answered it before, is refusing it now.
                const Capabilities &caps = m_session->capabilities();
                m_uidlStatus = ((caps.capaSupported && caps.uidl) || m_uidlWorked) ? UidlStatus::Refused
                                                                                   : UidlStatus::NotOffered;
                logInfo("UIDL refused: "
                    + QByteArray(m_uidlStatus == UidlStatus::Refused ? "although offered" : "not supported"));
                m_uidl = std::vector<UidlEntry>();
            } else {
                fatal(f->error);
            }
            break;
        case CommandType::Utf8:
            // RFC 6856 makes UTF8 optional to accept: log in without it.
            logInfo("UTF8 refused; continuing without it");
            break;
        case CommandType::Retr:
        case CommandType::Top: {
            const quint32 n = takePending(f->id);
            if (m_sink && m_begun.erase(n))
                m_sink->discard(n);
            Q_EMIT messageFailed(n, f->error);
            finishBatchIfDone();
            break;
        }
        case CommandType::Dele:
            Q_EMIT deleteFailed(takePending(f->id), f->error);
            finishBatchIfDone();
            break;
        default: fatal(f->error); break;
        }
    } else if (auto *sf = std::get_if<SessionFailed>(&event)) {
        fatal(sf->error);
    }

    if (m_op == Op::List && m_list && m_uidl)
        finishListing();
}

void Connection::finishListing()
{
    const bool haveUidl = m_uidlStatus == UidlStatus::Supported;
    Listing listing = mergeListing(*m_list, m_listRejected, haveUidl ? &*m_uidl : nullptr, m_uidlRejected);
    m_list.reset();
    m_uidl.reset();
    m_listRejected = RejectedLines();
    m_uidlRejected = RejectedLines();
    m_problems = std::move(listing.problems);
    m_sizes.clear();
    m_sizes.reserve(listing.messages.size());
    for (const MessageInfo &m : listing.messages)
        m_sizes.push_back(ListEntry { m.number, m.size });
    std::sort(
        m_sizes.begin(), m_sizes.end(), [](const ListEntry &a, const ListEntry &b) { return a.message < b.message; });
    if (!m_problems.isEmpty())
        logInfo("listing: " + QByteArray::number(qlonglong(m_problems.count)) + " problems, "
            + QByteArray::number(qulonglong(m_problems.skipped.size())) + " messages left alone, "
            + QByteArray::number(qlonglong(m_problems.withoutUid)) + " without a uid");
    finishOp();
    Q_EMIT listed(listing.messages, haveUidl);
}

void Connection::logInfo(const QByteArray &text)
{
    LogEntry e;
    e.kind = LogEntry::Kind::Info;
    e.time = QDateTime::currentDateTimeUtc();
    e.text = text;
    m_log.append(e);
}

quint32 Connection::takePending(CommandId id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return 0;
    const quint32 n = it->second;
    m_pending.erase(it);
    return n;
}

bool Connection::feedSession()
{
    if (!m_session || m_session->state() != SessionState::Transaction || (m_op != Op::Retrieve && m_op != Op::Remove))
        return false;
    const int cap = std::max(1, m_settings.session.maxCommandsInFlight);
    bool fed = false;
    while (m_unsentNext < m_unsent.size() && m_session->queuedCount() < cap
        && (m_session->queuedCount() == 0 || m_session->queuedBytes() < m_session->windowBytes())) {
        const quint32 n = m_unsent[m_unsentNext++];
        const CommandId id
            = m_op == Op::Retrieve ? m_session->retr(n, dataLimit(n), listedSize(n)) : m_session->dele(n);
        m_pending[id] = n;
        fed = true;
    }
    if (m_unsentNext == m_unsent.size()) {
        m_unsent = std::vector<quint32>();
        m_unsentNext = 0;
    }
    return fed;
}

void Connection::finishBatchIfDone()
{
    // A failed session ends in failed(), not in a finished batch.
    if (!m_pending.empty() || m_unsentNext < m_unsent.size()
        || (m_session && m_session->state() == SessionState::Failed))
        return;
    if (m_op == Op::Retrieve) {
        finishOp();
        m_sink = nullptr;
        Q_EMIT retrieveFinished();
    } else if (m_op == Op::Remove) {
        finishOp();
        Q_EMIT deletionsFinished();
    }
}

void Connection::fatal(Error error)
{
    if (m_phase == Phase::Failed || m_phase == Phase::Done)
        return;
    m_phase = Phase::Failed;
    m_op = Op::None;
    m_link.abort();
    if (m_sink) {
        for (quint32 n : m_begun)
            m_sink->discard(n);
        m_begun.clear();
        m_sink = nullptr;
    }
    m_pending.clear();
    m_unsent = std::vector<quint32>();
    m_unsentNext = 0;
    drainLog();
    LogEntry e;
    e.kind = LogEntry::Kind::Error;
    e.time = QDateTime::currentDateTimeUtc();
    e.text = error.technicalDescription().toUtf8();
    m_log.append(e);
    Q_EMIT failed(error);
}

}  // namespace Pop3
