// Search: the query syntax, the poplar tokenizer's foldings (accents, ß),
// and the FTS5 index kept in step with every store operation.

#include "store/Database.h"
#include "store/MessagePreparer.h"
#include "store/SearchIndex.h"
#include "store/SearchQuery.h"
#include "store/SqliteExtensions.h"
#include "store/Store.h"

#include "SearchIndexChecks.h"

#include <QMultiHash>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Store;
using Poplar::ErrorCode;

namespace {

QByteArray plainMail(const QByteArray &from, const QByteArray &to, const QByteArray &subject, const QByteArray &date,
    const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nDate: " + date + "\r\n" + extraHeaders
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body + "\r\n";
}

QByteArray withAttachment(const QByteArray &from, const QByteArray &subject, const QByteArray &date,
    const QByteArray &body, const QByteArray &fileName)
{
    return "From: " + from + "\r\nTo: ann@example.org\r\nSubject: " + subject + "\r\nDate: " + date
        + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
          "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + body
        + "\r\n--b1\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n"
          "Content-Disposition: attachment; filename=\""
        + fileName + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\nUEsDBBQAAAAIAA==\r\n--b1--\r\n";
}

QByteArray htmlMail(const QByteArray &from, const QByteArray &subject, const QByteArray &date, const QByteArray &html)
{
    return "From: " + from + "\r\nTo: ann@example.org\r\nSubject: " + subject + "\r\nDate: " + date
        + "\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n";
}

}  // namespace

class TestSearch : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MailStore> m_store;
    qint64 m_inbox = 0;
    QHash<QString, qint64> m_ids;  // name → message id

    qint64 add(const QString &name, const QByteArray &raw, int flags = 0)
    {
        MessagePreparer::Input in;
        in.raw = raw;
        in.folderId = m_inbox;
        in.flags = flags;
        auto p = MessagePreparer::prepare(in);
        if (!p)
            return 0;
        auto id = m_store->insertMessage(*p);
        if (!id)
            return 0;
        m_ids.insert(name, *id);
        return *id;
    }

    // The names of the messages a search finds, in result order.
    QStringList find(const QString &query, qint64 folderId = 0)
    {
        auto r = m_store->search(query, folderId, 0, 1000);
        if (!r)
            return { QStringLiteral("ERROR: ") + r.error().detail };
        QStringList names;
        for (const MessageSummary &m : *r)
            names << m_ids.key(m.id, QStringLiteral("?%1").arg(m.id));
        return names;
    }

    // The same for a search typed into the quick search: words are beginnings.
    QStringList findAsTyped(const QString &query)
    {
        auto q = SearchQuery::parse(query, SearchQuery::Words::Prefixes);
        if (!q)
            return { QStringLiteral("ERROR: ") + q.error().detail };
        auto r = m_store->search(*q, 0, 0, 1000);
        if (!r)
            return { QStringLiteral("ERROR: ") + r.error().detail };
        QStringList names;
        for (const MessageSummary &m : *r)
            names << m_ids.key(m.id, QStringLiteral("?%1").arg(m.id));
        return names;
    }

    QStringList names(std::initializer_list<const char *> list)
    {
        QStringList out;
        for (const char *n : list)
            out << QString::fromLatin1(n);
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto s = MailStore::open(m_dir->path());
        QVERIFY2(s, qPrintable(s.error().technicalDescription()));
        m_store = std::move(s).value();
        QVERIFY(m_store->createAccount(QStringLiteral("Work")));
        m_inbox = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
        m_ids.clear();
        QVERIFY(add(QStringLiteral("cafe"),
            plainMail("=?utf-8?q?Zo=C3=AB_M=C3=BCller?= <zoe@example.de>", "ann@example.org",
                "=?utf-8?q?Caf=C3=A9_cr=C3=A8me_am_Freitag?=", "Sun, 01 Mar 2026 12:00:00 +0100",
                "Treffen in der Goethestra\xc3\x9f""e um 10 Uhr."),
            Flag::Seen));
        QVERIFY(add(QStringLiteral("report"),
            withAttachment("Bob <bob@example.org>", "Quarterly report", "Fri, 10 Apr 2026 12:00:00 +0200",
                "The quarterly report is attached.\r\nInvoice numbers inside.", "Budget-2026.xlsx")));
        QVERIFY(add(QStringLiteral("news"),
            htmlMail("news@lists.example.com", "Newsletter", "Wed, 20 May 2026 12:00:00 +0000",
                "<html><head><style>.hidden{color:red}</style><script>var secretword = 1;</script></head>"
                "<body><p>Sm\xc3\xb8rrebr\xc3\xb8""d recipes &amp; more</p></body></html>"),
            Flag::Flagged));
        QVERIFY(add(QStringLiteral("numbers"),
            plainMail("Carl <carl@example.org>", "dora@example.net", "Report quarterly numbers",
                "Mon, 01 Jun 2026 12:00:00 +0000", "nothing to see", "Cc: Eve <eve@example.net>\r\n")));
        QVERIFY(add(QStringLiteral("street"),
            plainMail("ann@example.org", "bob@example.org", "STRASSE", "Wed, 01 Jul 2026 12:00:00 +0000",
                "Wegbeschreibung")));
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void foldingsOfTheTokenizer_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("folded");
        QTest::newRow("sharp s") << QByteArray("stra\xc3\x9f""e") << QByteArray("strasse");
        QTest::newRow("capital sharp s") << QByteArray("\xe1\xba\x9e") << QByteArray("ss");
        QTest::newRow("ae oe") << QByteArray("\xc3\xa6sop \xc5\x93uvre") << QByteArray("aesop oeuvre");
        QTest::newRow("o slash") << QByteArray("sm\xc3\xb8rrebr\xc3\xb8""d") << QByteArray("smorrebrod");
        QTest::newRow("l stroke, d stroke, thorn") << QByteArray("\xc5\x82\xc4\x91\xc3\xbe") << QByteArray("ldth");
        QTest::newRow("others untouched") << QByteArray("\xc3\xa9t\xc3\xa9 \xe2\x82\xac") << QByteArray("\xc3\xa9t\xc3\xa9 \xe2\x82\xac");
        QTest::newRow("truncated lead byte") << QByteArray("a\xc3") << QByteArray("a\xc3");
    }

    void foldingsOfTheTokenizer()
    {
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, folded);
        QCOMPARE(foldSearchToken(token), folded);
    }

    // The tokenizer's tokens, their order and their places in the text are
    // exactly unicode61's (remove_diacritics 2) with the foldings applied,
    // on text that mixes ASCII, letters with marks and separators at every
    // boundary.
    void tokenizerIsUnicode61WithFoldings()
    {
        Database db;
        QVERIFY(db.open(m_dir->filePath(QStringLiteral("tokens.db"))));
        for (const char *sql : { "CREATE VIRTUAL TABLE a USING fts5(x, tokenize='poplar')",
                 "CREATE VIRTUAL TABLE b USING fts5(x, tokenize='unicode61 remove_diacritics 2')",
                 "CREATE VIRTUAL TABLE av USING fts5vocab(a, instance)",
                 "CREATE VIRTUAL TABLE bv USING fts5vocab(b, instance)" })
            QVERIFY(db.exec(QString::fromLatin1(sql)));
        const char *const pieces[] = { "Hello", "WORLD", "mIxEd", "42", "x9", "a", "Z", " ", " ", " ", ",", ".",
            "-", "_", "'", "@", "\n", "\t", "/", "\x01", "\xc3\xa9", "\xc3\x89t\xc3\xa9", "Stra\xc3\x9f""e",
            "\xe1\xba\x9e", "\xc3\x86sop", "sm\xc3\xb8rrebr\xc3\xb8""d", "\xc5\x81\xc3\xb3""d\xc5\xba", "\xc3\xbe",
            "\xc2\xa0", "\xe2\x82\xac", "\xe2\x80\x94", "\xe6\x97\xa5\xe6\x9c\xac", "e\xcc\x81", "\xf0\x9f\x98\x80",
            "\xef\xac\x81", "\xce\xa3\xcf\x83", "\xef\xbc\x91" };
        QRandomGenerator random(15);
        QList<QByteArray> texts;
        for (int doc = 1; doc <= 300; ++doc) {
            QByteArray text;
            const int count = random.bounded(1, 60);
            for (int p = 0; p < count; ++p)
                text += pieces[random.bounded(int(std::size(pieces)))];
            texts << text;
            for (const char *table : { "a", "b" })
                QVERIFY(db.exec(QStringLiteral("INSERT INTO %1(rowid, x) VALUES (?, ?)").arg(QLatin1String(table)),
                    { doc, QString::fromUtf8(text) }));
        }
        auto instances = [&db](const char *vocab, bool fold) {
            QStringList out;
            auto q = db.query(
                QStringLiteral("SELECT doc, offset, term FROM %1 ORDER BY doc, offset").arg(QLatin1String(vocab)));
            if (!q)
                return QStringList { q.error().detail };
            QSqlQuery rows = std::move(q).value();
            while (rows.next()) {
                const QByteArray term = rows.value(2).toString().toUtf8();
                out << QStringLiteral("%1:%2:%3")
                           .arg(rows.value(0).toString(), rows.value(1).toString(),
                               QString::fromUtf8(fold ? foldSearchToken(term) : term));
            }
            return out;
        };
        const QStringList ours = instances("av", false);
        QVERIFY2(ours.size() > 2000, qPrintable(QString::number(ours.size())));
        QCOMPARE(ours, instances("bv", true));
        // The places in the text: highlight() marks the same bytes. A word is
        // asked for only when no other word of the text folds to the same.
        for (int doc = 1; doc <= texts.size(); ++doc) {
            auto words = db.query(QStringLiteral("SELECT DISTINCT term FROM bv WHERE doc = ?"), { doc });
            QVERIFY(words);
            QSqlQuery termRows = std::move(words).value();
            QMultiHash<QByteArray, QByteArray> byFolded;
            while (termRows.next()) {
                const QByteArray term = termRows.value(0).toString().toUtf8();
                byFolded.insert(foldSearchToken(term), term);
            }
            for (const QByteArray &folded : byFolded.uniqueKeys()) {
                if (byFolded.count(folded) != 1)
                    continue;
                const QString phrase = QLatin1Char('"') + QString::fromUtf8(byFolded.value(folded)) + QLatin1Char('"');
                QStringList marked;
                for (const char *table : { "a", "b" }) {
                    auto h = db.scalar(QStringLiteral("SELECT highlight(%1, 0, '[', ']') FROM %1 WHERE %1 MATCH ? AND rowid = ?")
                                           .arg(QLatin1String(table)),
                        { QString(QStringLiteral("x : ") + phrase), doc });
                    QVERIFY2(h, qPrintable(h.error().detail));
                    marked << h->toString();
                }
                QCOMPARE(marked.at(0), marked.at(1));
            }
        }
    }

    void parsesTheQuerySyntax()
    {
        auto q = SearchQuery::parse(
            QStringLiteral("from:\"Ann Smith\" -is:read subject:inv* \"a \"\"b\" -spam has:attachment "
                           "after:2026-01-02 before:2026/02/03 folder:\"Local/My Folder\" re: http://x.org"));
        QVERIFY(q);
        QCOMPARE(q->include,
            QStringList({ QStringLiteral("sender : \"Ann Smith\""), QStringLiteral("subject : \"inv\"*"),
                QStringLiteral("\"a \""), QStringLiteral("\"b\""), QStringLiteral("\"re:\""), QStringLiteral("\"http://x.org\"") }));
        QCOMPARE(q->exclude, QStringList({ QStringLiteral("\"spam\"") }));
        QCOMPARE(q->unread, std::optional<bool>(true));
        QCOMPARE(q->hasAttachment, std::optional<bool>(true));
        QVERIFY(!q->flagged);
        QCOMPARE(q->after, QDate(2026, 1, 2).startOfDay().toUTC());
        QCOMPARE(q->before, QDate(2026, 2, 3).startOfDay().toUTC());
        QCOMPARE(q->folderPath, QStringLiteral("Local/My Folder"));
        QVERIFY(SearchQuery::parse(QString())->isEmpty());
    }

    void badFiltersAreReportedWithTheirTerm_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("term");
        QTest::newRow("is") << QStringLiteral("x is:bogus") << QStringLiteral("is:bogus");
        QTest::newRow("has") << QStringLiteral("has:pictures") << QStringLiteral("has:pictures");
        QTest::newRow("date") << QStringLiteral("before:yesterday") << QStringLiteral("before:yesterday");
        QTest::newRow("impossible date") << QStringLiteral("after:2026-02-30") << QStringLiteral("after:2026-02-30");
        QTest::newRow("negated date") << QStringLiteral("-after:2026-02-03") << QStringLiteral("-after:2026-02-03");
        QTest::newRow("negated folder") << QStringLiteral("-folder:Trash") << QStringLiteral("-folder:Trash");
    }

    void badFiltersAreReportedWithTheirTerm()
    {
        QFETCH(QString, query);
        QFETCH(QString, term);
        auto q = m_store->search(query);
        QVERIFY(!q);
        QCOMPARE(q.error().code, ErrorCode::SearchSyntax);
        QCOMPARE(q.error().detail, term);
    }

    void unknownFolderIsNotFound()
    {
        auto q = m_store->search(QStringLiteral("folder:Local/Nope x"));
        QVERIFY(!q);
        QCOMPARE(q.error().code, ErrorCode::NotFound);
    }

    void wordsAccentsAndSharpS_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected");
        const QStringList cafe { QStringLiteral("cafe") };
        QTest::newRow("plain") << QStringLiteral("cafe") << cafe;
        QTest::newRow("accented query") << QStringLiteral("CAFÉ") << cafe;
        QTest::newRow("accent in the text") << QStringLiteral("creme") << cafe;
        QTest::newRow("ss finds ß") << QStringLiteral("goethestrasse") << cafe;
        QTest::newRow("ß finds ß") << QStringLiteral("Goethestraße") << cafe;
        QTest::newRow("ß finds SS") << QStringLiteral("straße") << QStringList { QStringLiteral("street") };
        QTest::newRow("ss finds SS") << QStringLiteral("strasse") << QStringList { QStringLiteral("street") };
        QTest::newRow("ø") << QStringLiteral("smorrebrod") << QStringList { QStringLiteral("news") };
        QTest::newRow("whole words only") << QStringLiteral("strass") << QStringList();
        QTest::newRow("prefix") << QStringLiteral("invoi*") << QStringList { QStringLiteral("report") };
        QTest::newRow("prefix folds") << QStringLiteral("goethestraß*") << cafe;
        QTest::newRow("phrase") << QStringLiteral("\"quarterly report\"") << QStringList { QStringLiteral("report") };
        QTest::newRow("words, newest first")
            << QStringLiteral("quarterly report") << QStringList { QStringLiteral("numbers"), QStringLiteral("report") };
        QTest::newRow("html text") << QStringLiteral("recipes") << QStringList { QStringLiteral("news") };
        QTest::newRow("html script is not text") << QStringLiteral("secretword") << QStringList();
        QTest::newRow("html style is not text") << QStringLiteral("hidden") << QStringList();
        QTest::newRow("attachment name") << QStringLiteral("budget") << QStringList { QStringLiteral("report") };
        QTest::newRow("attachment extension") << QStringLiteral("xlsx") << QStringList { QStringLiteral("report") };
        QTest::newRow("negation") << QStringLiteral("quarterly -invoice") << QStringList { QStringLiteral("numbers") };
        QTest::newRow("only negation") << QStringLiteral("-quarterly -cafe")
                                       << QStringList { QStringLiteral("street"), QStringLiteral("news") };
    }

    void wordsAccentsAndSharpS()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        QCOMPARE(find(query), expected);
    }

    void wordsAsTypedAreBeginnings_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected");
        const QStringList river { QStringLiteral("river") };
        const QStringList strasse { QStringLiteral("fest"), QStringLiteral("street") };
        const QStringList none;
        QTest::newRow("beginning") << QStringLiteral("riv") << river;
        QTest::newRow("longer beginning") << QStringLiteral("rive") << river;
        QTest::newRow("whole word") << QStringLiteral("river") << river;
        QTest::newRow("explicit star") << QStringLiteral("riv*") << river;
        QTest::newRow("several words") << QStringLiteral("quart rep")
                                       << QStringList { QStringLiteral("numbers"), QStringLiteral("report") };
        // The index folds ß to ss (and case, accents) before a beginning is compared.
        QTest::newRow("ss finds ß at the start of a longer word") << QStringLiteral("strasse") << strasse;
        QTest::newRow("ß finds ss and ß") << QStringLiteral("straß") << strasse;
        QTest::newRow("ß word") << QStringLiteral("Straße") << strasse;
        QTest::newRow("cut inside the folded ss") << QStringLiteral("STRAS") << strasse;
        QTest::newRow("accent") << QStringLiteral("caf") << QStringList { QStringLiteral("cafe") };
        QTest::newRow("accented beginning") << QStringLiteral("crè") << QStringList { QStringLiteral("cafe") };
        QTest::newRow("compound") << QStringLiteral("goethestr") << QStringList { QStringLiteral("cafe") };
        QTest::newRow("ø") << QStringLiteral("smørre") << QStringList { QStringLiteral("news") };
        // Fields, negations and phrases keep their meaning.
        QTest::newRow("subject") << QStringLiteral("subject:riv") << river;
        QTest::newRow("subject is not body") << QStringLiteral("subject:blank") << none;
        QTest::newRow("from") << QStringLiteral("from:ol") << river;
        QTest::newRow("to") << QStringLiteral("to:dor") << QStringList { QStringLiteral("numbers") };
        QTest::newRow("negated beginning") << QStringLiteral("-riv -stras")
                                           << QStringList { QStringLiteral("numbers"), QStringLiteral("news"),
                                                  QStringLiteral("report"), QStringLiteral("cafe") };
        QTest::newRow("closed phrase is exact") << QStringLiteral("\"the riv\"") << none;
        QTest::newRow("closed phrase") << QStringLiteral("\"the river\"") << river;
        QTest::newRow("phrase being typed") << QStringLiteral("\"the riv") << river;
        QTest::newRow("filters still filter") << QStringLiteral("stras is:unread") << strasse;
        // FTS5's own syntax stays text: these would find something as operators.
        QTest::newRow("OR is a word") << QStringLiteral("riv OR nothing") << none;
        QTest::newRow("NOT is a word") << QStringLiteral("riv NOT bank") << none;
        QTest::newRow("NEAR is a word") << QStringLiteral("NEAR(riv blank)") << none;
        QTest::newRow("column filter is text") << QStringLiteral("{subject}: riv") << none;
        QTest::newRow("column filter glued") << QStringLiteral("subject:riv OR body:blank") << none;
        QTest::newRow("caret is not an anchor") << QStringLiteral("^riv") << river;
        QTest::newRow("parentheses") << QStringLiteral("(riv)") << river;
        QTest::newRow("stray quote") << QStringLiteral("riv\"") << river;
        QTest::newRow("star alone") << QStringLiteral("riv *") << river;
        QTest::newRow("plus") << QStringLiteral("+riv") << river;
    }

    void wordsAsTypedAreBeginnings()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        QVERIFY(add(QStringLiteral("river"),
            plainMail("Ola <ola@example.org>", "ann@example.org", "The river", "Sat, 01 Aug 2026 12:00:00 +0000",
                "Bring a blanket.")));
        QVERIFY(add(QStringLiteral("fest"),
            plainMail("ann@example.org", "bob@example.org", "Einladung", "Tue, 01 Sep 2026 12:00:00 +0000",
                "Zum Stra\xc3\x9f"
                "enfest am Samstag.")));
        QCOMPARE(findAsTyped(query), expected);
    }

    void wholeWordsStayWholeOutsideTheQuickSearch()
    {
        QVERIFY(add(QStringLiteral("river"),
            plainMail("Ola <ola@example.org>", "ann@example.org", "The river", "Sat, 01 Aug 2026 12:00:00 +0000",
                "Bring a blanket.")));
        QVERIFY(add(QStringLiteral("fest"),
            plainMail("ann@example.org", "bob@example.org", "Einladung", "Tue, 01 Sep 2026 12:00:00 +0000",
                "Zum Stra\xc3\x9f"
                "enfest am Samstag.")));
        QCOMPARE(find(QStringLiteral("riv")), QStringList());
        QCOMPARE(find(QStringLiteral("strasse")), QStringList { QStringLiteral("street") });
        QCOMPARE(find(QStringLiteral("strassenfest")), QStringList { QStringLiteral("fest") });
    }

    void quickSearchExpressionsQuoteEverything()
    {
        auto q = SearchQuery::parse(
            QStringLiteral("riv from:an -spa subject:\"two words\" is:unread \"a \"\"b \" NEAR(x \"still typ"),
            SearchQuery::Words::Prefixes);
        QVERIFY(q);
        QCOMPARE(q->include,
            QStringList({ QStringLiteral("\"riv\"*"), QStringLiteral("sender : \"an\"*"),
                QStringLiteral("subject : \"two words\""), QStringLiteral("\"a \""), QStringLiteral("\"b \""),
                QStringLiteral("\"NEAR(x\"*"), QStringLiteral("\"still typ\"*") }));
        QCOMPARE(q->exclude, QStringList { QStringLiteral("\"spa\"*") });
        QCOMPARE(q->unread, std::optional<bool>(true));
    }

    void fieldFilters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("subject") << QStringLiteral("subject:report")
                                 << QStringList { QStringLiteral("numbers"), QStringLiteral("report") };
        QTest::newRow("subject excludes body") << QStringLiteral("subject:invoice") << QStringList();
        QTest::newRow("from name") << QStringLiteral("from:zoe") << QStringList { QStringLiteral("cafe") };
        QTest::newRow("from folded name") << QStringLiteral("from:muller") << QStringList { QStringLiteral("cafe") };
        QTest::newRow("from address") << QStringLiteral("from:bob@example.org")
                                      << QStringList { QStringLiteral("report") };
        QTest::newRow("from is not to") << QStringLiteral("from:dora") << QStringList();
        QTest::newRow("to") << QStringLiteral("to:dora") << QStringList { QStringLiteral("numbers") };
        QTest::newRow("cc") << QStringLiteral("cc:eve") << QStringList { QStringLiteral("numbers") };
        QTest::newRow("quoted field value") << QStringLiteral("from:\"zoë müller\"")
                                            << QStringList { QStringLiteral("cafe") };
        QTest::newRow("has:attachment") << QStringLiteral("has:attachment") << QStringList { QStringLiteral("report") };
        QTest::newRow("-has:attachment")
            << QStringLiteral("-has:attachment")
            << QStringList { QStringLiteral("street"), QStringLiteral("numbers"), QStringLiteral("news"),
                   QStringLiteral("cafe") };
        QTest::newRow("is:read") << QStringLiteral("is:read") << QStringList { QStringLiteral("cafe") };
        QTest::newRow("is:unread") << QStringLiteral("is:unread subject:report")
                                   << QStringList { QStringLiteral("numbers"), QStringLiteral("report") };
        QTest::newRow("is:flagged") << QStringLiteral("is:flagged") << QStringList { QStringLiteral("news") };
        QTest::newRow("after") << QStringLiteral("after:2026-05-21")
                               << QStringList { QStringLiteral("street"), QStringLiteral("numbers") };
        QTest::newRow("before") << QStringLiteral("before:2026-04-01") << QStringList { QStringLiteral("cafe") };
        QTest::newRow("between") << QStringLiteral("after:2026-04-01 before:2026-05-31")
                                 << QStringList { QStringLiteral("news"), QStringLiteral("report") };
        QTest::newRow("combined") << QStringLiteral("report is:unread has:attachment after:2026-01-01")
                                  << QStringList { QStringLiteral("report") };
    }

    void fieldFilters()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        QCOMPARE(find(query), expected);
    }

    void hostileQueriesNeverBreakTheStore_data()
    {
        QTest::addColumn<QString>("query");
        for (const char *q : { "\"", "\"\"", "*", "**", "AND", "OR NOT", "NOT", "(", ")", "NEAR(a b)", "a NEAR/2 b",
                 "subject:", ":", "a:b:c", "-", "--x", "\"unterminated", "^start", "col:umn", "{subject}: x",
                 "subject:\"", "from:*", "x\"y\"z", "'; DROP TABLE messages; --", "\xe2\x9c\x89\xef\xb8\x8f",
                 "\xf0\x9f\x93\xa7 mail", "+1", "a - b", "\\", "%_%", "is:", "folder:", "before:" })
            QTest::newRow(q) << QString::fromUtf8(q);
        QTest::newRow("nul") << QString(QChar(0));
        QTest::newRow("nul inside a word") << QStringLiteral("ab") + QChar(0) + QStringLiteral("cd");
        QTest::newRow("long") << QString(5000, QLatin1Char('a'));
        QTest::newRow("many terms") << QStringLiteral("x ").repeated(500);
    }

    void hostileQueriesNeverBreakTheStore()
    {
        QFETCH(QString, query);
        auto r = m_store->search(query);
        QVERIFY2(r || r.error().code == ErrorCode::SearchSyntax, qPrintable(r.error().technicalDescription()));
        // Typed into the quick search, where every word becomes a beginning.
        auto typed = SearchQuery::parse(query, SearchQuery::Words::Prefixes);
        if (typed) {
            auto found = m_store->search(*typed);
            QVERIFY2(found, qPrintable(found.error().technicalDescription()));
        } else {
            QCOMPARE(typed.error().code, ErrorCode::SearchSyntax);
        }
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
    }

    void wordsBeyondTheBasicPlane()
    {
        // 𠮷 is one UTF-16 surrogate pair: still a word, never "no term".
        QVERIFY(add(QStringLiteral("cjk"),
            plainMail("ann@example.org", "bob@example.org", "=?utf-8?b?8KCut+mHjuWutg==?=",
                "Thu, 02 Jul 2026 12:00:00 +0000", "menu")));
        QCOMPARE(find(QStringLiteral("𠮷野家")), QStringList { QStringLiteral("cjk") });
        QCOMPARE(find(QStringLiteral("𠮷")), QStringList());
        QCOMPARE(find(QStringLiteral("ab") + QChar(0) + QStringLiteral("cd")), QStringList());
    }

    void resultsAreNewestFirstAndPaged()
    {
        auto all = m_store->search(QString(), 0, 0, 100);
        QVERIFY(all);
        QCOMPARE(all->size(), 5);
        for (qsizetype i = 1; i < all->size(); ++i)
            QVERIFY(all->at(i - 1).date >= all->at(i).date);
        auto page = m_store->search(QString(), 0, 2, 2);
        QVERIFY(page);
        QCOMPARE(page->size(), 2);
        QCOMPARE(page->at(0).id, all->at(2).id);
        QCOMPARE(page->at(1).id, all->at(3).id);
    }

    void theIndexFollowsEveryOperation()
    {
        const QStringList cafe { QStringLiteral("cafe") };
        const qint64 archive = m_store->ensureLocalFolder(QStringLiteral("Local/Archive")).value();
        // move
        QVERIFY(m_store->moveMessages({ m_ids.value(QStringLiteral("street")) }, archive));
        QCOMPARE(find(QStringLiteral("folder:Local/Archive")), QStringList { QStringLiteral("street") });
        QCOMPARE(find(QStringLiteral("strasse"), archive), QStringList { QStringLiteral("street") });
        QCOMPARE(find(QStringLiteral("strasse"), m_inbox), QStringList());
        // copy: the copy is found too, with its attachment name
        auto copies = m_store->copyMessages({ m_ids.value(QStringLiteral("report")) }, archive);
        QVERIFY(copies && copies->size() == 1);
        m_ids.insert(QStringLiteral("report-copy"), copies->first());
        QCOMPARE(find(QStringLiteral("budget")).size(), 2);
        QCOMPARE(find(QStringLiteral("budget folder:Local/Archive")), QStringList { QStringLiteral("report-copy") });
        // trash: out of a normal search, in a search of Trash
        QVERIFY(m_store->trashMessages({ m_ids.value(QStringLiteral("cafe")) }));
        QCOMPARE(find(QStringLiteral("cafe")), QStringList());
        QCOMPARE(find(QStringLiteral("folder:Trash cafe")), cafe);
        // flags
        QVERIFY(m_store->setFlags({ m_ids.value(QStringLiteral("numbers")) }, Flag::Flagged, 0));
        QCOMPARE(find(QStringLiteral("is:flagged")),
            QStringList({ QStringLiteral("numbers"), QStringLiteral("news") }));
        // permanent deletion removes it from the index as well
        QVERIFY(m_store->emptyTrash());
        QCOMPARE(find(QStringLiteral("folder:Trash cafe")), QStringList());
        QVERIFY(m_store->deleteMessagesPermanently({ m_ids.value(QStringLiteral("report-copy")) }));
        QCOMPARE(find(QStringLiteral("budget")), QStringList { QStringLiteral("report") });
        // deleting a folder sends its mail to Trash, still searchable there
        QVERIFY(m_store->deleteFolder(archive));
        QCOMPARE(find(QStringLiteral("folder:Trash strasse")), QStringList { QStringLiteral("street") });
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
        // reindex derives everything again; the index stays consistent
        QCOMPARE(m_store->reindex().value(), 4);
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
        QCOMPARE(find(QStringLiteral("invoi* budget")), QStringList { QStringLiteral("report") });
        QCOMPARE(find(QStringLiteral("smorrebrod")), QStringList { QStringLiteral("news") });
    }

    void newMessagesJoinTheIndexWithTheirTransaction()
    {
        // Several messages in one transaction: all found once it commits.
        QList<PreparedMessage> batch;
        for (const char *word : { "amethyst", "basalt", "cinnabar" }) {
            MessagePreparer::Input in;
            in.raw = plainMail("gem@example.org", "ann@example.org", word, "Thu, 02 Jul 2026 12:00:00 +0000",
                "mineral " + QByteArray(word));
            in.folderId = m_inbox;
            batch << MessagePreparer::prepare(in).value();
        }
        auto ids = m_store->insertMessages(batch);
        QVERIFY(ids);
        QCOMPARE(ids->size(), 3);
        QCOMPARE(find(QStringLiteral("mineral")).size(), 3);

        // A job that fails after storing a message leaves neither the
        // message nor an index entry, and the next job is not affected.
        auto failed = m_store->insertMessage(batch.first(), [](Database &, qint64) -> Poplar::Status {
            return Poplar::Error(ErrorCode::LocalWriteFailed, QStringLiteral("disk full"));
        });
        QVERIFY(!failed);
        QCOMPARE(find(QStringLiteral("amethyst")).size(), 1);

        // A job that stores a message and removes it again before it
        // commits (as a fetch may): the index is left alone.
        MessagePreparer::Input in;
        in.raw = plainMail("gem@example.org", "ann@example.org", "dolomite", "Thu, 02 Jul 2026 13:00:00 +0000",
            "fleeting");
        in.folderId = m_inbox;
        auto gone = m_store->insertMessage(MessagePreparer::prepare(in).value(), [](Database &db, qint64 id) {
            return db.exec(QStringLiteral("DELETE FROM messages WHERE id = ?"), { id });
        });
        QVERIFY(gone);
        QCOMPARE(find(QStringLiteral("fleeting")), QStringList());
        QCOMPARE(find(QStringLiteral("mineral")).size(), 3);
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
    }

    void waitingMessagesAreFoundAndSafeToChange()
    {
        using PoplarTest::waitingForIndex;
        QVERIFY(m_store->catchUpSearchIndex());
        const qint64 archive = m_store->ensureLocalFolder(QStringLiteral("Local/Archive")).value();
        // As while a fetch runs: stored, not indexed.
        IndexingHold hold = m_store->holdIndexing();
        for (const char *word : { "olivine", "pyrite", "quartz", "rutile" }) {
            QVERIFY(add(QString::fromLatin1(word),
                plainMail("gem@example.org", "ann@example.org", word, "Thu, 02 Jul 2026 12:00:00 +0000",
                    "crystal " + QByteArray(word))));
        }
        QCOMPARE(waitingForIndex(*m_store), 4);
        // Everything a user may do to them meanwhile leaves the index whole
        // (FTS5 cannot remove an entry it never held).
        QVERIFY(m_store->deleteMessagesPermanently({ m_ids.value(QStringLiteral("pyrite")) }));
        MessagePreparer::Input in;
        in.raw = plainMail("gem@example.org", "ann@example.org", "smoky", "Thu, 02 Jul 2026 12:00:00 +0000",
            "citrine after all");
        in.folderId = m_inbox;
        const PreparedMessage replacement = MessagePreparer::prepare(in).value();
        QVERIFY(m_store->write([&](Database &db) {
            return MailStore::replaceContent(db, m_ids.value(QStringLiteral("quartz")), replacement);
        }));
        QVERIFY(m_store->moveMessages({ m_ids.value(QStringLiteral("rutile")) }, archive));
        auto copies = m_store->copyMessages({ m_ids.value(QStringLiteral("olivine")) }, archive);
        QVERIFY(copies && copies->size() == 1);
        m_ids.insert(QStringLiteral("olivine-copy"), copies->first());
        QVERIFY(m_store->setFlags({ m_ids.value(QStringLiteral("olivine")) }, Flag::Seen, 0));
        QCOMPARE(waitingForIndex(*m_store), 4);
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
        // A search finds them as they are now, the hold notwithstanding.
        QCOMPARE(find(QStringLiteral("crystal")),
            QStringList({ QStringLiteral("olivine-copy"), QStringLiteral("rutile"), QStringLiteral("olivine") }));
        QCOMPARE(waitingForIndex(*m_store), 0);
        QCOMPARE(find(QStringLiteral("pyrite")), QStringList());
        QCOMPARE(find(QStringLiteral("quartz")), QStringList());
        QCOMPARE(find(QStringLiteral("smoky citrine")), QStringList { QStringLiteral("quartz") });
        QCOMPARE(find(QStringLiteral("rutile"), archive), QStringList { QStringLiteral("rutile") });
        QCOMPARE(find(QStringLiteral("olivine is:read")), QStringList { QStringLiteral("olivine") });
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
    }

    void theIdleWriterIndexesWhatWaits()
    {
        auto indexedWith = [this](const char *word) {
            auto n = m_store->readValue([word](Database &db) {
                return db.scalar(QStringLiteral("SELECT count(*) FROM message_search WHERE message_search MATCH ?"),
                    { QString::fromLatin1(word) });
            });
            return n ? n->toInt() : -1;
        };
        QVERIFY(m_store->catchUpSearchIndex());  // what init() stored
        IndexingHold hold = m_store->holdIndexing();
        // More than one indexing transaction's worth.
        QList<PreparedMessage> batch;
        for (int i = 0; i < SearchIndex::SliceMessages + 10; ++i) {
            MessagePreparer::Input in;
            in.raw = plainMail("gem@example.org", "ann@example.org", "garnet", "Thu, 02 Jul 2026 12:00:00 +0000",
                "almandine " + QByteArray::number(i));
            in.folderId = m_inbox;
            batch << MessagePreparer::prepare(in).value();
        }
        QVERIFY(m_store->insertMessages(batch));
        QCOMPARE(PoplarTest::waitingForIndex(*m_store), int(batch.size()));
        QCOMPARE(indexedWith("almandine"), 0);
        // Once nothing holds it off, the writer indexes them by itself, no
        // search needed.
        hold.release();
        QTRY_COMPARE(PoplarTest::waitingForIndex(*m_store), 0);
        QCOMPARE(indexedWith("almandine"), int(batch.size()));
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
    }

    void aDamagedIndexIsReported()
    {
        QVERIFY(m_store->catchUpSearchIndex());
        // Remove a message's text behind the index's back (the triggers are
        // what keep them in step): the check must notice.
        QVERIFY(m_store->write([](Database &db) -> Poplar::Status {
            if (auto st = db.exec(QStringLiteral("DROP TRIGGER message_text_bd")); !st)
                return st;
            return db.exec(QStringLiteral("DELETE FROM message_text WHERE message_id = (SELECT min(message_id) "
                                          "FROM message_text)"));
        }));
        auto problems = m_store->integrityCheck();
        QVERIFY(problems);
        QVERIFY2(problems->size() == 2 && problems->last().startsWith(QStringLiteral("search index:")),
            qPrintable(problems->join(QLatin1Char('|'))));
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
