#pragma once

#include "mime/ParsedMessage.h"
#include "mime/detail/WarningSink.h"

#include <QByteArray>
#include <QString>

#include <gmime/gmime.h>

#include <vector>

// The MIME tree of a parsed message: its leaves in depth-first order (the
// order of AttachmentInfo::partIndex), which of them are the bodies, and
// what each part says of itself.
namespace Mime::Detail {

struct Leaf {
    GMimeObject *object = nullptr;
    int index = -1;
    bool inFirstAlternative = false;
};

// Lower-case "type/subtype" (application/octet-stream when there is none).
[[nodiscard]] QByteArray lowerMimeType(GMimeObject *object);

// Every leaf in depth-first order; multiparts deeper than kMaxMultipartDepth
// levels are not descended. Iterative, so hostile nesting cannot exhaust
// the stack.
[[nodiscard]] std::vector<Leaf> collectLeaves(GMimeMessage *message, WarningSink *sink);

// Content-Disposition: attachment.
[[nodiscard]] bool isAttachmentDisposition(GMimeObject *object);
// The file name the part gives itself (disposition filename, else type name), decoded.
[[nodiscard]] QString partFileName(GMimeObject *object);
// The Content-ID without angle brackets; empty if none.
[[nodiscard]] QByteArray partContentId(GMimeObject *object);

// The text/<subtype> body: the one in the first multipart/alternative, else
// the first inline one without a file name; null when there is none.
[[nodiscard]] const Leaf *chooseBody(const std::vector<Leaf> &leaves, const char *subtype);

// The MIME tree as PartNodes. Walks exactly as collectLeaves() does, so a
// leaf's partIndex is the one its AttachmentInfo carries.
void readOutline(GMimeMessage *message, ParsedMessage *out);

}  // namespace Mime::Detail
