#pragma once

#include "common/Result.h"
#include "store/StoreTypes.h"

namespace Store {

// Derives a message's columns from its raw bytes (via core_mime). Pure and
// thread-safe: run it on any worker thread, then hand the result to the
// writer. It never fails for a broken message: what cannot be read is left
// empty and parseState says so; only an unreadable file is an error.
class MessagePreparer
{
public:
    struct Input {
        QByteArray raw;   // or
        QString rawFile;  // a file to read (not loaded whole)
        qint64 folderId = 0;
        qint64 accountId = 0;
        QByteArray serverKey;  // see PreparedMessage::serverKey
        int flags = 0;
        QDateTime receivedAt;  // default: now
    };

    // A body beyond this many characters is searched by its beginning only.
    static constexpr qsizetype MaxIndexedText = 256 * 1024;

    [[nodiscard]] static Poplar::Result<PreparedMessage> prepare(Input input);
};

}  // namespace Store
