#pragma once

#include <QtGlobal>

#include <optional>

namespace Pop3 {

// How many bytes a pipelined retrieval asks the server for at once: the
// Session's window budget, sized from the link itself. No clock of its own
// (times come in as arguments), so it is tested with made-up times.
//
// A link carries rate × round trip bytes in flight (its bandwidth-delay
// product); a window smaller than that leaves the link idle for part of
// every round trip, and the fetch waits on latency. So:
// - the round trip is the shortest one measured (a command sent while
//   nothing else was in flight, to the first byte of its answer: CAPA, STAT,
//   LIST…); the shortest filters out server think time, such as the
//   password hashing behind a login;
// - the budget starts at round trip × startRate, within [minBytes, maxBytes];
// - deliveries are measured in rounds of one round trip (at least
//   minRoundMs); after each, the budget grows to twice what the round
//   carried per round trip (2 × rate × round trip: room for server think
//   time), and while commands wait for room and the rate still grew by a
//   tenth over the round before, it doubles: what the server has answered
//   but not yet sent waits in its socket buffer and counts against the
//   window without adding to the rate, so a window of twice the
//   bandwidth-delay product can still be what limits. Once more window no
//   longer brings more rate, it stays.
// - it never shrinks (a slower round is the server or the network having a
//   moment, not a reason to stall the pipe), and never passes maxBytes, so a
//   huge mailbox is never asked for all at once;
// - a round in which reading was paused (the store behind) says nothing
//   about the link: it is dropped, and so is the round after it, which
//   drains what queued in the kernel meanwhile at memory speed.
class PipelineWindow
{
public:
    struct Options {
        quint64 minBytes = 1024 * 1024;
        quint64 maxBytes = 16 * 1024 * 1024;
        quint64 startRate = 25 * 1000 * 1000;  // bytes per second assumed before any was measured
        qint64 minRoundMs = 10;
    };

    PipelineWindow();
    explicit PipelineWindow(Options options);

    // A measured round trip; the shortest so far counts.
    void roundTrip(qint64 ms);
    // `bytes` arrived at `nowMs` (monotonic); `waiting`: commands are held
    // back for want of room in the window.
    void delivered(quint64 bytes, qint64 nowMs, bool waiting);
    // Reading was paused: the round in progress and the next are dropped.
    void interrupted();

    [[nodiscard]] quint64 budget() const { return m_budget; }
    [[nodiscard]] std::optional<qint64> roundTripMs() const { return m_rtt; }
    // Bytes per second of the last round measured (0 before).
    [[nodiscard]] quint64 rate() const { return m_rate; }

private:
    void raiseTo(quint64 bytes);

    Options m_options;
    quint64 m_budget = 0;
    std::optional<qint64> m_rtt;
    std::optional<qint64> m_roundStart;
    quint64 m_roundBytes = 0;
    int m_dropRounds = 0;
    quint64 m_rate = 0;
    std::optional<quint64> m_rateAtDoubling;  // the rate of the round that last doubled the budget
    int m_roundsSinceDoubling = 0;
    bool m_settled = false;  // a doubling brought no more rate: no more probing
};

}  // namespace Pop3
