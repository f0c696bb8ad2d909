#pragma once

#include <QObject>
#include <QPersistentModelIndex>

#include <functional>
#include <optional>

class QTimer;
class QTreeView;

namespace Poplar::Ui {

class FolderModel;
class MessageListModel;

// Keeps the window's lists up with mail a running fetch stores: each
// committed batch asks for the folder shown and the folder counts to be
// read again, away from the GUI thread. The first request is followed at
// once, later ones at most once per Interval however many batches commit
// meanwhile. New rows keep the selection and the current message; a list
// the user has scrolled down keeps the rows in view where they were
// (scrolled to the top, new mail sorted first comes into view).
class ArrivalFollower : public QObject
{
    Q_OBJECT
public:
    static constexpr int Interval = 400;  // ms

    ArrivalFollower(QTreeView *list, MessageListModel *messages, FolderModel *folders, QObject *parent = nullptr);

    // More mail is in the store: the lists follow (coalesced).
    void follow();
    // Runs `change` (a refresh of the lists), keeping the rows in view
    // where they were.
    void keepPlaceWhile(const std::function<void()> &change);
    // Nothing asked for is still to be read, nor waits for the interval.
    [[nodiscard]] bool isIdle() const;

Q_SIGNALS:
    // A reload of the list or of the counts has answered.
    void followed();

private:
    void reloadNow();
    void holdPlace();
    void restorePlace();

    QTreeView *m_list = nullptr;
    MessageListModel *m_messages = nullptr;
    FolderModel *m_folders = nullptr;
    QTimer *m_interval = nullptr;
    bool m_due = false;      // asked for while the interval runs
    bool m_keeping = false;  // list changes now keep the rows in view
    struct Place {
        QPersistentModelIndex top;  // the row at the top of the view
        int offset = 0;             // its top edge, in viewport pixels (≤ 0)
        int horizontal = 0;
    };
    std::optional<Place> m_place;
};

}  // namespace Poplar::Ui
