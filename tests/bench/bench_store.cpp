// Store benchmarks: ingest, opening a big folder, search latency, size.
//
//   poplar-bench-store generate --messages N --out FILE.mbox
//   poplar-bench-store ingest --mbox FILE --profile DIR
//   poplar-bench-store query --profile DIR [--runs R]
//
// `generate` writes a deterministic mboxrd of realistic mail: relay and DKIM
// headers, senders and mailing lists that recur, replies quoting their
// parent, text mixed from a Zipf-weighted English/German vocabulary (with
// accents and ß), a quarter multipart/alternative with an HTML part, one in
// ten with an attachment (mostly small, a few up to 1 MB).
// `ingest` imports it the way `poplar-cli import` does and prints messages/s,
// MB/s, peak RSS and the database size relative to the raw bytes.
// `query` opens the store, times the first page of the biggest folder and a
// set of searches (p50/p95 over R runs each).

#include "store/Database.h"
#include "store/MailFormats.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "store/Transfer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTextStream>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>

namespace {

QTextStream out(stdout);

const char *const kWords[] = { "the", "and", "for", "you", "that", "with", "this", "have", "will", "from", "are",
    "your", "please", "thanks", "meeting", "project", "report", "update", "team", "next", "week", "today", "time",
    "call", "review", "budget", "invoice", "payment", "order", "delivery", "account", "server", "release", "version",
    "issue", "question", "answer", "document", "draft", "final", "change", "plan", "schedule", "office", "holiday",
    "travel", "flight", "hotel", "booking", "ticket", "customer", "contract", "offer", "price", "quote", "sales",
    "marketing", "newsletter", "conference", "agenda", "minutes", "notes", "summary", "results", "quarterly",
    "annual", "monthly", "weekly", "deadline", "friday", "monday", "morning", "afternoon", "evening", "lunch",
    "dinner", "coffee", "birthday", "party", "family", "photos", "garden", "weather", "train", "station", "airport",
    "Straße", "Grüße", "Besprechung", "Rechnung", "Lieferung", "Angebot", "Termin", "München", "Zürich", "Köln",
    "café", "résumé", "naïve", "façade", "crème", "Ålesund", "smørrebrød", "Kraków", "database", "backup",
    "restore", "password", "security", "certificate", "network", "printer", "laptop", "monitor", "keyboard",
    "software", "hardware", "license", "renewal", "subscription", "support", "ticketing", "escalation", "priority",
    "urgent", "reminder", "follow", "feedback", "proposal", "approval", "signature", "calendar", "invitation",
    "webinar", "training", "workshop", "session", "slides", "presentation", "spreadsheet", "analysis", "forecast",
    "revenue", "expenses", "receipt", "refund", "shipping", "warehouse", "inventory", "supplier", "vendor",
    "partner", "strategy", "roadmap", "milestone", "sprint", "backlog", "testing", "deployment", "migration",
    "outage", "incident", "postmortem", "recovery", "monitoring", "alerts", "dashboard", "metrics", "latency",
    "throughput", "capacity", "storage", "archive", "folder", "attachment", "download", "upload", "sync", "mobile",
    "desktop", "browser", "website", "domain", "hosting", "mailbox", "quota", "spam", "filter", "rules", "vacation",
    "paris", "london", "berlin", "vienna", "madrid", "rome", "oslo", "helsinki", "zebra", "quokka", "xylophone" };
constexpr int kWordCount = int(sizeof(kWords) / sizeof(kWords[0]));

const char *const kFirst[] = { "Anna", "Ben", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Ines", "Jonas",
    "Katrin", "Lukas", "Marie", "Niklas", "Olga", "Paul", "Renée", "Søren", "Tomás", "Zoë" };
const char *const kLast[] = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Hoffmann", "Schäfer", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun",
    "Krüger", "Hartmann" };
const char *const kDomains[] = { "example.org", "example.com", "example.net", "mail.example.de", "corp.example",
    "lists.example.org" };

// The long tail of a real vocabulary (names, product codes, jargon):
// pronounceable pseudo-words, one per rank.
QByteArray tailWord(int rank)
{
    static const char *const syllables[] = { "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "bri", "dra", "fen",
        "gor", "hal", "jus", "kel", "mor", "nix", "pra", "quo" };
    QByteArray w;
    int r = rank + 20;
    while (r > 0) {
        w += syllables[r % 20];
        r /= 20;
    }
    return w;
}
constexpr int kTailWords = 50000;

class Generator
{
public:
    explicit Generator(quint32 seed)
        : m_rng(seed)
    { }

    QByteArray word()
    {
        // Mostly common words (Zipf-like: low indexes are common), and a
        // long tail where a word's frequency falls with its rank (1/rank).
        const double u = m_rng.generateDouble();
        if (m_rng.bounded(10) < 8)
            return QByteArray(kWords[std::min(kWordCount - 1, int(std::pow(u, 2.2) * kWordCount))]);
        return tailWord(std::min(kTailWords - 1, int(std::exp(u * std::log(double(kTailWords))))));
    }

    QByteArray sentence()
    {
        const int n = 6 + int(m_rng.bounded(12));
        QByteArray s;
        for (int i = 0; i < n; ++i) {
            if (i)
                s += ' ';
            s += word();
        }
        s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
        return s + '.';
    }

    QByteArray paragraphText(qsizetype bytes)
    {
        QByteArray text;
        QByteArray line;
        while (text.size() < bytes) {
            const QByteArray s = sentence();
            if (line.size() + s.size() > 72) {
                text += line + "\n";
                line.clear();
                if (m_rng.bounded(5) == 0)
                    text += "\n";
            }
            line += (line.isEmpty() ? "" : " ") + s;
        }
        return text + line + "\n";
    }

    QByteArray base64(qsizetype bytes)
    {
        QByteArray raw(bytes, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes; ++i)
            raw[i] = char(m_rng.bounded(256));
        const QByteArray b64 = raw.toBase64();
        QByteArray lines;
        for (qsizetype i = 0; i < b64.size(); i += 76)
            lines += b64.mid(i, 76) + "\n";
        return lines;
    }

    QByteArray person(int *index = nullptr)
    {
        const int i = int(std::pow(m_rng.generateDouble(), 1.7) * 400);
        if (index)
            *index = i;
        const QByteArray first = kFirst[i % 20];
        const QByteArray last = kLast[(i / 20) % 20];
        return first + " " + last + " <" + first.toLower() + "." + QByteArray::number(i) + "@"
            + kDomains[i % 5] + ">";
    }

    QByteArray message(int n, int total)
    {
        // Dates spread over five years, oldest first (as an mbox is).
        const qint64 start = QDateTime(QDate(2021, 11, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        const qint64 span = 5LL * 365 * 24 * 3600;
        const QDateTime date = QDateTime::fromSecsSinceEpoch(start + span * n / std::max(1, total)
                + m_rng.bounded(3600), Qt::UTC);
        const bool list = m_rng.bounded(5) == 0;
        const bool reply = !list && n > 10 && m_rng.bounded(3) == 0;
        const int kind = int(m_rng.bounded(100));  // < 10 attachment, < 35 alternative, else plain
        QByteArray subject;
        for (int i = 0, words = 3 + int(m_rng.bounded(6)); i < words; ++i)
            subject += (i ? " " : "") + word();
        if (reply)
            subject = "Re: " + subject;
        const QByteArray from = list ? QByteArray("Weekly Digest <digest@lists.example.org>") : person();
        QByteArray h = "Return-Path: <bounce-" + QByteArray::number(n) + "@example.org>\n";
        for (int i = 0, hops = 2 + int(m_rng.bounded(3)); i < hops; ++i)
            h += "Received: from relay" + QByteArray::number(i) + ".example.net (relay" + QByteArray::number(i)
                + ".example.net [192.0.2." + QByteArray::number(m_rng.bounded(250)) + "])\n\tby mx.example.org "
                "(Postfix) with ESMTPS id " + QByteArray::number(m_rng.generate64(), 16).toUpper()
                + "\n\tfor <me@example.org>; " + date.toString(Qt::RFC2822Date).toLatin1() + "\n";
        h += "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=mail;\n\th=from:to:subject:date;"
             " bh=" + base64(32).trimmed() + ";\n\tb=" + base64(256).replace("\n", "\n\t").trimmed() + "\n";
        h += "From: " + from + "\nTo: Me <me@example.org>\n";
        if (m_rng.bounded(4) == 0)
            h += "Cc: " + person() + ", " + person() + "\n";
        h += "Subject: " + subject + "\nDate: " + date.toString(Qt::RFC2822Date).toLatin1() + "\nMessage-ID: <"
            + QByteArray::number(n) + "." + QByteArray::number(m_rng.generate(), 16) + "@example.org>\n";
        if (reply) {
            const QByteArray parent = "<" + QByteArray::number(n - 1 - int(m_rng.bounded(10))) + ".x@example.org>";
            h += "In-Reply-To: " + parent + "\nReferences: " + parent + "\n";
        }
        if (list)
            h += "List-Id: Weekly Digest <digest.lists.example.org>\nList-Unsubscribe: "
                 "<https://lists.example.org/unsubscribe>\n";
        h += "MIME-Version: 1.0\n";

        // Body sizes: mostly short, some long (log-normal-ish).
        const qsizetype textBytes = qsizetype(300 + std::pow(m_rng.generateDouble(), 3.0) * 12000);
        QByteArray text = paragraphText(textBytes);
        if (reply) {
            QByteArray quoted = paragraphText(600);
            quoted.replace("\n", "\n> ");
            text += "\nOn " + date.addDays(-1).toString(Qt::RFC2822Date).toLatin1() + ", someone wrote:\n> "
                + quoted.chopped(2);
        }
        text += "\n-- \n" + from + "\n";
        if (kind >= 35)
            return h + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text;
        QByteArray html = "<html><head><style>p{margin:0} .x{color:#333}</style></head><body>";
        for (const QByteArray &para : text.split('\n'))
            html += "<p style=\"font-family:Arial\">" + para + "</p>\n";
        html += "</body></html>\n";
        const QByteArray alternative = "Content-Type: multipart/alternative; boundary=\"alt" + QByteArray::number(n)
            + "\"\n\n--alt" + QByteArray::number(n) + "\nContent-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n\n" + text + "\n--alt" + QByteArray::number(n)
            + "\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + html + "\n--alt"
            + QByteArray::number(n) + "--\n";
        if (kind >= 10)
            return h + alternative;
        static const char *const names[] = { "Rechnung", "report", "photo", "slides", "contract", "scan" };
        static const char *const types[][2] = { { "application/pdf", "pdf" }, { "image/jpeg", "jpg" },
            { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" } };
        const auto &type = types[m_rng.bounded(3)];
        const qsizetype attachmentBytes = qsizetype(20000 + std::pow(m_rng.generateDouble(), 4.0) * 1000000);
        return h + "Content-Type: multipart/mixed; boundary=\"mix" + QByteArray::number(n) + "\"\n\n--mix"
            + QByteArray::number(n) + "\n" + alternative + "\n--mix" + QByteArray::number(n) + "\nContent-Type: "
            + type[0] + "\nContent-Disposition: attachment; filename=\"" + names[m_rng.bounded(6)] + "-"
            + QByteArray::number(n) + "." + type[1] + "\"\nContent-Transfer-Encoding: base64\n\n"
            + base64(attachmentBytes) + "--mix" + QByteArray::number(n) + "--\n";
    }

private:
    QRandomGenerator m_rng;
};

double peakRssMb()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

qint64 databaseBytes(const QString &profile)
{
    qint64 total = 0;
    for (const char *suffix : { "", "-wal", "-shm" })
        total += QFileInfo(profile + QStringLiteral("/poplar.sqlite") + QLatin1String(suffix)).size();
    return total;
}

int generate(int messages, const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        out << "cannot write " << file << "\n";
        return 1;
    }
    Generator g(20261122);
    qint64 bytes = 0;
    for (int n = 0; n < messages; ++n) {
        QByteArray m = g.message(n, messages);
        // mboxrd quoting of From lines in the body
        m.replace("\nFrom ", "\n>From ");
        f.write("From bench@example.org Mon Nov  2 10:00:00 2026\n");
        f.write(m);
        f.write("\n");
        bytes += m.size();
    }
    out << "generated " << messages << " messages, " << QString::number(double(bytes) / 1e6, 'f', 1) << " MB raw\n";
    return 0;
}

int ingest(const QString &mbox, const QString &profile)
{
    auto store = Store::MailStore::open(profile);
    if (!store) {
        out << "open failed: " << store.error().technicalDescription() << "\n";
        return 1;
    }
    std::unique_ptr<Store::MailStore> opened = std::move(store).value();
    auto folder = opened->ensureLocalFolder(QStringLiteral("Local/Bench"));
    if (!folder) {
        out << "folder failed: " << folder.error().technicalDescription() << "\n";
        return 1;
    }
    Store::Transfer transfer(*opened);
    QElapsedTimer t;
    t.start();
    auto report = transfer.importPath(mbox, *folder);
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    if (!report) {
        out << "import failed: " << report.error().technicalDescription() << "\n";
        return 1;
    }
    opened.reset();
    {
        // Everything into the database file, the log emptied: the size a
        // user sees once Poplar has closed.
        Store::Database db;
        if (db.open(profile + QStringLiteral("/poplar.sqlite")))
            (void)db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    const qint64 db = databaseBytes(profile);
    out << "ingest: " << report->messages << " messages, " << QString::number(double(report->bytes) / 1e6, 'f', 1)
        << " MB in " << QString::number(seconds, 'f', 2) << " s = "
        << QString::number(report->messages / seconds, 'f', 0) << " msgs/s, "
        << QString::number(double(report->bytes) / 1e6 / seconds, 'f', 1) << " MB/s, peak RSS "
        << QString::number(peakRssMb(), 'f', 1) << " MB\n";
    out << "size: database " << QString::number(double(db) / 1e6, 'f', 1) << " MB for "
        << QString::number(double(report->bytes) / 1e6, 'f', 1) << " MB raw = "
        << QString::number(double(db) / double(report->bytes), 'f', 2) << "x\n";
    return 0;
}

// Parsing alone (MessagePreparer on one thread), to tell it from writing.
int parseOnly(const QString &mbox, bool readOnly)
{
    QFile f(mbox);
    if (!f.open(QIODevice::ReadOnly))
        return 1;
    QElapsedTimer t;
    t.start();
    int n = 0;
    qint64 bytes = 0;
    auto st = Store::MailFormats::readMbox(f, Store::MailFormats::MboxFlavor::Mboxrd,
        [&](QByteArray message, const QByteArray &) -> Poplar::Status {
            bytes += message.size();
            ++n;
            if (readOnly)
                return {};
            Store::MessagePreparer::Input in;
            in.raw = std::move(message);
            auto p = Store::MessagePreparer::prepare(std::move(in));
            return p ? Poplar::Status() : p.error();
        });
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    out << (readOnly ? "mbox reading only: " : "parse only: ") << n << " messages in " << QString::number(seconds, 'f', 2) << " s = "
        << QString::number(n / seconds, 'f', 0) << " msgs/s, " << QString::number(double(bytes) / 1e6 / seconds, 'f', 1)
        << " MB/s\n";
    return st ? 0 : 1;
}

struct Stats {
    double p50 = 0, p95 = 0, max = 0;
};

Stats stats(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms.at(std::min<qsizetype>(ms.size() - 1, qsizetype(q * double(ms.size())))); };
    return { at(0.5), at(0.95), ms.last() };
}

int query(const QString &profile, int runs)
{
    QElapsedTimer t;
    t.start();
    auto store = Store::MailStore::open(profile);
    if (!store) {
        out << "open failed: " << store.error().technicalDescription() << "\n";
        return 1;
    }
    const double openMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    auto folders = (*store)->folders();
    if (!folders) {
        out << "folders failed\n";
        return 1;
    }
    const double foldersMs = double(t.nsecsElapsed()) / 1e6;
    const Store::Folder biggest
        = *std::max_element(folders->cbegin(), folders->cend(), [](auto &a, auto &b) { return a.total < b.total; });
    t.restart();
    auto first = (*store)->messages(biggest.id, 0, 100);
    const double firstMs = double(t.nsecsElapsed()) / 1e6;
    if (!first) {
        out << "listing failed\n";
        return 1;
    }
    out << "open: store " << QString::number(openMs, 'f', 1) << " ms, folder list with counts "
        << QString::number(foldersMs, 'f', 1) << " ms, first page (100 rows of " << biggest.total << ", by date) "
        << QString::number(firstMs, 'f', 1) << " ms\n";
    QList<double> pages;
    for (int r = 0; r < runs; ++r) {
        const int offset = int(QRandomGenerator::global()->bounded(std::max(1, biggest.total - 100)));
        t.restart();
        auto page = (*store)->messages(biggest.id, offset, 100);
        pages << double(t.nsecsElapsed()) / 1e6;
    }
    const Stats p = stats(pages);
    out << "scroll: a page of 100 at a random offset p50 " << QString::number(p.p50, 'f', 1) << " ms, p95 "
        << QString::number(p.p95, 'f', 1) << " ms\n";

    const QStringList queries { QStringLiteral("invoice"), QStringLiteral("quokka"), QStringLiteral("strasse"),
        QStringLiteral("cafe creme"), QStringLiteral("\"quarterly report\""), QStringLiteral("from:müller"),
        QStringLiteral("subject:budget"), QStringLiteral("deploy*"), QStringLiteral("has:attachment rechnung"),
        QStringLiteral("is:unread meeting after:2025-01-01"), QStringLiteral("the"),
        QStringLiteral("xylophone -zebra"), QStringLiteral("to:zoe"), QStringLiteral("before:2023-01-01 holiday"),
        QStringLiteral("nonexistentword"), QString::fromLatin1(tailWord(3)), QString::fromLatin1(tailWord(300)),
        QString::fromLatin1(tailWord(30000)), QString::fromLatin1(tailWord(300) + " " + tailWord(40)),
        QStringLiteral("folder:Local/Bench ") + QString::fromLatin1(tailWord(2000)) };
    QList<double> all;
    out << "search (" << runs << " runs each, first page of 100):\n";
    for (const QString &q : queries) {
        QList<double> times;
        int hits = 0;
        for (int r = 0; r < runs; ++r) {
            t.restart();
            auto res = (*store)->search(q, 0, 0, 100);
            times << double(t.nsecsElapsed()) / 1e6;
            if (!res) {
                out << "  " << q << ": " << res.error().technicalDescription() << "\n";
                return 1;
            }
            hits = int(res->size());
        }
        const Stats s = stats(times);
        all << times;
        out << "  " << qSetFieldWidth(38) << Qt::left << q << qSetFieldWidth(0) << " p50 "
            << QString::number(s.p50, 'f', 1) << " ms, p95 " << QString::number(s.p95, 'f', 1) << " ms (" << hits
            << " shown)\n";
    }
    const Stats s = stats(all);
    out << "search overall: p50 " << QString::number(s.p50, 'f', 1) << " ms, p95 " << QString::number(s.p95, 'f', 1)
        << " ms, max " << QString::number(s.max, 'f', 1) << " ms\n";
    return 0;
}

// Times one SQL statement on a read connection (with Poplar's tokenizer),
// printing its plan and the first rows: for working on queries.
int sql(const QString &profile, const QString &statement, int runs)
{
    Store::Database db;
    if (auto st = db.open(profile + QStringLiteral("/poplar.sqlite"), Store::Database::Mode::ReadOnly); !st) {
        out << st.error().technicalDescription() << "\n";
        return 1;
    }
    if (auto planned = db.query(QStringLiteral("EXPLAIN QUERY PLAN ") + statement)) {
        QSqlQuery plan = std::move(planned).value();
        while (plan.next())
            out << "plan: " << plan.value(3).toString() << "\n";
    }
    QList<double> times;
    int rows = 0;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        auto result = db.query(statement);
        if (!result) {
            out << result.error().technicalDescription() << "\n";
            return 1;
        }
        QSqlQuery q = std::move(result).value();
        rows = 0;
        while (q.next()) {
            if (r == 0 && rows < 3)
                out << "row: " << q.value(0).toString() << "\n";
            ++rows;
        }
        times << double(t.nsecsElapsed()) / 1e6;
    }
    const Stats s = stats(times);
    out << rows << " rows, p50 " << QString::number(s.p50, 'f', 1) << " ms, p95 " << QString::number(s.p95, 'f', 1)
        << " ms\n";
    return 0;
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("generate | ingest | query"));
    const QCommandLineOption messages(QStringLiteral("messages"), QString(), QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption outFile(QStringLiteral("out"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption mbox(QStringLiteral("mbox"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption profile(QStringLiteral("profile"), QString(), QStringLiteral("DIR"));
    const QCommandLineOption runs(QStringLiteral("runs"), QString(), QStringLiteral("R"), QStringLiteral("20"));
    parser.addOptions({ messages, outFile, mbox, profile, runs });
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    if (mode == QLatin1String("generate"))
        return generate(parser.value(messages).toInt(), parser.value(outFile));
    if (mode == QLatin1String("ingest"))
        return ingest(parser.value(mbox), parser.value(profile));
    if (mode == QLatin1String("sql"))
        return sql(parser.value(profile), parser.positionalArguments().value(1), parser.value(runs).toInt());
    if (mode == QLatin1String("parse"))
        return parseOnly(parser.value(mbox), false);
    if (mode == QLatin1String("read"))
        return parseOnly(parser.value(mbox), true);
    if (mode == QLatin1String("query"))
        return query(parser.value(profile), parser.value(runs).toInt());
    parser.showHelp(2);
}
