#pragma once

#include "common/Result.h"
#include "common/Secret.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <map>

namespace Accounts {

// Where account passwords live. Keys are Account::credentialKey. Every
// operation answers once, later, on the calling thread's event loop (never
// inside the call), with a typed error:
//   CredentialNotStored  the store answered: nothing is saved under the key;
//   KeychainLocked       it is there but locked, or access was refused;
//   KeychainUnavailable  nothing answered usefully (no service, no session,
//                        no reply in time).
// Secrets are UTF-8 bytes and travel as Poplar::Secret: a read answers one
// of its own, and write() takes the one it is given.
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    using ReadDone = std::function<void(Poplar::Result<Poplar::Secret>)>;
    using Done = std::function<void(Poplar::Status)>;

    using QObject::QObject;
    ~CredentialStore() override;

    virtual void read(const QString &key, ReadDone done) = 0;
    virtual void write(const QString &key, Poplar::Secret secret, Done done) = 0;
    // Removing a key that holds nothing succeeds.
    virtual void remove(const QString &key, Done done) = 0;
};

// The same operations, waiting for the answer in a local event loop (the
// CLI, tests). Not for the GUI thread.
[[nodiscard]] Poplar::Result<Poplar::Secret> readBlocking(CredentialStore &store, const QString &key);
[[nodiscard]] Poplar::Status writeBlocking(CredentialStore &store, const QString &key, Poplar::Secret secret);
[[nodiscard]] Poplar::Status removeBlocking(CredentialStore &store, const QString &key);

// Passwords for this run only, in memory, wiped when it is destroyed: what
// Poplar offers when no keychain is usable. It never writes anywhere.
class SessionCredentialStore final : public CredentialStore
{
    Q_OBJECT
public:
    using CredentialStore::CredentialStore;
    ~SessionCredentialStore() override;

    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, Poplar::Secret secret, Done done) override;
    void remove(const QString &key, Done done) override;

private:
    std::map<QString, Poplar::Secret> m_secrets;
};

}  // namespace Accounts
