// poplar-cli fetch end to end: a real profile, a private Dovecot, the
// password from the real keychain or stdin, the dry run's report, JSON,
// and the exit codes scripts act on.

#include "../support/CliRunner.h"
#include "../support/ScriptedMailbox.h"
#include "DovecotServer.h"

#include "sync/AccountLock.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

using Run = PoplarTest::CliRun;

QByteArray message(int n)
{
    return "From: ann@example.org\nSubject: Fetched " + QByteArray::number(n) + "\nMessage-ID: <"
        + QByteArray::number(n) + ".cli@example.org>\n\nBody " + QByteArray::number(n) + ".\n";
}

}  // namespace

class TestCliFetch : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Poplar::DovecotServer> m_server;
    QString m_user;
    int m_users = 0;

    Run cli(QStringList args, const QByteArray &input = {}, const QProcessEnvironment &env = {})
    {
        args << QStringLiteral("--profile") << m_profile->path();
        return PoplarTest::runCli(args, input, env);
    }

    QByteArray password() const { return m_server->passwordFor(m_user).toUtf8(); }

    void addAccount(const QStringList &extra = {}, bool savePassword = false)
    {
        QStringList args { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("Work"), QStringLiteral("--email"), QStringLiteral("bob@example.org"),
            QStringLiteral("--host"), m_server->host(), QStringLiteral("--port"), QString::number(m_server->tlsPort()),
            QStringLiteral("--user"), m_user, QStringLiteral("--ca-file"), m_server->certificatePath() };
        args << extra;
        if (savePassword)
            args << QStringLiteral("--password-stdin");
        const Run r = cli(args, savePassword ? password() + "\n" : QByteArray());
        QVERIFY2(r.code == 0, r.err.constData());
    }

    // An account for a server the test plays (plaintext, on loopback).
    void addScriptedAccount(quint16 port)
    {
        const Run r = cli({ QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("Scripted"), QStringLiteral("--email"), QStringLiteral("bob@example.org"),
            QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(port),
            QStringLiteral("--security"), QStringLiteral("none"), QStringLiteral("--user"), QStringLiteral("bob") });
        QVERIFY2(r.code == 0, r.err.constData());
    }

    Run fetchScripted(QStringList extra = {})
    {
        QStringList args { QStringLiteral("fetch"), QStringLiteral("--account"), QStringLiteral("Scripted"),
            QStringLiteral("--password-stdin"), QStringLiteral("--profile"), m_profile->path() };
        args << extra;
        return PoplarTest::runCliWithEventLoop(args, "secret\n");
    }

    Run fetchWithPassword(QStringList extra = {}, const QByteArray &secret = {})
    {
        QStringList args { QStringLiteral("fetch"), QStringLiteral("--account"), QStringLiteral("Work"),
            QStringLiteral("--password-stdin") };
        args << extra;
        return cli(args, (secret.isNull() ? password() : secret) + "\n");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
            "no D-Bus session: run the tests through `bash packaging/dev test`");
        m_server = std::make_unique<Poplar::DovecotServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void init()
    {
        m_profile = std::make_unique<QTemporaryDir>();
        m_user = QStringLiteral("cli%1").arg(++m_users);
        QVERIFY(m_server->addUser(m_user, QStringLiteral("secret-%1!").arg(m_users)));
    }

    void fetchesWithTheSavedPassword()
    {
        addAccount({}, true);
        for (int i = 1; i <= 3; ++i)
            QVERIFY(m_server->addMessage(message(i), nullptr, m_user));
        Run r = cli({ QStringLiteral("fetch") });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("Work: 3 new messages"), r.out.constData());
        r = cli({ QStringLiteral("list"), QStringLiteral("--folder"), QStringLiteral("Work/Inbox") });
        QVERIFY(r.out.contains("Fetched 1") && r.out.contains("Fetched 3"));
        r = cli({ QStringLiteral("fetch") });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("Work: 0 new messages"), r.out.constData());
    }

    void dryRunSaysWhatAndWhy()
    {
        addAccount({ QStringLiteral("--leave-on-server"), QStringLiteral("no") });
        QVERIFY(m_server->addMessage(message(1), nullptr, m_user));
        QVERIFY(m_server->addMessage(message(2), nullptr, m_user));
        Run r = fetchWithPassword({ QStringLiteral("--dry-run") });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("would download 2 messages"), r.out.constData());
        QVERIFY2(r.out.contains("delete #1 on the server"), r.out.constData());
        QVERIFY2(r.out.contains("the account deletes mail once it is downloaded, once stored here"), r.out.constData());
        QCOMPARE(m_server->messageFiles(m_user).size(), 2);

        r = fetchWithPassword({ QStringLiteral("--dry-run"), QStringLiteral("--json") });
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonArray all = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(all.size(), 1);
        const QJsonObject plan = all.first().toObject().value(QStringLiteral("plan")).toObject();
        QCOMPARE(plan.value(QStringLiteral("downloads")).toArray().size(), 2);
        const QJsonArray deletions = plan.value(QStringLiteral("deletions")).toArray();
        QCOMPARE(deletions.size(), 2);
        QCOMPARE(
            deletions.first().toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("after-download"));

        r = fetchWithPassword({ QStringLiteral("--json") });
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject done = QJsonDocument::fromJson(r.out).array().first().toObject();
        QCOMPARE(done.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(done.value(QStringLiteral("stored")).toInt(), 2);
        QCOMPARE(done.value(QStringLiteral("deletedOnServer")).toInt(), 2);
        QCOMPARE(m_server->messageFiles(m_user).size(), 0);
    }

    void downloadTheRestThenDeleteFromServer()
    {
        addAccount({ QStringLiteral("--size-limit"), QStringLiteral("1") }, true);
        QByteArray big = message(1);
        for (int i = 0; i < 200; ++i)
            big += "More of the long message, line " + QByteArray::number(i) + ".\n";
        QVERIFY(m_server->addMessage(big, nullptr, m_user));
        Run r = cli({ QStringLiteral("fetch") });
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli({ QStringLiteral("list"), QStringLiteral("--folder"), QStringLiteral("Work/Inbox"),
            QStringLiteral("--json") });
        const QJsonArray list = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(list.size(), 1);
        QVERIFY(list.first().toObject().value(QStringLiteral("partial")).toBool());
        const QString id = QString::number(list.first().toObject().value(QStringLiteral("id")).toInteger());

        // With the saved password.
        r = cli({ QStringLiteral("download-rest"), id });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("the whole message"), r.out.constData());
        r = cli({ QStringLiteral("show"), id, QStringLiteral("--raw") });
        QCOMPARE(r.out, Poplar::DovecotServer::expectedPop3Bytes(big));
        r = cli({ QStringLiteral("download-rest"), id });
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("stored whole already"), r.out.constData());

        // With the password on stdin.
        r = cli({ QStringLiteral("delete-from-server"), id, QStringLiteral("--password-stdin") }, password() + "\n");
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("deleted on the server"), r.out.constData());
        QVERIFY(m_server->messageFiles(m_user).isEmpty());
        r = cli({ QStringLiteral("show"), id, QStringLiteral("--raw") });
        QCOMPARE(r.out, Poplar::DovecotServer::expectedPop3Bytes(big));  // the copy here stays

        // Exit codes: not on the server (10), no such message (10), bad id (2).
        r = cli({ QStringLiteral("delete-from-server"), id });
        QCOMPARE(r.code, 10);
        QVERIFY2(r.err.contains("not on the server"), r.err.constData());
        r = cli({ QStringLiteral("download-rest"), QStringLiteral("424242") });
        QCOMPARE(r.code, 10);
        r = cli({ QStringLiteral("download-rest"), QStringLiteral("x") });
        QCOMPARE(r.code, 2);
        r = cli({ QStringLiteral("delete-from-server") });
        QCOMPARE(r.code, 2);
    }

    void watchFetchesOnScheduleUntilStopped()
    {
        addAccount({}, true);
        // A second account with no password saved: it waits, Work goes on.
        Run r = cli({ QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("Home"), QStringLiteral("--email"), QStringLiteral("home@example.org"),
            QStringLiteral("--host"), m_server->host(), QStringLiteral("--port"), QString::number(m_server->tlsPort()),
            QStringLiteral("--user"), m_user, QStringLiteral("--ca-file"), m_server->certificatePath() });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(m_server->addMessage(message(1), nullptr, m_user));
        QVERIFY(m_server->addMessage(message(2), nullptr, m_user));

        QProcess watch;
        watch.start(QStringLiteral(POPLAR_CLI_PATH),
            { QStringLiteral("watch"), QStringLiteral("--ignore-network"), QStringLiteral("--profile"),
                m_profile->path() });
        QVERIFY(watch.waitForStarted());
        watch.closeWriteChannel();
        QByteArray out;
        QByteArray err;
        auto waitFor = [&](const QByteArray &text, bool onStderr = false) {
            QElapsedTimer timer;
            timer.start();
            while (!(onStderr ? err : out).contains(text) && timer.elapsed() < 60'000) {
                watch.waitForReadyRead(200);
                out += watch.readAllStandardOutput();
                err += watch.readAllStandardError();
            }
            return (onStderr ? err : out).contains(text);
        };
        // A check at once.
        QVERIFY2(waitFor("Work: 2 new messages"), out.constData());
        QVERIFY2(waitFor("Work: next check at"), out.constData());
        QVERIFY2(waitFor("Home: waiting for a password", true), err.constData());

        // SIGUSR1: get mail now.
        QVERIFY(m_server->addMessage(message(3), nullptr, m_user));
        ::kill(pid_t(watch.processId()), SIGUSR1);
        QVERIFY2(waitFor("Work: 1 new message"), out.constData());

        // SIGTERM: stops cleanly.
        ::kill(pid_t(watch.processId()), SIGTERM);
        QVERIFY(watch.waitForFinished(30'000));
        QCOMPARE(watch.exitStatus(), QProcess::NormalExit);
        QCOMPARE(watch.exitCode(), 0);
        r = cli({ QStringLiteral("list"), QStringLiteral("--folder"), QStringLiteral("Work/Inbox"),
            QStringLiteral("--json") });
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 3);
        r = cli({ QStringLiteral("list"), QStringLiteral("--folder"), QStringLiteral("Home/Inbox"),
            QStringLiteral("--json") });
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 0);
    }

    void watchWithAPasswordForThisRunOnly()
    {
        addAccount();  // no password saved
        QVERIFY(m_server->addMessage(message(1), nullptr, m_user));
        QProcess watch;
        watch.start(QStringLiteral(POPLAR_CLI_PATH),
            { QStringLiteral("watch"), QStringLiteral("--account"), QStringLiteral("Work"),
                QStringLiteral("--password-stdin"), QStringLiteral("--ignore-network"), QStringLiteral("--profile"),
                m_profile->path() });
        QVERIFY(watch.waitForStarted());
        watch.write(password() + "\n");
        watch.closeWriteChannel();
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (!out.contains("Work: 1 new message") && timer.elapsed() < 60'000) {
            watch.waitForReadyRead(200);
            out += watch.readAllStandardOutput();
        }
        QVERIFY2(out.contains("Work: 1 new message"), QByteArray(out + watch.readAllStandardError()).constData());
        ::kill(pid_t(watch.processId()), SIGINT);
        QVERIFY(watch.waitForFinished(30'000));
        QCOMPARE(watch.exitCode(), 0);
        // Usage: the two go together.
        const Run r = cli({ QStringLiteral("watch"), QStringLiteral("--password-stdin") });
        QCOMPARE(r.code, 2);
    }

    void exitCodesScriptsCanActOn()
    {
        addAccount();
        QVERIFY(m_server->addMessage(message(1), nullptr, m_user));
        // A wrong password: 5.
        Run r = fetchWithPassword({}, "wrong");
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains("Work: "), r.err.constData());
        // No password saved and no terminal: 11, and nothing fetched.
        r = cli({ QStringLiteral("fetch") });
        QCOMPARE(r.code, 11);
        // Another process fetching the account: 12.
        {
            auto held = Sync::AccountLock::tryAcquire(m_profile->path(), 1);
            QVERIFY(held);
            r = fetchWithPassword();
            QCOMPARE(r.code, 12);
        }
        r = fetchWithPassword();
        QCOMPARE(r.code, 0);
        // Usage errors: 2.
        QCOMPARE(cli({ QStringLiteral("fetch"), QStringLiteral("--password-stdin") }).code, 2);
        QCOMPARE(cli({ QStringLiteral("fetch"), QStringLiteral("--account"), QStringLiteral("Nope") }).code, 10);
        // A refused connection: 3.
        r = cli({ QStringLiteral("account"), QStringLiteral("edit"), QStringLiteral("--name"), QStringLiteral("Work"),
            QStringLiteral("--port"), QStringLiteral("1") });
        QCOMPARE(r.code, 0);
        r = fetchWithPassword();
        QCOMPARE(r.code, 3);
        // It never reached the server: no count of messages, no promise to
        // try again (a one-shot fetch does not).
        QVERIFY2(!r.out.contains("new message"), r.out.constData());
        QVERIFY2(!r.err.contains("try again"), r.err.constData());
    }

    void aMessageNotDownloadedMakesItPartlyDone()
    {
        PoplarTest::ScriptedServer script;
        for (int i = 1; i <= 3; ++i)
            script.add(message(i), "uid-" + QByteArray::number(i));
        script.refuseRetr << "uid-2";  // it vanished during the session
        PoplarTest::ScriptedTcpServer tcp(script);
        QVERIFY(tcp.start());
        addScriptedAccount(tcp.serverPort());
        Run r = fetchScripted();
        QCOMPARE(r.code, 13);
        QVERIFY2(r.err.contains("Scripted: message #2 could not be downloaded"), r.err.constData());
        QVERIFY2(r.out.contains("Scripted: 2 new messages"), r.out.constData());
        r = fetchScripted({ QStringLiteral("--json") });
        QCOMPARE(r.code, 13);
        const QJsonObject o = QJsonDocument::fromJson(r.out).array().at(0).toObject();
        QCOMPARE(o.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("partlyDone")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("messageErrors")).toArray().at(0).toObject().value(QStringLiteral("number")),
            QJsonValue(2));
        // Once the server gives it: done.
        script.refuseRetr.clear();
        r = fetchScripted();
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("Scripted: 1 new message"), r.out.constData());
    }

    void whatTheServersListHadWrongIsSaid()
    {
        PoplarTest::ScriptedServer script;
        for (int i = 1; i <= 3; ++i)
            script.add(message(i), "uid-" + QByteArray::number(i));
        script.listExtra = "2 99999\r\n";  // message 2 named twice
        PoplarTest::ScriptedTcpServer tcp(script);
        QVERIFY(tcp.start());
        addScriptedAccount(tcp.serverPort());
        const Run r = fetchScripted();
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("Scripted: the server's list names 1 message in a way Poplar cannot use (#2)"),
            r.err.constData());
        QVERIFY2(r.out.contains("Scripted: 2 new messages"), r.out.constData());
    }

    void loginDelayIsSaidAndMayBeOverridden()
    {
        PoplarTest::ScriptedServer script;
        script.capaExtra = "LOGIN-DELAY 900\r\n";
        script.add(message(1), "uid-1");
        PoplarTest::ScriptedTcpServer tcp(script);
        QVERIFY(tcp.start());
        addScriptedAccount(tcp.serverPort());
        QCOMPARE(fetchScripted().code, 0);
        const int sessions = script.sessions;
        Run r = fetchScripted();
        QCOMPARE(r.code, 7);
        QCOMPARE(script.sessions, sessions);  // refused here, without logging in
        QVERIFY2(r.err.contains("Scripted: the server allows the next login at "), r.err.constData());
        QVERIFY2(r.err.contains("--ignore-login-delay"), r.err.constData());
        QVERIFY2(!r.out.contains("new message"), r.out.constData());
        r = fetchScripted({ QStringLiteral("--ignore-login-delay") });
        QCOMPARE(r.code, 0);
        QCOMPARE(script.sessions, sessions + 1);
    }
};

QTEST_GUILESS_MAIN(TestCliFetch)
#include "tst_cli_fetch.moc"
