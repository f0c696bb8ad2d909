// Replies and forwards: recipients for Reply and Reply All (Reply-To,
// Mail-Followup-To, never oneself), subjects, threading headers, the quote,
// the identity a message was addressed to, and forwards inline (attachments
// carried along) and as an attached message (message/rfc822 as it is, or a
// file where the server takes no 8-bit).

#include "mime/MessageBuilder.h"
#include "mime/MessageParser.h"
#include "mime/Reply.h"

#include <QTest>

using namespace Mime;

namespace {

const QStringList Own { QStringLiteral("me@example.org"), QStringLiteral("Me.Too@Example.NET") };

QStringList addresses(const QList<Mailbox> &boxes)
{
    QStringList out;
    for (const Mailbox &b : boxes)
        out << b.address;
    return out;
}

ParsedMessage parsed(const QByteArray &raw)
{
    return parseMessage(raw, ParseDepth::Full);
}

const QByteArray Thread = "From: Ann <ann@example.com>\r\n"
                          "To: me@example.org, Bob <bob@example.com>\r\n"
                          "Cc: Carol <carol@example.com>, ME.TOO@example.net, bob@EXAMPLE.com\r\n"
                          "Subject: RE: Re: Plans\r\n"
                          "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\n"
                          "Message-ID: <m3@example.com>\r\n"
                          "In-Reply-To: <m2@example.org>\r\n"
                          "References: <m1@example.com> <m2@example.org>\r\n"
                          "\r\n"
                          "Let us meet.\r\n"
                          "> Earlier words\r\n"
                          "\r\n"
                          "-- \r\n"
                          "Ann's signature\r\n";

}  // namespace

class TestReply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subjects_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("reply");
        QTest::addColumn<QString>("forward");
        QTest::newRow("plain") << "Plans" << "Re: Plans" << "Fwd: Plans";
        QTest::newRow("once") << "Re: Plans" << "Re: Plans" << "Fwd: Re: Plans";
        QTest::newRow("repeated") << "RE: re:Re[2]: Plans" << "Re: Plans" << "Fwd: RE: re:Re[2]: Plans";
        QTest::newRow("german") << "AW: WG: Plans" << "Re: WG: Plans" << "Fwd: AW: WG: Plans";
        QTest::newRow("forwarded") << "FW: Fwd: Plans" << "Re: FW: Fwd: Plans" << "Fwd: Plans";
        QTest::newRow("a word, not a prefix") << "Rebuild: the shed" << "Re: Rebuild: the shed"
                                              << "Fwd: Rebuild: the shed";
        QTest::newRow("empty") << "" << "Re: " << "Fwd: ";
    }

    void subjects()
    {
        QFETCH(QString, subject);
        QFETCH(QString, reply);
        QFETCH(QString, forward);
        QCOMPARE(replySubject(subject), reply);
        QCOMPARE(forwardSubject(subject), forward);
    }

    void quoting()
    {
        QCOMPARE(quoteText(QStringLiteral("Hello\r\n> quoted\n\nBye\n-- \nSig line\n\n")),
            QStringLiteral("> Hello\n>> quoted\n>\n> Bye"));
        QCOMPARE(quoteText(QStringLiteral("No signature\n\n\n")), QStringLiteral("> No signature"));
        // Only a line of exactly "-- " starts a signature.
        QCOMPARE(quoteText(QStringLiteral("a\n--\nb")), QStringLiteral("> a\n> --\n> b"));
        QCOMPARE(quoteText(QString()), QString());
    }

    void replyGoesToTheSender()
    {
        const ParsedMessage m = parsed(Thread);
        const OutgoingMessage r = reply(m, ReplyScope::Sender, Own, { QStringLiteral("On Monday, Ann wrote:") });
        QCOMPARE(addresses(r.to), QStringList { QStringLiteral("ann@example.com") });
        QCOMPARE(r.to.first().name, QStringLiteral("Ann"));
        QVERIFY(r.cc.isEmpty());
        QVERIFY(r.from.address.isEmpty());  // the caller's identity
        QCOMPARE(r.subject, QStringLiteral("Re: Plans"));
        QCOMPARE(r.inReplyTo, QByteArray("<m3@example.com>"));
        QCOMPARE(r.references,
            (QByteArrayList { "<m1@example.com>", "<m2@example.org>", "<m3@example.com>" }));
        QCOMPARE(r.text, QStringLiteral("On Monday, Ann wrote:\n> Let us meet.\n>> Earlier words\n\n"));
    }

    void replyHonoursReplyTo()
    {
        const ParsedMessage m = parsed("From: ann@example.com\r\nReply-To: List <list@example.com>\r\n"
                                       "To: me@example.org\r\nSubject: x\r\n\r\nbody\r\n");
        QCOMPARE(addresses(reply(m, ReplyScope::Sender, Own, {}).to), QStringList { QStringLiteral("list@example.com") });
        // Reply All: the Reply-To and the others, not the From it stands for.
        const OutgoingMessage all = reply(m, ReplyScope::All, Own, {});
        QCOMPARE(addresses(all.to), QStringList { QStringLiteral("list@example.com") });
        QVERIFY(all.cc.isEmpty());
    }

    void replyAllLeavesOutTheUsersOwnAddresses()
    {
        const OutgoingMessage r = reply(parsed(Thread), ReplyScope::All, Own, {});
        QCOMPARE(addresses(r.to), (QStringList { QStringLiteral("ann@example.com"), QStringLiteral("bob@example.com") }));
        // Bob once (he is in To and Cc), Carol; neither of the user's addresses.
        QCOMPARE(addresses(r.cc), QStringList { QStringLiteral("carol@example.com") });
    }

    void replyAllFollowsMailFollowupTo()
    {
        const ParsedMessage m = parsed("From: ann@example.com\r\nTo: list@example.com\r\nCc: me@example.org\r\n"
                                       "Mail-Followup-To: list@example.com, =?utf-8?q?J=C3=B6rg?= <jorg@example.com>, "
                                       "me@example.org\r\nSubject: x\r\n\r\nbody\r\n");
        QCOMPARE(m.mailFollowupTo.size(), 3);
        QCOMPARE(m.mailFollowupTo.at(1).name, QStringLiteral("Jörg"));
        const OutgoingMessage all = reply(m, ReplyScope::All, Own, {});
        QCOMPARE(addresses(all.to), (QStringList { QStringLiteral("list@example.com"), QStringLiteral("jorg@example.com") }));
        QVERIFY(all.cc.isEmpty());
        // Reply (to the sender) is not about the list.
        QCOMPARE(addresses(reply(m, ReplyScope::Sender, Own, {}).to), QStringList { QStringLiteral("ann@example.com") });
    }

    void answeringOnesOwnMessageGoesToItsRecipients()
    {
        const ParsedMessage sent = parsed("From: Me <me@example.org>\r\nTo: ann@example.com\r\nCc: bob@example.com\r\n"
                                          "Subject: x\r\n\r\nbody\r\n");
        QCOMPARE(addresses(reply(sent, ReplyScope::Sender, Own, {}).to), QStringList { QStringLiteral("ann@example.com") });
        const OutgoingMessage all = reply(sent, ReplyScope::All, Own, {});
        QCOMPARE(addresses(all.to), QStringList { QStringLiteral("ann@example.com") });
        QCOMPARE(addresses(all.cc), QStringList { QStringLiteral("bob@example.com") });
        // A note to self stays one.
        const ParsedMessage note = parsed("From: me@example.org\r\nTo: me@example.org\r\nSubject: n\r\n\r\nx\r\n");
        QCOMPARE(addresses(reply(note, ReplyScope::All, Own, {}).to), QStringList { QStringLiteral("me@example.org") });
    }

    void longThreadsKeepTheirRootAndLatestReferences()
    {
        QByteArray refs;
        for (int i = 1; i <= 30; ++i)
            refs += " <r" + QByteArray::number(i) + "@example.com>";
        const ParsedMessage m = parsed("From: ann@example.com\r\nTo: me@example.org\r\nMessage-ID: <r31@example.com>\r\n"
                                       "References:" + refs + "\r\nSubject: x\r\n\r\nbody\r\n");
        const OutgoingMessage r = reply(m, ReplyScope::Sender, Own, {});
        QCOMPARE(r.references.size(), 20);
        QCOMPARE(r.references.first(), QByteArray("<r1@example.com>"));
        QCOMPARE(r.references.at(1), QByteArray("<r13@example.com>"));
        QCOMPARE(r.references.last(), QByteArray("<r31@example.com>"));
        // Without a Message-ID of its own there is nothing to reply to.
        const OutgoingMessage bare = reply(parsed("From: ann@example.com\r\nSubject: x\r\n\r\nbody\r\n"), ReplyScope::Sender, Own, {});
        QVERIFY(bare.inReplyTo.isEmpty());
        QVERIFY(bare.references.isEmpty());
    }

    // A parent that has In-Reply-To but no References: the thread goes on
    // through its In-Reply-To (RFC 5322 §3.6.4).
    void referencesFromInReplyTo()
    {
        const ParsedMessage m = parsed("From: ann@example.com\r\nTo: me@example.org\r\nMessage-ID: <p2@example.com>\r\n"
                                       "In-Reply-To: <p1@example.org>\r\nSubject: x\r\n\r\nbody\r\n");
        QCOMPARE(reply(m, ReplyScope::Sender, Own, {}).references,
            (QByteArrayList { "<p1@example.org>", "<p2@example.com>" }));
    }

    // An encoded name with a comma in Mail-Followup-To stays one mailbox.
    void followupToWithAnEncodedComma()
    {
        const ParsedMessage m = parsed("From: ann@example.com\r\nTo: list@example.com\r\n"
                                       "Mail-Followup-To: =?utf-8?q?Doe=2C_John?= <john@example.com>,\r\n list@example.com\r\n"
                                       "Subject: x\r\n\r\nbody\r\n");
        QCOMPARE(m.mailFollowupTo.size(), 2);
        QCOMPARE(m.mailFollowupTo.first().name, QStringLiteral("Doe, John"));
        QCOMPARE(m.mailFollowupTo.first().address, QStringLiteral("john@example.com"));
        QCOMPARE(addresses(reply(m, ReplyScope::All, Own, {}).to),
            (QStringList { QStringLiteral("john@example.com"), QStringLiteral("list@example.com") }));
    }

    // One's own sent message, forwarded whole, does not give away whom it
    // was Bcc'd to (its Sent copy says so on top).
    void aForwardedSentCopyKeepsItsBccHidden()
    {
        const QByteArray sentCopy = "Bcc: secret@example.com,\r\n hidden@example.com\r\nFrom: me@example.org\r\n"
                                    "To: ann@example.com\r\nResent-Bcc: other@example.com\r\nSubject: Sent\r\n\r\n"
                                    "Bcc: this line is text\r\n";
        const OutgoingMessage f = forwardAsAttachment(parsed(sentCopy), sentCopy);
        QCOMPARE(f.attachments.first().content,
            QByteArray("From: me@example.org\r\nTo: ann@example.com\r\nSubject: Sent\r\n\r\nBcc: this line is text\r\n"));
    }

    void anHtmlOnlyMessageIsQuotedAsText()
    {
        const ParsedMessage m = parsed("From: ann@example.com\r\nTo: me@example.org\r\nSubject: x\r\n"
                                       "Content-Type: text/html; charset=utf-8\r\n\r\n"
                                       "<p>First <b>bold</b></p><p>Second</p>\r\n");
        const OutgoingMessage r = reply(m, ReplyScope::Sender, Own, { QStringLiteral("Ann wrote:") });
        QVERIFY2(r.text.startsWith(QStringLiteral("Ann wrote:\n> First bold")), qPrintable(r.text));
        QVERIFY2(r.text.contains(QStringLiteral("> Second")), qPrintable(r.text));
        QVERIFY(!r.text.contains(u'<'));
    }

    void theIdentityIsTheOneItWasSentTo()
    {
        const ParsedMessage m = parsed(Thread);
        QCOMPARE(addressedIdentity(m, Own), 0);  // in To
        QCOMPARE(addressedIdentity(m, { QStringLiteral("other@x.org"), QStringLiteral("me.too@example.net") }), 1);  // in Cc
        QCOMPARE(addressedIdentity(m, { QStringLiteral("other@x.org") }), -1);
        QVERIFY(isOwnAddress(QStringLiteral(" ME@example.org "), Own));
        QVERIFY(!isOwnAddress(QString(), Own));
    }

    void forwardInlineCarriesTextAndAttachments()
    {
        OutgoingMessage original;
        original.from = { QStringLiteral("Ann"), QStringLiteral("ann@example.com") };
        original.to = { { QString(), QStringLiteral("me@example.org") } };
        original.subject = QStringLiteral("Report");
        original.text = QStringLiteral("See the figures.\n");
        const QByteArray pdf = QByteArray("%PDF-1.4\n") + QByteArray(3000, '\x01');
        original.attachments.append({ QStringLiteral("figures.pdf"), "application/pdf", pdf });
        BuildOptions o;
        o.messageIdLocalPart = "fw1";
        const auto built = buildMessage(original, o);
        QVERIFY(built);
        const ParsedMessage m = parsed(built->bytes);

        ForwardText words { QStringLiteral("--- Forwarded ---"), QStringLiteral("Subject:"), QStringLiteral("Date:"),
            QStringLiteral("From:"), QStringLiteral("To:"), QStringLiteral("Cc:"), QStringLiteral("7 Dec 2026") };
        const OutgoingMessage f = forwardInline(m, built->bytes, words);
        QCOMPARE(f.subject, QStringLiteral("Fwd: Report"));
        QVERIFY(f.to.isEmpty() && f.cc.isEmpty() && f.inReplyTo.isEmpty());
        QCOMPARE(f.text,
            QStringLiteral("\n\n--- Forwarded ---\nSubject: Report\nDate: 7 Dec 2026\nFrom: Ann <ann@example.com>\n"
                           "To: me@example.org\n\nSee the figures.\n"));
        QCOMPARE(f.attachments.size(), 1);
        QCOMPARE(f.attachments.first().fileName, QStringLiteral("figures.pdf"));
        QCOMPARE(f.attachments.first().mimeType, QByteArray("application/pdf"));
        QCOMPARE(f.attachments.first().content, pdf);
    }

    void forwardAsAttachmentSendsTheMessageAsItIs()
    {
        const ParsedMessage m = parsed(Thread);
        OutgoingMessage f = forwardAsAttachment(m, Thread);
        QCOMPARE(f.subject, QStringLiteral("Fwd: RE: Re: Plans"));
        QCOMPARE(f.attachments.size(), 1);
        QCOMPARE(f.attachments.first().content, Thread);  // as it is
        const QString name = f.attachments.first().fileName;
        QVERIFY2(name.startsWith(QLatin1String("RE")) && name.endsWith(QLatin1String("Plans.eml")) && !name.contains(u':'),
            qPrintable(name));  // after its subject, safe to save anywhere
        f.from = { QString(), QStringLiteral("me@example.org") };
        f.to = { { QString(), QStringLiteral("dan@example.com") } };
        BuildOptions o;
        o.messageIdLocalPart = "fw2";
        const auto built = buildMessage(f, o);
        QVERIFY2(built, qPrintable(built.error().technicalDescription()));
        QVERIFY2(built->bytes.contains("Content-Type: message/rfc822"), built->bytes.constData());
        QVERIFY(!built->eightBit);
        // Attached as it is: its own header and text readable, not base64.
        QVERIFY(built->bytes.contains("Message-ID: <m3@example.com>"));
        QVERIFY(built->bytes.contains("Let us meet."));
        const ParsedMessage back = parsed(built->bytes);
        QCOMPARE(back.attachments.size(), 1);
        QCOMPARE(back.attachments.first().mimeType, QByteArray("message/rfc822"));
        // Its bytes inside the forward are the original's, line for line.
        QVERIFY(built->bytes.contains(Thread.left(Thread.indexOf("\r\n\r\n"))));
        QVERIFY(built->bytes.contains("\r\n\r\nLet us meet.\r\n> Earlier words\r\n\r\n-- \r\nAnn's signature\r\n"));
        QVERIFY(back.attachments.first().fileName.endsWith(QLatin1String(".eml")));
        // Untitled: still a name.
        QCOMPARE(forwardAsAttachment(parsed("From: a@b.org\r\n\r\nx\r\n"), "From: a@b.org\r\n\r\nx\r\n")
                     .attachments.first()
                     .fileName,
            QStringLiteral("message.eml"));
    }

    void anEightBitMessageIsAttachedAsAFileWithout8BitMime()
    {
        const QByteArray raw = "From: ann@example.com\r\nSubject: Gr\xc3\xbc\xc3\x9f" "e\r\n"
                               "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                               "Gr\xc3\xbc\xc3\x9f" "e\r\n";
        OutgoingMessage f = forwardAsAttachment(parsed(raw), raw);
        f.from = { QString(), QStringLiteral("me@example.org") };
        f.to = { { QString(), QStringLiteral("dan@example.com") } };
        BuildOptions with8bit;
        with8bit.messageIdLocalPart = "fw3";
        const auto eight = buildMessage(f, with8bit);
        QVERIFY(eight);
        QVERIFY(eight->bytes.contains("Content-Type: message/rfc822"));
        QVERIFY(eight->bytes.contains("Content-Transfer-Encoding: 8bit"));
        QVERIFY(eight->eightBit);  // MAIL FROM asks for BODY=8BITMIME

        BuildOptions sevenBit = with8bit;
        sevenBit.eightBitMime = false;
        const auto seven = buildMessage(f, sevenBit);
        QVERIFY(seven);
        QVERIFY(!seven->eightBit);
        QVERIFY(!seven->bytes.contains("message/rfc822"));
        QVERIFY(seven->bytes.contains("Content-Transfer-Encoding: base64"));
        QVERIFY(std::all_of(seven->bytes.cbegin(), seven->bytes.cend(), [](char c) { return uchar(c) < 0x80; }));
        const ParsedMessage back = parsed(seven->bytes);
        QCOMPARE(back.attachments.size(), 1);
        QCOMPARE(extractPart(seven->bytes, back.attachments.first().partIndex).value(), raw);
    }
};

QTEST_GUILESS_MAIN(TestReply)
#include "tst_reply.moc"
