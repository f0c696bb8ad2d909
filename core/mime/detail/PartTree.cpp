#include "mime/detail/PartTree.h"

#include "mime/detail/GObjectPtr.h"
#include "mime/detail/Limits.h"

namespace Mime::Detail {

namespace {

bool isMultipartType(GMimeObject *object, const char *subtype)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    return type && g_mime_content_type_is_type(type, "multipart", subtype);
}

bool isBodyCandidate(GMimeObject *object, const char *subtype)
{
    if (!GMIME_IS_PART(object))
        return false;
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type || !g_mime_content_type_is_type(type, "text", subtype))
        return false;
    return !isAttachmentDisposition(object) && partFileName(object).isEmpty();
}

}  // namespace

QByteArray lowerMimeType(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type)
        return QByteArrayLiteral("application/octet-stream");
    GCharPtr mime(g_mime_content_type_get_mime_type(type));
    return mime ? QByteArray(mime.get()).toLower() : QByteArrayLiteral("application/octet-stream");
}

std::vector<Leaf> collectLeaves(GMimeMessage *message, WarningSink *sink)
{
    std::vector<Leaf> leaves;
    if (!message)
        return leaves;
    GMimeObject *root = g_mime_message_get_mime_part(message);
    if (!root)
        return leaves;
    struct Item {
        GMimeObject *object;
        int depth;
        bool inAlt;
    };
    std::vector<Item> stack { { root, 0, false } };
    bool seenAlternative = false;
    bool warnedDepth = false;
    while (!stack.empty()) {
        const Item item = stack.back();
        stack.pop_back();
        if (GMIME_IS_MULTIPART(item.object)) {
            const int depth = item.depth + 1;
            if (depth > kMaxMultipartDepth) {
                if (!warnedDepth) {
                    sink->add(
                        QStringLiteral("multipart nesting deeper than %1 levels was not read").arg(kMaxMultipartDepth));
                    warnedDepth = true;
                }
                continue;
            }
            bool inAlt = item.inAlt;
            if (!seenAlternative && isMultipartType(item.object, "alternative")) {
                seenAlternative = true;
                inAlt = true;
            }
            GMimeMultipart *multipart = GMIME_MULTIPART(item.object);
            for (int i = g_mime_multipart_get_count(multipart) - 1; i >= 0; --i) {
                if (GMimeObject *child = g_mime_multipart_get_part(multipart, i))
                    stack.push_back({ child, depth, inAlt });
            }
            continue;
        }
        leaves.push_back({ item.object, int(leaves.size()), item.inAlt });
    }
    return leaves;
}

bool isAttachmentDisposition(GMimeObject *object)
{
    GMimeContentDisposition *disposition = g_mime_object_get_content_disposition(object);
    return disposition && g_mime_content_disposition_is_attachment(disposition);
}

QString partFileName(GMimeObject *object)
{
    const char *name = g_mime_object_get_content_disposition_parameter(object, "filename");
    if (!name || !*name)
        name = g_mime_object_get_content_type_parameter(object, "name");
    return fromUtf8(name);
}

QByteArray partContentId(GMimeObject *object)
{
    if (const char *id = g_mime_object_get_content_id(object); id && *id)
        return QByteArray(id).trimmed();
    // GMime keeps no id when it cannot parse one; take the raw value.
    const char *raw = g_mime_object_get_header(object, "Content-Id");
    if (!raw)
        return {};
    QByteArray id = QByteArray(raw).trimmed();
    if (id.startsWith('<'))
        id.remove(0, 1);
    if (id.endsWith('>'))
        id.chop(1);
    return id.trimmed();
}

const Leaf *chooseBody(const std::vector<Leaf> &leaves, const char *subtype)
{
    const Leaf *first = nullptr;
    for (const Leaf &leaf : leaves) {
        if (!isBodyCandidate(leaf.object, subtype))
            continue;
        if (leaf.inFirstAlternative)
            return &leaf;
        if (!first)
            first = &leaf;
    }
    return first;
}

void readOutline(GMimeMessage *message, ParsedMessage *out)
{
    GMimeObject *root = message ? g_mime_message_get_mime_part(message) : nullptr;
    if (!root)
        return;
    auto lowerParameter = [](GMimeObject *object, const char *name) {
        const char *value = g_mime_object_get_content_type_parameter(object, name);
        return value ? QByteArray(value).trimmed().toLower() : QByteArray();
    };
    struct Item {
        GMimeObject *object;
        int depth;
    };
    std::vector<Item> stack { { root, 0 } };
    int leafIndex = 0;
    while (!stack.empty()) {
        const Item item = stack.back();
        stack.pop_back();
        PartNode node;
        node.depth = item.depth;
        node.mimeType = lowerMimeType(item.object);
        if (GMIME_IS_MULTIPART(item.object)) {
            if (item.depth + 1 > kMaxMultipartDepth)
                continue;
            node.protocol = lowerParameter(item.object, "protocol");
            out->structure.append(node);
            GMimeMultipart *multipart = GMIME_MULTIPART(item.object);
            for (int i = g_mime_multipart_get_count(multipart) - 1; i >= 0; --i) {
                if (GMimeObject *child = g_mime_multipart_get_part(multipart, i))
                    stack.push_back({ child, item.depth + 1 });
            }
            continue;
        }
        node.smimeType = lowerParameter(item.object, "smime-type");
        node.partIndex = leafIndex++;
        out->structure.append(node);
    }
}

}  // namespace Mime::Detail
