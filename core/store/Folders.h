#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/StoreTypes.h"

#include <QList>
#include <QString>

namespace Store {

// The folder tree: every account's Inbox, local folders (nested) and the
// one Trash. Each function works on the connection it is given (a read
// connection, or the writer's inside a write job).
class Folders
{
public:
    // Every folder with its path and counts, Inboxes first, then local
    // folders, then Trash.
    [[nodiscard]] static Poplar::Result<QList<Folder>> load(Database &db);
    [[nodiscard]] static Poplar::Result<Folder> byId(Database &db, qint64 id);
    [[nodiscard]] static Poplar::Result<Folder> byPath(Database &db, const QString &path);
    [[nodiscard]] static Poplar::Result<FolderKind> kindOf(Database &db, qint64 id);
    [[nodiscard]] static Poplar::Result<qint64> trashId(Database &db);

    // Not empty, no '/', no control characters, at most 255 characters.
    [[nodiscard]] static Poplar::Status validateName(const QString &name);

    // Writes (inside a write job).
    [[nodiscard]] static Poplar::Result<qint64> create(Database &db, qint64 parentId, const QString &name);
    // "Local/a/b": finds that local folder, creating it and its parents as needed.
    [[nodiscard]] static Poplar::Result<qint64> ensureLocal(Database &db, const QString &path);
    [[nodiscard]] static Poplar::Status rename(Database &db, qint64 id, const QString &name);
    [[nodiscard]] static Poplar::Status move(Database &db, qint64 id, qint64 newParentId);
    // A local folder and its subfolders; their messages go to Trash.
    [[nodiscard]] static Poplar::Status remove(Database &db, qint64 id);
    // An account's Inbox, for a new account.
    [[nodiscard]] static Poplar::Result<qint64> createInbox(Database &db, qint64 accountId);
    // Makes an account's Inbox the top-level local folder `name`.
    [[nodiscard]] static Poplar::Status keepInboxAsLocal(Database &db, qint64 accountId, const QString &name);
    // A name no top-level local folder has yet: `name`, "name (2)", …
    [[nodiscard]] static Poplar::Result<QString> freeTopLevelName(Database &db, const QString &name);

private:
    // A local folder that may hold subfolders or be changed by the user.
    [[nodiscard]] static Poplar::Status requireLocal(Database &db, qint64 id, const QString &what);
    [[nodiscard]] static Poplar::Result<Folder> find(
        Database &db, const std::function<bool(const Folder &)> &match, const QString &what);
};

}  // namespace Store
