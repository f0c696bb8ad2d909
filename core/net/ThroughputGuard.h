#pragma once

#include "common/Error.h"

#include <QObject>
#include <QTimer>

namespace Net {

// The minimum-throughput rule while a client waits for its server: every
// window of `windowMs` in which it waits must bring at least `minBytes`
// octets, each response it ends counting as a quarter of that, else
// tooSlow() (so a server that answers a tiny message now and then is as
// slow as one that trickles bytes). An idle timeout alone
// restarts on every byte, so a server trickling one byte a minute would
// never trip it. Waiting stops and starts the windows afresh (a paused
// reader, or nothing outstanding, never counts against the server).
class ThroughputGuard final : public QObject
{
    Q_OBJECT
public:
    explicit ThroughputGuard(QObject *parent = nullptr);

    // 0 for either turns the rule off.
    void setRule(int windowMs, qint64 minBytes);
    void setWaiting(bool waiting);
    void addBytes(qint64 count) { m_bytes += count; }
    void addResponse() { ++m_responses; }

Q_SIGNALS:
    void tooSlow(const Poplar::Error &error);

private:
    void onWindow();
    void startWindow();

    QTimer m_timer;
    int m_windowMs = 0;
    qint64 m_minBytes = 0;
    qint64 m_bytes = 0;
    int m_responses = 0;
    static constexpr int ResponsesPerWindow = 4;  // enough alone to keep a window
};

}  // namespace Net
