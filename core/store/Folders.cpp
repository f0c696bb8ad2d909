#include "store/Folders.h"

#include "store/AccountTable.h"
#include "store/SqlValues.h"

#include <QHash>

#include <algorithm>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

namespace {

// The order of the tree's top level: Inboxes, local folders, Trash.
int rank(FolderKind kind)
{
    switch (kind) {
    case FolderKind::Inbox: return 0;
    case FolderKind::Local: return 1;
    case FolderKind::Trash: return 2;
    }
    return 1;
}

}  // namespace

Result<QList<Folder>> Folders::load(Database &db)
{
    auto accountNames = AccountTable::names(db);
    if (!accountNames)
        return accountNames.error();
    auto q
        = db.query(QStringLiteral("SELECT id, ifnull(parent_id, 0), name, kind, ifnull(account_id, 0) FROM folders"));
    if (!q)
        return q.error();
    QHash<qint64, Folder> byId;
    QList<qint64> order;
    while (q.value().next()) {
        Folder f;
        f.id = q.value().value(0).toLongLong();
        f.parentId = q.value().value(1).toLongLong();
        f.name = q.value().value(2).toString();
        f.kind = static_cast<FolderKind>(q.value().value(3).toInt());
        f.accountId = q.value().value(4).toLongLong();
        byId.insert(f.id, f);
        order << f.id;
    }
    auto counts = db.query(QStringLiteral("SELECT folder_id, count(*), sum(%1) FROM messages GROUP BY folder_id")
                               .arg(Sql::lacksFlag(Flag::Seen)));
    if (!counts)
        return counts.error();
    while (counts.value().next()) {
        const qint64 id = counts.value().value(0).toLongLong();
        if (byId.contains(id)) {
            byId[id].total = counts.value().value(1).toInt();
            byId[id].unread = counts.value().value(2).toInt();
        }
    }
    QList<Folder> out;
    for (qint64 id : order) {
        Folder f = byId.value(id);
        switch (f.kind) {
        case FolderKind::Inbox: f.path = accountNames->value(f.accountId) + QStringLiteral("/Inbox"); break;
        case FolderKind::Trash: f.path = QStringLiteral("Trash"); break;
        case FolderKind::Local: {
            QStringList parts { f.name };
            qint64 parent = f.parentId;
            for (int guard = 0; parent && guard < 1000; ++guard) {
                const Folder &p = byId[parent];
                parts.prepend(p.name);
                parent = p.parentId;
            }
            f.path = QStringLiteral("Local/") + parts.join(QLatin1Char('/'));
            break;
        }
        }
        out << f;
    }
    std::sort(out.begin(), out.end(), [](const Folder &a, const Folder &b) {
        if (a.kind != b.kind)
            return rank(a.kind) < rank(b.kind);
        return a.path.compare(b.path, Qt::CaseInsensitive) < 0;
    });
    return out;
}

Result<Folder> Folders::find(Database &db, const std::function<bool(const Folder &)> &match, const QString &what)
{
    auto all = load(db);
    if (!all)
        return all.error();
    for (const Folder &f : *all) {
        if (match(f))
            return f;
    }
    return Error(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(what));
}

Result<Folder> Folders::byId(Database &db, qint64 id)
{
    return find(
        db, [id](const Folder &f) { return f.id == id; }, QString::number(id));
}

Result<Folder> Folders::byPath(Database &db, const QString &path)
{
    return find(
        db, [&path](const Folder &f) { return f.path == path; }, QLatin1Char('"') + path + QLatin1Char('"'));
}

Result<FolderKind> Folders::kindOf(Database &db, qint64 id)
{
    auto v = db.scalar(QStringLiteral("SELECT kind FROM folders WHERE id = ?"), { id });
    if (!v)
        return v.error();
    if (!v->isValid())
        return Error(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(id));
    return static_cast<FolderKind>(v->toInt());
}

Result<qint64> Folders::trashId(Database &db)
{
    auto v = db.scalar(QStringLiteral("SELECT id FROM folders WHERE kind = ?"), { Sql::value(FolderKind::Trash) });
    if (!v)
        return v.error();
    if (!v->isValid())
        return Error(ErrorCode::StoreCorrupt, QStringLiteral("the store has no Trash folder"));
    return v->toLongLong();
}

Status Folders::validateName(const QString &name)
{
    const QString n = name.trimmed();
    if (n.isEmpty() || n.size() > 255 || n != name || n.contains(QLatin1Char('/')) || n == QLatin1String(".")
        || n == QLatin1String(".."))
        return Error(ErrorCode::FolderNameInvalid, QStringLiteral("invalid folder name \"%1\"").arg(name));
    for (QChar c : n) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return Error(
                ErrorCode::FolderNameInvalid, QStringLiteral("folder names cannot contain control characters"));
    }
    return {};
}

Status Folders::requireLocal(Database &db, qint64 id, const QString &what)
{
    auto kind = kindOf(db, id);
    if (!kind)
        return kind.error();
    if (*kind != FolderKind::Local)
        return Error(ErrorCode::FolderProtected, what);
    return {};
}

Result<qint64> Folders::create(Database &db, qint64 parentId, const QString &name)
{
    if (auto st = validateName(name); !st)
        return st.error();
    if (parentId) {
        if (auto st = requireLocal(db, parentId, QStringLiteral("subfolders can only be made in local folders")); !st)
            return st.error();
    }
    auto dup = db.scalar(
        QStringLiteral("SELECT count(*) FROM folders WHERE ifnull(parent_id, 0) = ? AND name = ? AND kind = ?"),
        { parentId, name, Sql::value(FolderKind::Local) });
    if (!dup)
        return dup.error();
    if (dup->toInt() > 0)
        return Error(ErrorCode::FolderExists, QStringLiteral("a folder \"%1\" exists already").arg(name));
    if (auto s = db.exec(QStringLiteral("INSERT INTO folders(parent_id, name, kind, account_id, created_at) "
                                        "VALUES (?, ?, ?, NULL, ?)"),
            { Sql::idOrNull(parentId), name, Sql::value(FolderKind::Local), Sql::nowMs() });
        !s)
        return s.error();
    auto id = db.scalar(QStringLiteral("SELECT last_insert_rowid()"));
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<qint64> Folders::ensureLocal(Database &db, const QString &path)
{
    if (!path.startsWith(QLatin1String("Local/")))
        return Error(ErrorCode::FolderPathInvalid, QStringLiteral("local folder paths start with \"Local/\""));
    const QStringList parts = path.mid(6).split(QLatin1Char('/'));
    qint64 parent = 0;
    QString sofar = QStringLiteral("Local");
    for (const QString &part : parts) {
        sofar += QLatin1Char('/') + part;
        auto existing = byPath(db, sofar);
        if (existing) {
            parent = existing->id;
            continue;
        }
        if (existing.error().code != ErrorCode::NotFound)
            return existing.error();
        auto made = create(db, parent, part);
        if (!made)
            return made.error();
        parent = *made;
    }
    return parent;
}

Status Folders::rename(Database &db, qint64 id, const QString &name)
{
    if (auto st = validateName(name); !st)
        return st;
    if (auto st = requireLocal(db, id, QStringLiteral("system folders cannot be renamed")); !st)
        return st;
    auto dup = db.scalar(QStringLiteral("SELECT count(*) FROM folders WHERE ifnull(parent_id, 0) = "
                                        "(SELECT ifnull(parent_id, 0) FROM folders WHERE id = ?) AND name = ? "
                                        "AND id != ? AND kind = ?"),
        { id, name, id, Sql::value(FolderKind::Local) });
    if (!dup)
        return dup.error();
    if (dup->toInt() > 0)
        return Error(ErrorCode::FolderExists, QStringLiteral("a folder \"%1\" exists already").arg(name));
    return db.exec(QStringLiteral("UPDATE folders SET name = ? WHERE id = ?"), { name, id });
}

Status Folders::move(Database &db, qint64 id, qint64 newParentId)
{
    if (auto st = requireLocal(db, id, QStringLiteral("system folders cannot be moved")); !st)
        return st;
    if (newParentId) {
        if (auto st = requireLocal(db, newParentId, QStringLiteral("folders can only be moved into local folders"));
            !st)
            return st;
        // Not into itself or one of its own subfolders.
        auto inside = db.scalar(QStringLiteral("WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT f.id FROM "
                                               "folders f JOIN sub ON f.parent_id = sub.id) "
                                               "SELECT count(*) FROM sub WHERE id = ?"),
            { id, newParentId });
        if (!inside)
            return inside.error();
        if (inside->toInt() > 0)
            return Error(ErrorCode::FolderIntoItself, QStringLiteral("a folder cannot move into itself"));
    }
    auto dup = db.scalar(QStringLiteral("SELECT count(*) FROM folders WHERE ifnull(parent_id, 0) = ? AND name = "
                                        "(SELECT name FROM folders WHERE id = ?) AND id != ? AND kind = ?"),
        { newParentId, id, id, Sql::value(FolderKind::Local) });
    if (!dup)
        return dup.error();
    if (dup->toInt() > 0)
        return Error(ErrorCode::FolderExists, QStringLiteral("the target has a folder of that name"));
    return db.exec(QStringLiteral("UPDATE folders SET parent_id = ? WHERE id = ?"), { Sql::idOrNull(newParentId), id });
}

Status Folders::remove(Database &db, qint64 id)
{
    if (auto st = requireLocal(db, id, QStringLiteral("system folders cannot be deleted")); !st)
        return st;
    auto trash = trashId(db);
    if (!trash)
        return trash.error();
    // The folder and all its subfolders, deepest first.
    auto q = db.query(QStringLiteral("WITH RECURSIVE sub(id, depth) AS (SELECT ?, 0 UNION ALL SELECT f.id, "
                                     "sub.depth + 1 FROM folders f JOIN sub ON f.parent_id = sub.id) "
                                     "SELECT id FROM sub ORDER BY depth DESC"),
        { id });
    if (!q)
        return q.error();
    QList<qint64> subtree;
    while (q.value().next())
        subtree << q.value().value(0).toLongLong();
    if (auto s = db.exec(QStringLiteral("UPDATE messages SET trashed_from = NULL, trashed_at = ?, folder_id = ? "
                                        "WHERE folder_id IN (%1)")
                             .arg(Sql::idList(subtree)),
            { Sql::nowMs(), *trash });
        !s)
        return s;
    for (qint64 f : subtree) {
        if (auto s = db.exec(QStringLiteral("DELETE FROM folders WHERE id = ?"), { f }); !s)
            return s;
    }
    return {};
}

Result<qint64> Folders::createInbox(Database &db, qint64 accountId)
{
    if (auto s = db.exec(QStringLiteral("INSERT INTO folders(parent_id, name, kind, account_id, created_at) "
                                        "VALUES (NULL, ?, ?, ?, ?)"),
            { QStringLiteral("Inbox"), Sql::value(FolderKind::Inbox), accountId, Sql::nowMs() });
        !s)
        return s.error();
    auto id = db.scalar(QStringLiteral("SELECT last_insert_rowid()"));
    if (!id)
        return id.error();
    return id->toLongLong();
}

Result<QString> Folders::freeTopLevelName(Database &db, const QString &name)
{
    QString candidate = name;
    for (int n = 2;; ++n) {
        auto taken
            = db.scalar(QStringLiteral("SELECT 1 FROM folders WHERE kind = ? AND parent_id IS NULL AND name = ?"),
                { Sql::value(FolderKind::Local), candidate });
        if (!taken)
            return taken.error();
        if (!taken->isValid())
            return candidate;
        candidate = QStringLiteral("%1 (%2)").arg(name).arg(n);
    }
}

Status Folders::keepInboxAsLocal(Database &db, qint64 accountId, const QString &name)
{
    return db.exec(QStringLiteral("UPDATE folders SET kind = ?, account_id = NULL, parent_id = NULL, "
                                  "name = ? WHERE account_id = ? AND kind = ?"),
        { Sql::value(FolderKind::Local), name, accountId, Sql::value(FolderKind::Inbox) });
}

}  // namespace Store
