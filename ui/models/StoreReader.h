#pragma once

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace Store {
class MailStore;
}

namespace Poplar::Ui {

// Runs the models' larger reads (a folder's ids, the folders' counts) away
// from the GUI thread: each read runs on a thread of its own, on that
// thread's read connection (it never waits for the writer), and its result
// is handed back on the thread that owns this object, in the order asked.
class StoreReader : public QObject
{
    Q_OBJECT
public:
    explicit StoreReader(Store::MailStore *store, QObject *parent = nullptr);
    // Waits for the read under way; results not yet handed back are dropped.
    ~StoreReader() override;

    // Calls `read` with the store on the reader's thread, then `done` with
    // its result on this object's thread.
    template<typename T>
    void read(std::function<T(Store::MailStore &)> read, std::function<void(T)> done)
    {
        auto result = std::make_shared<std::optional<T>>();
        post([result, read = std::move(read)](Store::MailStore &store) { result->emplace(read(store)); },
            [result, done = std::move(done)] { done(std::move(**result)); });
    }

private:
    void post(std::function<void(Store::MailStore &)> work, std::function<void()> deliver);

    Store::MailStore *m_store = nullptr;
    QThreadPool m_pool;  // one thread: results come back in order
};

// A model's reload through a StoreReader (made at the first one): one read
// at a time, however often it is asked. A reload asked while one runs goes
// once more after it (`again`), and an answer is applied only if no newer
// load overtook it (a reload since, or overtake() by a read done directly).
class ReloadGate
{
public:
    explicit ReloadGate(Store::MailStore *store)
        : m_store(store)
    { }

    [[nodiscard]] bool isReloading() const { return m_reloading; }
    // A newer state was read some other way: the answer under way is stale.
    void overtake() { ++m_loads; }

    // `read` on the reader's thread; then, on this thread, `apply` with its
    // result (unless overtaken), `again` if a reload was asked meanwhile,
    // and `done` in any case.
    template<typename T>
    void reload(std::function<T(Store::MailStore &)> read, std::function<void(T)> apply,
        std::function<void()> again, std::function<void()> done)
    {
        if (m_reloading) {
            m_again = true;
            return;
        }
        if (!m_reader)
            m_reader = std::make_unique<StoreReader>(m_store);
        m_reloading = true;
        const quint64 load = ++m_loads;
        m_reader->read<T>(std::move(read),
            [this, load, apply = std::move(apply), again = std::move(again), done = std::move(done)](T value) {
                m_reloading = false;
                if (load == m_loads)
                    apply(std::move(value));
                if (std::exchange(m_again, false))
                    again();
                done();
            });
    }

private:
    Store::MailStore *m_store = nullptr;
    std::unique_ptr<StoreReader> m_reader;  // made by the first reload()
    quint64 m_loads = 0;                    // loads asked for: an answer must be the last
    bool m_reloading = false;
    bool m_again = false;
};

}  // namespace Poplar::Ui
