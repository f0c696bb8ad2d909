#pragma once

#include "store/Database.h"
#include "store/Store.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace PoplarTest {

// Makes a store's writer slow: from construction until destruction, a job
// that sleeps `pause` is queued again each time the last one has run, so
// every write asked for meanwhile waits behind one such pause. hold()
// makes the next of those jobs keep the writer busy until release(), as
// HeldWriter does (a minute at the latest, should a test fail before it
// lets go).
class SlowWriter
{
public:
    SlowWriter(Store::MailStore &store, std::chrono::milliseconds pause)
        : m_pause(pause)
        , m_thread([this, &store] {
            while (!m_stop) {
                auto done = store.writeAsync(
                    [this](Store::Database &) { return slowDown(); }, Store::MailStore::Durability::Deferred);
                done.wait();
            }
        })
    { }
    ~SlowWriter()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            m_held = false;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    SlowWriter(const SlowWriter &) = delete;
    SlowWriter &operator=(const SlowWriter &) = delete;

    void hold()
    {
        std::lock_guard lock(m_mutex);
        m_held = true;
    }
    void release()
    {
        {
            std::lock_guard lock(m_mutex);
            m_held = false;
        }
        m_wake.notify_all();
    }
    // The writer is busy in a held job now: nothing else is written.
    [[nodiscard]] bool holding() const { return m_holding; }

private:
    Poplar::Status slowDown()
    {
        std::unique_lock lock(m_mutex);
        if (m_held) {
            m_holding = true;
            m_wake.wait_for(lock, std::chrono::seconds(60), [this] { return !m_held; });
            m_holding = false;
        } else {
            m_wake.wait_for(lock, m_pause, [this] { return m_stop.load(); });
        }
        return {};
    }

    const std::chrono::milliseconds m_pause;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::atomic<bool> m_stop = false;
    std::atomic<bool> m_holding = false;
    bool m_held = false;
    std::thread m_thread;  // last: it starts once the rest is ready
};

}  // namespace PoplarTest
