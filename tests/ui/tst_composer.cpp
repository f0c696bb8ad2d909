// The composer: a new message with an attachment goes into the outbox as
// written (Bcc only in the envelope); bad or missing recipients are said
// at their field and nothing is queued; Reply, Reply All and Forward are
// filled from the original (recipients, identity, subject, quote,
// threading, attachments) and mark it once sent; an account without an
// outgoing server can only Send Later; the main window's Write, Reply,
// Reply All and Forward with their keys. No network: the outbox is read
// back from the store.

#include "accounts/AccountStore.h"
#include "compose/ComposerWindow.h"
#include "mime/MessageParser.h"
#include "store/MessagePreparer.h"
#include "store/Outbox.h"
#include "store/Store.h"
#include "widgets/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using Poplar::Ui::ComposerWindow;
using Poplar::Ui::MainWindow;

class TestComposer : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store::MailStore> m_store;
    Accounts::Account m_work;  // sends
    Accounts::Account m_home;  // no outgoing server yet
    qint64 m_original = 0;
    QByteArray m_pdf;

    QList<Accounts::Account> accounts() const { return { m_work, m_home }; }

    template<typename T>
    static T *child(QWidget *w, const char *name)
    {
        return w->findChild<T *>(QString::fromLatin1(name));
    }

    QList<Store::OutboxItem> outbox()
    {
        return m_store->readValue([](Store::Database &db) { return Store::Outbox::list(db); }).value();
    }

    QByteArray bytesOf(qint64 id)
    {
        return m_store->readValue([id](Store::Database &db) { return Store::Outbox::bytes(db, id); }).value();
    }

    // What OutboxSender does after the server's 250.
    void markSent(qint64 id)
    {
        QVERIFY(m_store->write([&](Store::Database &db) -> Poplar::Status {
            auto attempt = Store::Outbox::claim(db, id, QDateTime::currentDateTimeUtc());
            if (!attempt || !attempt.value())
                return Poplar::Error(Poplar::ErrorCode::InvalidState, QStringLiteral("not claimed"));
            auto sent = Store::Outbox::markSent(db, id, *attempt.value(), QDateTime::currentDateTimeUtc());
            return sent ? Poplar::Status() : Poplar::Status(sent.error());
        }));
    }

    // Queues what the window holds; the outbox row's id.
    qint64 queueFrom(ComposerWindow &w, bool now)
    {
        QSignalSpy queued(&w, &ComposerWindow::queued);
        now ? w.send() : w.sendLater();
        if (!queued.wait(10'000))
            return 0;
        return queued.first().at(1).toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = Store::MailStore::open(m_dir->path()).value();
        Accounts::Account work;
        work.name = QStringLiteral("Work");
        work.email = QStringLiteral("me@example.org");
        work.displayName = QStringLiteral("Me Myself");
        work.host = QStringLiteral("pop.example.org");
        work.user = QStringLiteral("me");
        work.smtp.host = QStringLiteral("smtp.example.org");
        m_work = Accounts::AccountStore(*m_store).add(work).value();
        Accounts::Account home;
        home.name = QStringLiteral("Home");
        home.email = QStringLiteral("me@home.example");
        home.host = QStringLiteral("pop.home.example");
        home.user = QStringLiteral("me");
        m_home = Accounts::AccountStore(*m_store).add(home).value();

        // The original: to Home's address, with a PDF attached.
        Mime::OutgoingMessage m;
        m.from = { QStringLiteral("Ann"), QStringLiteral("ann@example.com") };
        m.to = { { QString(), QStringLiteral("me@home.example") }, { QStringLiteral("Bob"), QStringLiteral("bob@example.com") } };
        m.cc = { { QStringLiteral("Carol"), QStringLiteral("carol@example.com") } };
        m.subject = QStringLiteral("Plans");
        m.text = QStringLiteral("Let us meet.\n\n-- \nAnn\n");
        m_pdf = QByteArray("%PDF-1.4\n") + QByteArray(2000, '\x02');
        m.attachments.append({ QStringLiteral("agenda.pdf"), "application/pdf", m_pdf });
        Mime::BuildOptions o;
        o.messageIdLocalPart = "plans1";
        const auto built = Mime::buildMessage(m, o);
        QVERIFY(built);
        Store::MessagePreparer::Input in;
        in.raw = built->bytes;
        in.folderId = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
        in.accountId = m_work.id;  // fetched by Work, though sent to Home's address
        m_original = m_store->insertMessage(Store::MessagePreparer::prepare(in).value()).value();
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void aNewMessageGoesToTheOutboxAsWritten()
    {
        QTemporaryDir files;
        const QString notes = files.filePath(QStringLiteral("notes.txt"));
        {
            QFile f(notes);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("line one\nline two\n");
        }
        ComposerWindow w(m_store.get(), accounts());
        w.startNew();
        w.show();
        QCOMPARE(child<QComboBox>(&w, "from")->currentData().toLongLong(), m_work.id);  // the one that can send
        child<QLineEdit>(&w, "to")->setText(QStringLiteral("Bob <bob@example.com>, carol@example.com"));
        child<QLineEdit>(&w, "bcc")->setText(QStringLiteral("dan@example.com"));
        child<QLineEdit>(&w, "subject")->setText(QStringLiteral("Grüße"));
        QCOMPARE(w.windowTitle(), QStringLiteral("Grüße"));
        child<QPlainTextEdit>(&w, "text")->setPlainText(QStringLiteral("Hello both,\nsee the notes.\n"));
        w.addAttachments({ notes, files.filePath(QStringLiteral("missing.txt")) });
        QVERIFY2(w.errorText().contains(QStringLiteral("missing.txt")), qPrintable(w.errorText()));
        QCOMPARE(child<QListWidget>(&w, "attachments")->count(), 1);
        QVERIFY(child<QLabel>(&w, "attachmentSummary")->text().startsWith(QStringLiteral("1 attachment")));

        QSignalSpy queued(&w, &ComposerWindow::queued);
        w.sendLater();
        QVERIFY(queued.wait(10'000));
        QCOMPARE(queued.first().at(0).toLongLong(), m_work.id);
        QCOMPARE(queued.first().at(2).toBool(), false);
        QTRY_VERIFY(!w.isVisible());  // closed once safely queued, without asking

        const QList<Store::OutboxItem> items = outbox();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().state, Store::OutboxState::Queued);
        QCOMPARE(items.first().recipients,
            (QByteArrayList { "bob@example.com", "carol@example.com", "dan@example.com" }));
        const QByteArray bytes = bytesOf(items.first().id);
        QVERIFY(!bytes.contains("dan@example.com"));  // Bcc: envelope only
        const Mime::ParsedMessage sent = Mime::parseMessage(bytes);
        QCOMPARE(sent.subject, QStringLiteral("Grüße"));
        QCOMPARE(sent.from.first().address, QStringLiteral("me@example.org"));
        QCOMPARE(sent.from.first().name, QStringLiteral("Me Myself"));
        QCOMPARE(sent.to.size(), 2);
        QCOMPARE(sent.textBody, QStringLiteral("Hello both,\nsee the notes.\n"));
        QCOMPARE(sent.attachments.size(), 1);
        QCOMPARE(sent.attachments.first().fileName, QStringLiteral("notes.txt"));
        QCOMPARE(Mime::extractPart(bytes, sent.attachments.first().partIndex).value(), QByteArray("line one\nline two\n"));
    }

    void badOrMissingRecipientsAreSaidAndNothingIsQueued()
    {
        ComposerWindow w(m_store.get(), accounts());
        w.startNew();
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        child<QLineEdit>(&w, "subject")->setText(QStringLiteral("x"));
        w.sendLater();
        QCOMPARE(w.errorText(), QStringLiteral("Give at least one recipient."));
        QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(&w, "to"));
        child<QLineEdit>(&w, "to")->setText(QStringLiteral("bob@example.com"));
        child<QLineEdit>(&w, "cc")->setText(QStringLiteral("carol at example.com"));
        w.sendLater();
        QVERIFY2(w.errorText().contains(QStringLiteral("carol at example.com")), qPrintable(w.errorText()));
        QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(&w, "cc"));
        QVERIFY(!w.isQueueing());  // refused before anything went to the store
        QVERIFY(outbox().isEmpty());
        QVERIFY(w.isVisible());
    }

    void aReplyIsFilledFromTheOriginalAndMarksIt()
    {
        ComposerWindow w(m_store.get(), accounts());
        QSignalSpy loaded(&w, &ComposerWindow::loaded);
        w.startFrom(m_original, ComposerWindow::Mode::Reply);
        QVERIFY(w.isLoading());
        QVERIFY(loaded.wait(10'000));
        QVERIFY2(w.errorText().isEmpty(), qPrintable(w.errorText()));
        // From the address it was sent to.
        QCOMPARE(child<QComboBox>(&w, "from")->currentData().toLongLong(), m_home.id);
        QCOMPARE(child<QLineEdit>(&w, "to")->text(), QStringLiteral("Ann <ann@example.com>"));
        QVERIFY(child<QLineEdit>(&w, "cc")->text().isEmpty());
        QCOMPARE(child<QLineEdit>(&w, "subject")->text(), QStringLiteral("Re: Plans"));
        const QString text = child<QPlainTextEdit>(&w, "text")->toPlainText();
        QVERIFY2(text.startsWith(QStringLiteral("On ")) && text.contains(QStringLiteral(", Ann wrote:\n> Let us meet.\n")),
            qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("-- ")));  // her signature is not quoted
        QCOMPARE(child<QListWidget>(&w, "attachments")->count(), 0);
        // Home cannot send yet: Send Later only, and it says why.
        QVERIFY(!w.findChild<QAction *>(QStringLiteral("send"))->isEnabled());
        QVERIFY(w.findChild<QAction *>(QStringLiteral("sendLater"))->isEnabled());
        QVERIFY(child<QLabel>(&w, "noOutgoingServer")->text().contains(QStringLiteral("Home has no outgoing server")));
        w.send();  // refused: nothing queued
        QVERIFY(!w.errorText().isEmpty());
        QVERIFY(outbox().isEmpty());

        // From Work instead: sendable.
        auto *from = child<QComboBox>(&w, "from");
        from->setCurrentIndex(from->findData(m_work.id));
        QVERIFY(w.findChild<QAction *>(QStringLiteral("send"))->isEnabled());
        child<QPlainTextEdit>(&w, "text")->appendPlainText(QStringLiteral("Tuesday suits me."));
        const qint64 id = queueFrom(w, true);
        QVERIFY(id > 0);
        const Mime::ParsedMessage reply = Mime::parseMessage(bytesOf(id));
        QCOMPARE(reply.inReplyTo, QByteArray("plans1@example.com"));
        QCOMPARE(reply.references, QList<QByteArray> { "plans1@example.com" });
        QVERIFY(reply.textBody.contains(QStringLiteral("Tuesday suits me.")));

        // Not marked while it waits; once sent, Answered (with the Sent copy).
        QVERIFY(!(m_store->message(m_original)->flags & Store::Flag::Answered));
        markSent(id);
        QVERIFY(m_store->message(m_original)->flags & Store::Flag::Answered);
    }

    void replyAllLeavesTheUserOut()
    {
        ComposerWindow w(m_store.get(), accounts());
        QSignalSpy loaded(&w, &ComposerWindow::loaded);
        w.startFrom(m_original, ComposerWindow::Mode::ReplyAll);
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(child<QLineEdit>(&w, "to")->text(), QStringLiteral("Ann <ann@example.com>, Bob <bob@example.com>"));
        QCOMPARE(child<QLineEdit>(&w, "cc")->text(), QStringLiteral("Carol <carol@example.com>"));
    }

    void aForwardCarriesTheAttachments()
    {
        ComposerWindow w(m_store.get(), accounts());
        QSignalSpy loaded(&w, &ComposerWindow::loaded);
        w.startFrom(m_original, ComposerWindow::Mode::Forward);
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(child<QLineEdit>(&w, "subject")->text(), QStringLiteral("Fwd: Plans"));
        QVERIFY(child<QLineEdit>(&w, "to")->text().isEmpty());
        QVERIFY(child<QPlainTextEdit>(&w, "text")->toPlainText().contains(QStringLiteral("Forwarded Message")));
        QCOMPARE(child<QListWidget>(&w, "attachments")->count(), 1);
        QVERIFY(child<QListWidget>(&w, "attachments")->item(0)->text().startsWith(QStringLiteral("agenda.pdf")));
        auto *from = child<QComboBox>(&w, "from");
        from->setCurrentIndex(from->findData(m_work.id));
        child<QLineEdit>(&w, "to")->setText(QStringLiteral("dan@example.com"));
        const qint64 id = queueFrom(w, false);
        QVERIFY(id > 0);
        const QByteArray bytes = bytesOf(id);
        const Mime::ParsedMessage fwd = Mime::parseMessage(bytes);
        QCOMPARE(fwd.attachments.size(), 1);
        QCOMPARE(Mime::extractPart(bytes, fwd.attachments.first().partIndex).value(), m_pdf);
        markSent(id);
        QVERIFY(m_store->message(m_original)->flags & Store::Flag::Forwarded);
        QVERIFY(!(m_store->message(m_original)->flags & Store::Flag::Answered));

        // As an attachment: the original whole.
        ComposerWindow whole(m_store.get(), accounts());
        QSignalSpy wholeLoaded(&whole, &ComposerWindow::loaded);
        whole.startFrom(m_original, ComposerWindow::Mode::ForwardAsAttachment);
        QVERIFY(wholeLoaded.wait(10'000));
        QCOMPARE(child<QListWidget>(&whole, "attachments")->count(), 1);
        QVERIFY(child<QListWidget>(&whole, "attachments")->item(0)->text().startsWith(QStringLiteral("Plans.eml")));
        child<QLineEdit>(&whole, "to")->setText(QStringLiteral("dan@example.com"));
        const qint64 wholeId = queueFrom(whole, false);
        QVERIFY(wholeId > 0);
        const QByteArray wholeBytes = bytesOf(wholeId);
        QVERIFY2(wholeBytes.contains("Content-Type: message/rfc822"), wholeBytes.left(2000).constData());
        QVERIFY(wholeBytes.toLower().contains("message-id: <plans1@example.com>"));  // the original inside
    }

    // Closing: a window still loading its original asks nothing; one with
    // something written asks, and Cancel keeps it (and its text) — also
    // when the whole application is asked to quit.
    void closingAsksOnlyWhenSomethingIsWritten()
    {
        {
            ComposerWindow loading(m_store.get(), accounts());
            loading.show();
            loading.startFrom(m_original, ComposerWindow::Mode::Reply);
            QVERIFY(loading.close());  // no question while it loads
        }
        MainWindow window(m_store.get());
        ComposerWindow *w = window.composeActions()->compose(ComposerWindow::Mode::New);
        QVERIFY(w);
        QVERIFY(window.composeActions()->closeAll());  // nothing written: closed
        QTRY_VERIFY(window.composeActions()->openComposers().isEmpty());

        w = window.composeActions()->compose(ComposerWindow::Mode::New);
        child<QPlainTextEdit>(w, "text")->setPlainText(QStringLiteral("Half a thought"));
        auto answer = [](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, [button] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                if (box)
                    box->button(button)->click();
            });
        };
        answer(QMessageBox::Cancel);
        QVERIFY(!window.composeActions()->closeAll());
        QVERIFY(w->isVisible());
        QCOMPARE(child<QPlainTextEdit>(w, "text")->toPlainText(), QStringLiteral("Half a thought"));
        answer(QMessageBox::Discard);
        QVERIFY(window.composeActions()->closeAll());
        QTRY_VERIFY(window.composeActions()->openComposers().isEmpty());
    }

    // Setting up an outgoing server while a composer is open makes Send
    // possible there.
    void composersFollowTheAccounts()
    {
        MainWindow window(m_store.get());
        ComposerWindow *w = window.composeActions()->compose(ComposerWindow::Mode::New);
        auto *from = child<QComboBox>(w, "from");
        from->setCurrentIndex(from->findData(m_home.id));
        QVERIFY(!w->findChild<QAction *>(QStringLiteral("send"))->isEnabled());
        m_home.smtp.host = QStringLiteral("smtp.home.example");
        QVERIFY(Accounts::AccountStore(*m_store).update(m_home));
        window.composeActions()->accountsChanged();
        QCOMPARE(from->currentData().toLongLong(), m_home.id);
        QVERIFY(w->findChild<QAction *>(QStringLiteral("send"))->isEnabled());
        delete w;
    }

    void theMainWindowOpensComposers()
    {
        MainWindow window(m_store.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *write = window.findChild<QAction *>(QStringLiteral("writeMessage"));
        auto *reply = window.findChild<QAction *>(QStringLiteral("reply"));
        auto *replyAll = window.findChild<QAction *>(QStringLiteral("replyAll"));
        auto *forward = window.findChild<QAction *>(QStringLiteral("forward"));
        QVERIFY(write && reply && replyAll && forward);
        QCOMPARE(write->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
        QCOMPARE(reply->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
        QCOMPARE(replyAll->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        QCOMPARE(forward->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
        QVERIFY(!reply->isEnabled());  // nothing chosen

        write->trigger();
        QPointer<ComposerWindow> fresh;
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *c = qobject_cast<ComposerWindow *>(w); c && c->mode() == ComposerWindow::Mode::New)
                fresh = c;
        }
        QVERIFY(fresh);
        QVERIFY(fresh->isVisible());
        fresh->close();  // nothing written: closes without asking
        QTRY_VERIFY(!fresh);  // and is deleted

        // A message chosen in the list: Reply answers it.
        window.selectFolder(m_store->folderByPath(QStringLiteral("Work/Inbox"))->id);
        QTRY_COMPARE(window.messageListView()->model()->rowCount(), 1);
        window.messageListView()->setCurrentIndex(window.messageListView()->model()->index(0, 0));
        QTRY_VERIFY(reply->isEnabled());
        reply->trigger();
        ComposerWindow *answer = nullptr;
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *c = qobject_cast<ComposerWindow *>(w); c && c->mode() == ComposerWindow::Mode::Reply)
                answer = c;
        }
        QVERIFY(answer);
        QTRY_VERIFY(!answer->isLoading());
        QCOMPARE(answer->findChild<QLineEdit *>(QStringLiteral("subject"))->text(), QStringLiteral("Re: Plans"));
        delete answer;
    }
};

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
