#pragma once

#include "common/Result.h"
#include "pop3/Pop3Connection.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryFile>

#include <memory>

namespace Store {
class MailStore;
}

namespace Sync {

// One message's bytes on their way from the server to the store: in memory
// while small, in a file in the profile (`<profile>/tmp/fetch-<account>-*`)
// once bigger than a limit, so that a huge message is never held whole in
// memory. The file goes when the buffer does.
class SpoolBuffer
{
public:
    SpoolBuffer(const Store::MailStore &store, qint64 accountId, qint64 limit, quint64 expectedSize);

    [[nodiscard]] Poplar::Status append(QByteArrayView data);
    [[nodiscard]] Poplar::Status finish();
    // Line feeds in what was appended (read back from the file when it
    // spilled): counted only when a size needs explaining.
    [[nodiscard]] Poplar::Result<quint64> countLineFeeds() const;

    [[nodiscard]] bool inFile() const { return bool(m_file); }
    [[nodiscard]] qint64 size() const { return m_size; }
    [[nodiscard]] QString fileName() const { return m_file ? m_file->fileName() : QString(); }
    // The bytes, when they are in memory (the buffer is empty after).
    [[nodiscard]] QByteArray takeBytes() { return std::exchange(m_bytes, QByteArray()); }

    // Removes what a killed process left for this account: only while
    // holding the account's lock (AccountLock).
    static void removeStale(const Store::MailStore &store, qint64 accountId);

private:
    [[nodiscard]] Poplar::Status spill();

    QString m_directory;
    QString m_prefix;
    qint64 m_limit = 0;
    qint64 m_size = 0;
    QByteArray m_bytes;
    std::unique_ptr<QTemporaryFile> m_file;
};

}  // namespace Sync
