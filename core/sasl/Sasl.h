#pragma once

#include "common/Result.h"
#include "common/Secret.h"
#include "sasl/Mechanism.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <functional>
#include <memory>
#include <optional>

namespace Sasl {

// Client side of one SASL exchange (RFC 4422), without base64 or framing:
// the session decodes challenges and encodes responses.
class SaslClient
{
public:
    virtual ~SaslClient() = default;
    SaslClient(const SaslClient &) = delete;
    SaslClient &operator=(const SaslClient &) = delete;

    [[nodiscard]] virtual Mechanism mechanism() const = 0;
    // The initial response (RFC 4422 §3.3), or nullopt when the mechanism
    // starts with a server challenge.
    [[nodiscard]] virtual std::optional<QByteArray> initialResponse() { return std::nullopt; }
    // The answer to a server challenge. An error aborts the exchange.
    [[nodiscard]] virtual Poplar::Result<QByteArray> respond(const QByteArray &challenge) = 0;
    // Whether a server's success may be accepted now. SCRAM answers false
    // until the server signature has been verified (mutual authentication).
    [[nodiscard]] virtual bool mayAcceptSuccess() const { return true; }
    // For OAuth mechanisms: the server's error document, once sent.
    [[nodiscard]] virtual QByteArray serverErrorDetails() const { return {}; }

protected:
    SaslClient() = default;
};

struct SaslParameters {
    Credentials credentials;
    QString host;                                // for OAUTHBEARER
    quint16 port = 0;                            // for OAUTHBEARER
    std::function<QByteArray()> nonceGenerator;  // SCRAM client nonce (printable, no ',')
};

[[nodiscard]] std::unique_ptr<SaslClient> createSaslClient(Mechanism m, const SaslParameters &params);

// Building blocks, exposed for tests with published vectors.
namespace Scram {
// The fewest iterations accepted from a server (RFC 7677 §4 asks for 4096 at least).
constexpr int MinIterations = 4096;
[[nodiscard]] QByteArray hi(
    QCryptographicHash::Algorithm alg, const QByteArray &password, const QByteArray &salt, int iterations);
// RFC 5802 saslname: "=" → "=3D", "," → "=2C".
[[nodiscard]] QByteArray escapeSaslName(const QByteArray &name);
// SASLprep (RFC 4013) as far as it matters for passwords: non-ASCII spaces
// mapped to U+0020, "commonly mapped to nothing" characters removed, NFKC.
[[nodiscard]] QByteArray saslPrep(const QByteArray &utf8);
}  // namespace Scram

[[nodiscard]] QByteArray randomNonce();
// Compares without revealing where the first difference is.
[[nodiscard]] bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
// HMAC (RFC 2104) for MD5, SHA-1 and SHA-256, leaving no copy of the key behind.
[[nodiscard]] QByteArray hmac(QCryptographicHash::Algorithm alg, QByteArrayView key, QByteArrayView message);
// The MD5, SHA-1 or SHA-256 digest of secret data, leaving none of the data
// behind in the hash's state.
[[nodiscard]] QByteArray secretDigest(QCryptographicHash::Algorithm alg, QByteArrayView data);
using Poplar::wipe;

}  // namespace Sasl
