#include "models/TransferRule.h"

namespace Poplar::Ui {

TransferRule::Transfer TransferRule::onto(FolderModel::Kind target, bool copy, bool alreadyThere)
{
    switch (target) {
    case FolderModel::Kind::UnifiedInbox:
    case FolderModel::Kind::LocalRoot: return Transfer::None;
    case FolderModel::Kind::Trash:
        if (copy || alreadyThere)
            return Transfer::None;
        return Transfer::Trash;
    case FolderModel::Kind::Inbox:
    case FolderModel::Kind::Local:
        if (copy)
            return Transfer::Copy;
        return alreadyThere ? Transfer::None : Transfer::Move;
    }
    return Transfer::None;
}

TransferRule::Transfer TransferRule::forDelete(FolderModel::Kind shown)
{
    return shown == FolderModel::Kind::Trash ? Transfer::DeleteForGood : Transfer::Trash;
}

}  // namespace Poplar::Ui
