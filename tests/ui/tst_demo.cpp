// `poplar --demo`: the private server starts with the demo mailbox, the
// throwaway profile has its account (password in memory only), and a
// fetch over TLS brings every message home — the large one in part — with
// the features the demo shows off in place.

#include "Demo.h"
#include "DemoMail.h"
#include "accounts/CredentialStore.h"
#include "fetch/MailFetcher.h"
#include "models/MessageListModel.h"
#include "store/Profile.h"
#include "store/Store.h"
#include "widgets/MainWindow.h"
#include "widgets/MessageView.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>

using Poplar::Ui::MessageView;

class TestDemo : public QObject
{
    Q_OBJECT

    static Store::MessageSummary bySubject(Store::MailStore &store, const QString &subject)
    {
        for (const Store::MessageSummary &m : store.allMessages(0, 1000).value()) {
            if (m.subject == subject)
                return m;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("poplar-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_demo"));
        QSettings().clear();
    }

    void theDemoFetchesItsMailbox()
    {
        QString profile;
        {
            Poplar::Demo::DemoSetup demo;
            QString error;
            QVERIFY2(demo.start(&error), qPrintable(error));
            profile = demo.profileDirectory();
            QVERIFY(QDir(profile).exists());
            QCOMPARE(demo.account().host, QStringLiteral("127.0.0.1"));
            QCOMPARE(demo.account().security, Net::Security::ImplicitTls);
            // The password is in memory, not in the profile.
            const QByteArray secret
                = Accounts::readBlocking(demo.credentials(), demo.account().credentialKey).value().expose();
            QVERIFY(!secret.isEmpty());
            QFile db(Store::Profile::databasePath(profile));
            QVERIFY(db.open(QIODevice::ReadOnly));
            QVERIFY(!db.readAll().contains(secret));

            Poplar::Ui::MailFetcher fetcher(demo.store(), demo.credentials());
            Poplar::Ui::MainWindow window(&demo.store());
            window.setFetcher(&fetcher);
            window.show();
            QVERIFY(fetcher.start());
            fetcher.getMailNow();
            const int expected = int(Poplar::Demo::demoMessages(QDateTime::currentDateTimeUtc()).size());
            QVERIFY(expected >= 30);
            QTRY_COMPARE_WITH_TIMEOUT(window.messageModel()->rowCount(), expected, 60000);
            QTRY_VERIFY(!fetcher.status(demo.account().id).running);
            QCOMPARE(fetcher.status(demo.account().id).lastError.code, Poplar::ErrorCode::None);

            Store::MailStore &store = demo.store();
            // The large one arrived in part, with "Download the rest".
            const Store::MessageSummary journal = bySubject(store, QStringLiteral("Field journal, autumn"));
            QVERIFY(journal.flags & Store::Flag::Partial);
            // German text, decoded.
            QVERIFY(bySubject(store, QStringLiteral("Termin am Donnerstag: Besprechung Straßenfest")).id);
            // Search finds the river trip thread (and the welcome, which suggests the search).
            QCOMPARE(store.search(QStringLiteral("\"river trip\"")).value().size(), 4);

            MessageView *view = window.messageView();
            auto show = [&](const QString &subject) {
                const Store::MessageSummary m = bySubject(store, subject);
                view->showMessage(m, store.rawMessage(m.id).value());
            };
            show(QStringLiteral("Welcome to Poplar"));
            QVERIFY(view->browser()->toPlainText().contains(QStringLiteral("Things to try")));
            QVERIFY(view->blockedRemoteImages().isEmpty());  // its logo is inline
            show(QStringLiteral("Autumn collection: 20% off rain gear"));
            QVERIFY(view->blockedRemoteImages().size() >= 3);
            show(QStringLiteral("Action required: confirm your details"));
            QCOMPARE(view->suspiciousLinks().size(), 1);
            show(QStringLiteral("Invoice 2026-1187 (overdue)"));
            QCOMPARE(view->attachments().size(), 1);
            QVERIFY(MessageView::isRiskyToOpen(view->attachments().first()));
            show(QStringLiteral("Budget review: draft figures attached"));
            QCOMPARE(view->attachments().size(), 2);
        }
        // Gone with the demo.
        QVERIFY(!QDir(profile).exists());
    }
};

QTEST_MAIN(TestDemo)
#include "tst_demo.moc"
