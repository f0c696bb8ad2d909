// Desktop benchmarks at 100,000 messages.
//
//   poplar-bench-ui prepare --mbox FILE --profile DIR
//   poplar-bench-ui start --profile DIR --poplar PATH [--runs R]
//   poplar-bench-ui window --profile DIR [--runs R]
//
// `prepare` makes an account "Bench" and imports the mbox (see
// poplar-bench-store generate) into its Inbox and 1,000 of its messages
// into a local folder.
// `start` launches the real `poplar` R times with fresh settings and times
// each launch until the message list (the Unified Inbox, every message) has
// been painted — the app logs that moment (category poplar.timing) — and
// reads the process's peak RSS at that point.
// `window` opens the main window in this process and times, until the list
// has repainted: switching folders (the 100,000-message Inbox, the small
// folder, the Unified Inbox) and searches typed into the search field; then
// prints this process's peak RSS.

#include "models/MessageListModel.h"
#include "store/Store.h"
#include "store/Transfer.h"
#include "widgets/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTreeView>

#include <algorithm>

namespace {

QTextStream out(stdout);

struct Stats {
    double p50 = 0, p95 = 0, max = 0;
};

Stats stats(QList<double> v)
{
    std::sort(v.begin(), v.end());
    Stats s;
    if (v.isEmpty())
        return s;
    s.p50 = v.at(v.size() / 2);
    s.p95 = v.at(std::min<qsizetype>(v.size() - 1, qsizetype(v.size() * 0.95)));
    s.max = v.last();
    return s;
}

QString ms(double v)
{
    return QString::number(v, 'f', 1) + QStringLiteral(" ms");
}

// Peak resident set of a process, from /proc (kB).
qint64 peakRssKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

int prepare(const QString &mbox, const QString &profile)
{
    auto store = Store::MailStore::open(profile);
    if (!store) {
        out << "open failed: " << store.error().technicalDescription() << "\n";
        return 1;
    }
    Store::MailStore &s = **store;
    if (!s.createAccount(QStringLiteral("Bench"))) {
        out << "account failed\n";
        return 1;
    }
    const qint64 inbox = s.folderByPath(QStringLiteral("Bench/Inbox"))->id;
    QElapsedTimer t;
    t.start();
    auto report = Store::Transfer(s).importPath(mbox, inbox);
    if (!report) {
        out << "import failed: " << report.error().technicalDescription() << "\n";
        return 1;
    }
    const qint64 small = s.ensureLocalFolder(QStringLiteral("Local/Small")).value();
    const QList<qint64> ids = s.messageIds(inbox).value();
    if (!s.copyMessages(ids.mid(0, 1000), small)) {
        out << "copy failed\n";
        return 1;
    }
    out << "prepared " << report->messages << " messages in " << QString::number(double(t.elapsed()) / 1000, 'f', 1)
        << " s\n";
    return 0;
}

int start(const QString &profile, const QString &poplar, int runs)
{
    QList<double> times;
    qint64 rss = 0;
    int rows = 0;
    for (int r = 0; r < runs; ++r) {
        QTemporaryDir config;
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(QStringLiteral("DISPLAY")))
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("poplar.timing.info=true"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());  // fresh settings: the Unified Inbox
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));        // the keychain plays no part here
        app.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        app.setReadChannel(QProcess::StandardError);
        app.start(poplar, { QStringLiteral("--profile"), profile });
        if (!app.waitForStarted()) {
            out << "cannot start " << poplar << "\n";
            return 1;
        }
        QByteArray log;
        double painted = -1;
        while (painted < 0 && app.state() == QProcess::Running && t.elapsed() < 60000) {
            app.waitForReadyRead(100);
            log += app.readAllStandardError();
            const qsizetype at = log.indexOf("message list painted");
            if (at >= 0 && log.indexOf('\n', at) > 0) {
                painted = double(t.nsecsElapsed()) / 1e6;
                const QByteArray line = log.mid(at, log.indexOf('\n', at) - at);
                rows = line.mid(line.lastIndexOf(',') + 1).trimmed().split(' ').value(0).toInt();
            }
        }
        if (painted < 0) {
            out << "poplar did not report a painted list:\n" << QString::fromLocal8Bit(log) << "\n";
            return 1;
        }
        rss = std::max(rss, peakRssKb(app.processId()));
        app.terminate();
        app.waitForFinished(20000);
        times << painted;
    }
    const Stats s = stats(times);
    out << "start to painted inbox (" << rows << " rows): p50 " << ms(s.p50) << ", max " << ms(s.max) << " over "
        << runs << " launches; peak RSS " << QString::number(double(rss) / 1024, 'f', 1)
        << " MB (targets: < 500 ms, < 250 MB)\n";
    return 0;
}

int window(const QString &profile, int runs)
{
    QStandardPaths::setTestModeEnabled(true);  // settings of its own
    QSettings().clear();
    auto store = Store::MailStore::open(profile);
    if (!store) {
        out << "open failed\n";
        return 1;
    }
    Store::MailStore &s = **store;
    const qint64 inbox = s.folderByPath(QStringLiteral("Bench/Inbox"))->id;
    const qint64 small = s.folderByPath(QStringLiteral("Local/Small"))->id;
    Poplar::Ui::MainWindow w(&s);
    w.resize(1280, 800);
    w.show();
    QCoreApplication::processEvents();
    QTreeView *list = w.messageListView();
    auto repainted = [&] {
        list->viewport()->repaint();
        QCoreApplication::processEvents();
    };
    repainted();

    QList<double> switches;
    for (int r = 0; r < runs; ++r) {
        for (qint64 folder : { inbox, small, Store::MailStore::UnifiedInbox }) {
            QElapsedTimer t;
            t.start();
            w.selectFolder(folder);
            repainted();
            switches << double(t.nsecsElapsed()) / 1e6;
        }
    }
    const Stats sw = stats(switches);
    out << "folder switch (100,000 / 1,000 / 100,000 rows): p50 " << ms(sw.p50) << ", p95 " << ms(sw.p95) << ", max "
        << ms(sw.max) << " (target < 100 ms)\n";

    // Searches typed into the field in the 100,000-message Inbox, until the
    // results are painted.
    w.selectFolder(inbox);
    repainted();
    const QStringList queries { QStringLiteral("the"), QStringLiteral("meeting"), QStringLiteral("budget report"),
        QStringLiteral("\"project plan\""), QStringLiteral("from:anna"), QStringLiteral("subject:release"),
        QStringLiteral("straße"), QStringLiteral("has:attachment invoice"), QStringLiteral("is:unread deadline"),
        QStringLiteral("zzzunfindable") };
    QList<double> searches;
    int found = 0;
    for (int r = 0; r < runs; ++r) {
        for (const QString &q : queries) {
            QElapsedTimer t;
            t.start();
            w.searchField()->setText(q);
            Q_EMIT w.searchField()->returnPressed();
            repainted();
            searches << double(t.nsecsElapsed()) / 1e6;
            found += w.messageModel()->rowCount();
            w.searchField()->clear();  // back to the whole Inbox
            repainted();
        }
    }
    const Stats se = stats(searches);
    out << "search to painted results (" << queries.size() << " queries, " << found / std::max(1, runs)
        << " rows found per round): p50 " << ms(se.p50) << ", p95 " << ms(se.p95) << ", max " << ms(se.max)
        << " (target < 100 ms)\n";
    out << "window process peak RSS "
        << QString::number(double(peakRssKb(QCoreApplication::applicationPid())) / 1024, 'f', 1)
        << " MB (target < 250 MB)\n";
    return 0;
}

}  // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("DISPLAY") && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("poplar-bench"));
    QCoreApplication::setApplicationName(QStringLiteral("poplar-bench-ui"));
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("prepare | start | window"));
    const QCommandLineOption mbox(QStringLiteral("mbox"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption profile(QStringLiteral("profile"), QString(), QStringLiteral("DIR"));
    const QCommandLineOption poplar(QStringLiteral("poplar"), QString(), QStringLiteral("PATH"));
    const QCommandLineOption runs(QStringLiteral("runs"), QString(), QStringLiteral("R"), QStringLiteral("5"));
    parser.addOptions({ mbox, profile, poplar, runs });
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    if (mode == QLatin1String("prepare"))
        return prepare(parser.value(mbox), parser.value(profile));
    if (mode == QLatin1String("start"))
        return start(parser.value(profile), parser.value(poplar), parser.value(runs).toInt());
    if (mode == QLatin1String("window"))
        return window(parser.value(profile), parser.value(runs).toInt());
    parser.showHelp(2);
}
