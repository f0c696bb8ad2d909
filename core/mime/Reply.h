#pragma once

#include "mime/MessageBuilder.h"
#include "mime/ParsedMessage.h"

#include <QString>
#include <QStringList>

// Answers and forwards: who they go to, their subject, threading headers
// and the quoted text. The words around the quote (the attribution line,
// the forwarded header block) come from the caller: only the UI translates.
namespace Mime {

enum class ReplyScope {
    Sender,  // the Reply-To, else the From (own message: its recipients)
    All,     // Mail-Followup-To when present, else the sender, To and Cc; never the user's own addresses
};

// "Re: " in front, once: "Re: x", "RE: x", "Re[2]: x", "AW: x" and
// repeats of them all give "Re: x".
[[nodiscard]] QString replySubject(const QString &subject);
// "Fwd: " in front, once.
[[nodiscard]] QString forwardSubject(const QString &subject);

// `text` quoted for a reply: "> " before each line (">" before a line
// quoted already), the sender's signature (from a "-- " line on) and the
// blank lines at the end left out.
[[nodiscard]] QString quoteText(const QString &text);

// Whether `address` is one of `own` (case-insensitive).
[[nodiscard]] bool isOwnAddress(const QString &address, const QStringList &own);

// The identity to answer from: the first of `own` the original was sent
// to (To, then Cc), else -1.
[[nodiscard]] int addressedIdentity(const ParsedMessage &original, const QStringList &own);

struct ReplyText {
    QString attribution;  // "On <date>, <name> wrote:" as the UI words it; empty: none
};

// A reply to `original`: recipients by `scope` (each address once, the
// user's own left out unless nothing else is left), "Re: " subject,
// In-Reply-To its Message-ID and References its References (else its
// In-Reply-To) followed by its Message-ID (the first and the last 19 kept
// when there are more),
// and its text (the HTML part's text when it has no plain one) quoted
// under the attribution, an empty line after it to write in. From is left
// to the caller (the identity).
[[nodiscard]] OutgoingMessage reply(
    const ParsedMessage &original, ReplyScope scope, const QStringList &ownAddresses, const ReplyText &words);

// The header block an inline forward starts with, in the UI's words.
struct ForwardText {
    QString title;    // "-------- Forwarded Message --------"
    QString subject;  // "Subject:"
    QString date;     // "Date:"
    QString from;     // "From:"
    QString to;       // "To:"
    QString cc;       // "Cc:"
    QString dateText;  // the original's date as the UI writes it
};

// A forward with the original's text inline under its header block, its
// attachments attached again (`raw` is where their bytes are read from),
// "Fwd: " subject, no recipients.
[[nodiscard]] OutgoingMessage forwardInline(
    const ParsedMessage &original, const QByteArray &raw, const ForwardText &words);

// A forward with the original attached whole (message/rfc822, named after
// its subject) but for its Bcc and Resent-Bcc fields (a Sent copy keeps
// who was Bcc'd), "Fwd: " subject, no text and no recipients.
[[nodiscard]] OutgoingMessage forwardAsAttachment(const ParsedMessage &original, const QByteArray &raw);

}  // namespace Mime
