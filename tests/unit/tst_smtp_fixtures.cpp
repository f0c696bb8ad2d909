// The SMTP fuzzer's seeds in tests/data/smtp/ (and every input it ever
// crashed on, kept there) replayed through the fuzz target's driver in
// every build: each read size from 1 to 97, over plaintext, STARTTLS and
// implicit TLS. The driver aborts when a piece breaks a promise (a reply
// past its bounds, DATA that does not decode to the message, a message
// ended twice or never, or accepted before its final dot, bytes written
// after the session ended, the password in the protocol log).

#include <QDir>
#include <QFile>
#include <QTest>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

class TestSmtpFixtures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(POPLAR_TEST_DATA "/smtp"));
        const QStringList names = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY(names.size() >= 4);
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
        for (int first = 0; first < 256; ++first) {
            // The driver's first byte picks the read size (1 + byte % 97) and
            // the link (byte / 97: plaintext, STARTTLS, implicit TLS).
            const QByteArray input = QByteArray(1, char(first)) + server;
            QCOMPARE(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size())),
                0);
        }
    }
};

QTEST_GUILESS_MAIN(TestSmtpFixtures)
#include "tst_smtp_fixtures.moc"
