#pragma once

#include "common/Result.h"
#include "mime/MimeMessage.h"

#include <QByteArray>
#include <QDir>
#include <QString>

// Attachments as files: names reserved without replacing anything, content
// written atomically, and the question whether opening one could run code.
namespace Poplar::Ui::AttachmentFiles {

// Reserves `name` in `dir`, or "name (2).ext", "name (3).ext" … when taken:
// the file is created exclusively, so an existing file is never replaced.
// The path reserved.
[[nodiscard]] Result<QString> reserveUniqueFile(const QDir &dir, const QString &name);

// Writes `data` to `path` through a temporary file renamed into place.
[[nodiscard]] Status writeAtomically(const QString &path, const QByteArray &data);

// Whether opening this attachment could run code: by its name, its declared
// type, or what its content is.
[[nodiscard]] bool isRiskyToOpen(const Mime::AttachmentInfo &info, const QByteArray &content = {});

}  // namespace Poplar::Ui::AttachmentFiles
