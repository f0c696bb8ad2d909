#include "compose/ComposerWindow.h"

#include "common/FileRead.h"
#include "mime/MessageParser.h"
#include "models/StoreReader.h"
#include "models/StoreWorker.h"
#include "store/Outbox.h"
#include "store/Store.h"
#include "text/ErrorText.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

namespace Poplar::Ui {

namespace {

// A mailbox as a person would type it, so that parseMailboxes() reads it
// back: a name with specials is quoted.
QString typedMailbox(const Mime::Mailbox &m)
{
    if (m.name.trimmed().isEmpty())
        return m.address;
    QString name = m.name.simplified();
    static const QString specials = QStringLiteral("()<>[]:;@\\,.\"");
    if (std::any_of(name.cbegin(), name.cend(), [](QChar c) { return specials.contains(c); })) {
        name.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
        name = QLatin1Char('"') + name + QLatin1Char('"');
    }
    return name + QStringLiteral(" <") + m.address + QLatin1Char('>');
}

QString typedList(const QList<Mime::Mailbox> &boxes)
{
    QStringList out;
    for (const Mime::Mailbox &m : boxes)
        out << typedMailbox(m);
    return out.join(QStringLiteral(", "));
}

}  // namespace

// A reply or forward as made on the store's reader (the original read,
// parsed, quoted, its attachments decoded: none of it on the GUI thread).
struct ComposerWindow::Prepared {
    Poplar::Error error;
    Mime::OutgoingMessage message;
    qint64 identity = 0;   // the account to answer from
    bool partial = false;  // only the original's beginning is stored
};

ComposerWindow::ComposerWindow(Store::MailStore *store, QList<Accounts::Account> accounts, QWidget *parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_accounts(std::move(accounts))
    , m_reader(std::make_unique<StoreReader>(store))
    , m_worker(std::make_unique<StoreWorker>(store))
{
    setObjectName(QStringLiteral("composerWindow"));
    setAcceptDrops(true);
    build();
    connect(m_worker.get(), &StoreWorker::failed, this, [this](quint64, const Poplar::Error &error) {
        m_queueing = false;
        const QString attachment = m_failedAttachment ? m_failedAttachment() : QString();
        if (!attachment.isEmpty())
            showError(tr("The message was not put in the outbox: “%1” could not be read (%2). Remove it or attach it "
                         "again.")
                          .arg(attachment, errorMessage(error)),
                m_attachmentList);
        else
            showError(tr("The message was not put in the outbox. %1").arg(errorMessage(error)));
        updateSendable();
    });
    resize(760, 620);
}

ComposerWindow::~ComposerWindow() = default;

void ComposerWindow::build()
{
    QToolBar *bar = addToolBar(tr("Message"));
    bar->setObjectName(QStringLiteral("composerToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_sendAction = bar->addAction(QIcon::fromTheme(QStringLiteral("mail-send")), tr("&Send"));
    m_sendAction->setObjectName(QStringLiteral("send"));
    m_sendAction->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_sendAction->setToolTip(tr("Send now (Ctrl+Return); without a connection it waits in the outbox"));
    connect(m_sendAction, &QAction::triggered, this, &ComposerWindow::send);
    m_sendLaterAction = bar->addAction(QIcon::fromTheme(QStringLiteral("mail-queue")), tr("Send &Later"));
    m_sendLaterAction->setObjectName(QStringLiteral("sendLater"));
    m_sendLaterAction->setToolTip(tr("Put it in the outbox; it goes out with the next check for mail"));
    connect(m_sendLaterAction, &QAction::triggered, this, &ComposerWindow::sendLater);
    bar->addSeparator();
    m_attachAction = bar->addAction(QIcon::fromTheme(QStringLiteral("mail-attachment")), tr("&Attach…"));
    m_attachAction->setObjectName(QStringLiteral("attach"));
    m_attachAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    connect(m_attachAction, &QAction::triggered, this, &ComposerWindow::chooseAttachments);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *form = new QFormLayout;
    m_from = new QComboBox(central);
    m_from->setObjectName(QStringLiteral("from"));
    form->addRow(tr("&From:"), m_from);
    auto line = [&](const char *name, const QString &label, const QString &placeholder) {
        auto *e = new QLineEdit(central);
        e->setObjectName(QString::fromLatin1(name));
        e->setPlaceholderText(placeholder);
        form->addRow(label, e);
        return e;
    };
    const QString addresses = tr("Name <address@example.org>, another@example.org");
    m_to = line("to", tr("&To:"), addresses);
    m_cc = line("cc", tr("&Cc:"), QString());
    m_bcc = line("bcc", tr("&Bcc:"), tr("Hidden from the other recipients"));
    m_subject = line("subject", tr("S&ubject:"), QString());
    layout->addLayout(form);

    m_noSender = new QLabel(central);
    m_noSender->setObjectName(QStringLiteral("noOutgoingServer"));
    m_noSender->setWordWrap(true);
    m_noSender->setTextFormat(Qt::PlainText);
    m_noSender->hide();
    layout->addWidget(m_noSender);
    m_note = new QLabel(central);
    m_note->setObjectName(QStringLiteral("composerNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->hide();
    layout->addWidget(m_note);
    m_error = new QLabel(central);
    m_error->setObjectName(QStringLiteral("composerError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    m_error->hide();
    layout->addWidget(m_error);

    m_text = new QPlainTextEdit(central);
    m_text->setObjectName(QStringLiteral("text"));
    m_text->setAccessibleName(tr("Message text"));
    m_text->setTabChangesFocus(false);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    layout->addWidget(m_text, 1);

    auto *attachRow = new QHBoxLayout;
    m_attachmentSummary = new QLabel(central);
    m_attachmentSummary->setObjectName(QStringLiteral("attachmentSummary"));
    m_attachmentSummary->setTextFormat(Qt::PlainText);
    attachRow->addWidget(m_attachmentSummary, 1);
    auto *remove = new QPushButton(tr("&Remove"), central);
    remove->setObjectName(QStringLiteral("removeAttachment"));
    attachRow->addWidget(remove);
    layout->addLayout(attachRow);
    m_attachmentList = new QListWidget(central);
    m_attachmentList->setObjectName(QStringLiteral("attachments"));
    m_attachmentList->setAccessibleName(tr("Attachments"));
    m_attachmentList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_attachmentList->setMaximumHeight(110);
    layout->addWidget(m_attachmentList);
    auto *removeKey = new QAction(m_attachmentList);
    removeKey->setShortcut(QKeySequence::Delete);
    removeKey->setShortcutContext(Qt::WidgetShortcut);
    m_attachmentList->addAction(removeKey);
    connect(removeKey, &QAction::triggered, this, &ComposerWindow::removeSelectedAttachments);
    connect(remove, &QPushButton::clicked, this, &ComposerWindow::removeSelectedAttachments);
    connect(m_attachmentList, &QListWidget::itemSelectionChanged, this,
        [this, remove] { remove->setEnabled(!m_attachmentList->selectedItems().isEmpty()); });
    remove->setEnabled(false);
    setCentralWidget(central);

    connect(m_subject, &QLineEdit::textChanged, this, &ComposerWindow::updateTitle);
    connect(m_from, &QComboBox::currentIndexChanged, this, &ComposerWindow::updateSendable);
    for (QLineEdit *e : { m_to, m_cc, m_bcc, m_subject })
        connect(e, &QLineEdit::textEdited, this, [this] { m_error->hide(); });
    setAccounts(m_accounts);
    updateAttachments();
    updateTitle();
    updateSendable();
}

void ComposerWindow::startNew(qint64 accountId)
{
    m_mode = Mode::New;
    selectIdentity(accountId);
    m_initialText = snapshot();
    m_to->setFocus(Qt::OtherFocusReason);
}

void ComposerWindow::selectIdentity(qint64 accountId)
{
    int index = m_from->findData(accountId);
    if (index < 0) {
        // The first account that can send, else the first.
        for (int i = 0; i < m_accounts.size(); ++i) {
            if (m_accounts.at(i).smtp.isSet()) {
                index = i;
                break;
            }
        }
    }
    m_from->setCurrentIndex(index < 0 ? 0 : index);
    updateSendable();
}

void ComposerWindow::startFrom(qint64 messageId, Mode mode)
{
    m_mode = mode;
    m_original = messageId;
    m_loading = true;
    m_text->setPlainText(tr("Loading the message…"));
    m_text->setEnabled(false);
    updateSendable();
    QList<std::pair<qint64, QString>> identities;
    for (const Accounts::Account &a : std::as_const(m_accounts))
        identities.append({ a.id, a.email });
    QPointer<ComposerWindow> self(this);
    m_reader->read<Prepared>(
        [messageId, mode, identities](Store::MailStore &store) { return prepare(store, messageId, mode, identities); },
        [self](Prepared p) {
            if (self)
                self->fill(std::move(p));
        });
}

ComposerWindow::Prepared ComposerWindow::prepare(
    Store::MailStore &store, qint64 messageId, Mode mode, const QList<std::pair<qint64, QString>> &identities)
{
    Prepared p;
    auto summary = store.message(messageId);
    auto raw = store.rawMessage(messageId);
    if (!summary || !raw) {
        p.error = !summary ? summary.error() : raw.error();
        return p;
    }
    p.partial = summary->flags & Store::Flag::Partial;
    const Mime::ParsedMessage original = Mime::parseMessage(raw.value(), Mime::ParseDepth::Full);
    QStringList own;
    for (const auto &[id, email] : identities)
        own << email;
    // From the address it was sent to; else the account that fetched it.
    const int addressed = Mime::addressedIdentity(original, own);
    p.identity = addressed >= 0 ? identities.at(addressed).first : summary->accountId;
    const QString sender = original.from.isEmpty()
        ? tr("someone")
        : (original.from.first().name.isEmpty() ? original.from.first().address : original.from.first().name);
    switch (mode) {
    case Mode::New: break;
    case Mode::Reply:
    case Mode::ReplyAll: {
        Mime::ReplyText words;
        words.attribution = original.date.isValid()
            ? tr("On %1, %2 wrote:").arg(QLocale().toString(original.date.toLocalTime(), QLocale::ShortFormat), sender)
            : tr("%1 wrote:").arg(sender);
        p.message
            = Mime::reply(original, mode == Mode::ReplyAll ? Mime::ReplyScope::All : Mime::ReplyScope::Sender, own, words);
        break;
    }
    case Mode::Forward: {
        Mime::ForwardText words { tr("-------- Forwarded Message --------"), tr("Subject:"), tr("Date:"), tr("From:"),
            tr("To:"), tr("Cc:"),
            original.date.isValid() ? QLocale().toString(original.date.toLocalTime(), QLocale::LongFormat) : QString() };
        p.message = Mime::forwardInline(original, raw.value(), words);
        break;
    }
    case Mode::ForwardAsAttachment: p.message = Mime::forwardAsAttachment(original, raw.value()); break;
    }
    return p;
}

void ComposerWindow::fill(Prepared p)
{
    m_loading = false;
    m_text->setEnabled(true);
    m_text->clear();
    if (p.error) {
        // Nothing of it to send: the original is not marked either.
        m_original = 0;
        showError(tr("The message could not be read. %1").arg(errorMessage(p.error)));
        m_initialText = snapshot();
        updateSendable();
        Q_EMIT loaded();
        return;
    }
    selectIdentity(p.identity);
    const Mime::OutgoingMessage &m = p.message;
    m_to->setText(typedList(m.to));
    m_cc->setText(typedList(m.cc));
    m_subject->setText(m.subject);
    m_inReplyTo = m.inReplyTo;
    m_references = m.references;
    m_text->setPlainText(m.text);
    for (const Mime::OutgoingAttachment &a : m.attachments)
        m_attachments.append({ a.fileName, QString(), a.content.size(), a.mimeType, a.content });
    updateAttachments();
    if (p.partial)
        m_note->setText(tr("Only the beginning of this message is stored on this computer: that is what is quoted or "
                           "forwarded, without its attachments. Download the rest first to pass on all of it."));
    m_note->setVisible(p.partial);
    // A reply is written below the quote; a forward above what it forwards.
    QTextCursor cursor = m_text->textCursor();
    cursor.movePosition(m_mode == Mode::Reply || m_mode == Mode::ReplyAll ? QTextCursor::End : QTextCursor::Start);
    m_text->setTextCursor(cursor);
    m_initialText = snapshot();
    (m_to->text().isEmpty() ? static_cast<QWidget *>(m_to) : m_text)->setFocus(Qt::OtherFocusReason);
    updateSendable();
    Q_EMIT loaded();
}

void ComposerWindow::setAccounts(QList<Accounts::Account> accounts)
{
    const qint64 chosen = m_from->currentData().toLongLong();
    m_accounts = std::move(accounts);
    const QSignalBlocker block(m_from);
    m_from->clear();
    for (const Accounts::Account &a : std::as_const(m_accounts)) {
        const QString who = a.displayName.isEmpty() ? a.email : tr("%1 <%2>").arg(a.displayName, a.email);
        m_from->addItem(who.isEmpty() ? a.name : tr("%1 — %2").arg(who, a.name), a.id);
    }
    const int index = m_from->findData(chosen);
    m_from->setCurrentIndex(index >= 0 ? index : 0);
    updateSendable();
}

std::optional<Accounts::Account> ComposerWindow::identity() const
{
    const qint64 id = m_from->currentData().toLongLong();
    for (const Accounts::Account &a : m_accounts) {
        if (a.id == id)
            return a;
    }
    return std::nullopt;
}

void ComposerWindow::updateSendable()
{
    const auto from = identity();
    const bool busy = m_loading || m_queueing;
    const bool canSend = from && from->smtp.isSet();
    m_sendAction->setEnabled(!busy && canSend);
    m_sendLaterAction->setEnabled(!busy && from);
    m_attachAction->setEnabled(!busy);
    for (QWidget *w : std::initializer_list<QWidget *> { m_from, m_to, m_cc, m_bcc, m_subject })
        w->setEnabled(!busy);
    // While it is being queued nothing changes that would not go with it.
    m_text->setReadOnly(m_queueing);
    if (auto *remove = findChild<QPushButton *>(QStringLiteral("removeAttachment")))
        remove->setEnabled(!busy && !m_attachmentList->selectedItems().isEmpty());
    if (!from) {
        m_noSender->setText(tr("There is no account to send from. Add one with File > Add Account."));
    } else if (!canSend) {
        m_noSender->setText(tr("%1 has no outgoing server yet: set it up on the Outgoing page of its account "
                               "settings. Send Later keeps the message in the outbox until then.")
                                .arg(from->name));
    }
    m_noSender->setVisible(!canSend);
}

void ComposerWindow::updateTitle()
{
    const QString subject = m_subject->text().trimmed();
    setWindowTitle(subject.isEmpty() ? tr("Write Message") : subject);
}

void ComposerWindow::updateAttachments()
{
    m_attachmentList->clear();
    qint64 total = 0;
    for (const Attachment &a : std::as_const(m_attachments)) {
        total += a.size;
        m_attachmentList->addItem(tr("%1 (%2)").arg(a.name, QLocale().formattedDataSize(a.size)));
    }
    m_attachmentList->setVisible(!m_attachments.isEmpty());
    m_attachmentSummary->setVisible(!m_attachments.isEmpty());
    if (auto *remove = findChild<QPushButton *>(QStringLiteral("removeAttachment")))
        remove->setVisible(!m_attachments.isEmpty());
    m_attachmentSummary->setText(tr("%n attachment(s), %1", nullptr, int(m_attachments.size()))
                                     .arg(QLocale().formattedDataSize(total)));
}

void ComposerWindow::addAttachments(const QStringList &paths)
{
    if (m_loading || m_queueing)
        return;
    QStringList unreadable;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.isFile() || !info.isReadable()) {
            unreadable << info.fileName();
            continue;
        }
        m_attachments.append({ info.fileName(), info.absoluteFilePath(), info.size(), {}, {} });
    }
    updateAttachments();
    if (!unreadable.isEmpty())
        showError(tr("Not attached (not a file that can be read): %1").arg(unreadable.join(QStringLiteral(", "))));
}

void ComposerWindow::chooseAttachments()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Attach Files"));
    if (!files.isEmpty())
        addAttachments(files);
}

void ComposerWindow::removeSelectedAttachments()
{
    QList<int> rows;
    for (const QListWidgetItem *item : m_attachmentList->selectedItems())
        rows << m_attachmentList->row(item);
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_attachments.removeAt(row);
    updateAttachments();
}

QString ComposerWindow::snapshot() const
{
    return QStringList { m_to->text(), m_cc->text(), m_bcc->text(), m_subject->text(), m_text->toPlainText() }.join(
        QChar(0));
}

bool ComposerWindow::hasContent() const
{
    if (snapshot() != m_initialText)
        return true;
    return std::any_of(m_attachments.cbegin(), m_attachments.cend(), [](const Attachment &a) { return !a.path.isEmpty(); });
}

QString ComposerWindow::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ComposerWindow::showError(const QString &text, QWidget *field)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    if (field)
        field->setFocus(Qt::OtherFocusReason);
}

void ComposerWindow::send()
{
    queue(true);
}

void ComposerWindow::sendLater()
{
    queue(false);
}

void ComposerWindow::queue(bool sendNow)
{
    if (m_loading || m_queueing)
        return;
    const auto from = identity();
    if (!from) {
        showError(m_noSender->text());
        return;
    }
    if (sendNow && !from->smtp.isSet()) {
        showError(m_noSender->text(), m_from);
        return;
    }
    Mime::OutgoingMessage m;
    m.from = { from->displayName, from->email };
    const std::pair<QLineEdit *, QList<Mime::Mailbox> *> fields[] = { { m_to, &m.to }, { m_cc, &m.cc }, { m_bcc, &m.bcc } };
    for (const auto &[field, into] : fields) {
        QString refused;
        auto boxes = Mime::parseMailboxes(field->text(), &refused);
        if (!boxes) {
            showError(refused.isEmpty() ? errorMessage(boxes.error())
                                        : tr("“%1”: %2")
                                              .arg(refused, errorMessage(boxes.error())),
                field);
            return;
        }
        *into = boxes.value();
    }
    if (m.to.isEmpty() && m.cc.isEmpty() && m.bcc.isEmpty()) {
        showError(tr("Give at least one recipient."), m_to);
        return;
    }
    m.subject = m_subject->text();
    m.text = m_text->toPlainText();
    m.inReplyTo = m_inReplyTo;
    m.references = m_references;
    qint64 total = m.text.size();
    for (const Attachment &a : std::as_const(m_attachments))
        total += a.size;
    if (total > Mime::kMaxOutgoingBytes) {
        showError(tr("The message is too large: at most %1 with its attachments.")
                      .arg(QLocale().formattedDataSize(Mime::kMaxOutgoingBytes)),
            m_attachmentList);
        return;
    }
    m_error->hide();
    m_queueing = true;
    updateSendable();

    const qint64 accountId = from->id;
    const qint64 answers = m_mode == Mode::New ? 0 : m_original;
    int answerFlag = 0;
    if (m_mode == Mode::Reply || m_mode == Mode::ReplyAll)
        answerFlag = Store::Flag::Answered;
    else if (m_mode == Mode::Forward || m_mode == Mode::ForwardAsAttachment)
        answerFlag = Store::Flag::Forwarded;
    // What the job tells back: the row it queued, or the attachment it
    // could not read.
    struct Outcome {
        qint64 id = 0;
        QString failedAttachment;
    };
    auto outcome = std::make_shared<Outcome>();
    m_failedAttachment = [outcome] { return outcome->failedAttachment; };
    const QList<Attachment> attachments = m_attachments;
    const quint64 job = m_worker->run(
        [m, attachments, accountId, answers, answerFlag, outcome](Store::MailStore &store, const StoreWorker::Progress &) {
            Mime::OutgoingMessage message = m;
            qint64 room = Mime::kMaxOutgoingBytes - message.text.size();
            for (const Attachment &a : attachments) {
                QByteArray content = a.content;
                if (!a.path.isEmpty()) {
                    auto read = Poplar::readWholeFile(a.path, room);
                    if (!read) {
                        outcome->failedAttachment = a.name;
                        return Poplar::Status(read.error());
                    }
                    content = std::move(read).value();
                }
                room -= content.size();
                message.attachments.append({ a.name, a.mimeType, content });
            }
            // Built before the server is known: a body every server takes;
            // addresses in UTF-8 need SMTPUTF8, asked for when it goes out.
            Mime::BuildOptions options;
            options.eightBitMime = false;
            options.smtpUtf8 = true;
            auto built = Mime::buildMessage(message, options);
            if (!built)
                return Poplar::Status(built.error());
            Store::OutboxEntry entry = Store::outboxEntry(*built, accountId);
            entry.answers = answers;
            entry.answerFlag = answerFlag;
            return store.write([&](Store::Database &db) -> Poplar::Status {
                auto id = Store::Outbox::enqueue(db, entry, QDateTime::currentDateTimeUtc());
                if (!id)
                    return id.error();
                outcome->id = id.value();
                return {};
            });
        });
    connect(m_worker.get(), &StoreWorker::done, this, [this, job, accountId, outcome, sendNow](quint64 finished) {
        if (finished != job)
            return;
        m_queueing = false;
        m_done = true;
        Q_EMIT queued(accountId, outcome->id, sendNow);
        close();
    }, Qt::SingleShotConnection);
}

void ComposerWindow::closeEvent(QCloseEvent *event)
{
    if (m_queueing) {
        // Being put in the outbox: closing now would leave the user unsure.
        event->ignore();
        return;
    }
    if (!m_done && !m_loading && hasContent()) {
        const auto answer = QMessageBox::question(this, tr("Discard Message"),
            tr("Discard this message? What you wrote is not kept."), QMessageBox::Discard | QMessageBox::Cancel,
            QMessageBox::Cancel);
        if (answer != QMessageBox::Discard) {
            event->ignore();
            return;
        }
    }
    event->accept();
}

void ComposerWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_loading || m_queueing)
        return;
    const QList<QUrl> urls = event->mimeData()->urls();
    if (std::any_of(urls.cbegin(), urls.cend(), [](const QUrl &u) { return u.isLocalFile(); }))
        event->acceptProposedAction();
}

void ComposerWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &u : event->mimeData()->urls()) {
        if (u.isLocalFile())
            paths << u.toLocalFile();
    }
    if (paths.isEmpty())
        return;
    addAttachments(paths);
    event->acceptProposedAction();
}

}  // namespace Poplar::Ui
