// Messages Poplar writes: the bytes that go out, read back by Poplar's own
// parser (GMime) and checked octet by octet where a rule is about octets.
#include "common/Error.h"
#include "mime/MessageBuilder.h"
#include "mime/MessageParser.h"

#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;
using Mime::buildMessage;
using Mime::BuildOptions;
using Mime::BuiltMessage;
using Mime::Mailbox;
using Mime::OutgoingMessage;
using Mime::wireAddress;
using Poplar::ErrorCode;

namespace {

OutgoingMessage basic()
{
    OutgoingMessage m;
    m.from = { u"Ann Example"_s, u"ann@example.org"_s };
    m.to = { { u"Bob"_s, u"bob@example.net"_s } };
    m.subject = u"Lunch"_s;
    m.text = u"See you at noon.\n\nAnn\n"_s;
    return m;
}

BuildOptions fixed()
{
    BuildOptions o;
    o.date = QDateTime(QDate(2026, 12, 7), QTime(9, 30, 5), QTimeZone(3600));
    o.messageIdLocalPart = "fixed.1";
    return o;
}

BuiltMessage build(const OutgoingMessage &m, const BuildOptions &o = fixed())
{
    auto built = buildMessage(m, o);
    if (!built)
        qFatal("%s", qPrintable(built.error().technicalDescription()));
    return *built;
}

QByteArray headerBlock(const QByteArray &bytes)
{
    return bytes.left(bytes.indexOf("\r\n\r\n") + 2);
}

bool onlyCrlf(const QByteArray &bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r'))
            return false;
        if (bytes[i] == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n'))
            return false;
    }
    return true;
}

}  // namespace

class TestMessageBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aPlainMessage()
    {
        const BuiltMessage b = build(basic());
        QVERIFY(onlyCrlf(b.bytes));
        const QByteArray headers = headerBlock(b.bytes);
        QVERIFY2(headers.contains("From: Ann Example <ann@example.org>\r\n"), headers.constData());
        QVERIFY(headers.contains("To: Bob <bob@example.net>\r\n"));
        QVERIFY(headers.contains("Subject: Lunch\r\n"));
        QVERIFY(headers.contains("Date: Mon, 07 Dec 2026 09:30:05 +0100\r\n"));
        QVERIFY(headers.contains("Message-Id: <fixed.1@example.org>\r\n"));
        QVERIFY(headers.contains("MIME-Version: 1.0\r\n"));
        QVERIFY(headers.contains("Content-Type: text/plain; charset=us-ascii; format=flowed; delsp=yes\r\n"));
        QVERIFY(!headers.contains("Bcc"));
        QVERIFY(!headers.contains(": \r\n"));  // no empty header
        QVERIFY(b.bytes.endsWith("Content-Transfer-Encoding: 7bit\r\n\r\nSee you at noon.\r\n\r\nAnn\r\n"));
        QCOMPARE(b.messageId, QByteArray("<fixed.1@example.org>"));
        QCOMPARE(b.envelopeFrom, QByteArray("ann@example.org"));
        QCOMPARE(b.recipients, QByteArrayList { "bob@example.net" });
        QVERIFY(!b.eightBit);
        QVERIFY(!b.needsSmtpUtf8);

        const Mime::ParsedMessage p = Mime::parseMessage(b.bytes);
        QCOMPARE(p.subject, u"Lunch"_s);
        QCOMPARE(p.from, (QList<Mime::Address> { { u"Ann Example"_s, u"ann@example.org"_s } }));
        QCOMPARE(p.date, QDateTime(QDate(2026, 12, 7), QTime(8, 30, 5), Qt::UTC));
        QCOMPARE(p.messageId, QByteArray("fixed.1@example.org"));
        QCOMPARE(p.textBody, u"See you at noon.\n\nAnn\n"_s);
    }

    void bccIsEnvelopeOnlyAndRecipientsComeOnce()
    {
        OutgoingMessage m = basic();
        m.cc = { { QString(), u"carol@example.com"_s }, { u"Bob again"_s, u"BOB@example.net"_s } };
        m.bcc = { { u"Secret Sam"_s, u"sam@example.com"_s } };
        const BuiltMessage b = build(m);
        QCOMPARE(b.recipients, (QByteArrayList { "bob@example.net", "carol@example.com", "sam@example.com" }));
        QVERIFY(!b.bytes.contains("sam@example.com"));
        QVERIFY(!b.bytes.contains("Secret Sam"));
        QVERIFY(!b.bytes.contains("Bcc"));
        const Mime::ParsedMessage p = Mime::parseMessage(b.bytes);
        QCOMPARE(p.cc.size(), 2);
    }

    void nonAsciiTextAndNames()
    {
        OutgoingMessage m = basic();
        m.from.name = u"Änne Müller"_s;
        m.subject = u"Grüße aus Köln – 日本"_s;
        m.text = u"Schöne Grüße,\nÄnne\n"_s;
        const BuiltMessage eight = build(m);
        const QByteArray headers = headerBlock(eight.bytes);
        for (char c : headers)
            QVERIFY2(static_cast<unsigned char>(c) < 0x80, headers.constData());  // RFC 2047 in the header
        QVERIFY(headers.contains("charset=utf-8; format=flowed; delsp=yes"));
        QVERIFY(headers.contains("Content-Transfer-Encoding: 8bit\r\n"));
        QVERIFY(eight.eightBit);
        const Mime::ParsedMessage p = Mime::parseMessage(eight.bytes);
        QCOMPARE(p.subject, m.subject);
        QCOMPARE(p.from.first().name, u"Änne Müller"_s);
        QCOMPARE(p.textBody, m.text);

        // Without 8BITMIME: quoted-printable, every octet 7-bit.
        BuildOptions o = fixed();
        o.eightBitMime = false;
        const BuiltMessage seven = build(m, o);
        QVERIFY(!seven.eightBit);
        QVERIFY(seven.bytes.contains("Content-Transfer-Encoding: quoted-printable\r\n"));
        for (char c : seven.bytes)
            QVERIFY(static_cast<unsigned char>(c) < 0x80);
        QCOMPARE(Mime::parseMessage(seven.bytes).textBody, m.text);
    }

    void longLinesFlowAndComeBackWhole()
    {
        OutgoingMessage m = basic();
        m.text = u"This paragraph is written as one long line, and the writer cuts it into pieces that end "
                 u"with a space, so that a reader that knows format=flowed joins them again.\n> quoted "
                 u"text that is long enough to be cut as well, keeping its quote marks on every piece\n"_s;
        const BuiltMessage b = build(m);
        const QByteArray body = b.bytes.mid(b.bytes.indexOf("\r\n\r\n") + 4);
        for (const QByteArray &line : body.split('\n'))
            QVERIFY2(line.size() <= 79, line.constData());  // 72 and the CR
        QVERIFY(body.contains("> "));
        const QString back = Mime::parseMessage(b.bytes).textBody;
        QVERIFY2(back == m.text, qPrintable(back));
    }

    void repliesCarryTheirThread()
    {
        OutgoingMessage m = basic();
        m.inReplyTo = "<b2@example.net>";
        m.references = { "<a1@example.org>", "<b2@example.net>" };
        m.replyTo = { { u"Ann at work"_s, u"ann@work.example.org"_s } };
        const Mime::ParsedMessage p = Mime::parseMessage(build(m).bytes);
        QCOMPARE(p.inReplyTo, QByteArray("b2@example.net"));
        QCOMPARE(p.references, (QList<QByteArray> { "a1@example.org", "b2@example.net" }));
        QCOMPARE(p.replyTo, (QList<Mime::Address> { { u"Ann at work"_s, u"ann@work.example.org"_s } }));
    }

    void attachments()
    {
        OutgoingMessage m = basic();
        QByteArray binary;
        for (int i = 0; i < 3000; ++i)
            binary.append(char(i * 7));
        m.attachments = { { u"Bericht über März.pdf"_s, "application/pdf", binary },
            { u"notes.txt"_s, QByteArray(), "just text\n" } };
        const BuiltMessage b = build(m);
        QVERIFY(onlyCrlf(b.bytes));
        QVERIFY(b.bytes.contains("Content-Type: multipart/mixed;"));
        QVERIFY(b.bytes.contains("filename*="));  // RFC 2231 (in whichever charset holds the name)
        const Mime::ParsedMessage p = Mime::parseMessage(b.bytes);
        QCOMPARE(p.textBody, m.text);
        QCOMPARE(p.attachments.size(), 2);
        QCOMPARE(p.attachments[0].originalName, u"Bericht über März.pdf"_s);
        QCOMPARE(p.attachments[0].mimeType, QByteArray("application/pdf"));
        QCOMPARE(p.attachments[0].size, qint64(binary.size()));
        QCOMPARE(p.attachments[1].mimeType, QByteArray("text/plain"));  // from the name and content
        QCOMPARE(Mime::extractPart(b.bytes, p.attachments[0].partIndex).value(), binary);
        QCOMPARE(Mime::extractPart(b.bytes, p.attachments[1].partIndex).value(), QByteArray("just text\n"));
    }

    void randomMessageIdsOnTheSendersDomain()
    {
        OutgoingMessage m = basic();
        m.from.address = u"ann@bücher.example"_s;
        BuildOptions o;
        const BuiltMessage one = build(m, o);
        const BuiltMessage two = build(m, o);
        QVERIFY(one.messageId != two.messageId);
        QVERIFY2(one.messageId.endsWith("@xn--bcher-kva.example>"), one.messageId.constData());
        QVERIFY(one.messageId.size() > 32);
        // 128 random bits: no run of eight zero hex digits (a half-filled id had two).
        QVERIFY2(!one.messageId.contains("00000000") || !two.messageId.contains("00000000"), one.messageId.constData());
        // Its left part is the time and the random bits only (the machine's
        // name never goes in; the right part is the sender's domain above).
        const QByteArray left = one.messageId.mid(1, one.messageId.indexOf('@') - 1);
        QVERIFY(std::all_of(left.cbegin(), left.cend(),
            [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '.'; }));
        QCOMPARE(left.count('.'), 1);
        QCOMPARE(left.size() - left.indexOf('.') - 1, 32);  // 128 bits in hex
    }

    void wireAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("smtpUtf8");
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<int>("error");
        const int ok = int(ErrorCode::None);
        const int bad = int(ErrorCode::AddressInvalid);
        QTest::newRow("plain") << u"ann@example.org"_s << false << QByteArray("ann@example.org") << ok;
        QTest::newRow("spaces around") << u"  ann@example.org "_s << false << QByteArray("ann@example.org") << ok;
        QTest::newRow("IDN domain") << u"ann@bücher.example"_s << false << QByteArray("ann@xn--bcher-kva.example")
                                    << ok;
        QTest::newRow("upper-case domain") << u"Ann@Example.ORG"_s << false << QByteArray("Ann@example.org") << ok;
        QTest::newRow("plus and dots") << u"ann.b+tag@example.org"_s << false << QByteArray("ann.b+tag@example.org")
                                       << ok;
        QTest::newRow("UTF-8 local part") << u"jörg@example.org"_s << false << QByteArray()
                                          << int(ErrorCode::Utf8AddressUnsupported);
        QTest::newRow("UTF-8 local part, SMTPUTF8") << u"jörg@example.org"_s << true
                                                    << QByteArray("j\xc3\xb6rg@example.org") << ok;
        QTest::newRow("no @") << u"ann.example.org"_s << false << QByteArray() << bad;
        QTest::newRow("two @") << u"ann@b@example.org"_s << false << QByteArray() << bad;
        QTest::newRow("nothing before") << u"@example.org"_s << false << QByteArray() << bad;
        QTest::newRow("nothing after") << u"ann@"_s << false << QByteArray() << bad;
        QTest::newRow("space inside") << u"ann b@example.org"_s << false << QByteArray() << bad;
        QTest::newRow("angle bracket") << u"<ann@example.org>"_s << false << QByteArray() << bad;
        QTest::newRow("double dot") << u"ann..b@example.org"_s << false << QByteArray() << bad;
        QTest::newRow("bad domain") << u"ann@exa mple.org"_s << false << QByteArray() << bad;
        QTest::newRow("domain dots") << u"ann@example..org"_s << false << QByteArray() << bad;
        QTest::newRow("CRLF injection") << u"ann@example.org\r\nBcc: x@example.org"_s << false << QByteArray()
                                        << bad;
        QTest::newRow("line separator") << u"ann\u2028x@example.org"_s << true << QByteArray() << bad;
        QTest::newRow("next line") << u"ann\u0085x@example.org"_s << true << QByteArray() << bad;
        QTest::newRow("bidi control") << u"ann\u202ex@example.org"_s << true << QByteArray() << bad;
        QTest::newRow("65 octets") << QString(33, u'ä') + u"@example.org"_s << true << QByteArray() << bad;
    }

    void wireAddresses()
    {
        QFETCH(QString, address);
        QFETCH(bool, smtpUtf8);
        QFETCH(int, error);
        auto wire = wireAddress(address, smtpUtf8);
        if (error == int(ErrorCode::None)) {
            QVERIFY2(wire, qPrintable(wire.error().technicalDescription()));
            QTEST(*wire, "wire");
        } else {
            QVERIFY(!wire);
            QCOMPARE(int(wire.error().code), error);
        }
    }

    void utf8AddressesWithSmtpUtf8()
    {
        OutgoingMessage m = basic();
        m.to = { { u"Jörg"_s, u"jörg@bücher.example"_s } };
        BuildOptions o = fixed();
        o.smtpUtf8 = true;
        const BuiltMessage b = build(m, o);
        QVERIFY(b.needsSmtpUtf8);
        QCOMPARE(b.recipients, QByteArrayList { "j\xc3\xb6rg@xn--bcher-kva.example" });
        const Mime::ParsedMessage p = Mime::parseMessage(b.bytes);
        QCOMPARE(p.to, (QList<Mime::Address> { { u"Jörg"_s, u"jörg@bücher.example"_s } }));  // read back in Unicode
        QVERIFY(headerBlock(b.bytes).contains("<j\xc3\xb6rg@xn--bcher-kva.example>"));  // RFC 6532: UTF-8 as is
    }

    void nothingSplitsAHeader()
    {
        OutgoingMessage m = basic();
        m.from.name = u"Ann\r\nBcc: eve@example.com"_s;
        m.subject = u"Hi\r\nBcc: eve@example.com"_s;
        m.inReplyTo = "<a@b>\r\nBcc: eve@example.com";
        m.references = { "<ok@example.org>", "<bad\r\n@x>", "no-brackets@example.org" };
        m.attachments = { { u"evil\r\nX-Injected: yes\r\n.txt"_s, "text/plain\r\nX-Injected: yes", "x" } };
        const BuiltMessage b = build(m);
        QVERIFY(onlyCrlf(b.bytes));
        QVERIFY2(!b.bytes.contains("\r\nX-Injected"), b.bytes.constData());
        QVERIFY(!b.bytes.contains("\r\nx-injected"));
        const QByteArray headers = headerBlock(b.bytes);
        QVERIFY2(!headers.contains("\r\nBcc"), headers.constData());
        QVERIFY(!headers.contains("In-Reply-To"));
        QVERIFY(headers.contains("References: <ok@example.org>\r\n"));
        const Mime::ParsedMessage p = Mime::parseMessage(b.bytes);
        QCOMPARE(p.subject, u"Hi Bcc: eve@example.com"_s);
        QCOMPARE(p.from.first().name, u"Ann Bcc: eve@example.com"_s);
        QCOMPARE(p.attachments.size(), 1);
        QCOMPARE(p.attachments[0].originalName, u"evil X-Injected: yes .txt"_s);
        QCOMPARE(p.attachments[0].mimeType, QByteArray("text/plain"));  // the given type was none: from name and content
    }

    void theTextHoldsNoForbiddenOctets()
    {
        OutgoingMessage m = basic();
        m.text = u"nul\0here\rlone CR\r\nCRLF\x01"_s + u"bell\ttab\n"_s;
        const BuiltMessage b = build(m);
        QVERIFY(onlyCrlf(b.bytes));
        QVERIFY(!b.bytes.contains('\0'));
        QVERIFY(!b.bytes.contains('\x01'));
        QCOMPARE(Mime::parseMessage(b.bytes).textBody, u"nulhere\nlone CR\nCRLFbell\ttab\n"_s);
    }

    void deepQuotesGoQuotedPrintable()
    {
        // Quote marks are never cut: 800 of them and a long word make lines
        // past 998 octets, which only quoted-printable may carry.
        OutgoingMessage m = basic();
        m.text = QString(800, u'>') + u' ' + QString(300, u'w') + u'\n';
        const BuiltMessage b = build(m);
        QVERIFY(b.bytes.contains("Content-Transfer-Encoding: quoted-printable\r\n"));
        for (const QByteArray &line : b.bytes.split('\n'))
            QVERIFY(line.size() <= 999);
        QVERIFY(!b.eightBit);
        QCOMPARE(Mime::parseMessage(b.bytes).textBody, m.text);
    }

    void smtpUtf8IsNeededForAnyAddressInAHeader()
    {
        OutgoingMessage m = basic();
        m.replyTo = { { QString(), u"jörg@example.net"_s } };
        BuildOptions o = fixed();
        o.smtpUtf8 = true;
        QVERIFY(build(m, o).needsSmtpUtf8);
        QVERIFY(!build(basic(), o).needsSmtpUtf8);
        // What is trimmed away (a no-break space pasted with an address) needs nothing.
        m.replyTo = { { QString(), u"\u00a0bob@example.net"_s } };
        m.to = { { QString(), u"carol@example.com\u3000"_s } };
        const BuiltMessage pasted = build(m, fixed());
        QVERIFY(!pasted.needsSmtpUtf8);
        QCOMPARE(pasted.recipients, QByteArrayList { "carol@example.com" });
    }

    void bidiControlsLeaveNames()
    {
        OutgoingMessage m = basic();
        m.from.name = u"Ann \u202eevil"_s;
        m.attachments = { { u"invoice\u202efdp.exe"_s, "application/octet-stream", "MZ" } };
        const Mime::ParsedMessage p = Mime::parseMessage(build(m).bytes);
        QCOMPARE(p.from.first().name, u"Ann evil"_s);
        QCOMPARE(p.attachments.first().originalName, u"invoicefdp.exe"_s);
    }

    void refusedBeforeAnythingIsWritten()
    {
        OutgoingMessage m = basic();
        m.to = { { u"Jörg"_s, u"jörg@example.org"_s } };
        auto r = buildMessage(m, fixed());
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Utf8AddressUnsupported);
        m.to.clear();
        r = buildMessage(m, fixed());
        QCOMPARE(r.error().code, ErrorCode::NoRecipients);
        m = basic();
        m.from.address = u"not an address"_s;
        r = buildMessage(m, fixed());
        QCOMPARE(r.error().code, ErrorCode::AddressInvalid);
        m = basic();
        m.replyTo = { { QString(), u"x@"_s } };
        r = buildMessage(m, fixed());
        QCOMPARE(r.error().code, ErrorCode::AddressInvalid);
    }

    // What a person types into To: names, commas inside quotes, groups;
    // anything that is no address is named, nothing dropped silently.
    void typedAddresses_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("addresses");  // empty: AddressInvalid
        QTest::newRow("one") << u"bob@example.net"_s << QStringList { u"bob@example.net"_s };
        QTest::newRow("named") << u"Ann Example <ann@example.org>, bob@example.net"_s
                               << QStringList { u"ann@example.org"_s, u"bob@example.net"_s };
        QTest::newRow("comma in quotes") << uR"("Doe, John" <john@example.org>)"_s
                                         << QStringList { u"john@example.org"_s };
        QTest::newRow("semicolons") << u"a@example.org; b@example.org;"_s
                                    << QStringList { u"a@example.org"_s, u"b@example.org"_s };
        QTest::newRow("group") << u"team: a@example.org, b@example.org;"_s
                               << QStringList { u"a@example.org"_s, u"b@example.org"_s };
        QTest::newRow("IDN") << u"zoë@bücher.example"_s << QStringList { u"zoë@bücher.example"_s };
        QTest::newRow("no at") << u"bob"_s << QStringList {};
        QTest::newRow("one bad of two") << u"bob@example.net, not an address"_s << QStringList {};
        QTest::newRow("two ats") << u"a@b@example.org"_s << QStringList {};
        QTest::newRow("space in address") << u"a b@example.org"_s << QStringList {};
        QTest::newRow("escaped quote") << u"\"Ann \\\"the\\\" Example\" <ann@example.org>"_s
                                       << QStringList { u"ann@example.org"_s };
    }

    void typedAddresses()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, addresses);
        QString refused;
        auto parsed = Mime::parseMailboxes(typed, &refused);
        if (addresses.isEmpty()) {
            QVERIFY(!parsed);
            QCOMPARE(parsed.error().code, ErrorCode::AddressInvalid);
            // The piece refused is named, as typed.
            QVERIFY2(!refused.isEmpty() && typed.contains(refused), qPrintable(refused));
            return;
        }
        QVERIFY(refused.isEmpty());
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().technicalDescription()));
        QStringList got;
        for (const Mailbox &m : *parsed)
            got << m.address;
        QCOMPARE(got, addresses);
        QCOMPARE(Mime::parseMailboxes(u"  "_s).value().size(), 0);
    }

    void namesSurviveTyping()
    {
        auto parsed = Mime::parseMailboxes(u"Zoë Müller <zoe@example.org>"_s);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->first().name, u"Zoë Müller"_s);
    }

    // A message written elsewhere: envelope from its fields, Bcc out of the
    // bytes and into the Sent copy's line, CRLF, Date and Message-ID added
    // only when missing, every other octet as it was.
    void preparedMessageKeepsItsBytes()
    {
        const QByteArray raw = "From: Ann <ann@example.org>\n"
                               "To: bob@example.net,\n"
                               " carol@example.net\n"
                               "Bcc: Dave <dave@example.net>\n"
                               "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\n"
                               "Date: Mon, 07 Dec 2026 09:00:00 +0100\n"
                               "Message-ID: <given@example.org>\n"
                               "X-Mine: kept  as is\n"
                               "\n"
                               "Hello\n"
                               "Bcc: in the body stays\n";
        auto prepared = Mime::prepareMessage(raw, { u"Fallback"_s, u"fallback@example.org"_s });
        QVERIFY2(prepared.ok(), qPrintable(prepared.error().technicalDescription()));
        const BuiltMessage &m = *prepared;
        QCOMPARE(m.envelopeFrom, QByteArray("ann@example.org"));
        QCOMPARE(m.recipients, (QByteArrayList { "bob@example.net", "carol@example.net", "dave@example.net" }));
        QCOMPARE(m.messageId, QByteArray("<given@example.org>"));
        QCOMPARE(m.subject, u"Grüße"_s);
        QCOMPARE(m.bcc, u"Dave <dave@example.net>"_s);
        QVERIFY(!m.eightBit);
        QVERIFY(!m.needsSmtpUtf8);
        QVERIFY(onlyCrlf(m.bytes));
        QByteArray expected = raw;
        expected.replace("Bcc: Dave <dave@example.net>\n", "");
        expected.replace("\n", "\r\n");
        QCOMPARE(m.bytes, expected);
    }

    void preparedMessageGetsWhatItLacks()
    {
        const QByteArray raw = "To: bob@example.net\r\nSubject: short\r\n\r\nüber\r\n";
        auto prepared = Mime::prepareMessage(raw, { u"Ann"_s, u"ann@example.org"_s });
        QVERIFY2(prepared.ok(), qPrintable(prepared.error().technicalDescription()));
        const BuiltMessage &m = *prepared;
        QCOMPARE(m.envelopeFrom, QByteArray("ann@example.org"));
        QVERIFY(m.messageId.endsWith("@example.org>"));
        QVERIFY(m.eightBit);
        QVERIFY(m.bytes.endsWith(raw));
        const QByteArray added = m.bytes.first(m.bytes.size() - raw.size());
        QVERIFY(added.startsWith("From: Ann <ann@example.org>\r\nDate: "));
        QVERIFY(added.endsWith(QByteArray("Message-ID: " + m.messageId + "\r\n")));
        Mime::ParsedMessage parsed = Mime::parseMessage(m.bytes);
        QVERIFY(parsed.date.isValid());
        QCOMPARE(parsed.messageId, m.messageId.mid(1, m.messageId.size() - 2));
    }

    void preparedMessageRefusals_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("no header") << QByteArray("just some text\n\nmore\n") << ErrorCode::InvalidArgument;
        QTest::newRow("NUL") << QByteArray("To: b@example.net\n\na\0b\n", 22) << ErrorCode::InvalidArgument;
        QTest::newRow("long line") << QByteArray("To: b@example.net\n\n" + QByteArray(999, 'x') + "\n")
                                   << ErrorCode::InvalidArgument;
        QTest::newRow("no recipient") << QByteArray("Subject: x\n\nbody\n") << ErrorCode::NoRecipients;
        QTest::newRow("bad recipient") << QByteArray("To: nobody\n\nbody\n") << ErrorCode::AddressInvalid;
        QTest::newRow("bad id") << QByteArray("To: b@example.net\nMessage-ID: not one\n\nx\n")
                                << ErrorCode::InvalidArgument;
        QTest::newRow("unreadable Bcc") << QByteArray("To: b@example.net\nBcc: not an address\n\nx\n")
                                        << ErrorCode::AddressInvalid;
        QTest::newRow("half-readable To") << QByteArray("To: b@example.net, a@b@example.org\n\nx\n")
                                          << ErrorCode::AddressInvalid;
    }

    void preparedMessageRefusals()
    {
        QFETCH(QByteArray, raw);
        QFETCH(ErrorCode, code);
        auto prepared = Mime::prepareMessage(raw, { u"Ann"_s, u"ann@example.org"_s });
        QVERIFY(!prepared);
        QCOMPARE(prepared.error().code, code);
    }

    // No empty line: all header, an empty body. Bare CRs are line ends: no
    // Bcc hides behind one, and none goes out.
    void preparedMessageLineEnds()
    {
        auto headerOnly = Mime::prepareMessage("To: b@example.net\nSubject: only\n", { u"Ann"_s, u"ann@example.org"_s });
        QVERIFY2(headerOnly.ok(), qPrintable(headerOnly.error().technicalDescription()));
        QVERIFY(headerOnly->bytes.endsWith("To: b@example.net\r\nSubject: only\r\n\r\n"));
        auto noNewline = Mime::prepareMessage("To: b@example.net", { u"Ann"_s, u"ann@example.org"_s });
        QVERIFY2(noNewline.ok(), qPrintable(noNewline.error().technicalDescription()));
        QVERIFY(noNewline->bytes.endsWith("To: b@example.net\r\n\r\n"));

        auto cr = Mime::prepareMessage("To: b@example.net\rBcc: secret@example.org\rResent-Bcc: other@example.org\r"
                                       "\rbody\rmore\r",
            { u"Ann"_s, u"ann@example.org"_s });
        QVERIFY2(cr.ok(), qPrintable(cr.error().technicalDescription()));
        QCOMPARE(cr->recipients, (QByteArrayList { "b@example.net", "secret@example.org" }));
        QVERIFY(!cr->bytes.contains("secret"));
        QVERIFY(!cr->bytes.contains("other@"));
        QVERIFY(onlyCrlf(cr->bytes));
        QVERIFY(cr->bytes.endsWith("To: b@example.net\r\n\r\nbody\r\nmore\r\n"));
    }

    void encodedNamesOnly()
    {
        auto encoded = Mime::parseMailboxes(u"=?utf-8?q?Zo=C3=AB?= <zoe@example.org>"_s);
        QVERIFY2(encoded.ok(), qPrintable(encoded.error().technicalDescription()));
        QCOMPARE(encoded->first().address, u"zoe@example.org"_s);
        QVERIFY(!Mime::parseMailboxes(u"Ann <ann@example.org> bob@example.org =?"_s));
    }

    void builtMessageCarriesSubjectAndBcc()
    {
        OutgoingMessage m = basic();
        m.bcc = { { u"Zoë"_s, u"zoe@example.org"_s } };
        const BuiltMessage b = build(m);
        QCOMPARE(b.subject, u"Lunch"_s);
        QVERIFY(b.bcc.startsWith(u"=?"_s) && b.bcc.endsWith(u"?= <zoe@example.org>"_s));
        QCOMPARE(Mime::parseMailboxes(b.bcc).value().first().name, u"Zoë"_s);
        QVERIFY(!b.bytes.contains("zoe@"));
    }
};

QTEST_GUILESS_MAIN(TestMessageBuilder)
#include "tst_message_builder.moc"
