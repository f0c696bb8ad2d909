// The account setup wizard, driven like a user would through its fields
// and buttons, against a private Dovecot: discovery finds the server
// under the address's domain (every name dialled on 127.0.0.1, SRV from
// an injected lookup: no DNS at all), the certificate question is
// answered, the login test shows the mailbox, the defaults are applied,
// and Finish stores the account and its password — after which a real
// fetch brings the mail home. Also: a wrong password (straight back to
// it), the manual path, an unencrypted server's consent, a changed
// certificate, a keychain that will not take the password, a server that
// DNS names outside the mail domain, buttons and texts that agree, a
// failed test that promises nothing, a server's text shown literally, and
// labels that are neither cut off nor show a stray "&".

#include "ClosedPort.h"
#include "DovecotServer.h"
#include "FetchRunner.h"
#include "MemoryKeychain.h"
#include "ScriptedPop3Server.h"
#include "TlsTestServer.h"
#include "WidgetChecks.h"
#include "accounts/AccountStore.h"
#include "common/ErrorCategory.h"
#include "net/SslTransport.h"
#include "store/Store.h"
#include "text/Translations.h"
#include "widgets/CertificateDialog.h"
#include "wizard/AccountWizard.h"
#include "wizard/ConnectionTestPage.h"
#include "wizard/DiscoveryPage.h"
#include "wizard/FinishPage.h"
#include "wizard/IdentityPage.h"
#include "wizard/OutgoingPage.h"
#include "wizard/ServerDescription.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMetaEnum>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <memory>

using Net::CertificateDecision;
using Net::CertificateProblem;
using Poplar::ErrorCode;
using Poplar::Ui::AccountWizard;
using Poplar::Ui::CertificateDialog;
using Poplar::Ui::ConnectionTestPage;
using Poplar::Ui::DiscoveryPage;
using Poplar::Ui::OutgoingPage;
using PoplarTest::TlsTestServer;

namespace {

constexpr int NetworkWaitMs = 30'000;

QByteArray mail(int n)
{
    return "From: Ann <ann@example.org>\nTo: someone@example.test\nSubject: Welcome " + QByteArray::number(n)
        + "\nDate: Sun, 22 Nov 2026 10:0" + QByteArray::number(n % 10) + ":00 +0000\nMessage-ID: <wizard-"
        + QByteArray::number(n) + "@example.org>\n\nHello " + QByteArray::number(n) + ".\n";
}

QString labelText(const QWidget *w, const char *name)
{
    const auto *l = w->findChild<QLabel *>(QString::fromLatin1(name));
    return l ? l->text() : QString();
}

// A button's text as the user reads it.
QString shownButtonText(const QAbstractButton *b)
{
    QString text = b->text();
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01")).remove(QLatin1Char('&'));
    return text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
}

// A server's text that would be a link and bold text if taken for markup.
const QByteArray HostileText = R"(<a href="http://x.invalid/">click</a><b>bold</b>)";

}  // namespace

class TestAccountWizard : public QObject
{
    Q_OBJECT

    std::unique_ptr<Poplar::DovecotServer> m_dovecot;
    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Store::MailStore> m_store;
    std::unique_ptr<PoplarTest::MemoryKeychain> m_keychain;
    QHash<QString, quint16> m_ports;  // "host:port" → loopback port
    quint16 m_closed = 0;
    QStringList m_dialled;
    QStringList m_srvAsked;
    QHash<QString, QList<Accounts::SrvRecord>> m_srv;  // SRV name → answer
    QList<CertificateProblem> m_asked;
    CertificateDecision m_decision = CertificateDecision::AcceptOnce;
    bool m_useRealDialog = false;
    QString m_user;
    int m_users = 0;

    Net::Dialer dialer()
    {
        return [this](const QString &host, quint16 port) {
            const QString key = host + QLatin1Char(':') + QString::number(port);
            m_dialled << key;
            return Net::Endpoint { QStringLiteral("127.0.0.1"), m_ports.value(key, m_closed) };
        };
    }

    AccountWizard::Options options()
    {
        AccountWizard::Options o;
        o.discovery.srvLookup = [this](const QString &name, QObject *context, Accounts::SrvDone done) {
            m_srvAsked << name;
            const QList<Accounts::SrvRecord> answer = m_srv.value(name);
            QTimer::singleShot(0, context, [done, answer] { done(answer); });
        };
        o.discovery.dialer = dialer();
        o.discovery.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        o.discovery.probeTimeoutMs = 5'000;
        if (!m_useRealDialog) {
            o.askCertificate = [this](const CertificateProblem &problem, QWidget *) {
                m_asked << problem;
                return m_decision;
            };
        }
        o.connectTimeoutMs = 10'000;
        return o;
    }

    std::unique_ptr<AccountWizard> makeWizard()
    {
        auto w = std::make_unique<AccountWizard>(*m_store, *m_keychain, options());
        w->show();
        return w;
    }

    QString email() const { return m_user; }
    QString password() const { return m_dovecot->passwordFor(m_user); }

    static void fillIdentity(AccountWizard &w, const QString &email, const QString &password)
    {
        w.setField(QStringLiteral("displayName"), QStringLiteral("Bob Example"));
        w.setField(QStringLiteral("email"), email);
        w.setField(QStringLiteral("password"), password);
    }

    static ConnectionTestPage *testPage(AccountWizard &w)
    {
        return qobject_cast<ConnectionTestPage *>(w.page(AccountWizard::TestPage));
    }

    static OutgoingPage *outgoingPage(AccountWizard &w)
    {
        return qobject_cast<OutgoingPage *>(w.page(AccountWizard::OutgoingPage));
    }

    // From a passed login test through the outgoing page: its search done,
    // then sending set up later, or the server it proposes used (tested;
    // a pass moves on by itself).
    void throughOutgoing(AccountWizard &w, bool useProposed)
    {
        w.next();
        QCOMPARE(w.currentId(), int(AccountWizard::OutgoingPage));
        OutgoingPage *page = outgoingPage(w);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isSearching(), NetworkWaitMs);
        if (!useProposed)
            w.setField(QStringLiteral("sendLater"), true);
        w.next();
        if (useProposed)
            QTRY_VERIFY_WITH_TIMEOUT(w.currentId() == AccountWizard::PolicyPage || page->lastError(), NetworkWaitMs);
        QVERIFY2(!page->lastError(), qPrintable(page->lastError().technicalDescription()));
        QCOMPARE(w.currentId(), int(AccountWizard::PolicyPage));
    }

    // From the first page through discovery to a finished login test.
    void throughDiscovery(AccountWizard &w)
    {
        fillIdentity(w, email(), password());
        w.next();
        QCOMPARE(w.currentId(), int(AccountWizard::DiscoveryPage));
        QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->isComplete(), NetworkWaitMs);
        // Found and shown before anything with the password happened.
        QVERIFY(m_asked.isEmpty());
        auto *list = w.findChild<QListWidget *>(QStringLiteral("servers"));
        QVERIFY(list);
        QVERIFY(list->count() >= 2);
        QVERIFY2(list->currentItem()->text().startsWith(QStringLiteral("pop.example.test, port 995, TLS")),
            qPrintable(list->currentItem()->text()));
        const QString details = labelText(&w, "serverDetails");
        QVERIFY2(details.contains(QStringLiteral("UIDL")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("Sign-in methods:")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("certificate")), qPrintable(details));
        QVERIFY(labelText(&w, "confirmServer").contains(QStringLiteral("with your password")));
        w.next();
        QCOMPARE(w.currentId(), int(AccountWizard::TestPage));
    }

    QStringList storedSubjects(qint64 accountId)
    {
        QStringList out;
        const auto account = Accounts::AccountStore(*m_store).byId(accountId);
        if (!account)
            return out;
        const auto inbox = m_store->folderByPath(account->name + QStringLiteral("/Inbox"));
        if (!inbox)
            return out;
        if (auto messages = m_store->messages(inbox->id)) {
            for (const Store::MessageSummary &m : messages.value())
                out << m.subject;
        }
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_dovecot = std::make_unique<Poplar::DovecotServer>();
        QVERIFY(m_dovecot->enableSubmission());
        QString error;
        QVERIFY2(m_dovecot->start(&error), qPrintable(error));
        m_closed = PoplarTest::closedPort();
    }

    void init()
    {
        m_user = QStringLiteral("user%1@example.test").arg(++m_users);
        QVERIFY(m_dovecot->addUser(m_user, QStringLiteral("pw-%1!x").arg(m_users)));
        for (int n = 1; n <= 3; ++n)
            QVERIFY(m_dovecot->addMessage(mail(n), nullptr, m_user));
        m_profile = std::make_unique<QTemporaryDir>();
        m_store = Store::MailStore::open(m_profile->path()).value();
        m_keychain = std::make_unique<PoplarTest::MemoryKeychain>();
        m_ports.clear();
        m_ports.insert(QStringLiteral("pop.example.test:995"), m_dovecot->tlsPort());
        m_ports.insert(QStringLiteral("pop.example.test:110"), m_dovecot->plainPort());
        m_ports.insert(QStringLiteral("smtp.example.test:465"), m_dovecot->submissionsPort());
        m_ports.insert(QStringLiteral("smtp.example.test:587"), m_dovecot->submissionPort());
        m_dialled.clear();
        m_srvAsked.clear();
        m_srv.clear();
        m_asked.clear();
        m_decision = CertificateDecision::AcceptOnce;
        m_useRealDialog = false;
        m_closed = PoplarTest::closedPort();
    }

    void cleanup()
    {
        m_keychain.reset();
        m_store.reset();
        m_profile.reset();
    }

    void firstSetupAcceptingTheCertificateOnce()
    {
        auto w = makeWizard();
        QSignalSpy created(w.get(), &AccountWizard::accountCreated);
        QCOMPARE(w->currentId(), int(AccountWizard::IdentityPage));
        throughDiscovery(*w);
        QCOMPARE(m_srvAsked,
            (QStringList { QStringLiteral("_pop3s._tcp.example.test"), QStringLiteral("_pop3._tcp.example.test") }));

        ConnectionTestPage *test = testPage(*w);
        QTRY_VERIFY_WITH_TIMEOUT(test->succeeded() || test->lastError(), NetworkWaitMs);
        QVERIFY2(test->succeeded(), qPrintable(test->lastError().technicalDescription()));
        QCOMPARE(m_asked.size(), 1);
        QCOMPARE(m_asked.first().kind, CertificateProblem::Kind::Untrusted);
        QCOMPARE(m_asked.first().host, QStringLiteral("pop.example.test"));
        QCOMPARE(test->messageCount(), quint32(3));
        QVERIFY2(labelText(w.get(), "testResult").contains(QStringLiteral("holds 3 message")),
            qPrintable(labelText(w.get(), "testResult")));
        QVERIFY(w->currentPage()->isComplete());

        // The outgoing server: found (here by its usual name), shown with
        // what it offers, and nothing with the password sent before Use
        // This Server.
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::OutgoingPage));
        OutgoingPage *outgoing = outgoingPage(*w);
        QTRY_VERIFY_WITH_TIMEOUT(!outgoing->isSearching(), NetworkWaitMs);
        QVERIFY(m_srvAsked.contains(QStringLiteral("_submissions._tcp.example.test")));
        QVERIFY(m_srvAsked.contains(QStringLiteral("_submission._tcp.example.test")));
        auto *servers = w->findChild<QListWidget *>(QStringLiteral("outgoingServers"));
        QVERIFY(servers->currentItem());
        QVERIFY2(servers->currentItem()->text().startsWith(QStringLiteral("smtp.example.test, port 465, TLS")),
            qPrintable(servers->currentItem()->text()));
        QVERIFY(!w->field(QStringLiteral("sendLater")).toBool());
        const QString offers = labelText(w.get(), "outgoingDetails");
        QVERIFY2(offers.contains(QStringLiteral("Sign-in methods:")), qPrintable(offers));
        QVERIFY2(offers.contains(QStringLiteral("certificate")), qPrintable(offers));
        QVERIFY2(labelText(w.get(), "confirmOutgoing").contains(QStringLiteral("with your password")),
            qPrintable(labelText(w.get(), "confirmOutgoing")));
        QCOMPARE(shownButtonText(w->button(QWizard::NextButton)), QStringLiteral("Use This Server"));
        QVERIFY(!w->button(QWizard::CustomButton1)->isVisible());  // Set Up Manually is for the incoming server
        QCOMPARE(m_asked.size(), 1);  // only the incoming server's certificate so far
        w->next();  // tests it; a pass moves on
        QTRY_VERIFY_WITH_TIMEOUT(w->currentId() == AccountWizard::PolicyPage || outgoing->lastError(), NetworkWaitMs);
        QVERIFY2(!outgoing->lastError(), qPrintable(outgoing->lastError().technicalDescription()));
        QCOMPARE(m_asked.size(), 2);
        QCOMPARE(m_asked.last().host, QStringLiteral("smtp.example.test"));

        QCOMPARE(w->currentId(), int(AccountWizard::PolicyPage));
        // The defaults: keep 14 days, delete there with the local copy, every 10 minutes.
        QVERIFY(w->field(QStringLiteral("keepOnServerDays")).toBool());
        QCOMPARE(w->field(QStringLiteral("keepDays")).toInt(), 14);
        QVERIFY(w->field(QStringLiteral("deleteWhenDeletedLocally")).toBool());
        QCOMPARE(w->field(QStringLiteral("intervalMinutes")).toInt(), 10);

        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::FinishPage));
        QVERIFY2(labelText(w.get(), "summary").contains(QStringLiteral("Outgoing server: smtp.example.test, port 465")),
            qPrintable(labelText(w.get(), "summary")));
        QCOMPARE(w->field(QStringLiteral("accountName")).toString(), QStringLiteral("example.test"));
        QVERIFY(Accounts::AccountStore(*m_store).list()->isEmpty());  // nothing saved before Finish
        w->button(QWizard::FinishButton)->click();
        QTRY_COMPARE(w->result(), int(QDialog::Accepted));

        const QList<Accounts::Account> all = Accounts::AccountStore(*m_store).list().value();
        QCOMPARE(all.size(), 1);
        const Accounts::Account &a = all.first();
        QCOMPARE(a, w->account());
        QCOMPARE(created.size(), 1);
        QCOMPARE(a.name, QStringLiteral("example.test"));
        QCOMPARE(a.email, email());
        QCOMPARE(a.displayName, QStringLiteral("Bob Example"));
        QCOMPARE(a.host, QStringLiteral("pop.example.test"));
        QCOMPARE(a.effectivePort(), quint16(995));
        QCOMPARE(a.security, Net::Security::ImplicitTls);
        QCOMPARE(a.user, email());
        QCOMPARE(a.auth, QStringLiteral("auto"));
        QVERIFY(a.pinnedSha256.isEmpty());  // accepted once only
        QVERIFY(a.policy.leaveOnServer);
        QCOMPARE(a.policy.keepDays, 14);
        QVERIFY(a.policy.deleteWhenDeletedLocally);
        QCOMPARE(a.policy, Accounts::Policy::recommended());
        QCOMPARE(a.intervalMinutes, 10);
        QCOMPARE(a.smtp.host, QStringLiteral("smtp.example.test"));
        QCOMPARE(a.smtp.security, Net::Security::ImplicitTls);
        QCOMPARE(a.smtp.port, quint16(0));  // the default, 465
        QVERIFY(a.smtp.user.isEmpty());     // the account's login
        QVERIFY(!a.smtp.separateLogin);     // and its password
        QVERIFY(a.smtp.pinnedSha256.isEmpty());  // accepted once only
        QCOMPARE(m_keychain->secrets.value(a.credentialKey), password().toUtf8());
        QCOMPARE(m_keychain->secrets.size(), 1);
        QVERIFY(w->passwordInKeychain());
        QVERIFY(!w->hasSessionPassword());
        // Nothing went anywhere but the names the test maps to loopback.
        for (const QString &d : m_dialled)
            QVERIFY2(d.endsWith(QLatin1String(".example.test:995")) || d.endsWith(QLatin1String(".example.test:110"))
                    || d.endsWith(QLatin1String(".example.test:465")) || d.endsWith(QLatin1String(".example.test:587")),
                qPrintable(d));
    }

    void trustAlwaysPinsTheCertificateAndMailArrives()
    {
        m_decision = CertificateDecision::Pin;
        auto w = makeWizard();
        throughDiscovery(*w);
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded() || testPage(*w)->lastError(), NetworkWaitMs);
        QVERIFY2(testPage(*w)->succeeded(), qPrintable(testPage(*w)->lastError().technicalDescription()));
        throughOutgoing(*w, true);
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::FinishPage));
        QVERIFY(labelText(w.get(), "summary").contains(QStringLiteral("Trusted certificate")));
        QVERIFY(labelText(w.get(), "summary").contains(QStringLiteral("Trusted certificate of the outgoing server")));
        w->button(QWizard::FinishButton)->click();
        QTRY_COMPARE(w->result(), int(QDialog::Accepted));

        const Accounts::Account account = w->account();
        const QSslCertificate cert = QSslCertificate::fromData(m_dovecot->certificatePem()).value(0);
        QCOMPARE(account.pinnedSha256, cert.digest(QCryptographicHash::Sha256));
        QCOMPARE(Accounts::AccountStore(*m_store).byId(account.id)->pinnedSha256, account.pinnedSha256);
        QCOMPARE(account.smtp.pinnedSha256, cert.digest(QCryptographicHash::Sha256));  // asked and pinned as well

        // The whole path: a fetch of the new account with its stored settings
        // and the password from the keychain brings the mail home.
        Poplar::Secret secret = Accounts::readBlocking(*m_keychain, account.credentialKey).value();
        Sync::FetchJob::Options options;
        options.transportFactory = Net::sslTransportFactory(dialer());
        Sync::FetchJob job(*m_store, account, Accounts::credentials(account, std::move(secret)), options);
        const Sync::FetchReport report = PoplarTest::runFetch(job, NetworkWaitMs);
        QVERIFY2(!report.error, qPrintable(report.error.technicalDescription()));
        QCOMPARE(report.stored, 3);
        QCOMPARE(storedSubjects(account.id),
            (QStringList { QStringLiteral("Welcome 1"), QStringLiteral("Welcome 2"), QStringLiteral("Welcome 3") }));
        QCOMPARE(m_asked.size(), 2);  // one for each server; the fetch trusted the pin without asking
    }

    void aWrongPasswordIsSaidClearlyAndCanBeFixed()
    {
        auto w = makeWizard();
        fillIdentity(*w, email(), QStringLiteral("not the password"));
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(w->currentPage()->isComplete(), NetworkWaitMs);
        w->next();
        ConnectionTestPage *test = testPage(*w);
        QTRY_VERIFY_WITH_TIMEOUT(test->lastError(), NetworkWaitMs);
        QCOMPARE(test->lastError().code, ErrorCode::AuthFailed);
        QVERIFY(!test->succeeded());
        QVERIFY(!w->currentPage()->isComplete());
        QCOMPARE(
            labelText(w.get(), "testResult"), QStringLiteral("The server did not accept the user name or password."));
        // The server's own words, apart.
        QVERIFY2(labelText(w.get(), "testDetails").contains(QStringLiteral("The server said")),
            qPrintable(labelText(w.get(), "testDetails")));
        // No way on, nothing saved.
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::TestPage));
        QVERIFY(Accounts::AccountStore(*m_store).list()->isEmpty());
        QVERIFY(m_keychain->secrets.isEmpty());

        // One press leads straight back to the password, focused and
        // selected, with the rejection said.
        auto *change = w->findChild<QAbstractButton *>(QStringLiteral("changePassword"));
        QVERIFY(change && change->isVisible());
        QVERIFY2(labelText(w.get(), "testDetails").contains(QStringLiteral("Change Password")),
            qPrintable(labelText(w.get(), "testDetails")));
        QCOMPARE(shownButtonText(change), QStringLiteral("Change Password"));
        change->click();
        QCOMPARE(w->currentId(), int(AccountWizard::IdentityPage));
        auto *passwordField = w->currentPage()->findChild<QLineEdit *>(QStringLiteral("password"));
        QCOMPARE(w->currentPage()->focusWidget(), passwordField);
        QCOMPARE(passwordField->selectedText(), QStringLiteral("not the password"));
        auto *problem = w->currentPage()->findChild<QLabel *>(QStringLiteral("identityProblem"));
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(QStringLiteral("did not accept")), qPrintable(problem->text()));
        QVERIFY2(problem->text().contains(QStringLiteral("The server said")), qPrintable(problem->text()));
        QVERIFY2(PoplarTest::cutOff(w->currentPage()).isEmpty(),
            qPrintable(PoplarTest::cutOff(w->currentPage()).join(QStringLiteral(" | "))));

        // The right password, and one Next tests it again.
        w->setField(QStringLiteral("password"), password());
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::TestPage));
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded(), NetworkWaitMs);
        QVERIFY(!change->isVisible());
        // The way through the found servers is still there.
        w->back();
        QCOMPARE(w->currentId(), int(AccountWizard::IdentityPage));
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::DiscoveryPage));
        QVERIFY(w->currentPage()->isComplete());  // the servers found are kept
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded(), NetworkWaitMs);
    }

    void aRejectedPasswordAfterManualSettingsIsOneStepAway()
    {
        // Identity, server settings, test: Back would take three steps.
        auto w = makeWizard();
        fillIdentity(*w, email(), QStringLiteral("wrong"));
        w->button(QWizard::CustomButton1)->click();
        w->setField(QStringLiteral("host"), QStringLiteral("pop.example.test"));
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::TestPage));
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->lastError(), NetworkWaitMs);
        QCOMPARE(testPage(*w)->lastError().code, ErrorCode::AuthFailed);
        w->findChild<QAbstractButton *>(QStringLiteral("changePassword"))->click();
        QCOMPARE(w->currentId(), int(AccountWizard::IdentityPage));
        QCOMPARE(w->currentPage()->focusWidget(), w->currentPage()->findChild<QLineEdit *>(QStringLiteral("password")));
        // Another address is not the same test again.
        w->setField(QStringLiteral("email"), QStringLiteral("other@example.test"));
        QCOMPARE(w->currentPage()->nextId(), int(AccountWizard::ManualPage));
        w->setField(QStringLiteral("email"), email());
        QCOMPARE(w->currentPage()->nextId(), int(AccountWizard::TestPage));
        w->setField(QStringLiteral("password"), password());
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::TestPage));
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded(), NetworkWaitMs);
        QCOMPARE(w->draft().host, QStringLiteral("pop.example.test"));
    }

    void manualSetupWithStartTls()
    {
        auto w = makeWizard();
        fillIdentity(*w, email(), password());
        w->button(QWizard::CustomButton1)->click();  // "Set Up Manually"
        QCOMPARE(w->currentId(), int(AccountWizard::ManualPage));
        QVERIFY(m_srvAsked.isEmpty());  // no discovery at all
        QCOMPARE(w->field(QStringLiteral("user")).toString(), email());
        QVERIFY(!w->currentPage()->isComplete());  // no server yet
        w->setField(QStringLiteral("host"), QStringLiteral("pop.example.test"));
        w->setField(QStringLiteral("security"), int(Net::Security::StartTls));
        QCOMPARE(w->field(QStringLiteral("port")).toInt(), 110);  // followed the security
        QVERIFY(w->currentPage()->isComplete());
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::TestPage));
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded() || testPage(*w)->lastError(), NetworkWaitMs);
        QVERIFY2(testPage(*w)->succeeded(), qPrintable(testPage(*w)->lastError().technicalDescription()));
        QCOMPARE(m_asked.size(), 1);  // after STLS
        // Typed by hand: no search for the outgoing server either; the
        // guess from the incoming server's name is offered.
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::OutgoingPage));
        QVERIFY(!outgoingPage(*w)->isSearching());
        QCOMPARE(m_srvAsked, QStringList());
        QCOMPARE(w->field(QStringLiteral("smtpHost")).toString(), QStringLiteral("smtp.example.test"));
        QCOMPARE(w->field(QStringLiteral("smtpPort")).toInt(), 465);
        w->setField(QStringLiteral("smtpSecurity"), int(Net::Security::StartTls));
        QCOMPARE(w->field(QStringLiteral("smtpPort")).toInt(), 587);  // followed the security
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(
            w->currentId() == AccountWizard::PolicyPage || outgoingPage(*w)->lastError(), NetworkWaitMs);
        QVERIFY2(!outgoingPage(*w)->lastError(), qPrintable(outgoingPage(*w)->lastError().technicalDescription()));
        QCOMPARE(m_asked.size(), 2);  // after STARTTLS
        w->setField(QStringLiteral("deleteAfterDownload"), true);
        w->setField(QStringLiteral("intervalMinutes"), 30);
        w->next();
        w->setField(QStringLiteral("accountName"), QStringLiteral("Work"));
        w->button(QWizard::FinishButton)->click();
        QTRY_COMPARE(w->result(), int(QDialog::Accepted));
        const Accounts::Account a = Accounts::AccountStore(*m_store).byName(QStringLiteral("Work")).value();
        QCOMPARE(a.security, Net::Security::StartTls);
        QCOMPARE(a.effectivePort(), quint16(110));
        QVERIFY(!a.policy.leaveOnServer);
        QCOMPARE(a.policy.keepDays, 0);
        QVERIFY(!a.policy.deleteWhenDeletedLocally);
        QCOMPARE(a.intervalMinutes, 30);
        QCOMPARE(a.smtp.host, QStringLiteral("smtp.example.test"));
        QCOMPARE(a.smtp.security, Net::Security::StartTls);
        QCOMPARE(a.smtp.effectivePort(), quint16(587));
    }

    void setUpManuallyFromTheFoundServers()
    {
        auto w = makeWizard();
        throughDiscovery(*w);
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded(), NetworkWaitMs);
        // Even after a passed test, the settings can be edited by hand:
        // prefilled with the server that was found.
        w->button(QWizard::CustomButton1)->click();
        QCOMPARE(w->currentId(), int(AccountWizard::ManualPage));
        QCOMPARE(w->field(QStringLiteral("host")).toString(), QStringLiteral("pop.example.test"));
        QCOMPARE(w->field(QStringLiteral("port")).toInt(), 995);
        QCOMPARE(w->field(QStringLiteral("security")).toInt(), int(Net::Security::ImplicitTls));
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::TestPage));
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded(), NetworkWaitMs);
    }

    void noEncryptionNeedsConsent()
    {
        // A server that offers no STLS: found, flagged, never proposed.
        TlsTestServer plain({ .mode = TlsTestServer::Mode::StartTls, .advertiseStls = false });
        QVERIFY(plain.start());
        m_ports.clear();
        m_ports.insert(QStringLiteral("pop.example.test:110"), plain.serverPort());
        auto w = makeWizard();
        fillIdentity(*w, QStringLiteral("alice@example.test"), QStringLiteral("correct horse battery staple"));
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(w->currentPage()->isComplete(), NetworkWaitMs);
        auto *discovery = qobject_cast<DiscoveryPage *>(w->currentPage());
        QCOMPARE(discovery->result()->servers.size(), 1);
        QVERIFY(discovery->result()->servers.first().insecure);
        QVERIFY(!discovery->selectedServer());  // not chosen by default
        QVERIFY(labelText(w.get(), "discoveryStatus").contains(QStringLiteral("without encryption")));
        auto *list = w->findChild<QListWidget *>(QStringLiteral("servers"));
        list->setCurrentRow(0);  // the user picks it anyway…
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::ManualPage));  // …and must consent first
        QCOMPARE(w->field(QStringLiteral("security")).toInt(), int(Net::Security::None));
        auto *consent = w->findChild<QCheckBox *>(QStringLiteral("insecureConsent"));
        QVERIFY(consent->isVisible());
        QVERIFY(!consent->isChecked());
        const QStringList cut = PoplarTest::cutOff(w->currentPage());
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral(" | "))));
        QVERIFY(!w->currentPage()->isComplete());
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::ManualPage));
        QVERIFY(plain.allReceived().isEmpty() || !plain.allReceived().contains("PASS"));
        w->setField(QStringLiteral("user"), QStringLiteral("alice"));
        consent->setChecked(true);
        QVERIFY(w->currentPage()->isComplete());
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::TestPage));
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded() || testPage(*w)->lastError(), NetworkWaitMs);
        QVERIFY2(testPage(*w)->succeeded(), qPrintable(testPage(*w)->lastError().technicalDescription()));
        QVERIFY(m_asked.isEmpty());
        QCOMPARE(w->draft().security, Net::Security::None);
        QVERIFY(w->draft().insecureConsent);
        // Choosing TLS again hides and clears the consent.
        w->back();
        w->setField(QStringLiteral("security"), int(Net::Security::ImplicitTls));
        QVERIFY(!consent->isChecked());
        QVERIFY(consent->isHidden());
    }

    void aChangedCertificateGetsTheStrongWarning()
    {
        const PoplarTest::TestPki &pki = PoplarTest::TestPki::instance();
        QVERIFY2(pki.ok, qPrintable(pki.error));
        TlsTestServer first;
        TlsTestServer changed({ .certificate = TlsTestServer::Certificate::Alternate });
        QVERIFY(first.start());
        QVERIFY(changed.start());
        m_ports.clear();
        m_ports.insert(QStringLiteral("pop.example.test:995"), first.serverPort());
        m_decision = CertificateDecision::Pin;
        auto w = makeWizard();
        fillIdentity(*w, QStringLiteral("alice@example.test"), QStringLiteral("correct horse battery staple"));
        w->button(QWizard::CustomButton1)->click();
        w->setField(QStringLiteral("host"), QStringLiteral("pop.example.test"));
        w->setField(QStringLiteral("user"), QStringLiteral("alice"));
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded() || testPage(*w)->lastError(), NetworkWaitMs);
        QVERIFY2(testPage(*w)->succeeded(), qPrintable(testPage(*w)->lastError().technicalDescription()));
        QCOMPARE(w->pinnedCertificate(), pki.leafSha256());

        // The same name now presents another certificate.
        m_ports.insert(QStringLiteral("pop.example.test:995"), changed.serverPort());
        m_asked.clear();
        m_decision = CertificateDecision::Reject;
        testPage(*w)->runTest();
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->lastError(), NetworkWaitMs);
        QCOMPARE(m_asked.size(), 1);
        QCOMPARE(m_asked.first().kind, CertificateProblem::Kind::Changed);
        QCOMPARE(m_asked.first().pinnedSha256, pki.leafSha256());
        QCOMPARE(m_asked.first().sha256, pki.alternateSha256());
        QCOMPARE(testPage(*w)->lastError().code, ErrorCode::CertificateChanged);
        QVERIFY(labelText(w.get(), "testResult").contains(QStringLiteral("has changed")));
        QVERIFY(!changed.allReceived().contains("PASS"));
        QVERIFY(!changed.allReceived().contains("AUTH"));

        // The question the user sees for it is the strong form.
        CertificateDialog dialog(m_asked.first());
        QVERIFY(dialog.isChangedWarning());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("changedWarning")));
        QVERIFY(dialog.findChild<QCheckBox *>(QStringLiteral("confirmChange")));
    }

    void theRealDialogIsAskedWithoutAnInjectedQuestion()
    {
        m_useRealDialog = true;
        auto w = makeWizard();
        int shown = 0;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&shown] {
            if (auto *d = qobject_cast<CertificateDialog *>(QApplication::activeModalWidget())) {
                ++shown;
                d->findChild<QAbstractButton *>(QStringLiteral("reject"))->click();
            }
        });
        poll.start(20);
        throughDiscovery(*w);
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->lastError(), NetworkWaitMs);
        QCOMPARE(shown, 1);
        QCOMPARE(testPage(*w)->lastError().code, ErrorCode::CertificateUntrusted);
        QVERIFY(labelText(w.get(), "testResult").contains(QStringLiteral("password was not sent")));
    }

    void aKeychainThatFailsOffersThisRunOnly()
    {
        // A name that is taken makes the suggestion unique.
        Accounts::Account other;
        other.name = QStringLiteral("example.test");
        other.email = QStringLiteral("x@example.test");
        other.host = QStringLiteral("pop.example.test");
        other.user = QStringLiteral("x");
        QVERIFY(Accounts::AccountStore(*m_store).add(other));
        m_keychain->failWrites = ErrorCode::KeychainUnavailable;

        auto w = makeWizard();
        throughDiscovery(*w);
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded(), NetworkWaitMs);
        throughOutgoing(*w, false);
        w->next();
        QCOMPARE(w->field(QStringLiteral("accountName")).toString(), QStringLiteral("example.test (2)"));
        // The taken name itself is refused in words.
        w->setField(QStringLiteral("accountName"), QStringLiteral("Example.Test"));
        w->button(QWizard::FinishButton)->click();
        QVERIFY(labelText(w.get(), "finishProblem").contains(QStringLiteral("exists already")));
        QCOMPARE(Accounts::AccountStore(*m_store).list()->size(), 1);
        w->setField(QStringLiteral("accountName"), QStringLiteral("example.test (2)"));

        QSignalSpy failed(w.get(), &AccountWizard::keychainFailed);
        w->button(QWizard::FinishButton)->click();
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(w->isVisible());
        QCOMPARE(w->keychainError().code, ErrorCode::KeychainUnavailable);
        QVERIFY(labelText(w.get(), "finishProblem").contains(QStringLiteral("keychain")));
        auto *keep = w->findChild<QCheckBox *>(QStringLiteral("keepPasswordForSession"));
        QVERIFY(keep->isVisible());
        // Fully readable at the wizard's own size: nothing cut off.
        const QStringList cut = PoplarTest::cutOff(w->currentPage());
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral(" | "))));
        QVERIFY(keep->width() >= keep->sizeHint().width());
        const auto *note = w->findChild<QLabel *>(QStringLiteral("keepPasswordNote"));
        QVERIFY(note && note->isVisible());
        QVERIFY(note->text().contains(QStringLiteral("written nowhere")));
        QCOMPARE(Accounts::AccountStore(*m_store).list()->size(), 2);  // the settings are saved

        keep->setChecked(true);
        w->button(QWizard::FinishButton)->click();
        QTRY_COMPARE(w->result(), int(QDialog::Accepted));
        QVERIFY(!w->passwordInKeychain());
        QVERIFY(w->hasSessionPassword());
        QCOMPARE(w->takeSessionPassword().view(), QByteArrayView(password().toUtf8()));
        QVERIFY(!w->hasSessionPassword());
        QCOMPARE(Accounts::AccountStore(*m_store).list()->size(), 2);  // not saved twice
        QVERIFY(m_keychain->secrets.isEmpty());
    }

    // No outgoing server answers: the page says so and proposes setting up
    // sending later; a typed server that does not answer fails its test
    // in words and keeps the user on the page.
    void noOutgoingServerFoundMeansLater()
    {
        m_ports.remove(QStringLiteral("smtp.example.test:465"));
        m_ports.remove(QStringLiteral("smtp.example.test:587"));
        auto w = makeWizard();
        throughDiscovery(*w);
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded(), NetworkWaitMs);
        w->next();
        OutgoingPage *page = outgoingPage(*w);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isSearching(), NetworkWaitMs);
        QVERIFY(page->result()->servers.isEmpty());
        QVERIFY2(labelText(w.get(), "outgoingStatus").contains(QStringLiteral("No outgoing server was found")),
            qPrintable(labelText(w.get(), "outgoingStatus")));
        QVERIFY(w->field(QStringLiteral("sendLater")).toBool());
        QVERIFY(page->isComplete());
        QCOMPARE(shownButtonText(w->button(QWizard::NextButton)), QStringLiteral("Next"));

        // Typed in: tested, refused, said; nothing moves on.
        auto *typed = w->findChild<QLineEdit *>(QStringLiteral("smtpHost"));
        QVERIFY(!typed->isEnabled());  // until chosen
        w->findChild<QRadioButton *>(QStringLiteral("useTypedServer"))->click();
        QVERIFY(typed->isEnabled());
        typed->clear();
        QTest::keyClicks(typed, QStringLiteral("out.example.test"));
        QVERIFY(!w->field(QStringLiteral("sendLater")).toBool());
        QCOMPARE(shownButtonText(w->button(QWizard::NextButton)), QStringLiteral("Use This Server"));
        QSignalSpy tested(page, &OutgoingPage::testFinished);
        w->next();
        QVERIFY(tested.wait(NetworkWaitMs));
        QCOMPARE(tested.first().first().toBool(), false);
        QCOMPARE(w->currentId(), int(AccountWizard::OutgoingPage));
        QCOMPARE(page->lastError().code, ErrorCode::ConnectionRefused);
        QVERIFY2(labelText(w.get(), "outgoingTestDetails").contains(QStringLiteral("server name and port")),
            qPrintable(labelText(w.get(), "outgoingTestDetails")));
        QVERIFY(m_asked.size() == 1);  // no outgoing certificate was ever seen

        w->setField(QStringLiteral("sendLater"), true);
        QVERIFY(labelText(w.get(), "outgoingTestResult").isEmpty());  // about another choice
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::PolicyPage));
        w->next();
        QVERIFY2(labelText(w.get(), "summary").contains(QStringLiteral("Outgoing server: none yet")),
            qPrintable(labelText(w.get(), "summary")));
        w->button(QWizard::FinishButton)->click();
        QTRY_COMPARE(w->result(), int(QDialog::Accepted));
        QVERIFY(!w->account().smtp.isSet());
        QVERIFY(!Accounts::AccountStore(*m_store).byId(w->account().id)->smtp.isSet());
    }

    // What the user chose while the search was still looking stands: the
    // search is dropped when they go on, and nothing it would have found
    // is put in its place.
    void aChoiceMadeDuringTheSearchStands()
    {
        QTcpServer silent;  // accepts and never answers: holds the search open
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> held;
        connect(&silent, &QTcpServer::newConnection, &silent, [&] {
            while (QTcpSocket *c = silent.nextPendingConnection())
                held << c;
        });
        m_ports.insert(QStringLiteral("mail.example.test:587"), silent.serverPort());
        auto w = makeWizard();
        throughDiscovery(*w);
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded(), NetworkWaitMs);
        w->next();
        OutgoingPage *page = outgoingPage(*w);
        QTRY_VERIFY(!held.isEmpty());
        QVERIFY(page->isSearching());
        w->setField(QStringLiteral("sendLater"), true);
        QVERIFY(page->isComplete());
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::PolicyPage));
        QVERIFY(!page->isSearching());
        // The probe the search had open is gone, and with it all it would find.
        QTRY_VERIFY(std::all_of(held.cbegin(), held.cend(),
            [](const QTcpSocket *c) { return c->state() == QAbstractSocket::UnconnectedState; }));
        QTest::qWait(100);
        QVERIFY(!w->draft().smtp.isSet());
        QVERIFY(w->field(QStringLiteral("sendLater")).toBool());
    }

    // A pass is for the login it was made with: after the incoming server
    // was tested again (the login may have changed), the outgoing one is
    // tested again too.
    void aPassIsForgottenWhenTheAccountIsTestedAgain()
    {
        auto w = makeWizard();
        throughDiscovery(*w);
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded(), NetworkWaitMs);
        throughOutgoing(*w, true);
        QVERIFY(outgoingPage(*w)->tested());
        w->back();
        QCOMPARE(w->currentId(), int(AccountWizard::OutgoingPage));
        w->back();
        QCOMPARE(w->currentId(), int(AccountWizard::TestPage));
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::OutgoingPage));
        QVERIFY(!outgoingPage(*w)->tested());
        QCOMPARE(shownButtonText(w->button(QWizard::NextButton)), QStringLiteral("Use This Server"));
        QVERIFY(labelText(w.get(), "outgoingTestResult").isEmpty());
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(
            w->currentId() == AccountWizard::PolicyPage || outgoingPage(*w)->lastError(), NetworkWaitMs);
        QCOMPARE(w->currentId(), int(AccountWizard::PolicyPage));
    }

    // An outgoing server DNS names outside the mail domain is listed, never
    // proposed, and used only after "use it anyway".
    void anOutgoingServerOutsideTheDomainNeedsAnExplicitChoice()
    {
        m_srv.insert(QStringLiteral("_submissions._tcp.example.test"),
            { { QStringLiteral("relay.provider.test"), 465, 0, 0 } });
        m_ports.remove(QStringLiteral("smtp.example.test:465"));
        m_ports.remove(QStringLiteral("smtp.example.test:587"));
        m_ports.insert(QStringLiteral("relay.provider.test:465"), m_dovecot->submissionsPort());
        auto w = makeWizard();
        throughDiscovery(*w);
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded(), NetworkWaitMs);
        w->next();
        OutgoingPage *page = outgoingPage(*w);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isSearching(), NetworkWaitMs);
        QCOMPARE(page->result()->servers.size(), 1);
        QVERIFY(w->field(QStringLiteral("sendLater")).toBool());  // not chosen for the user
        auto *list = w->findChild<QListWidget *>(QStringLiteral("outgoingServers"));
        QVERIFY2(list->item(0)->text().contains(QStringLiteral("outside example.test")),
            qPrintable(list->item(0)->text()));
        list->setCurrentRow(0);
        QVERIFY(w->findChild<QRadioButton *>(QStringLiteral("useFoundServer"))->isChecked());
        const QString warning = labelText(w.get(), "outgoingOutsideWarning");
        QVERIFY2(warning.startsWith(QStringLiteral("relay.provider.test is not in example.test.")), qPrintable(warning));
        QVERIFY(!page->isComplete());
        auto *useAnyway = w->findChild<QCheckBox *>(QStringLiteral("useOutgoingOutsideDomain"));
        QVERIFY(useAnyway->isVisible());
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::OutgoingPage));
        QCOMPARE(m_asked.size(), 1);  // nothing tried
        useAnyway->setChecked(true);
        QVERIFY(page->isComplete());
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(w->currentId() == AccountWizard::PolicyPage || page->lastError(), NetworkWaitMs);
        QVERIFY2(!page->lastError(), qPrintable(page->lastError().technicalDescription()));
        QCOMPARE(w->draft().smtp.host, QStringLiteral("relay.provider.test"));
    }

    void aServerOutsideTheDomainNeedsAnExplicitChoice()
    {
        // DNS (perhaps forged) names a host in another domain; nothing
        // answers at the domain's usual names.
        m_srv.insert(
            QStringLiteral("_pop3s._tcp.example.test"), { { QStringLiteral("mail.provider.test"), 995, 0, 0 } });
        m_ports.clear();
        m_ports.insert(QStringLiteral("mail.provider.test:995"), m_dovecot->tlsPort());
        auto w = makeWizard();
        fillIdentity(*w, email(), password());
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(w->currentPage()->isComplete(), NetworkWaitMs);
        auto *page = qobject_cast<DiscoveryPage *>(w->currentPage());
        QCOMPARE(page->result()->servers.size(), 1);
        QVERIFY(page->result()->servers.first().outsideDomain);
        // The usual names were asked too.
        QVERIFY(m_dialled.contains(QStringLiteral("pop.example.test:995")));
        // Listed, but not chosen.
        auto *list = w->findChild<QListWidget *>(QStringLiteral("servers"));
        QCOMPARE(list->count(), 1);
        QVERIFY2(
            list->item(0)->text().contains(QStringLiteral("outside example.test")), qPrintable(list->item(0)->text()));
        QVERIFY(!page->selectedServer());
        QVERIFY2(labelText(w.get(), "discoveryStatus").contains(QStringLiteral("only servers outside example.test")),
            qPrintable(labelText(w.get(), "discoveryStatus")));
        auto *warning = w->findChild<QLabel *>(QStringLiteral("outsideDomainWarning"));
        auto *useAnyway = w->findChild<QCheckBox *>(QStringLiteral("useOutsideDomain"));
        QVERIFY(!warning->isVisible());
        QVERIFY(!useAnyway->isVisible());

        // Picking it warns, naming both domains, and Use This Server stays
        // refused until the user says "use it anyway".
        list->setCurrentRow(0);
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().startsWith(QStringLiteral("mail.provider.test is not in example.test.")),
            qPrintable(warning->text()));
        QVERIFY(warning->text().contains(QStringLiteral("forged")));
        // All of it readable at the wizard's size: nothing squeezed or cut off.
        QStringList cut = PoplarTest::cutOff(w->currentPage());
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral(" | "))));
        QVERIFY(useAnyway->isVisible());
        QVERIFY(!useAnyway->isChecked());
        QCOMPARE(shownButtonText(w->button(QWizard::NextButton)), QStringLiteral("Use This Server"));
        QVERIFY(!page->isComplete());
        QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::DiscoveryPage));
        QVERIFY(m_asked.isEmpty());  // no login was tried

        // The choice belongs to that server only.
        list->setCurrentRow(-1);
        QVERIFY(!warning->isVisible());
        list->setCurrentRow(0);
        useAnyway->setChecked(true);
        QVERIFY(page->isComplete());
        QVERIFY(w->button(QWizard::NextButton)->isEnabled());
        list->setCurrentRow(-1);
        list->setCurrentRow(0);
        QVERIFY(!useAnyway->isChecked());
        QVERIFY(!page->isComplete());

        useAnyway->setChecked(true);
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::TestPage));
        QCOMPARE(w->field(QStringLiteral("host")).toString(), QStringLiteral("mail.provider.test"));
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->succeeded() || testPage(*w)->lastError(), NetworkWaitMs);
        QVERIFY2(testPage(*w)->succeeded(), qPrintable(testPage(*w)->lastError().technicalDescription()));
    }

    void theDomainsOwnServerIsProposedBeforeAForeignOne()
    {
        m_srv.insert(
            QStringLiteral("_pop3s._tcp.example.test"), { { QStringLiteral("mail.provider.test"), 995, 0, 0 } });
        m_ports.insert(QStringLiteral("mail.provider.test:995"), m_dovecot->tlsPort());
        auto w = makeWizard();
        fillIdentity(*w, email(), password());
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(w->currentPage()->isComplete(), NetworkWaitMs);
        auto *page = qobject_cast<DiscoveryPage *>(w->currentPage());
        QCOMPARE(page->selectedServer()->server.host, QStringLiteral("pop.example.test"));
        QVERIFY(!page->selectedServer()->outsideDomain);
        bool foreignListed = false;
        auto *list = w->findChild<QListWidget *>(QStringLiteral("servers"));
        for (int i = 0; i < list->count(); ++i)
            foreignListed = foreignListed || list->item(i)->text().startsWith(QStringLiteral("mail.provider.test"));
        QVERIFY(foreignListed);
        QVERIFY(!w->findChild<QLabel *>(QStringLiteral("outsideDomainWarning"))->isVisible());
        QVERIFY(labelText(w.get(), "discoveryStatus").startsWith(QStringLiteral("Poplar found these POP3 servers")));
    }

    void theButtonIsTheOneTheTextNames()
    {
        // Nothing found: the button leads to the settings and says so.
        m_ports.clear();
        auto w = makeWizard();
        fillIdentity(*w, email(), password());
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(w->currentPage()->isComplete(), NetworkWaitMs);
        const QString next = shownButtonText(w->button(QWizard::NextButton));
        QCOMPARE(next, QStringLiteral("Enter Settings"));
        const QString status = labelText(w.get(), "discoveryStatus");
        QVERIFY2(status.contains(QStringLiteral("Press Enter Settings")), qPrintable(status));
        QVERIFY2(!status.contains(QStringLiteral("Next")), qPrintable(status));
        QVERIFY(labelText(w.get(), "confirmServer").startsWith(QStringLiteral("Enter Settings:")));
        // No second button to the same place beside it.
        QVERIFY2(PoplarTest::cutOff(w->currentPage()).isEmpty(),
            qPrintable(PoplarTest::cutOff(w->currentPage()).join(QStringLiteral(" | "))));
        QVERIFY(!w->button(QWizard::CustomButton1)->isVisible());
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::ManualPage));

        // A server found: the button uses it, and the text says what that does.
        m_ports.insert(QStringLiteral("pop.example.test:995"), m_dovecot->tlsPort());
        w->back();
        w->findChild<QAbstractButton *>(QStringLiteral("searchAgain"))->click();
        QVERIFY(w->button(QWizard::CustomButton1)->isVisible());  // while looking: skip the search
        QTRY_VERIFY_WITH_TIMEOUT(
            w->currentPage()->isComplete() && qobject_cast<DiscoveryPage *>(w->currentPage())->selectedServer(),
            NetworkWaitMs);
        QCOMPARE(shownButtonText(w->button(QWizard::NextButton)), QStringLiteral("Use This Server"));
        QVERIFY2(labelText(w.get(), "confirmServer").startsWith(QStringLiteral("Use This Server: Poplar logs in")),
            qPrintable(labelText(w.get(), "confirmServer")));
        QVERIFY(w->button(QWizard::CustomButton1)->isVisible());
        // None picked: the button changes with it.
        w->findChild<QListWidget *>(QStringLiteral("servers"))->setCurrentRow(-1);
        QCOMPARE(shownButtonText(w->button(QWizard::NextButton)), QStringLiteral("Enter Settings"));
        QVERIFY(labelText(w.get(), "confirmServer").startsWith(QStringLiteral("Enter Settings:")));
    }

    void aFailedTestPromisesNoRetry()
    {
        // Whatever failed, the wizard says what the user can do, and never
        // that Poplar tries again by itself: it does not.
        static const QRegularExpression promise(
            QStringLiteral("(will|would|shall) (wait and )?try again|tries again|(retry|retries|try again) "
                           "(later|shortly|automatically|by itself)"),
            QRegularExpression::CaseInsensitiveOption);
        const QMetaEnum codes = QMetaEnum::fromType<ErrorCode>();
        for (int i = 0; i < codes.keyCount(); ++i) {
            const Poplar::Error error(ErrorCode(codes.value(i)));
            const QString said = ConnectionTestPage::failureText(error);
            const QString next = ConnectionTestPage::nextStepText(error);
            QVERIFY2(!said.isEmpty(), codes.key(i));
            QVERIFY2(
                !promise.match(said).hasMatch(), qPrintable(QLatin1String(codes.key(i)) + QStringLiteral(": ") + said));
            QVERIFY2(next.contains(QStringLiteral("Test Again")) || next.contains(QStringLiteral("Change Password")),
                codes.key(i));
        }
    }

    void theNextStepFollowsTheKindOfError()
    {
        // One grouping of codes (errorCategory) decides what the wizard
        // suggests: every code of a kind gets that kind's advice.
        const QMetaEnum codes = QMetaEnum::fromType<ErrorCode>();
        for (int i = 0; i < codes.keyCount(); ++i) {
            const ErrorCode code = ErrorCode(codes.value(i));
            const QString next = ConnectionTestPage::nextStepText(Poplar::Error(code));
            switch (Poplar::errorCategory(code)) {
            case Poplar::ErrorCategory::Authentication:
            case Poplar::ErrorCategory::Credentials:
                QVERIFY2(next.contains(QStringLiteral("Change Password")), codes.key(i));
                break;
            case Poplar::ErrorCategory::Network: QVERIFY2(next.contains(QStringLiteral("online")), codes.key(i)); break;
            case Poplar::ErrorCategory::Tls:
                QVERIFY2(next.contains(QStringLiteral("certificate")), codes.key(i));
                break;
            case Poplar::ErrorCategory::ServerBusy:
                QVERIFY2(next.contains(QStringLiteral("in a few minutes")), codes.key(i));
                break;
            default: QVERIFY2(next.startsWith(QStringLiteral("Press Test Again")), codes.key(i));
            }
        }
        QVERIFY(ConnectionTestPage::nextStepText(Poplar::Error(ErrorCode::ConnectionRefused))
                    .contains(QStringLiteral("online")));
    }

    void aTemporaryFailureIsSaidWithTheServersWordsAsTheyAre()
    {
        PoplarTest::ScriptedPop3Server server;
        server.replies.insert("CAPA", "+OK\r\nUSER\r\nRESP-CODES\r\n.\r\n");
        server.replies.insert("USER", "+OK\r\n");
        server.replies.insert("PASS", "-ERR [SYS/TEMP] " + HostileText + "\r\n");
        QVERIFY(server.start());
        m_ports.clear();
        m_ports.insert(QStringLiteral("pop.example.test:110"), server.serverPort());
        auto w = makeWizard();
        fillIdentity(*w, QStringLiteral("alice@example.test"), QStringLiteral("secret"));
        w->button(QWizard::CustomButton1)->click();
        w->setField(QStringLiteral("host"), QStringLiteral("pop.example.test"));
        w->setField(QStringLiteral("security"), int(Net::Security::None));
        w->setField(QStringLiteral("insecureConsent"), true);
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::TestPage));
        QTRY_VERIFY_WITH_TIMEOUT(testPage(*w)->lastError(), NetworkWaitMs);
        QCOMPARE(testPage(*w)->lastError().code, ErrorCode::ServerTemporary);
        QVERIFY(server.commands.contains("PASS secret"));

        const auto *result = w->findChild<QLabel *>(QStringLiteral("testResult"));
        const auto *details = w->findChild<QLabel *>(QStringLiteral("testDetails"));
        QCOMPARE(result->text(), QStringLiteral("The server reported a temporary problem."));
        QVERIFY2(details->text().contains(QStringLiteral("Press Test Again")), qPrintable(details->text()));
        QVERIFY(w->findChild<QAbstractButton *>(QStringLiteral("testAgain"))->isVisible());
        QVERIFY(!w->findChild<QAbstractButton *>(QStringLiteral("changePassword"))->isVisible());
        QVERIFY2(PoplarTest::cutOff(w->currentPage()).isEmpty(),
            qPrintable(PoplarTest::cutOff(w->currentPage()).join(QStringLiteral(" | "))));
        // The server's words literally: tags and all, never a link.
        for (const QLabel *l : w->currentPage()->findChildren<QLabel *>())
            QVERIFY2(l->textFormat() == Qt::PlainText || l->text().isEmpty(), qPrintable(l->objectName()));
        QVERIFY2(
            PoplarTest::shownText(details).contains(QString::fromLatin1(HostileText)), qPrintable(details->text()));
    }

    void theDiscoveredServersWordsAreShownAsTheyAre()
    {
        PoplarTest::ScriptedPop3Server server;
        server.greeting = "+OK " + HostileText;
        server.replies.insert("CAPA", "+OK\r\nUSER\r\nUIDL\r\nIMPLEMENTATION " + HostileText + "\r\n.\r\n");
        server.replies.insert("STLS", "-ERR " + HostileText + "\r\n");
        QVERIFY(server.start());
        m_ports.clear();
        m_ports.insert(QStringLiteral("pop.example.test:110"), server.serverPort());
        auto w = makeWizard();
        fillIdentity(*w, QStringLiteral("alice@example.test"), QStringLiteral("secret"));
        w->next();
        QTRY_VERIFY_WITH_TIMEOUT(w->currentPage()->isComplete(), NetworkWaitMs);
        w->findChild<QListWidget *>(QStringLiteral("servers"))->setCurrentRow(0);
        const auto *details = w->findChild<QLabel *>(QStringLiteral("serverDetails"));
        QCOMPARE(details->textFormat(), Qt::PlainText);
        QVERIFY2(PoplarTest::shownText(details).contains(
                     QStringLiteral("Server software: ") + QString::fromLatin1(HostileText)),
            qPrintable(details->text()));
        for (const QLabel *l : w->currentPage()->findChildren<QLabel *>()) {
            if (l->buddy())
                continue;  // the list's caption
            QVERIFY2(l->textFormat() == Qt::PlainText || l->text().isEmpty(), qPrintable(l->objectName()));
        }
    }

    void noLabelShowsAStrayAmpersand()
    {
        for (const QLocale &locale : { QLocale(QLocale::English), QLocale(QLocale::German, QLocale::Germany) }) {
            if (locale.language() == QLocale::German)
                QVERIFY(Poplar::Ui::installTranslations(*QCoreApplication::instance(), locale));
            auto w = makeWizard();
            for (int id : w->pageIds()) {
                const QStringList stray = PoplarTest::strayMnemonics(w->page(id));
                QVERIFY2(stray.isEmpty(),
                    qPrintable(locale.name() + QStringLiteral(": ") + stray.join(QStringLiteral(" | "))));
            }
            // The label of the CA file, in both languages, names its field.
            const auto *ca = w->page(AccountWizard::ManualPage)->findChild<QLineEdit *>(QStringLiteral("caFile"));
            bool labelled = false;
            for (const QLabel *l : w->page(AccountWizard::ManualPage)->findChildren<QLabel *>())
                labelled = labelled || l->buddy() == ca;
            QVERIFY(labelled);
        }
        for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

    // What a server offers is said in German too (the texts once sat in a
    // context the program never looked in).
    void serverDescriptionsAreTranslated()
    {
        // German for this test only, whatever fails in it.
        struct English {
            ~English()
            {
                for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>()) {
                    QCoreApplication::removeTranslator(t);
                    delete t;
                }
            }
        } english;
        QVERIFY(Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany)));
        Pop3::ServerInfo pop3;
        pop3.tls.encrypted = true;
        pop3.tls.protocol = QStringLiteral("TLSv1.3");
        const QStringList incoming = Poplar::Ui::capabilityTexts(pop3);
        Smtp::ServerInfo smtp;
        smtp.tls.encrypted = true;
        smtp.tls.protocol = QStringLiteral("TLSv1.3");
        smtp.extended = true;
        smtp.capabilities.domain = "out.example.test";
        smtp.capabilities.authMechanisms = { "PLAIN" };
        const QStringList outgoing = Poplar::Ui::capabilityTexts(smtp);
        QVERIFY2(incoming.contains(QStringLiteral("Die Verbindung ist verschlüsselt (TLSv1.3).")),
            qPrintable(incoming.join(QLatin1Char('|'))));
        QVERIFY2(outgoing.contains(QStringLiteral("Anmeldemethoden: PLAIN.")), qPrintable(outgoing.join(QLatin1Char('|'))));
        QVERIFY2(outgoing.contains(QStringLiteral("Der Server nennt sich out.example.test.")),
            qPrintable(outgoing.join(QLatin1Char('|'))));
    }

    void cancellingTheSearchLeadsToManualSettings()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        m_ports.clear();
        m_closed = silent.serverPort();  // every name answers with silence
        auto w = makeWizard();
        fillIdentity(*w, email(), password());
        w->next();
        QVERIFY(!w->currentPage()->isComplete());
        auto *stop = w->findChild<QAbstractButton *>(QStringLiteral("stopDiscovery"));
        QTRY_VERIFY(stop->isVisible() && stop->isEnabled());
        stop->click();
        QTRY_VERIFY_WITH_TIMEOUT(w->currentPage()->isComplete(), 5'000);
        QVERIFY(labelText(w.get(), "discoveryStatus").contains(QStringLiteral("stopped")));
        w->next();
        QCOMPARE(w->currentId(), int(AccountWizard::ManualPage));
    }
};

QTEST_MAIN(TestAccountWizard)
#include "tst_account_wizard.moc"
