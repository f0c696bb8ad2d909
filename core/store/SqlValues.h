#pragma once

#include "common/Result.h"
#include "store/StoreTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>

// How the store's values look in SQL: times, optional columns, id lists,
// and the conditions that name a folder kind or a flag. Every SQL text that
// needs a FolderKind or a Flag builds it here from the C++ enums, so their
// numbers are written down once (StoreTypes.h).
namespace Store::Sql {

// Milliseconds since the epoch, UTC (0: not set).
[[nodiscard]] qint64 toMs(const QDateTime &dt);
[[nodiscard]] QDateTime fromMs(qint64 ms);
[[nodiscard]] qint64 nowMs();

// A null QString binds as SQL NULL; these columns are NOT NULL ''.
[[nodiscard]] QVariant notNull(const QString &s);
[[nodiscard]] QString notNullText(const QString &s);
// Empty text is stored as SQL NULL (optional columns).
[[nodiscard]] QVariant textOrNull(const QByteArray &utf8);
[[nodiscard]] QVariant textOrNull(const QString &s);
// The same as a QString for Statement::text (null: SQL NULL).
[[nodiscard]] QString textOrNullText(const QByteArray &utf8);
[[nodiscard]] QString textOrNullText(const QString &s);
// 0 (no folder, no account) is stored as SQL NULL.
[[nodiscard]] QVariant idOrNull(qint64 id);

// "1,2,3": ids are integers formatted here, so no injection is possible.
[[nodiscard]] QString idList(const QList<qint64> &ids);
// "[1,2,3]", for json_each(?).
[[nodiscard]] QString idJson(const QList<qint64> &ids);
// Runs `fn` for slices of at most 500 ids (as idList() text).
[[nodiscard]] Poplar::Status forIdSlices(
    const QList<qint64> &ids, const std::function<Poplar::Status(const QString &)> &fn);

// The number SQL stores for a kind or a flag.
[[nodiscard]] constexpr int value(FolderKind kind)
{
    return static_cast<int>(kind);
}
// "kind = 1" for FolderKind::Inbox (with an optional table alias: "f.kind = 1").
[[nodiscard]] QString kindIs(FolderKind kind, const QString &alias = {});
// "(flags & 1) != 0" / "(flags & 1) = 0".
[[nodiscard]] QString hasFlag(int flag);
[[nodiscard]] QString lacksFlag(int flag);

// Conditions on a message row: in any account's Inbox; not in Trash.
[[nodiscard]] QString inInboxes();
[[nodiscard]] QString notInTrash();

}  // namespace Store::Sql
