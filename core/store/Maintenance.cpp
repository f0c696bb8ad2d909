#include "store/Maintenance.h"

#include "common/DiskSync.h"
#include "common/NewFile.h"
#include "store/Profile.h"
#include "store/Schema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

Result<QStringList> Maintenance::integrityCheck(Database &db, const QStringList &searchIndexProblems)
{
    auto q = db.query(QStringLiteral("PRAGMA integrity_check"));
    if (!q)
        return q.error();
    QStringList out;
    while (q.value().next())
        out << q.value().value(0).toString();
    // The search index against its source (the messages and their text).
    for (const QString &problem : searchIndexProblems)
        out << QStringLiteral("search index: %1").arg(problem);
    auto fk = db.query(QStringLiteral("PRAGMA foreign_key_check"));
    if (!fk)
        return fk.error();
    while (fk.value().next())
        out << QStringLiteral("foreign key violation in %1 row %2")
                   .arg(fk.value().value(0).toString(), fk.value().value(1).toString());
    return out;
}

Status Maintenance::backupTo(Database &db, const QString &file)
{
    if (QFile::exists(file))
        return Error(ErrorCode::FileExists, QStringLiteral("%1 exists already").arg(file));
    // Created empty and owner-only first: mail is never world-readable,
    // not even while the copy is written.
    QFile empty;
    if (auto st = Poplar::NewFile::openExclusive(empty, file); !st)
        return st;
    empty.close();
    if (auto st = db.exec(QStringLiteral("VACUUM INTO ?"), { QFileInfo(file).absoluteFilePath() }); !st) {
        QFile::remove(file);
        return st;
    }
    // On the disk before it counts as a backup: the copy, then its name.
    // One the disk did not confirm is not left behind as if it were good.
    if (auto st = Poplar::DiskSync::file(file); !st) {
        QFile::remove(file);
        return st;
    }
    if (auto st = Poplar::DiskSync::directory(QFileInfo(file).absolutePath()); !st) {
        QFile::remove(file);
        return st;
    }
    return {};
}

Status Maintenance::restoreFrom(const QString &backupFile, const QString &profileDir)
{
    if (!QFile::exists(backupFile))
        return Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(backupFile));
    // Only into a profile with no store at all: if Poplar had ever opened it
    // (or has it open now), replacing the file under its connections could
    // lose mail it is committing.
    const QString target = Profile::databasePath(profileDir);
    for (const QString &f : QStringList { target, target + QStringLiteral("-wal"), target + QStringLiteral("-shm") }) {
        if (QFile::exists(f))
            return Error(ErrorCode::ProfileHasStore,
                QStringLiteral("the profile %1 already has a store; restore into an empty profile").arg(profileDir));
    }
    if (auto st = Profile::ensureDirectory(profileDir); !st)
        return st;
    const QString temp = target + QStringLiteral(".restoring");
    QFile::remove(temp);
    {
        Database backup;
        if (auto st = backup.open(backupFile, Database::Mode::ReadOnly); !st)
            return st;
        auto check = backup.scalar(QStringLiteral("PRAGMA integrity_check"));
        if (!check)
            return check.error();
        if (check->toString() != QLatin1String("ok"))
            return Error(ErrorCode::StoreCorrupt, QStringLiteral("the backup is damaged: %1").arg(check->toString()));
        auto version = Schema::version(backup);
        if (!version)
            return version.error();
        if (*version < 1 || *version > Schema::latestVersion())
            return Error(ErrorCode::StoreCorrupt, QStringLiteral("not a Poplar backup (schema %1)").arg(*version));
        // A fresh, compact copy that includes anything still in the
        // backup's own WAL, written owner-only from the start.
        QFile empty(temp);
        if (!empty.open(QIODevice::WriteOnly))
            return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write in %1").arg(profileDir));
        empty.close();
        QFile::setPermissions(temp, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (auto st = backup.exec(QStringLiteral("VACUUM INTO ?"), { temp }); !st) {
            QFile::remove(temp);
            return st;
        }
    }
    if (auto st = Poplar::DiskSync::file(temp); !st) {
        QFile::remove(temp);
        return st;
    }
    if (!QFile::rename(temp, target)) {
        QFile::remove(temp);
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot put the backup in place"));
    }
    // The rename itself reaches the disk only with its directory.
    if (auto st = Poplar::DiskSync::directory(QDir(profileDir).absolutePath()); !st)
        return Error(st.error().code,
            QStringLiteral("the backup is in place in %1, but the disk did not confirm it: %2")
                .arg(profileDir, st.error().detail));
    return {};
}

}  // namespace Store
