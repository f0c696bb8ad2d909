#pragma once

#include "common/Error.h"
#include "common/Result.h"
#include "mime/MessageBuilder.h"
#include "store/Database.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Store {

// Where a message given to the outbox is. Sending moves it
// Queued → Sending → InDoubt → Sent; a refusal makes it Failed, a
// temporary trouble Queued again (with a time before which it waits).
enum class OutboxState {
    Queued = 0,
    Sending = 1,  // a connection has it; its final dot has not gone out
    InDoubt = 2,  // the final dot went out and no answer came: perhaps sent
    Sent = 3,
    Failed = 4,  // the server refused it for good; it waits for the user
};

// A message as it is given to the outbox.
struct OutboxEntry {
    std::optional<qint64> accountId;  // the account it goes out with
    QByteArray bytes;                 // exactly what is submitted (CRLF line ends, no Bcc)
    QByteArray messageId;             // "<…>", the same in every attempt
    QString subject;                  // for lists
    QByteArray envelopeFrom;
    QByteArrayList recipients;  // every envelope recipient (To, Cc and Bcc)
    QString bcc;                // the Bcc line the Sent copy gets ("" when there was none)
    bool eightBit = false;
    bool smtpUtf8 = false;
    QDateTime notBefore;  // Send Later: not before then (null: as soon as possible)
    qint64 answers = 0;   // the message this answers or forwards (0: none)
    int answerFlag = 0;   // Flag::Answered or Flag::Forwarded, set on it once this is sent
};

// The entry for a message built or prepared to go out with `accountId`.
[[nodiscard]] OutboxEntry outboxEntry(const Mime::BuiltMessage &message, qint64 accountId);

// A row of the outbox as lists show it.
struct OutboxItem {
    qint64 id = 0;
    std::optional<qint64> accountId;
    OutboxState state = OutboxState::Queued;
    QByteArray messageId;
    QString subject;
    QByteArray envelopeFrom;
    QByteArrayList recipients;
    qint64 size = 0;
    bool eightBit = false;
    bool smtpUtf8 = false;
    QDateTime queuedAt;
    QDateTime notBefore;  // null: no wait
    int attempts = 0;
    QDateTime lastAttemptAt;
    std::optional<Poplar::Error> error;  // the last attempt's, when it failed
    QByteArrayList refused;              // recipients the server refused
    qint64 sentCopy = 0;                 // the message in the Sent folder, once sent
};

// The outbox in the store (table `outbox`, schema version 9): each message
// the user sends is a row with its bytes until it is sent, and then a copy in
// the Sent folder, committed in the same transaction as the row's Sent state.
// Every function runs inside a MailStore::write() (or read()) job.
//
// The rule that keeps a message from going out twice: a row is InDoubt,
// durably, before its final dot goes out (markInDoubt with immediate
// durability), and an InDoubt row is never sent again without the user's
// word (resolve()). A row found Sending by the next sender of its account
// was interrupted before its dot: it goes back to Queued
// (recoverInterrupted()).
class Outbox
{
public:
    [[nodiscard]] static Poplar::Result<qint64> enqueue(Database &db, const OutboxEntry &entry, const QDateTime &now);
    // Queued → Sending, if it is still queued and its time has come: the
    // attempt's number, which every later step of this attempt names; none
    // when it is not (another sender has it, or the user removed it). A step
    // naming an older attempt (one recovered and claimed again since, or
    // sent again by the user's word) changes nothing: NotFound.
    [[nodiscard]] static Poplar::Result<std::optional<int>> claim(Database &db, qint64 id, const QDateTime &now);
    // Sending → InDoubt: its final dot goes out next.
    [[nodiscard]] static Poplar::Status markInDoubt(Database &db, qint64 id, int attempt);
    // Sending or InDoubt → Sent, with its copy in the Sent folder (its bytes
    // and the Bcc line, seen), the answered or forwarded message marked, and
    // its own bytes dropped. Returns the copy's message id.
    [[nodiscard]] static Poplar::Result<qint64> markSent(Database &db, qint64 id, int attempt, const QDateTime &now);
    // The server took it but the Sent copy could not be made: Sent without
    // a copy, its bytes kept (so that it is never offered to be sent again).
    [[nodiscard]] static Poplar::Status markSentWithoutCopy(Database &db, qint64 id, int attempt);
    // Sending or InDoubt (the server refused it with a definite answer) →
    // Queued again not before `retryAt` (a temporary trouble), or Failed.
    [[nodiscard]] static Poplar::Status markFailed(Database &db, qint64 id, int attempt, const Poplar::Error &error,
        const QByteArrayList &refused, const std::optional<QDateTime> &retryAt);
    // Why a Queued message did not go (the server could not be reached, the
    // login failed): kept to show, its state and time unchanged.
    [[nodiscard]] static Poplar::Status noteWaiting(Database &db, qint64 id, const Poplar::Error &error);
    // The user's word on a message in doubt: it was sent (markSent), or
    // send it again (Queued).
    enum class Resolution { WasSent, SendAgain };
    [[nodiscard]] static Poplar::Status resolve(Database &db, qint64 id, Resolution resolution, const QDateTime &now);
    // A Failed message the user wants to try again: Queued.
    [[nodiscard]] static Poplar::Status retry(Database &db, qint64 id);
    // The account's Sending rows, left by a sender that stopped before
    // their dots: Queued. Returns how many. Only under the account's send
    // lock (Sync::AccountLock, Purpose::Send), which every sender holds
    // while it works, so no row a living sender has is taken; should one
    // still run, the attempt numbers keep its steps from touching the row
    // again (its dot never goes out).
    [[nodiscard]] static Poplar::Result<int> recoverInterrupted(Database &db, qint64 accountId);
    // Removes a Queued or Failed message (the user deletes it, or takes it
    // back to edit); one being sent or in doubt stays.
    [[nodiscard]] static Poplar::Status remove(Database &db, qint64 id);

    // Every row not sent, oldest first; with `withSent` the sent ones too.
    [[nodiscard]] static Poplar::Result<QList<OutboxItem>> list(Database &db, bool withSent = false);
    [[nodiscard]] static Poplar::Result<OutboxItem> item(Database &db, qint64 id);
    // The rows of `accountId` due at `now` (Queued, their time come), oldest first.
    [[nodiscard]] static Poplar::Result<QList<qint64>> due(Database &db, qint64 accountId, const QDateTime &now);
    [[nodiscard]] static Poplar::Result<QByteArray> bytes(Database &db, qint64 id);
    // The folder sent messages are kept in: Local/Sent, made (or the user's
    // own folder of that name taken) when none has the part.
    [[nodiscard]] static Poplar::Result<qint64> sentFolder(Database &db);
};

}  // namespace Store
