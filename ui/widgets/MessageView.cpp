#include "widgets/MessageView.h"

#include "common/NewFile.h"
#include "widgets/AttachmentList.h"
#include "widgets/SafeTextBrowser.h"

#include <QAction>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace Poplar::Ui {

namespace {

const QString kRemoteSendersKey = QStringLiteral("reader/remoteContentSenders");
const QString kLastSaveDirKey = QStringLiteral("reader/lastSaveDirectory");

QString joinAddresses(const QList<Mime::Address> &addresses)
{
    QStringList parts;
    parts.reserve(addresses.size());
    for (const Mime::Address &a : addresses) {
        const QString shown = a.display();
        if (!shown.isEmpty())
            parts << shown;
    }
    return parts.join(QStringLiteral(", "));
}

QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);  // header text is untrusted: never rich text
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setFocusPolicy(Qt::ClickFocus);
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    return label;
}

QFrame *barFrame(const QString &objectName, QWidget *parent)
{
    auto *bar = new QFrame(parent);
    bar->setObjectName(objectName);
    bar->setFrameShape(QFrame::StyledPanel);
    bar->setAutoFillBackground(true);
    QPalette pal = bar->palette();
    pal.setColor(QPalette::Window, pal.color(QPalette::ToolTipBase));
    pal.setColor(QPalette::WindowText, pal.color(QPalette::ToolTipText));
    bar->setPalette(pal);
    bar->hide();
    return bar;
}

QPushButton *barButton(const QString &text, const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(accessibleName);
    button->setAutoDefault(false);
    return button;
}

// <script> never runs in a text browser, but its text must not show either.
QString withoutScripts(const QString &html)
{
    static const QRegularExpression closed(QStringLiteral("<script\\b[^>]*>.*?</script\\s*>"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression unclosed(QStringLiteral("<script\\b.*$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    QString out = html;
    out.remove(closed);
    out.remove(unclosed);
    return out;
}

int quoteDepth(const QString &line)
{
    static const QRegularExpression quote(QStringLiteral("^>(?:[ \\t]*>)*"));
    const QRegularExpressionMatch m = quote.match(line);
    return m.hasMatch() ? int(m.captured().count(QLatin1Char('>'))) : 0;
}

// One line of plain text as HTML: escaped, with http(s) and mailto URLs as links.
QString linkifiedLine(const QString &line)
{
    static const QRegularExpression url(
        QStringLiteral("(?:https?://|mailto:)[^\\s<>\"]+"), QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype done = 0;
    for (auto it = url.globalMatch(line); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QString candidate = m.captured();
        // Sentence punctuation after a URL is not part of it; a closing
        // parenthesis is, when the URL opened one.
        while (!candidate.isEmpty()) {
            const QChar last = candidate.back();
            if (QStringLiteral(".,;:!?'\"]}").contains(last)
                || (last == QLatin1Char(')') && candidate.count(QLatin1Char('(')) < candidate.count(QLatin1Char(')'))))
                candidate.chop(1);
            else
                break;
        }
        const QUrl target(candidate, QUrl::StrictMode);
        if (!target.isValid()
            || (target.host().isEmpty() && target.scheme().compare(QLatin1String("mailto"), Qt::CaseInsensitive) != 0))
            continue;
        out += line.mid(done, m.capturedStart() - done).toHtmlEscaped();
        out += QStringLiteral("<a href=\"%1\">%2</a>")
                   .arg(QString::fromLatin1(target.toEncoded()).toHtmlEscaped(), candidate.toHtmlEscaped());
        done = m.capturedStart() + candidate.size();
    }
    out += line.mid(done).toHtmlEscaped();
    return out;
}

QString quoteColor(int depth)
{
    static const QStringList colors = { QStringLiteral("#1f5fa8"), QStringLiteral("#2e7d32"), QStringLiteral("#a65f00"),
        QStringLiteral("#7b1fa2") };
    return colors.at((depth - 1) % colors.size());
}

Status writeAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::LocalWriteFailed, file.errorString());
    if (file.write(data) != data.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return Error(ErrorCode::LocalWriteFailed, why);
    }
    if (!file.commit())
        return Error(ErrorCode::LocalWriteFailed, file.errorString());
    return {};
}

QString decodedSource(const QByteArray &raw)
{
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8(raw);
    if (utf8.hasError())
        text = QString::fromLatin1(raw);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QChar(0), QChar(0x2400));  // the symbol for NUL, so nothing is cut off
    return text;
}

}  // namespace

MessageView::MessageView(QWidget *parent)
    : QWidget(parent)
    , m_opener([](const QUrl &url) { QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("messageView"));
    buildUi();
    clear();
}

MessageView::~MessageView()
{
    abortRemoteFetches();
}

void MessageView::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // Header block.
    m_header = new QWidget(this);
    m_header->setObjectName(QStringLiteral("messageHeader"));
    auto *headerLayout = new QVBoxLayout(m_header);
    auto *top = new QHBoxLayout;
    m_subject = valueLabel(QStringLiteral("headerSubject"), m_header);
    m_subject->setAccessibleName(tr("Subject"));
    QFont subjectFont = m_subject->font();
    subjectFont.setBold(true);
    subjectFont.setPointSizeF(subjectFont.pointSizeF() * 1.15);
    m_subject->setFont(subjectFont);
    top->addWidget(m_subject, 1);
    m_viewSource
        = barButton(tr("View &Source"), QStringLiteral("viewSourceButton"), tr("View the message source"), m_header);
    m_viewSource->setToolTip(tr("Show the message as it was received (%1)")
                                 .arg(QKeySequence(Qt::CTRL | Qt::Key_U).toString(QKeySequence::NativeText)));
    connect(m_viewSource, &QPushButton::clicked, this, &MessageView::showSource);
    top->addWidget(m_viewSource, 0, Qt::AlignTop);
    headerLayout->addLayout(top);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    auto addRow = [&](const QString &caption, const QString &name, QLabel **captionOut) {
        QLabel *value = valueLabel(name, m_header);
        value->setAccessibleName(caption);
        auto *captionLabel = new QLabel(tr("%1:").arg(caption), m_header);
        captionLabel->setBuddy(value);
        form->addRow(captionLabel, value);
        if (captionOut)
            *captionOut = captionLabel;
        return value;
    };
    m_from = addRow(tr("From"), QStringLiteral("headerFrom"), nullptr);
    m_to = addRow(tr("To"), QStringLiteral("headerTo"), nullptr);
    m_cc = addRow(tr("Cc"), QStringLiteral("headerCc"), &m_ccCaption);
    m_date = addRow(tr("Date"), QStringLiteral("headerDate"), nullptr);
    headerLayout->addLayout(form);
    layout->addWidget(m_header);

    auto *viewSourceAction = new QAction(tr("View &Source"), this);
    viewSourceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    viewSourceAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(viewSourceAction, &QAction::triggered, this, [this] {
        if (m_showingMessage)
            showSource();
    });
    addAction(viewSourceAction);

    // Partial message bar.
    m_partialBar = barFrame(QStringLiteral("partialBar"), this);
    {
        auto *bar = new QHBoxLayout(m_partialBar);
        auto *text = new QLabel(tr("Only the beginning of this message was downloaded."), m_partialBar);
        text->setWordWrap(true);
        bar->addWidget(text, 1);
        auto *rest = barButton(tr("&Download the Rest"), QStringLiteral("downloadRestButton"),
            tr("Download the rest of this message"), m_partialBar);
        auto *remove = barButton(tr("D&elete from Server"), QStringLiteral("deleteFromServerButton"),
            tr("Delete this message from the server"), m_partialBar);
        bar->addWidget(rest);
        bar->addWidget(remove);
        connect(rest, &QPushButton::clicked, this, [this] { Q_EMIT downloadRestRequested(m_summary.id); });
        connect(remove, &QPushButton::clicked, this, [this] { Q_EMIT deleteFromServerRequested(m_summary.id); });
    }
    layout->addWidget(m_partialBar);

    // Remote content bar.
    m_remoteBar = barFrame(QStringLiteral("remoteContentBar"), this);
    {
        auto *bar = new QHBoxLayout(m_remoteBar);
        auto *text = new QLabel(m_remoteBar);
        text->setObjectName(QStringLiteral("remoteContentText"));
        text->setWordWrap(true);
        bar->addWidget(text, 1);
        auto *once = barButton(tr("&Load for this message"), QStringLiteral("loadRemoteButton"),
            tr("Load remote images for this message"), m_remoteBar);
        auto *always = barButton(tr("&Always for this sender"), QStringLiteral("alwaysRemoteButton"),
            tr("Always load remote images from this sender"), m_remoteBar);
        bar->addWidget(once);
        bar->addWidget(always);
        connect(once, &QPushButton::clicked, this, &MessageView::loadRemoteContent);
        connect(always, &QPushButton::clicked, this, &MessageView::alwaysLoadRemoteContentForSender);
    }
    layout->addWidget(m_remoteBar);

    // Body.
    m_browser = new SafeTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("readingPane"));
    m_browser->setAccessibleName(tr("Message"));
    m_browser->setPlaceholderText(tr("No message selected."));
    m_browser->setFrameShape(QFrame::NoFrame);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &MessageView::onAnchorClicked);
    connect(m_browser, &QTextBrowser::highlighted, this,
        [this](const QUrl &url) { Q_EMIT linkHovered(url.isEmpty() ? QString() : url.toString()); });
    // Images can be asked for again while laid out or painted: react after
    // that has finished, not in the middle of a paint.
    connect(
        m_browser, &SafeTextBrowser::remoteImageBlocked, this,
        [this] {
            if (m_remoteAllowed)
                fetchRemoteImages();
            else
                updateRemoteBar();
        },
        Qt::QueuedConnection);
    layout->addWidget(m_browser, 1);

    // Attachments.
    m_attachmentPane = new QWidget(this);
    m_attachmentPane->setObjectName(QStringLiteral("attachmentPane"));
    {
        auto *pane = new QHBoxLayout(m_attachmentPane);
        m_attachments = new AttachmentList(m_attachmentPane);
        pane->addWidget(m_attachments, 1);
        auto *buttons = new QVBoxLayout;
        auto *open = barButton(
            tr("&Open"), QStringLiteral("openAttachmentButton"), tr("Open the selected attachment"), m_attachmentPane);
        auto *save = barButton(
            tr("Sa&ve…"), QStringLiteral("saveAttachmentButton"), tr("Save the selected attachment"), m_attachmentPane);
        auto *saveAll = barButton(tr("Save A&ll…"), QStringLiteral("saveAllAttachmentsButton"),
            tr("Save all attachments into a folder"), m_attachmentPane);
        buttons->addWidget(open);
        buttons->addWidget(save);
        buttons->addWidget(saveAll);
        buttons->addStretch(1);
        pane->addLayout(buttons);
        connect(open, &QPushButton::clicked, this, [this] { openWithErrors(m_attachments->currentAttachment()); });
        connect(save, &QPushButton::clicked, this, [this] { saveWithDialog(m_attachments->currentAttachment()); });
        connect(saveAll, &QPushButton::clicked, this, &MessageView::saveAllWithDialog);
        connect(m_attachments, &AttachmentList::openRequested, this, &MessageView::openWithErrors);
        connect(m_attachments, &AttachmentList::saveRequested, this, &MessageView::saveWithDialog);
        connect(m_attachments, &AttachmentList::saveAllRequested, this, &MessageView::saveAllWithDialog);
    }
    layout->addWidget(m_attachmentPane);

    m_rerender = new QTimer(this);
    m_rerender->setSingleShot(true);
    m_rerender->setInterval(250);
    connect(m_rerender, &QTimer::timeout, this, [this] { render(true); });

    setFocusProxy(m_browser);
}

QTextBrowser *MessageView::browser() const
{
    return m_browser;
}

qint64 MessageView::messageId() const
{
    return m_showingMessage ? m_summary.id : 0;
}

void MessageView::setUrlOpener(UrlOpener opener)
{
    m_opener = std::move(opener);
}

void MessageView::setOpenConfirmation(OpenConfirmation confirm)
{
    m_confirmOpen = std::move(confirm);
}

void MessageView::clear()
{
    abortRemoteFetches();
    ++m_generation;
    m_showingMessage = false;
    m_summary = Store::MessageSummary();
    m_raw.clear();
    m_parsed = Mime::ParsedMessage();
    m_remoteAllowed = false;
    m_remoteImages.clear();
    m_requested.clear();
    m_rerender->stop();

    m_header->hide();
    m_partialBar->hide();
    m_remoteBar->hide();
    m_attachments->setAttachments({});
    m_attachmentPane->hide();
    m_browser->setMessageBytes({});
    m_browser->setRemoteImages({});
    m_browser->showNothing();
}

void MessageView::showMessage(const Store::MessageSummary &summary, const QByteArray &raw)
{
    clear();
    m_summary = summary;
    m_raw = raw;
    m_parsed = Mime::parseMessage(m_raw, Mime::ParseDepth::Full);
    m_showingMessage = true;

    // Header block: the parsed header fields, or what the store derived
    // from them when the message could not be parsed.
    QString from = joinAddresses(m_parsed.from);
    if (from.isEmpty())
        from = Mime::Address { summary.fromName, summary.fromAddress }.display();
    QString to = joinAddresses(m_parsed.to);
    if (to.isEmpty())
        to = summary.to;
    QString cc = joinAddresses(m_parsed.cc);
    if (cc.isEmpty())
        cc = summary.cc;
    QString subject = m_parsed.subject.isEmpty() ? summary.subject : m_parsed.subject;
    const QDateTime date = m_parsed.date.isValid() ? m_parsed.date : summary.date;

    m_subject->setText(subject.isEmpty() ? tr("(no subject)") : subject);
    m_from->setText(from.isEmpty() ? tr("(unknown sender)") : from);
    m_to->setText(to);
    m_cc->setText(cc);
    m_cc->setVisible(!cc.isEmpty());
    m_ccCaption->setVisible(!cc.isEmpty());
    m_date->setText(date.isValid() ? QLocale().toString(date.toLocalTime(), QLocale::LongFormat) : tr("(no date)"));
    m_header->show();

    m_partialBar->setVisible(summary.flags & Store::Flag::Partial);

    QList<Mime::AttachmentInfo> listed;
    for (const Mime::AttachmentInfo &info : std::as_const(m_parsed.attachments)) {
        if (!info.inlinePart)
            listed << info;
    }
    m_attachments->setAttachments(listed);
    m_attachmentPane->setVisible(!listed.isEmpty());

    m_remoteAllowed = isSenderTrustedForRemoteContent(senderAddress());
    m_browser->setMessageBytes(m_raw);
    render(false);
}

QString MessageView::senderAddress() const
{
    QString address = m_summary.fromAddress;
    if (address.isEmpty() && !m_parsed.from.isEmpty())
        address = m_parsed.from.first().address;
    return address.trimmed().toLower();
}

QString MessageView::plainTextToHtml(const QString &text) const
{
    QString normalized = text;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    const QStringList lines = normalized.split(QLatin1Char('\n'));

    QString html = QStringLiteral("<html><body>");
    int groupDepth = -1;
    QStringList group;
    auto flush = [&] {
        if (group.isEmpty())
            return;
        QString style = QStringLiteral("margin-top:0px; margin-bottom:0px; white-space:pre-wrap;");
        if (groupDepth > 0)
            style += QStringLiteral(" margin-left:%1px; color:%2;").arg(14 * groupDepth).arg(quoteColor(groupDepth));
        html += QStringLiteral("<p style=\"%1\">%2</p>").arg(style, group.join(QStringLiteral("<br>")));
        group.clear();
    };
    for (const QString &line : lines) {
        const int depth = quoteDepth(line);
        if (depth != groupDepth) {
            flush();
            groupDepth = depth;
        }
        group << linkifiedLine(line);
    }
    flush();
    html += QStringLiteral("</body></html>");
    return html;
}

void MessageView::render(bool keepScrollPosition)
{
    if (!m_showingMessage)
        return;
    QString html;
    if (!m_parsed.htmlBody.trimmed().isEmpty())
        html = withoutScripts(m_parsed.htmlBody);
    else if (!m_parsed.textBody.isEmpty())
        html = plainTextToHtml(m_parsed.textBody);
    else
        html = QStringLiteral("<p><i>%1</i></p>").arg(tr("This message has no text.").toHtmlEscaped());

    const int scroll = m_browser->verticalScrollBar()->value();
    m_browser->setRemoteImages(m_remoteAllowed ? m_remoteImages : QHash<QUrl, QImage>());
    m_browser->showHtml(html);
    if (m_remoteAllowed) {
        // Also keep them in the document itself (as a resource it was given).
        for (auto it = m_remoteImages.cbegin(); it != m_remoteImages.cend(); ++it)
            m_browser->document()->addResource(QTextDocument::ImageResource, it.key(), it.value());
    }
    if (keepScrollPosition) {
        // Loaded images change the layout: keep the reader where they were,
        // now and once the new layout has settled.
        m_browser->verticalScrollBar()->setValue(scroll);
        const quint64 generation = m_generation;
        QTimer::singleShot(0, this, [this, scroll, generation] {
            if (generation == m_generation)
                m_browser->verticalScrollBar()->setValue(scroll);
        });
    }

    updateRemoteBar();
    if (m_remoteAllowed)
        fetchRemoteImages();
}

QList<QUrl> MessageView::blockedRemoteImages() const
{
    return m_browser->blockedRemoteImages();
}

QList<QUrl> MessageView::interceptedUrls() const
{
    return m_browser->interceptedUrls();
}

QStringList MessageView::suspiciousLinks() const
{
    return m_browser->suspiciousLinks();
}

bool MessageView::isSenderTrustedForRemoteContent(const QString &address)
{
    const QString wanted = address.trimmed().toLower();
    if (wanted.isEmpty())
        return false;
    return QSettings().value(kRemoteSendersKey).toStringList().contains(wanted);
}

void MessageView::updateRemoteBar()
{
    const qsizetype blocked = m_browser->blockedRemoteImages().size();
    const bool show = m_showingMessage && !m_remoteAllowed && blocked > 0;
    if (show) {
        if (auto *text = m_remoteBar->findChild<QLabel *>(QStringLiteral("remoteContentText")))
            text->setText(tr("To protect your privacy, Poplar did not load %n remote image(s) in this message.",
                nullptr, int(blocked)));
        const QString sender = senderAddress();
        if (auto *always = m_remoteBar->findChild<QPushButton *>(QStringLiteral("alwaysRemoteButton"))) {
            always->setEnabled(!sender.isEmpty());
            always->setToolTip(sender.isEmpty() ? QString() : tr("Always load remote images from %1").arg(sender));
            always->setAccessibleDescription(always->toolTip());
        }
    }
    m_remoteBar->setVisible(show);
}

void MessageView::loadRemoteContent()
{
    if (!m_showingMessage)
        return;
    m_remoteAllowed = true;
    updateRemoteBar();
    fetchRemoteImages();
}

void MessageView::alwaysLoadRemoteContentForSender()
{
    if (!m_showingMessage)
        return;
    const QString sender = senderAddress();
    if (sender.isEmpty())
        return;
    QSettings settings;
    QStringList senders = settings.value(kRemoteSendersKey).toStringList();
    if (!senders.contains(sender)) {
        senders << sender;
        settings.setValue(kRemoteSendersKey, senders);
    }
    loadRemoteContent();
}

void MessageView::fetchRemoteImages()
{
    if (!m_showingMessage || !m_remoteAllowed)
        return;
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_network->setRedirectPolicy(QNetworkRequest::UserVerifiedRedirectPolicy);
    }
    const quint64 generation = m_generation;
    const QList<QUrl> blocked = m_browser->blockedRemoteImages();
    for (const QUrl &url : blocked) {
        if (m_requested.size() >= MaxRemoteImages)
            break;
        // Only http and https, ever: never file:, ftp: or anything local.
        if (!SafeTextBrowser::isRemoteScheme(url) || m_requested.contains(url))
            continue;
        m_requested.insert(url);

        QNetworkRequest request(url);
        request.setTransferTimeout(RemoteImageTimeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
        request.setMaximumRedirectsAllowed(5);
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
        request.setRawHeader("Accept", "image/*");
        QNetworkReply *reply = m_network->get(request);
        m_pending.append(reply);

        connect(reply, &QNetworkReply::redirected, reply, [reply](const QUrl &to) {
            if (SafeTextBrowser::isRemoteScheme(to))
                Q_EMIT reply->redirectAllowed();
            else
                reply->abort();
        });
        connect(reply, &QNetworkReply::metaDataChanged, reply, [reply] {
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            if (length.isValid() && length.toLongLong() > MaxRemoteImageBytes)
                reply->abort();
        });
        connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
            if (received > MaxRemoteImageBytes)
                reply->abort();
        });
        connect(reply, &QNetworkReply::finished, this,
            [this, reply, generation] { remoteImageFinished(reply, generation); });
    }
}

void MessageView::remoteImageFinished(QNetworkReply *reply, quint64 generation)
{
    m_pending.removeOne(reply);
    reply->deleteLater();
    if (generation != m_generation)
        return;
    if (reply->error() == QNetworkReply::NoError) {
        const QByteArray body = reply->read(MaxRemoteImageBytes + 1);
        if (body.size() <= MaxRemoteImageBytes) {
            const QImage image = QImage::fromData(body);
            if (!image.isNull())
                m_remoteImages.insert(reply->request().url(), image);
        }
    }
    // One layout when the last image arrived; a slow one does not hold the
    // others back for long.
    if (m_pending.isEmpty()) {
        m_rerender->stop();
        render(true);
    } else if (!m_rerender->isActive()) {
        m_rerender->start();
    }
}

void MessageView::abortRemoteFetches()
{
    const QList<QNetworkReply *> pending = std::exchange(m_pending, {});
    for (QNetworkReply *reply : pending) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void MessageView::onAnchorClicked(const QUrl &url)
{
    if (url.isRelative() && url.path().isEmpty() && url.hasFragment()) {
        m_browser->scrollToAnchor(url.fragment());
        return;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("mailto")) {
        if (m_opener)
            m_opener(url);
    }
    // file:, javascript:, data: and anything else: never opened.
}

QList<Mime::AttachmentInfo> MessageView::attachments() const
{
    return m_attachments->attachments();
}

Status MessageView::saveAttachment(int index, const QString &path)
{
    const QList<Mime::AttachmentInfo> &list = m_attachments->attachments();
    if (index < 0 || index >= list.size())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no attachment %1").arg(index));
    const std::optional<QByteArray> content = Mime::extractPart(m_raw, list.at(index).partIndex);
    if (!content)
        return Error(ErrorCode::NotFound, QStringLiteral("part %1 not found").arg(list.at(index).partIndex));
    return writeAtomically(path, *content);
}

Result<QStringList> MessageView::saveAllAttachments(const QString &directory)
{
    const QDir dir(directory);
    if (directory.isEmpty() || !dir.exists())
        return Error(ErrorCode::NotFound, directory);
    QStringList written;
    const QList<Mime::AttachmentInfo> &list = m_attachments->attachments();
    for (const Mime::AttachmentInfo &info : list) {
        const std::optional<QByteArray> content = Mime::extractPart(m_raw, info.partIndex);
        if (!content)
            return Error(ErrorCode::NotFound, QStringLiteral("part %1 not found").arg(info.partIndex));
        // A new file: never over or through anything at its name.
        const Result<QString> path
            = Poplar::NewFile::createUnique(dir, Mime::sanitizeFileName(info.fileName), *content);
        if (!path)
            return path.error();
        written << *path;
    }
    return written;
}

bool MessageView::isRiskyToOpen(const Mime::AttachmentInfo &info, const QByteArray &content)
{
    static const QStringList riskyExtensions = {
        QStringLiteral("exe"),
        QStringLiteral("bat"),
        QStringLiteral("cmd"),
        QStringLiteral("com"),
        QStringLiteral("msi"),
        QStringLiteral("msp"),
        QStringLiteral("scr"),
        QStringLiteral("pif"),
        QStringLiteral("cpl"),
        QStringLiteral("hta"),
        QStringLiteral("lnk"),
        QStringLiteral("reg"),
        QStringLiteral("js"),
        QStringLiteral("jse"),
        QStringLiteral("vbs"),
        QStringLiteral("vbe"),
        QStringLiteral("wsf"),
        QStringLiteral("wsh"),
        QStringLiteral("ps1"),
        QStringLiteral("psm1"),
        QStringLiteral("jar"),
        QStringLiteral("sh"),
        QStringLiteral("bash"),
        QStringLiteral("zsh"),
        QStringLiteral("csh"),
        QStringLiteral("ksh"),
        QStringLiteral("run"),
        QStringLiteral("desktop"),
        QStringLiteral("appimage"),
        QStringLiteral("py"),
        QStringLiteral("pl"),
        QStringLiteral("rb"),
        QStringLiteral("command"),
        QStringLiteral("app"),
        QStringLiteral("deb"),
        QStringLiteral("rpm"),
        QStringLiteral("apk"),
        QStringLiteral("dll"),
        QStringLiteral("so"),
    };
    static const QStringList riskyTypes = {
        QStringLiteral("application/x-executable"),
        QStringLiteral("application/x-pie-executable"),
        QStringLiteral("application/x-sharedlib"),
        QStringLiteral("application/x-msdownload"),
        QStringLiteral("application/x-ms-dos-executable"),
        QStringLiteral("application/x-dosexec"),
        QStringLiteral("application/vnd.microsoft.portable-executable"),
        QStringLiteral("application/x-msi"),
        QStringLiteral("application/x-ms-installer"),
        QStringLiteral("application/x-sh"),
        QStringLiteral("application/x-shellscript"),
        QStringLiteral("application/x-csh"),
        QStringLiteral("application/x-bat"),
        QStringLiteral("application/x-desktop"),
        QStringLiteral("application/x-ms-shortcut"),
        QStringLiteral("application/vnd.appimage"),
        QStringLiteral("application/x-iso9660-appimage"),
        QStringLiteral("application/java-archive"),
        QStringLiteral("application/x-java-archive"),
        QStringLiteral("application/javascript"),
        QStringLiteral("application/x-javascript"),
        QStringLiteral("text/javascript"),
        QStringLiteral("application/x-perl"),
        QStringLiteral("text/x-python"),
        QStringLiteral("text/x-python3"),
        QStringLiteral("application/x-ruby"),
        QStringLiteral("application/x-hta"),
        QStringLiteral("application/vnd.debian.binary-package"),
        QStringLiteral("application/x-rpm"),
        QStringLiteral("application/vnd.android.package-archive"),
    };
    const QString suffix = QFileInfo(info.fileName).suffix().toLower();
    if (riskyExtensions.contains(suffix))
        return true;
    const QString declared = QString::fromLatin1(info.mimeType).toLower();
    if (riskyTypes.contains(declared))
        return true;

    static const QMimeDatabase db;
    auto risky = [](const QMimeType &type) {
        if (!type.isValid() || type.isDefault())
            return false;
        for (const QString &name : riskyTypes) {
            if (type.inherits(name))
                return true;
        }
        return false;
    };
    if (risky(db.mimeTypeForName(declared)) || risky(db.mimeTypeForFile(info.fileName, QMimeDatabase::MatchExtension)))
        return true;
    // The content decides too: a program does not become harmless by being
    // called "invoice.txt".
    return !content.isEmpty() && risky(db.mimeTypeForData(content));
}

Status MessageView::openAttachment(int index)
{
    const QList<Mime::AttachmentInfo> &list = m_attachments->attachments();
    if (index < 0 || index >= list.size())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no attachment %1").arg(index));
    const Mime::AttachmentInfo info = list.at(index);
    const std::optional<QByteArray> content = Mime::extractPart(m_raw, info.partIndex);
    if (!content)
        return Error(ErrorCode::NotFound, QStringLiteral("part %1 not found").arg(info.partIndex));
    const QString name = Mime::sanitizeFileName(info.fileName);

    if (isRiskyToOpen(info, *content)) {
        bool confirmed = false;
        if (m_confirmOpen) {
            confirmed = m_confirmOpen(name);
        } else {
            QMessageBox box(QMessageBox::Warning, tr("Open Program?"), tr("“%1” is a program or a script.").arg(name),
                QMessageBox::Cancel, this);
            box.setInformativeText(tr("Opening it may run it, with access to your files and your mail. Open it only "
                                      "if you trust the sender and expected this file."));
            QPushButton *open = box.addButton(tr("&Open Anyway"), QMessageBox::AcceptRole);
            box.setDefaultButton(QMessageBox::Cancel);
            box.exec();
            confirmed = box.clickedButton() == open;
        }
        if (!confirmed)
            return Error(ErrorCode::Cancelled, QStringLiteral("opening %1 declined").arg(name));
    }

    if (!m_tempDir || !m_tempDir->isValid()) {
        // Private (mode 0700) and removed with the view.
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid()) {
            const QString why = m_tempDir->errorString();
            m_tempDir.reset();
            return Error(ErrorCode::LocalWriteFailed, why);
        }
    }
    const Result<QString> path = Poplar::NewFile::createUnique(QDir(m_tempDir->path()), name, *content);
    if (!path)
        return path.error();
    // Readable and writable by the user only; never executable.
    QFile::setPermissions(*path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (m_opener)
        m_opener(QUrl::fromLocalFile(*path));
    return {};
}

void MessageView::openWithErrors(int index)
{
    if (index < 0)
        return;
    const Status status = openAttachment(index);
    if (!status && status.code() != ErrorCode::Cancelled) {
        QMessageBox::warning(this, tr("Could Not Open Attachment"),
            tr("The attachment could not be opened: %1").arg(status.error().detail));
    }
}

void MessageView::saveWithDialog(int index)
{
    const QList<Mime::AttachmentInfo> &list = m_attachments->attachments();
    if (index < 0 || index >= list.size())
        return;
    QSettings settings;
    const QString dir
        = settings.value(kLastSaveDirKey, QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
              .toString();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Attachment"), QDir(dir).filePath(Mime::sanitizeFileName(list.at(index).fileName)));
    if (path.isEmpty())
        return;
    settings.setValue(kLastSaveDirKey, QFileInfo(path).absolutePath());
    const Status status = saveAttachment(index, path);
    if (!status) {
        QMessageBox::warning(this, tr("Could Not Save Attachment"),
            tr("“%1” could not be saved: %2").arg(QFileInfo(path).fileName(), status.error().detail));
    }
}

void MessageView::saveAllWithDialog()
{
    if (m_attachments->attachments().isEmpty())
        return;
    QSettings settings;
    const QString start
        = settings.value(kLastSaveDirKey, QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
              .toString();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Save All Attachments"), start);
    if (dir.isEmpty())
        return;
    settings.setValue(kLastSaveDirKey, dir);
    const Result<QStringList> written = saveAllAttachments(dir);
    if (!written) {
        QMessageBox::warning(this, tr("Could Not Save Attachments"),
            tr("The attachments could not all be saved in “%1”: %2")
                .arg(QDir::toNativeSeparators(dir), written.error().detail));
    }
}

void MessageView::showSource()
{
    if (!m_showingMessage)
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("sourceDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString subject = m_subject->text();
    dialog->setWindowTitle(tr("Message Source: %1").arg(subject));

    auto *edit = new QPlainTextEdit(dialog);
    edit->setObjectName(QStringLiteral("sourceText"));
    edit->setAccessibleName(tr("Message source"));
    edit->setReadOnly(true);
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setPlainText(decodedSource(m_raw));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);

    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(edit, 1);
    layout->addWidget(buttons);
    dialog->resize(800, 600);
    dialog->show();
    edit->setFocus();
}

}  // namespace Poplar::Ui
