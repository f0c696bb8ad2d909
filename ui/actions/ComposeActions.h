#pragma once

#include "accounts/Account.h"
#include "compose/ComposerWindow.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QWidget;

namespace Store {
class MailStore;
}

namespace Poplar::Ui {

class MailFetcher;

// Write, Reply, Reply All, Forward and Forward as Attachment (Ctrl+N,
// Ctrl+R, Ctrl+Shift+R, Ctrl+L): each opens a ComposerWindow of its own.
// The answering ones act on the one message chosen. What a composer puts
// in the outbox with Send goes out at once through the fetcher (in the
// background); Send Later leaves it for the next check.
class ComposeActions : public QObject
{
    Q_OBJECT
public:
    // The message the answering actions act on (0: none, or more than one).
    using ChosenMessage = std::function<qint64()>;

    ComposeActions(QWidget *window, Store::MailStore *store, ChosenMessage chosen, QObject *parent = nullptr);

    void setFetcher(MailFetcher *fetcher);

    // Opens a composer (shown, deleted when closed): a new message, or an
    // answer to / forward of the chosen message (or `messageId`).
    ComposerWindow *compose(ComposerWindow::Mode mode, qint64 messageId = 0);
    // Enables the answering actions when one message is chosen.
    void updateActions();
    // Before quitting: closes every open composer, each asking about what
    // was written in it. False when one stays open (the user kept it, or
    // it is being put in the outbox): then nothing should quit.
    [[nodiscard]] bool closeAll();
    // The accounts changed: open composers offer them as they are now.
    void accountsChanged();
    [[nodiscard]] QList<ComposerWindow *> openComposers() const;

    QAction *writeAction() const { return m_write; }
    QAction *replyAction() const { return m_reply; }
    QAction *replyAllAction() const { return m_replyAll; }
    QAction *forwardAction() const { return m_forward; }
    QAction *forwardAsAttachmentAction() const { return m_forwardAsAttachment; }

Q_SIGNALS:
    // A composer put a message in the outbox.
    void messageQueued(qint64 accountId, qint64 outboxId, bool sendNow);

private:
    [[nodiscard]] QList<Accounts::Account> accounts() const;

    QWidget *m_window = nullptr;
    Store::MailStore *m_store = nullptr;
    ChosenMessage m_chosen;
    QPointer<MailFetcher> m_fetcher;
    QList<QPointer<ComposerWindow>> m_composers;
    QAction *m_write = nullptr;
    QAction *m_reply = nullptr;
    QAction *m_replyAll = nullptr;
    QAction *m_forward = nullptr;
    QAction *m_forwardAsAttachment = nullptr;
};

}  // namespace Poplar::Ui
