#pragma once

#include "common/Error.h"
#include "pop3/Pop3Connection.h"
#include "smtp/SmtpConnection.h"
#include "net/TlsTypes.h"
#include "net/Transport.h"

#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace Accounts {

// One SRV record (RFC 2782) as a lookup returned it.
struct SrvRecord {
    QString target;  // "." (or empty): the service is decidedly not offered
    quint16 port = 0;
    quint16 priority = 0;
    quint16 weight = 0;
};

// Looks up the SRV records of `name` ("_pop3s._tcp.example.org") and calls
// `done` once, later, on the event loop (an empty list when there are none
// or the lookup failed) — never after `context` is destroyed.
using SrvDone = std::function<void(const QList<SrvRecord> &records)>;
using SrvLookup = std::function<void(const QString &name, QObject *context, SrvDone done)>;
// The system resolver through QDnsLookup.
[[nodiscard]] SrvLookup dnsSrvLookup();

// The records of one service in the order to try them: by priority, then
// heavier weight first; records pointing at "." are dropped.
[[nodiscard]] QList<SrvRecord> orderedSrvRecords(QList<SrvRecord> records);
// Whether the records say the service is not offered (RFC 2782: a single
// record whose target is ".").
[[nodiscard]] bool srvDeclined(const QList<SrvRecord> &records);

// Whether `host` is `domain` itself or a name under it: "pop.example.org"
// and "example.org" are in "example.org", "example.org.evil.test" and
// "badexample.org" are not. Case, a final dot and IDN spelling (Unicode or
// ACE) do not matter.
[[nodiscard]] bool isInDomain(const QString &host, const QString &domain);

// Which server of a domain a discovery looks for.
enum class MailService {
    Pop3,        // incoming: _pop3s/_pop3 SRV, pop./pop3./mail., 995/110
    Submission,  // outgoing: _submissions/_submission SRV, smtp./mail., 465/587
};

// A server that answered a probe.
struct DiscoveredServer {
    enum class Source {
        Srv,            // named by the domain's SRV records (RFC 6186)
        WellKnownName,  // pop., pop3., mail.<domain> (submission: smtp., mail.<domain>)
    };
    MailService service = MailService::Pop3;
    // POP3: host, port, the security that works, the greeting, the
    // capabilities (read again after STLS) and the TLS session.
    Pop3::ServerInfo server;
    // Submission: the same, with the EHLO capabilities (SIZE, AUTH, ...).
    Smtp::ServerInfo submission;
    Source source = Source::WellKnownName;
    // Plaintext only: the server offers no STLS. The password would cross
    // the network readable; never chosen by default.
    bool insecure = false;
    // Named by an SRV record whose target lies outside the mail domain. A
    // forged DNS answer can name any host, and TLS then proves only that
    // host's own name, not that it serves the domain (RFC 6186 §6): never
    // chosen by default; the user must pick it knowingly.
    bool outsideDomain = false;
    // The certificate the system does not trust, if so. The probe read the
    // greeting and CAPA over that link and sent nothing else; the login
    // must ask the user first.
    std::optional<Net::CertificateProblem> certificateProblem;

    // Of whichever server this is.
    [[nodiscard]] QString host() const { return service == MailService::Pop3 ? server.host : submission.host; }
    [[nodiscard]] quint16 port() const { return service == MailService::Pop3 ? server.port : submission.port; }
    [[nodiscard]] Net::Security security() const
    {
        return service == MailService::Pop3 ? server.security : submission.security;
    }
    [[nodiscard]] bool encrypted() const
    {
        return service == MailService::Pop3 ? server.tls.encrypted : submission.tls.encrypted;
    }
};

// A probe that found no usable server.
struct ProbeFailure {
    QString host;
    quint16 port = 0;
    Net::Security security = Net::Security::ImplicitTls;
    Poplar::Error error;
};

struct DiscoveryResult {
    QString domain;
    Poplar::Error error;  // InvalidArgument: not an email address; Cancelled
    // Best first: not insecure before insecure, inside the mail domain
    // before outside it, SRV before well-known names, implicit TLS before
    // STARTTLS, then the order tried.
    QList<DiscoveredServer> servers;
    QList<ProbeFailure> failures;
    bool usedSrv = false;   // SRV records named the servers probed first
    bool timedOut = false;  // the overall deadline ended some probes

    // The server to propose: the first that is neither insecure nor
    // outside the mail domain, or nothing.
    [[nodiscard]] std::optional<DiscoveredServer> recommended() const;
};

// Finds the POP3 server of an email address's domain: RFC 6186 SRV records
// (_pop3s._tcp, then _pop3._tcp), else the well-known names pop., pop3.
// and mail.<domain> on 995 (implicit TLS) and 110 (STLS). When an SRV
// record names a host outside the domain, the well-known names are probed
// as well, so that a forged answer cannot hide the real server. Every candidate
// is probed at once: connect, greeting, CAPA, STLS where needed and CAPA
// again, then QUIT. A probe never sends a user name, a password or AUTH.
// With Options::service Submission it finds the outgoing server the same
// way: _submissions._tcp (465, implicit TLS, RFC 8314) and _submission._tcp
// (587, STARTTLS), else smtp. and mail.<domain>; the probe is greeting,
// EHLO, STARTTLS where needed and EHLO again, then QUIT.
//
// start() answers with finished() exactly once, on the event loop (never
// from inside start() or cancel()).
class Discovery : public QObject
{
    Q_OBJECT
public:
    struct Options {
        MailService service = MailService::Pop3;
        SrvLookup srvLookup;          // default: dnsSrvLookup()
        Net::Dialer dialer;          // where host:port is dialled; default: itself
        int lookupTimeoutMs = 5'000;  // SRV answers after this are ignored
        int probeTimeoutMs = 10'000;  // each probe, from connect to CAPA
        int deadlineMs = 30'000;      // the whole discovery
        QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
    };

    explicit Discovery(QObject *parent = nullptr);
    explicit Discovery(Options options, QObject *parent = nullptr);
    ~Discovery() override;

    // Starts for `email` ("bob@example.org"). A discovery runs once.
    void start(const QString &email);
    // Stops every probe; finished() follows with error Cancelled and what
    // was found so far.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] const Options &options() const { return m_options; }

Q_SIGNALS:
    // The SRV lookups are running.
    void lookingUp(const QString &domain);
    // A probe began.
    void probing(const QString &host, quint16 port, Net::Security security);
    // Probes finished of those started so far.
    void progress(int done, int total);
    void finished(const Accounts::DiscoveryResult &result);

private:
    struct Probe {
        QString host;
        quint16 port = 0;
        Net::Security security = Net::Security::ImplicitTls;
        DiscoveredServer::Source source = DiscoveredServer::Source::WellKnownName;
        bool outsideDomain = false;
        int order = 0;
        QPointer<Pop3::Connection> connection;         // POP3
        QPointer<Smtp::Connection> submissionLink;     // submission
        std::optional<Net::CertificateProblem> problem;
        QTimer *timer = nullptr;
        bool done = false;
    };

    void onSrvAnswer(bool secure, const QList<SrvRecord> &records);
    void afterLookups();
    void probeWellKnownNames();
    void addWellKnownNames();
    void addProbe(const QString &host, quint16 port, Net::Security security, DiscoveredServer::Source source,
        bool outsideDomain = false);
    void startProbes();
    void startProbe(int index);
    // Where a probe connects, and how long it may take.
    void setUpLink(Net::LinkSettings &settings, const Probe &p) const;
    void startPop3Probe(int index);
    void startSubmissionProbe(int index);
    void certificateSeen(int index, const Net::CertificateProblem &problem);
    void armProbeTimer(int index, QObject *connection);
    void probeOpened(int index, const DiscoveredServer &found);
    void probeFailed(int index, const Poplar::Error &error);
    void endProbe(int index);
    void afterProbes();
    void finish(Poplar::Error error = {});
    void stopEverything(const Poplar::Error &why);
    [[nodiscard]] int probesDone() const;
    [[nodiscard]] bool active() const { return m_running && !m_cancelled; }

    Options m_options;
    DiscoveryResult m_result;
    QList<Probe> m_probes;
    int m_phaseStart = 0;  // the first probe of the running phase
    std::optional<QList<SrvRecord>> m_srvSecure;
    std::optional<QList<SrvRecord>> m_srvPlain;
    QObject *m_lookupContext = nullptr;
    QTimer m_lookupTimer;
    QTimer m_deadline;
    bool m_running = false;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_wellKnownProbed = false;
};

}  // namespace Accounts

Q_DECLARE_METATYPE(Accounts::DiscoveryResult)
