#pragma once

#include "common/Result.h"
#include "mime/MessageParser.h"
#include "mime/Protection.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QImage>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>

class QFrame;
class QLabel;
class QNetworkAccessManager;
class QNetworkReply;
class QPushButton;
class QTemporaryDir;
class QTextBrowser;
class QTimer;

namespace Poplar::Ui {

class AttachmentList;
class MessageImages;
class ReaderWindow;
class SafeTextBrowser;

// The reading pane: the header block, bars for partial messages, encrypted
// or signed mail and blocked remote content, the body (HTML without any
// network or local file access, or plain text with quotes and links), the
// attached images below it, and the attachments.
class MessageView : public QWidget
{
    Q_OBJECT
public:
    // Asked before an attachment that could run as a program is opened,
    // with its (sanitized) file name; true opens it.
    using OpenConfirmation = std::function<bool(const QString &fileName)>;
    // Hands a link or a file to the desktop; false when nothing opens it.
    using UrlOpener = std::function<bool(const QUrl &url)>;

    // How an attachment was opened.
    enum class Opened {
        WithProgram,     // handed to the program the desktop chose
        InReaderWindow,  // an attached message, shown in a window of its own
        NoProgram,       // nothing on this computer opens it (the user is told)
    };

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
    [[nodiscard]] bool remoteContentAllowed() const { return m_remoteAllowed; }
    void loadRemoteContent();                 // "Load for this message"
    void alwaysLoadRemoteContentForSender();  // "Always for this sender"
    [[nodiscard]] static bool isSenderTrustedForRemoteContent(const QString &address);

    // Links whose text names another domain than the one they lead to.
    [[nodiscard]] QStringList suspiciousLinks() const;

    // The message's own images, their limits and what they cost.
    [[nodiscard]] const MessageImages &images() const;
    // Whether (and how) the message is encrypted or signed.
    [[nodiscard]] const Mime::Protection &protection() const { return m_protection; }

    // Attachments as listed (inline parts the HTML shows and signatures are left out).
    [[nodiscard]] QList<Mime::AttachmentInfo> attachments() const;
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
    static constexpr qint64 MaxRemoteImageBytes = 10 * 1024 * 1024;
    static constexpr int RemoteImageTimeoutMs = 20000;
    static constexpr int MaxRemoteImages = 100;

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
    void remoteImageFinished(QNetworkReply *reply, quint64 generation);
    void abortRemoteFetches();
    void onAnchorClicked(const QUrl &url);
    void setHoveredLink(const QString &target);
    void updateProtectionBar();
    [[nodiscard]] QString bodyHtml(bool *fromHtml) const;
    [[nodiscard]] QString noticeHtml(const QString &text) const;
    void saveWithDialog(int index);
    void warn(const QString &title, const QString &text);
    void saveAllWithDialog();
    void openWithErrors(int index);
    // Nothing on this computer opens the file `name` of `mimeType` (with
    // the attachment's index while it is still shown, to offer saving it).
    void tellNoProgram(const QString &name, const QByteArray &mimeType, int index);
    void tellLinkNotOpened(const QUrl &url);
    void systemOpenFailed(const QUrl &url);
    [[nodiscard]] QString senderAddress() const;
    [[nodiscard]] QString plainTextToHtml(const QString &text) const;

    Store::MessageSummary m_summary;
    QByteArray m_raw;
    Mime::ParsedMessage m_parsed;
    Mime::Protection m_protection;
    QList<Mime::AttachmentInfo> m_imagesBelowText;
    bool m_showingMessage = false;
    QString m_hoveredLink;

    // Remote content of the shown message.
    bool m_remoteAllowed = false;
    quint64 m_generation = 0;
    QHash<QUrl, QImage> m_remoteImages;
    QSet<QUrl> m_requested;
    QList<QNetworkReply *> m_pending;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_rerender = nullptr;

    UrlOpener m_opener;
    OpenConfirmation m_confirmOpen;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    // Files written there to be opened: their attachment's name and type.
    QHash<QString, std::pair<QString, QByteArray>> m_openedFiles;

    QWidget *m_header = nullptr;
    QLabel *m_subject = nullptr;
    QLabel *m_from = nullptr;
    QLabel *m_to = nullptr;
    QLabel *m_ccCaption = nullptr;
    QLabel *m_cc = nullptr;
    QLabel *m_date = nullptr;
    QPushButton *m_viewSource = nullptr;
    QFrame *m_partialBar = nullptr;
    QFrame *m_protectionBar = nullptr;
    QLabel *m_protectionText = nullptr;
    QFrame *m_remoteBar = nullptr;
    SafeTextBrowser *m_browser = nullptr;
    QWidget *m_attachmentPane = nullptr;
    AttachmentList *m_attachments = nullptr;
};

}  // namespace Poplar::Ui
