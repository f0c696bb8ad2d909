#pragma once

#include "accounts/Account.h"
#include "common/Error.h"
#include "mime/MessageBuilder.h"
#include "mime/Reply.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Store {
class MailStore;
}

namespace Poplar::Ui {

class StoreReader;
class StoreWorker;

// Writes a message: From (one of the accounts that can send), To, Cc,
// Bcc, Subject, the text, attachments (added, dropped in or removed, with
// their sizes). Send queues it in the outbox and asks for it to go out at
// once (queued() with sendNow); Send Later only queues it. Addresses are
// checked before anything is queued, and a problem is said at its field.
// Replies and forwards are filled from the original (read and parsed on
// the store's reader, never on this thread): recipients, subject, the
// quote, threading, the identity it was sent to; once sent, the original
// is marked Answered or Forwarded. The building and queueing run on a
// worker thread; the window closes when the message is safely queued.
// Closing it with something written asks first.
class ComposerWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Mode { New, Reply, ReplyAll, Forward, ForwardAsAttachment };

    // `accounts`: every account (those with an outgoing server can send).
    ComposerWindow(Store::MailStore *store, QList<Accounts::Account> accounts, QWidget *parent = nullptr);
    ~ComposerWindow() override;

    // A new message from `accountId` (0: the first account that can send).
    void startNew(qint64 accountId = 0);
    // A reply or forward of `messageId`; loaded() follows.
    void startFrom(qint64 messageId, Mode mode);

    void addAttachments(const QStringList &paths);
    // The accounts changed (an outgoing server set up meanwhile): the
    // choice in From stays where it can.
    void setAccounts(QList<Accounts::Account> accounts);
    // Queue, then ask for it to go out now (send) or with the next check
    // (sendLater).
    void send();
    void sendLater();

    [[nodiscard]] bool isLoading() const { return m_loading; }
    [[nodiscard]] bool isQueueing() const { return m_queueing; }
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] Mode mode() const { return m_mode; }

Q_SIGNALS:
    // The original of a reply or forward is in the fields (or could not be
    // read: errorText() says so).
    void loaded();
    // The message is in the outbox as `outboxId`.
    void queued(qint64 accountId, qint64 outboxId, bool sendNow);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // A file to read when the message is queued, or bytes a forward
    // carries from the original.
    struct Attachment {
        QString name;
        QString path;  // empty: `content` holds it
        qint64 size = 0;
        QByteArray mimeType;
        QByteArray content;
    };
    void build();
    void queue(bool sendNow);
    struct Prepared;
    // On the reader's thread: the answer or forward made from the original.
    static Prepared prepare(
        Store::MailStore &store, qint64 messageId, Mode mode, const QList<std::pair<qint64, QString>> &identities);
    void fill(Prepared prepared);
    void selectIdentity(qint64 accountId);
    void showError(const QString &text, QWidget *field = nullptr);
    void updateTitle();
    void updateSendable();
    void updateAttachments();
    void chooseAttachments();
    void removeSelectedAttachments();
    [[nodiscard]] std::optional<Accounts::Account> identity() const;
    [[nodiscard]] bool hasContent() const;
    [[nodiscard]] QString snapshot() const;

    Store::MailStore *m_store = nullptr;
    QList<Accounts::Account> m_accounts;
    std::unique_ptr<StoreReader> m_reader;
    std::unique_ptr<StoreWorker> m_worker;
    Mode m_mode = Mode::New;
    qint64 m_original = 0;  // the message answered or forwarded
    QList<Attachment> m_attachments;
    QByteArray m_inReplyTo;
    QByteArrayList m_references;
    QString m_initialText;  // what the fields held when filled: unchanged means nothing to lose
    std::function<QString()> m_failedAttachment;  // of the last queueing job
    bool m_loading = false;
    bool m_queueing = false;
    bool m_done = false;

    QComboBox *m_from = nullptr;
    QLineEdit *m_to = nullptr;
    QLineEdit *m_cc = nullptr;
    QLineEdit *m_bcc = nullptr;
    QLineEdit *m_subject = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QListWidget *m_attachmentList = nullptr;
    QLabel *m_attachmentSummary = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_note = nullptr;  // about the original (only its beginning stored)
    QLabel *m_noSender = nullptr;
    QAction *m_sendAction = nullptr;
    QAction *m_sendLaterAction = nullptr;
    QAction *m_attachAction = nullptr;
};

}  // namespace Poplar::Ui
