#pragma once

#include "common/Error.h"
#include "common/ServerText.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>

#include <deque>
#include <optional>

namespace Smtp {

// One SMTP reply (RFC 5321 section 4.2): its three-digit code, the enhanced
// status code (RFC 3463) when its text starts with one of the code's class,
// and its text lines without either.
struct Reply {
    int code = 0;
    QByteArray enhanced;  // "5.1.1", or empty
    QByteArrayList lines;

    [[nodiscard]] int category() const { return code / 100; }
    [[nodiscard]] bool positive() const { return category() == 2; }
    [[nodiscard]] bool intermediate() const { return category() == 3; }  // 334 (AUTH), 354 (DATA)
    [[nodiscard]] bool temporary() const { return category() == 4; }
    [[nodiscard]] bool permanent() const { return category() == 5; }
    // The text for the user: its lines joined, bounded, raw (shown escaped).
    [[nodiscard]] Poplar::ServerText text() const;
};

// Reads replies from what the server sends, in pieces of any size. A reply
// ends at its last line ("250 …" after "250-…" lines). Lines and replies are
// bounded: a server cannot make it keep more than maxLineLength octets of a
// line or maxLines lines of one reply. After an error it reads nothing more.
class ReplyReader
{
public:
    struct Limits {
        qsizetype maxLineLength = 2048;  // RFC 5321 allows 512 octets; servers send more
        int maxLines = 200;              // EHLO lists a few dozen
    };

    ReplyReader() = default;
    explicit ReplyReader(Limits limits)
        : m_limits(limits)
    { }

    void feed(QByteArrayView bytes);

    [[nodiscard]] bool hasReply() const { return !m_replies.empty(); }
    [[nodiscard]] Reply takeReply();
    // ProtocolError (not a reply line, a continuation with another code) or
    // ResponseTooLong; replies completed before it can still be taken.
    [[nodiscard]] const std::optional<Poplar::Error> &error() const { return m_error; }
    // A reply has begun and not ended (a connection closing now cut it).
    [[nodiscard]] bool midReply() const { return m_current.code != 0 || !m_line.isEmpty(); }

private:
    void handleLine(QByteArrayView line);
    void fail(Poplar::Error error);

    Limits m_limits;
    QByteArray m_line;
    Reply m_current;
    std::deque<Reply> m_replies;
    std::optional<Poplar::Error> m_error;
};

}  // namespace Smtp
