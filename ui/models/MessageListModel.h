#pragma once

#include "common/Error.h"
#include "common/Result.h"
#include "models/StoreReader.h"
#include "settings/ListDate.h"
#include "store/StoreTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

#include <optional>

namespace Store {
class MailStore;
}

namespace Poplar::Ui {

class MessageOperations;

// The messages of one folder (or of every Inbox), optionally narrowed by a
// search, as rows over the store. The model holds only the ordered ids; a
// row's summary is read with its page (PageSize rows) the first time a view
// asks for it, and a bounded number of rows stay cached — so a folder of
// 100,000 messages opens with one query for its ids and scrolls by reading
// the pages that come into view.
class MessageListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FlagColumn, AttachmentColumn, SubjectColumn, FromColumn, DateColumn, SizeColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,  // qint64
        FlagsRole,                  // int, Store::Flag bits
    };
    static constexpr int PageSize = 200;
    static constexpr int MaxCachedRows = 64 * PageSize;
    // Dragged messages: their ids as text, one per line.
    static constexpr const char *MimeType = "application/x-poplar-message-ids";

    explicit MessageListModel(Store::MailStore *store, QObject *parent = nullptr);
    // Writes marks through `operations` (shared with the window's other
    // store writes, so they keep their order); without, through its own.
    MessageListModel(Store::MailStore *store, MessageOperations *operations, QObject *parent = nullptr);

    // Shows a folder (or Store::MailStore::UnifiedInbox) without a search.
    [[nodiscard]] Status showFolder(qint64 folderId);
    // Narrows the folder to the messages matching `query` (the store's
    // search syntax, its words taken as beginnings of words, as typed into
    // a quick search); an empty query shows the whole folder again.
    [[nodiscard]] Status setSearch(const QString &query);
    [[nodiscard]] qint64 folderId() const { return m_folderId; }
    [[nodiscard]] const QString &search() const { return m_search; }
    [[nodiscard]] Store::ListOrder order() const { return m_order; }
    [[nodiscard]] static int columnOf(Store::SortKey key);

    // Reads the list again after the store changed: rows of messages that
    // are gone are removed and new ones inserted, so views keep their
    // selection and current row.
    [[nodiscard]] Status refresh();
    // The same, with the query away from the GUI thread: the rows change
    // when it answers, then reloaded() follows (readFailed first if it
    // failed). Asked again while one is under way, one more follows it
    // (isReloading() says so by then). An
    // answer that a later showFolder(), setSearch(), sort() or refresh()
    // has overtaken is dropped.
    void reload();
    [[nodiscard]] bool isReloading() const { return m_reloads.isReloading(); }
    // Reads these messages' rows again (after their flags changed).
    void refreshMessages(const QList<qint64> &ids);
    // Marks messages (read, flagged): the rows show the marks at once, and
    // they are written to the store away from the GUI thread, in the order
    // asked; flagsWritten or flagWriteFailed follows each call.
    void setFlags(const QList<qint64> &ids, int set, int clear);

    // A size as the Size column shows it: "1 kB", "340 kB", "1.2 MB".
    [[nodiscard]] static QString sizeText(qint64 bytes);

    [[nodiscard]] qint64 idAt(int row) const;
    [[nodiscard]] int rowOf(qint64 id) const;  // -1 when not listed
    [[nodiscard]] std::optional<Store::MessageSummary> summaryAt(int row) const;
    [[nodiscard]] const QList<qint64> &ids() const { return m_ids; }
    // How many pages have been read from the store so far.
    [[nodiscard]] int pagesRead() const { return m_pagesRead; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

    // The ids a drag from this model carries (empty when it carries none).
    [[nodiscard]] static QList<qint64> idsFrom(const QMimeData *data);

    // How the Date column shows dates (Smart by default); the rows shown
    // change at once.
    void setDateFormat(ListDateFormat format);
    [[nodiscard]] ListDateFormat dateFormat() const { return m_dateFormat; }

Q_SIGNALS:
    // Reading from the store failed (the list keeps what it had).
    void readFailed(const Poplar::Error &error);
    // Marks asked for with setFlags() are stored (counts elsewhere are stale)…
    void flagsWritten(const QList<qint64> &ids);
    // …or could not be: the rows show what the store holds again.
    void flagWriteFailed(const Poplar::Error &error);
    // A reload() has answered: the rows show what the store held then.
    void reloaded();

private:
    // On the GUI thread: what the search index holds now (never waiting for
    // the writer); when messages still wait to join it, a reload() follows
    // that lets them join first (followIndex()).
    [[nodiscard]] Result<QList<qint64>> loadIds(qint64 folderId, const QString &search, Store::ListOrder order);
    // `catchUp`: messages waiting for the search index join it first.
    [[nodiscard]] static Result<QList<qint64>> loadIds(Store::MailStore &store, qint64 folderId,
        const QString &search, Store::ListOrder order, bool catchUp = true);
    void followIndex();
    [[nodiscard]] Status show(qint64 folderId, const QString &search);
    const Store::MessageSummary *row(int row) const;
    void applyIds(const QList<qint64> &ids);
    // The message's flags with the marks not yet stored.
    [[nodiscard]] int flagsOf(const Store::MessageSummary &m) const;
    void flagChangeDone(quint64 change, const QList<qint64> &ids);

    Store::MailStore *m_store = nullptr;
    qint64 m_folderId = 0;
    QString m_search;
    Store::ListOrder m_order;
    QList<qint64> m_ids;
    mutable QHash<qint64, int> m_rowOf;  // built when first needed
    mutable QHash<qint64, Store::MessageSummary> m_cache;
    mutable int m_pagesRead = 0;
    mutable bool m_readFailureTold = false;
    bool m_indexBehind = false;  // the last search on the GUI thread left waiting messages' text out
    struct PendingFlags {
        int set = 0;
        int clear = 0;
        quint64 change = 0;  // the operation number of the latest change
    };
    QHash<qint64, PendingFlags> m_pendingFlags;
    MessageOperations *m_operations = nullptr;
    QSet<quint64> m_flagChanges;  // asked for here, not yet reported
    ListDateFormat m_dateFormat = ListDateFormat::Smart;
    ReloadGate m_reloads { m_store };  // the larger reads, away from the GUI thread
};

}  // namespace Poplar::Ui
