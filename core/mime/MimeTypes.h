#pragma once

#include <QByteArray>
#include <QString>

// What a MIME type is called on disk.
namespace Mime {

// The usual file name extension (without the dot) of a lower-case
// "type/subtype", e.g. "pdf" for application/pdf; empty when there is none
// Poplar knows.
[[nodiscard]] QString extensionForType(const QByteArray &mimeType);

// The name of the `ordinal`-th (from 1) attachment that names itself
// nothing: "attachment-3", with the type's extension when it has one.
[[nodiscard]] QString fallbackFileName(int ordinal, const QByteArray &mimeType);

}  // namespace Mime
