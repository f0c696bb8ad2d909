#pragma once

// Test support: a keychain in memory that answers on the event loop, as
// the real one does; writes and removals can be made to fail like an
// unusable keychain, all of them or those of one key.

#include "accounts/CredentialStore.h"

#include <QHash>
#include <QTimer>

namespace PoplarTest {

class MemoryKeychain final : public Accounts::CredentialStore
{
public:
    QHash<QString, QByteArray> secrets;
    // Not None: every write fails with this code.
    Poplar::ErrorCode failWrites = Poplar::ErrorCode::None;
    // Not None: every read fails with this code (a locked keychain).
    Poplar::ErrorCode failReads = Poplar::ErrorCode::None;
    // Writes and removals of these keys fail with the code given.
    QHash<QString, Poplar::ErrorCode> failKeys;
    // Not None: every removal fails with this code.
    Poplar::ErrorCode failRemoves = Poplar::ErrorCode::None;
    int reads = 0;
    int writes = 0;

    void read(const QString &key, ReadDone done) override
    {
        ++reads;
        QTimer::singleShot(0, this, [this, key, done] {
            if (failReads != Poplar::ErrorCode::None)
                done(Poplar::Error(failReads, QStringLiteral("no keychain in this test")));
            else if (secrets.contains(key))
                done(Poplar::Secret(secrets.value(key)));
            else
                done(Poplar::Error(Poplar::ErrorCode::CredentialNotStored));
        });
    }
    void write(const QString &key, Poplar::Secret secret, Done done) override
    {
        ++writes;
        QTimer::singleShot(0, this, [this, key, secret = std::move(secret), done]() mutable {
            const Poplar::ErrorCode fail = failKeys.value(key, failWrites);
            if (fail != Poplar::ErrorCode::None) {
                done(Poplar::Error(fail, QStringLiteral("no keychain in this test")));
                return;
            }
            secrets.insert(key, secret.takeBytes());
            done({});
        });
    }
    void remove(const QString &key, Done done) override
    {
        QTimer::singleShot(0, this, [this, key, done] {
            const Poplar::ErrorCode fail = failKeys.value(key, failRemoves);
            if (fail != Poplar::ErrorCode::None) {
                done(Poplar::Error(fail, QStringLiteral("no keychain in this test")));
                return;
            }
            secrets.remove(key);
            done({});
        });
    }
};

}  // namespace PoplarTest
