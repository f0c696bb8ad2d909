#include "net/ThroughputGuard.h"

namespace Pop3 {

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
    if (m_bytes >= m_minBytes || m_responses > 0) {
        startWindow();
        return;
    }
    Q_EMIT tooSlow(Poplar::Error(Poplar::ErrorCode::ServerTooSlow,
        QStringLiteral("the server sent %1 octets in %2 ms, fewer than %3, and finished no response")
            .arg(m_bytes)
            .arg(m_windowMs)
            .arg(m_minBytes)));
}

}  // namespace Pop3
