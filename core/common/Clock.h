#pragma once

#include <QDateTime>

namespace Poplar {

// Time as an injectable dependency: "keep N days", LOGIN-DELAY and backoff are
// tested with a ManualClock instead of waiting.
class Clock
{
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual QDateTime now() const = 0;
    // Milliseconds from an arbitrary, monotonic origin.
    [[nodiscard]] virtual qint64 monotonicMs() const = 0;

    static Clock &system();
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC))
        : m_now(std::move(start))
    { }
    [[nodiscard]] QDateTime now() const override { return m_now; }
    [[nodiscard]] qint64 monotonicMs() const override { return m_mono; }
    void advanceMs(qint64 ms)
    {
        m_now = m_now.addMSecs(ms);
        m_mono += ms;
    }

private:
    QDateTime m_now;
    qint64 m_mono = 0;
};

}  // namespace Poplar
