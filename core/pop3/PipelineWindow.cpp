#include "pop3/PipelineWindow.h"

#include <algorithm>

namespace Pop3 {

PipelineWindow::PipelineWindow()
    : PipelineWindow(Options())
{ }

PipelineWindow::PipelineWindow(Options options)
    : m_options(options)
{
    m_options.minBytes = std::max<quint64>(m_options.minBytes, 1);
    m_options.maxBytes = std::max(m_options.maxBytes, m_options.minBytes);
    m_options.minRoundMs = std::max<qint64>(m_options.minRoundMs, 1);
    m_budget = m_options.minBytes;
}

void PipelineWindow::raiseTo(quint64 bytes)
{
    m_budget = std::max(m_budget, std::min(bytes, m_options.maxBytes));
}

void PipelineWindow::roundTrip(qint64 ms)
{
    if (ms < 0)
        return;
    if (!m_rtt || ms < *m_rtt)
        m_rtt = ms;
    // round trip × startRate, in bytes; ms ≤ an hour keeps it far from overflowing.
    const quint64 capped = quint64(std::min<qint64>(*m_rtt, 3'600'000));
    raiseTo(capped * m_options.startRate / 1000);
}

void PipelineWindow::interrupted()
{
    m_roundStart.reset();
    m_roundBytes = 0;
    m_dropRounds = 1;  // the one that starts next: it drains what the kernel held
}

void PipelineWindow::delivered(quint64 bytes, qint64 nowMs, bool waiting)
{
    if (!m_rtt)
        return;  // no round trip yet: nothing to size rounds by
    if (!m_roundStart) {
        // The bytes that open a round arrived before it: they were on their
        // way during the previous one.
        m_roundStart = nowMs;
        m_roundBytes = 0;
        return;
    }
    m_roundBytes += bytes;
    const qint64 elapsed = nowMs - *m_roundStart;
    const qint64 roundMs = std::max(*m_rtt, m_options.minRoundMs);
    if (elapsed < roundMs)
        return;
    const quint64 roundBytes = m_roundBytes;
    m_roundStart = nowMs;
    m_roundBytes = 0;
    if (m_dropRounds > 0) {
        --m_dropRounds;
        return;
    }
    m_rate = roundBytes * 1000 / quint64(elapsed);
    if (waiting && !m_settled) {
        // Probing: more window while it brings more rate. The rate shows a
        // doubling a round or two later (the new commands' answers take a
        // round trip, and queue behind what the server already holds).
        if (!m_rateAtDoubling || m_rate >= *m_rateAtDoubling + *m_rateAtDoubling / 10) {
            raiseTo(m_budget > ~quint64(0) / 2 ? ~quint64(0) : 2 * m_budget);
            m_rateAtDoubling = m_rate;
            m_roundsSinceDoubling = 0;
        } else if (++m_roundsSinceDoubling >= 2) {
            m_settled = true;
        }
    }
    // 2 × rate × round trip, in bytes, without overflow for any real rate.
    const quint64 rtt = quint64(std::min<qint64>(*m_rtt, 3'600'000));
    const quint64 perTrip
        = m_rate > ~quint64(0) / 2 / std::max<quint64>(rtt, 1) ? ~quint64(0) : 2 * m_rate * rtt / 1000;
    raiseTo(perTrip);
}

}  // namespace Pop3
