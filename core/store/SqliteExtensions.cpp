#include "store/SqliteExtensions.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include <cstring>
#include <string>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;

namespace {

struct Folding {
    const char *from;  // UTF-8, lower case (unicode61 folds case first)
    const char *to;
};
// unicode61 folds case and strips combining marks; these letters carry no
// mark to strip, so they are folded here.
constexpr Folding kFoldings[] = {
    { "\xC3\x9F", "ss" },      // ß
    { "\xE1\xBA\x9E", "ss" },  // ẞ (in case it reaches us unfolded)
    { "\xC3\xA6", "ae" },      // æ
    { "\xC5\x93", "oe" },      // œ
    { "\xC3\xB8", "o" },       // ø
    { "\xC5\x82", "l" },       // ł
    { "\xC4\x91", "d" },       // đ
    { "\xC3\xBE", "th" },      // þ
};

// Every folded letter starts with one of these lead bytes.
bool mayNeedFolding(const char *p, int n)
{
    for (int i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (c == 0xC3 || c == 0xC4 || c == 0xC5 || c == 0xE1)
            return true;
    }
    return false;
}

void foldInto(const char *p, int n, std::string &out)
{
    out.clear();
    out.reserve(size_t(n) + 8);
    for (int i = 0; i < n;) {
        bool folded = false;
        for (const Folding &f : kFoldings) {
            const int len = int(std::strlen(f.from));
            if (i + len <= n && std::memcmp(p + i, f.from, size_t(len)) == 0) {
                out += f.to;
                i += len;
                folded = true;
                break;
            }
        }
        if (!folded)
            out += p[i++];
    }
}

// --- the FTS5 tokenizer ------------------------------------------------------

struct PoplarTokenizer {
    fts5_tokenizer parent {};
    Fts5Tokenizer *parentInstance = nullptr;
};

struct TokenContext {
    void *callerContext;
    int (*callerToken)(void *, int, const char *, int, int, int);
    std::string buffer;
};

int onParentToken(void *ctx, int flags, const char *token, int n, int start, int end)
{
    auto *c = static_cast<TokenContext *>(ctx);
    if (!mayNeedFolding(token, n))
        return c->callerToken(c->callerContext, flags, token, n, start, end);
    foldInto(token, n, c->buffer);
    return c->callerToken(c->callerContext, flags, c->buffer.data(), int(c->buffer.size()), start, end);
}

int tokenizerCreate(void *apiPointer, const char ** /*args*/, int /*nArgs*/, Fts5Tokenizer **out)
{
    auto *api = static_cast<fts5_api *>(apiPointer);
    auto *t = new PoplarTokenizer;
    void *parentUserData = nullptr;
    int rc = api->xFindTokenizer(api, "unicode61", &parentUserData, &t->parent);
    if (rc == SQLITE_OK) {
        const char *parentArgs[] = { "remove_diacritics", "2" };
        rc = t->parent.xCreate(parentUserData, parentArgs, 2, &t->parentInstance);
    }
    if (rc != SQLITE_OK) {
        delete t;
        return rc;
    }
    *out = reinterpret_cast<Fts5Tokenizer *>(t);
    return SQLITE_OK;
}

void tokenizerDelete(Fts5Tokenizer *tokenizer)
{
    auto *t = reinterpret_cast<PoplarTokenizer *>(tokenizer);
    if (t->parentInstance)
        t->parent.xDelete(t->parentInstance);
    delete t;
}

int tokenizerTokenize(Fts5Tokenizer *tokenizer, void *ctx, int flags, const char *text, int n,
    int (*xToken)(void *, int, const char *, int, int, int))
{
    auto *t = reinterpret_cast<PoplarTokenizer *>(tokenizer);
    TokenContext c { ctx, xToken, {} };
    return t->parent.xTokenize(t->parentInstance, &c, flags, text, n, onParentToken);
}

fts5_api *fts5Api(sqlite3 *db)
{
    fts5_api *api = nullptr;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return api;
}

int onWalCommit(void *context, sqlite3 *db, const char *schema, int frames)
{
    auto *hook = static_cast<WalCommitHook *>(context);
    if ((*hook)(frames))
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

}  // namespace

sqlite3 *nativeHandle(QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || std::strcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

Poplar::Status setWalCommitHook(QSqlDatabase &db, WalCommitHook *hook)
{
    sqlite3 *connection = nativeHandle(db);
    if (!connection)
        return Error(ErrorCode::StoreError, QStringLiteral("the SQLite connection is not open"));
    if (hook)
        sqlite3_wal_hook(connection, onWalCommit, hook);
    else
        sqlite3_wal_autocheckpoint(connection, 1000);  // SQLite's own hook again
    return {};
}

QByteArray foldSearchToken(QByteArrayView token)
{
    std::string out;
    foldInto(token.data(), int(token.size()), out);
    return QByteArray(out.data(), qsizetype(out.size()));
}

Poplar::Status registerSqliteExtensions(QSqlDatabase &db)
{
    sqlite3 *connection = nativeHandle(db);
    if (!connection)
        return Error(ErrorCode::StoreError, QStringLiteral("the SQLite driver gives no open connection handle"));
    // The Qt driver must use the same SQLite library Poplar links; a driver
    // with its own copy would hand out a handle this code cannot touch.
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT sqlite_source_id()")) || !q.next())
            return Error(ErrorCode::StoreError, QStringLiteral("cannot ask the SQLite driver for its version"));
        const QByteArray driverSource = q.value(0).toByteArray();
        if (driverSource != QByteArray(sqlite3_sourceid()))
            return Error(ErrorCode::StoreError,
                QStringLiteral("the Qt SQLite driver uses SQLite %1, Poplar was built with %2")
                    .arg(QString::fromLatin1(driverSource), QString::fromLatin1(sqlite3_sourceid())));
    }
    fts5_api *api = fts5Api(connection);
    if (!api || api->iVersion < 2)
        return Error(ErrorCode::StoreError, QStringLiteral("this SQLite has no FTS5 (version 2 API)"));
    fts5_tokenizer tokenizer { tokenizerCreate, tokenizerDelete, tokenizerTokenize };
    if (api->xCreateTokenizer(api, "poplar", api, &tokenizer, nullptr) != SQLITE_OK)
        return Error(ErrorCode::StoreError,
            QStringLiteral("cannot register the search tokenizer: %1").arg(QString::fromUtf8(sqlite3_errmsg(connection))));
    return {};
}

}  // namespace Store
