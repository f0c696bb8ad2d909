// Account settings: the rules an account must meet, and their life in the
// store (add, find, edit, rename, remove keeping the mail). No secret is
// stored: the schema has no place for one.

#include "accounts/AccountStore.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Accounts;
using Poplar::ErrorCode;

namespace {

Account sample(const QString &name = QStringLiteral("Work"))
{
    Account a;
    a.name = name;
    a.email = QStringLiteral("ann@example.org");
    a.displayName = QStringLiteral("Ann Example");
    a.host = QStringLiteral("pop.example.org");
    a.user = QStringLiteral("ann");
    return a;
}

}  // namespace

class TestAccounts : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store::MailStore> m_store;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto s = Store::MailStore::open(m_dir->path());
        QVERIFY2(s, qPrintable(s.error().technicalDescription()));
        m_store = std::move(s).value();
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void validation_data()
    {
        QTest::addColumn<Account>("account");
        QTest::addColumn<QString>("field");  // empty: valid
        auto with = [](auto change) {
            Account a = sample();
            change(a);
            return a;
        };
        QTest::newRow("sample") << sample() << QString();
        QTest::newRow("empty name") << with([](Account &a) { a.name.clear(); }) << QStringLiteral("name");
        QTest::newRow("slash in name") << with([](Account &a) { a.name = QStringLiteral("a/b"); })
                                       << QStringLiteral("name");
        QTest::newRow("reserved Local") << with([](Account &a) { a.name = QStringLiteral("local"); })
                                        << QStringLiteral("name");
        QTest::newRow("reserved Trash") << with([](Account &a) { a.name = QStringLiteral("Trash"); })
                                        << QStringLiteral("name");
        QTest::newRow("no @") << with([](Account &a) { a.email = QStringLiteral("ann.example.org"); })
                              << QStringLiteral("email");
        QTest::newRow("space in email") << with([](Account &a) { a.email = QStringLiteral("an n@example.org"); })
                                        << QStringLiteral("email");
        QTest::newRow("no host") << with([](Account &a) { a.host.clear(); }) << QStringLiteral("host");
        QTest::newRow("host with space") << with([](Account &a) { a.host = QStringLiteral("pop example"); })
                                         << QStringLiteral("host");
        QTest::newRow("plaintext without consent")
            << with([](Account &a) { a.security = Net::Security::None; }) << QStringLiteral("security");
        QTest::newRow("plaintext with consent") << with([](Account &a) {
            a.security = Net::Security::None;
            a.insecureConsent = true;
        }) << QString();
        QTest::newRow("unknown mechanism")
            << with([](Account &a) { a.auth = QStringLiteral("KERBEROS9"); }) << QStringLiteral("auth");
        QTest::newRow("pinned mechanism")
            << with([](Account &a) { a.auth = QStringLiteral("scram-sha-256"); }) << QString();
        QTest::newRow("no user") << with([](Account &a) { a.user.clear(); }) << QStringLiteral("user");
        QTest::newRow("ca file and fingerprint") << with([](Account &a) {
            a.caFile = QStringLiteral("/etc/ca.pem");
            a.pinnedSha256 = QByteArray(32, '\1');
        }) << QStringLiteral("ca-file");
        QTest::newRow("short fingerprint")
            << with([](Account &a) { a.pinnedSha256 = QByteArray(20, '\1'); }) << QStringLiteral("fingerprint");
        QTest::newRow("negative keep days")
            << with([](Account &a) { a.policy.keepDays = -1; }) << QStringLiteral("policy");
        QTest::newRow("keep days with delete after download") << with([](Account &a) {
            a.policy.leaveOnServer = false;
            a.policy.keepDays = 7;
        }) << QStringLiteral("policy");
        QTest::newRow("delete with local copy needs leave-on-server") << with([](Account &a) {
            a.policy.leaveOnServer = false;
            a.policy.deleteWhenDeletedLocally = true;
        }) << QStringLiteral("policy");
        QTest::newRow("combined limits") << with([](Account &a) {
            a.policy.keepDays = 14;
            a.policy.keepCount = 500;
            a.policy.keepMegabytes = 200;
            a.policy.deleteWhenDeletedLocally = true;
            a.policy.sizeLimitKb = 2048;
        }) << QString();
        QTest::newRow("keep count too high")
            << with([](Account &a) { a.policy.keepCount = Accounts::Limits::MaxKeepCount + 1; })
            << QStringLiteral("policy");
        QTest::newRow("interval zero") << with([](Account &a) { a.intervalMinutes = 0; }) << QStringLiteral("interval");
        QTest::newRow("interval too long")
            << with([](Account &a) { a.intervalMinutes = 7 * 24 * 60 + 1; }) << QStringLiteral("interval");
    }

    void validation()
    {
        QFETCH(Account, account);
        QFETCH(QString, field);
        const Poplar::Status st = account.validate();
        // The rule broken is named as well (what editors show in their words).
        QCOMPARE(account.brokenRule().has_value(), !field.isEmpty());
        if (field.isEmpty()) {
            QVERIFY2(st, qPrintable(st.error().technicalDescription()));
        } else {
            QVERIFY(!st);
            QCOMPARE(st.error().code, ErrorCode::InvalidArgument);
            QVERIFY2(st.error().detail.startsWith(field + QLatin1Char(':')), qPrintable(st.error().detail));
        }
    }

    void outgoingServerValidation_data()
    {
        QTest::addColumn<Accounts::OutgoingServer>("smtp");
        QTest::addColumn<QString>("field");  // empty: valid
        Accounts::OutgoingServer ok;
        ok.host = QStringLiteral("smtp.example.org");
        auto with = [ok](auto change) {
            Accounts::OutgoingServer s = ok;
            change(s);
            return s;
        };
        QTest::newRow("none set") << Accounts::OutgoingServer() << QString();
        QTest::newRow("set") << ok << QString();
        QTest::newRow("host with space")
            << with([](Accounts::OutgoingServer &s) { s.host = QStringLiteral("smtp example"); })
            << QStringLiteral("smtp-host");
        QTest::newRow("plaintext without consent")
            << with([](Accounts::OutgoingServer &s) { s.security = Net::Security::None; })
            << QStringLiteral("smtp-security");
        QTest::newRow("pop3's own mechanism")
            << with([](Accounts::OutgoingServer &s) { s.auth = QStringLiteral("APOP"); }) << QStringLiteral("smtp-auth");
        QTest::newRow("pinned scram")
            << with([](Accounts::OutgoingServer &s) { s.auth = QStringLiteral("SCRAM-SHA-1"); }) << QString();
        QTest::newRow("long user") << with([](Accounts::OutgoingServer &s) { s.user = QString(256, QLatin1Char('u')); })
                                   << QStringLiteral("smtp-user");
        QTest::newRow("ca file and fingerprint") << with([](Accounts::OutgoingServer &s) {
            s.caFile = QStringLiteral("/etc/ca.pem");
            s.pinnedSha256 = QByteArray(32, '\1');
        }) << QStringLiteral("smtp-ca-file");
        QTest::newRow("short fingerprint")
            << with([](Accounts::OutgoingServer &s) { s.pinnedSha256 = QByteArray(31, '\1'); })
            << QStringLiteral("smtp-fingerprint");
    }

    void outgoingServerValidation()
    {
        QFETCH(Accounts::OutgoingServer, smtp);
        QFETCH(QString, field);
        Account a = sample();
        a.smtp = smtp;
        const Poplar::Status st = a.validate();
        QCOMPARE(smtp.brokenRule().has_value(), !field.isEmpty());
        if (field.isEmpty()) {
            QVERIFY2(st, qPrintable(st.error().technicalDescription()));
        } else {
            QVERIFY(!st);
            QVERIFY2(st.error().detail.startsWith(field + QLatin1Char(':')), qPrintable(st.error().detail));
        }
    }

    void outgoingDefaults()
    {
        Account a = sample();
        QVERIFY(!a.smtp.isSet());
        QCOMPARE(Accounts::smtpConnectionSettings(a).error().code, ErrorCode::InvalidState);
        a.smtp.host = QStringLiteral("smtp.example.org");
        QCOMPARE(a.smtp.effectivePort(), quint16(465));
        a.smtp.security = Net::Security::StartTls;
        QCOMPARE(a.smtp.effectivePort(), quint16(587));
        QCOMPARE(a.smtpUser(), a.user);
        a.smtp.user = QStringLiteral("other");
        QCOMPARE(a.smtpUser(), QStringLiteral("other"));
        QVERIFY(a.smtpCredentialKey() != a.credentialKey);
        auto s = Accounts::smtpConnectionSettings(a);
        QVERIFY(s.ok());
        QCOMPARE(s->effectivePort(), quint16(587));
        QCOMPARE(s->host, QStringLiteral("smtp.example.org"));
    }

    void brokenRuleNamesTheField()
    {
        Account a = sample();
        a.host = QStringLiteral(" ");
        QVERIFY(a.brokenRule() == Accounts::AccountRule::Host);
        a = sample();
        a.security = Net::Security::None;
        QVERIFY(a.brokenRule() == Accounts::AccountRule::InsecureConsent);
        a.insecureConsent = true;
        QVERIFY(a.brokenRule() == std::nullopt);
        a.policy.leaveOnServer = false;
        a.policy.keepCount = 3;
        QVERIFY(a.brokenRule() == Accounts::AccountRule::LimitsNeedLeaveOnServer);
    }

    void caFileMustHoldACertificate()
    {
        QTemporaryDir dir;
        const QString notPem = dir.filePath(QStringLiteral("ca.pem"));
        QFile f(notPem);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a certificate\n");
        f.close();
        QCOMPARE(Accounts::checkCaFile(notPem).code(), ErrorCode::NotFound);
        QCOMPARE(Accounts::checkCaFile(dir.filePath(QStringLiteral("missing.pem"))).code(), ErrorCode::NotFound);
    }

    void portDefaultsFollowSecurity()
    {
        Account a = sample();
        QCOMPARE(a.effectivePort(), quint16(995));
        a.security = Net::Security::StartTls;
        QCOMPARE(a.effectivePort(), quint16(110));
        a.port = 1110;
        QCOMPARE(a.effectivePort(), quint16(1110));
    }

    void addFindAndEverySettingSurvives()
    {
        AccountStore accounts(*m_store);
        Account a = sample();
        a.port = 1995;
        a.security = Net::Security::StartTls;
        a.auth = QStringLiteral("scram-sha-256");
        a.pinnedSha256 = QByteArray(32, '\x5a');
        a.policy = { true, 14, 500, 200, true, 2048 };
        a.intervalMinutes = 30;
        a.enabled = false;
        a.uidlFallbackAccepted = true;
        a.smtp.host = QStringLiteral("smtp.example.org");
        a.smtp.port = 2587;
        a.smtp.security = Net::Security::StartTls;
        a.smtp.auth = QStringLiteral("scram-sha-1");
        a.smtp.user = QStringLiteral("ann-smtp");
        a.smtp.pinnedSha256 = QByteArray(32, '\x33');
        a.smtp.separateLogin = true;
        auto added = accounts.add(a);
        QVERIFY2(added, qPrintable(added.error().technicalDescription()));
        QVERIFY(added->id > 0);
        QCOMPARE(added->credentialKey.size(), 32);               // 16 random octets, hex
        QCOMPARE(added->auth, QStringLiteral("SCRAM-SHA-256"));  // one spelling
        Account expected = a;
        expected.id = added->id;
        expected.credentialKey = added->credentialKey;
        expected.auth = QStringLiteral("SCRAM-SHA-256");
        expected.smtp.auth = QStringLiteral("SCRAM-SHA-1");
        QCOMPARE(*added, expected);
        QCOMPARE(accounts.byName(QStringLiteral("Work")).value(), expected);
        QCOMPARE(accounts.byName(QStringLiteral("work")).value(), expected);  // case-insensitive fallback
        QCOMPARE(accounts.byId(added->id).value(), expected);
        QCOMPARE(accounts.byName(QStringLiteral("Home")).error().code, ErrorCode::NotFound);
        // Its Inbox exists and is addressed by its name.
        QVERIFY(m_store->folderByPath(QStringLiteral("Work/Inbox")));
        // A second account gets its own key; a taken name is refused.
        auto second = accounts.add(sample(QStringLiteral("Home")));
        QVERIFY(second);
        QVERIFY(second->credentialKey != added->credentialKey);
        auto clash = accounts.add(sample(QStringLiteral("WORK")));
        QVERIFY(!clash);
        QCOMPARE(clash.error().code, ErrorCode::AccountNameTaken);
        auto all = accounts.list();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).name, QStringLiteral("Home"));
        // An invalid account is not stored at all.
        Account bad = sample(QStringLiteral("Bad"));
        bad.host.clear();
        QVERIFY(!accounts.add(bad));
        QCOMPARE(accounts.list()->size(), 2);
    }

    void editAndRenameKeepTheKeyAndTheMail()
    {
        AccountStore accounts(*m_store);
        Account a = accounts.add(sample()).value();
        const qint64 inbox = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
        Store::MessagePreparer::Input in;
        in.raw = "From: bob@example.org\r\nSubject: kept\r\n\r\nbody\r\n";
        in.folderId = inbox;
        auto stored = m_store->insertMessage(Store::MessagePreparer::prepare(in).value());
        QVERIFY2(stored, qPrintable(stored.error().technicalDescription()));

        Account edited = a;
        edited.name = QStringLiteral("Office");
        edited.host = QStringLiteral("pop3.example.com");
        edited.policy.leaveOnServer = false;
        edited.credentialKey = QStringLiteral("ignored");
        QVERIFY(accounts.update(edited));
        auto back = accounts.byId(a.id).value();
        QCOMPARE(back.name, QStringLiteral("Office"));
        QCOMPARE(back.host, QStringLiteral("pop3.example.com"));
        QCOMPARE(back.policy.leaveOnServer, false);
        QCOMPARE(back.credentialKey, a.credentialKey);  // never changes
        auto renamedInbox = m_store->folderByPath(QStringLiteral("Office/Inbox"));
        QVERIFY(renamedInbox);
        QCOMPARE(renamedInbox->id, inbox);
        QCOMPARE(renamedInbox->total, 1);

        // Renaming onto another account's name, or an invalid edit, fails
        // and changes nothing.
        QVERIFY(accounts.add(sample(QStringLiteral("Home"))));
        edited.name = QStringLiteral("home");
        QCOMPARE(accounts.update(edited).error().code, ErrorCode::AccountNameTaken);
        Account invalid = back;
        invalid.email = QStringLiteral("nobody");
        QVERIFY(!accounts.update(invalid));
        QCOMPARE(accounts.byId(a.id).value(), back);
        // An account that does not exist cannot be edited.
        Account ghost = sample(QStringLiteral("Ghost"));
        ghost.id = 9999;
        QCOMPARE(accounts.update(ghost).error().code, ErrorCode::NotFound);
        // A target folder must exist.
        Account target = back;
        target.targetFolderId = 424242;
        QCOMPARE(accounts.update(target).error().code, ErrorCode::NotFound);
        target.targetFolderId = m_store->ensureLocalFolder(QStringLiteral("Local/Lists")).value();
        QVERIFY(accounts.update(target));
        QCOMPARE(accounts.byId(a.id)->targetFolderId, target.targetFolderId);
    }

    void removingAnAccountKeepsItsMail()
    {
        AccountStore accounts(*m_store);
        Account a = accounts.add(sample()).value();
        QVERIFY(m_store->ensureLocalFolder(QStringLiteral("Local/Work")));  // the obvious name is taken
        const qint64 inbox = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
        Store::MessagePreparer::Input in;
        in.raw = "From: bob@example.org\r\nSubject: only copy\r\n\r\nbody\r\n";
        in.folderId = inbox;
        in.accountId = a.id;
        in.serverKey = "u1";
        const qint64 message = m_store->insertMessage(Store::MessagePreparer::prepare(in).value()).value();

        auto keptAs = accounts.remove(a.id);
        QVERIFY2(keptAs, qPrintable(keptAs.error().technicalDescription()));
        QCOMPARE(*keptAs, QStringLiteral("Local/Work (2)"));
        QCOMPARE(accounts.list()->size(), 0);
        auto kept = m_store->folderByPath(*keptAs);
        QVERIFY(kept);
        QCOMPARE(kept->id, inbox);
        QCOMPARE(kept->total, 1);
        QCOMPARE(m_store->message(message)->subject, QStringLiteral("only copy"));
        QCOMPARE(m_store->integrityCheck().value(), QStringList { QStringLiteral("ok") });
        QCOMPARE(accounts.remove(a.id).error().code, ErrorCode::NotFound);
    }

    void theSchemaHasNoPlaceForASecret()
    {
        QStringList columns;
        QVERIFY(m_store->read([&](Store::Database &db) -> Poplar::Status {
            auto q = db.query(QStringLiteral("SELECT name FROM pragma_table_info('accounts')"));
            if (!q)
                return q.error();
            while (q.value().next())
                columns << q.value().value(0).toString();
            return {};
        }));
        QVERIFY(columns.contains(QStringLiteral("credential_key")));
        for (const QString &c : columns) {
            QVERIFY2(!c.contains(QLatin1String("pass")) && !c.contains(QLatin1String("secret"))
                    && !c.contains(QLatin1String("token")),
                qPrintable(c));
        }
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
