#include "store/Outbox.h"

#include "store/Folders.h"
#include "store/MessagePreparer.h"
#include "store/Messages.h"
#include "store/StoreTypes.h"

#include <QSqlQuery>
#include <QVariant>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

namespace {

constexpr qsizetype ChunkSize = Messages::ChunkSize;

QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

// '' rather than NULL for a null QString (the NOT NULL text columns).
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QDateTime timeOf(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

const QString kColumns = QStringLiteral(
    "id, account_id, state, message_id, subject, envelope_from, recipients, size, eight_bit, smtp_utf8, queued_at, "
    "not_before, attempts, last_attempt_at, error_code, error_text, refused, sent_copy");

OutboxItem itemFrom(const QSqlQuery &q)
{
    OutboxItem i;
    i.id = q.value(0).toLongLong();
    if (!q.value(1).isNull())
        i.accountId = q.value(1).toLongLong();
    i.state = static_cast<OutboxState>(q.value(2).toInt());
    i.messageId = q.value(3).toString().toUtf8();
    i.subject = q.value(4).toString();
    i.envelopeFrom = q.value(5).toString().toUtf8();
    const QByteArray recipients = q.value(6).toString().toUtf8();
    i.recipients = recipients.isEmpty() ? QByteArrayList() : recipients.split('\n');
    i.size = q.value(7).toLongLong();
    i.eightBit = q.value(8).toBool();
    i.smtpUtf8 = q.value(9).toBool();
    i.queuedAt = timeOf(q.value(10));
    i.notBefore = timeOf(q.value(11));
    i.attempts = q.value(12).toInt();
    i.lastAttemptAt = timeOf(q.value(13));
    if (!q.value(14).isNull()) {
        Error e(Poplar::errorCodeFromName(q.value(14).toString()).value_or(ErrorCode::ServerError));
        e.serverText = Poplar::ServerText(q.value(15).toString().toUtf8());
        i.error = e;
    }
    const QByteArray refused = q.value(16).toString().toUtf8();
    i.refused = refused.isEmpty() ? QByteArrayList() : refused.split('\n');
    i.sentCopy = q.value(17).toLongLong();
    return i;
}

// Moves row `id` from one of `from` to `to` (only in `attempt`, when one
// is named); NotFound when it is in none of them.
Status transition(Database &db, qint64 id, std::optional<int> attempt, std::initializer_list<OutboxState> from,
    OutboxState to, const QString &extraSet = {}, const QVariantList &extraValues = {})
{
    QStringList states;
    for (OutboxState s : from)
        states << QString::number(int(s));
    QVariantList values { int(to) };
    values += extraValues;
    values << id;
    if (attempt)
        values << *attempt;
    auto q = db.query(QStringLiteral("UPDATE outbox SET state = ?%1 WHERE id = ? AND state IN (%2)%3")
                          .arg(extraSet, states.join(QLatin1Char(',')),
                              attempt ? QStringLiteral(" AND attempts = ?") : QString()),
        values);
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return Error(ErrorCode::NotFound, QStringLiteral("outbox message %1 is not where this step needs it").arg(id));
    return {};
}

}  // namespace

OutboxEntry outboxEntry(const Mime::BuiltMessage &message, qint64 accountId)
{
    OutboxEntry e;
    e.accountId = accountId;
    e.bytes = message.bytes;
    e.messageId = message.messageId;
    e.subject = message.subject;
    e.envelopeFrom = message.envelopeFrom;
    e.recipients = message.recipients;
    e.bcc = message.bcc;
    e.eightBit = message.eightBit;
    e.smtpUtf8 = message.needsSmtpUtf8;
    return e;
}

Result<qint64> Outbox::enqueue(Database &db, const OutboxEntry &e, const QDateTime &now)
{
    if (e.recipients.isEmpty())
        return Error(ErrorCode::NoRecipients, QStringLiteral("an outbox message needs a recipient"));
    auto q = db.query(QStringLiteral("INSERT INTO outbox(account_id, state, message_id, subject, envelope_from, "
                                     "recipients, bcc, size, eight_bit, smtp_utf8, queued_at, not_before, answers, "
                                     "answer_flag) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { e.accountId ? QVariant(*e.accountId) : QVariant(QMetaType(QMetaType::LongLong)),
            text(QString::fromUtf8(e.messageId)), text(e.subject), text(QString::fromUtf8(e.envelopeFrom)),
            text(QString::fromUtf8(e.recipients.join('\n'))), text(e.bcc), qint64(e.bytes.size()), e.eightBit, e.smtpUtf8,
            now.toMSecsSinceEpoch(), msOrNull(e.notBefore),
            e.answers ? QVariant(e.answers) : QVariant(QMetaType(QMetaType::LongLong)), e.answerFlag });
    if (!q)
        return q.error();
    const qint64 id = q->lastInsertId().toLongLong();
    // In pieces of at most ChunkSize, as messages are kept; an empty
    // message is one empty piece.
    qint64 seq = 0;
    qsizetype at = 0;
    do {
        if (auto st = db.exec(QStringLiteral("INSERT INTO outbox_chunks(outbox_id, seq, data) VALUES (?, ?, ?)"),
                { id, seq++, e.bytes.mid(at, ChunkSize) });
            !st)
            return st.error();
        at += ChunkSize;
    } while (at < e.bytes.size());
    return id;
}

Result<std::optional<int>> Outbox::claim(Database &db, qint64 id, const QDateTime &now)
{
    auto q = db.query(QStringLiteral("UPDATE outbox SET state = 1, attempts = attempts + 1, last_attempt_at = ? "
                                     "WHERE id = ? AND state = 0 AND ifnull(not_before, 0) <= ?"),
        { now.toMSecsSinceEpoch(), id, now.toMSecsSinceEpoch() });
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return std::optional<int>();
    auto attempt = db.scalar(QStringLiteral("SELECT attempts FROM outbox WHERE id = ?"), { id });
    if (!attempt)
        return attempt.error();
    return std::optional<int>(attempt->toInt());
}

Status Outbox::markInDoubt(Database &db, qint64 id, int attempt)
{
    return transition(db, id, attempt, { OutboxState::Sending }, OutboxState::InDoubt);
}

Status Outbox::markSentWithoutCopy(Database &db, qint64 id, int attempt)
{
    return transition(db, id, attempt, { OutboxState::Sending, OutboxState::InDoubt }, OutboxState::Sent,
        QStringLiteral(", error_code = NULL, error_text = NULL, refused = NULL"));
}

Result<qint64> Outbox::markSent(Database &db, qint64 id, int attempt, const QDateTime &now)
{
    auto row = db.query(
        QStringLiteral("SELECT account_id, bcc, answers, answer_flag, state, attempts FROM outbox WHERE id = ?"), { id });
    if (!row)
        return row.error();
    if (!row.value().next())
        return Error(ErrorCode::NotFound, QStringLiteral("no outbox message %1").arg(id));
    const QVariant account = row->value(0);
    const QString bcc = row->value(1).toString();
    const qint64 answers = row->value(2).toLongLong();
    const int answerFlag = row->value(3).toInt();
    const auto state = static_cast<OutboxState>(row->value(4).toInt());
    if (state != OutboxState::Sending && state != OutboxState::InDoubt)
        return Error(ErrorCode::InvalidState, QStringLiteral("outbox message %1 is not being sent").arg(id));
    if (row.value().value(5).toInt() != attempt)
        return Error(ErrorCode::NotFound, QStringLiteral("outbox message %1 is in another attempt").arg(id));

    auto raw = bytes(db, id);
    if (!raw)
        return raw.error();
    auto folder = sentFolder(db);
    if (!folder)
        return folder.error();
    // The Sent copy: what was submitted, and who else got it blind.
    MessagePreparer::Input in;
    in.raw = bcc.isEmpty() ? std::move(*raw) : "Bcc: " + bcc.toUtf8() + "\r\n" + *raw;
    in.folderId = *folder;
    in.accountId = account.isNull() ? 0 : account.toLongLong();
    in.flags = Flag::Seen;
    in.receivedAt = now;
    auto prepared = MessagePreparer::prepare(std::move(in));
    if (!prepared)
        return prepared.error();
    auto copy = Messages::insert(db, *prepared);
    if (!copy)
        return copy.error();
    if (auto st = transition(db, id, attempt, { OutboxState::Sending, OutboxState::InDoubt }, OutboxState::Sent,
            QStringLiteral(", sent_copy = ?, error_code = NULL, error_text = NULL, refused = NULL"), { *copy });
        !st)
        return st.error();
    if (auto st = db.exec(QStringLiteral("DELETE FROM outbox_chunks WHERE outbox_id = ?"), { id }); !st)
        return st.error();
    if (answers && answerFlag) {
        if (auto st = db.exec(QStringLiteral("UPDATE messages SET flags = flags | ? WHERE id = ?"),
                { answerFlag & (Flag::Answered | Flag::Forwarded), answers });
            !st)
            return st.error();
    }
    return *copy;
}

Status Outbox::markFailed(Database &db, qint64 id, int attempt, const Error &error, const QByteArrayList &refused,
    const std::optional<QDateTime> &retryAt)
{
    const OutboxState to = retryAt ? OutboxState::Queued : OutboxState::Failed;
    return transition(db, id, attempt, { OutboxState::Sending, OutboxState::InDoubt }, to,
        QStringLiteral(", error_code = ?, error_text = ?, refused = ?, not_before = ?"),
        { Poplar::errorCodeName(error.code), QString::fromUtf8(error.serverText.raw()),
            QString::fromUtf8(refused.join('\n')),
            retryAt ? msOrNull(*retryAt) : QVariant(QMetaType(QMetaType::LongLong)) });
}

Status Outbox::noteWaiting(Database &db, qint64 id, const Error &error)
{
    auto q = db.query(QStringLiteral("UPDATE outbox SET error_code = ?, error_text = ? WHERE id = ? AND state = 0"),
        { Poplar::errorCodeName(error.code), QString::fromUtf8(error.serverText.raw()), id });
    return q ? Status() : Status(q.error());
}

Status Outbox::resolve(Database &db, qint64 id, Resolution resolution, const QDateTime &now)
{
    auto current = item(db, id);
    if (!current)
        return current.error();
    if (current->state != OutboxState::InDoubt)
        return Error(ErrorCode::InvalidState, QStringLiteral("outbox message %1 is not in doubt").arg(id));
    if (resolution == Resolution::WasSent) {
        auto copy = markSent(db, id, current->attempts, now);
        return copy ? Status() : Status(copy.error());
    }
    return transition(
        db, id, std::nullopt, { OutboxState::InDoubt }, OutboxState::Queued, QStringLiteral(", not_before = NULL"));
}

Status Outbox::retry(Database &db, qint64 id)
{
    return transition(db, id, std::nullopt, { OutboxState::Failed }, OutboxState::Queued,
        QStringLiteral(", not_before = NULL, error_code = NULL, error_text = NULL, refused = NULL"));
}

Result<int> Outbox::recoverInterrupted(Database &db, qint64 accountId)
{
    auto q = db.query(QStringLiteral("UPDATE outbox SET state = 0 WHERE state = 1 AND account_id = ?"), { accountId });
    if (!q)
        return q.error();
    return q->numRowsAffected();
}

Status Outbox::remove(Database &db, qint64 id)
{
    auto q = db.query(QStringLiteral("DELETE FROM outbox WHERE id = ? AND state IN (0, 4)"), { id });
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return Error(ErrorCode::InvalidState,
            QStringLiteral("outbox message %1 is being sent, in doubt, sent or gone").arg(id));
    return {};
}

Result<QList<OutboxItem>> Outbox::list(Database &db, bool withSent)
{
    auto q = db.query(QStringLiteral("SELECT %1 FROM outbox %2 ORDER BY queued_at, id")
                          .arg(kColumns, withSent ? QString() : QStringLiteral("WHERE state <> 3")));
    if (!q)
        return q.error();
    QList<OutboxItem> out;
    while (q.value().next())
        out.append(itemFrom(*q));
    return out;
}

Result<OutboxItem> Outbox::item(Database &db, qint64 id)
{
    auto q = db.query(QStringLiteral("SELECT %1 FROM outbox WHERE id = ?").arg(kColumns), { id });
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error(ErrorCode::NotFound, QStringLiteral("no outbox message %1").arg(id));
    return itemFrom(*q);
}

Result<QList<qint64>> Outbox::due(Database &db, qint64 accountId, const QDateTime &now)
{
    auto q = db.query(QStringLiteral("SELECT id FROM outbox WHERE account_id = ? AND state = 0 AND "
                                     "ifnull(not_before, 0) <= ? ORDER BY queued_at, id"),
        { accountId, now.toMSecsSinceEpoch() });
    if (!q)
        return q.error();
    QList<qint64> out;
    while (q.value().next())
        out.append(q->value(0).toLongLong());
    return out;
}

Result<QByteArray> Outbox::bytes(Database &db, qint64 id)
{
    auto q = db.query(QStringLiteral("SELECT data FROM outbox_chunks WHERE outbox_id = ? ORDER BY seq"), { id });
    if (!q)
        return q.error();
    QByteArray out;
    bool any = false;
    while (q.value().next()) {
        any = true;
        out += q->value(0).toByteArray();
    }
    if (!any)
        return Error(ErrorCode::NotFound, QStringLiteral("outbox message %1 has no bytes (sent, or gone)").arg(id));
    return out;
}

Result<qint64> Outbox::sentFolder(Database &db)
{
    auto existing = db.scalar(QStringLiteral("SELECT folder_id FROM folder_roles WHERE role = 'sent'"));
    if (!existing)
        return existing.error();
    if (existing->isValid() && !existing->isNull())
        return existing->toLongLong();
    // Local/Sent: made now, or the user's own folder of that name, which
    // then takes the part.
    auto made = Folders::ensureLocal(db, QStringLiteral("Local/Sent"));
    if (!made)
        return made.error();
    if (auto st = db.exec(QStringLiteral("INSERT INTO folder_roles(role, folder_id) VALUES ('sent', ?)"), { *made });
        !st)
        return st.error();
    return *made;
}

}  // namespace Store
