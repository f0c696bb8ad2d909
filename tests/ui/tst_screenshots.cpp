// Screenshots on a real X display (a private Xvfb): the main window with
// mail, an HTML message with its blocked remote images, and the German
// window, saved as PNG files into <build>/tests/ui/screenshots for people
// to look at. Each test checks the window shows what the picture is for,
// and that the picture is a picture (its size, many colours).

#include "DemoMail.h"
#include "XvfbDisplay.h"
#include "models/MessageListModel.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "text/Translations.h"
#include "widgets/MainWindow.h"
#include "widgets/MessageView.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QScreen>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
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
        QTest::qWait(200);  // let the window manager-less server settle the first paints
        const QPixmap pixmap = widget->screen()->grabWindow(widget->winId());
        const QImage image = pixmap.toImage();
        QCOMPARE(image.size(), widget->size() * widget->devicePixelRatio());
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 40, qPrintable(QStringLiteral("%1: only %2 colours").arg(name).arg(colours.size())));
        QVERIFY(QDir().mkpath(screenshotDir()));
        const QString file = screenshotDir() + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY(image.save(file));
        qInfo("saved %s", qPrintable(file));
    }

    std::unique_ptr<MainWindow> windowWithMail()
    {
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
