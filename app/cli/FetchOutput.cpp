#include "FetchOutput.h"

#include "ExitCodes.h"
#include "ProbeCommand.h"
#include "common/ServerText.h"
#include "text/ErrorText.h"

#include <QLocale>

namespace Poplar::Cli {

using Accounts::Account;

QString safe(const QString &s)
{
    return Poplar::escapeUntrusted(s.toUtf8());
}

QString bytesText(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeSIFormat);
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

}  // namespace Poplar::Cli
