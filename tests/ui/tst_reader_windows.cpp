// The reader's own windows on a real X display without a window manager (a
// private Xvfb), where nothing gives a new window the keyboard by itself:
// the source window and a reader window for an attached message take it,
// so that Escape reaches them and closes them.

#include "XvfbDisplay.h"

#include "store/StoreTypes.h"
#include "widgets/MessageView.h"
#include "widgets/ReaderWindow.h"

#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>

#include <cstdio>

using Poplar::Ui::MessageView;
using Poplar::Ui::ReaderWindow;

namespace {

QByteArray fixture(const char *name)
{
    QFile f(QStringLiteral(POPLAR_TEST_DATA "/mail/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

Store::MessageSummary summary(qint64 id)
{
    Store::MessageSummary s;
    s.id = id;
    s.fromAddress = QStringLiteral("dave@example.org");
    return s;
}

// Escape, where a user's key would go: to the widget with the keyboard focus.
void pressEscape()
{
    QWidget *focused = QApplication::focusWidget();
    QVERIFY(focused);
    QTest::keyClick(focused, Qt::Key_Escape);
}

}  // namespace

class TestReaderWindows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
    }

    void sourceWindowTakesTheKeyboard()
    {
        MessageView view;
        view.resize(700, 500);
        view.show();
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.showMessage(summary(1), fixture("message-rfc822-nested-twice.eml"));
        view.browser()->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(view.browser()));

        view.findChild<QPushButton *>(QStringLiteral("viewSourceButton"))->click();
        const QPointer<QDialog> source = view.findChild<QDialog *>(QStringLiteral("sourceDialog"));
        QVERIFY(source);
        QVERIFY(QTest::qWaitForWindowExposed(source));
        QTRY_COMPARE(QApplication::focusWidget(),
            static_cast<QWidget *>(source->findChild<QPlainTextEdit *>(QStringLiteral("sourceText"))));
        pressEscape();
        QTRY_VERIFY(!source);
    }

    void readerWindowTakesTheKeyboard()
    {
        MessageView view;
        view.resize(700, 500);
        view.show();
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.showMessage(summary(2), fixture("message-rfc822-nested-twice.eml"));
        view.browser()->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(view.browser()));

        view.findChild<QPushButton *>(QStringLiteral("openAttachmentButton"))->click();
        QCOMPARE(view.readerWindows().size(), 1);
        const QPointer<ReaderWindow> reader = view.readerWindows().first();
        QVERIFY(QTest::qWaitForWindowExposed(reader));
        QTRY_VERIFY(QApplication::focusWidget() && QApplication::focusWidget()->window() == reader);
        pressEscape();
        QTRY_VERIFY(!reader);
        QVERIFY(view.isVisible());
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
    TestReaderWindows test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_reader_windows.moc"
