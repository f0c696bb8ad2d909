#pragma once

#include "accounts/CredentialStore.h"

namespace Accounts {

// Passwords in the system keychain through QtKeychain (the Secret Service
// on Linux: GNOME Keyring, KWallet). Entries are filed under `service`
// ("Poplar") with the account's credential key. Every job has its own
// timeout: a keychain that never answers (a prompt nobody can see, a hung
// session bus) becomes KeychainUnavailable instead of a wait without end.
class KeychainCredentialStore final : public CredentialStore
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 15000;

    explicit KeychainCredentialStore(
        QString service = QStringLiteral("Poplar"), int timeoutMs = DefaultTimeoutMs, QObject *parent = nullptr);
    ~KeychainCredentialStore() override;

    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, Poplar::Secret secret, Done done) override;
    void remove(const QString &key, Done done) override;

private:
    QString m_service;
    int m_timeoutMs;
};

}  // namespace Accounts
