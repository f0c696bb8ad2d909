// The main window on the offscreen platform: the three panes exist and have
// accessible names, geometry and splitter state are remembered, and the UI
// follows the locale (German strings, including Qt's own).

#include "text/ErrorText.h"
#include "text/Translations.h"
#include "widgets/MainWindow.h"

#include <QApplication>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>
#include <QTranslator>
#include <QTreeView>
#include <QTreeWidget>

using Poplar::Ui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("poplar-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
    }

    void panesExist()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.windowTitle(), QStringLiteral("Poplar"));
        auto *folders = w.findChild<QTreeWidget *>(QStringLiteral("folderTree"));
        auto *list = w.findChild<QTreeView *>(QStringLiteral("messageList"));
        auto *reader = w.findChild<QTextBrowser *>(QStringLiteral("readingPane"));
        QVERIFY(folders && list && reader);
        QVERIFY(!folders->accessibleName().isEmpty());
        QVERIFY(!list->accessibleName().isEmpty());
        QVERIFY(!reader->accessibleName().isEmpty());
        QVERIFY(!reader->openLinks());  // links never open by themselves
        QCOMPARE(list->model()->columnCount(), 4);
    }

    void geometryAndSplitterRemembered()
    {
        QList<int> sizes;
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.splitter()->setSizes({ 123, 600 });
            sizes = w.splitter()->sizes();
            w.close();
        }
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.splitter()->sizes().first(), sizes.first());
    }

    void followsGermanLocale()
    {
        QVERIFY(
            Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany)));
        MainWindow w;
        QStringList menus;
        for (QAction *a : w.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus, QStringList({ QStringLiteral("&Datei"), QStringLiteral("&Hilfe") }));
        const QString msg = Poplar::Ui::errorMessage(Poplar::Error(Poplar::ErrorCode::AuthFailed));
        QVERIFY2(msg.contains(QStringLiteral("Passwort")), qPrintable(msg));
        // Qt's own strings come from qtbase_de.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
