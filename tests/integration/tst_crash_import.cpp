// The store survives a kill at any moment: a real `poplar-cli import` is
// SIGKILLed at random points, again and again, and after each kill the
// store must open, pass PRAGMA integrity_check and hold whole messages only
// (each byte-identical to one from the source mbox).

#include "CrashRounds.h"
#include "store/MailFormats.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Store;

class TestCrashImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_mbox;
    QHash<QByteArray, QByteArray> m_byMessageId;  // Message-ID → exact bytes

    static QByteArray messageIdOf(const QByteArray &raw)
    {
        const qsizetype at = raw.indexOf("Message-ID: <");
        if (at < 0)
            return {};
        const qsizetype end = raw.indexOf('>', at);
        return raw.mid(at + 13, end - at - 13);
    }

    void verifyStore(const QString &profile, int *count)
    {
        auto store = MailStore::open(profile);
        QVERIFY2(store, qPrintable(store.error().technicalDescription()));
        QCOMPARE((*store)->integrityCheck().value(), QStringList { QStringLiteral("ok") });
        auto folder = (*store)->folderByPath(QStringLiteral("Local/Crash"));
        if (!folder) {
            *count = 0;  // killed before the folder was made
            return;
        }
        const QList<MessageSummary> all = (*store)->messages(folder->id, 0, 1'000'000).value();
        for (const MessageSummary &m : all) {
            const QByteArray raw = (*store)->rawMessage(m.id).value();
            QCOMPARE(qint64(raw.size()), m.size);
            const QByteArray id = messageIdOf(raw);
            QVERIFY2(m_byMessageId.contains(id), id.constData());
            QVERIFY2(raw == m_byMessageId.value(id), id.constData());
        }
        *count = int(all.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_mbox = m_dir.filePath(QStringLiteral("source.mbox"));
        QFile f(m_mbox);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QRandomGenerator rng(99);
        for (int i = 0; i < 1000; ++i) {
            const int size = i % 100 == 99 ? 900 * 1024 : 1024 + rng.bounded(30 * 1024);
            QByteArray body;
            while (body.size() < size)
                body += "line " + QByteArray::number(rng.generate()) + " of message " + QByteArray::number(i) + "\n";
            const QByteArray raw = "From: crash" + QByteArray::number(i % 7) + "@example.org\nSubject: crash test "
                + QByteArray::number(i) + "\nMessage-ID: <crash-" + QByteArray::number(i) + "@poplar.test>\n\n" + body;
            m_byMessageId.insert("crash-" + QByteArray::number(i) + "@poplar.test", raw);
            QVERIFY(MailFormats::writeMboxMessage(f, raw, MailFormats::MboxFlavor::Mboxrd));
        }
    }

    void killedImportsLeaveOnlyWholeMessages()
    {
        // How long a whole import takes here (sanitizer builds are slower):
        // the kills are spread over that time.
        QElapsedTimer calibration;
        calibration.start();
        {
            QProcess p;
            p.start(QStringLiteral(POPLAR_CLI_PATH),
                { QStringLiteral("import"), QStringLiteral("--folder"), QStringLiteral("Local/Calibration"), m_mbox,
                    QStringLiteral("--profile"), m_dir.filePath(QStringLiteral("calibration")) });
            QVERIFY(p.waitForFinished(300000));
            QCOMPARE(p.exitCode(), 0);
        }
        const int fullMs = int(std::max<qint64>(200, calibration.elapsed()));
        const QString profile = m_dir.filePath(QStringLiteral("profile"));
        QRandomGenerator rng(QRandomGenerator::global()->generate());
        int previous = 0;
        int grew = 0;
        const int rounds = PoplarTest::crashRounds(25);
        for (int round = 0; round < rounds; ++round) {
            QProcess p;
            p.start(QStringLiteral(POPLAR_CLI_PATH),
                { QStringLiteral("import"), QStringLiteral("--folder"), QStringLiteral("Local/Crash"), m_mbox,
                    QStringLiteral("--profile"), profile });
            QVERIFY(p.waitForStarted());
            // Real time: the moment of the kill is what the test draws at random.
            QTest::qWait(int(rng.bounded(fullMs / 20, fullMs)));
            // (An import that already finished simply counts as a round
            // without a kill.)
            if (p.state() != QProcess::NotRunning) {
                ::kill(pid_t(p.processId()), SIGKILL);
                QVERIFY(p.waitForFinished(30000));
            }
            int count = 0;
            verifyStore(profile, &count);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(count >= previous);  // a kill never takes away committed mail
            grew += count > previous ? 1 : 0;
            previous = count;
        }
        // The kills landed while messages were being written, not only before.
        QVERIFY2(grew >= rounds / 3, qPrintable(QString::number(grew)));
        // And an import that is left alone completes.
        QProcess p;
        p.start(QStringLiteral(POPLAR_CLI_PATH),
            { QStringLiteral("import"), QStringLiteral("--folder"), QStringLiteral("Local/Crash"), m_mbox,
                QStringLiteral("--profile"), profile });
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        int count = 0;
        verifyStore(profile, &count);
        QCOMPARE(count, previous + 1000);
    }
};

QTEST_GUILESS_MAIN(TestCrashImport)
#include "tst_crash_import.moc"
