#include "sync/Spool.h"

#include "store/Store.h"

#include <QCryptographicHash>
#include <QDir>

namespace Sync {

using Poplar::Error;
using Poplar::ErrorCode;
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

Status HeaderSink::begin(quint32)
{
    m_header.clear();
    m_done = false;
    return {};
}

Status HeaderSink::write(quint32, QByteArrayView data)
{
    if (m_header.size() < MaxHeader)
        m_header.append(data.first(std::min(data.size(), MaxHeader - m_header.size())));
    return {};
}

Status HeaderSink::finish(quint32, quint64)
{
    m_done = true;
    return {};
}

void HeaderSink::discard(quint32)
{
    m_header.clear();
}

QByteArray fallbackKey(const QByteArray &header, quint64 size)
{
    QByteArray messageId;
    QByteArray date;
    QByteArray unfolded = header;
    unfolded.replace("\r\n", "\n");
    const qsizetype end = unfolded.indexOf("\n\n");
    if (end >= 0)
        unfolded.truncate(end);
    unfolded.replace("\n ", " ").replace("\n\t", " ");
    for (const QByteArray &line : unfolded.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "message-id" && messageId.isEmpty())
            messageId = line.mid(colon + 1).trimmed();
        else if (name == "date" && date.isEmpty())
            date = line.mid(colon + 1).trimmed();
    }
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(messageId);
    h.addData("\n");
    h.addData(QByteArray::number(size));
    h.addData("\n");
    h.addData(date);
    return "fallback:" + h.result().toHex();
}

}  // namespace Sync
