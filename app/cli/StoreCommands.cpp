#include "StoreCommands.h"

#include "CommandLine.h"
#include "ExitCodes.h"
#include "common/NewFile.h"
#include "common/ServerText.h"
#include "mime/MessageParser.h"
#include "store/Profile.h"
#include "store/Store.h"
#include "store/Transfer.h"
#include "text/ErrorText.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace Poplar::Cli {

namespace {

class StoreText
{
    Q_DECLARE_TR_FUNCTIONS(StoreText)
};

QString isoDate(const QDateTime &dt)
{
    return dt.isValid() ? dt.toUTC().toString(Qt::ISODate) : QString();
}

// Text from a message is untrusted: never let it move the terminal cursor.
QString safe(const QString &s)
{
    return Poplar::escapeUntrusted(s.toUtf8());
}

// Multi-line text from a message: line breaks and tabs kept, every other
// control character escaped.
QString safeLines(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        QStringList cells = line.split(QLatin1Char('\t'));
        for (QString &cell : cells)
            cell = safe(cell);
        line = cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonObject messageJson(const Store::MessageSummary &m)
{
    return QJsonObject {
        { QStringLiteral("id"), m.id },
        { QStringLiteral("folderId"), m.folderId },
        { QStringLiteral("date"), isoDate(m.date) },
        { QStringLiteral("receivedAt"), isoDate(m.receivedAt) },
        { QStringLiteral("from"),
            QJsonObject { { QStringLiteral("name"), m.fromName }, { QStringLiteral("address"), m.fromAddress } } },
        { QStringLiteral("to"), m.to },
        { QStringLiteral("cc"), m.cc },
        { QStringLiteral("subject"), m.subject },
        { QStringLiteral("size"), m.size },
        { QStringLiteral("messageId"), QString::fromUtf8(m.messageId) },
        { QStringLiteral("hasAttachments"), m.hasAttachments },
        { QStringLiteral("seen"), bool(m.flags & Store::Flag::Seen) },
        { QStringLiteral("flagged"), bool(m.flags & Store::Flag::Flagged) },
        { QStringLiteral("answered"), bool(m.flags & Store::Flag::Answered) },
        { QStringLiteral("partial"), bool(m.flags & Store::Flag::Partial) },
        { QStringLiteral("snippet"), m.snippet },
    };
}

}  // namespace

int runFolders(const QStringList &arguments)
{
    CommandLine c(StoreText::tr("Lists the folders with their message and unread counts."), QStringLiteral("folders"));
    c.parser.addOption(c.json);
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    Store::MailStore &store = *c.store;
    auto folders = store.folders();
    if (!folders)
        return fail(folders.error());
    QTextStream out(stdout);
    if (c.parser.isSet(c.json)) {
        QJsonArray arr;
        for (const Store::Folder &f : *folders) {
            arr.append(QJsonObject { { QStringLiteral("id"), f.id }, { QStringLiteral("path"), f.path },
                { QStringLiteral("kind"),
                    f.kind == Store::FolderKind::Inbox       ? QStringLiteral("inbox")
                        : f.kind == Store::FolderKind::Trash ? QStringLiteral("trash")
                                                             : QStringLiteral("local") },
                { QStringLiteral("total"), f.total }, { QStringLiteral("unread"), f.unread } });
        }
        out << QJsonDocument(arr).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    for (const Store::Folder &f : *folders)
        out << safe(f.path) << '\t' << f.total << '\t' << f.unread << '\n';
    return ExitOk;
}

int runList(const QStringList &arguments)
{
    CommandLine c(StoreText::tr("Lists messages, newest first."), QStringLiteral("list"));
    const QCommandLineOption folderOpt(QStringLiteral("folder"),
        StoreText::tr("The folder, e.g. \"Work/Inbox\", \"Local/Projects\" or \"Trash\" (default: every folder but "
                      "Trash)."),
        QStringLiteral("PATH"));
    const QCommandLineOption searchOpt(QStringLiteral("search"),
        StoreText::tr("Only messages matching QUERY: words (word* for prefixes, \"a phrase\", -word to exclude), "
                      "from:, to:, cc:, subject:, has:attachment, is:unread, is:read, is:flagged, "
                      "before:YYYY-MM-DD, after:YYYY-MM-DD, folder:PATH."),
        QStringLiteral("QUERY"));
    const QCommandLineOption limitOpt(QStringLiteral("limit"), StoreText::tr("At most N messages (default 50)."),
        QStringLiteral("N"), QStringLiteral("50"));
    c.parser.addOptions({ folderOpt, searchOpt, limitOpt, c.json });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    bool ok = false;
    const int limit = c.parser.value(limitOpt).toInt(&ok);
    if (!ok || limit < 1 || limit > 1'000'000) {
        QTextStream(stderr) << StoreText::tr("--limit must be a number from 1 to 1000000.") << '\n';
        return ExitUsage;
    }
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    Store::MailStore &store = *c.store;
    qint64 folderId = 0;
    if (c.parser.isSet(folderOpt)) {
        auto folder = store.folderByPath(c.parser.value(folderOpt));
        if (!folder)
            return fail(folder.error());
        folderId = folder->id;
    }
    auto page = c.parser.isSet(searchOpt) ? store.search(c.parser.value(searchOpt), folderId, 0, limit)
        : folderId                        ? store.messages(folderId, 0, limit)
                                          : store.allMessages(0, limit);
    if (!page)
        return fail(page.error());
    const QList<Store::MessageSummary> messages = std::move(page).value();
    QTextStream out(stdout);
    if (c.parser.isSet(c.json)) {
        QJsonArray arr;
        for (const Store::MessageSummary &m : messages)
            arr.append(messageJson(m));
        out << QJsonDocument(arr).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    for (const Store::MessageSummary &m : messages) {
        const QString from = m.fromName.isEmpty() ? m.fromAddress : m.fromName;
        out << m.id << '\t' << m.date.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) << '\t'
            << (m.isSeen() ? ' ' : '*') << '\t' << safe(from.left(40)) << '\t' << safe(m.subject) << '\n';
    }
    return ExitOk;
}

int runShow(const QStringList &arguments)
{
    CommandLine c(StoreText::tr("Shows a message."), QStringLiteral("show"));
    c.parser.addPositionalArgument(QStringLiteral("ID"), StoreText::tr("The message id (from 'list')."));
    const QCommandLineOption rawOpt(QStringLiteral("raw"), StoreText::tr("The message exactly as received."));
    const QCommandLineOption textOpt(QStringLiteral("text"), StoreText::tr("The text body (default)."));
    const QCommandLineOption htmlOpt(QStringLiteral("html"), StoreText::tr("The HTML body, as sent."));
    const QCommandLineOption headersOpt(QStringLiteral("headers"), StoreText::tr("The header block, as sent."));
    const QCommandLineOption attachOpt(QStringLiteral("attachments"), StoreText::tr("The list of attachments."));
    c.parser.addOptions({ rawOpt, textOpt, htmlOpt, headersOpt, attachOpt });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    const QStringList pos = c.parser.positionalArguments();
    bool ok = false;
    const qint64 id = pos.size() == 2 ? pos.at(1).toLongLong(&ok) : 0;
    if (!ok || id <= 0) {
        QTextStream(stderr) << StoreText::tr("Usage: poplar-cli show ID [--raw | --text | --html | --headers | "
                                             "--attachments]")
                            << '\n';
        return ExitUsage;
    }
    int modes = 0;
    for (const auto *o : { &rawOpt, &textOpt, &htmlOpt, &headersOpt, &attachOpt })
        modes += c.parser.isSet(*o) ? 1 : 0;
    if (modes > 1) {
        QTextStream(stderr) << StoreText::tr("Choose one of --raw, --text, --html, --headers, --attachments.") << '\n';
        return ExitUsage;
    }
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    Store::MailStore &store = *c.store;

    if (c.parser.isSet(rawOpt)) {
        // Streamed: a large message is never held whole.
        auto st = store.readRaw(id, [](QByteArrayView chunk) -> Poplar::Status {
            if (std::fwrite(chunk.data(), 1, size_t(chunk.size()), stdout) != size_t(chunk.size()))
                return Poplar::Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write to standard output"));
            return {};
        });
        std::fflush(stdout);
        return st ? ExitOk : fail(st.error());
    }
    auto raw = store.rawMessage(id);
    if (!raw)
        return fail(raw.error());
    QTextStream out(stdout);
    if (c.parser.isSet(headersOpt)) {
        // Header lines up to the first empty line, each escaped.
        for (QByteArray line : raw->split('\n')) {
            if (line.endsWith('\r'))
                line.chop(1);
            if (line.isEmpty())
                break;
            out << Poplar::escapeUntrusted(line) << '\n';
        }
        return ExitOk;
    }
    const Mime::ParsedMessage parsed = Mime::parseMessage(*raw);
    if (c.parser.isSet(htmlOpt)) {
        out << safeLines(parsed.htmlBody);
        return ExitOk;
    }
    if (c.parser.isSet(attachOpt)) {
        int n = 0;
        for (const Mime::AttachmentInfo &a : parsed.attachments) {
            out << ++n << '\t' << safe(a.fileName) << '\t' << Poplar::escapeUntrusted(a.mimeType) << '\t' << a.size
                << (a.inlinePart ? StoreText::tr("\tinline") : QString()) << '\n';
        }
        return ExitOk;
    }
    auto summary = store.message(id);
    if (!summary)
        return fail(summary.error());
    const Store::MessageSummary &m = *summary;
    out << StoreText::tr("From:") << ' '
        << safe(m.fromName.isEmpty() ? m.fromAddress
                                     : m.fromName + QStringLiteral(" <") + m.fromAddress + QLatin1Char('>'))
        << '\n';
    out << StoreText::tr("To:") << ' ' << safe(m.to) << '\n';
    if (!m.cc.isEmpty())
        out << StoreText::tr("Cc:") << ' ' << safe(m.cc) << '\n';
    out << StoreText::tr("Date:") << ' ' << isoDate(m.date) << '\n';
    out << StoreText::tr("Subject:") << ' ' << safe(m.subject) << "\n\n";
    // Body text keeps its line breaks; other control characters are escaped.
    out << safeLines(parsed.plainText()) << '\n';
    return ExitOk;
}

int runImport(const QStringList &arguments)
{
    CommandLine c(
        StoreText::tr("Imports mbox files, Maildirs and .eml files into a folder."), QStringLiteral("import"));
    c.parser.addPositionalArgument(QStringLiteral("PATH…"),
        StoreText::tr("mbox files, Maildirs, .eml files or "
                      "directories of .eml files."));
    const QCommandLineOption folderOpt(QStringLiteral("folder"),
        StoreText::tr("The folder to import into, e.g. \"Local/Archive\"."), QStringLiteral("PATH"));
    const QCommandLineOption mboxoOpt(QStringLiteral("mboxo"),
        StoreText::tr("Read mbox files as mboxo (only \">From \" is unquoted); the default is mboxrd."));
    c.parser.addOptions({ folderOpt, mboxoOpt });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    const QStringList paths = c.parser.positionalArguments().mid(1);
    if (!c.parser.isSet(folderOpt) || paths.isEmpty()) {
        QTextStream(stderr) << StoreText::tr("Usage: poplar-cli import --folder PATH FILE|DIR…") << '\n';
        return ExitUsage;
    }
    if (int rc = c.openStore(ProfileUse::CreateIfMissing); rc >= 0)
        return rc;
    Store::MailStore &store = *c.store;
    const QString folderPath = c.parser.value(folderOpt);
    auto folder = store.folderByPath(folderPath);
    if (!folder && folder.error().code == ErrorCode::NotFound && folderPath.startsWith(QLatin1String("Local/"))) {
        // Importing into a new local folder creates it.
        auto made = store.ensureLocalFolder(folderPath);
        if (!made)
            return fail(made.error());
        folder = store.folder(*made);
    }
    if (!folder)
        return fail(folder.error());
    Store::Transfer transfer(store);
    QTextStream out(stdout);
    QTextStream err(stderr);
    int total = 0;
    for (const QString &path : paths) {
        int stored = 0;  // committed so far from this path
        auto report = transfer.importPath(path, folder->id,
            c.parser.isSet(mboxoOpt) ? Store::MailFormats::MboxFlavor::Mboxo : Store::MailFormats::MboxFlavor::Mboxrd,
            [&stored](int messages, qint64) { stored = messages; });
        if (!report) {
            // What was stored before the failure stays: say how much.
            err << StoreText::tr("%1: the import stopped; %n message(s) had been imported into %2 and stay there.",
                nullptr, total + stored)
                       .arg(safe(path), safe(folder->path))
                << '\n';
            err.flush();  // before fail() writes the error itself
            return fail(report.error());
        }
        for (const QString &s : report->skipped)
            err << StoreText::tr("Skipped %1").arg(safe(s)) << '\n';
        total += report->messages;
        out << StoreText::tr("%1: %n message(s) imported", nullptr, report->messages).arg(safe(path)) << '\n';
    }
    out << StoreText::tr("%n message(s) imported into %1.", nullptr, total).arg(safe(folder->path)) << '\n';
    return ExitOk;
}

int runExport(const QStringList &arguments)
{
    CommandLine c(
        StoreText::tr("Exports a folder to an mbox file, a Maildir or .eml files."), QStringLiteral("export"));
    const QCommandLineOption folderOpt(
        QStringLiteral("folder"), StoreText::tr("The folder to export."), QStringLiteral("PATH"));
    const QCommandLineOption mboxOpt(
        QStringLiteral("mbox"), StoreText::tr("Write an mbox file (mboxrd)."), QStringLiteral("FILE"));
    const QCommandLineOption maildirOpt(
        QStringLiteral("maildir"), StoreText::tr("Write a Maildir."), QStringLiteral("DIR"));
    const QCommandLineOption emlOpt(
        QStringLiteral("eml"), StoreText::tr("Write one .eml file per message."), QStringLiteral("DIR"));
    const QCommandLineOption mboxoOpt(QStringLiteral("mboxo"), StoreText::tr("Quote only \"From \" lines (mboxo)."));
    c.parser.addOptions({ folderOpt, mboxOpt, maildirOpt, emlOpt, mboxoOpt });
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    const int targets = int(c.parser.isSet(mboxOpt)) + int(c.parser.isSet(maildirOpt)) + int(c.parser.isSet(emlOpt));
    if (!c.parser.isSet(folderOpt) || targets != 1) {
        QTextStream(stderr) << StoreText::tr(
            "Usage: poplar-cli export --folder PATH (--mbox FILE | --maildir DIR | --eml DIR)")
                            << '\n';
        return ExitUsage;
    }
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    Store::MailStore &store = *c.store;
    auto folder = store.folderByPath(c.parser.value(folderOpt));
    if (!folder)
        return fail(folder.error());
    Store::Transfer transfer(store);
    Poplar::Result<Store::Transfer::Report> report = Poplar::Error(ErrorCode::InvalidArgument);
    if (c.parser.isSet(mboxOpt))
        report = transfer.exportMbox(folder->id, c.parser.value(mboxOpt),
            c.parser.isSet(mboxoOpt) ? Store::MailFormats::MboxFlavor::Mboxo : Store::MailFormats::MboxFlavor::Mboxrd);
    else if (c.parser.isSet(maildirOpt))
        report = transfer.exportMaildir(folder->id, c.parser.value(maildirOpt));
    else
        report = transfer.exportEml(folder->id, c.parser.value(emlOpt));
    if (!report && report.error().code == ErrorCode::FileExists && !c.parser.isSet(maildirOpt)) {
        // A name taken: nothing there was replaced or written through.
        QTextStream(stderr) << (c.parser.isSet(mboxOpt)
                ? StoreText::tr("%1 exists already (a file or a symbolic link); an export never replaces "
                                "anything. Give the name of a new file.")
                      .arg(c.parser.value(mboxOpt))
                : StoreText::tr("%1 holds a file or symbolic link with the name of a message to export; an export "
                                "never replaces anything. Export into a new or empty directory.")
                      .arg(c.parser.value(emlOpt)))
                            << '\n';
        return ExitUsage;
    }
    if (!report)
        return fail(report.error());
    QTextStream(stdout)
        << StoreText::tr("%n message(s) exported from %1.", nullptr, report->messages).arg(safe(folder->path)) << '\n';
    return ExitOk;
}

int runSaveAttachment(const QStringList &arguments)
{
    CommandLine c(
        StoreText::tr("Saves an attachment of a message into a directory."), QStringLiteral("save-attachment"));
    c.parser.addPositionalArgument(QStringLiteral("ID"), StoreText::tr("The message id."));
    c.parser.addPositionalArgument(
        QStringLiteral("N"), StoreText::tr("The attachment's number (from 'show --attachments')."));
    const QCommandLineOption toOpt(
        QStringLiteral("to"), StoreText::tr("The directory to save into."), QStringLiteral("DIR"));
    c.parser.addOption(toOpt);
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    const QStringList pos = c.parser.positionalArguments();
    bool okId = false;
    bool okN = false;
    const qint64 id = pos.size() == 3 ? pos.at(1).toLongLong(&okId) : 0;
    const int n = pos.size() == 3 ? pos.at(2).toInt(&okN) : 0;
    if (!okId || !okN || id <= 0 || n <= 0 || !c.parser.isSet(toOpt)) {
        QTextStream(stderr) << StoreText::tr("Usage: poplar-cli save-attachment ID N --to DIR") << '\n';
        return ExitUsage;
    }
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    Store::MailStore &store = *c.store;
    auto raw = store.rawMessage(id);
    if (!raw)
        return fail(raw.error());
    const Mime::ParsedMessage parsed = Mime::parseMessage(*raw);
    if (n > parsed.attachments.size()) {
        return fail(Poplar::Error(ErrorCode::NotFound,
            QStringLiteral("message %1 has %2 attachments").arg(id).arg(parsed.attachments.size())));
    }
    const Mime::AttachmentInfo &a = parsed.attachments.at(n - 1);
    auto data = Mime::extractPart(*raw, a.partIndex);
    if (!data)
        return fail(Poplar::Error(ErrorCode::NotFound, QStringLiteral("attachment %1 cannot be read").arg(n)));
    const QDir dir(c.parser.value(toOpt));
    if (!dir.exists())
        return fail(Poplar::Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(dir.path())));
    // Never over, nor through, anything at the name (a file, a symbolic
    // link): "name.pdf", else "name (2).pdf", …, created owner-only.
    auto written = Poplar::NewFile::createUnique(dir, a.fileName, *data);
    if (!written)
        return fail(written.error());
    QTextStream(stdout) << *written << '\n';
    return ExitOk;
}

int runCheck(const QStringList &arguments)
{
    CommandLine c(StoreText::tr("Checks the store's integrity."), QStringLiteral("check"));
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    Store::MailStore &store = *c.store;
    auto problems = store.integrityCheck();
    if (!problems)
        return fail(problems.error());
    if (*problems == QStringList { QStringLiteral("ok") }) {
        QTextStream(stdout) << StoreText::tr("The store is intact.") << '\n';
        return ExitOk;
    }
    QTextStream err(stderr);
    err << StoreText::tr("The store is damaged:") << '\n';
    for (const QString &p : *problems)
        err << "  " << safe(p) << '\n';
    return ExitLocal;
}

int runReindex(const QStringList &arguments)
{
    CommandLine c(
        StoreText::tr("Derives every message's fields again from its stored bytes."), QStringLiteral("reindex"));
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    Store::MailStore &store = *c.store;
    auto done = store.reindex();
    if (!done)
        return fail(done.error());
    QTextStream(stdout) << StoreText::tr("%n message(s) reindexed.", nullptr, *done) << '\n';
    return ExitOk;
}

int runBackup(const QStringList &arguments)
{
    CommandLine c(
        StoreText::tr("Writes a consistent copy of the store, also while Poplar runs."), QStringLiteral("backup"));
    c.parser.addPositionalArgument(QStringLiteral("FILE"), StoreText::tr("The backup file to create."));
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    const QStringList pos = c.parser.positionalArguments();
    if (pos.size() != 2) {
        QTextStream(stderr) << StoreText::tr("Usage: poplar-cli backup FILE") << '\n';
        return ExitUsage;
    }
    if (int rc = c.openStore(); rc >= 0)
        return rc;
    Store::MailStore &store = *c.store;
    if (auto st = store.backupTo(pos.at(1)); !st)
        return fail(st.error());
    QTextStream(stdout) << StoreText::tr("Backup written to %1.").arg(pos.at(1)) << '\n';
    return ExitOk;
}

int runRestore(const QStringList &arguments)
{
    CommandLine c(StoreText::tr("Restores a backup into an empty profile."), QStringLiteral("restore"));
    c.parser.addPositionalArgument(QStringLiteral("FILE"), StoreText::tr("The backup file."));
    if (int rc = c.parse(arguments); rc >= 0)
        return rc;
    const QStringList pos = c.parser.positionalArguments();
    if (pos.size() != 2) {
        QTextStream(stderr) << StoreText::tr("Usage: poplar-cli restore FILE") << '\n';
        return ExitUsage;
    }
    const QString dir = Store::Profile::resolveDirectory(c.parser.value(c.profile));
    if (auto st = Store::MailStore::restoreFrom(pos.at(1), dir); !st)
        return fail(st.error());
    auto store = Store::MailStore::open(dir);  // migrates an older backup
    if (!store)
        return fail(store.error());
    QTextStream(stdout) << StoreText::tr("Restored %1 into %2.").arg(pos.at(1), dir) << '\n';
    return ExitOk;
}

}  // namespace Poplar::Cli
