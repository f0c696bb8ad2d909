#pragma once

#include "common/Error.h"
#include "models/TransferRule.h"

#include <QHash>
#include <QList>
#include <QObject>

class QAction;
class QMenu;
class QModelIndex;
class QPoint;
class QTreeView;
class QWidget;

namespace Poplar::Ui {

class FolderModel;
class MessageListModel;
class MessageOperations;
class MessageView;
class Prompts;

// What the user does with the selected messages: delete (to Trash; in
// Trash for good, after asking), mark read or unread, flag, move and copy
// (the Move To and Copy To menus show the folders as the tree does), view
// the source. The store writes run through MessageOperations; while one
// runs on some messages, the actions are off for a selection holding them,
// and when it is done the list shows what follows the messages that went.
class MessageActions : public QObject
{
    Q_OBJECT
public:
    struct Views {
        QTreeView *list = nullptr;
        MessageListModel *messages = nullptr;
        FolderModel *folders = nullptr;
        MessageView *reader = nullptr;
    };
    // The actions are added to `window` (for their shortcuts) and to the
    // list (keys that act on the list only).
    MessageActions(QWidget *window, Views views, MessageOperations *operations, QObject *parent = nullptr);

    void setPrompts(Prompts *prompts) { m_prompts = prompts; }

    // The ids of the selected messages, in list order.
    [[nodiscard]] QList<qint64> selectedMessageIds() const;

    void deleteSelected();
    void markSelected(bool read);
    void toggleFlagOnSelected();
    // Moves (copy false) or copies the selection into a folder, as
    // TransferRule says.
    void moveSelectedTo(qint64 folderId, bool copy = false);
    // A click on the flag mark of the message in `row` flags or unflags
    // that message alone.
    void flagClicked(int row);
    // Space: the next page of the message read, at its end the next unread
    // message (else the next one).
    void readOn();
    void contextMenu(const QPoint &pos);
    // Enables and names the actions for the selection.
    void updateActions();

    QAction *deleteAction() const { return m_delete; }
    QAction *markReadAction() const { return m_markRead; }
    QAction *markUnreadAction() const { return m_markUnread; }
    QAction *toggleReadAction() const { return m_toggleRead; }
    QAction *flagAction() const { return m_flag; }
    QAction *viewSourceAction() const { return m_viewSource; }
    QAction *selectAllAction() const { return m_selectAll; }
    QMenu *moveMenu() const { return m_moveMenu; }
    QMenu *copyMenu() const { return m_copyMenu; }

Q_SIGNALS:
    void errorOccurred(const Poplar::Error &error);

private:
    // The read and flag marks of the selected messages (the first
    // thousand of them).
    struct Marks {
        bool anyRead = false;
        bool anyUnread = false;
        bool allFlagged = true;  // and something is selected
    };
    [[nodiscard]] Marks selectionMarks(const QList<int> &rows) const;
    // The selected rows, in order.
    [[nodiscard]] QList<int> selectedRows() const;
    [[nodiscard]] FolderModel::Kind shownKind() const;
    void start(const QList<qint64> &ids, qint64 folderId, TransferRule::Transfer how);
    void fillFolderMenu(QMenu *menu, bool copy);
    void addFolderActions(QMenu *menu, const QModelIndex &parent, bool copy);
    void operationEnded(quint64 operation);
    // Puts the current row back near `row` after rows went away.
    void selectRowNear(int row);

    QWidget *m_window = nullptr;
    Views m_views;
    MessageOperations *m_operations = nullptr;
    Prompts *m_prompts = nullptr;
    struct After {
        qint64 folderId = 0;  // the folder shown when it was asked
        int row = 0;          // the first message's row then
    };
    QHash<quint64, After> m_after;  // operations that take messages out of the list

    QAction *m_delete = nullptr;
    QAction *m_markRead = nullptr;
    QAction *m_markUnread = nullptr;
    QAction *m_toggleRead = nullptr;
    QAction *m_flag = nullptr;
    QAction *m_viewSource = nullptr;
    QAction *m_selectAll = nullptr;
    QMenu *m_moveMenu = nullptr;
    QMenu *m_copyMenu = nullptr;
};

}  // namespace Poplar::Ui
