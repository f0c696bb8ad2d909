#include "store/MessageQueries.h"

#include "store/Folders.h"
#include "store/SqlValues.h"

#include <QHash>
#include <QSqlQuery>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

namespace {

const char *kSummaryColumns
    = "id, folder_id, ifnull(account_id, 0), uidl, received_at, date, size, subject, from_name, from_address, "
      "to_text, cc_text, message_id, in_reply_to, list_id, has_attachments, snippet, flags, parse_state";

MessageSummary summaryFrom(const QSqlQuery &q)
{
    MessageSummary m;
    m.id = q.value(0).toLongLong();
    m.folderId = q.value(1).toLongLong();
    m.accountId = q.value(2).toLongLong();
    m.serverKey = q.value(3).toByteArray();
    m.receivedAt = Sql::fromMs(q.value(4).toLongLong());
    m.date = Sql::fromMs(q.value(5).toLongLong());
    m.size = q.value(6).toLongLong();
    m.subject = q.value(7).toString();
    m.fromName = q.value(8).toString();
    m.fromAddress = q.value(9).toString();
    m.to = q.value(10).toString();
    m.cc = q.value(11).toString();
    m.messageId = q.value(12).toByteArray();
    m.inReplyTo = q.value(13).toByteArray();
    m.listId = q.value(14).toString();
    m.hasAttachments = q.value(15).toBool();
    m.snippet = q.value(16).toString();
    m.flags = q.value(17).toInt();
    m.parseState = q.value(18).toInt();
    return m;
}

QString orderBy(ListOrder order)
{
    const QString dir = order.ascending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    switch (order.key) {
    case SortKey::From:
        return QStringLiteral("CASE WHEN from_name != '' THEN from_name ELSE from_address END COLLATE NOCASE %1, "
                              "date DESC, id DESC")
            .arg(dir);
    case SortKey::Subject: return QStringLiteral("subject COLLATE NOCASE %1, date DESC, id DESC").arg(dir);
    case SortKey::Size: return QStringLiteral("size %1, date DESC, id DESC").arg(dir);
    case SortKey::Date: break;
    }
    return QStringLiteral("date %1, id %1").arg(dir);
}

}  // namespace

Result<QList<MessageSummary>> MessageQueries::summaries(
    Database &db, const QString &where, const QVariantList &bindings, const QString &order)
{
    auto q = db.query(QStringLiteral("SELECT %1 FROM messages WHERE %2 ORDER BY %3 LIMIT ? OFFSET ?")
                          .arg(QString::fromLatin1(kSummaryColumns), where, order),
        bindings);
    if (!q)
        return q.error();
    QList<MessageSummary> out;
    while (q.value().next())
        out << summaryFrom(q.value());
    return out;
}

Result<QList<MessageSummary>> MessageQueries::inFolder(Database &db, qint64 folderId, int offset, int limit)
{
    return summaries(db, QStringLiteral("folder_id = ?"), { folderId, limit, offset });
}

Result<QList<MessageSummary>> MessageQueries::outsideTrash(Database &db, int offset, int limit)
{
    return summaries(db, Sql::notInTrash(), { limit, offset });
}

Status MessageQueries::searchConditions(
    Database &db, const SearchQuery &query, qint64 folderId, QStringList *where, QVariantList *bindings)
{
    if (folderId == UnifiedInbox) {
        *where << Sql::inInboxes();
    } else if (folderId) {
        *where << QStringLiteral("folder_id = ?");
        *bindings << folderId;
    }
    if (!query.folderPath.isEmpty()) {
        auto f = Folders::byPath(db, query.folderPath);
        if (!f)
            return f.error();
        *where << QStringLiteral("folder_id = ?");
        *bindings << f->id;
    }
    if (!folderId && query.folderPath.isEmpty())
        *where << Sql::notInTrash();
    if (!query.include.isEmpty()) {
        *where << QStringLiteral("id IN (SELECT rowid FROM message_search WHERE message_search MATCH ?)");
        *bindings << query.include.join(QStringLiteral(" AND "));
    }
    if (!query.exclude.isEmpty()) {
        // A message whose text is not in the index yet (stored since the
        // search caught up, or left to the index) is not known to lack it.
        *where << QStringLiteral("id NOT IN (SELECT rowid FROM message_search WHERE message_search MATCH ?) AND id "
                                 "NOT IN (SELECT message_id FROM search_pending)");
        *bindings << query.exclude.join(QStringLiteral(" OR "));
    }
    if (query.hasAttachment)
        *where << (*query.hasAttachment ? QStringLiteral("has_attachments = 1")
                                        : QStringLiteral("has_attachments = 0"));
    if (query.unread)
        *where << (*query.unread ? Sql::lacksFlag(Flag::Seen) : Sql::hasFlag(Flag::Seen));
    if (query.flagged)
        *where << (*query.flagged ? Sql::hasFlag(Flag::Flagged) : Sql::lacksFlag(Flag::Flagged));
    if (query.before.isValid()) {
        *where << QStringLiteral("date < ?");
        *bindings << Sql::toMs(query.before);
    }
    if (query.after.isValid()) {
        *where << QStringLiteral("date >= ?");
        *bindings << Sql::toMs(query.after);
    }
    if (where->isEmpty())
        *where << QStringLiteral("1");
    return {};
}

Result<QList<MessageSummary>> MessageQueries::search(
    Database &db, const SearchQuery &query, qint64 folderId, int offset, int limit)
{
    QStringList where;
    QVariantList bindings;
    if (auto st = searchConditions(db, query, folderId, &where, &bindings); !st)
        return st.error();
    bindings << limit << offset;
    // Walk the date index newest first, testing each entry against the
    // filters (all in the index) and the set of text matches, and stop at a
    // page: the cost follows the page, not the number of matches. Only that
    // page's rows are read.
    const bool oneFolder = (folderId && folderId != UnifiedInbox) || !query.folderPath.isEmpty();
    const QString page = QStringLiteral("SELECT id FROM messages INDEXED BY %1 WHERE %2 "
                                        "ORDER BY date DESC, id DESC LIMIT ? OFFSET ?")
                             .arg(oneFolder ? QStringLiteral("messages_folder_date") : QStringLiteral("messages_date"),
                                 where.join(QStringLiteral(" AND ")));
    bindings << limit << 0;  // the outer query: that page, in the same order
    return summaries(db, QStringLiteral("id IN (%1)").arg(page), bindings);
}

Result<QList<qint64>> MessageQueries::idsWhere(
    Database &db, const QString &where, const QVariantList &bindings, ListOrder order)
{
    auto q
        = db.query(QStringLiteral("SELECT id FROM messages WHERE %1 ORDER BY %2").arg(where, orderBy(order)), bindings);
    if (!q)
        return q.error();
    QList<qint64> out;
    while (q.value().next())
        out << q.value().value(0).toLongLong();
    return out;
}

Result<QList<qint64>> MessageQueries::ids(Database &db, qint64 folderId, ListOrder order)
{
    if (folderId == UnifiedInbox)
        return idsWhere(db, Sql::inInboxes(), {}, order);
    return idsWhere(db, QStringLiteral("folder_id = ?"), { folderId }, order);
}

Result<QList<qint64>> MessageQueries::searchIds(
    Database &db, const SearchQuery &query, qint64 folderId, ListOrder order)
{
    QStringList where;
    QVariantList bindings;
    if (auto st = searchConditions(db, query, folderId, &where, &bindings); !st)
        return st.error();
    return idsWhere(db, where.join(QStringLiteral(" AND ")), bindings, order);
}

Result<QList<MessageSummary>> MessageQueries::byIds(Database &db, const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return QList<MessageSummary>();
    auto q = db.query(QStringLiteral("SELECT %1 FROM messages WHERE id IN (SELECT value FROM json_each(?))")
                          .arg(QString::fromLatin1(kSummaryColumns)),
        { Sql::idJson(ids) });
    if (!q)
        return q.error();
    QHash<qint64, MessageSummary> byId;
    byId.reserve(ids.size());
    while (q.value().next()) {
        MessageSummary m = summaryFrom(q.value());
        byId.insert(m.id, std::move(m));
    }
    QList<MessageSummary> out;
    out.reserve(byId.size());
    for (qint64 id : ids) {
        auto it = byId.constFind(id);
        if (it != byId.constEnd())
            out << *it;
    }
    return out;
}

Result<QList<MessageSummary>> MessageQueries::latestArrivals(Database &db, qint64 accountId, int limit)
{
    return summaries(db, QStringLiteral("account_id = ?"), { accountId, limit, 0 }, QStringLiteral("id DESC"));
}

Result<MessageSummary> MessageQueries::one(Database &db, qint64 id)
{
    auto q = db.query(
        QStringLiteral("SELECT %1 FROM messages WHERE id = ?").arg(QString::fromLatin1(kSummaryColumns)), { id });
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error(ErrorCode::NotFound, QStringLiteral("no message %1").arg(id));
    return summaryFrom(q.value());
}

Status MessageQueries::readRaw(Database &db, qint64 id, const std::function<Status(QByteArrayView)> &sink)
{
    // One read transaction, so the message cannot change between chunks.
    if (auto st = db.begin(false); !st)
        return st;
    auto exists = db.scalar(QStringLiteral("SELECT size FROM messages WHERE id = ?"), { id });
    if (!exists || !exists->isValid()) {
        db.rollback();
        return exists ? Error(ErrorCode::NotFound, QStringLiteral("no message %1").arg(id)) : exists.error();
    }
    const qint64 size = exists->toLongLong();
    qint64 delivered = 0;
    // Chunk by chunk: one chunk in memory at a time.
    for (qint64 seq = 0;; ++seq) {
        auto chunk = db.scalar(
            QStringLiteral("SELECT data FROM message_chunks WHERE message_id = ? AND seq = ?"), { id, seq });
        if (!chunk) {
            db.rollback();
            return chunk.error();
        }
        if (!chunk->isValid())
            break;
        const QByteArray data = chunk->toByteArray();
        delivered += data.size();
        if (auto st = sink(data); !st) {
            db.rollback();
            return st;
        }
    }
    db.rollback();
    if (delivered != size)
        return Error(ErrorCode::StoreCorrupt,
            QStringLiteral("message %1 has %2 of %3 octets stored").arg(id).arg(delivered).arg(size));
    return {};
}

}  // namespace Store
