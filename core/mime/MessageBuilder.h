#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QDateTime>
#include <QList>
#include <QString>

// Messages Poplar writes, as the bytes that go out (GMime does the MIME).
namespace Mime {

// The most a message Poplar writes may hold: its text and attachments
// together (servers take far less; this bounds memory).
inline constexpr qint64 kMaxOutgoingBytes = 100LL * 1024 * 1024;

struct Mailbox {
    QString name;     // display name, any characters (RFC 2047 encoded when needed; line breaks become spaces)
    QString address;  // as written: a domain in Unicode goes out in its ASCII form (IDNA)
};

struct OutgoingAttachment {
    QString fileName;     // as the recipient sees it (RFC 2231 when not ASCII)
    QByteArray mimeType;  // "type/subtype"; empty: from the name and the content
    QByteArray content;
};

struct OutgoingMessage {
    Mailbox from;
    QList<Mailbox> to;
    QList<Mailbox> cc;
    QList<Mailbox> bcc;  // envelope only: never in the bytes
    QList<Mailbox> replyTo;
    QString subject;
    QString text;                // plain text as written ("\n" line ends); sent format=flowed
    QByteArray inReplyTo;        // "<id@host>" of the message answered, or empty (a malformed one is left out)
    QByteArrayList references;   // "<id@host>" each, oldest first (malformed ones are left out)
    QList<OutgoingAttachment> attachments;
};

struct BuildOptions {
    QDateTime date;               // the Date header (its offset kept); invalid: now, local time
    bool eightBitMime = true;     // the server takes 8-bit bodies (else quoted-printable)
    bool smtpUtf8 = false;        // the server takes UTF-8 addresses (RFC 6531)
    QByteArray messageIdLocalPart;  // empty: random (tests fix it)
};

struct BuiltMessage {
    QByteArray bytes;              // CRLF line ends, ready for DotEncoder
    QByteArray messageId;          // "<local@domain>", on the sender's domain
    QByteArray envelopeFrom;       // MAIL FROM, ASCII domain
    QByteArrayList recipients;     // RCPT TO: To, Cc and Bcc, each once
    bool eightBit = false;         // the body has 8-bit text: MAIL FROM wants BODY=8BITMIME
    bool needsSmtpUtf8 = false;    // an address has a non-ASCII local part (or a header raw UTF-8)
    QString subject;               // for lists
    QString bcc;                   // the Bcc field's value (encoded as in a header) for the Sent copy; "" without
};

// An address as it goes on the wire: the local part as written, the domain
// in its ASCII form. AddressInvalid when it is no address (no single '@',
// spaces or specials in the local part, a domain IDNA cannot write);
// Utf8AddressUnsupported when its local part is not ASCII and `smtpUtf8` is
// false.
[[nodiscard]] Poplar::Result<QByteArray> wireAddress(const QString &address, bool smtpUtf8);

// The addresses a person typed into To, Cc or Bcc ("Ann <ann@example.org>,
// bob@example.org"; groups give their members): each checked as
// wireAddress() does with SMTPUTF8 allowed. AddressInvalid names the first
// that is no address. Empty text: none.
[[nodiscard]] Poplar::Result<QList<Mailbox>> parseMailboxes(const QString &typed);
// The same, naming in `refused` the piece it refused (as typed, trimmed).
[[nodiscard]] Poplar::Result<QList<Mailbox>> parseMailboxes(const QString &typed, QString *refused);

// A message written elsewhere (an .eml file) made ready to submit: every
// line end CRLF (a lone CR or LF too), the envelope from its From
// (`defaultFrom` added as From when it has none) and its To, Cc and Bcc
// (each address checked as parseMailboxes() does), its Bcc and Resent-Bcc
// fields taken out (the Bcc into `bcc`), a
// Date and a Message-ID (on the sender's domain) added when missing; the
// rest as it was. InvalidArgument when it is no message (no header, a NUL,
// a line over 998 octets); the address errors as buildMessage().
[[nodiscard]] Poplar::Result<BuiltMessage> prepareMessage(const QByteArray &raw, const Mailbox &defaultFrom);

// The message: From, To, Cc, Reply-To, Subject, Date, Message-ID (on the
// sender's domain, never the local host's name), In-Reply-To, References,
// MIME-Version; its text as `text/plain; charset=utf-8; format=flowed;
// delsp=yes` (7bit when ASCII, else 8bit, or quoted-printable without
// 8BITMIME); with attachments, multipart/mixed and each attachment base64.
// Fails on the first address wireAddress() refuses, or without recipients.
[[nodiscard]] Poplar::Result<BuiltMessage> buildMessage(const OutgoingMessage &message, const BuildOptions &options);

}  // namespace Mime
