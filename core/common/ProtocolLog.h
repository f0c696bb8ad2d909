#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <deque>

namespace Poplar {

// One entry of the structured protocol log. Secrets are masked where the
// entry is produced (the session never hands out an unmasked PASS, APOP
// digest, AUTH payload or token), so a log can be shown and saved as is.
struct LogEntry {
    enum class Kind { Read, Written, Error, Info };
    Kind kind = Kind::Info;
    QByteArray text;  // raw bytes as seen (masked); escape before showing
    QDateTime time;   // stamped by the owner of the session; may be null
    bool truncated = false;

    [[nodiscard]] QString kindName() const;
    // "C: STAT", "S: +OK 2 320", "!: …" with the text escaped for display.
    [[nodiscard]] QString toDisplayString() const;
};

// A bounded log (oldest entries are dropped first).
class ProtocolLog
{
public:
    static constexpr qsizetype MaxEntryLength = 1024;

    explicit ProtocolLog(qsizetype capacity = 2000)
        : m_capacity(capacity)
    { }

    void append(LogEntry entry);
    [[nodiscard]] QList<LogEntry> entries() const;
    [[nodiscard]] qsizetype size() const { return static_cast<qsizetype>(m_entries.size()); }
    void clear() { m_entries.clear(); }
    [[nodiscard]] QString toDisplayText() const;

private:
    qsizetype m_capacity;
    std::deque<LogEntry> m_entries;
};

}  // namespace Poplar
