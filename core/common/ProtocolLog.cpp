#include "common/ProtocolLog.h"

#include "common/ServerText.h"

namespace Poplar {

QString LogEntry::kindName() const
{
    switch (kind) {
    case Kind::Read: return QStringLiteral("read");
    case Kind::Written: return QStringLiteral("written");
    case Kind::Error: return QStringLiteral("error");
    case Kind::Info: return QStringLiteral("info");
    }
    return {};
}

QString LogEntry::toDisplayString() const
{
    QString prefix;
    switch (kind) {
    case Kind::Read: prefix = QStringLiteral("S: "); break;
    case Kind::Written: prefix = QStringLiteral("C: "); break;
    case Kind::Error: prefix = QStringLiteral("!: "); break;
    case Kind::Info: prefix = QStringLiteral("*: "); break;
    }
    QString line = prefix + Poplar::escapeUntrusted(text);
    if (truncated)
        line += QChar(0x2026);
    if (time.isValid())
        line = time.toUTC().toString(Qt::ISODateWithMs) + QLatin1Char(' ') + line;
    return line;
}

void ProtocolLog::append(LogEntry entry)
{
    if (entry.text.size() > MaxEntryLength) {
        entry.text.truncate(MaxEntryLength);
        entry.truncated = true;
    }
    m_entries.push_back(std::move(entry));
    while (static_cast<qsizetype>(m_entries.size()) > m_capacity)
        m_entries.pop_front();
}

QList<LogEntry> ProtocolLog::entries() const
{
    return QList<LogEntry>(m_entries.begin(), m_entries.end());
}

QString ProtocolLog::toDisplayText() const
{
    QString out;
    for (const LogEntry &e : m_entries)
        out += e.toDisplayString() + QLatin1Char('\n');
    return out;
}

}  // namespace Poplar
