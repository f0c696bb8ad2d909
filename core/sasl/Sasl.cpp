#include "sasl/Sasl.h"

#include <QByteArrayList>
#include <QRandomGenerator>
#include <QString>

namespace Sasl {

using Poplar::Error;
using Poplar::ErrorCode;
using Poplar::Result;
using Poplar::Secret;

namespace {
constexpr qsizetype BlockSize = 64;  // MD5, SHA-1 and SHA-256
constexpr char Zeros[BlockSize] = {};

// The digest, leaving nothing of the input or the digest in the hash's state:
// QCryptographicHash keeps the last partial block of its input and its last
// result on the heap, never wiped. Hashing one block of zeros afterwards
// overwrites both.
QByteArray resultAndScrub(QCryptographicHash &h)
{
    QByteArray out = h.result();
    h.reset();
    h.addData(QByteArrayView(Zeros, BlockSize));
    (void)h.result();
    return out;
}
}  // namespace

QByteArray secretDigest(QCryptographicHash::Algorithm alg, QByteArrayView data)
{
    QCryptographicHash h(alg);
    h.addData(data);
    return resultAndScrub(h);
}

QByteArray hmac(QCryptographicHash::Algorithm alg, QByteArrayView key, QByteArrayView message)
{
    // RFC 2104, by hand rather than with QMessageAuthenticationCode, which
    // keeps copies of the key it never wipes.
    Secret k(QByteArray(BlockSize, '\0'));
    char *kd = k.data();
    if (key.size() > BlockSize) {
        const Secret hashed(secretDigest(alg, key));
        std::copy(hashed.view().begin(), hashed.view().end(), kd);
    } else {
        std::copy(key.begin(), key.end(), kd);
    }
    Secret pad(QByteArray(BlockSize, '\0'));
    char *pd = pad.data();
    for (qsizetype i = 0; i < BlockSize; ++i)
        pd[i] = static_cast<char>(kd[i] ^ 0x36);
    QCryptographicHash inner(alg);
    inner.addData(pad.view());
    inner.addData(message);
    const Secret innerDigest(resultAndScrub(inner));
    for (qsizetype i = 0; i < BlockSize; ++i)
        pd[i] = static_cast<char>(kd[i] ^ 0x5c);
    QCryptographicHash outer(alg);
    outer.addData(pad.view());
    outer.addData(innerDigest.view());
    return resultAndScrub(outer);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QByteArray randomNonce()
{
    QByteArray raw(24, Qt::Uninitialized);
    QRandomGenerator::system()->generate(
        reinterpret_cast<quint32 *>(raw.data()), reinterpret_cast<quint32 *>(raw.data() + raw.size()));
    return raw.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
}

namespace Scram {

QByteArray hi(QCryptographicHash::Algorithm alg, const QByteArray &password, const QByteArray &salt, int iterations)
{
    QByteArray first;
    first.reserve(salt.size() + 4);
    first += salt;
    first += QByteArrayView("\0\0\0\1", 4);
    Secret u(hmac(alg, password, first));
    QByteArray result(u.view().data(), u.size());
    for (int i = 1; i < iterations; ++i) {
        u = Secret(hmac(alg, password, u.view()));
        for (qsizetype k = 0; k < result.size(); ++k)
            result[k] = static_cast<char>(result.at(k) ^ u.view().at(k));
    }
    return result;
}

QByteArray escapeSaslName(const QByteArray &name)
{
    QByteArray out;
    out.reserve(name.size());
    for (char c : name) {
        if (c == '=')
            out += "=3D";
        else if (c == ',')
            out += "=2C";
        else
            out += c;
    }
    return out;
}

QByteArray saslPrep(const QByteArray &utf8)
{
    bool ascii = true;
    for (char c : utf8)
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) {
        // Nothing to map, and NFKC leaves ASCII alone.
        QByteArray copy(utf8.constData(), utf8.size());
        return copy;
    }
    QString in = QString::fromUtf8(utf8);
    QString mapped;
    mapped.reserve(in.size());  // no reallocation leaves a copy behind
    for (QChar c : std::as_const(in)) {
        const char16_t u = c.unicode();
        // RFC 3454 B.1: commonly mapped to nothing.
        if (u == 0x00ad || u == 0x034f || u == 0x1806 || (u >= 0x180b && u <= 0x180d) || (u >= 0x200b && u <= 0x200d)
            || u == 0x2060 || (u >= 0xfe00 && u <= 0xfe0f) || u == 0xfeff)
            continue;
        // C.1.2: non-ASCII space characters map to SPACE.
        if (u == 0x00a0 || u == 0x1680 || (u >= 0x2000 && u <= 0x200a) || u == 0x202f || u == 0x205f || u == 0x3000) {
            mapped += QLatin1Char(' ');
            continue;
        }
        mapped += c;
    }
    QString normalized = mapped.normalized(QString::NormalizationForm_KC);
    QByteArray out = normalized.toUtf8();
    wipe(in);
    wipe(mapped);
    wipe(normalized);
    return out;
}

}  // namespace Scram

namespace {

class PlainClient final : public SaslClient
{
public:
    explicit PlainClient(const Credentials &c)
    {
        const QByteArray authz = c.authorizationId.toUtf8();
        const QByteArray user = c.user.toUtf8();
        m_message = Secret::withCapacity(authz.size() + 1 + user.size() + 1 + c.secret.size());
        m_message.append(authz).append('\0').append(user).append('\0').append(c.secret.view());
    }
    Mechanism mechanism() const override { return Mechanism::Plain; }
    // PLAIN is one message: it goes either with AUTH or, when that line would
    // be too long, after the first (empty) challenge — the session sends it
    // then. Any further challenge is refused, so the secret goes out once.
    std::optional<QByteArray> initialResponse() override { return m_message.takeBytes(); }
    Result<QByteArray> respond(const QByteArray &) override
    {
        return Error(ErrorCode::ProtocolError, QStringLiteral("unexpected PLAIN challenge"));
    }

private:
    Secret m_message;
};

class LoginClient final : public SaslClient
{
public:
    explicit LoginClient(const Credentials &c)
        : m_user(c.user.toUtf8())
        , m_password(c.secret.clone())
    { }
    Mechanism mechanism() const override { return Mechanism::Login; }
    Result<QByteArray> respond(const QByteArray &) override
    {
        // Servers send "Username:" and "Password:" prompts; some send other
        // words, so the order decides, not the prompt text.
        switch (m_step++) {
        case 0: return m_user;
        case 1: return m_password.takeBytes();
        default: return Error(ErrorCode::ProtocolError, QStringLiteral("unexpected LOGIN challenge"));
        }
    }

private:
    QByteArray m_user;
    Secret m_password;
    int m_step = 0;
};

class CramMd5Client final : public SaslClient
{
public:
    explicit CramMd5Client(const Credentials &c)
        : m_user(c.user.toUtf8())
        , m_password(c.secret.clone())
    { }
    Mechanism mechanism() const override { return Mechanism::CramMd5; }
    Result<QByteArray> respond(const QByteArray &challenge) override
    {
        if (m_done)
            return Error(ErrorCode::ProtocolError, QStringLiteral("unexpected CRAM-MD5 challenge"));
        m_done = true;
        if (challenge.isEmpty())
            return Error(ErrorCode::ProtocolError, QStringLiteral("empty CRAM-MD5 challenge"));
        const QByteArray digest = hmac(QCryptographicHash::Md5, m_password.view(), challenge).toHex();
        m_password.clear();
        return QByteArray(m_user + ' ' + digest);
    }

private:
    QByteArray m_user;
    Secret m_password;
    bool m_done = false;
};

class XOAuth2Client final : public SaslClient
{
public:
    explicit XOAuth2Client(const Credentials &c)
    {
        const QByteArray user = c.user.toUtf8();
        m_message = Secret::withCapacity(5 + user.size() + 13 + c.secret.size() + 2);
        m_message.append("user=")
            .append(user)
            .append("\x01"
                    "auth=Bearer ")
            .append(c.secret.view())
            .append("\x01\x01");
    }
    Mechanism mechanism() const override { return Mechanism::XOAuth2; }
    // Two-step form: "AUTH XOAUTH2", then the token after the empty challenge.
    Result<QByteArray> respond(const QByteArray &challenge) override
    {
        if (m_step++ == 0)
            return m_message.takeBytes();
        // An error document (JSON); answer with an empty response so the
        // server finishes with -ERR.
        m_errorDetails = challenge.left(2048);
        return QByteArray();
    }
    QByteArray serverErrorDetails() const override { return m_errorDetails; }

private:
    Secret m_message;
    QByteArray m_errorDetails;
    int m_step = 0;
};

class OAuthBearerClient final : public SaslClient
{
public:
    OAuthBearerClient(const Credentials &c, const QString &host, quint16 port)
    {
        QByteArray head = "n,a=" + Scram::escapeSaslName(c.user.toUtf8()) + ",\x01";
        if (!host.isEmpty())
            head += "host=" + host.toUtf8() + '\x01';
        if (port)
            head += "port=" + QByteArray::number(port) + '\x01';
        // The token goes into a buffer of the final size: no reallocation
        // leaves a copy of it behind.
        m_message = Secret::withCapacity(head.size() + 12 + c.secret.size() + 2);
        m_message.append(head).append("auth=Bearer ").append(c.secret.view()).append("\x01\x01");
    }
    Mechanism mechanism() const override { return Mechanism::OAuthBearer; }
    std::optional<QByteArray> initialResponse() override { return m_message.takeBytes(); }
    Result<QByteArray> respond(const QByteArray &challenge) override
    {
        // RFC 7628 §3.2.3: the server's error; the client answers with ^A.
        if (m_step++ > 0)
            return Error(ErrorCode::ProtocolError, QStringLiteral("unexpected OAUTHBEARER challenge"));
        m_errorDetails = challenge.left(2048);
        return QByteArray("\x01");
    }
    QByteArray serverErrorDetails() const override { return m_errorDetails; }

private:
    Secret m_message;
    QByteArray m_errorDetails;
    int m_step = 0;
};

class ScramClient final : public SaslClient
{
public:
    ScramClient(Mechanism m, const Credentials &c, const QByteArray &nonce)
        : m_mechanism(m)
        , m_alg(m == Mechanism::ScramSha256 ? QCryptographicHash::Sha256 : QCryptographicHash::Sha1)
        , m_password(Scram::saslPrep(c.secret.expose()))
        , m_nonce(nonce)
    {
        m_gs2Header = c.authorizationId.isEmpty()
            ? QByteArray("n,,")
            : "n,a=" + Scram::escapeSaslName(Scram::saslPrep(c.authorizationId.toUtf8())) + ',';
        m_clientFirstBare = "n=" + Scram::escapeSaslName(Scram::saslPrep(c.user.toUtf8())) + ",r=" + m_nonce;
    }
    Mechanism mechanism() const override { return m_mechanism; }
    std::optional<QByteArray> initialResponse() override { return m_gs2Header + m_clientFirstBare; }

    Result<QByteArray> respond(const QByteArray &challenge) override
    {
        switch (m_step++) {
        case 0: return clientFinal(challenge);
        case 1: return verifyServerFinal(challenge);
        default: return Error(ErrorCode::ProtocolError, QStringLiteral("unexpected SCRAM challenge"));
        }
    }
    bool mayAcceptSuccess() const override { return m_verified; }

private:
    static QByteArray attribute(const QByteArray &message, char name)
    {
        for (const QByteArray &part : message.split(',')) {
            if (part.size() >= 2 && part.at(0) == name && part.at(1) == '=')
                return part.mid(2);
        }
        return {};
    }

    Result<QByteArray> clientFinal(const QByteArray &serverFirst)
    {
        if (serverFirst.startsWith("m="))
            return Error(ErrorCode::AuthMechanismUnavailable, QStringLiteral("SCRAM extension required by server"));
        const QByteArray nonce = attribute(serverFirst, 'r');
        const QByteArray salt = QByteArray::fromBase64(attribute(serverFirst, 's'));
        bool ok = false;
        const int iterations = attribute(serverFirst, 'i').toInt(&ok);
        if (!nonce.startsWith(m_nonce) || nonce.size() <= m_nonce.size())
            return Error(ErrorCode::ServerSignatureInvalid, QStringLiteral("SCRAM server nonce does not extend ours"));
        if (salt.isEmpty() || !ok || iterations < 1)
            return Error(ErrorCode::ProtocolError, QStringLiteral("malformed SCRAM server-first message"));
        // RFC 5802 §5.1 / RFC 7677 §4: fewer than 4096 rounds make the
        // proof cheap to attack offline; refuse before computing any proof.
        if (iterations < Scram::MinIterations)
            return Error(ErrorCode::AuthTooWeak,
                QStringLiteral("SCRAM iteration count %1 is below %2").arg(iterations).arg(Scram::MinIterations));
        // Bound the work a hostile server can make us do.
        if (iterations > 1'000'000)
            return Error(ErrorCode::ProtocolError, QStringLiteral("SCRAM iteration count too large"));

        m_saltedPassword = Secret(Scram::hi(m_alg, m_password.expose(), salt, iterations));
        m_password.clear();
        const Secret clientKey(hmac(m_alg, m_saltedPassword.view(), "Client Key"));
        const Secret storedKey(secretDigest(m_alg, clientKey.view()));
        const QByteArray withoutProof = "c=" + m_gs2Header.toBase64() + ",r=" + nonce;
        m_authMessage = m_clientFirstBare + ',' + serverFirst + ',' + withoutProof;
        const Secret clientSignature(hmac(m_alg, storedKey.view(), m_authMessage));
        Secret proof = clientKey.clone();
        char *p = proof.data();
        for (qsizetype i = 0; i < proof.size(); ++i)
            p[i] = static_cast<char>(p[i] ^ clientSignature.view().at(i));
        return QByteArray(withoutProof + ",p=" + proof.expose().toBase64());
    }

    Result<QByteArray> verifyServerFinal(const QByteArray &serverFinal)
    {
        const QByteArray e = attribute(serverFinal, 'e');
        if (!e.isEmpty()) {
            Error err(ErrorCode::AuthFailed, QStringLiteral("SCRAM server error"));
            err.serverText = Poplar::ServerText(e);
            return err;
        }
        const Secret serverKey(hmac(m_alg, m_saltedPassword.view(), "Server Key"));
        const QByteArray expected = hmac(m_alg, serverKey.view(), m_authMessage);
        m_saltedPassword.clear();
        if (!constantTimeEquals(QByteArray::fromBase64(attribute(serverFinal, 'v')), expected))
            return Error(ErrorCode::ServerSignatureInvalid, QStringLiteral("SCRAM server signature mismatch"));
        m_verified = true;
        return QByteArray();
    }

    Mechanism m_mechanism;
    QCryptographicHash::Algorithm m_alg;
    Secret m_password;
    QByteArray m_nonce;
    QByteArray m_gs2Header;
    QByteArray m_clientFirstBare;
    Secret m_saltedPassword;
    QByteArray m_authMessage;
    int m_step = 0;
    bool m_verified = false;
};

}  // namespace

std::unique_ptr<SaslClient> createSaslClient(Mechanism m, const SaslParameters &p)
{
    switch (m) {
    case Mechanism::Plain: return std::make_unique<PlainClient>(p.credentials);
    case Mechanism::Login: return std::make_unique<LoginClient>(p.credentials);
    case Mechanism::CramMd5: return std::make_unique<CramMd5Client>(p.credentials);
    case Mechanism::XOAuth2: return std::make_unique<XOAuth2Client>(p.credentials);
    case Mechanism::OAuthBearer: return std::make_unique<OAuthBearerClient>(p.credentials, p.host, p.port);
    case Mechanism::ScramSha1:
    case Mechanism::ScramSha256:
        return std::make_unique<ScramClient>(m, p.credentials, p.nonceGenerator ? p.nonceGenerator() : randomNonce());
    default: return nullptr;
    }
}

}  // namespace Sasl
