#pragma once

#include <QTreeView>

namespace Poplar::Ui {

// The folder tree as a place to drop messages and folders. What is dropped
// lands in the folder under the pointer (never "between" two folders), and
// the tree, not the platform, chooses between moving and copying, as mail
// clients do: a plain drag moves, a drag with Ctrl held copies. (X11 and
// Wayland otherwise propose a copy for a plain drag and want Shift for a
// move.)
class FolderTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit FolderTreeView(QWidget *parent = nullptr);

    // The action of a drop with `modifiers` when the drag offers `offered`:
    // Copy with Ctrl, otherwise Move, or the one offered when only one is;
    // IgnoreAction when neither is.
    [[nodiscard]] static Qt::DropAction dropActionFor(Qt::DropActions offered, Qt::KeyboardModifiers modifiers);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
};

}  // namespace Poplar::Ui
