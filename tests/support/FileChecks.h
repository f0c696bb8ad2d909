#pragma once

// Test support: what a file on the disk is — its permission bits (of the
// name itself, never through a link) and its bytes; every byte under a
// directory.

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QString>

#include <sys/stat.h>

namespace PoplarTest {

// The permission bits of `path` itself (lstat); -1 when there is nothing.
inline int modeOf(const QString &path)
{
    struct stat st = {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

// Its bytes; empty when it cannot be read.
inline QByteArray contentOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every file's bytes under `dir` (hidden ones too), one after the other:
// for looking for what must never be written there, such as a password.
inline QByteArray bytesUnder(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += contentOf(it.next());
    return all;
}

}  // namespace PoplarTest
