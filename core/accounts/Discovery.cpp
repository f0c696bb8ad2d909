#include "accounts/Discovery.h"

#include "accounts/Account.h"
#include "net/SslTransport.h"

#include <QDnsLookup>
#include <QHash>
#include <QUrl>

#include <algorithm>

namespace Accounts {

using Net::Security;
using Poplar::Error;
using Poplar::ErrorCode;

namespace {

bool isRoot(const QString &target)
{
    return target.isEmpty() || target == QLatin1String(".");
}

// "mail.example.org." → "mail.example.org"
QString hostName(QString target)
{
    while (target.endsWith(QLatin1Char('.')))
        target.chop(1);
    return target.toLower();
}

// A host name to compare: no final dot, ACE spelling, lower case.
QString comparableName(QString name)
{
    while (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    const QByteArray ace = QUrl::toAce(name);
    return ace.isEmpty() ? name.toLower() : QString::fromLatin1(ace).toLower();
}

int securityRank(Security s)
{
    switch (s) {
    case Security::ImplicitTls: return 0;
    case Security::StartTls: return 1;
    case Security::None: return 2;
    }
    return 3;
}

// The SRV names (implicit TLS, then STARTTLS) and the usual host names of
// a service, and its default ports.
struct ServiceNames {
    const char *srvSecure;
    const char *srvPlain;
    QList<const char *> prefixes;
};

ServiceNames namesOf(MailService service)
{
    if (service == MailService::Submission)
        return { "_submissions._tcp.", "_submission._tcp.", { "smtp.", "mail." } };
    return { "_pop3s._tcp.", "_pop3._tcp.", { "pop.", "pop3.", "mail." } };
}

quint16 defaultPortOf(MailService service, Security security)
{
    return service == MailService::Submission ? Smtp::defaultPort(security) : Pop3::defaultPort(security);
}

}  // namespace

SrvLookup dnsSrvLookup()
{
    return [](const QString &name, QObject *context, SrvDone done) {
        auto *lookup = new QDnsLookup(QDnsLookup::SRV, name, context);
        QObject::connect(lookup, &QDnsLookup::finished, context, [lookup, done] {
            QList<SrvRecord> records;
            if (lookup->error() == QDnsLookup::NoError) {
                for (const QDnsServiceRecord &r : lookup->serviceRecords())
                    records.append(SrvRecord { r.target(), r.port(), r.priority(), r.weight() });
            }
            lookup->deleteLater();
            done(records);
        });
        lookup->lookup();
    };
}

QList<SrvRecord> orderedSrvRecords(QList<SrvRecord> records)
{
    records.removeIf([](const SrvRecord &r) { return isRoot(r.target) || r.port == 0; });
    std::stable_sort(records.begin(), records.end(), [](const SrvRecord &a, const SrvRecord &b) {
        if (a.priority != b.priority)
            return a.priority < b.priority;
        return a.weight > b.weight;
    });
    return records;
}

bool srvDeclined(const QList<SrvRecord> &records)
{
    return records.size() == 1 && isRoot(records.first().target);
}

bool isInDomain(const QString &host, const QString &domain)
{
    const QString h = comparableName(host);
    const QString d = comparableName(domain);
    if (h.isEmpty() || d.isEmpty())
        return false;
    return h == d || h.endsWith(QLatin1Char('.') + d);
}

std::optional<DiscoveredServer> DiscoveryResult::recommended() const
{
    for (const DiscoveredServer &s : servers) {
        if (!s.insecure && !s.outsideDomain)
            return s;
    }
    return std::nullopt;
}

Discovery::Discovery(QObject *parent)
    : Discovery(Options(), parent)
{ }

Discovery::Discovery(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    if (!m_options.srvLookup)
        m_options.srvLookup = dnsSrvLookup();
    m_lookupTimer.setSingleShot(true);
    m_deadline.setSingleShot(true);
    connect(&m_lookupTimer, &QTimer::timeout, this, [this] {
        // No (complete) answer in time: go on as if there were no records.
        delete m_lookupContext;
        m_lookupContext = nullptr;
        if (!m_srvSecure)
            m_srvSecure = QList<SrvRecord>();
        if (!m_srvPlain)
            m_srvPlain = QList<SrvRecord>();
        afterLookups();
    });
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_result.timedOut = true;
        stopEverything(Error(ErrorCode::ConnectTimeout,
            QStringLiteral("the discovery's deadline of %1 ms ended the probe").arg(m_options.deadlineMs)));
        finish();
    });
}

Discovery::~Discovery()
{
    m_running = false;
    for (Probe &p : m_probes) {
        if (p.connection)
            p.connection->disconnect(this);
        if (p.submissionLink)
            p.submissionLink->disconnect(this);
    }
}

void Discovery::start(const QString &email)
{
    if (m_started)
        return;
    m_started = true;
    m_running = true;
    m_result.domain = emailDomain(email.trimmed());
    if (m_result.domain.isEmpty()) {
        QTimer::singleShot(
            0, this, [this] { finish(Error(ErrorCode::InvalidArgument, QStringLiteral("not an email address"))); });
        return;
    }
    m_deadline.start(m_options.deadlineMs);
    m_lookupTimer.start(m_options.lookupTimeoutMs);
    m_lookupContext = new QObject(this);
    // Both services are asked at once; the answers may come in any order.
    const ServiceNames names = namesOf(m_options.service);
    m_options.srvLookup(QLatin1String(names.srvSecure) + m_result.domain, m_lookupContext,
        [this](const QList<SrvRecord> &records) { onSrvAnswer(true, records); });
    m_options.srvLookup(QLatin1String(names.srvPlain) + m_result.domain, m_lookupContext,
        [this](const QList<SrvRecord> &records) { onSrvAnswer(false, records); });
    const QString domain = m_result.domain;
    QTimer::singleShot(0, this, [this, domain] {
        if (active())
            Q_EMIT lookingUp(domain);
    });
}

void Discovery::onSrvAnswer(bool secure, const QList<SrvRecord> &records)
{
    if (!active() || !m_lookupContext)
        return;
    (secure ? m_srvSecure : m_srvPlain) = records;
    if (m_srvSecure && m_srvPlain) {
        m_lookupTimer.stop();
        // Not deleted here: this runs inside one of its lookups' answers.
        m_lookupContext->deleteLater();
        m_lookupContext = nullptr;
        // The lookup calls back from its own context; continue on the loop.
        QTimer::singleShot(0, this, &Discovery::afterLookups);
    }
}

void Discovery::afterLookups()
{
    if (!active())
        return;
    // RFC 6186 §6: a target outside the mail domain may come from a forged
    // answer; it is probed but marked, and never proposed.
    bool outside = false;
    auto addSrv = [&](const SrvRecord &r, Security security) {
        const QString host = hostName(r.target);
        const bool foreign = !isInDomain(host, m_result.domain);
        outside = outside || foreign;
        addProbe(host, r.port, security, DiscoveredServer::Source::Srv, foreign);
    };
    for (const SrvRecord &r : orderedSrvRecords(*m_srvSecure))
        addSrv(r, Security::ImplicitTls);
    for (const SrvRecord &r : orderedSrvRecords(*m_srvPlain))
        addSrv(r, Security::StartTls);
    if (m_probes.isEmpty()) {
        probeWellKnownNames();
        return;
    }
    m_result.usedSrv = true;
    // The usual names too, at once: the domain's real server is found even
    // when the SRV answer was forged.
    if (outside)
        addWellKnownNames();
    startProbes();
}

void Discovery::probeWellKnownNames()
{
    m_phaseStart = int(m_probes.size());
    addWellKnownNames();
    if (m_probes.size() == m_phaseStart) {
        finish();
        return;
    }
    startProbes();
}

void Discovery::addWellKnownNames()
{
    m_wellKnownProbed = true;
    // A service the domain declines by SRV is not looked for by name.
    const bool secureOffered = !srvDeclined(*m_srvSecure);
    const bool plainOffered = !srvDeclined(*m_srvPlain);
    const MailService service = m_options.service;
    for (const char *prefix : namesOf(service).prefixes) {
        const QString host = QLatin1String(prefix) + m_result.domain;
        if (secureOffered)
            addProbe(host, defaultPortOf(service, Security::ImplicitTls), Security::ImplicitTls,
                DiscoveredServer::Source::WellKnownName);
        if (plainOffered)
            addProbe(host, defaultPortOf(service, Security::StartTls), Security::StartTls,
                DiscoveredServer::Source::WellKnownName);
    }
}

void Discovery::addProbe(
    const QString &host, quint16 port, Security security, DiscoveredServer::Source source, bool outsideDomain)
{
    if (!isPlausibleHost(host))
        return;
    for (const Probe &p : m_probes) {
        if (p.host == host && p.port == port && p.security == security)
            return;
    }
    Probe p;
    p.host = host;
    p.port = port;
    p.security = security;
    p.source = source;
    p.outsideDomain = outsideDomain;
    p.order = int(m_probes.size());
    m_probes.append(p);
}

void Discovery::startProbes()
{
    for (int i = m_phaseStart; i < m_probes.size(); ++i)
        startProbe(i);
    Q_EMIT progress(probesDone(), int(m_probes.size()));
}

void Discovery::startProbe(int index)
{
    const Probe &p = m_probes[index];
    Q_EMIT probing(p.host, p.port, p.security);
    if (m_options.service == MailService::Submission)
        startSubmissionProbe(index);
    else
        startPop3Probe(index);
}

void Discovery::setUpLink(Net::LinkSettings &settings, const Probe &p) const
{
    settings.host = p.host;
    settings.port = p.port;
    settings.security = p.security;
    settings.proxy = m_options.proxy;
    settings.connectTimeoutMs = m_options.probeTimeoutMs;
    settings.idleTimeoutMs = m_options.probeTimeoutMs;
}

void Discovery::startPop3Probe(int index)
{
    Probe &p = m_probes[index];
    Pop3::ConnectionSettings settings;
    setUpLink(settings, p);
    auto *c = new Pop3::Connection(settings, Net::sslTransportFactory(m_options.dialer), this);
    p.connection = c;
    connect(c, &Pop3::Connection::opened, this, [this, index](const Pop3::ServerInfo &info) {
        DiscoveredServer found;
        found.service = MailService::Pop3;
        found.server = info;
        probeOpened(index, found);
    });
    connect(c, &Pop3::Connection::certificateDecisionNeeded, this,
        [this, index](const Net::CertificateProblem &problem) { certificateSeen(index, problem); });
    connect(c, &Pop3::Connection::failed, this, [this, index](const Error &error) { probeFailed(index, error); });
    armProbeTimer(index, c);
    c->open();
}

void Discovery::startSubmissionProbe(int index)
{
    Probe &p = m_probes[index];
    Smtp::ConnectionSettings settings;
    setUpLink(settings, p);
    auto *c = new Smtp::Connection(settings, Net::sslTransportFactory(m_options.dialer), this);
    p.submissionLink = c;
    connect(c, &Smtp::Connection::opened, this, [this, index](const Smtp::ServerInfo &info) {
        DiscoveredServer found;
        found.service = MailService::Submission;
        found.submission = info;
        probeOpened(index, found);
    });
    connect(c, &Smtp::Connection::certificateDecisionNeeded, this,
        [this, index](const Net::CertificateProblem &problem) { certificateSeen(index, problem); });
    connect(c, &Smtp::Connection::failed, this, [this, index](const Error &error) { probeFailed(index, error); });
    armProbeTimer(index, c);
    c->open();
}

void Discovery::certificateSeen(int index, const Net::CertificateProblem &problem)
{
    // Only the greeting and the capabilities travel over this link, and
    // QUIT; the user decides about the certificate before any login.
    Probe &p = m_probes[index];
    p.problem = problem;
    if (Pop3::Connection *c = p.connection.data())
        c->answerCertificate(Net::CertificateDecision::AcceptOnce);
    if (Smtp::Connection *c = p.submissionLink.data())
        c->answerCertificate(Net::CertificateDecision::AcceptOnce);
}

void Discovery::armProbeTimer(int index, QObject *connection)
{
    // The whole probe, reconnects after a certificate question included.
    Probe &p = m_probes[index];
    p.timer = new QTimer(connection);
    p.timer->setSingleShot(true);
    connect(p.timer, &QTimer::timeout, this, [this, index] {
        probeFailed(index,
            Error(ErrorCode::ConnectTimeout,
                QStringLiteral("no complete answer within %1 ms").arg(m_options.probeTimeoutMs)));
    });
    p.timer->start(m_options.probeTimeoutMs);
}

void Discovery::probeOpened(int index, const DiscoveredServer &found)
{
    Probe &p = m_probes[index];
    if (p.done)
        return;
    DiscoveredServer s = found;
    s.source = p.source;
    s.outsideDomain = p.outsideDomain;
    s.certificateProblem = p.problem;
    m_result.servers.append(s);
    endProbe(index);
}

void Discovery::probeFailed(int index, const Error &error)
{
    Probe &p = m_probes[index];
    if (p.done)
        return;
    DiscoveredServer s;
    s.service = m_options.service;
    if (p.connection) {
        s.server = p.connection->serverInfo();
        s.server.security = Security::None;
    }
    if (p.submissionLink) {
        s.submission = p.submissionLink->serverInfo();
        s.submission.security = Security::None;
    }
    const bool greeted = s.service == MailService::Pop3 ? !s.server.greeting.isEmpty()
                                                        : !s.submission.greeting.isEmpty();
    if (p.security == Security::StartTls && greeted && !s.encrypted()
        && (error.code == ErrorCode::StlsUnavailable || error.code == ErrorCode::StlsFailed)) {
        // A server of the kind looked for, but one that cannot encrypt the link.
        s.source = p.source;
        s.outsideDomain = p.outsideDomain;
        s.insecure = true;
        m_result.servers.append(s);
    } else {
        m_result.failures.append(ProbeFailure { p.host, p.port, p.security, error });
    }
    endProbe(index);
}

void Discovery::endProbe(int index)
{
    Probe &p = m_probes[index];
    p.done = true;
    if (p.timer)
        p.timer->stop();  // it goes with the connection
    // Release the connection once the server has seen QUIT (or at once when
    // the link is gone); never deleted inside its own signal.
    if (Pop3::Connection *c = p.connection.data()) {
        c->disconnect(this);
        connect(c, &Pop3::Connection::quitConfirmed, c, &QObject::deleteLater);
        connect(c, &Pop3::Connection::failed, c, &QObject::deleteLater);
        if (c->isOpen()) {
            c->quit();
        } else {
            c->cancel();
            c->deleteLater();
        }
    }
    if (Smtp::Connection *c = p.submissionLink.data()) {
        c->disconnect(this);
        connect(c, &Smtp::Connection::closed, c, &QObject::deleteLater);
        connect(c, &Smtp::Connection::failed, c, &QObject::deleteLater);
        if (c->isOpen()) {
            c->quit();
        } else {
            c->cancel();
            c->deleteLater();
        }
    }
    if (!active())
        return;
    Q_EMIT progress(probesDone(), int(m_probes.size()));
    for (int i = m_phaseStart; i < m_probes.size(); ++i) {
        if (!m_probes[i].done)
            return;
    }
    QTimer::singleShot(0, this, &Discovery::afterProbes);
}

void Discovery::afterProbes()
{
    if (!active())
        return;
    // Nothing answered at the names the SRV records gave: try the usual ones.
    if (m_result.servers.isEmpty() && !m_wellKnownProbed) {
        probeWellKnownNames();
        return;
    }
    finish();
}

int Discovery::probesDone() const
{
    return int(std::count_if(m_probes.cbegin(), m_probes.cend(), [](const Probe &p) { return p.done; }));
}

void Discovery::stopEverything(const Error &why)
{
    m_lookupTimer.stop();
    delete m_lookupContext;
    m_lookupContext = nullptr;
    for (int i = 0; i < m_probes.size(); ++i) {
        if (!m_probes[i].done && (m_probes[i].connection || m_probes[i].submissionLink))
            probeFailed(i, why);
    }
}

void Discovery::cancel()
{
    if (!active())
        return;
    m_cancelled = true;
    m_deadline.stop();
    stopEverything(Error(ErrorCode::Cancelled));
    QTimer::singleShot(0, this, [this] { finish(Error(ErrorCode::Cancelled)); });
}

void Discovery::finish(Error error)
{
    if (!m_running)
        return;
    m_running = false;
    m_deadline.stop();
    m_lookupTimer.stop();
    delete m_lookupContext;
    m_lookupContext = nullptr;
    if (!m_result.error)
        m_result.error = std::move(error);
    // Probes started after the order recorded: keep the order tried as the
    // last key.
    QHash<QString, int> orderOf;
    for (const Probe &p : m_probes)
        orderOf.insert(p.host + QLatin1Char(':') + QString::number(p.port), p.order);
    std::stable_sort(m_result.servers.begin(), m_result.servers.end(),
        [&orderOf](const DiscoveredServer &a, const DiscoveredServer &b) {
            if (a.insecure != b.insecure)
                return !a.insecure;
            if (a.outsideDomain != b.outsideDomain)
                return !a.outsideDomain;
            if (a.source != b.source)
                return a.source == DiscoveredServer::Source::Srv;
            if (securityRank(a.security()) != securityRank(b.security()))
                return securityRank(a.security()) < securityRank(b.security());
            return orderOf.value(a.host() + QLatin1Char(':') + QString::number(a.port()))
                < orderOf.value(b.host() + QLatin1Char(':') + QString::number(b.port()));
        });
    Q_EMIT finished(m_result);
}

}  // namespace Accounts
