#pragma once

#include "common/Error.h"

#include <QHash>
#include <QObject>

class QAction;
class QTreeView;
class QWidget;

namespace Poplar::Ui {

class FolderModel;
class MessageOperations;
class Prompts;

// What the user does with folders: a new folder (inside the current local
// folder, else at the top of Local Folders), rename, delete (its mail goes
// to Trash, after asking) and Empty Trash (after asking). The store writes
// run through MessageOperations; a folder being deleted or a Trash being
// emptied is not offered again meanwhile.
class FolderActions : public QObject
{
    Q_OBJECT
public:
    // The actions are added to `window` for their shortcuts.
    FolderActions(QWidget *window, QTreeView *tree, FolderModel *folders, MessageOperations *operations,
        QObject *parent = nullptr);

    void setPrompts(Prompts *prompts) { m_prompts = prompts; }

    void newFolder();
    void renameCurrentFolder();
    void deleteCurrentFolder();
    void emptyTrash();
    // Enables the actions for the current folder.
    void updateActions();

    QAction *newFolderAction() const { return m_newFolder; }
    QAction *renameFolderAction() const { return m_renameFolder; }
    QAction *deleteFolderAction() const { return m_deleteFolder; }
    QAction *emptyTrashAction() const { return m_emptyTrash; }

Q_SIGNALS:
    // A folder was made; the window shows it.
    void folderCreated(qint64 folderId);
    // A folder (and its subfolders) is gone.
    void folderDeleted(qint64 folderId);
    // Trash holds nothing now (but what went there meanwhile).
    void trashEmptied();
    void errorOccurred(const Poplar::Error &error);

private:
    [[nodiscard]] qint64 trashId() const;

    QWidget *m_window = nullptr;
    QTreeView *m_tree = nullptr;
    FolderModel *m_folders = nullptr;
    MessageOperations *m_operations = nullptr;
    Prompts *m_prompts = nullptr;
    QHash<quint64, bool> m_asked;  // operations asked for here, not yet reported

    QAction *m_newFolder = nullptr;
    QAction *m_renameFolder = nullptr;
    QAction *m_deleteFolder = nullptr;
    QAction *m_emptyTrash = nullptr;
};

}  // namespace Poplar::Ui
