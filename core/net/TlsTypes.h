#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

namespace Net {

Q_NAMESPACE

// How the link to the server is secured.
enum class Security {
    ImplicitTls,  // TLS from the first byte (port 995); the default
    StartTls,     // plaintext, upgraded with STLS before anything else (port 110)
    None,         // plaintext throughout; only when the user chose it explicitly
};
Q_ENUM_NS(Security)

[[nodiscard]] QString securityName(Security s);  // "tls", "starttls", "none"
[[nodiscard]] std::optional<Security> securityFromName(const QString &name);

struct CertificateInfo {
    QString subject;
    QString issuer;
    QDateTime notBefore;
    QDateTime notAfter;
    QStringList subjectAlternativeNames;
    QByteArray sha256;  // raw digest of the DER encoding
    bool selfSigned = false;

    static CertificateInfo from(const QSslCertificate &cert);
    // "AB:CD:…" (upper-case hex, colon separated), the form users compare.
    [[nodiscard]] QString fingerprint() const;
};

// "AB:CD:…", "abcd…" or "sha256/AB:CD…" → the raw 32 bytes, or empty if malformed.
[[nodiscard]] QByteArray parseSha256Fingerprint(const QString &text);
[[nodiscard]] QString formatFingerprint(const QByteArray &sha256);

struct TlsInfo {
    bool encrypted = false;
    QString protocol;              // "TLSv1.3"
    QString cipher;                // "TLS_AES_256_GCM_SHA384"
    QList<CertificateInfo> chain;  // peer first
    bool trustedByPin = false;     // accepted because its fingerprint was pinned or accepted once

    [[nodiscard]] CertificateInfo peer() const { return chain.isEmpty() ? CertificateInfo() : chain.first(); }
};

// A certificate that the system's trust store does not vouch for.
struct CertificateProblem {
    enum class Kind {
        Untrusted,  // no pin for this account: the user decides
        Changed,    // a pin exists and this certificate is a different one
    };
    Kind kind = Kind::Untrusted;
    QList<CertificateInfo> chain;  // peer first
    QStringList errors;            // QSslError descriptions (for display)
    QList<int> errorCodes;         // QSslError::SslError values
    QByteArray sha256;             // of the peer certificate
    QByteArray pinnedSha256;       // the pin it was compared with (Changed)
    QString host;
    quint16 port = 0;
};

enum class CertificateDecision {
    Reject,
    AcceptOnce,  // this connection only
    Pin,         // trust this certificate for this account from now on
};
Q_ENUM_NS(CertificateDecision)

}  // namespace Net

Q_DECLARE_METATYPE(Net::CertificateProblem)
Q_DECLARE_METATYPE(Net::TlsInfo)
