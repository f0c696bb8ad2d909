#include "DovecotShutdown.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QList>
#include <QProcess>
#include <QSet>
#include <QThread>

#include <signal.h>

namespace Poplar {

namespace {

// Minimal /proc access for finding Dovecot's child processes.
struct ProcInfo {
    qint64 ppid = -1;
    char state = '?';
};

bool readProcStat(qint64 pid, ProcInfo *info)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = f.readAll();
    const qsizetype paren = stat.lastIndexOf(')');
    if (paren < 0)
        return false;
    const QList<QByteArray> fields = stat.mid(paren + 2).split(' ');
    if (fields.size() < 2 || fields.at(0).isEmpty())
        return false;
    info->state = fields.at(0).at(0);
    info->ppid = fields.at(1).toLongLong();
    return true;
}

QByteArray procCmdline(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QByteArray c = f.readAll();
    c.replace('\0', ' ');
    return c.trimmed();
}

bool isAlive(qint64 pid)
{
    ProcInfo info;
    return readProcStat(pid, &info) && info.state != 'Z' && info.state != 'X';
}

QList<qint64> allPids()
{
    QList<qint64> pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool ok = false;
        const qint64 pid = e.toLongLong(&ok);
        if (ok)
            pids.append(pid);
    }
    return pids;
}

QSet<qint64> descendantsOf(qint64 root)
{
    QHash<qint64, QList<qint64>> children;
    for (const qint64 pid : allPids()) {
        ProcInfo info;
        if (readProcStat(pid, &info))
            children[info.ppid].append(pid);
    }
    QSet<qint64> result;
    QList<qint64> queue { root };
    while (!queue.isEmpty()) {
        const qint64 p = queue.takeFirst();
        for (const qint64 c : children.value(p)) {
            if (!result.contains(c)) {
                result.insert(c);
                queue.append(c);
            }
        }
    }
    return result;
}

}  // namespace

void shutDownDovecot(QProcess &process, const QString &instanceName, const QString &configPath)
{
    const qint64 master = process.processId();
    const QByteArray instanceTag = instanceName.toUtf8() + '/';
    const QByteArray configTag = QFile::encodeName(configPath);

    auto ours = [&](qint64 pid, bool knownDescendant) {
        if (!isAlive(pid))
            return false;
        const QByteArray cmd = procCmdline(pid);
        if (cmd.contains(instanceTag) || cmd.contains(configTag))
            return true;
        // Between fork/exec and setting its title a child still looks like
        // "/usr/lib/dovecot/<service>".
        return knownDescendant && cmd.contains("dovecot");
    };
    auto leftovers = [&](const QSet<qint64> &known) {
        QSet<qint64> result;
        for (const qint64 pid : allPids()) {
            if (pid != master && ours(pid, known.contains(pid)))
                result.insert(pid);
        }
        return result;
    };

    auto isLogProcess = [&](qint64 pid) { return procCmdline(pid).endsWith(QByteArray(instanceTag + "log")); };
    auto signalAll = [](const QSet<qint64> &pids, int signo) {
        for (const qint64 pid : pids)
            ::kill(static_cast<pid_t>(pid), signo);
    };

    QSet<qint64> known;
    if (master > 0 && process.state() != QProcess::NotRunning) {
        known = descendantsOf(master);
        process.terminate();  // SIGTERM to the master
        // The master stops its children at once but then idles for ~1 s
        // before exiting (its log process is kept to the end).  Once nothing
        // but the log process is left (and it had 100 ms to write what it
        // received), the rest of that second is skipped with SIGKILL.
        // Children still serving a connected client get SIGTERM after
        // 300 ms and SIGKILL after 2 s.
        QElapsedTimer timer;
        timer.start();
        qint64 onlyLogSince = -1;
        bool childrenTermed = false;
        bool childrenKilled = false;
        while (!process.waitForFinished(10)) {
            if (process.state() == QProcess::NotRunning)
                break;
            known.unite(descendantsOf(master));
            QSet<qint64> busy;
            for (const qint64 pid : std::as_const(known)) {
                if (isAlive(pid) && !isLogProcess(pid))
                    busy.insert(pid);
            }
            const qint64 elapsed = timer.elapsed();
            if (elapsed > 5000) {
                process.kill();
                process.waitForFinished(2000);
                break;
            }
            if (busy.isEmpty()) {
                if (onlyLogSince < 0) {
                    onlyLogSince = elapsed;
                } else if (elapsed - onlyLogSince >= 100) {
                    process.kill();
                    process.waitForFinished(2000);
                    break;
                }
            } else if (!childrenTermed && elapsed >= 300) {
                signalAll(busy, SIGTERM);
                childrenTermed = true;
            } else if (!childrenKilled && elapsed >= 2000) {
                signalAll(busy, SIGKILL);
                childrenKilled = true;
            }
        }
    }

    // Whatever is left (normally just the log process, or orphans that a
    // previous SIGKILL of the master left behind): SIGTERM, then SIGKILL.
    QElapsedTimer timer;
    timer.start();
    bool termSent = false;
    bool killSent = false;
    while (true) {
        const QSet<qint64> left = leftovers(known);
        if (left.isEmpty())
            break;
        if (timer.elapsed() > 3000) {
            qWarning(
                "DovecotServer::stop: %lld Dovecot process(es) survived SIGKILL", static_cast<long long>(left.size()));
            break;
        }
        if (!termSent) {
            signalAll(left, SIGTERM);
            termSent = true;
        } else if (!killSent && timer.elapsed() >= 1000) {
            signalAll(left, SIGKILL);
            killSent = true;
        }
        QThread::msleep(10);
    }
}

}  // namespace Poplar
