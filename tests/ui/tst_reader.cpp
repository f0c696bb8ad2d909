// The reading pane on the offscreen platform: hostile HTML reaches neither
// the network nor local files (a loopback server and an inotify watch are
// the witnesses), remote images load only with consent, links are checked
// and never open by themselves, attachments are saved safely, and the bars
// for partial messages and remote content do what their buttons say.

#include "widgets/AttachmentList.h"
#include "widgets/MessageImages.h"
#include "widgets/MessageView.h"
#include "widgets/ReaderWindow.h"
#include "widgets/SafeTextBrowser.h"
#include "widgets/SourceWindow.h"

#include "WidgetChecks.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
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
#include <QTimer>
#include <QUrlQuery>

#include <functional>
#include <memory>

#include <sys/inotify.h>
#include <unistd.h>

using Poplar::Ui::MessageImages;
using Poplar::Ui::MessageView;
using Poplar::Ui::ReaderWindow;
using namespace Qt::StringLiterals;

namespace {

QByteArray fixture(const char *name)
{
    QFile f(QStringLiteral(POPLAR_TEST_DATA "/mail/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

// Runs `answer` on the next message box to open (inside its exec()), to read
// it and press one of its buttons. Nothing runs if none opens.
void onNextMessageBox(QObject *context, std::function<void(QMessageBox *)> answer)
{
    auto *timer = new QTimer(context);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, context, [timer, answer] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            answer(box);
        }
    });
    timer->start();
}

QAbstractButton *buttonWithRole(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == role)
            return b;
    }
    return nullptr;
}

// Every image in the document: its name and format.
QList<QTextImageFormat> imageFormats(QTextDocument *doc)
{
    QList<QTextImageFormat> out;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().isImageFormat())
                out << it.fragment().charFormat().toImageFormat();
        }
    }
    return out;
}

QByteArray grayPng(int width, int height)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    image.fill(0);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray base64Lines(const QByteArray &data)
{
    QByteArray out;
    const QByteArray encoded = data.toBase64();
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        out += encoded.mid(i, 76) + "\r\n";
    return out;
}

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

// The network the view fetches remote images through: it counts every
// request before passing it on. A request is made the moment the view asks
// for it, so "none asked for" is known at once, without waiting to see
// whether a connection turns up at the server.
class CountingNetwork : public QNetworkAccessManager
{
public:
    QList<QUrl> requested;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *data) override
    {
        requested << request.url();
        return QNetworkAccessManager::createRequest(op, request, data);
    }
};

// Follows the view's answers to the images its document refused: the view
// answers each refusal in a queued call (fetch when allowed, else offer the
// bar). A queued call connected after the view's runs after it, so once
// this one has seen every refusal, the view has acted on each of them.
class RefusalsAnswered
{
public:
    explicit RefusalsAnswered(const MessageView &view)
    {
        auto *browser = qobject_cast<Poplar::Ui::SafeTextBrowser *>(view.browser());
        QObject::connect(
            browser, &Poplar::Ui::SafeTextBrowser::remoteImageBlocked, &m_context, [this] { ++m_refused; },
            Qt::DirectConnection);
        QObject::connect(
            browser, &Poplar::Ui::SafeTextBrowser::remoteImageBlocked, &m_context, [this] { ++m_answered; },
            Qt::QueuedConnection);
    }
    [[nodiscard]] int refused() const { return m_refused; }
    [[nodiscard]] bool all() const { return m_answered == m_refused; }

private:
    QObject m_context;
    int m_refused = 0;
    int m_answered = 0;
};

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
                    const QByteArray line = buffer->left(buffer->indexOf("\r\n"));
                    requests << QString::fromLatin1(line);
                    const QString path = QString::fromLatin1(line.split(' ').value(1));
                    const QByteArray body = bodies.value(path, png);
                    socket->write("HTTP/1.0 200 OK\r\nContent-Type: image/png\r\nContent-Length: "
                        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
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
    QHash<QString, QByteArray> bodies;  // by path; the PNG for any other
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

        CountingNetwork network;
        MessageView view;
        view.setNetworkAccessManager(&network);
        RefusalsAnswered refusals(view);
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(1, QStringLiteral("mallory@example.net")),
            htmlMessage("Mallory <mallory@example.net>", "Hostile", hostileHtml(http.base())));
        layOutAndPaint(view);
        view.browser()->resize(300, 200);  // another layout, another chance to ask
        layOutAndPaint(view);
        QTRY_VERIFY(refusals.all());
        QVERIFY(refusals.refused() > 0);

        QCOMPARE(network.requested, QList<QUrl>());
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

        CountingNetwork network;
        MessageView view;
        view.setNetworkAccessManager(&network);
        RefusalsAnswered refusals(view);
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
        QTRY_VERIFY(refusals.all());
        QVERIFY(refusals.refused() > 0);
        QCOMPARE(network.requested, QList<QUrl>());
        QCOMPARE(http.connections, 0);

        // "Load for this message".
        button(view, "loadRemoteButton")->click();
        QCOMPARE(network.requested, QList<QUrl>({ a }));
        QTRY_VERIFY(http.requested(QStringLiteral("/a.png")));
        QTRY_COMPARE(imageSize(view.browser()->document()->resource(QTextDocument::ImageResource, a)), QSize(3, 2));
        QVERIFY(!barVisible(view, "remoteContentBar"));
        QVERIFY(!QSettings().contains(QStringLiteral("reader/remoteContentSenders")));

        // Same sender, next message: blocked again until asked.
        view.showMessage(summary(11, sender), htmlMessage("Alice <alice@example.com>", "Two", remoteHtml(u"b.png"_s)));
        layOutAndPaint(view);
        QVERIFY(barVisible(view, "remoteContentBar"));
        QTRY_VERIFY(refusals.all());
        QCOMPARE(network.requested, QList<QUrl>({ a }));
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
        const QList<QUrl> requestedBefore = network.requested;
        view.showMessage(summary(13, QStringLiteral("mallory@example.net")),
            htmlMessage("Mallory <mallory@example.net>", "Four", remoteHtml(u"d.png"_s)));
        layOutAndPaint(view);
        QVERIFY(barVisible(view, "remoteContentBar"));
        QTRY_VERIFY(refusals.all());
        QCOMPARE(network.requested, requestedBefore);
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
        view.setUrlOpener([&](const QUrl &url) {
            opened << url;
            return true;
        });
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
            // QTest moves its clock past the double-click interval after each click.
            QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, p);
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
        view.setUrlOpener([&](const QUrl &url) {
            opened << url;
            return true;
        });
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
        view.setUrlOpener([&](const QUrl &url) {
            opened << url;
            return true;
        });
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
        const auto declined = view.openAttachment(1);
        QVERIFY(!declined.ok());
        QCOMPARE(declined.error().code, Poplar::ErrorCode::Cancelled);
        QCOMPARE(asked, QStringList(list.at(1).fileName));
        QVERIFY(opened.isEmpty());
        // The same through the list and the Open button.
        listWidget->setCurrentRow(1);
        button(view, "openAttachmentButton")->click();
        QCOMPARE(asked.size(), 2);
        QVERIFY(opened.isEmpty());

        // Accepted: written to a private folder, not executable, then opened.
        answer = true;
        const auto accepted = view.openAttachment(1);
        QVERIFY(accepted.ok());
        QCOMPARE(*accepted, MessageView::Opened::WithProgram);
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

    void senderWordsInTooltipsShowAsTheyAre()
    {
        // An attachment's name and type come from the sender: markup in them
        // is shown, not rendered.
        const QString name = QStringLiteral("<a href=\"http://x.invalid/\">click</a><b>bold</b>.txt");
        Mime::AttachmentInfo info;
        info.partIndex = 1;
        info.fileName = name;
        info.mimeType = "text/plain";
        info.size = 10;
        Poplar::Ui::AttachmentList list;
        list.setAttachments({ info });
        QCOMPARE(list.count(), 1);
        QVERIFY(PoplarTest::shownToolTip(list.item(0)->toolTip()).contains(name));
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

        view.clear();
        QVERIFY(!barVisible(view, "partialBar"));
    }

    // "Delete from Server" on a partly downloaded message asks first, and the
    // question says plainly that the rest of the message is then lost.
    void deleteFromServerSaysTheRestIsLost()
    {
        MessageView view;
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy remove(&view, &MessageView::deleteFromServerRequested);
        view.showMessage(summary(62, QStringLiteral("alice@example.com"), Store::Flag::Partial),
            message("Alice <alice@example.com>", "Partial", "text/plain", "Only the first lines\n"));
        QPushButton *deleteButton = button(view, "deleteFromServerButton");
        QVERIFY(deleteButton && deleteButton->isVisible());

        // Cancelled: nothing is asked of the server.
        QString text;
        QString details;
        bool asked = false;
        onNextMessageBox(&view, [&](QMessageBox *box) {
            asked = true;
            text = box->text();
            details = box->informativeText();
            QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
            box->button(QMessageBox::Cancel)->click();
        });
        deleteButton->click();
        QVERIFY(asked);
        QCOMPARE(remove.size(), 0);
        const QString question = text + QLatin1Char(' ') + details;
        QVERIFY2(question.contains(QStringLiteral("Delete this message from the server")), qPrintable(question));
        QVERIFY2(question.contains(QStringLiteral("The rest of it is only on the server")), qPrintable(question));
        QVERIFY2(question.contains(QStringLiteral("lost for good")), qPrintable(question));

        // Confirmed: the request names the message.
        asked = false;
        onNextMessageBox(&view, [&](QMessageBox *box) {
            asked = true;
            QAbstractButton *confirm = buttonWithRole(box, QMessageBox::DestructiveRole);
            QVERIFY(confirm);
            QVERIFY(confirm->text().contains(QStringLiteral("Delete from Server")));
            confirm->click();
        });
        deleteButton->click();
        QVERIFY(asked);
        QCOMPARE(remove.size(), 1);
        QCOMPARE(remove.first().at(0).toLongLong(), 62);
    }

    // A few hundred bytes of PNG declaring 30000 x 30000 pixels (3.6 GB),
    // as an inline part, a data: URL and an attachment: the size is read
    // from the header, nothing is decoded, and the placeholder says why.
    void imageBombIsNotDecoded()
    {
        MessageView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(100, u"mallory@example.net"_s), fixture("png-declaring-30000x30000.eml"));
        layOutAndPaint(view);

        const MessageImages &images = view.images();
        QCOMPARE(images.decodedBytes(), 0);
        QCOMPARE(images.reservedBytes(), 0);
        const QHash<QUrl, MessageImages::Outcome> refused = images.refused();
        QCOMPARE(refused.size(), 3);
        for (auto it = refused.cbegin(); it != refused.cend(); ++it)
            QVERIFY2(it.value() == MessageImages::Outcome::TooLarge, qPrintable(it.key().toString().left(60)));
        QVERIFY(refused.contains(QUrl(u"cid:bomb@example.net"_s)));
        QCOMPARE(view.imagesBelowText().size(), 1);
        QVERIFY(refused.contains(MessageImages::partUrl(view.imagesBelowText().first().partIndex)));

        // Each shows a placeholder that says so, not a blank pixel.
        const QString why = MessageImages::explanation(MessageImages::Outcome::TooLarge, QSize(30000, 30000));
        QVERIFY(why.contains(QLocale().toString(30000)));
        QTextDocument *doc = view.browser()->document();
        const QList<QTextImageFormat> formats = imageFormats(doc);
        QCOMPARE(formats.size(), 3);
        for (const QTextImageFormat &format : formats) {
            QCOMPARE(format.toolTip(), why);
            const QSize size = imageSize(doc->resource(QTextDocument::ImageResource, QUrl(format.name())));
            QVERIFY2(size.width() > 100 && size.height() > 10,
                qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
            QCOMPARE(QSize(qRound(format.width()), qRound(format.height())), size);
        }
        QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("End of text.")));
        // Still listed, to be saved.
        QCOMPARE(view.attachments().size(), 1);
        QCOMPARE(view.attachments().first().fileName, u"poster.png"_s);
    }

    // Many images, each within Qt's own limit, that together declare more
    // than a message may decode: their sizes are known without decoding,
    // they decode only when painted, and what would go over the budget is
    // refused in the order the message shows them.
    void manyLargeImagesStayWithinTheBudget()
    {
        // Each within Qt's own limit; each larger than a message shows, so
        // decoded in full and scaled down.
        const int count = 8;
        const QSize source(4000, 4000);
        const QSize shown(MessageImages::MaxShownSide, MessageImages::MaxShownSide);
        const QByteArray png = grayPng(source.width(), source.height());
        QByteArray html = "<html><body><p>Large images:</p>";
        for (int i = 0; i < count; ++i)
            html += "<p><img src=\"cid:big-" + QByteArray::number(i) + "@poplar.test\"></p>";
        html += "<p>The end.</p></body></html>";
        QByteArray body = "--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n";
        for (int i = 0; i < count; ++i) {
            body += "--rel\r\nContent-Type: image/png\r\nContent-ID: <big-" + QByteArray::number(i)
                + "@poplar.test>\r\nContent-Disposition: inline\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64Lines(png);
        }
        body += "--rel--\r\n";
        const QByteArray raw
            = message("Mallory <mallory@example.net>", "Large images", "multipart/related; boundary=\"rel\"", body);

        MessageView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(101, u"mallory@example.net"_s), raw);
        const MessageImages &images = view.images();
        // Four bytes a pixel: decoded in full, and the copy kept.
        const qint64 each = 4LL * source.width() * source.height() + 4LL * shown.width() * shown.height();
        const int fit = int(MessageImages::BudgetBytes / each);
        QVERIFY(fit > 0 && fit < count);

        // Laid out, not painted: every size is known, nothing is decoded.
        (void)view.browser()->document()->documentLayout()->documentSize();
        QCOMPARE(images.decodedBytes(), 0);
        QCOMPARE(images.reservedBytes(), fit * each);
        QCOMPARE(imageFormats(view.browser()->document()).first().width(), shown.width());
        // The first screen decodes what it shows, and no more.
        (void)view.grab();
        QCOMPARE(images.decodedBytes(), each);

        layOutAndPaint(view);
        QCOMPARE(images.decodedBytes(), fit * each);
        QVERIFY(images.decodedBytes() <= MessageImages::BudgetBytes);
        const QHash<QUrl, MessageImages::Outcome> refused = images.refused();
        QCOMPARE(refused.size(), count - fit);
        QTextDocument *doc = view.browser()->document();
        for (int i = 0; i < count; ++i) {
            const QUrl url(QStringLiteral("cid:big-%1@poplar.test").arg(i));
            if (i < fit) {
                QCOMPARE(images.outcome(url), MessageImages::Outcome::Shown);
                QCOMPARE(imageSize(doc->resource(QTextDocument::ImageResource, url)), shown);
            } else {
                QCOMPARE(refused.value(url), MessageImages::Outcome::OverBudget);
            }
        }
        QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("The end.")));

        // The next message starts with a full budget.
        view.showMessage(summary(102, u"mallory@example.net"_s), raw);
        QCOMPARE(images.decodedBytes(), 0);
        QCOMPARE(images.reservedBytes(), fit * each);
    }

    // SVG images are never decoded: with Qt's SVG plugin, an <image> in an
    // SVG reads the local file it names. Whatever the message calls them and
    // wherever they come from, they read no file and reach no server.
    void svgImagesReachNeitherFilesNorNetwork()
    {
        LoopbackHttp http;
        QVERIFY(http.listen());
        OpenWatch watch(m_canary);
        QVERIFY(watch.valid());
        const QByteArray svg
            = QStringLiteral("<?xml version=\"1.0\"?>\n"
                             "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                             "width=\"40\" height=\"40\">"
                             "<image x=\"0\" y=\"0\" width=\"20\" height=\"20\" xlink:href=\"%1\"/>"
                             "<image x=\"20\" y=\"0\" width=\"20\" height=\"20\" xlink:href=\"file://%1\"/>"
                             "<image x=\"0\" y=\"20\" width=\"20\" height=\"20\" xlink:href=\"canary.png\"/>"
                             "<image x=\"20\" y=\"20\" width=\"20\" height=\"20\" xlink:href=\"%2/from-svg.png\"/>"
                             "</svg>\n")
                  .arg(m_canary, http.base())
                  .toUtf8();
        http.bodies.insert(QStringLiteral("/remote.svg"), svg);
        const QByteArray html = "<p>Drawings:</p><p><img src=\"cid:drawing@poplar.test\"> "
                                "<img src=\"cid:disguised@poplar.test\"> <img src=\"data:image/svg+xml;base64,"
            + svg.toBase64() + "\"> <img src=\"data:image/png;base64," + svg.toBase64() + "\"> <img src=\""
            + http.base().toUtf8() + "/remote.svg\"></p><p>Below the drawings.</p>";
        const QByteArray body = "--mixed\r\nContent-Type: multipart/related; boundary=\"rel\"\r\n\r\n"
                                "--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + html
            + "\r\n--rel\r\nContent-Type: image/svg+xml\r\nContent-ID: <drawing@poplar.test>\r\n"
              "Content-Transfer-Encoding: base64\r\n\r\n"
            + base64Lines(svg)
            + "--rel\r\nContent-Type: image/png\r\nContent-ID: <disguised@poplar.test>\r\n"
              "Content-Transfer-Encoding: base64\r\n\r\n"
            + base64Lines(svg)
            + "--rel--\r\n"
              "--mixed\r\nContent-Type: image/svg+xml; name=\"plan.svg\"\r\n"
              "Content-Disposition: attachment; filename=\"plan.svg\"\r\n\r\n"
            + svg
            + "\r\n--mixed\r\nContent-Type: image/png; name=\"photo.png\"\r\n"
              "Content-Disposition: attachment; filename=\"photo.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64Lines(svg) + "--mixed--\r\n";
        const QByteArray raw
            = message("Mallory <mallory@example.net>", "Drawings", "multipart/mixed; boundary=\"mixed\"", body);

        CountingNetwork network;
        MessageView view;
        view.setNetworkAccessManager(&network);
        RefusalsAnswered refusals(view);
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(103, u"mallory@example.net"_s), raw);
        layOutAndPaint(view);
        QTRY_VERIFY(refusals.all());
        QVERIFY(refusals.refused() > 0);
        QCOMPARE(watch.events(), QStringList());
        QCOMPARE(network.requested, QList<QUrl>());
        QCOMPARE(http.connections, 0);

        const MessageImages &images = view.images();
        QCOMPARE(images.outcome(QUrl(u"cid:drawing@poplar.test"_s)), MessageImages::Outcome::Svg);
        QCOMPARE(images.outcome(QUrl(u"cid:disguised@poplar.test"_s)), MessageImages::Outcome::Svg);
        QCOMPARE(images.outcome(QUrl(u"data:image/svg+xml;base64,"_s + QString::fromLatin1(svg.toBase64()))),
            MessageImages::Outcome::Svg);
        QCOMPARE(images.outcome(QUrl(u"data:image/png;base64,"_s + QString::fromLatin1(svg.toBase64()))),
            MessageImages::Outcome::Svg);
        QCOMPARE(images.decodedBytes(), 0);
        // The SVG attachment is listed, not shown; the one posing as a PNG
        // is shown as a placeholder.
        QStringList listed;
        for (const Mime::AttachmentInfo &info : view.attachments())
            listed << info.fileName;
        QCOMPARE(listed, QStringList({ u"plan.svg"_s, u"photo.png"_s }));
        QCOMPARE(view.imagesBelowText().size(), 1);
        QCOMPARE(view.imagesBelowText().first().fileName, u"photo.png"_s);
        QCOMPARE(images.outcome(MessageImages::partUrl(view.imagesBelowText().first().partIndex)),
            MessageImages::Outcome::Svg);

        // Remote content allowed: the SVG itself is fetched, and nothing it names.
        view.loadRemoteContent();
        QTRY_VERIFY(http.requested(QStringLiteral("/remote.svg")));
        const QUrl remote(http.base() + QStringLiteral("/remote.svg"));
        QTRY_COMPARE(images.outcome(remote), MessageImages::Outcome::Svg);
        layOutAndPaint(view);
        QTRY_VERIFY(refusals.all());
        QCOMPARE(network.requested, QList<QUrl>({ remote }));
        QCOMPARE(http.requests, QStringList(u"GET /remote.svg HTTP/1.1"_s));
        QCOMPARE(watch.events(), QStringList());
    }

    // Attached images (and inline ones the HTML does not show) appear below
    // the text, no wider than the view; SVGs and other files are only listed.
    void attachedImagesShowBelowTheText()
    {
        const QByteArray wide = pngBytes(2400, 120, Qt::darkCyan);
        const QByteArray small = pngBytes(40, 30, Qt::magenta);
        const QByteArray body = "--mixed\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHere are the photos.\r\n"
                                "--mixed\r\nContent-Type: image/png; name=\"panorama.png\"\r\n"
                                "Content-Disposition: attachment; filename=\"panorama.png\"\r\n"
                                "Content-Transfer-Encoding: base64\r\n\r\n"
            + base64Lines(wide)
            + "--mixed\r\nContent-Type: image/png\r\nContent-Disposition: inline; filename=\"icon.png\"\r\n"
              "Content-Transfer-Encoding: base64\r\n\r\n"
            + base64Lines(small)
            + "--mixed\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
              "Content-Disposition: attachment; filename=\"report.pdf\"\r\n\r\n%PDF-1.4\r\n--mixed--\r\n";
        MessageView view;
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(104, u"alice@example.com"_s),
            message("Alice <alice@example.com>", "Photos", "multipart/mixed; boundary=\"mixed\"", body));

        QCOMPARE(view.attachments().size(), 3);  // all listed
        QCOMPARE(view.imagesBelowText().size(), 2);
        QTextDocument *doc = view.browser()->document();
        const QString text = doc->toPlainText();
        QVERIFY(text.indexOf(QStringLiteral("Here are the photos.")) < text.indexOf(QStringLiteral("panorama.png")));
        QVERIFY(text.contains(QStringLiteral("icon.png")));
        QVERIFY(!text.contains(QStringLiteral("report.pdf")));

        const QList<QTextImageFormat> formats = imageFormats(doc);
        QCOMPARE(formats.size(), 2);
        const int available = view.browser()->viewport()->width() - 2 * int(doc->documentMargin());
        // The panorama is scaled to the width of the view, keeping its shape; the icon keeps its size.
        QVERIFY(formats.at(0).width() <= available);
        QVERIFY(formats.at(0).width() > available - 40);
        QCOMPARE(qRound(formats.at(0).height()), qRound(formats.at(0).width() * 120 / 2400.0));
        QCOMPARE(QSize(qRound(formats.at(1).width()), qRound(formats.at(1).height())), QSize(40, 30));
        layOutAndPaint(view);
        QCOMPARE(imageSize(doc->resource(QTextDocument::ImageResource, QUrl(formats.at(0).name()))), QSize(2400, 120));
        QCOMPARE(imageSize(doc->resource(QTextDocument::ImageResource, QUrl(formats.at(1).name()))), QSize(40, 30));
        QVERIFY(view.images().decodedBytes() > 0);

        // A narrower view, narrower images.
        const qreal before = formats.at(0).width();
        view.resize(400, 500);
        QTRY_VERIFY(imageFormats(doc).at(0).width() < before);
        QVERIFY(
            imageFormats(doc).at(0).width() <= view.browser()->viewport()->width() - 2 * int(doc->documentMargin()));
        QCOMPARE(
            QSize(qRound(imageFormats(doc).at(1).width()), qRound(imageFormats(doc).at(1).height())), QSize(40, 30));
    }

    // An attached message opens in a reader window of its own, with its
    // attachments, and an attached message in it opens again; nothing goes
    // to another program.
    void attachedMessagesOpenInReaderWindows()
    {
        MessageView view;
        QList<QUrl> opened;
        view.setUrlOpener([&](const QUrl &url) {
            opened << url;
            return true;
        });
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(105, u"dave@example.org"_s), fixture("message-rfc822-nested-twice.eml"));
        QCOMPARE(view.attachments().size(), 1);
        QCOMPARE(view.attachments().first().mimeType, QByteArray("message/rfc822"));

        // Through the Open button, as a user would.
        button(view, "openAttachmentButton")->click();
        QCOMPARE(view.readerWindows().size(), 1);
        ReaderWindow *middle = view.readerWindows().first();
        QVERIFY(middle->isWindow());
        QVERIFY(middle->isVisible());
        QCOMPARE(middle->windowTitle(), u"Fwd: Minutes"_s);
        MessageView *middleView = middle->messageView();
        QVERIFY(middleView->browser()->toPlainText().contains(QStringLiteral("Middle text")));
        QCOMPARE(middleView->findChild<QLabel *>(QStringLiteral("headerFrom"))->text(), u"Erin <erin@example.org>"_s);
        QCOMPARE(middleView->messageId(), 0);  // not a stored message
        QVERIFY(!barVisible(*middleView, "partialBar"));
        QStringList names;
        for (const Mime::AttachmentInfo &info : middleView->attachments())
            names << info.fileName;
        QCOMPARE(names, QStringList({ u"minutes.pdf"_s, u"Minutes.eml"_s }));

        // The attached message's own attached message.
        const auto nested = middleView->openAttachment(1);
        QVERIFY(nested.ok());
        QCOMPARE(*nested, MessageView::Opened::InReaderWindow);
        QCOMPARE(middleView->readerWindows().size(), 1);
        ReaderWindow *inner = middleView->readerWindows().first();

        QVERIFY(inner->messageView()->browser()->toPlainText().contains(QStringLiteral("Innermost text")));
        QVERIFY(inner->messageView()->attachments().isEmpty());
        QVERIFY(opened.isEmpty());

        // Files in it still go to the desktop, the way the first view does it.
        const auto pdf = middleView->openAttachment(0);
        QVERIFY(pdf.ok());
        QCOMPARE(*pdf, MessageView::Opened::WithProgram);
        QCOMPARE(opened.size(), 1);
        QVERIFY(opened.first().toLocalFile().endsWith(QStringLiteral("minutes.pdf")));

        // Escape closes a reader window.
        const QPointer<ReaderWindow> innerGuard(inner);
        inner->activateWindow();
        QTRY_COMPARE(QApplication::activeWindow(), inner);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTRY_VERIFY(!innerGuard);
        QVERIFY(middle->isVisible());
    }

    // "Open" with nothing on this computer to open the file says so, and
    // offers to save it instead.
    void openWithoutAProgramSaysSo()
    {
        MessageView view;
        int asked = 0;
        view.setUrlOpener([&](const QUrl &) {
            ++asked;
            return false;  // as QDesktopServices::openUrl does with no program for it
        });
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(106, u"alice@example.com"_s), fixture("mixed-with-pdf-attachment.eml"));
        QVERIFY(!view.attachments().isEmpty());
        QCOMPARE(view.attachments().first().fileName, u"report.pdf"_s);

        QString text;
        QString details;
        onNextMessageBox(&view, [&](QMessageBox *box) {
            text = box->text();
            details = box->text();  // one plain text: the sender's file name and type in it
            QCOMPARE(box->textFormat(), Qt::PlainText);
            QVERIFY(buttonWithRole(box, QMessageBox::AcceptRole));  // "Save…"
            box->button(QMessageBox::Close)->click();
        });
        auto *list = view.findChild<QListWidget *>(QStringLiteral("attachmentList"));
        list->setCurrentRow(0);
        button(view, "openAttachmentButton")->click();
        QCOMPARE(asked, 1);
        QVERIFY2(text.contains(QStringLiteral("No program")) && text.contains(QStringLiteral("report.pdf")),
            qPrintable(text));
        QVERIFY2(details.contains(QStringLiteral("application/pdf")), qPrintable(details));
        const auto result = view.openAttachment(0);
        QVERIFY(result.ok());
        QCOMPARE(*result, MessageView::Opened::NoProgram);

        // A link with no browser to open it says so too.
        view.showMessage(summary(107, u"alice@example.com"_s),
            htmlMessage("Alice <alice@example.com>", "Link",
                u"<p style=\"font-size:20pt\"><a href=\"https://example.org/x\">A link</a></p>"_s));
        text.clear();
        onNextMessageBox(&view, [&](QMessageBox *box) {
            text = box->text() + QLatin1Char(' ') + box->informativeText();
            box->button(QMessageBox::Close)->click();
        });
        const QPoint p = anchorPoint(view.browser(), u"https://example.org/x"_s);
        QTest::mouseClick(view.browser()->viewport(), Qt::LeftButton, {}, p);
        QTRY_VERIFY(!text.isEmpty());
        QVERIFY2(text.contains(QStringLiteral("https://example.org/x")), qPrintable(text));
    }

    // A mailto: link hands on the addresses, to, cc, subject and body only.
    void xdgOpenFindingNoProgramIsSaid()
    {
        // The desktop's opener starts but finds no program (xdg-open exits
        // 3 or 4): the user is told, as when there is no opener at all; when
        // it succeeds, nothing is said.
        QTemporaryDir bin;
        const QString marker = bin.filePath(QStringLiteral("opened"));
        const QString script = bin.filePath(QStringLiteral("xdg-open"));
        auto writeOpener = [&](int exitCode) {
            QFile f(script);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + marker.toUtf8() + "'\nexit "
                + QByteArray::number(exitCode) + "\n");
            f.close();
            QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        };
        writeOpener(4);
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(bin.path()) + ':' + path);
        const auto restore = qScopeGuard([&] { qputenv("PATH", path); });

        MessageView view;  // the default opener
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(108, u"alice@example.com"_s), fixture("mixed-with-pdf-attachment.eml"));
        QSignalSpy answered(&view, &MessageView::openedWithSystem);
        QString text;
        bool saveOffered = false;
        onNextMessageBox(&view, [&](QMessageBox *box) {
            text = box->text();
            saveOffered = buttonWithRole(box, QMessageBox::AcceptRole) != nullptr;
            box->button(QMessageBox::Close)->click();
        });
        auto *list = view.findChild<QListWidget *>(QStringLiteral("attachmentList"));
        list->setCurrentRow(0);
        button(view, "openAttachmentButton")->click();
        QTRY_COMPARE(answered.size(), 1);
        QCOMPARE(answered.first().at(1).toBool(), false);
        QTRY_VERIFY(!text.isEmpty());
        QVERIFY2(text.contains(QStringLiteral("No program")) && text.contains(QStringLiteral("report.pdf")),
            qPrintable(text));
        QVERIFY(saveOffered);
        QFile opened(marker);
        QVERIFY(opened.open(QIODevice::ReadOnly));
        const QByteArray handed = opened.readAll().trimmed();
        QVERIFY2(handed.endsWith("report.pdf"), handed.constData());
        QVERIFY(!QFile::exists(QString::fromUtf8(handed)));  // the copy it could not open is gone

        // An opener that succeeds: nothing to say.
        writeOpener(0);
        button(view, "openAttachmentButton")->click();
        QTRY_COMPARE(answered.size(), 2);
        QCOMPARE(answered.last().at(1).toBool(), true);
        QVERIFY(!QApplication::activeModalWidget());
    }

    void mailtoLinksPassOnlySafeFields()
    {
        MessageView view;
        QList<QUrl> opened;
        view.setUrlOpener([&](const QUrl &url) {
            opened << url;
            return true;
        });
        view.resize(700, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QString href = u"mailto:help@example.org?subject=Refund&attach=/home/bob/.ssh/id_rsa"
                             "&bcc=spy@example.net&body=Hello&X-Header=1&cc=desk@example.org"_s;
        view.showMessage(summary(108, u"mallory@example.net"_s),
            htmlMessage("Mallory <mallory@example.net>", "Write to us",
                u"<p style=\"font-size:20pt\"><a href=\"%1\">Write to us</a></p>"_s.arg(href.toHtmlEscaped())));
        const QPoint p = anchorPoint(view.browser(), href);
        QTest::mouseClick(view.browser()->viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(opened.size(), 1);
        const QUrl sent = opened.first();
        QCOMPARE(sent.scheme(), u"mailto"_s);
        QCOMPARE(sent.path(), u"help@example.org"_s);
        QStringList fields;
        for (const auto &[name, value] : QUrlQuery(sent).queryItems(QUrl::FullyDecoded))
            fields << name + QLatin1Char('=') + value;
        QCOMPARE(fields, QStringList({ u"cc=desk@example.org"_s, u"subject=Refund"_s, u"body=Hello"_s }));
    }

    // Encrypted and signed mail says what it is, instead of "no text" or armour.
    void encryptedAndSignedMailIsNamed_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("barWords");  // the notice says all of these
        QTest::addColumn<QString>("bodyHas");
        QTest::addColumn<QString>("bodyLacks");
        QTest::addColumn<QStringList>("listed");
        QTest::newRow("S/MIME encrypted") << u"smime-encrypted-enveloped-data.eml"_s
                                          << QStringList({ u"encrypted"_s, u"S/MIME"_s, u"cannot decrypt"_s })
                                          << u"encrypted"_s << u"no text"_s << QStringList(u"smime.p7m"_s);
        QTest::newRow("S/MIME encrypted, x-pkcs7-mime")
            << u"smime-encrypted-x-pkcs7-mime-without-smime-type.eml"_s << QStringList({ u"encrypted"_s, u"S/MIME"_s })
            << u"encrypted"_s << u"no text"_s << QStringList(u"smime.p7m"_s);
        QTest::newRow("PGP/MIME encrypted")
            << u"pgp-mime-encrypted.eml"_s << QStringList({ u"encrypted"_s, u"OpenPGP"_s, u"cannot decrypt"_s })
            << u"encrypted"_s << u"no text"_s << QStringList(u"encrypted.asc"_s);
        QTest::newRow("inline PGP encrypted")
            << u"pgp-inline-encrypted.eml"_s << QStringList({ u"encrypted"_s, u"OpenPGP"_s })
            << u"This part of the message is encrypted"_s << u"BEGIN PGP"_s << QStringList();
        QTest::newRow("PGP/MIME signed") << u"pgp-mime-signed-with-list-footer.eml"_s
                                         << QStringList({ u"signed"_s, u"OpenPGP"_s, u"cannot verify"_s,
                                                u"not been checked"_s })
                                         << u"Version 2.1 is out."_s << u"BEGIN PGP"_s
                                         << QStringList(u"attachment-2.txt"_s);
        QTest::newRow("S/MIME signed") << u"smime-signed-detached.eml"_s
                                       << QStringList({ u"signed"_s, u"S/MIME"_s, u"cannot verify"_s })
                                       << u"The minutes are attached below."_s << u"no text"_s << QStringList();
        QTest::newRow("inline PGP signed")
            << u"pgp-inline-signed.eml"_s << QStringList({ u"signed"_s, u"OpenPGP"_s, u"cannot verify"_s })
            << u"Meet at noon."_s << u"BEGIN PGP"_s << QStringList();
        QTest::newRow("S/MIME opaque signed")
            << u"smime-opaque-signed-data.eml"_s << QStringList({ u"signed"_s, u"S/MIME"_s, u"cannot"_s })
            << u"inside its signature"_s << u"no text"_s << QStringList(u"smime.p7m"_s);
    }
    void encryptedAndSignedMailIsNamed()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, barWords);
        QFETCH(QString, bodyHas);
        QFETCH(QString, bodyLacks);
        QFETCH(QStringList, listed);
        MessageView view;
        view.showMessage(summary(109, u"alice@example.org"_s), fixture(qPrintable(file)));
        QVERIFY(barVisible(view, "protectionBar"));
        const QString notice = view.findChild<QLabel *>(QStringLiteral("protectionText"))->text();
        for (const QString &word : barWords)
            QVERIFY2(notice.contains(word), qPrintable(notice));
        const QString body = view.browser()->toPlainText();
        QVERIFY2(body.contains(bodyHas), qPrintable(body));
        QVERIFY2(!body.contains(bodyLacks), qPrintable(body));
        QStringList names;
        for (const Mime::AttachmentInfo &info : view.attachments())
            names << info.fileName;
        QCOMPARE(names, listed);
        QVERIFY(!names.contains(u"signature.asc"_s) && !names.contains(u"smime.p7s"_s));

        // A plain message has no such notice.
        view.showMessage(summary(110, u"alice@example.org"_s), fixture("alternative-plain-html.eml"));
        QVERIFY(!barVisible(view, "protectionBar"));
    }

    void viewSource()
    {
        QSettings().remove(QStringLiteral("reader/sourceWrapsLines"));
        const QByteArray raw = message(
            "Jürgen <j@example.de>", "=?utf-8?q?Gr=C3=BC=C3=9Fe?=", "text/plain; charset=utf-8", "Grüße aus Köln\n");
        MessageView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showMessage(summary(70, QStringLiteral("j@example.de")), raw);
        view.browser()->setFocus();
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

        // Long lines wrap, unless the reader turns it off (and that is remembered).
        auto *wrap = dialog->findChild<QCheckBox *>(QStringLiteral("sourceWrap"));
        QVERIFY(wrap);
        QVERIFY(wrap->isChecked());
        QCOMPARE(edit->lineWrapMode(), QPlainTextEdit::WidgetWidth);
        wrap->click();
        QCOMPARE(edit->lineWrapMode(), QPlainTextEdit::NoWrap);

        // The window has the keyboard, and Escape closes it.
        QTRY_COMPARE(QApplication::activeWindow(), dialog);
        QWidget *focused = QApplication::focusWidget();
        QVERIFY(focused);
        QCOMPARE(focused->window(), dialog);
        const QPointer<QDialog> guard(dialog);
        QTest::keyClick(focused, Qt::Key_Escape);
        QTRY_VERIFY(!guard);  // closed and deleted

        // Bytes that are not UTF-8 show as Latin-1, every one of them; the
        // next window remembers that lines were not to wrap.
        const QByteArray latin1 = message("a@example.com", "Latin", "text/plain; charset=iso-8859-1", "\xe9t\xe9\n");
        view.showMessage(summary(71, QStringLiteral("a@example.com")), latin1);
        button(view, "viewSourceButton")->click();
        const auto dialogs = view.findChildren<QDialog *>(QStringLiteral("sourceDialog"));
        QCOMPARE(dialogs.size(), 1);
        auto *latinEdit = dialogs.last()->findChild<QPlainTextEdit *>(QStringLiteral("sourceText"));
        QVERIFY(latinEdit->toPlainText().contains(QString::fromUtf8("été")));
        QCOMPARE(latinEdit->lineWrapMode(), QPlainTextEdit::NoWrap);
        dialogs.last()->findChild<QCheckBox *>(QStringLiteral("sourceWrap"))->click();
        QCOMPARE(latinEdit->lineWrapMode(), QPlainTextEdit::WidgetWidth);
        dialogs.last()->close();
    }

    // An HTML body that renders as nothing is not "no message selected".
    void blankHtmlBodySaysWhatItIs()
    {
        MessageView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QString noMessage = view.browser()->placeholderText();
        QCOMPARE(noMessage, QStringLiteral("No message selected."));

        view.showMessage(summary(90, u"news@example.com"_s),
            htmlMessage("News <news@example.com>", "Blank",
                u"<html><head><title>t</title><style>p { color: red; }</style></head>"
                "<body> <!-- nothing --> <p> </p>&#32;</body></html>"_s));
        const QString shown = view.browser()->toPlainText();
        QVERIFY2(shown.contains(QStringLiteral("This message has no text.")), qPrintable(shown));
        QVERIFY(view.browser()->placeholderText() != noMessage);

        // With a plain-text alternative, that is shown instead.
        const QByteArray alternative = "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe plain version.\r\n"
                                       "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                                       "<html><body><div></div></body></html>\r\n--alt--\r\n";
        view.showMessage(summary(91, u"news@example.com"_s),
            message("News <news@example.com>", "Blank HTML", "multipart/alternative; boundary=\"alt\"", alternative));
        QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("The plain version.")));

        view.clear();
        QCOMPARE(view.browser()->placeholderText(), noMessage);
    }

    // The address of a hovered link leaves the status bar with its message.
    void hoveredLinkIsForgottenWithTheMessage()
    {
        MessageView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy hovered(&view, &MessageView::linkHovered);
        const QString href = QStringLiteral("https://example.org/offer");
        view.showMessage(summary(92, u"a@example.com"_s),
            htmlMessage("A <a@example.com>", "Link",
                u"<p style=\"font-size:20pt\"><a href=\"https://example.org/offer\">An offer</a></p>"_s));
        QTest::mouseMove(view.browser()->viewport(), anchorPoint(view.browser(), href));
        QTRY_VERIFY(!hovered.isEmpty());
        QCOMPARE(hovered.last().at(0).toString(), href);

        // Another message while the pointer rests on the link.
        view.showMessage(
            summary(93, u"a@example.com"_s), message("A <a@example.com>", "Plain", "text/plain", "No links here.\n"));
        QCOMPARE(hovered.last().at(0).toString(), QString());

        // The same when nothing is selected any more.
        view.showMessage(summary(94, u"a@example.com"_s),
            htmlMessage("A <a@example.com>", "Link",
                u"<p style=\"font-size:20pt\"><a href=\"https://example.org/offer\">An offer</a></p>"_s));
        QTest::mouseMove(view.browser()->viewport(), QPoint(1, 1));
        QTest::mouseMove(view.browser()->viewport(), anchorPoint(view.browser(), href));
        QTRY_COMPARE(hovered.last().at(0).toString(), href);
        view.clear();
        QCOMPARE(hovered.last().at(0).toString(), QString());
    }
};

QTEST_MAIN(TestReader)
#include "tst_reader.moc"
