// Tests for core_mime (Mime::parseMessage and friends): one fixture per edge
// case under tests/data/mail, asserted with exact decoded values, plus
// hostile inputs generated here (1 MB header line, 1,000-deep nesting,
// random bytes, 10 MB of HTML garbage), a zero-copy check and concurrent use.

#include "mime/Charset.h"
#include "mime/ContentId.h"
#include "mime/FileName.h"
#include "mime/HtmlText.h"
#include "mime/MailtoUrl.h"
#include "mime/MessageParser.h"
#include "mime/MimeTypes.h"
#include "mime/Protection.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <sys/mman.h>

#include <atomic>
#include <cstring>
#include <thread>

using namespace Mime;
using namespace Qt::StringLiterals;

namespace {

QString dataPath(const QString &name)
{
    return QStringLiteral(POPLAR_TEST_DATA "/mail/") + name;
}

QByteArray fixture(const QString &name)
{
    QFile f(dataPath(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

QStringList fixtureNames()
{
    QStringList names;
    const QString dir = QStringLiteral(POPLAR_TEST_DATA "/mail");
    for (const QString &n : QDir(dir).entryList({ QStringLiteral("*.eml") }, QDir::Files, QDir::Name))
        names.append(n);
    return names;
}

QStringList addresses(const QList<Address> &list)
{
    QStringList out;
    for (const Address &a : list)
        out.append(a.name + QLatin1Char('|') + a.address);
    return out;
}

QString attachmentRow(const AttachmentInfo &a)
{
    return QStringLiteral("%1|%2|%3|%4|%5|%6|%7")
        .arg(a.partIndex)
        .arg(a.fileName, a.originalName, QString::fromLatin1(a.mimeType))
        .arg(a.size)
        .arg(QString::fromLatin1(a.contentId))
        .arg(a.inlinePart ? 1 : 0);
}

// Everything a parse produced, for comparing two parses.
QString describe(const ParsedMessage &m)
{
    QStringList parts { QString::number(m.headersParsed), m.subject, addresses(m.from).join(u','),
        addresses(m.to).join(u','), addresses(m.cc).join(u','), addresses(m.replyTo).join(u','),
        m.date.toString(Qt::ISODate), QString::fromLatin1(m.messageId), QString::fromLatin1(m.inReplyTo),
        QString::fromLatin1(m.references.join(' ')), m.listId, m.textBody, m.htmlBody, m.warnings.join(u';') };
    for (const AttachmentInfo &a : m.attachments)
        parts.append(attachmentRow(a));
    return parts.join(QChar(0x1F));
}

const QByteArray kPdf = QByteArrayLiteral("%PDF-1.4\n% fake pdf for tests\n1 0 obj <<>> endobj\n%%EOF\n");

QByteArray pngBytes()
{
    QByteArray png = QByteArrayLiteral("\x89PNG\r\n\x1a\n");
    for (int i = 0; i < 64; ++i)
        png.append(char(i));
    return png;
}

qint64 procStatusKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray wanted = QByteArray(key) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(wanted))
            return line.mid(wanted.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

QByteArray deepMultipart(int depth)
{
    QByteArray m = "From: a@example.org\nSubject: deep\nMIME-Version: 1.0\n"
                   "Content-Type: multipart/mixed; boundary=b0\n\n";
    for (int i = 0; i < depth - 1; ++i)
        m += "--b" + QByteArray::number(i) + "\nContent-Type: multipart/mixed; boundary=b" + QByteArray::number(i + 1)
            + "\n\n";
    m += "--b" + QByteArray::number(depth - 1) + "\nContent-Type: text/plain\n\nhello\n--b"
        + QByteArray::number(depth - 1) + "--\n";
    for (int i = depth - 2; i >= 0; --i)
        m += "--b" + QByteArray::number(i) + "--\n";
    return m;
}

}  // namespace

class TestMime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Runs first so earlier tests cannot have raised the peak RSS.
    void zeroCopyLargeMessage()
    {
        // 50 MB: a text part and a base64 attachment of ~50 MB encoded.
        QByteArray raw;
        raw.reserve(52 * 1024 * 1024);
        raw += "From: big@example.org\nSubject: Big\nMIME-Version: 1.0\n"
               "Content-Type: multipart/mixed; boundary=big\n\n--big\nContent-Type: text/plain\n\nsmall body\n"
               "--big\nContent-Type: application/octet-stream; name=\"big.bin\"\n"
               "Content-Transfer-Encoding: base64\n\n";
        const QByteArray line = QByteArray(57, 'x').toBase64() + '\n';
        while (raw.size() < 50 * 1024 * 1024)
            raw += line;
        raw += "--big--\n";
        const qint64 lines = (raw.size() / line.size());
        QVERIFY(lines > 0);

        const QByteArray before = QCryptographicHash::hash(raw, QCryptographicHash::Sha1);
        (void)parseMessage(raw.first(4096));  // one-time initialisation outside the measurement
        const bool canReset = resetPeakRss();
        const qint64 baseKb = canReset ? procStatusKb("VmRSS") : procStatusKb("VmHWM");
        QElapsedTimer timer;
        timer.start();
        const ParsedMessage m = parseMessage(raw);
        const qint64 peakKb = procStatusKb("VmHWM");
        qInfo("50 MB message parsed in %lld ms; peak RSS grew by %lld KiB (clear_refs %s)", timer.elapsed(),
            peakKb - baseKb, canReset ? "used" : "unavailable");
        QCOMPARE(m.textBody, QStringLiteral("small body"));
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments[0].fileName, QStringLiteral("big.bin"));
        QVERIFY(m.attachments[0].size > 36 * 1024 * 1024);
        QCOMPARE(m.attachments[0].size % 57, 0);
        // A copy of the message alone would add 50 MB.
        if (baseKb > 0 && peakKb > 0)
            QVERIFY2(peakKb - baseKb < 20 * 1024, qPrintable(QString::number(peakKb - baseKb)));
        QCOMPARE(QCryptographicHash::hash(raw, QCryptographicHash::Sha1), before);  // caller's bytes untouched
    }

    void readOnlyBufferIsNeverWritten()
    {
        const QByteArray raw = fixture(QStringLiteral("related-html-with-cid-image.eml"));
        const size_t len = size_t(raw.size());
        void *map = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        QVERIFY(map != MAP_FAILED);
        std::memcpy(map, raw.constData(), len);
        QCOMPARE(mprotect(map, len, PROT_READ), 0);  // any write would now crash
        const QByteArrayView view(static_cast<const char *>(map), qsizetype(len));
        const ParsedMessage m = parseMessage(view);
        QCOMPARE(m.subject, QStringLiteral("Newsletter with logo"));
        QCOMPARE(partByContentId(view, "logo@example.org")->data, pngBytes());
        QCOMPARE(extractPart(view, 3)->size(), 14);
        munmap(map, len);
    }

    void headers_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("headersParsed");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QStringList>("from");
        QTest::addColumn<QStringList>("to");
        QTest::addColumn<QStringList>("cc");
        QTest::addColumn<QStringList>("replyTo");
        QTest::addColumn<QString>("date");
        QTest::addColumn<QByteArray>("messageId");
        QTest::addColumn<QByteArray>("inReplyTo");
        QTest::addColumn<QByteArrayList>("references");
        QTest::addColumn<QString>("listId");

        auto row = [](const char *file) -> QTestData & { return QTest::newRow(file) << QString::fromLatin1(file); };
        const QStringList none;
        row("rfc2047-subject-mixed-charsets.eml")
            << true << QStringLiteral("Grüße aus €uro und Привет")
            << QStringList { QStringLiteral("André Pirard|pirard@example.be") }
            << QStringList { QStringLiteral("Jörg|joerg@example.de"), QStringLiteral("Plain Name|plain@example.org") }
            << none << none << QStringLiteral("2003-07-01T08:52:37Z") << QByteArray("mixed.1@example.org")
            << QByteArray() << QByteArrayList() << QString();
        row("eight-bit-headers-latin1.eml")
            << true << QStringLiteral("Grüße aus Köln")
            << QStringList { QStringLiteral("Jörg Müller|joerg@example.de") }
            << QStringList { QStringLiteral("Renée|renee@example.fr") } << none << none
            << QStringLiteral("2024-10-05T08:00:00Z") << QByteArray() << QByteArray() << QByteArrayList() << QString();
        row("eight-bit-headers-utf8.eml")
            << true << QStringLiteral("Привет мир") << QStringList { QStringLiteral("Иван Петров|ivan@example.ru") }
            << none << none << none << QString() << QByteArray() << QByteArray() << QByteArrayList() << QString();
        row("mixed-with-pdf-attachment.eml")
            << true << QStringLiteral("Report attached") << QStringList { QStringLiteral("Carol|carol@example.org") }
            << QStringList { QStringLiteral("Dave|dave@example.org") }
            << QStringList { QStringLiteral("Eve|eve@example.org"), QStringLiteral("|frank@example.org") }
            << QStringList { QStringLiteral("|replies@example.org") } << QStringLiteral("2024-10-07T16:45:10Z")
            << QByteArray("pdf.1@example.org") << QByteArray() << QByteArrayList() << QString();
        row("address-groups.eml") << true << QStringLiteral("Groups")
                                  << QStringList { QStringLiteral("Doe, John|john.doe@example.org") } << none
                                  << QStringList { QStringLiteral("|a@example.org"),
                                         QStringLiteral("B Person|b@example.org"), QStringLiteral("|c@example.org") }
                                  << QStringList { QStringLiteral("|reply@example.org") }
                                  << QStringLiteral("2024-10-09T07:30:00Z") << QByteArray() << QByteArray()
                                  << QByteArrayList() << QString();
        row("threading-headers.eml") << true << QStringLiteral("Re: Threading")
                                     << QStringList { QStringLiteral("|x@example.org") } << none << none << none
                                     << QString() << QByteArray("child.3@example.org")
                                     << QByteArray("parent.2@example.org")
                                     << QByteArrayList { "root.1@example.org", "parent.2@example.org" }
                                     << QStringLiteral("dev.lists.example.org");
        row("list-id-without-brackets.eml")
            << true << QStringLiteral("List") << QStringList { QStringLiteral("|x@example.org") } << none << none
            << none << QString() << QByteArray("bare-id@example.org") << QByteArray() << QByteArrayList()
            << QStringLiteral("announce.example.org");
        row("date-garbage.eml") << true << QStringLiteral("Garbage date")
                                << QStringList { QStringLiteral("|x@example.org") } << none << none << none << QString()
                                << QByteArray() << QByteArray() << QByteArrayList() << QString();
        row("date-absurd-year.eml") << true << QStringLiteral("Absurd year")
                                    << QStringList { QStringLiteral("|x@example.org") } << none << none << none
                                    << QString() << QByteArray() << QByteArray() << QByteArrayList() << QString();
        row("mbox-from-line.eml") << true << QStringLiteral("Mbox first line")
                                  << QStringList { QStringLiteral("|sender@example.org") } << none << none << none
                                  << QStringLiteral("2024-01-01T00:00:00Z") << QByteArray() << QByteArray()
                                  << QByteArrayList() << QString();
        row("crlf-line-endings.eml") << true << QStringLiteral("CRLF")
                                     << QStringList { QStringLiteral("|crlf@example.org") } << none << none << none
                                     << QStringLiteral("2024-10-09T06:00:00Z") << QByteArray() << QByteArray()
                                     << QByteArrayList() << QString();
        // GMime reads header values as C strings: a NUL ends the value.
        row("nul-bytes.eml") << true << QStringLiteral("Before") << QStringList { QStringLiteral("|nul@example.org") }
                             << none << none << none << QString() << QByteArray() << QByteArray() << QByteArrayList()
                             << QString();
        row("iso-2022-jp-body.eml") << true << QStringLiteral("こんにちは")
                                    << QStringList { QStringLiteral("|x@example.org") } << none << none << none
                                    << QString() << QByteArray() << QByteArray() << QByteArrayList() << QString();
        row("no-headers.eml") << false << QString() << none << none << none << none << QString() << QByteArray()
                              << QByteArray() << QByteArrayList() << QString();
        row("empty-message.eml") << false << QString() << none << none << none << none << QString() << QByteArray()
                                 << QByteArray() << QByteArrayList() << QString();
    }

    void headers()
    {
        QFETCH(QString, file);
        const QByteArray raw = fixture(file);
        for (const ParseDepth depth : { ParseDepth::Full, ParseDepth::HeadersOnly }) {
            const ParsedMessage m = parseMessage(raw, depth);
            QTEST(m.headersParsed, "headersParsed");
            QTEST(m.subject, "subject");
            QTEST(addresses(m.from), "from");
            QTEST(addresses(m.to), "to");
            QTEST(addresses(m.cc), "cc");
            QTEST(addresses(m.replyTo), "replyTo");
            QTEST(m.date.toString(Qt::ISODate), "date");
            if (m.date.isValid())
                QCOMPARE(m.date.timeSpec(), Qt::UTC);
            QTEST(m.messageId, "messageId");
            QTEST(m.inReplyTo, "inReplyTo");
            QTEST(QByteArrayList(m.references), "references");
            QTEST(m.listId, "listId");
            if (depth == ParseDepth::HeadersOnly) {
                QVERIFY(m.textBody.isEmpty());
                QVERIFY(m.htmlBody.isEmpty());
                QVERIFY(m.attachments.isEmpty());
            }
        }
    }

    void dates_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("utc");
        QTest::newRow("negative offset") << QByteArray("Tue, 08 Oct 2024 23:30:00 -0800")
                                         << QStringLiteral("2024-10-09T07:30:00Z");
        QTest::newRow("half-hour offset")
            << QByteArray("Wed, 9 Oct 2024 10:00:00 +0530") << QStringLiteral("2024-10-09T04:30:00Z");
        QTest::newRow("named zone") << QByteArray("Wed, 9 Oct 2024 10:00:00 EST")
                                    << QStringLiteral("2024-10-09T15:00:00Z");
        QTest::newRow("two-digit year") << QByteArray("Tue, 1 Jul 03 10:52:37 +0200")
                                        << QStringLiteral("2003-07-01T08:52:37Z");
        QTest::newRow("no weekday") << QByteArray("1 Jul 2003 10:52:37 +0000")
                                    << QStringLiteral("2003-07-01T10:52:37Z");
        QTest::newRow("epoch") << QByteArray("Thu, 01 Jan 1970 00:00:00 +0000")
                               << QStringLiteral("1970-01-01T00:00:00Z");
        QTest::newRow("before 1970") << QByteArray("Wed, 31 Dec 1969 23:59:59 +0000") << QString();
        QTest::newRow("year 1900") << QByteArray("Mon, 1 Jan 1900 00:00:00 +0000") << QString();
        QTest::newRow("past 9999 in UTC") << QByteArray("Fri, 31 Dec 9999 23:59:59 -1200") << QString();
        QTest::newRow("garbage") << QByteArray("yesterday-ish") << QString();
        QTest::newRow("empty") << QByteArray("") << QString();
        QTest::newRow("huge numbers") << QByteArray("99999999999 Jan 99999999999 99:99:99 +9999") << QString();
    }

    void dates()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, utc);
        const ParsedMessage m = parseMessage(QByteArray("Subject: d\nDate: " + header + "\n\nbody\n"));
        QCOMPARE(m.date.toString(Qt::ISODate), utc);
        QCOMPARE(m.date.isValid(), !utc.isEmpty());
    }

    void bodies_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("plain");
        QTest::addColumn<QString>("snippet");

        auto row = [](const char *file) -> QTestData & { return QTest::newRow(file) << QString::fromLatin1(file); };
        row("alternative-plain-html.eml")
            << QStringLiteral("Hello Bob,\n\nthe café opens at 8.")
            << QStringLiteral("<html><body><p>Hello Bob,</p><p>the café opens at <b>8</b>.</p></body></html>")
            << QStringLiteral("Hello Bob,\n\nthe café opens at 8.")
            << QStringLiteral("Hello Bob, the café opens at 8.");
        row("related-html-with-cid-image.eml")
            << QStringLiteral("Our newsletter.")
            << QStringLiteral("<html><body><img src=\"cid:logo@example.org\"><img src=\"cid:bare@id\">"
                              "<p>Our newsletter.</p></body></html>")
            << QStringLiteral("Our newsletter.") << QStringLiteral("Our newsletter.");
        row("html-only.eml") << QString()
                             << QString::fromUtf8(
                                    fixture(QStringLiteral("html-only.eml"))
                                        .mid(fixture(QStringLiteral("html-only.eml")).indexOf("<!DOCTYPE")))
                             << QStringLiteral("Welcome\nFish & chips <3 été €A done\none\ntwo\na b")
                             << QStringLiteral("Welcome Fish & chips <3 été €A done one two a b");
        row("quoted-printable-utf8.eml") << QStringLiteral("Café € 5 = five, a softly broken line and a tab\tend.\n")
                                         << QString()
                                         << QStringLiteral("Café € 5 = five, a softly broken line and a tab\tend.\n")
                                         << QStringLiteral("Café € 5 = five, a softly broken line and a tab end.");
        row("wrong-charset-declared.eml")
            << QStringLiteral("Grüße aus Köln € 5\n") << QString() << QStringLiteral("Grüße aus Köln € 5\n")
            << QStringLiteral("Grüße aus Köln € 5");
        row("wrong-charset-latin1-label-utf8-bytes.eml")
            << QStringLiteral("Grüße aus Köln\n") << QString() << QStringLiteral("Grüße aus Köln\n")
            << QStringLiteral("Grüße aus Köln");
        row("unknown-charset.eml") << QStringLiteral("naïve café\n") << QString() << QStringLiteral("naïve café\n")
                                   << QStringLiteral("naïve café");
        row("eight-bit-headers-latin1.eml") << QStringLiteral("Schöne Grüße\n") << QString()
                                            << QStringLiteral("Schöne Grüße\n") << QStringLiteral("Schöne Grüße");
        row("iso-2022-jp-body.eml") << QStringLiteral("こんにちは\n") << QString() << QStringLiteral("こんにちは\n")
                                    << QStringLiteral("こんにちは");
        row("no-headers.eml") << QStringLiteral("Just some text\nwithout any headers.\n") << QString()
                              << QStringLiteral("Just some text\nwithout any headers.\n")
                              << QStringLiteral("Just some text without any headers.");
        row("broken-boundary.eml") << QStringLiteral("First part text.") << QString()
                                   << QStringLiteral("First part text.") << QStringLiteral("First part text.");
        row("multipart-without-boundary.eml") << QStringLiteral("Text that should still be readable.\n") << QString()
                                              << QStringLiteral("Text that should still be readable.\n")
                                              << QStringLiteral("Text that should still be readable.");
        row("bad-base64.eml") << QStringLiteral("Hello World") << QString() << QStringLiteral("Hello World")
                              << QStringLiteral("Hello World");
        row("nul-bytes.eml") << QStringLiteral("Line one with NUL\nLine two\n") << QString()
                             << QStringLiteral("Line one with NUL\nLine two\n")
                             << QStringLiteral("Line one with NUL Line two");
        row("mbox-from-line.eml") << QStringLiteral("Body line\n>From the archive\n") << QString()
                                  << QStringLiteral("Body line\n>From the archive\n")
                                  << QStringLiteral("Body line >From the archive");
        row("nested-message-rfc822.eml") << QStringLiteral("See the forwarded message.") << QString()
                                         << QStringLiteral("See the forwarded message.")
                                         << QStringLiteral("See the forwarded message.");
        row("crlf-line-endings.eml") << QStringLiteral("Line one\nLine two\n") << QString()
                                     << QStringLiteral("Line one\nLine two\n") << QStringLiteral("Line one Line two");
        row("inline-pdf-with-content-id.eml")
            << QString() << QStringLiteral("<html><body><p>Here is the contract.</p></body></html>")
            << QStringLiteral("Here is the contract.") << QStringLiteral("Here is the contract.");
        row("single-part-pdf.eml") << QString() << QString() << QString() << QString();
        row("empty-message.eml") << QString() << QString() << QString() << QString();
    }

    void bodies()
    {
        QFETCH(QString, file);
        const ParsedMessage m = parseMessage(fixture(file));
        QTEST(m.textBody, "text");
        QTEST(m.htmlBody, "html");
        QTEST(m.plainText(), "plain");
        QTEST(m.snippet(), "snippet");
        // What the store derives reads the same bodies.
        const ParsedMessage searchable = parseMessage(fixture(file), ParseDepth::Searchable);
        QCOMPARE(searchable.textBody, m.textBody);
        QCOMPARE(searchable.htmlBody, m.htmlBody);
        QCOMPARE(searchable.warnings, m.warnings);
    }

    void bodyLineEnds_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("text");
        QTest::newRow("CRLF") << QByteArray("one\r\ntwo\r\n") << QStringLiteral("one\ntwo\n");
        QTest::newRow("lone CR stays") << QByteArray("a\rb\r\n") << QStringLiteral("a\rb\n");
        QTest::newRow("CR CR LF") << QByteArray("a\r\r\nb") << QStringLiteral("a\r\nb");
        QTest::newRow("NUL between CR and LF") << QByteArray("a\r\0\nb", 6) << QStringLiteral("a\r\nb");
        QTest::newRow("NULs only") << QByteArray("\0a\0\0b\0", 6) << QStringLiteral("ab");
        QTest::newRow("CR at the end") << QByteArray("a\r") << QStringLiteral("a\r");
        QTest::newRow("no CR") << QByteArray("one\ntwo") << QStringLiteral("one\ntwo");
        static const char between[] = "first line\r\n\r\nthird \r line\r\nlast\0 one\r\n";
        QTest::newRow("lines between") << QByteArray(between, sizeof between - 1)
                                       << QStringLiteral("first line\n\nthird \r line\nlast one\n");
        QString many;
        QByteArray manyCrlf;
        for (int i = 0; i < 300; ++i) {
            const QByteArray line = "line " + QByteArray::number(i) + QByteArray(i % 90, 'x');
            manyCrlf += line + "\r\n";
            many += QString::fromLatin1(line) + u'\n';
        }
        QTest::newRow("300 lines") << manyCrlf << many;
    }

    void bodyLineEnds()
    {
        QFETCH(QByteArray, body);
        const QByteArray raw = "From: a@example.org\r\nContent-Type: text/plain; charset=utf-8\r\n"
                               "Content-Transfer-Encoding: base64\r\n\r\n"
            + body.toBase64() + "\r\n";
        QTEST(parseMessage(raw).textBody, "text");
    }

    // RFC 3676: a format=flowed text part reads as its paragraphs (what a
    // soft break split joins again, quotes kept apart); without the
    // parameter, the same lines stay as sent.
    void flowedTextReadsAsParagraphs_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("text");
        QTest::newRow("delsp=yes") << QByteArray("text/plain; charset=utf-8; format=flowed; delsp=yes")
                                   << u"Hello Ann, this line was cut twice by its writer.\n> A quote that went on.\n\n From\n-- \nBob"_s;
        QTest::newRow("DelSp absent") << QByteArray("text/plain; charset=utf-8; Format=Flowed")
                                      << u"Hello Ann, this line was  cut twice by its  writer.\n> A quote that  went on.\n\n From\n-- \nBob"_s;
        QTest::newRow("not flowed") << QByteArray("text/plain; charset=utf-8")
                                    << u"Hello Ann, this line was  \ncut twice by its  \nwriter.\n> A quote that  \n> went on.\n\n  From\n-- \nBob"_s;
    }

    void flowedTextReadsAsParagraphs()
    {
        QFETCH(QByteArray, contentType);
        const QByteArray raw = "From: a@example.org\r\nContent-Type: " + contentType
            + "\r\n\r\nHello Ann, this line was  \r\ncut twice by its  \r\nwriter.\r\n> A quote that  \r\n> went on.\r\n"
              "\r\n  From\r\n-- \r\nBob";
        QTEST(parseMessage(raw).textBody, "text");
        QTEST(parseMessage(raw, ParseDepth::Searchable).textBody, "text");
    }

    void attachments_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("rows");  // partIndex|fileName|originalName|mimeType|size|contentId|inline
        QTest::addColumn<bool>("hasAttachments");

        auto row = [](const char *file) -> QTestData & { return QTest::newRow(file) << QString::fromLatin1(file); };
        row("mixed-with-pdf-attachment.eml")
            << QStringList { QStringLiteral("1|report.pdf|report.pdf|application/pdf|56||0"),
                   QStringLiteral("2|attachment-2||application/octet-stream|8||0") }
            << true;
        row("rfc2231-filename-continuation.eml") << QStringList {
            QStringLiteral(
                "1|Übersicht der Ergebnisse 2024.pdf|Übersicht der Ergebnisse 2024.pdf|application/pdf|56||0"),
            QStringLiteral("2|résumé.txt|résumé.txt|text/plain|7||0")
        } << true;
        row("related-html-with-cid-image.eml")
            << QStringList { QStringLiteral("2|logo.png|logo.png|image/png|72|logo@example.org|1"),
                   QStringLiteral("3|attachment-2.gif||image/gif|14|bare@id|1") }
            << false;
        // An inline part with a Content-ID that the HTML never references is a
        // real attachment (Apple Mail sends PDFs like this).
        row("inline-pdf-with-content-id.eml")
            << QStringList { QStringLiteral("1|contract.pdf|contract.pdf|application/pdf|56|9F3A@example.org|0") }
            << true;
        row("nested-message-rfc822.eml") << QStringList { QStringLiteral("1|Inner subject.eml||message/rfc822|413||0") }
                                         << true;
        row("path-traversal-filename.eml")
            << QStringList { QStringLiteral("1|passwd|../../../etc/passwd|text/plain|1||0"),
                   QStringLiteral("2|evil.dll|..\\..\\windows\\system32\\evil.dll|application/octet-stream|1||0"),
                   QStringLiteral("3|attachment-3.txt|..|text/plain|1||0"),
                   QStringLiteral("4|shadow|/etc/shadow|application/pdf|1||0") }
            << true;
        row("reserved-windows-filename.eml") << QStringList { QStringLiteral("1|_CON.txt|CON.txt|text/plain|1||0"),
            QStringLiteral("2|_nul|nul|application/octet-stream|1||0"),
            QStringLiteral("3|_com1.tar.gz|com1.tar.gz|application/gzip|1||0"),
            QStringLiteral("4|_LPT9 .log|LPT9 .log|application/octet-stream|1||0"),
            QStringLiteral("5|CONSOLE.txt|CONSOLE.txt|text/plain|1||0") }
                                             << true;
        row("bidi-filename.eml") << QStringList { QStringLiteral("1|invoicegpj.exe|invoice\u202Egpj.exe|application/"
                                                                 "octet-stream|2||0"),
            QStringLiteral("2|report.pdf|re\u200Bport\uFEFF.pdf|application/pdf|3||0") }
                                 << true;
        row("uuencode-attachment.eml") << QStringList { QStringLiteral("1|cat.txt|cat.txt|text/plain|3||0") } << true;
        row("broken-boundary.eml") << QStringList {
            QStringLiteral("1|data.bin|data.bin|application/octet-stream|23||0")
        } << true;
        row("bad-base64.eml") << QStringList { QStringLiteral("1|junk.bin|junk.bin|application/octet-stream|0||0") }
                              << true;
        row("single-part-pdf.eml") << QStringList { QStringLiteral("0|attachment-1.pdf||application/pdf|56||0") }
                                   << true;
        row("long-filename.eml") << QStringList { QStringLiteral("1|") + QString(98, QChar(0xE4))
            + QStringLiteral(".pdf|") + QString(150, QChar(0xE4)) + QStringLiteral(".pdf|application/pdf|1||0") }
                                 << true;
        row("alternative-plain-html.eml") << QStringList() << false;
        row("html-only.eml") << QStringList() << false;
        row("no-headers.eml") << QStringList() << false;
        row("empty-message.eml") << QStringList() << false;
    }

    void attachments()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, rows);
        const QByteArray raw = fixture(file);
        const ParsedMessage m = parseMessage(raw);
        QStringList actual;
        for (const AttachmentInfo &a : m.attachments)
            actual.append(attachmentRow(a));
        QCOMPARE(actual, rows);
        QTEST(m.hasAttachments(), "hasAttachments");
        // The store's parse lists the same attachments, without counting their sizes.
        const ParsedMessage searchable = parseMessage(raw, ParseDepth::Searchable);
        QCOMPARE(searchable.attachments.size(), m.attachments.size());
        for (qsizetype i = 0; i < m.attachments.size(); ++i) {
            AttachmentInfo sized = searchable.attachments.at(i);
            QCOMPARE(sized.size, 0);
            sized.size = m.attachments.at(i).size;
            QCOMPARE(attachmentRow(sized), actual.at(i));
        }
        QCOMPARE(searchable.hasAttachments(), m.hasAttachments());
        QVERIFY(searchable.structure.isEmpty());
        for (const AttachmentInfo &a : m.attachments) {
            QVERIFY(!a.fileName.isEmpty());
            QVERIFY(!a.fileName.contains(QLatin1Char('/')) && !a.fileName.contains(QLatin1Char('\\')));
            QVERIFY(a.fileName.toUtf8().size() <= 200);
            const std::optional<QByteArray> data = extractPart(raw, a.partIndex);
            QVERIFY(data.has_value());
            QCOMPARE(qint64(data->size()), a.size);
        }
    }

    // Every fixture (including inputs the fuzzer found): what is listed can
    // be extracted with the listed size, and every name is safe.
    void attachmentSizeIsTheDecodedSize_data()
    {
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("base64, no padding") << QByteArray("base64") << QByteArray("QUJD\r\nREVG\r\n");
        QTest::newRow("base64, one =") << QByteArray("base64") << QByteArray("QUJDREU=\r\n");
        QTest::newRow("base64, two =") << QByteArray("base64") << QByteArray("QUJDRA==\r\n");
        QTest::newRow("base64, spaces and tabs") << QByteArray("base64") << QByteArray(" QUJD \t\r\n REVG\r\n");
        QTest::newRow("base64, long lines") << QByteArray("base64") << QByteArray(4096, 'A').append("\r\n");
        QTest::newRow("base64, junk inside") << QByteArray("base64") << QByteArray("QU!JD\r\nRE*VG\r\n");
        QTest::newRow("base64, text after padding") << QByteArray("base64") << QByteArray("QQ==QUJD\r\n");
        QTest::newRow("base64, truncated") << QByteArray("base64") << QByteArray("QUJDR\r\n");
        QTest::newRow("base64, empty") << QByteArray("base64") << QByteArray("\r\n");
        QTest::newRow("quoted-printable") << QByteArray("quoted-printable") << QByteArray("a=3Db=\r\nc\r\n");
        QTest::newRow("8bit") << QByteArray("8bit") << QByteArray("plain \xc3\xa9\r\n");
    }

    void attachmentSizeIsTheDecodedSize()
    {
        QFETCH(QByteArray, encoding);
        QFETCH(QByteArray, body);
        const QByteArray raw = "From: a@example.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
                               "boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\n"
                               "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; "
                               "filename=\"x.bin\"\r\nContent-Transfer-Encoding: "
            + encoding + "\r\n\r\n" + body + "--b--\r\n";
        const ParsedMessage m = parseMessage(raw);
        QCOMPARE(m.attachments.size(), 1);
        const std::optional<QByteArray> data = extractPart(raw, m.attachments.first().partIndex);
        QVERIFY(data);
        QCOMPARE(m.attachments.first().size, qint64(data->size()));
    }

    void everyFixtureIsConsistent()
    {
        for (const QString &name : fixtureNames()) {
            const QByteArray raw = fixture(name);
            const ParsedMessage m = parseMessage(raw);
            const ParsedMessage h = parseMessage(raw, ParseDepth::HeadersOnly);
            QCOMPARE(h.headersParsed, m.headersParsed);
            QCOMPARE(h.subject, m.subject);
            for (const AttachmentInfo &a : m.attachments) {
                const std::optional<QByteArray> data = extractPart(raw, a.partIndex);
                QVERIFY2(data.has_value(), qPrintable(name));
                QVERIFY2(qint64(data->size()) == a.size, qPrintable(name));
                QVERIFY(!a.fileName.isEmpty() && !a.fileName.contains(QLatin1Char('/')));
                if (!a.contentId.isEmpty())
                    QVERIFY2(partByContentId(raw, a.contentId).has_value(), qPrintable(name));
            }
        }
    }

    void extractedContent()
    {
        const QByteArray mixed = fixture(QStringLiteral("mixed-with-pdf-attachment.eml"));
        QCOMPARE(extractPart(mixed, 1), std::optional<QByteArray>(kPdf));
        QCOMPARE(extractPart(mixed, 2), std::optional<QByteArray>(QByteArray("\x00\x01\x02\x03\x04\x05\x06\x07", 8)));
        QCOMPARE(extractPart(mixed, 0), std::optional<QByteArray>(QByteArray("Please find the report attached.")));
        QVERIFY(!extractPart(mixed, 3).has_value());
        QVERIFY(!extractPart(mixed, -1).has_value());
        QVERIFY(!extractPart(QByteArray(), 0).has_value());

        QCOMPARE(extractPart(fixture(QStringLiteral("uuencode-attachment.eml")), 1),
            std::optional<QByteArray>(QByteArray("Cat")));
        QCOMPARE(extractPart(fixture(QStringLiteral("rfc2231-filename-continuation.eml")), 2),
            std::optional<QByteArray>(QByteArray("CV text")));
        QCOMPARE(extractPart(fixture(QStringLiteral("broken-boundary.eml")), 1),
            std::optional<QByteArray>(QByteArray("binary-ish\n--oute\nmore\n")));

        // message/rfc822 comes back as the embedded message, byte for byte.
        const QByteArray nested = fixture(QStringLiteral("nested-message-rfc822.eml"));
        const qsizetype begin = nested.indexOf("From: inner@example.org");
        const qsizetype end = nested.indexOf("\n--outer--");
        QVERIFY(begin > 0 && end > begin);
        QCOMPARE(extractPart(nested, 1), std::optional<QByteArray>(nested.mid(begin, end - begin)));
        // and it parses as a message of its own.
        const ParsedMessage inner = parseMessage(*extractPart(nested, 1));
        QCOMPARE(inner.subject, QStringLiteral("Inner subject"));
        QCOMPARE(inner.textBody, QStringLiteral("Inner text must not become the outer body."));
        QCOMPARE(inner.attachments.size(), 1);
        QCOMPARE(inner.attachments[0].fileName, QStringLiteral("inner.pdf"));
    }

    void contentIds_data()
    {
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<QByteArray>("mimeType");
        QTest::addColumn<int>("size");
        QTest::newRow("bare") << QByteArray("logo@example.org") << QByteArray("image/png") << 72;
        QTest::newRow("brackets") << QByteArray("<logo@example.org>") << QByteArray("image/png") << 72;
        QTest::newRow("cid url") << QByteArray("cid:logo@example.org") << QByteArray("image/png") << 72;
        QTest::newRow("percent-encoded") << QByteArray("cid:logo%40example.org") << QByteArray("image/png") << 72;
        QTest::newRow("case-insensitive") << QByteArray("LOGO@example.org") << QByteArray("image/png") << 72;
        QTest::newRow("id without brackets in header") << QByteArray("bare@id") << QByteArray("image/gif") << 14;
        QTest::newRow("unknown") << QByteArray("nope@example.org") << QByteArray() << -1;
        QTest::newRow("empty") << QByteArray("<>") << QByteArray() << -1;
    }

    void contentIds()
    {
        QFETCH(QByteArray, id);
        QFETCH(QByteArray, mimeType);
        QFETCH(int, size);
        const QByteArray raw = fixture(QStringLiteral("related-html-with-cid-image.eml"));
        const std::optional<InlinePart> part = partByContentId(raw, id);
        QCOMPARE(part.has_value(), size >= 0);
        if (part) {
            QCOMPARE(part->mimeType, mimeType);
            QCOMPARE(part->data.size(), size);
            if (mimeType == "image/png")
                QCOMPARE(part->data, pngBytes());
        }
    }

    void warnings_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("contains");
        QTest::newRow("wrong charset") << QStringLiteral("wrong-charset-declared.eml")
                                       << QStringLiteral("text is not valid utf-8; decoded as windows-1252");
        QTest::newRow("unknown charset") << QStringLiteral("unknown-charset.eml")
                                         << QStringLiteral("unknown charset x-made-up-charset");
        QTest::newRow("8-bit headers") << QStringLiteral("eight-bit-headers-latin1.eml")
                                       << QStringLiteral("unencoded 8-bit header (Subject)");
        QTest::newRow("no headers") << QStringLiteral("no-headers.eml")
                                    << QStringLiteral("no header block; the whole input was read as the body");
        QTest::newRow("empty") << QStringLiteral("empty-message.eml") << QStringLiteral("empty message");
        QTest::newRow("garbage date") << QStringLiteral("date-garbage.eml") << QStringLiteral("unparseable Date");
        QTest::newRow("truncated") << QStringLiteral("broken-boundary.eml") << QStringLiteral("truncated message");
        QTest::newRow("no boundary") << QStringLiteral("multipart-without-boundary.eml")
                                     << QStringLiteral("multipart without boundary");
    }

    void warnings()
    {
        QFETCH(QString, file);
        QFETCH(QString, contains);
        const QStringList w = parseMessage(fixture(file)).warnings;
        QVERIFY2(std::any_of(w.cbegin(), w.cend(), [&](const QString &s) { return s.contains(contains); }),
            qPrintable(w.join(u';')));
    }

    void cleanMessagesHaveNoWarnings()
    {
        for (const char *file :
            { "alternative-plain-html.eml", "mixed-with-pdf-attachment.eml", "related-html-with-cid-image.eml",
                "rfc2047-subject-mixed-charsets.eml", "quoted-printable-utf8.eml" }) {
            const ParsedMessage m = parseMessage(fixture(QString::fromLatin1(file)));
            QVERIFY2(
                m.warnings.isEmpty(), qPrintable(QString::fromLatin1(file) + QLatin1Char(':') + m.warnings.join(u';')));
        }
    }

    void fileParsingMatchesMemory()
    {
        const QStringList names = fixtureNames();
        QVERIFY(names.size() >= 30);
        for (const QString &name : names) {
            const QByteArray raw = fixture(name);
            for (const ParseDepth depth : { ParseDepth::Full, ParseDepth::HeadersOnly })
                QCOMPARE(describe(parseMessageFile(dataPath(name), depth)), describe(parseMessage(raw, depth)));
        }
        const ParsedMessage missing = parseMessageFile(QStringLiteral("/nonexistent/dir/x.eml"));
        QVERIFY(!missing.headersParsed);
        QCOMPARE(missing.warnings.size(), 1);
        QVERIFY(missing.warnings[0].startsWith(QStringLiteral("cannot open")));
        const ParsedMessage dir = parseMessageFile(QStringLiteral(POPLAR_TEST_DATA));
        QVERIFY(!dir.headersParsed);
    }

    void headersOnlyStopsAtHeaderBlock()
    {
        // Content after the header block is not looked at, however broken.
        QByteArray raw
            = "From: a@example.org\r\nSubject: only headers\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n";
        raw += QByteArray(1024 * 1024, '-');
        const ParsedMessage m = parseMessage(raw, ParseDepth::HeadersOnly);
        QVERIFY(m.headersParsed);
        QCOMPARE(m.subject, QStringLiteral("only headers"));
        QVERIFY2(m.warnings.isEmpty(), qPrintable(m.warnings.join(u';')));
        // A partial message (headers only, as from TOP n 0) parses the same way in Full.
        const ParsedMessage partial = parseMessage(raw.left(raw.indexOf("\r\n\r\n") + 4));
        QCOMPARE(partial.subject, QStringLiteral("only headers"));
        QVERIFY(partial.textBody.isEmpty());
    }

    void decodeHeaderText_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("decoded");
        QTest::newRow("plain") << QByteArray("Hello world") << QStringLiteral("Hello world");
        QTest::newRow("q utf-8") << QByteArray("=?UTF-8?Q?caf=C3=A9?=") << QStringLiteral("café");
        QTest::newRow("b utf-8") << QByteArray("=?utf-8?B?SsO2cmc=?=") << QStringLiteral("Jörg");
        QTest::newRow("adjacent words join") << QByteArray("=?utf-8?q?a?= =?utf-8?q?b?=") << QStringLiteral("ab");
        QTest::newRow("mixed charsets") << QByteArray("=?iso-8859-1?q?Gr=FC=DFe?= und =?koi8-r?b?8NLJ18XU?=")
                                        << QStringLiteral("Grüße und Привет");
        QTest::newRow("folded") << QByteArray("first\r\n second") << QStringLiteral("first second");
        QTest::newRow("raw latin-1") << QByteArray("K\xf6ln") << QStringLiteral("Köln");
        QTest::newRow("raw utf-8") << QByteArray("K\xc3\xb6ln") << QStringLiteral("Köln");
        QTest::newRow("unknown charset") << QByteArray("=?x-unknown?q?abc?=") << QStringLiteral("abc");
        QTest::newRow("broken encoded word")
            << QByteArray("=?utf-8?q?unterminated") << QStringLiteral("=?utf-8?q?unterminated");
        QTest::newRow("embedded in word (loose)") << QByteArray("foo=?utf-8?q?bar?=") << QStringLiteral("foobar");
        QTest::newRow("nul") << QByteArray("a\0b", 3) << QStringLiteral("a b");
        QTest::newRow("empty") << QByteArray() << QString();
    }

    void decodeHeaderText()
    {
        QFETCH(QByteArray, raw);
        QTEST(Mime::decodeHeaderText(raw), "decoded");
    }

    void sanitizeFileName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("fallback");
        QTest::addColumn<QString>("expected");
        const QString fb = QStringLiteral("attachment");
        auto row = [&](const char *tag, const QString &name, const QString &expected) {
            QTest::newRow(tag) << name << fb << expected;
        };
        row("ordinary", QStringLiteral("report.pdf"), QStringLiteral("report.pdf"));
        row("unicode kept", QStringLiteral("Übersicht 2024 – final.pdf"), QStringLiteral("Übersicht 2024 – final.pdf"));
        row("traversal", QStringLiteral("../../etc/passwd"), QStringLiteral("passwd"));
        row("windows traversal", QStringLiteral("..\\..\\boot.ini"), QStringLiteral("boot.ini"));
        row("drive path", QStringLiteral("C:\\Windows\\x.exe"), QStringLiteral("x.exe"));
        row("trailing separator", QStringLiteral("dir/"), fb);
        row("drive only", QStringLiteral("C:x.exe"), QStringLiteral("Cx.exe"));
        row("absolute", QStringLiteral("/etc/shadow"), QStringLiteral("shadow"));
        row("dot", QStringLiteral("."), fb);
        row("dotdot", QStringLiteral(".."), fb);
        row("dots", QStringLiteral("...."), fb);
        row("empty", QString(), fb);
        row("spaces", QStringLiteral("   "), fb);
        row("slash only", QStringLiteral("/"), fb);
        row("hidden file", QStringLiteral(".bashrc"), QStringLiteral("bashrc"));
        row("trailing dots and spaces", QStringLiteral("name. . ."), QStringLiteral("name"));
        row("leading spaces", QStringLiteral("  x.txt"), QStringLiteral("x.txt"));
        row("windows specials", QStringLiteral("a<b>c:d*e?f\"g|h"), QStringLiteral("abcdefgh"));
        row("controls", QStringLiteral("tab\there\nnew\rline\x7f") + QChar(0x85) + QChar(0x9F) + QChar(0x01),
            QStringLiteral("tabherenewline"));
        row("nul", QStringLiteral("a") + QChar(0) + QStringLiteral("b"), QStringLiteral("ab"));
        row("rlo spoof", QStringLiteral("invoice\u202Egpj.exe"), QStringLiteral("invoicegpj.exe"));
        row("zero width", QStringLiteral("\u200Bzero\u200Cwidth\u200D\u200E\u200F\uFEFF"), QStringLiteral("zerowidth"));
        row("isolates", QStringLiteral("\u2066iso\u2069late\u202A\u202B\u202C\u202D\u2067\u2068"),
            QStringLiteral("isolate"));
        row("CON", QStringLiteral("CON"), QStringLiteral("_CON"));
        row("con.txt", QStringLiteral("con.txt"), QStringLiteral("_con.txt"));
        row("Com9.tar.gz", QStringLiteral("Com9.tar.gz"), QStringLiteral("_Com9.tar.gz"));
        row("LPT1", QStringLiteral("LPT1"), QStringLiteral("_LPT1"));
        row("aux with trailing space", QStringLiteral("aux "), QStringLiteral("_aux"));
        row("nul with dots", QStringLiteral("nul.   "), QStringLiteral("_nul"));
        row("prn multi ext", QStringLiteral("prn.backup.zip"), QStringLiteral("_prn.backup.zip"));
        row("com superscript", QStringLiteral("COM\u00B9.txt"), QStringLiteral("_COM\u00B9.txt"));
        row("COM0 allowed", QStringLiteral("COM0"), QStringLiteral("COM0"));
        row("CONSOLE allowed", QStringLiteral("CONSOLE"), QStringLiteral("CONSOLE"));
        row("CON hidden behind slash", QStringLiteral("/CON"), QStringLiteral("_CON"));
        row("long ascii", QString(300, QLatin1Char('a')) + QStringLiteral(".pdf"),
            QString(196, QLatin1Char('a')) + QStringLiteral(".pdf"));
        row("long two-byte", QString(150, QChar(0xE4)) + QStringLiteral(".txt"),
            QString(98, QChar(0xE4)) + QStringLiteral(".txt"));
        QString emoji;
        for (int i = 0; i < 60; ++i)
            emoji += QStringLiteral("\U0001F600");
        QString emoji49;
        for (int i = 0; i < 49; ++i)
            emoji49 += QStringLiteral("\U0001F600");
        row("long emoji not split", emoji + QStringLiteral(".png"), emoji49 + QStringLiteral(".png"));
        row("long three-byte odd fit", QString(100, QChar(0x20AC)) + QStringLiteral(".pdf"),
            QString(65, QChar(0x20AC)) + QStringLiteral(".pdf"));
        row("long without extension", QString(250, QLatin1Char('b')), QString(200, QLatin1Char('b')));
        row("long with absurd extension",
            QString(250, QLatin1Char('c')) + QStringLiteral(".averyveryverylongextension"),
            QString(200, QLatin1Char('c')));
        row("lone surrogate", QString(QChar(0xD800)) + QStringLiteral("x") + QChar(0xDC00), QStringLiteral("x"));
        row("nfc", QStringLiteral("e\u0301.txt"), QStringLiteral("\u00E9.txt"));
        row("ideographic spaces", QStringLiteral("\u3000name\u3000"), QStringLiteral("name"));
        QTest::newRow("fallback used") << QStringLiteral("..") << QStringLiteral("attachment-3.pdf")
                                       << QStringLiteral("attachment-3.pdf");
        QTest::newRow("hostile fallback") << QStringLiteral("/") << QStringLiteral("../x") << QStringLiteral("x");
        QTest::newRow("nothing at all") << QString() << QString() << QStringLiteral("attachment");
    }

    void sanitizeFileName()
    {
        QFETCH(QString, name);
        QFETCH(QString, fallback);
        const QString result = Mime::sanitizeFileName(name, fallback);
        QTEST(result, "expected");
        QVERIFY(result.toUtf8().size() <= 200);
    }

    void sanitizeFileNameRandom()
    {
        QRandomGenerator rng(42);
        const char16_t alphabet[] = { u'a', u'.', u'/', u'\\', u' ', u':', u'\0', u'\x7f', u'\u202E', u'\u00E9',
            u'\xD83D', u'\xDE00', u'C', u'O', u'N', u'\uFEFF', u'\t' };
        for (int i = 0; i < 5000; ++i) {
            QString name;
            const int len = int(rng.bounded(300));
            for (int k = 0; k < len; ++k)
                name += QChar(alphabet[rng.bounded(int(std::size(alphabet)))]);
            const QString r = Mime::sanitizeFileName(name);
            QVERIFY(!r.isEmpty());
            QVERIFY(!r.contains(QLatin1Char('/')) && !r.contains(QLatin1Char('\\')) && !r.contains(QChar(0)));
            QVERIFY(r != QStringLiteral(".") && r != QStringLiteral(".."));
            QVERIFY(!r.startsWith(QLatin1Char('.')) && !r.endsWith(QLatin1Char('.')) && !r.endsWith(QLatin1Char(' ')));
            QVERIFY(r.toUtf8().size() <= 200);
            QVERIFY(QString::fromUtf8(r.toUtf8()) == r);  // no lone surrogates
            QCOMPARE(Mime::sanitizeFileName(r), r);       // idempotent
        }
    }

    void htmlToText_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("text");
        auto row
            = [](const char *tag, const QString &html, const QString &text) { QTest::newRow(tag) << html << text; };
        row("empty", QString(), QString());
        row("plain", QStringLiteral("plain text"), QStringLiteral("plain text"));
        row("paragraphs", QStringLiteral("<p>a</p><p>b</p>"), QStringLiteral("a\nb"));
        row("br variants", QStringLiteral("a<br>b<br/>c<BR />d"), QStringLiteral("a\nb\nc\nd"));
        row("divs", QStringLiteral("<div>x</div><div>y</div>"), QStringLiteral("x\ny"));
        row("script", QStringLiteral("<script>alert('<p>x</p>')</script>after"), QStringLiteral("after"));
        row("script case", QStringLiteral("<SCRIPT type=x>bad()</ScRiPt >ok"), QStringLiteral("ok"));
        row("script with fake close", QStringLiteral("<script>a</scripty>b</script>c"), QStringLiteral("c"));
        row("style", QStringLiteral("<style>p{}</style>visible"), QStringLiteral("visible"));
        row("head", QStringLiteral("<head><title>T</title></head><body>B</body>"), QStringLiteral("B"));
        row("comments", QStringLiteral("<!-- c --> x <!-- unterminated"), QStringLiteral("x"));
        row("comment hides tags", QStringLiteral("a<!-- <script> -->b"), QStringLiteral("ab"));
        row("doctype", QStringLiteral("<!DOCTYPE html><?xml x?>t"), QStringLiteral("t"));
        row("basic entities", QStringLiteral("a &amp; b &lt;&gt; &quot;q&quot; &apos;s&apos;"),
            QStringLiteral("a & b <> \"q\" 's'"));
        row("latin-1 entities", QStringLiteral("&eacute;&Eacute;&uuml;&szlig;&copy;&nbsp;x&yuml;&iexcl;"),
            QStringLiteral("éÉüß© xÿ¡"));
        row("numeric", QStringLiteral("&#65;&#x42;&#X43;&#68"), QStringLiteral("ABCD"));
        row("numeric invalid", QStringLiteral("&#0;&#xD800;&#1114112;&#99999999999999999999;"),
            QString(4, QChar(0xFFFD)));
        row("numeric astral", QStringLiteral("&#x1F600;"), QStringLiteral("\U0001F600"));
        row("numeric windows-1252", QStringLiteral("&#150;&#128;"), QStringLiteral("\u2013\u20AC"));
        row("not entities", QStringLiteral("&unknown; &amp & &#; &#x;"), QStringLiteral("&unknown; &amp & &#; &#x;"));
        row("soft hyphen", QStringLiteral("x&shy;y"), QStringLiteral("xy"));
        row("whitespace", QStringLiteral("  lots   of \n\n whitespace\t\there  "),
            QStringLiteral("lots of whitespace here"));
        row("newlines collapse", QStringLiteral("<p>para</p>\n\n\n<p></p><br><br><p>next</p>"),
            QStringLiteral("para\nnext"));
        row("list", QStringLiteral("<ul><li>one<li>two</ul>"), QStringLiteral("one\ntwo"));
        row("heading", QStringLiteral("<h1>T</h1>text<h6>U</h6>"), QStringLiteral("T\ntext\nU"));
        row("table", QStringLiteral("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
            QStringLiteral("a b\nc"));
        row("quoted >", QStringLiteral("<a href=\"x>y\" title='p>q'>link</a>"), QStringLiteral("link"));
        row("inline tags", QStringLiteral("wo<b>rd</b>s"), QStringLiteral("words"));
        row("less-than text", QStringLiteral("1 < 2 and 3 > 2"), QStringLiteral("1 < 2 and 3 > 2"));
        row("unterminated tag", QStringLiteral("x<unterminated tag"), QStringLiteral("x"));
        row("bracket soup", QStringLiteral("<<<>>>"), QStringLiteral("<<<>>>"));
        row("unterminated head keeps body", QStringLiteral("<head><title>x"), QStringLiteral("x"));
        row("unterminated script drops rest", QStringLiteral("a<script>never closed <p>text"), QStringLiteral("a"));
        row("img", QStringLiteral("<img src=x alt=y>word"), QStringLiteral("word"));
    }

    void htmlToText()
    {
        QFETCH(QString, html);
        QTEST(Mime::htmlToText(html), "text");
    }

    void htmlToTextGarbage()
    {
        // 10 MB of random markup-ish characters and a few pathological shapes:
        // each must finish in roughly linear time.
        QRandomGenerator rng(7);
        const char16_t alphabet[] = u"<<>&&;#x/!-\"'= \nabcdpscriptyleheadtitle0123456789";
        QString garbage(10 * 1024 * 1024, Qt::Uninitialized);
        for (QChar &c : garbage)
            c = QChar(alphabet[rng.bounded(int(std::size(alphabet) - 1))]);
        const QStringList inputs { garbage, QStringLiteral("<head>").repeated(1 << 20),
            QStringLiteral("<a x=\"").repeated(1 << 20),
            QStringLiteral("<script>") + QStringLiteral("</scrip").repeated(1 << 20),
            QStringLiteral("&#").repeated(1 << 21), QStringLiteral("&").repeated(1 << 22) + QStringLiteral("amp;"),
            QStringLiteral("<!-").repeated(1 << 21), QStringLiteral("<p").repeated(1 << 21) };
        for (const QString &input : inputs) {
            QElapsedTimer timer;
            timer.start();
            const QString text = Mime::htmlToText(input);
            QVERIFY(text.size() <= input.size());
            QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
        }
    }

    void snippet()
    {
        ParsedMessage m;
        m.textBody = QStringLiteral("  first\n\n\tsecond   third  ");
        QCOMPARE(m.snippet(), QStringLiteral("first second third"));
        QCOMPARE(m.snippet(5), QStringLiteral("first"));
        QCOMPARE(m.snippet(6), QStringLiteral("first"));
        QCOMPARE(m.snippet(0), QString());
        m.textBody = QStringLiteral("ab\U0001F600cd");
        QCOMPARE(m.snippet(3), QStringLiteral("ab"));  // never half a surrogate pair
        QCOMPARE(m.snippet(4), QStringLiteral("ab\U0001F600"));
        m.textBody = QStringLiteral(" \n ");
        m.htmlBody = QStringLiteral("<p>from html</p>");
        QCOMPARE(m.plainText(), QStringLiteral("from html"));
        QCOMPARE(m.snippet(), QStringLiteral("from html"));
        m.textBody = QString(5000, QLatin1Char('x'));
        QCOMPARE(m.snippet().size(), 200);
    }

    void addressDisplay()
    {
        QCOMPARE(
            (Address { QStringLiteral("Jörg"), QStringLiteral("j@x.de") }.display()), QStringLiteral("Jörg <j@x.de>"));
        QCOMPARE((Address { QString(), QStringLiteral("j@x.de") }.display()), QStringLiteral("j@x.de"));
        QCOMPARE((Address { QStringLiteral("Jörg"), QString() }.display()), QStringLiteral("Jörg"));
        QCOMPARE((Address {}.display()), QString());
    }

    void hugeHeaderLine()
    {
        const QByteArray longValue(1024 * 1024, 'a');
        QByteArray raw = "From: a@example.org\nX-Long: " + longValue + "\nSubject: " + longValue + "\nReferences: ";
        for (int i = 0; i < 40000; ++i)
            raw += "<id" + QByteArray::number(i) + "@example.org> ";
        raw += "\n\n" + longValue + "\n";
        QElapsedTimer timer;
        timer.start();
        const ParsedMessage m = parseMessage(raw);
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(m.headersParsed);
        QCOMPARE(m.subject.size(), longValue.size());
        QCOMPARE(m.references.size(), 40000);
        QCOMPARE(m.references.last(), QByteArray("id39999@example.org"));
        QCOMPARE(m.textBody.size(), longValue.size() + 1);
        QCOMPARE(parseMessage(raw, ParseDepth::HeadersOnly).subject.size(), longValue.size());
    }

    void hugeBodyIsCapped()
    {
        QByteArray raw = "Subject: big text\nContent-Type: text/plain; charset=utf-8\n\n";
        const QByteArray line = QByteArray("\xc3\xa9", 2).repeated(40) + '\n';
        while (raw.size() < 6 * 1024 * 1024)
            raw += line;
        const ParsedMessage m = parseMessage(raw);
        QVERIFY(m.textBody.toUtf8().size() <= 4 * 1024 * 1024);
        QVERIFY(m.textBody.size() > 2 * 1024 * 1024 - 100);
        QVERIFY(!m.textBody.endsWith(QChar(QChar::ReplacementCharacter)));
        QVERIFY(m.warnings.contains(QStringLiteral("text body cut at 4 MiB")));
        // extractPart is not capped.
        QCOMPARE(extractPart(raw, 0)->size(), raw.size() - raw.indexOf("\n\n") - 2);
    }

    void deepNesting_data()
    {
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("bodyReached");
        QTest::newRow("10") << 10 << true;
        QTest::newRow("64") << 64 << true;
        QTest::newRow("65") << 65 << false;
        QTest::newRow("1000") << 1000 << false;
        QTest::newRow("5000") << 5000 << false;
    }

    void deepNesting()
    {
        QFETCH(int, depth);
        QFETCH(bool, bodyReached);
        const QByteArray raw = deepMultipart(depth);
        QElapsedTimer timer;
        timer.start();
        const ParsedMessage m = parseMessage(raw);
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(m.headersParsed);
        QCOMPARE(m.subject, QStringLiteral("deep"));
        QCOMPARE(m.textBody, bodyReached ? QStringLiteral("hello") : QString());
        QVERIFY(m.attachments.isEmpty());
        QCOMPARE(
            m.warnings.contains(QStringLiteral("multipart nesting deeper than 64 levels was not read")), !bodyReached);
        QCOMPARE(extractPart(raw, 0).has_value(), bodyReached);
    }

    void deepMessageNesting()
    {
        QByteArray raw;
        for (int i = 0; i < 1000; ++i)
            raw += "Subject: level " + QByteArray::number(i) + "\nContent-Type: message/rfc822\n\n";
        raw += "Subject: innermost\n\nhello\n";
        QElapsedTimer timer;
        timer.start();
        const ParsedMessage m = parseMessage(raw);
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(m.subject, QStringLiteral("level 0"));
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments[0].mimeType, QByteArray("message/rfc822"));
        QCOMPARE(m.attachments[0].fileName, QStringLiteral("level 1.eml"));
        QVERIFY(extractPart(raw, 0).has_value());
    }

    void manyParts()
    {
        QByteArray raw = "Subject: many\nContent-Type: multipart/mixed; boundary=m\n\n";
        for (int i = 0; i < 10050; ++i)
            raw += "--m\nContent-Type: application/octet-stream\n\nx\n";
        raw += "--m--\n";
        const ParsedMessage m = parseMessage(raw);
        QCOMPARE(m.attachments.size(), 10000);
        QCOMPARE(m.attachments.last().partIndex, 9999);
        QCOMPARE(m.attachments.last().fileName, QStringLiteral("attachment-10000"));
        QVERIFY(m.warnings.contains(QStringLiteral("more than 10000 attachments; the rest are not listed")));
        QCOMPARE(extractPart(raw, 10049), std::optional<QByteArray>(QByteArray("x")));
    }

    void hostileInputs_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("only newline") << QByteArray("\n");
        QTest::newRow("only CRLF") << QByteArray("\r\n\r\n");
        QTest::newRow("only From line") << QByteArray("From nobody");
        QTest::newRow("From line and nothing") << QByteArray("From x Mon Jan 1\n");
        QTest::newRow("header without colon end") << QByteArray("Subject");
        QTest::newRow("colon only") << QByteArray(":\n\n:");
        QTest::newRow("NULs") << QByteArray(4096, '\0');
        QTest::newRow("binary high bytes") << QByteArray(4096, '\xff');
        QTest::newRow("boundary everywhere")
            << QByteArray("Content-Type: multipart/mixed; boundary=\"\"\n\n--\n--\n----\n");
        QTest::newRow("boundary is dashes")
            << QByteArray("Content-Type: multipart/mixed; boundary=--\n\n----\n------\n");
        QTest::newRow("nested without end")
            << QByteArray("Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/alternative; "
                          "boundary=a\n\n--a\n");
        QTest::newRow("rfc822 empty") << QByteArray("Content-Type: message/rfc822\n\n");
        QTest::newRow("rfc2231 garbage") << QByteArray(
            "Content-Type: application/x; name*0*=''%; name*99999999=x; name*1*=%zz%\n"
            "Content-Disposition: attachment; filename*=bogus-charset'en'%ff%fe\n\nx");
        QTest::newRow("encoded word storm")
            << QByteArray("Subject: " + QByteArray("=?utf-8?b?====?= ").repeated(20000) + "\n\n");
        QTest::newRow("many headers") << QByteArray("X-A: b\n").repeated(100000) + "\nbody";
        QTest::newRow("uuencode without begin")
            << QByteArray("Content-Type: application/x\nContent-Transfer-Encoding: x-uuencode\n\nM86%A\nend\n");
        QTest::newRow("qp garbage") << QByteArray(
            "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n=\n=Z=ZZ=F=\n==");
        QTest::newRow("charset garbage") << QByteArray("Content-Type: text/plain; charset=\"\\\"\\\";;;\"\n\n\xff\xfe");
        QTest::newRow("utf-16 charset") << QByteArray("Content-Type: text/plain; charset=utf-16\n\nabc");
        QTest::newRow("address garbage") << QByteArray("From: <<<@>>>, \"unterminated, ;;; :: @@@\nTo: ,,,,\n\n");
        QTest::newRow("group in group") << QByteArray("To: a: b: c@d;;, e: f@g;\n\n");
    }

    void hostileInputs()
    {
        QFETCH(QByteArray, raw);
        for (const ParseDepth depth : { ParseDepth::Full, ParseDepth::HeadersOnly }) {
            const ParsedMessage m = parseMessage(raw, depth);
            (void)m.snippet();
            (void)m.hasAttachments();
            for (const AttachmentInfo &a : m.attachments) {
                QVERIFY(!a.fileName.isEmpty());
                QCOMPARE(qint64(extractPart(raw, a.partIndex).value_or(QByteArray()).size()), a.size);
            }
        }
    }

    void randomBytes()
    {
        QRandomGenerator rng(1234);
        const QByteArray seed = fixture(QStringLiteral("related-html-with-cid-image.eml"));
        for (int i = 0; i < 300; ++i) {
            QByteArray raw = seed;
            // Flip, insert and delete bytes of a valid message.
            const int edits = 1 + int(rng.bounded(20));
            for (int e = 0; e < edits; ++e) {
                const qsizetype pos = qsizetype(rng.bounded(int(raw.size())));
                switch (rng.bounded(3)) {
                case 0: raw[pos] = char(rng.bounded(256)); break;
                case 1: raw.insert(pos, char(rng.bounded(256))); break;
                default: raw.remove(pos, 1 + qsizetype(rng.bounded(8))); break;
                }
            }
            const ParsedMessage m = parseMessage(raw);
            for (const AttachmentInfo &a : m.attachments)
                QVERIFY(extractPart(raw, a.partIndex).has_value());
        }
        for (int i = 0; i < 100; ++i) {
            QByteArray raw(qsizetype(rng.bounded(4096)), Qt::Uninitialized);
            for (char &c : raw)
                c = char(rng.bounded(256));
            (void)parseMessage(raw);
        }
    }

    // The structure walks the tree as the attachment list does: every
    // listed part is the leaf with its index, and the leaves are numbered
    // 0, 1, 2 … in order.
    void structureMatchesTheParts()
    {
        for (const QString &name : fixtureNames()) {
            const ParsedMessage m = parseMessage(fixture(name));
            QHash<int, QByteArray> leafTypes;
            int expectedIndex = 0;
            for (const PartNode &node : m.structure) {
                QVERIFY2(node.depth >= 0, qPrintable(name));
                if (node.partIndex < 0) {
                    QVERIFY2(node.mimeType.startsWith("multipart/"), qPrintable(name));
                    continue;
                }
                QCOMPARE(node.partIndex, expectedIndex++);
                leafTypes.insert(node.partIndex, node.mimeType);
            }
            for (const AttachmentInfo &a : m.attachments)
                QVERIFY2(leafTypes.value(a.partIndex) == a.mimeType, qPrintable(name));
        }
        const ParsedMessage signedOne = parseMessage(fixture(QStringLiteral("pgp-mime-signed-with-list-footer.eml")));
        QStringList rows;
        for (const PartNode &node : signedOne.structure)
            rows << QStringLiteral("%1|%2|%3|%4")
                        .arg(node.depth)
                        .arg(QString::fromLatin1(node.mimeType), QString::fromLatin1(node.protocol))
                        .arg(node.partIndex);
        QCOMPARE(rows,
            QStringList({ u"0|multipart/mixed||-1"_s, u"1|multipart/signed|application/pgp-signature|-1"_s,
                u"2|text/plain||0"_s, u"2|application/pgp-signature||1"_s, u"1|text/plain||2"_s }));
        // Headers only: no structure.
        QVERIFY(parseMessage(fixture(QStringLiteral("pgp-mime-encrypted.eml")), ParseDepth::HeadersOnly)
                    .structure.isEmpty());
    }

    void extractPartsInOneParse()
    {
        for (const QString &name : fixtureNames()) {
            const QByteArray raw = fixture(name);
            const ParsedMessage m = parseMessage(raw);
            QList<int> indexes;
            for (const AttachmentInfo &a : m.attachments)
                indexes << a.partIndex;
            indexes << 100000 << -1;
            const QHash<int, QByteArray> parts = extractParts(raw, indexes);
            QCOMPARE(parts.size(), m.attachments.size());
            for (const AttachmentInfo &a : m.attachments)
                QVERIFY2(parts.value(a.partIndex) == extractPart(raw, a.partIndex).value(), qPrintable(name));
        }
        QVERIFY(extractParts(fixture(QStringLiteral("mixed-with-pdf-attachment.eml")), {}).isEmpty());
    }

    void protection_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("encrypted");  // CryptoScheme
        QTest::addColumn<int>("signature");  // CryptoScheme
        QTest::addColumn<bool>("contentInsideSignature");
        QTest::addColumn<bool>("inlinePgp");
        QTest::addColumn<QList<int>>("signatureParts");
        const int none = int(CryptoScheme::None);
        const int pgp = int(CryptoScheme::OpenPgp);
        const int smime = int(CryptoScheme::SMime);
        auto row = [](const char *file) -> QTestData & { return QTest::newRow(file) << QString::fromLatin1(file); };
        row("smime-encrypted-enveloped-data.eml") << smime << none << false << false << QList<int>();
        row("smime-encrypted-x-pkcs7-mime-without-smime-type.eml") << smime << none << false << false << QList<int>();
        row("smime-opaque-signed-data.eml") << none << smime << true << false << QList<int>();
        row("smime-signed-detached.eml") << none << smime << false << false << QList<int>({ 1 });
        row("pgp-mime-encrypted.eml") << pgp << none << false << false << QList<int>({ 0 });
        row("pgp-mime-signed-with-list-footer.eml") << none << pgp << false << false << QList<int>({ 1 });
        row("pgp-inline-encrypted.eml") << pgp << none << false << true << QList<int>();
        row("pgp-inline-signed.eml") << none << pgp << false << true << QList<int>();
        // Plain mail, and a signed message forwarded inside another: not this message's signature.
        row("alternative-plain-html.eml") << none << none << false << false << QList<int>();
        row("mixed-with-pdf-attachment.eml") << none << none << false << false << QList<int>();
        row("nested-message-rfc822.eml") << none << none << false << false << QList<int>();
        row("message-rfc822-with-signed-inner-message.eml") << none << none << false << false << QList<int>();
    }
    void protection()
    {
        QFETCH(QString, file);
        const ParsedMessage m = parseMessage(fixture(file));
        const Protection p = protectionOf(m);
        QTEST(int(p.encryptedWith), "encrypted");
        QTEST(int(p.signedWith), "signature");
        QTEST(p.contentInsideSignature, "contentInsideSignature");
        QTEST(p.inlinePgp, "inlinePgp");
        QTEST(p.signatureParts, "signatureParts");
        for (int index : p.signatureParts) {
            const bool listed = std::any_of(m.attachments.cbegin(), m.attachments.cend(),
                [&](const AttachmentInfo &a) { return a.partIndex == index; });
            QVERIFY(listed);
        }
    }

    void readableInlinePgp_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("readable");
        QTest::newRow("signed") << u"Before.\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nMeet at noon.\n"
                                   "- -- dashes\n-----BEGIN PGP SIGNATURE-----\n\niHUE\n=wxyz\n"
                                   "-----END PGP SIGNATURE-----\nAfter."_s
                                << u"Before.\nMeet at noon.\n-- dashes\nAfter."_s;
        QTest::newRow("encrypted") << u"Hi\n-----BEGIN PGP MESSAGE-----\n\nhQEM\n=abcd\n-----END PGP MESSAGE-----\n"
                                      "Bye"_s
                                   << u"Hi\n[encrypted]\nBye"_s;
        QTest::newRow("unterminated encrypted block")
            << u"-----BEGIN PGP MESSAGE-----\nhQEM\nmore"_s << u"[encrypted]"_s;
        QTest::newRow("broken armour headers hide nothing")
            << u"-----BEGIN PGP SIGNED MESSAGE-----\nNo blank line after this\nand text"_s
            << u"No blank line after this\nand text"_s;
        QTest::newRow("quoted armour is text")
            << u"> -----BEGIN PGP MESSAGE-----\n> hQEM"_s << u"> -----BEGIN PGP MESSAGE-----\n> hQEM"_s;
        QTest::newRow("no armour") << u"Just text.\n"_s << u"Just text.\n"_s;
    }
    void readableInlinePgp()
    {
        QFETCH(QString, text);
        QFETCH(QString, readable);
        QCOMPARE(Mime::readableInlinePgp(text, u"[encrypted]"_s), readable);
    }

    void inlinePgpFromFixtures()
    {
        const ParsedMessage signedOne = parseMessage(fixture(QStringLiteral("pgp-inline-signed.eml")));
        QCOMPARE(Mime::readableInlinePgp(signedOne.plainText(), u"[encrypted]"_s),
            u"Before the block.\nMeet at noon.\n-- a dash-escaped line\nAfter the block.\n"_s);
        const ParsedMessage encrypted = parseMessage(fixture(QStringLiteral("pgp-inline-encrypted.eml")));
        QCOMPARE(Mime::readableInlinePgp(encrypted.plainText(), u"[encrypted]"_s), u"[encrypted]\n"_s);
    }

    void safeMailtoUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("fields");  // name=decoded value, in order
        QTest::newRow("plain address") << u"mailto:someone@example.org"_s << u"someone@example.org"_s << QStringList();
        QTest::newRow("the four fields") << u"mailto:a@example.org?to=b@example.org&cc=c@example.org&subject=Hi%20there"
                                            "&body=Line%201%0D%0ALine%202"_s
                                         << u"a@example.org"_s
                                         << QStringList({ u"to=b@example.org"_s, u"cc=c@example.org"_s,
                                                u"subject=Hi there"_s, u"body=Line 1\nLine 2"_s });
        QTest::newRow("attachments dropped")
            << u"mailto:a@example.org?attach=/etc/passwd&attachment=file:///home/u/.ssh/id_rsa&subject=x"_s
            << u"a@example.org"_s << QStringList({ u"subject=x"_s });
        QTest::newRow("bcc and other headers dropped")
            << u"mailto:a@example.org?bcc=spy@example.net&from=boss@example.org&in-reply-to=%3Cid@x%3E"
               "&X-Mailer=evil&Reply-To=spy@example.net"_s
            << u"a@example.org"_s << QStringList();
        QTest::newRow("names in any case and percent-encoded")
            << u"mailto:a@example.org?SUBJECT=Upper&%61ttach=/etc/passwd&%63c=c@example.org"_s << u"a@example.org"_s
            << QStringList({ u"cc=c@example.org"_s, u"subject=Upper"_s });
        QTest::newRow("no header smuggled through the subject")
            << u"mailto:a@example.org?subject=Hi%0D%0ABcc:%20spy@example.net"_s << u"a@example.org"_s
            << QStringList({ u"subject=Hi Bcc: spy@example.net"_s });
        QTest::newRow("line break in an address")
            << u"mailto:a@example.org%0D%0ABcc:spy@example.net?to=b@example.org%0Abcc:x@example.net"_s
            << u"a@example.org Bcc:spy@example.net"_s << QStringList({ u"to=b@example.org bcc:x@example.net"_s });
        QTest::newRow("plus stays a plus, ampersand in a value")
            << u"mailto:a+tag@example.org?subject=1+1%3D2%20%26%20more"_s << u"a+tag@example.org"_s
            << QStringList({ u"subject=1+1=2 & more"_s });
        QTest::newRow("only the first subject and body")
            << u"mailto:?to=a@example.org&subject=one&subject=two&body=first&body=second&to=b@example.org"_s
            << QString()
            << QStringList({ u"to=a@example.org"_s, u"to=b@example.org"_s, u"subject=one"_s, u"body=first"_s });
        QTest::newRow("fragment dropped") << u"mailto:a@example.org#frag"_s << u"a@example.org"_s << QStringList();
    }
    void safeMailtoUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, path);
        QFETCH(QStringList, fields);
        const QUrl safe = Mime::safeMailtoUrl(QUrl(url));
        QVERIFY(safe.isValid());
        QCOMPARE(safe.scheme(), u"mailto"_s);
        QCOMPARE(safe.path(), path);
        QVERIFY(!safe.hasFragment());
        QStringList actual;
        for (const auto &[name, value] : QUrlQuery(safe).queryItems(QUrl::FullyDecoded))
            actual << name + QLatin1Char('=') + value;
        QCOMPARE(actual, fields);
        // What comes out passes through the filter unchanged.
        QCOMPARE(Mime::safeMailtoUrl(safe), safe);
    }

    void safeMailtoUrlRefusesOtherSchemes()
    {
        QVERIFY(!Mime::safeMailtoUrl(QUrl(u"https://example.org/?subject=x"_s)).isValid());
        QVERIFY(!Mime::safeMailtoUrl(QUrl(u"file:///etc/passwd"_s)).isValid());
        QVERIFY(!Mime::safeMailtoUrl(QUrl()).isValid());
    }

    void concurrentParsing()
    {
        const QStringList names = fixtureNames();
        QList<QByteArray> raws;
        QStringList expected;
        for (const QString &name : names) {
            raws.append(fixture(name));
            expected.append(describe(parseMessage(raws.last())));
        }
        std::atomic<int> mismatches { 0 };
        std::atomic<int> parsed { 0 };
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < 10; ++round) {
                    for (qsizetype i = 0; i < raws.size(); ++i) {
                        const qsizetype k = (i + t * 7) % raws.size();
                        if (describe(parseMessage(raws[k])) != expected[k])
                            ++mismatches;
                        if (Mime::decodeHeaderText("=?utf-8?q?caf=C3=A9?=") != QStringLiteral("café"))
                            ++mismatches;
                        ++parsed;
                    }
                }
            });
        }
        for (std::thread &th : threads)
            th.join();
        QCOMPARE(mismatches.load(), 0);
        QCOMPARE(parsed.load(), 4 * 10 * int(raws.size()));
    }

    // What the reader showed as the HTML body: every <script> element gone,
    // its text too, whatever its attributes hold; the rest as it was.
    void withoutScripts_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << u"<p>Hi</p>"_s << u"<p>Hi</p>"_s;
        QTest::newRow("closed") << u"<p>a</p><script>alert(1)</script><p>b</p>"_s << u"<p>a</p><p>b</p>"_s;
        QTest::newRow("upper case, space before >") << u"a<SCRIPT type=x>x()</SCRIPT >b"_s << u"ab"_s;
        QTest::newRow("'>' in a quoted attribute") << u"a<script data-x=\"1>2\">steal()</script>b"_s << u"ab"_s;
        QTest::newRow("unterminated quote") << u"a<script x=\"oops>evil()</script>b"_s << u"a"_s;
        QTest::newRow("never closed") << u"a<script>evil(); more text"_s << u"a"_s;
        QTest::newRow("two") << u"<script>1</script>a<script>2</script>b"_s << u"ab"_s;
        QTest::newRow("self-closing slash") << u"a<script/src=x>y</script>b"_s << u"ab"_s;
        QTest::newRow("not a script tag") << u"<scripts>kept</scripts><noscript>kept</noscript>"_s
                                          << u"<scripts>kept</scripts><noscript>kept</noscript>"_s;
        QTest::newRow("text that names it") << u"a &lt;script&gt; b"_s << u"a &lt;script&gt; b"_s;
        QTest::newRow("cut short") << u"a<script"_s << u"a"_s;
    }

    void withoutScripts()
    {
        QFETCH(QString, html);
        QTEST(Mime::withoutScripts(html), "expected");
    }

    // Bytes nobody labelled (a message's source): strict UTF-8, else
    // windows-1252 with every byte a character.
    void decodeUnlabelled()
    {
        QCOMPARE(Mime::decodeUnlabelled("Gr\xc3\xbc\xc3\x9f"
                                        "e"),
            u"Grüße"_s);
        QCOMPARE(Mime::decodeUnlabelled("\xe9t\xe9"), u"été"_s);
        QCOMPARE(Mime::decodeUnlabelled("\x80 \x9d"), QString(QChar(0x20AC)) + u" "_s + QChar(0x9D));
        // Overlong forms and encoded surrogates are not UTF-8.
        QCOMPARE(Mime::decodeUnlabelled("\xc0\xaf"), QString(QChar(0xC0)) + QChar(0xAF));
        QCOMPARE(Mime::decodeUnlabelled("\xed\xa0\x80").size(), 3);
        QVERIFY(!Mime::isValidUtf8("\xc0\xaf"));
        QVERIFY(!Mime::isValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
        QVERIFY(Mime::isValidUtf8("\xf0\x9f\x98\x80"));
        // After runs of ASCII of every length (read eight bytes at a time).
        for (int run = 0; run <= 17; ++run) {
            const QByteArray ascii(run, 'a');
            auto around = [&ascii](const char *middle) { return QByteArray(ascii + middle + ascii); };
            QVERIFY(Mime::isValidUtf8(ascii));
            QVERIFY(Mime::isValidUtf8(around("\xc3\xa9")));
            QVERIFY(!Mime::isValidUtf8(QByteArray(ascii + "\xc3")));  // cut at the end
            QVERIFY(!Mime::isValidUtf8(around("\xc3")));               // no continuation
            QVERIFY(!Mime::isValidUtf8(around("\xff")));
            QCOMPARE(Mime::decodeCharset(around("\xe9"), "us-ascii").size(), 2 * run + 1);
            QCOMPARE(Mime::decodeCharset(around("\x7f"), "us-ascii"), QString::fromLatin1(around("\x7f")));
        }
        const QByteArray every = [] {
            QByteArray b;
            for (int c = 1; c < 256; ++c)
                b.append(char(c));
            return b;
        }();
        QCOMPARE(Mime::decodeUnlabelled(every).size(), 255);
    }

    void decodeCharsetSaysWhatItGuessed()
    {
        QString warning = u"stale"_s;
        QCOMPARE(Mime::decodeCharset("caf\xc3\xa9", "utf-8", &warning), u"café"_s);
        QVERIFY(warning.isEmpty());
        QCOMPARE(Mime::decodeCharset("caf\xc3\xa9", "iso-8859-1", &warning), u"café"_s);
        QCOMPARE(warning, u"text labelled iso-8859-1 is UTF-8"_s);
        QCOMPARE(Mime::decodeCharset("caf\xe9", "x-no-such-charset", &warning), u"café"_s);
        QCOMPARE(warning, u"unknown charset x-no-such-charset"_s);
        QCOMPARE(Mime::decodeCharset("\xa4", "ISO-8859-15"), QString(QChar(0x20AC)));
    }

    // A reference from the HTML to a part, in each form it comes in.
    void contentIdMatches_data()
    {
        QTest::addColumn<QByteArray>("partId");
        QTest::addColumn<QByteArray>("reference");
        QTest::addColumn<bool>("matches");
        QTest::newRow("as stored") << "logo@x"_ba
                                   << "logo@x"_ba << true;
        QTest::newRow("cid: URL") << "logo@x"_ba
                                  << "cid:logo@x"_ba << true;
        QTest::newRow("CID: any case") << "Logo@X"_ba
                                       << "CID:logo@x"_ba << true;
        QTest::newRow("brackets") << "logo@x"_ba
                                  << "<logo@x>"_ba << true;
        QTest::newRow("cid: and brackets") << "logo@x"_ba
                                           << "cid:<logo@x>"_ba << true;
        QTest::newRow("percent-encoded") << "a b@x"_ba
                                         << "cid:a%20b@x"_ba << true;
        QTest::newRow("encoded brackets") << "logo@x"_ba
                                          << "cid:%3Clogo@x%3E"_ba << true;
        QTest::newRow("other id") << "logo@x"_ba
                                  << "cid:logo@y"_ba << false;
        QTest::newRow("prefix only") << "logo@x"_ba
                                     << "cid:logo"_ba << false;
        QTest::newRow("empty reference") << "logo@x"_ba
                                         << ""_ba << false;
        QTest::newRow("bare cid:") << "logo@x"_ba
                                   << "cid:"_ba << false;
        QTest::newRow("part without id") << ""_ba
                                         << "cid:"_ba << false;
    }

    void contentIdMatches()
    {
        QFETCH(QByteArray, partId);
        QFETCH(QByteArray, reference);
        QTEST(Mime::contentIdMatches(partId, reference), "matches");
    }

    void displayListLeavesOutEmptyAddresses()
    {
        const QList<Mime::Address> list = { { u"Ann"_s, u"ann@example.org"_s }, { QString(), QString() },
            { QString(), u"bob@example.org"_s }, { u"Team"_s, QString() } };
        QCOMPARE(Mime::displayList(list), u"Ann <ann@example.org>, bob@example.org, Team"_s);
        QCOMPARE(Mime::displayList({}), QString());
    }

    void typeExtensions()
    {
        QCOMPARE(Mime::extensionForType("application/pdf"), u"pdf"_s);
        QCOMPARE(Mime::extensionForType("image/jpeg"), u"jpg"_s);
        QCOMPARE(Mime::extensionForType("message/rfc822"), u"eml"_s);
        QCOMPARE(Mime::extensionForType("application/x-unknown"), QString());
        QCOMPARE(Mime::fallbackFileName(3, "application/pdf"), u"attachment-3.pdf"_s);
        QCOMPARE(Mime::fallbackFileName(1, "application/x-unknown"), u"attachment-1"_s);
    }
};

QTEST_GUILESS_MAIN(TestMime)
#include "tst_mime.moc"
