// The SMTP submission pieces that carry no state of a session: replies read
// from what a server sends, the EHLO capabilities, and DATA's dot-stuffing —
// each under every TCP split.
#include "smtp/Capabilities.h"
#include "smtp/DotEncoder.h"
#include "smtp/Reply.h"

#include <QTest>

#include <vector>

using Poplar::ErrorCode;
using Smtp::Capabilities;
using Smtp::DotEncoder;
using Smtp::Reply;
using Smtp::ReplyReader;

namespace {

const std::vector<int> kSplits = { 1, 2, 3, 7, 64, 1 << 30 };

// Everything `wire` holds, fed in pieces of `split` octets.
std::vector<Reply> readAll(const QByteArray &wire, int split, ReplyReader &reader)
{
    std::vector<Reply> replies;
    for (qsizetype at = 0; at < wire.size(); at += split) {
        reader.feed(QByteArrayView(wire).sliced(at, std::min<qsizetype>(split, wire.size() - at)));
        while (reader.hasReply())
            replies.push_back(reader.takeReply());
    }
    return replies;
}

QByteArray encodeAll(const QByteArray &message, int split)
{
    DotEncoder encoder;
    QByteArray out;
    for (qsizetype at = 0; at < message.size(); at += split)
        encoder.encode(QByteArrayView(message).sliced(at, std::min<qsizetype>(split, message.size() - at)), out);
    encoder.finish(out);
    return out;
}

}  // namespace

class TestSmtpCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repliesUnderEverySplit()
    {
        const QByteArray wire = "220 mail.example.org ESMTP ready\r\n"
                                "250-mail.example.org greets you\r\n"
                                "250-PIPELINING\r\n"
                                "250 ENHANCEDSTATUSCODES\r\n"
                                "250 2.1.0 Ok\r\n"
                                "550-5.1.1 <nobody@example.org>: user unknown\r\n"
                                "550 5.1.1 try another address\r\n"
                                "354 End data with <CR><LF>.<CR><LF>\r\n"
                                "451 4.3.0 Try again later\n"  // a bare LF ends a line too
                                "221\r\n";
        for (int split : kSplits) {
            ReplyReader reader;
            const std::vector<Reply> r = readAll(wire, split, reader);
            QVERIFY(!reader.error());
            QVERIFY(!reader.midReply());
            QCOMPARE(r.size(), size_t(7));
            QCOMPARE(r[0].code, 220);
            QCOMPARE(r[0].lines, QByteArrayList { "mail.example.org ESMTP ready" });
            QCOMPARE(r[1].code, 250);
            QCOMPARE(r[1].lines, (QByteArrayList { "mail.example.org greets you", "PIPELINING", "ENHANCEDSTATUSCODES" }));
            QVERIFY(r[1].enhanced.isEmpty());
            QCOMPARE(r[2].enhanced, QByteArray("2.1.0"));
            QCOMPARE(r[2].lines, QByteArrayList { "Ok" });
            QVERIFY(r[2].positive());
            QCOMPARE(r[3].code, 550);
            QVERIFY(r[3].permanent());
            QCOMPARE(r[3].enhanced, QByteArray("5.1.1"));
            QCOMPARE(r[3].lines, (QByteArrayList { "<nobody@example.org>: user unknown", "try another address" }));
            QCOMPARE(r[3].text().raw(), QByteArray("<nobody@example.org>: user unknown\ntry another address"));
            QVERIFY(r[4].intermediate());
            QCOMPARE(r[4].lines, QByteArrayList { "End data with <CR><LF>.<CR><LF>" });
            QVERIFY(r[5].temporary());
            QCOMPARE(r[5].enhanced, QByteArray("4.3.0"));
            QCOMPARE(r[6].code, 221);
            QCOMPARE(r[6].lines, QByteArrayList { QByteArray() });
        }
    }

    void enhancedCodesOnlyOfTheRepliesClass_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("enhanced");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("plain") << QByteArray("250 2.0.0 Ok") << QByteArray("2.0.0") << QByteArray("Ok");
        QTest::newRow("code alone") << QByteArray("250 2.0.0") << QByteArray("2.0.0") << QByteArray();
        QTest::newRow("three digits") << QByteArray("554 5.123.456 No") << QByteArray("5.123.456") << QByteArray("No");
        QTest::newRow("another class") << QByteArray("250 5.0.0 odd") << QByteArray() << QByteArray("5.0.0 odd");
        QTest::newRow("four digits") << QByteArray("250 2.0.1234 x") << QByteArray() << QByteArray("2.0.1234 x");
        QTest::newRow("a version") << QByteArray("250 2.0 ready") << QByteArray() << QByteArray("2.0 ready");
        QTest::newRow("no space after") << QByteArray("250 2.0.0ok") << QByteArray() << QByteArray("2.0.0ok");
        QTest::newRow("intermediate") << QByteArray("334 VXNlcm5hbWU6") << QByteArray() << QByteArray("VXNlcm5hbWU6");
    }

    void enhancedCodesOnlyOfTheRepliesClass()
    {
        QFETCH(QByteArray, line);
        ReplyReader reader;
        reader.feed(QByteArray(line + "\r\n"));
        QVERIFY(reader.hasReply());
        const Reply r = reader.takeReply();
        QTEST(r.enhanced, "enhanced");
        QCOMPARE(r.lines.size(), 1);
        QTEST(r.lines.first(), "text");
    }

    void malformedRepliesAreErrors_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("before");  // replies completed before the error
        QTest::newRow("garbage") << QByteArray("hello\r\n") << int(ErrorCode::ProtocolError) << 0;
        QTest::newRow("code out of range") << QByteArray("600 no\r\n") << int(ErrorCode::ProtocolError) << 0;
        QTest::newRow("two digits") << QByteArray("25 ok\r\n") << int(ErrorCode::ProtocolError) << 0;
        QTest::newRow("bad separator") << QByteArray("250:ok\r\n") << int(ErrorCode::ProtocolError) << 0;
        QTest::newRow("code changes") << QByteArray("250 Ok\r\n250-one\r\n251 two\r\n") << int(ErrorCode::ProtocolError)
                                      << 1;
        QTest::newRow("endless line") << QByteArray(3000, 'x') << int(ErrorCode::ResponseTooLong) << 0;
        QByteArray many;
        for (int i = 0; i < 201; ++i)
            many += "250-line\r\n";
        QTest::newRow("endless reply") << many << int(ErrorCode::ResponseTooLong) << 0;
    }

    void malformedRepliesAreErrors()
    {
        QFETCH(QByteArray, wire);
        QFETCH(int, before);
        for (int split : kSplits) {
            ReplyReader reader;
            const std::vector<Reply> r = readAll(wire, split, reader);
            QVERIFY(reader.error());
            QTEST(int(reader.error()->code), "code");
            QCOMPARE(int(r.size()), before);
            // Nothing more is read after it.
            reader.feed("250 Ok\r\n");
            QVERIFY(!reader.hasReply());
        }
    }

    void theBoundsAreExact()
    {
        ReplyReader reader(ReplyReader::Limits { 10, 3 });
        reader.feed("250-123456\r\n250-123456\r\n250 123456\r\n");  // lines of 10, 3 lines: at the bounds
        QVERIFY(!reader.error());
        QCOMPARE(reader.takeReply().lines.size(), 3);
        reader.feed("250 1234567\r\n");
        QVERIFY(reader.error());
        QCOMPARE(reader.error()->code, ErrorCode::ResponseTooLong);
    }

    void aReplyCutByTheEndIsMidReply()
    {
        ReplyReader reader;
        reader.feed("250-one\r\n");
        QVERIFY(reader.midReply());
        ReplyReader partial;
        partial.feed("25");
        QVERIFY(partial.midReply());
        QVERIFY(!ReplyReader().midReply());
    }

    void ehloCapabilities()
    {
        ReplyReader reader;
        reader.feed("250-mail.example.org Hello client.example.org\r\n"
                    "250-PIPELINING\r\n"
                    "250-SIZE 35882577\r\n"
                    "250-8BITMIME\r\n"
                    "250-STARTTLS\r\n"
                    "250-ENHANCEDSTATUSCODES\r\n"
                    "250-auth plain LOGIN scram-sha-256\r\n"
                    "250-AUTH=LOGIN CRAM-MD5\r\n"
                    "250-X-UNKNOWN with params\r\n"
                    "250-DSN\r\n"
                    "250-CHUNKING\r\n"
                    "250 SMTPUTF8\r\n");
        QVERIFY(reader.hasReply());
        const Capabilities c = Capabilities::fromEhlo(reader.takeReply());
        QCOMPARE(c.domain, QByteArray("mail.example.org"));
        QVERIFY(c.pipelining && c.eightBitMime && c.startTls && c.enhancedStatusCodes && c.dsn && c.chunking
            && c.smtpUtf8);
        QVERIFY(c.size);
        QCOMPARE(c.sizeLimit, quint64(35882577));
        QCOMPARE(c.authMechanisms, (QByteArrayList { "PLAIN", "LOGIN", "SCRAM-SHA-256", "CRAM-MD5" }));
        QVERIFY(c.supportsAuth("scram-sha-256"));
        QVERIFY(!c.supportsAuth("XOAUTH2"));
        QVERIFY(!c.tooBig(35882577));
        QVERIFY(c.tooBig(35882578));
    }

    void ehloOfAPlainServer()
    {
        ReplyReader reader;
        reader.feed("250-old.example.org\r\n250 SIZE\r\n");
        const Capabilities c = Capabilities::fromEhlo(reader.takeReply());
        QCOMPARE(c.domain, QByteArray("old.example.org"));
        QVERIFY(!c.pipelining && !c.startTls && !c.eightBitMime && !c.smtpUtf8);
        QVERIFY(c.size);
        QCOMPARE(c.sizeLimit, quint64(0));  // no stated limit
        QVERIFY(!c.tooBig(Q_UINT64_C(1) << 40));
        QVERIFY(c.authMechanisms.isEmpty());
        reader.feed("250 only.example.org\r\n");
        const Capabilities bare = Capabilities::fromEhlo(reader.takeReply());
        QVERIFY(!bare.size);
        QVERIFY(!bare.tooBig(Q_UINT64_C(1) << 40));
    }

    void dotStuffingUnderEverySplit_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("CRLF") << QByteArray("Subject: x\r\n\r\nHello\r\n") << QByteArray("Subject: x\r\n\r\nHello\r\n.\r\n");
        QTest::newRow("dots") << QByteArray(".\r\n..\r\n.x\r\nx.\r\n")
                              << QByteArray("..\r\n...\r\n..x\r\nx.\r\n.\r\n");
        QTest::newRow("first line") << QByteArray(".starts") << QByteArray("..starts\r\n.\r\n");
        QTest::newRow("bare LF") << QByteArray("a\nb\n.c\n") << QByteArray("a\r\nb\r\n..c\r\n.\r\n");
        QTest::newRow("bare CR") << QByteArray("a\rb\r.c\r") << QByteArray("a\r\nb\r\n..c\r\n.\r\n");
        QTest::newRow("CR CR LF") << QByteArray("a\r\r\nb") << QByteArray("a\r\n\r\nb\r\n.\r\n");
        QTest::newRow("no last line end") << QByteArray("a\r\nb") << QByteArray("a\r\nb\r\n.\r\n");
        QTest::newRow("empty") << QByteArray() << QByteArray(".\r\n");
        QTest::newRow("empty lines") << QByteArray("\r\n\n\r\n") << QByteArray("\r\n\r\n\r\n.\r\n");
        QTest::newRow("NUL and 8-bit") << QByteArray("\0\xe9\r\n", 4) << QByteArray("\0\xe9\r\n.\r\n", 7);
    }

    void dotStuffingUnderEverySplit()
    {
        QFETCH(QByteArray, message);
        for (int split : kSplits)
            QTEST(encodeAll(message, split), "data");
        DotEncoder counting;
        QByteArray out;
        counting.encode(message, out);
        QCOMPARE(counting.taken(), qint64(message.size()));
    }
};

QTEST_GUILESS_MAIN(TestSmtpCodec)
#include "tst_smtp_codec.moc"
