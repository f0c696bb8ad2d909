#pragma once

// Test support: a POP3 server over FakeTransport whose mailbox is generated,
// never held: N deterministic messages made from (index, seed) line by line
// as the client reads them (the transport pulls the server's bytes as room
// frees in its buffer, as TCP lets a server write only as fast as the client
// reads). LIST and UIDL are computed. A test can stream hundreds of
// megabytes without the test itself holding them, and can tell from
// produced() whether the client is still reading.

#include "net/FakeTransport.h"
#include "pop3/Pop3Connection.h"

#include <QCryptographicHash>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

namespace PoplarTest {

class StreamingMailbox : public QObject
{
public:
    // What the mailbox holds, in an order shuffled by the seed.
    struct Mix {
        int attachments = 0;  // a short text and a base64 attachment
        qint64 attachmentBytes = 1024 * 1024;
        int texts = 0;  // plain text, some lines starting with a dot
        qint64 textBytes = 8 * 1024;
        int spooled = 0;  // attachment messages above the spool threshold
        qint64 spooledBytes = 10 * 1024 * 1024;
    };

    StreamingMailbox(const Mix &mix, quint32 seed)
        : m_seed(seed)
    {
        for (int i = 0; i < mix.attachments; ++i)
            m_messages.push_back({ Kind::Attachment, mix.attachmentBytes });
        for (int i = 0; i < mix.texts; ++i)
            m_messages.push_back({ Kind::Text, mix.textBytes });
        for (int i = 0; i < mix.spooled; ++i)
            m_messages.push_back({ Kind::Attachment, mix.spooledBytes });
        QRandomGenerator random(seed);
        for (std::size_t i = m_messages.size(); i > 1; --i)
            std::swap(m_messages[i - 1], m_messages[random.bounded(quint32(i))]);
        // 64 KiB of each alphabet to cut the lines from.
        static const char base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        static const char text[] = "abcdefghijklmnopqrstuvwxyz    ,ABCDE";
        for (int i = 0; i < 64 * 1024; ++i) {
            m_base64Pool += base64[random.bounded(64)];
            m_textPool += text[random.bounded(int(sizeof(text) - 1))];
        }
        for (std::size_t i = 0; i < m_messages.size(); ++i) {
            Message &m = m_messages[i];
            const qint64 frame = prefix(int(i)).size() + suffix(int(i)).size();
            m.lines = std::max<qint64>(1, (m.target - frame) / LineBytes);
            m.size = frame + m.lines * LineBytes;
        }
    }

    [[nodiscard]] int count() const { return int(m_messages.size()); }
    // Message `number` (1-based, as POP3 counts): its octets, UIDL, and the
    // SHA-256 of its bytes (generated again, piece by piece).
    [[nodiscard]] qint64 sizeOf(int number) const { return m_messages[std::size_t(number - 1)].size; }
    [[nodiscard]] QByteArray uidOf(int number) const
    {
        return "stream-" + QByteArray::number(m_seed) + '-' + QByteArray::number(number);
    }
    [[nodiscard]] QByteArray sha256Of(int number) const
    {
        const int i = number - 1;
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(prefix(i));
        QByteArray lines;
        for (qint64 k = 0; k < m_messages[std::size_t(i)].lines; ++k) {
            appendLine(lines, i, k, false);
            if (lines.size() >= 64 * 1024) {
                hash.addData(lines);
                lines.clear();
            }
        }
        hash.addData(lines);
        hash.addData(suffix(i));
        return hash.result();
    }
    [[nodiscard]] qint64 totalBytes() const
    {
        qint64 sum = 0;
        for (const Message &m : m_messages)
            sum += m.size;
        return sum;
    }
    [[nodiscard]] qint64 largest() const
    {
        qint64 most = 0;
        for (const Message &m : m_messages)
            most = std::max(most, m.size);
        return most;
    }
    // Octets the server has sent (taken in by the transport) so far.
    [[nodiscard]] qint64 produced() const { return m_produced; }
    [[nodiscard]] const QByteArray &received() const { return m_received; }

    Pop3::Connection::TransportFactory factory()
    {
        return [this] {
            auto t = std::make_unique<Net::FakeTransport>();
            m_t = t.get();
            m_in.clear();
            m_out.clear();
            m_quit = false;
            t->setServerSource([this](qint64 room) { return pull(room); });
            t->setServerListener([this] { serve(); });
            QTimer::singleShot(0, this, [this] {
                if (!m_t)
                    return;
                m_t->serverAccepts();
                send("+OK streaming ready\r\n");
            });
            return t;
        };
    }

private:
    enum class Kind { Text, Attachment };
    struct Message {
        Kind kind = Kind::Text;
        qint64 target = 0;
        qint64 lines = 0;
        qint64 size = 0;
    };
    // What the server still has to send: fixed bytes, or a message's lines
    // made as they go out.
    struct Piece {
        QByteArray bytes;
        qsizetype pos = 0;
        int message = -1;
        qint64 line = 0;
        bool tail = false;
    };
    static constexpr qint64 LineBytes = 78;  // 76 characters and CRLF

    QByteArray prefix(int i) const
    {
        const QByteArray n = QByteArray::number(i + 1);
        QByteArray h = "From: Stream <stream@example.org>\r\nTo: bob@example.org\r\nSubject: Streamed " + n
            + "\r\nMessage-ID: <" + n + '.' + QByteArray::number(m_seed)
            + "@stream.example.org>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n";
        if (m_messages[std::size_t(i)].kind == Kind::Text)
            return h + "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
        return h + "Content-Type: multipart/mixed; boundary=\"b" + n + "\"\r\n\r\n--b" + n
            + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nAttached: file " + n + ".\r\n--b" + n
            + "\r\nContent-Type: application/octet-stream; name=\"file" + n
            + ".bin\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"file" + n
            + ".bin\"\r\n\r\n";
    }
    QByteArray suffix(int i) const
    {
        if (m_messages[std::size_t(i)].kind == Kind::Text)
            return "-- \r\nStream\r\n";
        return "--b" + QByteArray::number(i + 1) + "--\r\n";
    }
    // Line k of message i, dot-stuffed when it goes over the wire.
    void appendLine(QByteArray &out, int i, qint64 k, bool wire) const
    {
        const bool text = m_messages[std::size_t(i)].kind == Kind::Text;
        const QByteArray &pool = text ? m_textPool : m_base64Pool;
        const quint64 mix = (quint64(i) * 0x9E3779B97F4A7C15ULL) ^ (quint64(k) * 0xC2B2AE3D27D4EB4FULL);
        const qsizetype at = qsizetype((mix >> 17) % quint64(pool.size() - 76));
        // Neither alphabet has a dot: some text lines start with one.
        const bool dot = text && k % 17 == 5;
        if (dot)
            out += wire ? ".." : ".";
        out += QByteArrayView(pool).sliced(at, dot ? 75 : 76);
        out += "\r\n";
    }

    void send(const QByteArray &bytes)
    {
        m_out.push_back({ bytes });
        if (m_t)
            m_t->serverStreams();
    }

    QByteArray pull(qint64 room)
    {
        QByteArray out;
        while (out.size() < room && !m_out.empty()) {
            Piece &p = m_out.front();
            if (p.pos < p.bytes.size()) {
                const qsizetype take = std::min<qsizetype>(room - out.size(), p.bytes.size() - p.pos);
                out += QByteArrayView(p.bytes).sliced(p.pos, take);
                p.pos += take;
                continue;
            }
            p.bytes.clear();
            p.pos = 0;
            if (p.message >= 0 && p.line < m_messages[std::size_t(p.message)].lines) {
                for (int n = 0; n < 512 && p.line < m_messages[std::size_t(p.message)].lines; ++n)
                    appendLine(p.bytes, p.message, p.line++, true);
                continue;
            }
            if (p.message >= 0 && !p.tail) {
                p.bytes = suffix(p.message) + ".\r\n";
                p.tail = true;
                continue;
            }
            m_out.pop_front();
        }
        m_produced += out.size();
        if (m_quit && m_out.empty()) {
            QTimer::singleShot(0, this, [t = m_t] {
                if (t && t->isOpen())
                    t->serverCloses();
            });
            m_quit = false;
        }
        return out;
    }

    void serve()
    {
        if (!m_t)
            return;
        const QByteArray bytes = m_t->takeWritten();
        m_received += bytes;
        m_in += bytes;
        for (qsizetype eol = m_in.indexOf("\r\n"); eol >= 0; eol = m_in.indexOf("\r\n")) {
            const QByteArray line = m_in.left(eol);
            m_in.remove(0, eol + 2);
            command(line);
        }
    }

    void command(const QByteArray &line)
    {
        const QList<QByteArray> words = line.split(' ');
        const QByteArray verb = words.first().toUpper();
        const int n = words.size() > 1 ? words.at(1).toInt() : 0;
        const bool valid = n >= 1 && n <= count();
        if (verb == "CAPA") {
            send("+OK\r\nUSER\r\nPIPELINING\r\nUIDL\r\nTOP\r\nRESP-CODES\r\n.\r\n");
        } else if (verb == "USER" || verb == "PASS" || verb == "NOOP" || verb == "RSET") {
            send("+OK\r\n");
        } else if (verb == "STAT") {
            send("+OK " + QByteArray::number(count()) + ' ' + QByteArray::number(totalBytes()) + "\r\n");
        } else if (verb == "LIST" || verb == "UIDL") {
            QByteArray out = "+OK\r\n";
            for (int i = 1; i <= count(); ++i)
                out += QByteArray::number(i) + ' ' + (verb == "LIST" ? QByteArray::number(sizeOf(i)) : uidOf(i))
                    + "\r\n";
            send(out + ".\r\n");
        } else if (verb == "RETR" && valid) {
            m_out.push_back({ "+OK " + QByteArray::number(sizeOf(n)) + " octets\r\n" + prefix(n - 1), 0, n - 1 });
            m_t->serverStreams();
        } else if (verb == "DELE" && valid) {
            send("+OK marked\r\n");
        } else if (verb == "QUIT") {
            m_quit = true;
            send("+OK bye\r\n");
        } else {
            send("-ERR no such command or message\r\n");
        }
    }

    quint32 m_seed = 0;
    std::vector<Message> m_messages;
    QByteArray m_base64Pool;
    QByteArray m_textPool;
    QPointer<Net::FakeTransport> m_t;
    QByteArray m_in;
    std::deque<Piece> m_out;
    bool m_quit = false;
    qint64 m_produced = 0;
    QByteArray m_received;
};

}  // namespace PoplarTest
