#include "pop3/Capabilities.h"

namespace Pop3 {

bool Capabilities::supportsSasl(QByteArrayView mechanism) const
{
    const QByteArray upper = mechanism.toByteArray().toUpper();
    return saslMechanisms.contains(upper);
}

static bool parseNonNegative(QByteArrayView text, int *out)
{
    bool ok = false;
    const qlonglong v = text.toLongLong(&ok);
    if (!ok || v < 0 || v > 1'000'000'000)
        return false;
    *out = static_cast<int>(v);
    return true;
}

void Capabilities::addLine(QByteArrayView rawLine)
{
    static constexpr qsizetype MaxLines = 256;
    const QByteArray line = rawLine.toByteArray().trimmed();
    if (line.isEmpty())
        return;
    if (lines.size() < MaxLines)
        lines.append(line);

    const QByteArrayList words = line.simplified().split(' ');
    const QByteArray keyword = words.first().toUpper();
    const QByteArrayList args = words.mid(1);

    if (keyword == "PIPELINING") {
        pipelining = true;
    } else if (keyword == "UIDL") {
        uidl = true;
    } else if (keyword == "TOP") {
        top = true;
    } else if (keyword == "USER") {
        user = true;
    } else if (keyword == "STLS") {
        stls = true;
    } else if (keyword == "RESP-CODES") {
        respCodes = true;
    } else if (keyword == "AUTH-RESP-CODE") {
        authRespCode = true;
    } else if (keyword == "UTF8") {
        utf8 = true;
        for (const QByteArray &a : args)
            if (utf8Arguments.size() < 16)
                utf8Arguments.append(a.toUpper());
    } else if (keyword == "SASL") {
        for (const QByteArray &a : args) {
            const QByteArray m = a.toUpper();
            if (!m.isEmpty() && !saslMechanisms.contains(m) && saslMechanisms.size() < 64)
                saslMechanisms.append(m);
        }
    } else if (keyword == "LOGIN-DELAY") {
        int v = 0;
        if (!args.isEmpty() && parseNonNegative(args.first(), &v)) {
            loginDelaySeconds = v;
            loginDelayPerUser = args.size() > 1 && args.at(1).toUpper() == "USER";
        }
    } else if (keyword == "EXPIRE") {
        if (!args.isEmpty()) {
            int v = 0;
            if (args.first().toUpper() == "NEVER") {
                expire = Expire::Never;
            } else if (parseNonNegative(args.first(), &v)) {
                expire = Expire::Days;
                expireDays = v;
            }
            expirePerUser = args.size() > 1 && args.at(1).toUpper() == "USER";
        }
    } else if (keyword == "IMPLEMENTATION") {
        // The rest of the line, verbatim (it is free text).
        const qsizetype sp = line.indexOf(' ');
        implementation = sp < 0 ? QByteArray() : line.mid(sp + 1).trimmed().left(256);
    }
}

}  // namespace Pop3
