// The keychain against the real Secret Service (gnome-keyring on the private
// D-Bus session the test run provides), and every way it can be unusable:
// no session bus, a bus that never answers, a locked keyring. This test never
// skips: without a Secret Service it fails, so CI cannot pass without it.

#include "accounts/KeychainCredentialStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Accounts;
using Poplar::ErrorCode;

namespace {

const char *const kChildVariable = "POPLAR_KEYCHAIN_CHILD";

// In a child process: one operation, printed as "<ErrorCode name>[ <secret>]".
int runChild(const QByteArray &operation)
{
    const QString service = qEnvironmentVariable("POPLAR_KEYCHAIN_SERVICE");
    const int timeoutMs = qEnvironmentVariableIntValue("POPLAR_KEYCHAIN_TIMEOUT_MS");
    KeychainCredentialStore store(service, timeoutMs > 0 ? timeoutMs : KeychainCredentialStore::DefaultTimeoutMs);
    const QString key = QStringLiteral("child-key");
    QTextStream out(stdout);
    if (operation == "write") {
        const Poplar::Status st = writeBlocking(store, key, Poplar::Secret("child-secret"));
        out << Poplar::errorCodeName(st.error().code) << '\n';
    } else if (operation == "read") {
        const auto r = readBlocking(store, key);
        out << Poplar::errorCodeName(r.error().code);
        if (r)
            out << ' ' << QString::fromUtf8(r->view());
        out << '\n';
    } else {
        return 2;
    }
    return 0;
}

QString serviceName()
{
    return QStringLiteral("Poplar-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

}  // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

    QString m_service;

    // Runs this binary as a child doing `operation` with `env`.
    QString child(
        const QByteArray &operation, const QProcessEnvironment &env, int waitMs = 60000, qint64 *elapsedMs = nullptr)
    {
        QProcess p;
        QProcessEnvironment e = env;
        e.insert(QString::fromLatin1(kChildVariable), QString::fromLatin1(operation));
        e.insert(QStringLiteral("POPLAR_KEYCHAIN_SERVICE"), m_service);
        p.setProcessEnvironment(e);
        QElapsedTimer clock;
        clock.start();
        p.start(QCoreApplication::applicationFilePath(), {});
        if (!p.waitForFinished(waitMs)) {
            p.kill();
            p.waitForFinished();
            return QStringLiteral("(no answer)");
        }
        if (elapsedMs)
            *elapsedMs = clock.elapsed();
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
            "no D-Bus session: run the tests through `bash packaging/dev test`, which provides a session bus and "
            "an unlocked gnome-keyring");
        m_service = serviceName();
    }

    void roundTripThroughTheSecretService()
    {
        KeychainCredentialStore store(m_service);
        const QString key = QStringLiteral("0123456789abcdef0123456789abcdef");
        const QByteArray secret = "pässwörd with spaces and ✓";
        auto missing = readBlocking(store, key);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::CredentialNotStored);

        const Poplar::Status written = writeBlocking(store, key, Poplar::Secret(secret));
        QVERIFY2(written, qPrintable(written.error().technicalDescription()));
        auto back = readBlocking(store, key);
        QVERIFY2(back, qPrintable(back.error().technicalDescription()));
        QCOMPARE(back->expose(), secret);

        // It is really in the Secret Service, where other programs see it.
        QProcess lookup;
        lookup.start(QStringLiteral("secret-tool"),
            { QStringLiteral("lookup"), QStringLiteral("server"), m_service, QStringLiteral("user"), key });
        QVERIFY(lookup.waitForFinished(30000));
        QCOMPARE(lookup.readAllStandardOutput(), secret);

        // Overwrite; a second key is separate; removal; removing twice.
        QVERIFY(writeBlocking(store, key, Poplar::Secret("second")));
        QVERIFY(writeBlocking(store, QStringLiteral("other"), Poplar::Secret("another")));
        QCOMPARE(readBlocking(store, key).value().expose(), QByteArray("second"));
        QCOMPARE(readBlocking(store, QStringLiteral("other")).value().expose(), QByteArray("another"));
        QVERIFY(removeBlocking(store, key));
        QCOMPARE(readBlocking(store, key).error().code, ErrorCode::CredentialNotStored);
        QVERIFY(removeBlocking(store, key));
        QCOMPARE(readBlocking(store, QStringLiteral("other")).value().expose(), QByteArray("another"));
        QVERIFY(removeBlocking(store, QStringLiteral("other")));
    }

    void answersComeLaterNeverInsideTheCall()
    {
        KeychainCredentialStore store(m_service);
        bool answered = false;
        store.read(QStringLiteral("never-written"), [&](Poplar::Result<Poplar::Secret>) { answered = true; });
        QVERIFY(!answered);
        QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
        SessionCredentialStore session;
        answered = false;
        session.write(QStringLiteral("k"), Poplar::Secret("v"), [&](Poplar::Status) { answered = true; });
        QVERIFY(!answered);
        QTRY_VERIFY(answered);
    }

    void sessionStoreKeepsPasswordsForThisRunOnly()
    {
        SessionCredentialStore session;
        QCOMPARE(readBlocking(session, QStringLiteral("k")).error().code, ErrorCode::CredentialNotStored);
        QVERIFY(writeBlocking(session, QStringLiteral("k"), Poplar::Secret("for now")));
        QCOMPARE(readBlocking(session, QStringLiteral("k")).value().expose(), QByteArray("for now"));
        QVERIFY(removeBlocking(session, QStringLiteral("k")));
        QCOMPARE(readBlocking(session, QStringLiteral("k")).error().code, ErrorCode::CredentialNotStored);
        // And nothing of it reached the real keychain.
        KeychainCredentialStore store(m_service);
        QVERIFY(writeBlocking(session, QStringLiteral("k"), Poplar::Secret("for now")));
        QCOMPARE(readBlocking(store, QStringLiteral("k")).error().code, ErrorCode::CredentialNotStored);
    }

    void noSessionBusIsUnavailable()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        QTemporaryDir dir;
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
            QStringLiteral("unix:path=") + dir.filePath(QStringLiteral("no-such-bus")));
        env.remove(QStringLiteral("DISPLAY"));
        QCOMPARE(child("write", env), QStringLiteral("KeychainUnavailable"));
        QCOMPARE(child("read", env), QStringLiteral("KeychainUnavailable"));
    }

    void aBusThatNeverAnswersTimesOut()
    {
        // A socket that accepts and then says nothing: the job would wait
        // forever; the store's own timeout ends it.
        QTemporaryDir dir;
        QLocalServer silent;
        const QString path = dir.filePath(QStringLiteral("silent-bus"));
        QVERIFY(silent.listen(path));
        QList<QLocalSocket *> held;
        connect(&silent, &QLocalServer::newConnection, this, [&] {
            while (QLocalSocket *s = silent.nextPendingConnection())
                held << s;  // kept open, never read
        });
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + path);
        env.insert(QStringLiteral("POPLAR_KEYCHAIN_TIMEOUT_MS"), QStringLiteral("1500"));
        // The child blocks in its own event loop; serve the socket meanwhile.
        QProcess p;
        QProcessEnvironment e = env;
        e.insert(QString::fromLatin1(kChildVariable), QStringLiteral("write"));
        e.insert(QStringLiteral("POPLAR_KEYCHAIN_SERVICE"), m_service);
        p.setProcessEnvironment(e);
        QElapsedTimer clock;
        clock.start();
        p.start(QCoreApplication::applicationFilePath(), {});
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 30000);
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()).trimmed(), QStringLiteral("KeychainUnavailable"));
        QVERIFY2(clock.elapsed() >= 1400, qPrintable(QString::number(clock.elapsed())));
        qDeleteAll(held);
    }

    void aLockedKeyringIsToldApart()
    {
        // Its own sessions and keyring, so the shared keyring of the test run
        // is not touched: the first session creates the keyring with one
        // password, the second offers another, and the keyring stays locked.
        QTemporaryDir home;
        for (const char *sub : { "runtime", "data", "config", "cache" })
            QVERIFY(QDir(home.path()).mkpath(QString::fromLatin1(sub)));
        QFile::setPermissions(home.filePath(QStringLiteral("runtime")),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("runtime")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("POPLAR_KEYCHAIN_SERVICE"), m_service);
        env.insert(QStringLiteral("POPLAR_KEYCHAIN_TIMEOUT_MS"), QStringLiteral("20000"));
        auto session = [&](const QString &unlockWith) {
            QProcess p;
            p.setProcessEnvironment(env);
            const QString script = QStringLiteral(
                "printf %s \"$1\" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "
                "POPLAR_KEYCHAIN_CHILD=write \"$0\"; POPLAR_KEYCHAIN_CHILD=read \"$0\"");
            p.start(QStringLiteral("dbus-run-session"),
                { QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), script,
                    QCoreApplication::applicationFilePath(), unlockWith });
            if (!p.waitForFinished(120000)) {
                p.kill();
                p.waitForFinished();
                return QStringList { QStringLiteral("(no answer)") };
            }
            return QString::fromUtf8(p.readAllStandardOutput()).trimmed().split(QLatin1Char('\n'));
        };
        QCOMPARE(session(QStringLiteral("first")),
            QStringList({ QStringLiteral("None"), QStringLiteral("None child-secret") }));
        const QStringList lines = session(QStringLiteral("not the password"));
        // A write is refused as locked; a read cannot tell (the Secret
        // Service answers "not found"), which is documented.
        QCOMPARE(lines, QStringList({ QStringLiteral("KeychainLocked"), QStringLiteral("CredentialNotStored") }));
    }
};

int main(int argc, char **argv)
{
    const QByteArray operation = qgetenv(kChildVariable);
    QCoreApplication app(argc, argv);
    if (!operation.isEmpty())
        return runChild(operation);
    TestKeychain test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychain.moc"
