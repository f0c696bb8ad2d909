#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Store {

enum class FolderKind {
    Local = 0,  // a folder the user made
    Inbox = 1,  // an account's inbox (one per account)
    Trash = 2,  // the one Trash
};

struct Folder {
    qint64 id = 0;
    qint64 parentId = 0;  // 0: top level
    QString name;
    FolderKind kind = FolderKind::Local;
    qint64 accountId = 0;  // for an inbox
    QString path;          // "<account>/Inbox", "Local/<name>[/<sub>…]", "Trash"
    int total = 0;
    int unread = 0;

    [[nodiscard]] bool isSystem() const { return kind != FolderKind::Local; }
};

namespace Flag {
enum : int {
    Seen = 1,
    Flagged = 2,
    Answered = 4,
    Partial = 8,  // only headers and the first lines are stored
    Forwarded = 16,
};
}

struct MessageSummary {
    qint64 id = 0;
    qint64 folderId = 0;
    qint64 accountId = 0;
    QByteArray serverKey;  // the key the server knows it by (column `uidl`): its UIDL or a fallback key
    QDateTime receivedAt;
    QDateTime date;
    qint64 size = 0;
    QString subject;
    QString fromName;
    QString fromAddress;
    QString to;
    QString cc;
    QByteArray messageId;
    QByteArray inReplyTo;
    QString listId;
    bool hasAttachments = false;
    QString snippet;
    int flags = 0;
    int parseState = 0;  // 0 understood, 1 partly, 2 raw only

    [[nodiscard]] bool isSeen() const { return flags & Flag::Seen; }
};

// The order of a message list: by date (the default, newest first),
// sender, subject or size; ties newest first.
enum class SortKey { Date, From, Subject, Size };
struct ListOrder {
    SortKey key = SortKey::Date;
    bool ascending = false;
    bool operator==(const ListOrder &) const = default;
};

// When a write's commit reaches the disk. Immediate (the default, and
// always for fetched mail, which the server may delete next): before the
// write returns. Deferred (bulk imports, which can be run again from their
// source): the commit is atomic and safe from crashes, but a power loss may
// undo it until a flush (MailStore::syncToDisk) or a later Immediate commit.
enum class Durability { Immediate, Deferred };

// A message ready to be stored: raw bytes (in memory or in a file) plus
// everything derived from them. Made by MessagePreparer off the writer
// thread; written by Store::insertMessage in one transaction.
struct PreparedMessage {
    QByteArray raw;   // the bytes, or empty when rawFile is set
    QString rawFile;  // a file holding the bytes (streamed in chunks)
    qint64 size = 0;
    qint64 folderId = 0;
    qint64 accountId = 0;
    QByteArray serverKey;  // the key the server knows it by (column `uidl`): its UIDL or a fallback key
    int flags = 0;
    QDateTime receivedAt;
    // Derived from the raw bytes.
    QDateTime date;
    QString subject;
    QString fromName;
    QString fromAddress;
    QString to;
    QString cc;
    QByteArray messageId;
    QByteArray inReplyTo;
    QByteArray references;  // space separated
    QString listId;
    bool hasAttachments = false;
    QString snippet;
    int parseState = 0;
    // Searched, not shown: the body as plain text (HTML converted), at most
    // MessagePreparer::MaxIndexedText characters, and the attachments' names.
    QString bodyText;
    QString attachmentNames;
};

}  // namespace Store
