// The outbox in the store: each step a message takes on its way out, the
// rule that keeps it from going twice (in doubt before the dot, never sent
// again without the user), and the Sent copy committed with the Sent state.

#include "store/MessagePreparer.h"
#include "store/Outbox.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Store;
using Poplar::Error;
using Poplar::ErrorCode;

namespace {

const QDateTime kNow = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);

QByteArray messageBytes(const QByteArray &id, const QByteArray &body = "hello\r\n")
{
    return "From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: outbox test\r\nMessage-ID: " + id
        + "\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n\r\n" + body;
}

OutboxEntry entry(const QByteArray &id, const QByteArray &body = "hello\r\n")
{
    OutboxEntry e;
    e.bytes = messageBytes(id, body);
    e.messageId = id;
    e.subject = QStringLiteral("outbox test");
    e.envelopeFrom = "alice@example.org";
    e.recipients = { "bob@example.org", "carol@example.org" };
    e.bcc = QStringLiteral("carol@example.org");
    return e;
}

}  // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<MailStore> m_store;

    template<typename Job>
    auto write(Job job) -> decltype(job(std::declval<Database &>()))
    {
        using R = decltype(job(std::declval<Database &>()));
        std::optional<R> out;
        const Poplar::Status st = m_store->write([&](Database &db) -> Poplar::Status {
            out.emplace(job(db));
            return out->ok() ? Poplar::Status() : Poplar::Status(out->error());
        });
        if (!out)
            return st.error();
        return std::move(*out);
    }

    qint64 enqueue(const OutboxEntry &e)
    {
        auto id = write([&](Database &db) { return Outbox::enqueue(db, e, kNow); });
        if (!id)
            qWarning("enqueue failed: %s", qPrintable(id.error().technicalDescription()));
        return id ? *id : 0;
    }

    OutboxItem itemOf(qint64 id)
    {
        return m_store->readValue([&](Database &db) { return Outbox::item(db, id); }).value();
    }

    // The attempt claimed (0: none), remembered for att().
    int claim(qint64 id, const QDateTime &at = kNow)
    {
        auto r = write([&](Database &db) { return Outbox::claim(db, id, at); });
        const int attempt = r && r->has_value() ? **r : 0;
        if (attempt)
            m_attempts[id] = attempt;
        return attempt;
    }
    int att(qint64 id) const { return m_attempts.value(id); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString profile = m_dir.path() + QStringLiteral("/p") + QString::number(m_profiles++);
        auto opened = MailStore::open(profile);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().technicalDescription()));
        m_store = std::move(opened).value();
    }

    void cleanup() { m_store.reset(); }

    void queuedWithEverythingItNeeds()
    {
        OutboxEntry e = entry("<a.1@example.org>");
        e.eightBit = true;
        e.notBefore = kNow.addSecs(3600);
        const qint64 id = enqueue(e);
        QVERIFY(id > 0);
        const OutboxItem i = itemOf(id);
        QCOMPARE(i.state, OutboxState::Queued);
        QCOMPARE(i.messageId, QByteArray("<a.1@example.org>"));
        QCOMPARE(i.subject, QStringLiteral("outbox test"));
        QCOMPARE(i.envelopeFrom, QByteArray("alice@example.org"));
        QCOMPARE(i.recipients, (QByteArrayList { "bob@example.org", "carol@example.org" }));
        QCOMPARE(i.size, qint64(e.bytes.size()));
        QVERIFY(i.eightBit);
        QCOMPARE(i.queuedAt, kNow);
        QCOMPARE(i.notBefore, kNow.addSecs(3600));
        QCOMPARE(i.attempts, 0);
        QVERIFY(!i.error);
        const auto bytes = m_store->readValue([&](Database &db) { return Outbox::bytes(db, id); });
        QCOMPARE(bytes.value(), e.bytes);
    }

    void bigAndEmptyMessagesKeepTheirBytes_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("empty") << 0;
        QTest::newRow("one chunk exactly") << int(Messages::ChunkSize);
        QTest::newRow("three chunks") << int(2 * Messages::ChunkSize + 17);
    }

    void bigAndEmptyMessagesKeepTheirBytes()
    {
        QFETCH(int, size);
        OutboxEntry e = entry("<big@example.org>");
        e.bytes = QByteArray(size, 'x');
        for (int i = 0; i < size; i += 997)
            e.bytes[i] = char('a' + i % 26);
        const qint64 id = enqueue(e);
        const auto bytes = m_store->readValue([&](Database &db) { return Outbox::bytes(db, id); });
        QCOMPARE(bytes.value(), e.bytes);
    }

    void claimTakesOnlyWhatIsQueuedAndDue()
    {
        OutboxEntry later = entry("<later@example.org>");
        later.notBefore = kNow.addSecs(60);
        const qint64 a = enqueue(entry("<now@example.org>"));
        const qint64 b = enqueue(later);
        QVERIFY(claim(a));
        QVERIFY(!claim(a));  // a second sender does not get it
        QVERIFY(!claim(b));  // not yet
        QVERIFY(claim(b, kNow.addSecs(61)));
        QCOMPARE(itemOf(a).state, OutboxState::Sending);
        QCOMPARE(itemOf(a).attempts, 1);
        QCOMPARE(itemOf(a).lastAttemptAt, kNow);
    }

    void dueListsAnAccountsQueue()
    {
        auto account = m_store->createAccount(QStringLiteral("acct"));
        QVERIFY(account.ok());
        OutboxEntry e = entry("<due1@example.org>");
        e.accountId = *account;
        const qint64 one = enqueue(e);
        e.messageId = "<due2@example.org>";
        e.notBefore = kNow.addSecs(10);
        const qint64 two = enqueue(e);
        enqueue(entry("<other@example.org>"));  // no account
        QCOMPARE(m_store->readValue([&](Database &db) { return Outbox::due(db, *account, kNow); }).value(),
            QList<qint64> { one });
        QCOMPARE(m_store->readValue([&](Database &db) { return Outbox::due(db, *account, kNow.addSecs(10)); }).value(),
            (QList<qint64> { one, two }));
    }

    // Sent: a copy in Local/Sent with the bytes and the Bcc line, seen, the
    // answered message marked, and the outbox's own bytes gone.
    void sentLeavesACopyInSent()
    {
        auto inbox = m_store->ensureLocalFolder(QStringLiteral("Local/Received"));
        QVERIFY(inbox.ok());
        MessagePreparer::Input in;
        in.raw = messageBytes("<original@example.net>");
        in.folderId = *inbox;
        auto original = m_store->insertMessage(MessagePreparer::prepare(in).value());
        QVERIFY(original.ok());

        OutboxEntry e = entry("<reply@example.org>");
        e.answers = *original;
        e.answerFlag = Flag::Answered;
        const qint64 id = enqueue(e);
        QVERIFY(claim(id));
        QVERIFY(write([&](Database &db) { return Outbox::markInDoubt(db, id, att(id)); }).ok());
        QCOMPARE(itemOf(id).state, OutboxState::InDoubt);
        auto copy = write([&](Database &db) { return Outbox::markSent(db, id, att(id), kNow); });
        QVERIFY2(copy.ok(), qPrintable(copy.ok() ? QString() : copy.error().technicalDescription()));

        const OutboxItem i = itemOf(id);
        QCOMPARE(i.state, OutboxState::Sent);
        QCOMPARE(i.sentCopy, *copy);
        auto sent = m_store->folderByPath(QStringLiteral("Local/Sent"));
        QVERIFY(sent.ok());
        const MessageSummary s = m_store->message(*copy).value();
        QCOMPARE(s.folderId, sent->id);
        QVERIFY(s.flags & Flag::Seen);
        QCOMPARE(m_store->rawMessage(*copy).value(), "Bcc: carol@example.org\r\n" + e.bytes);
        QVERIFY(m_store->message(*original).value().flags & Flag::Answered);
        QCOMPARE(m_store->readValue([&](Database &db) { return Outbox::bytes(db, id); }).error().code,
            ErrorCode::NotFound);
        QVERIFY(m_store->readValue([&](Database &db) { return Outbox::list(db); }).value().isEmpty());
        QCOMPARE(m_store->readValue([&](Database &db) { return Outbox::list(db, true); }).value().size(), 1);
    }

    void withoutBccTheCopyIsTheBytesSent()
    {
        OutboxEntry e = entry("<nobcc@example.org>");
        e.bcc.clear();
        e.answerFlag = Flag::Forwarded;
        const qint64 id = enqueue(e);
        QVERIFY(claim(id));
        auto copy = write([&](Database &db) { return Outbox::markSent(db, id, att(id), kNow); });
        QVERIFY(copy.ok());
        QCOMPARE(m_store->rawMessage(*copy).value(), e.bytes);
    }

    // The Sent state and the copy are one transaction: a write that fails
    // after markSent leaves neither.
    void sentAndItsCopyCommitTogether()
    {
        const qint64 id = enqueue(entry("<atomic@example.org>"));
        QVERIFY(claim(id));
        QVERIFY(write([&](Database &db) { return Outbox::markInDoubt(db, id, att(id)); }).ok());
        const Poplar::Status st = m_store->write([&](Database &db) -> Poplar::Status {
            auto copy = Outbox::markSent(db, id, att(id), kNow);
            if (!copy)
                return copy.error();
            return Error(ErrorCode::DiskFull, QStringLiteral("the disk filled up before the commit"));
        });
        QCOMPARE(st.error().code, ErrorCode::DiskFull);
        QCOMPARE(itemOf(id).state, OutboxState::InDoubt);
        auto sent = m_store->folderByPath(QStringLiteral("Local/Sent"));
        QVERIFY(!sent.ok());  // not even the folder
        QCOMPARE(m_store->readValue([&](Database &db) { return Outbox::bytes(db, id); }).value(),
            messageBytes("<atomic@example.org>"));
    }

    void stepsOnlyFromWhereTheyBelong()
    {
        const qint64 id = enqueue(entry("<steps@example.org>"));
        QCOMPARE(write([&](Database &db) { return Outbox::markInDoubt(db, id, att(id)); }).error().code, ErrorCode::NotFound);
        QCOMPARE(write([&](Database &db) { return Outbox::markSent(db, id, att(id), kNow); }).error().code,
            ErrorCode::InvalidState);
        QCOMPARE(write([&](Database &db) { return Outbox::resolve(db, id, Outbox::Resolution::WasSent, kNow); })
                     .error()
                     .code,
            ErrorCode::InvalidState);
        QCOMPARE(itemOf(id).state, OutboxState::Queued);
    }

    void refusalsAndTemporaryTrouble()
    {
        const qint64 id = enqueue(entry("<refused@example.org>"));
        QVERIFY(claim(id));
        Error busy(ErrorCode::ServerTemporary);
        busy.serverText = Poplar::ServerText(QByteArrayView("try again later"));
        QVERIFY(write([&](Database &db) { return Outbox::markFailed(db, id, att(id), busy, {}, kNow.addSecs(300)); }).ok());
        OutboxItem i = itemOf(id);
        QCOMPARE(i.state, OutboxState::Queued);
        QCOMPARE(i.notBefore, kNow.addSecs(300));
        QCOMPARE(i.error->code, ErrorCode::ServerTemporary);
        QCOMPARE(i.error->serverText.raw(), QByteArray("try again later"));
        QVERIFY(!claim(id, kNow.addSecs(299)));
        QVERIFY(claim(id, kNow.addSecs(300)));

        Error refused(ErrorCode::RecipientRejected);
        refused.serverText = Poplar::ServerText(QByteArrayView("no such user"));
        QVERIFY(write([&](Database &db) {
            return Outbox::markFailed(db, id, att(id), refused, { "carol@example.org" }, std::nullopt);
        }).ok());
        i = itemOf(id);
        QCOMPARE(i.state, OutboxState::Failed);
        QCOMPARE(i.error->code, ErrorCode::RecipientRejected);
        QCOMPARE(i.refused, QByteArrayList { "carol@example.org" });
        QCOMPARE(i.attempts, 2);
        QVERIFY(!claim(id, kNow.addDays(1)));  // failed waits for the user
        QVERIFY(write([&](Database &db) { return Outbox::retry(db, id); }).ok());
        i = itemOf(id);
        QCOMPARE(i.state, OutboxState::Queued);
        QVERIFY(!i.error);
        QVERIFY(i.refused.isEmpty());
    }

    // A message in doubt is never sent again by itself: not by a restart,
    // not by claim(); only the user's word moves it, and a second attempt
    // keeps its Message-ID.
    void inDoubtWaitsForTheUser()
    {
        auto account = m_store->createAccount(QStringLiteral("doubting"));
        auto other = m_store->createAccount(QStringLiteral("other sender"));
        QVERIFY(account.ok() && other.ok());
        OutboxEntry e = entry("<doubt@example.org>");
        e.accountId = *account;
        const qint64 doubt = enqueue(e);
        e.messageId = "<interrupted@example.org>";
        const qint64 interrupted = enqueue(e);
        e.messageId = "<elsewhere@example.org>";
        e.accountId = *other;
        const qint64 elsewhere = enqueue(e);
        QVERIFY(claim(doubt));
        QVERIFY(claim(interrupted));
        QVERIFY(claim(elsewhere));
        QVERIFY(write([&](Database &db) { return Outbox::markInDoubt(db, doubt, att(doubt)); }).ok());

        // The account's next sender finds what the last one left; another
        // account's row, perhaps on the wire right now, stays.
        auto recovered = write([&](Database &db) { return Outbox::recoverInterrupted(db, *account); });
        QCOMPARE(recovered.value(), 1);
        QCOMPARE(itemOf(interrupted).state, OutboxState::Queued);
        QCOMPARE(itemOf(elsewhere).state, OutboxState::Sending);
        QCOMPARE(itemOf(doubt).state, OutboxState::InDoubt);
        QVERIFY(!claim(doubt, kNow.addDays(30)));
        QCOMPARE(write([&](Database &db) { return Outbox::remove(db, doubt); }).error().code, ErrorCode::InvalidState);

        QVERIFY(write([&](Database &db) { return Outbox::resolve(db, doubt, Outbox::Resolution::SendAgain, kNow); })
                    .ok());
        QCOMPARE(itemOf(doubt).state, OutboxState::Queued);
        QCOMPARE(itemOf(doubt).messageId, QByteArray("<doubt@example.org>"));
        QVERIFY(claim(doubt));
        QVERIFY(write([&](Database &db) { return Outbox::markInDoubt(db, doubt, att(doubt)); }).ok());
        QVERIFY(write([&](Database &db) { return Outbox::resolve(db, doubt, Outbox::Resolution::WasSent, kNow); })
                    .ok());
        QCOMPARE(itemOf(doubt).state, OutboxState::Sent);
        QVERIFY(itemOf(doubt).sentCopy > 0);
    }

    // A step of an older attempt changes nothing: a sender whose row was
    // recovered and claimed again, or sent again by the user's word, cannot
    // mark it (and so never sends its dot), nor can a late answer to it.
    void olderAttemptsCannotTouchTheRow()
    {
        auto account = m_store->createAccount(QStringLiteral("attempting"));
        QVERIFY(account.ok());
        OutboxEntry e = entry("<attempts@example.org>");
        e.accountId = *account;
        const qint64 id = enqueue(e);
        const int first = claim(id);
        QCOMPARE(first, 1);
        QCOMPARE(write([&](Database &db) { return Outbox::recoverInterrupted(db, *account); }).value(), 1);
        const int second = claim(id);
        QCOMPARE(second, 2);
        QCOMPARE(write([&](Database &db) { return Outbox::markInDoubt(db, id, first); }).error().code,
            ErrorCode::NotFound);
        QVERIFY(write([&](Database &db) { return Outbox::markInDoubt(db, id, second); }).ok());
        QVERIFY(write([&](Database &db) { return Outbox::resolve(db, id, Outbox::Resolution::SendAgain, kNow); }).ok());
        const int third = claim(id);
        QCOMPARE(third, 3);
        QCOMPARE(write([&](Database &db) {
            return Outbox::markFailed(db, id, second, Error(ErrorCode::ServerTemporary), {}, kNow);
        }).error().code,
            ErrorCode::NotFound);
        QCOMPARE(write([&](Database &db) { return Outbox::markSent(db, id, second, kNow); }).error().code,
            ErrorCode::NotFound);
        QCOMPARE(itemOf(id).state, OutboxState::Sending);
        QVERIFY(write([&](Database &db) { return Outbox::markSentWithoutCopy(db, id, third); }).ok());
        QCOMPARE(itemOf(id).state, OutboxState::Sent);
        QCOMPARE(itemOf(id).sentCopy, qint64(0));
        // Its bytes stay (no copy holds them).
        QVERIFY(m_store->readValue([&](Database &db) { return Outbox::bytes(db, id); }).ok());
    }

    void removeOnlyWhatIsNotUnderWay()
    {
        const qint64 queued = enqueue(entry("<q@example.org>"));
        const qint64 sending = enqueue(entry("<s@example.org>"));
        QVERIFY(claim(sending));
        QVERIFY(write([&](Database &db) { return Outbox::remove(db, queued); }).ok());
        QCOMPARE(write([&](Database &db) { return Outbox::remove(db, sending); }).error().code, ErrorCode::InvalidState);
        QCOMPARE(m_store->readValue([&](Database &db) { return Outbox::item(db, queued); }).error().code,
            ErrorCode::NotFound);
    }

    // Nothing written is lost with an account: its messages stay, without one.
    void accountRemovalKeepsItsMessages()
    {
        auto account = m_store->createAccount(QStringLiteral("gone"));
        QVERIFY(account.ok());
        OutboxEntry e = entry("<orphan@example.org>");
        e.accountId = *account;
        const qint64 id = enqueue(e);
        QVERIFY(m_store->write([&](Database &db) { return db.exec(QStringLiteral("DELETE FROM accounts WHERE id = ?"), { *account }); })
                    .ok());
        const OutboxItem i = itemOf(id);
        QVERIFY(!i.accountId);
        QCOMPARE(i.state, OutboxState::Queued);
        QCOMPARE(m_store->readValue([&](Database &db) { return Outbox::bytes(db, id); }).value(), e.bytes);
    }

    // The user's own Local/Sent takes the part; once deleted, the next
    // message sent makes a new one.
    void sentFolderIsLocalSent()
    {
        auto own = m_store->ensureLocalFolder(QStringLiteral("Local/Sent"));
        QVERIFY(own.ok());
        QCOMPARE(write([&](Database &db) { return Outbox::sentFolder(db); }).value(), *own);
        QVERIFY(m_store->deleteFolder(*own).ok());
        QCOMPARE(m_store->folderByPath(QStringLiteral("Local/Sent")).error().code, ErrorCode::NotFound);
        auto fresh = write([&](Database &db) { return Outbox::sentFolder(db); });
        QVERIFY(fresh.ok());
        QCOMPARE(m_store->folderByPath(QStringLiteral("Local/Sent")).value().id, *fresh);
    }

private:
    int m_profiles = 0;
    QHash<qint64, int> m_attempts;
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
