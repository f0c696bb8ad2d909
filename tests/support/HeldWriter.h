#pragma once

#include "store/Database.h"
#include "store/Store.h"

#include <chrono>
#include <future>

namespace PoplarTest {

// Holds a store's writer busy from construction until release(): every
// write asked for meanwhile waits behind it, so a test can see what the
// window does before the store has answered. Released on destruction too
// (after a minute at the latest, should a test fail before it lets go).
class HeldWriter
{
public:
    explicit HeldWriter(Store::MailStore &store)
        : m_busy(store.writeAsync([open = m_gate.get_future().share()](Store::Database &) -> Poplar::Status {
            open.wait_for(std::chrono::seconds(60));
            return {};
        }))
    { }
    ~HeldWriter()
    {
        if (m_busy.valid())
            (void)release();
    }
    HeldWriter(const HeldWriter &) = delete;
    HeldWriter &operator=(const HeldWriter &) = delete;

    // Lets the writer go on; true once the held job has ended well.
    [[nodiscard]] bool release()
    {
        m_gate.set_value();
        return bool(m_busy.get());
    }

private:
    std::promise<void> m_gate;
    std::future<Poplar::Status> m_busy;
};

}  // namespace PoplarTest
