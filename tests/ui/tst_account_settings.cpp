// The account settings dialog and its diagnostics page, offscreen, against
// a private Dovecot: every field round-trips through the store; bad input
// is refused in words with nothing saved; Cancel changes nothing; a new
// password goes to the keychain and nowhere else (the SQLite files are
// searched for it), and a missing keychain is said plainly. Diagnostics:
// Test Connection shows capabilities, the mailbox (STAT), the TLS
// fingerprint and a protocol log with USER and CAPA but not the password;
// the password and certificate questions; the preview (a dry run) lists
// what the policy would delete, with reasons, and deletes nothing; the
// history shows a successful and a failed fetch.
//
// The keychain is in memory here; the Secret Service is tested in tst_keychain.

#include "DovecotServer.h"
#include "FetchRunner.h"
#include "MemoryKeychain.h"
#include "ScriptedPop3Server.h"
#include "WidgetChecks.h"
#include "accounts/AccountStore.h"
#include "accounts/CredentialStore.h"
#include "store/Database.h"
#include "store/Store.h"
#include "sync/FetchHistory.h"
#include "sync/SyncState.h"
#include "sync/FetchJob.h"
#include "sync/Ledger.h"
#include "text/ErrorText.h"
#include "text/Translations.h"
#include "widgets/AccountDiagnostics.h"
#include "widgets/AccountSettingsDialog.h"
#include "widgets/PasswordDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

#include <memory>

using Poplar::ErrorCode;
using Poplar::Ui::AccountDiagnostics;
using Poplar::Ui::AccountSettingsDialog;
using PoplarTest::MemoryKeychain;

namespace {

QByteArray mail(int n)
{
    return "From: Ann <ann@example.org>\nTo: bob@example.org\nSubject: Settings " + QByteArray::number(n)
        + "\nDate: Sun, 22 Nov 2026 10:0" + QByteArray::number(n % 10) + ":00 +0000\nMessage-ID: <settings-"
        + QByteArray::number(n) + "@example.org>\n\nHello " + QByteArray::number(n) + ".\n";
}

// A server's text that would be a link and bold text if taken for markup.
const QByteArray HostileText = R"(<a href="http://x.invalid/">click</a><b>bold</b>)";

// Labels that would render `text` as markup: a link in a Poplar dialog.
QStringList renderedAsMarkup(const QWidget *root, const QString &text)
{
    QStringList out;
    for (const QLabel *l : root->findChildren<QLabel *>()) {
        if (l->text().contains(text) && PoplarTest::shownText(l) != l->text())
            out << l->objectName() + QStringLiteral(": ") + l->text();
    }
    return out;
}

QTreeWidgetItem *row(const QTreeWidget *tree, const QString &name)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = tree->topLevelItem(i);
        for (int j = 0; j < section->childCount(); ++j) {
            if (section->child(j)->text(0) == name)
                return section->child(j);
        }
    }
    return nullptr;
}

template<typename T>
T *child(QObject *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

}  // namespace

class TestAccountSettings : public QObject
{
    Q_OBJECT

    std::unique_ptr<Poplar::DovecotServer> m_server;
    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Store::MailStore> m_store;
    std::unique_ptr<MemoryKeychain> m_keychain;
    Accounts::Account m_account;
    QString m_user;
    int m_users = 0;
    qint64 m_listed = 0;  // what STAT reports for the three messages

    QString password() const { return m_server->passwordFor(m_user); }

    std::unique_ptr<AccountSettingsDialog> openDialog()
    {
        auto dialog = std::make_unique<AccountSettingsDialog>(*m_store, *m_keychain, m_account.id);
        dialog->show();
        return dialog;
    }

    Accounts::Account stored() { return Accounts::AccountStore(*m_store).byId(m_account.id).value(); }

    Sync::FetchReport fetch(const QByteArray &secret)
    {
        Sync::FetchJob job(*m_store, stored(), Accounts::credentials(stored(), Poplar::Secret(secret)), {});
        return PoplarTest::runFetch(job, 60'000);
    }

    QByteArray storeFiles()
    {
        QByteArray all;
        for (const QString &name : QDir(m_profile->path()).entryList(QDir::Files)) {
            QFile f(QDir(m_profile->path()).filePath(name));
            if (f.open(QIODevice::ReadOnly))
                all += f.readAll();
        }
        return all;
    }

    static Poplar::Error runTest(AccountSettingsDialog &dialog)
    {
        QSignalSpy finished(dialog.diagnostics(), &AccountDiagnostics::testFinished);
        child<QPushButton>(dialog.diagnostics(), "testConnection")->click();
        if (!finished.wait(30'000))
            return Poplar::Error(ErrorCode::InvalidState, QStringLiteral("no answer"));
        return finished.first().first().value<Poplar::Error>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_server = std::make_unique<Poplar::DovecotServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void init()
    {
        m_user = QStringLiteral("user%1").arg(++m_users);
        QVERIFY(m_server->addUser(m_user, QStringLiteral("pw-%1!secret").arg(m_users)));
        m_listed = 0;
        for (int n = 1; n <= 3; ++n) {
            QVERIFY(m_server->addMessage(mail(n), nullptr, m_user));
            m_listed += Poplar::DovecotServer::expectedListSize(mail(n));
        }
        m_profile = std::make_unique<QTemporaryDir>();
        m_store = Store::MailStore::open(m_profile->path()).value();
        Accounts::Account a;
        a.name = QStringLiteral("Work");
        a.email = QStringLiteral("bob@example.org");
        a.host = m_server->host();
        a.port = m_server->tlsPort();
        a.user = m_user;
        a.caFile = m_server->certificatePath();
        m_account = Accounts::AccountStore(*m_store).add(a).value();
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, password().toUtf8());
    }

    void cleanup()
    {
        m_keychain.reset();
        m_store.reset();
        m_profile.reset();
    }

    void everyFieldRoundTrips()
    {
        const qint64 projects = m_store->createFolder(0, QStringLiteral("Projects")).value();
        auto dialog = openDialog();
        QVERIFY(dialog->isLoaded());
        QCOMPARE(dialog->editedAccount(), m_account);  // loaded as stored
        QSignalSpy changed(dialog.get(), &AccountSettingsDialog::accountChanged);

        child<QLineEdit>(dialog.get(), "name")->setText(QStringLiteral("Private"));
        child<QLineEdit>(dialog.get(), "email")->setText(QStringLiteral("ann@example.net"));
        child<QLineEdit>(dialog.get(), "displayName")->setText(QStringLiteral("Ann Example"));
        child<QCheckBox>(dialog.get(), "enabled")->setChecked(false);
        auto *folder = child<QComboBox>(dialog.get(), "folder");
        folder->setCurrentIndex(folder->findData(projects));
        child<QLineEdit>(dialog.get(), "host")->setText(QStringLiteral("localhost"));
        child<QLineEdit>(dialog.get(), "port")->setText(QStringLiteral("1110"));
        auto *security = child<QComboBox>(dialog.get(), "security");
        security->setCurrentIndex(security->findData(int(Net::Security::None)));
        child<QCheckBox>(dialog.get(), "insecureConsent")->setChecked(true);
        child<QLineEdit>(dialog.get(), "user")->setText(QStringLiteral("ann"));
        auto *auth = child<QComboBox>(dialog.get(), "auth");
        auth->setCurrentIndex(auth->findData(QStringLiteral("CRAM-MD5")));
        child<QLineEdit>(dialog.get(), "caFile")->clear();
        child<QCheckBox>(dialog.get(), "leaveOnServer")->setChecked(true);
        child<QSpinBox>(dialog.get(), "keepDays")->setValue(14);
        child<QSpinBox>(dialog.get(), "keepCount")->setValue(500);
        child<QSpinBox>(dialog.get(), "keepMb")->setValue(200);
        child<QCheckBox>(dialog.get(), "deleteWhenDeletedLocally")->setChecked(true);
        child<QSpinBox>(dialog.get(), "sizeLimit")->setValue(2048);
        child<QSpinBox>(dialog.get(), "interval")->setValue(25);
        child<QCheckBox>(dialog.get(), "uidlFallback")->setChecked(true);

        Accounts::Account expected = m_account;
        expected.name = QStringLiteral("Private");
        expected.email = QStringLiteral("ann@example.net");
        expected.displayName = QStringLiteral("Ann Example");
        expected.enabled = false;
        expected.targetFolderId = projects;
        expected.host = QStringLiteral("localhost");
        expected.port = 1110;
        expected.security = Net::Security::None;
        expected.insecureConsent = true;
        expected.user = QStringLiteral("ann");
        expected.auth = QStringLiteral("CRAM-MD5");
        expected.caFile.clear();
        expected.policy = { true, 14, 500, 200, true, 2048 };
        expected.intervalMinutes = 25;
        expected.uidlFallbackAccepted = true;

        QSignalSpy closed(dialog.get(), &QDialog::accepted);
        dialog->accept();  // Save
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
        QCOMPARE(closed.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toLongLong(), m_account.id);
        QCOMPARE(stored(), expected);
        QVERIFY(m_store->folderByPath(QStringLiteral("Private/Inbox")));  // renamed with its folders

        // Opened again, it shows what was saved; the pin is shown and can be forgotten.
        expected.caFile.clear();
        expected.pinnedSha256 = QByteArray(32, '\x42');
        QVERIFY(Accounts::AccountStore(*m_store).update(expected));
        dialog = openDialog();
        QCOMPARE(dialog->editedAccount(), expected);
        QCOMPARE(
            child<QLabel>(dialog.get(), "pinnedFingerprint")->text(), Net::formatFingerprint(QByteArray(32, '\x42')));
        // Without leave-on-server the limits do not apply and are not kept.
        child<QCheckBox>(dialog.get(), "leaveOnServer")->setChecked(false);
        QVERIFY(!child<QSpinBox>(dialog.get(), "keepDays")->isEnabled());
        child<QPushButton>(dialog.get(), "forgetPin")->click();
        QVERIFY(dialog->save());
        expected.pinnedSha256.clear();
        expected.policy = { false, 0, 0, 0, false, 2048 };
        QCOMPARE(stored(), expected);
    }

    void invalidInputIsRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("page");     // the tab shown
        QTest::addColumn<QString>("message");  // part of what is said
        QTest::newRow("empty host") << "host"
                                    << ""
                                    << "serverPage"
                                    << "Enter the server's name";
        QTest::newRow("host with space") << "host"
                                         << "pop example.org"
                                         << "serverPage"
                                         << "not a server name";
        QTest::newRow("port not a number") << "port"
                                           << "pop"
                                           << "serverPage"
                                           << "The port must be a number";
        QTest::newRow("port too big") << "port"
                                      << "65536"
                                      << "serverPage"
                                      << "The port must be a number";
        QTest::newRow("no security without consent") << "security"
                                                     << "none"
                                                     << "serverPage"
                                                     << "explicit consent";
        QTest::newRow("missing CA file") << "caFile"
                                         << "/nonexistent/ca.pem"
                                         << "serverPage"
                                         << "No PEM certificate could be read";
        QTest::newRow("CA file is no certificate") << "caFile"
                                                   << "NOT-PEM"
                                                   << "serverPage"
                                                   << "No PEM certificate could be read";
        QTest::newRow("bad email") << "email"
                                   << "bob.example.org"
                                   << "accountPage"
                                   << "is not an email address";
        QTest::newRow("reserved name") << "name"
                                       << "Trash"
                                       << "accountPage"
                                       << "An account name needs";
        QTest::newRow("name taken") << "name"
                                    << "home"
                                    << "accountPage"
                                    << "Another account is already called";
        QTest::newRow("empty login") << "user"
                                     << ""
                                     << "serverPage"
                                     << "login name";
        QTest::newRow("passwords differ") << "newPassword"
                                          << "one thing"
                                          << "passwordPage"
                                          << "The two passwords differ";
        QTest::newRow("outgoing host with space") << "smtpHost"
                                                  << "smtp example.org"
                                                  << "outgoingPage"
                                                  << "not a server name";
        QTest::newRow("outgoing port not a number") << "smtpPort"
                                                    << "smtp"
                                                    << "outgoingPage"
                                                    << "The port must be a number";
        QTest::newRow("outgoing missing CA file") << "smtpCaFile"
                                                  << "/nonexistent/ca.pem"
                                                  << "outgoingPage"
                                                  << "No PEM certificate could be read";
    }

    void invalidInputIsRefused()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, page);
        QFETCH(QString, message);
        Accounts::Account home = m_account;
        home.name = QStringLiteral("Home");
        QVERIFY(Accounts::AccountStore(*m_store).add(home));
        QTemporaryDir dir;
        if (value == QLatin1String("NOT-PEM")) {
            value = dir.filePath(QStringLiteral("ca.pem"));
            QFile f(value);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("-----BEGIN NOTHING-----\nabc\n-----END NOTHING-----\n");
        }
        auto dialog = openDialog();
        QSignalSpy changed(dialog.get(), &AccountSettingsDialog::accountChanged);
        QSignalSpy closed(dialog.get(), &QDialog::accepted);
        // Another change that would be saved along with it.
        child<QLineEdit>(dialog.get(), "displayName")->setText(QStringLiteral("Changed"));
        if (field.startsWith(QLatin1String("smtp")) && field != QLatin1String("smtpHost"))
            child<QLineEdit>(dialog.get(), "smtpHost")->setText(QStringLiteral("smtp.example.org"));
        if (field == QLatin1String("security")) {
            auto *box = child<QComboBox>(dialog.get(), "security");
            box->setCurrentIndex(box->findData(int(Net::Security::None)));
        } else {
            child<QLineEdit>(dialog.get(), field.toLatin1().constData())->setText(value);
        }
        dialog->accept();
        QVERIFY2(dialog->errorText().contains(message), qPrintable(dialog->errorText()));
        QCOMPARE(dialog->tabs()->currentWidget()->objectName(), page);
        QCOMPARE(closed.size(), 0);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(stored(), m_account);
        QVERIFY(!m_keychain->secrets.value(m_account.credentialKey).contains("one thing"));
        QVERIFY(!dialog->save());
    }

    void cancelChangesNothing()
    {
        auto dialog = openDialog();
        QSignalSpy changed(dialog.get(), &AccountSettingsDialog::accountChanged);
        child<QLineEdit>(dialog.get(), "host")->setText(QStringLiteral("elsewhere.example.org"));
        child<QSpinBox>(dialog.get(), "keepCount")->setValue(7);
        child<QLineEdit>(dialog.get(), "newPassword")->setText(QStringLiteral("never saved"));
        child<QLineEdit>(dialog.get(), "confirmPassword")->setText(QStringLiteral("never saved"));
        child<QPushButton>(dialog.get(), "forgetPin");  // exists
        QSignalSpy rejected(dialog.get(), &QDialog::rejected);
        dialog->reject();
        QCOMPARE(rejected.size(), 1);
        QCoreApplication::processEvents();  // nothing queued by the rejection saves either
        QCOMPARE(changed.size(), 0);
        QCOMPARE(stored(), m_account);
        QCOMPARE(m_keychain->secrets.value(m_account.credentialKey), password().toUtf8());
    }

    void aNewPasswordGoesToTheKeychainOnly()
    {
        const QString secret = QStringLiteral("Fresh-Secret-4711");
        auto dialog = openDialog();
        QSignalSpy done(dialog.get(), &AccountSettingsDialog::saveFinished);
        QSignalSpy passwordChanged(dialog.get(), &AccountSettingsDialog::passwordChanged);
        QSignalSpy changed(dialog.get(), &AccountSettingsDialog::accountChanged);
        QSignalSpy closed(dialog.get(), &QDialog::accepted);
        child<QLineEdit>(dialog.get(), "newPassword")->setText(secret);
        child<QLineEdit>(dialog.get(), "confirmPassword")->setText(secret);
        dialog->accept();
        QVERIFY(done.wait(5000));
        QVERIFY(!done.first().first().value<Poplar::Error>());
        QCOMPARE(passwordChanged.size(), 1);
        QCOMPARE(changed.size(), 0);  // no setting changed
        QCOMPARE(closed.size(), 1);
        QCOMPARE(m_keychain->secrets.value(m_account.credentialKey), secret.toUtf8());
        QCOMPARE(stored(), m_account);
        // Not in the store: neither the database nor its journal.
        m_store.reset();
        const QByteArray files = storeFiles();
        QVERIFY(!files.isEmpty());
        QVERIFY(!files.contains(secret.toUtf8()));
        QVERIFY(!files.contains(secret.toUtf8().toBase64()));
        QVERIFY(!files.contains(QByteArray(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2)));
    }

    // The outgoing server's settings, saved as the CLI saves them; its own
    // password goes to the keychain before the account says it has one,
    // and away again when it is given up.
    void theOutgoingServerRoundTrips()
    {
        auto dialog = openDialog();
        QVERIFY(!child<QLineEdit>(dialog.get(), "smtpPort")->isEnabled());  // no server yet
        child<QLineEdit>(dialog.get(), "smtpHost")->setText(QStringLiteral("localhost"));
        QVERIFY(child<QLineEdit>(dialog.get(), "smtpPort")->isEnabled());
        child<QLineEdit>(dialog.get(), "smtpPort")->setText(QStringLiteral("2587"));
        auto *security = child<QComboBox>(dialog.get(), "smtpSecurity");
        security->setCurrentIndex(security->findData(int(Net::Security::StartTls)));
        child<QLineEdit>(dialog.get(), "smtpUser")->setText(QStringLiteral("bob-smtp"));
        auto *auth = child<QComboBox>(dialog.get(), "smtpAuth");
        QCOMPARE(auth->findData(QStringLiteral("USER")), -1);  // POP3 only
        QCOMPARE(auth->findData(QStringLiteral("APOP")), -1);
        auth->setCurrentIndex(auth->findData(QStringLiteral("PLAIN")));
        child<QLineEdit>(dialog.get(), "smtpCaFile")->setText(m_server->certificatePath());
        QVERIFY(dialog->save());
        Accounts::Account expected = m_account;
        expected.smtp.host = QStringLiteral("localhost");
        expected.smtp.port = 2587;
        expected.smtp.security = Net::Security::StartTls;
        expected.smtp.user = QStringLiteral("bob-smtp");
        expected.smtp.auth = QStringLiteral("PLAIN");
        expected.smtp.caFile = m_server->certificatePath();
        QCOMPARE(stored(), expected);
        dialog = openDialog();
        QCOMPARE(dialog->editedAccount(), expected);

        // Its own password: refused until typed twice alike.
        QSignalSpy done(dialog.get(), &AccountSettingsDialog::saveFinished);
        child<QCheckBox>(dialog.get(), "smtpOwnPassword")->setChecked(true);
        QVERIFY(!dialog->save());
        QVERIFY2(dialog->errorText().contains(QStringLiteral("own password")), qPrintable(dialog->errorText()));
        QCOMPARE(dialog->tabs()->currentWidget()->objectName(), QStringLiteral("outgoingPage"));
        child<QLineEdit>(dialog.get(), "smtpPassword")->setText(QStringLiteral("smtp-secret"));
        child<QLineEdit>(dialog.get(), "smtpConfirmPassword")->setText(QStringLiteral("smtp-secreT"));
        QVERIFY(!dialog->save());
        QVERIFY(dialog->errorText().contains(QStringLiteral("two passwords differ")));
        child<QLineEdit>(dialog.get(), "smtpConfirmPassword")->setText(QStringLiteral("smtp-secret"));
        QVERIFY(dialog->save());
        QVERIFY(done.wait(5000));
        QVERIFY(!done.last().first().value<Poplar::Error>());
        QCOMPARE(m_keychain->secrets.value(m_account.smtpCredentialKey()), QByteArray("smtp-secret"));
        QCOMPARE(m_keychain->secrets.value(m_account.credentialKey), password().toUtf8());
        expected.smtp.separateLogin = true;
        QCOMPARE(stored(), expected);

        // Given up: the account's password again, the entry removed.
        dialog = openDialog();
        QSignalSpy doneAgain(dialog.get(), &AccountSettingsDialog::saveFinished);
        QVERIFY(child<QCheckBox>(dialog.get(), "smtpOwnPassword")->isChecked());
        child<QCheckBox>(dialog.get(), "smtpOwnPassword")->setChecked(false);
        QVERIFY(dialog->save());
        QVERIFY(doneAgain.wait(5000));
        QVERIFY(!doneAgain.last().first().value<Poplar::Error>());
        QVERIFY(!m_keychain->secrets.contains(m_account.smtpCredentialKey()));
        const QString removed = child<QLabel>(dialog.get(), "passwordStatus")->text();
        QVERIFY2(removed.contains(QStringLiteral("own password is removed")) && !removed.contains(QStringLiteral("new password")),
            qPrintable(removed));
        expected.smtp.separateLogin = false;
        QCOMPARE(stored(), expected);
    }

    // Clearing the server gives up all of its settings: what the disabled
    // fields still hold (no encryption without consent, a bad port) does
    // not stand in the way.
    void clearingTheOutgoingServerSaves()
    {
        auto dialog = openDialog();
        child<QLineEdit>(dialog.get(), "smtpHost")->setText(QStringLiteral("localhost"));
        auto *security = child<QComboBox>(dialog.get(), "smtpSecurity");
        security->setCurrentIndex(security->findData(int(Net::Security::None)));
        child<QLineEdit>(dialog.get(), "smtpPort")->setText(QStringLiteral("port"));
        child<QLineEdit>(dialog.get(), "smtpHost")->clear();
        QVERIFY2(dialog->save(), qPrintable(dialog->errorText()));
        QCOMPARE(stored().smtp, Accounts::OutgoingServer {});
    }

    // A keychain that takes nothing: the account does not claim an own
    // password for its outgoing server that is not there.
    void anOwnPasswordTheKeychainRefusesIsNotClaimed()
    {
        m_keychain->failWrites = ErrorCode::KeychainLocked;
        auto dialog = openDialog();
        QSignalSpy done(dialog.get(), &AccountSettingsDialog::saveFinished);
        QSignalSpy closed(dialog.get(), &QDialog::accepted);
        child<QLineEdit>(dialog.get(), "smtpHost")->setText(QStringLiteral("localhost"));
        child<QCheckBox>(dialog.get(), "smtpOwnPassword")->setChecked(true);
        child<QLineEdit>(dialog.get(), "smtpPassword")->setText(QStringLiteral("kept out"));
        child<QLineEdit>(dialog.get(), "smtpConfirmPassword")->setText(QStringLiteral("kept out"));
        dialog->accept();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().first().value<Poplar::Error>().code, ErrorCode::KeychainLocked);
        QCOMPARE(closed.size(), 0);  // stays open, the password still typed in
        QCOMPARE(child<QLineEdit>(dialog.get(), "smtpPassword")->text(), QStringLiteral("kept out"));
        QVERIFY2(dialog->errorText().contains(QStringLiteral("outgoing server's password")),
            qPrintable(dialog->errorText()));
        QCOMPARE(dialog->tabs()->currentWidget()->objectName(), QStringLiteral("outgoingPage"));
        QCOMPARE(stored().smtp.host, QStringLiteral("localhost"));
        QVERIFY(!stored().smtp.separateLogin);
    }

    // Both passwords in one save: both reach the keychain, the account
    // claims the outgoing one, and listeners hear of the change once.
    void bothPasswordsInOneSave()
    {
        auto dialog = openDialog();
        QSignalSpy done(dialog.get(), &AccountSettingsDialog::saveFinished);
        QSignalSpy changed(dialog.get(), &AccountSettingsDialog::accountChanged);
        QSignalSpy passwordChanged(dialog.get(), &AccountSettingsDialog::passwordChanged);
        QSignalSpy closed(dialog.get(), &QDialog::accepted);
        child<QLineEdit>(dialog.get(), "newPassword")->setText(QStringLiteral("pop-new"));
        child<QLineEdit>(dialog.get(), "confirmPassword")->setText(QStringLiteral("pop-new"));
        child<QLineEdit>(dialog.get(), "smtpHost")->setText(QStringLiteral("localhost"));
        child<QCheckBox>(dialog.get(), "smtpOwnPassword")->setChecked(true);
        child<QLineEdit>(dialog.get(), "smtpPassword")->setText(QStringLiteral("smtp-new"));
        child<QLineEdit>(dialog.get(), "smtpConfirmPassword")->setText(QStringLiteral("smtp-new"));
        dialog->accept();
        QVERIFY(done.wait(5000));
        QVERIFY(!done.first().first().value<Poplar::Error>());
        QCOMPARE(closed.size(), 1);
        QCOMPARE(m_keychain->secrets.value(m_account.credentialKey), QByteArray("pop-new"));
        QCOMPARE(m_keychain->secrets.value(m_account.smtpCredentialKey()), QByteArray("smtp-new"));
        QVERIFY(stored().smtp.separateLogin);
        QCOMPARE(stored().smtp.host, QStringLiteral("localhost"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(passwordChanged.size(), 1);
        const QString status = child<QLabel>(dialog.get(), "passwordStatus")->text();
        QVERIFY2(status.contains(QStringLiteral("new password is saved"))
                && status.contains(QStringLiteral("outgoing server's password is saved")),
            qPrintable(status));
    }

    // The account's password refused by the keychain does not cost the
    // outgoing server's: that one is saved and claimed, the failure said.
    void aRefusedPasswordDoesNotStopTheOther()
    {
        m_keychain->failKeys.insert(m_account.credentialKey, ErrorCode::KeychainLocked);
        auto dialog = openDialog();
        QSignalSpy done(dialog.get(), &AccountSettingsDialog::saveFinished);
        QSignalSpy closed(dialog.get(), &QDialog::accepted);
        child<QLineEdit>(dialog.get(), "newPassword")->setText(QStringLiteral("pop-new"));
        child<QLineEdit>(dialog.get(), "confirmPassword")->setText(QStringLiteral("pop-new"));
        child<QLineEdit>(dialog.get(), "smtpHost")->setText(QStringLiteral("localhost"));
        child<QCheckBox>(dialog.get(), "smtpOwnPassword")->setChecked(true);
        child<QLineEdit>(dialog.get(), "smtpPassword")->setText(QStringLiteral("smtp-new"));
        child<QLineEdit>(dialog.get(), "smtpConfirmPassword")->setText(QStringLiteral("smtp-new"));
        dialog->accept();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().first().value<Poplar::Error>().code, ErrorCode::KeychainLocked);
        QCOMPARE(closed.size(), 0);
        QVERIFY2(dialog->errorText().contains(QStringLiteral("not the new password")), qPrintable(dialog->errorText()));
        QCOMPARE(child<QLineEdit>(dialog.get(), "newPassword")->text(), QStringLiteral("pop-new"));
        QCOMPARE(m_keychain->secrets.value(m_account.credentialKey), password().toUtf8());
        QCOMPARE(m_keychain->secrets.value(m_account.smtpCredentialKey()), QByteArray("smtp-new"));
        QVERIFY(stored().smtp.separateLogin);
        QVERIFY(child<QLineEdit>(dialog.get(), "smtpPassword")->text().isEmpty());
        QCOMPARE(child<QLineEdit>(dialog.get(), "smtpPassword")->placeholderText(),
            QStringLiteral("Leave empty to keep the saved one"));
    }

    // The claim changes only the claim: what changed in the store while
    // the keychain was busy stays.
    void theClaimKeepsWhatChangedMeanwhile()
    {
        auto dialog = openDialog();
        QSignalSpy done(dialog.get(), &AccountSettingsDialog::saveFinished);
        child<QLineEdit>(dialog.get(), "smtpHost")->setText(QStringLiteral("localhost"));
        child<QCheckBox>(dialog.get(), "smtpOwnPassword")->setChecked(true);
        child<QLineEdit>(dialog.get(), "smtpPassword")->setText(QStringLiteral("smtp-new"));
        child<QLineEdit>(dialog.get(), "smtpConfirmPassword")->setText(QStringLiteral("smtp-new"));
        QVERIFY(dialog->save());
        QVERIFY(done.isEmpty());  // the keychain answers on the event loop
        Accounts::Account meanwhile = stored();
        meanwhile.displayName = QStringLiteral("Changed elsewhere");
        QVERIFY(Accounts::AccountStore(*m_store).update(meanwhile));
        QVERIFY(done.wait(5000));
        QVERIFY(!done.first().first().value<Poplar::Error>());
        QCOMPARE(stored().displayName, QStringLiteral("Changed elsewhere"));
        QVERIFY(stored().smtp.separateLogin);
        QCOMPARE(stored().smtp.host, QStringLiteral("localhost"));
    }

    // A removal the keychain refuses is said; the dialog stays open, and
    // closing it tries once more, so the old secret is not left behind.
    void aFailedRemovalIsSaidAndTriedAgain()
    {
        m_account.smtp.host = QStringLiteral("localhost");
        m_account.smtp.separateLogin = true;
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account));
        m_keychain->secrets.insert(m_account.smtpCredentialKey(), "smtp-old");
        m_keychain->failRemoves = ErrorCode::KeychainLocked;
        auto dialog = openDialog();
        QSignalSpy done(dialog.get(), &AccountSettingsDialog::saveFinished);
        QSignalSpy closed(dialog.get(), &QDialog::accepted);
        child<QCheckBox>(dialog.get(), "smtpOwnPassword")->setChecked(false);
        dialog->accept();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().first().value<Poplar::Error>().code, ErrorCode::KeychainLocked);
        QCOMPARE(closed.size(), 0);
        QVERIFY2(dialog->errorText().contains(QStringLiteral("still in the keychain")), qPrintable(dialog->errorText()));
        QVERIFY(!stored().smtp.separateLogin);  // the account no longer uses it
        QVERIFY(m_keychain->secrets.contains(m_account.smtpCredentialKey()));

        m_keychain->failRemoves = ErrorCode::None;
        dialog->reject();
        QTRY_VERIFY(!m_keychain->secrets.contains(m_account.smtpCredentialKey()));
    }

    void noKeychainIsSaidClearly()
    {
        m_keychain->failWrites = ErrorCode::KeychainUnavailable;
        auto dialog = openDialog();
        QSignalSpy done(dialog.get(), &AccountSettingsDialog::saveFinished);
        QSignalSpy closed(dialog.get(), &QDialog::accepted);
        child<QLineEdit>(dialog.get(), "displayName")->setText(QStringLiteral("Bob"));
        child<QLineEdit>(dialog.get(), "newPassword")->setText(QStringLiteral("lost"));
        child<QLineEdit>(dialog.get(), "confirmPassword")->setText(QStringLiteral("lost"));
        dialog->accept();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().first().value<Poplar::Error>().code, ErrorCode::KeychainUnavailable);
        QCOMPARE(closed.size(), 0);  // stays open: the password is not saved
        const QString status = child<QLabel>(dialog.get(), "passwordStatus")->text();
        QVERIFY2(status.contains(QStringLiteral("No keychain is usable")), qPrintable(status));
        QVERIFY(dialog->errorText().contains(QStringLiteral("not the new password")));
        QCOMPARE(dialog->tabs()->currentWidget()->objectName(), QStringLiteral("passwordPage"));
        QCOMPARE(stored().displayName, QStringLiteral("Bob"));  // the settings are saved
        QCOMPARE(m_keychain->secrets.value(m_account.credentialKey), password().toUtf8());
    }

    void loginDelayRaisesTheIntervalNote()
    {
        Sync::SyncState state;
        state.loginDelaySeconds = 1800;
        QVERIFY(m_store->write([&](Store::Database &db) { return state.save(db, m_account.id); }));
        auto dialog = openDialog();
        auto *note = child<QLabel>(dialog.get(), "loginDelayNote");
        QVERIFY(!note->isHidden());
        QVERIFY2(note->text().contains(QStringLiteral("every 30 minute")), qPrintable(note->text()));
        child<QSpinBox>(dialog.get(), "interval")->setValue(45);
        QVERIFY(note->isHidden());
    }

    void testConnectionShowsTheServerAndAMaskedLog()
    {
        m_account.auth = QStringLiteral("USER");  // USER/PASS: the password crosses as a line of its own
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account));
        auto dialog = openDialog();
        dialog->tabs()->setCurrentWidget(dialog->diagnostics());
        const Poplar::Error error = runTest(*dialog);
        QVERIFY2(!error, qPrintable(error.technicalDescription()));
        AccountDiagnostics *d = dialog->diagnostics();
        const QString report = d->serverReport();
        QVERIFY2(report.contains(QStringLiteral("Greeting: Dovecot ready.")), qPrintable(report));
        QVERIFY(report.contains(QStringLiteral("As sent: CAPA | TOP | UIDL")));
        QVERIFY(report.contains(QStringLiteral("UIDL: yes")));
        QVERIFY(report.contains(QStringLiteral("TOP: yes")));
        QVERIFY(report.contains(QStringLiteral("PIPELINING: yes")));
        QVERIFY(report.contains(QStringLiteral("SCRAM-SHA-256")));
        QVERIFY(report.contains(QStringLiteral("LOGIN-DELAY: none")));
        QVERIFY(report.contains(QStringLiteral("Logged in with: USER")));
        QVERIFY(report.contains(QStringLiteral("Protocol: TLSv1.")));
        QVERIFY(report.contains(QStringLiteral("Messages: 3")));
        QVERIFY2(report.contains(QStringLiteral("Size: ") + QLocale().formattedDataSize(m_listed)), qPrintable(report));
        const QSslCertificate cert(m_server->certificatePem(), QSsl::Pem);
        QVERIFY(report.contains(QStringLiteral("SHA-256 fingerprint: ")
            + Net::formatFingerprint(cert.digest(QCryptographicHash::Sha256))));
        QVERIFY(report.contains(QStringLiteral("no certificate is pinned")));

        const QString log = d->protocolLogText();
        QVERIFY2(log.contains(QStringLiteral("C: CAPA")), qPrintable(log));
        QVERIFY(log.contains(QStringLiteral("C: USER ") + m_user));
        QVERIFY(log.contains(QStringLiteral("C: PASS")));
        QVERIFY(log.contains(QStringLiteral("C: STAT")));
        QVERIFY(log.contains(QStringLiteral("C: QUIT")));
        QVERIFY2(!log.contains(password()), qPrintable(log));
        QVERIFY(!log.contains(QString::fromLatin1(password().toUtf8().toBase64())));
        QVERIFY(child<QPushButton>(d, "copyLog")->isEnabled());
        child<QPushButton>(d, "copyLog")->click();
        QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("C: USER")));
        QVERIFY(!QApplication::clipboard()->text().contains(password()));
        QCOMPARE(m_keychain->reads, 1);

        // With SASL (the default: SCRAM here) nothing of the secret shows either.
        m_account.auth = QStringLiteral("PLAIN");
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account));
        dialog = openDialog();
        QVERIFY(!runTest(*dialog));
        const QString plainLog = dialog->diagnostics()->protocolLogText();
        QVERIFY(plainLog.contains(QStringLiteral("C: AUTH PLAIN")));
        const QByteArray plain = QByteArray(1, '\0') + m_user.toUtf8() + QByteArray(1, '\0') + password().toUtf8();
        QVERIFY(!plainLog.contains(QString::fromLatin1(plain.toBase64())));
        QVERIFY(!plainLog.contains(password()));
    }

    void testAsksForAPasswordTheKeychainLacks()
    {
        m_keychain->secrets.clear();
        auto dialog = openDialog();
        QList<Poplar::Error> asked;
        std::optional<QByteArray> answer;
        dialog->setPasswordQuestion(
            [&](const Accounts::Account &a, const Poplar::Error &reason) -> std::optional<Poplar::Secret> {
                asked << reason;
                [&] { QCOMPARE(a.id, m_account.id); }();
                if (!answer)
                    return std::nullopt;
                return Poplar::Secret(*answer);
            });
        // No answer: nothing is tried.
        QCOMPARE(runTest(*dialog).code, ErrorCode::Cancelled);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().code, ErrorCode::CredentialNotStored);
        answer = password().toUtf8();
        QVERIFY(!runTest(*dialog));
        QCOMPARE(asked.size(), 2);
        QVERIFY(m_keychain->secrets.isEmpty());  // used for the test only

        // A wrong one: the server's refusal in words, with its own text.
        answer = QByteArray("wrong");
        const Poplar::Error e = runTest(*dialog);
        QCOMPARE(e.code, ErrorCode::AuthFailed);
        QVERIFY(dialog->diagnostics()->statusText().contains(Poplar::Ui::errorMessage(e)));

        // A new password typed in the Password tab is the one tested.
        asked.clear();
        child<QLineEdit>(dialog.get(), "newPassword")->setText(password());
        child<QLineEdit>(dialog.get(), "confirmPassword")->setText(password());
        QVERIFY(!runTest(*dialog));
        QVERIFY(asked.isEmpty());
    }

    void anUntrustedCertificateIsRejectedUnlessPinned()
    {
        m_account.caFile.clear();  // the test server's certificate is self-signed
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account));
        auto dialog = openDialog();
        // The default answer: not trusted, said so.
        Poplar::Error e = runTest(*dialog);
        QCOMPARE(e.code, ErrorCode::CertificateUntrusted);
        const QString status = dialog->diagnostics()->statusText();
        QVERIFY2(status.contains(QStringLiteral("not trusted")), qPrintable(status));
        const QSslCertificate cert(m_server->certificatePem(), QSsl::Pem);
        const QByteArray sha = cert.digest(QCryptographicHash::Sha256);
        QVERIFY(dialog->diagnostics()->serverReport().contains(Net::formatFingerprint(sha)));
        QVERIFY(dialog->diagnostics()->serverReport().contains(QStringLiteral("does not trust")));

        // Pinned: the test goes on; the pin is kept when the settings are saved.
        QList<QByteArray> problems;
        dialog->setCertificateQuestion([&](const Net::CertificateProblem &p) {
            problems << p.sha256;
            return Net::CertificateDecision::Pin;
        });
        QSignalSpy pinned(dialog->diagnostics(), &AccountDiagnostics::certificatePinned);
        e = runTest(*dialog);
        QVERIFY2(!e, qPrintable(e.technicalDescription()));
        QCOMPARE(problems, QList<QByteArray> { sha });
        QCOMPARE(pinned.size(), 1);
        QVERIFY(dialog->diagnostics()->serverReport().contains(QStringLiteral("pinned now")));
        QCOMPARE(child<QLabel>(dialog.get(), "pinnedFingerprint")->text(), Net::formatFingerprint(sha));
        QCOMPARE(stored().pinnedSha256, QByteArray());  // not before Save
        QVERIFY(dialog->save());
        QCOMPARE(stored().pinnedSha256, sha);

        // Now it matches the pin, without a question.
        problems.clear();
        dialog = openDialog();
        dialog->setCertificateQuestion([&](const Net::CertificateProblem &p) {
            problems << p.sha256;
            return Net::CertificateDecision::Reject;
        });
        QVERIFY(!runTest(*dialog));
        QVERIFY(problems.isEmpty());
        QVERIFY(dialog->diagnostics()->serverReport().contains(QStringLiteral("matches the pinned certificate")));
    }

    void thePreviewListsWhatThePolicyWouldDelete()
    {
        const Sync::FetchReport first = fetch(password().toUtf8());
        QVERIFY2(!first.error, qPrintable(first.error.technicalDescription()));
        QCOMPARE(first.stored, 3);
        const auto ledgerBefore = PoplarTest::ledgerOf(*m_store, m_account.id);

        auto dialog = openDialog();
        // Keep one message on the server: tried before it is saved.
        child<QSpinBox>(dialog.get(), "keepCount")->setValue(1);
        AccountDiagnostics *d = dialog->diagnostics();
        QSignalSpy finished(d, &AccountDiagnostics::previewFinished);
        child<QPushButton>(d, "previewFetch")->click();
        QVERIFY(finished.wait(30'000));
        QVERIFY2(!finished.first().first().value<Poplar::Error>(), qPrintable(d->statusText()));

        auto *tree = child<QTreeWidget>(d, "preview");
        QCOMPARE(tree->topLevelItemCount(), 1);  // deletions only: nothing new to download
        QTreeWidgetItem *deletions = tree->topLevelItem(0);
        QVERIFY2(deletions->text(0).startsWith(QStringLiteral("Delete on the server: 2 message")),
            qPrintable(d->previewText()));
        // Three on the server, one to keep: two go, each with its reason
        // and the subject of its copy here.
        QCOMPARE(deletions->childCount(), 2);
        for (int i = 0; i < deletions->childCount(); ++i) {
            QTreeWidgetItem *item = deletions->child(i);
            QCOMPARE(item->data(0, Qt::UserRole).toInt(), int(Sync::DeleteReason::KeepCount));
            QVERIFY2(item->text(3).contains(QStringLiteral("newest 1 message")), qPrintable(item->text(3)));
            QVERIFY2(item->text(2).startsWith(QStringLiteral("Settings ")), qPrintable(item->text(2)));
        }
        QVERIFY2(d->previewText().contains(QStringLiteral("download 0 message")), qPrintable(d->previewText()));
        QVERIFY(d->previewText().contains(QStringLiteral("delete 2 message")));
        QVERIFY(d->previewText().contains(QStringLiteral("3 message")));  // already stored here

        // Nothing changed: the server, the ledger, the settings, the history.
        QCOMPARE(m_server->messageFiles(m_user).size(), 3);
        const auto ledgerAfter = PoplarTest::ledgerOf(*m_store, m_account.id);
        QCOMPARE(ledgerAfter.size(), ledgerBefore.size());
        for (qsizetype i = 0; i < ledgerAfter.size(); ++i) {
            QCOMPARE(ledgerAfter[i].key, ledgerBefore[i].key);
            QCOMPARE(ledgerAfter[i].state, ledgerBefore[i].state);
        }
        QCOMPARE(stored(), m_account);
        QCOMPARE(Sync::FetchHistory::recent(*m_store, m_account.id)->size(), 1);
    }

    void theHistoryShowsEachFetchWithItsResult()
    {
        QVERIFY(!fetch(password().toUtf8()).error);
        QCOMPARE(fetch("not it").error.code, ErrorCode::AuthFailed);
        auto dialog = openDialog();
        auto *history = child<QTreeWidget>(dialog->diagnostics(), "history");
        QCOMPARE(history->topLevelItemCount(), 2);
        QTreeWidgetItem *failed = history->topLevelItem(0);  // newest first
        QCOMPARE(failed->text(4), Poplar::Ui::errorMessage(Poplar::Error(ErrorCode::AuthFailed)));
        QCOMPARE(failed->text(1), QStringLiteral("0"));
        QVERIFY2(failed->toolTip(4).contains(QStringLiteral("Authentication failed")), qPrintable(failed->toolTip(4)));
        QTreeWidgetItem *ok = history->topLevelItem(1);
        QCOMPARE(ok->text(4), QStringLiteral("Completed"));
        QCOMPARE(ok->text(1), QStringLiteral("3"));
        QVERIFY(ok->text(3).startsWith(QStringLiteral("3 message")));
        const QString mailbox = child<QLabel>(dialog->diagnostics(), "lastMailbox")->text();
        QVERIFY2(mailbox.contains(QStringLiteral("3 message")), qPrintable(mailbox));
        QVERIFY(mailbox.contains(QLocale().formattedDataSize(m_listed)));
    }

    void aHostileServersWordsShowAsTheyAre()
    {
        const QString hostile = QString::fromLatin1(HostileText);
        PoplarTest::ScriptedPop3Server server;
        server.greeting = "+OK " + HostileText;
        server.replies.insert("CAPA", "+OK\r\nUSER\r\nRESP-CODES\r\nIMPLEMENTATION " + HostileText + "\r\n.\r\n");
        server.replies.insert("USER", "+OK\r\n");
        server.replies.insert("PASS", "-ERR [SYS/TEMP] " + HostileText + "\r\n");
        QVERIFY(server.start());
        m_account.host = QStringLiteral("127.0.0.1");
        m_account.port = server.serverPort();
        m_account.security = Net::Security::None;
        m_account.insecureConsent = true;
        m_account.caFile.clear();
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account));
        // A fetch that failed the same way, for the history.
        QCOMPARE(fetch(password().toUtf8()).error.code, ErrorCode::ServerTemporary);

        auto dialog = openDialog();
        dialog->tabs()->setCurrentWidget(dialog->diagnostics());
        AccountDiagnostics *d = dialog->diagnostics();
        QCOMPARE(runTest(*dialog).code, ErrorCode::ServerTemporary);
        // The status line: the server's words, literally.
        auto *status = child<QLabel>(d, "diagnosticsStatus");
        QVERIFY2(PoplarTest::shownText(status).contains(hostile), qPrintable(status->text()));
        QVERIFY2(renderedAsMarkup(dialog.get(), QStringLiteral("<a href")).isEmpty(),
            qPrintable(renderedAsMarkup(dialog.get(), QStringLiteral("<a href")).join(QLatin1Char('\n'))));
        // The server's page and its tooltips.
        auto *tree = child<QTreeWidget>(d, "serverInfo");
        for (const char *name : { "Greeting", "IMPLEMENTATION" }) {
            QTreeWidgetItem *item = row(tree, QString::fromLatin1(name));
            QVERIFY2(item, name);
            QVERIFY2(item->text(1).contains(hostile), qPrintable(item->text(1)));
            QVERIFY2(PoplarTest::shownToolTip(item->toolTip(1)).contains(hostile), qPrintable(item->toolTip(1)));
        }
        // The history's tooltips.
        auto *history = child<QTreeWidget>(d, "history");
        QCOMPARE(history->topLevelItemCount(), 1);
        const QString tip = history->topLevelItem(0)->toolTip(4);
        QVERIFY2(
            PoplarTest::shownToolTip(tip).contains(QStringLiteral("The server said: \"") + hostile), qPrintable(tip));
        // Every label of the dialog that can hold a server's words is plain.
        for (const QLabel *l : { status, child<QLabel>(d, "lastMailbox"), child<QLabel>(d, "previewSummary"),
                 child<QLabel>(dialog.get(), "pinnedFingerprint"), child<QLabel>(dialog.get(), "settingsError") })
            QVERIFY2(l->textFormat() == Qt::PlainText, qPrintable(l->objectName()));
    }

    void thePasswordQuestionShowsTheServersWordsAsTheyAre()
    {
        const QString hostile = QString::fromLatin1(HostileText);
        Poplar::Error rejected(ErrorCode::AuthFailed);
        rejected.serverText = Poplar::ServerText(QByteArray("[AUTH] ").append(HostileText));
        Poplar::Ui::PasswordDialog dialog(
            QStringLiteral("<b>Work</b>"), QStringLiteral("bob@pop.example.org"), rejected);
        auto *said = child<QLabel>(&dialog, "serverText");
        QVERIFY(said);
        QCOMPARE(said->textFormat(), Qt::PlainText);
        QVERIFY2(said->text().contains(hostile), qPrintable(said->text()));
        QVERIFY(renderedAsMarkup(&dialog, QStringLiteral("<a href")).isEmpty());
        // The account's name is the user's, but shown as typed as well.
        bool named = false;
        for (const QLabel *l : dialog.findChildren<QLabel *>())
            named = named || PoplarTest::shownText(l).contains(QStringLiteral("<b>Work</b>"));
        QVERIFY(named);

        Poplar::Error noKeychain(ErrorCode::KeychainUnavailable);
        noKeychain.serverText = Poplar::ServerText(HostileText);
        Poplar::Ui::PasswordDialog other(QStringLiteral("Work"), QStringLiteral("bob@pop.example.org"), noKeychain);
        QCOMPARE(child<QLabel>(&other, "noKeychain")->textFormat(), Qt::PlainText);
        QVERIFY(renderedAsMarkup(&other, QStringLiteral("<a href")).isEmpty());
    }

    void noLabelShowsAStrayAmpersand()
    {
        for (const QLocale &locale : { QLocale(QLocale::English), QLocale(QLocale::German, QLocale::Germany) }) {
            if (locale.language() == QLocale::German)
                QVERIFY(Poplar::Ui::installTranslations(*QCoreApplication::instance(), locale));
            auto dialog = openDialog();
            QStringList stray = PoplarTest::strayMnemonics(dialog.get());
            Poplar::Ui::PasswordDialog password(
                QStringLiteral("Work"), QStringLiteral("bob@pop.example.org"), Poplar::Error(ErrorCode::AuthFailed));
            stray << PoplarTest::strayMnemonics(&password);
            QVERIFY2(
                stray.isEmpty(), qPrintable(locale.name() + QStringLiteral(": ") + stray.join(QStringLiteral(" | "))));
            // The CA file's label names its field, so its "&" is a mnemonic.
            bool labelled = false;
            for (const QLabel *l : dialog->findChildren<QLabel *>())
                labelled = labelled || l->buddy() == child<QLineEdit>(dialog.get(), "caFile");
            QVERIFY(labelled);
        }
        for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

    void anUnknownAccountSaysSo()
    {
        AccountSettingsDialog dialog(*m_store, *m_keychain, 9999);
        QVERIFY(!dialog.isLoaded());
        QVERIFY(!dialog.save());
        QVERIFY(dialog.errorText().contains(QStringLiteral("could not be read")));
    }
};

QTEST_MAIN(TestAccountSettings)
#include "tst_account_settings.moc"
