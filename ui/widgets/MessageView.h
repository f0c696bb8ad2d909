#pragma once

#include "common/Result.h"
#include "mime/ParsedMessage.h"
#include "mime/Protection.h"
#include "reader/AttachmentActions.h"
#include "reader/RemoteImageLoader.h"
#include "store/StoreTypes.h"

#include <QList>
#include <QStringList>
#include <QUrl>
#include <QWidget>

#include <functional>

class QNetworkAccessManager;
class QTextBrowser;

namespace Poplar::Ui {

class AttachmentPane;
class MessageHeaderView;
class MessageImages;
class PartialMessageBar;
class ProtectionBar;
class ReaderWindow;
class RemoteContentBar;
class SafeTextBrowser;
class SystemOpener;

// The reading pane: the header block, bars for partial messages, encrypted
// or signed mail and blocked remote content, the body (HTML without any
// network or local file access, or plain text with quotes and links), the
// attached images below it, and the attachments. Composed of
// MessageHeaderView, RemoteContentBar with RemoteImageLoader,
// SafeTextBrowser showing MessageBodyHtml, AttachmentList with
// AttachmentActions, and SourceWindow for View Source.
class MessageView : public QWidget
{
    Q_OBJECT
public:
    // Asked before an attachment that could run as a program is opened,
    // with its (sanitized) file name; true opens it.
    using OpenConfirmation = AttachmentActions::OpenConfirmation;
    // Hands a link or a file to the desktop; false when nothing opens it.
    using UrlOpener = AttachmentActions::UrlOpener;

    // How an attachment was opened (WithProgram, InReaderWindow, NoProgram).
    using Opened = AttachmentActions::Opened;

    explicit MessageView(QWidget *parent = nullptr);
    ~MessageView() override;

    // Shows the message: its summary (id, flags, from address …) and its raw bytes.
    void showMessage(const Store::MessageSummary &summary, const QByteArray &raw);
    void clear();                            // nothing selected: a placeholder text
    [[nodiscard]] qint64 messageId() const;  // 0 when clear

    // How links and opened attachments reach the desktop: by default
    // openWithSystem(). Only http, https and mailto links (and attachments written
    // to the private temporary folder) are ever passed on; of a mailto link
    // only the addresses, to, cc, subject and body (Mime::safeMailtoUrl).
    void setUrlOpener(UrlOpener opener);
    [[nodiscard]] UrlOpener urlOpener() const { return m_opener; }
    // The desktop's way to open `url`: xdg-open where there is one, whose
    // exit status tells later whether a program took it (when none did, the
    // user is told, and openedWithSystem() says so); else QDesktopServices.
    // False at once when nothing can open it.
    bool openWithSystem(const QUrl &url);
    // Replaces the warning dialog before opening a program or script.
    void setOpenConfirmation(OpenConfirmation confirm);
    [[nodiscard]] OpenConfirmation openConfirmation() const { return m_confirmOpen; }

    // The text browser showing the body ("readingPane").
    [[nodiscard]] QTextBrowser *browser() const;

    // Remote content.
    [[nodiscard]] QList<QUrl> blockedRemoteImages() const;  // refused http(s) images
    [[nodiscard]] QList<QUrl> interceptedUrls() const;      // every refused resource URL
    [[nodiscard]] bool remoteContentAllowed() const;
    void loadRemoteContent();                 // "Load for this message"
    void alwaysLoadRemoteContentForSender();  // "Always for this sender"
    [[nodiscard]] static bool isSenderTrustedForRemoteContent(const QString &address);
    // The network remote images are fetched through (not owned; it must
    // outlive the view). By default the view makes its own.
    void setNetworkAccessManager(QNetworkAccessManager *network);

    // Links whose text names another domain than the one they lead to.
    [[nodiscard]] QStringList suspiciousLinks() const;

    // The message's own images, their limits and what they cost.
    [[nodiscard]] const MessageImages &images() const;
    // Whether (and how) the message is encrypted or signed.
    [[nodiscard]] const Mime::Protection &protection() const { return m_protection; }

    // Attachments as listed (inline parts the HTML shows and signatures are left out).
    [[nodiscard]] QList<Mime::AttachmentInfo> attachments() const { return m_actions->attachments(); }
    // The attached images shown below the text.
    [[nodiscard]] QList<Mime::AttachmentInfo> imagesBelowText() const { return m_imagesBelowText; }
    // Writes the decoded attachment to `path` atomically.
    Status saveAttachment(int index, const QString &path);
    // Writes every attachment into `directory` under its sanitized name,
    // adding " (2)", " (3)" … instead of replacing an existing file.
    // The paths written, or the first error.
    Result<QStringList> saveAllAttachments(const QString &directory);
    // Opens an attachment: an attached message in a reader window; anything
    // else written to a private temporary folder and handed to the desktop,
    // after asking for programs and scripts (Cancelled when declined).
    Result<Opened> openAttachment(int index);
    // The reader windows this view opened that are still open.
    [[nodiscard]] QList<ReaderWindow *> readerWindows() const;
    // Whether opening this attachment could run code.
    [[nodiscard]] static bool isRiskyToOpen(const Mime::AttachmentInfo &info, const QByteArray &content = {});

    // Opens a window with the raw message.
    void showSource();
    // Asks whether to delete the partly downloaded message from the server,
    // saying that its rest is lost; emits deleteFromServerRequested if so.
    void confirmDeleteFromServer();

    // What the sizes and waits are limited to when remote images are fetched.
    static constexpr qint64 MaxRemoteImageBytes = RemoteImageLoader::MaxImageBytes;
    static constexpr int RemoteImageTimeoutMs = RemoteImageLoader::TimeoutMs;
    static constexpr int MaxRemoteImages = RemoteImageLoader::MaxImages;

    // Shows the text/plain alternative of a message that has one instead of
    // its HTML; re-renders the message shown.
    void setPreferPlainText(bool prefer);
    [[nodiscard]] bool prefersPlainText() const { return m_preferPlainText; }
    // Never loads remote images, nor offers to (senders allowed before
    // included); false: the bar asks. Applies to the message shown at once.
    void setRemoteImagesBlocked(bool blocked);
    [[nodiscard]] bool remoteImagesBlocked() const { return m_remoteImagesBlocked; }

Q_SIGNALS:
    void downloadRestRequested(qint64 messageId);
    void deleteFromServerRequested(qint64 messageId);
    void linkHovered(const QString &target);  // the real target (empty when the pointer leaves), for a status bar
    // What xdg-open said of a link or file openWithSystem() handed it.
    void openedWithSystem(const QUrl &url, bool opened);

private:
    void buildUi();
    void render(bool keepScrollPosition);
    void updateRemoteBar();
    void fetchRemoteImages();
    void onAnchorClicked(const QUrl &url);
    void setHoveredLink(const QString &target);
    void openReaderWindow(const QByteArray &raw);
    void systemOpenFinished(const QUrl &url, bool opened);
    void tellLinkNotOpened(const QUrl &url);
    [[nodiscard]] QString senderAddress() const;

    Store::MessageSummary m_summary;
    QByteArray m_raw;
    Mime::ParsedMessage m_parsed;
    Mime::Protection m_protection;
    QList<Mime::AttachmentInfo> m_imagesBelowText;
    bool m_showingMessage = false;
    QString m_hoveredLink;
    quint64 m_generation = 0;  // counts the messages shown

    UrlOpener m_opener;
    OpenConfirmation m_confirmOpen;
    SystemOpener *m_systemOpener = nullptr;
    RemoteImageLoader *m_remote = nullptr;
    AttachmentActions *m_actions = nullptr;

    MessageHeaderView *m_header = nullptr;
    PartialMessageBar *m_partialBar = nullptr;
    ProtectionBar *m_protectionBar = nullptr;
    RemoteContentBar *m_remoteBar = nullptr;
    SafeTextBrowser *m_browser = nullptr;
    AttachmentPane *m_attachmentPane = nullptr;
    bool m_preferPlainText = false;
    bool m_remoteImagesBlocked = false;
};

}  // namespace Poplar::Ui
