#include "store/SearchIndex.h"

#include "store/MessagePreparer.h"
#include "store/Messages.h"
#include "store/SqlValues.h"
#include "store/Store.h"

#include <QList>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

Status SearchIndex::addLater(Database &db, qint64 messageId)
{
    auto insert = db.prepared("INSERT INTO search_pending(message_id) VALUES (?)");
    if (!insert)
        return insert.error();
    return (*insert)->integer(messageId).run();
}

Result<int> SearchIndex::indexSome(Database &db, int limit)
{
    auto waiting = db.query(
        QStringLiteral("SELECT message_id FROM search_pending ORDER BY message_id LIMIT ?"), { limit });
    if (!waiting)
        return waiting.error();
    QList<qint64> ids;
    while (waiting.value().next())
        ids << waiting.value().value(0).toLongLong();
    if (ids.isEmpty())
        return 0;
    const QString json = Sql::idJson(ids);
    // Out of the waiting list first: the index's source leaves waiting
    // messages out.
    if (auto st = db.execCached(
            QStringLiteral("DELETE FROM search_pending WHERE message_id IN (SELECT value FROM json_each(?))"), { json });
        !st)
        return st.error();
    if (auto st = db.execCached(
            QStringLiteral("INSERT INTO message_search(rowid, subject, sender, recipients, body, attachments) "
                           "SELECT id, subject, sender, recipients, body, attachments FROM message_search_source "
                           "WHERE id IN (SELECT value FROM json_each(?))"),
            { json });
        !st)
        return st.error();
    return int(ids.size());
}

Status SearchIndex::catchUp(MailStore &store)
{
    auto waiting = store.searchIndexBehind();
    if (!waiting)
        return waiting.error();
    if (!*waiting)
        return {};
    for (;;) {
        int indexed = 0;
        // The index can be derived again from what is stored: its commits
        // need no flush of their own.
        auto st = store
                      .writeAsync(
                          [&indexed](Database &db) -> Status {
                              auto n = indexSome(db);
                              if (!n)
                                  return n.error();
                              indexed = *n;
                              return {};
                          },
                          Durability::Deferred)
                      .get();
        if (!st)
            return st;
        if (indexed < SliceMessages)
            return {};
    }
}

Result<QStringList> SearchIndex::check(MailStore &store)
{
    QStringList problems;
    auto st = store.write([&problems](Database &db) -> Status {
        if (auto s = db.exec(QStringLiteral("INSERT INTO message_search(message_search, rank) "
                                            "VALUES ('integrity-check', 1)"));
            !s)
            problems << s.error().detail;
        return {};
    });
    if (!st)
        return st.error();
    return problems;
}

Status SearchIndex::finishPendingReindex(MailStore &store)
{
    auto pending = store.readValue([](Database &db) {
        return db.scalar(QStringLiteral("SELECT value FROM store_notes WHERE name = 'reindex-pending'"));
    });
    if (!pending)
        return pending.error();
    if (!pending->isValid())
        return {};
    if (auto done = reindex(store); !done)
        return done.error();
    return store.write(
        [](Database &db) { return db.exec(QStringLiteral("DELETE FROM store_notes WHERE name = 'reindex-pending'")); });
}

Result<int> SearchIndex::reindex(MailStore &store, const std::function<void(int, int)> &progress)
{
    struct Row {
        qint64 id, folder, account;
        QByteArray serverKey;
        int flags;
        qint64 received;
    };
    auto listed = store.readValue([](Database &db) -> Result<QList<Row>> {
        auto q = db.query(QStringLiteral("SELECT id, folder_id, ifnull(account_id, 0), uidl, flags, received_at FROM "
                                         "messages ORDER BY id"));
        if (!q)
            return q.error();
        QList<Row> rows;
        while (q.value().next()) {
            rows << Row { q.value().value(0).toLongLong(), q.value().value(1).toLongLong(),
                q.value().value(2).toLongLong(), q.value().value(3).toByteArray(), q.value().value(4).toInt(),
                q.value().value(5).toLongLong() };
        }
        return rows;
    });
    if (!listed)
        return listed.error();
    const QList<Row> &rows = *listed;
    const int total = int(rows.size());
    int done = 0;
    constexpr int Batch = 200;
    for (qsizetype start = 0; start < rows.size(); start += Batch) {
        QList<PreparedMessage> prepared;
        QList<qint64> ids;
        for (const Row &r : rows.mid(start, Batch)) {
            auto raw = store.rawMessage(r.id);
            if (!raw) {
                if (raw.error().code == ErrorCode::NotFound)
                    continue;  // deleted meanwhile
                return raw.error();
            }
            MessagePreparer::Input in;
            in.raw = std::move(raw).value();
            in.folderId = r.folder;
            in.accountId = r.account;
            in.serverKey = r.serverKey;
            in.flags = r.flags;
            in.receivedAt = Sql::fromMs(r.received);
            auto p = MessagePreparer::prepare(std::move(in));
            if (!p)
                return p.error();
            p.value().raw.clear();  // only the derived columns are written
            prepared << std::move(p).value();
            ids << r.id;
        }
        auto st = store.write([&](Database &db) -> Status {
            for (qsizetype i = 0; i < prepared.size(); ++i) {
                // (A message deleted since it was read is skipped.)
                if (auto updated = Messages::updateDerived(db, ids.at(i), prepared.at(i)); !updated)
                    return updated.error();
            }
            return {};
        });
        if (!st)
            return st.error();
        done += int(prepared.size());
        if (progress)
            progress(done, total);
    }
    return done;
}

}  // namespace Store
