#include "pop3/PipelineWindow.h"

#include <QtTest>

using Pop3::PipelineWindow;

namespace {

constexpr quint64 MiB = 1024 * 1024;

// Delivers `bytes` spread evenly over `ms` milliseconds from `from`, in
// pieces of 16 KiB (as reads come off a socket), with commands waiting for
// room or not; returns the time reached.
qint64 deliver(PipelineWindow &w, qint64 from, quint64 bytes, qint64 ms, bool waiting = true)
{
    constexpr quint64 Piece = 16 * 1024;
    const quint64 pieces = std::max<quint64>(1, bytes / Piece);
    for (quint64 i = 1; i <= pieces; ++i)
        w.delivered(
            bytes / pieces + (i == pieces ? bytes % pieces : 0), from + qint64(quint64(ms) * i / pieces), waiting);
    return from + ms;
}

}  // namespace

class TestPipelineWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsFromTheRoundTrip_data()
    {
        QTest::addColumn<qint64>("rtt");
        QTest::addColumn<quint64>("budget");
        QTest::newRow("loopback") << qint64(0) << MiB;
        QTest::newRow("20 ms: below the floor") << qint64(20) << MiB;
        QTest::newRow("100 ms") << qint64(100) << quint64(2'500'000);
        QTest::newRow("300 ms") << qint64(300) << quint64(7'500'000);
        QTest::newRow("2 s: the ceiling") << qint64(2000) << 16 * MiB;
    }
    void startsFromTheRoundTrip()
    {
        QFETCH(qint64, rtt);
        QFETCH(quint64, budget);
        PipelineWindow w;
        QCOMPARE(w.budget(), MiB);
        QVERIFY(!w.roundTripMs());
        w.roundTrip(rtt);
        QCOMPARE(w.roundTripMs(), std::optional<qint64>(rtt));
        QCOMPARE(w.budget(), budget);
    }

    void theShortestRoundTripCounts()
    {
        PipelineWindow w;
        w.roundTrip(120);
        w.roundTrip(40);
        w.roundTrip(900);  // a login's password hashing
        QCOMPARE(w.roundTripMs(), std::optional<qint64>(40));
        QCOMPARE(w.budget(), quint64(3'000'000));  // from the first; never shrinks
        w.roundTrip(-5);                           // a clock that went back: ignored
        QCOMPARE(w.roundTripMs(), std::optional<qint64>(40));
    }

    void nothingGrowsWithoutARoundTrip()
    {
        PipelineWindow w;
        qint64 t = 0;
        for (int i = 0; i < 20; ++i)
            t = deliver(w, t, 50 * MiB, 100);
        QCOMPARE(w.budget(), MiB);
    }

    void doublesWhileTheWindowLimits()
    {
        // 100 ms, a link far faster than the window: each round trip carries
        // one budget, so the budget doubles per round until the ceiling.
        PipelineWindow w;
        w.roundTrip(100);
        w.delivered(0, 0, true);  // the round opens
        qint64 t = 0;
        QList<quint64> seen { w.budget() };
        for (int i = 0; i < 6; ++i) {
            t = deliver(w, t, w.budget(), 100);
            seen << w.budget();
        }
        QCOMPARE(seen, QList<quint64>({ 2'500'000, 5'000'000, 10'000'000, 16 * MiB, 16 * MiB, 16 * MiB, 16 * MiB }));
    }

    void settlesOnceMoreWindowBringsNoMoreRate()
    {
        // 50 ms and a 40 MB/s link (2 MB per round trip): from 1.25 MB the
        // budget doubles while the rate still grows (2.5, then 5 MB), and
        // stays once a doubling brought nothing.
        PipelineWindow w;
        w.roundTrip(50);
        QCOMPARE(w.budget(), quint64(1'250'000));
        w.delivered(0, 0, true);
        qint64 t = 0;
        for (int i = 0; i < 10; ++i)
            t = deliver(w, t, std::min<quint64>(w.budget(), 2'000'000), 50);
        QCOMPARE(w.budget(), quint64(5'000'000));
        QCOMPARE(w.rate(), quint64(40'000'000));
    }

    void growsPastWhatTheServerHoldsBack()
    {
        // 100 ms; half of the window waits in the server's socket buffer, so
        // a round trip carries half a budget (up to the link's 4 MB). Twice
        // the rate × round trip alone would stay at the 2.5 MB start; the
        // window doubles while the rate follows.
        PipelineWindow w;
        w.roundTrip(100);
        w.delivered(0, 0, true);
        qint64 t = 0;
        QList<quint64> seen { w.budget() };
        for (int i = 0; i < 6; ++i) {
            t = deliver(w, t, std::min<quint64>(w.budget() / 2, 4'000'000), 100);
            seen << w.budget();
        }
        QCOMPARE(seen, QList<quint64>({ 2'500'000, 5'000'000, 10'000'000, 16 * MiB, 16 * MiB, 16 * MiB, 16 * MiB }));
    }

    void nothingDoublesWhileNoCommandWaits()
    {
        // Lockstep commands, or the last of a retrieval: the window is not
        // what limits, only twice the rate × round trip counts.
        PipelineWindow w;
        w.roundTrip(100);
        w.delivered(0, 0, false);
        qint64 t = 0;
        for (int i = 0; i < 5; ++i)
            t = deliver(w, t, 1'000'000 + quint64(i) * 500'000, 100, false);
        QCOMPARE(w.budget(), quint64(6'000'000));  // 2 × 30 MB/s × 100 ms
    }

    void neverShrinks()
    {
        PipelineWindow w;
        w.roundTrip(100);
        w.delivered(0, 0, true);
        qint64 t = deliver(w, 0, 5'000'000, 100);  // 50 MB/s: 10 MB
        QCOMPARE(w.budget(), quint64(10'000'000));
        for (int i = 0; i < 5; ++i)
            t = deliver(w, t, 100'000, 100);  // the server has a slow moment
        QCOMPARE(w.budget(), quint64(10'000'000));
    }

    void pausedRoundsSayNothingAboutTheLink()
    {
        // While the store is behind, reading pauses; on resume the kernel's
        // backlog arrives at memory speed. Neither round may size the window.
        PipelineWindow w;
        w.roundTrip(100);
        w.delivered(0, 0, false);
        qint64 t = deliver(w, 0, 1'000'000, 100, false);
        QCOMPARE(w.budget(), quint64(2'500'000));
        t = deliver(w, t, 400'000, 40, false);
        w.interrupted();
        t += 3000;                               // paused
        t = deliver(w, t, 6'000'000, 5, false);  // the backlog, at memory speed
        t = deliver(w, t, 1'500'000, 100, false);
        QCOMPARE(w.budget(), quint64(2'500'000));  // that round held the backlog: dropped
        t = deliver(w, t, 1'500'000, 100, false);  // 15 MB/s: 3 MB
        QCOMPARE(w.budget(), quint64(3'000'000));
    }

    void boundsHold_data()
    {
        QTest::addColumn<quint64>("minBytes");
        QTest::addColumn<quint64>("maxBytes");
        QTest::addColumn<quint64>("expectedMin");
        QTest::addColumn<quint64>("expectedMax");
        QTest::newRow("default") << MiB << 16 * MiB << MiB << 16 * MiB;
        QTest::newRow("fixed") << quint64(4096) << quint64(4096) << quint64(4096) << quint64(4096);
        QTest::newRow("max below min") << quint64(8192) << quint64(100) << quint64(8192) << quint64(8192);
        QTest::newRow("zero") << quint64(0) << quint64(0) << quint64(1) << quint64(1);
    }
    void boundsHold()
    {
        QFETCH(quint64, minBytes);
        QFETCH(quint64, maxBytes);
        QFETCH(quint64, expectedMin);
        QFETCH(quint64, expectedMax);
        PipelineWindow::Options o;
        o.minBytes = minBytes;
        o.maxBytes = maxBytes;
        PipelineWindow w(o);
        QCOMPARE(w.budget(), expectedMin);
        w.roundTrip(10'000'000);  // absurd: still within the bounds, no overflow
        w.delivered(0, 0, true);
        w.delivered(~quint64(0) / 4, 10'000'000, true);
        QCOMPARE(w.budget(), expectedMax);
    }
};

QTEST_GUILESS_MAIN(TestPipelineWindow)
#include "tst_pipeline_window.moc"
