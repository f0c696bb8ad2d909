// Sync::PasswordSource: the one place that decides where an account's
// password comes from (this run's first, then the keychain's, else the
// keychain's error).

#include "MemoryKeychain.h"
#include "accounts/CredentialStore.h"
#include "sync/PasswordSource.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using Poplar::ErrorCode;
using PoplarTest::MemoryKeychain;

Q_DECLARE_METATYPE(Poplar::ErrorCode)

class TestPasswordSource : public QObject
{
    Q_OBJECT

    static Accounts::Account account()
    {
        Accounts::Account a;
        a.id = 7;
        a.name = QStringLiteral("Work");
        a.credentialKey = QStringLiteral("0123456789abcdef0123456789abcdef");
        return a;
    }

private Q_SLOTS:
    void answers_data()
    {
        QTest::addColumn<QByteArray>("session");   // empty: none given for this run
        QTest::addColumn<QByteArray>("keychain");  // empty: none saved
        QTest::addColumn<ErrorCode>("keychainFails");
        QTest::addColumn<QByteArray>("password");  // the answer; empty: an error
        QTest::addColumn<ErrorCode>("error");
        QTest::addColumn<int>("keychainReads");

        QTest::newRow("session has one") << QByteArray("typed") << QByteArray() << ErrorCode::None
                                         << QByteArray("typed") << ErrorCode::None << 0;
        QTest::newRow("keychain has one")
            << QByteArray() << QByteArray("saved") << ErrorCode::None << QByteArray("saved") << ErrorCode::None << 1;
        // The one given for this run is the user's latest word: the saved one
        // may be the one the server just rejected.
        QTest::newRow("both") << QByteArray("typed") << QByteArray("saved") << ErrorCode::None << QByteArray("typed")
                              << ErrorCode::None << 0;
        QTest::newRow("neither") << QByteArray() << QByteArray() << ErrorCode::None << QByteArray()
                                 << ErrorCode::CredentialNotStored << 1;
        QTest::newRow("keychain locked") << QByteArray() << QByteArray("saved") << ErrorCode::KeychainLocked
                                         << QByteArray() << ErrorCode::KeychainLocked << 1;
        QTest::newRow("keychain locked, session has one")
            << QByteArray("typed") << QByteArray("saved") << ErrorCode::KeychainLocked << QByteArray("typed")
            << ErrorCode::None << 0;
        QTest::newRow("no keychain") << QByteArray() << QByteArray() << ErrorCode::KeychainUnavailable << QByteArray()
                                     << ErrorCode::KeychainUnavailable << 1;
    }

    void answers()
    {
        QFETCH(QByteArray, session);
        QFETCH(QByteArray, keychain);
        QFETCH(ErrorCode, keychainFails);
        QFETCH(QByteArray, password);
        QFETCH(ErrorCode, error);
        QFETCH(int, keychainReads);

        MemoryKeychain saved;
        if (!keychain.isEmpty())
            saved.secrets.insert(account().credentialKey, keychain);
        saved.failReads = keychainFails;
        Accounts::SessionCredentialStore given;
        if (!session.isEmpty())
            QVERIFY(Accounts::writeBlocking(given, account().credentialKey, Poplar::Secret(session)));
        Sync::PasswordSource source(saved, &given);

        std::optional<Poplar::Result<Poplar::Secret>> answer;
        int answers = 0;
        source.read(account(), [&](Poplar::Result<Poplar::Secret> read) {
            ++answers;
            answer = std::move(read);
        });
        QVERIFY(!answer);  // never inside the call
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(answers, 1);
        if (password.isEmpty()) {
            QVERIFY(!answer->ok());
            QCOMPARE(answer->error().code, error);
        } else {
            QVERIFY(answer->ok());
            QCOMPARE(answer->value().view(), QByteArrayView(password));
        }
        QCOMPARE(saved.reads, keychainReads);
        // What was given for this run stays there (the source took a copy).
        if (!session.isEmpty())
            QCOMPARE(Accounts::readBlocking(given, account().credentialKey).value().expose(), session);
    }

    void withoutASessionStoreTheKeychainAnswers()
    {
        MemoryKeychain saved;
        saved.secrets.insert(account().credentialKey, "saved");
        Sync::PasswordSource source(saved);
        auto read = Sync::readBlocking(source, account());
        QVERIFY(read);
        QCOMPARE(read.value().view(), QByteArrayView("saved"));
        // Another account's key holds nothing.
        Accounts::Account other = account();
        other.credentialKey = QStringLiteral("fedcba9876543210fedcba9876543210");
        QCOMPARE(Sync::readBlocking(source, other).error().code, ErrorCode::CredentialNotStored);
    }

    void aKeychainThatIsGoneIsUnavailable()
    {
        auto saved = std::make_unique<MemoryKeychain>();
        Sync::PasswordSource source(*saved);
        saved.reset();
        QCOMPARE(Sync::readBlocking(source, account()).error().code, ErrorCode::KeychainUnavailable);
    }

    void noAnswerOnceTheSourceIsGone()
    {
        MemoryKeychain saved;
        saved.secrets.insert(account().credentialKey, "saved");
        Accounts::SessionCredentialStore given;
        bool answered = false;
        auto source = std::make_unique<Sync::PasswordSource>(saved, &given);
        source->read(account(), [&](Poplar::Result<Poplar::Secret>) { answered = true; });
        source.reset();
        // The store answers in order: once a later read is answered, the
        // source's was too, and went nowhere.
        bool later = false;
        given.read(account().credentialKey, [&](Poplar::Result<Poplar::Secret>) { later = true; });
        QTRY_VERIFY(later);
        QVERIFY(!answered);
        QCOMPARE(saved.reads, 0);  // and the keychain was not asked

        source = std::make_unique<Sync::PasswordSource>(saved);
        source->read(account(), [&](Poplar::Result<Poplar::Secret>) { answered = true; });
        source.reset();
        later = false;
        saved.read(account().credentialKey, [&](Poplar::Result<Poplar::Secret>) { later = true; });
        QTRY_VERIFY(later);
        QVERIFY(!answered);
    }
};

QTEST_GUILESS_MAIN(TestPasswordSource)
#include "tst_password_source.moc"
