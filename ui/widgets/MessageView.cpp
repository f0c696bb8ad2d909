#include "widgets/MessageView.h"
#include "widgets/PlainText.h"

#include "common/NewFile.h"
#include "mime/MailtoUrl.h"
#include "widgets/AttachmentFiles.h"
#include "widgets/AttachmentList.h"
#include "widgets/MessageImages.h"
#include "widgets/ReaderWindow.h"
#include "widgets/SafeTextBrowser.h"
#include "widgets/SourceWindow.h"

#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace Poplar::Ui {

using namespace Qt::StringLiterals;

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

}  // namespace

MessageView::MessageView(QWidget *parent)
    : QWidget(parent)
    , m_opener([this](const QUrl &url) { return openWithSystem(url); })
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
        connect(remove, &QPushButton::clicked, this, &MessageView::confirmDeleteFromServer);
    }
    layout->addWidget(m_partialBar);

    // Encrypted or signed mail.
    m_protectionBar = barFrame(QStringLiteral("protectionBar"), this);
    {
        auto *bar = new QHBoxLayout(m_protectionBar);
        m_protectionText = new QLabel(m_protectionBar);
        m_protectionText->setObjectName(QStringLiteral("protectionText"));
        m_protectionText->setTextFormat(Qt::PlainText);
        m_protectionText->setWordWrap(true);
        bar->addWidget(m_protectionText, 1);
    }
    layout->addWidget(m_protectionBar);

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
        [this](const QUrl &url) { setHoveredLink(url.isEmpty() ? QString() : url.toString()); });
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
    // The link under the pointer belonged to the message going away.
    setHoveredLink(QString());
    m_showingMessage = false;
    m_summary = Store::MessageSummary();
    m_raw.clear();
    m_parsed = Mime::ParsedMessage();
    m_protection = Mime::Protection();
    m_imagesBelowText.clear();
    m_remoteAllowed = false;
    m_remoteImages.clear();
    m_requested.clear();
    m_rerender->stop();

    m_header->hide();
    m_partialBar->hide();
    m_protectionBar->hide();
    m_remoteBar->hide();
    m_attachments->setAttachments({});
    m_attachmentPane->hide();
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
    m_protection = Mime::protectionOf(m_parsed);
    updateProtectionBar();

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
    m_attachments->setAttachments(listed);
    m_attachmentPane->setVisible(!listed.isEmpty());

    m_remoteAllowed = !m_remoteImagesBlocked && isSenderTrustedForRemoteContent(senderAddress());
    m_browser->images().reset(m_raw, m_parsed.attachments);
    m_browser->setPlaceholderText(QString());
    render(false);
}

void MessageView::updateProtectionBar()
{
    const Mime::Protection &p = m_protection;
    auto scheme = [](Mime::CryptoScheme s) { return s == Mime::CryptoScheme::SMime ? u"S/MIME"_s : u"OpenPGP"_s; };
    QString text;
    if (p.isEncrypted()) {
        text = tr("This message is encrypted (%1). Poplar cannot decrypt messages yet: open it in a mail program "
                  "that has your key.")
                   .arg(scheme(p.encryptedWith));
    } else if (p.contentInsideSignature) {
        text = tr("This message is signed (%1) in a form that holds its text inside the signature. Poplar cannot "
                  "read or verify it yet.")
                   .arg(scheme(p.signedWith));
    } else if (p.isSigned()) {
        text = tr("This message is signed (%1). Poplar cannot verify signatures yet: the signature has not been "
                  "checked, so it proves nothing about the sender.")
                   .arg(scheme(p.signedWith));
    }
    m_protectionText->setText(text);
    m_protectionBar->setVisible(!text.isEmpty());
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

QString MessageView::noticeHtml(const QString &text) const
{
    return QStringLiteral("<p><i>%1</i></p>").arg(text.toHtmlEscaped());
}

QString MessageView::bodyHtml(bool *fromHtml) const
{
    *fromHtml = false;
    if (m_protection.inlinePgp) {
        // The armour made readable: signed text as text, encrypted blocks as a notice.
        return plainTextToHtml(
            Mime::readableInlinePgp(m_parsed.plainText(), tr("[This part of the message is encrypted.]")));
    }
    if (!m_parsed.htmlBody.trimmed().isEmpty() && !(m_preferPlainText && !m_parsed.textBody.trimmed().isEmpty())) {
        *fromHtml = true;
        return withoutScripts(m_parsed.htmlBody);
    }
    if (!m_parsed.textBody.isEmpty())
        return plainTextToHtml(m_parsed.textBody);
    if (m_protection.isEncrypted())
        return noticeHtml(tr("The content of this message is encrypted."));
    if (m_protection.contentInsideSignature)
        return noticeHtml(tr("The text of this message is inside its signature."));
    return noticeHtml(tr("This message has no text."));
}

void MessageView::render(bool keepScrollPosition)
{
    if (!m_showingMessage)
        return;
    bool fromHtml = false;
    QString html = bodyHtml(&fromHtml);
    QList<SafeTextBrowser::AttachedImage> below;
    for (const Mime::AttachmentInfo &info : std::as_const(m_imagesBelowText))
        below.append({ info.partIndex, info.fileName });

    const int scroll = m_browser->verticalScrollBar()->value();
    m_browser->setRemoteImages(m_remoteAllowed ? m_remoteImages : QHash<QUrl, QImage>());
    m_browser->showHtml(html, below);
    if (fromHtml && m_browser->bodyIsBlank()) {
        // HTML that shows nothing (only markup, styles or white space): its
        // plain-text alternative, or a word that there is no text.
        html = !m_parsed.textBody.trimmed().isEmpty() ? plainTextToHtml(m_parsed.textBody)
                                                      : noticeHtml(tr("This message has no text."));
        m_browser->showHtml(html, below);
    }
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
    const bool show = m_showingMessage && !m_remoteAllowed && !m_remoteImagesBlocked && blocked > 0;
    if (show) {
        if (auto *text = m_remoteBar->findChild<QLabel *>(QStringLiteral("remoteContentText")))
            text->setText(tr("To protect your privacy, Poplar did not load %n remote image(s) in this message.",
                nullptr, int(blocked)));
        const QString sender = senderAddress();
        if (auto *always = m_remoteBar->findChild<QPushButton *>(QStringLiteral("alwaysRemoteButton"))) {
            always->setEnabled(!sender.isEmpty());
            always->setToolTip(
                sender.isEmpty() ? QString() : plainToolTip(tr("Always load remote images from %1").arg(sender)));
            always->setAccessibleDescription(always->toolTip());
        }
    }
    m_remoteBar->setVisible(show);
}

void MessageView::loadRemoteContent()
{
    if (!m_showingMessage || m_remoteImagesBlocked)
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
            // Under the same limits as the message's own images.
            const QUrl url = reply->request().url();
            m_remoteImages.insert(url, m_browser->images().decodeRemote(url, body));
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
    const QString xdgOpen = QStandardPaths::findExecutable(QStringLiteral("xdg-open"));
    if (xdgOpen.isEmpty())
        return QDesktopServices::openUrl(url);
    // Not waited for: xdg-open answers once the program has taken it (or
    // nothing could). Not owned by the view, so closing it never stops a
    // program on its way.
    auto *process = new QProcess(QCoreApplication::instance());
    process->setProgram(xdgOpen);
    process->setArguments({ url.isLocalFile() ? url.toLocalFile() : url.toString(QUrl::FullyEncoded) });
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setStandardErrorFile(QProcess::nullDevice());
    QPointer<MessageView> self(this);
    connect(process, &QProcess::finished, process, [self, process, url](int code, QProcess::ExitStatus status) {
        process->deleteLater();
        if (!self)
            return;
        const bool opened = status == QProcess::NormalExit && code == 0;
        Q_EMIT self->openedWithSystem(url, opened);
        if (!opened)
            self->systemOpenFailed(url);
    });
    connect(process, &QProcess::errorOccurred, process, [self, process, url](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        process->deleteLater();
        if (!self)
            return;
        Q_EMIT self->openedWithSystem(url, false);
        self->systemOpenFailed(url);
    });
    process->start();
    return true;
}

void MessageView::systemOpenFailed(const QUrl &url)
{
    if (!url.isLocalFile())
        return tellLinkNotOpened(url);
    const QString path = url.toLocalFile();
    const auto [name, type] = m_openedFiles.take(path);
    QFile::remove(path);
    // Offer to save it while it is still the attachment shown.
    int index = -1;
    const QList<Mime::AttachmentInfo> &list = m_attachments->attachments();
    for (int i = 0; i < list.size(); ++i) {
        if (Mime::sanitizeFileName(list.at(i).fileName) == name && list.at(i).mimeType == type)
            index = i;
    }
    tellNoProgram(name, type, index);
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
    return AttachmentFiles::writeAtomically(path, *content);
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
    return AttachmentFiles::isRiskyToOpen(info, content);
}

Result<MessageView::Opened> MessageView::openAttachment(int index)
{
    const QList<Mime::AttachmentInfo> &list = m_attachments->attachments();
    if (index < 0 || index >= list.size())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no attachment %1").arg(index));
    const Mime::AttachmentInfo info = list.at(index);
    const std::optional<QByteArray> content = Mime::extractPart(m_raw, info.partIndex);
    if (!content)
        return Error(ErrorCode::NotFound, QStringLiteral("part %1 not found").arg(info.partIndex));

    if (info.mimeType == "message/rfc822" || info.mimeType == "message/global") {
        // A message: read here, in a window of its own, never by another program.
        auto *window = new ReaderWindow(*content, *this, this);
        window->show();
        window->raise();
        window->activateWindow();
        return Opened::InReaderWindow;
    }

    const QString name = Mime::sanitizeFileName(info.fileName);
    if (isRiskyToOpen(info, *content)) {
        bool confirmed = false;
        if (m_confirmOpen) {
            confirmed = m_confirmOpen(name);
        } else {
            QMessageBox box(QMessageBox::Warning, tr("Open Program?"), tr("“%1” is a program or a script.").arg(name),
                QMessageBox::Cancel, this);
            box.setTextFormat(Qt::PlainText);
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
    m_openedFiles.insert(*path, { name, info.mimeType });
    if (!m_opener || !m_opener(QUrl::fromLocalFile(*path))) {
        m_openedFiles.remove(*path);
        QFile::remove(*path);
        return Opened::NoProgram;
    }
    return Opened::WithProgram;
}

QList<ReaderWindow *> MessageView::readerWindows() const
{
    return findChildren<ReaderWindow *>(Qt::FindDirectChildrenOnly);
}

void MessageView::openWithErrors(int index)
{
    if (index < 0)
        return;
    const Result<Opened> opened = openAttachment(index);
    if (!opened) {
        if (opened.error().code != ErrorCode::Cancelled) {
            warn(tr("Could Not Open Attachment"),
                tr("The attachment could not be opened: %1").arg(opened.error().detail));
        }
        return;
    }
    if (*opened != Opened::NoProgram)
        return;
    const Mime::AttachmentInfo info = m_attachments->attachments().value(index);
    tellNoProgram(Mime::sanitizeFileName(info.fileName), info.mimeType, index);
}

void MessageView::tellNoProgram(const QString &name, const QByteArray &mimeType, int index)
{
    // Not silent: say so, and offer what still works.
    // The name and the type are the sender's words: plain text.
    std::unique_ptr<QMessageBox> box(plainMessageBox(QMessageBox::Information, tr("No Program for This File"),
        tr("No program on this computer is set up to open “%1”.").arg(name),
        tr("Its type is %1. Save it, then open it with a program of your choice.").arg(QString::fromLatin1(mimeType)),
        QMessageBox::Close, this));
    box->setObjectName(QStringLiteral("noProgramMessage"));
    QPushButton *save = index >= 0 ? box->addButton(tr("Sa&ve…"), QMessageBox::AcceptRole) : nullptr;
    if (save)
        box->setDefaultButton(save);
    box->exec();
    if (save && box->clickedButton() == save)
        saveWithDialog(index);
}

void MessageView::warn(const QString &title, const QString &text)
{
    // File names come from the sender: plain text.
    std::unique_ptr<QMessageBox> box(plainMessageBox(QMessageBox::Warning, title, text, {}, QMessageBox::Ok, this));
    box->exec();
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
        warn(tr("Could Not Save Attachment"),
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
        warn(tr("Could Not Save Attachments"),
            tr("The attachments could not all be saved in “%1”: %2")
                .arg(QDir::toNativeSeparators(dir), written.error().detail));
    }
}

void MessageView::showSource()
{
    if (!m_showingMessage)
        return;
    auto *window = new SourceWindow(m_subject->text(), m_raw, this);
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
        abortRemoteFetches();
        ++m_generation;
        m_remoteAllowed = false;
        m_remoteImages.clear();
        m_requested.clear();
        m_rerender->stop();
    } else {
        m_remoteAllowed = isSenderTrustedForRemoteContent(senderAddress());
    }
    render(true);
}

}  // namespace Poplar::Ui
