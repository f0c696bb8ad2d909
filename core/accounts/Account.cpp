#include "accounts/Account.h"

#include "store/Store.h"

#include <QSslCertificate>

namespace Accounts {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Status;

namespace {

std::optional<Violation> violation(Field field, const QString &why)
{
    return Violation { field, why };
}

QString fieldName(Field field)
{
    switch (field) {
    case Field::Name: return QStringLiteral("name");
    case Field::Email: return QStringLiteral("email");
    case Field::Host: return QStringLiteral("host");
    case Field::Security: return QStringLiteral("security");
    case Field::Auth: return QStringLiteral("auth");
    case Field::User: return QStringLiteral("user");
    case Field::CaFile: return QStringLiteral("ca-file");
    case Field::Fingerprint: return QStringLiteral("fingerprint");
    case Field::Policy: return QStringLiteral("policy");
    case Field::Interval: return QStringLiteral("interval");
    case Field::Folder: return QStringLiteral("folder");
    }
    return {};
}

}  // namespace

bool isPlausibleEmail(const QString &email)
{
    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == email.size() - 1 || email.size() > 320)
        return false;
    for (QChar c : email) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

bool isPlausibleHost(const QString &host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    for (QChar c : host) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c == QLatin1Char('/'))
            return false;
    }
    return true;
}

QString emailDomain(const QString &email)
{
    if (!isPlausibleEmail(email))
        return {};
    return email.mid(email.lastIndexOf(QLatin1Char('@')) + 1).toLower();
}

QString suggestAccountName(const QString &email, const QStringList &taken)
{
    auto isTaken = [&](const QString &name) { return taken.contains(name, Qt::CaseInsensitive); };
    QString base;
    for (const QString &candidate : { emailDomain(email), email.trimmed() }) {
        if (!candidate.isEmpty() && Store::MailStore::validateAccountName(candidate)) {
            base = candidate;
            if (!isTaken(candidate))
                return candidate;
            break;
        }
    }
    if (base.isEmpty())
        return {};
    for (int n = 2; n < 1000; ++n) {
        const QString name = QStringLiteral("%1 (%2)").arg(base).arg(n);
        if (!isTaken(name) && Store::MailStore::validateAccountName(name))
            return name;
    }
    return {};
}

quint16 Account::effectivePort() const
{
    if (port != 0)
        return port;
    return security == Pop3::Security::ImplicitTls ? 995 : 110;
}

Pop3::Mechanism Account::mechanism() const
{
    return Pop3::mechanismFromName(auth.toLatin1()).value_or(Pop3::Mechanism::Auto);
}

Status Account::validate() const
{
    if (const auto v = firstViolation())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1: %2").arg(fieldName(v->field), v->detail));
    return {};
}

std::optional<Violation> Account::firstViolation() const
{
    if (auto st = Store::MailStore::validateAccountName(name); !st)
        return violation(Field::Name, st.error().detail);
    if (!isPlausibleEmail(email))
        return violation(Field::Email, QStringLiteral("\"%1\" is not an email address").arg(email));
    if (!isPlausibleHost(host))
        return violation(Field::Host, QStringLiteral("\"%1\" is not a server name").arg(host));
    if (security == Pop3::Security::None && !insecureConsent)
        return violation(
            Field::Security, QStringLiteral("an unencrypted connection needs the user's explicit consent"));
    if (!Pop3::mechanismFromName(auth.toLatin1()))
        return violation(Field::Auth, QStringLiteral("unknown mechanism \"%1\"").arg(auth));
    if (user.isEmpty() || user.size() > 255)
        return violation(Field::User, QStringLiteral("a login name of 1 to 255 characters is needed"));
    if (!caFile.isEmpty() && !pinnedSha256.isEmpty())
        return violation(Field::CaFile, QStringLiteral("trust either a CA file or a fingerprint, not both"));
    if (!pinnedSha256.isEmpty() && pinnedSha256.size() != 32)
        return violation(Field::Fingerprint, QStringLiteral("a SHA-256 fingerprint has 32 octets"));
    if (policy.keepDays < 0 || policy.keepCount < 0 || policy.keepMegabytes < 0 || policy.sizeLimitKb < 0)
        return violation(Field::Policy, QStringLiteral("limits cannot be negative"));
    if (!policy.leaveOnServer
        && (policy.keepDays > 0 || policy.keepCount > 0 || policy.keepMegabytes > 0 || policy.deleteWhenDeletedLocally))
        return violation(
            Field::Policy, QStringLiteral("keep limits and deleting with the local copy need leave-on-server"));
    if (policy.keepDays > Limits::MaxKeepDays || policy.keepCount > Limits::MaxKeepCount
        || policy.keepMegabytes > Limits::MaxKeepMegabytes || policy.sizeLimitKb > Limits::MaxSizeLimitKb)
        return violation(Field::Policy, QStringLiteral("a limit is out of range"));
    if (intervalMinutes < Limits::MinIntervalMinutes || intervalMinutes > Limits::MaxIntervalMinutes)
        return violation(Field::Interval, QStringLiteral("from 1 minute to 7 days"));
    if (targetFolderId < 0)
        return violation(Field::Folder, QStringLiteral("not a folder"));
    return std::nullopt;
}

Poplar::Result<Pop3::ConnectionSettings> connectionSettings(const Account &account)
{
    Pop3::ConnectionSettings s;
    s.host = account.host;
    s.port = account.port;
    s.security = account.security;
    s.pinnedSha256 = account.pinnedSha256;
    if (!account.caFile.isEmpty()) {
        s.caCertificates = QSslCertificate::fromPath(account.caFile, QSsl::Pem);
        if (s.caCertificates.isEmpty())
            return Error(ErrorCode::NotFound, QStringLiteral("no PEM certificate in %1").arg(account.caFile));
    }
    return s;
}

Pop3::Credentials credentials(const Account &account, const QByteArray &secret)
{
    Pop3::Credentials c;
    c.user = account.user;
    c.secret = secret;
    c.mechanism = account.mechanism();
    c.allowInsecure = account.security == Pop3::Security::None && account.insecureConsent;
    return c;
}

}  // namespace Accounts
