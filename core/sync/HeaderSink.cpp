#include "sync/HeaderSink.h"

#include <QCryptographicHash>

#include <algorithm>

namespace Sync {

using Poplar::Status;

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
