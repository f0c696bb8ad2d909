#include "AccountCommands.h"

#include "CommandLine.h"
#include "ExitCodes.h"
#include "ProbeCommand.h"
#include "StdinPassword.h"
#include "Terminal.h"
#include "accounts/AccountStore.h"
#include "accounts/KeychainCredentialStore.h"
#include "common/ServerText.h"
#include "store/Profile.h"
#include "store/Store.h"
#include "FetchOutput.h"
#include "sync/ConnectionTest.h"
#include "sync/OutgoingTest.h"
#include "sync/PasswordSource.h"
#include "text/ErrorText.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace Poplar::Cli {

namespace {

class AccountText
{
    Q_DECLARE_TR_FUNCTIONS(AccountText)
};

using Accounts::Account;

int usage(const QString &message, const QString &subcommand)
{
    QTextStream(stderr) << message << '\n'
                        << AccountText::tr("See: poplar-cli account %1 --help").arg(subcommand) << '\n';
    return ExitUsage;
}

QString safe(const QString &s)
{
    return Poplar::escapeUntrusted(s.toUtf8());
}

// The options add and edit share.
struct SettingOptions {
    QCommandLineOption email { QStringLiteral("email"), AccountText::tr("The account's email address."),
        QStringLiteral("E") };
    QCommandLineOption displayName { QStringLiteral("display-name"), AccountText::tr("Your name, as shown."),
        QStringLiteral("NAME") };
    QCommandLineOption host { QStringLiteral("host"), AccountText::tr("The POP3 server."), QStringLiteral("H") };
    QCommandLineOption port { QStringLiteral("port"),
        AccountText::tr("The server's port (default: 995 for tls, 110 otherwise)."), QStringLiteral("P") };
    QCommandLineOption security { QStringLiteral("security"),
        AccountText::tr("tls (default), starttls, or none (unencrypted: the password is readable on the way)."),
        QStringLiteral("MODE") };
    QCommandLineOption user { QStringLiteral("user"), AccountText::tr("Login name (default: the email address)."),
        QStringLiteral("U") };
    QCommandLineOption auth { QStringLiteral("auth"),
        AccountText::tr("auto (default: the strongest both sides offer) or a mechanism, e.g. SCRAM-SHA-256."),
        QStringLiteral("MECH") };
    QCommandLineOption caFile { QStringLiteral("ca-file"),
        AccountText::tr("Also trust the CA certificates in this PEM file."), QStringLiteral("F") };
    QCommandLineOption fingerprint { QStringLiteral("fingerprint"),
        AccountText::tr("Trust the server certificate with this SHA-256 fingerprint."), QStringLiteral("SHA256") };
    QCommandLineOption leave { QStringLiteral("leave-on-server"),
        AccountText::tr("yes (default): keep mail on the server; no: delete it right after download."),
        QStringLiteral("yes|no") };
    QCommandLineOption keepDays { QStringLiteral("keep-days"),
        AccountText::tr("Delete on the server N days after the first download (0: no limit)."), QStringLiteral("N") };
    QCommandLineOption keepCount { QStringLiteral("keep-count"),
        AccountText::tr("Keep at most N messages on the server, oldest go first (0: no limit)."), QStringLiteral("N") };
    QCommandLineOption keepMb { QStringLiteral("keep-mb"),
        AccountText::tr("Keep at most N MB on the server, oldest go first (0: no limit)."), QStringLiteral("N") };
    QCommandLineOption deleteLocal { QStringLiteral("delete-when-deleted-locally"),
        AccountText::tr("Delete on the server when deleted here (leaving Trash or deleted permanently).") };
    QCommandLineOption keepLocal { QStringLiteral("no-delete-when-deleted-locally"),
        AccountText::tr("Do not delete on the server because of local deletions.") };
    QCommandLineOption sizeLimit { QStringLiteral("size-limit"),
        AccountText::tr("Store messages over KB as headers and first lines (0: no limit)."), QStringLiteral("KB") };
    QCommandLineOption interval { QStringLiteral("interval"), AccountText::tr("Minutes between fetches (default 10)."),
        QStringLiteral("MIN") };
    QCommandLineOption folder { QStringLiteral("folder"),
        AccountText::tr("Deliver into this folder instead of the account's Inbox (\"Inbox\" to go back)."),
        QStringLiteral("PATH") };
    QCommandLineOption enable { QStringLiteral("enable"), AccountText::tr("Fetch this account.") };
    QCommandLineOption disable { QStringLiteral("disable"), AccountText::tr("Do not fetch this account.") };
    // The outgoing (SMTP submission) server.
    QCommandLineOption smtpHost { QStringLiteral("smtp-host"),
        AccountText::tr("The outgoing (SMTP submission) server (\"\" for none: nothing is sent)."),
        QStringLiteral("H") };
    QCommandLineOption smtpPort { QStringLiteral("smtp-port"),
        AccountText::tr("The outgoing server's port (default: 465 for tls, 587 otherwise)."), QStringLiteral("P") };
    QCommandLineOption smtpSecurity { QStringLiteral("smtp-security"),
        AccountText::tr("tls (default), starttls, or none (unencrypted: the password is readable on the way)."),
        QStringLiteral("MODE") };
    QCommandLineOption smtpUser { QStringLiteral("smtp-user"),
        AccountText::tr("The outgoing server's login name (default: the account's; \"\" to go back to it)."),
        QStringLiteral("U") };
    QCommandLineOption smtpAuth { QStringLiteral("smtp-auth"),
        AccountText::tr("auto (default) or a mechanism for the outgoing server, e.g. SCRAM-SHA-256."),
        QStringLiteral("MECH") };
    QCommandLineOption smtpCaFile { QStringLiteral("smtp-ca-file"),
        AccountText::tr("Also trust the CA certificates in this PEM file for the outgoing server."),
        QStringLiteral("F") };
    QCommandLineOption smtpFingerprint { QStringLiteral("smtp-fingerprint"),
        AccountText::tr("Trust the outgoing server's certificate with this SHA-256 fingerprint."),
        QStringLiteral("SHA256") };

    void addTo(QCommandLineParser &p) const
    {
        p.addOptions({ email, displayName, host, port, security, user, auth, caFile, fingerprint, leave, keepDays,
            keepCount, keepMb, deleteLocal, keepLocal, sizeLimit, interval, folder, enable, disable, smtpHost,
            smtpPort, smtpSecurity, smtpUser, smtpAuth, smtpCaFile, smtpFingerprint });
    }

    // Trust for a server: a CA file or a pinned fingerprint (each clears the
    // other); an error sentence for a bad value.
    static QString applyTrust(const QCommandLineParser &p, const QCommandLineOption &caOption,
        const QCommandLineOption &pinOption, QString *ca, QByteArray *pin)
    {
        if (p.isSet(caOption) && p.isSet(pinOption))
            return AccountText::tr("Give either --%1 or --%2, not both.")
                .arg(caOption.names().first(), pinOption.names().first());
        if (p.isSet(caOption)) {
            const QString path = QFileInfo(p.value(caOption)).absoluteFilePath();
            if (!Accounts::checkCaFile(path))
                return AccountText::tr("No PEM certificate could be read from %1.").arg(p.value(caOption));
            *ca = path;
            pin->clear();
        }
        if (p.isSet(pinOption)) {
            *pin = Net::parseSha256Fingerprint(p.value(pinOption));
            if (pin->isEmpty())
                return AccountText::tr("--%1 must be a SHA-256 fingerprint (64 hex digits, colons allowed).")
                    .arg(pinOption.names().first());
            ca->clear();
        }
        return {};
    }

    // A number option from 0 to `max`; an error sentence for a bad value.
    static QString number(const QCommandLineParser &p, const QCommandLineOption &o, int max, int *out)
    {
        bool ok = false;
        const int v = p.value(o).toInt(&ok);
        if (!ok || v < 0 || v > max)
            return AccountText::tr("--%1 must be a number from 0 to %2.").arg(o.names().first()).arg(max);
        *out = v;
        return {};
    }

    // A server's port and security, if given. Typing "none" is the explicit
    // consent the account records.
    static QString applyEndpoint(const QCommandLineParser &p, const QCommandLineOption &portOption,
        const QCommandLineOption &securityOption, quint16 *port, Net::Security *security, bool *consent)
    {
        if (p.isSet(portOption)) {
            int v = 0;
            if (QString e = number(p, portOption, 65535, &v); !e.isEmpty())
                return e;
            *port = quint16(v);
        }
        if (p.isSet(securityOption)) {
            const auto s = Net::securityFromName(p.value(securityOption));
            if (!s)
                return AccountText::tr("--%1 must be tls, starttls or none.").arg(securityOption.names().first());
            *security = *s;
            *consent = *s == Net::Security::None;
        }
        return {};
    }

    QString applyOutgoing(const QCommandLineParser &p, Accounts::OutgoingServer &s) const
    {
        if (p.isSet(smtpHost))
            s.host = p.value(smtpHost).trimmed();
        if (QString e = applyEndpoint(p, smtpPort, smtpSecurity, &s.port, &s.security, &s.insecureConsent);
            !e.isEmpty())
            return e;
        if (p.isSet(smtpUser))
            s.user = p.value(smtpUser).trimmed();
        if (p.isSet(smtpAuth)) {
            const auto m = Sasl::mechanismFromName(p.value(smtpAuth).toLatin1());
            if (!m || *m == Sasl::Mechanism::UserPass || *m == Sasl::Mechanism::Apop)
                return AccountText::tr("Unknown authentication mechanism for the outgoing server: %1")
                    .arg(p.value(smtpAuth));
            s.auth = *m == Sasl::Mechanism::Auto ? QStringLiteral("auto")
                                                 : QString::fromLatin1(Sasl::mechanismName(*m));
        }
        return applyTrust(p, smtpCaFile, smtpFingerprint, &s.caFile, &s.pinnedSha256);
    }

    // Applies what is set on `a`; returns an error sentence for a bad value.
    QString apply(const QCommandLineParser &p, Account &a, Store::MailStore &store) const
    {
        auto number = [&p](const QCommandLineOption &o, int max, int *out) { return SettingOptions::number(p, o, max, out); };
        if (p.isSet(email))
            a.email = p.value(email).trimmed();
        if (p.isSet(displayName))
            a.displayName = p.value(displayName).trimmed();
        if (p.isSet(host))
            a.host = p.value(host).trimmed();
        if (QString e = applyEndpoint(p, port, security, &a.port, &a.security, &a.insecureConsent); !e.isEmpty())
            return e;
        if (p.isSet(user))
            a.user = p.value(user).trimmed();
        if (p.isSet(auth)) {
            if (!Pop3::mechanismFromName(p.value(auth).toLatin1()))
                return AccountText::tr("Unknown authentication mechanism: %1").arg(p.value(auth));
            a.auth = p.value(auth);
        }
        if (QString e = applyTrust(p, caFile, fingerprint, &a.caFile, &a.pinnedSha256); !e.isEmpty())
            return e;
        if (QString e = applyOutgoing(p, a.smtp); !e.isEmpty())
            return e;
        if (p.isSet(leave)) {
            const QString v = p.value(leave).toLower();
            if (v != QLatin1String("yes") && v != QLatin1String("no"))
                return AccountText::tr("--leave-on-server must be yes or no.");
            a.policy.leaveOnServer = v == QLatin1String("yes");
        }
        if (p.isSet(keepDays))
            if (QString e = number(keepDays, Accounts::Limits::MaxKeepDays, &a.policy.keepDays); !e.isEmpty())
                return e;
        if (p.isSet(keepCount))
            if (QString e = number(keepCount, Accounts::Limits::MaxKeepCount, &a.policy.keepCount); !e.isEmpty())
                return e;
        if (p.isSet(keepMb))
            if (QString e = number(keepMb, Accounts::Limits::MaxKeepMegabytes, &a.policy.keepMegabytes); !e.isEmpty())
                return e;
        if (p.isSet(deleteLocal) && p.isSet(keepLocal))
            return AccountText::tr("Give either --delete-when-deleted-locally or --no-delete-when-deleted-locally.");
        if (p.isSet(deleteLocal))
            a.policy.deleteWhenDeletedLocally = true;
        if (p.isSet(keepLocal))
            a.policy.deleteWhenDeletedLocally = false;
        if (p.isSet(sizeLimit))
            if (QString e = number(sizeLimit, Accounts::Limits::MaxSizeLimitKb, &a.policy.sizeLimitKb); !e.isEmpty())
                return e;
        if (p.isSet(interval)) {
            if (QString e = number(interval, Accounts::Limits::MaxIntervalMinutes, &a.intervalMinutes); !e.isEmpty())
                return e;
        }
        if (p.isSet(folder)) {
            if (p.value(folder) == QLatin1String("Inbox")) {
                a.targetFolderId = 0;
            } else {
                auto f = store.folderByPath(p.value(folder));
                if (!f)
                    return AccountText::tr("No folder %1.").arg(p.value(folder));
                a.targetFolderId = f->id;
            }
        }
        if (p.isSet(enable) && p.isSet(disable))
            return AccountText::tr("Give either --enable or --disable.");
        if (p.isSet(enable))
            a.enabled = true;
        if (p.isSet(disable))
            a.enabled = false;
        return {};
    }
};

struct Command {
    QCommandLineParser parser;
    QCommandLineOption profile = profileOption();
    QCommandLineOption name { QStringLiteral("name"), AccountText::tr("The account's name."), QStringLiteral("N") };
    QString subcommand;

    Command(const QString &sub, const QString &description)
        : subcommand(sub)
    {
        parser.setApplicationDescription(description);
        parser.addHelpOption();
        parser.addPositionalArgument(QStringLiteral("account"), AccountText::tr("The command."));
        parser.addPositionalArgument(sub, AccountText::tr("What to do."));
        parser.addOption(profile);
    }

    int parse(const QStringList &arguments)
    {
        if (!parser.parse(arguments)) {
            QTextStream(stderr) << parser.errorText() << '\n';
            return ExitUsage;
        }
        if (parser.isSet(QStringLiteral("help"))) {
            QTextStream(stdout) << helpText(parser);
            return ExitOk;
        }
        if (parser.positionalArguments().size() != 2)
            return usage(AccountText::tr("Unexpected arguments: %1")
                             .arg(parser.positionalArguments().mid(2).join(QLatin1Char(' '))),
                subcommand);
        return -1;
    }

    std::unique_ptr<Store::MailStore> store;

    // Opens the profile's store: an exit code to stop with, or -1. Only
    // `add` makes a profile that is not there yet.
    int openStore(ProfileUse use = ProfileUse::Existing)
    {
        return openProfile(Store::Profile::resolveDirectory(parser.value(profile)), use, &store);
    }

    // Opens the store and finds the account --name names: an exit code to
    // stop with, or -1.
    int findAccount(Account *account)
    {
        if (!parser.isSet(name))
            return usage(AccountText::tr("--name is required."), subcommand);
        if (int code = openStore(); code >= 0)
            return code;
        auto found = Accounts::AccountStore(*store).byName(parser.value(name));
        if (!found)
            return fail(found.error());
        *account = *found;
        return -1;
    }
};

// The password from stdin (--password-stdin), else asked on the terminal.
// nullopt with `*why` set when neither gave one; an empty one is none.
std::optional<Poplar::Secret> askPassword(bool fromStdin, const Account &a, QString *why)
{
    if (fromStdin) {
        std::optional<Poplar::Secret> secret = readPasswordFromStdin();
        if (!secret)
            *why = noPasswordOnStdinMessage();
        return secret;
    }
    std::optional<Poplar::Secret> secret = promptSecret(AccountText::tr("Password for %1 at %2: ").arg(a.user, a.host));
    if (!secret) {
        *why = AccountText::tr("No terminal to ask for the password; use --password-stdin.");
    } else if (secret->isEmpty()) {
        *why = AccountText::tr("No password was typed.");
        secret.reset();
    }
    return secret;
}

// The outgoing server's own password: the next line of standard input.
std::optional<Poplar::Secret> askSmtpPassword(QString *why)
{
    std::optional<Poplar::Secret> secret = readPasswordFromStdin();
    if (!secret)
        *why = AccountText::tr("No password for the outgoing server on standard input (its line comes after the "
                               "account's password when both are given).");
    return secret;
}

// Saves the password in the keychain; on failure says so (the settings are
// saved) and returns the exit code.
int savePassword(const Account &a, Poplar::Secret secret, bool outgoing = false)
{
    Accounts::KeychainCredentialStore keychain;
    const Poplar::Status st = Accounts::writeBlocking(
        keychain, outgoing ? a.smtpCredentialKey() : a.credentialKey, std::move(secret));
    if (st)
        return ExitOk;
    QTextStream err(stderr);
    err << Poplar::Ui::errorFullText(st.error()) << '\n';
    if (outgoing)
        err << AccountText::tr("The account's settings are saved, but not the outgoing server's password. Run "
                               "\"poplar-cli account edit --name %1 --smtp-password-stdin\" once a keychain is "
                               "available.")
                   .arg(a.name)
            << '\n';
    else
        err << AccountText::tr("The account's settings are saved, but not its password. Give it with each fetch "
                               "(--password-stdin), or run \"poplar-cli account edit --name %1 --password-stdin\" "
                               "once a keychain is available.")
                   .arg(a.name)
            << '\n';
    return exitCodeFor(st.error());
}

QString policyText(const Accounts::Policy &p)
{
    if (!p.leaveOnServer)
        return AccountText::tr("delete from server after download");
    QStringList parts;
    if (p.keepDays)
        parts << AccountText::tr("%n day(s)", nullptr, p.keepDays);
    if (p.keepCount)
        parts << AccountText::tr("%n message(s)", nullptr, p.keepCount);
    if (p.keepMegabytes)
        parts << AccountText::tr("%1 MB").arg(p.keepMegabytes);
    QString text = parts.isEmpty() ? AccountText::tr("keep on server")
                                   : AccountText::tr("keep on server at most %1").arg(parts.join(QStringLiteral(", ")));
    if (p.deleteWhenDeletedLocally)
        text += AccountText::tr("; delete on server when deleted here");
    if (p.sizeLimitKb)
        text += AccountText::tr("; over %1 KB: headers and first lines only").arg(p.sizeLimitKb);
    return text;
}

QJsonValue smtpJson(const Account &a)
{
    if (!a.smtp.isSet())
        return QJsonValue::Null;
    return QJsonObject {
        { QStringLiteral("host"), a.smtp.host },
        { QStringLiteral("port"), int(a.smtp.effectivePort()) },
        { QStringLiteral("security"), Net::securityName(a.smtp.security) },
        { QStringLiteral("user"), a.smtpUser() },
        { QStringLiteral("auth"), a.smtp.auth },
        { QStringLiteral("caFile"), a.smtp.caFile },
        { QStringLiteral("fingerprint"),
            a.smtp.pinnedSha256.isEmpty() ? QString() : Net::formatFingerprint(a.smtp.pinnedSha256) },
        { QStringLiteral("ownPassword"), a.smtp.separateLogin },
    };
}

QJsonObject accountJson(const Account &a, Store::MailStore &store)
{
    QString folder;
    if (a.targetFolderId) {
        if (auto f = store.folder(a.targetFolderId))
            folder = f->path;
    }
    return QJsonObject {
        { QStringLiteral("id"), a.id },
        { QStringLiteral("name"), a.name },
        { QStringLiteral("email"), a.email },
        { QStringLiteral("displayName"), a.displayName },
        { QStringLiteral("host"), a.host },
        { QStringLiteral("port"), int(a.effectivePort()) },
        { QStringLiteral("security"), Net::securityName(a.security) },
        { QStringLiteral("user"), a.user },
        { QStringLiteral("auth"), a.auth },
        { QStringLiteral("caFile"), a.caFile },
        { QStringLiteral("fingerprint"),
            a.pinnedSha256.isEmpty() ? QString() : Net::formatFingerprint(a.pinnedSha256) },
        { QStringLiteral("leaveOnServer"), a.policy.leaveOnServer },
        { QStringLiteral("keepDays"), a.policy.keepDays },
        { QStringLiteral("keepCount"), a.policy.keepCount },
        { QStringLiteral("keepMb"), a.policy.keepMegabytes },
        { QStringLiteral("deleteWhenDeletedLocally"), a.policy.deleteWhenDeletedLocally },
        { QStringLiteral("sizeLimitKb"), a.policy.sizeLimitKb },
        { QStringLiteral("intervalMinutes"), a.intervalMinutes },
        { QStringLiteral("folder"), folder.isEmpty() ? a.name + QStringLiteral("/Inbox") : folder },
        { QStringLiteral("enabled"), a.enabled },
        { QStringLiteral("smtp"), smtpJson(a) },
    };
}

int runAdd(const QStringList &arguments)
{
    Command c(QStringLiteral("add"), AccountText::tr("Adds a POP3 account; its password goes to the system keychain."));
    SettingOptions s;
    const QCommandLineOption stdinOpt(
        QStringLiteral("password-stdin"), AccountText::tr("Read the password from the first line of standard input."));
    const QCommandLineOption smtpStdin(QStringLiteral("smtp-password-stdin"),
        AccountText::tr("The outgoing server has a password of its own: read it from standard input (the line "
                        "after the account's password when --password-stdin is given too)."));
    c.parser.addOption(c.name);
    s.addTo(c.parser);
    c.parser.addOptions({ stdinOpt, smtpStdin });
    if (int code = c.parse(arguments); code >= 0)
        return code;
    for (const QCommandLineOption *required : { &c.name, &s.email, &s.host }) {
        if (!c.parser.isSet(*required))
            return usage(AccountText::tr("--%1 is required.").arg(required->names().first()), c.subcommand);
    }
    if (int code = c.openStore(ProfileUse::CreateIfMissing); code >= 0)
        return code;
    Account a;
    a.name = c.parser.value(c.name).trimmed();
    if (QString bad = s.apply(c.parser, a, *c.store); !bad.isEmpty())
        return usage(bad, c.subcommand);
    if (a.user.isEmpty())
        a.user = a.email;
    std::optional<Poplar::Secret> secret;
    if (c.parser.isSet(stdinOpt)) {
        QString why;
        secret = askPassword(true, a, &why);
        if (!secret)
            return usage(why, c.subcommand);
    } else if (stdinIsTerminal() && !c.parser.isSet(smtpStdin)) {
        // Enter alone adds the account without a password: it is asked for
        // on the first fetch.
        QString why;
        secret = askPassword(false, a, &why);
    }
    std::optional<Poplar::Secret> smtpSecret;
    if (c.parser.isSet(smtpStdin)) {
        if (!a.smtp.isSet())
            return usage(AccountText::tr("--smtp-password-stdin needs an outgoing server (--smtp-host)."), c.subcommand);
        QString why;
        smtpSecret = askSmtpPassword(&why);
        if (!smtpSecret)
            return usage(why, c.subcommand);
    }
    // The outgoing server uses its own password once that is saved (the
    // keychain entry's name comes with the account).
    auto added = Accounts::AccountStore(*c.store).add(a);
    if (!added) {
        return added.error().code == Poplar::ErrorCode::InvalidArgument
            ? usage(AccountText::tr("The account was not added: %1").arg(added.error().detail), c.subcommand)
            : fail(added.error());
    }
    QTextStream out(stdout);
    out << AccountText::tr("Added account %1; its mail goes to %2.")
               .arg(added->name, added->name + QStringLiteral("/Inbox"))
        << '\n';
    if (a.security == Net::Security::None)
        QTextStream(stderr) << AccountText::tr("Warning: this account does not encrypt its connection; the password "
                                               "and your mail can be read on the way.")
                            << '\n';
    if (!added->smtp.isSet())
        out << AccountText::tr("No outgoing server is set up, so nothing can be sent with this account yet "
                               "(--smtp-host).")
            << '\n';
    out.flush();
    int exitCode = ExitOk;
    if (smtpSecret) {
        exitCode = savePassword(*added, std::move(*smtpSecret), true);
        if (exitCode == ExitOk) {
            Account own = *added;
            own.smtp.separateLogin = true;
            if (auto st = Accounts::AccountStore(*c.store).update(own); !st)
                exitCode = fail(st.error());
        }
    }
    if (!secret) {
        out << AccountText::tr("No password was given; Poplar asks for it on the first fetch.") << '\n';
        return exitCode;
    }
    const int code = savePassword(*added, std::move(*secret));
    return exitCode != ExitOk ? exitCode : code;
}

int runEdit(const QStringList &arguments)
{
    Command c(QStringLiteral("edit"), AccountText::tr("Changes an account's settings or password."));
    SettingOptions s;
    const QCommandLineOption rename(
        QStringLiteral("new-name"), AccountText::tr("Rename the account."), QStringLiteral("N"));
    const QCommandLineOption stdinOpt(QStringLiteral("password-stdin"),
        AccountText::tr("Replace the saved password with the first line of standard input."));
    const QCommandLineOption askOpt(QStringLiteral("password"), AccountText::tr("Ask for a new password."));
    const QCommandLineOption smtpStdin(QStringLiteral("smtp-password-stdin"),
        AccountText::tr("Give the outgoing server a password of its own, read from standard input (the line after "
                        "the account's password when --password-stdin is given too)."));
    const QCommandLineOption smtpSame(QStringLiteral("smtp-same-password"),
        AccountText::tr("The outgoing server takes the account's password again (its own is removed)."));
    c.parser.addOptions({ c.name, rename });
    s.addTo(c.parser);
    c.parser.addOptions({ stdinOpt, askOpt, smtpStdin, smtpSame });
    if (int code = c.parse(arguments); code >= 0)
        return code;
    Account found;
    if (int code = c.findAccount(&found); code >= 0)
        return code;
    Account a = found;
    if (c.parser.isSet(rename))
        a.name = c.parser.value(rename).trimmed();
    if (QString bad = s.apply(c.parser, a, *c.store); !bad.isEmpty())
        return usage(bad, c.subcommand);
    std::optional<Poplar::Secret> secret;
    if (c.parser.isSet(stdinOpt) || c.parser.isSet(askOpt)) {
        QString why;
        secret = askPassword(c.parser.isSet(stdinOpt), a, &why);
        if (!secret)
            return usage(why, c.subcommand);
    }
    if (c.parser.isSet(smtpStdin) && c.parser.isSet(smtpSame))
        return usage(AccountText::tr("Give either --smtp-password-stdin or --smtp-same-password."), c.subcommand);
    std::optional<Poplar::Secret> smtpSecret;
    if (c.parser.isSet(smtpStdin)) {
        if (!a.smtp.isSet())
            return usage(AccountText::tr("--smtp-password-stdin needs an outgoing server (--smtp-host)."), c.subcommand);
        QString why;
        smtpSecret = askSmtpPassword(&why);
        if (!smtpSecret)
            return usage(why, c.subcommand);
        // Saved before the account says it has one: a failure changes nothing.
        if (int code = savePassword(a, std::move(*smtpSecret), true); code != ExitOk)
            return code;
        smtpSecret.reset();
        a.smtp.separateLogin = true;
    }
    if (c.parser.isSet(smtpSame))
        a.smtp.separateLogin = false;
    if (!(a == found)) {
        if (auto st = Accounts::AccountStore(*c.store).update(a); !st) {
            return st.error().code == Poplar::ErrorCode::InvalidArgument
                ? usage(AccountText::tr("The account was not changed: %1").arg(st.error().detail), c.subcommand)
                : fail(st.error());
        }
    }
    QTextStream(stdout) << AccountText::tr("Saved account %1.").arg(a.name) << '\n';
    int exitCode = ExitOk;
    if (found.smtp.separateLogin && !a.smtp.separateLogin) {
        Accounts::KeychainCredentialStore keychain;
        if (auto st = Accounts::removeBlocking(keychain, a.smtpCredentialKey());
            !st && st.error().code != Poplar::ErrorCode::CredentialNotStored) {
            QTextStream(stderr) << Poplar::Ui::errorFullText(st.error()) << '\n'
                                << AccountText::tr("The outgoing server's own password may still be in the keychain.")
                                << '\n';
            exitCode = exitCodeFor(st.error());
        }
    }
    if (!secret)
        return exitCode;
    const int code = savePassword(a, std::move(*secret));
    return exitCode != ExitOk ? exitCode : code;
}

int runList(const QStringList &arguments)
{
    Command c(QStringLiteral("list"), AccountText::tr("Lists the accounts (never their passwords)."));
    const QCommandLineOption json(QStringLiteral("json"), AccountText::tr("Print JSON (see README: JSON output)."));
    c.parser.addOption(json);
    if (int code = c.parse(arguments); code >= 0)
        return code;
    if (int code = c.openStore(); code >= 0)
        return code;
    auto all = Accounts::AccountStore(*c.store).list();
    if (!all)
        return fail(all.error());
    QTextStream out(stdout);
    if (c.parser.isSet(json)) {
        QJsonArray array;
        for (const Account &a : *all)
            array.append(accountJson(a, *c.store));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (all->isEmpty()) {
        out << AccountText::tr("No accounts. Add one with \"poplar-cli account add\".") << '\n';
        return ExitOk;
    }
    for (const Account &a : *all) {
        out << safe(a.name) << (a.enabled ? QString() : AccountText::tr(" (disabled)")) << '\n';
        out << "    " << safe(a.email) << ", " << safe(a.user) << '@' << safe(a.host) << ':' << a.effectivePort()
            << " (" << Net::securityName(a.security) << ", " << a.auth << ")\n";
        out << "    " << policyText(a.policy) << "; "
            << AccountText::tr("every %n minute(s)", nullptr, a.intervalMinutes) << '\n';
        if (a.smtp.isSet())
            out << "    " << AccountText::tr("sends via %1").arg(safe(a.smtpUser()) + QLatin1Char('@') + safe(a.smtp.host))
                << ':' << a.smtp.effectivePort() << " (" << Net::securityName(a.smtp.security) << ", " << a.smtp.auth
                << (a.smtp.separateLogin ? AccountText::tr(", own password") : QString()) << ")\n";
        else
            out << "    " << AccountText::tr("no outgoing server") << '\n';
    }
    return ExitOk;
}

int runRemove(const QStringList &arguments)
{
    Command c(QStringLiteral("remove"),
        AccountText::tr("Removes an account and its saved password. Its mail stays, in a local folder."));
    c.parser.addOption(c.name);
    if (int code = c.parse(arguments); code >= 0)
        return code;
    Account found;
    if (int code = c.findAccount(&found); code >= 0)
        return code;
    auto keptAs = Accounts::AccountStore(*c.store).remove(found.id);
    if (!keptAs)
        return fail(keptAs.error());
    QTextStream out(stdout);
    out << AccountText::tr("Removed account %1. Its mail is in %2.").arg(found.name, *keptAs) << '\n';
    out.flush();
    // Both entries, whatever the account said last: one left behind by an
    // earlier failure goes too.
    Accounts::KeychainCredentialStore keychain;
    int exitCode = ExitOk;
    for (const QString &key : { found.credentialKey, found.smtpCredentialKey() }) {
        auto st = Accounts::removeBlocking(keychain, key);
        if (!st && st.error().code != Poplar::ErrorCode::CredentialNotStored && exitCode == ExitOk) {
            QTextStream(stderr) << Poplar::Ui::errorFullText(st.error()) << '\n'
                                << AccountText::tr("Its password may still be in the keychain.") << '\n';
            exitCode = exitCodeFor(st.error());
        }
    }
    return exitCode;
}

// The outgoing server's password for a test: its own (given on stdin, else
// the keychain's) when it has a login of its own, else the account's.
Poplar::Result<Poplar::Secret> outgoingPassword(
    const Account &a, const std::optional<Poplar::Secret> &givenOwn, const std::optional<Poplar::Secret> &given)
{
    if (!a.smtp.separateLogin)
        return givenOrSaved(a, given);
    Accounts::KeychainCredentialStore keychain;
    Accounts::SessionCredentialStore session;
    const QString key = Sync::PasswordSource::keyFor(a, Sync::PasswordSource::Server::Outgoing);
    if (givenOwn)
        (void)Accounts::writeBlocking(session, key, givenOwn->clone());
    Sync::PasswordSource source(keychain, &session);
    return Sync::readBlocking(source, a, Sync::PasswordSource::Server::Outgoing);
}

int testIncoming(const Account &a, const std::optional<Poplar::Secret> &given, QTextStream &out, QTextStream &err)
{
    auto settings = Accounts::connectionSettings(a);
    if (!settings)
        return fail(settings.error());
    Poplar::Result<Poplar::Secret> secret = givenOrSaved(a, given);
    if (!secret)
        return fail(secret.error());
    Sync::ConnectionTest test(*settings, Accounts::credentials(a, std::move(secret).value()));
    QEventLoop loop;
    int exitCode = ExitOk;
    QObject::connect(&test, &Sync::ConnectionTest::certificateQuestion, &loop, [&](const Net::CertificateProblem &p) {
        printCertificateProblem(err, p);
        test.answerCertificate(Net::CertificateDecision::Reject);
    });
    QObject::connect(&test, &Sync::ConnectionTest::loggedIn, &loop, [&](Pop3::Mechanism m) {
        out << AccountText::tr("Logged in to %1 as %2 with %3.")
                   .arg(a.host, safe(a.user), QString::fromLatin1(Pop3::mechanismName(m)))
            << '\n';
    });
    QObject::connect(&test, &Sync::ConnectionTest::finished, &loop, [&](const Sync::ConnectionTestReport &report) {
        if (report.messageCount)
            out << AccountText::tr("The mailbox holds %n message(s)", nullptr, int(*report.messageCount))
                << AccountText::tr(" (%1 octets).").arg(report.mailboxSize.value_or(0)) << '\n';
        if (report.error) {
            err << Poplar::Ui::errorFullText(report.error) << '\n';
            exitCode = exitCodeFor(report.error);
        }
        loop.quit();
    });
    test.start();
    loop.exec();
    out.flush();
    err.flush();
    return exitCode;
}

int testOutgoing(const Account &a, Poplar::Result<Poplar::Secret> secret, QTextStream &out, QTextStream &err)
{
    auto settings = Accounts::smtpConnectionSettings(a);
    if (!settings)
        return fail(settings.error());
    if (!secret)
        return fail(secret.error());
    Sync::OutgoingTest test(*settings, Accounts::smtpCredentials(a, std::move(secret).value()));
    QEventLoop loop;
    int exitCode = ExitOk;
    QObject::connect(&test, &Sync::OutgoingTest::certificateQuestion, &loop, [&](const Net::CertificateProblem &p) {
        printOutgoingCertificateProblem(err, p, a.name);
        test.answerCertificate(Net::CertificateDecision::Reject);
    });
    QObject::connect(&test, &Sync::OutgoingTest::loggedIn, &loop, [&](Sasl::Mechanism m) {
        out << AccountText::tr("Logged in to the outgoing server %1 as %2 with %3.")
                   .arg(a.smtp.host, safe(a.smtpUser()), QString::fromLatin1(Sasl::mechanismName(m)))
            << '\n';
    });
    QObject::connect(&test, &Sync::OutgoingTest::finished, &loop, [&](const Sync::OutgoingTestReport &report) {
        if (report.server && report.server->capabilities.sizeLimit > 0)
            out << AccountText::tr("It takes messages of up to %1.").arg(bytesText(report.server->capabilities.sizeLimit))
                << '\n';
        if (report.error) {
            err << Poplar::Ui::errorFullText(report.error) << '\n';
            exitCode = exitCodeFor(report.error);
        }
        loop.quit();
    });
    test.start();
    loop.exec();
    return exitCode;
}

int runTest(const QStringList &arguments)
{
    Command c(QStringLiteral("test"),
        AccountText::tr("Connects to the account's servers (incoming, and outgoing when it has one) and logs in "
                        "with the saved passwords; changes nothing and sends nothing."));
    const QCommandLineOption stdinOpt(QStringLiteral("password-stdin"),
        AccountText::tr("Use the first line of standard input as the password, for this run only."));
    const QCommandLineOption smtpStdin(QStringLiteral("smtp-password-stdin"),
        AccountText::tr("The outgoing server's own password from standard input (the line after the account's "
                        "with --password-stdin), for this run only."));
    const QCommandLineOption incomingOnly(QStringLiteral("incoming"), AccountText::tr("Test only the POP3 server."));
    const QCommandLineOption outgoingOnly(
        QStringLiteral("outgoing"), AccountText::tr("Test only the outgoing server."));
    c.parser.addOptions({ c.name, stdinOpt, smtpStdin, incomingOnly, outgoingOnly });
    if (int code = c.parse(arguments); code >= 0)
        return code;
    if (c.parser.isSet(incomingOnly) && c.parser.isSet(outgoingOnly))
        return usage(AccountText::tr("Give either --incoming or --outgoing."), c.subcommand);
    Account a;
    if (int code = c.findAccount(&a); code >= 0)
        return code;
    const bool incoming = !c.parser.isSet(outgoingOnly);
    const bool outgoing = !c.parser.isSet(incomingOnly) && (a.smtp.isSet() || c.parser.isSet(outgoingOnly));
    if (c.parser.isSet(outgoingOnly) && !a.smtp.isSet())
        return fail(Poplar::Error(Poplar::ErrorCode::NoOutgoingServer, QStringLiteral("account %1").arg(a.name)));
    std::optional<Poplar::Secret> given;
    if (c.parser.isSet(stdinOpt)) {
        QString why;
        given = askPassword(true, a, &why);
        if (!given)
            return usage(why, c.subcommand);
    }
    std::optional<Poplar::Secret> givenOwn;
    if (c.parser.isSet(smtpStdin)) {
        QString why;
        givenOwn = askSmtpPassword(&why);
        if (!givenOwn)
            return usage(why, c.subcommand);
    }
    QTextStream out(stdout);
    QTextStream err(stderr);
    int exitCode = ExitOk;
    if (incoming)
        exitCode = testIncoming(a, given, out, err);
    if (outgoing) {
        const int code = testOutgoing(a, outgoingPassword(a, givenOwn, given), out, err);
        if (exitCode == ExitOk)
            exitCode = code;
    }
    return exitCode;
}

}  // namespace

int runAccount(const QStringList &commandLine)
{
    // Global options between "account" and what to do go after the latter.
    QStringList arguments = commandLine;
    QString bad;
    const QStringList global = takeGlobalOptions(arguments, 2, &bad);
    if (!bad.isEmpty()) {
        QTextStream(stderr) << bad << '\n';
        return ExitUsage;
    }
    const QString sub = arguments.size() > 2 ? arguments.at(2) : QString();
    if (!sub.isEmpty()) {
        for (qsizetype i = 0; i < global.size(); ++i)
            arguments.insert(3 + i, global.at(i));
    }
    if (sub == QLatin1String("add"))
        return runAdd(arguments);
    if (sub == QLatin1String("edit"))
        return runEdit(arguments);
    if (sub == QLatin1String("list"))
        return runList(arguments);
    if (sub == QLatin1String("remove"))
        return runRemove(arguments);
    if (sub == QLatin1String("test"))
        return runTest(arguments);
    QTextStream(stderr) << AccountText::tr("Usage: poplar-cli account add|edit|list|remove|test [OPTIONS]\n"
                                           "Run 'poplar-cli account add --help' for the options.")
                        << '\n';
    return (sub == QLatin1String("--help") || sub == QLatin1String("-h")) ? ExitOk : ExitUsage;
}

}  // namespace Poplar::Cli
