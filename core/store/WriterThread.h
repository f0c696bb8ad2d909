#pragma once

#include "common/Result.h"
#include "store/Checkpointer.h"
#include "store/Database.h"
#include "store/StoreTypes.h"

#include <QString>
#include <QThread>

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>

namespace Store {

// The store's one writer: a thread with the only read-write connection,
// running write jobs one after another, each in its own transaction at the
// durability it asks for. It opens (and migrates) the database, keeps the
// write-ahead log bounded (with a Checkpointer), and flushes on request.
// When no job waits it does idle work (building the search index) one step
// at a time, unless something holds that off.
class WriterThread : public QThread
{
public:
    using Job = std::function<Poplar::Status(Database &)>;
    // `fsync` flushes a file to the disk (a test may inject a failing disk).
    WriterThread(QString databasePath, QString directory, std::function<int(int fd)> fsync);
    ~WriterThread() override;

    // Opens the connection and migrates; returns once that is done.
    [[nodiscard]] Poplar::Status startAndOpen();
    // Runs every job queued so far, then ends the thread.
    void stopAndWait();

    [[nodiscard]] bool isCurrent() const { return QThread::currentThread() == this; }

    // Runs `job` in one transaction and waits for it.
    [[nodiscard]] Poplar::Status write(const Job &job);
    // The same without waiting: the job is kept until it has run.
    [[nodiscard]] std::future<Poplar::Status> writeAsync(Job job, Durability durability);
    // Makes every commit so far durable. Once a flush has failed it fails
    // for good, with that error.
    [[nodiscard]] Poplar::Status syncToDisk();

    // One step of idle work, in a transaction of its own whose commit needs
    // no flush (its work can be done again): true when more may remain. It
    // runs whenever no job waits and no hold is kept, until it says it is
    // done; every job may leave new work, so after each it is tried again.
    // A step that fails is not retried until the next job.
    using IdleStep = std::function<Poplar::Result<bool>(Database &)>;
    void setIdleWork(IdleStep step);
    // While at least one hold is kept, no idle step starts.
    void holdIdleWork();
    void releaseIdleWork();

protected:
    void run() override;

private:
    static constexpr qint64 kWalSoftLimit = 8 * 1024 * 1024;
    static constexpr qint64 kWalHardLimit = 256 * 1024 * 1024;
    static constexpr qint64 kWalKeep = 64 * 1024 * 1024;  // the log file is cut back to this after a reset

    void enqueue(std::function<void(Database &)> job);
    Poplar::Status flushToDisk();
    // Under m_mutex: an idle step may start.
    [[nodiscard]] bool idleWorkReady() const;
    void runIdleStep(Database &db);

    QString m_path;
    QString m_directory;
    std::function<int(int fd)> m_fsync;
    Checkpointer m_checkpointer;
    std::optional<Poplar::Error> m_flushFailure;  // written on the writer thread only
    std::promise<Poplar::Status> m_opened;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void(Database &)>> m_jobs;
    bool m_stop = false;
    IdleStep m_idleStep;         // under m_mutex
    bool m_idleWorkLeft = true;  // under m_mutex: work from before this run, or from a job
    int m_idleHolds = 0;         // under m_mutex
};

}  // namespace Store
