#pragma once

#include "common/Result.h"
#include "store/Database.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Store {

// One row of the `accounts` table, as stored (the account's settings;
// never a secret). Accounts::AccountStore turns it into an Account.
struct AccountRow {
    qint64 id = 0;
    QString name;
    QString email;
    QString displayName;
    QString host;
    int port = 0;
    QString security;  // Net::securityName()
    bool insecureConsent = false;
    QString auth;  // "auto" or a mechanism's name
    QString user;
    QString caFile;
    QByteArray pinnedSha256;
    bool leaveOnServer = false;
    int keepDays = 0;
    int keepCount = 0;
    int keepMegabytes = 0;
    bool deleteWhenDeletedLocally = false;
    int sizeLimitKb = 0;
    int intervalMinutes = 0;
    qint64 targetFolderId = 0;
    bool enabled = true;
    bool uidlFallbackAccepted = false;
    QString credentialKey;  // names the account's secrets in the keychain; never changes
    // The outgoing (SMTP submission) server.
    QString smtpHost;
    int smtpPort = 0;
    QString smtpSecurity;  // Net::securityName()
    bool smtpInsecureConsent = false;
    QString smtpAuth;
    QString smtpUser;
    QString smtpCaFile;
    QByteArray smtpPinnedSha256;
    bool smtpSeparateLogin = false;
};

// The only code that reads or writes the `accounts` table. An account
// comes with its Inbox, and when it goes its Inbox stays as a local folder.
class AccountTable
{
public:
    // Account names start folder paths: not empty, no '/', no space at
    // either end, not Local or Trash.
    [[nodiscard]] static Poplar::Status validateName(const QString &name);

    // By name (case-insensitive order).
    [[nodiscard]] static Poplar::Result<QList<AccountRow>> all(Database &db);
    // Every account's name by id (for folder paths).
    [[nodiscard]] static Poplar::Result<QHash<qint64, QString>> names(Database &db);
    // AccountNameTaken when another account (not `exceptId`) has `name`,
    // in any case.
    [[nodiscard]] static Poplar::Status requireFreeName(Database &db, const QString &name, qint64 exceptId = 0);

    // A new account named `name` (with a fresh credential key) and its Inbox.
    [[nodiscard]] static Poplar::Result<qint64> create(Database &db, const QString &name);
    // Writes every setting of `row.id` but its credential key.
    [[nodiscard]] static Poplar::Status update(Database &db, const AccountRow &row);
    // Removes the account; its Inbox becomes the top-level local folder
    // whose path is returned ("Local/<name>", or "Local/<name> (2)"…).
    [[nodiscard]] static Poplar::Result<QString> remove(Database &db, qint64 id);
};

}  // namespace Store
