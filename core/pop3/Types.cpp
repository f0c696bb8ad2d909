#include "pop3/Types.h"

namespace Pop3 {

Poplar::ErrorCode errorCodeForResponseCode(QByteArrayView respCode, Poplar::ErrorCode fallback)
{
    using Poplar::ErrorCode;
    const QByteArray code = respCode.toByteArray().toUpper();
    if (code.isEmpty())
        return fallback;
    auto is = [&](const char *name) {
        const QByteArrayView n(name);
        return code == n || (code.startsWith(n) && code.size() > n.size() && code.at(n.size()) == '/');
    };
    if (is("IN-USE"))
        return ErrorCode::MailboxInUse;
    if (is("LOGIN-DELAY"))
        return ErrorCode::LoginDelay;
    if (is("SYS/TEMP"))
        return ErrorCode::ServerTemporary;
    if (is("SYS/PERM"))
        return ErrorCode::ServerPermanent;
    if (is("AUTH"))
        return ErrorCode::AuthFailed;
    if (is("UTF8"))
        return ErrorCode::Utf8Required;
    return fallback;
}

}  // namespace Pop3
