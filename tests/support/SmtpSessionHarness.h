#pragma once

#include "smtp/Session.h"

#include <QByteArray>
#include <QTest>

#include <algorithm>
#include <vector>

namespace PoplarTest {

// Drives an Smtp::Session like a transcript: the server's bytes are fed in
// pieces of `chunk` octets (0 = whole), and everything the client writes is
// collected so that a test asserts the exact bytes, and that nothing else
// was sent.
class SmtpSessionHarness
{
public:
    explicit SmtpSessionHarness(int chunk, Smtp::SessionOptions options = {})
        : session(std::move(options))
        , m_chunk(chunk)
    { }

    Smtp::Session session;
    std::vector<Smtp::Event> events;
    std::vector<Poplar::LogEntry> log;

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
    int count()
    {
        return static_cast<int>(eventsOf<T>().size());
    }

    // The last event of type T; the test fails when there was none.
    template<typename T>
    T last()
    {
        auto all = eventsOf<T>();
        if (all.empty()) {
            QTest::qFail("no event of the type asked for", __FILE__, __LINE__);
            return T {};
        }
        return all.back();
    }

    QByteArray logText()
    {
        drain();
        QByteArray out;
        for (const auto &l : log)
            out += l.text + '\n';
        return out;
    }

private:
    QByteArray m_sent;
    int m_chunk;
};

}  // namespace PoplarTest
