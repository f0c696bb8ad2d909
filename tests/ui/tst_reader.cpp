// The reading pane on the offscreen platform: hostile HTML reaches neither
// the network nor local files (a loopback server and an inotify watch are
// the witnesses), remote images load only with consent, links are checked
// and never open by themselves, attachments are saved safely, and the bars
// for partial messages and remote content do what their buttons say.

#include "widgets/AttachmentList.h"
#include "widgets/MessageView.h"
#include "widgets/SafeTextBrowser.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QBuffer>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextFragment>

#include <memory>

#include <sys/inotify.h>
#include <unistd.h>

using Poplar::Ui::MessageView;
using namespace Qt::StringLiterals;

namespace {

QByteArray pngBytes(int width, int height, QColor color)
{
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// A message as it arrives: header lines and a body, joined with CRLF.
QByteArray message(const QByteArray &from, const QByteArray &subject, const QByteArray &contentType,
    const QByteArray &body, const QByteArray &extraHeaders = {})
{
    QByteArray raw = "From: " + from + "\r\nTo: Bob <bob@example.org>\r\n" + extraHeaders + "Subject: " + subject
        + "\r\nDate: Mon, 02 Jun 2025 10:00:00 +0000\r\nMessage-ID: <" + subject.toHex().left(16)
        + "@poplar.test>\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n\r\n" + body;
    raw.replace("\r\n", "\n");
    raw.replace("\n", "\r\n");
    return raw;
}

QByteArray htmlMessage(const QByteArray &from, const QByteArray &subject, const QString &html)
{
    return message(from, subject, "text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit", html.toUtf8());
}

Store::MessageSummary summary(qint64 id, const QString &fromAddress, int flags = 0)
{
    Store::MessageSummary s;
    s.id = id;
    s.fromAddress = fromAddress;
    s.flags = flags;
    return s;
}

QSize imageSize(const QVariant &v)
{
    if (v.userType() == QMetaType::QImage)
        return qvariant_cast<QImage>(v).size();
    if (v.userType() == QMetaType::QPixmap)
        return qvariant_cast<QPixmap>(v).size();
    return {};
}

// Lays out and paints everything, top to bottom, so that every resource
// the document would ever ask for has been asked for.
void layOutAndPaint(MessageView &view)
{
    QTextBrowser *browser = view.browser();
    (void)browser->document()->documentLayout()->documentSize();
    (void)view.grab();
    QScrollBar *bar = browser->verticalScrollBar();
    for (int y = 0; y <= bar->maximum(); y += qMax(1, bar->pageStep())) {
        bar->setValue(y);
        (void)browser->viewport()->grab();
    }
    bar->setValue(bar->maximum());
    (void)browser->viewport()->grab();
    bar->setValue(0);
    QCoreApplication::processEvents();
}

QPushButton *button(const QWidget &view, const char *name)
{
    return view.findChild<QPushButton *>(QString::fromLatin1(name));
}

bool barVisible(const QWidget &view, const char *name)
{
    const auto *bar = view.findChild<QWidget *>(QString::fromLatin1(name));
    return bar && bar->isVisibleTo(&view);
}

// The text fragment carrying a link to `href`.
QTextFragment anchorFragment(QTextDocument *doc, const QString &href)
{
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (f.isAnchor() && f.anchorHref() == href)
                return it.fragment();
        }
    }
    return {};
}

QTextBlock blockContaining(QTextDocument *doc, const QString &text)
{
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        if (block.text().contains(text))
            return block;
    }
    return {};
}

// The middle of a link, in viewport coordinates.
QPoint anchorPoint(QTextBrowser *browser, const QString &href)
{
    const QTextFragment fragment = anchorFragment(browser->document(), href);
    if (!fragment.isValid())
        return { -1, -1 };
    QTextCursor cursor(browser->document());
    cursor.setPosition(fragment.position() + fragment.length() / 2);
    return browser->cursorRect(cursor).center();
}

// A tiny HTTP/1.0 server on 127.0.0.1 that answers every request with a
// PNG and remembers the request lines. It also counts connections, so a
// test can prove none were made.
class LoopbackHttp : public QObject
{
public:
    LoopbackHttp()
    {
        png = pngBytes(3, 2, Qt::red);
        QObject::connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                ++connections;
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    if (!buffer->contains("\r\n\r\n"))
                        return;
                    requests << QString::fromLatin1(buffer->left(buffer->indexOf("\r\n")));
                    socket->write("HTTP/1.0 200 OK\r\nContent-Type: image/png\r\nContent-Length: "
                        + QByteArray::number(png.size()) + "\r\nConnection: close\r\n\r\n" + png);
                    socket->disconnectFromHost();
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return server.listen(QHostAddress::LocalHost, 0); }
    [[nodiscard]] QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()); }
    [[nodiscard]] bool requested(const QString &path) const
    {
        return requests.contains(QStringLiteral("GET %1 HTTP/1.1").arg(path));
    }

    QTcpServer server;
    int connections = 0;
    QStringList requests;
    QByteArray png;
};

// Watches a file and its directory for opens and reads with inotify.
class OpenWatch
{
public:
    explicit OpenWatch(const QString &file)
        : m_prefix(QFileInfo(file).completeBaseName())
    {
        m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (m_fd >= 0) {
            m_fileWatch = inotify_add_watch(m_fd, QFile::encodeName(file).constData(), IN_OPEN | IN_ACCESS);
            m_dirWatch = inotify_add_watch(
                m_fd, QFile::encodeName(QFileInfo(file).absolutePath()).constData(), IN_OPEN | IN_ACCESS);
        }
    }
    ~OpenWatch()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    OpenWatch(const OpenWatch &) = delete;
    OpenWatch &operator=(const OpenWatch &) = delete;

    [[nodiscard]] bool valid() const { return m_fd >= 0 && m_fileWatch >= 0 && m_dirWatch >= 0; }

    // Opens or reads of the canary (or of any file in its directory whose
    // name starts like the canary's) since the last call.
    QStringList events()
    {
        QStringList seen;
        alignas(inotify_event) char buffer[8192];
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
            if (n <= 0)
                break;
            for (ssize_t off = 0; off < n;) {
                const auto *event = reinterpret_cast<const inotify_event *>(buffer + off);
                const QString name = event->len ? QFile::decodeName(event->name) : QString();
                if (event->wd == m_fileWatch)
                    seen << QStringLiteral("canary file");
                else if (event->wd == m_dirWatch && name.startsWith(m_prefix))
                    seen << name;
                off += ssize_t(sizeof(inotify_event) + event->len);
            }
        }
        return seen;
    }

private:
    QString m_prefix;
    int m_fd = -1;
    int m_fileWatch = -1;
    int m_dirWatch = -1;
};

}  // namespace

class TestReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_canaryDir;
    QString m_canary;
    QString m_oldCwd;

    QString hostileHtml(const QString &base) const
    {
        const QString dir = m_canaryDir.path();
        return QStringLiteral("<html><head>"
                              "<link rel=\"stylesheet\" type=\"text/css\" href=\"%1/linked.css\">"
                              "<style>@import url(%1/imported.css);</style>"
                              "<style>p.styled { background-image: url(%1/style-bg.png); }</style>"
                              "</head>"
                              "<body background=\"%1/body-bg.png\">"
                              "<p>Hostile corpus</p>"
                              "<p><img src=\"%1/pixel.png\"> <img src=\"https://127.0.0.1:%3/secure.png\"></p>"
                              "<p style=\"background-image:url(%1/inline-bg.png)\">inline style</p>"
                              "<p class=\"styled\">class style</p>"
                              "<table background=\"%1/table-bg.png\"><tr><td>cell</td></tr></table>"
                              "<p><img src=\"file://%2/canary.png\"></p>"
                              "<p><img src=\"%2/canary.png\"></p>"
                              "<p><img src=\"canary.png\"></p>"
                              "<p><img src=\"canary\"></p>"
                              "<script>document.write('SCRIPT-TEXT')</script>"
                              "<p>end</p>"
                              "</body></html>")
            .arg(base, dir)
            .arg(QUrl(base).port());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("poplar-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_reader"));
        QSettings().clear();

        QVERIFY(m_canaryDir.isValid());
        m_canary = m_canaryDir.filePath(QStringLiteral("canary.png"));
        const QByteArray png = pngBytes(5, 5, Qt::green);
        for (const QString &name : { QStringLiteral("canary.png"), QStringLiteral("canary") }) {
            QFile f(m_canaryDir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(png);
        }
        // Relative paths resolve against the current directory: make it the
        // canary's, so a relative image would find it.
        m_oldCwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(m_canaryDir.path()));
    }

    void cleanupTestCase() { QDir::setCurrent(m_oldCwd); }

    void cleanup() { QSettings().remove(QStringLiteral("reader/remoteContentSenders")); }

    // The witnesses work: an open of the canary is seen, a connection to
    // the server is counted. Without this, "nothing seen" proves nothing.
    void witnessesWork()
    {
        OpenWatch watch(m_canary);
        QVERIFY(watch.valid());
        {
            QFile f(m_canary);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(!f.readAll().isEmpty());
        }
        QVERIFY(!watch.events().isEmpty());

        LoopbackHttp http;
        QVERIFY(http.listen());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, http.server.serverPort());
        QTRY_COMPARE(http.connections, 1);
    }

    // The same corpus in a plain QTextBrowser does read the canary: the
    // corpus is hostile for real, and the policy is what stops it.
    void corpusReadsLocalFilesInAPlainBrowser()
    {
        OpenWatch watch(m_canary);
        QVERIFY(watch.valid());
        QTextBrowser plain;
        plain.resize(800, 600);
        plain.setHtml(hostileHtml(QStringLiteral("http://127.0.0.1:9")));
        plain.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plain));
        (void)plain.document()->documentLayout()->documentSize();
        (void)plain.grab();
        QCoreApplication::processEvents();
        QVERIFY(!watch.events().isEmpty());
    }

    void hostileHtmlTouchesNeitherNetworkNorFiles()
    {
        LoopbackHttp http;
        QVERIFY(http.listen());
        OpenWatch watch(m_canary);
        QVERIFY(watch.valid());

        MessageView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(1, QStringLiteral("mallory@example.net")),
            htmlMessage("Mallory <mallory@example.net>", "Hostile", hostileHtml(http.base())));
        layOutAndPaint(view);
        view.browser()->resize(300, 200);  // another layout, another chance to ask
        layOutAndPaint(view);
        QTest::qWait(300);

        QCOMPARE(http.connections, 0);
        QCOMPARE(watch.events(), QStringList());

        // The interception saw every kind of reference.
        const QList<QUrl> seen = view.interceptedUrls();
        const QString base = http.base();
        const QString dir = m_canaryDir.path();
        const QList<QUrl> expected = {
            QUrl(base + QStringLiteral("/linked.css")),
            QUrl(base + QStringLiteral("/imported.css")),
            QUrl(base + QStringLiteral("/style-bg.png")),
            QUrl(base + QStringLiteral("/body-bg.png")),
            QUrl(base + QStringLiteral("/pixel.png")),
            QUrl(QStringLiteral("https://127.0.0.1:%1/secure.png").arg(http.server.serverPort())),
            QUrl(base + QStringLiteral("/inline-bg.png")),
            QUrl(base + QStringLiteral("/table-bg.png")),
            QUrl(QStringLiteral("file://%1/canary.png").arg(dir)),
            QUrl(QStringLiteral("%1/canary.png").arg(dir)),
            QUrl(QStringLiteral("canary.png")),
            QUrl(QStringLiteral("canary")),
        };
        for (const QUrl &url : expected)
            QVERIFY2(seen.contains(url), qPrintable(url.toString()));
        // Remote images are the ones the bar offers; local ones never are.
        const QList<QUrl> blocked = view.blockedRemoteImages();
        QVERIFY(blocked.contains(QUrl(base + QStringLiteral("/pixel.png"))));
        QVERIFY(blocked.contains(QUrl(base + QStringLiteral("/body-bg.png"))));
        for (const QUrl &url : blocked)
            QVERIFY2(url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"),
                qPrintable(url.toString()));
        QVERIFY(barVisible(view, "remoteContentBar"));

        // Script text does not show; the rest of the body does.
        const QString text = view.browser()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("Hostile corpus")));
        QVERIFY(text.contains(QStringLiteral("end")));
        QVERIFY(!text.contains(QStringLiteral("SCRIPT-TEXT")));
    }

    void inlineAndDataImagesShow()
    {
        const QByteArray cidPng = pngBytes(7, 5, Qt::blue);
        const QByteArray dataPng = pngBytes(6, 4, Qt::yellow);
        const QByteArray body = "--rel\r\n"
                                "Content-Type: text/html; charset=utf-8\r\n\r\n"
                                "<p>Logo: <img src=\"cid:logo@poplar.test\"> data: <img src=\"data:image/png;base64,"
            + dataPng.toBase64()
            + "\"></p>\r\n"
              "--rel\r\n"
              "Content-Type: image/png\r\n"
              "Content-ID: <logo@poplar.test>\r\n"
              "Content-Disposition: inline\r\n"
              "Content-Transfer-Encoding: base64\r\n\r\n"
            + cidPng.toBase64()
            + "\r\n"
              "--rel--\r\n";
        const QByteArray raw = message("Alice <alice@example.com>", "Inline images",
            "multipart/related; type=\"text/html\"; boundary=\"rel\"", body);

        MessageView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(2, QStringLiteral("alice@example.com")), raw);
        layOutAndPaint(view);

        QTextDocument *doc = view.browser()->document();
        QCOMPARE(imageSize(doc->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("cid:logo@poplar.test")))),
            QSize(7, 5));
        const QUrl dataUrl(QStringLiteral("data:image/png;base64,") + QString::fromLatin1(dataPng.toBase64()));
        QCOMPARE(imageSize(doc->resource(QTextDocument::ImageResource, dataUrl)), QSize(6, 4));
        QVERIFY(view.interceptedUrls().isEmpty());
        QVERIFY(!barVisible(view, "remoteContentBar"));
        // The inline part is shown in the text, not listed as an attachment.
        QVERIFY(view.attachments().isEmpty());
        QVERIFY(!barVisible(view, "attachmentPane"));
    }

    void blockedImagesLeaveNoBlankSquares()
    {
        // width="600" alone would scale the 1x1 placeholder to a 600x600
        // blank square, pushing the text out of sight.
        MessageView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QString html = QStringLiteral("<p><img src=\"https://img.example/header.jpg\" width=\"600\"></p>"
                                            "<p><img src=\"https://img.example/side.jpg\" height=\"400\"></p>"
                                            "<p>Right below the images.</p>");
        view.showMessage(summary(30, u"news@example.com"_s), htmlMessage("News <news@example.com>", "Sizes", html));
        layOutAndPaint(view);
        QCOMPARE(view.blockedRemoteImages().size(), 2);
        QVERIFY2(view.browser()->document()->size().height() < 200,
            qPrintable(QString::number(view.browser()->document()->size().height())));

        // A fully sized one keeps its box: the layout stays as meant.
        const QString sized = QStringLiteral("<p><img src=\"https://img.example/banner.jpg\" width=\"300\" "
                                             "height=\"250\"></p><p>Below the banner.</p>");
        view.showMessage(summary(31, u"news@example.com"_s), htmlMessage("News <news@example.com>", "Sized", sized));
        layOutAndPaint(view);
        QVERIFY(view.browser()->document()->size().height() >= 250);
    }

    void remoteContentLoadsOnlyWithConsent()
    {
        LoopbackHttp http;
        QVERIFY(http.listen());
        OpenWatch watch(m_canary);
        QVERIFY(watch.valid());
        const QString base = http.base();
        const QString sender = QStringLiteral("alice@example.com");
        auto remoteHtml = [&](const QString &image) {
            return QStringLiteral("<p>Remote: <img src=\"%1/%2\"></p><p><img src=\"file://%3\"><img src=\"%3\">"
                                  "<img src=\"canary.png\"></p>")
                .arg(base, image, m_canary);
        };

        MessageView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        // First message: blocked, the bar offers to load.
        view.showMessage(summary(10, sender), htmlMessage("Alice <alice@example.com>", "One", remoteHtml(u"a.png"_s)));
        layOutAndPaint(view);
        QVERIFY(barVisible(view, "remoteContentBar"));
        QVERIFY(!button(view, "loadRemoteButton")->accessibleName().isEmpty());
        QVERIFY(!button(view, "alwaysRemoteButton")->accessibleName().isEmpty());
        const QUrl a(base + QStringLiteral("/a.png"));
        QCOMPARE(view.blockedRemoteImages(), QList<QUrl>({ a }));
        QTest::qWait(200);
        QCOMPARE(http.connections, 0);

        // "Load for this message".
        button(view, "loadRemoteButton")->click();
        QTRY_VERIFY(http.requested(QStringLiteral("/a.png")));
        QTRY_COMPARE(imageSize(view.browser()->document()->resource(QTextDocument::ImageResource, a)), QSize(3, 2));
        QVERIFY(!barVisible(view, "remoteContentBar"));
        QVERIFY(!QSettings().contains(QStringLiteral("reader/remoteContentSenders")));

        // Same sender, next message: blocked again until asked.
        view.showMessage(summary(11, sender), htmlMessage("Alice <alice@example.com>", "Two", remoteHtml(u"b.png"_s)));
        layOutAndPaint(view);
        QVERIFY(barVisible(view, "remoteContentBar"));
        QTest::qWait(300);
        QVERIFY(!http.requested(QStringLiteral("/b.png")));
        QCOMPARE(http.requests.size(), 1);

        // "Always for this sender": loads now and is remembered.
        button(view, "alwaysRemoteButton")->click();
        QTRY_VERIFY(http.requested(QStringLiteral("/b.png")));
        QCOMPARE(QSettings().value(QStringLiteral("reader/remoteContentSenders")).toStringList(), QStringList(sender));
        QVERIFY(MessageView::isSenderTrustedForRemoteContent(sender));

        // Third message: loads without a click, and still reads no file.
        view.showMessage(
            summary(12, sender), htmlMessage("Alice <alice@example.com>", "Three", remoteHtml(u"c.png"_s)));
        QVERIFY(!barVisible(view, "remoteContentBar"));
        const QUrl c(base + QStringLiteral("/c.png"));
        QTRY_COMPARE(imageSize(view.browser()->document()->resource(QTextDocument::ImageResource, c)), QSize(3, 2));
        QVERIFY(http.requested(QStringLiteral("/c.png")));
        layOutAndPaint(view);
        QCOMPARE(watch.events(), QStringList());
        QVERIFY(view.interceptedUrls().contains(QUrl::fromLocalFile(m_canary)));

        // Another sender is not trusted.
        const int before = http.requests.size();
        view.showMessage(summary(13, QStringLiteral("mallory@example.net")),
            htmlMessage("Mallory <mallory@example.net>", "Four", remoteHtml(u"d.png"_s)));
        layOutAndPaint(view);
        QVERIFY(barVisible(view, "remoteContentBar"));
        QTest::qWait(300);
        QCOMPARE(http.requests.size(), before);
        // An image fetched for an earlier message does not leak into this one.
        view.showMessage(summary(14, QStringLiteral("mallory@example.net")),
            htmlMessage("Mallory <mallory@example.net>", "Five", remoteHtml(u"a.png"_s)));
        layOutAndPaint(view);
        QCOMPARE(imageSize(view.browser()->document()->resource(QTextDocument::ImageResource, a)), QSize(1, 1));
        QCOMPARE(watch.events(), QStringList());
    }

    void linksAreCheckedAndOpenedOnlyForWebAndMail()
    {
        const QString html
            = QStringLiteral("<div style=\"font-size:20pt\">"
                             "<p><a href=\"http://honest.example.org/page\">Honest link</a></p>"
                             "<p><a href=\"https://bank.example.com/login\">https://bank.example.com</a></p>"
                             "<p><a href=\"http://evil.example.net/\">https://bank.example.com</a></p>"
                             "<p><a href=\"file:///etc/passwd\">local file</a></p>"
                             "<p><a href=\"javascript:alert(1)\">script link</a></p>"
                             "<p><a href=\"mailto:someone@example.org\">write to us</a></p>"
                             "<p>no link here</p>"
                             "</div>");
        MessageView view;
        QList<QUrl> opened;
        view.setUrlOpener([&](const QUrl &url) { opened << url; });
        view.resize(800, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(
            summary(20, QStringLiteral("alice@example.com")), htmlMessage("Alice <alice@example.com>", "Links", html));
        layOutAndPaint(view);
        QTextBrowser *browser = view.browser();
        QVERIFY(!browser->openLinks());
        QVERIFY(!browser->openExternalLinks());

        // Hover shows the real target.
        QSignalSpy hovered(&view, &MessageView::linkHovered);
        const QPoint evil = anchorPoint(browser, QStringLiteral("http://evil.example.net/"));
        QCOMPARE(browser->anchorAt(evil), QStringLiteral("http://evil.example.net/"));
        QTest::mouseMove(browser->viewport(), evil);
        QTRY_VERIFY(!hovered.isEmpty());
        QCOMPARE(hovered.last().at(0).toString(), QStringLiteral("http://evil.example.net/"));
        const QPoint empty
            = browser->cursorRect(QTextCursor(blockContaining(browser->document(), u"no link"_s))).center()
            + QPoint(300, 0);
        QVERIFY(browser->anchorAt(empty).isEmpty());
        QTest::mouseMove(browser->viewport(), empty);
        QTRY_COMPARE(hovered.last().at(0).toString(), QString());

        // The misleading link is flagged and marked; the honest ones are not.
        QCOMPARE(view.suspiciousLinks(), QStringList(QStringLiteral("http://evil.example.net/")));
        const QTextCharFormat evilFormat
            = anchorFragment(browser->document(), QStringLiteral("http://evil.example.net/")).charFormat();
        const QTextCharFormat bankFormat
            = anchorFragment(browser->document(), QStringLiteral("https://bank.example.com/login")).charFormat();
        QVERIFY(evilFormat.toolTip().contains(QStringLiteral("evil.example.net")));
        QVERIFY(evilFormat.toolTip().contains(QStringLiteral("bank.example.com")));
        QVERIFY(evilFormat.foreground().color() != bankFormat.foreground().color());
        QCOMPARE(evilFormat.underlineStyle(), QTextCharFormat::WaveUnderline);
        QVERIFY(bankFormat.toolTip().contains(QStringLiteral("https://bank.example.com/login")));
        QVERIFY(!bankFormat.toolTip().contains(QStringLiteral("leads to")));

        // Clicks: web and mail open through the opener, the rest never.
        auto click = [&](const QString &href) {
            const QPoint p = anchorPoint(browser, href);
            QCOMPARE(browser->anchorAt(p), href);
            QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, p);
            QTest::qWait(QApplication::doubleClickInterval() + 50);
        };
        click(QStringLiteral("http://honest.example.org/page"));
        QCOMPARE(opened, QList<QUrl>({ QUrl(QStringLiteral("http://honest.example.org/page")) }));
        click(QStringLiteral("file:///etc/passwd"));
        click(QStringLiteral("javascript:alert(1)"));
        QCOMPARE(opened.size(), 1);
        click(QStringLiteral("mailto:someone@example.org"));
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened.last(), QUrl(QStringLiteral("mailto:someone@example.org")));
    }

    void linkDomainHeuristics_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("domain");
        QTest::newRow("url") << u"https://bank.example.com/login"_s << u"bank.example.com"_s;
        QTest::newRow("www") << u"www.Example.org"_s << u"www.example.org"_s;
        QTest::newRow("bare") << u"paypal.com"_s << u"paypal.com"_s;
        QTest::newRow("address") << u"help@bank.example.com"_s << u"bank.example.com"_s;
        QTest::newRow("words") << u"Click here"_s << QString();
        QTest::newRow("file name") << u"report.pdf"_s << QString();
        QTest::newRow("sentence with url") << u"see https://a.example.com now"_s << QString();
    }
    void linkDomainHeuristics()
    {
        QFETCH(QString, text);
        QFETCH(QString, domain);
        QCOMPARE(Poplar::Ui::SafeTextBrowser::domainNamedBy(text), domain);
    }

    void subdomainLinksAreNotFlagged()
    {
        MessageView view;
        view.showMessage(summary(21, QStringLiteral("alice@example.com")),
            htmlMessage("Alice <alice@example.com>", "Subdomains",
                QStringLiteral("<a href=\"https://www.example.com/\">example.com</a> "
                               "<a href=\"https://example.com/\">www.example.com</a> "
                               "<a href=\"https://example.com.evil.example.net/\">example.com</a> "
                               "<a href=\"mailto:x@evil.example.net\">help@example.com</a>")));
        QCOMPARE(view.suspiciousLinks(),
            QStringList({ QStringLiteral("https://example.com.evil.example.net/"),
                QStringLiteral("mailto:x@evil.example.net") }));
    }

    void plainTextQuotesAndLinks()
    {
        const QByteArray body = "Hello Bob,\n"
                                "\n"
                                "> You wrote this.\n"
                                "> > And before that, this.\n"
                                ">> Also level two.\n"
                                "\n"
                                "See https://example.org/docs?a=1&b=2. Or <b>not bold</b> & more.\n";
        MessageView view;
        QList<QUrl> opened;
        view.setUrlOpener([&](const QUrl &url) { opened << url; });
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(30, QStringLiteral("alice@example.com")),
            message("Alice <alice@example.com>", "Plain", "text/plain; charset=utf-8", body));
        layOutAndPaint(view);
        QTextDocument *doc = view.browser()->document();

        const QTextBlock normal = blockContaining(doc, u"Hello Bob"_s);
        const QTextBlock one = blockContaining(doc, u"You wrote this"_s);
        const QTextBlock two = blockContaining(doc, u"And before that"_s);
        const QTextBlock twoAgain = blockContaining(doc, u"Also level two"_s);
        QVERIFY(normal.isValid() && one.isValid() && two.isValid() && twoAgain.isValid());
        QVERIFY(one.blockFormat().leftMargin() > normal.blockFormat().leftMargin());
        QVERIFY(two.blockFormat().leftMargin() > one.blockFormat().leftMargin());
        QCOMPARE(twoAgain.blockFormat().leftMargin(), two.blockFormat().leftMargin());
        auto colorOf = [](const QTextBlock &b) { return b.begin().fragment().charFormat().foreground().color(); };
        QVERIFY(colorOf(one) != colorOf(normal));
        QVERIFY(colorOf(two) != colorOf(one));

        // The URL is a link, without the full stop after it.
        const QString href = QStringLiteral("https://example.org/docs?a=1&b=2");
        const QTextFragment link = anchorFragment(doc, href);
        QVERIFY(link.isValid());
        QCOMPARE(link.text(), href);
        const QPoint p = anchorPoint(view.browser(), href);
        QTest::mouseClick(view.browser()->viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(opened, QList<QUrl>({ QUrl(href) }));

        // Markup in plain text is text.
        QVERIFY(doc->toPlainText().contains(QStringLiteral("<b>not bold</b> & more.")));
        QVERIFY(view.suspiciousLinks().isEmpty());
    }

    void headerBlock()
    {
        MessageView view;
        view.showMessage(summary(40, QStringLiteral("alice@example.com")),
            message("Alice Example <alice@example.com>", "<b>Quarterly</b> report", "text/plain; charset=utf-8",
                "Body\n", "Cc: Carol <carol@example.net>\r\n"));
        auto label = [&](const char *name) { return view.findChild<QLabel *>(QString::fromLatin1(name)); };
        QVERIFY(label("headerFrom")->text().contains(QStringLiteral("alice@example.com")));
        QVERIFY(label("headerFrom")->text().contains(QStringLiteral("Alice Example")));
        QVERIFY(label("headerTo")->text().contains(QStringLiteral("bob@example.org")));
        QVERIFY(label("headerCc")->text().contains(QStringLiteral("carol@example.net")));
        QVERIFY(label("headerCc")->isVisibleTo(&view));
        QCOMPARE(label("headerSubject")->text(), QStringLiteral("<b>Quarterly</b> report"));
        QCOMPARE(label("headerSubject")->textFormat(), Qt::PlainText);
        QVERIFY(label("headerDate")->text().contains(QStringLiteral("2025")));
        QVERIFY(label("headerFrom")->textInteractionFlags() & Qt::TextSelectableByMouse);
        QCOMPARE(view.messageId(), 40);

        // Without Cc the row is hidden.
        view.showMessage(summary(41, QStringLiteral("alice@example.com")),
            message("Alice <alice@example.com>", "No cc", "text/plain", "Body\n"));
        QVERIFY(!label("headerCc")->isVisibleTo(&view));

        view.clear();
        QCOMPARE(view.messageId(), 0);
        QVERIFY(!view.findChild<QWidget *>(QStringLiteral("messageHeader"))->isVisibleTo(&view));
        QVERIFY(view.browser()->toPlainText().isEmpty());
        QVERIFY(!view.browser()->placeholderText().isEmpty());
        QCOMPARE(view.browser()->objectName(), QStringLiteral("readingPane"));
        QVERIFY(!view.browser()->accessibleName().isEmpty());
    }

    void attachments()
    {
        QByteArray passwd = "root:x:0:0:root:/root:/bin/bash\n";
        QByteArray exe("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", 14);
        QByteArray notes;
        for (int i = 0; i < 256; ++i)
            notes.append(char(i));
        const QByteArray inlinePng = pngBytes(2, 2, Qt::black);
        const QByteArray body = "--outer\r\n"
                                "Content-Type: multipart/related; boundary=\"rel\"\r\n\r\n"
                                "--rel\r\n"
                                "Content-Type: text/html; charset=utf-8\r\n\r\n"
                                "<p>See <img src=\"cid:inline@poplar.test\"></p>\r\n"
                                "--rel\r\n"
                                "Content-Type: image/png\r\n"
                                "Content-ID: <inline@poplar.test>\r\n"
                                "Content-Disposition: inline\r\n"
                                "Content-Transfer-Encoding: base64\r\n\r\n"
            + inlinePng.toBase64()
            + "\r\n--rel--\r\n"
              "--outer\r\n"
              "Content-Type: application/octet-stream\r\n"
              "Content-Disposition: attachment; filename=\"../../etc/passwd\"\r\n"
              "Content-Transfer-Encoding: base64\r\n\r\n"
            + passwd.toBase64()
            + "\r\n--outer\r\n"
              "Content-Type: application/x-msdownload\r\n"
              "Content-Disposition: attachment; filename*=utf-8''evil%E2%80%AEtxt.exe\r\n"
              "Content-Transfer-Encoding: base64\r\n\r\n"
            + exe.toBase64()
            + "\r\n--outer\r\n"
              "Content-Type: application/octet-stream\r\n"
              "Content-Disposition: attachment; filename=\"notes.bin\"\r\n"
              "Content-Transfer-Encoding: base64\r\n\r\n"
            + notes.toBase64() + "\r\n--outer--\r\n";
        const QByteArray raw
            = message("Alice <alice@example.com>", "Files", "multipart/mixed; boundary=\"outer\"", body);

        MessageView view;
        QList<QUrl> opened;
        QStringList asked;
        bool answer = false;
        view.setUrlOpener([&](const QUrl &url) { opened << url; });
        view.setOpenConfirmation([&](const QString &name) {
            asked << name;
            return answer;
        });
        view.showMessage(summary(50, QStringLiteral("alice@example.com")), raw);

        // Listed with safe names and sizes; the inline image is not listed.
        const QList<Mime::AttachmentInfo> list = view.attachments();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).fileName, QStringLiteral("passwd"));
        for (const Mime::AttachmentInfo &info : list) {
            QVERIFY2(!info.fileName.contains(QLatin1Char('/')) && !info.fileName.contains(QLatin1Char('\\'))
                    && !info.fileName.contains(QChar(0x202E)) && !info.fileName.startsWith(QLatin1Char('.')),
                qPrintable(info.fileName));
        }
        QVERIFY(list.at(1).fileName.endsWith(QStringLiteral(".exe")));
        QCOMPARE(list.at(2).size, qint64(notes.size()));
        auto *listWidget = view.findChild<QListWidget *>(QStringLiteral("attachmentList"));
        QVERIFY(listWidget);
        QVERIFY(!listWidget->accessibleName().isEmpty());
        QCOMPARE(listWidget->count(), 3);
        QVERIFY(listWidget->item(0)->text().contains(QStringLiteral("passwd")));
        QVERIFY(listWidget->item(2)->text().contains(QLocale().formattedDataSize(notes.size())));
        QVERIFY(!listWidget->item(0)->icon().isNull());
        QVERIFY(view.findChild<QWidget *>(QStringLiteral("attachmentPane"))->isVisibleTo(&view));

        // Save writes exactly the decoded bytes.
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString savedPath = out.filePath(QStringLiteral("saved.bin"));
        QVERIFY(view.saveAttachment(2, savedPath).ok());
        QFile saved(savedPath);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), notes);
        QVERIFY(!view.saveAttachment(7, savedPath).ok());

        // Save All never replaces an existing file.
        {
            QFile existing(out.filePath(QStringLiteral("passwd")));
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write("keep me");
        }
        const Poplar::Result<QStringList> all = view.saveAllAttachments(out.path());
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 3);
        auto contents = [&](const QString &name) {
            QFile f(out.filePath(name));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
        };
        QCOMPARE(contents(u"passwd"_s), QByteArray("keep me"));
        QCOMPARE(contents(u"passwd (2)"_s), passwd);
        QCOMPARE(contents(list.at(1).fileName), exe);
        QCOMPARE(contents(u"notes.bin"_s), notes);
        const Poplar::Result<QStringList> again = view.saveAllAttachments(out.path());
        QVERIFY(again.ok());
        QCOMPARE(contents(u"passwd (3)"_s), passwd);
        QCOMPARE(contents(u"notes (2).bin"_s), notes);
        QCOMPARE(contents(u"notes.bin"_s), notes);
        for (const QString &path : *again)
            QCOMPARE(QFileInfo(path).absolutePath(), QDir(out.path()).absolutePath());

        // Opening a program asks first; declined, nothing happens.
        QVERIFY(MessageView::isRiskyToOpen(list.at(1)));
        const Poplar::Status declined = view.openAttachment(1);
        QVERIFY(!declined.ok());
        QCOMPARE(declined.code(), Poplar::ErrorCode::Cancelled);
        QCOMPARE(asked, QStringList(list.at(1).fileName));
        QVERIFY(opened.isEmpty());
        // The same through the list and the Open button.
        listWidget->setCurrentRow(1);
        button(view, "openAttachmentButton")->click();
        QCOMPARE(asked.size(), 2);
        QVERIFY(opened.isEmpty());

        // Accepted: written to a private folder, not executable, then opened.
        answer = true;
        QVERIFY(view.openAttachment(1).ok());
        QCOMPARE(opened.size(), 1);
        const QString openedPath = opened.first().toLocalFile();
        QVERIFY(opened.first().isLocalFile());
        QFile openedFile(openedPath);
        QVERIFY(openedFile.open(QIODevice::ReadOnly));
        QCOMPARE(openedFile.readAll(), exe);
        QVERIFY(!(openedFile.permissions() & (QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther)));
        QCOMPARE(QFileInfo(QFileInfo(openedPath).absolutePath()).permissions()
                & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther),
            QFileDevice::Permissions());

        // A harmless file opens without asking.
        asked.clear();
        QVERIFY(view.openAttachment(2).ok());
        QVERIFY(asked.isEmpty());
        QCOMPARE(opened.size(), 2);
    }

    void riskyTypes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("risky");
        QTest::newRow("exe") << u"setup.exe"_s << QByteArray("application/octet-stream") << QByteArray() << true;
        QTest::newRow("double extension")
            << u"invoice.pdf.scr"_s << QByteArray("application/pdf") << QByteArray() << true;
        QTest::newRow("shell type") << u"run"_s << QByteArray("application/x-sh") << QByteArray() << true;
        QTest::newRow("desktop") << u"doc.desktop"_s << QByteArray("text/plain") << QByteArray() << true;
        QTest::newRow("appimage") << u"tool.AppImage"_s << QByteArray("application/octet-stream") << QByteArray()
                                  << true;
        QTest::newRow("script content") << u"readme.txt"_s << QByteArray("text/plain")
                                        << QByteArray("#!/bin/sh\nrm -rf ~\n") << true;
        QTest::newRow("pdf") << u"report.pdf"_s << QByteArray("application/pdf") << QByteArray("%PDF-1.4\n") << false;
        QTest::newRow("text") << u"notes.txt"_s << QByteArray("text/plain") << QByteArray("hello\n") << false;
        QTest::newRow("image") << u"photo.png"_s << QByteArray("image/png") << pngBytes(1, 1, Qt::red) << false;
    }
    void riskyTypes()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, content);
        QFETCH(bool, risky);
        Mime::AttachmentInfo info;
        info.fileName = name;
        info.mimeType = type;
        QCOMPARE(MessageView::isRiskyToOpen(info, content), risky);
    }

    void partialBar()
    {
        MessageView view;
        QSignalSpy rest(&view, &MessageView::downloadRestRequested);
        QSignalSpy remove(&view, &MessageView::deleteFromServerRequested);
        view.showMessage(summary(60, QStringLiteral("alice@example.com")),
            message("Alice <alice@example.com>", "Whole", "text/plain", "All of it\n"));
        QVERIFY(!barVisible(view, "partialBar"));

        view.showMessage(summary(61, QStringLiteral("alice@example.com"), Store::Flag::Partial | Store::Flag::Seen),
            message("Alice <alice@example.com>", "Partial", "text/plain", "Only the first lines\n"));
        QVERIFY(barVisible(view, "partialBar"));
        QPushButton *restButton = button(view, "downloadRestButton");
        QPushButton *deleteButton = button(view, "deleteFromServerButton");
        QVERIFY(!restButton->accessibleName().isEmpty());
        QVERIFY(!deleteButton->accessibleName().isEmpty());
        restButton->click();
        QCOMPARE(rest.size(), 1);
        QCOMPARE(rest.first().at(0).toLongLong(), 61);
        QCOMPARE(remove.size(), 0);
        deleteButton->click();
        QCOMPARE(remove.size(), 1);
        QCOMPARE(remove.first().at(0).toLongLong(), 61);

        view.clear();
        QVERIFY(!barVisible(view, "partialBar"));
    }

    void viewSource()
    {
        const QByteArray raw = message(
            "Jürgen <j@example.de>", "=?utf-8?q?Gr=C3=BC=C3=9Fe?=", "text/plain; charset=utf-8", "Grüße aus Köln\n");
        MessageView view;
        view.showMessage(summary(70, QStringLiteral("j@example.de")), raw);
        button(view, "viewSourceButton")->click();
        auto *dialog = view.findChild<QDialog *>(QStringLiteral("sourceDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        auto *edit = dialog->findChild<QPlainTextEdit *>(QStringLiteral("sourceText"));
        QVERIFY(edit);
        QVERIFY(edit->isReadOnly());
        QCOMPARE(edit->toPlainText(), QString::fromUtf8(raw).replace(u"\r\n"_s, u"\n"_s));
        QVERIFY(edit->toPlainText().contains(QStringLiteral("=?utf-8?q?Gr=C3=BC=C3=9Fe?=")));
        QCOMPARE(edit->font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
        dialog->close();

        // Bytes that are not UTF-8 show as Latin-1, every one of them.
        const QByteArray latin1 = message("a@example.com", "Latin", "text/plain; charset=iso-8859-1", "\xe9t\xe9\n");
        view.showMessage(summary(71, QStringLiteral("a@example.com")), latin1);
        button(view, "viewSourceButton")->click();
        const auto dialogs = view.findChildren<QDialog *>(QStringLiteral("sourceDialog"));
        QVERIFY(!dialogs.isEmpty());
        auto *latinEdit = dialogs.last()->findChild<QPlainTextEdit *>(QStringLiteral("sourceText"));
        QVERIFY(latinEdit->toPlainText().contains(QString::fromUtf8("été")));
    }
};

QTEST_MAIN(TestReader)
#include "tst_reader.moc"
