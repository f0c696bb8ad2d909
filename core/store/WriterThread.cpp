#include "store/WriterThread.h"

#include "store/Schema.h"
#include "store/SqliteExtensions.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Status;

namespace {

// One write job in one transaction, at the durability it asked for. Every
// job sets the level itself, so no job can inherit a relaxed one: if the
// level cannot be set (SQLite refuses inside an open transaction), the job
// fails rather than commit without the flush it needs.
Status runInTransaction(Database &db, const WriterThread::Job &job, Durability durability)
{
    const bool deferred = durability == Durability::Deferred;
    if (auto st
        = db.exec(deferred ? QStringLiteral("PRAGMA synchronous=NORMAL") : QStringLiteral("PRAGMA synchronous=FULL"));
        !st)
        return st;
    Transaction t(db);
    Status st = t.begin();
    if (st)
        st = job(db);
    if (st)
        st = t.commit();
    return st;
}

}  // namespace

WriterThread::WriterThread(QString databasePath, QString directory, std::function<int(int fd)> fsync)
    : m_path(std::move(databasePath))
    , m_directory(std::move(directory))
    , m_fsync(std::move(fsync))
    , m_checkpointer(m_path, kWalKeep)
{ }

WriterThread::~WriterThread()
{
    stopAndWait();
}

Status WriterThread::startAndOpen()
{
    std::future<Status> opened = m_opened.get_future();
    start();
    return opened.get();
}

void WriterThread::enqueue(std::function<void(Database &)> job)
{
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void WriterThread::stopAndWait()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    if (isRunning())
        wait();
}

void WriterThread::run()
{
    Database db;
    Status st = db.open(m_path);
    if (st) {
        auto migrated = Schema::migrate(db);
        if (!migrated)
            st = migrated.error();
    }
    // Checkpoints run on a thread of their own, so that the writer goes on
    // writing meanwhile; only a log that outgrows kWalHardLimit is
    // checkpointed by the writer itself. A crash at any moment is safe
    // either way.
    qint64 pageSize = 4096;
    if (st) {
        auto size = db.scalar(QStringLiteral("PRAGMA page_size"));
        if (size && size->toLongLong() > 0)
            pageSize = size->toLongLong();
        st = db.exec(QStringLiteral("PRAGMA journal_size_limit=%1").arg(kWalKeep));
    }
    WalCommitHook hook = [this, pageSize](int frames) {
        const qint64 bytes = qint64(frames) * pageSize;
        if (bytes >= kWalHardLimit)
            return true;
        if (bytes >= kWalSoftLimit)
            m_checkpointer.request();
        return false;
    };
    if (st)
        st = setWalCommitHook(db.handle(), &hook);
    if (st)
        m_checkpointer.start();
    m_opened.set_value(st);
    if (!st)
        return;
    for (;;) {
        std::function<void(Database &)> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty() || idleWorkReady(); });
            if (!m_jobs.empty()) {
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            } else if (m_stop) {
                break;  // stopping, and every queued job has run
            }
        }
        if (!job) {
            runIdleStep(db);
            continue;
        }
        job(db);
        std::lock_guard lock(m_mutex);
        m_idleWorkLeft = true;
    }
    m_checkpointer.stop();
    (void)setWalCommitHook(db.handle(), nullptr);
    db.close();
}

bool WriterThread::idleWorkReady() const
{
    return m_idleStep && m_idleWorkLeft && m_idleHolds == 0 && !m_stop;
}

void WriterThread::runIdleStep(Database &db)
{
    IdleStep step;
    {
        std::lock_guard lock(m_mutex);
        step = m_idleStep;
    }
    bool more = false;
    const Status st = runInTransaction(
        db,
        [&](Database &d) -> Status {
            auto r = step(d);
            if (!r)
                return r.error();
            more = *r;
            return {};
        },
        Durability::Deferred);
    // A failed step (a full disk, say) waits for the next job rather than
    // spin; whoever needs the work done (a search) meets the error itself.
    std::lock_guard lock(m_mutex);
    m_idleWorkLeft = st && more;
}

void WriterThread::setIdleWork(IdleStep step)
{
    {
        std::lock_guard lock(m_mutex);
        m_idleStep = std::move(step);
        m_idleWorkLeft = true;
    }
    m_wake.notify_one();
}

void WriterThread::holdIdleWork()
{
    std::lock_guard lock(m_mutex);
    ++m_idleHolds;
}

void WriterThread::releaseIdleWork()
{
    {
        std::lock_guard lock(m_mutex);
        --m_idleHolds;
    }
    m_wake.notify_one();
}

Status WriterThread::write(const Job &job)
{
    if (isCurrent())
        return Error(ErrorCode::InvalidState, QStringLiteral("a write job started another write"));
    // The promise is shared with the job: the caller may wake up and return
    // while the writer is still inside set_value(), so the promise must not
    // live on the caller's stack.
    auto done = std::make_shared<std::promise<Status>>();
    std::future<Status> result = done->get_future();
    enqueue([done, &job](Database &db) { done->set_value(runInTransaction(db, job, Durability::Immediate)); });
    return result.get();
}

std::future<Status> WriterThread::writeAsync(Job job, Durability durability)
{
    auto done = std::make_shared<std::promise<Status>>();
    std::future<Status> result = done->get_future();
    if (isCurrent()) {
        done->set_value(Error(ErrorCode::InvalidState, QStringLiteral("a write job started another write")));
        return result;
    }
    // Deferred (synchronous=NORMAL): the commit is written to the log but
    // not flushed; the next Immediate commit, a checkpoint or syncToDisk()
    // flushes it.
    enqueue([done, job = std::move(job), durability](
                Database &db) { done->set_value(runInTransaction(db, job, durability)); });
    return result;
}

Status WriterThread::syncToDisk()
{
    if (isCurrent())
        return Error(ErrorCode::InvalidState, QStringLiteral("syncToDisk() from a write job"));
    auto done = std::make_shared<std::promise<Status>>();
    std::future<Status> result = done->get_future();
    // After every job queued before it: the log holds their commits.
    enqueue([this, done](Database &) { done->set_value(flushToDisk()); });
    return result.get();
}

// On the writer thread: the log, then the directory (the log may be new
// since the last flush).
Status WriterThread::flushToDisk()
{
    if (m_flushFailure)
        return *m_flushFailure;
    bool lost = false;  // a flush itself failed, not just opening the file
    auto flush = [this, &lost](const QString &path, int flags) -> Status {
        const int fd = ::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT)
            return {};  // no log: everything is in the database file, which checkpoints flush
        lost = fd >= 0;
        if (fd < 0 || m_fsync(fd) != 0) {
            const int error = errno;
            if (fd >= 0)
                ::close(fd);
            return Error(ErrorCode::LocalWriteFailed,
                QStringLiteral("cannot flush %1 to disk: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))));
        }
        ::close(fd);
        lost = false;
        return {};
    };
    Status st = flush(m_path + QStringLiteral("-wal"), O_RDONLY);
    if (st)
        st = flush(m_directory, O_RDONLY | O_DIRECTORY);
    if (!st && lost)
        m_flushFailure = st.error();
    return st;
}

}  // namespace Store
