// Screenshots on a real X display (a private Xvfb): the main window with
// mail, an HTML message with its blocked remote images, the German window,
// the setup wizard's pages (against a private Dovecot), the certificate
// dialog (untrusted and changed) and the account diagnostics page, saved as
// PNG files into <build>/tests/ui/screenshots for people to look at. Each
// test checks the window shows what the picture is for, and that the
// picture is a picture (its size, many colours).

#include "DemoMail.h"
#include "DovecotServer.h"
#include "MemoryKeychain.h"
#include "XvfbDisplay.h"
#include "accounts/AccountStore.h"
#include "models/MessageListModel.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "text/Translations.h"
#include "widgets/AccountDiagnostics.h"
#include "widgets/AccountSettingsDialog.h"
#include "widgets/CertificateDialog.h"
#include "compose/ComposerWindow.h"
#include "widgets/MainWindow.h"
#include "widgets/MessageView.h"
#include "wizard/AccountWizard.h"
#include "wizard/ConnectionTestPage.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QScreen>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <QWindow>

#include <cstdio>
#include <memory>

using Poplar::Ui::MainWindow;

namespace {

QString screenshotDir()
{
    return QStringLiteral(QT_TESTCASE_BUILDDIR) + QStringLiteral("/screenshots");
}

}  // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store::MailStore> m_store;
    qint64 m_inbox = 0;

    // Saves what `widget` shows as it is on the screen.
    void shoot(QWidget *widget, const QString &name)
    {
        QVERIFY(QTest::qWaitForWindowExposed(widget));
        // The window manager-less server settles the first paints after the
        // expose: grab until the window shows its content.
        QImage image;
        QSet<QRgb> colours;
        const auto grab = [&] {
            // Painted now: a page just shown (or a window just grown) may not
            // have reached the screen yet.
            widget->repaint();
            image = widget->screen()->grabWindow(widget->winId()).toImage();
            colours.clear();
            for (int y = 0; y < image.height(); y += 4) {
                for (int x = 0; x < image.width(); x += 4)
                    colours.insert(image.pixel(x, y));
            }
            return colours.size() > 40;
        };
        QTRY_VERIFY2(grab(), qPrintable(QStringLiteral("%1: only %2 colours").arg(name).arg(colours.size())));
        QCOMPARE(image.size(), widget->size() * widget->devicePixelRatio());
        QVERIFY(QDir().mkpath(screenshotDir()));
        const QString file = screenshotDir() + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY(image.save(file));
        qInfo("saved %s", qPrintable(file));
    }

    std::unique_ptr<MainWindow> windowWithMail()
    {
        if (!m_store->catchUpSearchIndex())  // searches show their rows at once
            return nullptr;
        auto w = std::make_unique<MainWindow>(m_store.get());
        w->resize(1200, 780);
        w->show();
        w->activateWindow();
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("poplar-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_screenshots"));
        QSettings().clear();
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
        Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));

        m_dir = std::make_unique<QTemporaryDir>();
        m_store = Store::MailStore::open(m_dir->filePath(QStringLiteral("profile"))).value();
        QVERIFY(m_store->createAccount(QStringLiteral("Demo")));
        m_inbox = m_store->folderByPath(QStringLiteral("Demo/Inbox"))->id;
        QVERIFY(m_store->ensureLocalFolder(QStringLiteral("Local/Projects/2026")));
        QVERIFY(m_store->ensureLocalFolder(QStringLiteral("Local/Receipts")));
        QList<Store::PreparedMessage> batch;
        int n = 0;
        for (const QByteArray &raw : Poplar::Demo::demoMessages(QDateTime::currentDateTimeUtc())) {
            Store::MessagePreparer::Input in;
            in.raw = raw;
            in.folderId = m_inbox;
            in.flags = (++n % 3 == 0) ? Store::Flag::Seen : 0;
            in.receivedAt = QDateTime::currentDateTimeUtc();
            batch << Store::MessagePreparer::prepare(in).value();
        }
        QVERIFY(m_store->insertMessages(batch));
    }

    void mainWindowWithMail()
    {
        auto w = windowWithMail();
        QVERIFY(w->selectFolder(m_inbox));
        auto *model = w->messageModel();
        QVERIFY(model->rowCount() >= 30);
        int row = -1;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, Poplar::Ui::MessageListModel::SubjectColumn).data().toString()
                    == QStringLiteral("Re: River trip on Saturday?")
                && row < 0)
                row = r;  // the newest of them: the one quoting twice
        }
        QVERIFY(row >= 0);
        w->messageListView()->setCurrentIndex(model->index(row, 0));
        QVERIFY(w->messageView()->browser()->toPlainText().contains(QStringLiteral("See you at the mill")));
        shoot(w.get(), QStringLiteral("main-window"));
    }

    // A reply being written to the river trip message: the quote and the
    // identity filled in.
    void composerReply()
    {
        auto w = windowWithMail();
        QVERIFY(w->selectFolder(m_inbox));
        auto *model = w->messageModel();
        int row = -1;
        for (int r = 0; r < model->rowCount() && row < 0; ++r) {
            if (model->index(r, Poplar::Ui::MessageListModel::SubjectColumn).data().toString()
                == QStringLiteral("Re: River trip on Saturday?"))
                row = r;
        }
        QVERIFY(row >= 0);
        w->messageListView()->setCurrentIndex(model->index(row, 0));
        Poplar::Ui::ComposerWindow *composer = w->composeActions()->compose(Poplar::Ui::ComposerWindow::Mode::ReplyAll);
        QVERIFY(composer);
        QTRY_VERIFY(!composer->isLoading());
        composer->findChild<QPlainTextEdit *>(QStringLiteral("text"))->appendPlainText(QStringLiteral("Count me in!"));
        shoot(composer, QStringLiteral("composer-reply"));
        delete composer;
    }

    void htmlMessageWithBlockedImages()
    {
        auto w = windowWithMail();
        QVERIFY(w->selectFolder(m_inbox));
        QVERIFY(w->searchField());
        w->searchField()->setText(QStringLiteral("from:northwind"));
        Q_EMIT w->searchField()->returnPressed();
        QCOMPARE(w->messageModel()->rowCount(), 1);
        w->messageListView()->setCurrentIndex(w->messageModel()->index(0, 0));
        QVERIFY(w->messageView()->blockedRemoteImages().size() >= 3);
        shoot(w.get(), QStringLiteral("html-message"));

        // The welcome, with its inline logo.
        w->searchField()->setText(QStringLiteral("subject:welcome"));
        Q_EMIT w->searchField()->returnPressed();
        QCOMPARE(w->messageModel()->rowCount(), 1);
        w->messageListView()->setCurrentIndex(w->messageModel()->index(0, 0));
        QVERIFY(w->messageView()->blockedRemoteImages().isEmpty());
        shoot(w.get(), QStringLiteral("welcome-message"));
    }

    void setupWizardPages()
    {
        Poplar::DovecotServer server;
        QVERIFY(server.enableSubmission());
        QVERIFY(server.addUser(QStringLiteral("jane"), QStringLiteral("pw-jane!1")));
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        PoplarTest::MemoryKeychain keychain;
        QTemporaryDir dir;
        auto store = Store::MailStore::open(dir.path()).value();
        Poplar::Ui::AccountWizard w(*store, keychain);
        w.resize(720, 560);
        w.show();
        w.setField(QStringLiteral("displayName"), QStringLiteral("Jane Doe"));
        w.setField(QStringLiteral("email"), QStringLiteral("jane@example.org"));
        w.setField(QStringLiteral("password"), QStringLiteral("pw-jane!1"));
        shoot(&w, QStringLiteral("wizard-1-address"));
        w.setUpManually();
        QCOMPARE(w.currentId(), int(Poplar::Ui::AccountWizard::ManualPage));
        w.setField(QStringLiteral("host"), server.host());
        w.setField(QStringLiteral("security"), int(Net::Security::ImplicitTls));
        w.setField(QStringLiteral("port"), int(server.tlsPort()));
        w.setField(QStringLiteral("user"), QStringLiteral("jane"));
        w.setField(QStringLiteral("caFile"), server.certificatePath());
        shoot(&w, QStringLiteral("wizard-2-server"));
        w.next();
        auto *test = qobject_cast<Poplar::Ui::ConnectionTestPage *>(w.page(Poplar::Ui::AccountWizard::TestPage));
        QTRY_VERIFY_WITH_TIMEOUT(test->succeeded() || test->lastError(), 30000);
        QVERIFY2(test->succeeded(), qPrintable(test->lastError().technicalDescription()));
        shoot(&w, QStringLiteral("wizard-3-test"));
        // The outgoing server typed in (settings by hand: no search), on
        // the same host, so the CA file given for it serves both.
        w.next();
        QCOMPARE(w.currentId(), int(Poplar::Ui::AccountWizard::OutgoingPage));
        QCOMPARE(w.field(QStringLiteral("smtpHost")).toString(), server.host());
        w.setField(QStringLiteral("smtpPort"), int(server.submissionsPort()));
        shoot(&w, QStringLiteral("wizard-4-outgoing"));
        w.next();  // tested; a pass moves on
        QTRY_COMPARE_WITH_TIMEOUT(w.currentId(), int(Poplar::Ui::AccountWizard::PolicyPage), 30000);
        QCOMPARE(w.draft().smtp.caFile, QFileInfo(server.certificatePath()).absoluteFilePath());
        shoot(&w, QStringLiteral("wizard-5-policy"));
        w.next();
        QCOMPARE(w.currentId(), int(Poplar::Ui::AccountWizard::FinishPage));
        shoot(&w, QStringLiteral("wizard-6-finish"));
    }

    void certificateDialogs()
    {
        Poplar::DovecotServer server;  // a real self-signed certificate to show
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(server.certificatePath());
        QVERIFY(!certs.isEmpty());
        Net::CertificateProblem problem;
        problem.kind = Net::CertificateProblem::Kind::Untrusted;
        problem.chain = { Net::CertificateInfo::from(certs.first()) };
        problem.errors = { QStringLiteral("The certificate is self-signed, and untrusted") };
        problem.sha256 = problem.chain.first().sha256;
        problem.host = QStringLiteral("pop.example.org");
        problem.port = 995;
        {
            Poplar::Ui::CertificateDialog dialog(problem);
            dialog.show();
            QVERIFY(!dialog.isChangedWarning());
            shoot(&dialog, QStringLiteral("certificate-untrusted"));
        }
        problem.kind = Net::CertificateProblem::Kind::Changed;
        problem.pinnedSha256 = QByteArray(32, '\x5c');
        Poplar::Ui::CertificateDialog changed(problem);
        changed.show();
        QVERIFY(changed.isChangedWarning());
        shoot(&changed, QStringLiteral("certificate-changed"));
    }

    void diagnosticsPage()
    {
        Poplar::DovecotServer server;
        QVERIFY(server.addUser(QStringLiteral("jane"), QStringLiteral("pw-jane!1")));
        for (const QByteArray &raw : Poplar::Demo::demoMessages(QDateTime::currentDateTimeUtc()).mid(0, 6))
            QVERIFY(server.addMessage(raw, nullptr, QStringLiteral("jane")));
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        Accounts::Account a;
        a.name = QStringLiteral("Jane");
        a.email = QStringLiteral("jane@example.org");
        a.host = server.host();
        a.port = server.tlsPort();
        a.user = QStringLiteral("jane");
        a.caFile = server.certificatePath();
        a.policy.keepCount = 2;
        const Accounts::Account added = Accounts::AccountStore(*m_store).add(a).value();
        PoplarTest::MemoryKeychain keychain;
        keychain.secrets.insert(added.credentialKey, "pw-jane!1");

        Poplar::Ui::AccountSettingsDialog dialog(*m_store, keychain, added.id);
        dialog.resize(860, 700);
        dialog.show();
        dialog.tabs()->setCurrentWidget(dialog.diagnostics());
        QSignalSpy tested(dialog.diagnostics(), &Poplar::Ui::AccountDiagnostics::testFinished);
        dialog.diagnostics()->testConnection();
        QVERIFY(tested.wait(30000));
        QCOMPARE(tested.first().first().value<Poplar::Error>().code, Poplar::ErrorCode::None);
        QSignalSpy previewed(dialog.diagnostics(), &Poplar::Ui::AccountDiagnostics::previewFinished);
        dialog.diagnostics()->previewNextFetch();
        QVERIFY(previewed.wait(30000));
        shoot(&dialog, QStringLiteral("diagnostics"));
    }

    void germanWindow()
    {
        QVERIFY(
            Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany)));
        auto w = windowWithMail();
        QVERIFY(w->selectFolder(m_inbox));
        QCOMPARE(w->messageModel()->headerData(Poplar::Ui::MessageListModel::SubjectColumn, Qt::Horizontal).toString(),
            QStringLiteral("Betreff"));
        w->messageListView()->setCurrentIndex(w->messageModel()->index(0, 0));
        shoot(w.get(), QStringLiteral("main-window-de"));
    }
};

int main(int argc, char *argv[])
{
    // A real display of its own, before the application starts.
    PoplarTest::XvfbDisplay display;
    QString error;
    if (!display.start(&error)) {
        std::fprintf(stderr, "FAIL: %s\n", qPrintable(error));
        return 1;
    }
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestScreenshots test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_screenshots.moc"
