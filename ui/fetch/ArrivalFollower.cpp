#include "fetch/ArrivalFollower.h"

#include "models/FolderModel.h"
#include "models/MessageListModel.h"

#include <QScrollBar>
#include <QTimer>
#include <QTreeView>

#include <utility>

namespace Poplar::Ui {

ArrivalFollower::ArrivalFollower(QTreeView *list, MessageListModel *messages, FolderModel *folders, QObject *parent)
    : QObject(parent)
    , m_list(list)
    , m_messages(messages)
    , m_folders(folders)
    , m_interval(new QTimer(this))
{
    m_interval->setSingleShot(true);
    m_interval->setInterval(Interval);
    connect(m_interval, &QTimer::timeout, this, [this] {
        if (!std::exchange(m_due, false))
            return;
        reloadNow();
        m_interval->start();
    });
    // The place is taken just before the rows change: where the user has
    // scrolled to by then.
    connect(m_messages, &QAbstractItemModel::rowsAboutToBeRemoved, this, &ArrivalFollower::holdPlace);
    connect(m_messages, &QAbstractItemModel::rowsAboutToBeInserted, this, &ArrivalFollower::holdPlace);
    connect(m_messages, &QAbstractItemModel::layoutAboutToBeChanged, this, &ArrivalFollower::holdPlace);
    connect(m_messages, &MessageListModel::reloaded, this, [this] {
        restorePlace();
        m_keeping = m_messages->isReloading();
        Q_EMIT followed();
    });
    connect(m_folders, &FolderModel::reloaded, this, &ArrivalFollower::followed);
}

void ArrivalFollower::follow()
{
    if (m_interval->isActive()) {
        m_due = true;
        return;
    }
    reloadNow();
    m_interval->start();
}

bool ArrivalFollower::isIdle() const
{
    return !m_due && !m_messages->isReloading() && !m_folders->isReloading();
}

void ArrivalFollower::reloadNow()
{
    m_keeping = true;
    m_folders->reload();
    m_messages->reload();
}

void ArrivalFollower::keepPlaceWhile(const std::function<void()> &change)
{
    const bool keeping = std::exchange(m_keeping, true);
    change();
    restorePlace();
    m_keeping = keeping;
}

void ArrivalFollower::holdPlace()
{
    if (!m_keeping || m_place || m_list->verticalScrollBar()->value() == 0)
        return;  // at the top, new mail sorted first comes into view
    const QModelIndex top = m_list->indexAt(QPoint(0, 0));
    if (!top.isValid())
        return;
    m_place = Place { top, m_list->visualRect(top).top(), m_list->horizontalScrollBar()->value() };
}

void ArrivalFollower::restorePlace()
{
    const std::optional<Place> place = std::exchange(m_place, std::nullopt);
    if (!place || !place->top.isValid())
        return;  // the row went: nothing to keep in place
    const QModelIndex top = m_messages->index(place->top.row(), 0);
    m_list->scrollTo(top, QAbstractItemView::PositionAtTop);
    if (m_list->verticalScrollMode() == QAbstractItemView::ScrollPerPixel) {
        QScrollBar *bar = m_list->verticalScrollBar();
        bar->setValue(bar->value() + m_list->visualRect(top).top() - place->offset);
    }
    m_list->horizontalScrollBar()->setValue(place->horizontal);
}

}  // namespace Poplar::Ui
