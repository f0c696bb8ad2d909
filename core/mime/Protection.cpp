#include "mime/Protection.h"

#include <QStringList>
#include <QStringView>

namespace Mime {

namespace {

const QLatin1StringView kBeginMessage("-----BEGIN PGP MESSAGE-----");
const QLatin1StringView kEndMessage("-----END PGP MESSAGE-----");
const QLatin1StringView kBeginSigned("-----BEGIN PGP SIGNED MESSAGE-----");
const QLatin1StringView kBeginSignature("-----BEGIN PGP SIGNATURE-----");
const QLatin1StringView kEndSignature("-----END PGP SIGNATURE-----");

bool isPkcs7Mime(const QByteArray &type)
{
    return type == "application/pkcs7-mime" || type == "application/x-pkcs7-mime";
}

bool isPkcs7Signature(const QByteArray &type)
{
    return type == "application/pkcs7-signature" || type == "application/x-pkcs7-signature";
}

// An armour line: the marker alone on its line (trailing white space allowed).
bool isArmourLine(QStringView line, QLatin1StringView marker)
{
    return line.trimmed() == marker && line.startsWith(marker);
}

// "Hash: SHA256": a key of letters and digits, a colon and a space.
bool isArmourHeader(QStringView line)
{
    const qsizetype colon = line.indexOf(QLatin1String(": "));
    if (colon <= 0)
        return false;
    for (const QChar c : line.first(colon)) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('-')) || c.unicode() > 0x7f)
            return false;
    }
    return true;
}

}  // namespace

Protection protectionOf(const ParsedMessage &message)
{
    Protection p;
    const QList<PartNode> &nodes = message.structure;
    // The parent of each node: the nearest earlier node one level up.
    QList<qsizetype> parents(nodes.size(), -1);
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        for (qsizetype j = i - 1; j >= 0; --j) {
            if (nodes.at(j).depth == nodes.at(i).depth - 1) {
                parents[i] = j;
                break;
            }
        }
    }
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const PartNode &node = nodes.at(i);
        const PartNode *parent = parents.at(i) >= 0 ? &nodes.at(parents.at(i)) : nullptr;
        if (node.mimeType == "multipart/encrypted") {
            // RFC 3156 §4; an unknown protocol is still encrypted content.
            if (p.encryptedWith == CryptoScheme::None)
                p.encryptedWith = CryptoScheme::OpenPgp;
        } else if (node.mimeType == "multipart/signed") {
            const bool smime = isPkcs7Signature(node.protocol);
            if (p.signedWith == CryptoScheme::None || smime)
                p.signedWith = smime ? CryptoScheme::SMime : CryptoScheme::OpenPgp;
        } else if (isPkcs7Mime(node.mimeType)) {
            // RFC 8551 §3.2.2: without smime-type the container is most often
            // enveloped data (older agents left the parameter out).
            if (node.smimeType == "signed-data") {
                p.signedWith = CryptoScheme::SMime;
                p.contentInsideSignature = true;
            } else if (node.smimeType.isEmpty() || node.smimeType == "enveloped-data"
                || node.smimeType == "authenveloped-data") {
                p.encryptedWith = CryptoScheme::SMime;
            }
        }
        if (node.partIndex >= 0 && parent) {
            const bool signature = parent->mimeType == "multipart/signed"
                && (node.mimeType == "application/pgp-signature" || isPkcs7Signature(node.mimeType));
            const bool pgpVersion
                = parent->mimeType == "multipart/encrypted" && node.mimeType == "application/pgp-encrypted";
            if (signature || pgpVersion)
                p.signatureParts.append(node.partIndex);
        }
    }

    // Inline armour (RFC 4880 §6.2, §7), at the start of a line of the text.
    const QString text = message.plainText();
    if (text.contains(kBeginMessage) || text.contains(kBeginSigned)) {
        for (QStringView line : QStringView(text).split(QLatin1Char('\n'))) {
            if (isArmourLine(line, kBeginMessage)) {
                p.inlinePgp = true;
                if (p.encryptedWith == CryptoScheme::None)
                    p.encryptedWith = CryptoScheme::OpenPgp;
            } else if (isArmourLine(line, kBeginSigned)) {
                p.inlinePgp = true;
                if (p.signedWith == CryptoScheme::None)
                    p.signedWith = CryptoScheme::OpenPgp;
            }
        }
    }
    return p;
}

QString readableInlinePgp(const QString &text, const QString &encryptedReplacement)
{
    enum class State { Outside, SignedHeaders, SignedText, Signature, Encrypted };
    State state = State::Outside;
    QStringList out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        switch (state) {
        case State::Outside:
            if (isArmourLine(line, kBeginSigned)) {
                state = State::SignedHeaders;
            } else if (isArmourLine(line, kBeginMessage)) {
                state = State::Encrypted;
                out << encryptedReplacement;
            } else {
                out << line;
            }
            break;
        case State::SignedHeaders:
            // "Hash: SHA256" lines up to the first empty one. Anything else
            // is text already (broken armour hides nothing).
            if (line.trimmed().isEmpty()) {
                state = State::SignedText;
                break;
            }
            if (isArmourHeader(line))
                break;
            state = State::SignedText;
            [[fallthrough]];
        case State::SignedText:
            if (isArmourLine(line, kBeginSignature))
                state = State::Signature;
            else if (line.startsWith(QLatin1String("- ")))
                out << line.mid(2);  // dash-escaped (RFC 4880 §7.1)
            else
                out << line;
            break;
        case State::Signature:
            if (isArmourLine(line, kEndSignature))
                state = State::Outside;
            break;
        case State::Encrypted:
            if (isArmourLine(line, kEndMessage))
                state = State::Outside;
            break;
        }
    }
    return out.join(QLatin1Char('\n'));
}

}  // namespace Mime
