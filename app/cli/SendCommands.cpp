#include "SendCommands.h"

#include "CommandLine.h"
#include "ExitCodes.h"
#include "FetchOutput.h"
#include "ProbeCommand.h"
#include "StdinPassword.h"
#include "Terminal.h"
#include "accounts/AccountStore.h"
#include "accounts/KeychainCredentialStore.h"
#include "common/FileRead.h"
#include "mime/MessageBuilder.h"
#include "store/Outbox.h"
#include "store/Store.h"
#include "sync/OutboxSender.h"
#include "sync/PasswordSource.h"
#include "text/ErrorText.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QTextStream>

#include <cstdio>

namespace Poplar::Cli {

namespace {

class SendText
{
    Q_DECLARE_TR_FUNCTIONS(SendText)
};

using Accounts::Account;
using Poplar::Error;
using Poplar::ErrorCode;
using Store::Outbox;
using Store::OutboxItem;
using Store::OutboxState;

// What one message (its text and attachments, or an .eml file) may weigh:
// more is refused before anything is queued.
constexpr qint64 kMaxMessageBytes = Mime::kMaxOutgoingBytes;

int usage(const QString &message, const QString &command)
{
    QTextStream(stderr) << message << '\n' << SendText::tr("See: poplar-cli %1 --help").arg(command) << '\n';
    return ExitUsage;
}

QString stateName(OutboxState s)
{
    switch (s) {
    case OutboxState::Queued: return QStringLiteral("queued");
    case OutboxState::Sending: return QStringLiteral("sending");
    case OutboxState::InDoubt: return QStringLiteral("in-doubt");
    case OutboxState::Sent: return QStringLiteral("sent");
    case OutboxState::Failed: return QStringLiteral("failed");
    }
    return {};
}

QString stateText(OutboxState s)
{
    switch (s) {
    case OutboxState::Queued: return SendText::tr("waiting");
    case OutboxState::Sending: return SendText::tr("being sent");
    case OutboxState::InDoubt: return SendText::tr("may have been sent");
    case OutboxState::Sent: return SendText::tr("sent");
    case OutboxState::Failed: return SendText::tr("refused");
    }
    return {};
}

QString recipientsText(const QByteArrayList &recipients)
{
    QStringList out;
    for (const QByteArray &r : recipients)
        out << safe(QString::fromUtf8(r));
    return out.join(QStringLiteral(", "));
}

// The message's text from standard input, to its end.
Poplar::Result<QByteArray> readStdin(qint64 limit)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("cannot read standard input"));
    QByteArray bytes = in.read(limit + 1);
    if (bytes.size() > limit)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the text is larger than %1 octets").arg(limit));
    return bytes;
}

// Sends what the account has due in the outbox, over one connection.
Sync::OutboxSender::Report sendAccount(
    Store::MailStore &store, const Account &a, const std::optional<Poplar::Secret> &given, QTextStream &err)
{
    Sync::OutboxSender::Report report;
    if (!a.smtp.isSet()) {
        report.error = Error(ErrorCode::NoOutgoingServer, QStringLiteral("account %1").arg(a.name));
        return report;
    }
    auto settings = Accounts::smtpConnectionSettings(a);
    if (!settings) {
        report.error = settings.error();
        return report;
    }
    Accounts::KeychainCredentialStore keychain;
    Accounts::SessionCredentialStore session;  // what --password-stdin gave is this run's
    const QString key = Sync::PasswordSource::keyFor(a, Sync::PasswordSource::Server::Outgoing);
    if (given)
        (void)Accounts::writeBlocking(session, key, given->clone());
    Sync::PasswordSource source(keychain, &session);
    Poplar::Result<Poplar::Secret> secret = Sync::readBlocking(source, a, Sync::PasswordSource::Server::Outgoing);
    if (!secret && stdinIsTerminal()) {
        err << Poplar::Ui::errorMessage(secret.error()) << '\n';
        err.flush();
        auto typed = promptSecret(
            SendText::tr("Password for %1 at %2 (this run only): ").arg(a.smtpUser(), a.smtp.host));
        if (typed && !typed->isEmpty())
            secret = std::move(*typed);
    }
    if (!secret) {
        report.error = secret.error();
        return report;
    }
    Sync::OutboxSender sender(&store, a.id, *settings, Accounts::smtpCredentials(a, std::move(secret).value()));
    QEventLoop loop;
    bool done = false;
    QObject::connect(&sender, &Sync::OutboxSender::certificateRefused, &loop,
        [&](const Net::CertificateProblem &p) { printOutgoingCertificateProblem(err, p, a.name); });
    QObject::connect(&sender, &Sync::OutboxSender::finished, &loop, [&](const Sync::OutboxSender::Report &r) {
        report = r;
        done = true;
        loop.quit();
    });
    sender.start();
    if (!done)
        loop.exec();
    return report;
}

// What became of one message after a send: printed; its exit code.
int printOutcome(QTextStream &out, QTextStream &err, Store::MailStore &store, qint64 id,
    const Sync::OutboxSender::Report &report)
{
    auto item = store.readValue([&](Store::Database &db) { return Outbox::item(db, id); });
    if (!item)
        return fail(item.error());
    const QString subject = safe(item->subject);
    switch (item->state) {
    case OutboxState::Sent:
        out << SendText::tr("Sent “%1” to %n recipient(s); a copy is in Sent.", nullptr, int(item->recipients.size()))
                   .arg(subject)
            << '\n';
        return ExitOk;
    case OutboxState::Failed:
        err << SendText::tr("The outgoing server refused “%1”:").arg(subject) << '\n';
        if (item->error)
            err << Poplar::Ui::errorFullText(*item->error) << '\n';
        if (!item->refused.isEmpty())
            err << SendText::tr("Refused: %1").arg(recipientsText(item->refused)) << '\n';
        err << SendText::tr("It stays in the outbox (#%1): \"poplar-cli outbox retry %1\" sends it again, "
                            "\"poplar-cli outbox remove %1\" deletes it.")
                   .arg(id)
            << '\n';
        return item->error ? exitCodeFor(*item->error) : ExitFailure;
    case OutboxState::InDoubt:
        err << SendText::tr("The connection ended after “%1” went out and before the server confirmed it: it may "
                            "have been sent. Poplar does not send it again by itself. Check with a recipient, then "
                            "run \"poplar-cli outbox resolve %2 --sent\" or \"… --resend\".")
                   .arg(subject)
                   .arg(id)
            << '\n';
        if (report.error)
            err << Poplar::Ui::errorFullText(*report.error) << '\n';
        return ExitInDoubt;
    case OutboxState::Queued:
    case OutboxState::Sending: {
        const std::optional<Error> why = report.error ? report.error : item->error;
        err << SendText::tr("“%1” was not sent now; it waits in the outbox (#%2) and goes out with the next "
                            "\"poplar-cli outbox send\" or Poplar's next check.")
                   .arg(subject)
                   .arg(id)
            << '\n';
        if (why)
            err << Poplar::Ui::errorFullText(*why) << '\n';
        if (item->notBefore.isValid())
            err << SendText::tr("Next try not before %1.")
                       .arg(QLocale().toString(item->notBefore.toLocalTime(), QLocale::ShortFormat))
                << '\n';
        return ExitQueued;
    }
    }
    return ExitFailure;
}

QJsonObject itemJson(const OutboxItem &i, const QString &account)
{
    QJsonArray recipients;
    for (const QByteArray &r : i.recipients)
        recipients.append(QString::fromUtf8(r));
    QJsonArray refused;
    for (const QByteArray &r : i.refused)
        refused.append(QString::fromUtf8(r));
    QJsonObject o {
        { QStringLiteral("id"), i.id },
        { QStringLiteral("account"), account },
        { QStringLiteral("state"), stateName(i.state) },
        { QStringLiteral("messageId"), QString::fromLatin1(i.messageId) },
        { QStringLiteral("subject"), i.subject },
        { QStringLiteral("from"), QString::fromUtf8(i.envelopeFrom) },
        { QStringLiteral("recipients"), recipients },
        { QStringLiteral("size"), i.size },
        { QStringLiteral("queuedAt"), i.queuedAt.toUTC().toString(Qt::ISODate) },
        { QStringLiteral("attempts"), i.attempts },
        { QStringLiteral("refused"), refused },
    };
    if (i.notBefore.isValid())
        o.insert(QStringLiteral("notBefore"), i.notBefore.toUTC().toString(Qt::ISODate));
    if (i.lastAttemptAt.isValid())
        o.insert(QStringLiteral("lastAttemptAt"), i.lastAttemptAt.toUTC().toString(Qt::ISODate));
    if (i.error)
        o.insert(QStringLiteral("error"),
            QJsonObject { { QStringLiteral("code"), Poplar::errorCodeName(i.error->code) },
                { QStringLiteral("serverText"), i.error->serverText.escaped() },
                { QStringLiteral("message"), Poplar::Ui::errorMessage(*i.error) } });
    return o;
}

// The account names by id, for lists (a removed account's rows: "").
QHash<qint64, QString> accountNames(Store::MailStore &store)
{
    QHash<qint64, QString> names;
    if (auto all = Accounts::AccountStore(store).list()) {
        for (const Account &a : *all)
            names.insert(a.id, a.name);
    }
    return names;
}

int runList(CommandLine &c, bool all)
{
    auto items = c.store->readValue([&](Store::Database &db) { return Outbox::list(db, all); });
    if (!items)
        return fail(items.error());
    const QHash<qint64, QString> names = accountNames(*c.store);
    QTextStream out(stdout);
    if (c.parser.isSet(c.json)) {
        QJsonArray array;
        for (const OutboxItem &i : *items)
            array.append(itemJson(i, i.accountId ? names.value(*i.accountId) : QString()));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (items->isEmpty()) {
        out << SendText::tr("The outbox is empty.") << '\n';
        return ExitOk;
    }
    for (const OutboxItem &i : *items) {
        out << '#' << i.id << "  " << stateText(i.state) << "  " << safe(i.subject.isEmpty() ? SendText::tr("(no subject)") : i.subject)
            << '\n';
        out << "    " << SendText::tr("to %1").arg(recipientsText(i.recipients)) << ", " << bytesText(quint64(i.size));
        if (i.accountId)
            out << ", " << SendText::tr("via %1").arg(safe(names.value(*i.accountId)));
        else
            out << ", " << SendText::tr("its account was removed");
        out << '\n';
        if (i.state == OutboxState::Queued && i.notBefore.isValid())
            out << "    "
                << SendText::tr("not before %1").arg(QLocale().toString(i.notBefore.toLocalTime(), QLocale::ShortFormat))
                << '\n';
        if (i.error && i.state != OutboxState::Sent)
            out << "    " << Poplar::Ui::errorMessage(*i.error) << '\n';
        if (i.error && !i.error->serverText.isEmpty() && i.state != OutboxState::Sent)
            out << "    " << SendText::tr("The server said: %1").arg(i.error->serverText.escaped()) << '\n';
        if (!i.refused.isEmpty())
            out << "    " << SendText::tr("Refused: %1").arg(recipientsText(i.refused)) << '\n';
    }
    return ExitOk;
}

// The accounts `outbox send` and `send` work on: the named one, or every
// account with an outgoing server.
int chooseAccounts(CommandLine &c, const QCommandLineOption &account, QList<Account> *chosen)
{
    Accounts::AccountStore accounts(*c.store);
    if (c.parser.isSet(account)) {
        auto found = accounts.byName(c.parser.value(account));
        if (!found)
            return fail(found.error());
        chosen->append(*found);
        return -1;
    }
    auto all = accounts.list();
    if (!all)
        return fail(all.error());
    for (const Account &a : *all) {
        if (a.smtp.isSet())
            chosen->append(a);
    }
    return -1;
}

int runOutboxSend(CommandLine &c, const QCommandLineOption &account, const QCommandLineOption &stdinOpt)
{
    if (c.parser.isSet(stdinOpt) && !c.parser.isSet(account))
        return usage(SendText::tr("--password-stdin needs --account."), QStringLiteral("outbox"));
    StdinPassword given;
    if (int rc = given.read(c.parser.isSet(stdinOpt)); rc >= 0)
        return rc;
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    QList<Account> chosen;
    if (int rc = chooseAccounts(c, account, &chosen); rc >= 0)
        return rc;
    QTextStream out(stdout);
    QTextStream err(stderr);
    int exitCode = ExitOk;
    for (const Account &a : std::as_const(chosen)) {
        auto due = c.store->readValue(
            [&](Store::Database &db) { return Outbox::due(db, a.id, QDateTime::currentDateTimeUtc()); });
        if (!due)
            return fail(due.error());
        // A sender also puts back what a stopped one left Sending, so an
        // account is tried when it has anything not yet sent.
        auto items = c.store->readValue([&](Store::Database &db) { return Outbox::list(db); });
        if (!items)
            return fail(items.error());
        const bool anything = !due->isEmpty() || std::any_of(items->cbegin(), items->cend(), [&](const OutboxItem &i) {
            return i.accountId == a.id && i.state == OutboxState::Sending;
        });
        if (!anything)
            continue;
        const Sync::OutboxSender::Report r = sendAccount(*c.store, a, given.value(), err);
        const int code = printSendReport(out, err, *c.store, a.name, r);
        if (exitCode == ExitOk)
            exitCode = code;
    }
    if (chosen.isEmpty())
        out << SendText::tr("No account has an outgoing server.") << '\n';
    return exitCode;
}

// resolve, retry, remove: one row by its number.
int runOutboxRow(CommandLine &c, const QString &sub, const QCommandLineOption &sentOpt, const QCommandLineOption &resendOpt)
{
    const QStringList pos = c.parser.positionalArguments();
    bool ok = false;
    const qint64 id = pos.size() == 3 ? pos.at(2).toLongLong(&ok) : 0;
    if (!ok || id <= 0)
        return usage(SendText::tr("Give the message's number, as \"poplar-cli outbox\" lists it."),
            QStringLiteral("outbox"));
    if (sub == QLatin1String("resolve") && c.parser.isSet(sentOpt) == c.parser.isSet(resendOpt))
        return usage(SendText::tr("Give either --sent or --resend."), QStringLiteral("outbox"));
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    auto item = c.store->readValue([&](Store::Database &db) { return Outbox::item(db, id); });
    if (!item)
        return fail(item.error());
    QTextStream out(stdout);
    const QString subject = safe(item->subject);
    auto refuse = [&](const QString &why) {
        QTextStream(stderr) << why << '\n';
        return ExitUsage;
    };
    Poplar::Status st;
    if (sub == QLatin1String("resolve")) {
        if (item->state != OutboxState::InDoubt)
            return refuse(SendText::tr("Message #%1 is %2, not in doubt.").arg(id).arg(stateText(item->state)));
        const auto how = c.parser.isSet(sentOpt) ? Outbox::Resolution::WasSent : Outbox::Resolution::SendAgain;
        st = c.store->write(
            [&](Store::Database &db) { return Outbox::resolve(db, id, how, QDateTime::currentDateTimeUtc()); });
        if (st)
            out << (how == Outbox::Resolution::WasSent
                           ? SendText::tr("“%1” is marked as sent; its copy is in Sent.").arg(subject)
                           : SendText::tr("“%1” waits to be sent again (with the same Message-ID).").arg(subject))
                << '\n';
    } else if (sub == QLatin1String("retry")) {
        if (item->state != OutboxState::Failed)
            return refuse(SendText::tr("Message #%1 is %2; only a refused message is tried again this way.")
                              .arg(id)
                              .arg(stateText(item->state)));
        st = c.store->write([&](Store::Database &db) { return Outbox::retry(db, id); });
        if (st)
            out << SendText::tr("“%1” waits to be sent again.").arg(subject) << '\n';
    } else {
        if (item->state != OutboxState::Queued && item->state != OutboxState::Failed)
            return refuse(SendText::tr("Message #%1 is %2 and stays in the outbox.").arg(id).arg(stateText(item->state)));
        st = c.store->write([&](Store::Database &db) { return Outbox::remove(db, id); });
        if (st)
            out << SendText::tr("“%1” was removed from the outbox.").arg(subject) << '\n';
    }
    return st ? ExitOk : fail(st.error());
}

}  // namespace

int printSendReport(QTextStream &out, QTextStream &err, Store::MailStore &store, const QString &accountName,
    const Sync::OutboxSender::Report &r)
{
    out << SendText::tr("%1: sent %n message(s)", nullptr, int(r.sent.size())).arg(safe(accountName));
    if (!r.retried.isEmpty())
        out << SendText::tr(", %n to try again later", nullptr, int(r.retried.size()));
    if (!r.failed.isEmpty())
        out << SendText::tr(", %n refused", nullptr, int(r.failed.size()));
    if (!r.inDoubt.isEmpty())
        out << SendText::tr(", %n may have been sent", nullptr, int(r.inDoubt.size()));
    out << ".\n";
    out.flush();
    for (qint64 id : r.failed)
        printOutcome(out, err, store, id, r);
    for (qint64 id : r.inDoubt)
        printOutcome(out, err, store, id, r);
    if (r.error && r.inDoubt.isEmpty())
        err << safe(accountName) << ": " << Poplar::Ui::errorFullText(*r.error) << '\n';
    err.flush();
    if (!r.inDoubt.isEmpty())
        return ExitInDoubt;
    if (r.error)
        return exitCodeFor(*r.error);
    return r.failed.isEmpty() ? ExitOk : ExitRejected;
}

int runOutbox(const QStringList &arguments)
{
    CommandLine c(SendText::tr("Lists the outbox, sends it, or settles one message in it:\n"
                               "  poplar-cli outbox [--json] [--all]        what waits, what was refused, what "
                               "may have been sent\n"
                               "  poplar-cli outbox send [--account NAME]   send what is due now\n"
                               "  poplar-cli outbox resolve ID --sent|--resend   a message that may have been sent\n"
                               "  poplar-cli outbox retry ID                 try a refused message again\n"
                               "  poplar-cli outbox remove ID                delete a waiting or refused message"),
        QStringLiteral("outbox"));
    const QCommandLineOption all(QStringLiteral("all"), SendText::tr("List sent messages too."));
    const QCommandLineOption account(QStringLiteral("account"),
        SendText::tr("send: only this account's messages (default: every account with an outgoing server)."),
        QStringLiteral("NAME"));
    const QCommandLineOption stdinOpt(QStringLiteral("password-stdin"),
        SendText::tr("send: the outgoing server's password is the first line of standard input (with --account), "
                     "for this run only."));
    const QCommandLineOption sentOpt(QStringLiteral("sent"), SendText::tr("resolve: it was sent; file it in Sent."));
    const QCommandLineOption resendOpt(
        QStringLiteral("resend"), SendText::tr("resolve: it was not sent; send it again."));
    c.parser.addPositionalArgument(QStringLiteral("what"), SendText::tr("list (default), send, resolve, retry or remove."),
        QStringLiteral("[list|send|resolve|retry|remove]"));
    c.parser.addOptions({ c.json, all, account, stdinOpt, sentOpt, resendOpt });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    const QStringList pos = c.parser.positionalArguments();
    const QString sub = pos.size() > 1 ? pos.at(1) : QStringLiteral("list");
    if (sub == QLatin1String("list")) {
        if (pos.size() > 2)
            return usage(SendText::tr("Unexpected arguments: %1").arg(pos.mid(2).join(QLatin1Char(' '))),
                QStringLiteral("outbox"));
        if (int rc = c.openStore(); rc >= 0)
            return rc;
        return runList(c, c.parser.isSet(all));
    }
    if (sub == QLatin1String("send")) {
        if (pos.size() > 2)
            return usage(SendText::tr("Unexpected arguments: %1").arg(pos.mid(2).join(QLatin1Char(' '))),
                QStringLiteral("outbox"));
        return runOutboxSend(c, account, stdinOpt);
    }
    if (sub == QLatin1String("resolve") || sub == QLatin1String("retry") || sub == QLatin1String("remove"))
        return runOutboxRow(c, sub, sentOpt, resendOpt);
    return usage(SendText::tr("Unknown outbox command: %1").arg(sub), QStringLiteral("outbox"));
}

int runSend(const QStringList &arguments)
{
    CommandLine c(SendText::tr("Writes a message and sends it with an account's outgoing server. It goes through "
                               "the outbox: when it cannot go now (offline, the server unreachable), it waits there "
                               "and goes with the next \"poplar-cli outbox send\" or Poplar's next check."),
        QStringLiteral("send"));
    const QCommandLineOption account(
        QStringLiteral("account"), SendText::tr("The account to send with (required)."), QStringLiteral("NAME"));
    const QCommandLineOption identity(QStringLiteral("identity"),
        SendText::tr("The sender address (default: the account's address)."), QStringLiteral("ADDR"));
    const QCommandLineOption to(QStringLiteral("to"),
        SendText::tr("A recipient (\"Name <addr>\", several separated by commas; the option may repeat)."),
        QStringLiteral("ADDR"));
    const QCommandLineOption cc(QStringLiteral("cc"), SendText::tr("A copy recipient."), QStringLiteral("ADDR"));
    const QCommandLineOption bcc(QStringLiteral("bcc"),
        SendText::tr("A blind copy recipient: in no header that goes out (kept in the Sent copy)."),
        QStringLiteral("ADDR"));
    const QCommandLineOption subject(QStringLiteral("subject"), SendText::tr("The subject."), QStringLiteral("S"));
    const QCommandLineOption attach(QStringLiteral("attach"),
        SendText::tr("Attach this file (the option may repeat)."), QStringLiteral("FILE"));
    const QCommandLineOption bodyFile(QStringLiteral("body-file"),
        SendText::tr("The text, in UTF-8 (default: standard input to its end)."), QStringLiteral("FILE"));
    const QCommandLineOption eml(QStringLiteral("eml"),
        SendText::tr("Send this prepared message (RFC 5322) instead: its From, To, Cc and Bcc make the envelope, "
                     "its Bcc is taken out."),
        QStringLiteral("FILE"));
    const QCommandLineOption later(
        QStringLiteral("later"), SendText::tr("Only put it in the outbox; do not connect now."));
    const QCommandLineOption stdinOpt(QStringLiteral("password-stdin"),
        SendText::tr("The outgoing server's password is the first line of standard input, for this run only (the "
                     "text then comes from --body-file, or use --eml)."));
    c.parser.addOptions({ account, identity, to, cc, bcc, subject, attach, bodyFile, eml, later, stdinOpt });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    const QString command = QStringLiteral("send");
    if (c.parser.positionalArguments().size() != 1)
        return usage(SendText::tr("Unexpected arguments: %1")
                         .arg(c.parser.positionalArguments().mid(1).join(QLatin1Char(' '))),
            command);
    if (!c.parser.isSet(account))
        return usage(SendText::tr("--account is required."), command);
    const bool prepared = c.parser.isSet(eml);
    if (prepared) {
        for (const QCommandLineOption *o : { &to, &cc, &bcc, &subject, &attach, &bodyFile, &identity }) {
            if (c.parser.isSet(*o))
                return usage(SendText::tr("--eml takes the message as it is: --%1 cannot go with it.")
                                 .arg(o->names().first()),
                    command);
        }
    } else {
        if (!c.parser.isSet(to) && !c.parser.isSet(cc) && !c.parser.isSet(bcc))
            return usage(SendText::tr("Give at least one recipient (--to, --cc or --bcc)."), command);
        if (!c.parser.isSet(subject))
            return usage(SendText::tr("--subject is required (it may be empty: --subject \"\")."), command);
        if (c.parser.isSet(stdinOpt) && !c.parser.isSet(bodyFile))
            return usage(SendText::tr("With --password-stdin the text comes from --body-file."), command);
    }
    if (c.parser.isSet(stdinOpt) && c.parser.isSet(later))
        return usage(SendText::tr("--later does not connect: it needs no password."), command);

    StdinPassword given;
    if (int rc = given.read(c.parser.isSet(stdinOpt)); rc >= 0)
        return rc;
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    auto found = Accounts::AccountStore(*c.store).byName(c.parser.value(account));
    if (!found)
        return fail(found.error());
    const Account a = *found;
    if (!a.smtp.isSet())
        return usage(SendText::tr("Account %1 has no outgoing server; set one with \"poplar-cli account edit --name %1 "
                                  "--smtp-host HOST\".")
                         .arg(safe(a.name)),
            command);
    const Mime::Mailbox from { a.displayName, a.email };
    if (c.parser.isSet(identity)
        && c.parser.value(identity).trimmed().compare(a.email, Qt::CaseInsensitive) != 0)
        return usage(SendText::tr("Account %1 sends as %2, not %3.")
                         .arg(safe(a.name), safe(a.email), safe(c.parser.value(identity))),
            command);

    Poplar::Result<Mime::BuiltMessage> built = Error(ErrorCode::InvalidState);
    if (prepared) {
        auto raw = Poplar::readWholeFile(c.parser.value(eml), kMaxMessageBytes);
        if (!raw)
            return fail(raw.error());
        built = Mime::prepareMessage(*raw, from);
    } else {
        Mime::OutgoingMessage m;
        m.from = from;
        const std::pair<const QCommandLineOption *, QList<Mime::Mailbox> *> lists[]
            = { { &to, &m.to }, { &cc, &m.cc }, { &bcc, &m.bcc } };
        for (const auto &[option, into] : lists) {
            for (const QString &typed : c.parser.values(*option)) {
                auto boxes = Mime::parseMailboxes(typed);
                if (!boxes)
                    return fail(boxes.error());
                into->append(*boxes);
            }
        }
        m.subject = c.parser.value(subject);
        qint64 total = 0;
        if (!c.parser.isSet(bodyFile) && stdinIsTerminal())
            QTextStream(stderr) << SendText::tr("Type the text; end it with Ctrl+D on a line of its own.") << Qt::endl;
        auto text = c.parser.isSet(bodyFile) ? Poplar::readWholeFile(c.parser.value(bodyFile), kMaxMessageBytes)
                                             : readStdin(kMaxMessageBytes);
        if (!text)
            return fail(text.error());
        total += text->size();
        QStringDecoder utf8(QStringDecoder::Utf8);
        m.text = utf8.decode(*text);
        if (utf8.hasError())
            return usage(SendText::tr("The text is not UTF-8."), command);
        for (const QString &path : c.parser.values(attach)) {
            auto content = Poplar::readWholeFile(path, kMaxMessageBytes - total);
            if (!content)
                return fail(content.error());
            total += content->size();
            m.attachments.append({ QFileInfo(path).fileName(), {}, std::move(content).value() });
        }
        Mime::BuildOptions options;
        // Queued before the server is known: a body every server takes
        // (quoted-printable rather than 8-bit); addresses in UTF-8 need
        // SMTPUTF8, which the server is asked for when it goes out.
        options.eightBitMime = false;
        options.smtpUtf8 = true;
        built = Mime::buildMessage(m, options);
    }
    if (!built)
        return fail(built.error());

    std::optional<Poplar::Result<qint64>> queued;
    const Poplar::Status st = c.store->write([&](Store::Database &db) -> Poplar::Status {
        queued.emplace(Outbox::enqueue(db, Store::outboxEntry(*built, a.id), QDateTime::currentDateTimeUtc()));
        return queued->ok() ? Poplar::Status() : Poplar::Status(queued->error());
    });
    if (!st)
        return fail(st.error());
    const qint64 id = queued->value();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (c.parser.isSet(later)) {
        out << SendText::tr("“%1” waits in the outbox (#%2); it goes out with the next \"poplar-cli outbox send\" "
                            "or Poplar's next check.")
                   .arg(safe(built->subject))
                   .arg(id)
            << '\n';
        return ExitOk;
    }
    const Sync::OutboxSender::Report report = sendAccount(*c.store, a, given.value(), err);
    const int others = int(report.sent.size()) - (report.sent.contains(id) ? 1 : 0);
    if (others > 0)
        out << SendText::tr("%n other waiting message(s) went out too.", nullptr, others) << '\n';
    return printOutcome(out, err, *c.store, id, report);
}

}  // namespace Poplar::Cli
