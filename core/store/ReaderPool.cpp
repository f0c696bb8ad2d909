#include "store/ReaderPool.h"

#include <QAtomicInteger>

#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace Store {

namespace {

QAtomicInteger<quint64> g_poolCounter;

// Read connections: one per (thread, store), closed when the thread ends.
thread_local std::map<quint64, std::unique_ptr<Database>> t_readers;

// Stores still open: a thread drops its connections to closed ones lazily.
std::mutex g_liveMutex;
std::set<quint64> g_livePools;

void dropStaleReaders()
{
    std::lock_guard lock(g_liveMutex);
    for (auto it = t_readers.begin(); it != t_readers.end();) {
        if (g_livePools.count(it->first))
            ++it;
        else
            it = t_readers.erase(it);
    }
}

}  // namespace

ReaderPool::ReaderPool(QString databasePath)
    : m_path(std::move(databasePath))
    , m_id(++g_poolCounter)
{
    std::lock_guard lock(g_liveMutex);
    g_livePools.insert(m_id);
}

ReaderPool::~ReaderPool()
{
    t_readers.erase(m_id);
    std::lock_guard lock(g_liveMutex);
    g_livePools.erase(m_id);
}

Poplar::Result<Database *> ReaderPool::connection()
{
    auto &slot = t_readers[m_id];
    if (!slot) {
        dropStaleReaders();
        auto db = std::make_unique<Database>();
        if (auto st = db->open(m_path, Database::Mode::ReadOnly); !st)
            return st.error();
        slot = std::move(db);
    }
    return slot.get();
}

}  // namespace Store
