// Desktop integration: one Poplar per profile (a second launch of the real
// executable shows the first one's window and exits; a socket left by a
// crashed instance is taken over; the socket is in a private directory; the
// process cannot dump core), the tray's unread count and new-mail
// notifications, and closing the window to the tray.

#include "accounts/CredentialStore.h"
#include "desktop/SingleInstance.h"
#include "desktop/TrayIcon.h"
#include "fetch/MailFetcher.h"
#include "models/FolderModel.h"
#include "models/MessageListModel.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "text/Translations.h"
#include "widgets/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLocalSocket>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Store;
using Poplar::Ui::MainWindow;
using Poplar::Ui::SingleInstance;
using Poplar::Ui::TrayIcon;

namespace {

class NoKeychain final : public Accounts::CredentialStore
{
public:
    void read(const QString &, ReadDone done) override { done(Poplar::Error(Poplar::ErrorCode::CredentialNotStored)); }
    void write(const QString &, Poplar::Secret, Done done) override { done({}); }
    void remove(const QString &, Done done) override { done({}); }
};

MessageSummary summary(const QString &name, const QString &address, const QString &subject)
{
    MessageSummary m;
    m.fromName = name;
    m.fromAddress = address;
    m.subject = subject;
    return m;
}

PreparedMessage message(qint64 folderId, qint64 accountId, int n)
{
    MessagePreparer::Input in;
    in.raw = "From: Ann <ann@example.org>\r\nSubject: Arrived " + QByteArray::number(n)
        + "\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n\r\nHello.\r\n";
    in.folderId = folderId;
    in.accountId = accountId;
    in.receivedAt = QDateTime::currentDateTimeUtc();
    return MessagePreparer::prepare(in).value();
}

// The permission bits and the owner of `path` (not following a link).
QPair<int, uid_t> modeAndOwner(const QString &path)
{
    struct stat st = {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return { -1, uid_t(-1) };
    return { int(st.st_mode & 07777), st.st_uid };
}

// The owner of /proc/<pid>/status: the process's own user while it is
// dumpable, root when it is not (proc(5)).
uid_t procOwner(qint64 pid)
{
    struct stat st = {};
    if (::stat(QByteArray("/proc/" + QByteArray::number(pid) + "/status").constData(), &st) != 0)
        return uid_t(-2);
    return st.st_uid;
}

// Sets (or, with a null value, unsets) an environment variable for one
// scope.
class Environment
{
public:
    Environment(const char *name, const QByteArray &value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~Environment()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    Environment(const Environment &) = delete;
    Environment &operator=(const Environment &) = delete;

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

}  // namespace

class TestDesktop : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MailStore> m_store;
    qint64 m_inbox = 0;
    qint64 m_account = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("poplar-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_desktop"));
        Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));  // plurals
    }

    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = MailStore::open(m_dir->filePath(QStringLiteral("profile"))).value();
        m_account = m_store->createAccount(QStringLiteral("Work")).value();
        m_inbox = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void oneInstancePerProfile()
    {
        SingleInstance first(m_dir->filePath(QStringLiteral("profile")));
        QVERIFY(!first.activateRunningInstance(200));
        QVERIFY(first.isListening());
        QSignalSpy asked(&first, &SingleInstance::activationRequested);
        SingleInstance second(m_dir->filePath(QStringLiteral("profile")));
        QVERIFY(second.activateRunningInstance(200));
        QVERIFY(!second.isListening());
        QTRY_COMPARE(asked.size(), 1);

        // Another profile has its own.
        QTemporaryDir other;
        SingleInstance elsewhere(other.path());
        QVERIFY(elsewhere.serverName() != first.serverName());
        QVERIFY(!elsewhere.activateRunningInstance(200));
        QVERIFY(elsewhere.isListening());
    }

    void aSocketLeftByACrashIsTakenOver()
    {
        // What a killed instance leaves: a socket file nobody listens on.
        const QString name = SingleInstance::serverNameFor(m_dir->filePath(QStringLiteral("profile")));
        const QByteArray path = name.toLocal8Bit();
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        qstrncpy(address.sun_path, path.constData(), sizeof address.sun_path);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        ::close(fd);
        QVERIFY(QFile::exists(QString::fromLocal8Bit(path)));

        SingleInstance instance(m_dir->filePath(QStringLiteral("profile")));
        QVERIFY(!instance.activateRunningInstance(200));
        QVERIFY(instance.isListening());
    }

    void theSocketIsInThePrivateRuntimeDirectory()
    {
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        QVERIFY2(!runtime.isEmpty(), "the tests run with a private XDG_RUNTIME_DIR");
        SingleInstance instance(m_dir->filePath(QStringLiteral("profile")));
        QVERIFY(!instance.activateRunningInstance(200));
        QVERIFY(instance.isListening());
        const QFileInfo socket(instance.serverName());
        QCOMPARE(socket.absolutePath(), QDir(runtime).filePath(QStringLiteral("poplar")));
        QVERIFY(socket.exists());
        QCOMPARE(modeAndOwner(socket.absolutePath()), qMakePair(0700, ::geteuid()));
    }

    void withoutARuntimeDirectoryAPrivateOneOfItsOwn()
    {
        const QString profile = m_dir->filePath(QStringLiteral("profile"));
        QTemporaryDir cache;
        const Environment noRuntime("XDG_RUNTIME_DIR", {});
        const Environment cacheHome("XDG_CACHE_HOME", cache.path().toLocal8Bit());
        SingleInstance first(profile);
        QVERIFY(!first.activateRunningInstance(200));
        QVERIFY(first.isListening());
        const QString dir = cache.filePath(QStringLiteral("poplar"));
        QCOMPARE(QFileInfo(first.serverName()).absolutePath(), dir);
        QCOMPARE(modeAndOwner(dir), qMakePair(0700, ::geteuid()));
        SingleInstance second(profile);
        QVERIFY(second.activateRunningInstance(200));

        // What another user could have put at that name first (here a link
        // to a directory elsewhere) is not used, and nothing lands there.
        QTemporaryDir planted;
        QTemporaryDir elsewhere;
        QVERIFY(QFile::link(elsewhere.path(), planted.filePath(QStringLiteral("poplar"))));
        const Environment plantedHome("XDG_CACHE_HOME", planted.path().toLocal8Bit());
        QCOMPARE(SingleInstance::socketDirectory(), QString());
        SingleInstance refused(profile);
        QVERIFY(refused.serverName().isEmpty());
        QVERIFY(!refused.activateRunningInstance(200));
        QVERIFY(!refused.isListening());
        QVERIFY(QDir(elsewhere.path()).isEmpty());

        // A directory of this user's own that others may enter is closed.
        QTemporaryDir open;
        QVERIFY(QDir(open.path()).mkdir(QStringLiteral("poplar")));
        QVERIFY(QFile::setPermissions(open.filePath(QStringLiteral("poplar")),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                | QFileDevice::ExeOther));
        const Environment openHome("XDG_CACHE_HOME", open.path().toLocal8Bit());
        QCOMPARE(SingleInstance::socketDirectory(), open.filePath(QStringLiteral("poplar")));
        QCOMPARE(modeAndOwner(open.filePath(QStringLiteral("poplar"))), qMakePair(0700, ::geteuid()));
    }

    void aSecondLaunchShowsTheFirst()
    {
        const QString profile = m_dir->filePath(QStringLiteral("profile"));
        m_store.reset();  // the app opens it itself
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("poplar.desktop.info=true"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));  // no keychain, no tray: not needed here
        QProcess first;
        first.setProcessEnvironment(env);
        first.start(QStringLiteral(POPLAR_PATH), { QStringLiteral("--profile"), profile });
        QVERIFY(first.waitForStarted());
        // Wait until it listens.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QLocalSocket probe;
                probe.connectToServer(SingleInstance::serverNameFor(profile));
                return probe.waitForConnected(100);
            }(),
            20000);
        QProcess second;
        second.setProcessEnvironment(env);
        second.start(QStringLiteral(POPLAR_PATH), { QStringLiteral("--profile"), profile });
        QVERIFY(second.waitForFinished(20000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QVERIFY(QString::fromLocal8Bit(second.readAllStandardError()).contains(QStringLiteral("another instance")));
        QString firstLog;
        QTRY_VERIFY_WITH_TIMEOUT((firstLog += QString::fromLocal8Bit(first.readAllStandardError()))
                                     .contains(QStringLiteral("a second launch asked this instance to show itself")),
            10000);
        QCOMPARE(first.state(), QProcess::Running);
        first.terminate();
        QVERIFY(first.waitForFinished(20000));
    }

    void theWindowProcessCannotDumpCore()
    {
        // The real poplar, up to its first paint; /proc/<pid>'s files belong
        // to root while a process is not dumpable. Run as another user than
        // root so the two can be told apart (as root: nobody).
        const bool root = ::geteuid() == 0;
        const uid_t user = root ? 65534 : ::geteuid();
        const QString base = m_dir->filePath(QStringLiteral("as-user"));
        const QStringList subs { QStringLiteral("profile"), QStringLiteral("runtime"), QStringLiteral("config"),
            QStringLiteral("data"), QStringLiteral("cache") };
        for (const QString &sub : subs)
            QVERIFY(QDir().mkpath(QDir(base).filePath(sub)));
        QVERIFY(QFile::setPermissions(QDir(base).filePath(QStringLiteral("runtime")),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        if (root) {
            QCOMPARE(::chown(QFile::encodeName(m_dir->path()).constData(), user, 65534), 0);
            QCOMPARE(::chown(QFile::encodeName(base).constData(), user, 65534), 0);
            for (const QString &sub : subs)
                QCOMPARE(::chown(QFile::encodeName(QDir(base).filePath(sub)).constData(), user, 65534), 0);
        }
        for (const bool allowed : { false, true }) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("poplar.timing.info=true"));
            env.insert(QStringLiteral("HOME"), base);
            env.insert(QStringLiteral("XDG_RUNTIME_DIR"), QDir(base).filePath(QStringLiteral("runtime")));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(base).filePath(QStringLiteral("config")));
            env.insert(QStringLiteral("XDG_DATA_HOME"), QDir(base).filePath(QStringLiteral("data")));
            env.insert(QStringLiteral("XDG_CACHE_HOME"), QDir(base).filePath(QStringLiteral("cache")));
            env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));  // no keychain, no tray: not needed here
            if (allowed)
                env.insert(QStringLiteral("POPLAR_ALLOW_CORE_DUMPS"), QStringLiteral("1"));
            else
                env.remove(QStringLiteral("POPLAR_ALLOW_CORE_DUMPS"));
            QProcess poplar;
            poplar.setProcessEnvironment(env);
            if (root) {
                poplar.setChildProcessModifier([] {
                    if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
                        ::_exit(126);
                });
            }
            poplar.start(
                QStringLiteral(POPLAR_PATH), { QStringLiteral("--profile"), QDir(base).filePath(subs.first()) });
            QVERIFY(poplar.waitForStarted());
            QString log;
            QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromLocal8Bit(poplar.readAllStandardError()))
                                         .contains(QStringLiteral("message list painted")),
                30000);
            QCOMPARE(procOwner(poplar.processId()), allowed ? user : uid_t(0));
            poplar.kill();
            QVERIFY(poplar.waitForFinished(20000));
        }
    }

    void newMailNotifications()
    {
        const auto one = TrayIcon::newMailNotification(QStringLiteral("Work"), 1,
            { summary(QStringLiteral("Ann Example"), QStringLiteral("ann@example.org"), QStringLiteral("Lunch?")) });
        QCOMPARE(one.title, QStringLiteral("New mail from Ann Example"));
        QCOMPARE(one.body, QStringLiteral("Lunch?"));

        const QList<MessageSummary> newest { summary({}, QStringLiteral("bob@example.org"), QStringLiteral("A")),
            summary(QStringLiteral("Cy"), {}, {}), summary(QStringLiteral("Di"), {}, QStringLiteral("C")) };
        const auto many = TrayIcon::newMailNotification(QStringLiteral("Work"), 5, newest);
        QCOMPARE(many.title, QStringLiteral("5 new messages for Work"));
        QCOMPARE(many.body, QStringLiteral("bob@example.org: A\nCy: (no subject)\nDi: C\nand 2 more"));
        const auto two = TrayIcon::newMailNotification(QStringLiteral("Home"), 2, newest.mid(0, 2));
        QCOMPARE(two.body.count(QLatin1Char('\n')), 1);  // both named, nothing "more"
    }

    void trayCountsUnreadAndTellsOfNewMail()
    {
        QVERIFY(m_store->insertMessages({ message(m_inbox, m_account, 1), message(m_inbox, m_account, 2) }));
        NoKeychain keychain;
        Poplar::Ui::MailFetcher fetcher(*m_store, keychain);
        QVERIFY(fetcher.start());
        MainWindow window(m_store.get());
        window.setFetcher(&fetcher);
        TrayIcon tray(&window, m_store.get(), &fetcher);
        QCOMPARE(tray.unreadCount(), 2);
        QCOMPARE(tray.toolTip(), QStringLiteral("Poplar: 2 unread messages"));
        QCOMPARE(window.windowTitle(), QStringLiteral("Poplar (2)"));
        QVERIFY(TrayIcon::iconWithCount(2).pixmap(32).toImage() != TrayIcon::iconWithCount(0).pixmap(32).toImage());

        // Read in the window: the count follows.
        QVERIFY(window.selectFolder(m_inbox));
        window.messageListView()->setCurrentIndex(window.messageModel()->index(0, 0));
        QTRY_COMPARE(tray.unreadCount(), 1);  // once the store has it

        // Mail arrives: the lists refresh, the count grows, the tray tells.
        QVERIFY(m_store->insertMessages(
            { message(m_inbox, m_account, 3), message(m_inbox, m_account, 4), message(m_inbox, m_account, 5) }));
        Q_EMIT fetcher.mailArrived(m_account, 3);
        QCOMPARE(tray.unreadCount(), 4);
        QCOMPARE(tray.lastNotification().title, QStringLiteral("3 new messages for Work"));
        QVERIFY(tray.lastNotification().body.startsWith(QStringLiteral("Ann: Arrived 5\nAnn: Arrived 4")));
        QCOMPARE(window.messageModel()->rowCount(), 5);

        // The mail's text reaches the notification without markup of its own.
        tray.notify(TrayIcon::newMailNotification(QStringLiteral("Work"), 1,
            { summary(QStringLiteral("<b>Eve</b>"), {}, QStringLiteral("<img src=\"http://127.0.0.1:9/x.png\">")) }));
        QVERIFY(!tray.lastNotification().title.contains(QLatin1Char('<')));
        QVERIFY(!tray.lastNotification().body.contains(QLatin1Char('<')));
        QVERIFY(tray.lastNotification().body.contains(QStringLiteral("img src")));
    }

    void closingHidesToTheTrayWhenWanted()
    {
        MainWindow window(m_store.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *option = window.findChild<QAction *>(QStringLiteral("closeToTray"));
        QVERIFY(option);
        QVERIFY(!option->isVisible());  // no tray: closing closes
        QVERIFY(!window.closesToTray());

        window.setTrayAvailable(true);
        QVERIFY(option->isVisible());
        QVERIFY(option->isChecked());  // on by default
        QSignalSpy toTray(&window, &MainWindow::closedToTray);
        QVERIFY(!window.close());  // refused: hidden instead
        QVERIFY(window.isHidden());
        QCOMPARE(toTray.size(), 1);

        window.show();
        option->setChecked(false);
        QCOMPARE(QSettings().value(QStringLiteral("preferences/closeToTray")).toBool(), false);
        QVERIFY(window.close());
        QCOMPARE(toTray.size(), 1);
    }
};

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
