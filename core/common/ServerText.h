#pragma once

#include <QByteArray>
#include <QString>

namespace Poplar {

// Text that came from a server: untrusted. Kept as raw bytes, bounded in
// length when constructed, and only ever shown through escaped().
class ServerText
{
public:
    static constexpr qsizetype MaxLength = 512;

    ServerText() = default;
    explicit ServerText(QByteArrayView raw);

    [[nodiscard]] const QByteArray &raw() const { return m_raw; }
    [[nodiscard]] bool isEmpty() const { return m_raw.isEmpty(); }
    [[nodiscard]] bool wasTruncated() const { return m_truncated; }

    // Safe for any display: valid UTF-8 decoded, invalid bytes and every
    // control or formatting character (including bidi overrides) shown as
    // \xNN / \u{NNNN}; a truncated text ends with "…".
    [[nodiscard]] QString escaped() const;

    bool operator==(const ServerText &other) const = default;

private:
    QByteArray m_raw;
    bool m_truncated = false;
};

// Escapes arbitrary bytes as ServerText::escaped() does, without bounding.
[[nodiscard]] QString escapeUntrusted(QByteArrayView bytes);

}  // namespace Poplar
