#include "widgets/MessageView.h"
#include "widgets/PlainText.h"

#include "mime/MailtoUrl.h"
#include "mime/MessageParser.h"
#include "reader/AttachmentPane.h"
#include "reader/MessageBodyHtml.h"
#include "reader/MessageHeaderView.h"
#include "reader/PartialMessageBar.h"
#include "reader/ProtectionBar.h"
#include "reader/RemoteContentBar.h"
#include "reader/SystemOpener.h"
#include "widgets/MessageImages.h"
#include "widgets/ReaderWindow.h"
#include "widgets/SafeTextBrowser.h"
#include "widgets/SourceWindow.h"

#include <QAction>
#include <QFileInfo>
#include <QFontMetrics>
#include <QFrame>
#include <QKeySequence>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace Poplar::Ui {

using namespace Qt::StringLiterals;

MessageView::MessageView(QWidget *parent)
    : QWidget(parent)
    , m_opener([this](const QUrl &url) { return openWithSystem(url); })
{
    setObjectName(QStringLiteral("messageView"));
    buildUi();
    m_actions->setUrlOpener(m_opener);
    clear();
}

MessageView::~MessageView()
{
    m_remote->reset();  // before the browser whose images decode what arrives
}

void MessageView::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_header = new MessageHeaderView(this);
    connect(m_header, &MessageHeaderView::viewSourceRequested, this, &MessageView::showSource);
    layout->addWidget(m_header);
    auto *viewSourceAction = new QAction(tr("View &Source"), this);
    viewSourceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    viewSourceAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(viewSourceAction, &QAction::triggered, this, [this] {
        if (m_showingMessage)
            showSource();
    });
    addAction(viewSourceAction);

    m_partialBar = new PartialMessageBar(this);
    connect(m_partialBar, &PartialMessageBar::downloadRestRequested, this,
        [this] { Q_EMIT downloadRestRequested(m_summary.id); });
    connect(m_partialBar, &PartialMessageBar::deleteFromServerRequested, this, &MessageView::confirmDeleteFromServer);
    layout->addWidget(m_partialBar);
    m_protectionBar = new ProtectionBar(this);
    layout->addWidget(m_protectionBar);
    m_remoteBar = new RemoteContentBar(this);
    connect(m_remoteBar, &RemoteContentBar::loadRequested, this, &MessageView::loadRemoteContent);
    connect(
        m_remoteBar, &RemoteContentBar::alwaysForSenderRequested, this, &MessageView::alwaysLoadRemoteContentForSender);
    layout->addWidget(m_remoteBar);

    // Body.
    m_browser = new SafeTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("readingPane"));
    m_browser->setAccessibleName(tr("Message"));
    m_browser->setPlaceholderText(tr("No message selected."));
    m_browser->setFrameShape(QFrame::NoFrame);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &MessageView::onAnchorClicked);
    connect(m_browser, &QTextBrowser::highlighted, this,
        [this](const QUrl &url) { setHoveredLink(url.isEmpty() ? QString() : url.toString()); });
    // Images can be asked for again while laid out or painted: react after
    // that has finished, not in the middle of a paint.
    connect(
        m_browser, &SafeTextBrowser::remoteImageBlocked, this,
        [this] {
            if (m_remote->isAllowed())
                fetchRemoteImages();
            else
                updateRemoteBar();
        },
        Qt::QueuedConnection);
    layout->addWidget(m_browser, 1);

    m_remote = new RemoteImageLoader(&m_browser->images(), this);
    connect(m_remote, &RemoteImageLoader::imagesArrived, this, [this] { render(true); });
    m_systemOpener = new SystemOpener(this);
    connect(m_systemOpener, &SystemOpener::finished, this, &MessageView::systemOpenFinished);

    m_actions = new AttachmentActions(this);
    connect(m_actions, &AttachmentActions::messageToRead, this, &MessageView::openReaderWindow);
    m_attachmentPane = new AttachmentPane(m_actions, this);
    layout->addWidget(m_attachmentPane);

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
    m_actions->setUrlOpener(m_opener);
}

void MessageView::setOpenConfirmation(OpenConfirmation confirm)
{
    m_confirmOpen = std::move(confirm);
    m_actions->setOpenConfirmation(m_confirmOpen);
}

void MessageView::clear()
{
    m_remote->reset();
    ++m_generation;
    // The link under the pointer belonged to the message going away.
    setHoveredLink(QString());
    m_showingMessage = false;
    m_summary = Store::MessageSummary();
    m_raw.clear();
    m_parsed = Mime::ParsedMessage();
    m_protection = Mime::Protection();
    m_imagesBelowText.clear();

    m_header->hide();
    m_partialBar->hide();
    m_protectionBar->hide();
    m_remoteBar->hide();
    m_attachmentPane->setAttachments({}, {});
    m_browser->images().reset();
    m_browser->setRemoteImages({});
    m_browser->setPlaceholderText(tr("No message selected."));
    m_browser->showNothing();
}

void MessageView::showMessage(const Store::MessageSummary &summary, const QByteArray &raw)
{
    clear();
    m_summary = summary;
    m_raw = raw;
    m_parsed = Mime::parseMessage(m_raw, Mime::ParseDepth::Full);
    m_showingMessage = true;

    m_header->showHeaders(summary, m_parsed);
    m_header->show();
    m_partialBar->setVisible(summary.flags & Store::Flag::Partial);
    m_protection = Mime::protectionOf(m_parsed);
    m_protectionBar->showProtection(m_protection);

    // Listed: what the sender attached, not the inline images the HTML
    // shows, nor signatures. Attached images are also shown below the text.
    QList<Mime::AttachmentInfo> listed;
    for (const Mime::AttachmentInfo &info : std::as_const(m_parsed.attachments)) {
        if (info.inlinePart || m_protection.signatureParts.contains(info.partIndex))
            continue;
        listed << info;
        const QString suffix = QFileInfo(info.fileName).suffix().toLower();
        const bool image = info.mimeType.startsWith("image/")
            || (info.mimeType == "application/octet-stream"
                && QStringList({ u"png"_s, u"jpg"_s, u"jpeg"_s, u"gif"_s, u"bmp"_s, u"webp"_s }).contains(suffix));
        if (image && !info.mimeType.startsWith("image/svg") && suffix != QLatin1String("svg")
            && !m_protection.isEncrypted())
            m_imagesBelowText << info;
    }
    m_attachmentPane->setAttachments(m_raw, listed);

    m_remote->setAllowed(!m_remoteImagesBlocked && isSenderTrustedForRemoteContent(senderAddress()));
    m_browser->images().reset(m_raw, m_parsed.attachments);
    m_browser->setPlaceholderText(QString());
    render(false);
}

void MessageView::setHoveredLink(const QString &target)
{
    if (target == m_hoveredLink)
        return;
    m_hoveredLink = target;
    Q_EMIT linkHovered(target);
}

void MessageView::confirmDeleteFromServer()
{
    if (!m_showingMessage)
        return;
    const qint64 id = m_summary.id;
    const bool partial = m_summary.flags & Store::Flag::Partial;
    QMessageBox box(QMessageBox::Warning, tr("Delete from Server"), tr("Delete this message from the server?"),
        QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("deleteFromServerQuestion"));
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(partial
            ? tr("Only the beginning of this message was downloaded. The rest of it is only on the server: once "
                 "the message is deleted there, the rest is lost for good. Only the beginning shown here stays.")
            : tr("The copy here stays as it is."));
    QPushButton *remove = box.addButton(tr("&Delete from Server"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    // The view may show another message by now; the question was about this one.
    if (box.clickedButton() == remove)
        Q_EMIT deleteFromServerRequested(id);
}

const MessageImages &MessageView::images() const
{
    return m_browser->images();
}

QString MessageView::senderAddress() const
{
    QString address = m_summary.fromAddress;
    if (address.isEmpty() && !m_parsed.from.isEmpty())
        address = m_parsed.from.first().address;
    return address.trimmed().toLower();
}

void MessageView::render(bool keepScrollPosition)
{
    if (!m_showingMessage)
        return;
    bool fromHtml = false;
    const QString html = MessageBodyHtml::forMessage(m_parsed, m_protection, m_preferPlainText, &fromHtml);
    QList<SafeTextBrowser::AttachedImage> below;
    for (const Mime::AttachmentInfo &info : std::as_const(m_imagesBelowText))
        below.append({ info.partIndex, info.fileName });

    const bool remoteAllowed = m_remote->isAllowed();
    const int scroll = m_browser->verticalScrollBar()->value();
    m_browser->setRemoteImages(remoteAllowed ? m_remote->images() : QHash<QUrl, QImage>());
    m_browser->showHtml(html, below);
    if (fromHtml && m_browser->bodyIsBlank()) {
        // HTML that shows nothing (only markup, styles or white space): its
        // plain-text alternative, or a word that there is no text.
        m_browser->showHtml(MessageBodyHtml::forBlankHtml(m_parsed), below);
    }
    if (remoteAllowed) {
        // Also keep them in the document itself (as a resource it was given).
        const QHash<QUrl, QImage> &remote = m_remote->images();
        for (auto it = remote.cbegin(); it != remote.cend(); ++it)
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
    if (remoteAllowed)
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

bool MessageView::remoteContentAllowed() const
{
    return m_remote->isAllowed();
}

bool MessageView::isSenderTrustedForRemoteContent(const QString &address)
{
    return RemoteImageLoader::isSenderTrusted(address);
}

void MessageView::setNetworkAccessManager(QNetworkAccessManager *network)
{
    m_remote->setNetworkAccessManager(network);
}

void MessageView::updateRemoteBar()
{
    const bool blocking = m_showingMessage && !m_remote->isAllowed() && !m_remoteImagesBlocked;
    m_remoteBar->showBlocked(blocking ? m_browser->blockedRemoteImages().size() : 0, senderAddress());
}

void MessageView::loadRemoteContent()
{
    if (!m_showingMessage || m_remoteImagesBlocked)
        return;
    m_remote->setAllowed(true);
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
    RemoteImageLoader::trustSender(sender);
    loadRemoteContent();
}

void MessageView::fetchRemoteImages()
{
    if (m_showingMessage)
        m_remote->fetch(m_browser->blockedRemoteImages());
}

void MessageView::onAnchorClicked(const QUrl &url)
{
    if (url.isRelative() && url.path().isEmpty() && url.hasFragment()) {
        m_browser->scrollToAnchor(url.fragment());
        return;
    }
    const QString scheme = url.scheme().toLower();
    QUrl target;
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        target = url;
    else if (scheme == QLatin1String("mailto"))
        target = Mime::safeMailtoUrl(url);  // no attachments, bcc or other headers from a link
    // file:, javascript:, data: and anything else: never opened.
    if (!target.isValid() || !m_opener || m_opener(target))
        return;
    tellLinkNotOpened(target);
}

bool MessageView::openWithSystem(const QUrl &url)
{
    return m_systemOpener->open(url);
}

void MessageView::systemOpenFinished(const QUrl &url, bool opened)
{
    Q_EMIT openedWithSystem(url, opened);
    if (opened)
        return;
    if (url.isLocalFile())
        m_actions->noProgramFor(url.toLocalFile());
    else
        tellLinkNotOpened(url);
}

void MessageView::tellLinkNotOpened(const QUrl &target)
{
    const QString shown = QFontMetrics(font()).elidedText(target.toDisplayString(), Qt::ElideMiddle, 400);
    std::unique_ptr<QMessageBox> box(plainMessageBox(QMessageBox::Warning, tr("Could Not Open Link"),
        target.scheme() == QLatin1String("mailto") ? tr("No program on this computer is set up to write mail.")
                                                   : tr("No web browser on this computer is set up to open links."),
        shown, QMessageBox::Close, this));
    box->setObjectName(QStringLiteral("openLinkFailed"));
    box->exec();
}

Status MessageView::saveAttachment(int index, const QString &path)
{
    return m_actions->save(index, path);
}

Result<QStringList> MessageView::saveAllAttachments(const QString &directory)
{
    return m_actions->saveAll(directory);
}

bool MessageView::isRiskyToOpen(const Mime::AttachmentInfo &info, const QByteArray &content)
{
    return AttachmentActions::isRiskyToOpen(info, content);
}

Result<MessageView::Opened> MessageView::openAttachment(int index)
{
    return m_actions->open(index);
}

void MessageView::openReaderWindow(const QByteArray &raw)
{
    auto *window = new ReaderWindow(raw, *this, this);
    window->show();
    window->raise();
    window->activateWindow();
}

QList<ReaderWindow *> MessageView::readerWindows() const
{
    return findChildren<ReaderWindow *>(Qt::FindDirectChildrenOnly);
}

void MessageView::showSource()
{
    if (!m_showingMessage)
        return;
    auto *window = new SourceWindow(m_header->shownSubject(), m_raw, this);
    window->showActive();
}

void MessageView::setPreferPlainText(bool prefer)
{
    if (prefer == m_preferPlainText)
        return;
    m_preferPlainText = prefer;
    render(false);
}

void MessageView::setRemoteImagesBlocked(bool blocked)
{
    if (blocked == m_remoteImagesBlocked)
        return;
    m_remoteImagesBlocked = blocked;
    if (!m_showingMessage)
        return;
    if (blocked) {
        // What was loaded goes; what is on its way is dropped.
        m_remote->reset();
    } else {
        m_remote->setAllowed(isSenderTrustedForRemoteContent(senderAddress()));
    }
    render(true);
}

}  // namespace Poplar::Ui
