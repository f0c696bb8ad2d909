#include "accounts/AccountStore.h"

#include "store/AccountTable.h"
#include "store/Store.h"

namespace Accounts {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;
using Store::Database;

namespace {

Account fromRow(const Store::AccountRow &r)
{
    Account a;
    a.id = r.id;
    a.name = r.name;
    a.email = r.email;
    a.displayName = r.displayName;
    a.host = r.host;
    a.port = static_cast<quint16>(r.port);
    a.security = Net::securityFromName(r.security).value_or(Net::Security::ImplicitTls);
    a.insecureConsent = r.insecureConsent;
    a.auth = r.auth;
    a.user = r.user;
    a.caFile = r.caFile;
    a.pinnedSha256 = r.pinnedSha256;
    a.policy.leaveOnServer = r.leaveOnServer;
    a.policy.keepDays = r.keepDays;
    a.policy.keepCount = r.keepCount;
    a.policy.keepMegabytes = r.keepMegabytes;
    a.policy.deleteWhenDeletedLocally = r.deleteWhenDeletedLocally;
    a.policy.sizeLimitKb = r.sizeLimitKb;
    a.intervalMinutes = r.intervalMinutes;
    a.targetFolderId = r.targetFolderId;
    a.enabled = r.enabled;
    a.uidlFallbackAccepted = r.uidlFallbackAccepted;
    a.credentialKey = r.credentialKey;
    a.smtp.host = r.smtpHost;
    a.smtp.port = static_cast<quint16>(r.smtpPort);
    a.smtp.security = Net::securityFromName(r.smtpSecurity).value_or(Net::Security::ImplicitTls);
    a.smtp.insecureConsent = r.smtpInsecureConsent;
    a.smtp.auth = r.smtpAuth.isEmpty() ? QStringLiteral("auto") : r.smtpAuth;
    a.smtp.user = r.smtpUser;
    a.smtp.caFile = r.smtpCaFile;
    a.smtp.pinnedSha256 = r.smtpPinnedSha256;
    a.smtp.separateLogin = r.smtpSeparateLogin;
    return a;
}

// "auto" or the mechanism's own spelling.
QString canonicalAuth(const QString &auth)
{
    const Pop3::Mechanism m = Pop3::mechanismFromName(auth.toLatin1()).value_or(Pop3::Mechanism::Auto);
    return m == Pop3::Mechanism::Auto ? QStringLiteral("auto") : QString::fromLatin1(Pop3::mechanismName(m));
}

Store::AccountRow toRow(const Account &a)
{
    Store::AccountRow r;
    r.id = a.id;
    r.name = a.name;
    r.email = a.email;
    r.displayName = a.displayName;
    r.host = a.host;
    r.port = int(a.port);
    r.security = Net::securityName(a.security);
    r.insecureConsent = a.insecureConsent;
    r.auth = canonicalAuth(a.auth);
    r.user = a.user;
    r.caFile = a.caFile;
    r.pinnedSha256 = a.pinnedSha256;
    r.leaveOnServer = a.policy.leaveOnServer;
    r.keepDays = a.policy.keepDays;
    r.keepCount = a.policy.keepCount;
    r.keepMegabytes = a.policy.keepMegabytes;
    r.deleteWhenDeletedLocally = a.policy.deleteWhenDeletedLocally;
    r.sizeLimitKb = a.policy.sizeLimitKb;
    r.intervalMinutes = a.intervalMinutes;
    r.targetFolderId = a.targetFolderId;
    r.enabled = a.enabled;
    r.uidlFallbackAccepted = a.uidlFallbackAccepted;
    r.credentialKey = a.credentialKey;
    r.smtpHost = a.smtp.host;
    r.smtpPort = int(a.smtp.port);
    r.smtpSecurity = Net::securityName(a.smtp.security);
    r.smtpInsecureConsent = a.smtp.insecureConsent;
    r.smtpAuth = canonicalAuth(a.smtp.auth);
    r.smtpUser = a.smtp.user;
    r.smtpCaFile = a.smtp.caFile;
    r.smtpPinnedSha256 = a.smtp.pinnedSha256;
    r.smtpSeparateLogin = a.smtp.separateLogin;
    return r;
}

}  // namespace

Result<QList<Account>> AccountStore::list()
{
    auto rows = m_store.readValue([](Database &db) { return Store::AccountTable::all(db); });
    if (!rows)
        return rows.error();
    QList<Account> out;
    out.reserve(rows->size());
    for (const Store::AccountRow &r : std::as_const(*rows))
        out << fromRow(r);
    return out;
}

Result<Account> AccountStore::byId(qint64 id)
{
    auto all = list();
    if (!all)
        return all.error();
    for (const Account &a : *all) {
        if (a.id == id)
            return a;
    }
    return Error(ErrorCode::NotFound, QStringLiteral("account %1").arg(id));
}

Result<Account> AccountStore::byName(const QString &name)
{
    auto all = list();
    if (!all)
        return all.error();
    for (const Account &a : *all) {
        if (a.name == name)
            return a;
    }
    for (const Account &a : *all) {
        if (a.name.compare(name, Qt::CaseInsensitive) == 0)
            return a;
    }
    return Error(ErrorCode::NotFound, QStringLiteral("account \"%1\"").arg(name));
}

Result<Account> AccountStore::add(const Account &account)
{
    if (auto st = account.validate(); !st)
        return st.error();
    auto id = m_store.createAccount(account.name, [&](Database &db, qint64 newId) {
        Account stored = account;
        stored.id = newId;
        return Store::AccountTable::update(db, toRow(stored));
    });
    if (!id)
        return id.error();
    return byId(*id);
}

Status AccountStore::update(const Account &account)
{
    if (auto st = account.validate(); !st)
        return st;
    return m_store.write([&](Database &db) -> Status {
        if (auto st = Store::AccountTable::requireFreeName(db, account.name, account.id); !st)
            return st;
        return Store::AccountTable::update(db, toRow(account));
    });
}

Result<QString> AccountStore::remove(qint64 id)
{
    QString keptAs;
    auto st = m_store.write([&](Database &db) -> Status {
        auto kept = Store::AccountTable::remove(db, id);
        if (!kept)
            return kept.error();
        keptAs = *kept;
        return {};
    });
    if (!st)
        return st.error();
    return keptAs;
}

}  // namespace Accounts
