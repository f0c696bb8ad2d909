#include "net/ThroughputGuard.h"

namespace Net {

ThroughputGuard::ThroughputGuard(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ThroughputGuard::onWindow);
}

void ThroughputGuard::setRule(int windowMs, qint64 minBytes)
{
    m_windowMs = windowMs;
    m_minBytes = minBytes;
    if (m_windowMs <= 0 || m_minBytes <= 0)
        m_timer.stop();
}

void ThroughputGuard::setWaiting(bool waiting)
{
    if (!waiting || m_windowMs <= 0 || m_minBytes <= 0)
        m_timer.stop();
    else if (!m_timer.isActive())
        startWindow();
}

void ThroughputGuard::startWindow()
{
    m_bytes = 0;
    m_responses = 0;
    m_timer.start(m_windowMs);
}

void ThroughputGuard::onWindow()
{
    const qint64 credit = m_bytes + qint64(m_responses) * (m_minBytes / ResponsesPerWindow);
    if (credit >= m_minBytes || m_responses >= ResponsesPerWindow) {
        startWindow();
        return;
    }
    Q_EMIT tooSlow(Poplar::Error(Poplar::ErrorCode::ServerTooSlow,
        QStringLiteral("the server sent %1 octets and finished %2 responses in %3 ms, less than %4 octets' worth")
            .arg(m_bytes)
            .arg(m_responses)
            .arg(m_windowMs)
            .arg(m_minBytes)));
}

}  // namespace Net
