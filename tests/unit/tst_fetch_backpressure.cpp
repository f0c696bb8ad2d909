// What a fetch keeps in memory and on the disk while the store lags behind
// the link: reading stops at a bound that counts every message waiting for
// the store (in memory, in spool files, and what parsing derives from it);
// hundreds of megabytes stream through a slow store in bounded memory and
// nothing is lost; and the first message is stored at once.

#include "../support/HeldWriter.h"
#include "../support/ScriptedFetchFixture.h"
#include "../support/SlowWriter.h"
#include "../support/StreamingMailbox.h"

#include "store/Store.h"
#include "sync/FetchBatcher.h"
#include "sync/FetchJob.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Sync;
using PoplarTest::mail;

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 ReadBufferBytes = 256 * 1024;  // Net::LinkSettings::readBufferBytes

// A line of /proc/self/status, in bytes.
qint64 procStatus(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

// Forgets the peak so far: VmHWM starts again from VmRSS.
bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

constexpr bool underAddressSanitizer()
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#else
    return false;
#endif
}

}  // namespace

class TestFetchBackpressure : public QObject, private PoplarTest::ScriptedFetchFixture
{
    Q_OBJECT

    FetchJob::Options options()
    {
        FetchJob::Options o;
        o.clock = &m_clock;
        o.transportFactory = m_server->factory();
        o.connectTimeoutMs = 5000;
        o.idleTimeoutMs = 60'000;
        return o;
    }

    [[nodiscard]] int tempFiles() const
    {
        return int(QDir(QDir(m_profile->path()).filePath(QStringLiteral("tmp"))).entryList(QDir::Files).size());
    }

    // Runs `job` to its end while `tick` is called every 20 ms.
    FetchReport runWithTicks(FetchJob &job, int timeoutMs, const std::function<void(QTimer &)> &tick)
    {
        QTimer check;
        QObject::connect(&check, &QTimer::timeout, [&] { tick(check); });
        check.start(20);
        return PoplarTest::runFetch(job, timeoutMs);
    }

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void theFirstMessageIsStoredAtOnce()
    {
        // Batches wait for 64 messages or an hour: the first message still
        // goes to the store right away, so new mail shows while a long
        // fetch goes on. The server then stalls (the link stays up).
        for (int i = 1; i <= 20; ++i)
            m_server->add(mail(i), "uid-" + QByteArray::number(i));
        m_server->stallAfterRetr = 3;
        FetchJob::Options o = options();
        o.batchMs = 3'600'000;
        FetchJob job(*m_store, m_account, Accounts::credentials(m_account, Poplar::Secret("secret")), o);
        auto *batcher = job.findChild<FetchBatcher *>();
        QVERIFY(batcher);
        std::vector<BatchResult> batches;
        QObject::connect(batcher, &FetchBatcher::batchDone, &job, [&](const BatchResult &b) { batches.push_back(b); });
        QSignalSpy finished(&job, &FetchJob::finished);
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(int(batches.size()), 1, 20'000);
        QVERIFY(batches.front().status);
        QCOMPARE(batches.front().committed, std::vector<quint32> { 1 });
        QCOMPARE(finished.size(), 0);  // the fetch goes on
        QCOMPARE(summaries().size(), 1);
        job.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10'000);
    }

    void aBoundBelowTheBatchSizeDoesNotWaitForTheBatchTimer()
    {
        // The bound is far below what a batch may hold, and a batch's time
        // is an hour: reading stops at the bound, so what waits must go to
        // the store at once, or the fetch would stand still.
        for (int i = 1; i <= 40; ++i)
            m_server->add(mail(i, 3000), "uid-" + QByteArray::number(i));  // ~ 30 KB each
        FetchJob::Options o = options();
        o.maxPendingBytes = 128 * 1024;
        o.batchBytes = 64 * MiB;
        o.batchMessages = 64;
        o.batchMs = 3'600'000;
        FetchJob job(*m_store, m_account, Accounts::credentials(m_account, Poplar::Secret("secret")), o);
        const FetchReport r = PoplarTest::runFetch(job, 60'000);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 40);
    }

    void batchesStayWholeWhileReadingWaits()
    {
        // The store lags behind the link, so reading stops at the bound again
        // and again. Each stop must not send the batch filling meanwhile off
        // on its own: the messages still go in batches, not one transaction
        // each.
        const int count = 300;
        for (int i = 1; i <= count; ++i)
            m_server->add(mail(i, 300), "uid-" + QByteArray::number(i));  // ~ 3 KB each
        FetchJob::Options o = options();
        o.maxPendingBytes = 256 * 1024;  // a batch: up to half of it, about 14 such messages
        PoplarTest::SlowWriter slow(*m_store, std::chrono::milliseconds(30));
        FetchJob job(*m_store, m_account, Accounts::credentials(m_account, Poplar::Secret("secret")), o);
        auto *batcher = job.findChild<FetchBatcher *>();
        QVERIFY(batcher);
        int batches = 0;
        int paused = 0;
        QObject::connect(batcher, &FetchBatcher::batchDone, &job, [&](const BatchResult &) {
            ++batches;
            // The server has sent what the client has not read: reading waits.
            const Net::FakeTransport *t = Net::FakeTransport::latest();
            paused += t && t->inNetwork() > 0;
        });
        const FetchReport r = PoplarTest::runFetch(job, 120'000);
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, count);
        QVERIFY2(paused > 0, "reading never waited for the store");
        QVERIFY2(
            batches <= count / 5, qPrintable(QStringLiteral("%1 batches for %2 messages").arg(batches).arg(count)));
    }

    void spooledMessagesCountTowardsTheBound()
    {
        // Every message is bigger than what is kept in memory, so each waits
        // in a file. Those files count: while the store is held, no more
        // than the bound's worth of them pile up in the profile.
        const int count = 12;
        for (int i = 1; i <= count; ++i)
            m_server->add(mail(i, 10'000), "uid-" + QByteArray::number(i));  // ~ 100 KB each
        const qint64 size = m_server->mailbox.first().raw.size();
        FetchJob::Options o = options();
        o.spoolBytes = 32 * 1024;
        o.maxPendingBytes = 256 * 1024;
        auto held = std::make_unique<PoplarTest::HeldWriter>(*m_store);
        FetchJob job(*m_store, m_account, Accounts::credentials(m_account, Poplar::Secret("secret")), o);
        // Let go once the files stay as they are for 10 checks in a row
        // while the server has more to send (reading stopped), or after 10 s.
        int most = 0;
        int quietTicks = 0;
        int last = -1;
        bool stalled = false;
        bool released = false;
        QTimer::singleShot(10'000, &job, [&] {
            if (!std::exchange(released, true))
                QVERIFY(held->release());
        });
        const FetchReport r = runWithTicks(job, 60'000, [&](QTimer &check) {
            const int files = tempFiles();
            most = std::max(most, files);
            const Net::FakeTransport *t = Net::FakeTransport::latest();
            const bool waiting = files > 0 && t && t->inNetwork() > 0;
            quietTicks = waiting && files == last ? quietTicks + 1 : 0;
            last = files;
            if (quietTicks >= 10 && !released) {
                stalled = released = true;
                QVERIFY(held->release());
            }
            if (released)
                check.stop();
        });
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QVERIFY2(stalled, "reading never stopped while the store was held");
        QCOMPARE(r.stored, count);
        // The bound, the message it stopped in, and what the last read brought.
        const int allowed = int((o.maxPendingBytes + ReadBufferBytes) / size) + 2;
        QVERIFY2(most <= allowed, qPrintable(QStringLiteral("%1 files, %2 allowed").arg(most).arg(allowed)));
        QCOMPARE(tempFiles(), 0);
    }

    void readingStopsInTheMiddleOfABigMessage()
    {
        // A small message waits for the held store; the big one after it
        // reaches the bound on its own, halfway through: reading stops
        // there, not once it is whole.
        m_server->add(mail(1, 3000), "uid-1");     // ~ 30 KB
        m_server->add(mail(2, 400'000), "uid-2");  // ~ 4.7 MB, kept in memory
        const qint64 whole = m_server->mailbox[0].raw.size() + m_server->mailbox[1].raw.size();
        FetchJob::Options o = options();
        o.maxPendingBytes = 512 * 1024;
        auto held = std::make_unique<PoplarTest::HeldWriter>(*m_store);
        FetchJob job(*m_store, m_account, Accounts::credentials(m_account, Poplar::Secret("secret")), o);
        quint64 last = 0;
        int quietTicks = 0;
        qint64 readWhileHeld = -1;
        auto letGo = [&] {
            const std::unique_ptr<PoplarTest::HeldWriter> h = std::move(held);
            QVERIFY(h->release());
        };
        QTimer::singleShot(10'000, &job, [&] {
            if (held)
                letGo();
        });
        const FetchReport r = runWithTicks(job, 60'000, [&](QTimer &check) {
            const quint64 read = job.report().bytesReceived;
            const Net::FakeTransport *t = Net::FakeTransport::latest();
            const bool waiting = read > 0 && t && t->inNetwork() > 0;
            quietTicks = waiting && read == last ? quietTicks + 1 : 0;
            last = read;
            if (quietTicks >= 10 && held) {
                readWhileHeld = qint64(read);
                letGo();
            }
            if (!held)
                check.stop();
        });
        QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
        QCOMPARE(r.stored, 2);
        QVERIFY2(readWhileHeld > 0, "reading never stopped while the store was held");
        // The bound and what the last read brought, far from the whole.
        QVERIFY2(readWhileHeld <= o.maxPendingBytes + 2 * ReadBufferBytes && readWhileHeld < whole,
            qPrintable(QString::number(readWhileHeld)));
    }

    void aStreamThroughASlowStoreStaysBounded()
    {
        // A server streams ~500 MB (a fifth of it under AddressSanitizer):
        // 1 MiB attachments, many small texts, two messages above the spool
        // threshold; the store is made slow, and held for a while midway.
        const int scale = underAddressSanitizer() ? 5 : 1;
        StreamingMailboxCheck check(*this, { 440 / scale, 1 * MiB, 2000 / scale, 8 * 1024, 2, 10 * MiB });
        check.run();
    }

private:
    // The streaming test's parts, kept together.
    class StreamingMailboxCheck
    {
    public:
        StreamingMailboxCheck(TestFetchBackpressure &t, const PoplarTest::StreamingMailbox::Mix &mix)
            : m_t(t)
            , m_mailbox(mix, 20261206)
        { }

        void run()
        {
            FetchJob::Options o = m_t.options();
            o.transportFactory = m_mailbox.factory();
            QCOMPARE(o.maxPendingBytes, 8 * MiB);
            // Pending bytes count a message as what it is and what parsing
            // derives from it; they pass the bound by one message, one
            // read, and what a parse found beyond its estimate (none here).
            const qint64 allowed = o.maxPendingBytes + FetchBatcher::countedBytes(m_mailbox.largest())
                + 4 * FetchBatcher::countedBytes(ReadBufferBytes);
            qInfo("%d messages, %lld bytes", m_mailbox.count(), m_mailbox.totalBytes());

            auto slow = std::make_unique<PoplarTest::SlowWriter>(*m_t.m_store, std::chrono::milliseconds(30));
            FetchJob job(
                *m_t.m_store, m_t.m_account, Accounts::credentials(m_t.m_account, Poplar::Secret("secret")), o);
            auto *batcher = job.findChild<FetchBatcher *>();
            QVERIFY(batcher);
            qint64 mostPending = 0;
            int mostFiles = 0;
            auto sample = [&] {
                mostPending = std::max(mostPending, batcher->pendingBytes());
                mostFiles = std::max(mostFiles, m_t.tempFiles());
            };
            QObject::connect(&job, &FetchJob::progress, &job, sample);

            // Held once a third has streamed; let go once nothing more has
            // been produced for 10 checks in a row.
            bool holding = false;
            qint64 heldAt = -1;
            qint64 stalledAt = -1;
            qint64 lastProduced = -1;
            int quietTicks = 0;
            QVERIFY(resetPeakRss());
            const qint64 rssBefore = procStatus("VmRSS");
            const FetchReport r = m_t.runWithTicks(job, 600'000, [&](QTimer &) {
                sample();
                const qint64 produced = m_mailbox.produced();
                if (heldAt < 0 && produced >= m_mailbox.totalBytes() / 3) {
                    slow->hold();
                    holding = true;
                    heldAt = produced;
                }
                if (holding && slow->holding()) {
                    quietTicks = produced == lastProduced ? quietTicks + 1 : 0;
                    if (quietTicks >= 10) {
                        stalledAt = produced;
                        holding = false;
                        slow->release();
                    }
                }
                lastProduced = produced;
            });
            const qint64 peakGrowth = procStatus("VmHWM") - rssBefore;
            slow.reset();
            QVERIFY2(!r.error, qPrintable(r.error.technicalDescription()));
            // Stalled before the stream's end, not because it ended.
            QVERIFY2(stalledAt >= 0 && stalledAt < m_mailbox.totalBytes(),
                "the transport was read on while the store was held");
            qInfo("held at %lld, stalled at %lld; at most %lld pending (%lld allowed), %d spool files; peak RSS +%lld "
                  "MB",
                heldAt, stalledAt, mostPending, allowed, mostFiles, peakGrowth / MiB);
            QVERIFY2(mostPending <= allowed, qPrintable(QString::number(mostPending)));
            // A spooled message waits for the store alone (it is above the
            // bound by itself) while the next one arrives.
            QVERIFY2(mostFiles <= 2, qPrintable(QString::number(mostFiles)));
            // Peak RSS means something only without AddressSanitizer, whose
            // quarantine keeps freed memory (256 MB by default) and whose
            // shadow grows with every byte ever used.
            if (!underAddressSanitizer())
                QVERIFY2(peakGrowth < 100 * MiB, qPrintable(QString::number(peakGrowth)));

            QCOMPARE(r.stored, m_mailbox.count());
            QCOMPARE(r.bytesReceived, quint64(m_mailbox.totalBytes()));
            QHash<QByteArray, LedgerEntry> ledger;
            for (const LedgerEntry &e : m_t.ledgerEntries())
                ledger.insert(e.key, e);
            QCOMPARE(ledger.size(), m_mailbox.count());
            for (int n = 1; n <= m_mailbox.count(); ++n) {
                const LedgerEntry e = ledger.value(m_mailbox.uidOf(n));
                QVERIFY2(e.messageId > 0, qPrintable(QString::number(n)));
                QCOMPARE(e.size, m_mailbox.sizeOf(n));
                const QByteArray raw = m_t.m_store->rawMessage(e.messageId).value();
                QCOMPARE(raw.size(), m_mailbox.sizeOf(n));
                QVERIFY2(QCryptographicHash::hash(raw, QCryptographicHash::Sha256) == m_mailbox.sha256Of(n),
                    qPrintable(QString::number(n)));
            }
            QCOMPARE(m_t.tempFiles(), 0);
        }

    private:
        TestFetchBackpressure &m_t;
        PoplarTest::StreamingMailbox m_mailbox;
    };
};

QTEST_MAIN(TestFetchBackpressure)
#include "tst_fetch_backpressure.moc"
