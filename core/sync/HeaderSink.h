#pragma once

#include "common/Result.h"
#include "pop3/Pop3Connection.h"

#include <QByteArray>

namespace Sync {

// Reads the header of one message (TOP n 0), at most 256 KiB of it.
class HeaderSink final : public Pop3::MessageSink
{
public:
    static constexpr qsizetype MaxHeader = 256 * 1024;

    Poplar::Status begin(quint32) override;
    Poplar::Status write(quint32, QByteArrayView data) override;
    Poplar::Status finish(quint32, quint64) override;
    void discard(quint32) override;

    // Before each TOP: a TOP the server refuses never calls begin(), and
    // must not leave the previous message's header looking done.
    void clear()
    {
        m_header.clear();
        m_done = false;
    }

    [[nodiscard]] bool done() const { return m_done; }
    [[nodiscard]] const QByteArray &header() const { return m_header; }

private:
    QByteArray m_header;
    bool m_done = false;
};

// The key of a message on a server without UIDL (KeySource::Fallback):
// "fallback:" + SHA-256 of its Message-ID, size and Date (unfolded, trimmed).
[[nodiscard]] QByteArray fallbackKey(const QByteArray &header, quint64 size);

}  // namespace Sync
