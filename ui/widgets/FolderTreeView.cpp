#include "widgets/FolderTreeView.h"

#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>

namespace Poplar::Ui {

FolderTreeView::FolderTreeView(QWidget *parent)
    : QTreeView(parent)
{
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);  // a folder dragged from here moves
    setDropIndicatorShown(true);
    // Onto the folder under the pointer: the whole row is the target, and
    // the indicator frames it.
    setDragDropOverwriteMode(true);
}

Qt::DropAction FolderTreeView::dropActionFor(Qt::DropActions offered, Qt::KeyboardModifiers modifiers)
{
    const Qt::DropAction wanted = modifiers.testFlag(Qt::ControlModifier) ? Qt::CopyAction : Qt::MoveAction;
    if (offered.testFlag(wanted))
        return wanted;
    if (offered.testFlag(Qt::MoveAction))
        return Qt::MoveAction;
    if (offered.testFlag(Qt::CopyAction))
        return Qt::CopyAction;
    return Qt::IgnoreAction;
}

// QAbstractItemView asks the model with the event's drop action, and then
// accepts the action the platform proposed: the chosen one is set before,
// and again after.
void FolderTreeView::dragEnterEvent(QDragEnterEvent *event)
{
    const Qt::DropAction action = dropActionFor(event->possibleActions(), event->modifiers());
    event->setDropAction(action);
    QTreeView::dragEnterEvent(event);
    if (event->isAccepted())
        event->setDropAction(action);
}

void FolderTreeView::dragMoveEvent(QDragMoveEvent *event)
{
    const Qt::DropAction action = dropActionFor(event->possibleActions(), event->modifiers());
    event->setDropAction(action);
    QTreeView::dragMoveEvent(event);
    if (event->isAccepted())
        event->setDropAction(action);
}

void FolderTreeView::dropEvent(QDropEvent *event)
{
    const Qt::DropAction action = dropActionFor(event->possibleActions(), event->modifiers());
    event->setDropAction(action);
    QTreeView::dropEvent(event);
    if (event->isAccepted())
        event->setDropAction(action);
}

}  // namespace Poplar::Ui
