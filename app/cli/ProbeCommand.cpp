#include "ProbeCommand.h"

#include "CommandLine.h"
#include "ExitCodes.h"
#include "Terminal.h"
#include "common/ServerText.h"
#include "sync/ConnectionTest.h"
#include "text/ErrorText.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QTextStream>

namespace Poplar::Cli {

namespace {

class Probe
{
    Q_DECLARE_TR_FUNCTIONS(Probe)
};

QString yesNo(bool v)
{
    return v ? Probe::tr("yes") : Probe::tr("no");
}

QString dateText(const QDateTime &dt)
{
    return dt.isValid() ? dt.toUTC().toString(Qt::ISODate) : Probe::tr("unknown");
}

// Certificate fields come from the server: escape them like any server text.
QString shown(const QString &untrusted)
{
    return Poplar::escapeUntrusted(untrusted.toUtf8());
}

void printCertificate(QTextStream &out, const Net::CertificateInfo &c)
{
    out << "    " << Probe::tr("Subject:") << ' ' << shown(c.subject) << '\n';
    out << "    " << Probe::tr("Issuer:") << ' ' << shown(c.issuer) << '\n';
    if (!c.subjectAlternativeNames.isEmpty())
        out << "    " << Probe::tr("Names:") << ' ' << shown(c.subjectAlternativeNames.join(QStringLiteral(", ")))
            << '\n';
    out << "    " << Probe::tr("Valid from:") << ' ' << dateText(c.notBefore) << '\n';
    out << "    " << Probe::tr("Valid until:") << ' ' << dateText(c.notAfter) << '\n';
    out << "    " << Probe::tr("SHA-256 fingerprint:") << ' ' << c.fingerprint() << '\n';
}

void printServerInfo(QTextStream &out, const Pop3::ServerInfo &info)
{
    out << Probe::tr("POP3 server at %1, port %2 (%3):")
               .arg(info.host)
               .arg(info.port)
               .arg(info.security == Net::Security::ImplicitTls   ? Probe::tr("TLS")
                       : info.security == Net::Security::StartTls ? Probe::tr("STARTTLS")
                                                                  : Probe::tr("no encryption"))
        << '\n';
    out << "    " << Probe::tr("Greeting:") << ' ' << Poplar::escapeUntrusted(info.greeting) << '\n';
    if (info.tls.encrypted) {
        out << Probe::tr("TLS session:") << '\n';
        out << "    " << Probe::tr("Protocol:") << ' ' << info.tls.protocol << '\n';
        out << "    " << Probe::tr("Cipher:") << ' ' << info.tls.cipher << '\n';
        out << Probe::tr("TLS certificate:") << '\n';
        printCertificate(out, info.tls.peer());
        out << "    " << Probe::tr("Trusted:") << ' '
            << (info.tls.trustedByPin ? Probe::tr("by its pinned fingerprint")
                                      : Probe::tr("by the certificate authorities"))
            << '\n';
    } else {
        out << Probe::tr("TLS session:") << ' ' << Probe::tr("none (the connection is not encrypted)") << '\n';
    }
    const Pop3::Capabilities &c = info.capabilities;
    out << Probe::tr("Capabilities:") << '\n';
    if (!c.capaSupported) {
        out << "    " << Probe::tr("The server does not answer CAPA; RFC 1939 defaults apply.") << '\n';
    } else {
        out << "    PIPELINING: " << yesNo(c.pipelining) << '\n';
        out << "    UIDL: " << yesNo(c.uidl) << '\n';
        out << "    TOP: " << yesNo(c.top) << '\n';
        out << "    USER: " << yesNo(c.user) << '\n';
        out << "    STLS: " << yesNo(c.stls) << '\n';
        out << "    RESP-CODES: " << yesNo(c.respCodes) << '\n';
        out << "    AUTH-RESP-CODE: " << yesNo(c.authRespCode) << '\n';
        out << "    UTF8: " << yesNo(c.utf8);
        if (!c.utf8Arguments.isEmpty())
            out << " (" << Poplar::escapeUntrusted(c.utf8Arguments.join(' ')) << ')';
        out << '\n';
        out << "    SASL: "
            << (c.saslMechanisms.isEmpty() ? Probe::tr("none") : Poplar::escapeUntrusted(c.saslMechanisms.join(' ')))
            << '\n';
        out << "    LOGIN-DELAY: ";
        if (c.loginDelaySeconds)
            out << Probe::tr("%n second(s)", nullptr, *c.loginDelaySeconds)
                << (c.loginDelayPerUser ? Probe::tr(" (may vary per user)") : QString());
        else
            out << Probe::tr("not announced");
        out << '\n';
        out << "    EXPIRE: ";
        switch (c.expire) {
        case Pop3::Capabilities::Expire::Unspecified: out << Probe::tr("not announced"); break;
        case Pop3::Capabilities::Expire::Never: out << Probe::tr("never"); break;
        case Pop3::Capabilities::Expire::Days:
            out << (c.expireDays == 0 ? Probe::tr("messages are deleted once downloaded")
                                      : Probe::tr("%n day(s)", nullptr, c.expireDays));
            break;
        }
        if (c.expirePerUser)
            out << Probe::tr(" (may vary per user)");
        out << '\n';
        if (!c.implementation.isEmpty())
            out << "    IMPLEMENTATION: " << Poplar::escapeUntrusted(c.implementation) << '\n';
        static const QList<QByteArray> known = { "PIPELINING", "UIDL", "TOP", "USER", "STLS", "RESP-CODES",
            "AUTH-RESP-CODE", "UTF8", "SASL", "LOGIN-DELAY", "EXPIRE", "IMPLEMENTATION" };
        for (const QByteArray &line : c.lines) {
            const QByteArray keyword = line.split(' ').first().toUpper();
            if (!known.contains(keyword))
                out << "    " << Probe::tr("Other:") << ' ' << Poplar::escapeUntrusted(line) << '\n';
        }
    }
    out << "    APOP: " << (info.apopTimestamp.isEmpty() ? Probe::tr("not offered") : Probe::tr("offered")) << '\n';
}

void printProblem(QTextStream &err, const Net::CertificateProblem &p, bool advice = true)
{
    if (p.kind == Net::CertificateProblem::Kind::Changed)
        err << Probe::tr("WARNING: the server's certificate has CHANGED since it was trusted.") << '\n';
    else
        err << Probe::tr("The server's certificate is not trusted:") << '\n';
    for (const QString &e : p.errors)
        err << "    - " << e << '\n';
    if (!p.chain.isEmpty())
        printCertificate(err, p.chain.first());
    if (p.kind == Net::CertificateProblem::Kind::Changed)
        err << "    " << Probe::tr("Trusted fingerprint:") << ' ' << Net::formatFingerprint(p.pinnedSha256) << '\n';
    if (!advice)
        return;
    err << Probe::tr("If you have checked this fingerprint with your provider, run again with --fingerprint %1")
               .arg(Net::formatFingerprint(p.sha256))
        << '\n';
}

}  // namespace

void printCertificateProblem(QTextStream &err, const Net::CertificateProblem &problem)
{
    printProblem(err, problem);
}

void printOutgoingCertificateProblem(
    QTextStream &err, const Net::CertificateProblem &problem, const QString &accountName)
{
    printProblem(err, problem, false);
    err << Probe::tr("If you have checked this fingerprint with your provider, trust it with \"poplar-cli account "
                     "edit --name %1 --smtp-fingerprint %2\".")
               .arg(Poplar::escapeUntrusted(accountName.toUtf8()), Net::formatFingerprint(problem.sha256))
        << '\n';
}

int runProbe(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(Probe::tr("Shows what a POP3 server offers and, with --user, tests a login."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("probe"), Probe::tr("The command."));
    const QCommandLineOption hostOpt(
        QStringLiteral("host"), Probe::tr("Server host name or address."), QStringLiteral("H"));
    const QCommandLineOption portOpt(
        QStringLiteral("port"), Probe::tr("Server port (default: 995 for tls, 110 otherwise)."), QStringLiteral("P"));
    const QCommandLineOption secOpt(QStringLiteral("security"), Probe::tr("tls (default), starttls or none."),
        QStringLiteral("MODE"), QStringLiteral("tls"));
    const QCommandLineOption caOpt(
        QStringLiteral("ca-file"), Probe::tr("Also trust the CA certificates in this PEM file."), QStringLiteral("F"));
    const QCommandLineOption fpOpt(QStringLiteral("fingerprint"),
        Probe::tr("Trust the server certificate with this SHA-256 fingerprint."), QStringLiteral("SHA256"));
    const QCommandLineOption userOpt(QStringLiteral("user"), Probe::tr("Log in as this user."), QStringLiteral("U"));
    const QCommandLineOption stdinOpt(
        QStringLiteral("password-stdin"), Probe::tr("Read the password from the first line of standard input."));
    const QCommandLineOption authOpt(QStringLiteral("auth"),
        Probe::tr("Authentication mechanism: auto (default) or e.g. SCRAM-SHA-256, PLAIN, USER."),
        QStringLiteral("MECH"), QStringLiteral("auto"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"),
        Probe::tr("Seconds to wait for the server (default 30)."), QStringLiteral("S"), QStringLiteral("30"));
    const QCommandLineOption insecureOpt(QStringLiteral("allow-unencrypted-login"),
        Probe::tr("With --security none and --user: log in although the connection is not encrypted (the password, "
                  "or what is derived from it, can be read on the way)."));
    // Accepted like every command's global option; probe uses no profile.
    QCommandLineOption profileOpt = profileOption();
    profileOpt.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions(
        { hostOpt, portOpt, secOpt, caOpt, fpOpt, userOpt, stdinOpt, authOpt, timeoutOpt, insecureOpt, profileOpt });
    if (!parser.parse(arguments)) {
        err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << helpText(parser);
        return ExitOk;
    }
    auto usage = [&](const QString &message) {
        err << message << '\n' << Probe::tr("See: poplar-cli probe --help") << '\n';
        return ExitUsage;
    };

    Pop3::ConnectionSettings settings;
    settings.host = parser.value(hostOpt).trimmed();
    if (settings.host.isEmpty())
        return usage(Probe::tr("--host is required."));
    const std::optional<Net::Security> security = Net::securityFromName(parser.value(secOpt));
    if (!security)
        return usage(Probe::tr("--security must be tls, starttls or none."));
    settings.security = *security;
    if (parser.isSet(portOpt)) {
        bool ok = false;
        const uint port = parser.value(portOpt).toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return usage(Probe::tr("--port must be a number from 1 to 65535."));
        settings.port = static_cast<quint16>(port);
    }
    bool timeoutOk = false;
    const int timeout = parser.value(timeoutOpt).toInt(&timeoutOk);
    if (!timeoutOk || timeout < 1 || timeout > 3600)
        return usage(Probe::tr("--timeout must be a number of seconds from 1 to 3600."));
    settings.connectTimeoutMs = timeout * 1000;
    settings.idleTimeoutMs = timeout * 1000;
    if (parser.isSet(caOpt)) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(parser.value(caOpt), QSsl::Pem);
        if (cas.isEmpty())
            return usage(Probe::tr("No PEM certificate could be read from %1.").arg(parser.value(caOpt)));
        settings.caCertificates = cas;
    }
    if (parser.isSet(fpOpt)) {
        settings.pinnedSha256 = Net::parseSha256Fingerprint(parser.value(fpOpt));
        if (settings.pinnedSha256.isEmpty())
            return usage(Probe::tr("--fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed)."));
    }
    const std::optional<Pop3::Mechanism> mechanism = Pop3::mechanismFromName(parser.value(authOpt).toLatin1());
    if (!mechanism)
        return usage(Probe::tr("Unknown authentication mechanism: %1").arg(parser.value(authOpt)));
    if (parser.isSet(stdinOpt) && !parser.isSet(userOpt))
        return usage(Probe::tr("--password-stdin needs --user."));
    // Logging in without encryption is an explicit choice, as for an
    // account: asked for before any password is read or sent.
    const bool unencrypted = settings.security == Net::Security::None;
    if (parser.isSet(insecureOpt) && !(unencrypted && parser.isSet(userOpt)))
        return usage(Probe::tr("--allow-unencrypted-login goes with --security none and --user."));
    if (unencrypted && parser.isSet(userOpt) && !parser.isSet(insecureOpt))
        return usage(Probe::tr("With --security none the connection is not encrypted: the password, or what is "
                               "derived from it, could be read on the way. Nothing was sent. To log in anyway, add "
                               "--allow-unencrypted-login; or use --security tls or starttls."));

    std::optional<Pop3::Credentials> credentials;
    if (parser.isSet(userOpt)) {
        Pop3::Credentials c;
        c.user = parser.value(userOpt);
        c.mechanism = *mechanism;
        c.allowInsecure = unencrypted && parser.isSet(insecureOpt);
        std::optional<Poplar::Secret> secret;
        if (parser.isSet(stdinOpt)) {
            secret = readPasswordFromStdin();
            if (!secret)
                return usage(noPasswordOnStdinMessage());
        } else {
            secret = promptSecret(Probe::tr("Password for %1@%2: ").arg(c.user, settings.host));
            if (!secret)
                return usage(Probe::tr("No terminal to ask for the password; use --password-stdin."));
            if (secret->isEmpty())
                return usage(Probe::tr("No password was typed, so none was sent."));
        }
        c.secret = std::move(*secret);
        credentials = std::move(c);
    }

    const QString user = credentials ? credentials->user : QString();
    Sync::ConnectionTest test(settings, std::move(credentials));
    QEventLoop loop;
    int exitCode = ExitOk;
    QObject::connect(&test, &Sync::ConnectionTest::serverOpened, &loop, [&](const Pop3::ServerInfo &info) {
        printServerInfo(out, info);
        out.flush();
    });
    QObject::connect(
        &test, &Sync::ConnectionTest::certificateQuestion, &loop, [&](const Net::CertificateProblem &problem) {
            out.flush();
            printProblem(err, problem);
            test.answerCertificate(Net::CertificateDecision::Reject);
        });
    QObject::connect(&test, &Sync::ConnectionTest::loggedIn, &loop, [&](Pop3::Mechanism m) {
        out << Probe::tr("Login:") << '\n';
        out << "    " << Probe::tr("Authenticated as %1 with %2").arg(user, QString::fromLatin1(Pop3::mechanismName(m)))
            << '\n';
    });
    QObject::connect(&test, &Sync::ConnectionTest::finished, &loop, [&](const Sync::ConnectionTestReport &report) {
        if (report.messageCount)
            out << "    " << Probe::tr("Mailbox: %n message(s)", nullptr, static_cast<int>(*report.messageCount))
                << ", " << Probe::tr("%1 octets").arg(report.mailboxSize.value_or(0)) << '\n';
        if (report.error) {
            out.flush();
            err << Poplar::Ui::errorFullText(report.error) << '\n';
            exitCode = exitCodeFor(report.error);
        }
        loop.quit();
    });
    test.start();
    loop.exec();
    out.flush();
    return exitCode;
}

}  // namespace Poplar::Cli
