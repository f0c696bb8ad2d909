// poplar-cli account add|edit|list|remove|test end to end: settings in a real
// profile, the password in the real Secret Service (never in the profile),
// and `account test` logging in to a private Dovecot. A login without
// encryption needs explicit consent, and an empty --password-stdin is never
// sent (a scripted server records what reached it).

#include "../support/CliRunner.h"
#include "../support/FileChecks.h"
#include "../support/TlsTestServer.h"
#include "DovecotServer.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Run = PoplarTest::CliRun;
using PoplarTest::TlsTestServer;

namespace {

// True when anything that carries a credential reached the server.
bool credentialsSent(const TlsTestServer &server)
{
    for (const TlsTestServer::ClientRecord &client : server.clients()) {
        for (const QByteArray &line : client.commands) {
            const QByteArray verb = line.split(' ').first().toUpper();
            if (verb == "USER" || verb == "PASS" || verb == "APOP" || verb == "AUTH")
                return true;
        }
    }
    return false;
}

QByteArray commandsOf(const TlsTestServer &server)
{
    QByteArrayList all;
    for (const TlsTestServer::ClientRecord &client : server.clients())
        all += client.commands;
    return all.join('\n');
}

}  // namespace

class TestCliAccounts : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Poplar::DovecotServer> m_server;

    Run cli(QStringList args, const QByteArray &input = {})
    {
        args.insert(1, QStringLiteral("--profile"));
        args.insert(2, m_profile->path());
        args.prepend(QStringLiteral("account"));
        return PoplarTest::runCli(args, input);
    }

    QJsonArray listJson()
    {
        const Run r = cli({ QStringLiteral("list"), QStringLiteral("--json") });
        if (r.code != 0)
            return {};
        return QJsonDocument::fromJson(r.out).array();
    }

    // Every byte of the profile, to prove a secret never reached it.
    QByteArray profileBytes() { return PoplarTest::bytesUnder(m_profile->path()); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
            "no D-Bus session: run the tests through `bash packaging/dev test`");
        m_server = std::make_unique<Poplar::DovecotServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void init() { m_profile = std::make_unique<QTemporaryDir>(); }

    void addListEditTestRemove()
    {
        const QByteArray password = m_server->password().toUtf8();
        const QString port = QString::number(m_server->tlsPort());
        Run r = cli({ QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Work"),
                        QStringLiteral("--email"), QStringLiteral("alice@example.org"), QStringLiteral("--host"),
                        m_server->host(), QStringLiteral("--port"), port, QStringLiteral("--user"),
                        m_server->userName(), QStringLiteral("--ca-file"), m_server->certificatePath(),
                        QStringLiteral("--keep-days"), QStringLiteral("14"), QStringLiteral("--size-limit"),
                        QStringLiteral("512"), QStringLiteral("--password-stdin") },
            password + "\n");
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("Work/Inbox"));

        QJsonArray list = listJson();
        QCOMPARE(list.size(), 1);
        QJsonObject a = list.first().toObject();
        QCOMPARE(a.value(QStringLiteral("name")).toString(), QStringLiteral("Work"));
        QCOMPARE(a.value(QStringLiteral("port")).toInt(), int(m_server->tlsPort()));
        QCOMPARE(a.value(QStringLiteral("security")).toString(), QStringLiteral("tls"));
        QCOMPARE(a.value(QStringLiteral("user")).toString(), m_server->userName());
        QCOMPARE(a.value(QStringLiteral("keepDays")).toInt(), 14);
        QCOMPARE(a.value(QStringLiteral("sizeLimitKb")).toInt(), 512);
        QCOMPARE(a.value(QStringLiteral("leaveOnServer")).toBool(), true);
        QCOMPARE(a.value(QStringLiteral("intervalMinutes")).toInt(), 10);
        QCOMPARE(a.value(QStringLiteral("folder")).toString(), QStringLiteral("Work/Inbox"));
        QVERIFY(!a.contains(QStringLiteral("password")));
        // The password is in the keychain, not in the profile.
        QVERIFY(!profileBytes().contains(password));

        // `account test` logs in with the saved password.
        r = cli({ QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Work") });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("Logged in"), r.out.constData());

        // A wrong password, given for this run only, is refused (exit 5),
        // and the saved one is untouched.
        r = cli({ QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Work"),
                    QStringLiteral("--password-stdin") },
            "wrong\n");
        QCOMPARE(r.code, 5);
        QVERIFY(cli({ QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Work") }).code == 0);

        // Edit: rename, change the policy and the password.
        r = cli(
            { QStringLiteral("edit"), QStringLiteral("--name"), QStringLiteral("Work"), QStringLiteral("--new-name"),
                QStringLiteral("Office"), QStringLiteral("--leave-on-server"), QStringLiteral("no"),
                QStringLiteral("--keep-days"), QStringLiteral("0"), QStringLiteral("--password-stdin") },
            "not-the-password\n");
        QVERIFY2(r.code == 0, r.err.constData());
        a = listJson().first().toObject();
        QCOMPARE(a.value(QStringLiteral("name")).toString(), QStringLiteral("Office"));
        QCOMPARE(a.value(QStringLiteral("leaveOnServer")).toBool(), false);
        QCOMPARE(a.value(QStringLiteral("folder")).toString(), QStringLiteral("Office/Inbox"));
        QCOMPARE(cli({ QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Office") }).code, 5);
        QVERIFY(cli({ QStringLiteral("edit"), QStringLiteral("--name"), QStringLiteral("Office"),
                        QStringLiteral("--password-stdin") },
                    password + "\n")
                    .code
            == 0);
        QCOMPARE(cli({ QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Office") }).code, 0);

        // Remove: the account and its password go, its mail folder stays.
        r = cli({ QStringLiteral("remove"), QStringLiteral("--name"), QStringLiteral("Office") });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("Local/Office"));
        QCOMPARE(listJson().size(), 0);
        QCOMPARE(cli({ QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Office") }).code, 10);
    }

    void badInputIsAUsageError_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        const QStringList base { QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("A"),
            QStringLiteral("--email"), QStringLiteral("a@example.org"), QStringLiteral("--host"),
            QStringLiteral("127.0.0.1") };
        QTest::newRow("missing host") << QStringList { QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("A"), QStringLiteral("--email"), QStringLiteral("a@example.org") }
                                      << QByteArray("--host");
        QTest::newRow("bad security") << (base
            + QStringList { QStringLiteral("--security"), QStringLiteral("quantum") })
                                      << QByteArray("--security");
        QTest::newRow("bad port") << (base + QStringList { QStringLiteral("--port"), QStringLiteral("70000") })
                                  << QByteArray("--port");
        QTest::newRow("bad mechanism") << (base + QStringList { QStringLiteral("--auth"), QStringLiteral("MAGIC") })
                                       << QByteArray("MAGIC");
        QTest::newRow("bad fingerprint") << (base
            + QStringList { QStringLiteral("--fingerprint"), QStringLiteral("abcd") })
                                         << QByteArray("--fingerprint");
        QTest::newRow("keep days without leave-on-server") << (base
            + QStringList { QStringLiteral("--leave-on-server"), QStringLiteral("no"), QStringLiteral("--keep-days"),
                QStringLiteral("3") }) << QByteArray("leave-on-server");
        QTest::newRow("reserved name") << QStringList { QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("Trash"), QStringLiteral("--email"), QStringLiteral("a@example.org"),
            QStringLiteral("--host"), QStringLiteral("127.0.0.1") }
                                       << QByteArray("reserved");
        QTest::newRow("no password on stdin")
            << (base + QStringList { QStringLiteral("--password-stdin") }) << QByteArray("standard input");
    }

    void badInputIsAUsageError()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QCOMPARE(listJson().size(), 0);
    }

    void plaintextIsAnExplicitChoiceWithAWarning()
    {
        const Run r = cli({ QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Old"),
            QStringLiteral("--email"), QStringLiteral("a@example.org"), QStringLiteral("--host"),
            QStringLiteral("127.0.0.1"), QStringLiteral("--security"), QStringLiteral("none") });
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("does not encrypt"), r.err.constData());
        QCOMPARE(listJson().first().toObject().value(QStringLiteral("security")).toString(), QStringLiteral("none"));
    }

    void probeAsksConsentBeforeAnUnencryptedLogin()
    {
        TlsTestServer server({ .mode = TlsTestServer::Mode::StartTls });
        QVERIFY(server.start());
        const QStringList args { QStringLiteral("probe"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
            QStringLiteral("--port"), QString::number(server.serverPort()), QStringLiteral("--security"),
            QStringLiteral("none"), QStringLiteral("--user"), QStringLiteral("alice"),
            QStringLiteral("--password-stdin") };
        const QByteArray password = server.options().password + "\n";

        // Without the consent: a usage error that says how to give it, and
        // nothing reaches the server, not even a connection.
        Run r = PoplarTest::runCliWithEventLoop(args, password);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("not encrypted") && r.err.contains("--allow-unencrypted-login"), r.err.constData());
        QVERIFY2(!credentialsSent(server), commandsOf(server).constData());
        QCOMPARE(server.clientCount(), 0);

        // With it: the login happens (so the server does see credentials
        // when they are sent).
        r = PoplarTest::runCliWithEventLoop(
            args + QStringList { QStringLiteral("--allow-unencrypted-login") }, password);
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("Authenticated as alice"), r.out.constData());
        QVERIFY(credentialsSent(server));

        // Without --user nothing is sent, so nothing is asked.
        r = PoplarTest::runCliWithEventLoop(args.mid(0, 7));
        QVERIFY2(r.code == 0, r.err.constData());
        // The consent alone, without a login to consent to, is a usage error.
        r = PoplarTest::runCliWithEventLoop(
            args.mid(0, 5) + QStringList { QStringLiteral("--allow-unencrypted-login") });
        QCOMPARE(r.code, 2);
    }

    void anEmptyPasswordOnStdinIsNeverSent_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("nothing") << QByteArray();
        QTest::newRow("an empty line") << QByteArray("\n");
        QTest::newRow("an empty CRLF line") << QByteArray("\r\nsecond line\n");
    }

    void anEmptyPasswordOnStdinIsNeverSent()
    {
        QFETCH(QByteArray, input);
        TlsTestServer server({ .mode = TlsTestServer::Mode::StartTls });
        QVERIFY(server.start());
        const QString port = QString::number(server.serverPort());
        Run r = cli({ QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Plain"),
            QStringLiteral("--email"), QStringLiteral("alice@example.org"), QStringLiteral("--host"),
            QStringLiteral("127.0.0.1"), QStringLiteral("--port"), port, QStringLiteral("--security"),
            QStringLiteral("none"), QStringLiteral("--user"), QStringLiteral("alice") });
        QVERIFY2(r.code == 0, r.err.constData());

        const QString profile = m_profile->path();
        const QList<QStringList> commands {
            { QStringLiteral("account"), QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Plain"),
                QStringLiteral("--password-stdin"), QStringLiteral("--profile"), profile },
            { QStringLiteral("fetch"), QStringLiteral("--account"), QStringLiteral("Plain"),
                QStringLiteral("--password-stdin"), QStringLiteral("--profile"), profile },
            { QStringLiteral("watch"), QStringLiteral("--account"), QStringLiteral("Plain"),
                QStringLiteral("--password-stdin"), QStringLiteral("--ignore-network"), QStringLiteral("--profile"),
                profile },
            { QStringLiteral("download-rest"), QStringLiteral("1"), QStringLiteral("--password-stdin"),
                QStringLiteral("--profile"), profile },
            { QStringLiteral("delete-from-server"), QStringLiteral("1"), QStringLiteral("--password-stdin"),
                QStringLiteral("--profile"), profile },
            { QStringLiteral("account"), QStringLiteral("edit"), QStringLiteral("--name"), QStringLiteral("Plain"),
                QStringLiteral("--password-stdin"), QStringLiteral("--profile"), profile },
            { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Other"),
                QStringLiteral("--email"), QStringLiteral("o@example.org"), QStringLiteral("--host"),
                QStringLiteral("127.0.0.1"), QStringLiteral("--password-stdin"), QStringLiteral("--profile"), profile },
            { QStringLiteral("probe"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                port, QStringLiteral("--security"), QStringLiteral("none"), QStringLiteral("--user"),
                QStringLiteral("alice"), QStringLiteral("--allow-unencrypted-login"),
                QStringLiteral("--password-stdin") },
        };
        for (const QStringList &command : commands) {
            r = PoplarTest::runCliWithEventLoop(command, input);
            const QByteArray what = command.join(QLatin1Char(' ')).toUtf8() + ": " + r.err;
            QVERIFY2(r.code == 2, what.constData());
            QVERIFY2(r.err.contains("standard input was empty, so no password was sent"), what.constData());
            QVERIFY2(!credentialsSent(server), QByteArray(what + commandsOf(server)).constData());
        }
        QCOMPARE(server.clientCount(), 0);
        QCOMPARE(listJson().size(), 1);  // "Other" was not added

        // The same server sees a password that is given.
        r = PoplarTest::runCliWithEventLoop(commands.at(0), server.options().password + "\n");
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(credentialsSent(server));
    }

    void noKeychainKeepsTheSettingsAndSaysSo()
    {
        // A session bus that does not exist: the settings are saved, the
        // password is not (and is not written anywhere else), exit 11.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
            QStringLiteral("unix:path=") + m_profile->filePath(QStringLiteral("no-bus")));
        env.remove(QStringLiteral("DISPLAY"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(POPLAR_CLI_PATH),
            { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--profile"), m_profile->path(),
                QStringLiteral("--name"), QStringLiteral("Home"), QStringLiteral("--email"),
                QStringLiteral("h@example.org"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                QStringLiteral("--password-stdin") });
        p.write("secret-that-must-not-land\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 11);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("keychain"), err.constData());
        QCOMPARE(listJson().size(), 1);
        QVERIFY(!profileBytes().contains("secret-that-must-not-land"));
        // And `account test` without a saved password says which one is missing.
        const Run r = cli({ QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Home") });
        QCOMPARE(r.code, 11);
        QVERIFY2(r.err.contains("No password is saved"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliAccounts)
#include "tst_cli_accounts.moc"
