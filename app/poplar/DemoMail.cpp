#include "DemoMail.h"

#include <QBuffer>
#include <QDateTime>
#include <QImage>
#include <QLocale>
#include <QPainter>

namespace Poplar::Demo {

namespace {

struct Part {
    QByteArray contentType;  // with parameters
    QByteArray disposition;  // empty: none
    QByteArray contentId;    // empty: none
    QByteArray body;         // decoded
    bool base64 = false;
};

struct Mail {
    Mail(QByteArray from_, QByteArray subject_, int minutesAgo_, QByteArray text_, QByteArray html_ = {},
        QList<Part> extra_ = {}, QByteArray headers_ = {}, QByteArray messageId_ = {}, QByteArray inReplyTo_ = {})
        : from(std::move(from_))
        , subject(std::move(subject_))
        , minutesAgo(minutesAgo_)
        , text(std::move(text_))
        , html(std::move(html_))
        , extra(std::move(extra_))
        , headers(std::move(headers_))
        , messageId(std::move(messageId_))
        , inReplyTo(std::move(inReplyTo_))
    { }
    QByteArray from;
    QByteArray subject;
    int minutesAgo = 0;
    QByteArray text;       // text/plain (UTF-8); may be empty when html is set
    QByteArray html;       // text/html (UTF-8); optional
    QList<Part> extra;     // attachments and inline parts
    QByteArray headers;    // further header lines ("List-Id: …\r\n")
    QByteArray messageId;  // without brackets; made up from the position when empty
    QByteArray inReplyTo;  // without brackets
};

QByteArray rfc2822Date(const QDateTime &t)
{
    return QLocale::c().toString(t.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() + " +0000";
}

QByteArray encodedWord(const QByteArray &utf8)
{
    for (char c : utf8) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return "=?UTF-8?B?" + utf8.toBase64() + "?=";
    }
    return utf8;
}

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray b64 = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}

QByteArray crlf(QByteArray text)
{
    text.replace("\r\n", "\n");
    text.replace("\n", "\r\n");
    if (!text.endsWith("\r\n"))
        text += "\r\n";
    return text;
}

QByteArray textPart(const QByteArray &subtype, const QByteArray &body)
{
    return "Content-Type: text/" + subtype + "; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + crlf(body);
}

QByteArray render(const Mail &m, const QDateTime &now, int index)
{
    const QByteArray id = m.messageId.isEmpty() ? "demo-" + QByteArray::number(index) + "@poplar.example" : m.messageId;
    QByteArray out = "From: " + m.from + "\r\nTo: You <you@poplar.example>\r\nSubject: " + encodedWord(m.subject)
        + "\r\nDate: " + rfc2822Date(now.addSecs(-60LL * m.minutesAgo)) + "\r\nMessage-ID: <" + id + ">\r\n";
    if (!m.inReplyTo.isEmpty())
        out += "In-Reply-To: <" + m.inReplyTo + ">\r\nReferences: <" + m.inReplyTo + ">\r\n";
    out += m.headers + "MIME-Version: 1.0\r\n";

    QByteArray body;
    if (!m.html.isEmpty() && !m.text.isEmpty()) {
        body = "Content-Type: multipart/alternative; boundary=\"alt-" + QByteArray::number(index) + "\"\r\n\r\n--alt-"
            + QByteArray::number(index) + "\r\n" + textPart("plain", m.text) + "--alt-" + QByteArray::number(index)
            + "\r\n" + textPart("html", m.html) + "--alt-" + QByteArray::number(index) + "--\r\n";
    } else if (!m.html.isEmpty()) {
        body = textPart("html", m.html);
    } else {
        body = textPart("plain", m.text);
    }
    if (m.extra.isEmpty())
        return out + body;

    const QByteArray boundary = "part-" + QByteArray::number(index);
    const bool related
        = std::all_of(m.extra.cbegin(), m.extra.cend(), [](const Part &p) { return !p.contentId.isEmpty(); });
    out += "Content-Type: multipart/" + QByteArray(related ? "related" : "mixed") + "; boundary=\"" + boundary
        + "\"\r\n\r\n--" + boundary + "\r\n" + body;
    for (const Part &p : m.extra) {
        out += "--" + boundary + "\r\nContent-Type: " + p.contentType + "\r\n";
        if (!p.disposition.isEmpty())
            out += "Content-Disposition: " + p.disposition + "\r\n";
        if (!p.contentId.isEmpty())
            out += "Content-ID: <" + p.contentId + ">\r\n";
        if (p.base64)
            out += "Content-Transfer-Encoding: base64\r\n\r\n" + base64Lines(p.body);
        else
            out += "Content-Transfer-Encoding: 8bit\r\n\r\n" + crlf(p.body);
    }
    return out + "--" + boundary + "--\r\n";
}

QByteArray png(int width, int height, const QColor &from, const QColor &to, const QString &label)
{
    QImage image(width, height, QImage::Format_ARGB32);
    QPainter p(&image);
    QLinearGradient g(0, 0, width, height);
    g.setColorAt(0, from);
    g.setColorAt(1, to);
    p.fillRect(image.rect(), g);
    p.setPen(Qt::white);
    QFont f = p.font();
    f.setPixelSize(height / 5);
    f.setBold(true);
    p.setFont(f);
    p.drawText(image.rect(), Qt::AlignCenter, label);
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// A small, valid one-page PDF that says `line`.
QByteArray pdf(const QByteArray &line)
{
    const QByteArray stream = "BT /F1 18 Tf 72 720 Td (" + line + ") Tj ET";
    QList<QByteArray> objects {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> "
        ">>",
        "<< /Length " + QByteArray::number(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    QByteArray out = "%PDF-1.4\n";
    QList<qsizetype> offsets;
    for (int i = 0; i < objects.size(); ++i) {
        offsets << out.size();
        out += QByteArray::number(i + 1) + " 0 obj\n" + objects.at(i) + "\nendobj\n";
    }
    const qsizetype xref = out.size();
    out += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (qsizetype o : offsets)
        out += QByteArray::number(o).rightJustified(10, '0') + " 00000 n \n";
    out += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n"
        + QByteArray::number(xref) + "\n%%EOF\n";
    return out;
}

QByteArray csv()
{
    QByteArray out = "Month,Visitors,Signups\n";
    const int visitors[] = { 1200, 1350, 1420, 1610, 1580, 1720, 1900, 2050, 1980, 2210, 2400, 2630 };
    for (int i = 0; i < 12; ++i)
        out += QLocale::c().monthName(i + 1).toLatin1() + "," + QByteArray::number(visitors[i]) + ","
            + QByteArray::number(visitors[i] / 23) + "\n";
    return out;
}

// Readable filler for the large message: a field journal, day by day.
QByteArray journal(int days)
{
    const char *const weather[] = { "clear and cold", "low cloud over the ridge", "rain from the west",
        "bright, with wind", "fog until noon", "first snow on the high meadow" };
    const char *const notes[] = { "The poplars along the river have dropped most of their leaves.",
        "Counted eleven herons at the gravel bank.", "The footbridge needs two new planks before winter.",
        "Beavers have been at the willows again near the bend.", "Water level down another hand's width since Monday.",
        "A kingfisher, briefly, below the weir." };
    QByteArray out;
    for (int d = 1; d <= days; ++d) {
        out += "Day " + QByteArray::number(d) + " - " + weather[d % 6] + ".\n" + notes[(d * 7) % 6] + " "
            + notes[(d * 5 + 1) % 6] + "\n\n";
    }
    return out;
}

}  // namespace

QList<QByteArray> demoMessages(const QDateTime &now)
{
    const QByteArray logo = png(240, 80, QColor(0x2f, 0x5d, 0x3a), QColor(0x7d, 0xb3, 0x6a), QStringLiteral("Poplar"));
    const QByteArray chart
        = png(320, 160, QColor(0x1f, 0x4e, 0x79), QColor(0x5b, 0x9b, 0xd5), QStringLiteral("Q3 +18%"));
    const QByteArray photo
        = png(400, 260, QColor(0xb0, 0x5a, 0x2a), QColor(0xf2, 0xc1, 0x4e), QStringLiteral("Harbour, 7:12"));

    QList<Mail> mails;
    mails << Mail { "Poplar <welcome@poplar.example>", "Welcome to Poplar", 5,
        "Hello!\n\nThis mailbox lives on a small POP3 server that Poplar started on your own computer for this demo. "
        "Poplar fetched these messages over TLS, stored them in a local database, and indexed them for search - "
        "the same path your real mail takes.\n\nThings to try:\n\n"
        " * Type in the search field: budget, from:lena, has:attachment, is:unread, \"river trip\".\n"
        " * Drag a message onto a folder to move it; hold Ctrl to copy it.\n"
        " * Right-click the folder tree to make a folder of your own.\n"
        " * Open the newsletter from Northwind Outfitters: its remote images are blocked until you allow them.\n"
        " * The message \"Field journal, autumn\" is large; Poplar kept only its beginning. Download the rest "
        "from the reading pane.\n\nNothing here leaves your computer. Close Poplar and the demo is gone.\n\n"
        "Enjoy,\nPoplar\n",
        "<html><body style=\"font-family: sans-serif\"><p><img src=\"cid:logo@poplar.example\" alt=\"Poplar\"></p>"
        "<h2>Welcome to Poplar</h2><p>This mailbox lives on a small POP3 server that Poplar started on your own "
        "computer for this demo. Poplar fetched these messages over <b>TLS</b>, stored them in a local database "
        "and indexed them for search &ndash; the same path your real mail takes.</p><h3>Things to try</h3><ul>"
        "<li>Type in the search field: <code>budget</code>, <code>from:lena</code>, <code>has:attachment</code>, "
        "<code>is:unread</code>, <code>\"river trip\"</code>.</li><li>Drag a message onto a folder to move it; "
        "hold Ctrl to copy it.</li><li>Right-click the folder tree to make a folder of your own.</li>"
        "<li>Open the newsletter from Northwind Outfitters: its remote images are blocked until you allow "
        "them.</li><li>The message <i>Field journal, autumn</i> is large; Poplar kept only its beginning. "
        "Download the rest from the reading pane.</li></ul><p>Nothing here leaves your computer. Close Poplar "
        "and the demo is gone.</p><p>Enjoy,<br>Poplar</p></body></html>",
        { Part { "image/png", "inline", "logo@poplar.example", logo, true } } };

    mails << Mail { "Lena Hartmann <lena.hartmann@example.org>", "River trip on Saturday?", 60 * 26,
        "Hi,\n\nthe forecast for Saturday looks good: dry, 14 degrees, light wind. Shall we do the river trip we "
        "talked about? I'd start at the old mill around nine and paddle down to the ferry landing.\n\n"
        "I can bring the second canoe and lunch. You'd only need a dry bag and something warm.\n\nLena\n",
        {}, {}, {}, "river-1@example.org" };
    mails << Mail { "You <you@poplar.example>", "Re: River trip on Saturday?", 60 * 25,
        "Sounds great - count me in.\n\nOn Thursday, Lena Hartmann wrote:\n> the forecast for Saturday looks "
        "good: dry, 14 degrees, light wind. Shall we do the\n> river trip we talked about? I'd start at the old "
        "mill around nine and paddle\n> down to the ferry landing.\n\nNine is fine. I'll bring coffee.\n",
        {}, {}, {}, "river-2@poplar.example", "river-1@example.org" };
    mails << Mail { "Lena Hartmann <lena.hartmann@example.org>", "Re: River trip on Saturday?", 60 * 23,
        "Perfect!\n\n> Sounds great - count me in.\n>\n> On Thursday, Lena Hartmann wrote:\n> > the forecast for "
        "Saturday looks good: dry, 14 degrees, light wind.\n> > Shall we do the river trip we talked about?\n>\n"
        "> Nine is fine. I'll bring coffee.\n\nThen it's settled. The map is here:\n"
        "https://maps.example.org/river/old-mill-to-ferry\n\nSee you at the mill,\nLena\n",
        {}, {}, {}, "river-3@example.org", "river-2@poplar.example" };

    mails << Mail { "Tomás Reyes <tomas@corp.example>", "Budget review: draft figures attached", 60 * 50,
        "Hello,\n\nattached are the draft figures for the budget review on Tuesday. The travel line is still "
        "an estimate; everything else is final.\n\nPlease send corrections by Monday noon.\n\nBest,\nTomás\n",
        {},
        { Part { "application/pdf; name=\"budget-draft.pdf\"", "attachment; filename=\"budget-draft.pdf\"", {},
              pdf("Budget review - draft figures"), true },
            Part { "text/csv; name=\"visitors-2026.csv\"", "attachment; filename=\"visitors-2026.csv\"", {}, csv(),
                false } } };
    mails << Mail { "Grete Olsen <grete@example.net>", "Photos from the harbour", 60 * 75,
        "Morning!\n\nI finally sorted the pictures from our walk. This one is my favourite - the light at "
        "7:12 was unreal.\n\nMore soon,\nGrete\n",
        {}, { Part { "image/png; name=\"harbour.png\"", "attachment; filename=\"harbour.png\"", {}, photo, true } } };
    mails << Mail { "IT Service Desk <servicedesk@corp.example>", "Your laptop is ready for pickup", 60 * 3,
        "Hello,\n\nyour laptop (ticket SD-4821) has been repaired: new keyboard and battery. You can pick it "
        "up at the service desk, room 0.14, Monday to Friday from 8:00 to 16:00.\n\nPlease bring your staff "
        "card.\n\nService Desk\n" };
    mails << Mail { "Dr. Jonas Weber <jonas.weber@example.de>", "Termin am Donnerstag: Besprechung Straßenfest",
        60 * 30,
        "Hallo zusammen,\n\nfür das Straßenfest im Juni treffen wir uns am Donnerstag um 18:30 Uhr im Café "
        "am Markt. Auf der Tagesordnung:\n\n 1. Genehmigung der Stadt (liegt vor)\n 2. Stände und "
        "Stromanschlüsse\n 3. Musik: Die Band aus Köln hat zugesagt\n 4. Getränke und Kuchenspenden\n\n"
        "Wer nicht kommen kann, schickt mir bitte bis Mittwoch eine kurze Nachricht.\n\nViele Grüße\n"
        "Jonas Weber\n" };
    mails << Mail { "Northwind Outfitters <news@northwind.example>", "Autumn collection: 20% off rain gear", 60 * 9,
        "Northwind Outfitters - Autumn collection\n\nView this newsletter in your browser: "
        "https://northwind.example/newsletter/autumn\n",
        "<html><body style=\"font-family: sans-serif; background: #f3f0e8\"><table width=\"100%\"><tr><td "
        "align=\"center\"><img src=\"https://images.northwind.example/header-autumn.jpg\" width=\"600\" "
        "alt=\"Northwind Outfitters\"><h1>Autumn collection</h1><p>Stay dry on the trail: <b>20% off</b> all "
        "rain gear until Sunday.</p><p><img src=\"https://images.northwind.example/jacket.jpg\" width=\"280\"> "
        "<img src=\"https://images.northwind.example/boots.jpg\" width=\"280\"></p><p><a "
        "href=\"https://northwind.example/shop/autumn\">Shop the collection</a></p><img "
        "src=\"https://track.northwind.example/open.gif?id=8841\" width=\"1\" height=\"1\"><p style=\"font-size: "
        "small\">You receive this newsletter because you signed up at northwind.example. <a "
        "href=\"https://northwind.example/unsubscribe\">Unsubscribe</a></p></td></tr></table></body></html>",
        {}, "List-Unsubscribe: <https://northwind.example/unsubscribe>\r\n" };
    mails << Mail { "Account Security <security@bank.example.com>", "Action required: confirm your details", 60 * 14,
        {},
        "<html><body style=\"font-family: sans-serif\"><p>Dear customer,</p><p>We noticed unusual activity. "
        "Please confirm your details within 24 hours at <a href=\"http://bank-example.login-check.example.net/"
        "confirm\">https://bank.example.com/security</a>.</p><p>Your Bank</p><p style=\"color: #777; font-size: "
        "small\">(A demo of a link whose text names another site than the one it leads to: Poplar flags it. "
        "Hover to see where it really goes.)</p></body></html>" };
    mails << Mail { "Release Bot <noreply@lists.example.org>", "[poplar-announce] Release 2.4 is out", 60 * 36,
        "Release 2.4 is out.\n\nHighlights:\n * Faster start with large folders\n * Search understands "
        "before: and after:\n * German translation complete\n\nFull notes: https://poplar.example/releases/2.4\n\n"
        "--\nYou are subscribed to poplar-announce. To leave, write to "
        "poplar-announce-leave@lists.example.org\n",
        {}, {}, "List-Id: Poplar announcements <poplar-announce.lists.example.org>\r\n" };
    mails << Mail { "Marta Kowalska <marta@example.com>", "Quarterly results chart", 60 * 98,
        "Hi,\n\nhere is the chart for the quarterly results slide. The numbers are the final ones from "
        "finance.\n\nMarta\n",
        "<html><body style=\"font-family: sans-serif\"><p>Hi,</p><p>here is the chart for the quarterly results "
        "slide:</p><p><img src=\"cid:chart@example.com\"></p><p>The numbers are the final ones from finance.</p>"
        "<p>Marta</p></body></html>",
        { Part { "image/png", "inline", "chart@example.com", chart, true } } };
    mails << Mail { "Unknown Sender <invoices@billing-center.example>", "Invoice 2026-1187 (overdue)", 60 * 20,
        "Please find your overdue invoice attached. Open the file to view it.\n", {},
        { Part { "application/x-msdownload; name=\"invoice-2026-1187.exe\"",
            "attachment; filename=\"invoice-2026-1187.exe\"", {}, QByteArray("MZ") + QByteArray(126, '\0'), true } } };
    mails << Mail { "Field Station <station@example.net>", "Field journal, autumn", 60 * 120,
        "The autumn journal from the river station, as promised. It is long - read it with a cup of tea.\n\n"
            + journal(2600) };

    // Everyday mail, to fill the list and give search something to find.
    struct Short {
        const char *from;
        const char *subject;
        const char *text;
        int minutesAgo;
    };
    const Short everyday[] = {
        { "Paul Becker <paul@example.org>", "Lunch on Friday?",
            "Thai place or the new bakery? I'm free from 12:15.\n\nPaul\n", 60 * 4 },
        { "Calendar <calendar@corp.example>", "Invitation: Sprint planning (Monday 10:00)",
            "You have been invited to Sprint planning.\nWhen: Monday 10:00-11:00\nWhere: Room Birch\n", 60 * 7 },
        { "Ines Schäfer <ines@example.de>", "Schlüssel für den Garten",
            "Hallo! Ich habe den Schlüssel für den Garten bei Frau Krüger im Erdgeschoss gelassen.\n\nGrüße, Ines\n",
            60 * 11 },
        { "Ben Fischer <ben@example.com>", "Re: the printer on floor 3",
            "> Is the printer on floor 3 working again?\n\nYes, since this morning. The toner was empty.\n\nBen\n",
            60 * 16 },
        { "Library <library@example.org>", "Reminder: 2 books due on Wednesday",
            "The following items are due on Wednesday:\n - The Overstory\n - A Field Guide to Rivers\n\nYou can "
            "renew them online.\n",
            60 * 19 },
        { "Olga Petrova <olga@example.net>", "Recipe: plum cake",
            "As promised: 500 g plums, 250 g flour, 125 g butter, 100 g sugar, 1 egg, a pinch of cinnamon. "
            "180 degrees, 45 minutes.\n\nOlga\n",
            60 * 40 },
        { "Felix Wagner <felix@corp.example>", "Deployment window moved to Thursday",
            "The deployment window moves from Wednesday to Thursday 20:00 because of the network maintenance. "
            "Please update your plans.\n\nFelix\n",
            60 * 44 },
        { "Travel Desk <travel@corp.example>", "Booking confirmed: Vienna, 12-14 March",
            "Your booking is confirmed.\nFlight: dep. 07:40, arr. 09:05\nHotel: Am Stadtpark, 2 nights\n", 60 * 55 },
        { "Clara Neumann <clara@example.org>", "Meeting notes: roadmap",
            "Notes from today's roadmap meeting:\n - migration to the new server in April\n - backup review "
            "every quarter\n - next meeting in two weeks\n\nClara\n",
            60 * 62 },
        { "Zoë Martin <zoe@example.com>", "Happy birthday!",
            "Happy birthday! Hope you have a wonderful day - cake is on me next time.\n\nZoë\n", 60 * 80 },
        { "Hugo Richter <hugo@example.de>", "Angebot für die Dachreparatur",
            "Guten Tag,\n\nanbei unser Angebot für die Dachreparatur: 2.480 Euro inklusive Material. Das "
            "Angebot gilt vier Wochen.\n\nMit freundlichen Grüßen\nHugo Richter\n",
            60 * 90 },
        { "Renée Dubois <renee@example.net>", "Slides for the workshop",
            "Bonjour! The slides for the workshop are ready; I'll bring them on a USB stick as well.\n\nRenée\n",
            60 * 110 },
        { "Niklas Klein <niklas@example.org>", "Band practice cancelled",
            "No practice this week - half of us have the flu. Next Tuesday as usual.\n\nNiklas\n", 60 * 130 },
        { "Katrin Wolf <katrin@corp.example>", "Expense report approved",
            "Your expense report for October has been approved. The refund will arrive with the next salary.\n",
            60 * 150 },
        { "Søren Nielsen <soren@example.com>", "Smørrebrød recipe",
            "Rye bread, butter, pickled herring, red onion, dill. That's the whole secret.\n\nSøren\n", 60 * 170 },
        { "Marie Braun <marie@example.de>", "Fotos vom Wandertag",
            "Die Fotos vom Wandertag sind online. Passwort gibt es persönlich!\n\nMarie\n", 60 * 190 },
        { "David Koch <david@example.org>", "Question about the contract",
            "Quick question: does the contract renewal include the support hours, or are they separate?\n\nDavid\n",
            60 * 210 },
        { "Elena Rossi <elena@example.com>", "Re: Conference in Madrid",
            "> Are you going to the conference in Madrid?\n\nYes! I'm presenting on Thursday afternoon.\n\nElena\n",
            60 * 240 },
        { "Weather Service <alerts@weather.example>", "Storm warning for the coast",
            "A storm warning is in effect for the coast from Tuesday evening until Wednesday noon.\n", 60 * 260 },
        { "Anna Müller <anna@example.de>", "Urlaubsvertretung",
            "Hallo,\n\nich bin vom 3. bis 14. im Urlaub. Vertretung: Lukas Schmidt.\n\nAnna\n", 60 * 300 },
    };
    for (const Short &s : everyday)
        mails << Mail { s.from, s.subject, s.minutesAgo, s.text };

    QList<QByteArray> out;
    for (int i = 0; i < mails.size(); ++i)
        out << render(mails.at(i), now, i + 1);
    return out;
}

}  // namespace Poplar::Demo
