#include "actions/FolderActions.h"

#include "actions/Prompts.h"
#include "models/FolderModel.h"
#include "models/MessageOperations.h"

#include <QAction>
#include <QTreeView>

namespace Poplar::Ui {

FolderActions::FolderActions(
    QWidget *window, QTreeView *tree, FolderModel *folders, MessageOperations *operations, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_tree(tree)
    , m_folders(folders)
    , m_operations(operations)
{
    auto make = [window](const QString &name, const QString &text) {
        auto *a = new QAction(text, window);
        a->setObjectName(name);
        window->addAction(a);
        return a;
    };
    m_newFolder = make(QStringLiteral("newFolder"), tr("&New Folder…"));
    connect(m_newFolder, &QAction::triggered, this, &FolderActions::newFolder);
    m_renameFolder = make(QStringLiteral("renameFolder"), tr("&Rename Folder…"));
    connect(m_renameFolder, &QAction::triggered, this, &FolderActions::renameCurrentFolder);
    m_deleteFolder = make(QStringLiteral("deleteFolder"), tr("&Delete Folder…"));
    connect(m_deleteFolder, &QAction::triggered, this, &FolderActions::deleteCurrentFolder);
    m_emptyTrash = make(QStringLiteral("emptyTrash"), tr("&Empty Trash"));
    connect(m_emptyTrash, &QAction::triggered, this, &FolderActions::emptyTrash);

    using Kind = MessageOperations::Kind;
    connect(m_operations, &MessageOperations::finished, this,
        [this](quint64 op, Kind kind, const QList<qint64> &, qint64 folderId) {
            if (!m_asked.remove(op))
                return;
            switch (kind) {
            case Kind::CreateFolder: Q_EMIT folderCreated(folderId); break;
            case Kind::DeleteFolder: Q_EMIT folderDeleted(folderId); break;
            case Kind::EmptyTrash: Q_EMIT trashEmptied(); break;
            default: break;
            }
            updateActions();
        });
    connect(m_operations, &MessageOperations::failed, this,
        [this](quint64 op, Kind, const QList<qint64> &, const Poplar::Error &error) {
            if (!m_asked.remove(op))
                return;
            updateActions();
            Q_EMIT errorOccurred(error);
        });
    connect(m_operations, &MessageOperations::busyChanged, this, &FolderActions::updateActions);
}

qint64 FolderActions::trashId() const
{
    for (int r = m_folders->rowCount() - 1; r >= 0; --r) {
        const QModelIndex i = m_folders->index(r, 0);
        if (FolderModel::kindOf(i) == FolderModel::Kind::Trash)
            return FolderModel::folderIdOf(i);
    }
    return 0;
}

void FolderActions::newFolder()
{
    // Inside the current local folder, else at the top of Local Folders.
    const QModelIndex current = m_tree->currentIndex();
    const qint64 parent
        = FolderModel::kindOf(current) == FolderModel::Kind::Local ? FolderModel::folderIdOf(current) : 0;
    const QString name = m_prompts->askFolderName(tr("New Folder"), QString());
    if (name.isEmpty())
        return;
    m_asked.insert(m_operations->createFolder(parent, name), true);
}

void FolderActions::renameCurrentFolder()
{
    const QModelIndex current = m_tree->currentIndex();
    if (FolderModel::kindOf(current) != FolderModel::Kind::Local
        || m_operations->isFolderBusy(FolderModel::folderIdOf(current)))
        return;
    const QString name = m_prompts->askFolderName(tr("Rename Folder"), current.data(FolderModel::NameRole).toString());
    if (name.isEmpty())
        return;
    m_folders->setData(m_folders->indexOf(FolderModel::folderIdOf(current)), name);
}

void FolderActions::deleteCurrentFolder()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid() || FolderModel::kindOf(current) != FolderModel::Kind::Local)
        return;
    const qint64 id = FolderModel::folderIdOf(current);
    if (m_operations->isFolderBusy(id))
        return;
    const QString name = current.data(FolderModel::NameRole).toString();
    if (!m_prompts->confirm(tr("Delete the folder “%1” and its subfolders? Their messages go to the Trash.").arg(name)))
        return;
    m_asked.insert(m_operations->deleteFolder(id), true);
    updateActions();
}

void FolderActions::emptyTrash()
{
    const qint64 trash = trashId();
    if (!trash || m_operations->isFolderBusy(trash))
        return;
    if (!m_prompts->confirm(tr("Empty the Trash? Its messages are deleted for good.")))
        return;
    m_asked.insert(m_operations->emptyTrash(trash), true);
    updateActions();
}

void FolderActions::updateActions()
{
    const QModelIndex current = m_tree->currentIndex();
    const bool local = current.isValid() && FolderModel::kindOf(current) == FolderModel::Kind::Local
        && !m_operations->isFolderBusy(FolderModel::folderIdOf(current));
    m_renameFolder->setEnabled(local);
    m_deleteFolder->setEnabled(local);
    const qint64 trash = trashId();
    m_emptyTrash->setEnabled(!trash || !m_operations->isFolderBusy(trash));
}

}  // namespace Poplar::Ui
