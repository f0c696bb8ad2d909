#include "store/Store.h"

#include "store/AccountTable.h"
#include "store/Folders.h"
#include "store/Maintenance.h"
#include "store/Profile.h"
#include "store/ReaderPool.h"
#include "store/SearchIndex.h"
#include "store/WriterThread.h"

#include <QDir>

#include <unistd.h>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Status;

template<typename Query>
auto MailStore::onReader(Query query) -> decltype(query(std::declval<Database &>()))
{
    auto db = m_readers->connection();
    if (!db)
        return db.error();
    return query(**db);
}

// --- opening -----------------------------------------------------------------

MailStore::~MailStore()
{
    if (m_writer)
        m_writer->stopAndWait();
}

Result<std::unique_ptr<MailStore>> MailStore::open(const QString &profileDir)
{
    return open(profileDir, {});
}

Result<std::unique_ptr<MailStore>> MailStore::open(const QString &profileDir, OpenOptions options)
{
    if (auto st = Profile::ensureDirectory(profileDir); !st)
        return st.error();
    std::unique_ptr<MailStore> store(new MailStore);
    if (!options.fsync)
        options.fsync = [](int fd) { return ::fsync(fd); };
    store->m_directory = QDir(profileDir).absolutePath();
    store->m_readers = std::make_unique<ReaderPool>(store->databasePath());
    store->m_writer = std::make_unique<WriterThread>(store->databasePath(), store->m_directory, options.fsync);
    store->m_writer->setObjectName(QStringLiteral("poplar-store-writer"));
    if (auto st = store->m_writer->startAndOpen(); !st)
        return st.error();
    // Version 2 added the full-text index; mail stored before it is indexed
    // from its raw bytes once, now (again after an interrupted attempt).
    if (auto st = SearchIndex::finishPendingReindex(*store); !st)
        return st.error();
    // Messages stored but not indexed yet (by an earlier run, or from now
    // on) join the index whenever the writer has nothing else to do.
    store->m_writer->setIdleWork([](Database &db) -> Result<bool> {
        auto indexed = SearchIndex::indexSome(db);
        if (!indexed)
            return indexed.error();
        return *indexed == SearchIndex::SliceMessages;
    });
    return store;
}

QString MailStore::databasePath() const
{
    return Profile::databasePath(m_directory);
}

// --- jobs --------------------------------------------------------------------

Status MailStore::read(const std::function<Status(Database &)> &job)
{
    if (m_writer->isCurrent())
        return Error(ErrorCode::InvalidState, QStringLiteral("a read from a write job"));
    auto db = m_readers->connection();
    if (!db)
        return db.error();
    if (auto st = (*db)->begin(false); !st)
        return st;
    Status st = job(**db);
    // A read transaction has nothing to keep: ending it cannot lose anything.
    (*db)->rollback();
    return st;
}

Status MailStore::write(const std::function<Status(Database &)> &job)
{
    return m_writer->write(job);
}

std::future<Status> MailStore::writeAsync(std::function<Status(Database &)> job, Durability durability)
{
    return m_writer->writeAsync(std::move(job), durability);
}

Status MailStore::syncToDisk()
{
    return m_writer->syncToDisk();
}

IndexingHold MailStore::holdIndexing()
{
    return IndexingHold(m_writer.get());
}

Status MailStore::catchUpSearchIndex()
{
    return SearchIndex::catchUp(*this);
}

Result<bool> MailStore::searchIndexBehind()
{
    return onReader([](Database &db) -> Result<bool> {
        auto waiting = db.scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM search_pending)"));
        if (!waiting)
            return waiting.error();
        return waiting->toBool();
    });
}

IndexingHold::IndexingHold(WriterThread *writer)
    : m_writer(writer)
{
    m_writer->holdIdleWork();
}

IndexingHold::~IndexingHold()
{
    release();
}

IndexingHold::IndexingHold(IndexingHold &&other) noexcept
    : m_writer(std::exchange(other.m_writer, nullptr))
{ }

IndexingHold &IndexingHold::operator=(IndexingHold &&other) noexcept
{
    if (this != &other) {
        release();
        m_writer = std::exchange(other.m_writer, nullptr);
    }
    return *this;
}

void IndexingHold::release()
{
    if (m_writer)
        std::exchange(m_writer, nullptr)->releaseIdleWork();
}

// --- reads -------------------------------------------------------------------

Result<QList<Folder>> MailStore::folders()
{
    return onReader([](Database &db) { return Folders::load(db); });
}

Result<Folder> MailStore::folder(qint64 id)
{
    return onReader([id](Database &db) { return Folders::byId(db, id); });
}

Result<Folder> MailStore::folderByPath(const QString &path)
{
    return onReader([&path](Database &db) { return Folders::byPath(db, path); });
}

Result<qint64> MailStore::trashFolderId()
{
    return onReader([](Database &db) { return Folders::trashId(db); });
}

Result<QList<MessageSummary>> MailStore::messages(qint64 folderId, int offset, int limit)
{
    return onReader([&](Database &db) { return MessageQueries::inFolder(db, folderId, offset, limit); });
}

Result<QList<MessageSummary>> MailStore::allMessages(int offset, int limit)
{
    return onReader([&](Database &db) { return MessageQueries::outsideTrash(db, offset, limit); });
}

Result<QList<MessageSummary>> MailStore::search(const QString &query, qint64 folderId, int offset, int limit)
{
    auto parsed = SearchQuery::parse(query);
    if (!parsed)
        return parsed.error();
    return search(*parsed, folderId, offset, limit);
}

Result<QList<MessageSummary>> MailStore::search(const SearchQuery &query, qint64 folderId, int offset, int limit)
{
    if (auto st = catchUpSearchIndex(); !st)
        return st.error();
    return onReader([&](Database &db) { return MessageQueries::search(db, query, folderId, offset, limit); });
}

Result<QList<qint64>> MailStore::messageIds(qint64 folderId, ListOrder order)
{
    return onReader([&](Database &db) { return MessageQueries::ids(db, folderId, order); });
}

Result<QList<qint64>> MailStore::searchIds(
    const SearchQuery &query, qint64 folderId, ListOrder order, IndexCatchUp catchUp)
{
    if (catchUp == IndexCatchUp::Yes) {
        if (auto st = catchUpSearchIndex(); !st)
            return st.error();
    }
    return onReader([&](Database &db) { return MessageQueries::searchIds(db, query, folderId, order); });
}

Result<QList<MessageSummary>> MailStore::messagesByIds(const QList<qint64> &ids)
{
    return onReader([&](Database &db) { return MessageQueries::byIds(db, ids); });
}

Result<QList<MessageSummary>> MailStore::latestArrivals(qint64 accountId, int limit)
{
    return onReader([&](Database &db) { return MessageQueries::latestArrivals(db, accountId, limit); });
}

Result<MessageSummary> MailStore::message(qint64 id)
{
    return onReader([id](Database &db) { return MessageQueries::one(db, id); });
}

Status MailStore::readRaw(qint64 id, const std::function<Status(QByteArrayView)> &sink)
{
    return onReader([&](Database &db) { return MessageQueries::readRaw(db, id, sink); });
}

Result<QByteArray> MailStore::rawMessage(qint64 id)
{
    QByteArray out;
    auto st = readRaw(id, [&](QByteArrayView chunk) {
        out.append(chunk.data(), chunk.size());
        return Status();
    });
    if (!st)
        return st.error();
    return out;
}

// --- accounts and folders ----------------------------------------------------

Status MailStore::validateAccountName(const QString &name)
{
    return AccountTable::validateName(name);
}

Result<qint64> MailStore::createAccount(
    const QString &name, const std::function<Status(Database &, qint64 accountId)> &alsoInTransaction)
{
    if (auto valid = AccountTable::validateName(name); !valid)
        return valid.error();
    qint64 accountId = 0;
    auto st = write([&](Database &db) -> Status {
        auto id = AccountTable::create(db, name);
        if (!id)
            return id.error();
        accountId = *id;
        return alsoInTransaction ? alsoInTransaction(db, accountId) : Status();
    });
    if (!st)
        return st.error();
    return accountId;
}

namespace {
// A write job that returns a value.
template<typename T, typename Job>
Result<T> writeValue(MailStore &store, Job job)
{
    T value {};
    auto st = store.write([&](Database &db) -> Status {
        auto r = job(db);
        if (!r)
            return r.error();
        value = std::move(r).value();
        return {};
    });
    if (!st)
        return st.error();
    return value;
}
}  // namespace

Status MailStore::validateFolderName(const QString &name)
{
    return Folders::validateName(name);
}

Result<qint64> MailStore::createFolder(qint64 parentId, const QString &name)
{
    if (auto st = Folders::validateName(name); !st)
        return st.error();
    return writeValue<qint64>(*this, [&](Database &db) { return Folders::create(db, parentId, name); });
}

Result<qint64> MailStore::ensureLocalFolder(const QString &path)
{
    return writeValue<qint64>(*this, [&](Database &db) { return Folders::ensureLocal(db, path); });
}

Status MailStore::renameFolder(qint64 id, const QString &name)
{
    if (auto st = Folders::validateName(name); !st)
        return st;
    return write([&](Database &db) { return Folders::rename(db, id, name); });
}

Status MailStore::moveFolder(qint64 id, qint64 newParentId)
{
    return write([&](Database &db) { return Folders::move(db, id, newParentId); });
}

Status MailStore::deleteFolder(qint64 id)
{
    return write([&](Database &db) { return Folders::remove(db, id); });
}

// --- messages ----------------------------------------------------------------

Result<qint64> MailStore::insertPrepared(Database &db, const PreparedMessage &message)
{
    return Messages::insert(db, message);
}

Status MailStore::replaceContent(Database &db, qint64 id, const PreparedMessage &message)
{
    return Messages::replaceContent(db, id, message);
}

Result<qint64> MailStore::insertMessage(
    const PreparedMessage &message, const std::function<Status(Database &, qint64)> &alsoInTransaction)
{
    return writeValue<qint64>(*this, [&](Database &db) -> Result<qint64> {
        auto id = Messages::insert(db, message);
        if (!id)
            return id.error();
        if (alsoInTransaction) {
            if (auto s = alsoInTransaction(db, *id); !s)
                return s.error();
        }
        return id;
    });
}

namespace {
Result<QList<qint64>> insertAll(Database &db, const QList<PreparedMessage> &messages)
{
    QList<qint64> ids;
    for (const PreparedMessage &m : messages) {
        auto id = Messages::insert(db, m);
        if (!id)
            return id.error();
        ids << *id;
    }
    return ids;
}
}  // namespace

std::future<Result<QList<qint64>>> MailStore::insertMessagesAsync(
    QList<PreparedMessage> messages, Durability durability)
{
    auto ids = std::make_shared<QList<qint64>>();
    auto written = writeAsync(
        [ids, messages = std::move(messages)](Database &db) -> Status {
            auto inserted = insertAll(db, messages);
            if (!inserted)
                return inserted.error();
            *ids = std::move(inserted).value();
            return {};
        },
        durability);
    return std::async(std::launch::deferred, [ids, written = std::move(written)]() mutable -> Result<QList<qint64>> {
        if (Status st = written.get(); !st)
            return st.error();
        return *ids;
    });
}

Result<QList<qint64>> MailStore::insertMessages(const QList<PreparedMessage> &messages)
{
    return writeValue<QList<qint64>>(*this, [&](Database &db) { return insertAll(db, messages); });
}

Status MailStore::moveMessages(const QList<qint64> &ids, qint64 folderId)
{
    return write([&](Database &db) { return Messages::move(db, ids, folderId); });
}

Result<QList<qint64>> MailStore::copyMessages(const QList<qint64> &ids, qint64 folderId)
{
    return writeValue<QList<qint64>>(*this, [&](Database &db) { return Messages::copy(db, ids, folderId); });
}

Status MailStore::trashMessages(const QList<qint64> &ids)
{
    auto trash = trashFolderId();
    if (!trash)
        return trash.error();
    return moveMessages(ids, *trash);
}

Status MailStore::deleteMessagesPermanently(const QList<qint64> &ids)
{
    return write([&](Database &db) { return Messages::removePermanently(db, ids); });
}

Result<int> MailStore::deleteMessagesInFolder(const QList<qint64> &ids, qint64 folderId)
{
    return writeValue<int>(*this, [&](Database &db) { return Messages::removeFromFolder(db, ids, folderId); });
}

Status MailStore::emptyTrash()
{
    return write([](Database &db) { return Messages::emptyTrash(db); });
}

Status MailStore::setFlags(const QList<qint64> &ids, int set, int clear)
{
    return write([&](Database &db) { return Messages::setFlags(db, ids, set, clear); });
}

// --- maintenance -------------------------------------------------------------

Result<QStringList> MailStore::integrityCheck()
{
    auto searchIndex = SearchIndex::check(*this);
    if (!searchIndex)
        return searchIndex.error();
    return onReader([&](Database &db) { return Maintenance::integrityCheck(db, *searchIndex); });
}

Result<int> MailStore::reindex(const std::function<void(int, int)> &progress)
{
    return SearchIndex::reindex(*this, progress);
}

Status MailStore::backupTo(const QString &file)
{
    return onReader([&](Database &db) { return Maintenance::backupTo(db, file); });
}

Status MailStore::restoreFrom(const QString &backupFile, const QString &profileDir)
{
    return Maintenance::restoreFrom(backupFile, profileDir);
}

}  // namespace Store
