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

}  // namespace Poplar::Ui
