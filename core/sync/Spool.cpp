#include "sync/Spool.h"

#include "store/Store.h"

#include <QDir>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

namespace {

QString spoolDirectory(const Store::MailStore &store)
{
    return QDir(store.directory()).filePath(QStringLiteral("tmp"));
}

// Spool files carry their account's id: whoever holds that account's lock
// may remove what a killed process left behind for it, and nothing of a
// fetch running for another account.
QString spoolPrefix(qint64 accountId)
{
    return QStringLiteral("fetch-%1-").arg(accountId);
}

}  // namespace

SpoolBuffer::SpoolBuffer(const Store::MailStore &store, qint64 accountId, qint64 limit, quint64 expectedSize)
    : m_directory(spoolDirectory(store))
    , m_prefix(spoolPrefix(accountId))
    , m_limit(limit)
{
    // The listed size is a hint (a server may lie): reserve, then grow.
    if (qint64(expectedSize) <= m_limit)
        m_bytes.reserve(qsizetype(expectedSize) + 64);
}

Status SpoolBuffer::append(QByteArrayView data)
{
    m_size += data.size();
    if (m_file) {
        if (m_file->write(data.data(), data.size()) != data.size())
            return Error(ErrorCode::LocalWriteFailed, m_file->errorString());
        return {};
    }
    m_bytes.append(data);
    return m_bytes.size() > m_limit ? spill() : Status();
}

Status SpoolBuffer::finish()
{
    if (m_file && !m_file->flush())
        return Error(ErrorCode::LocalWriteFailed, m_file->errorString());
    return {};
}

Result<quint64> SpoolBuffer::countLineFeeds() const
{
    if (!m_file)
        return quint64(m_bytes.count('\n'));
    QFile file(m_file->fileName());
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::LocalWriteFailed, file.errorString());
    quint64 lines = 0;
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return Error(ErrorCode::LocalWriteFailed, file.errorString());
        if (n == 0)
            return lines;
        lines += quint64(QByteArrayView(buffer.constData(), n).count('\n'));
    }
}

Status SpoolBuffer::spill()
{
    if (!QDir().mkpath(m_directory))
        return Error(ErrorCode::LocalWriteFailed, QStringLiteral("cannot create %1").arg(m_directory));
    auto file = std::make_unique<QTemporaryFile>(QDir(m_directory).filePath(m_prefix + QStringLiteral("XXXXXX")));
    if (!file->open())
        return Error(ErrorCode::LocalWriteFailed, file->errorString());
    if (file->write(m_bytes.constData(), m_bytes.size()) != m_bytes.size())
        return Error(ErrorCode::LocalWriteFailed, file->errorString());
    m_bytes = QByteArray();
    m_file = std::move(file);
    return {};
}

void SpoolBuffer::removeStale(const Store::MailStore &store, qint64 accountId)
{
    QDir dir(spoolDirectory(store));
    const QStringList stale
        = dir.entryList({ spoolPrefix(accountId) + QLatin1Char('*') }, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : stale)
        dir.remove(name);
}

}  // namespace Sync
