#include "net/TlsTypes.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace Net {

QString securityName(Security s)
{
    switch (s) {
    case Security::ImplicitTls: return QStringLiteral("tls");
    case Security::StartTls: return QStringLiteral("starttls");
    case Security::None: return QStringLiteral("none");
    }
    return {};
}

std::optional<Security> securityFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("tls") || n == QLatin1String("ssl") || n == QLatin1String("implicit"))
        return Security::ImplicitTls;
    if (n == QLatin1String("starttls") || n == QLatin1String("stls"))
        return Security::StartTls;
    if (n == QLatin1String("none") || n == QLatin1String("plain") || n == QLatin1String("insecure"))
        return Security::None;
    return std::nullopt;
}

CertificateInfo CertificateInfo::from(const QSslCertificate &cert)
{
    CertificateInfo info;
    info.subject = cert.subjectDisplayName();
    if (info.subject.isEmpty())
        info.subject = cert.subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "));
    info.issuer = cert.issuerDisplayName();
    info.notBefore = cert.effectiveDate();
    info.notAfter = cert.expiryDate();
    const auto alt = cert.subjectAlternativeNames();
    for (auto it = alt.cbegin(); it != alt.cend(); ++it)
        info.subjectAlternativeNames.append(it.value());
    info.sha256 = cert.digest(QCryptographicHash::Sha256);
    info.selfSigned = cert.isSelfSigned();
    return info;
}

QString CertificateInfo::fingerprint() const
{
    return formatFingerprint(sha256);
}

QString formatFingerprint(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

QByteArray parseSha256Fingerprint(const QString &text)
{
    QString t = text.trimmed();
    if (t.startsWith(QLatin1String("sha256/"), Qt::CaseInsensitive)
        || t.startsWith(QLatin1String("sha256:"), Qt::CaseInsensitive))
        t = t.mid(7);
    t.remove(QLatin1Char(':'));
    t.remove(QLatin1Char(' '));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (!hex.match(t).hasMatch())
        return {};
    return QByteArray::fromHex(t.toLatin1());
}

}  // namespace Net
