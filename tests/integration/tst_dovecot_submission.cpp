// Smtp::Connection against Dovecot's submission service, started by the test
// on free loopback ports with its own users; Dovecot relays to a collector
// that delivers into the users' Maildirs, and the message is fetched back
// over POP3 and compared with what was sent.

#include "DovecotServer.h"
#include "mime/MessageBuilder.h"
#include "pop3/Pop3Connection.h"
#include "smtp/SmtpConnection.h"
#include "store/Outbox.h"
#include "store/Store.h"
#include "sync/OutboxRunner.h"
#include "sync/OutboxSender.h"
#include "sync/PasswordSource.h"

#include "../support/MemoryKeychain.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using Poplar::DovecotServer;
using Poplar::Error;
using Poplar::ErrorCode;
using Sasl::Mechanism;

Q_DECLARE_METATYPE(Net::Security)

namespace {

constexpr int kWaitMs = 20000;

class CollectingSink : public Pop3::MessageSink
{
public:
    QMap<quint32, QByteArray> messages;
    QMap<quint32, QByteArray> open;
    Poplar::Status begin(quint32 m) override
    {
        open[m].clear();
        return {};
    }
    Poplar::Status write(quint32 m, QByteArrayView d) override
    {
        open[m] += d.toByteArray();
        return {};
    }
    Poplar::Status finish(quint32 m, quint64) override
    {
        messages[m] = open.take(m);
        return {};
    }
    void discard(quint32 m) override { open.remove(m); }
};

// What a message looks like after the trip: the header lines the servers
// added on top (Received:, Return-Path:) taken off.
QByteArray withoutTraceHeaders(QByteArray m)
{
    while (m.startsWith("Received:") || m.startsWith("Return-Path:") || m.startsWith("X-Peer:")
        || m.startsWith("X-MailFrom:") || m.startsWith("X-RcptTo:")) {
        qsizetype end = m.indexOf("\r\n");
        // Folded continuation lines belong to the same field.
        while (end >= 0 && end + 2 < m.size() && (m.at(end + 2) == ' ' || m.at(end + 2) == '\t'))
            end = m.indexOf("\r\n", end + 2);
        if (end < 0)
            break;
        m.remove(0, end + 2);
    }
    return m;
}

}  // namespace

class TestDovecotSubmission : public QObject
{
    Q_OBJECT

    std::unique_ptr<DovecotServer> m_server;

    Smtp::ConnectionSettings smtpSettings(Net::Security security) const
    {
        Smtp::ConnectionSettings s;
        s.host = m_server->host();
        s.security = security;
        s.port = security == Net::Security::ImplicitTls ? m_server->submissionsPort() : m_server->submissionPort();
        s.caCertificates = QSslCertificate::fromData(m_server->certificatePem());
        s.connectTimeoutMs = kWaitMs;
        s.idleTimeoutMs = kWaitMs;
        return s;
    }

    Sasl::Credentials credentials(const QString &user, Mechanism m = Mechanism::Auto, const QString &password = {}) const
    {
        Sasl::Credentials c;
        c.user = user;
        c.secret = Poplar::Secret((password.isEmpty() ? m_server->passwordFor(user) : password).toUtf8());
        c.mechanism = m;
        return c;
    }

    static bool openAndLogin(Smtp::Connection &c, const Sasl::Credentials &creds, QString *why)
    {
        QSignalSpy opened(&c, &Smtp::Connection::opened);
        QSignalSpy loggedIn(&c, &Smtp::Connection::loggedIn);
        QSignalSpy failed(&c, &Smtp::Connection::failed);
        c.open();
        if (!opened.count() && !opened.wait(kWaitMs)) {
            *why = failed.isEmpty() ? QStringLiteral("open timed out")
                                    : failed.at(0).at(0).value<Error>().technicalDescription();
            return false;
        }
        c.login(creds);
        if (!loggedIn.count() && !loggedIn.wait(kWaitMs)) {
            *why = failed.isEmpty() ? QStringLiteral("login timed out")
                                    : failed.at(0).at(0).value<Error>().technicalDescription();
            return false;
        }
        return true;
    }

    // Every message in `user`'s mailbox, over POP3 with implicit TLS.
    QList<QByteArray> fetchAll(const QString &user) const
    {
        Pop3::ConnectionSettings s;
        s.host = m_server->host();
        s.port = m_server->tlsPort();
        s.security = Net::Security::ImplicitTls;
        s.caCertificates = QSslCertificate::fromData(m_server->certificatePem());
        s.connectTimeoutMs = kWaitMs;
        s.idleTimeoutMs = kWaitMs;
        Pop3::Connection c(s);
        QSignalSpy opened(&c, &Pop3::Connection::opened);
        QSignalSpy loggedIn(&c, &Pop3::Connection::loggedIn);
        QSignalSpy listed(&c, &Pop3::Connection::listed);
        QSignalSpy retrieved(&c, &Pop3::Connection::retrieveFinished);
        c.open();
        if (!opened.wait(kWaitMs))
            return {};
        Pop3::Credentials creds;
        creds.user = user;
        creds.secret = Poplar::Secret(m_server->passwordFor(user).toUtf8());
        c.login(creds);
        if (!loggedIn.wait(kWaitMs))
            return {};
        c.listMessages();
        if (!listed.wait(kWaitMs))
            return {};
        const auto infos = listed.at(0).at(0).value<std::vector<Pop3::MessageInfo>>();
        QList<quint32> numbers;
        for (const auto &i : infos)
            numbers.append(i.number);
        CollectingSink sink;
        c.retrieve(numbers, &sink);
        if (!retrieved.count() && !retrieved.wait(kWaitMs))
            return {};
        return sink.messages.values();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<DovecotServer>();
        QVERIFY(m_server->addUser(QStringLiteral("bob"), QStringLiteral("b0b's pass word")));
        QVERIFY(m_server->addUser(QStringLiteral("carol"), QStringLiteral("car0l-pw")));
        QVERIFY(m_server->enableSubmission());
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QVERIFY(m_server->submissionPort() != 0 && m_server->submissionsPort() != 0);
    }

    void cleanupTestCase() { m_server.reset(); }

    // Sent with each mechanism over both kinds of TLS, fetched back over
    // POP3: the same bytes, but for the servers' trace headers, and no Bcc.
    void sendAndFetchBack_data()
    {
        QTest::addColumn<Net::Security>("security");
        QTest::addColumn<Mechanism>("mechanism");
        for (Net::Security s : { Net::Security::ImplicitTls, Net::Security::StartTls }) {
            for (Mechanism m : { Mechanism::Plain, Mechanism::Login, Mechanism::CramMd5, Mechanism::ScramSha1,
                     Mechanism::ScramSha256, Mechanism::Auto }) {
                QTest::addRow("%s %s", s == Net::Security::ImplicitTls ? "implicit-tls" : "starttls",
                    Sasl::mechanismName(m).constData())
                    << s << m;
            }
        }
    }

    void sendAndFetchBack()
    {
        QFETCH(Net::Security, security);
        QFETCH(Mechanism, mechanism);
        const QString subject
            = QStringLiteral("Grüße %1 %2").arg(int(security)).arg(QString::fromLatin1(Sasl::mechanismName(mechanism)));

        Mime::OutgoingMessage m;
        m.from = { QStringLiteral("Alice Ä."), QStringLiteral("alice@example.org") };
        m.to = { { QStringLiteral("Bob"), QStringLiteral("bob@example.org") } };
        m.bcc = { { QString(), QStringLiteral("carol@example.org") } };
        m.subject = subject;
        m.text = QStringLiteral("Hello Bob,\n.a line with a dot\n.\nand one that is only a dot. Ünïcödé.\n\n-- \nAlice\n");

        Smtp::Connection c(smtpSettings(security));
        QString why;
        QVERIFY2(openAndLogin(c, credentials(m_server->userName(), mechanism), &why), qPrintable(why));
        if (mechanism != Mechanism::Auto)
            QCOMPARE(c.mechanism(), std::optional(mechanism));
        else
            QCOMPARE(c.mechanism(), std::optional(Mechanism::ScramSha256));

        Mime::BuildOptions options;
        options.eightBitMime = c.serverInfo().capabilities.eightBitMime;
        Poplar::Result<Mime::BuiltMessage> built = Mime::buildMessage(m, options);
        QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().technicalDescription()));
        QVERIFY(!built.value().bytes.contains("carol@"));

        QBuffer source;
        source.setData(built.value().bytes);
        QVERIFY(source.open(QIODevice::ReadOnly));
        Smtp::Envelope e;
        e.from = built.value().envelopeFrom;
        e.recipients = built.value().recipients;
        e.size = quint64(built.value().bytes.size());
        e.eightBit = built.value().eightBit;
        QCOMPARE(e.recipients, (QByteArrayList { "bob@example.org", "carol@example.org" }));

        QSignalSpy accepted(&c, &Smtp::Connection::messageAccepted);
        QSignalSpy failed(&c, &Smtp::Connection::messageFailed);
        int hookCalls = 0;
        c.setBeforeFinalDot([&](Smtp::SendId) {
            ++hookCalls;
            return Poplar::Status();
        });
        c.send(e, &source);
        QVERIFY2(accepted.wait(kWaitMs),
            qPrintable(failed.isEmpty() ? c.protocolLog().toDisplayText()
                                        : failed.at(0).at(1).value<Error>().technicalDescription()));
        QCOMPARE(hookCalls, 1);
        QSignalSpy closed(&c, &Smtp::Connection::closed);
        c.quit();
        QVERIFY(closed.count() || closed.wait(kWaitMs));

        // Both recipients got it; what they got is what was built.
        for (const QString &user : { QStringLiteral("bob"), QStringLiteral("carol") }) {
            const QList<QByteArray> fetched = fetchAll(user);
            const QByteArray *mine = nullptr;
            for (const QByteArray &f : fetched) {
                if (f.contains(built.value().messageId))
                    mine = &f;
            }
            QVERIFY2(mine, qPrintable(user + QStringLiteral(": not delivered")));
            QCOMPARE(withoutTraceHeaders(*mine), built.value().bytes);
            QVERIFY(!mine->contains("carol@"));
        }
        QVERIFY(!c.protocolLog().toDisplayText().contains(m_server->password()));
    }

    void refusedRecipientIsNamedAndNothingIsDelivered()
    {
        Smtp::Connection c(smtpSettings(Net::Security::ImplicitTls));
        QString why;
        QVERIFY2(openAndLogin(c, credentials(m_server->userName()), &why), qPrintable(why));
        const QByteArray body = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: refused\r\n"
                                "Message-ID: <refused.1@example.org>\r\n\r\nhi\r\n";
        QBuffer source;
        source.setData(body);
        QVERIFY(source.open(QIODevice::ReadOnly));
        Smtp::Envelope e;
        e.from = "alice@example.org";
        e.recipients = { "bob@example.org", "nobody@example.org" };
        e.size = quint64(body.size());
        QSignalSpy failed(&c, &Smtp::Connection::messageFailed);
        QSignalSpy accepted(&c, &Smtp::Connection::messageAccepted);
        c.send(e, &source);
        QVERIFY(failed.wait(kWaitMs));
        QCOMPARE(failed.at(0).at(1).value<Error>().code, ErrorCode::RecipientRejected);
        QCOMPARE(failed.at(0).at(2).value<QByteArrayList>(), QByteArrayList { "nobody@example.org" });
        QCOMPARE(accepted.size(), 0);
        for (const QByteArray &f : fetchAll(QStringLiteral("bob")))
            QVERIFY(!f.contains("<refused.1@example.org>"));
    }

    // The outbox through the real server: each message once, the refused
    // one kept with its reason, copies in Sent; a second run sends nothing.
    void outboxSendsEachMessageOnce()
    {
        QTemporaryDir profile;
        QVERIFY(profile.isValid());
        auto opened = Store::MailStore::open(profile.path());
        QVERIFY(opened.ok());
        std::unique_ptr<Store::MailStore> store = std::move(opened).value();
        auto account = store->createAccount(QStringLiteral("alice"));
        QVERIFY(account.ok());

        const QByteArray stamp = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        QList<qint64> rows;
        QList<QByteArray> ids;
        for (int i = 0; i < 3; ++i) {
            Mime::OutgoingMessage m;
            m.from = { QStringLiteral("Alice"), QStringLiteral("alice@example.org") };
            m.to = { { QStringLiteral("Bob"), QStringLiteral("bob@example.org") } };
            if (i == 1)
                m.cc = { { QString(), QStringLiteral("nobody@example.org") } };
            m.subject = QStringLiteral("outbox %1 %2").arg(i).arg(QString::fromLatin1(stamp));
            m.text = QStringLiteral("message %1\n").arg(i);
            auto built = Mime::buildMessage(m, {});
            QVERIFY(built.ok());
            Store::OutboxEntry e;
            e.accountId = *account;
            e.bytes = built.value().bytes;
            e.messageId = built.value().messageId;
            e.subject = m.subject;
            e.envelopeFrom = built.value().envelopeFrom;
            e.recipients = built.value().recipients;
            e.eightBit = built.value().eightBit;
            std::optional<Poplar::Result<qint64>> id;
            QVERIFY(store->write([&](Store::Database &db) -> Poplar::Status {
                id.emplace(Store::Outbox::enqueue(db, e, QDateTime::currentDateTimeUtc()));
                return id->ok() ? Poplar::Status() : Poplar::Status(id->error());
            }).ok());
            rows.append(id->value());
            ids.append(e.messageId);
        }

        auto run = [&]() {
            Sync::OutboxSender sender(store.get(), *account, smtpSettings(Net::Security::StartTls),
                credentials(m_server->userName()));
            QSignalSpy finished(&sender, &Sync::OutboxSender::finished);
            sender.start();
            if (!finished.count())
                finished.wait(kWaitMs);
            if (finished.size() != 1) {
                QTest::qFail("the sender did not finish once", __FILE__, __LINE__);
                return Sync::OutboxSender::Report();
            }
            return finished.at(0).at(0).value<Sync::OutboxSender::Report>();
        };
        const Sync::OutboxSender::Report first = run();
        QVERIFY2(!first.error, qPrintable(first.error ? first.error->technicalDescription() : QString()));
        QCOMPARE(first.sent, (QList<qint64> { rows[0], rows[2] }));
        QCOMPARE(first.failed, QList<qint64> { rows[1] });
        auto refused = store->readValue([&](Store::Database &db) { return Store::Outbox::item(db, rows[1]); });
        QCOMPARE(refused->state, Store::OutboxState::Failed);
        QCOMPARE(refused->error->code, ErrorCode::RecipientRejected);
        QCOMPARE(refused->refused, QByteArrayList { "nobody@example.org" });
        auto sent = store->folderByPath(QStringLiteral("Local/Sent"));
        QVERIFY(sent.ok());
        QCOMPARE(store->messages(sent->id).value().size(), 2);

        const Sync::OutboxSender::Report second = run();
        QVERIFY(second.sent.isEmpty() && second.failed.isEmpty() && !second.error);

        QMap<QByteArray, int> delivered;
        for (const QByteArray &f : fetchAll(QStringLiteral("bob"))) {
            for (const QByteArray &id : ids) {
                if (f.contains(id))
                    ++delivered[id];
            }
        }
        QCOMPARE(delivered.value(ids[0]), 1);
        QCOMPARE(delivered.value(ids[1]), 0);
        QCOMPARE(delivered.value(ids[2]), 1);
    }

    void wrongPasswordFails()
    {
        Smtp::Connection c(smtpSettings(Net::Security::StartTls));
        QSignalSpy opened(&c, &Smtp::Connection::opened);
        QSignalSpy failed(&c, &Smtp::Connection::failed);
        c.open();
        QVERIFY(opened.wait(kWaitMs));
        c.login(credentials(m_server->userName(), Mechanism::Plain, QStringLiteral("wrong")));
        QVERIFY(failed.wait(kWaitMs));
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::AuthFailed);
    }

    void tooBigIsRefusedBeforeSending()
    {
        Smtp::Connection c(smtpSettings(Net::Security::ImplicitTls));
        QString why;
        QVERIFY2(openAndLogin(c, credentials(m_server->userName()), &why), qPrintable(why));
        QVERIFY(c.serverInfo().capabilities.size);
        QCOMPARE(c.serverInfo().capabilities.sizeLimit, quint64(10 * 1024 * 1024));
        QBuffer source;
        source.setData("x");
        QVERIFY(source.open(QIODevice::ReadOnly));
        Smtp::Envelope e;
        e.from = "alice@example.org";
        e.recipients = { "bob@example.org" };
        e.size = 11 * 1024 * 1024;
        QSignalSpy failed(&c, &Smtp::Connection::messageFailed);
        c.send(e, &source);
        QVERIFY(failed.count() || failed.wait(kWaitMs));
        QCOMPARE(failed.at(0).at(1).value<Error>().code, ErrorCode::MessageTooBig);
        QVERIFY(!c.protocolLog().toDisplayText().contains(QStringLiteral("MAIL FROM")));
    }

    // In the background, as the desktop and `watch` send: the sender on a
    // thread of its own, its signals here; the password read only when
    // something is due; one run per account at a time; a login the server
    // refuses leaves the messages waiting with the reason.
    void runnerSendsInTheBackground()
    {
        QTemporaryDir profile;
        QVERIFY(profile.isValid());
        auto opened = Store::MailStore::open(profile.path());
        QVERIFY(opened.ok());
        std::unique_ptr<Store::MailStore> store = std::move(opened).value();
        Accounts::Account a;
        a.id = store->createAccount(QStringLiteral("runner")).value();
        a.user = QStringLiteral("bob");
        a.credentialKey = QStringLiteral("runner-key");
        a.smtp.host = m_server->host();
        a.smtp.port = m_server->submissionsPort();
        a.smtp.caFile = m_server->certificatePath();
        PoplarTest::MemoryKeychain keychain;
        keychain.secrets.insert(a.credentialKey, m_server->passwordFor(QStringLiteral("bob")).toUtf8());
        Sync::PasswordSource passwords(keychain);
        auto runner = std::make_unique<Sync::OutboxRunner>(*store, passwords);
        QSignalSpy finished(runner.get(), &Sync::OutboxRunner::finished);
        QThread *here = QThread::currentThread();
        QList<QThread *> signalledOn;
        connect(runner.get(), &Sync::OutboxRunner::messageSent, this,
            [&](qint64, qint64) { signalledOn.append(QThread::currentThread()); });

        auto report = [&]() {
            if (finished.isEmpty() && !finished.wait(kWaitMs))
                return Sync::OutboxSender::Report { {}, {}, {}, {}, 0, Error(ErrorCode::InvalidState) };
            return finished.takeFirst().at(1).value<Sync::OutboxSender::Report>();
        };
        runner->send(a);
        Sync::OutboxSender::Report r = report();
        QVERIFY(!r.error && r.sent.isEmpty());
        QCOMPARE(keychain.reads, 0);

        const QByteArray stamp = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        QList<qint64> rows;
        for (int i = 0; i < 2; ++i) {
            Mime::OutgoingMessage m;
            m.from = { QStringLiteral("Bob"), QStringLiteral("bob@example.org") };
            m.to = { { QString(), QStringLiteral("carol@example.org") } };
            m.subject = QStringLiteral("runner %1 %2").arg(i).arg(QString::fromLatin1(stamp));
            m.text = QStringLiteral("hello\n");
            auto built = Mime::buildMessage(m, {});
            QVERIFY(built.ok());
            std::optional<Poplar::Result<qint64>> id;
            QVERIFY(store->write([&](Store::Database &db) -> Poplar::Status {
                id.emplace(Store::Outbox::enqueue(db, Store::outboxEntry(*built, a.id), QDateTime::currentDateTimeUtc()));
                return id->ok() ? Poplar::Status() : Poplar::Status(id->error());
            }).ok());
            rows.append(id->value());
        }
        runner->send(a);
        QVERIFY(runner->isSending(a.id));
        runner->send(a);  // one run at a time: this one is not started
        r = report();
        QVERIFY2(!r.error, qPrintable(r.error ? r.error->technicalDescription() : QString()));
        QCOMPARE(r.sent, rows);
        QCOMPARE(keychain.reads, 1);
        QCOMPARE(signalledOn, (QList<QThread *> { here, here }));
        QVERIFY(!finished.wait(500));  // the second send() started nothing
        QVERIFY(!runner->isSending(a.id));
        int arrived = 0;
        for (const QByteArray &f : fetchAll(QStringLiteral("carol")))
            arrived += f.contains(QByteArray("runner 0 " + stamp)) || f.contains(QByteArray("runner 1 " + stamp));
        QCOMPARE(arrived, 2);

        // A password the server refuses.
        keychain.secrets.insert(a.credentialKey, "wrong");
        Mime::OutgoingMessage m;
        m.from = { QStringLiteral("Bob"), QStringLiteral("bob@example.org") };
        m.to = { { QString(), QStringLiteral("carol@example.org") } };
        m.subject = QStringLiteral("refused login");
        auto built = Mime::buildMessage(m, {});
        QVERIFY(store->write([&](Store::Database &db) -> Poplar::Status {
            auto id = Store::Outbox::enqueue(db, Store::outboxEntry(*built, a.id), QDateTime::currentDateTimeUtc());
            if (id)
                rows.append(*id);
            return id ? Poplar::Status() : Poplar::Status(id.error());
        }).ok());
        runner->send(a);
        r = report();
        QVERIFY(r.error);
        QCOMPARE(r.error->code, ErrorCode::AuthFailed);
        auto waiting = store->readValue([&](Store::Database &db) { return Store::Outbox::item(db, rows.last()); });
        QCOMPARE(waiting->state, Store::OutboxState::Queued);
        QCOMPARE(waiting->error->code, ErrorCode::AuthFailed);

        // Gone while a run waits for its password: nothing is left running
        // and nothing changed.
        runner->send(a);
        QVERIFY(runner->isSending(a.id));
        runner.reset();
        waiting = store->readValue([&](Store::Database &db) { return Store::Outbox::item(db, rows.last()); });
        QCOMPARE(waiting->state, Store::OutboxState::Queued);
        QCOMPARE(waiting->attempts, 0);
    }
};

QTEST_GUILESS_MAIN(TestDovecotSubmission)
#include "tst_dovecot_submission.moc"
