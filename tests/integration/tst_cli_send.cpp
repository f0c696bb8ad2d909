// poplar-cli send and outbox end to end: a real profile, the password in the
// real keychain (or stdin), Dovecot's submission service relaying into the
// recipients' Maildirs. What goes out arrives once, without its Bcc; what
// cannot go waits in the outbox with its reason and goes later; exit codes
// say which.

#include "../support/CliRunner.h"
#include "../support/ClosedPort.h"
#include "../support/FileChecks.h"
#include "DovecotServer.h"

#include "store/Outbox.h"
#include "store/Store.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

using Run = PoplarTest::CliRun;

}  // namespace

class TestCliSend : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Poplar::DovecotServer> m_server;
    QTemporaryDir m_files;
    int m_round = 0;
    QString m_tag;  // in each round's subjects: this round's mail only

    Run cli(QStringList args, const QByteArray &input = {})
    {
        args << QStringLiteral("--profile") << m_profile->path();
        return PoplarTest::runCli(args, input);
    }

    QByteArray password() const { return m_server->passwordFor(QStringLiteral("alice")).toUtf8(); }

    // Alice's account, with the submission service (implicit TLS) as its
    // outgoing server and her password saved in the keychain.
    void addAccount(const QStringList &extra = {}, quint16 smtpPort = 0)
    {
        QStringList args { QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("Work"), QStringLiteral("--email"), QStringLiteral("alice@example.org"),
            QStringLiteral("--display-name"), QStringLiteral("Alice Example"), QStringLiteral("--host"),
            m_server->host(), QStringLiteral("--port"), QString::number(m_server->tlsPort()), QStringLiteral("--user"),
            QStringLiteral("alice"), QStringLiteral("--ca-file"), m_server->certificatePath(),
            QStringLiteral("--smtp-host"), m_server->host(), QStringLiteral("--smtp-port"),
            QString::number(smtpPort ? smtpPort : m_server->submissionsPort()), QStringLiteral("--smtp-ca-file"),
            m_server->certificatePath(), QStringLiteral("--password-stdin") };
        args << extra;
        const Run r = cli(args, password() + "\n");
        QVERIFY2(r.code == 0, r.err.constData());
    }

    QString file(const QString &name, const QByteArray &content)
    {
        const QString path = m_files.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    // This round's messages in a user's Maildir.
    QByteArrayList delivered(const QString &user)
    {
        QByteArrayList out;
        for (const QString &f : m_server->messageFiles(user)) {
            const QByteArray bytes = m_server->readMessageFile(f);
            if (bytes.contains(m_tag.toUtf8()))
                out.append(bytes);
        }
        return out;
    }

    QJsonArray outbox(bool all = false)
    {
        QStringList args { QStringLiteral("outbox"), QStringLiteral("--json") };
        if (all)
            args << QStringLiteral("--all");
        const Run r = cli(args);
        if (r.code != 0)
            return {};
        return QJsonDocument::fromJson(r.out).array();
    }

    QByteArray sentCopy()
    {
        const Run list = cli({ QStringLiteral("list"), QStringLiteral("--folder"), QStringLiteral("Local/Sent"),
            QStringLiteral("--json") });
        const QJsonArray messages = QJsonDocument::fromJson(list.out).array();
        if (messages.size() != 1)
            return {};
        const Run shown = cli({ QStringLiteral("show"),
            QString::number(messages.first().toObject().value(QStringLiteral("id")).toInteger()),
            QStringLiteral("--raw") });
        return shown.out;
    }

    QByteArray profileBytes() { return PoplarTest::bytesUnder(m_profile->path()); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
            "no D-Bus session: run the tests through `bash packaging/dev test`");
        QVERIFY(m_files.isValid());
        m_server = std::make_unique<Poplar::DovecotServer>();
        QVERIFY(m_server->addUser(QStringLiteral("bob"), QStringLiteral("b0b-pw")));
        QVERIFY(m_server->addUser(QStringLiteral("carol"), QStringLiteral("car0l-pw")));
        QVERIFY(m_server->enableSubmission());
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.reset(); }

    void init()
    {
        m_profile = std::make_unique<QTemporaryDir>();
        m_tag = QStringLiteral("round-%1-%2").arg(++m_round).arg(QDateTime::currentMSecsSinceEpoch());
    }

    // Written, sent, delivered once to To and Bcc, the Bcc in no delivered
    // byte but in the Sent copy; the attachment arrives whole.
    void sendsAndEachRecipientGetsItOnce()
    {
        addAccount();
        const QString body = file(QStringLiteral("body.txt"), "Grüße aus dem Büro.\nAlice\n");
        const QByteArray pdf = QByteArray("%PDF-1.4\n") + QByteArray(3000, 'p');
        const QString attachment = file(QStringLiteral("Plan für Q1.pdf"), pdf);
        const Run r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work"),
            QStringLiteral("--to"), QStringLiteral("Bob <bob@example.org>"), QStringLiteral("--bcc"),
            QStringLiteral("carol@example.org"), QStringLiteral("--subject"), QStringLiteral("Plan ") + m_tag,
            QStringLiteral("--body-file"), body, QStringLiteral("--attach"), attachment });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("Sent"), r.out.constData());

        const QByteArrayList bob = delivered(QStringLiteral("bob"));
        const QByteArrayList carol = delivered(QStringLiteral("carol"));
        QCOMPARE(bob.size(), 1);
        QCOMPARE(carol.size(), 1);
        for (const QByteArray &m : { bob.first(), carol.first() }) {
            QVERIFY(!m.contains("carol@example.org"));
            QVERIFY(m.contains("From: Alice Example <alice@example.org>"));
            QVERIFY(m.contains(pdf.left(9).toBase64().left(8)));
        }
        const QJsonArray all = outbox(true);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("sent"));
        QVERIFY(outbox().isEmpty());
        const QByteArray copy = sentCopy();
        QVERIFY2(copy.startsWith("Bcc: carol@example.org\r\n"), copy.left(200).constData());
        QVERIFY(!profileBytes().contains(password()));

        // Both servers answer to the saved password; nothing is sent.
        const Run test = cli({ QStringLiteral("account"), QStringLiteral("test"), QStringLiteral("--name"),
            QStringLiteral("Work") });
        QVERIFY2(test.code == 0, test.err.constData());
        QVERIFY2(test.out.contains("Logged in to 127.0.0.1 as alice"), test.out.constData());
        QVERIFY2(test.out.contains("Logged in to the outgoing server 127.0.0.1 as alice"), test.out.constData());
        QVERIFY2(test.out.contains("It takes messages of up to 10"), test.out.constData());
        QCOMPARE(delivered(QStringLiteral("bob")).size(), 1);
    }

    // Offline (nothing listens): queued with the reason and exit 16; sent by
    // `outbox send` once the server is there, exactly once.
    void offlineWaitsAndGoesLater()
    {
        addAccount({}, PoplarTest::closedPort());
        const QString body = file(QStringLiteral("later.txt"), "later\n");
        Run r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work"), QStringLiteral("--to"),
            QStringLiteral("bob@example.org"), QStringLiteral("--subject"), QStringLiteral("Offline ") + m_tag,
            QStringLiteral("--body-file"), body });
        QCOMPARE(r.code, 16);
        QVERIFY2(r.err.contains("waits in the outbox"), r.err.constData());
        QJsonArray waiting = outbox();
        QCOMPARE(waiting.size(), 1);
        QJsonObject row = waiting.first().toObject();
        QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
        QCOMPARE(row.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("ConnectionRefused"));
        QVERIFY(delivered(QStringLiteral("bob")).isEmpty());

        // Back online; the backoff after a refused connection is the
        // scheduler's business, a person asking now is sent now.
        r = cli({ QStringLiteral("account"), QStringLiteral("edit"), QStringLiteral("--name"), QStringLiteral("Work"),
            QStringLiteral("--smtp-port"), QString::number(m_server->submissionsPort()) });
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli({ QStringLiteral("outbox"), QStringLiteral("send") });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("Work: sent 1 message"), r.out.constData());
        QCOMPARE(delivered(QStringLiteral("bob")).size(), 1);
        r = cli({ QStringLiteral("outbox"), QStringLiteral("send") });
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(delivered(QStringLiteral("bob")).size(), 1);
    }

    // A refused recipient: exit 14, the address named, nothing delivered to
    // anyone; retry and remove.
    void refusedRecipientWaitsForTheUser()
    {
        addAccount();
        const Run r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work"),
                              QStringLiteral("--to"), QStringLiteral("bob@example.org, nobody@example.org"),
                              QStringLiteral("--subject"), QStringLiteral("Refused ") + m_tag },
            "text\n");
        QCOMPARE(r.code, 14);
        QVERIFY2(r.err.contains("nobody@example.org"), r.err.constData());
        QVERIFY(delivered(QStringLiteral("bob")).isEmpty());
        const QJsonObject row = outbox().first().toObject();
        QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(row.value(QStringLiteral("refused")).toArray().first().toString(), QStringLiteral("nobody@example.org"));
        const QString id = QString::number(row.value(QStringLiteral("id")).toInteger());

        Run again = cli({ QStringLiteral("outbox"), QStringLiteral("resolve"), id, QStringLiteral("--sent") });
        QCOMPARE(again.code, 2);  // only a message in doubt is resolved
        again = cli({ QStringLiteral("outbox"), QStringLiteral("retry"), id });
        QVERIFY2(again.code == 0, again.err.constData());
        QCOMPARE(outbox().first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
        again = cli({ QStringLiteral("outbox"), QStringLiteral("remove"), id });
        QVERIFY2(again.code == 0, again.err.constData());
        QVERIFY(outbox(true).isEmpty());
    }

    // --later connects to nothing; a prepared .eml keeps its bytes but for
    // its Bcc, and both recipients get it.
    void laterAndPreparedMessages()
    {
        addAccount();
        const QByteArray eml = "From: Alice <alice@example.org>\n"
                               "To: bob@example.org\n"
                               "Bcc: carol@example.org\n"
                               "Subject: Prepared "
            + m_tag.toUtf8()
            + "\n"
              "Message-ID: <"
            + m_tag.toUtf8()
            + "@example.org>\n"
              "Date: Mon, 07 Dec 2026 10:00:00 +0000\n"
              "\n"
              "Prepared elsewhere.\n";
        Run r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work"), QStringLiteral("--eml"),
            file(QStringLiteral("m.eml"), eml), QStringLiteral("--later") });
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(outbox().first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
        QVERIFY(delivered(QStringLiteral("bob")).isEmpty());

        r = cli({ QStringLiteral("outbox"), QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work") });
        QVERIFY2(r.code == 0, r.err.constData());
        const QByteArrayList bob = delivered(QStringLiteral("bob"));
        QCOMPARE(bob.size(), 1);
        QCOMPARE(delivered(QStringLiteral("carol")).size(), 1);
        QByteArray expected = eml;
        expected.replace("Bcc: carol@example.org\n", "");
        expected.replace("\n", "\r\n");  // as it went out
        QVERIFY2(bob.first().endsWith(expected), bob.first().constData());
    }

    // A message in doubt is sent again only on the user's word, and then
    // once; marked as sent it is filed in Sent without going out.
    void inDoubtOnlyOnTheUsersWord()
    {
        addAccount();
        for (const QString &what : { QStringLiteral("resend"), QStringLiteral("sent") }) {
            Run r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work"),
                            QStringLiteral("--to"), QStringLiteral("bob@example.org"), QStringLiteral("--subject"),
                            what + QLatin1Char(' ') + m_tag, QStringLiteral("--later") },
                "text\n");
            QVERIFY2(r.code == 0, r.err.constData());
        }
        const QJsonArray rows = outbox();
        QCOMPARE(rows.size(), 2);
        // A sender that died between its dot and the reply left both so.
        {
            auto store = Store::MailStore::open(m_profile->path());
            QVERIFY(store.ok());
            for (const QJsonValue &row : rows) {
                const qint64 id = row.toObject().value(QStringLiteral("id")).toInteger();
                QVERIFY((*store)->write([&](Store::Database &db) -> Poplar::Status {
                    auto attempt = Store::Outbox::claim(db, id, QDateTime::currentDateTimeUtc());
                    if (!attempt || !*attempt)
                        return Poplar::Error(Poplar::ErrorCode::InvalidState);
                    return Store::Outbox::markInDoubt(db, id, **attempt);
                }).ok());
            }
        }
        Run r = cli({ QStringLiteral("outbox"), QStringLiteral("send") });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(delivered(QStringLiteral("bob")).isEmpty());
        r = cli({ QStringLiteral("outbox") });
        QVERIFY2(r.out.contains("may have been sent"), r.out.constData());

        const QString resend = QString::number(rows.at(0).toObject().value(QStringLiteral("id")).toInteger());
        const QString sent = QString::number(rows.at(1).toObject().value(QStringLiteral("id")).toInteger());
        r = cli({ QStringLiteral("outbox"), QStringLiteral("resolve"), resend, QStringLiteral("--resend") });
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli({ QStringLiteral("outbox"), QStringLiteral("resolve"), sent, QStringLiteral("--sent") });
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli({ QStringLiteral("outbox"), QStringLiteral("send") });
        QVERIFY2(r.code == 0, r.err.constData());
        const QByteArrayList bob = delivered(QStringLiteral("bob"));
        QCOMPARE(bob.size(), 1);
        QVERIFY(bob.first().contains("Subject: resend"));
        QVERIFY(outbox().isEmpty());
        const Run list = cli({ QStringLiteral("list"), QStringLiteral("--folder"), QStringLiteral("Local/Sent"),
            QStringLiteral("--json") });
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 2);
    }

    // The outgoing server's own password (the line after the account's):
    // with a wrong POP3 password saved, sending still logs in; a wrong one
    // of its own fails the test (exit 5) and leaves the message waiting
    // (exit 16).
    void ownPasswordAndWrongPassword()
    {
        Run r = cli({ QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Own"),
                        QStringLiteral("--email"), QStringLiteral("alice@example.org"), QStringLiteral("--host"),
                        m_server->host(), QStringLiteral("--user"), QStringLiteral("alice"),
                        QStringLiteral("--smtp-host"), m_server->host(), QStringLiteral("--smtp-port"),
                        QString::number(m_server->submissionPort()), QStringLiteral("--smtp-security"),
                        QStringLiteral("starttls"), QStringLiteral("--smtp-ca-file"), m_server->certificatePath(),
                        QStringLiteral("--password-stdin"), QStringLiteral("--smtp-password-stdin") },
            "not-the-pop3-password\n" + password() + "\n");
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli({ QStringLiteral("account"), QStringLiteral("list"), QStringLiteral("--json") });
        const QJsonObject smtp
            = QJsonDocument::fromJson(r.out).array().first().toObject().value(QStringLiteral("smtp")).toObject();
        QCOMPARE(smtp.value(QStringLiteral("security")).toString(), QStringLiteral("starttls"));
        QCOMPARE(smtp.value(QStringLiteral("ownPassword")).toBool(), true);

        r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Own"), QStringLiteral("--to"),
                    QStringLiteral("carol@example.org"), QStringLiteral("--subject"), QStringLiteral("Own ") + m_tag },
            "text\n");
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(delivered(QStringLiteral("carol")).size(), 1);

        r = cli({ QStringLiteral("account"), QStringLiteral("edit"), QStringLiteral("--name"), QStringLiteral("Own"),
                    QStringLiteral("--smtp-password-stdin") },
            "wrong\n");
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli({ QStringLiteral("account"), QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Own"),
            QStringLiteral("--outgoing") });
        QCOMPARE(r.code, 5);
        QVERIFY2(!r.out.contains("Logged in"), r.out.constData());
        r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Own"), QStringLiteral("--to"),
                    QStringLiteral("carol@example.org"), QStringLiteral("--subject"), QStringLiteral("Wrong ") + m_tag },
            "text\n");
        QCOMPARE(r.code, 16);
        QVERIFY2(r.err.contains("did not accept the user name or password"), r.err.constData());
        QCOMPARE(outbox().first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
        QCOMPARE(delivered(QStringLiteral("carol")).size(), 1);
        QVERIFY(!profileBytes().contains(password()));
        QVERIFY(!profileBytes().contains("not-the-pop3-password"));
    }

    // Refused before anything is queued: no outgoing server, an address
    // that is none, no recipient.
    void refusedBeforeQueueing()
    {
        Run r = cli({ QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Bare"),
            QStringLiteral("--email"), QStringLiteral("alice@example.org"), QStringLiteral("--host"),
            m_server->host() });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("No outgoing server"), r.out.constData());
        r = cli({ QStringLiteral("account"), QStringLiteral("edit"), QStringLiteral("--name"), QStringLiteral("Bare"),
                    QStringLiteral("--smtp-password-stdin") },
            "secret\n");
        QCOMPARE(r.code, 2);  // no outgoing server to give it to
        r = cli({ QStringLiteral("account"), QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Bare"),
            QStringLiteral("--outgoing") });
        QCOMPARE(r.code, 2);
        r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Bare"), QStringLiteral("--to"),
                    QStringLiteral("bob@example.org"), QStringLiteral("--subject"), QStringLiteral("x") },
            "text\n");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--smtp-host"), r.err.constData());
        addAccount();
        r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work"), QStringLiteral("--to"),
                    QStringLiteral("bob at example.org"), QStringLiteral("--subject"), QStringLiteral("x") },
            "text\n");
        QCOMPARE(r.code, 2);
        r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work"), QStringLiteral("--subject"),
                    QStringLiteral("x") },
            "text\n");
        QCOMPARE(r.code, 2);
        r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work"), QStringLiteral("--eml"),
            file(QStringLiteral("none.eml"), "Subject: nobody\n\ntext\n") });
        QCOMPARE(r.code, 2);
        QVERIFY(outbox(true).isEmpty());
    }

    // `watch` sends what waits with each check, once; SIGUSR1 sends what
    // was queued since.
    void watchSendsWithEachCheck()
    {
        addAccount();
        auto queue = [&](const QString &subject) {
            const Run r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work"),
                                  QStringLiteral("--to"), QStringLiteral("bob@example.org"), QStringLiteral("--subject"),
                                  subject + QLatin1Char(' ') + m_tag, QStringLiteral("--later") },
                "text\n");
            QVERIFY2(r.code == 0, r.err.constData());
        };
        queue(QStringLiteral("Watched"));
        QProcess watch;
        watch.start(QStringLiteral(POPLAR_CLI_PATH),
            { QStringLiteral("watch"), QStringLiteral("--ignore-network"), QStringLiteral("--profile"),
                m_profile->path() });
        QVERIFY(watch.waitForStarted());
        watch.closeWriteChannel();
        QByteArray out;
        auto waitFor = [&](const QByteArray &text, int count) {
            QElapsedTimer timer;
            timer.start();
            while (out.count(text) < count && timer.elapsed() < 60'000) {
                watch.waitForReadyRead(200);
                out += watch.readAllStandardOutput();
                (void)watch.readAllStandardError();
            }
            return out.count(text) >= count;
        };
        QVERIFY2(waitFor("Work: sent 1 message", 1), out.constData());
        QCOMPARE(delivered(QStringLiteral("bob")).size(), 1);
        queue(QStringLiteral("Second"));
        ::kill(pid_t(watch.processId()), SIGUSR1);
        QVERIFY2(waitFor("Work: sent 1 message", 2), out.constData());
        ::kill(pid_t(watch.processId()), SIGTERM);
        QVERIFY(watch.waitForFinished(30'000));
        QCOMPARE(watch.exitCode(), 0);
        const QByteArrayList bob = delivered(QStringLiteral("bob"));
        QCOMPARE(bob.size(), 2);
        QVERIFY(outbox().isEmpty());
    }

    // An outgoing server whose certificate nobody trusts: nothing is sent,
    // the fingerprint is shown with the option that trusts it, and with it
    // saved the message goes.
    void untrustedCertificateThenPinned()
    {
        Run r = cli({ QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Work"),
                        QStringLiteral("--email"), QStringLiteral("alice@example.org"), QStringLiteral("--host"),
                        m_server->host(), QStringLiteral("--user"), QStringLiteral("alice"),
                        QStringLiteral("--smtp-host"), m_server->host(), QStringLiteral("--smtp-port"),
                        QString::number(m_server->submissionsPort()), QStringLiteral("--password-stdin") },
            password() + "\n");
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli({ QStringLiteral("account"), QStringLiteral("test"), QStringLiteral("--name"), QStringLiteral("Work"),
            QStringLiteral("--outgoing") });
        QCOMPARE(r.code, 4);
        const qsizetype at = r.err.indexOf("--smtp-fingerprint ");
        QVERIFY2(at > 0, r.err.constData());
        const QByteArray fingerprint = r.err.mid(at + 19, 95);  // 32 octets as hex pairs with colons
        r = cli({ QStringLiteral("send"), QStringLiteral("--account"), QStringLiteral("Work"), QStringLiteral("--to"),
                    QStringLiteral("bob@example.org"), QStringLiteral("--subject"), QStringLiteral("Pinned ") + m_tag },
            "text\n");
        QCOMPARE(r.code, 16);
        QVERIFY2(r.err.contains("--smtp-fingerprint"), r.err.constData());
        QVERIFY(delivered(QStringLiteral("bob")).isEmpty());

        r = cli({ QStringLiteral("account"), QStringLiteral("edit"), QStringLiteral("--name"), QStringLiteral("Work"),
            QStringLiteral("--smtp-fingerprint"), QString::fromLatin1(fingerprint) });
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli({ QStringLiteral("outbox"), QStringLiteral("send") });
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(delivered(QStringLiteral("bob")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliSend)
#include "tst_cli_send.moc"
