// The fetch plan: what to download and what to delete on the server, as a
// pure function of the server's list, the ledger, the policy and the time.

#include "sync/Plan.h"

#include <QTest>

#include <algorithm>
#include <tuple>

using namespace Sync;

namespace {

const QDateTime Now(QDate(2026, 11, 22), QTime(12, 0), Qt::UTC);

ServerMessage msg(quint32 n, const char *uidl, quint64 size = 1000)
{
    return { n, size, QByteArray(uidl) };
}

LedgerEntry entry(const char *uidl, int daysAgo = 0, LedgerState state = LedgerState::OnServer, int occurrence = 1)
{
    LedgerEntry e;
    e.key = uidl;
    e.occurrence = occurrence;
    e.messageId = 100;
    e.size = 1000;
    e.firstSeenAt = Now.addDays(-daysAgo);
    e.state = state;
    return e;
}

QList<quint32> numbers(const std::vector<Download> &v)
{
    QList<quint32> out;
    for (const Download &d : v)
        out << d.number;
    return out;
}

QList<quint32> numbers(const std::vector<Deletion> &v)
{
    QList<quint32> out;
    for (const Deletion &d : v)
        out << d.number;
    return out;
}

PlanInput input(std::vector<ServerMessage> server, QList<LedgerEntry> ledger, Accounts::Policy policy = {})
{
    PlanInput in;
    in.server = std::move(server);
    in.ledger = std::move(ledger);
    in.policy = policy;
    in.now = Now;
    return in;
}

}  // namespace

class TestPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newMessagesAreDownloadedKnownOnesNot()
    {
        const Plan p = makePlan(input({ msg(1, "a"), msg(2, "b", 2500), msg(3, "c", 300) }, { entry("a") }));
        QVERIFY(!p.refused);
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 2, 3 }));
        QCOMPARE(p.downloadBytes, quint64(2800));
        QCOMPARE(p.alreadyStored, 1);
        QVERIFY(p.deletions.empty());  // the default policy keeps mail on the server
        QVERIFY(p.vanished.empty());
    }

    void uidlsAreBytesAndCaseSensitive()
    {
        const Plan p = makePlan(input({ msg(1, "ABC"), msg(2, "abc") }, { entry("abc") }));
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 1 }));
    }

    void deleteAfterDownloadWaitsForTheCommit()
    {
        Accounts::Policy policy;
        policy.leaveOnServer = false;
        const Plan p = makePlan(input({ msg(1, "a"), msg(2, "b") }, { entry("a") }, policy));
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 2 }));
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1, 2 }));
        QCOMPARE(p.deletions[0].awaitsDownload, false);  // stored by an earlier fetch
        QCOMPARE(p.deletions[1].awaitsDownload, true);   // only once this fetch has stored it
        QCOMPARE(p.deletions[1].reason, DeleteReason::AfterDownload);
    }

    void keepDaysCountsFromTheFirstDownload()
    {
        Accounts::Policy policy;
        policy.keepDays = 7;
        const Plan p = makePlan(input({ msg(1, "old"), msg(2, "edge"), msg(3, "young"), msg(4, "new") },
            { entry("old", 30), entry("edge", 7), entry("young", 6) }, policy));
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 4 }));
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1, 2 }));
        for (const Deletion &d : p.deletions)
            QCOMPARE(d.reason, DeleteReason::KeepDays);
    }

    void keepCountDeletesTheOldestFirst()
    {
        Accounts::Policy policy;
        policy.keepCount = 2;
        // Server order is not age order: message 3 was downloaded first.
        const Plan p = makePlan(input({ msg(1, "b"), msg(2, "c"), msg(3, "a"), msg(4, "new") },
            { entry("a", 10), entry("b", 5), entry("c", 1) }, policy));
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1, 3 }));
        for (const Deletion &d : p.deletions)
            QCOMPARE(d.reason, DeleteReason::KeepCount);
    }

    void keepMegabytesDeletesTheOldestUntilItFits()
    {
        Accounts::Policy policy;
        policy.keepMegabytes = 1;
        const quint64 third = 400 * 1024;
        const Plan p
            = makePlan(input({ msg(1, "a", third), msg(2, "b", third), msg(3, "c", third), msg(4, "d", third) },
                { entry("a", 4), entry("b", 3), entry("c", 2), entry("d", 1) }, policy));
        // 1.6 MB on the server: the two oldest go, 800 KB stay.
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1, 2 }));
        QCOMPARE(p.deletions[0].reason, DeleteReason::KeepSize);
    }

    void limitsCombine()
    {
        Accounts::Policy policy;
        policy.keepDays = 30;
        policy.keepCount = 1;
        const Plan p = makePlan(input({ msg(1, "ancient"), msg(2, "a"), msg(3, "b") },
            { entry("ancient", 40), entry("a", 2), entry("b", 1) }, policy));
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1, 2 }));
        QCOMPARE(p.deletions[0].reason, DeleteReason::KeepDays);
        QCOMPARE(p.deletions[1].reason, DeleteReason::KeepCount);
    }

    void deletedLocallyOnlyWhenThePolicySaysSo()
    {
        LedgerEntry gone = entry("a", 1);
        gone.messageId = 0;
        gone.deletedLocallyAt = Now.addSecs(-60);
        Accounts::Policy policy;
        Plan p = makePlan(input({ msg(1, "a"), msg(2, "b") }, { gone, entry("b") }, policy));
        QVERIFY(p.deletions.empty());
        QVERIFY(p.downloads.empty());  // deleted here does not mean "download again"
        policy.deleteWhenDeletedLocally = true;
        p = makePlan(input({ msg(1, "a"), msg(2, "b") }, { gone, entry("b") }, policy));
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1 }));
        QCOMPARE(p.deletions[0].reason, DeleteReason::DeletedLocally);
    }

    void overTheSizeLimitIsPartialAndStays()
    {
        Accounts::Policy policy;
        policy.leaveOnServer = false;
        policy.sizeLimitKb = 100;
        const Plan p
            = makePlan(input({ msg(1, "small", 100 * 1024), msg(2, "big", 100 * 1024 + 1), msg(3, "stored-part") },
                { entry("stored-part", 3, LedgerState::Partial) }, policy));
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 1, 2 }));
        QCOMPARE(p.downloads[0].partial, false);
        QCOMPARE(p.downloads[1].partial, true);
        // Only the whole one may go: the others exist whole only on the server.
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1 }));
        QCOMPARE(p.heldAsPartial, 2);
    }

    void duplicateUidlsLoseNeitherMessage()
    {
        // A broken server gives two different messages the same UIDL.
        Accounts::Policy policy;
        policy.leaveOnServer = false;
        Plan p = makePlan(input({ msg(1, "dup"), msg(2, "x"), msg(3, "dup") }, {}, policy));
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 1, 2, 3 }));
        QCOMPARE(p.downloads[0].occurrence, 1);
        QCOMPARE(p.downloads[2].occurrence, 2);
        // Both are downloaded in this fetch: deletable once both are stored.
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1, 2, 3 }));

        // One of them stored earlier, the other only in part: neither may go.
        policy.sizeLimitKb = 1;
        p = makePlan(input({ msg(1, "dup", 1000), msg(2, "dup", 5000) }, { entry("dup") }, policy));
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 2 }));
        QVERIFY(p.downloads[0].partial);
        QVERIFY(p.deletions.empty());
        QCOMPARE(p.heldForDuplicateKeys, 1);
        QCOMPARE(p.heldAsPartial, 1);

        // Known as occurrences 1 and 2: nothing is downloaded again.
        policy = {};
        p = makePlan(input(
            { msg(1, "dup"), msg(2, "dup") }, { entry("dup"), entry("dup", 0, LedgerState::OnServer, 2) }, policy));
        QVERIFY(p.downloads.empty());
        QCOMPARE(p.alreadyStored, 2);
    }

    void vanishedAndReappearedMessages()
    {
        PlanInput in = input({ msg(1, "b"), msg(2, "c") },
            { entry("a"), entry("b", 0, LedgerState::DeletedOnServer), entry("c"),
                entry("old", 0, LedgerState::DeletedOnServer) });
        in.confirmed = { { "b", 1 } };  // its header matched the copy here
        const Plan p = makePlan(in);
        QCOMPARE(p.vanished.size(), size_t(1));
        QCOMPARE(p.vanished[0].key, QByteArray("a"));
        QCOMPARE(p.reappeared.size(), size_t(1));
        QCOMPARE(p.reappeared[0].key, QByteArray("b"));
        QVERIFY(p.downloads.empty());
    }

    void aReusedUidlWithAnotherSizeIsNewMail_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("deletedLocally");
        QTest::addRow("on the server") << int(LedgerState::OnServer) << false;
        QTest::addRow("deleted there") << int(LedgerState::DeletedOnServer) << false;
        QTest::addRow("deleted there and here") << int(LedgerState::DeletedOnServer) << true;
        QTest::addRow("partial") << int(LedgerState::Partial) << false;
    }

    void aReusedUidlWithAnotherSizeIsNewMail()
    {
        // The ledger knows "a" as a 1000-octet message first seen 30 days
        // ago; the server now lists "a" as 2000 octets: another message.
        QFETCH(int, state);
        QFETCH(bool, deletedLocally);
        LedgerEntry old = entry("a", 30, LedgerState(state));
        if (deletedLocally) {
            old.messageId = 0;
            old.deletedLocallyAt = Now.addDays(-1);
        }
        Accounts::Policy policy;
        policy.keepDays = 7;
        policy.deleteWhenDeletedLocally = true;
        const Plan p = makePlan(input({ msg(1, "a", 2000) }, { old }, policy));
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 1 }));
        QVERIFY(p.downloads[0].replacesEntry);
        QCOMPARE(p.alreadyStored, 0);
        // Nothing of the old entry's age or fate carries over.
        QVERIFY(p.deletions.empty());
        QVERIFY(p.reappeared.empty());
        QVERIFY(p.vanished.empty());  // its key is the new message's now

        // Deleting after download still applies, once it is stored here.
        policy = {};
        policy.leaveOnServer = false;
        const Plan q = makePlan(input({ msg(1, "a", 2000) }, { old }, policy));
        QCOMPARE(q.deletions.size(), size_t(1));
        QVERIFY(q.deletions[0].awaitsDownload);
    }

    void aReappearedMessageIsOnlyDeletedWhenItIsHere()
    {
        Accounts::Policy policy;
        policy.leaveOnServer = false;
        // Deleted there, listed again with its size, its copy here and its
        // header matching that copy: the server did not delete it after
        // all, and it goes.
        PlanInput in = input({ msg(1, "a") }, { entry("a", 3, LedgerState::DeletedOnServer) }, policy);
        in.confirmed = { { "a", 1 } };
        Plan p = makePlan(in);
        QVERIFY(p.downloads.empty());
        QCOMPARE(p.reappeared.size(), size_t(1));
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1 }));
        QVERIFY(!p.deletions[0].awaitsDownload);

        // No header said so (none could be read): it may be new mail behind
        // a reused UIDL of the same size, so it is downloaded first.
        p = makePlan(input({ msg(1, "a") }, { entry("a", 3, LedgerState::DeletedOnServer) }, policy));
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 1 }));
        QVERIFY(p.downloads[0].replacesEntry);
        QVERIFY(p.reappeared.empty());
        QCOMPARE(p.deletions.size(), size_t(1));
        QVERIFY(p.deletions[0].awaitsDownload);

        // Its copy gone: nothing shows it is that message (it may be new
        // mail behind a reused UIDL), so it is downloaded, not deleted.
        LedgerEntry gone = entry("a", 3, LedgerState::DeletedOnServer);
        gone.messageId = 0;
        gone.deletedLocallyAt = Now.addDays(-2);
        policy = {};
        policy.deleteWhenDeletedLocally = true;
        p = makePlan(input({ msg(1, "a") }, { gone }, policy));
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 1 }));
        QVERIFY(p.downloads[0].replacesEntry);
        QVERIFY(p.deletions.empty());
        QVERIFY(p.reappeared.empty());
    }

    void aHeaderThatShowsAnotherMessageMakesItNewMail()
    {
        // Deleted there, listed again with its size and its copy here — but
        // its header has another Message-ID than that copy.
        PlanInput in = input({ msg(1, "a") }, { entry("a", 3, LedgerState::DeletedOnServer) });
        in.policy.leaveOnServer = false;
        in.notTheSame = { { "a", 1 } };
        const Plan p = makePlan(in);
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 1 }));
        QVERIFY(p.downloads[0].replacesEntry);
        QVERIFY(p.reappeared.empty());
        QCOMPARE(p.deletions.size(), size_t(1));
        QVERIFY(p.deletions[0].awaitsDownload);
    }

    void aMessageWithoutUidlIsDownloadedAndNeverDeleted()
    {
        // The server's UIDL list left two messages out.
        Accounts::Policy policy;
        policy.leaveOnServer = false;
        const Plan p = makePlan(input({ msg(1, "a"), msg(2, ""), msg(3, "") }, {}, policy));
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 1, 2, 3 }));
        QVERIFY(p.downloads[1].key.isEmpty());
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1 }));
        QCOMPARE(p.heldWithoutUidl, 2);
        QCOMPARE(p.heldForDuplicateKeys, 0);  // an empty key is no repeated key
    }

    void heldEntriesStayWhateverThePolicy_data()
    {
        QTest::addColumn<int>("hold");
        QTest::addRow("size mismatch") << int(Hold::SizeMismatch);
        QTest::addRow("no uidl") << int(Hold::NoUidl);
    }

    void heldEntriesStayWhateverThePolicy()
    {
        QFETCH(int, hold);
        LedgerEntry held = entry("a", 40);
        held.hold = Hold(hold);
        held.messageId = 0;
        held.deletedLocallyAt = Now.addDays(-1);
        for (const auto &[leave, days, count] :
            { std::tuple(false, 0, 0), std::tuple(true, 7, 0), std::tuple(true, 0, 1) }) {
            Accounts::Policy policy;
            policy.leaveOnServer = leave;
            policy.keepDays = days;
            policy.keepCount = count;
            policy.deleteWhenDeletedLocally = true;
            const Plan p = makePlan(input({ msg(1, "a"), msg(2, "b"), msg(3, "c") }, { held, entry("b", 1) }, policy));
            QVERIFY(
                std::none_of(p.deletions.begin(), p.deletions.end(), [](const Deletion &d) { return d.number == 1; }));
            QCOMPARE(Hold(hold) == Hold::SizeMismatch ? p.heldForSizeMismatch : p.heldWithoutUidl, 1);
        }
    }

    void withoutUidlLeavingMailNeedsConsent()
    {
        PlanInput in = input({ msg(1, "fallback:1"), msg(2, "fallback:2") }, { entry("fallback:1") });
        in.keys = KeySource::Fallback;
        Plan p = makePlan(in);
        QVERIFY(p.refused);
        QCOMPARE(p.refused->code, Poplar::ErrorCode::UidlUnsupported);
        QVERIFY(p.downloads.empty());
        in.fallbackAccepted = true;
        p = makePlan(in);
        QVERIFY(!p.refused);
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 2 }));
        // Deleting after download needs no consent: nothing is left to match.
        in.fallbackAccepted = false;
        in.policy.leaveOnServer = false;
        p = makePlan(in);
        QVERIFY(!p.refused);
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1, 2 }));
    }

    void withoutAnyKeyEverythingIsDownloadedAndDeleted()
    {
        PlanInput in = input({ msg(1, ""), msg(2, "") }, {});
        in.keys = KeySource::None;
        QVERIFY(makePlan(in).refused);
        in.fallbackAccepted = true;  // there is nothing to fall back to
        QVERIFY(makePlan(in).refused);
        in.policy.leaveOnServer = false;
        const Plan p = makePlan(in);
        QVERIFY(!p.refused);
        QCOMPARE(numbers(p.downloads), (QList<quint32> { 1, 2 }));
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1, 2 }));
        QVERIFY(p.deletions[0].awaitsDownload);
    }

    void deletableNow_data()
    {
        QTest::addColumn<QList<quint32>>("committed");
        QTest::addColumn<QList<quint32>>("held");
        QTest::addColumn<QList<quint32>>("expected");
        // Server: 1 "a" (known, past keepDays: deleted without a download),
        // 2 "b" and 4 "d" new, 3 "dup" and 5 "dup" new under one key.
        QTest::newRow("nothing committed yet") << QList<quint32> {} << QList<quint32> {} << QList<quint32> { 1 };
        QTest::newRow("one committed") << QList<quint32> { 2 } << QList<quint32> {} << QList<quint32> { 1, 2 };
        QTest::newRow("all committed") << QList<quint32> { 2, 3, 4, 5 } << QList<quint32> {}
                                       << QList<quint32> { 1, 2, 3, 4, 5 };
        QTest::newRow("one of a repeated key")
            << QList<quint32> { 2, 3, 4 } << QList<quint32> {} << QList<quint32> { 1, 2, 4 };
        QTest::newRow("the other of a repeated key")
            << QList<quint32> { 5 } << QList<quint32> {} << QList<quint32> { 1 };
        QTest::newRow("held on arrival") << QList<quint32> { 2, 3, 4, 5 } << QList<quint32> { 4 }
                                         << QList<quint32> { 1, 2, 3, 5 };
        QTest::newRow("held, not committed") << QList<quint32> {} << QList<quint32> { 1 } << QList<quint32> {};
    }

    void deletableNow()
    {
        QFETCH(QList<quint32>, committed);
        QFETCH(QList<quint32>, held);
        QFETCH(QList<quint32>, expected);
        Accounts::Policy policy;
        policy.leaveOnServer = false;
        const Plan p = makePlan(
            input({ msg(1, "a"), msg(2, "b"), msg(3, "dup"), msg(4, "d"), msg(5, "dup") }, { entry("a", 30) }, policy));
        QCOMPARE(numbers(p.deletions), (QList<quint32> { 1, 2, 3, 4, 5 }));
        const std::set<quint32> c(committed.begin(), committed.end());
        const std::set<quint32> h(held.begin(), held.end());
        QCOMPARE(Sync::deletableNow(p, c, h), expected);
    }
};

QTEST_GUILESS_MAIN(TestPlan)
#include "tst_plan.moc"
