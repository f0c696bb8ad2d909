#pragma once

#include "common/Result.h"
#include "mime/ParsedMessage.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <utility>

class QTemporaryDir;
class QWidget;

namespace Poplar::Ui {

// What the reader does with the attachments of the message shown: save one
// (atomically) or all (never over an existing file), open one — an attached
// message is handed on to be read in a window of its own; anything else is
// written to a private temporary folder and handed to the desktop, after
// asking for programs and scripts — and the dialogs around that: the save
// dialogs, errors, and "no program opens this file" with an offer to save it.
class AttachmentActions : public QObject
{
    Q_OBJECT
public:
    using OpenConfirmation = std::function<bool(const QString &fileName)>;
    using UrlOpener = std::function<bool(const QUrl &url)>;

    // How an attachment was opened.
    enum class Opened {
        WithProgram,     // handed to the program the desktop chose
        InReaderWindow,  // an attached message, shown in a window of its own
        NoProgram,       // nothing on this computer opens it (the user is told)
    };

    // Dialogs open over `dialogParent`, which also owns this.
    explicit AttachmentActions(QWidget *dialogParent);
    ~AttachmentActions() override;

    // The message's raw bytes and the attachments as listed.
    void setMessage(const QByteArray &raw, const QList<Mime::AttachmentInfo> &attachments);
    [[nodiscard]] const QList<Mime::AttachmentInfo> &attachments() const { return m_attachments; }
    void setUrlOpener(UrlOpener opener) { m_opener = std::move(opener); }
    // Replaces the warning dialog before opening a program or script.
    void setOpenConfirmation(OpenConfirmation confirm) { m_confirmOpen = std::move(confirm); }

    Status save(int index, const QString &path);
    Result<QStringList> saveAll(const QString &directory);
    Result<Opened> open(int index);

    // With dialogs: where to save, and what went wrong.
    void saveWithDialog(int index);
    void saveAllWithDialog();
    void openWithErrors(int index);
    // The desktop found no program for a file open() handed it: says so,
    // removes the file and offers to save the attachment while it is shown.
    void noProgramFor(const QString &path);

    [[nodiscard]] static bool isRiskyToOpen(const Mime::AttachmentInfo &info, const QByteArray &content = {});

Q_SIGNALS:
    // An attached message to show in a window of its own (sent while open() runs).
    void messageToRead(const QByteArray &raw);

private:
    [[nodiscard]] bool confirmOpening(const QString &name);
    void tellNoProgram(const QString &name, const QByteArray &mimeType, int index);
    void warn(const QString &title, const QString &text);

    QWidget *m_dialogParent;
    QByteArray m_raw;
    QList<Mime::AttachmentInfo> m_attachments;
    UrlOpener m_opener;
    OpenConfirmation m_confirmOpen;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    // Files written there to be opened: their attachment's name and type.
    QHash<QString, std::pair<QString, QByteArray>> m_openedFiles;
};

}  // namespace Poplar::Ui
