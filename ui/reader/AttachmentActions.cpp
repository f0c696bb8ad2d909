#include "reader/AttachmentActions.h"

#include "common/NewFile.h"
#include "mime/FileName.h"
#include "mime/MessageParser.h"
#include "widgets/AttachmentFiles.h"
#include "widgets/PlainText.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QWidget>

namespace Poplar::Ui {

namespace {

const QString kLastSaveDirKey = QStringLiteral("reader/lastSaveDirectory");

QString lastSaveDirectory()
{
    return QSettings()
        .value(kLastSaveDirKey, QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
        .toString();
}

}  // namespace

AttachmentActions::AttachmentActions(QWidget *dialogParent)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent)
{ }

AttachmentActions::~AttachmentActions() = default;

void AttachmentActions::setMessage(const QByteArray &raw, const QList<Mime::AttachmentInfo> &attachments)
{
    m_raw = raw;
    m_attachments = attachments;
}

Status AttachmentActions::save(int index, const QString &path)
{
    if (index < 0 || index >= m_attachments.size())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no attachment %1").arg(index));
    const std::optional<QByteArray> content = Mime::extractPart(m_raw, m_attachments.at(index).partIndex);
    if (!content)
        return Error(ErrorCode::NotFound, QStringLiteral("part %1 not found").arg(m_attachments.at(index).partIndex));
    return AttachmentFiles::writeAtomically(path, *content);
}

Result<QStringList> AttachmentActions::saveAll(const QString &directory)
{
    const QDir dir(directory);
    if (directory.isEmpty() || !dir.exists())
        return Error(ErrorCode::NotFound, directory);
    QStringList written;
    for (const Mime::AttachmentInfo &info : std::as_const(m_attachments)) {
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

bool AttachmentActions::isRiskyToOpen(const Mime::AttachmentInfo &info, const QByteArray &content)
{
    return AttachmentFiles::isRiskyToOpen(info, content);
}

bool AttachmentActions::confirmOpening(const QString &name)
{
    if (m_confirmOpen)
        return m_confirmOpen(name);
    QMessageBox box(QMessageBox::Warning, tr("Open Program?"), tr("“%1” is a program or a script.").arg(name),
        QMessageBox::Cancel, m_dialogParent);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(tr("Opening it may run it, with access to your files and your mail. Open it only "
                              "if you trust the sender and expected this file."));
    QPushButton *open = box.addButton(tr("&Open Anyway"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == open;
}

Result<AttachmentActions::Opened> AttachmentActions::open(int index)
{
    if (index < 0 || index >= m_attachments.size())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no attachment %1").arg(index));
    const Mime::AttachmentInfo info = m_attachments.at(index);
    const std::optional<QByteArray> content = Mime::extractPart(m_raw, info.partIndex);
    if (!content)
        return Error(ErrorCode::NotFound, QStringLiteral("part %1 not found").arg(info.partIndex));

    if (info.mimeType == "message/rfc822" || info.mimeType == "message/global") {
        // A message: read here, in a window of its own, never by another program.
        Q_EMIT messageToRead(*content);
        return Opened::InReaderWindow;
    }

    const QString name = Mime::sanitizeFileName(info.fileName);
    if (isRiskyToOpen(info, *content) && !confirmOpening(name))
        return Error(ErrorCode::Cancelled, QStringLiteral("opening %1 declined").arg(name));

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

void AttachmentActions::noProgramFor(const QString &path)
{
    const auto [name, type] = m_openedFiles.take(path);
    QFile::remove(path);
    // Offer to save it while it is still the attachment shown.
    int index = -1;
    for (int i = 0; i < m_attachments.size(); ++i) {
        if (Mime::sanitizeFileName(m_attachments.at(i).fileName) == name && m_attachments.at(i).mimeType == type)
            index = i;
    }
    tellNoProgram(name, type, index);
}

void AttachmentActions::openWithErrors(int index)
{
    if (index < 0)
        return;
    const Result<Opened> opened = open(index);
    if (!opened) {
        if (opened.error().code != ErrorCode::Cancelled) {
            warn(tr("Could Not Open Attachment"),
                tr("The attachment could not be opened: %1").arg(opened.error().detail));
        }
        return;
    }
    if (*opened != Opened::NoProgram)
        return;
    const Mime::AttachmentInfo info = m_attachments.value(index);
    tellNoProgram(Mime::sanitizeFileName(info.fileName), info.mimeType, index);
}

void AttachmentActions::tellNoProgram(const QString &name, const QByteArray &mimeType, int index)
{
    // Not silent: say so, and offer what still works.
    // The name and the type are the sender's words: plain text.
    std::unique_ptr<QMessageBox> box(plainMessageBox(QMessageBox::Information, tr("No Program for This File"),
        tr("No program on this computer is set up to open “%1”.").arg(name),
        tr("Its type is %1. Save it, then open it with a program of your choice.").arg(QString::fromLatin1(mimeType)),
        QMessageBox::Close, m_dialogParent));
    box->setObjectName(QStringLiteral("noProgramMessage"));
    QPushButton *save = index >= 0 ? box->addButton(tr("Sa&ve…"), QMessageBox::AcceptRole) : nullptr;
    if (save)
        box->setDefaultButton(save);
    box->exec();
    if (save && box->clickedButton() == save)
        saveWithDialog(index);
}

void AttachmentActions::warn(const QString &title, const QString &text)
{
    // File names come from the sender: plain text.
    std::unique_ptr<QMessageBox> box(
        plainMessageBox(QMessageBox::Warning, title, text, {}, QMessageBox::Ok, m_dialogParent));
    box->exec();
}

void AttachmentActions::saveWithDialog(int index)
{
    if (index < 0 || index >= m_attachments.size())
        return;
    const QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Save Attachment"),
        QDir(lastSaveDirectory()).filePath(Mime::sanitizeFileName(m_attachments.at(index).fileName)));
    if (path.isEmpty())
        return;
    QSettings().setValue(kLastSaveDirKey, QFileInfo(path).absolutePath());
    const Status status = save(index, path);
    if (!status) {
        warn(tr("Could Not Save Attachment"),
            tr("“%1” could not be saved: %2").arg(QFileInfo(path).fileName(), status.error().detail));
    }
}

void AttachmentActions::saveAllWithDialog()
{
    if (m_attachments.isEmpty())
        return;
    const QString dir
        = QFileDialog::getExistingDirectory(m_dialogParent, tr("Save All Attachments"), lastSaveDirectory());
    if (dir.isEmpty())
        return;
    QSettings().setValue(kLastSaveDirKey, dir);
    const Result<QStringList> written = saveAll(dir);
    if (!written) {
        warn(tr("Could Not Save Attachments"),
            tr("The attachments could not all be saved in “%1”: %2")
                .arg(QDir::toNativeSeparators(dir), written.error().detail));
    }
}

}  // namespace Poplar::Ui
