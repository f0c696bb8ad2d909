#include "sync/FetchHistory.h"

#include "store/Database.h"
#include "store/Store.h"
#include "sync/FetchJob.h"
#include "sync/StoredTime.h"

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;
using Store::Database;

namespace {

QVariant nullText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

}  // namespace

FetchRecord FetchRecord::from(qint64 accountId, const FetchReport &report)
{
    FetchRecord r;
    r.accountId = accountId;
    r.startedAt = report.startedAt;
    r.finishedAt = report.finishedAt;
    r.stored = report.stored;
    r.storedPartial = report.storedPartial;
    r.deletedOnServer = report.deletedOnServer;
    r.bytesReceived = report.bytesReceived;
    r.serverCount = report.serverCount;
    r.serverBytes = report.serverBytes;
    if (report.error) {
        // The code and the server's words only: the client's detail may
        // name files and hosts, and the history is shown as it is.
        r.error = Error(report.error.code);
        r.error.responseCode = report.error.responseCode;
        r.error.serverText = report.error.serverText;
    }
    return r;
}

namespace FetchHistory {

Status add(Database &db, const FetchRecord &r)
{
    const bool failed = r.error.isError();
    if (auto st = db.exec(QStringLiteral("INSERT INTO fetch_history(account_id, started_at, finished_at, stored, "
                                         "stored_partial, deleted_on_server, bytes_received, server_count, "
                                         "server_bytes, error, response_code, server_text) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            { r.accountId, storedTime(r.startedAt.isValid() ? r.startedAt : r.finishedAt), storedTime(r.finishedAt),
                r.stored, r.storedPartial, r.deletedOnServer, qint64(r.bytesReceived),
                r.serverCount ? QVariant(qint64(*r.serverCount)) : QVariant(QMetaType(QMetaType::LongLong)),
                r.serverBytes ? QVariant(qint64(*r.serverBytes)) : QVariant(QMetaType(QMetaType::LongLong)),
                failed ? QVariant(Poplar::errorCodeName(r.error.code)) : QVariant(QMetaType(QMetaType::QString)),
                failed ? nullText(r.error.responseCode) : QVariant(QMetaType(QMetaType::QString)),
                failed && !r.error.serverText.isEmpty() ? QVariant(r.error.serverText.raw())
                                                        : QVariant(QMetaType(QMetaType::QByteArray)) });
        !st)
        return st;
    return db.exec(QStringLiteral("DELETE FROM fetch_history WHERE account_id = ? AND id NOT IN (SELECT id FROM "
                                  "fetch_history WHERE account_id = ? ORDER BY id DESC LIMIT ?)"),
        { r.accountId, r.accountId, MaxPerAccount });
}

Result<QList<FetchRecord>> recent(Database &db, qint64 accountId, int limit)
{
    auto q = db.query(QStringLiteral("SELECT id, started_at, finished_at, stored, stored_partial, deleted_on_server, "
                                     "bytes_received, server_count, server_bytes, error, response_code, server_text "
                                     "FROM fetch_history WHERE account_id = ? ORDER BY id DESC LIMIT ?"),
        { accountId, std::max(0, limit) });
    if (!q)
        return q.error();
    QList<FetchRecord> out;
    while (q.value().next()) {
        const QSqlQuery &row = q.value();
        FetchRecord r;
        r.id = row.value(0).toLongLong();
        r.accountId = accountId;
        r.startedAt = timeFromStore(row.value(1));
        r.finishedAt = timeFromStore(row.value(2));
        r.stored = row.value(3).toInt();
        r.storedPartial = row.value(4).toInt();
        r.deletedOnServer = row.value(5).toInt();
        r.bytesReceived = quint64(row.value(6).toLongLong());
        if (!row.value(7).isNull())
            r.serverCount = quint32(row.value(7).toLongLong());
        if (!row.value(8).isNull())
            r.serverBytes = quint64(row.value(8).toLongLong());
        if (!row.value(9).isNull()) {
            const QString name = row.value(9).toString();
            // A code this Poplar does not know (a newer one wrote it).
            r.error = Error(Poplar::errorCodeFromName(name).value_or(ErrorCode::InvalidState),
                Poplar::errorCodeFromName(name) ? QString() : name);
            r.error.responseCode = row.value(10).toString();
            r.error.serverText = Poplar::ServerText(row.value(11).toByteArray());
        }
        out << r;
    }
    return out;
}

Result<QList<FetchRecord>> recent(Store::MailStore &store, qint64 accountId, int limit)
{
    return store.readValue([&](Database &db) { return recent(db, accountId, limit); });
}

}  // namespace FetchHistory

}  // namespace Sync
