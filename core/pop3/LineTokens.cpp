#include "pop3/LineTokens.h"

namespace Pop3 {

bool hasLineBreakOrNul(QByteArrayView v)
{
    for (char c : v) {
        if (c == '\r' || c == '\n' || c == '\0')
            return true;
    }
    return false;
}

bool isAscii(QByteArrayView v)
{
    for (char c : v) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

bool startsWithCI(QByteArrayView line, QByteArrayView prefix)
{
    if (line.size() < prefix.size())
        return false;
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        char a = line.at(i);
        if (a >= 'a' && a <= 'z')
            a = static_cast<char>(a - 'a' + 'A');
        if (a != prefix.at(i))
            return false;
    }
    return true;
}

std::optional<quint64> parseNumber(QByteArrayView text, quint64 max)
{
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    quint64 v = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const quint64 d = static_cast<quint64>(c - '0');
        if (v > (max - d) / 10)
            return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

// Splits on runs of spaces/tabs.
QList<QByteArrayView> words(QByteArrayView line)
{
    QList<QByteArrayView> out;
    qsizetype i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line.at(i) == ' ' || line.at(i) == '\t'))
            ++i;
        const qsizetype start = i;
        while (i < line.size() && line.at(i) != ' ' && line.at(i) != '\t')
            ++i;
        if (i > start)
            out.append(line.sliced(start, i - start));
    }
    return out;
}

QByteArray extractApopTimestamp(const QByteArray &greeting)
{
    const qsizetype open = greeting.indexOf('<');
    if (open < 0)
        return {};
    const qsizetype close = greeting.indexOf('>', open);
    if (close < 0 || close - open > 256)
        return {};
    const QByteArray ts = greeting.mid(open, close - open + 1);
    for (char c : ts) {
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return {};
    }
    return ts.contains('@') ? ts : QByteArray();
}

}  // namespace Pop3
