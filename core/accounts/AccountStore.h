#pragma once

#include "accounts/Account.h"
#include "common/Result.h"

#include <QList>

namespace Store {
class MailStore;
}

namespace Accounts {

// Account settings in the profile's store: validates them and turns them
// into the rows Store::AccountTable (the only code that touches the table
// `accounts`) keeps. Every change is one transaction; no method touches the
// keychain (see CredentialStore).
class AccountStore
{
public:
    explicit AccountStore(Store::MailStore &store)
        : m_store(store)
    { }

    // By name (case-insensitive order).
    [[nodiscard]] Poplar::Result<QList<Account>> list();
    [[nodiscard]] Poplar::Result<Account> byId(qint64 id);
    // Exact name first, then case-insensitive; NotFound when neither.
    [[nodiscard]] Poplar::Result<Account> byName(const QString &name);

    // Validates and saves a new account with its Inbox. Returns it as
    // stored (id and credentialKey filled in).
    [[nodiscard]] Poplar::Result<Account> add(const Account &account);
    // Saves every setting of an existing account (validated; a new name
    // renames its folder paths too). The credential key never changes.
    [[nodiscard]] Poplar::Status update(const Account &account);
    // Removes the account. Its mail is kept: the Inbox becomes the local
    // folder whose path is returned ("Local/<name>", or "Local/<name> (2)"…).
    [[nodiscard]] Poplar::Result<QString> remove(qint64 id);

private:
    Store::MailStore &m_store;
};

}  // namespace Accounts
