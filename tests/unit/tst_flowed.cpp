// RFC 3676 format=flowed (DelSp=yes) as the message writer will send plain
// text, and reading it back.
#include "mime/Flowed.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

#include <array>

using namespace Qt::StringLiterals;
using Mime::decodeFlowed;
using Mime::encodeFlowed;

namespace {

// What a line of `text` reads as after a trip through flowed: its quote
// marks followed by one space, no spaces at its end (the signature
// separator "-- " excepted), no "\r" before its "\n".
QString canonical(const QString &text)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        qsizetype depth = 0;
        while (depth < line.size() && line[depth] == u'>')
            ++depth;
        QString rest = line.mid(depth);
        if (depth > 0 && rest.startsWith(u' '))
            rest.remove(0, 1);
        if (rest != u"-- ") {
            while (rest.endsWith(u' '))
                rest.chop(1);
        }
        line = depth > 0 ? QString(depth, u'>') + (rest.isEmpty() ? QString() : u' ' + rest) : rest;
    }
    return lines.join(u'\n');
}

qsizetype longestLineOctets(const QString &encoded)
{
    qsizetype longest = 0;
    for (const QString &line : encoded.split(u'\n'))
        longest = std::max(longest, line.toUtf8().size());
    return longest;
}

}  // namespace

class TestFlowed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortLinesStayAsWritten_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("encoded");
        QTest::newRow("plain") << u"Hello Ann,\n\nsee you.\n"_s << u"Hello Ann,\n\nsee you.\n"_s;
        QTest::newRow("trailing spaces dropped") << u"one  \ntwo \n"_s << u"one\ntwo\n"_s;
        QTest::newRow("CRLF") << u"one\r\ntwo\r\n"_s << u"one\ntwo\n"_s;
        QTest::newRow("signature separator kept") << u"Thanks\n-- \nAnn\n"_s << u"Thanks\n-- \nAnn\n"_s;
        QTest::newRow("two dashes and spaces are no separator") << u"--  \n"_s << u"--\n"_s;
        QTest::newRow("stuffed") << u" indented\nFrom here\n>not a quote? it is\nFromage\n"_s
                                 << u"  indented\n From here\n> not a quote? it is\nFromage\n"_s;
        QTest::newRow("quotes") << u"> one\n>> two\n>>three\n> \n>\n"_s << u"> one\n>> two\n>> three\n>\n>\n"_s;
        QTest::newRow("quote with a space before its text") << u">  spaced\n"_s << u">  spaced\n"_s;
        QTest::newRow("quoted separator") << u"> -- \n"_s << u"> -- \n"_s;
        QTest::newRow("empty") << QString() << QString();
    }

    void shortLinesStayAsWritten()
    {
        QFETCH(QString, text);
        QTEST(encodeFlowed(text), "encoded");
    }

    void longLinesBreakAfterASpace()
    {
        const QString text = u"The quick brown fox jumps over the lazy dog and keeps running far away."_s;
        const QString encoded = encodeFlowed(text, 20);
        // Each piece ends with the space it was cut after and the soft-break space.
        QCOMPARE(encoded, u"The quick brown  \nfox jumps over the  \nlazy dog and keeps  \nrunning far away."_s);
        for (const QString &line : encoded.split(u'\n'))
            QVERIFY2(line.size() <= 20, qPrintable(line));
        QCOMPARE(decodeFlowed(encoded, true), text);
    }

    void quotedPiecesKeepTheirMarks()
    {
        const QString text = u">> aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj\n"_s;
        const QString encoded = encodeFlowed(text, 30);
        QCOMPARE(encoded, u">> aaaa bbbb cccc dddd eeee  \n>> ffff gggg hhhh iiii jjjj\n"_s);
        QCOMPARE(decodeFlowed(encoded, true), canonical(text));
    }

    void piecesThatStartWithASpaceOrFromAreStuffed()
    {
        // Cut after the first of two spaces: the next piece starts with the other.
        const QString spaced = u"aaaaaaaaaaaaaaaaaa  bbbb cccc dddd eeee"_s;
        const QString encoded = encodeFlowed(spaced, 20);
        QCOMPARE(encoded, u"aaaaaaaaaaaaaaaaaa  \n  bbbb cccc dddd  \neeee"_s);
        QCOMPARE(decodeFlowed(encoded, true), spaced);
        const QString from = encodeFlowed(u"xxxxxxxxxxxxxxxxx From the start"_s, 20);
        QCOMPARE(from, u"xxxxxxxxxxxxxxxxx  \n From the start"_s);
        QCOMPARE(decodeFlowed(from, true), u"xxxxxxxxxxxxxxxxx From the start"_s);
    }

    void aLongWordStaysWholeUpToTheLongestPiece()
    {
        const QString url = u"https://example.org/"_s + QString(150, u'x');
        const QString text = u"see "_s + url + u" now"_s;
        const QString encoded = encodeFlowed(text, 72);
        QCOMPARE(encoded, u"see  \n"_s + url + u"  \nnow"_s);
        QCOMPARE(decodeFlowed(encoded, true), text);

        // Longer than that: cut (the pieces join again without a space),
        // never between the halves of a character.
        const QString emoji = QString::fromUcs4(U"\U0001F600");
        for (const QString &start : { QString(), u"a"_s }) {  // pieces of 240 would end inside a character
            QString word = start;
            for (int i = 0; i < 300; ++i)
                word += emoji;
            const QString cut = encodeFlowed(word, 72);
            const QStringList lines = cut.split(u'\n');
            QCOMPARE(lines.size(), 3);
            for (const QString &line : lines) {
                QVERIFY(line.size() <= Mime::kFlowedLongestPiece + 1);
                QVERIFY(!line.isEmpty() && !line[0].isLowSurrogate());
                const QString piece = line.endsWith(u' ') ? line.chopped(1) : line;
                QVERIFY(!piece.back().isHighSurrogate());
            }
            QVERIFY(longestLineOctets(cut) < 998);
            QCOMPARE(decodeFlowed(cut, true), word);
        }
    }

    // RFC 3676 section 4.5's example, sent with DelSp=no.
    void readsTheRfcExample()
    {
        const QString body = u"> Thou villainous ill-breeding spongy dizzy-eyed \n"
                             u"> reeky elf-skinned pigeon-egg! \n"
                             u">> Thou artless swag-bellied milk-livered \n"
                             u">> dismal-dreaming idle-headed scut!\n"
                             u">>> Thou errant folly-fallen spleeny reeling-ripe \n"
                             u">>> unmuzzled ratsbane!\n"
                             u">>>> Henceforth, the coding style is to be strictly \n"
                             u">>>> enforced, including the use of only upper case.\n"
                             u">>>>> I've noticed a lack of adherence to the coding \n"
                             u">>>>> styles, of late.\n"
                             u">>>>>> Any complaints?\n"_s;
        QCOMPARE(decodeFlowed(body, false),
            u"> Thou villainous ill-breeding spongy dizzy-eyed reeky elf-skinned pigeon-egg! \n"
            u">> Thou artless swag-bellied milk-livered dismal-dreaming idle-headed scut!\n"
            u">>> Thou errant folly-fallen spleeny reeling-ripe unmuzzled ratsbane!\n"
            u">>>> Henceforth, the coding style is to be strictly enforced, including the use of only upper case.\n"
            u">>>>> I've noticed a lack of adherence to the coding styles, of late.\n"
            u">>>>>> Any complaints?\n"_s);
    }

    void readingNeverJoinsIntoTheSignatureOrAcrossDepths()
    {
        QCOMPARE(decodeFlowed(u"Bye \n-- \nAnn"_s, true), u"Bye\n-- \nAnn"_s);
        QCOMPARE(decodeFlowed(u"> quoted \nmine"_s, true), u"> quoted\nmine"_s);
        QCOMPARE(decodeFlowed(u"  stuffed\n From\nsoft \nend\r\n"_s, true), u" stuffed\nFrom\nsoftend\n"_s);
        QCOMPARE(decodeFlowed(u"soft \n"_s, true), u"soft"_s);  // a last soft break ends the text
    }

    // Random text through encode and decode comes back as written (its
    // canonical form), with every line within SMTP's 998 octets.
    void randomTextSurvivesTheTrip()
    {
        const QStringList atoms = { u"a"_s, u"word"_s, u" "_s, u" "_s, u"  "_s, u">"_s, u"> "_s, u"-- "_s,
            u"From "_s, u"\n"_s, u"\n"_s, u"\r\n"_s, u"é"_s, QString::fromUcs4(U"\U0001F600"),
            QString(50, u'y'), QString(300, u'z') };
        QRandomGenerator rng(20261207);
        for (int round = 0; round < 2000; ++round) {
            QString text;
            const int n = int(rng.bounded(60));
            for (int i = 0; i < n; ++i)
                text += atoms[int(rng.bounded(int(atoms.size())))];
            const int width = std::array { 10, 30, 72 }[rng.bounded(3)];
            const QString encoded = encodeFlowed(text, width);
            QCOMPARE(decodeFlowed(encoded, true), canonical(text));
            QVERIFY2(longestLineOctets(encoded) < 998, qPrintable(text));
            QVERIFY(!encoded.contains(u'\r'));
        }
    }
};

QTEST_GUILESS_MAIN(TestFlowed)
#include "tst_flowed.moc"
