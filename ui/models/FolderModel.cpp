#include "models/FolderModel.h"

#include "models/MessageListModel.h"
#include "models/MessageOperations.h"
#include "models/StoreReader.h"
#include "models/TransferRule.h"
#include "store/Store.h"
#include "style/Icons.h"

#include <QCollator>
#include <QFont>
#include <QMimeData>

#include <algorithm>
#include <utility>

namespace Poplar::Ui {

using Store::Folder;
using Store::FolderKind;
using Store::MailStore;

struct FolderModel::Node {
    Kind kind = Kind::Local;
    qint64 id = 0;
    QString name;
    int unread = 0;
    int total = 0;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(Kind k, qint64 folderId, const QString &n)
    {
        auto child = std::make_unique<Node>();
        child->kind = k;
        child->id = folderId;
        child->name = n;
        child->parent = this;
        children.push_back(std::move(child));
        return children.back().get();
    }
    [[nodiscard]] int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return 0;
    }
    [[nodiscard]] bool isWithin(const Node *other) const
    {
        for (const Node *n = this; n; n = n->parent) {
            if (n == other)
                return true;
        }
        return false;
    }
};

FolderModel::FolderModel(MailStore *store, QObject *parent)
    : FolderModel(store, nullptr, parent)
{ }

FolderModel::FolderModel(MailStore *store, MessageOperations *operations, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
    , m_operations(operations ? operations : new MessageOperations(store, this))
    , m_root(std::make_unique<Node>())
{
    using Operation = MessageOperations::Kind;
    connect(
        m_operations, &MessageOperations::finished, this, [this](quint64 op, Operation, const QList<qint64> &, qint64) {
            const auto asked = m_asked.constFind(op);
            if (asked == m_asked.constEnd())
                return;
            const bool messages = *asked;
            m_asked.erase(asked);
            if (auto r = refresh(); !r)
                Q_EMIT operationFailed(r.error());
            if (messages)
                Q_EMIT messagesChanged();
        });
    connect(m_operations, &MessageOperations::failed, this,
        [this](quint64 op, Operation, const QList<qint64> &, const Poplar::Error &error) {
            const auto asked = m_asked.constFind(op);
            if (asked == m_asked.constEnd())
                return;
            const bool messages = *asked;
            m_asked.erase(asked);
            Q_EMIT operationFailed(error);
            (void)refresh();  // a long move keeps the steps it made
            if (messages)
                Q_EMIT messagesChanged();
        });
}

FolderModel::~FolderModel() = default;

Status FolderModel::refresh()
{
    m_reloads.overtake();
    auto folders = m_store->folders();
    if (!folders)
        return folders.error();
    apply(*folders);
    return {};
}

void FolderModel::reload()
{
    m_reloads.reload<Result<QList<Folder>>>([](MailStore &store) { return store.folders(); },
        [this](Result<QList<Folder>> folders) {
            if (folders) {
                m_failureTold = false;
                apply(*folders);
            } else if (!std::exchange(m_failureTold, true)) {  // told once, not at every batch
                Q_EMIT operationFailed(folders.error());
            }
        },
        [this] { reload(); }, [this] { Q_EMIT reloaded(); });
}

void FolderModel::apply(const QList<Folder> &folders)
{
    auto root = std::make_unique<Node>();
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    collator.setNumericMode(true);

    Node *unified = root->add(Kind::UnifiedInbox, MailStore::UnifiedInbox, tr("Unified Inbox"));
    QList<Folder> inboxes, locals;
    const Folder *trash = nullptr;
    for (const Folder &f : folders) {
        if (f.kind == FolderKind::Inbox)
            inboxes << f;
        else if (f.kind == FolderKind::Local)
            locals << f;
        else
            trash = &f;
    }
    auto accountOf = [](const Folder &inbox) { return inbox.path.section(QLatin1Char('/'), 0, 0); };
    std::sort(inboxes.begin(), inboxes.end(),
        [&](const Folder &a, const Folder &b) { return collator.compare(accountOf(a), accountOf(b)) < 0; });
    for (const Folder &f : inboxes) {
        Node *n = root->add(Kind::Inbox, f.id, accountOf(f));
        n->unread = f.unread;
        n->total = f.total;
        unified->unread += f.unread;
        unified->total += f.total;
    }
    Node *localRoot = root->add(Kind::LocalRoot, 0, tr("Local Folders"));
    std::sort(locals.begin(), locals.end(),
        [&](const Folder &a, const Folder &b) { return collator.compare(a.name, b.name) < 0; });
    // Parents before children, whatever order the folders came in.
    QHash<qint64, Node *> placed;
    placed.insert(0, localRoot);
    for (bool progress = true; progress && !locals.isEmpty();) {
        progress = false;
        for (auto it = locals.begin(); it != locals.end();) {
            if (Node *parent = placed.value(it->parentId)) {
                Node *n = parent->add(Kind::Local, it->id, it->name);
                n->unread = it->unread;
                n->total = it->total;
                placed.insert(it->id, n);
                it = locals.erase(it);
                progress = true;
            } else {
                ++it;
            }
        }
    }
    if (trash) {
        Node *n = root->add(Kind::Trash, trash->id, tr("Trash"));
        n->unread = trash->unread;
        n->total = trash->total;
    }

    if (sameShape(*m_root, *root)) {
        takeCounts(*m_root, *root);
        return;
    }
    beginResetModel();
    m_root = std::move(root);
    endResetModel();
}

bool FolderModel::sameShape(const Node &a, const Node &b) const
{
    if (a.kind != b.kind || a.id != b.id || a.children.size() != b.children.size())
        return false;
    for (size_t i = 0; i < a.children.size(); ++i) {
        if (!sameShape(*a.children[i], *b.children[i]))
            return false;
    }
    return true;
}

// Takes names and counts from a tree of the same shape, telling views which changed.
void FolderModel::takeCounts(Node &into, const Node &from)
{
    for (size_t i = 0; i < into.children.size(); ++i) {
        Node &n = *into.children[i];
        const Node &f = *from.children[i];
        if (n.unread != f.unread || n.total != f.total || n.name != f.name) {
            n.unread = f.unread;
            n.total = f.total;
            n.name = f.name;
            const QModelIndex changed = indexOfNode(&n);
            Q_EMIT dataChanged(changed, changed);
        }
        takeCounts(n, f);
    }
}

FolderModel::Node *FolderModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex FolderModel::indexOfNode(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), 0, const_cast<Node *>(node));
}

QModelIndex FolderModel::indexOf(qint64 folderId) const
{
    std::vector<const Node *> todo { m_root.get() };
    while (!todo.empty()) {
        const Node *n = todo.back();
        todo.pop_back();
        if (n != m_root.get() && n->id == folderId && n->kind != Kind::LocalRoot)
            return indexOfNode(n);
        for (const auto &c : n->children)
            todo.push_back(c.get());
    }
    return {};
}

qint64 FolderModel::folderIdOf(const QModelIndex &index)
{
    return index.data(FolderIdRole).toLongLong();
}

FolderModel::Kind FolderModel::kindOf(const QModelIndex &index)
{
    return static_cast<Kind>(index.data(KindRole).toInt());
}

QModelIndex FolderModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (column != 0 || row < 0 || row >= int(p->children.size()))
        return {};
    return createIndex(row, 0, p->children[size_t(row)].get());
}

QModelIndex FolderModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(nodeOf(child)->parent);
}

int FolderModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int FolderModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant FolderModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeOf(index);
    const bool counted = n->kind != Kind::LocalRoot;
    switch (role) {
    case Qt::DisplayRole:
        if (counted && n->unread > 0)
            return tr("%1 (%2)").arg(n->name).arg(n->unread);
        return n->name;
    case Qt::EditRole:
    case NameRole: return n->name;
    case Qt::ToolTipRole:
        if (!counted)
            return {};
        if (n->kind == Kind::Inbox)
            return tr("Inbox of %1: %n message(s), %2 unread", nullptr, n->total).arg(n->name).arg(n->unread);
        return tr("%n message(s), %1 unread", nullptr, n->total).arg(n->unread);
    case Qt::AccessibleTextRole:
        if (!counted)
            return n->name;
        return tr("%1, %n unread", nullptr, n->unread).arg(n->name);
    case Qt::FontRole:
        if (counted && n->unread > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DecorationRole:
        switch (n->kind) {
        case Kind::UnifiedInbox: return Icons::unifiedInbox();
        case Kind::Inbox: return Icons::inbox();
        case Kind::Trash: return Icons::trash();
        case Kind::LocalRoot:
        case Kind::Local: return Icons::folder();
        }
        return {};
    case FolderIdRole: return n->id;
    case KindRole: return int(n->kind);
    case UnreadRole: return n->unread;
    case TotalRole: return n->total;
    default: return {};
    }
}

bool FolderModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    Node *n = nodeOf(index);
    if (!index.isValid() || role != Qt::EditRole || n->kind != Kind::Local)
        return false;
    const QString name = value.toString().trimmed();
    if (name == n->name)
        return true;
    // A name no folder may have is refused at once; one a sibling has
    // already is found by the store, and reported when it says so.
    if (auto st = MailStore::validateFolderName(name); !st) {
        Q_EMIT operationFailed(st.error());
        return false;
    }
    if (isBusy(n))
        return false;
    // Written away from the GUI thread; the row shows the new name (resorted
    // among its siblings) when it is stored.
    m_asked.insert(m_operations->renameFolder(n->id, name), false);
    return true;
}

bool FolderModel::setItemData(const QModelIndex &, const QMap<int, QVariant> &)
{
    return false;
}

Qt::ItemFlags FolderModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    switch (nodeOf(index)->kind) {
    case Kind::Local: f |= Qt::ItemIsEditable | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled; break;
    case Kind::Inbox:
    case Kind::Trash:
    case Kind::LocalRoot: f |= Qt::ItemIsDropEnabled; break;
    case Kind::UnifiedInbox: break;
    }
    return f;
}

QStringList FolderModel::mimeTypes() const
{
    return { QString::fromLatin1(MessageListModel::MimeType), QString::fromLatin1(FolderMimeType) };
}

QMimeData *FolderModel::mimeData(const QModelIndexList &indexes) const
{
    for (const QModelIndex &i : indexes) {
        const Node *n = nodeOf(i);
        if (i.isValid() && n->kind == Kind::Local) {
            auto *data = new QMimeData;
            data->setData(QString::fromLatin1(FolderMimeType), QByteArray::number(n->id));
            return data;
        }
    }
    return nullptr;
}

Qt::DropActions FolderModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions FolderModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

namespace {

qint64 draggedFolder(const QMimeData *data)
{
    bool ok = false;
    const qint64 id = data->data(QString::fromLatin1(FolderModel::FolderMimeType)).toLongLong(&ok);
    return ok ? id : 0;
}

}  // namespace

bool FolderModel::isBusy(const Node *node) const
{
    for (const Node *n = node; n && n != m_root.get(); n = n->parent) {
        if (n->kind != Kind::LocalRoot && m_operations->isFolderBusy(n->id))
            return true;
    }
    return false;
}

bool FolderModel::canDropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) const
{
    Q_UNUSED(row);
    Q_UNUSED(column);
    if (!data || !parent.isValid())
        return false;
    const Node *target = nodeOf(parent);
    // A folder on its way (being deleted, moved, renamed; Trash being
    // emptied), or inside one, takes nothing meanwhile, as the actions
    // refuse it.
    if (isBusy(target))
        return false;
    if (data->hasFormat(QString::fromLatin1(MessageListModel::MimeType))) {
        if (action != Qt::MoveAction && action != Qt::CopyAction)
            return false;
        if (TransferRule::onto(target->kind, action == Qt::CopyAction, false) == TransferRule::Transfer::None)
            return false;
        // Messages already on their way somewhere are not sent twice.
        return !m_operations->hasBusyMessages() || !m_operations->anyBusy(MessageListModel::idsFrom(data));
    }
    if (data->hasFormat(QString::fromLatin1(FolderMimeType)) && action == Qt::MoveAction) {
        const QModelIndex dragged = indexOf(draggedFolder(data));
        if (!dragged.isValid() || (target->kind != Kind::Local && target->kind != Kind::LocalRoot)
            || isBusy(nodeOf(dragged)))
            return false;
        const Node *folder = nodeOf(dragged);
        // Not into itself or one of its own subfolders; not where it is.
        return !target->isWithin(folder) && folder->parent != target;
    }
    return false;
}

bool FolderModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const Node *target = nodeOf(parent);
    // Written away from the GUI thread; the tree and the lists follow when
    // it is stored (messagesChanged), and a failure is reported then.
    if (data->hasFormat(QString::fromLatin1(MessageListModel::MimeType))) {
        const QList<qint64> ids = MessageListModel::idsFrom(data);
        if (ids.isEmpty())
            return false;
        const quint64 op = m_operations->transfer(
            ids, target->id, TransferRule::onto(target->kind, action == Qt::CopyAction, false));
        m_asked.insert(op, true);
    } else {
        const quint64 op
            = m_operations->moveFolder(draggedFolder(data), target->kind == Kind::LocalRoot ? 0 : target->id);
        m_asked.insert(op, false);
    }
    return true;
}

}  // namespace Poplar::Ui
