#include "store/Checkpointer.h"

#include "store/Database.h"

namespace Store {

Checkpointer::Checkpointer(QString databasePath, qint64 walKeep)
    : m_path(std::move(databasePath))
    , m_walKeep(walKeep)
{ }

Checkpointer::~Checkpointer()
{
    stop();
}

void Checkpointer::start()
{
    m_thread = std::thread([this] { run(); });
}

void Checkpointer::request()
{
    {
        std::lock_guard lock(m_mutex);
        m_wanted = true;
    }
    m_wake.notify_one();
}

void Checkpointer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

void Checkpointer::run()
{
    Database db;
    const bool opened = bool(db.open(m_path));
    if (opened)
        (void)db.exec(QStringLiteral("PRAGMA journal_size_limit=%1").arg(m_walKeep));
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_wanted; });
            if (m_stop)
                break;
            m_wanted = false;
        }
        // PASSIVE never waits for the writer or readers: it copies what it
        // can. If it fails (or the connection could not be opened), the
        // writer's hard limit still bounds the log.
        if (opened)
            (void)db.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
    }
    db.close();
}

}  // namespace Store
