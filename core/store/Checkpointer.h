#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace Store {

// Copies the write-ahead log into the database file on a thread of its own
// (PRAGMA wal_checkpoint(PASSIVE)), when the writer asks, so that the
// writer goes on writing meanwhile. PASSIVE never waits for the writer or
// readers; a checkpoint that fails is harmless (the writer's own hard limit
// still bounds the log).
class Checkpointer
{
public:
    // `walKeep`: the size the log file is cut back to after a reset.
    Checkpointer(QString databasePath, qint64 walKeep);
    ~Checkpointer();
    Checkpointer(const Checkpointer &) = delete;
    Checkpointer &operator=(const Checkpointer &) = delete;

    void start();
    // Asks for a checkpoint soon (requests made meanwhile merge into one).
    void request();
    // Ends the thread (after the checkpoint it may be running).
    void stop();

private:
    void run();

    QString m_path;
    qint64 m_walKeep;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_wanted = false;
    bool m_stop = false;
};

}  // namespace Store
