#include "widgets/AttachmentFiles.h"

#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QSaveFile>
#include <QStringList>

namespace Poplar::Ui::AttachmentFiles {

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

bool isRiskyToOpen(const Mime::AttachmentInfo &info, const QByteArray &content)
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

}  // namespace Poplar::Ui::AttachmentFiles
