#pragma once

#include "pop3/Session.h"

#include <QByteArray>
#include <QList>
#include <QStringBuilder>

#include <algorithm>
#include <vector>

namespace PoplarTest {

// Drives a Pop3::Session like a transcript: the server's bytes are fed in
// pieces of `chunk` octets (0 = whole), and everything the client writes is
// collected so a test can assert the exact bytes — and that nothing else was
// sent.
class SessionHarness
{
public:
    explicit SessionHarness(int chunk, Pop3::SessionOptions options = {})
        : session(std::move(options))
        , m_chunk(chunk)
    { }

    Pop3::Session session;
    std::vector<Pop3::Event> events;
    std::vector<Pop3::LogEntry> log;
    // The pipelining window, watched after every piece fed and every command
    // issued: the largest charge in flight, and how often it grew past the
    // budget with more than one command in flight (a message larger than the
    // budget may go alone; nothing may go with it).
    quint64 maxInflightBytes = 0;
    int windowOverruns = 0;

    template<typename A, typename B>
    void server(const QStringBuilder<A, B> &bytes)
    {
        server(QByteArray(bytes));
    }

    void server(const QByteArray &bytes)
    {
        if (m_chunk <= 0) {
            session.feed(bytes);
            drain();
            return;
        }
        for (qsizetype i = 0; i < bytes.size(); i += m_chunk) {
            session.feed(QByteArrayView(bytes).sliced(i, std::min<qsizetype>(m_chunk, bytes.size() - i)));
            drain();
        }
    }

    void drain()
    {
        const quint64 inflight = session.inflightBytes();
        maxInflightBytes = std::max(maxInflightBytes, inflight);
        if (inflight > m_lastInflight && inflight > session.windowBytes() && session.outstandingCount() > 1)
            ++windowOverruns;
        m_lastInflight = inflight;
        m_sent += session.takeOutgoing();
        for (auto &e : session.takeEvents())
            events.push_back(std::move(e));
        for (auto &l : session.takeLogEntries())
            log.push_back(std::move(l));
    }

    // What the client wrote since the last call.
    QByteArray sent()
    {
        drain();
        return std::exchange(m_sent, QByteArray());
    }

    template<typename T>
    std::vector<T> eventsOf()
    {
        drain();
        std::vector<T> out;
        for (const auto &e : events) {
            if (const T *t = std::get_if<T>(&e))
                out.push_back(*t);
        }
        return out;
    }

    template<typename T>
    T last()
    {
        auto all = eventsOf<T>();
        return all.empty() ? T {} : all.back();
    }

    // Every message's data, concatenated from its DataChunk events.
    QByteArray data(quint32 message)
    {
        QByteArray out;
        for (const auto &c : eventsOf<Pop3::Events::DataChunk>()) {
            if (c.message == message)
                out += c.bytes;
        }
        return out;
    }

    QByteArray logText()
    {
        drain();
        QByteArray out;
        for (const auto &l : log)
            out += l.text + '\n';
        return out;
    }

    int chunk() const { return m_chunk; }

private:
    QByteArray m_sent;
    int m_chunk;
    quint64 m_lastInflight = 0;
};

}  // namespace PoplarTest
