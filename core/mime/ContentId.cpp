#include "mime/ContentId.h"

#include <QByteArray>

namespace Mime {

namespace {

QByteArray withoutBrackets(QByteArray id)
{
    id = id.trimmed();
    if (id.size() >= 2 && id.startsWith('<') && id.endsWith('>'))
        id = id.mid(1, id.size() - 2).trimmed();
    return id;
}

}  // namespace

bool contentIdMatches(QByteArrayView partId, QByteArrayView reference)
{
    const QByteArray id = partId.toByteArray().trimmed();
    if (id.isEmpty())
        return false;
    // The reference as given, without "cid:" and brackets, and that
    // percent-decoded (and without brackets again).
    const QByteArray given = reference.toByteArray().trimmed();
    QByteArray wanted = given;
    if (wanted.size() >= 4 && wanted.first(4).compare("cid:", Qt::CaseInsensitive) == 0)
        wanted.remove(0, 4);
    wanted = withoutBrackets(wanted);
    const QByteArray unescaped = withoutBrackets(QByteArray::fromPercentEncoding(wanted));
    for (const QByteArray &candidate : { given, wanted, unescaped }) {
        if (!candidate.isEmpty() && id.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

}  // namespace Mime
