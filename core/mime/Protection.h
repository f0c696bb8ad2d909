#pragma once

#include "mime/ParsedMessage.h"

#include <QList>
#include <QString>

// Encrypted and signed mail (OpenPGP and S/MIME), recognised from the MIME
// structure and from armour in the text. Poplar neither decrypts nor
// verifies: this says what a message is, so the reader can tell the user
// instead of showing "no text" or a block of armour.
namespace Mime {

enum class CryptoScheme {
    None,
    OpenPgp,  // RFC 3156 (multipart/encrypted, multipart/signed) or inline armour
    SMime,    // RFC 8551 (application/pkcs7-mime, multipart/signed with pkcs7-signature)
};

struct Protection {
    CryptoScheme encryptedWith = CryptoScheme::None;  // the content (or part of it) is encrypted
    CryptoScheme signedWith = CryptoScheme::None;     // carries a signature nobody checked
    // S/MIME signed-data ("opaque" signing): the text is inside the signature
    // container and cannot be shown without reading it.
    bool contentInsideSignature = false;
    bool inlinePgp = false;  // the armour is in the text body itself
    // Leaves that carry a signature or the PGP/MIME version part: machinery,
    // not attachments a user sent (AttachmentInfo::partIndex values).
    QList<int> signatureParts;

    [[nodiscard]] bool isEncrypted() const { return encryptedWith != CryptoScheme::None; }
    [[nodiscard]] bool isSigned() const { return signedWith != CryptoScheme::None; }
};

// Classifies a message from a full parse (ParsedMessage::structure and its
// text). Nothing inside an attached message counts.
[[nodiscard]] Protection protectionOf(const ParsedMessage &message);

// Text with inline OpenPGP armour made readable: a cleartext-signed block
// becomes its text (dash-escaping undone; the armour headers and the
// signature dropped), and each encrypted block becomes
// `encryptedReplacement`. Text outside the blocks stays as it is.
[[nodiscard]] QString readableInlinePgp(const QString &text, const QString &encryptedReplacement);

}  // namespace Mime
