// The server conversations in tests/data/conversations/ (each named after
// the fault it reproduces, and the fuzzer's seeds) replayed through the
// fuzz target's session driver: every command queued, the server's bytes
// fed in every read size from 1 to 97, over plaintext and TLS, with and
// without an insecure login allowed and a name beyond ASCII. The driver
// aborts when the engine breaks a promise (the password in the protocol
// log, a byte sent after a fatal error, message data past its bound, a
// command completed twice or never).

#include <QDir>
#include <QFile>
#include <QTest>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

class TestConversations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(POPLAR_TEST_DATA "/conversations"));
        const QStringList names = dir.entryList({ QStringLiteral("*.pop3") }, QDir::Files, QDir::Name);
        QVERIFY(names.size() >= 10);
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }

    void replay()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
        const QByteArray server = file.readAll();
        QVERIFY(!server.isEmpty());
        for (int chunk = 0; chunk < 97; ++chunk) {
            for (int flags = 0; flags < 8; ++flags) {
                // The driver's first byte picks the read size (1 + byte % 97),
                // the second the link and the credentials.
                const QByteArray input = QByteArray(1, char(chunk)) + char(flags) + server;
                QCOMPARE(
                    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size())),
                    0);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestConversations)
#include "tst_conversations.moc"
