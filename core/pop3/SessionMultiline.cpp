#include "pop3/Session.h"

#include "pop3/LineTokens.h"

// Session: the data of multi-line answers: message data for RETR and TOP
// (bounded), and the lines of CAPA, LIST and UIDL.

namespace Pop3 {

using Poplar::Error;
using Poplar::ErrorCode;

void Session::handleDataOutput()
{
    if (m_dataOut.isEmpty())
        return;
    Pending &cmd = m_inflight.front();
    if (cmd.type == CommandType::Retr || cmd.type == CommandType::Top) {
        const quint64 n = static_cast<quint64>(m_dataOut.size());
        if (n > cmd.dataLimit - std::min(m_dataSize, cmd.dataLimit)) {
            failOversized(QStringLiteral("message %1 runs past %2 octets").arg(cmd.message).arg(cmd.dataLimit));
            return;
        }
        if (cmd.type == CommandType::Top && !scanHeader(m_dataOut)) {
            failOversized(QStringLiteral("the header of message %1 runs past %2 octets")
                              .arg(cmd.message)
                              .arg(m_options.maxHeaderBytes));
            return;
        }
        m_dataSize += n;
        // A message longer than LIST said may leave much room unused: it
        // would wait with the chunk until the store takes it.
        if (m_dataOut.capacity() - m_dataOut.size() > 64 * 1024)
            m_dataOut.squeeze();
        emitEvent(Events::DataChunk { cmd.id, cmd.message, std::exchange(m_dataOut, QByteArray()) });
        return;
    }
    // CAPA, LIST and UIDL: split into lines, each bounded.
    QByteArrayView out(m_dataOut);
    qsizetype start = 0;
    while (start < out.size()) {
        const qsizetype lf = out.indexOf('\n', start);
        if (lf < 0) {
            m_textLine.append(out.sliced(start));
            break;
        }
        m_textLine.append(out.sliced(start, lf - start));
        if (m_textLine.endsWith('\r'))
            m_textLine.chop(1);
        if (m_textLine.size() > m_options.maxLineLength)
            break;
        handleTextLine(m_textLine);
        m_textLine.clear();
        start = lf + 1;
        if (m_state == SessionState::Failed)
            return;
    }
    m_dataOut.clear();
    if (m_textLine.size() > m_options.maxLineLength)
        fail(Error(
            ErrorCode::ResponseTooLong, QStringLiteral("listing line exceeds %1 octets").arg(m_options.maxLineLength)));
}

bool Session::scanHeader(QByteArrayView data)
{
    for (qsizetype i = 0; i < data.size() && !m_headerDone; ++i) {
        ++m_headerBytes;
        const char c = data.at(i);
        if (c == '\n') {
            m_headerDone = m_lineBlank;
            m_lineBlank = true;
        } else if (c != '\r') {
            m_lineBlank = false;
        }
    }
    return m_headerDone || m_headerBytes <= quint64(m_options.maxHeaderBytes);
}

void Session::failOversized(const QString &why)
{
    m_dataOut.clear();
    const Pending cmd = popFront();
    const Error e(ErrorCode::MessageOversized, why);
    failCommand(cmd, e);
    fail(e);
}

void Session::handleTextLine(QByteArrayView line)
{
    Pending &cmd = m_inflight.front();
    switch (cmd.type) {
    case CommandType::Capa:
        if (++m_listingLines > m_options.maxCapabilityLines) {
            fail(Error(ErrorCode::ResponseTooLong,
                QStringLiteral("CAPA answer has more than %1 lines").arg(m_options.maxCapabilityLines)));
            return;
        }
        log(LogEntry::Kind::Read, line.toByteArray());
        m_pendingCaps.addLine(line);
        return;
    case CommandType::List:
    case CommandType::Uidl: {
        // Every line counts against the bounds, malformed ones included, so
        // an endless or oversized listing always ends in an error.
        m_listingBytes += line.size() + 2;
        if (++m_listingLines > m_options.maxListingEntries || m_listingBytes > m_options.maxListingBytes) {
            fail(Error(ErrorCode::ListingTooLarge,
                QStringLiteral("listing exceeds %1 lines or %2 octets")
                    .arg(m_options.maxListingEntries)
                    .arg(m_options.maxListingBytes)));
            return;
        }
        // One unreadable line is set aside (with the message number it
        // names, if any); the rest of the answer stays usable.
        const auto w = words(line);
        const auto n = !w.isEmpty() ? parseNumber(w.at(0), 0xffffffffu) : std::nullopt;
        const quint32 number = (n && *n > 0) ? static_cast<quint32>(*n) : 0;
        if (!number || w.size() < 2) {
            m_rejected.add(number, line);
            return;
        }
        if (cmd.type == CommandType::List) {
            const auto size = parseNumber(w.at(1), ~quint64(0));
            if (!size) {
                m_rejected.add(number, line);
                return;
            }
            m_listEntries.push_back(ListEntry { number, *size });
        } else {
            const QByteArrayView uid = w.at(1);
            bool valid = uid.size() <= 512;
            for (char c : uid)
                valid = valid && static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
            if (!valid) {
                m_rejected.add(number, line);
                return;
            }
            m_uidlEntries.push_back(UidlEntry { number, uid.toByteArray() });
        }
        return;
    }
    default: return;
    }
}

void Session::completeMultiline()
{
    m_mode = Mode::Line;
    Pending &cmd = m_inflight.front();
    if (!m_textLine.isEmpty()) {
        // The last line had no line ending before the terminator.
        const QByteArray last = std::exchange(m_textLine, QByteArray());
        handleTextLine(last);
        if (m_state == SessionState::Failed)
            return;
    }
    switch (cmd.type) {
    case CommandType::Capa:
        m_caps = std::move(m_pendingCaps);
        m_capsKnown = true;
        emitEvent(Events::CapabilitiesReceived { cmd.id, m_caps });
        break;
    case CommandType::List:
    case CommandType::Uidl: {
        QByteArray note = (cmd.type == CommandType::List ? "LIST: " : "UIDL: ")
            + QByteArray::number(
                qulonglong(cmd.type == CommandType::List ? m_listEntries.size() : m_uidlEntries.size()))
            + " entries";
        if (m_rejected.count)
            note += ", " + QByteArray::number(qlonglong(m_rejected.count)) + " unreadable lines set aside";
        log(LogEntry::Kind::Info, note);
        if (cmd.type == CommandType::List)
            emitEvent(Events::ListReceived { cmd.id, std::exchange(m_listEntries, {}), std::exchange(m_rejected, {}) });
        else
            emitEvent(Events::UidlReceived { cmd.id, std::exchange(m_uidlEntries, {}), std::exchange(m_rejected, {}) });
        break;
    }
    default:
        log(LogEntry::Kind::Info,
            "message " + QByteArray::number(cmd.message) + ": " + QByteArray::number(m_dataSize) + " octets");
        emitEvent(Events::DataComplete { cmd.id, cmd.message, m_dataSize });
        break;
    }
    finishFront();
}

}  // namespace Pop3
