#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

// Small readers for the words of POP3 response lines, shared by the parts of
// Pop3::Session. Server text is untrusted: each is bounded and total.
namespace Pop3 {

[[nodiscard]] bool hasLineBreakOrNul(QByteArrayView v);
[[nodiscard]] bool isAscii(QByteArrayView v);
// Whether `line` starts with the upper-case ASCII `prefix`, ignoring case.
[[nodiscard]] bool startsWithCI(QByteArrayView line, QByteArrayView prefix);
// A decimal number of at most 20 digits, not above `max`.
[[nodiscard]] std::optional<quint64> parseNumber(QByteArrayView text, quint64 max);
// Splits on runs of spaces/tabs.
[[nodiscard]] QList<QByteArrayView> words(QByteArrayView line);
// The "<…@…>" of a greeting (RFC 1939 §7), or empty.
[[nodiscard]] QByteArray extractApopTimestamp(const QByteArray &greeting);

}  // namespace Pop3
