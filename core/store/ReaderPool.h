#pragma once

#include "common/Result.h"
#include "store/Database.h"

#include <QString>

namespace Store {

// The read connections of one store: one per thread that reads, opened on
// its first read and closed when the thread ends (or, lazily, after the
// store has closed). Reads never wait for the writer (WAL).
class ReaderPool
{
public:
    explicit ReaderPool(QString databasePath);
    ~ReaderPool();
    ReaderPool(const ReaderPool &) = delete;
    ReaderPool &operator=(const ReaderPool &) = delete;

    // The calling thread's connection to this store.
    [[nodiscard]] Poplar::Result<Database *> connection();

private:
    QString m_path;
    quint64 m_id = 0;
};

}  // namespace Store
