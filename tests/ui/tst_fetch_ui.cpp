// Getting mail in the desktop window against a private Dovecot: the
// scheduler's first check at start, the password prompt when none is saved
// (remembered in the keychain) and after the server rejected one (kept for
// this run only), Get Mail on F5 (asking again for a password the user
// did not give), mail showing up in the lists, what each check found in
// the status bar and the tray's tooltip, a failed fetch named in the
// status bar with its details a click away (the server's words in them
// literally, never as markup), and without an account: the wizard once
// per profile, then a hint in the empty list, and Get Mail saying how to
// add one.
//
// The keychain here is an in-memory CredentialStore: the real Secret
// Service is tested in tst_keychain; this test is about the window.

#include "ClosedPort.h"
#include "DovecotServer.h"
#include "MemoryKeychain.h"
#include "ScriptedMailbox.h"
#include "ScriptedPop3Server.h"
#include "ScriptedPrompts.h"
#include "accounts/AccountStore.h"
#include "accounts/CredentialStore.h"
#include "desktop/TrayIcon.h"
#include "fetch/MailFetcher.h"
#include "models/FolderModel.h"
#include "models/MessageListModel.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "sync/SyncState.h"
#include "text/Translations.h"
#include "widgets/AccountSettingsDialog.h"
#include "widgets/FetchStatus.h"
#include "widgets/MainWindow.h"
#include "widgets/MessageView.h"
#include "widgets/NoAccountHint.h"
#include "wizard/AccountWizard.h"
#include "wizard/ConnectionTestPage.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>

#include <memory>

using Poplar::Ui::FetchStatus;
using Poplar::Ui::FolderModel;
using Poplar::Ui::MailFetcher;
using Poplar::Ui::MainWindow;
using PoplarTest::MemoryKeychain;

namespace {

QByteArray mail(int n)
{
    return "From: Ann <ann@example.org>\r\nTo: bob@example.org\r\nSubject: Fetched " + QByteArray::number(n)
        + "\r\nDate: Sun, 22 Nov 2026 10:0" + QByteArray::number(n % 10) + ":00 +0000\r\nMessage-ID: <fetched-"
        + QByteArray::number(n) + "@example.org>\r\n\r\nHello " + QByteArray::number(n) + ".\r\n";
}

}  // namespace

class TestFetchUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<Poplar::DovecotServer> m_server;
    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Store::MailStore> m_store;
    std::unique_ptr<MemoryKeychain> m_keychain;
    std::unique_ptr<MailFetcher> m_fetcher;
    std::unique_ptr<MainWindow> m_window;
    Accounts::Account m_account;
    QString m_user;
    int m_users = 0;
    QList<Poplar::Error> m_asked;  // reasons the password was asked for
    std::optional<Poplar::Ui::Prompts::PasswordAnswer> m_answer;
    bool m_answerOnce = false;                      // the answer is given to the first question only
    QList<Net::CertificateProblem> m_certificates;  // the certificate questions asked
    Net::CertificateDecision m_certificateAnswer = Net::CertificateDecision::Reject;

    QString password() const { return m_server->passwordFor(m_user); }

    void openWindow()
    {
        m_keychain = m_keychain ? std::move(m_keychain) : std::make_unique<MemoryKeychain>();
        Sync::Scheduler::Options options;
        options.random = [] { return 0.0; };  // the first check right at start
        options.watchNetwork = false;         // loopback: whatever the desktop's network says
        m_fetcher = std::make_unique<MailFetcher>(*m_store, *m_keychain, Sync::FetchJob::Options {}, options);
        m_window = std::make_unique<MainWindow>(m_store.get());
        auto prompts = std::make_unique<ScriptedPrompts>();
        prompts->password = [this](const Accounts::Account &, const Poplar::Error &reason) {
            m_asked << reason;
            std::optional<Poplar::Ui::Prompts::PasswordAnswer> answer;
            if (m_answer)
                answer = Poplar::Ui::Prompts::PasswordAnswer { m_answer->password.clone(), m_answer->remember };
            if (m_answerOnce)
                m_answer.reset();
            return answer;
        };
        prompts->certificate = [this](const Net::CertificateProblem &problem) {
            m_certificates << problem;
            return m_certificateAnswer;
        };
        m_window->setPrompts(std::move(prompts));
        m_window->setFetcher(m_fetcher.get());
        m_window->show();
        m_window->startFetching();
        QVERIFY(m_fetcher->scheduler().accountIds().size() == m_fetcher->accounts().size());
    }

    // What the status bar says about the last check.
    QString statusSummary()
    {
        auto *label = m_window->statusBar()->findChild<QLabel *>(QStringLiteral("fetchSummary"));
        return label && label->isVisible() ? label->text() : QString();
    }

    static bool saysAt(const QString &text, const QString &what)
    {
        return QRegularExpression(
            QStringLiteral("^%1 at \\d{1,2}:\\d{2}(:\\d{2})?( [AP]M)?$").arg(QRegularExpression::escape(what)))
            .match(text)
            .hasMatch();
    }

    Poplar::Ui::AccountWizard *openWizard() { return m_window->findChild<Poplar::Ui::AccountWizard *>(); }

    QStringList listedSubjects()
    {
        QStringList out;
        auto *model = m_window->messageModel();
        for (int r = 0; r < model->rowCount(); ++r)
            out << model->index(r, Poplar::Ui::MessageListModel::SubjectColumn).data().toString();
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("poplar-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_fetch_ui"));
        Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));  // plurals
        m_server = std::make_unique<Poplar::DovecotServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void init()
    {
        QSettings().clear();
        m_user = QStringLiteral("user%1").arg(++m_users);
        QVERIFY(m_server->addUser(m_user, QStringLiteral("pw-%1!x").arg(m_users)));
        for (int n = 1; n <= 3; ++n)
            QVERIFY(m_server->addMessage(mail(n), nullptr, m_user));
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
        m_asked.clear();
        m_answer.reset();
        m_answerOnce = false;
        m_certificates.clear();
        m_certificateAnswer = Net::CertificateDecision::Reject;
    }

    void cleanup()
    {
        m_window.reset();
        m_fetcher.reset();
        m_keychain.reset();
        m_store.reset();
        m_profile.reset();
    }

    void noSavedPasswordIsAskedForAndRemembered()
    {
        m_answer = Poplar::Ui::Prompts::PasswordAnswer { Poplar::Secret(password().toUtf8()), true };
        openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 3, 30000);
        QCOMPARE(m_asked.size(), 1);
        QCOMPARE(m_asked.first().code, Poplar::ErrorCode::CredentialNotStored);
        QCOMPARE(m_keychain->secrets.value(m_account.credentialKey), password().toUtf8());
        QCOMPARE(listedSubjects(),
            (QStringList { QStringLiteral("Fetched 1"), QStringLiteral("Fetched 2"), QStringLiteral("Fetched 3") }));
        // The counts followed (read on their own thread: they may answer
        // just after the list).
        const qint64 inboxId = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
        QTRY_COMPARE(m_window->folderModel()->indexOf(inboxId).data(FolderModel::UnreadRole).toInt(), 3);
        QTRY_VERIFY(!m_fetcher->status(m_account.id).running);
        QVERIFY(m_window->fetchStatus()->text(m_account.id).isEmpty());  // nothing wrong to show

        // F5 gets new mail, with the remembered password.
        QVERIFY(m_server->addMessage(mail(4), nullptr, m_user));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 4, 30000);
        QCOMPARE(m_asked.size(), 1);  // not asked again
    }

    void aRejectedPasswordIsAskedForAgain()
    {
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, "not the password");
        m_answer = Poplar::Ui::Prompts::PasswordAnswer { Poplar::Secret(password().toUtf8()), false };  // this run only
        openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 3, 30000);
        QCOMPARE(m_asked.size(), 1);
        QCOMPARE(m_asked.first().code, Poplar::ErrorCode::AuthFailed);
        // Not written to the keychain: the user did not ask for that.
        QCOMPARE(m_keychain->secrets.value(m_account.credentialKey), QByteArray("not the password"));
    }

    void aPasswordSavedInTheSettingsReplacesOneForThisRun()
    {
        // A wrong answer "for this run only" first; asked again, the user cancels…
        m_answer = Poplar::Ui::Prompts::PasswordAnswer { Poplar::Secret("wrong one"), false };
        m_answerOnce = true;
        openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(m_asked.size(), 2, 30000);  // not stored, then rejected
        QCOMPARE(m_asked.last().code, Poplar::ErrorCode::AuthFailed);
        QTRY_COMPARE(m_fetcher->scheduler().state(m_account.id), Sync::Scheduler::State::NeedsPassword);
        // …then the right one is saved in the keychain (as the settings dialog does).
        m_keychain->secrets.insert(m_account.credentialKey, password().toUtf8());
        m_fetcher->passwordSaved(m_account.id);
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 3, 30000);
        QCOMPARE(m_asked.size(), 2);
    }

    void getMailAsksBeforeCheckingWithinLoginDelay()
    {
        // The server allows a login every 15 minutes, and one was just made.
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, password().toUtf8());
        Sync::SyncState state;
        state.lastLoginAt = QDateTime::currentDateTimeUtc();
        state.loginDelaySeconds = 900;
        QVERIFY(m_store->write([&](Store::Database &db) { return state.save(db, m_account.id); }));
        openWindow();
        QCOMPARE(m_fetcher->scheduler().state(m_account.id), Sync::Scheduler::State::Waiting);
        QAction *getMail = m_window->findChild<QAction *>(QStringLiteral("getMail"));

        // Get Mail asks; waiting checks nothing now.
        getMail->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("loginDelayBox"))));
        QVERIFY2(
            box->text().contains(QStringLiteral("Work: the server allows the next check at")), qPrintable(box->text()));
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QAbstractButton *wait = nullptr;
        for (QAbstractButton *b : box->buttons()) {
            if (box->buttonRole(b) == QMessageBox::RejectRole)
                wait = b;
        }
        QVERIFY(wait);
        QCOMPARE(box->defaultButton(), wait);
        wait->click();
        QVERIFY(!m_fetcher->status(m_account.id).running);
        QCOMPARE(m_fetcher->scheduler().state(m_account.id), Sync::Scheduler::State::Waiting);

        // Asked again, the user insists: the mail comes.
        getMail->trigger();
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("loginDelayBox"))));
        box->findChild<QPushButton *>(QStringLiteral("checkNowButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 3, 30000);
        QVERIFY(m_asked.isEmpty());
    }

    void messagesThatCouldNotBeDownloadedAreNamed()
    {
        // A server that will not give message 2 (it vanished meanwhile).
        PoplarTest::ScriptedServer script;
        for (int n = 1; n <= 3; ++n)
            script.add(mail(n), "uid-" + QByteArray::number(n));
        script.refuseRetr << "uid-2";
        PoplarTest::ScriptedTcpServer tcp(script);
        QVERIFY(tcp.start());
        m_account.host = QStringLiteral("127.0.0.1");
        m_account.port = tcp.serverPort();
        m_account.security = Net::Security::None;
        m_account.insecureConsent = true;
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account));
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, "secret");
        openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 2, 30000);
        QTRY_VERIFY(!m_fetcher->status(m_account.id).running);
        const QString shown = m_window->fetchStatus()->text(m_account.id);
        QVERIFY2(shown == QStringLiteral("Work: 1 message could not be downloaded"), qPrintable(shown));
        QList<QToolButton *> buttons;
        for (QToolButton *b : m_window->fetchStatus()->findChildren<QToolButton *>()) {
            if (b->isVisible() && b->text().contains(QStringLiteral("could not be downloaded")))
                buttons << b;
        }
        QCOMPARE(buttons.size(), 1);
        buttons.first()->click();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("incompleteBox"))));
        QVERIFY2(
            box->text().contains(QStringLiteral("Message 2: the server would not give it.")), qPrintable(box->text()));
    }

    void cancellingThePromptLeavesTheAccountWaiting()
    {
        openWindow();  // no answer: cancelled
        QTRY_COMPARE_WITH_TIMEOUT(m_asked.size(), 1, 30000);
        QTRY_VERIFY(!m_fetcher->status(m_account.id).running);
        QCOMPARE(m_fetcher->scheduler().state(m_account.id), Sync::Scheduler::State::NeedsPassword);
        QVERIFY(listedSubjects().isEmpty());
        QVERIFY(m_window->fetchStatus()->text(m_account.id).contains(QStringLiteral("Work")));
        // Get Mail asks again (the account is not tried with nothing).
        m_answer = Poplar::Ui::Prompts::PasswordAnswer { Poplar::Secret(password().toUtf8()), false };
        m_window->findChild<QAction *>(QStringLiteral("getMail"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 3, 30000);
        QCOMPARE(m_asked.size(), 2);
        QCOMPARE(m_asked.last().code, Poplar::ErrorCode::CredentialNotStored);
    }

    void theReaderDownloadsTheRestAndDeletesFromTheServer()
    {
        QByteArray big = "From: Ann <ann@example.org>\r\nTo: bob@example.org\r\nSubject: Big one\r\n"
                         "Message-ID: <big@example.org>\r\n\r\n";
        for (int i = 0; i < 400; ++i)
            big += "Line " + QByteArray::number(i) + " of a long message that goes on and on.\r\n";
        big += "THE END\r\n";
        QVERIFY(m_server->addMessage(big, nullptr, m_user));
        m_account.policy.sizeLimitKb = 4;  // the big one arrives in part
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account));
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, password().toUtf8());
        openWindow();
        static_cast<ScriptedPrompts &>(m_window->prompts()).confirmation = [](const QString &) { return true; };
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 4, 30000);
        QTRY_VERIFY(!m_fetcher->status(m_account.id).running);

        auto *model = m_window->messageModel();
        int row = -1;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, Poplar::Ui::MessageListModel::SubjectColumn).data().toString()
                == QStringLiteral("Big one"))
                row = r;
        }
        QVERIFY(row >= 0);
        const qint64 id = model->idAt(row);
        QVERIFY(m_store->message(id)->flags & Store::Flag::Partial);
        m_window->messageListView()->setCurrentIndex(model->index(row, 0));
        QCOMPARE(m_window->messageView()->messageId(), id);
        QVERIFY(!m_window->messageView()->browser()->toPlainText().contains(QStringLiteral("THE END")));

        // "Download the Rest" in the reading pane.
        auto *rest = m_window->messageView()->findChild<QAbstractButton *>(QStringLiteral("downloadRestButton"));
        QVERIFY(rest && rest->isVisible());
        rest->click();
        QTRY_VERIFY_WITH_TIMEOUT(!(m_store->message(id)->flags & Store::Flag::Partial), 30000);
        QTRY_VERIFY(m_window->messageView()->browser()->toPlainText().contains(QStringLiteral("THE END")));
        QVERIFY(!rest->isVisible());  // whole now: the bar is gone

        // "Delete from Server" (the message stays here).
        const int before = int(m_server->messageFiles(m_user).size());
        QSignalSpy done(m_fetcher.get(), &MailFetcher::remoteFinished);
        m_fetcher->runRemote(id, Sync::RemoteAction::DeleteFromServer);
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(2).value<Sync::RemoteReport>().error.code, Poplar::ErrorCode::None);
        QCOMPARE(int(m_server->messageFiles(m_user).size()), before - 1);
        QVERIFY(m_store->message(id));
    }

    void progressShowsAndStopKeepsWhatArrived()
    {
        for (int n = 10; n < 160; ++n)
            QVERIFY(m_server->addMessage(mail(n) + QByteArray(20000, 'x') + "\r\n", nullptr, m_user));
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, password().toUtf8());
        QStringList seen;
        bool stopped = false;
        openWindow();
        // Stop from the status bar as soon as some messages are in.
        connect(m_fetcher.get(), &MailFetcher::statusChanged, this, [&](qint64 id) {
            const QString text = m_window->fetchStatus()->text(id);
            if (!text.isEmpty())
                seen << text;
            const auto s = m_fetcher->status(id);
            if (!stopped && s.running && s.progress.received >= 20) {
                for (QToolButton *b : m_window->fetchStatus()->findChildren<QToolButton *>()) {
                    if (b->isVisible() && b->accessibleName().startsWith(QStringLiteral("Stop")))
                        b->click();
                }
                stopped = true;
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_fetcher->status(m_account.id).running, 30000);
        // Progress read "message n of N (bytes of total)".
        QVERIFY2(std::any_of(seen.cbegin(), seen.cend(),
                     [](const QString &t) {
                         return t.startsWith(QStringLiteral("Work: message "))
                             && t.contains(QStringLiteral(" of 153 "));
                     }),
            qPrintable(seen.join(QLatin1Char('|'))));
        // Stopped is not a failure; what arrived stays.
        QCOMPARE(m_fetcher->status(m_account.id).lastError.code, Poplar::ErrorCode::None);
        QVERIFY(m_window->fetchStatus()->text(m_account.id).isEmpty());
        const int kept = int(m_store->messageIds(m_store->folderByPath(QStringLiteral("Work/Inbox"))->id)->size());
        QVERIFY2(kept >= 20 && kept < 153, qPrintable(QString::number(kept)));
        // Get Mail finishes the job, nothing twice.
        m_fetcher->getMailNow(m_account.id);
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 153, 60000);
        QTRY_VERIFY(!m_fetcher->status(m_account.id).running);
        QCOMPARE(int(listedSubjects().removeDuplicates()), 0);
    }

    void anUntrustedCertificateIsAskedAbout_data()
    {
        QTest::addColumn<Net::CertificateDecision>("decision");
        QTest::newRow("reject") << Net::CertificateDecision::Reject;
        QTest::newRow("accept once") << Net::CertificateDecision::AcceptOnce;
        QTest::newRow("trust always") << Net::CertificateDecision::Pin;
    }

    void anUntrustedCertificateIsAskedAbout()
    {
        QFETCH(Net::CertificateDecision, decision);
        // Without the test CA the server's self-signed certificate is untrusted.
        m_account.caFile.clear();
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account));
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, password().toUtf8());
        m_certificateAnswer = decision;
        openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(m_certificates.size(), 1, 30000);
        QCOMPARE(m_certificates.first().kind, Net::CertificateProblem::Kind::Untrusted);
        QVERIFY(!m_certificates.first().sha256.isEmpty());
        const QByteArray fingerprint = m_certificates.first().sha256;
        if (decision == Net::CertificateDecision::Reject) {
            QTRY_VERIFY(!m_fetcher->status(m_account.id).running);
            QCoreApplication::processEvents();  // whatever the finished fetch left queued
            QVERIFY(listedSubjects().isEmpty());
            QCOMPARE(m_fetcher->status(m_account.id).lastError.code, Poplar::ErrorCode::CertificateUntrusted);
            QVERIFY(!m_window->fetchStatus()->text(m_account.id).isEmpty());
            QCOMPARE(m_certificates.size(), 1);  // not asked again by itself
            return;
        }
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 3, 30000);
        QTRY_VERIFY(!m_fetcher->status(m_account.id).running);
        const QByteArray saved = Accounts::AccountStore(*m_store).byId(m_account.id)->pinnedSha256;
        QCOMPARE(saved, decision == Net::CertificateDecision::Pin ? fingerprint : QByteArray());
        // The next fetch: asked again only when it was accepted just once.
        QVERIFY(m_server->addMessage(mail(4), nullptr, m_user));
        m_fetcher->getMailNow(m_account.id);
        if (decision == Net::CertificateDecision::Pin) {
            QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 4, 30000);
            QCOMPARE(m_certificates.size(), 1);
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(m_certificates.size(), 2, 30000);
        }
    }

    void theWizardFromTheWindowSetsUpAnAccountAndItsMailArrives()
    {
        QVERIFY(Accounts::AccountStore(*m_store).remove(m_account.id));
        openWindow();
        QVERIFY(m_fetcher->accounts().isEmpty());
        // No account yet: the wizard opens by itself.
        auto *w = m_window->findChild<Poplar::Ui::AccountWizard *>();
        QVERIFY(w);
        QTRY_VERIFY(w->isVisible());
        w->setField(QStringLiteral("displayName"), QStringLiteral("Bob Example"));
        w->setField(QStringLiteral("email"), QStringLiteral("bob@example.test"));
        w->setField(QStringLiteral("password"), password());
        w->setUpManually();  // no DNS here: the server by hand
        QCOMPARE(w->currentId(), int(Poplar::Ui::AccountWizard::ManualPage));
        w->setField(QStringLiteral("host"), m_server->host());
        w->setField(QStringLiteral("security"), int(Net::Security::ImplicitTls));
        w->setField(QStringLiteral("port"), int(m_server->tlsPort()));
        w->setField(QStringLiteral("user"), m_user);
        w->setField(QStringLiteral("caFile"), m_server->certificatePath());
        w->next();
        QCOMPARE(w->currentId(), int(Poplar::Ui::AccountWizard::TestPage));
        auto *test = qobject_cast<Poplar::Ui::ConnectionTestPage *>(w->page(Poplar::Ui::AccountWizard::TestPage));
        QTRY_VERIFY_WITH_TIMEOUT(test->succeeded() || test->lastError(), 30000);
        QVERIFY2(test->succeeded(), qPrintable(test->lastError().technicalDescription()));
        w->next();
        QCOMPARE(w->currentId(), int(Poplar::Ui::AccountWizard::OutgoingPage));
        w->setField(QStringLiteral("sendLater"), true);  // sending is not what this test is about
        w->next();  // the policy: the recommended one
        w->next();
        w->setField(QStringLiteral("accountName"), QStringLiteral("Home"));
        w->button(QWizard::FinishButton)->click();
        // The first fetch starts at once and the new Inbox is shown.
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 3, 30000);
        const Accounts::Account home = Accounts::AccountStore(*m_store).byName(QStringLiteral("Home")).value();
        QCOMPARE(m_window->messageModel()->folderId(), m_store->folderByPath(QStringLiteral("Home/Inbox"))->id);
        QCOMPARE(home.policy.keepDays, 14);
        QVERIFY(home.policy.deleteWhenDeletedLocally);
        QCOMPARE(m_keychain->secrets.value(home.credentialKey), password().toUtf8());
        QCOMPARE(m_fetcher->accounts().size(), 1);
        QVERIFY(m_asked.isEmpty());  // the keychain had it: no question
    }

    void accountSettingsFromTheWindowReachTheScheduler()
    {
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, password().toUtf8());
        openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(listedSubjects().size(), 3, 30000);
        QTRY_VERIFY(!m_fetcher->status(m_account.id).running);
        m_window->openAccountSettings(m_account.id);
        auto *dialog = m_window->findChild<Poplar::Ui::AccountSettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *interval = dialog->findChild<QSpinBox *>(QStringLiteral("interval"));
        QVERIFY(interval);
        interval->setValue(45);
        dialog->accept();
        QTRY_COMPARE(Accounts::AccountStore(*m_store).byId(m_account.id)->intervalMinutes, 45);
        // The scheduler plans with the new interval.
        QTRY_COMPARE(m_fetcher->scheduler().effectiveIntervalSeconds(m_account.id), 45 * 60);
        QCOMPARE(m_fetcher->accounts().first().intervalMinutes, 45);
    }

    void getMailSaysWhatItFound()
    {
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, password().toUtf8());
        QStringList seen;
        openWindow();
        Poplar::Ui::TrayIcon tray(m_window.get(), m_store.get(), m_fetcher.get());
        connect(m_fetcher.get(), &MailFetcher::statusChanged, this, [&](qint64 id) {
            seen << m_window->fetchStatus()->text(id);
            if (m_fetcher->status(id).running)
                QCOMPARE(statusSummary(), QString());  // the check under way speaks
        });
        // The first check at start: what it is doing, then what it found.
        QTRY_VERIFY_WITH_TIMEOUT(saysAt(statusSummary(), QStringLiteral("3 new messages")), 30000);
        QVERIFY2(seen.contains(QStringLiteral("Checking Work…")), qPrintable(seen.join(QLatin1Char('|'))));
        // Each step of the check is said, in order, before the messages come.
        const QStringList steps { QStringLiteral("Connecting to Work…"), QStringLiteral("Logging in to Work…"),
            QStringLiteral("Checking Work…") };
        qsizetype at = -1;
        for (const QString &step : steps) {
            const qsizetype found = seen.indexOf(step, at + 1);
            QVERIFY2(found > at, qPrintable(step + QStringLiteral(" in ") + seen.join(QLatin1Char('|'))));
            at = found;
        }
        QCOMPARE(listedSubjects().size(), 3);
        QVERIFY2(tray.toolTip().endsWith(QLatin1Char('\n') + statusSummary()), qPrintable(tray.toolTip()));
        QVERIFY(tray.toolTip().startsWith(QStringLiteral("Poplar: 3 unread messages")));

        // Get Mail with nothing new.
        seen.clear();
        m_window->getMail();
        QTRY_VERIFY_WITH_TIMEOUT(saysAt(statusSummary(), QStringLiteral("No new mail")), 30000);
        QVERIFY(seen.contains(QStringLiteral("Checking Work…")));
        QVERIFY(tray.toolTip().endsWith(QLatin1Char('\n') + statusSummary()));

        // One new message.
        QVERIFY(m_server->addMessage(mail(4), nullptr, m_user));
        m_window->findChild<QAction *>(QStringLiteral("getMail"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(saysAt(statusSummary(), QStringLiteral("1 new message")), 30000);

        // Two accounts: Get Mail sums them up; one alone is named.
        const QString other = QStringLiteral("user%1").arg(++m_users);
        QVERIFY(m_server->addUser(other, QStringLiteral("pw-%1!x").arg(m_users)));
        QVERIFY(m_server->addMessage(mail(5), nullptr, other));
        QVERIFY(m_server->addMessage(mail(6), nullptr, other));
        QVERIFY(m_server->addMessage(mail(7), nullptr, m_user));
        Accounts::Account home = m_account;
        home.name = QStringLiteral("Home");
        home.user = other;
        home = Accounts::AccountStore(*m_store).add(home).value();
        m_keychain->secrets.insert(home.credentialKey, m_server->passwordFor(other).toUtf8());
        QVERIFY(m_fetcher->reloadAccounts());
        QTRY_VERIFY(!m_fetcher->anyRunning());
        m_window->getMail();
        QTRY_VERIFY_WITH_TIMEOUT(saysAt(statusSummary(), QStringLiteral("3 new messages")), 30000);
        QCOMPARE(m_fetcher->lastCheck().accounts.size(), 2);
        QVERIFY(m_server->addMessage(mail(8), nullptr, other));
        m_fetcher->getMailNow(home.id);
        QTRY_VERIFY_WITH_TIMEOUT(saysAt(statusSummary(), QStringLiteral("Home: 1 new message")), 30000);

        // A failure: named as before, and in the tray's tooltip.
        home.port = PoplarTest::closedPort();
        QVERIFY(Accounts::AccountStore(*m_store).update(home));
        QVERIFY(m_fetcher->reloadAccounts());
        QTRY_VERIFY(!m_fetcher->anyRunning());
        m_window->getMail();
        QTRY_VERIFY_WITH_TIMEOUT(m_fetcher->lastCheck().failed == QList<qint64> { home.id }, 30000);
        QVERIFY2(saysAt(statusSummary(), QStringLiteral("No new mail")), qPrintable(statusSummary()));
        QVERIFY(m_window->fetchStatus()->text(home.id).startsWith(QStringLiteral("Home: ")));
        QVERIFY2(tray.toolTip().contains(QLatin1Char('\n') + m_window->fetchStatus()->text(home.id)),
            qPrintable(tray.toolTip()));
    }

    void getMailWithoutAnAccountSaysHowToAddOne()
    {
        QVERIFY(Accounts::AccountStore(*m_store).remove(m_account.id));
        openWindow();
        QTRY_VERIFY(openWizard() && openWizard()->isVisible());
        openWizard()->reject();
        QTRY_VERIFY(!openWizard());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("noAccountBox"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), QStringLiteral("There is no account to get mail for yet."));
        QVERIFY(box->informativeText().contains(QStringLiteral("File > Add Account")));
        box->findChild<QPushButton *>(QStringLiteral("addAccountButton"))->click();
        QTRY_VERIFY(openWizard() && openWizard()->isVisible());
    }

    void theWizardOpensOnceThenTheEmptyInboxSaysHowToAddAnAccount()
    {
        QVERIFY(Accounts::AccountStore(*m_store).remove(m_account.id));
        openWindow();
        QTRY_VERIFY(openWizard() && openWizard()->isVisible());
        openWizard()->reject();  // not now
        QTRY_VERIFY(!openWizard());
        auto *hint = m_window->findChild<Poplar::Ui::NoAccountHint *>();
        QVERIFY(hint);
        QTRY_VERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QStringLiteral("File > Add Account")), qPrintable(hint->text()));
        QCOMPARE(hint->geometry(), m_window->messageListView()->viewport()->rect());

        // The next start: no wizard, the hint again, and its button opens it.
        m_window.reset();
        m_fetcher.reset();
        openWindow();
        QTest::qWait(0);
        QVERIFY(!openWizard());
        hint = m_window->findChild<Poplar::Ui::NoAccountHint *>();
        QTRY_VERIFY(hint->isVisible());
        QTest::mouseClick(hint->addAccountButton(), Qt::LeftButton);
        QTRY_VERIFY(openWizard() && openWizard()->isVisible());
        openWizard()->reject();
        QTRY_VERIFY(!openWizard());

        // A folder with mail shows its mail, not the hint.
        const qint64 kept = m_store->ensureLocalFolder(QStringLiteral("Local/Kept")).value();
        Store::MessagePreparer::Input in;
        in.raw = mail(1);
        in.folderId = kept;
        QVERIFY(m_store->insertMessage(Store::MessagePreparer::prepare(in).value()));
        m_window->refresh();
        QVERIFY(m_window->selectFolder(kept));
        QVERIFY(!hint->isVisible());
        QVERIFY(m_window->selectFolder(Store::MailStore::UnifiedInbox));
        QVERIFY(hint->isVisible());

        // Another profile has its own first start.
        m_window.reset();
        m_fetcher.reset();
        m_store.reset();
        QTemporaryDir other;
        m_store = Store::MailStore::open(other.path()).value();
        openWindow();
        QTRY_VERIFY(openWizard() && openWizard()->isVisible());
        m_window.reset();
        m_fetcher.reset();
        m_store.reset();
    }

    void aFailedFetchIsNamedInTheStatusBar()
    {
        m_account.port = PoplarTest::closedPort();
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account));
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, password().toUtf8());
        openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->fetchStatus()->text(m_account.id).isEmpty(), 30000);
        QTRY_VERIFY(!m_fetcher->status(m_account.id).running);
        const QString text = m_window->fetchStatus()->text(m_account.id);
        QVERIFY2(text.startsWith(QStringLiteral("Work: ")), qPrintable(text));
        QCOMPARE(m_fetcher->status(m_account.id).lastError.code, Poplar::ErrorCode::ConnectionRefused);
        QSignalSpy shown(m_window.get(), &MainWindow::errorShown);
        QToolButton *details = nullptr;
        for (QToolButton *b : m_window->fetchStatus()->findChildren<QToolButton *>()) {
            if (b->text() == text)
                details = b;
        }
        QVERIFY(details);
        details->click();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().first().value<Poplar::Error>().code, Poplar::ErrorCode::ConnectionRefused);
        QCOMPARE(m_asked.size(), 0);  // not a password problem
    }
    void aFailedFetchsDetailsShowTheServersWordsAsTheyAre()
    {
        const QByteArray hostile = R"(<a href="http://x.invalid/">click</a><b>bold</b>)";
        PoplarTest::ScriptedPop3Server server;
        server.replies.insert("CAPA", "+OK\r\nUSER\r\nRESP-CODES\r\n.\r\n");
        server.replies.insert("USER", "+OK\r\n");
        server.replies.insert("PASS", "-ERR [SYS/PERM] " + hostile + "\r\n");
        QVERIFY(server.start());
        m_account.host = QStringLiteral("127.0.0.1");
        m_account.port = server.serverPort();
        m_account.security = Net::Security::None;
        m_account.insecureConsent = true;
        m_account.caFile.clear();
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account));
        m_keychain = std::make_unique<MemoryKeychain>();
        m_keychain->secrets.insert(m_account.credentialKey, password().toUtf8());
        openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fetcher->status(m_account.id).lastError.code, Poplar::ErrorCode::ServerPermanent, 30000);
        QTRY_VERIFY(!m_fetcher->status(m_account.id).running);
        const QString text = m_window->fetchStatus()->text(m_account.id);
        QToolButton *details = nullptr;
        for (QToolButton *b : m_window->fetchStatus()->findChildren<QToolButton *>()) {
            if (b->isVisible() && b->text() == text)
                details = b;
        }
        QVERIFY2(details, qPrintable(text));
        details->click();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("errorBox"))));
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QVERIFY2(box->text().contains(QStringLiteral("The server said: \"") + QString::fromLatin1(hostile)),
            qPrintable(box->text()));
        // No label of the box takes the server's words for markup.
        for (const QLabel *l : box->findChildren<QLabel *>()) {
            if (l->text().contains(QStringLiteral("<a href")))
                QVERIFY2(l->textFormat() == Qt::PlainText, qPrintable(l->objectName()));
        }
        box->close();
    }
};

QTEST_MAIN(TestFetchUi)
#include "tst_fetch_ui.moc"
