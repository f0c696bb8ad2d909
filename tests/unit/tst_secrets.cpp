// No copy of a secret is left behind in freed memory: while a login runs
// through Pop3::Session, every heap block freed (or moved by realloc) is
// searched for the password, its base64, the PLAIN message, the OAuth token
// and what SCRAM derives from the password. A block that still holds one
// was freed without being wiped.
//
// The test replaces free() and realloc() for its own process (glibc keeps
// __libc_free and __libc_realloc for the real work), so it is built only
// without sanitizers, which replace them too.

#include "accounts/Account.h"
#include "accounts/CredentialStore.h"
#include "common/Secret.h"
#include "pop3/Sasl.h"
#include "pop3/Session.h"

#include <QTest>

#include <malloc.h>

#include <array>
#include <atomic>
#include <cstring>
#include <type_traits>

extern "C" {
void __libc_free(void *ptr);
void *__libc_realloc(void *ptr, size_t size);
}

namespace {

struct Pattern {
    const char *data = nullptr;
    size_t size = 0;
    const char *name = nullptr;
};

constexpr size_t MaxPatterns = 8;
std::array<Pattern, MaxPatterns> g_patterns;
size_t g_patternCount = 0;
std::atomic<bool> g_watching { false };
std::atomic<int> g_leaks { 0 };
const char *g_firstLeak = nullptr;

// Which pattern a block holds (nullptr: none). No allocation in here.
const char *holdsSecret(const void *ptr)
{
    const size_t size = malloc_usable_size(const_cast<void *>(ptr));
    for (size_t i = 0; i < g_patternCount; ++i) {
        const Pattern &p = g_patterns[i];
        if (p.size && p.size <= size && memmem(ptr, size, p.data, p.size))
            return p.name;
    }
    return nullptr;
}

void record(const char *name)
{
    if (g_leaks.fetch_add(1) == 0)
        g_firstLeak = name;
}

}  // namespace

extern "C" void free(void *ptr)
{
    if (ptr && g_watching.load(std::memory_order_relaxed)) {
        if (const char *name = holdsSecret(ptr))
            record(name);
    }
    __libc_free(ptr);
}

extern "C" void *realloc(void *ptr, size_t size)
{
    if (!ptr || !g_watching.load(std::memory_order_relaxed))
        return __libc_realloc(ptr, size);
    const char *name = holdsSecret(ptr);
    void *moved = __libc_realloc(ptr, size);
    if (name && moved != ptr)
        record(name);  // the old block went back to the heap as it was
    return moved;
}

using namespace Pop3;
using Poplar::Secret;

// A Secret is handed over, never copied by accident, and never turns into a
// plain array or string by itself.
static_assert(!std::is_copy_constructible_v<Secret>);
static_assert(!std::is_copy_assignable_v<Secret>);
static_assert(std::is_nothrow_move_constructible_v<Secret>);
static_assert(!std::is_convertible_v<Secret, QByteArray>);
static_assert(!std::is_convertible_v<Secret, QString>);
static_assert(!std::is_convertible_v<Secret, QByteArrayView>);
static_assert(!std::is_convertible_v<QByteArray, Secret>);

namespace {

// Watches the heap while it lives; the patterns must outlive it.
class Watch
{
public:
    explicit Watch(const QList<std::pair<const char *, QByteArray>> &patterns)
    {
        g_patternCount = 0;
        for (const auto &[name, bytes] : patterns) {
            if (g_patternCount < MaxPatterns)
                g_patterns[g_patternCount++] = Pattern { bytes.constData(), size_t(bytes.size()), name };
        }
        g_leaks = 0;
        g_firstLeak = nullptr;
        g_watching = true;
    }
    ~Watch() { g_watching = false; }
    Watch(const Watch &) = delete;
    Watch &operator=(const Watch &) = delete;
};

const QByteArray kPassword = "Sup3r-S3cret-Passw0rd-For-The-Wipe-Test";

Credentials credentials(Credentials::Kind kind = Credentials::Kind::Password)
{
    Credentials c;
    c.user = QStringLiteral("alice");
    c.secret = kPassword;
    c.kind = kind;
    return c;
}

// Feeds one server line and takes what the client wrote.
QByteArray exchange(Session &s, const QByteArray &line)
{
    s.feed(line);
    return s.takeOutgoing();
}

// A session at the point of login on an encrypted link, with these capabilities.
void open(Session &s, const QByteArray &caps)
{
    s.setLinkEncrypted(true);
    s.feed("+OK ready <1.2@localhost>\r\n");
    s.capa();
    (void)s.takeOutgoing();
    s.feed(QByteArray("+OK\r\n" + caps + ".\r\n"));
    (void)s.takeEvents();
    (void)s.takeLogEntries();
}

}  // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

    // Runs `login` on a fresh session under watch for every form of the
    // password; `out` collects what the client wrote (checked afterwards).
    template<typename Login>
    void watchLogin(const QByteArray &caps, const QList<std::pair<const char *, QByteArray>> &extra, Login login)
    {
        QList<std::pair<const char *, QByteArray>> patterns { { "password", kPassword },
            { "base64 password", kPassword.toBase64() },
            { "PLAIN message", QByteArray(QByteArray("\0alice\0", 7) + kPassword).toBase64() } };
        patterns += extra;
        {
            Watch watch(patterns);
            SessionOptions o;
            o.nonceGenerator = [] { return QByteArray("rOprNGfwEbeRWgbNEkqO"); };
            Session s(o);
            open(s, caps);
            login(s);
            (void)s.takeEvents();
            (void)s.takeLogEntries();
        }  // the session is gone too: what it held was wiped
        QVERIFY2(g_leaks == 0,
            qPrintable(QStringLiteral("%1 freed block(s) still held a secret, the first: %2")
                           .arg(g_leaks.load())
                           .arg(QString::fromLatin1(g_firstLeak))));
    }

    QList<QByteArray> m_out;

private Q_SLOTS:
    void init() { m_out.clear(); }

    // Proves the watch sees a secret freed unwiped.
    void watchSeesAnUnwipedCopy()
    {
        const QByteArray pattern = kPassword;
        {
            Watch watch({ { "password", pattern } });
            QByteArray copy(pattern.constData(), pattern.size());
            Q_UNUSED(copy);
        }
        QCOMPARE(g_leaks.load(), 1);
        {
            Watch watch({ { "password", pattern } });
            QByteArray copy(pattern.constData(), pattern.size());
            wipe(copy);
        }
        QCOMPARE(g_leaks.load(), 0);
    }

    void userPass()
    {
        watchLogin("USER\r\n", {}, [this](Session &s) {
            s.authenticate(credentials());
            m_out << s.takeOutgoing();
            m_out << exchange(s, "+OK\r\n");
            m_out << exchange(s, "+OK logged in\r\n");
        });
        QCOMPARE(m_out.value(1), QByteArray("PASS " + kPassword + "\r\n"));
    }

    void plainInitialResponse()
    {
        watchLogin("SASL PLAIN\r\n", {}, [this](Session &s) {
            s.authenticate(credentials());
            m_out << s.takeOutgoing();
            m_out << exchange(s, "+OK\r\n");
        });
        QVERIFY(m_out.value(0).startsWith("AUTH PLAIN "));
    }

    void plainAfterTheChallenge()
    {
        // A long user name: the initial response does not fit on the AUTH line.
        const QString longUser = QString(300, QLatin1Char('u'));
        const QByteArray message = QByteArray("\0", 1) + longUser.toUtf8() + '\0' + kPassword;
        watchLogin("SASL PLAIN\r\n", { { "long PLAIN message", message.toBase64() } }, [this, &longUser](Session &s) {
            Credentials c = credentials();
            c.user = longUser;
            s.authenticate(c);
            m_out << s.takeOutgoing();
            m_out << exchange(s, "+ \r\n");
            m_out << exchange(s, "+OK\r\n");
        });
        QCOMPARE(m_out.value(0), QByteArray("AUTH PLAIN\r\n"));
        QCOMPARE(m_out.value(1), QByteArray(message.toBase64() + "\r\n"));
    }

    void plainRefusedBeforeTheDeferredResponseWentOut()
    {
        const QString longUser = QString(300, QLatin1Char('u'));
        const QByteArray message = QByteArray("\0", 1) + longUser.toUtf8() + '\0' + kPassword;
        watchLogin("SASL PLAIN\r\n", { { "long PLAIN message", message } }, [this, &longUser](Session &s) {
            Credentials c = credentials();
            c.user = longUser;
            s.authenticate(c);
            m_out << s.takeOutgoing();
            m_out << exchange(s, "-ERR not now\r\n");
        });
        QCOMPARE(m_out.value(0), QByteArray("AUTH PLAIN\r\n"));
    }

    void login()
    {
        watchLogin("SASL LOGIN\r\n", {}, [this](Session &s) {
            s.authenticate(credentials());
            m_out << s.takeOutgoing();
            m_out << exchange(s, "+ VXNlcm5hbWU6\r\n");
            m_out << exchange(s, "+ UGFzc3dvcmQ6\r\n");
            m_out << exchange(s, "+OK\r\n");
        });
        QCOMPARE(m_out.value(2), QByteArray(kPassword.toBase64() + "\r\n"));
    }

    void apop()
    {
        // The digest input (timestamp and password) leaves nothing behind either.
        watchLogin("USER\r\n", { { "APOP input", QByteArray("<1.2@localhost>" + kPassword) } }, [this](Session &s) {
            Credentials c = credentials();
            c.mechanism = Mechanism::Apop;
            s.authenticate(c);
            m_out << s.takeOutgoing();
            m_out << exchange(s, "+OK\r\n");
        });
        QVERIFY(m_out.value(0).startsWith("APOP alice "));
    }

    void cramMd5()
    {
        watchLogin("SASL CRAM-MD5\r\n", {}, [this](Session &s) {
            Credentials c = credentials();
            c.mechanism = Mechanism::CramMd5;
            s.authenticate(c);
            m_out << s.takeOutgoing();
            m_out << exchange(s, "+ " + QByteArray("<1896.697170952@postoffice.example>").toBase64() + "\r\n");
            m_out << exchange(s, "+OK\r\n");
        });
        QCOMPARE(m_out.value(0), QByteArray("AUTH CRAM-MD5\r\n"));
    }

    void xoauth2()
    {
        const QByteArray message = "user=alice\x01"
                                   "auth=Bearer "
            + kPassword + "\x01\x01";
        watchLogin("SASL XOAUTH2\r\n", { { "XOAUTH2 message", message.toBase64() } }, [this](Session &s) {
            s.authenticate(credentials(Credentials::Kind::OAuthToken));
            m_out << s.takeOutgoing();
            m_out << exchange(s, "+ \r\n");
            m_out << exchange(s, "+OK\r\n");
        });
        QCOMPARE(m_out.value(1), QByteArray(message.toBase64() + "\r\n"));
    }

    void oauthBearer()
    {
        watchLogin("SASL OAUTHBEARER\r\n", {}, [this](Session &s) {
            s.authenticate(credentials(Credentials::Kind::OAuthToken));
            m_out << s.takeOutgoing();
            m_out << exchange(s, "+OK\r\n");
        });
        QVERIFY(m_out.value(0).startsWith("AUTH OAUTHBEARER "));
    }

    void scramSha256()
    {
        // What SCRAM derives from the password: none of it may survive either.
        const QByteArray salt = QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ==");
        const QByteArray salted = Scram::hi(QCryptographicHash::Sha256, kPassword, salt, 4096);
        const QByteArray clientKey = hmac(QCryptographicHash::Sha256, salted, "Client Key");
        const QByteArray storedKey = secretDigest(QCryptographicHash::Sha256, clientKey);
        const QByteArray serverKey = hmac(QCryptographicHash::Sha256, salted, "Server Key");
        const QByteArray serverFirst
            = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        watchLogin("SASL SCRAM-SHA-256\r\n",
            { { "salted password", salted }, { "ClientKey", clientKey }, { "StoredKey", storedKey },
                { "ServerKey", serverKey } },
            [this, &serverFirst](Session &s) {
                s.authenticate(credentials());
                m_out << s.takeOutgoing();
                m_out << exchange(s, "+ " + serverFirst.toBase64() + "\r\n");
                // A wrong server signature: the exchange is cancelled.
                m_out << exchange(s, "+ " + QByteArray("v=AAAA").toBase64() + "\r\n");
                m_out << exchange(s, "-ERR cancelled\r\n");
            });
        QVERIFY(QByteArray::fromBase64(m_out.value(1).trimmed()).contains(",p="));
        QCOMPARE(m_out.value(2), QByteArray("*\r\n"));
    }

    void credentialsOfACommandThatNeverRan()
    {
        // Queued before the greeting, then the session is dropped.
        {
            Watch watch({ { "password", kPassword } });
            Session s;
            Credentials c = credentials();
            c.secret = QByteArray(kPassword.constData(), kPassword.size());  // the session's copy is the last
            s.authenticate(c);
            wipe(c.secret);
        }
        QVERIFY2(g_leaks == 0, g_firstLeak);
    }

    // --- Poplar::Secret ---------------------------------------------------------

    // A fresh heap copy of the password (not shared with kPassword).
    static QByteArray freshPassword() { return QByteArray(kPassword.constData(), kPassword.size()); }

    void secretWipesItselfWhenDestroyed()
    {
        {
            Watch watch({ { "password", kPassword } });
            Secret s(freshPassword());
            QCOMPARE(s.view(), QByteArrayView(kPassword));
        }
        QVERIFY2(g_leaks == 0, g_firstLeak);
    }

    void movedSecretLeavesNothingBehind()
    {
        {
            Watch watch({ { "password", kPassword } });
            Secret a(freshPassword());
            Secret b(std::move(a));
            QVERIFY(a.isEmpty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
            QCOMPARE(b.view(), QByteArrayView(kPassword));
            Secret c;
            c = std::move(b);
            QVERIFY(b.isEmpty());  // NOLINT(bugprone-use-after-move)
            QCOMPARE(c.view(), QByteArrayView(kPassword));
        }
        QVERIFY2(g_leaks == 0, g_firstLeak);
    }

    void assigningOverASecretWipesTheOldOne()
    {
        const QByteArray other = "An0ther-Secr3t-That-Replaces-The-First-One";
        {
            // The first password is freed at the assignment, while watched.
            Watch watch({ { "password", kPassword }, { "other", other } });
            Secret s(freshPassword());
            s = Secret(QByteArray(other.constData(), other.size()));
            QCOMPARE(s.view(), QByteArrayView(other));
            s = QByteArray(kPassword.constData(), kPassword.size());
            QCOMPARE(s.view(), QByteArrayView(kPassword));
            s.clear();
            QVERIFY(s.isEmpty());
        }
        QVERIFY2(g_leaks == 0, g_firstLeak);
    }

    void cloneAndAppendLeaveNothingBehind()
    {
        const QByteArray twice = QByteArray(kPassword + kPassword);
        {
            Watch watch({ { "password", kPassword } });
            Secret s(freshPassword());
            Secret copy = s.clone();
            QVERIFY(copy.view().data() != s.view().data());
            // Growing past the capacity moves into a bigger block: the old one is wiped.
            Secret built;
            for (char c : kPassword)
                built.append(c);
            built.append(kPassword);
            QCOMPARE(built.view(), QByteArrayView(twice));
            Secret exact = Secret::withCapacity(kPassword.size());
            exact.append(kPassword);
            QCOMPARE(exact.view(), QByteArrayView(kPassword));
        }
        QVERIFY2(g_leaks == 0, g_firstLeak);
    }

    void secretNeverWipesTheCallersCopy()
    {
        QByteArray mine = freshPassword();
        {
            Watch watch({ { "password", kPassword } });
            {
                Secret s(mine);  // shared with `mine`
                (void)s.data();  // writable: its own copy now
            }
            QCOMPARE(mine, kPassword);  // untouched by the Secret
            Poplar::wipe(mine);
        }
        QVERIFY2(g_leaks == 0, g_firstLeak);
        QVERIFY(mine.isEmpty());
    }

    void copiedCredentialsWipeTheirOwnSecret()
    {
        {
            Watch watch({ { "password", kPassword } });
            Credentials a;
            a.user = QStringLiteral("alice");
            a.secret = freshPassword();
            Credentials b = a;  // a deep copy of the secret, wiped with b
            QVERIFY(b.secret.view().data() != a.secret.view().data());
            QCOMPARE(b.secret.view(), QByteArrayView(kPassword));
            Credentials c;
            c = b;
            Credentials d = std::move(c);
            QVERIFY(c.secret.isEmpty());  // NOLINT(bugprone-use-after-move)
            QCOMPARE(d.secret.view(), QByteArrayView(kPassword));
        }
        QVERIFY2(g_leaks == 0, g_firstLeak);
    }

    // --- Secrets on their way to a login ----------------------------------------

    // credentials() takes the Secret over: the caller is left with nothing
    // (nothing to wipe by hand), and the bytes are the same, not a copy.
    void credentialsTakeTheSecretOver()
    {
        {
            Watch watch({ { "password", kPassword } });
            Accounts::Account account;
            account.user = QStringLiteral("alice");
            Secret typed(freshPassword());
            const char *bytes = typed.view().data();
            const Credentials c = Accounts::credentials(account, std::move(typed));
            QVERIFY(typed.isEmpty());  // NOLINT(bugprone-use-after-move): handed over
            QCOMPARE(c.secret.view(), QByteArrayView(kPassword));
            QCOMPARE(c.secret.view().data(), bytes);
        }
        QVERIFY2(g_leaks == 0, g_firstLeak);
    }

    // A CredentialStore's write takes the Secret it is given; what a read
    // answers is a Secret of its own; both wipe themselves.
    void credentialStoreTakesWhatIsWritten()
    {
        const QString key = QStringLiteral("key");
        {
            Watch watch({ { "password", kPassword } });
            Accounts::SessionCredentialStore store;
            Secret typed(freshPassword());
            QVERIFY(Accounts::writeBlocking(store, key, std::move(typed)));
            QVERIFY(typed.isEmpty());  // NOLINT(bugprone-use-after-move): the store holds it now
            Poplar::Result<Secret> back = Accounts::readBlocking(store, key);
            QVERIFY(back);
            QCOMPARE(back.value().view(), QByteArrayView(kPassword));
        }
        QVERIFY2(g_leaks == 0, g_firstLeak);
    }

    // A read whose answer never arrives (the store went first) leaves no
    // copy of the password behind.
    void anUndeliveredAnswerWipesItself()
    {
        {
            Watch watch({ { "password", kPassword } });
            bool answered = false;
            {
                Accounts::SessionCredentialStore store;
                QVERIFY(Accounts::writeBlocking(store, QStringLiteral("key"), Secret(freshPassword())));
                store.read(QStringLiteral("key"), [&](Poplar::Result<Secret>) { answered = true; });
            }
            QVERIFY(!answered);
        }
        QVERIFY2(g_leaks == 0, g_firstLeak);
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
