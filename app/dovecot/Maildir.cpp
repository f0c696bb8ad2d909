#include "Maildir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace Poplar {

namespace {

std::atomic<quint64> s_deliveryCounter { 0 };

}  // namespace

bool Maildir::deliver(const QString &maildir, const QByteArray &raw, std::optional<Owner> owner, QString *fileName)
{
    // Maildir unique name: <secs>.M<usecs>P<pid>Q<counter>.<host>
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto usecsTotal = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
    const QString unique = QStringLiteral("%1.M%2P%3Q%4.%5")
                               .arg(usecsTotal / 1000000)
                               .arg(usecsTotal % 1000000)
                               .arg(static_cast<qint64>(::getpid()))
                               .arg(++s_deliveryCounter)
                               .arg(hostName());
    const QString tmpPath = maildir + QStringLiteral("/tmp/") + unique;
    const QString newPath = maildir + QStringLiteral("/new/") + unique;

    QFile f(tmpPath);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly) || f.write(raw) != raw.size() || !f.flush()) {
        qWarning("Maildir::deliver: cannot write %s: %s", qPrintable(tmpPath), qPrintable(f.errorString()));
        f.remove();
        return false;
    }
    ::fchmod(f.handle(), 0600);
    if (owner && ::fchown(f.handle(), owner->uid, owner->gid) != 0) {
        qWarning("Maildir::deliver: chown failed: %s", strerror(errno));
        f.remove();
        return false;
    }
    f.close();
    if (::rename(QFile::encodeName(tmpPath).constData(), QFile::encodeName(newPath).constData()) != 0) {
        qWarning("Maildir::deliver: rename failed: %s", strerror(errno));
        QFile::remove(tmpPath);
        return false;
    }
    if (fileName)
        *fileName = newPath;
    return true;
}

QStringList Maildir::messageFiles(const QString &maildir)
{
    QStringList files;
    if (maildir.isEmpty())
        return files;
    for (const char *sub : { "cur", "new" }) {
        const QDir dir(maildir + QLatin1Char('/') + QLatin1String(sub));
        const QStringList names = dir.entryList(QDir::Files | QDir::Hidden, QDir::Name);
        for (const QString &n : names)
            files.append(dir.absoluteFilePath(n));
    }
    files.sort();
    return files;
}

QString Maildir::currentFile(const QString &fileName, const QStringList &maildirs)
{
    if (fileName.isEmpty())
        return {};
    const QFileInfo info(fileName);
    if (info.isAbsolute() && info.isFile())
        return info.absoluteFilePath();
    const QString unique = uniquePart(info.fileName());
    const QStringList where = info.isAbsolute() ? QStringList { QFileInfo(info.absolutePath()).absolutePath() }
                                                // .../Maildir/{new,cur}/name
                                                : maildirs;
    for (const QString &maildir : where) {
        for (const char *sub : { "cur", "new" }) {
            const QDir dir(maildir + QLatin1Char('/') + QLatin1String(sub));
            const QStringList names = dir.entryList(QDir::Files | QDir::Hidden);
            for (const QString &n : names) {
                if (uniquePart(n) == unique)
                    return dir.absoluteFilePath(n);
            }
        }
    }
    return {};
}

QString Maildir::uniquePart(const QString &baseName)
{
    qsizetype end = baseName.size();
    for (const QChar sep : { QLatin1Char(':'), QLatin1Char(',') }) {
        const qsizetype i = baseName.indexOf(sep);
        if (i >= 0 && i < end)
            end = i;
    }
    return baseName.left(end);
}

QString Maildir::hostName()
{
    QString host = QSysInfo::machineHostName();
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    host.replace(QLatin1Char('/'), QLatin1String("\\057"));
    host.replace(QLatin1Char(':'), QLatin1String("\\072"));
    host.replace(QLatin1Char(','), QLatin1String("\\054"));
    return host;
}

}  // namespace Poplar
