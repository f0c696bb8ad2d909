#include "store/AccountTable.h"

#include "store/Folders.h"
#include "store/SqlValues.h"

#include <QSqlQuery>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

namespace {

const QString kColumns = QStringLiteral(
    "id, name, email, display_name, host, port, security, insecure_consent, auth, user_name, ca_file, "
    "pinned_sha256, leave_on_server, keep_days, keep_count, keep_mb, delete_when_deleted_locally, size_limit_kb, "
    "interval_minutes, ifnull(target_folder_id, 0), enabled, uidl_fallback_accepted, credential_key, smtp_host, "
    "smtp_port, smtp_security, smtp_insecure_consent, smtp_auth, smtp_user, smtp_ca_file, smtp_pinned_sha256, "
    "smtp_separate_login");

AccountRow fromRow(const QSqlQuery &q)
{
    AccountRow a;
    int i = 0;
    a.id = q.value(i++).toLongLong();
    a.name = q.value(i++).toString();
    a.email = q.value(i++).toString();
    a.displayName = q.value(i++).toString();
    a.host = q.value(i++).toString();
    a.port = q.value(i++).toInt();
    a.security = q.value(i++).toString();
    a.insecureConsent = q.value(i++).toBool();
    a.auth = q.value(i++).toString();
    a.user = q.value(i++).toString();
    a.caFile = q.value(i++).toString();
    a.pinnedSha256 = q.value(i++).toByteArray();
    a.leaveOnServer = q.value(i++).toBool();
    a.keepDays = q.value(i++).toInt();
    a.keepCount = q.value(i++).toInt();
    a.keepMegabytes = q.value(i++).toInt();
    a.deleteWhenDeletedLocally = q.value(i++).toBool();
    a.sizeLimitKb = q.value(i++).toInt();
    a.intervalMinutes = q.value(i++).toInt();
    a.targetFolderId = q.value(i++).toLongLong();
    a.enabled = q.value(i++).toBool();
    a.uidlFallbackAccepted = q.value(i++).toBool();
    a.credentialKey = q.value(i++).toString();
    a.smtpHost = q.value(i++).toString();
    a.smtpPort = q.value(i++).toInt();
    a.smtpSecurity = q.value(i++).toString();
    a.smtpInsecureConsent = q.value(i++).toBool();
    a.smtpAuth = q.value(i++).toString();
    a.smtpUser = q.value(i++).toString();
    a.smtpCaFile = q.value(i++).toString();
    a.smtpPinnedSha256 = q.value(i++).toByteArray();
    a.smtpSeparateLogin = q.value(i++).toBool();
    return a;
}

}  // namespace

Status AccountTable::validateName(const QString &name)
{
    if (name.trimmed().isEmpty() || name.trimmed() != name || name.contains(QLatin1Char('/')) || name.size() > 255)
        return Error(ErrorCode::AccountNameInvalid, QStringLiteral("invalid account name \"%1\"").arg(name));
    // Folder paths start with the account name, "Local" or "Trash".
    if (name.compare(QLatin1String("Local"), Qt::CaseInsensitive) == 0
        || name.compare(QLatin1String("Trash"), Qt::CaseInsensitive) == 0)
        return Error(ErrorCode::AccountNameInvalid, QStringLiteral("\"%1\" is reserved for folders").arg(name));
    return {};
}

Result<QList<AccountRow>> AccountTable::all(Database &db)
{
    auto q = db.query(QStringLiteral("SELECT %1 FROM accounts ORDER BY name COLLATE NOCASE, id").arg(kColumns));
    if (!q)
        return q.error();
    QList<AccountRow> out;
    while (q.value().next())
        out << fromRow(q.value());
    return out;
}

Result<QHash<qint64, QString>> AccountTable::names(Database &db)
{
    auto q = db.query(QStringLiteral("SELECT id, name FROM accounts"));
    if (!q)
        return q.error();
    QHash<qint64, QString> out;
    while (q.value().next())
        out.insert(q.value().value(0).toLongLong(), q.value().value(1).toString());
    return out;
}

Status AccountTable::requireFreeName(Database &db, const QString &name, qint64 exceptId)
{
    auto taken = db.scalar(
        QStringLiteral("SELECT 1 FROM accounts WHERE name = ? COLLATE NOCASE AND id != ?"), { name, exceptId });
    if (!taken)
        return taken.error();
    if (taken->isValid())
        return Error(ErrorCode::AccountNameTaken, QStringLiteral("name: an account named \"%1\" exists").arg(name));
    return {};
}

Result<qint64> AccountTable::create(Database &db, const QString &name)
{
    if (auto st = validateName(name); !st)
        return st.error();
    if (auto st = requireFreeName(db, name); !st)
        return st.error();
    if (auto s = db.exec(QStringLiteral("INSERT INTO accounts(name, created_at, credential_key) "
                                        "VALUES (?, ?, lower(hex(randomblob(16))))"),
            { name, Sql::nowMs() });
        !s)
        return s.error();
    auto id = db.scalar(QStringLiteral("SELECT last_insert_rowid()"));
    if (!id)
        return id.error();
    const qint64 accountId = id->toLongLong();
    if (auto inbox = Folders::createInbox(db, accountId); !inbox)
        return inbox.error();
    return accountId;
}

Status AccountTable::update(Database &db, const AccountRow &a)
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
                       "target_folder_id = ?, enabled = ?, uidl_fallback_accepted = ?, smtp_host = ?, smtp_port = ?, "
                       "smtp_security = ?, smtp_insecure_consent = ?, smtp_auth = ?, smtp_user = ?, "
                       "smtp_ca_file = ?, smtp_pinned_sha256 = ?, smtp_separate_login = ? WHERE id = ?"),
        { Sql::notNull(a.name), Sql::notNull(a.email), Sql::notNull(a.displayName), Sql::notNull(a.host), a.port,
            Sql::notNull(a.security), a.insecureConsent, Sql::notNull(a.auth), Sql::notNull(a.user),
            Sql::notNull(a.caFile),
            a.pinnedSha256.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(a.pinnedSha256),
            a.leaveOnServer, a.keepDays, a.keepCount, a.keepMegabytes, a.deleteWhenDeletedLocally, a.sizeLimitKb,
            a.intervalMinutes, Sql::idOrNull(a.targetFolderId), a.enabled, a.uidlFallbackAccepted,
            Sql::notNull(a.smtpHost), a.smtpPort,
            a.smtpSecurity.isEmpty() ? QStringLiteral("tls") : a.smtpSecurity, a.smtpInsecureConsent,
            a.smtpAuth.isEmpty() ? QStringLiteral("auto") : a.smtpAuth, Sql::notNull(a.smtpUser),
            Sql::notNull(a.smtpCaFile),
            a.smtpPinnedSha256.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(a.smtpPinnedSha256),
            a.smtpSeparateLogin, a.id });
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Error(ErrorCode::NotFound, QStringLiteral("account %1").arg(a.id));
    return {};
}

Result<QString> AccountTable::remove(Database &db, qint64 id)
{
    auto name = db.scalar(QStringLiteral("SELECT name FROM accounts WHERE id = ?"), { id });
    if (!name)
        return name.error();
    if (!name->isValid())
        return Error(ErrorCode::NotFound, QStringLiteral("account %1").arg(id));
    // The Inbox becomes a top-level local folder under a free name, so the
    // mail, often the only copy, stays where the user can see it.
    auto folderName = Folders::freeTopLevelName(db, name->toString());
    if (!folderName)
        return folderName.error();
    if (auto s = Folders::keepInboxAsLocal(db, id, *folderName); !s)
        return s.error();
    if (auto s = db.exec(QStringLiteral("DELETE FROM accounts WHERE id = ?"), { id }); !s)
        return s.error();
    return QString(QStringLiteral("Local/") + *folderName);
}

}  // namespace Store
