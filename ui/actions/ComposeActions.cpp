#include "actions/ComposeActions.h"

#include "accounts/AccountStore.h"
#include "fetch/MailFetcher.h"

#include <QAction>
#include <QIcon>
#include <QKeySequence>
#include <QWidget>

namespace Poplar::Ui {

ComposeActions::ComposeActions(QWidget *window, Store::MailStore *store, ChosenMessage chosen, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_store(store)
    , m_chosen(std::move(chosen))
{
    auto make = [window](const char *name, const char *icon, const QString &text, const QKeySequence &key) {
        auto *a = new QAction(QIcon::fromTheme(QString::fromLatin1(icon)), text, window);
        a->setObjectName(QString::fromLatin1(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        window->addAction(a);
        return a;
    };
    m_write = make("writeMessage", "mail-message-new", tr("&Write"), QKeySequence(Qt::CTRL | Qt::Key_N));
    m_write->setToolTip(tr("Write a new message (Ctrl+N)"));
    m_reply = make("reply", "mail-reply-sender", tr("Re&ply"), QKeySequence(Qt::CTRL | Qt::Key_R));
    m_reply->setToolTip(tr("Reply to the sender (Ctrl+R)"));
    m_replyAll = make("replyAll", "mail-reply-all", tr("Reply &All"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_replyAll->setToolTip(tr("Reply to the sender and all other recipients (Ctrl+Shift+R)"));
    m_forward = make("forward", "mail-forward", tr("F&orward"), QKeySequence(Qt::CTRL | Qt::Key_L));
    m_forward->setToolTip(tr("Forward the message with its attachments (Ctrl+L)"));
    m_forwardAsAttachment = make("forwardAsAttachment", "mail-forward", tr("Forward as A&ttachment"), {});
    connect(m_write, &QAction::triggered, this, [this] { compose(ComposerWindow::Mode::New); });
    connect(m_reply, &QAction::triggered, this, [this] { compose(ComposerWindow::Mode::Reply); });
    connect(m_replyAll, &QAction::triggered, this, [this] { compose(ComposerWindow::Mode::ReplyAll); });
    connect(m_forward, &QAction::triggered, this, [this] { compose(ComposerWindow::Mode::Forward); });
    connect(m_forwardAsAttachment, &QAction::triggered, this,
        [this] { compose(ComposerWindow::Mode::ForwardAsAttachment); });
    updateActions();
}

void ComposeActions::setFetcher(MailFetcher *fetcher)
{
    m_fetcher = fetcher;
}

QList<Accounts::Account> ComposeActions::accounts() const
{
    if (m_fetcher)
        return m_fetcher->accounts();
    auto all = Accounts::AccountStore(*m_store).list();
    return all ? all.value() : QList<Accounts::Account>();
}

ComposerWindow *ComposeActions::compose(ComposerWindow::Mode mode, qint64 messageId)
{
    if (mode != ComposerWindow::Mode::New && !messageId)
        messageId = m_chosen ? m_chosen() : 0;
    if (mode != ComposerWindow::Mode::New && !messageId)
        return nullptr;
    // A window of its own (no parent): it stays when the main window is
    // hidden in the tray, and goes when it is closed.
    auto *composer = new ComposerWindow(m_store, accounts());
    composer->setAttribute(Qt::WA_DeleteOnClose);
    m_composers.removeAll(nullptr);
    m_composers.append(composer);
    connect(composer, &ComposerWindow::queued, this, [this](qint64 accountId, qint64 outboxId, bool sendNow) {
        if (sendNow && m_fetcher)
            m_fetcher->sendNow(accountId);
        Q_EMIT messageQueued(accountId, outboxId, sendNow);
    });
    if (mode == ComposerWindow::Mode::New)
        composer->startNew();
    else
        composer->startFrom(messageId, mode);
    composer->show();
    composer->raise();
    composer->activateWindow();
    return composer;
}

QList<ComposerWindow *> ComposeActions::openComposers() const
{
    QList<ComposerWindow *> out;
    for (const QPointer<ComposerWindow> &c : m_composers) {
        if (c)
            out << c.data();
    }
    return out;
}

bool ComposeActions::closeAll()
{
    for (ComposerWindow *c : openComposers()) {
        if (!c->close())
            return false;
    }
    return true;
}

void ComposeActions::accountsChanged()
{
    const QList<Accounts::Account> now = accounts();
    for (ComposerWindow *c : openComposers())
        c->setAccounts(now);
}

void ComposeActions::updateActions()
{
    const bool one = m_chosen && m_chosen() != 0;
    for (QAction *a : { m_reply, m_replyAll, m_forward, m_forwardAsAttachment })
        a->setEnabled(one);
}

}  // namespace Poplar::Ui
