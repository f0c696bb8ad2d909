#include "net/FakeTransport.h"

namespace Net {

namespace {
QPointer<FakeTransport> g_latest;
}

FakeTransport::FakeTransport(QObject *parent)
    : Transport(parent)
{
    g_latest = this;
}

FakeTransport::~FakeTransport() = default;

FakeTransport *FakeTransport::latest()
{
    return g_latest.data();
}

void FakeTransport::open(const TransportOptions &options)
{
    m_options = options;
}

void FakeTransport::startTls()
{
    m_tlsRequested = true;
}

void FakeTransport::write(const QByteArray &bytes)
{
    if (!m_open || m_aborted)
        return;
    m_written += bytes;
    m_allWritten += bytes;
}

QByteArray FakeTransport::readAll()
{
    ++m_reads;
    QByteArray out = std::exchange(m_inbox, QByteArray());
    if (takeIn() > 0)
        QMetaObject::invokeMethod(this, &Transport::readyRead, Qt::QueuedConnection);
    return out;
}

qint64 FakeTransport::takeIn()
{
    qint64 n = m_network.size();
    if (m_limit > 0)
        n = std::min<qint64>(n, std::max<qint64>(0, m_limit - m_inbox.size()));
    if (n <= 0)
        return 0;
    m_inbox += m_network.first(n);
    m_network.remove(0, n);
    return n;
}

void FakeTransport::close()
{
    m_closeRequested = true;
}

void FakeTransport::abort()
{
    m_aborted = true;
    m_open = false;
}

TlsInfo FakeTransport::tlsInfo() const
{
    TlsInfo info;
    info.encrypted = m_encrypted;
    if (m_encrypted) {
        info.protocol = QStringLiteral("TLSv1.3");
        info.cipher = QStringLiteral("FAKE");
    }
    return info;
}

void FakeTransport::serverAccepts()
{
    m_open = true;
    m_encrypted = m_options.implicitTls;
    Q_EMIT ready();
}

void FakeTransport::serverSends(const QByteArray &bytes)
{
    if (m_aborted)
        return;
    m_network += bytes;
    if (takeIn() > 0)
        Q_EMIT readyRead();
}

void FakeTransport::serverCompletesTls()
{
    m_encrypted = true;
    Q_EMIT encrypted();
}

void FakeTransport::serverCloses()
{
    if (m_aborted)
        return;
    m_open = false;
    Q_EMIT closed();
}

void FakeTransport::serverFails(const Poplar::Error &error)
{
    m_open = false;
    Q_EMIT failed(error);
}

void FakeTransport::serverPresentsCertificate(const CertificateProblem &problem)
{
    m_open = false;
    Q_EMIT certificateRejected(problem);
}

}  // namespace Net
