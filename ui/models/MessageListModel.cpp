#include "models/MessageListModel.h"

#include "models/MessageOperations.h"
#include "models/StoreReader.h"

#include "store/SearchQuery.h"
#include "store/Store.h"
#include "style/Icons.h"

#include <QFont>
#include <QLocale>
#include <QMimeData>
#include <QSet>

#include <algorithm>
#include <climits>
#include <utility>

namespace Poplar::Ui {

using Store::ListOrder;
using Store::MessageSummary;
using Store::SortKey;

MessageListModel::MessageListModel(Store::MailStore *store, QObject *parent)
    : MessageListModel(store, nullptr, parent)
{ }

MessageListModel::MessageListModel(Store::MailStore *store, MessageOperations *operations, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_operations(operations ? operations : new MessageOperations(store, this))
{
    using Kind = MessageOperations::Kind;
    connect(m_operations, &MessageOperations::finished, this,
        [this](quint64 change, Kind kind, const QList<qint64> &ids, qint64) {
            if (kind != Kind::Flags || !m_flagChanges.remove(change))
                return;
            flagChangeDone(change, ids);
            Q_EMIT flagsWritten(ids);
        });
    connect(m_operations, &MessageOperations::failed, this,
        [this](quint64 change, Kind kind, const QList<qint64> &ids, const Poplar::Error &error) {
            if (kind != Kind::Flags || !m_flagChanges.remove(change))
                return;
            flagChangeDone(change, ids);  // the rows show what the store holds
            Q_EMIT flagWriteFailed(error);
        });
}

Result<QList<qint64>> MessageListModel::loadIds(
    Store::MailStore &store, qint64 folderId, const QString &search, ListOrder order, bool catchUp)
{
    if (!folderId)
        return QList<qint64>();
    if (search.trimmed().isEmpty())
        return store.messageIds(folderId, order);
    // Typed as a quick search: the words are beginnings of words.
    auto query = Store::SearchQuery::parse(search, Store::SearchQuery::Words::Prefixes);
    if (!query)
        return query.error();
    return store.searchIds(
        *query, folderId, order, catchUp ? Store::MailStore::IndexCatchUp::Yes : Store::MailStore::IndexCatchUp::No);
}

Result<QList<qint64>> MessageListModel::loadIds(qint64 folderId, const QString &search, ListOrder order)
{
    m_reloads.overtake();
    m_indexBehind = false;
    if (!search.trimmed().isEmpty()) {
        auto behind = m_store->searchIndexBehind();
        m_indexBehind = behind && *behind;
    }
    return loadIds(*m_store, folderId, search, order, false);
}

void MessageListModel::followIndex()
{
    // Right after a fetch, say: the rows come now, and again once the
    // waiting messages have joined the index (on the store's threads).
    if (std::exchange(m_indexBehind, false))
        reload();
}

Status MessageListModel::show(qint64 folderId, const QString &search)
{
    auto ids = loadIds(folderId, search, m_order);
    if (!ids)
        return ids.error();  // the list stays as it was
    beginResetModel();
    m_folderId = folderId;
    m_search = search;
    m_ids = std::move(*ids);
    m_rowOf.clear();
    m_cache.clear();
    m_readFailureTold = false;
    endResetModel();
    followIndex();
    return {};
}

Status MessageListModel::showFolder(qint64 folderId)
{
    return show(folderId, QString());
}

Status MessageListModel::setSearch(const QString &query)
{
    return show(m_folderId, query);
}

Status MessageListModel::refresh()
{
    auto ids = loadIds(m_folderId, m_search, m_order);
    if (!ids)
        return ids.error();
    applyIds(*ids);
    followIndex();
    return {};
}

void MessageListModel::reload()
{
    m_reloads.reload<Result<QList<qint64>>>(
        [folderId = m_folderId, search = m_search, order = m_order](
            Store::MailStore &store) { return loadIds(store, folderId, search, order); },
        [this](Result<QList<qint64>> ids) {
            if (ids)
                applyIds(*ids);
            else if (!std::exchange(m_readFailureTold, true))  // told once, not at every batch
                Q_EMIT readFailed(ids.error());
        },
        [this] { reload(); }, [this] { Q_EMIT reloaded(); });
}

// Turns the current list into `ids` with row removals and insertions where
// the order of the rows that stay is unchanged, else with a layout change
// that keeps persistent indexes on their messages.
void MessageListModel::applyIds(const QList<qint64> &ids)
{
    m_cache.clear();
    m_readFailureTold = false;
    if (ids == m_ids) {
        if (!m_ids.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, ColumnCount - 1));
        return;
    }
    const QSet<qint64> wanted(ids.cbegin(), ids.cend());
    for (int end = int(m_ids.size()); end > 0;) {
        if (wanted.contains(m_ids.at(end - 1))) {
            --end;
            continue;
        }
        int first = end - 1;
        while (first > 0 && !wanted.contains(m_ids.at(first - 1)))
            --first;
        beginRemoveRows({}, first, end - 1);
        m_ids.remove(first, end - first);
        m_rowOf.clear();
        endRemoveRows();
        end = first;
    }
    // Do the rows that stay keep their order among the new ones?
    const QSet<qint64> kept(m_ids.cbegin(), m_ids.cend());
    bool sameOrder = true;
    for (qsizetype i = 0, j = 0; i < ids.size() && sameOrder; ++i) {
        if (kept.contains(ids.at(i)))
            sameOrder = ids.at(i) == m_ids.at(j++);
    }
    if (sameOrder) {
        for (int i = 0; i < ids.size();) {
            if (i < m_ids.size() && ids.at(i) == m_ids.at(i)) {
                ++i;
                continue;
            }
            int last = i;
            while (last + 1 < ids.size() && !kept.contains(ids.at(last + 1)))
                ++last;
            beginInsertRows({}, i, last);
            m_ids.insert(i, last - i + 1, 0);
            for (int k = i; k <= last; ++k)
                m_ids[k] = ids.at(k);
            m_rowOf.clear();
            endInsertRows();
            i = last + 1;
        }
        return;
    }
    // A new order: the new rows join at the end first (a layout change may
    // not change the row count), then everything moves to its place.
    QList<qint64> added;
    for (qint64 id : ids) {
        if (!kept.contains(id))
            added << id;
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_ids.size()), int(m_ids.size() + added.size()) - 1);
        m_ids += added;
        m_rowOf.clear();
        endInsertRows();
    }
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QList<qint64> idsBefore;
    idsBefore.reserve(before.size());
    for (const QModelIndex &i : before)
        idsBefore << m_ids.at(i.row());
    m_ids = ids;
    m_rowOf.clear();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype k = 0; k < before.size(); ++k) {
        const int row = rowOf(idsBefore.at(k));
        after << (row < 0 ? QModelIndex() : index(row, before.at(k).column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
}

void MessageListModel::refreshMessages(const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        m_cache.remove(id);
        const int row = rowOf(id);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

qint64 MessageListModel::idAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int MessageListModel::rowOf(qint64 id) const
{
    if (m_rowOf.isEmpty() && !m_ids.isEmpty()) {
        m_rowOf.reserve(m_ids.size());
        for (int i = 0; i < m_ids.size(); ++i)
            m_rowOf.insert(m_ids.at(i), i);
    }
    return m_rowOf.value(id, -1);
}

const MessageSummary *MessageListModel::row(int row) const
{
    if (row < 0 || row >= m_ids.size())
        return nullptr;
    auto it = m_cache.constFind(m_ids.at(row));
    if (it != m_cache.constEnd())
        return &*it;
    // Read the whole page this row is on.
    if (m_cache.size() + PageSize > MaxCachedRows)
        m_cache.clear();
    const int first = row - row % PageSize;
    auto page = m_store->messagesByIds(m_ids.mid(first, PageSize));
    ++m_pagesRead;
    if (!page) {
        // Told once, not on every repaint; refresh() and showFolder() try again.
        if (!std::exchange(m_readFailureTold, true))
            Q_EMIT const_cast<MessageListModel *>(this)->readFailed(page.error());
        return nullptr;
    }
    for (const MessageSummary &m : *page)
        m_cache.insert(m.id, m);
    it = m_cache.constFind(m_ids.at(row));
    return it != m_cache.constEnd() ? &*it : nullptr;
}

std::optional<MessageSummary> MessageListModel::summaryAt(int r) const
{
    const MessageSummary *m = row(r);
    if (!m)
        return std::nullopt;
    MessageSummary summary = *m;
    summary.flags = flagsOf(summary);
    return summary;
}

int MessageListModel::flagsOf(const MessageSummary &m) const
{
    const auto pending = m_pendingFlags.constFind(m.id);
    if (pending == m_pendingFlags.constEnd())
        return m.flags;
    return (m.flags | pending->set) & ~pending->clear;
}

void MessageListModel::setFlags(const QList<qint64> &ids, int set, int clear)
{
    if (ids.isEmpty())
        return;
    const quint64 change = m_operations->setFlags(ids, set, clear);
    m_flagChanges.insert(change);
    int first = INT_MAX;
    int last = -1;
    for (qint64 id : ids) {
        PendingFlags &p = m_pendingFlags[id];
        p.set = (p.set | set) & ~clear;
        p.clear = (p.clear | clear) & ~set;
        p.change = change;
        if (const int r = rowOf(id); r >= 0) {
            first = std::min(first, r);
            last = std::max(last, r);
        }
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void MessageListModel::flagChangeDone(quint64 change, const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        const auto pending = m_pendingFlags.constFind(id);
        // A later change of the same message is still on its way.
        if (pending != m_pendingFlags.constEnd() && pending->change <= change)
            m_pendingFlags.erase(pending);
    }
    refreshMessages(ids);
}

QString MessageListModel::sizeText(qint64 bytes)
{
    // Compact: whole kilobytes up to a megabyte (at least 1 kB, as mail
    // clients show), then one decimal.
    constexpr qint64 KiB = 1024;
    const QLocale locale;
    if (bytes < KiB * KiB)
        return locale.formattedDataSize(std::max<qint64>(KiB, bytes), 0, QLocale::DataSizeTraditionalFormat);
    return locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int MessageListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString senderOf(const MessageSummary &m)
{
    return m.fromName.isEmpty() ? m.fromAddress : m.fromName;
}

}  // namespace

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_ids.size())
        return {};
    if (role == IdRole)
        return m_ids.at(index.row());
    const MessageSummary *m = row(index.row());
    if (!m)
        return {};
    const int column = index.column();
    const int flags = flagsOf(*m);
    const bool flagged = flags & Store::Flag::Flagged;
    switch (role) {
    case FlagsRole: return flags;
    case Qt::DisplayRole:
        switch (column) {
        case SubjectColumn: return m->subject.isEmpty() ? tr("(no subject)") : m->subject;
        case FromColumn: return senderOf(*m);
        case DateColumn: return listDateText(m->date.isValid() ? m->date : m->receivedAt, m_dateFormat);
        case SizeColumn: return sizeText(m->size);
        default: return {};
        }
    case Qt::DecorationRole:
        if (column == FlagColumn && flagged)
            return Icons::flagged();
        if (column == AttachmentColumn && m->hasAttachments)
            return Icons::attachment();
        if (column == SubjectColumn && (m->flags & Store::Flag::Partial))
            return Icons::partial();
        return {};
    case Qt::FontRole:
        if (!(flags & Store::Flag::Seen)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case FlagColumn: return flagged ? tr("Flagged (click to remove the flag)") : tr("Click to flag");
        case AttachmentColumn: return m->hasAttachments ? tr("Has attachments") : QVariant();
        case SubjectColumn:
            if (m->flags & Store::Flag::Partial)
                return tr("Only the beginning of this message was downloaded.");
            return m->snippet.isEmpty() ? QVariant() : QVariant(m->snippet);
        case FromColumn:
            return m->fromName.isEmpty() || m->fromAddress.isEmpty()
                ? senderOf(*m)
                : QStringLiteral("%1 <%2>").arg(m->fromName, m->fromAddress);
        case DateColumn:
            return QLocale().toString((m->date.isValid() ? m->date : m->receivedAt).toLocalTime(), QLocale::LongFormat);
        case SizeColumn: return tr("%Ln byte(s)", nullptr, int(std::min<qint64>(m->size, INT_MAX)));
        default: return {};
        }
    case Qt::AccessibleTextRole:
        switch (column) {
        case FlagColumn: return flagged ? tr("Flagged") : QString();
        case AttachmentColumn: return m->hasAttachments ? tr("Has attachments") : QString();
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (column == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case SubjectColumn: return tr("Subject");
        case FromColumn: return tr("From");
        case DateColumn: return tr("Date");
        case SizeColumn: return tr("Size");
        default: return {};
        }
    }
    if (role == Qt::DecorationRole) {
        if (section == FlagColumn)
            return Icons::flagged();
        if (section == AttachmentColumn)
            return Icons::attachment();
    }
    if (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole) {
        if (section == FlagColumn)
            return tr("Flagged");
        if (section == AttachmentColumn)
            return tr("Attachments");
    }
    return {};
}

Qt::ItemFlags MessageListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

int MessageListModel::columnOf(SortKey key)
{
    switch (key) {
    case SortKey::From: return FromColumn;
    case SortKey::Subject: return SubjectColumn;
    case SortKey::Size: return SizeColumn;
    case SortKey::Date: break;
    }
    return DateColumn;
}

void MessageListModel::sort(int column, Qt::SortOrder order)
{
    ListOrder wanted;
    switch (column) {
    case SubjectColumn: wanted.key = SortKey::Subject; break;
    case FromColumn: wanted.key = SortKey::From; break;
    case SizeColumn: wanted.key = SortKey::Size; break;
    case DateColumn: wanted.key = SortKey::Date; break;
    default: return;  // the flag and attachment marks are not an order
    }
    wanted.ascending = order == Qt::AscendingOrder;
    if (wanted == m_order)
        return;
    auto ids = loadIds(m_folderId, m_search, wanted);
    if (!ids) {
        Q_EMIT readFailed(ids.error());
        return;
    }
    m_order = wanted;
    applyIds(*ids);
    followIndex();
}

QStringList MessageListModel::mimeTypes() const
{
    return { QString::fromLatin1(MimeType) };
}

QMimeData *MessageListModel::mimeData(const QModelIndexList &indexes) const
{
    QList<qint64> ids;
    QSet<int> rows;
    for (const QModelIndex &i : indexes) {
        if (i.isValid() && !rows.contains(i.row())) {
            rows.insert(i.row());
            ids << m_ids.at(i.row());
        }
    }
    if (ids.isEmpty())
        return nullptr;
    QByteArray text;
    for (qint64 id : ids)
        text += QByteArray::number(id) + '\n';
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(MimeType), text);
    return data;
}

QList<qint64> MessageListModel::idsFrom(const QMimeData *data)
{
    QList<qint64> ids;
    if (!data)
        return ids;
    for (const QByteArray &line : data->data(QString::fromLatin1(MimeType)).split('\n')) {
        bool ok = false;
        const qint64 id = line.toLongLong(&ok);
        if (ok && id > 0)
            ids << id;
    }
    return ids;
}

Qt::DropActions MessageListModel::supportedDragActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

void MessageListModel::setDateFormat(ListDateFormat format)
{
    if (format == m_dateFormat)
        return;
    m_dateFormat = format;
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, DateColumn), index(int(m_ids.size()) - 1, DateColumn), { Qt::DisplayRole });
}

}  // namespace Poplar::Ui
