#include "store/Transfer.h"

#include "common/NewFile.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include <sys/stat.h>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

namespace {

// Collects messages and stores them in batches, each batch in one
// transaction. While the writer stores one batch, the next is parsed on
// every core: parsing and writing overlap, and at most two batches are in
// memory.
class BatchWriter
{
public:
    BatchWriter(MailStore &store, Transfer::Report &report, const Transfer::Progress &progress)
        : m_store(store)
        , m_report(report)
        , m_progress(progress)
    { }
    ~BatchWriter()
    {
        // Whatever was stored stays stored, on disk, even if the import
        // stopped half-way.
        if (m_inFlight.valid())
            m_inFlight.wait();
        if (m_deferred)
            (void)m_store.syncToDisk();
    }
    BatchWriter(const BatchWriter &) = delete;
    BatchWriter &operator=(const BatchWriter &) = delete;

    // `source` names the message in the report if it cannot be read.
    Status add(MessagePreparer::Input in, QString source = {})
    {
        // Stamped here, in reading order: the preparers run in parallel, and
        // messages without a date of their own would otherwise be listed in
        // whatever order the threads happened to reach them.
        if (!in.receivedAt.isValid())
            in.receivedAt = QDateTime::currentDateTimeUtc();
        m_pendingBytes += in.raw.size();
        m_pending.push_back({ std::move(in), std::move(source) });
        if (m_pending.size() >= Transfer::BatchMessages || m_pendingBytes >= Transfer::BatchBytes)
            return flush();
        return {};
    }

    // Parses what is pending and hands it to the writer.
    Status flush()
    {
        if (m_pending.empty())
            return {};
        QList<PreparedMessage> batch = prepareAll();
        m_pending.clear();
        m_pendingBytes = 0;
        if (auto st = wait(); !st)
            return st;
        if (batch.isEmpty())
            return {};
        qint64 bytes = 0;
        for (const PreparedMessage &m : batch)
            bytes += m.size;
        m_inFlightCount = int(batch.size());
        m_inFlightBytes = bytes;
        // Imports commit without waiting for the disk; finish() (or the
        // destructor) flushes once at the end.
        m_inFlight = m_store.insertMessagesAsync(std::move(batch), MailStore::Durability::Deferred);
        m_deferred = true;
        return {};
    }

    // Flushes and waits until everything is stored and on disk.
    Status finish()
    {
        if (auto st = flush(); !st)
            return st;
        if (auto st = wait(); !st)
            return st;
        if (!m_deferred)
            return {};
        m_deferred = false;
        return m_store.syncToDisk();
    }

private:
    struct Pending {
        MessagePreparer::Input input;
        QString source;
    };

    QList<PreparedMessage> prepareAll()
    {
        const int count = int(m_pending.size());
        std::vector<std::optional<Result<PreparedMessage>>> results;
        results.resize(size_t(count));
        std::atomic<int> next { 0 };
        auto work = [&] {
            for (int i = next++; i < count; i = next++)
                results[size_t(i)] = MessagePreparer::prepare(std::move(m_pending[size_t(i)].input));
        };
        const int threads = std::clamp(QThread::idealThreadCount(), 1, 8);
        std::vector<std::thread> helpers;
        for (int t = 1; t < std::min(threads, count); ++t)
            helpers.emplace_back(work);
        work();
        for (std::thread &t : helpers)
            t.join();
        QList<PreparedMessage> batch;
        batch.reserve(count);
        for (int i = 0; i < count; ++i) {
            Result<PreparedMessage> &r = *results[size_t(i)];
            if (r)
                batch << std::move(r).value();
            else
                m_report.skipped << QStringLiteral("%1: %2").arg(m_pending[size_t(i)].source,
                    r.error().technicalDescription());
        }
        return batch;
    }

    Status wait()
    {
        if (!m_inFlight.valid())
            return {};
        auto ids = m_inFlight.get();
        if (!ids)
            return ids.error();
        m_report.messages += m_inFlightCount;
        m_report.bytes += m_inFlightBytes;
        if (m_progress)
            m_progress(m_report.messages, m_report.bytes);
        return {};
    }

    MailStore &m_store;
    Transfer::Report &m_report;
    const Transfer::Progress &m_progress;
    std::vector<Pending> m_pending;
    qint64 m_pendingBytes = 0;
    std::future<Result<QList<qint64>>> m_inFlight;
    bool m_deferred = false;  // commits not yet flushed to disk
    int m_inFlightCount = 0;
    qint64 m_inFlightBytes = 0;
};

MessagePreparer::Input input(QByteArray raw, qint64 folderId, int flags, const QDateTime &received = {})
{
    MessagePreparer::Input in;
    in.raw = std::move(raw);
    in.folderId = folderId;
    in.flags = flags;
    in.receivedAt = received;
    return in;
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

// The directory of an export: created owner-only (0700) when it is new,
// like the mail it will hold; an existing one is used as it is.
Status makePrivateDirectory(const QString &dir)
{
    if (QFileInfo(dir).isDir())
        return {};
    const QString parent = QFileInfo(dir).absolutePath();
    if ((!QFileInfo(parent).isDir() && !QDir().mkpath(parent))
        || (::mkdir(QFile::encodeName(dir).constData(), S_IRWXU) != 0 && errno != EEXIST))
        return Error(ErrorCode::LocalWriteFailed,
            QStringLiteral("cannot create %1: %2").arg(dir, QString::fromLocal8Bit(std::strerror(errno))));
    return {};
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
        return writer.add(input(f.readAll(), folderId, flags, QFileInfo(file).lastModified()), file);
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
        auto st = MailFormats::readMbox(f, flavor, [&](QByteArray message, const QByteArray &separator) -> Status {
            return writer.add(input(std::move(message), folderId, 0, MailFormats::mboxSeparatorDate(separator)), path);
        });
        if (!st)
            return st.error();
    } else {
        if (auto st = importFile(path, 0); !st)
            return st.error();
    }
    if (auto st = writer.finish(); !st)
        return st.error();
    return report;
}

Result<Transfer::Report> Transfer::exportMbox(qint64 folderId, const QString &file, MailFormats::MboxFlavor flavor)
{
    auto ids = oldestFirst(m_store, folderId);
    if (!ids)
        return ids.error();
    // A new file, written under a temporary name and renamed at the end: a
    // failed export never leaves half an mbox behind, and nothing at that
    // name (a file, a symbolic link) is replaced or written through.
    Report report;
    const Status written = Poplar::NewFile::create(file, [&](QIODevice &out) -> Status {
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
        return {};
    });
    if (!written)
        return written.error();
    return report;
}

Result<Transfer::Report> Transfer::exportMaildir(qint64 folderId, const QString &dir)
{
    auto ids = oldestFirst(m_store, folderId);
    if (!ids)
        return ids.error();
    if (auto st = makePrivateDirectory(dir); !st)
        return st.error();
    for (const char *sub : { "tmp", "new", "cur" }) {
        if (auto st = makePrivateDirectory(QDir(dir).filePath(QString::fromLatin1(sub))); !st)
            return st.error();
    }
    Report report;
    for (qint64 id : *ids) {
        auto summary = m_store.message(id);
        if (!summary)
            return summary.error();
        const QString name = MailFormats::maildirUniqueName();
        const QString tmp = QDir(dir).filePath(QStringLiteral("tmp/") + name);
        // New and owner-only, never through a link someone left in tmp/.
        QFile f;
        if (auto st = Poplar::NewFile::openExclusive(f, tmp); !st)
            return st.error();
        auto st = m_store.readRaw(id, [&](QByteArrayView chunk) -> Status {
            if (f.write(chunk.data(), chunk.size()) != chunk.size())
                return Error(ErrorCode::LocalWriteFailed, f.errorString());
            return {};
        });
        if (!st || !f.flush()) {
            const Error error = st ? Error(ErrorCode::LocalWriteFailed, f.errorString()) : st.error();
            f.close();
            QFile::remove(tmp);
            return error;
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
    if (auto st = makePrivateDirectory(dir); !st)
        return st.error();
    Report report;
    const int width = std::max(6, int(QString::number(ids->size()).size()));
    int n = 0;
    for (qint64 id : *ids) {
        const QString file = QDir(dir).filePath(QStringLiteral("%1.eml").arg(++n, width, 10, QLatin1Char('0')));
        qint64 size = 0;
        // Never over (or through) anything at the name: a file, or a
        // symbolic link pointing elsewhere.
        const Status written = Poplar::NewFile::create(file, [&](QIODevice &out) -> Status {
            return m_store.readRaw(id, [&](QByteArrayView chunk) -> Status {
                size += chunk.size();
                if (out.write(chunk.data(), chunk.size()) != chunk.size())
                    return Error(ErrorCode::LocalWriteFailed, out.errorString());
                return {};
            });
        });
        if (!written) {
            if (written.code() == ErrorCode::FileExists)
                return Error(ErrorCode::FileExists,
                    QStringLiteral("%1 exists already; export into an empty directory").arg(file));
            return written.error();
        }
        report.messages++;
        report.bytes += size;
    }
    return report;
}

}  // namespace Store
