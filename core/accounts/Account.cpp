#include "accounts/Account.h"

#include "store/Store.h"

#include <QSslCertificate>

namespace Accounts {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Status;

namespace {

Status invalid(const QString &field, const QString &why)
{
    return Error(ErrorCode::InvalidArgument, QStringLiteral("%1: %2").arg(field, why));
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
    return security == Net::Security::ImplicitTls ? 995 : 110;
}

Pop3::Mechanism Account::mechanism() const
{
    return Pop3::mechanismFromName(auth.toLatin1()).value_or(Pop3::Mechanism::Auto);
}

quint16 OutgoingServer::effectivePort() const
{
    return port != 0 ? port : Smtp::defaultPort(security);
}

Sasl::Mechanism OutgoingServer::mechanism() const
{
    return Sasl::mechanismFromName(auth.toLatin1()).value_or(Sasl::Mechanism::Auto);
}

std::optional<OutgoingRule> OutgoingServer::brokenRule() const
{
    if (!host.isEmpty() && !isPlausibleHost(host))
        return OutgoingRule::Host;
    if (security == Net::Security::None && !insecureConsent)
        return OutgoingRule::InsecureConsent;
    const std::optional<Sasl::Mechanism> m = Sasl::mechanismFromName(auth.toLatin1());
    if (!m || *m == Sasl::Mechanism::UserPass || *m == Sasl::Mechanism::Apop)
        return OutgoingRule::Mechanism;
    if (user.size() > 255)
        return OutgoingRule::User;
    if (!caFile.isEmpty() && !pinnedSha256.isEmpty())
        return OutgoingRule::EitherCaFileOrPin;
    if (!pinnedSha256.isEmpty() && pinnedSha256.size() != 32)
        return OutgoingRule::Fingerprint;
    return std::nullopt;
}

std::optional<AccountRule> Account::brokenRule() const
{
    if (!Store::MailStore::validateAccountName(name))
        return AccountRule::Name;
    if (!isPlausibleEmail(email))
        return AccountRule::Email;
    if (!isPlausibleHost(host))
        return AccountRule::Host;
    if (security == Net::Security::None && !insecureConsent)
        return AccountRule::InsecureConsent;
    if (!Pop3::mechanismFromName(auth.toLatin1()))
        return AccountRule::Mechanism;
    if (user.isEmpty() || user.size() > 255)
        return AccountRule::User;
    if (!caFile.isEmpty() && !pinnedSha256.isEmpty())
        return AccountRule::EitherCaFileOrPin;
    if (!pinnedSha256.isEmpty() && pinnedSha256.size() != 32)
        return AccountRule::Fingerprint;
    if (policy.keepDays < 0 || policy.keepCount < 0 || policy.keepMegabytes < 0 || policy.sizeLimitKb < 0)
        return AccountRule::NegativeLimit;
    if (!policy.leaveOnServer
        && (policy.keepDays > 0 || policy.keepCount > 0 || policy.keepMegabytes > 0 || policy.deleteWhenDeletedLocally))
        return AccountRule::LimitsNeedLeaveOnServer;
    if (policy.keepDays > Limits::MaxKeepDays || policy.keepCount > Limits::MaxKeepCount
        || policy.keepMegabytes > Limits::MaxKeepMegabytes || policy.sizeLimitKb > Limits::MaxSizeLimitKb)
        return AccountRule::LimitOutOfRange;
    if (intervalMinutes < Limits::MinIntervalMinutes || intervalMinutes > Limits::MaxIntervalMinutes)
        return AccountRule::Interval;
    if (targetFolderId < 0)
        return AccountRule::Folder;
    return std::nullopt;
}

Status Account::validate() const
{
    const std::optional<AccountRule> rule = brokenRule();
    if (!rule) {
        switch (smtp.brokenRule().value_or(OutgoingRule(-1))) {
        case OutgoingRule::Host:
            return invalid(QStringLiteral("smtp-host"), QStringLiteral("\"%1\" is not a server name").arg(smtp.host));
        case OutgoingRule::InsecureConsent:
            return invalid(QStringLiteral("smtp-security"),
                QStringLiteral("an unencrypted connection needs the user's explicit consent"));
        case OutgoingRule::Mechanism:
            return invalid(QStringLiteral("smtp-auth"), QStringLiteral("not a mechanism SMTP can use: \"%1\"").arg(smtp.auth));
        case OutgoingRule::User:
            return invalid(QStringLiteral("smtp-user"), QStringLiteral("a login name of at most 255 characters"));
        case OutgoingRule::EitherCaFileOrPin:
            return invalid(
                QStringLiteral("smtp-ca-file"), QStringLiteral("trust either a CA file or a fingerprint, not both"));
        case OutgoingRule::Fingerprint:
            return invalid(QStringLiteral("smtp-fingerprint"), QStringLiteral("a SHA-256 fingerprint has 32 octets"));
        }
        return {};
    }
    switch (*rule) {
    case AccountRule::Name:
        return invalid(QStringLiteral("name"), Store::MailStore::validateAccountName(name).error().detail);
    case AccountRule::Email:
        return invalid(QStringLiteral("email"), QStringLiteral("\"%1\" is not an email address").arg(email));
    case AccountRule::Host:
        return invalid(QStringLiteral("host"), QStringLiteral("\"%1\" is not a server name").arg(host));
    case AccountRule::InsecureConsent:
        return invalid(
            QStringLiteral("security"), QStringLiteral("an unencrypted connection needs the user's explicit consent"));
    case AccountRule::Mechanism:
        return invalid(QStringLiteral("auth"), QStringLiteral("unknown mechanism \"%1\"").arg(auth));
    case AccountRule::User:
        return invalid(QStringLiteral("user"), QStringLiteral("a login name of 1 to 255 characters is needed"));
    case AccountRule::EitherCaFileOrPin:
        return invalid(QStringLiteral("ca-file"), QStringLiteral("trust either a CA file or a fingerprint, not both"));
    case AccountRule::Fingerprint:
        return invalid(QStringLiteral("fingerprint"), QStringLiteral("a SHA-256 fingerprint has 32 octets"));
    case AccountRule::NegativeLimit:
        return invalid(QStringLiteral("policy"), QStringLiteral("limits cannot be negative"));
    case AccountRule::LimitsNeedLeaveOnServer:
        return invalid(QStringLiteral("policy"),
            QStringLiteral("keep limits and deleting with the local copy need leave-on-server"));
    case AccountRule::LimitOutOfRange:
        return invalid(QStringLiteral("policy"), QStringLiteral("a limit is out of range"));
    case AccountRule::Interval: return invalid(QStringLiteral("interval"), QStringLiteral("from 1 minute to 7 days"));
    case AccountRule::Folder: return invalid(QStringLiteral("folder"), QStringLiteral("not a folder"));
    }
    return {};
}

Status checkCaFile(const QString &path)
{
    if (QSslCertificate::fromPath(path, QSsl::Pem).isEmpty())
        return Error(ErrorCode::NotFound, QStringLiteral("no PEM certificate in %1").arg(path));
    return {};
}

Poplar::Result<Smtp::ConnectionSettings> smtpConnectionSettings(const Account &account)
{
    if (!account.smtp.isSet())
        return Error(ErrorCode::InvalidState, QStringLiteral("the account has no outgoing server"));
    Smtp::ConnectionSettings s;
    s.host = account.smtp.host;
    s.port = account.smtp.port;
    s.security = account.smtp.security;
    s.pinnedSha256 = account.smtp.pinnedSha256;
    if (!account.smtp.caFile.isEmpty()) {
        s.caCertificates = QSslCertificate::fromPath(account.smtp.caFile, QSsl::Pem);
        if (s.caCertificates.isEmpty())
            return Error(ErrorCode::NotFound, QStringLiteral("no PEM certificate in %1").arg(account.smtp.caFile));
    }
    return s;
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

Pop3::Credentials credentials(const Account &account, Poplar::Secret secret)
{
    Pop3::Credentials c;
    c.user = account.user;
    c.secret = std::move(secret);
    c.mechanism = account.mechanism();
    c.allowInsecure = account.security == Net::Security::None && account.insecureConsent;
    return c;
}

Sasl::Credentials smtpCredentials(const Account &account, Poplar::Secret secret)
{
    Sasl::Credentials c;
    c.user = account.smtpUser();
    c.secret = std::move(secret);
    c.mechanism = account.smtp.mechanism();
    c.allowInsecure = account.smtp.security == Net::Security::None && account.smtp.insecureConsent;
    return c;
}

}  // namespace Accounts
