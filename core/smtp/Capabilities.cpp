#include "smtp/Capabilities.h"

namespace Smtp {

namespace {

// Keyword and parameters of one EHLO line (RFC 5321: ehlo-keyword *( SP ehlo-param )).
QByteArrayList words(const QByteArray &line)
{
    QByteArrayList out;
    for (const QByteArray &w : line.split(' ')) {
        if (!w.isEmpty())
            out.append(w);
    }
    return out;
}

void addMechanisms(Capabilities *c, const QByteArrayList &names)
{
    for (const QByteArray &name : names) {
        const QByteArray upper = name.toUpper();
        if (!upper.isEmpty() && !c->authMechanisms.contains(upper))
            c->authMechanisms.append(upper);
    }
}

}  // namespace

bool Capabilities::supportsAuth(QByteArrayView mechanism) const
{
    for (const QByteArray &m : authMechanisms) {
        if (QByteArrayView(m).compare(mechanism, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

Capabilities Capabilities::fromEhlo(const Reply &reply)
{
    Capabilities c;
    if (reply.lines.isEmpty())
        return c;
    if (const QByteArrayList first = words(reply.lines.first()); !first.isEmpty())
        c.domain = first.first();
    for (qsizetype i = 1; i < reply.lines.size(); ++i) {
        QByteArrayList w = words(reply.lines[i]);
        if (w.isEmpty())
            continue;
        const QByteArray keyword = w.takeFirst().toUpper();
        if (keyword == "PIPELINING") {
            c.pipelining = true;
        } else if (keyword == "STARTTLS") {
            c.startTls = true;
        } else if (keyword == "8BITMIME") {
            c.eightBitMime = true;
        } else if (keyword == "SMTPUTF8") {
            c.smtpUtf8 = true;
        } else if (keyword == "ENHANCEDSTATUSCODES") {
            c.enhancedStatusCodes = true;
        } else if (keyword == "CHUNKING") {
            c.chunking = true;
        } else if (keyword == "DSN") {
            c.dsn = true;
        } else if (keyword == "SIZE") {
            c.size = true;
            bool ok = false;
            const quint64 limit = w.isEmpty() ? 0 : w.first().toULongLong(&ok);
            c.sizeLimit = ok ? limit : 0;
        } else if (keyword == "AUTH") {
            addMechanisms(&c, w);
        } else if (keyword.startsWith("AUTH=")) {
            // An old form some servers still send beside AUTH.
            w.prepend(keyword.mid(5));
            addMechanisms(&c, w);
        }
    }
    return c;
}

}  // namespace Smtp
