#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/SearchQuery.h"
#include "store/StoreTypes.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QVariantList>

#include <functional>

namespace Store {

// Reading messages: summaries and id lists of a folder, of every account's
// Inbox or of a search, in a chosen order; one message's summary and raw
// bytes. Works on the connection it is given.
class MessageQueries
{
public:
    // Every account's Inbox together (as a folder id).
    static constexpr qint64 UnifiedInbox = -1;

    // Summaries matching `where` (bindings, then limit and offset), newest
    // first unless `order` says otherwise.
    [[nodiscard]] static Poplar::Result<QList<MessageSummary>> summaries(Database &db, const QString &where,
        const QVariantList &bindings, const QString &order = QStringLiteral("date DESC, id DESC"));
    [[nodiscard]] static Poplar::Result<QList<MessageSummary>> inFolder(
        Database &db, qint64 folderId, int offset, int limit);
    [[nodiscard]] static Poplar::Result<QList<MessageSummary>> outsideTrash(Database &db, int offset, int limit);
    [[nodiscard]] static Poplar::Result<QList<MessageSummary>> search(
        Database &db, const SearchQuery &query, qint64 folderId, int offset, int limit);
    [[nodiscard]] static Poplar::Result<QList<qint64>> ids(Database &db, qint64 folderId, ListOrder order);
    [[nodiscard]] static Poplar::Result<QList<qint64>> searchIds(
        Database &db, const SearchQuery &query, qint64 folderId, ListOrder order);
    [[nodiscard]] static Poplar::Result<QList<MessageSummary>> byIds(Database &db, const QList<qint64> &ids);
    [[nodiscard]] static Poplar::Result<QList<MessageSummary>> latestArrivals(
        Database &db, qint64 accountId, int limit);
    [[nodiscard]] static Poplar::Result<MessageSummary> one(Database &db, qint64 id);
    // Hands the raw bytes out chunk by chunk, in one read transaction.
    [[nodiscard]] static Poplar::Status readRaw(
        Database &db, qint64 id, const std::function<Poplar::Status(QByteArrayView)> &sink);

private:
    // The filters of a search as SQL conditions with their bindings.
    static Poplar::Status searchConditions(
        Database &db, const SearchQuery &query, qint64 folderId, QStringList *where, QVariantList *bindings);
    static Poplar::Result<QList<qint64>> idsWhere(
        Database &db, const QString &where, const QVariantList &bindings, ListOrder order);
};

}  // namespace Store
