// Recognising messages under new UIDLs: which headers to read, and what a
// header matches, as pure functions of the server's list, the ledger and
// the local copies.

#include "sync/HeaderMatch.h"

#include <QTest>

using namespace Sync;
using namespace Sync::HeaderMatch;

namespace {

const QDateTime Then(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);

ServerMessage msg(quint32 n, const char *uidl, quint64 size = 1000)
{
    return { n, size, QByteArray(uidl) };
}

LedgerEntry entry(const char *uidl, qint64 size = 1000, LedgerState state = LedgerState::OnServer, int occurrence = 1)
{
    LedgerEntry e;
    e.key = uidl;
    e.occurrence = occurrence;
    e.messageId = 100;
    e.size = size;
    e.firstSeenAt = Then;
    e.state = state;
    return e;
}

LocalCopy copy(const LedgerEntry &e, const char *messageId, qint64 storedSize = -1)
{
    return { e, QByteArray(messageId), storedSize < 0 ? e.size : storedSize };
}

QList<quint32> toRead(const std::vector<ServerMessage> &server, const Candidates &c)
{
    QList<quint32> out;
    for (const Unknown &u : c.toRead)
        out << server[u.index].number;
    return out;
}

}  // namespace

Q_DECLARE_METATYPE(std::vector<Sync::ServerMessage>)
Q_DECLARE_METATYPE(QList<Sync::LedgerEntry>)
Q_DECLARE_METATYPE(QList<Sync::LocalCopy>)

class TestHeaderMatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void whatIsRead_data()
    {
        QTest::addColumn<std::vector<ServerMessage>>("server");
        QTest::addColumn<QList<LedgerEntry>>("ledger");
        QTest::addColumn<QList<LocalCopy>>("copies");
        QTest::addColumn<QList<quint32>>("read");

        const LedgerEntry a = entry("a"), b = entry("b", 2000);
        QTest::addRow("all known") << std::vector { msg(1, "a"), msg(2, "b", 2000) } << QList { a, b }
                                   << QList { copy(a, "a@x"), copy(b, "b@x") } << QList<quint32> {};
        QTest::addRow("new mail, nothing missing")
            << std::vector { msg(1, "a"), msg(2, "b", 2000), msg(3, "c") } << QList { a, b }
            << QList { copy(a, "a@x"), copy(b, "b@x") } << QList<quint32> {};
        QTest::addRow("one renamed among known ones (any number)")
            << std::vector { msg(1, "a"), msg(2, "b2", 2000) } << QList { a, b }
            << QList { copy(a, "a@x"), copy(b, "b@x") } << QList<quint32> { 2 };
        QTest::addRow("unknown of a size no missing copy has")
            << std::vector { msg(1, "a"), msg(2, "z", 777) } << QList { a, b }
            << QList { copy(a, "a@x"), copy(b, "b@x") } << QList<quint32> {};
        QTest::addRow("stored size and stored size minus 2 fit")
            << std::vector { msg(1, "x", 1498), msg(2, "y", 1500), msg(3, "z", 1499) } << QList { a }
            << QList { copy(a, "a@x", 1500) } << QList<quint32> { 1, 2 };
        QTest::addRow("a partial copy only by the ledger's size")
            << std::vector { msg(1, "x", 1000), msg(2, "y", 300) } << QList { entry("p", 1000, LedgerState::Partial) }
            << QList { copy(entry("p", 1000, LedgerState::Partial), "p@x", 300) } << QList<quint32> { 1 };
        QTest::addRow("a copy without Message-ID cannot be recognised")
            << std::vector { msg(1, "x") } << QList { a } << QList { copy(a, "") } << QList<quint32> {};
        QTest::addRow("deleted there is no candidate")
            << std::vector { msg(1, "x") } << QList { entry("a", 1000, LedgerState::DeletedOnServer) }
            << QList { copy(entry("a", 1000, LedgerState::DeletedOnServer), "a@x") } << QList<quint32> {};
        QTest::addRow("deleted there and listed again: looked at")
            << std::vector { msg(1, "a") } << QList { entry("a", 1000, LedgerState::DeletedOnServer) }
            << QList { copy(entry("a", 1000, LedgerState::DeletedOnServer), "a@x") } << QList<quint32> { 1 };
        QTest::addRow("the same key with another size: new mail or the same one")
            << std::vector { msg(1, "a", 1002) } << QList { a } << QList { copy(a, "a@x", 1002) }
            << QList<quint32> { 1 };
        QTest::addRow("listed without a UIDL: looked at, to be recognised")
            << std::vector { msg(1, "") } << QList { a } << QList { copy(a, "a@x") } << QList<quint32> { 1 };
        QTest::addRow("duplicates that stopped repeating")
            << std::vector { msg(1, "d"), msg(2, "e") }
            << QList { entry("d"), entry("d", 1000, LedgerState::OnServer, 2) }
            << QList { copy(entry("d"), "1@x"), copy(entry("d", 1000, LedgerState::OnServer, 2), "2@x") }
            << QList<quint32> { 2 };
    }

    void whatIsRead()
    {
        QFETCH(std::vector<ServerMessage>, server);
        QFETCH(QList<LedgerEntry>, ledger);
        QFETCH(QList<LocalCopy>, copies);
        QFETCH(QList<quint32>, read);
        const Candidates c = candidates(server, ledger, copies);
        QCOMPARE(toRead(server, c), read);
        QCOMPARE(c.copies.isEmpty(), read.isEmpty());
    }

    void whetherToLookAtAll()
    {
        const QList<LedgerEntry> ledger
            = { entry("a"), entry("b", 2000), entry("gone", 10, LedgerState::DeletedOnServer) };
        // Everything where it was, or only new mail, or only deletions: no look.
        Need n = need({ msg(1, "a"), msg(2, "b", 2000) }, ledger);
        QVERIFY(!n.headers && !n.deletedCopies);
        n = need({ msg(1, "a"), msg(2, "b", 2000), msg(3, "new") }, ledger);
        QVERIFY(!n.headers);
        n = need({ msg(1, "a") }, ledger);
        QVERIFY(!n.headers);
        // Unknown mail while an entry is not where it was: look.
        n = need({ msg(1, "a"), msg(2, "b2", 2000) }, ledger);
        QVERIFY(n.headers && !n.deletedCopies);
        // An entry deleted there listed again: look, with the copies of
        // entries deleted there.
        n = need({ msg(1, "a"), msg(2, "b", 2000), msg(3, "gone", 10) }, ledger);
        QVERIFY(n.headers && n.deletedCopies);
    }

    void aHeaderMatchesByMessageIdAndSize()
    {
        const LedgerEntry a = entry("a", 1000), b = entry("b", 1200), twin = entry("t", 1000);
        Matcher m({ copy(a, "a@x", 998), copy(b, "b@x"), copy(twin, "a@x", 1000) });
        // The ledger's size first: of two copies with one Message-ID, the one
        // the old server listed with this size.
        auto r = m.match(msg(5, "new-t", 1000), 1, "a@x");
        QVERIFY(r);
        QCOMPARE(r->from, (LedgerKey { "a", 1 }));
        QCOMPARE(r->to, (LedgerKey { "new-t", 1 }));
        QCOMPARE(r->size, qint64(1000));
        // Each copy once: the twin is left, by its stored size.
        r = m.match(msg(6, "new-a", 1000), 1, "a@x");
        QVERIFY(r);
        QCOMPARE(r->from, (LedgerKey { "t", 1 }));
        QVERIFY(!m.match(msg(7, "again", 1000), 1, "a@x"));
        // Another size, or no Message-ID: nothing.
        QVERIFY(!m.match(msg(8, "new-b", 1300), 1, "b@x"));
        QVERIFY(!m.match(msg(9, "new-b", 1200), 1, ""));
        // A header under a key whose own copy has another Message-ID: that
        // entry is another message.
        QVERIFY(m.differs(msg(11, "b", 1200), 1, "other@x"));
        QVERIFY(!m.differs(msg(11, "b", 1200), 1, "b@x"));
        QVERIFY(!m.differs(msg(12, "unknown", 1200), 1, "other@x"));
        // Dovecot's uncounted final CRLF: listed 2 short of the stored copy.
        Matcher n({ copy(b, "b@x", 1202) });
        QVERIFY(n.match(msg(10, "new-b", 1200), 2, "b@x"));
        QCOMPARE(n.matches().size(), size_t(1));
        QCOMPARE(n.matches()[0].to.occurrence, 2);
    }

    void recognisedWithoutUidl_data()
    {
        QTest::addColumn<std::vector<ServerMessage>>("server");
        QTest::addColumn<QList<QByteArray>>("messageIds");
        QTest::addColumn<QList<LocalCopy>>("copies");
        QTest::addColumn<int>("count");
        QTest::addColumn<QList<quint32>>("unknown");

        const LedgerEntry a = entry("a", 1000), b = entry("b", 1200);
        const LedgerEntry gone = entry("g", 1000, LedgerState::DeletedOnServer);
        QTest::newRow("all stored here") << std::vector { msg(1, "", 1000), msg(2, "", 1200) }
                                         << QList<QByteArray> { "a@x", "b@x" }
                                         << QList { copy(a, "a@x"), copy(b, "b@x") } << 2 << QList<quint32> {};
        QTest::newRow("one new") << std::vector { msg(1, "", 1000), msg(2, "", 1500) }
                                 << QList<QByteArray> { "a@x", "new@x" } << QList { copy(a, "a@x"), copy(b, "b@x") }
                                 << 1 << QList<quint32> { 2 };
        QTest::newRow("same Message-ID, another size: new")
            << std::vector { msg(1, "", 4000) } << QList<QByteArray> { "a@x" } << QList { copy(a, "a@x") } << 0
            << QList<quint32> { 1 };
        QTest::newRow("no Message-ID in the header: new")
            << std::vector { msg(1, "", 1000) } << QList<QByteArray> { "" } << QList { copy(a, "a@x") } << 0
            << QList<quint32> { 1 };
        QTest::newRow("a copy without Message-ID recognises nothing")
            << std::vector { msg(1, "", 1000) } << QList<QByteArray> { "" } << QList { copy(a, "") } << 0
            << QList<quint32> { 1 };
        QTest::newRow("deleted there: not recognised")
            << std::vector { msg(1, "", 1000) } << QList<QByteArray> { "g@x" } << QList { copy(gone, "g@x") } << 0
            << QList<quint32> { 1 };
        QTest::newRow("two listed, one copy: the second is new")
            << std::vector { msg(1, "", 1000), msg(2, "", 1000) } << QList<QByteArray> { "a@x", "a@x" }
            << QList { copy(a, "a@x") } << 1 << QList<quint32> { 2 };
        QTest::newRow("nothing here") << std::vector { msg(1, "", 1000) } << QList<QByteArray> { "a@x" }
                                      << QList<LocalCopy> {} << 0 << QList<quint32> { 1 };
        QTest::newRow("an empty list") << std::vector<ServerMessage> {} << QList<QByteArray> {}
                                       << QList { copy(a, "a@x") } << 0 << QList<quint32> {};
    }

    void recognisedWithoutUidl()
    {
        QFETCH(std::vector<ServerMessage>, server);
        QFETCH(QList<QByteArray>, messageIds);
        QFETCH(QList<LocalCopy>, copies);
        QFETCH(int, count);
        QFETCH(QList<quint32>, unknown);
        const Recognised r
            = recogniseWithoutUidl(server, std::vector<QByteArray>(messageIds.begin(), messageIds.end()), copies);
        QCOMPARE(r.count, count);
        QList<quint32> numbers;
        for (const ServerMessage &m : r.unknown)
            numbers << m.number;
        QCOMPARE(numbers, unknown);
    }

    void appliedMovesEntriesAndDropsDisplacedOnes()
    {
        // "a" and "b" exchange keys; "c" moves to the key "x" had.
        const QList<LedgerEntry> ledger = { entry("a"), entry("b", 2000), entry("c", 3000), entry("x", 50) };
        const std::vector<LedgerRekey> rekeys
            = { { { "a", 1 }, { "b", 1 }, 1000 }, { { "b", 1 }, { "a", 1 }, 2000 }, { { "c", 1 }, { "x", 1 }, 3000 } };
        const QList<LedgerEntry> out = applied(ledger, rekeys);
        QCOMPARE(out.size(), 3);
        QCOMPARE(out[0].key, QByteArray("b"));
        QCOMPARE(out[0].size, qint64(1000));
        QCOMPARE(out[1].key, QByteArray("a"));
        QCOMPARE(out[1].size, qint64(2000));
        QCOMPARE(out[2].key, QByteArray("x"));
        QCOMPARE(out[2].size, qint64(3000));
        QCOMPARE(applied(ledger, {}).size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestHeaderMatch)
#include "tst_header_match.moc"
