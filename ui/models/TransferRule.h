#pragma once

#include "models/FolderModel.h"

namespace Poplar::Ui {

// What happens to messages the user moves, copies or deletes, decided in
// one place for the menus, the keyboard and drag and drop alike.
class TransferRule
{
public:
    enum class Transfer {
        None,          // refused: nothing happens (and a drop is not offered)
        Move,          // into the folder (out of Trash too: they are no longer trashed)
        Copy,          // local copies in the folder; the originals stay
        Trash,         // into Trash, remembering where from
        DeleteForGood  // gone from the store (after asking)
    };

    // Messages moved (copy false) or copied onto a folder of kind `target`;
    // `alreadyThere`: the target is the folder they are shown in. Nothing
    // lands on the Unified Inbox or on "Local Folders" itself; Trash takes
    // a move, which trashes them, and never a copy; moving where they are
    // does nothing.
    [[nodiscard]] static Transfer onto(FolderModel::Kind target, bool copy, bool alreadyThere);
    // Delete on messages shown in a folder of kind `shown`: to Trash, and
    // in Trash for good.
    [[nodiscard]] static Transfer forDelete(FolderModel::Kind shown);
};

}  // namespace Poplar::Ui
