// The desktop sends what waits in the outbox with each check, in the
// background: against Dovecot's submission service on loopback, a message
// waiting in the outbox goes out with Get Mail, exactly once; the status
// bar says so and Sent appears in the folder tree with its copy. A
// login the server refuses leaves the message waiting, and the status bar
// says why. Written in the composer (Write, Reply), Send delivers it at
// once, and a reply marks its original Answered.

#include "MemoryKeychain.h"
#include "ScriptedPrompts.h"
#include "DovecotServer.h"
#include "accounts/AccountStore.h"
#include "actions/FetchActions.h"
#include "compose/ComposerWindow.h"
#include "fetch/MailFetcher.h"
#include "mime/MessageBuilder.h"
#include "models/FolderModel.h"
#include "store/MessagePreparer.h"
#include "store/Outbox.h"
#include "store/Store.h"
#include "text/Translations.h"
#include "widgets/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTreeView>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using Poplar::Ui::FetchActions;
using Poplar::Ui::MailFetcher;
using Poplar::Ui::MainWindow;
using PoplarTest::MemoryKeychain;

class TestSendLive : public QObject
{
    Q_OBJECT

    std::unique_ptr<Poplar::DovecotServer> m_server;
    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Store::MailStore> m_store;
    std::unique_ptr<MemoryKeychain> m_keychain;
    std::unique_ptr<MailFetcher> m_fetcher;
    std::unique_ptr<MainWindow> m_window;
    Accounts::Account m_account;

    qint64 queue(const QString &subject)
    {
        Mime::OutgoingMessage m;
        m.from = { QStringLiteral("Alice"), QStringLiteral("alice@example.org") };
        m.to = { { QString(), QStringLiteral("bob@example.org") } };
        m.subject = subject;
        m.text = QStringLiteral("From the desktop.\n");
        auto built = Mime::buildMessage(m, {});
        if (!built)
            return 0;
        std::optional<Poplar::Result<qint64>> id;
        const Poplar::Status st = m_store->write([&](Store::Database &db) -> Poplar::Status {
            id.emplace(Store::Outbox::enqueue(db, Store::outboxEntry(*built, m_account.id), QDateTime::currentDateTimeUtc()));
            return id->ok() ? Poplar::Status() : Poplar::Status(id->error());
        });
        return st ? id->value() : 0;
    }

    int deliveredTo(const QString &user, const QString &subject) const
    {
        int n = 0;
        for (const QString &f : m_server->messageFiles(user))
            n += m_server->readMessageFile(f).contains(subject.toUtf8()) ? 1 : 0;
        return n;
    }

    bool waitForStatus(const QString &text)
    {
        return QTest::qWaitFor([&] { return m_window->statusBar()->currentMessage().contains(text); }, 30000);
    }

    void openWindow()
    {
        Sync::Scheduler::Options options;
        options.random = [] { return 0.0; };
        options.watchNetwork = false;
        options.checkAtStart = false;
        m_fetcher = std::make_unique<MailFetcher>(*m_store, *m_keychain, Sync::FetchJob::Options {}, options);
        m_window = std::make_unique<MainWindow>(m_store.get());
        m_window->setPrompts(std::make_unique<ScriptedPrompts>());
        m_window->setFetcher(m_fetcher.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->startFetching();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("poplar-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_send_live"));
        Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
        m_server = std::make_unique<Poplar::DovecotServer>();
        QVERIFY(m_server->addUser(QStringLiteral("bob"), QStringLiteral("b0b-pw")));
        QVERIFY(m_server->enableSubmission());
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.reset(); }

    void init()
    {
        QSettings().clear();
        m_profile = std::make_unique<QTemporaryDir>();
        m_store = Store::MailStore::open(m_profile->path()).value();
        m_keychain = std::make_unique<MemoryKeychain>();
        Accounts::Account a;
        a.name = QStringLiteral("Work");
        a.email = QStringLiteral("alice@example.org");
        a.host = m_server->host();
        a.port = m_server->tlsPort();
        a.caFile = m_server->certificatePath();
        a.user = QStringLiteral("alice");
        a.smtp.host = m_server->host();
        a.smtp.port = m_server->submissionsPort();
        a.smtp.caFile = m_server->certificatePath();
        m_account = Accounts::AccountStore(*m_store).add(a).value();
        m_keychain->secrets.insert(m_account.credentialKey, m_server->passwordFor(QStringLiteral("alice")).toUtf8());
    }

    void cleanup()
    {
        m_window.reset();
        m_fetcher.reset();
        m_keychain.reset();
        m_store.reset();
        m_profile.reset();
    }

    void getMailSendsWhatWaits()
    {
        const QString subject = QStringLiteral("desktop %1").arg(QDateTime::currentMSecsSinceEpoch());
        const qint64 row = queue(subject);
        QVERIFY(row > 0);
        openWindow();
        QSignalSpy sent(m_fetcher.get(), &MailFetcher::outboxFinished);
        QSignalSpy fetched(m_fetcher.get(), &MailFetcher::fetchFinished);
        m_window->getMail();
        QVERIFY2(waitForStatus(QStringLiteral("Sent 1 message.")),
            qPrintable(m_window->statusBar()->currentMessage()));
        QCOMPARE(deliveredTo(QStringLiteral("bob"), subject), 1);
        auto item = m_store->readValue([&](Store::Database &db) { return Store::Outbox::item(db, row); });
        QCOMPARE(item->state, Store::OutboxState::Sent);
        // The folder tree shows Sent, with the copy.
        auto sentFolder = m_store->folderByPath(QStringLiteral("Local/Sent"));
        QVERIFY(sentFolder.ok());
        QVERIFY(QTest::qWaitFor([&] { return m_window->folderModel()->indexOf(sentFolder->id).isValid(); }, 5000));

        // The next check has nothing to send: nothing more arrives.
        QVERIFY(QTest::qWaitFor([&] { return !fetched.isEmpty(); }, 30000));
        const int before = int(sent.size());
        m_window->getMail();
        QVERIFY(QTest::qWaitFor([&] { return sent.size() > before; }, 30000));
        QCOMPARE(deliveredTo(QStringLiteral("bob"), subject), 1);
    }

    // What the status bar says for each outcome of a run.
    void theStatusSaysWhatHappened()
    {
        using Report = Sync::OutboxSender::Report;
        QVERIFY(FetchActions::outboxText(Report()).isEmpty());
        Report r;
        r.sent = { 1, 2 };
        QCOMPARE(FetchActions::outboxText(r), QStringLiteral("Sent 2 messages."));
        r = Report();
        r.retried = { 3 };
        QCOMPARE(FetchActions::outboxText(r),
            QStringLiteral("The outgoing server could not take 1 message now; Poplar tries again later."));
        r.error = Poplar::Error(Poplar::ErrorCode::ConnectionLost);  // the broken link is the news
        QVERIFY2(FetchActions::outboxText(r).startsWith(QStringLiteral("Mail in the outbox could not be sent now:")),
            qPrintable(FetchActions::outboxText(r)));
        r = Report();
        r.failed = { 4 };
        r.inDoubt = { 5 };
        const QString both = FetchActions::outboxText(r);
        QVERIFY2(both.contains(QStringLiteral("refused 1 message")) && both.contains(QStringLiteral("1 message may have")),
            qPrintable(both));
        r = Report();
        r.error = Poplar::Error(Poplar::ErrorCode::SendRunning);  // another sender has it: nothing to say
        QVERIFY(FetchActions::outboxText(r).isEmpty());
    }

    // The composer opened from the window sends at once; a reply marks
    // the message it answers.
    void writeAndReplyFromTheWindow()
    {
        openWindow();
        auto composer = [] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (auto *c = qobject_cast<Poplar::Ui::ComposerWindow *>(w); c && c->isVisible())
                    return c;
            }
            return static_cast<Poplar::Ui::ComposerWindow *>(nullptr);
        };
        const QString subject = QStringLiteral("written %1").arg(QDateTime::currentMSecsSinceEpoch());
        m_window->findChild<QAction *>(QStringLiteral("writeMessage"))->trigger();
        Poplar::Ui::ComposerWindow *w = composer();
        QVERIFY(w);
        w->findChild<QLineEdit *>(QStringLiteral("to"))->setText(QStringLiteral("Bob <bob@example.org>"));
        w->findChild<QLineEdit *>(QStringLiteral("subject"))->setText(subject);
        w->findChild<QPlainTextEdit *>(QStringLiteral("text"))->setPlainText(QStringLiteral("Written here.\n"));
        QVERIFY(QTest::qWaitForWindowActive(w));
        QTest::keyClick(w->findChild<QPlainTextEdit *>(QStringLiteral("text")), Qt::Key_Return, Qt::ControlModifier);  // Send
        QVERIFY2(waitForStatus(QStringLiteral("Sent 1 message.")), qPrintable(m_window->statusBar()->currentMessage()));
        QTRY_VERIFY(!composer());
        QCOMPARE(deliveredTo(QStringLiteral("bob"), subject), 1);

        // Bob's answer arrives; Reply answers it.
        Store::MessagePreparer::Input in;
        in.raw = "From: Bob <bob@example.org>\r\nTo: alice@example.org\r\nSubject: Lunch?\r\n"
                 "Message-ID: <lunch1@example.org>\r\nDate: Mon, 07 Dec 2026 12:00:00 +0000\r\n\r\nAt noon?\r\n";
        in.folderId = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
        in.accountId = m_account.id;
        const qint64 lunch = m_store->insertMessage(Store::MessagePreparer::prepare(in).value()).value();
        QVERIFY(m_window->selectFolder(in.folderId));
        QTRY_COMPARE(m_window->messageListView()->model()->rowCount(), 1);
        m_window->messageListView()->setCurrentIndex(m_window->messageListView()->model()->index(0, 0));
        auto *reply = m_window->findChild<QAction *>(QStringLiteral("reply"));
        QTRY_VERIFY(reply->isEnabled());
        reply->trigger();
        w = composer();
        QVERIFY(w);
        QTRY_VERIFY(!w->isLoading());
        QCOMPARE(w->findChild<QLineEdit *>(QStringLiteral("to"))->text(), QStringLiteral("Bob <bob@example.org>"));
        w->findChild<QPlainTextEdit *>(QStringLiteral("text"))->appendPlainText(QStringLiteral("Yes."));
        m_window->statusBar()->clearMessage();
        w->send();
        QVERIFY2(waitForStatus(QStringLiteral("Sent 1 message.")), qPrintable(m_window->statusBar()->currentMessage()));
        QCOMPARE(deliveredTo(QStringLiteral("bob"), QStringLiteral("Re: Lunch?")), 1);
        QVERIFY(m_store->message(lunch)->flags & Store::Flag::Answered);
    }

    // A second Send while the first is still going out is not left for the
    // next check: it follows as soon as that run ends.
    void aSendDuringASendGoesToo()
    {
        openWindow();
        Poplar::Ui::ComposeActions *actions = m_window->composeActions();
        const QString first = QStringLiteral("first %1").arg(QDateTime::currentMSecsSinceEpoch());
        const QString second = QStringLiteral("second %1").arg(QDateTime::currentMSecsSinceEpoch());
        Poplar::Ui::ComposerWindow *a = actions->compose(Poplar::Ui::ComposerWindow::Mode::New);
        Poplar::Ui::ComposerWindow *b = actions->compose(Poplar::Ui::ComposerWindow::Mode::New);
        for (auto [w, subject] : { std::pair { a, first }, std::pair { b, second } }) {
            w->findChild<QLineEdit *>(QStringLiteral("to"))->setText(QStringLiteral("bob@example.org"));
            w->findChild<QLineEdit *>(QStringLiteral("subject"))->setText(subject);
            w->findChild<QPlainTextEdit *>(QStringLiteral("text"))->setPlainText(subject);
        }
        QSignalSpy queued(actions, &Poplar::Ui::ComposeActions::messageQueued);
        a->send();
        QVERIFY(queued.wait(10'000));
        b->send();
        QVERIFY(QTest::qWaitFor([&] { return deliveredTo(QStringLiteral("bob"), second) == 1; }, 30'000));
        QCOMPARE(deliveredTo(QStringLiteral("bob"), first), 1);
    }

    void refusedLoginLeavesItWaiting()
    {
        m_account.smtp.separateLogin = true;
        QVERIFY(Accounts::AccountStore(*m_store).update(m_account).ok());
        m_keychain->secrets.insert(m_account.smtpCredentialKey(), "wrong password");
        const QString subject = QStringLiteral("refused %1").arg(QDateTime::currentMSecsSinceEpoch());
        const qint64 row = queue(subject);
        openWindow();
        m_window->getMail();
        QVERIFY2(waitForStatus(QStringLiteral("could not be sent now")),
            qPrintable(m_window->statusBar()->currentMessage()));
        auto item = m_store->readValue([&](Store::Database &db) { return Store::Outbox::item(db, row); });
        QCOMPARE(item->state, Store::OutboxState::Queued);
        QCOMPARE(item->error->code, Poplar::ErrorCode::AuthFailed);
        QCOMPARE(deliveredTo(QStringLiteral("bob"), subject), 0);
    }
};

QTEST_MAIN(TestSendLive)
#include "tst_send_live.moc"
