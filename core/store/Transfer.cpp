#include "store/Transfer.h"

#include "store/MessagePreparer.h"
#include "store/Store.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

namespace {

// Collects prepared messages and stores them in batches.
class BatchWriter
{
public:
    BatchWriter(MailStore &store, Transfer::Report &report, const Transfer::Progress &progress)
        : m_store(store)
        , m_report(report)
        , m_progress(progress)
    { }

    Status add(PreparedMessage m)
    {
        m_bytes += m.size;
        m_batch << std::move(m);
        if (m_batch.size() >= Transfer::BatchMessages || m_bytes >= Transfer::BatchBytes)
            return flush();
        return {};
    }

    Status flush()
    {
        if (m_batch.isEmpty())
            return {};
        auto ids = m_store.insertMessages(m_batch);
        if (!ids)
            return ids.error();
        m_report.messages += int(m_batch.size());
        m_report.bytes += m_bytes;
        m_batch.clear();
        m_bytes = 0;
        if (m_progress)
            m_progress(m_report.messages, m_report.bytes);
        return {};
    }

private:
    MailStore &m_store;
    Transfer::Report &m_report;
    const Transfer::Progress &m_progress;
    QList<PreparedMessage> m_batch;
    qint64 m_bytes = 0;
};

Result<PreparedMessage> prepare(QByteArray raw, qint64 folderId, int flags, const QDateTime &received = {})
{
    MessagePreparer::Input in;
    in.raw = std::move(raw);
    in.folderId = folderId;
    in.flags = flags;
    in.receivedAt = received;
    return MessagePreparer::prepare(std::move(in));
}

QStringList maildirFiles(const QString &dir)
{
    QStringList files;
    for (const char *sub : { "cur", "new" }) {
        QDir d(QDir(dir).filePath(QString::fromLatin1(sub)));
        const QStringList names = d.entryList(QDir::Files | QDir::Hidden, QDir::Name);
        for (const QString &n : names)
            files << d.filePath(n);
    }
    return files;
}

Result<QList<qint64>> oldestFirst(MailStore &store, qint64 folderId)
{
    auto all = store.messages(folderId, 0, std::numeric_limits<int>::max());
    if (!all)
        return all.error();
    QList<qint64> ids;
    ids.reserve(all->size());
    for (auto it = all->crbegin(); it != all->crend(); ++it)
        ids << it->id;
    return ids;
}

}  // namespace

Result<Transfer::Report> Transfer::importPath(
    const QString &path, qint64 folderId, MailFormats::MboxFlavor flavor, const Progress &progress)
{
    auto folder = m_store.folder(folderId);
    if (!folder)
        return folder.error();
    Report report;
    BatchWriter writer(m_store, report, progress);
    const QFileInfo info(path);
    if (!info.exists())
        return Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path));

    auto importFile = [&](const QString &file, int flags) -> Status {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            report.skipped << QStringLiteral("%1: %2").arg(file, f.errorString());
            return {};
        }
        auto p = prepare(f.readAll(), folderId, flags, QFileInfo(file).lastModified());
        if (!p) {
            report.skipped << QStringLiteral("%1: %2").arg(file, p.error().technicalDescription());
            return {};
        }
        return writer.add(std::move(p).value());
    };

    if (info.isDir()) {
        if (MailFormats::isMaildir(path)) {
            for (const QString &file : maildirFiles(path)) {
                if (auto st = importFile(file, MailFormats::maildirFlags(QFileInfo(file).fileName())); !st)
                    return st.error();
            }
        } else {
            QDir d(path);
            const QStringList names = d.entryList({ QStringLiteral("*.eml") }, QDir::Files, QDir::Name);
            for (const QString &n : names) {
                if (auto st = importFile(d.filePath(n), 0); !st)
                    return st.error();
            }
        }
    } else if (MailFormats::looksLikeMbox(path)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error(ErrorCode::NotFound, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
        auto st = MailFormats::readMbox(f, flavor, [&](QByteArray message, const QByteArray &) -> Status {
            auto p = prepare(std::move(message), folderId, 0);
            if (!p)
                return p.error();
            return writer.add(std::move(p).value());
        });
        if (!st)
            return st.error();
    } else {
        if (auto st = importFile(path, 0); !st)
            return st.error();
    }
    if (auto st = writer.flush(); !st)
        return st.error();
    return report;
}

Result<Transfer::Report> Transfer::exportMbox(qint64 folderId, const QString &file, MailFormats::MboxFlavor flavor)
{
    auto ids = oldestFirst(m_store, folderId);
    if (!ids)
        return ids.error();
    // Written to a temporary file and renamed at the end: a failed export
    // never leaves half an mbox behind under the final name.
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
    Report report;
    for (qint64 id : *ids) {
        auto raw = m_store.rawMessage(id);
        if (!raw)
            return raw.error();
        auto summary = m_store.message(id);
        QByteArray separator;
        if (summary) {
            const QString from
                = summary->fromAddress.isEmpty() ? QStringLiteral("MAILER-DAEMON") : summary->fromAddress;
            // The sender comes from the message: only printable ASCII, no blanks.
            QByteArray sender = from.toUtf8();
            for (char &c : sender) {
                if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
                    c = '_';
            }
            separator = "From " + sender + ' '
                + summary->receivedAt.toUTC().toString(QStringLiteral("ddd MMM d HH:mm:ss yyyy")).toLatin1();
        }
        if (auto st = MailFormats::writeMboxMessage(out, *raw, flavor, separator); !st)
            return st.error();
        report.messages++;
        report.bytes += raw->size();
    }
    if (!out.commit())
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
    return report;
}

Result<Transfer::Report> Transfer::exportMaildir(qint64 folderId, const QString &dir)
{
    auto ids = oldestFirst(m_store, folderId);
    if (!ids)
        return ids.error();
    for (const char *sub : { "tmp", "new", "cur" }) {
        if (!QDir().mkpath(QDir(dir).filePath(QString::fromLatin1(sub))))
            return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot create the Maildir %1").arg(dir));
    }
    Report report;
    for (qint64 id : *ids) {
        auto summary = m_store.message(id);
        if (!summary)
            return summary.error();
        const QString name = MailFormats::maildirUniqueName();
        const QString tmp = QDir(dir).filePath(QStringLiteral("tmp/") + name);
        QFile f(tmp);
        if (!f.open(QIODevice::WriteOnly))
            return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write %1: %2").arg(tmp, f.errorString()));
        auto st = m_store.readRaw(id, [&](QByteArrayView chunk) -> Status {
            if (f.write(chunk.data(), chunk.size()) != chunk.size())
                return Error(ErrorCode::LocalWriteFailed, f.errorString());
            return {};
        });
        if (!st || !f.flush()) {
            f.remove();
            return st ? Error(ErrorCode::LocalWriteFailed, f.errorString()) : st.error();
        }
        f.close();
        // tmp/ → cur/ with the flags: the Maildir way of appearing whole.
        const QString final
            = QDir(dir).filePath(QStringLiteral("cur/") + name + MailFormats::maildirSuffix(summary->flags));
        if (!QFile::rename(tmp, final))
            return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot move %1 into cur/").arg(tmp));
        report.messages++;
        report.bytes += summary->size;
    }
    return report;
}

Result<Transfer::Report> Transfer::exportEml(qint64 folderId, const QString &dir)
{
    auto ids = oldestFirst(m_store, folderId);
    if (!ids)
        return ids.error();
    if (!QDir().mkpath(dir))
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot create %1").arg(dir));
    Report report;
    const int width = std::max(6, int(QString::number(ids->size()).size()));
    int n = 0;
    for (qint64 id : *ids) {
        const QString file = QDir(dir).filePath(QStringLiteral("%1.eml").arg(++n, width, 10, QLatin1Char('0')));
        if (QFile::exists(file))
            return Error(ErrorCode::InvalidArgument,
                QStringLiteral("%1 exists already; export into an empty directory").arg(file));
        QSaveFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write %1: %2").arg(file, f.errorString()));
        qint64 size = 0;
        auto st = m_store.readRaw(id, [&](QByteArrayView chunk) -> Status {
            size += chunk.size();
            if (f.write(chunk.data(), chunk.size()) != chunk.size())
                return Error(ErrorCode::LocalWriteFailed, f.errorString());
            return {};
        });
        if (!st)
            return st.error();
        if (!f.commit())
            return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot write %1: %2").arg(file, f.errorString()));
        report.messages++;
        report.bytes += size;
    }
    return report;
}

}  // namespace Store
