#include "actions/MessageActions.h"

#include "actions/Prompts.h"
#include "models/FolderModel.h"
#include "models/MessageListModel.h"
#include "models/MessageOperations.h"
#include "store/StoreTypes.h"
#include "widgets/MessageView.h"

#include <QAction>
#include <QMenu>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTreeView>

#include <algorithm>

namespace Poplar::Ui {

using Transfer = TransferRule::Transfer;

namespace {

// The marks of this many selected messages decide what the actions say.
constexpr int MaxMarksLooked = 1000;

// Names of folders in menus: a '&' is a letter, not a shortcut mark
// ("Trips & Travel", not "Trips _Travel").
QString menuText(QString name)
{
    return name.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

}  // namespace

MessageActions::MessageActions(QWidget *window, Views views, MessageOperations *operations, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_views(views)
    , m_operations(operations)
{
    QTreeView *list = m_views.list;
    auto make = [window](const QString &name, const QString &text, const QKeySequence &key = {}) {
        auto *a = new QAction(text, window);
        a->setObjectName(name);
        if (!key.isEmpty())
            a->setShortcut(key);
        window->addAction(a);
        return a;
    };
    // Keys that act on the list (and only while it or a child has focus).
    auto onList = [list](QAction *a) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        list->addAction(a);
    };

    m_selectAll = make(QStringLiteral("selectAll"), tr("Select &All Messages"), QKeySequence::SelectAll);
    m_selectAll->setShortcutContext(Qt::WidgetShortcut);  // the list's own Ctrl+A; others keep theirs
    connect(m_selectAll, &QAction::triggered, list, &QAbstractItemView::selectAll);
    list->addAction(m_selectAll);

    m_markRead = make(QStringLiteral("markRead"), tr("Mark as &Read"), QKeySequence(Qt::Key_R));
    m_markRead->setIcon(QIcon::fromTheme(QStringLiteral("mail-mark-read")));
    onList(m_markRead);
    connect(m_markRead, &QAction::triggered, this, [this] { markSelected(true); });
    m_markUnread = make(QStringLiteral("markUnread"), tr("Mark as &Unread"), QKeySequence(Qt::Key_U));
    m_markUnread->setIcon(QIcon::fromTheme(QStringLiteral("mail-mark-unread")));
    onList(m_markUnread);
    connect(m_markUnread, &QAction::triggered, this, [this] { markSelected(false); });
    // One button for both: it says what it will do with the selection.
    m_toggleRead = make(QStringLiteral("toggleRead"), tr("Mark as &Read"));
    connect(
        m_toggleRead, &QAction::triggered, this, [this] { markSelected(selectionMarks(selectedRows()).anyUnread); });
    m_flag = make(QStringLiteral("toggleFlag"), tr("&Flag"), QKeySequence(Qt::Key_S));
    m_flag->setIcon(QIcon::fromTheme(QStringLiteral("mail-mark-important")));
    onList(m_flag);
    connect(m_flag, &QAction::triggered, this, &MessageActions::toggleFlagOnSelected);

    m_moveMenu = new QMenu(tr("&Move To"), window);
    m_moveMenu->setObjectName(QStringLiteral("moveMenu"));
    connect(m_moveMenu, &QMenu::aboutToShow, this, [this] { fillFolderMenu(m_moveMenu, false); });
    m_copyMenu = new QMenu(tr("&Copy To"), window);
    m_copyMenu->setObjectName(QStringLiteral("copyMenu"));
    connect(m_copyMenu, &QMenu::aboutToShow, this, [this] { fillFolderMenu(m_copyMenu, true); });

    m_delete = make(QStringLiteral("deleteMessages"), tr("&Delete"), QKeySequence::Delete);
    m_delete->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    onList(m_delete);
    connect(m_delete, &QAction::triggered, this, &MessageActions::deleteSelected);
    m_viewSource = make(QStringLiteral("viewSource"), tr("View &Source"), QKeySequence(Qt::CTRL | Qt::Key_U));
    connect(m_viewSource, &QAction::triggered, m_views.reader, &MessageView::showSource);

    using Kind = MessageOperations::Kind;
    connect(m_operations, &MessageOperations::finished, this,
        [this](quint64 op, Kind, const QList<qint64> &, qint64) { operationEnded(op); });
    connect(m_operations, &MessageOperations::failed, this,
        [this](quint64 op, Kind, const QList<qint64> &, const Poplar::Error &error) {
            if (!m_after.contains(op))
                return;  // not asked for here
            operationEnded(op);
            Q_EMIT errorOccurred(error);
        });
    connect(m_operations, &MessageOperations::busyChanged, this, &MessageActions::updateActions);
}

QList<int> MessageActions::selectedRows() const
{
    // From the selection's ranges: a selection of 10,000 rows makes no
    // index per cell.
    QList<int> rows;
    for (const QItemSelectionRange &range : m_views.list->selectionModel()->selection()) {
        for (int r = range.top(); r <= range.bottom(); ++r)
            rows << r;
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

QList<qint64> MessageActions::selectedMessageIds() const
{
    const QList<int> rows = selectedRows();
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (int r : rows)
        ids << m_views.messages->idAt(r);
    return ids;
}

FolderModel::Kind MessageActions::shownKind() const
{
    return FolderModel::kindOf(m_views.folders->indexOf(m_views.messages->folderId()));
}

void MessageActions::deleteSelected()
{
    const QList<qint64> ids = selectedMessageIds();
    if (ids.isEmpty() || m_operations->anyBusy(ids))
        return;
    const Transfer how = TransferRule::forDelete(shownKind());
    if (how == Transfer::DeleteForGood
        && !m_prompts->confirm(
            tr("Delete %n message(s) for good? They cannot be brought back.", nullptr, int(ids.size()))))
        return;
    start(ids, 0, how);
}

void MessageActions::moveSelectedTo(qint64 folderId, bool copy)
{
    const QList<qint64> ids = selectedMessageIds();
    const QModelIndex target = m_views.folders->indexOf(folderId);
    if (ids.isEmpty() || !target.isValid() || m_operations->anyBusy(ids))
        return;
    start(
        ids, folderId, TransferRule::onto(FolderModel::kindOf(target), copy, folderId == m_views.messages->folderId()));
}

void MessageActions::start(const QList<qint64> &ids, qint64 folderId, Transfer how)
{
    const quint64 op = m_operations->transfer(ids, folderId, how);
    if (!op)
        return;
    After after { m_views.messages->folderId(), m_views.messages->rowOf(ids.first()) };
    if (how == Transfer::Copy)
        after.folderId = 0;     // the copied ones stay where they are
    m_after.insert(op, after);  // the actions follow (busyChanged)
}

void MessageActions::operationEnded(quint64 operation)
{
    const auto it = m_after.constFind(operation);
    if (it == m_after.constEnd())
        return;
    const After after = *it;
    m_after.erase(it);
    // Where the list is still the one the messages went from.
    if (after.folderId && after.folderId == m_views.messages->folderId())
        selectRowNear(after.row);
    updateActions();
}

void MessageActions::selectRowNear(int row)
{
    const int rows = m_views.messages->rowCount();
    if (rows == 0) {
        m_views.reader->clear();
        return;
    }
    const QModelIndex next = m_views.messages->index(std::clamp(row, 0, rows - 1), MessageListModel::SubjectColumn);
    m_views.list->selectionModel()->setCurrentIndex(
        next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void MessageActions::markSelected(bool read)
{
    const QList<qint64> ids = selectedMessageIds();
    if (read)
        m_views.messages->setFlags(ids, Store::Flag::Seen, 0);
    else
        m_views.messages->setFlags(ids, 0, Store::Flag::Seen);
    updateActions();
}

void MessageActions::toggleFlagOnSelected()
{
    // Flag all unless all are flagged already.
    const QList<qint64> ids = selectedMessageIds();
    if (selectionMarks(selectedRows()).allFlagged)
        m_views.messages->setFlags(ids, 0, Store::Flag::Flagged);
    else
        m_views.messages->setFlags(ids, Store::Flag::Flagged, 0);
    updateActions();
}

MessageActions::Marks MessageActions::selectionMarks(const QList<int> &rows) const
{
    Marks marks;
    int looked = 0;
    for (int row : rows) {
        if (++looked > MaxMarksLooked)
            break;
        const int flags = m_views.messages->index(row, 0).data(MessageListModel::FlagsRole).toInt();
        (flags & Store::Flag::Seen ? marks.anyRead : marks.anyUnread) = true;
        if (!(flags & Store::Flag::Flagged))
            marks.allFlagged = false;
    }
    marks.allFlagged = marks.allFlagged && !rows.isEmpty();
    return marks;
}

void MessageActions::flagClicked(int row)
{
    const QModelIndex index = m_views.messages->index(row, MessageListModel::FlagColumn);
    if (!index.isValid())
        return;
    const qint64 id = m_views.messages->idAt(row);
    if (index.data(MessageListModel::FlagsRole).toInt() & Store::Flag::Flagged)
        m_views.messages->setFlags({ id }, 0, Store::Flag::Flagged);
    else
        m_views.messages->setFlags({ id }, Store::Flag::Flagged, 0);
    updateActions();
}

void MessageActions::readOn()
{
    QScrollBar *bar = m_views.reader->browser()->verticalScrollBar();
    if (m_views.reader->messageId() && bar->value() < bar->maximum()) {
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        return;
    }
    // The next unread message below the current one, else the next one.
    QTreeView *list = m_views.list;
    MessageListModel *messages = m_views.messages;
    const int current = list->currentIndex().isValid() ? list->currentIndex().row() : -1;
    const int rows = messages->rowCount();
    int next = -1;
    for (int r = current + 1; r < rows && r < current + 1 + MessageListModel::PageSize * 5; ++r) {
        if (!(messages->index(r, 0).data(MessageListModel::FlagsRole).toInt() & Store::Flag::Seen)) {
            next = r;
            break;
        }
    }
    if (next < 0 && current + 1 < rows)
        next = current + 1;
    if (next >= 0) {
        list->selectionModel()->setCurrentIndex(messages->index(next, MessageListModel::SubjectColumn),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        list->scrollTo(list->currentIndex());
    }
}

// The folders as the tree shows them: each account's Inbox, the local
// folders (one with subfolders opens a submenu that starts with itself),
// and Trash (for moving only).
void MessageActions::fillFolderMenu(QMenu *menu, bool copy)
{
    menu->clear();
    qDeleteAll(menu->findChildren<QMenu *>(Qt::FindDirectChildrenOnly));  // the last opening's submenus
    addFolderActions(menu, QModelIndex(), copy);
}

void MessageActions::addFolderActions(QMenu *menu, const QModelIndex &parent, bool copy)
{
    FolderModel *folders = m_views.folders;
    for (int r = 0; r < folders->rowCount(parent); ++r) {
        const QModelIndex folder = folders->index(r, 0, parent);
        const QString name = menuText(folder.data(FolderModel::NameRole).toString());
        const QIcon icon = folder.data(Qt::DecorationRole).value<QIcon>();
        const FolderModel::Kind kind = FolderModel::kindOf(folder);
        if (kind == FolderModel::Kind::LocalRoot) {
            menu->addSection(icon, name);
            addFolderActions(menu, folder, copy);
            continue;
        }
        // Listed when the rule takes messages there at all; greyed where
        // they are already.
        if (TransferRule::onto(kind, copy, false) == Transfer::None)
            continue;
        if (kind == FolderModel::Kind::Trash)
            menu->addSeparator();
        QMenu *into = folders->rowCount(folder) > 0 ? menu->addMenu(icon, name) : menu;
        const qint64 id = FolderModel::folderIdOf(folder);
        QAction *a = into->addAction(icon, name);
        a->setEnabled(TransferRule::onto(kind, copy, id == m_views.messages->folderId()) != Transfer::None);
        connect(a, &QAction::triggered, this, [this, id, copy] { moveSelectedTo(id, copy); });
        if (into != menu) {
            into->addSeparator();
            addFolderActions(into, folder, copy);
        }
    }
}

void MessageActions::contextMenu(const QPoint &pos)
{
    if (selectedMessageIds().isEmpty())
        return;
    QMenu menu(m_window);
    menu.addAction(m_toggleRead);
    menu.addAction(m_flag);
    menu.addSeparator();
    menu.addMenu(m_moveMenu);
    menu.addMenu(m_copyMenu);
    menu.addSeparator();
    menu.addAction(m_delete);
    menu.addAction(m_viewSource);
    menu.exec(m_views.list->viewport()->mapToGlobal(pos));
}

void MessageActions::updateActions()
{
    const QList<int> rows = m_views.list->selectionModel() ? selectedRows() : QList<int>();
    const bool any = !rows.isEmpty();
    // Messages on their way somewhere wait until they are there.
    const bool free = !any || m_operations->pending() == 0 || std::none_of(rows.cbegin(), rows.cend(), [this](int r) {
        return m_operations->isBusy(m_views.messages->idAt(r));
    });
    for (QAction *a : { m_delete, m_toggleRead, m_flag })
        a->setEnabled(any && free);
    // What the selection needs: mixed read and unread reads as "Mark as
    // Read"; a flag comes off only when every message has one.
    const Marks marks = selectionMarks(rows);
    m_markRead->setEnabled(marks.anyUnread && free);
    m_markUnread->setEnabled(marks.anyRead && free);
    const bool read = !any || marks.anyUnread;
    m_toggleRead->setText(read ? tr("Mark as &Read") : tr("Mark as &Unread"));
    m_toggleRead->setIcon(read ? m_markRead->icon() : m_markUnread->icon());
    m_flag->setText(marks.allFlagged ? tr("Un&flag") : tr("&Flag"));
    m_moveMenu->setEnabled(any && free);
    m_copyMenu->setEnabled(any && free);
    m_viewSource->setEnabled(m_views.reader->messageId() != 0);
    m_delete->setText(
        TransferRule::forDelete(shownKind()) == Transfer::DeleteForGood ? tr("&Delete for Good") : tr("&Delete"));
}

}  // namespace Poplar::Ui
