#include "store/Messages.h"

#include "store/Folders.h"
#include "store/SearchIndex.h"
#include "store/SqlValues.h"

#include <QFile>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;
using namespace Store::Sql;

Result<qint64> Messages::insert(Database &db, const PreparedMessage &m)
{
    // SQLite's own bindings (Statement): this runs once per stored message.
    auto insertMessage = db.prepared(
        "INSERT INTO messages(folder_id, account_id, uidl, received_at, date, size, subject, from_name, "
        "from_address, to_text, cc_text, message_id, in_reply_to, refs, list_id, has_attachments, "
        "snippet, flags, parse_state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!insertMessage)
        return insertMessage.error();
    Statement &row = **insertMessage;
    row.integer(m.folderId);
    m.accountId ? row.integer(m.accountId) : row.null();
    row.blob(m.serverKey)
        .integer(toMs(m.receivedAt))
        .integer(toMs(m.date.isValid() ? m.date : m.receivedAt))
        .integer(m.size)
        .text(notNullText(m.subject))
        .text(notNullText(m.fromName))
        .text(notNullText(m.fromAddress))
        .text(notNullText(m.to))
        .text(notNullText(m.cc))
        .text(textOrNullText(m.messageId))
        .text(textOrNullText(m.inReplyTo))
        .text(textOrNullText(m.references))
        .text(textOrNullText(m.listId))
        .integer(m.hasAttachments)
        .text(notNullText(m.snippet))
        .integer(m.flags)
        .integer(m.parseState);
    if (auto st = row.run(); !st)
        return st.error();
    const qint64 messageId = row.lastInsertId();
    auto insertText = db.prepared("INSERT INTO message_text(message_id, body, attachment_names) VALUES (?,?,?)");
    if (!insertText)
        return insertText.error();
    if (auto st = (*insertText)->integer(messageId).text(notNullText(m.bodyText)).text(notNullText(m.attachmentNames)).run();
        !st)
        return st.error();
    if (auto st = SearchIndex::addLater(db, messageId); !st)
        return st.error();
    if (auto st = writeChunks(db, messageId, m); !st)
        return st.error();
    return messageId;
}

// The raw bytes of `m` (in memory or in its file) as the chunks of message `messageId`.
Status Messages::writeChunks(Database &db, qint64 messageId, const PreparedMessage &m)
{
    auto insert = db.prepared("INSERT INTO message_chunks(message_id, seq, data) VALUES (?, ?, ?)");
    if (!insert)
        return insert.error();
    auto insertChunk = [&](qint64 seq, QByteArrayView data) -> Status {
        if (auto st = (*insert)->integer(messageId).integer(seq).blob(data).run(); !st) {
            Error e = st.error();
            e.detail = QStringLiteral("storing message data: ") + e.detail;
            return e;
        }
        return {};
    };
    qint64 written = 0;
    if (!m.rawFile.isEmpty()) {
        QFile file(m.rawFile);
        if (!file.open(QIODevice::ReadOnly))
            return Error(ErrorCode::NotFound, QStringLiteral("cannot read %1").arg(m.rawFile));
        for (qint64 seq = 0;; ++seq) {
            const QByteArray data = file.read(ChunkSize);
            if (data.isEmpty())
                break;
            if (auto st = insertChunk(seq, data); !st)
                return st;
            written += data.size();
        }
    } else {
        for (qint64 seq = 0, off = 0; off < m.raw.size(); ++seq, off += ChunkSize) {
            const qsizetype len = std::min<qsizetype>(ChunkSize, m.raw.size() - off);
            if (auto st = insertChunk(seq, QByteArrayView(m.raw.constData() + off, len)); !st)
                return st;
            written += len;
        }
    }
    if (written != m.size)
        return Error(ErrorCode::LocalWriteFailed,
            QStringLiteral("message data changed while stored (%1 of %2 octets)").arg(written).arg(m.size));
    return {};
}

Result<bool> Messages::updateDerived(Database &db, qint64 id, const PreparedMessage &m)
{
    auto updated = db.query(QStringLiteral("UPDATE messages SET date = ?, subject = ?, from_name = ?, "
                                           "from_address = ?, to_text = ?, cc_text = ?, message_id = ?, "
                                           "in_reply_to = ?, refs = ?, list_id = ?, has_attachments = ?, "
                                           "snippet = ?, parse_state = ? WHERE id = ?"),
        { toMs(m.date), notNull(m.subject), notNull(m.fromName), notNull(m.fromAddress), notNull(m.to), notNull(m.cc),
            textOrNull(m.messageId), textOrNull(m.inReplyTo), textOrNull(m.references), textOrNull(m.listId),
            m.hasAttachments, notNull(m.snippet), m.parseState, id });
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() == 0)
        return false;
    // An update re-indexes by trigger; a message without text yet gets it
    // and waits to join the index.
    auto text = db.query(QStringLiteral("UPDATE message_text SET body = ?, attachment_names = ? WHERE message_id = ?"),
        { notNull(m.bodyText), notNull(m.attachmentNames), id });
    if (!text)
        return text.error();
    if (text->numRowsAffected() > 0)
        return true;
    if (auto s = db.exec(QStringLiteral("INSERT INTO message_text(message_id, body, attachment_names) VALUES (?,?,?)"),
            { id, notNull(m.bodyText), notNull(m.attachmentNames) });
        !s)
        return s.error();
    if (auto s = SearchIndex::addLater(db, id); !s)
        return s.error();
    return true;
}

Status Messages::replaceContent(Database &db, qint64 id, const PreparedMessage &m)
{
    auto updated = updateDerived(db, id, m);
    if (!updated)
        return updated.error();
    if (!*updated)
        return Error(ErrorCode::NotFound, QStringLiteral("message %1").arg(id));
    if (auto st = db.exec(QStringLiteral("UPDATE messages SET size = ?, flags = flags & ~? WHERE id = ?"),
            { m.size, int(Flag::Partial), id });
        !st)
        return st;
    if (auto st = db.exec(QStringLiteral("DELETE FROM message_chunks WHERE message_id = ?"), { id }); !st)
        return st;
    return writeChunks(db, id, m);
}

Status Messages::move(Database &db, const QList<qint64> &ids, qint64 folderId)
{
    auto kind = Folders::kindOf(db, folderId);
    if (!kind)
        return kind.error();
    if (*kind == FolderKind::Trash) {
        return forIdSlices(ids, [&](const QString &slice) {
            return db.exec(QStringLiteral("UPDATE messages SET trashed_from = folder_id, trashed_at = ?, "
                                          "folder_id = ? WHERE id IN (%1) AND folder_id != ?")
                               .arg(slice),
                { nowMs(), folderId, folderId });
        });
    }
    return forIdSlices(ids, [&](const QString &slice) {
        return db.exec(QStringLiteral("UPDATE messages SET folder_id = ?, trashed_from = NULL, trashed_at = NULL "
                                      "WHERE id IN (%1)")
                           .arg(slice),
            { folderId });
    });
}

Result<QList<qint64>> Messages::copy(Database &db, const QList<qint64> &ids, qint64 folderId)
{
    QList<qint64> copies;
    if (auto kind = Folders::kindOf(db, folderId); !kind)
        return kind.error();
    for (qint64 id : ids) {
        // A copy is a local copy: it does not carry the server's UIDL, so
        // the fetch logic only ever sees the original.
        auto q = db.query(
            QStringLiteral("INSERT INTO messages(folder_id, account_id, uidl, received_at, date, size, subject, "
                           "from_name, from_address, to_text, cc_text, message_id, in_reply_to, refs, list_id, "
                           "has_attachments, snippet, flags, parse_state) SELECT ?, account_id, NULL, "
                           "received_at, date, size, subject, from_name, from_address, to_text, cc_text, "
                           "message_id, in_reply_to, refs, list_id, has_attachments, snippet, flags & ~?, "
                           "parse_state FROM messages WHERE id = ? AND %1")
                .arg(lacksFlag(Flag::Partial)),
            { folderId, int(Flag::Partial), id });
        if (!q)
            return q.error();
        if (q.value().numRowsAffected() == 0)
            continue;  // gone, or partial (a partial message is not copied)
        const qint64 copy = q.value().lastInsertId().toLongLong();
        if (auto s = db.exec(QStringLiteral("INSERT INTO message_chunks(message_id, seq, data) SELECT ?, seq, data "
                                            "FROM message_chunks WHERE message_id = ? ORDER BY seq"),
                { copy, id });
            !s)
            return s.error();
        if (auto s = db.exec(QStringLiteral("INSERT INTO message_text(message_id, body, attachment_names) "
                                            "SELECT ?, body, attachment_names FROM message_text WHERE message_id = ?"),
                { copy, id });
            !s)
            return s.error();
        if (auto s = SearchIndex::addLater(db, copy); !s)
            return s.error();
        copies << copy;
    }
    return copies;
}

Status Messages::removePermanently(Database &db, const QList<qint64> &ids)
{
    return forIdSlices(ids, [&](const QString &slice) {
        return db.exec(QStringLiteral("DELETE FROM messages WHERE id IN (%1)").arg(slice));
    });
}

Result<int> Messages::removeFromFolder(Database &db, const QList<qint64> &ids, qint64 folderId)
{
    int removed = 0;
    const Status st = forIdSlices(ids, [&](const QString &slice) -> Status {
        auto q = db.query(
            QStringLiteral("DELETE FROM messages WHERE id IN (%1) AND folder_id = ?").arg(slice), { folderId });
        if (!q)
            return q.error();
        removed += q->numRowsAffected();
        return {};
    });
    if (!st)
        return st.error();
    return removed;
}

Status Messages::emptyTrash(Database &db)
{
    auto trash = Folders::trashId(db);
    if (!trash)
        return trash.error();
    return db.exec(QStringLiteral("DELETE FROM messages WHERE folder_id = ?"), { *trash });
}

Status Messages::setFlags(Database &db, const QList<qint64> &ids, int set, int clear)
{
    // Partial is a fact about the stored bytes, not a user's mark.
    constexpr int UserFlags = Flag::Seen | Flag::Flagged | Flag::Answered | Flag::Forwarded;
    set &= UserFlags;
    clear &= UserFlags;
    return forIdSlices(ids, [&](const QString &slice) {
        return db.exec(
            QStringLiteral("UPDATE messages SET flags = (flags | ?) & ~? WHERE id IN (%1)").arg(slice), { set, clear });
    });
}

}  // namespace Store
