#include "FetchCommand.h"

#include "CommandLine.h"
#include "ExitCodes.h"
#include "ProbeCommand.h"
#include "Terminal.h"
#include "accounts/AccountStore.h"
#include "accounts/KeychainCredentialStore.h"
#include "common/ServerText.h"
#include "pop3/Sasl.h"
#include "store/Profile.h"
#include "store/Store.h"
#include "sync/FetchJob.h"
#include "sync/FetchLauncher.h"
#include "sync/RemoteMessageJob.h"
#include "sync/Scheduler.h"
#include "text/ErrorText.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Poplar::Cli {

namespace {

class FetchText
{
    Q_DECLARE_TR_FUNCTIONS(FetchText)
};

using Accounts::Account;

QString safe(const QString &s)
{
    return Poplar::escapeUntrusted(s.toUtf8());
}

QString safeKey(const QByteArray &key)
{
    return Poplar::escapeUntrusted(key);
}

QString bytesText(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeSIFormat);
}

QString reasonText(const Sync::Deletion &d, const Accounts::Policy &p)
{
    switch (d.reason) {
    case Sync::DeleteReason::AfterDownload: return FetchText::tr("the account deletes mail once it is downloaded");
    case Sync::DeleteReason::DeletedLocally: return FetchText::tr("it was deleted here");
    case Sync::DeleteReason::KeepDays:
        return FetchText::tr("first downloaded more than %n day(s) ago", nullptr, p.keepDays);
    case Sync::DeleteReason::KeepCount:
        return FetchText::tr("the server keeps only the newest %n message(s)", nullptr, p.keepCount);
    case Sync::DeleteReason::KeepSize: return FetchText::tr("the server keeps at most %1 MB").arg(p.keepMegabytes);
    }
    return {};
}

QJsonObject errorJson(const Poplar::Error &e)
{
    return QJsonObject {
        { QStringLiteral("code"), Poplar::errorCodeName(e.code) },
        { QStringLiteral("responseCode"), e.responseCode },
        { QStringLiteral("serverText"), e.serverText.escaped() },
        { QStringLiteral("message"), Poplar::Ui::errorMessage(e) },
    };
}

QJsonObject reportJson(const Account &a, const Sync::FetchReport &r)
{
    QJsonObject o {
        { QStringLiteral("account"), a.name },
        { QStringLiteral("ok"), !r.error.isError() },
        { QStringLiteral("stored"), r.stored },
        { QStringLiteral("storedPartial"), r.storedPartial },
        { QStringLiteral("alreadyStored"), r.alreadyStored },
        { QStringLiteral("deletedOnServer"), r.deletedOnServer },
        { QStringLiteral("deletionsUnknown"), r.deletionsUnknown },
        { QStringLiteral("uidlChangeMatched"), r.matchedAfterUidlChange },
        { QStringLiteral("partlyDone"), r.partlyDone() },
    };
    if (r.error.isError())
        o.insert(QStringLiteral("error"), errorJson(r.error));
    if (r.retryNotBefore.isValid())
        o.insert(QStringLiteral("retryNotBefore"), r.retryNotBefore.toUTC().toString(Qt::ISODate));
    QJsonArray warnings;
    for (Sync::Warning w : r.warnings) {
        if (w == Sync::Warning::ServerExpiresSooner)
            warnings.append(QStringLiteral("server-expires-sooner"));
    }
    o.insert(QStringLiteral("warnings"), warnings);
    if (r.expireDays)
        o.insert(QStringLiteral("serverExpireDays"), *r.expireDays);
    // Each message's error, with its number.
    auto messageErrorsJson = [](const QList<std::pair<quint32, Poplar::Error>> &errors) {
        QJsonArray out;
        for (const auto &[number, error] : errors) {
            QJsonObject f = errorJson(error);
            f.insert(QStringLiteral("number"), qint64(number));
            out.append(f);
        }
        return out;
    };
    o.insert(QStringLiteral("messageErrors"), messageErrorsJson(r.messageErrors));
    o.insert(QStringLiteral("deleteErrors"), messageErrorsJson(r.deleteErrors));
    QJsonArray troublesome;
    for (const Sync::FetchReport::Troublesome &t : r.troublesome) {
        QJsonObject j { { QStringLiteral("number"), qint64(t.number) }, { QStringLiteral("size"), qint64(t.size) },
            { QStringLiteral("subject"), safe(t.subject) }, { QStringLiteral("failures"), t.failures },
            { QStringLiteral("tried"), t.tried } };
        if (t.error.isError())
            j.insert(QStringLiteral("error"), errorJson(t.error));
        troublesome.append(j);
    }
    o.insert(QStringLiteral("troublesome"), troublesome);
    QJsonArray mismatches;
    for (quint32 n : r.sizeMismatches)
        mismatches.append(qint64(n));
    o.insert(QStringLiteral("sizeMismatches"), mismatches);
    o.insert(QStringLiteral("uidlRefused"), r.uidlRefused);
    if (!r.listingProblems.isEmpty()) {
        QJsonArray skipped;
        for (quint32 n : r.listingProblems.skipped)
            skipped.append(qint64(n));
        QJsonArray lines;
        for (const Pop3::ListingProblem &p : r.listingProblems.first)
            lines.append(QJsonObject {
                { QStringLiteral("message"), qint64(p.message) }, { QStringLiteral("line"), p.line.escaped() } });
        o.insert(QStringLiteral("listingProblems"),
            QJsonObject { { QStringLiteral("count"), qint64(r.listingProblems.count) },
                { QStringLiteral("skipped"), skipped },
                { QStringLiteral("withoutUidl"), qint64(r.listingProblems.withoutUid) },
                { QStringLiteral("first"), lines } });
    }
    if (r.failedDuring)
        o.insert(QStringLiteral("failedDuring"),
            QJsonObject { { QStringLiteral("number"), qint64(r.failedDuring->first) },
                { QStringLiteral("size"), qint64(r.failedDuring->second) } });
    if (r.plan) {
        const Sync::Plan &p = *r.plan;
        QJsonArray downloads;
        for (const Sync::Download &d : p.downloads)
            downloads.append(QJsonObject { { QStringLiteral("number"), qint64(d.number) },
                { QStringLiteral("uidl"), safeKey(d.key) }, { QStringLiteral("size"), qint64(d.size) },
                { QStringLiteral("partial"), d.partial } });
        QJsonArray deletions;
        for (const Sync::Deletion &d : p.deletions)
            deletions.append(QJsonObject { { QStringLiteral("number"), qint64(d.number) },
                { QStringLiteral("uidl"), safeKey(d.key) }, { QStringLiteral("size"), qint64(d.size) },
                { QStringLiteral("reason"), Sync::deleteReasonName(d.reason) },
                { QStringLiteral("afterDownload"), d.awaitsDownload } });
        o.insert(QStringLiteral("plan"),
            QJsonObject { { QStringLiteral("downloads"), downloads }, { QStringLiteral("deletions"), deletions },
                { QStringLiteral("downloadBytes"), qint64(p.downloadBytes) },
                { QStringLiteral("alreadyStored"), p.alreadyStored },
                { QStringLiteral("heldAsPartial"), p.heldAsPartial },
                { QStringLiteral("heldForDuplicateUidls"), p.heldForDuplicateKeys },
                { QStringLiteral("heldForSizeMismatch"), p.heldForSizeMismatch },
                { QStringLiteral("heldWithoutUidl"), p.heldWithoutUidl } });
    }
    return o;
}

void printPlan(QTextStream &out, const Account &a, const Sync::Plan &p)
{
    out << FetchText::tr("%1: the next fetch would download %n message(s)", nullptr, int(p.downloads.size()))
               .arg(safe(a.name))
        << FetchText::tr(" (%1) and delete %n on the server.", nullptr, int(p.deletions.size()))
               .arg(bytesText(p.downloadBytes))
        << '\n';
    for (const Sync::Download &d : p.downloads) {
        out << "  " << FetchText::tr("download #%1 (%2, UIDL %3)").arg(d.number).arg(bytesText(d.size), safeKey(d.key));
        if (d.partial)
            out << FetchText::tr(": over the size limit, headers and first lines only");
        out << '\n';
    }
    for (const Sync::Deletion &d : p.deletions) {
        out << "  "
            << FetchText::tr("delete #%1 on the server (UIDL %2): %3")
                   .arg(d.number)
                   .arg(safeKey(d.key), reasonText(d, a.policy));
        if (d.awaitsDownload)
            out << FetchText::tr(", once stored here");
        out << '\n';
    }
    if (p.heldAsPartial)
        out << "  "
            << FetchText::tr("%n message(s) stay on the server because only part of them is stored here.", nullptr,
                   p.heldAsPartial)
            << '\n';
    if (p.heldForDuplicateKeys)
        out << "  "
            << FetchText::tr("%n message(s) stay on the server because it gives several messages the same UIDL.",
                   nullptr, p.heldForDuplicateKeys)
            << '\n';
    if (p.heldForSizeMismatch)
        out << "  "
            << FetchText::tr("%n message(s) stay on the server because what arrived differed in size from what the "
                             "server announced.",
                   nullptr, p.heldForSizeMismatch)
            << '\n';
    if (p.heldWithoutUidl)
        out << "  "
            << FetchText::tr(
                   "%n message(s) stay on the server because it lists them without a UIDL.", nullptr, p.heldWithoutUidl)
            << '\n';
}

// When LOGIN-DELAY allows the next login, and (to a command run once) how
// to log in anyway.
void printLoginDelay(QTextStream &err, const QString &account, const QDateTime &notBefore, bool oneShot)
{
    const QString when = QLocale().toString(notBefore.toLocalTime(), QLocale::ShortFormat);
    if (oneShot)
        err << FetchText::tr("%1: the server allows the next login at %2; --ignore-login-delay logs in now.")
                   .arg(account, when);
    else
        err << FetchText::tr("%1: the server allows the next login at %2.").arg(account, when);
    err << '\n';
}

// `oneShot`: a command run once (fetch), not watch, whose scheduler tries again.
void printResult(QTextStream &out, QTextStream &err, const Account &a, const Sync::FetchReport &r, bool oneShot)
{
    if (r.keys == Sync::KeySource::Fallback && !r.error.isError())
        err << FetchText::tr("%1: the server has no UIDL; messages are matched by Message-ID, size and date.")
                   .arg(safe(a.name))
            << '\n';
    for (Sync::Warning w : r.warnings) {
        if (w == Sync::Warning::ServerExpiresSooner && r.expireDays)
            err << FetchText::tr("%1: warning: the server deletes mail after %n day(s), sooner than this account "
                                 "keeps it there.",
                nullptr, *r.expireDays)
                       .arg(safe(a.name))
                << '\n';
    }
    for (const auto &[number, error] : r.messageErrors)
        err << FetchText::tr("%1: message #%2 could not be downloaded: %3")
                   .arg(safe(a.name))
                   .arg(number)
                   .arg(Poplar::Ui::errorFullText(error))
            << '\n';
    for (const Sync::FetchReport::Troublesome &t : r.troublesome) {
        const QString which = t.subject.isEmpty()
            ? FetchText::tr("message #%1 (%2)").arg(t.number).arg(bytesText(t.size))
            : FetchText::tr("message #%1 (%2, \"%3\")").arg(t.number).arg(bytesText(t.size), safe(t.subject));
        if (t.tried)
            err << FetchText::tr("%1: %2 ends the connection every time it is downloaded (%n time(s) so far); it stays "
                                 "on the server, and each fetch tries it again last, on its own.",
                nullptr, t.failures)
                       .arg(safe(a.name), which)
                << '\n';
        else if (t.error.code != ErrorCode::LoginDelay)
            err << FetchText::tr("%1: %2 ended the connection before (%n time(s)); it stays on the server, but a "
                                 "session of its own could not find it again (its header could not be read).",
                nullptr, t.failures)
                       .arg(safe(a.name), which)
                << '\n';
        else
            err << FetchText::tr("%1: %2 ended the connection before (%n time(s)); it stays on the server, to be "
                                 "tried on its own in a later fetch (the server allows no second login now).",
                nullptr, t.failures)
                       .arg(safe(a.name), which)
                << '\n';
    }
    for (const auto &[number, error] : r.deleteErrors)
        err << FetchText::tr("%1: message #%2 could not be deleted on the server: %3")
                   .arg(safe(a.name))
                   .arg(number)
                   .arg(Poplar::Ui::errorFullText(error))
            << '\n';
    for (quint32 n : r.sizeMismatches)
        err << FetchText::tr("%1: message #%2 arrived with another size than the server announced; it is stored, "
                             "and stays on the server.")
                   .arg(safe(a.name))
                   .arg(n)
            << '\n';
    if (r.uidlRefused && !r.error.isError())
        err << FetchText::tr("%1: the server would not list its messages' UIDLs this time; they were recognised by "
                             "Message-ID and size, and nothing was deleted on the server.")
                   .arg(safe(a.name))
            << '\n';
    if (!r.listingProblems.skipped.empty()) {
        QStringList numbers;
        for (quint32 n : r.listingProblems.skipped)
            numbers << QStringLiteral("#%1").arg(n);
        err << FetchText::tr(
            "%1: the server's list names %n message(s) in a way Poplar cannot use (%2); they were left "
            "alone on the server.",
            nullptr, int(numbers.size()))
                   .arg(safe(a.name), numbers.join(QStringLiteral(", ")))
            << '\n';
    }
    if (r.listingProblems.withoutUid)
        err << FetchText::tr("%1: the server lists %n message(s) without a usable UIDL; they are downloaded, and never "
                             "deleted there automatically.",
            nullptr, int(r.listingProblems.withoutUid))
                   .arg(safe(a.name))
            << '\n';
    if (r.listingProblems.count && r.listingProblems.skipped.empty() && !r.listingProblems.withoutUid)
        err << FetchText::tr("%1: the server's list had %n line(s) Poplar could not read; they were ignored.", nullptr,
            int(r.listingProblems.count))
                   .arg(safe(a.name))
            << '\n';
    if (r.matchedAfterUidlChange)
        out << FetchText::tr("%1: the server gave its messages new UIDLs; %n message(s) were recognised by "
                             "Message-ID and size and not downloaded again.",
            nullptr, r.matchedAfterUidlChange)
                   .arg(safe(a.name))
            << '\n';
    // What it did, once it got as far as the server's list.
    if (r.plan) {
        QString line = FetchText::tr("%1: %n new message(s)", nullptr, r.stored + r.storedPartial).arg(safe(a.name));
        if (r.storedPartial)
            line += FetchText::tr(" (%n stored in part: over the size limit)", nullptr, r.storedPartial);
        if (r.alreadyStored)
            line += FetchText::tr(", %n already stored", nullptr, r.alreadyStored);
        line += FetchText::tr(", %n deleted on the server", nullptr, r.deletedOnServer);
        out << line << '.' << '\n';
    }
    if (r.deletionsUnknown)
        err << FetchText::tr("%1: the connection dropped after QUIT; the next fetch sees whether the server deleted "
                             "the messages marked for deletion.")
                   .arg(safe(a.name))
            << '\n';
    if (r.error.isError()) {
        if (r.certificate)
            printCertificateProblem(err, *r.certificate);
        err << safe(a.name) << ": " << Poplar::Ui::errorFullText(r.error) << '\n';
        if (r.failedDuring)
            err << FetchText::tr("%1: the fetch ended while message #%2 (%3) was being downloaded.")
                       .arg(safe(a.name))
                       .arg(r.failedDuring->first)
                       .arg(bytesText(r.failedDuring->second))
                << '\n';
        if (r.retryNotBefore.isValid())
            printLoginDelay(err, safe(a.name), r.retryNotBefore, oneShot);
    }
}

// A one-line progress bar on a terminal, redrawn in place.
void drawProgress(QTextStream &err, const Account &a, const Sync::Progress &p)
{
    const int width = 30;
    const double done = p.bytesTotal ? double(p.bytesReceived) / double(p.bytesTotal)
                                     : (p.total ? double(p.received) / p.total : 1.0);
    const int filled = std::clamp(int(done * width), 0, width);
    err << '\r' << safe(a.name) << " [" << QString(filled, QLatin1Char('#'))
        << QString(width - filled, QLatin1Char(' ')) << "] "
        << FetchText::tr("%1 of %2 messages, %3 of %4")
               .arg(p.received)
               .arg(p.total)
               .arg(bytesText(p.bytesReceived), bytesText(p.bytesTotal))
        << "\x1b[K";
    err.flush();
}

// The password: the one --password-stdin gave, else the keychain's, else
// (on a terminal) asked for this run only. An empty one is never used.
std::optional<QByteArray> password(const Account &a, const std::optional<QByteArray> &given, Poplar::Error *error)
{
    if (given)
        return given;
    Accounts::KeychainCredentialStore keychain;
    auto saved = Accounts::readBlocking(keychain, a.credentialKey);
    if (saved)
        return *saved;
    if (stdinIsTerminal()) {
        QTextStream(stderr) << Poplar::Ui::errorMessage(saved.error()) << '\n';
        auto typed = promptSecret(FetchText::tr("Password for %1 at %2 (this run only): ").arg(a.user, a.host));
        if (typed && !typed->isEmpty())
            return typed;
    }
    *error = saved.error();
    return std::nullopt;
}

// --password-stdin's password, read before anything else happens and
// wiped when this goes.
class StdinPassword
{
public:
    StdinPassword() = default;
    StdinPassword(const StdinPassword &) = delete;
    StdinPassword &operator=(const StdinPassword &) = delete;
    ~StdinPassword()
    {
        if (m_value)
            Pop3::wipe(*m_value);
    }

    // -1 when it was read or not wanted; an exit code when standard input
    // held no password.
    int read(bool wanted)
    {
        if (!wanted)
            return -1;
        m_value = readPasswordFromStdin();
        if (m_value)
            return -1;
        QTextStream(stderr) << noPasswordOnStdinMessage() << '\n';
        return ExitUsage;
    }

    // nullopt without the option.
    [[nodiscard]] const std::optional<QByteArray> &value() const { return m_value; }

private:
    std::optional<QByteArray> m_value;
};

}  // namespace

int runFetch(const QStringList &arguments)
{
    CommandLine c(FetchText::tr("Downloads new mail of every enabled account, or of one, and deletes on the server "
                                "what each account's policy says."),
        QStringLiteral("fetch"));
    QCommandLineParser &parser = c.parser;
    const QCommandLineOption &json = c.json;
    const QCommandLineOption account(QStringLiteral("account"),
        FetchText::tr("Fetch only this account (also when it is disabled)."), QStringLiteral("NAME"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
        FetchText::tr("Only say what the fetch would download and delete on the server, and why."));
    const QCommandLineOption stdinOpt(QStringLiteral("password-stdin"),
        FetchText::tr("Use the first line of standard input as the password (with --account), for this run only."));
    const QCommandLineOption ignoreDelay(QStringLiteral("ignore-login-delay"),
        FetchText::tr("Log in even when the server's LOGIN-DELAY says it is too soon."));
    parser.addOptions({ account, dryRun, json, stdinOpt, ignoreDelay });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    if (parser.positionalArguments().size() != 1 || (parser.isSet(stdinOpt) && !parser.isSet(account))) {
        QTextStream(stderr) << (parser.positionalArguments().size() != 1
                ? FetchText::tr("Unexpected arguments: %1")
                      .arg(parser.positionalArguments().mid(1).join(QLatin1Char(' ')))
                : FetchText::tr("--password-stdin needs --account."))
                            << '\n'
                            << FetchText::tr("See: poplar-cli fetch --help") << '\n';
        return ExitUsage;
    }

    QTextStream out(stdout);
    QTextStream err(stderr);
    StdinPassword given;
    if (int rc = given.read(parser.isSet(stdinOpt)); rc >= 0)
        return rc;
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    std::unique_ptr<Store::MailStore> store = std::move(c.store);
    Accounts::AccountStore accounts(*store);
    QList<Account> chosen;
    if (parser.isSet(account)) {
        auto found = accounts.byName(parser.value(account));
        if (!found)
            return fail(found.error());
        chosen << *found;
    } else {
        auto all = accounts.list();
        if (!all)
            return fail(all.error());
        for (const Account &a : *all) {
            if (a.enabled)
                chosen << a;
        }
        if (chosen.isEmpty() && !parser.isSet(json)) {
            out << FetchText::tr("No enabled accounts. Add one with \"poplar-cli account add\".") << '\n';
            return ExitOk;
        }
    }

    const bool bar = stderrIsTerminal() && !parser.isSet(json) && !parser.isSet(dryRun);
    int exitCode = ExitOk;
    QJsonArray results;
    // One account after another; a failure of one does not stop the others.
    for (const Account &a : chosen) {
        Sync::FetchReport report;
        Poplar::Error credentialError;
        std::optional<QByteArray> secret = password(a, given.value(), &credentialError);
        if (!secret) {
            report.error = credentialError;
        } else {
            Sync::FetchJob::Options options;
            options.dryRun = parser.isSet(dryRun);
            options.ignoreLoginDelay = parser.isSet(ignoreDelay);
            Sync::FetchJob job(*store, a, Accounts::credentials(a, *secret), options);
            Pop3::wipe(*secret);
            QEventLoop loop;
            QObject::connect(&job, &Sync::FetchJob::progress, &loop, [&](const Sync::Progress &p) {
                if (bar && p.total > 0)
                    drawProgress(err, a, p);
            });
            QObject::connect(&job, &Sync::FetchJob::finished, &loop, [&](const Sync::FetchReport &r) {
                report = r;
                loop.quit();
            });
            job.start();
            loop.exec();
            if (bar && report.plan && !report.plan->downloads.empty())
                err << '\n';
        }
        if (parser.isSet(json)) {
            results.append(reportJson(a, report));
        } else if (parser.isSet(dryRun) && report.plan && !report.error.isError()) {
            printPlan(out, a, *report.plan);
        } else {
            printResult(out, err, a, report, true);
        }
        out.flush();
        err.flush();
        if (report.error.isError() && exitCode == ExitOk)
            exitCode = exitCodeFor(report.error);
        else if (report.partlyDone() && exitCode == ExitOk)
            exitCode = ExitPartial;
    }
    if (parser.isSet(json))
        out << QJsonDocument(results).toJson(QJsonDocument::Indented);
    return exitCode;
}

int runRemote(const QStringList &arguments, Sync::RemoteAction action)
{
    const bool rest = action == Sync::RemoteAction::DownloadRest;
    const QString name = rest ? QStringLiteral("download-rest") : QStringLiteral("delete-from-server");
    CommandLine c(rest ? FetchText::tr("Downloads the whole of a message stored in part (over the account's size "
                                       "limit) and replaces the partial copy with it. The server keeps the message.")
                       : FetchText::tr("Deletes a stored message's copy on the server. The copy here stays; for a "
                                       "message stored in part, the rest is gone with the server's copy."),
        name);
    QCommandLineParser &parser = c.parser;
    parser.addPositionalArgument(QStringLiteral("ID"), FetchText::tr("The message's id (see \"poplar-cli list\")."));
    const QCommandLineOption stdinOpt(QStringLiteral("password-stdin"),
        FetchText::tr("Use the first line of standard input as the password, for this run only."));
    const QCommandLineOption ignoreDelay(QStringLiteral("ignore-login-delay"),
        FetchText::tr("Log in even when the server's LOGIN-DELAY says it is too soon."));
    parser.addOptions({ stdinOpt, ignoreDelay });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    QTextStream out(stdout);
    QTextStream err(stderr);
    bool numeric = false;
    const QStringList positional = parser.positionalArguments();
    const qint64 messageId = positional.size() == 2 ? positional.at(1).toLongLong(&numeric) : 0;
    if (!numeric || messageId <= 0) {
        err << FetchText::tr("Give one message id.") << '\n'
            << FetchText::tr("See: poplar-cli %1 --help").arg(name) << '\n';
        return ExitUsage;
    }
    StdinPassword given;
    if (int rc = given.read(parser.isSet(stdinOpt)); rc >= 0)
        return rc;
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    std::unique_ptr<Store::MailStore> store = std::move(c.store);
    auto row = Sync::RemoteMessageJob::locate(*store, messageId);
    if (!row)
        return fail(row.error());
    auto account = Accounts::AccountStore(*store).byId(row->accountId);
    if (!account)
        return fail(account.error());
    if (rest && row->entry.state != Sync::LedgerState::Partial) {
        out << FetchText::tr("Message %1 is stored whole already.").arg(messageId) << '\n';
        return ExitOk;
    }
    Poplar::Error credentialError;
    std::optional<QByteArray> secret = password(*account, given.value(), &credentialError);
    if (!secret) {
        err << safe(account->name) << ": " << Poplar::Ui::errorFullText(credentialError) << '\n';
        return exitCodeFor(credentialError);
    }
    Sync::RemoteMessageJob::Options options;
    options.ignoreLoginDelay = parser.isSet(ignoreDelay);
    Sync::RemoteMessageJob job(*store, *account, Accounts::credentials(*account, *secret), messageId, action, options);
    Pop3::wipe(*secret);
    const bool bar = rest && stderrIsTerminal();
    Sync::RemoteReport report;
    QEventLoop loop;
    QObject::connect(&job, &Sync::RemoteMessageJob::progress, &loop, [&](quint64 received, quint64 total) {
        if (bar)
            err << '\r' << FetchText::tr("%1 of %2").arg(bytesText(received), bytesText(total)) << "\x1b[K"
                << Qt::flush;
    });
    QObject::connect(&job, &Sync::RemoteMessageJob::finished, &loop, [&](const Sync::RemoteReport &r) {
        report = r;
        loop.quit();
    });
    job.start();
    loop.exec();
    if (bar)
        err << '\n';
    if (report.error.isError()) {
        if (report.certificate)
            printCertificateProblem(err, *report.certificate);
        err << safe(account->name) << ": " << Poplar::Ui::errorFullText(report.error) << '\n';
        if (report.retryNotBefore.isValid())
            printLoginDelay(err, safe(account->name), report.retryNotBefore, true);
        if (report.deletionUnknown)
            err << FetchText::tr("%1: the connection dropped after QUIT; the next fetch sees whether the server "
                                 "deleted the message.")
                       .arg(safe(account->name))
                << '\n';
        return exitCodeFor(report.error);
    }
    if (report.alreadyWhole)
        out << FetchText::tr("Message %1 is stored whole already.").arg(messageId) << '\n';
    else if (rest)
        out << FetchText::tr("Message %1: the whole message (%2) is stored now.")
                   .arg(messageId)
                   .arg(bytesText(report.bytes))
            << '\n';
    else
        out << FetchText::tr("Message %1 was deleted on the server of %2; the copy here stays.")
                   .arg(messageId)
                   .arg(safe(account->name))
            << '\n';
    return ExitOk;
}

namespace {

// Signals reach the event loop through a socket pair: a handler may only
// write a byte.
int g_signalPipe[2] = { -1, -1 };

void onSignal(int signal)
{
    const char c = char(signal);
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &c, 1);
}

}  // namespace

int runWatch(const QStringList &arguments)
{
    CommandLine c(FetchText::tr("Fetches every enabled account on its schedule until stopped (SIGINT or SIGTERM): at "
                                "once, then every account's interval, never sooner than the server allows, retrying "
                                "later after failures and waiting while the network is down. SIGUSR1 reloads the "
                                "accounts and gets mail now."),
        QStringLiteral("watch"));
    QCommandLineParser &parser = c.parser;
    const QCommandLineOption account(QStringLiteral("account"),
        FetchText::tr("With --password-stdin: the account the password is for."), QStringLiteral("NAME"));
    const QCommandLineOption stdinOpt(QStringLiteral("password-stdin"),
        FetchText::tr("Use the first line of standard input as the password of --account, for this run only."));
    const QCommandLineOption ignoreNetwork(QStringLiteral("ignore-network"),
        FetchText::tr("Fetch even while the system says the network is down (a server on this machine)."));
    parser.addOptions({ account, stdinOpt, ignoreNetwork });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (parser.positionalArguments().size() != 1 || parser.isSet(stdinOpt) != parser.isSet(account)) {
        err << (parser.positionalArguments().size() != 1
                ? FetchText::tr("Unexpected arguments: %1")
                      .arg(parser.positionalArguments().mid(1).join(QLatin1Char(' ')))
                : FetchText::tr("--password-stdin and --account go together."))
            << '\n'
            << FetchText::tr("See: poplar-cli %1 --help").arg(QStringLiteral("watch")) << '\n';
        return ExitUsage;
    }
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    std::unique_ptr<Store::MailStore> store = std::move(c.store);
    Accounts::AccountStore accounts(*store);

    Accounts::KeychainCredentialStore keychain;
    Accounts::SessionCredentialStore session;
    if (parser.isSet(stdinOpt)) {
        auto found = accounts.byName(parser.value(account));
        if (!found)
            return fail(found.error());
        std::optional<QByteArray> secret = readPasswordFromStdin();
        if (!secret) {
            err << noPasswordOnStdinMessage() << '\n';
            return ExitUsage;
        }
        const Poplar::Status saved = Accounts::writeBlocking(session, found->credentialKey, *secret);
        Pop3::wipe(*secret);
        if (!saved)
            return fail(saved.error());
    }
    Sync::FetchLauncher launcher(*store, keychain);
    launcher.setSessionStore(&session);
    Sync::Scheduler::Options options;
    options.startupWindowSeconds = 0;  // the user just asked: check at once
    options.watchNetwork = !parser.isSet(ignoreNetwork);
    Sync::Scheduler scheduler(*store, launcher.launch(), options);

    auto nameOf = [&](qint64 id) {
        auto a = accounts.byId(id);
        return a ? safe(a->name) : QString::number(id);
    };
    QObject::connect(&scheduler, &Sync::Scheduler::fetchFinished, [&](qint64 id, const Sync::FetchReport &r) {
        if (auto a = accounts.byId(id))
            printResult(out, err, *a, r, false);
        out.flush();
        err.flush();
    });
    QObject::connect(&scheduler, &Sync::Scheduler::nextCheckChanged, [&](qint64 id, const QDateTime &at) {
        if (at.isValid())
            out << FetchText::tr("%1: next check at %2.")
                       .arg(nameOf(id), QLocale().toString(at.toLocalTime(), QLocale::ShortFormat))
                << Qt::endl;
    });
    QObject::connect(&scheduler, &Sync::Scheduler::intervalClamped, [&](qint64 id, int seconds) {
        if (seconds > 0)
            err << FetchText::tr("%1: the server allows a login only every %n minute(s); checking that often.", nullptr,
                (seconds + 59) / 60)
                       .arg(nameOf(id))
                << Qt::endl;
    });
    QObject::connect(&scheduler, &Sync::Scheduler::credentialsNeeded, [&](qint64 id, const Poplar::Error &) {
        err << FetchText::tr("%1: waiting for a password. Save it with \"poplar-cli account edit --name %1 "
                             "--password-stdin\", then send SIGUSR1 to get mail now.")
                   .arg(nameOf(id))
            << Qt::endl;
    });
    QObject::connect(&scheduler, &Sync::Scheduler::accountStopped, [&](qint64 id, const Poplar::Error &e) {
        err << FetchText::tr("%1: stopped: %2 Fix the account, then send SIGUSR1.")
                   .arg(nameOf(id), Poplar::Ui::errorMessage(e))
            << Qt::endl;
    });
    QObject::connect(&scheduler, &Sync::Scheduler::onlineChanged, [&](bool online) {
        err << (online ? FetchText::tr("The network is back.") : FetchText::tr("The network is down; waiting."))
            << Qt::endl;
    });

    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0) {
        err << FetchText::tr("Cannot watch for signals.") << '\n';
        return ExitFailure;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    bool stopping = false;
    int running = 0;
    QObject::connect(&scheduler, &Sync::Scheduler::fetchStarted, [&](qint64) { ++running; });
    QObject::connect(&scheduler, &Sync::Scheduler::fetchFinished, [&](qint64, const Sync::FetchReport &) {
        if (--running == 0 && stopping)
            QCoreApplication::exit(ExitOk);
    });
    QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
        char signal = 0;
        if (::read(g_signalPipe[0], &signal, 1) != 1)
            return;
        if (signal == SIGUSR1 && !stopping) {
            // Every account, also one waiting for a password: the user
            // asked, after saving it.
            if (const Poplar::Status st = scheduler.reloadAccounts(); !st)
                err << Poplar::Ui::errorFullText(st.error()) << Qt::endl;
            for (qint64 id : scheduler.accountIds())
                (void)scheduler.getMailNow(id);
            return;
        }
        // Stop: running fetches are cancelled (what they stored stays,
        // nothing is deleted on the server) and answer first.
        stopping = true;
        if (running == 0)
            return QCoreApplication::exit(ExitOk);
        launcher.cancelAll();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signal : { SIGINT, SIGTERM, SIGUSR1 })
        ::sigaction(signal, &action, nullptr);

    if (const Poplar::Status st = scheduler.start(); !st)
        return fail(st.error());
    if (scheduler.accountIds().isEmpty())
        err << FetchText::tr("No enabled accounts yet; add one, then send SIGUSR1.") << Qt::endl;
    return QCoreApplication::exec();
}

}  // namespace Poplar::Cli
