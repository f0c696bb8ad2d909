#include "models/MessageOperations.h"

#include "models/StoreWorker.h"
#include "store/Store.h"

#include <algorithm>
#include <memory>

namespace Poplar::Ui {

using Poplar::Status;
using Store::MailStore;

namespace {

// Deletes for good those of `ids` still in `folderId` when their step
// comes: one moved out meanwhile (by another process, say) stays.
Status deleteFromFolder(MailStore &store, const QList<qint64> &ids, qint64 folderId)
{
    if (auto gone = store.deleteMessagesInFolder(ids, folderId); !gone)
        return gone.error();
    return {};
}

}  // namespace

// Applies `step` to `ids` ChunkSize at a time, each its own transaction,
// telling how far it got; a stop asked for ends it before the next step.
// The first progress is told after the first look at `stop`, so a stop
// asked for once that is seen ends it after the step under way.
Status MessageOperations::inSteps(MailStore &store, const QList<qint64> &ids,
    const std::function<void(int, int)> &progress, const Step &step, Steps &steps)
{
    const int total = int(ids.size());
    const bool inParts = total > ChunkSize;
    steps.total = total;
    for (int from = 0; from < total; from += ChunkSize) {
        if (steps.stop) {
            steps.stopped = true;
            return {};
        }
        if (from == 0 && inParts)
            progress(0, total);
        if (Status st = step(store, ids.mid(from, ChunkSize)); !st)
            return st;
        steps.done = std::min(from + ChunkSize, total);
        if (inParts)
            progress(steps.done, total);
    }
    return {};
}

MessageOperations::MessageOperations(MailStore *store, QObject *parent)
    : QObject(parent)
    , m_worker(new StoreWorker(store, this))
{
    connect(m_worker, &StoreWorker::progressed, this, [this](quint64 job, int done, int total) {
        const auto op = m_running.constFind(job);
        if (op != m_running.constEnd())
            Q_EMIT progressed(job, op->kind, done, total);
    });
    connect(m_worker, &StoreWorker::done, this, [this](quint64 job) { ended(job, nullptr); });
    connect(
        m_worker, &StoreWorker::failed, this, [this](quint64 job, const Poplar::Error &error) { ended(job, &error); });
}

MessageOperations::~MessageOperations()
{
    delete m_worker;  // waits for what was asked: nothing is lost
}

int MessageOperations::pending() const
{
    return m_worker->pending();
}

bool MessageOperations::anyBusy(const QList<qint64> &messageIds) const
{
    if (m_busyMessages.isEmpty())
        return false;
    return std::any_of(
        messageIds.cbegin(), messageIds.cend(), [this](qint64 id) { return m_busyMessages.contains(id); });
}

quint64 MessageOperations::setFlags(const QList<qint64> &ids, int set, int clear)
{
    Operation op;
    op.kind = Kind::Flags;
    op.ids = ids;
    return start(std::move(op),
        [set, clear](MailStore &store, const QList<qint64> &chunk) { return store.setFlags(chunk, set, clear); });
}

quint64 MessageOperations::transfer(const QList<qint64> &ids, qint64 folderId, TransferRule::Transfer how)
{
    using Transfer = TransferRule::Transfer;
    Operation op;
    op.ids = ids;
    op.folderId = std::make_shared<qint64>(folderId);
    switch (how) {
    case Transfer::None: return 0;
    case Transfer::Move:
        op.kind = Kind::Move;
        return start(std::move(op),
            [folderId](MailStore &store, const QList<qint64> &chunk) { return store.moveMessages(chunk, folderId); });
    case Transfer::Copy:
        op.kind = Kind::Copy;
        return start(std::move(op), [folderId](MailStore &store, const QList<qint64> &chunk) -> Status {
            if (auto copies = store.copyMessages(chunk, folderId); !copies)
                return copies.error();
            return {};
        });
    case Transfer::Trash:
        op.kind = Kind::Trash;
        return start(
            std::move(op), [](MailStore &store, const QList<qint64> &chunk) { return store.trashMessages(chunk); });
    case Transfer::DeleteForGood:
        op.kind = Kind::DeleteForGood;
        // Offered in Trash only: a message that left it meanwhile stays.
        return start(std::move(op), [](MailStore &store, const QList<qint64> &chunk) -> Status {
            auto trash = store.trashFolderId();
            if (!trash)
                return trash.error();
            return deleteFromFolder(store, chunk, *trash);
        });
    }
    return 0;
}

quint64 MessageOperations::start(Operation op, Step step)
{
    const QList<qint64> ids = op.ids;
    const bool busy = op.kind != Kind::Flags;  // marks are quick and change nothing else
    op.steps = std::make_shared<Steps>();
    const quint64 number = m_worker->run(
        [ids, steps = op.steps, step = std::move(step)](MailStore &store, const StoreWorker::Progress &progress) {
            return inSteps(store, ids, progress, step, *steps);
        });
    m_running.insert(number, std::move(op));
    if (busy) {
        markBusy(m_running[number], 1);
        Q_EMIT busyChanged();
    }
    return number;
}

quint64 MessageOperations::emptyTrash(qint64 trashId)
{
    Operation op;
    op.kind = Kind::EmptyTrash;
    op.folders = { trashId };
    op.folderId = std::make_shared<qint64>(trashId);
    op.steps = std::make_shared<Steps>();
    // What Trash holds when its turn comes, in steps; a message trashed
    // after that stays for the next time, and one taken out of Trash
    // meanwhile stays where it went.
    const quint64 number
        = m_worker->run([trashId, steps = op.steps](MailStore &store, const StoreWorker::Progress &progress) -> Status {
              auto ids = store.messageIds(trashId);
              if (!ids)
                  return ids.error();
              return inSteps(
                  store, *ids, progress,
                  [trashId](MailStore &s, const QList<qint64> &chunk) { return deleteFromFolder(s, chunk, trashId); },
                  *steps);
          });
    m_running.insert(number, std::move(op));
    markBusy(m_running[number], 1);
    Q_EMIT busyChanged();
    return number;
}

quint64 MessageOperations::startFolderJob(
    Kind kind, QList<qint64> busyFolders, std::function<Status(MailStore &store, qint64 *folderId)> job)
{
    Operation op;
    op.kind = kind;
    op.folders = std::move(busyFolders);
    op.folderId = std::make_shared<qint64>(op.folders.value(0));
    const std::shared_ptr<qint64> folderId = op.folderId;
    const quint64 number = m_worker->run([folderId, job = std::move(job)](MailStore &store,
                                             const StoreWorker::Progress &) { return job(store, folderId.get()); });
    m_running.insert(number, std::move(op));
    markBusy(m_running[number], 1);
    Q_EMIT busyChanged();
    return number;
}

quint64 MessageOperations::createFolder(qint64 parentId, const QString &name)
{
    return startFolderJob(Kind::CreateFolder, {}, [parentId, name](MailStore &store, qint64 *folderId) -> Status {
        auto id = store.createFolder(parentId, name);
        if (!id)
            return id.error();
        *folderId = *id;  // read on the GUI thread after the job's report
        return {};
    });
}

quint64 MessageOperations::moveFolder(qint64 folderId, qint64 newParentId)
{
    return startFolderJob(Kind::MoveFolder, { folderId },
        [folderId, newParentId](MailStore &store, qint64 *) { return store.moveFolder(folderId, newParentId); });
}

quint64 MessageOperations::renameFolder(qint64 folderId, const QString &name)
{
    return startFolderJob(Kind::RenameFolder, { folderId },
        [folderId, name](MailStore &store, qint64 *) { return store.renameFolder(folderId, name); });
}

quint64 MessageOperations::deleteFolder(qint64 folderId)
{
    return startFolderJob(Kind::DeleteFolder, { folderId },
        [folderId](MailStore &store, qint64 *) { return store.deleteFolder(folderId); });
}

void MessageOperations::stop(quint64 operation)
{
    const auto op = m_running.constFind(operation);
    if (op != m_running.constEnd() && op->steps)
        op->steps->stop = true;
}

void MessageOperations::markBusy(const Operation &op, int delta)
{
    auto count = [delta](QHash<qint64, int> &busy, qint64 id) {
        int &n = busy[id];
        n += delta;
        if (n <= 0)
            busy.remove(id);
    };
    if (op.kind != Kind::Flags) {
        for (qint64 id : op.ids)
            count(m_busyMessages, id);
    }
    for (qint64 id : op.folders)
        count(m_busyFolders, id);
}

void MessageOperations::ended(quint64 number, const Poplar::Error *error)
{
    const auto it = m_running.find(number);
    if (it == m_running.end())
        return;
    const Operation op = std::move(*it);
    m_running.erase(it);
    const bool wasBusy = op.kind != Kind::Flags || !op.folders.isEmpty();
    markBusy(op, -1);
    if (wasBusy)
        Q_EMIT busyChanged();
    if (error) {
        Q_EMIT failed(number, op.kind, op.ids, *error);
        return;
    }
    if (op.steps && op.steps->stopped)
        Q_EMIT stopped(number, op.kind, op.steps->done, op.steps->total);
    Q_EMIT finished(number, op.kind, op.ids, op.folderId ? *op.folderId : 0);
}

}  // namespace Poplar::Ui
