#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// What core_mime makes of a message, in Qt types. Nothing here fails a
// message: whatever cannot be understood is left out and noted in
// ParsedMessage::warnings, and the raw bytes stay the source of truth.
namespace Mime {

struct Address {
    QString name;                           // decoded display name (RFC 2047), may be empty
    QString address;                        // addr-spec, may be empty for groups / garbage
    [[nodiscard]] QString display() const;  // "Name <addr>" or just one of them
    bool operator==(const Address &) const = default;
};

struct AttachmentInfo {
    int partIndex = -1;       // index of the leaf part in depth-first order; stable for a given raw message
    QString fileName;         // sanitized and never empty (a fallback like "attachment-3.pdf")
    QString originalName;     // as the message names it (decoded, untrusted); may be empty
    QByteArray mimeType;      // lower-case "type/subtype"
    qint64 size = 0;          // decoded size in octets (not counted by a Searchable parse)
    QByteArray contentId;     // without angle brackets; empty if none
    bool inlinePart = false;  // an inline part referenced by Content-ID (e.g. an image in the HTML)
};

// One node of the MIME tree, in depth-first order (the order of
// AttachmentInfo::partIndex). Attached messages (message/rfc822) are leaves:
// their insides are not part of this message's structure.
struct PartNode {
    int depth = 0;         // 0: the message's top-level part
    QByteArray mimeType;   // lower-case "type/subtype"
    QByteArray protocol;   // multipart/signed and multipart/encrypted: the protocol parameter, lower case
    QByteArray smimeType;  // application/pkcs7-mime: the smime-type parameter, lower case
    int partIndex = -1;    // leaves: the index AttachmentInfo::partIndex uses; -1 for multiparts
};

struct ParsedMessage {
    bool headersParsed = false;  // false only when not even a header block could be read
    QString subject;
    QList<Address> from;
    QList<Address> to;
    QList<Address> cc;
    QList<Address> replyTo;
    QList<Address> mailFollowupTo;      // where a list member wants replies to all to go
    QDateTime date;                     // UTC; invalid when missing or unparseable
    QByteArray messageId;               // without angle brackets
    QByteArray inReplyTo;               // the first msg-id, without angle brackets
    QList<QByteArray> references;       // msg-ids without angle brackets, in order
    QString listId;                     // the List-Id's id part, e.g. "dev.lists.example.org"
    QString textBody;                   // the best text/plain body, decoded to Unicode
    QString htmlBody;                   // the best text/html body, decoded to Unicode
    QList<AttachmentInfo> attachments;  // every leaf part that is not a chosen body
    QList<PartNode> structure;          // the MIME tree (Full parses only)
    QStringList warnings;               // what could not be understood (for diagnostics, not for users)

    // Any attachment a user would call one (inline cid: parts excluded).
    [[nodiscard]] bool hasAttachments() const;
    // textBody, or the HTML body converted to text.
    [[nodiscard]] QString plainText() const;
    // The first characters of plainText() on one line, whitespace collapsed.
    [[nodiscard]] QString snippet(int maxChars = 200) const;
};

enum class ParseDepth {
    HeadersOnly,  // header fields only (fast; for partial messages and listings)
    // Headers, bodies and the attachments' names and types, without their
    // sizes or the MIME tree: what the store derives and indexes. Counting
    // an attachment's size reads every octet of it.
    Searchable,
    Full,  // headers, bodies, attachment list with sizes, MIME tree
};

// "Name <addr>, Other <addr2>": each address as display() gives it, the
// empty ones left out.
[[nodiscard]] QString displayList(const QList<Address> &addresses);

// The first characters of `text` on one line, whitespace collapsed (what
// ParsedMessage::snippet() gives for its plain text).
[[nodiscard]] QString snippetOf(const QString &text, int maxChars = 200);

}  // namespace Mime
