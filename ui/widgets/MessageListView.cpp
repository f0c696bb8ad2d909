#include "widgets/MessageListView.h"

#include "models/MessageListModel.h"
#include "widgets/NoAccountHint.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QStyle>

#include <algorithm>
#include <utility>

namespace Poplar::Ui {

MessageListView::MessageListView(MessageListModel *model, QWidget *parent)
    : QTreeView(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("messageList"));
    setAccessibleName(tr("Messages"));
    setModel(model);
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAllColumnsShowFocus(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    // A plain drag offers a move (the folder tree decides, Ctrl copies).
    setDefaultDropAction(Qt::MoveAction);
    setSortingEnabled(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *bar = header();
    bar->setStretchLastSection(false);
    bar->setSectionsMovable(true);
    bar->setSectionResizeMode(MessageListModel::SubjectColumn, QHeaderView::Stretch);
    for (int c : { MessageListModel::FlagColumn, MessageListModel::AttachmentColumn })
        bar->resizeSection(c, 24);
    bar->resizeSection(MessageListModel::FromColumn, 200);
    bar->resizeSection(MessageListModel::DateColumn, 160);
    bar->resizeSection(MessageListModel::SizeColumn, sizeColumnWidth());
    bar->setSortIndicator(MessageListModel::DateColumn, Qt::DescendingOrder);

    m_noAccountHint = new NoAccountHint(viewport());
    m_noAccountHint->hide();
}

void MessageListView::fitSizeColumn()
{
    if (header()->sectionSize(MessageListModel::SizeColumn) < sizeColumnWidth())
        header()->resizeSection(MessageListModel::SizeColumn, sizeColumnWidth());
}

int MessageListView::sizeColumnWidth() const
{
    // The widest size the column shows, and its title, with the cell's margins.
    const QFontMetrics metrics(font());
    const int text = std::max(metrics.horizontalAdvance(MessageListModel::sizeText(qint64(999.9 * 1024 * 1024))),
        QFontMetrics(header()->font())
            .horizontalAdvance(m_model->headerData(MessageListModel::SizeColumn, Qt::Horizontal).toString()));
    const int margin = style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 1;
    return text + 2 * margin + metrics.averageCharWidth() * 2;
}

void MessageListView::setNoAccountHintVisible(bool visible)
{
    if (visible)
        m_noAccountHint->setGeometry(viewport()->rect());
    m_noAccountHint->setVisible(visible);
}

bool MessageListView::flagClick(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    m_flagClicked = index.isValid() && index.column() == MessageListModel::FlagColumn
        && event->button() == Qt::LeftButton && event->modifiers() == Qt::NoModifier;
    if (m_flagClicked)
        Q_EMIT flagClicked(index.row());
    return m_flagClicked;
}

void MessageListView::mousePressEvent(QMouseEvent *event)
{
    if (!flagClick(event))
        QTreeView::mousePressEvent(event);
}

void MessageListView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (!flagClick(event))
        QTreeView::mouseDoubleClickEvent(event);
}

void MessageListView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!std::exchange(m_flagClicked, false))
        QTreeView::mouseReleaseEvent(event);
}

void MessageListView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::NoModifier) {
        Q_EMIT readOnRequested();
        return;
    }
    QTreeView::keyPressEvent(event);
}

bool MessageListView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Resize && m_noAccountHint->isVisible())
        m_noAccountHint->setGeometry(viewport()->rect());
    return QTreeView::viewportEvent(event);
}

}  // namespace Poplar::Ui
