#include "FetchCommand.h"

#include "CommandLine.h"
#include "ExitCodes.h"
#include "FetchOutput.h"
#include "ProbeCommand.h"
#include "StdinPassword.h"
#include "Terminal.h"
#include "accounts/AccountStore.h"
#include "accounts/KeychainCredentialStore.h"
#include "common/ServerText.h"
#include "store/Profile.h"
#include "store/Store.h"
#include "sync/FetchJob.h"
#include "sync/FetchLauncher.h"
#include "text/ErrorText.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

#include <algorithm>

namespace Poplar::Cli {

namespace {

using Accounts::Account;

QString safeKey(const QByteArray &key)
{
    return Poplar::escapeUntrusted(key);
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
        std::optional<Poplar::Secret> secret = password(a, given.value(), &credentialError);
        if (!secret) {
            report.error = credentialError;
        } else {
            Sync::FetchJob::Options options;
            options.dryRun = parser.isSet(dryRun);
            options.ignoreLoginDelay = parser.isSet(ignoreDelay);
            Sync::FetchJob job(*store, a, Accounts::credentials(a, std::move(*secret)), options);
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

}  // namespace Poplar::Cli
