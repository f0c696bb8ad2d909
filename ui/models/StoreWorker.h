#pragma once

#include "common/Error.h"
#include "common/Result.h"

#include <QObject>
#include <QThreadPool>

#include <functional>

namespace Store {
class MailStore;
}

namespace Poplar::Ui {

// Runs the window's store writes away from the GUI thread: each job calls
// the store's (blocking) methods on a thread of its own while the window
// goes on painting, and reports back on the thread that owns this object.
// Jobs run one after another in the order asked, so what the user did
// second is written second; a long job reports its progress as it goes.
class StoreWorker : public QObject
{
    Q_OBJECT
public:
    // Called by a job (on the worker's thread) after each step: `done` of
    // `total` items are written.
    using Progress = std::function<void(int done, int total)>;
    using Job = std::function<Poplar::Status(Store::MailStore &store, const Progress &progress)>;

    explicit StoreWorker(Store::MailStore *store, QObject *parent = nullptr);
    // Waits for the jobs asked for so far: none is lost.
    ~StoreWorker() override;

    // Queues `job`; returns its number (they grow), which the signals
    // repeat.
    quint64 run(Job job);
    // Jobs asked for and not yet reported.
    [[nodiscard]] int pending() const { return m_pending; }

Q_SIGNALS:
    void progressed(quint64 job, int done, int total);
    void done(quint64 job);
    void failed(quint64 job, const Poplar::Error &error);

private:
    Store::MailStore *m_store = nullptr;
    QThreadPool m_pool;  // one thread: jobs keep their order
    quint64 m_jobs = 0;
    int m_pending = 0;
};

}  // namespace Poplar::Ui
