#include "smtp/Reply.h"

namespace Smtp {

using Poplar::Error;
using Poplar::ErrorCode;

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// "class.subject.detail " at the start of `text` (RFC 3463: class 2, 4 or 5,
// subject and detail of one to three digits), of the reply's own class.
qsizetype enhancedLength(QByteArrayView text, int category)
{
    if (text.size() < 5 || text[0] != char('0' + category) || (category != 2 && category != 4 && category != 5)
        || text[1] != '.')
        return 0;
    qsizetype i = 2;
    for (int part = 0; part < 2; ++part) {
        const qsizetype start = i;
        while (i < text.size() && isDigit(text[i]) && i - start < 3)
            ++i;
        if (i == start)
            return 0;
        if (part == 0) {
            if (i >= text.size() || text[i] != '.')
                return 0;
            ++i;
        }
    }
    if (i < text.size() && text[i] != ' ')
        return 0;
    return i;
}

}  // namespace

Poplar::ServerText Reply::text() const
{
    return Poplar::ServerText(lines.join('\n'));
}

void ReplyReader::feed(QByteArrayView bytes)
{
    while (!bytes.isEmpty() && !m_error) {
        const qsizetype lf = bytes.indexOf('\n');
        const QByteArrayView part = lf < 0 ? bytes : bytes.first(lf);
        if (m_line.size() + part.size() > m_limits.maxLineLength + 1) {  // + 1: the CR
            fail(Error(ErrorCode::ResponseTooLong,
                QStringLiteral("reply line exceeds %1 octets").arg(m_limits.maxLineLength)));
            return;
        }
        m_line.append(part);
        if (lf < 0)
            return;
        bytes = bytes.sliced(lf + 1);
        QByteArrayView line(m_line);
        if (line.endsWith('\r'))
            line.chop(1);
        handleLine(line);
        m_line.clear();
    }
}

Reply ReplyReader::takeReply()
{
    Reply r = std::move(m_replies.front());
    m_replies.pop_front();
    return r;
}

void ReplyReader::fail(Error error)
{
    m_error = std::move(error);
    m_line.clear();
    m_current = Reply();
}

void ReplyReader::handleLine(QByteArrayView line)
{
    // Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
    const bool codeOk = line.size() >= 3 && line[0] >= '2' && line[0] <= '5' && isDigit(line[1]) && isDigit(line[2])
        && (line.size() == 3 || line[3] == ' ' || line[3] == '-');
    if (!codeOk) {
        Error e(ErrorCode::ProtocolError, QStringLiteral("not an SMTP reply line"));
        e.serverText = Poplar::ServerText(line);
        fail(std::move(e));
        return;
    }
    const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (m_current.code != 0 && code != m_current.code) {
        Error e(ErrorCode::ProtocolError, QStringLiteral("reply %1 continues with code %2").arg(m_current.code).arg(code));
        e.serverText = Poplar::ServerText(line);
        fail(std::move(e));
        return;
    }
    if (m_current.lines.size() >= m_limits.maxLines) {
        fail(Error(ErrorCode::ResponseTooLong, QStringLiteral("reply has more than %1 lines").arg(m_limits.maxLines)));
        return;
    }
    const bool last = line.size() == 3 || line[3] == ' ';
    QByteArrayView text = line.size() > 4 ? line.sliced(4) : QByteArrayView();
    if (const qsizetype n = enhancedLength(text, code / 100); n > 0) {
        if (m_current.lines.isEmpty())
            m_current.enhanced = text.first(n).toByteArray();
        text = text.sliced(std::min(n + 1, text.size()));
    }
    m_current.code = code;
    m_current.lines.append(text.toByteArray());
    if (last)
        m_replies.push_back(std::exchange(m_current, Reply()));
}

}  // namespace Smtp
