#pragma once

#include "common/Result.h"
#include "mime/ParsedMessage.h"

#include <QByteArray>
#include <QDir>
#include <QString>

// Attachments as files: content written atomically to a path the user chose,
// and the question whether opening one could run code. (New files under a
// name of their own: Poplar::NewFile.)
namespace Poplar::Ui::AttachmentFiles {

// Writes `data` to `path` through a temporary file renamed into place.
[[nodiscard]] Status writeAtomically(const QString &path, const QByteArray &data);

// Whether opening this attachment could run code: by its name, its declared
// type, or what its content is.
[[nodiscard]] bool isRiskyToOpen(const Mime::AttachmentInfo &info, const QByteArray &content = {});

}  // namespace Poplar::Ui::AttachmentFiles
