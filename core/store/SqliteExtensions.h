#pragma once

#include "common/Result.h"

#include <QByteArray>

class QSqlDatabase;

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

// The folding the tokenizer applies to one lower-case UTF-8 token
// (exposed for tests).
[[nodiscard]] QByteArray foldSearchToken(QByteArrayView token);

}  // namespace Store
