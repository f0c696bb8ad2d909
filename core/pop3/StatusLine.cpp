#include "pop3/StatusLine.h"

#include "pop3/LineTokens.h"

namespace Pop3 {

StatusLine StatusLine::parse(const QByteArray &line)
{
    StatusLine s;
    QByteArray rest;
    if (startsWithCI(line, "+OK") && (line.size() == 3 || line.at(3) == ' ')) {
        s.kind = Kind::Ok;
        rest = line.mid(4);
    } else if (startsWithCI(line, "-ERR") && (line.size() == 4 || line.at(4) == ' ')) {
        s.kind = Kind::Err;
        rest = line.mid(5);
    } else if (line.startsWith('+') && (line.size() == 1 || line.at(1) == ' ')) {
        s.kind = Kind::Continuation;
        s.text = line.mid(2);
        return s;
    } else {
        return s;
    }
    if (rest.startsWith('[')) {
        const qsizetype close = rest.indexOf(']');
        if (close > 1 && close <= 128) {
            const QByteArray code = rest.mid(1, close - 1);
            bool printable = true;
            for (char c : code)
                printable = printable && c > 0x20 && c < 0x7f;
            if (printable) {
                s.code = code.toUpper();
                rest = rest.mid(close + 1);
            }
        }
    }
    s.text = rest.trimmed();
    return s;
}

}  // namespace Pop3
