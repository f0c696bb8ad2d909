#pragma once

// Test support: a POP3 mailbox played over FakeTransport, for the faults a
// real server will not produce on demand. Deletions take effect at QUIT, as
// RFC 1939 says; faults are set per session.

#include "pop3/Pop3Connection.h"
#include "net/FakeTransport.h"

#include <QByteArrayList>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <utility>

namespace PoplarTest {

class ScriptedServer : public QObject
{
public:
    struct Message {
        QByteArray raw;  // CRLF line endings
        QByteArray uidl;
        int listOffset = 0;  // LIST reports the size of raw plus this
    };
    QList<Message> mailbox;
    bool uidl = true;
    bool top = true;
    bool stls = false;
    QByteArray capaExtra;                       // more CAPA lines, each ending in CRLF
    QByteArray passReply = "+OK";               // the answer to PASS
    QByteArray dropOn;                          // close without answering when this command arrives…
    int dropOnNth = 1;                          // …for the n-th time in a session
    bool applyDeletionsThenDrop = false;        // with dropOn "QUIT": deletions done, answer lost
    qint64 dropAfterBytes = -1;                 // close after sending this many bytes in the session
    int stallAfterRetr = -1;                    // answer this many RETRs in a session, then nothing more
    int holdAfterRetr = -1;                     // answer this many RETRs in a session, keep the rest until release()
    QSet<QByteArray> refuseTop;                 // UIDLs whose TOP is answered -ERR
    QSet<QByteArray> refuseRetr;                // UIDLs whose RETR is answered -ERR
    QSet<QByteArray> dropOnRetrOf;              // UIDLs whose RETR closes the link halfway through its data
    QSet<QByteArray> leaveOutOfUidl;            // UIDLs the UIDL list does not show
    bool refuseUidl = false;                    // UIDL in CAPA, yet the command answered -ERR
    QByteArray listExtra;                       // more lines in LIST's answer, each ending in CRLF
    QByteArray uidlExtra;                       // more lines in UIDL's answer, each ending in CRLF
    QHash<QByteArray, QByteArray> retrInstead;  // by UIDL: sent for RETR instead of the message (a broken server)
    int sessions = 0;
    QByteArray received;  // every byte the client sent, all sessions
    qint64 sessionBytes = 0;

    Pop3::Connection::TransportFactory factory()
    {
        return [this] {
            auto t = std::make_unique<Net::FakeTransport>();
            m_t = t.get();
            ++sessions;
            sessionBytes = 0;
            m_retrs = 0;
            m_retrsAnswered = 0;
            m_stalled = false;
            m_held.clear();
            m_dropSeen = 0;
            m_marked.clear();
            m_in.clear();
            QTimer::singleShot(0, this, [this] {
                if (!m_t)
                    return;
                m_t->serverAccepts();
                send("+OK scripted ready\r\n");
            });
            m_poll.start();
            return t;
        };
    }

    ScriptedServer()
    {
        m_poll.setInterval(0);
        connect(&m_poll, &QTimer::timeout, this, &ScriptedServer::serve);
    }

    // Answers the commands holdAfterRetr kept, in order, and from now on
    // every command as it comes.
    void release()
    {
        holdAfterRetr = -1;
        const QByteArrayList held = std::exchange(m_held, {});
        for (const QByteArray &line : held)
            command(line);
    }

    static QByteArray crlf(QByteArray lf)
    {
        lf.replace("\r\n", "\n");
        return lf.replace("\n", "\r\n");
    }

    void add(const QByteArray &lf, const QByteArray &uid) { mailbox.append({ crlf(lf), uid }); }

private:
    void send(const QByteArray &bytes)
    {
        if (!m_t || !m_t->isOpen())
            return;
        if (dropAfterBytes >= 0 && sessionBytes + bytes.size() > dropAfterBytes) {
            const qint64 part = dropAfterBytes - sessionBytes;
            if (part > 0)
                m_t->serverSends(bytes.left(part));
            sessionBytes = dropAfterBytes;
            drop();
            return;
        }
        sessionBytes += bytes.size();
        m_t->serverSends(bytes);
    }

    void drop()
    {
        if (m_t && m_t->isOpen())
            m_t->serverCloses();
        m_t = nullptr;
    }

    void serve()
    {
        if (!m_t) {
            m_poll.stop();
            return;
        }
        const QByteArray bytes = m_t->takeWritten();
        received += bytes;
        m_in += bytes;
        qsizetype eol;
        while (m_t && (eol = m_in.indexOf("\r\n")) >= 0) {
            const QByteArray line = m_in.left(eol);
            m_in.remove(0, eol + 2);
            command(line);
        }
    }

    QByteArray dotted(const QByteArray &raw) const
    {
        QByteArray out;
        for (const QByteArray &l : raw.split('\n')) {
            if (l.isEmpty())
                continue;
            if (l.startsWith('.'))
                out += '.';
            out += l + '\n';
        }
        return out + ".\r\n";
    }

    void command(const QByteArray &line)
    {
        const QList<QByteArray> words = line.split(' ');
        const QByteArray verb = words.first().toUpper();
        const int n = words.size() > 1 ? words.at(1).toInt() : 0;
        if (m_stalled)
            return;  // answers go in order: nothing after the stalled one
        if (!m_held.isEmpty() || (verb == "RETR" && holdAfterRetr >= 0 && m_retrsAnswered >= holdAfterRetr)) {
            m_held << line;  // answered by release(), in order
            return;
        }
        if (verb == "RETR")
            ++m_retrsAnswered;
        if (!dropOn.isEmpty() && verb == dropOn && ++m_dropSeen >= dropOnNth) {
            if (verb == "QUIT" && applyDeletionsThenDrop)
                applyDeletions();
            return drop();
        }
        auto valid = [&](int i) { return i >= 1 && i <= mailbox.size() && !m_marked.contains(i); };
        if (verb == "CAPA") {
            QByteArray c = "+OK\r\nUSER\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n";
            if (uidl)
                c += "UIDL\r\n";
            if (top)
                c += "TOP\r\n";
            if (stls)
                c += "STLS\r\n";
            send(c + capaExtra + ".\r\n");
        } else if (verb == "USER") {
            send("+OK\r\n");
        } else if (verb == "PASS") {
            send(passReply + "\r\n");
        } else if (verb == "STAT") {
            qint64 size = 0;
            int count = 0;
            for (int i = 1; i <= mailbox.size(); ++i) {
                if (valid(i)) {
                    ++count;
                    size += mailbox[i - 1].raw.size();
                }
            }
            send("+OK " + QByteArray::number(count) + ' ' + QByteArray::number(size) + "\r\n");
        } else if (verb == "UIDL" && uidl && refuseUidl) {
            send("-ERR unique ids unavailable\r\n");
        } else if (verb == "UIDL" && uidl) {
            QByteArray out = "+OK\r\n";
            for (int i = 1; i <= mailbox.size(); ++i)
                if (valid(i) && !leaveOutOfUidl.contains(mailbox[i - 1].uidl))
                    out += QByteArray::number(i) + ' ' + mailbox[i - 1].uidl + "\r\n";
            send(out + uidlExtra + ".\r\n");
        } else if (verb == "LIST") {
            QByteArray out = "+OK\r\n";
            for (int i = 1; i <= mailbox.size(); ++i)
                if (valid(i))
                    out += QByteArray::number(i) + ' '
                        + QByteArray::number(mailbox[i - 1].raw.size() + mailbox[i - 1].listOffset) + "\r\n";
            send(out + listExtra + ".\r\n");
        } else if (verb == "RETR" && valid(n) && refuseRetr.contains(mailbox[n - 1].uidl)) {
            send("-ERR no such message\r\n");
        } else if (verb == "RETR" && valid(n)) {
            if (stallAfterRetr >= 0 && m_retrs++ >= stallAfterRetr) {
                m_stalled = true;
                return;  // the link stays up, silent
            }
            if (dropOnRetrOf.contains(mailbox[n - 1].uidl)) {
                const QByteArray data = "+OK\r\n" + dotted(mailbox[n - 1].raw);
                send(data.left(data.size() / 2));
                return drop();
            }
            send("+OK\r\n" + dotted(retrInstead.value(mailbox[n - 1].uidl, mailbox[n - 1].raw)));
        } else if (verb == "TOP" && top && valid(n) && !refuseTop.contains(mailbox[n - 1].uidl)) {
            const QByteArray &raw = mailbox[n - 1].raw;
            const qsizetype end = raw.indexOf("\r\n\r\n");
            QByteArray part = end < 0 ? raw : raw.left(end + 4);
            if (end >= 0) {
                const QList<QByteArray> body = raw.mid(end + 4).split('\n');
                for (int i = 0; i < words.value(2).toInt() && i < body.size(); ++i)
                    if (!body[i].isEmpty())
                        part += body[i] + '\n';
            }
            send("+OK\r\n" + dotted(part));
        } else if (verb == "DELE" && valid(n)) {
            m_marked.insert(n);
            send("+OK marked\r\n");
        } else if (verb == "NOOP" || verb == "RSET") {
            send("+OK\r\n");
        } else if (verb == "QUIT") {
            applyDeletions();
            send("+OK bye\r\n");
            drop();
        } else {
            send("-ERR no such command or message\r\n");
        }
    }

    void applyDeletions()
    {
        QList<Message> kept;
        for (int i = 1; i <= mailbox.size(); ++i)
            if (!m_marked.contains(i))
                kept << mailbox[i - 1];
        mailbox = kept;
        m_marked.clear();
    }

    QPointer<Net::FakeTransport> m_t;
    QTimer m_poll;
    QByteArray m_in;
    QSet<int> m_marked;
    int m_retrs = 0;
    int m_retrsAnswered = 0;
    bool m_stalled = false;  // stallAfterRetr reached: nothing more is answered in this session
    QByteArrayList m_held;
    int m_dropSeen = 0;
};

// A message with no Message-ID header.
inline QByteArray mailWithoutId(int n)
{
    return "From: ann@example.org\nSubject: No id " + QByteArray::number(n)
        + "\nDate: Sun, 22 Nov 2026 10:00:00 +0000\n\nNo Message-ID here.\n";
}

inline QByteArray mail(int n, int lines = 3)
{
    QByteArray m = "From: ann@example.org\nSubject: Fault " + QByteArray::number(n) + "\nMessage-ID: <"
        + QByteArray::number(n) + ".fault@example.org>\nDate: Sun, 22 Nov 2026 10:00:00 +0000\n\n";
    for (int i = 1; i <= lines; ++i)
        m += "Line " + QByteArray::number(i) + "\n";
    m += ".leading dot\n";
    return m;
}

// A ScriptedServer on a loopback TCP port (plaintext), for the programs
// under test: each connection is bridged to a session of the script.
class ScriptedTcpServer : public QTcpServer
{
public:
    explicit ScriptedTcpServer(ScriptedServer &script)
        : m_script(script)
    { }

    bool start() { return listen(QHostAddress::LocalHost, 0); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        std::shared_ptr<Net::Transport> link(m_script.factory()());
        link->open({});
        connect(socket, &QTcpSocket::readyRead, link.get(), [socket, link] { link->write(socket->readAll()); });
        connect(link.get(), &Net::Transport::readyRead, socket, [socket, link] { socket->write(link->readAll()); });
        connect(link.get(), &Net::Transport::closed, socket, [socket] { socket->disconnectFromHost(); });
        connect(socket, &QTcpSocket::disconnected, socket, [socket, link]() mutable {
            link.reset();
            socket->deleteLater();
        });
    }

private:
    ScriptedServer &m_script;
};

}  // namespace PoplarTest
