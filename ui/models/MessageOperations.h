#pragma once

#include "common/Error.h"
#include "models/TransferRule.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace Store {
class MailStore;
}

namespace Poplar::Ui {

class StoreWorker;

// The store writes the user asks for — marks, moving, copying, trashing
// and deleting messages, emptying Trash, making, moving, renaming and
// deleting folders — run one after another on a StoreWorker, never on the GUI
// thread. Many messages go in steps of ChunkSize (each step its own
// transaction), reporting how many are done, and may be stopped between
// two steps (what is done stays done); until an operation is reported,
// its messages and folders count as busy, so the window keeps the user
// from acting on them twice.
class MessageOperations : public QObject
{
    Q_OBJECT
public:
    enum class Kind {
        Flags,
        Move,
        Copy,
        Trash,
        DeleteForGood,
        EmptyTrash,
        CreateFolder,
        MoveFolder,
        DeleteFolder,
        RenameFolder
    };
    Q_ENUM(Kind)
    static constexpr int ChunkSize = 500;

    explicit MessageOperations(Store::MailStore *store, QObject *parent = nullptr);
    ~MessageOperations() override;

    // Each returns the operation's number (they grow), which the signals
    // repeat.
    quint64 setFlags(const QList<qint64> &ids, int set, int clear);
    // Move, Copy or Trash into `folderId` (Trash: the Trash folder), or
    // DeleteForGood; None does nothing and returns 0.
    quint64 transfer(const QList<qint64> &ids, qint64 folderId, TransferRule::Transfer how);
    quint64 emptyTrash(qint64 trashId);
    quint64 createFolder(qint64 parentId, const QString &name);
    quint64 moveFolder(qint64 folderId, qint64 newParentId);
    quint64 renameFolder(qint64 folderId, const QString &name);
    // The folder and its subfolders; their messages go to Trash.
    quint64 deleteFolder(qint64 folderId);

    // Asks a long operation to stop before its next step: the steps made
    // stay made, none is half done. It reports `stopped`, then `finished`.
    void stop(quint64 operation);

    [[nodiscard]] bool isBusy(qint64 messageId) const { return m_busyMessages.contains(messageId); }
    [[nodiscard]] bool anyBusy(const QList<qint64> &messageIds) const;
    // Some message is busy (cheap: tells whether anyBusy is worth asking).
    [[nodiscard]] bool hasBusyMessages() const { return !m_busyMessages.isEmpty(); }
    [[nodiscard]] bool isFolderBusy(qint64 folderId) const { return m_busyFolders.contains(folderId); }
    // Operations asked for and not yet reported.
    [[nodiscard]] int pending() const;

Q_SIGNALS:
    // `done` of `total` messages are written (long operations, each step).
    void progressed(quint64 operation, Poplar::Ui::MessageOperations::Kind kind, int done, int total);
    // The operation is stored; `ids` are the messages it was asked for
    // (none for folder operations), `folderId` the folder it made, moved
    // or deleted, or the one messages went into.
    void finished(
        quint64 operation, Poplar::Ui::MessageOperations::Kind kind, const QList<qint64> &ids, qint64 folderId);
    // It was stopped (see stop) with `done` of its `total` messages
    // written; `finished` follows.
    void stopped(quint64 operation, Poplar::Ui::MessageOperations::Kind kind, int done, int total);
    // …or it failed, after `done` steps (a long one keeps what it did).
    void failed(quint64 operation, Poplar::Ui::MessageOperations::Kind kind, const QList<qint64> &ids,
        const Poplar::Error &error);
    // Messages or folders became busy or free.
    void busyChanged();

private:
    // How far a long operation got, and whether it is to stop; shared with
    // its job on the worker's thread.
    struct Steps {
        std::atomic_bool stop { false };
        std::atomic_bool stopped { false };
        std::atomic_int done { 0 };
        std::atomic_int total { 0 };
    };
    struct Operation {
        Kind kind = Kind::Flags;
        QList<qint64> ids;
        QList<qint64> folders;  // busy while it runs
        std::shared_ptr<qint64> folderId;
        std::shared_ptr<Steps> steps;  // operations on messages
    };
    using Step = std::function<Poplar::Status(Store::MailStore &store, const QList<qint64> &chunk)>;
    static Poplar::Status inSteps(Store::MailStore &store, const QList<qint64> &ids,
        const std::function<void(int, int)> &progress, const Step &step, Steps &steps);
    quint64 start(Operation op, Step step);
    quint64 startFolderJob(Kind kind, QList<qint64> busyFolders,
        std::function<Poplar::Status(Store::MailStore &store, qint64 *folderId)> job);
    void markBusy(const Operation &op, int delta);
    void ended(quint64 number, const Poplar::Error *error);

    StoreWorker *m_worker = nullptr;
    QHash<quint64, Operation> m_running;
    QHash<qint64, int> m_busyMessages;
    QHash<qint64, int> m_busyFolders;
};

}  // namespace Poplar::Ui
