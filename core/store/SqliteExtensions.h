#pragma once

#include "common/Result.h"

#include <QByteArray>

#include <functional>

class QSqlDatabase;
struct sqlite3;

namespace Store {

// What Poplar adds to every SQLite connection it opens, before any
// statement runs. The search index cannot be read or written without it.
//
// - Tokenizer "poplar": FTS5's unicode61 with diacritics removed
//   (é → e, ñ → n), plus the foldings unicode61 leaves alone because they
//   are not diacritics: ß/ẞ → ss, æ → ae, œ → oe, ø → o, ł → l, đ → d, þ → th.
//   Documents and queries pass through it alike, so "strasse" finds
//   "Straße" and "Straße" finds "STRASSE".
[[nodiscard]] Poplar::Status registerSqliteExtensions(QSqlDatabase &db);

// Replaces SQLite's automatic checkpoint on this connection: after every
// commit, `hook` gets the number of frames in the write-ahead log and returns
// true to checkpoint (PASSIVE) right there, false to leave it. `hook` must
// outlive the connection, or be removed (nullptr) first.
using WalCommitHook = std::function<bool(int frames)>;
[[nodiscard]] Poplar::Status setWalCommitHook(QSqlDatabase &db, WalCommitHook *hook);

// The SQLite connection under `db` (nullptr when it is not open, or the Qt
// driver uses another SQLite than Poplar).
[[nodiscard]] sqlite3 *nativeHandle(QSqlDatabase &db);

// The folding the tokenizer applies to one lower-case UTF-8 token
// (exposed for tests).
[[nodiscard]] QByteArray foldSearchToken(QByteArrayView token);

}  // namespace Store
