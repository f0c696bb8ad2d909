#pragma once

#include <QTreeView>

namespace Poplar::Ui {

class MessageListModel;
class NoAccountHint;

// The message list as the window shows it: whole rows selected (several
// with Shift/Ctrl), dragged to the folder tree (a plain drag offers a
// move), sorted by a click on a header, columns movable, the Size column
// wide enough for any size. A click on a message's flag mark, and Space,
// are the window's to handle; with no account yet, the empty list says
// how to add one.
class MessageListView : public QTreeView
{
    Q_OBJECT
public:
    explicit MessageListView(MessageListModel *model, QWidget *parent = nullptr);

    // After the header's state was restored: a Size column remembered too
    // narrow fits its sizes again.
    void fitSizeColumn();
    [[nodiscard]] NoAccountHint *noAccountHint() const { return m_noAccountHint; }
    void setNoAccountHintVisible(bool visible);

Q_SIGNALS:
    // A plain left click on the flag mark of `row` (the selection stays).
    void flagClicked(int row);
    // Space: read on.
    void readOnRequested();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    [[nodiscard]] int sizeColumnWidth() const;
    [[nodiscard]] bool flagClick(QMouseEvent *event);

    MessageListModel *m_model = nullptr;
    NoAccountHint *m_noAccountHint = nullptr;
    bool m_flagClicked = false;  // the press was on a flag: so is its release
};

}  // namespace Poplar::Ui
