#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/IndexingHold.h"
#include "store/MessageQueries.h"
#include "store/Messages.h"
#include "store/SearchQuery.h"
#include "store/StoreTypes.h"

#include <QList>
#include <QString>

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <utility>

namespace Store {

class ReaderPool;
class WriterThread;

// The local mail store of one profile: a façade over the store's parts.
// Writes run on one writer thread (WriterThread), each in its own
// transaction (a failure rolls back everything it did); reads run on the
// calling thread's own read connection (ReaderPool) and never wait for the
// writer (WAL). The work itself is done by Folders, Messages,
// MessageQueries, SearchIndex, Maintenance and AccountTable. Every method
// may be called from any thread except the writer thread itself.
class MailStore
{
public:
    static constexpr qsizetype ChunkSize = Messages::ChunkSize;

    ~MailStore();
    MailStore(const MailStore &) = delete;
    MailStore &operator=(const MailStore &) = delete;

    struct OpenOptions {
        // Flushes a file to the disk (fsync(2) unless a test injects a
        // failing disk).
        std::function<int(int fd)> fsync;
    };

    // Opens (creating and migrating as needed) the store in `profileDir`.
    [[nodiscard]] static Poplar::Result<std::unique_ptr<MailStore>> open(const QString &profileDir);
    [[nodiscard]] static Poplar::Result<std::unique_ptr<MailStore>> open(
        const QString &profileDir, OpenOptions options);

    [[nodiscard]] const QString &directory() const { return m_directory; }
    [[nodiscard]] QString databasePath() const;

    // --- reads ---------------------------------------------------------------
    [[nodiscard]] Poplar::Result<QList<Folder>> folders();
    [[nodiscard]] Poplar::Result<Folder> folder(qint64 id);
    [[nodiscard]] Poplar::Result<Folder> folderByPath(const QString &path);
    [[nodiscard]] Poplar::Result<qint64> trashFolderId();
    // Newest first (date, then id).
    [[nodiscard]] Poplar::Result<QList<MessageSummary>> messages(qint64 folderId, int offset = 0, int limit = 100);
    // Every folder but Trash, newest first.
    [[nodiscard]] Poplar::Result<QList<MessageSummary>> allMessages(int offset = 0, int limit = 100);
    // Messages matching a search (see SearchQuery for the syntax), newest
    // first; `folderId` (0: none) narrows it to one folder. Messages still
    // waiting to join the search index join it first (on the writer), so a
    // search finds every message stored before it started.
    [[nodiscard]] Poplar::Result<QList<MessageSummary>> search(
        const QString &query, qint64 folderId = 0, int offset = 0, int limit = 100);
    [[nodiscard]] Poplar::Result<QList<MessageSummary>> search(
        const SearchQuery &query, qint64 folderId = 0, int offset = 0, int limit = 100);
    // Message lists hold ids and read the rows they show as they need them.
    // `folderId` may be UnifiedInbox: every account's Inbox together.
    static constexpr qint64 UnifiedInbox = MessageQueries::UnifiedInbox;
    [[nodiscard]] Poplar::Result<QList<qint64>> messageIds(qint64 folderId, ListOrder order = {});
    // The ids of every message matching `query`, in `order`; `folderId` (0:
    // every folder but Trash; or UnifiedInbox) narrows it. With
    // IndexCatchUp::No it does not wait for messages still waiting to join
    // the search index (the GUI thread must not wait for the writer): their
    // text is not searched yet; searchIndexBehind() tells whether any wait.
    enum class IndexCatchUp { Yes, No };
    [[nodiscard]] Poplar::Result<QList<qint64>> searchIds(const SearchQuery &query, qint64 folderId = 0,
        ListOrder order = {}, IndexCatchUp catchUp = IndexCatchUp::Yes);
    // Whether stored messages still wait to join the search index.
    [[nodiscard]] Poplar::Result<bool> searchIndexBehind();
    // The summaries of `ids` in that order; ids no longer stored are left out.
    [[nodiscard]] Poplar::Result<QList<MessageSummary>> messagesByIds(const QList<qint64> &ids);
    // The messages stored last for an account, newest arrival first (for
    // telling the user what came in).
    [[nodiscard]] Poplar::Result<QList<MessageSummary>> latestArrivals(qint64 accountId, int limit);
    [[nodiscard]] Poplar::Result<MessageSummary> message(qint64 id);
    [[nodiscard]] Poplar::Result<QByteArray> rawMessage(qint64 id);
    // Hands the raw bytes out chunk by chunk (at most ChunkSize each).
    [[nodiscard]] Poplar::Status readRaw(qint64 id, const std::function<Poplar::Status(QByteArrayView)> &sink);

    // --- writes --------------------------------------------------------------
    // Creates an account and its Inbox; returns the account id.
    // `alsoInTransaction` (the account's settings) commits with them.
    [[nodiscard]] Poplar::Result<qint64> createAccount(
        const QString &name, const std::function<Poplar::Status(Database &, qint64 accountId)> &alsoInTransaction = {});
    // Account names start folder paths: not empty, no '/', not Local or Trash.
    [[nodiscard]] static Poplar::Status validateAccountName(const QString &name);
    // Folder names: not empty, no '/', no control characters, no blank at
    // either end, at most 255 characters (checks the name alone).
    [[nodiscard]] static Poplar::Status validateFolderName(const QString &name);
    [[nodiscard]] Poplar::Result<qint64> createFolder(qint64 parentId, const QString &name);
    // "Local/a/b": finds that local folder, creating it and its parents as needed.
    [[nodiscard]] Poplar::Result<qint64> ensureLocalFolder(const QString &path);
    [[nodiscard]] Poplar::Status renameFolder(qint64 id, const QString &name);
    [[nodiscard]] Poplar::Status moveFolder(qint64 id, qint64 newParentId);
    // Deletes a local folder and its subfolders; their messages go to Trash.
    [[nodiscard]] Poplar::Status deleteFolder(qint64 id);

    // Stores a message in one transaction; `alsoInTransaction` runs inside
    // the same transaction (for the fetch ledger), so both commit or neither.
    [[nodiscard]] Poplar::Result<qint64> insertMessage(const PreparedMessage &message,
        const std::function<Poplar::Status(Database &, qint64 messageId)> &alsoInTransaction = {});
    // Stores one prepared message inside a write() job (fetches store a
    // batch of messages and their ledger rows in one transaction this way).
    [[nodiscard]] static Poplar::Result<qint64> insertPrepared(Database &db, const PreparedMessage &message);
    // Inside a write() job: gives message `id` the bytes of `message` (and
    // everything derived from them) in place of what it had, and clears its
    // Partial flag; folder, flags and arrival time stay (download the rest).
    [[nodiscard]] static Poplar::Status replaceContent(Database &db, qint64 id, const PreparedMessage &message);
    // Several messages in one transaction (imports): all or none.
    [[nodiscard]] Poplar::Result<QList<qint64>> insertMessages(const QList<PreparedMessage> &messages);
    // When a commit reaches the disk (see Store::Durability).
    using Durability = Store::Durability;

    // The same, returning at once; the future tells how it went. Lets the
    // caller prepare the next batch while this one is written.
    [[nodiscard]] std::future<Poplar::Result<QList<qint64>>> insertMessagesAsync(
        QList<PreparedMessage> messages, Durability durability = Durability::Immediate);
    // Makes every commit so far durable (after Deferred ones). Once a flush
    // has failed it fails for good, with that error: the kernel may have
    // dropped the data it could not write, and a later flush that succeeds
    // says nothing about it.
    [[nodiscard]] Poplar::Status syncToDisk();

    [[nodiscard]] Poplar::Status moveMessages(const QList<qint64> &ids, qint64 folderId);
    [[nodiscard]] Poplar::Result<QList<qint64>> copyMessages(const QList<qint64> &ids, qint64 folderId);
    // Moves to Trash (remembering where from); messages already in Trash stay.
    [[nodiscard]] Poplar::Status trashMessages(const QList<qint64> &ids);
    [[nodiscard]] Poplar::Status deleteMessagesPermanently(const QList<qint64> &ids);
    // Deletes for good those of `ids` that are still in `folderId` when
    // their turn comes: one moved out of it since it was listed (by another
    // process, say) stays. Returns how many went.
    [[nodiscard]] Poplar::Result<int> deleteMessagesInFolder(const QList<qint64> &ids, qint64 folderId);
    [[nodiscard]] Poplar::Status emptyTrash();
    [[nodiscard]] Poplar::Status setFlags(const QList<qint64> &ids, int set, int clear);

    // Runs `job` on this thread's read connection, in one read transaction
    // (a consistent snapshot).
    [[nodiscard]] Poplar::Status read(const std::function<Poplar::Status(Database &)> &job);
    // The same for a job that returns a value (a Result<T>): its result, or
    // the error of opening the snapshot.
    template<typename Job>
    [[nodiscard]] auto readValue(Job job) -> decltype(job(std::declval<Database &>()))
    {
        using R = decltype(job(std::declval<Database &>()));
        std::optional<R> result;
        const Poplar::Status st = read([&](Database &db) -> Poplar::Status {
            result.emplace(job(db));
            return {};
        });
        if (!st)
            return st.error();
        return std::move(*result);
    }
    // Runs `job` on the writer thread inside one transaction.
    [[nodiscard]] Poplar::Status write(const std::function<Poplar::Status(Database &)> &job);
    // The same without waiting: the job is kept until it has run.
    [[nodiscard]] std::future<Poplar::Status> writeAsync(
        std::function<Poplar::Status(Database &)> job, Durability durability = Durability::Immediate);

    // New messages join the search index after they are stored: the writer
    // indexes them whenever it has nothing else to do, unless a hold is kept
    // (a fetch keeps one while it runs), and a search indexes them first.
    [[nodiscard]] IndexingHold holdIndexing();
    // Indexes every message still waiting, now (a search does this itself).
    [[nodiscard]] Poplar::Status catchUpSearchIndex();

    // PRAGMA integrity_check: "ok" or the problems found.
    [[nodiscard]] Poplar::Result<QStringList> integrityCheck();

    // Derives every message's columns again from its raw bytes (after a
    // parser improvement, or to repair). Returns the number of messages.
    [[nodiscard]] Poplar::Result<int> reindex(const std::function<void(int done, int total)> &progress = {});

    // A consistent copy of the whole store, made while it is in use
    // (VACUUM INTO from a read snapshot). `file` must not exist.
    [[nodiscard]] Poplar::Status backupTo(const QString &file);
    // Puts a backup in place as the store of `profileDir`, which must not
    // hold mail yet. The backup is checked first.
    [[nodiscard]] static Poplar::Status restoreFrom(const QString &backupFile, const QString &profileDir);

private:
    MailStore() = default;
    // Runs `query` on this thread's read connection (no transaction of its
    // own, so it may run inside a read() job too).
    template<typename Query>
    auto onReader(Query query) -> decltype(query(std::declval<Database &>()));

    QString m_directory;
    std::unique_ptr<ReaderPool> m_readers;
    std::unique_ptr<WriterThread> m_writer;
};

}  // namespace Store
