#pragma once

#include "common/Error.h"
#include "common/Result.h"
#include "models/StoreReader.h"
#include "store/StoreTypes.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

namespace Store {
class MailStore;
}

namespace Poplar::Ui {

class MessageOperations;

// The folder tree: the Unified Inbox (every account's Inbox), each
// account's Inbox, "Local Folders" with the user's folders, and Trash, each
// with its unread and total counts. Messages dropped on a folder move there
// (copy with the copy action; see TransferRule), written away from the GUI
// thread; a local folder dropped on another, or on "Local Folders", moves
// under it; local folders are renamed in place (written away from the GUI
// thread too). Nothing is dropped that is on its way already.
class FolderModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Kind { UnifiedInbox, Inbox, LocalRoot, Local, Trash };
    enum Role {
        FolderIdRole = Qt::UserRole + 1,  // qint64: a folder id, Store::MailStore::UnifiedInbox, or 0 (Local Folders)
        KindRole,                         // int, Kind
        UnreadRole,                       // int
        TotalRole,                        // int
        NameRole,                         // QString, without the count
    };
    static constexpr const char *FolderMimeType = "application/x-poplar-folder-id";

    explicit FolderModel(Store::MailStore *store, QObject *parent = nullptr);
    // Drops are written through `operations` (shared with the window's
    // other store writes, so they keep their order); without, its own.
    FolderModel(Store::MailStore *store, MessageOperations *operations, QObject *parent = nullptr);
    ~FolderModel() override;

    // Reads the folders and counts again. Counts alone update in place; a
    // changed tree is rebuilt (views keep nothing then: see indexOf).
    [[nodiscard]] Status refresh();
    // The same, with the query away from the GUI thread: the counts change
    // when it answers, then reloaded() follows (operationFailed first if it
    // failed). Asked again while one is under way, one more follows it. An
    // answer a later refresh() has overtaken is dropped.
    void reload();
    [[nodiscard]] bool isReloading() const { return m_reloads.isReloading(); }
    [[nodiscard]] QModelIndex indexOf(qint64 folderId) const;
    [[nodiscard]] static qint64 folderIdOf(const QModelIndex &index);
    [[nodiscard]] static Kind kindOf(const QModelIndex &index);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    // Refused: a folder changes only by its name (setData). A view that
    // moved a folder by dragging it "clears" the source item this way.
    bool setItemData(const QModelIndex &index, const QMap<int, QVariant> &roles) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    bool canDropMimeData(
        const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) const override;
    bool dropMimeData(
        const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) override;

Q_SIGNALS:
    // Messages moved or copied by a drop are stored (lists and counts are stale).
    void messagesChanged();
    // A store operation this model started failed.
    void operationFailed(const Poplar::Error &error);
    // A reload() has answered.
    void reloaded();

private:
    struct Node;
    [[nodiscard]] Node *nodeOf(const QModelIndex &index) const;
    [[nodiscard]] QModelIndex indexOfNode(const Node *node) const;
    // The folder, or one it is in, has a store operation on its way.
    [[nodiscard]] bool isBusy(const Node *node) const;
    [[nodiscard]] bool sameShape(const Node &a, const Node &b) const;
    void takeCounts(Node &into, const Node &from);
    void apply(const QList<Store::Folder> &folders);

    Store::MailStore *m_store = nullptr;
    MessageOperations *m_operations = nullptr;
    QHash<quint64, bool> m_asked;  // drops and renames not yet reported: of messages (or a folder)
    std::unique_ptr<Node> m_root;
    ReloadGate m_reloads { m_store };  // the larger reads, away from the GUI thread
    bool m_failureTold = false;
};

}  // namespace Poplar::Ui
