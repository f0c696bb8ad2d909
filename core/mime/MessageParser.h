#pragma once

#include "mime/ParsedMessage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// core_mime: GMime 3 behind one wrapper, in Qt types. Parses a message in
// memory or in a file, and hands out the decoded content of its parts.
namespace Mime {

// Parses a message held in memory. GMime reads the bytes in place; no copy
// of the message is made.
[[nodiscard]] ParsedMessage parseMessage(QByteArrayView raw, ParseDepth depth = ParseDepth::Full);
// Parses a message file without loading it into memory (memory-mapped).
[[nodiscard]] ParsedMessage parseMessageFile(const QString &path, ParseDepth depth = ParseDepth::Full);

// The decoded content of the leaf part with this index (see AttachmentInfo).
[[nodiscard]] std::optional<QByteArray> extractPart(QByteArrayView raw, int partIndex);

// The decoded contents of several leaf parts from one parse; indexes that
// name no part are left out.
[[nodiscard]] QHash<int, QByteArray> extractParts(QByteArrayView raw, const QList<int> &partIndexes);

struct InlinePart {
    QByteArray mimeType;
    QByteArray data;
};
// The part a "cid:" URL names (as contentIdMatches() reads it), decoded.
[[nodiscard]] std::optional<InlinePart> partByContentId(QByteArrayView raw, QByteArrayView contentId);

}  // namespace Mime
