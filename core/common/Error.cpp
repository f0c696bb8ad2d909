#include "common/Error.h"

#include <QMetaEnum>

namespace Poplar {

QString errorCodeName(ErrorCode code)
{
    const QMetaEnum e = QMetaEnum::fromType<ErrorCode>();
    const char *key = e.valueToKey(static_cast<int>(code));
    return key ? QString::fromLatin1(key) : QStringLiteral("Unknown");
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    bool ok = false;
    const int value = QMetaEnum::fromType<ErrorCode>().keyToValue(name.toLatin1().constData(), &ok);
    if (!ok)
        return std::nullopt;
    return static_cast<ErrorCode>(value);
}

QString Error::technicalDescription() const
{
    QString out = errorCodeName(code);
    if (!responseCode.isEmpty())
        out += QStringLiteral(" [") + responseCode + QLatin1Char(']');
    if (!detail.isEmpty())
        out += QStringLiteral(": ") + detail;
    if (!serverText.isEmpty())
        out += QStringLiteral(" (server said: \"") + serverText.escaped() + QStringLiteral("\")");
    return out;
}

}  // namespace Poplar
