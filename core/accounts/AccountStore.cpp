#include "accounts/AccountStore.h"

#include "store/Store.h"

#include <QSqlQuery>
#include <QVariant>

namespace Accounts {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;
using Store::Database;

namespace {

const QString kColumns = QStringLiteral(
    "id, name, email, display_name, host, port, security, insecure_consent, auth, user_name, ca_file, "
    "pinned_sha256, leave_on_server, keep_days, keep_count, keep_mb, delete_when_deleted_locally, size_limit_kb, "
    "interval_minutes, ifnull(target_folder_id, 0), enabled, uidl_fallback_accepted, credential_key");

Account fromRow(const QSqlQuery &q)
{
    Account a;
    int i = 0;
    a.id = q.value(i++).toLongLong();
    a.name = q.value(i++).toString();
    a.email = q.value(i++).toString();
    a.displayName = q.value(i++).toString();
    a.host = q.value(i++).toString();
    a.port = static_cast<quint16>(q.value(i++).toUInt());
    a.security = Net::securityFromName(q.value(i++).toString()).value_or(Net::Security::ImplicitTls);
    a.insecureConsent = q.value(i++).toBool();
    a.auth = q.value(i++).toString();
    a.user = q.value(i++).toString();
    a.caFile = q.value(i++).toString();
    a.pinnedSha256 = q.value(i++).toByteArray();
    a.policy.leaveOnServer = q.value(i++).toBool();
    a.policy.keepDays = q.value(i++).toInt();
    a.policy.keepCount = q.value(i++).toInt();
    a.policy.keepMegabytes = q.value(i++).toInt();
    a.policy.deleteWhenDeletedLocally = q.value(i++).toBool();
    a.policy.sizeLimitKb = q.value(i++).toInt();
    a.intervalMinutes = q.value(i++).toInt();
    a.targetFolderId = q.value(i++).toLongLong();
    a.enabled = q.value(i++).toBool();
    a.uidlFallbackAccepted = q.value(i++).toBool();
    a.credentialKey = q.value(i++).toString();
    return a;
}

// "auto" or the mechanism's own spelling.
QString canonicalAuth(const QString &auth)
{
    const Pop3::Mechanism m = Pop3::mechanismFromName(auth.toLatin1()).value_or(Pop3::Mechanism::Auto);
    return m == Pop3::Mechanism::Auto ? QStringLiteral("auto") : QString::fromLatin1(Pop3::mechanismName(m));
}

// Text columns are NOT NULL; a null QString would bind as NULL.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(value);
}

Status writeSettings(Database &db, const Account &a)
{
    if (a.targetFolderId != 0) {
        auto exists = db.scalar(QStringLiteral("SELECT 1 FROM folders WHERE id = ?"), { a.targetFolderId });
        if (!exists)
            return exists.error();
        if (!exists->isValid())
            return Error(ErrorCode::NotFound, QStringLiteral("folder %1").arg(a.targetFolderId));
    }
    auto q = db.query(
        QStringLiteral("UPDATE accounts SET name = ?, email = ?, display_name = ?, host = ?, port = ?, security = ?, "
                       "insecure_consent = ?, auth = ?, user_name = ?, ca_file = ?, pinned_sha256 = ?, "
                       "leave_on_server = ?, keep_days = ?, keep_count = ?, keep_mb = ?, "
                       "delete_when_deleted_locally = ?, size_limit_kb = ?, interval_minutes = ?, "
                       "target_folder_id = ?, enabled = ?, uidl_fallback_accepted = ? WHERE id = ?"),
        { text(a.name), text(a.email), text(a.displayName), text(a.host), int(a.port), Net::securityName(a.security),
            a.insecureConsent, canonicalAuth(a.auth), text(a.user), text(a.caFile),
            a.pinnedSha256.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(a.pinnedSha256),
            a.policy.leaveOnServer, a.policy.keepDays, a.policy.keepCount, a.policy.keepMegabytes,
            a.policy.deleteWhenDeletedLocally, a.policy.sizeLimitKb, a.intervalMinutes,
            a.targetFolderId == 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(a.targetFolderId), a.enabled,
            a.uidlFallbackAccepted, a.id });
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Error(ErrorCode::NotFound, QStringLiteral("account %1").arg(a.id));
    return {};
}

}  // namespace

Result<QList<Account>> AccountStore::list()
{
    QList<Account> out;
    auto st = m_store.read([&](Database &db) -> Status {
        auto q = db.query(QStringLiteral("SELECT %1 FROM accounts ORDER BY name COLLATE NOCASE, id").arg(kColumns));
        if (!q)
            return q.error();
        while (q.value().next())
            out << fromRow(q.value());
        return {};
    });
    if (!st)
        return st.error();
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
        return writeSettings(db, stored);
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
        auto taken = db.scalar(QStringLiteral("SELECT 1 FROM accounts WHERE name = ? COLLATE NOCASE AND id != ?"),
            { account.name, account.id });
        if (!taken)
            return taken.error();
        if (taken->isValid())
            return Error(
                ErrorCode::InvalidArgument, QStringLiteral("name: an account named \"%1\" exists").arg(account.name));
        return writeSettings(db, account);
    });
}

Result<QString> AccountStore::remove(qint64 id)
{
    QString keptAs;
    auto st = m_store.write([&](Database &db) -> Status {
        auto name = db.scalar(QStringLiteral("SELECT name FROM accounts WHERE id = ?"), { id });
        if (!name)
            return name.error();
        if (!name->isValid())
            return Error(ErrorCode::NotFound, QStringLiteral("account %1").arg(id));
        // The Inbox becomes a top-level local folder under a free name, so
        // the mail, often the only copy, stays where the user can see it.
        QString folderName = name->toString();
        for (int n = 2;; ++n) {
            auto taken = db.scalar(QStringLiteral("SELECT 1 FROM folders WHERE kind = 0 AND parent_id IS NULL AND "
                                                  "name = ?"),
                { folderName });
            if (!taken)
                return taken.error();
            if (!taken->isValid())
                break;
            folderName = QStringLiteral("%1 (%2)").arg(name->toString()).arg(n);
        }
        if (auto s = db.exec(QStringLiteral("UPDATE folders SET kind = 0, account_id = NULL, parent_id = NULL, "
                                            "name = ? WHERE account_id = ? AND kind = 1"),
                { folderName, id });
            !s)
            return s;
        keptAs = QStringLiteral("Local/") + folderName;
        return db.exec(QStringLiteral("DELETE FROM accounts WHERE id = ?"), { id });
    });
    if (!st)
        return st.error();
    return keptAs;
}

}  // namespace Accounts
