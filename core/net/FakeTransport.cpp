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
    if (m_holdWrites) {
        m_unsent += bytes;
        m_maxUnsent = std::max(m_maxUnsent, m_unsent.size());
        return;
    }
    m_written += bytes;
    m_allWritten += bytes;
    if (m_listener)
        QMetaObject::invokeMethod(
            this, [this] { m_listener(); }, Qt::QueuedConnection);
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_open && !m_aborted)
                Q_EMIT bytesWritten();
        },
        Qt::QueuedConnection);
}

void FakeTransport::serverDrains(qint64 max)
{
    if (!m_open || m_aborted || m_unsent.isEmpty())
        return;
    const qsizetype n = max < 0 ? m_unsent.size() : std::min<qsizetype>(max, m_unsent.size());
    const QByteArray out = m_unsent.first(n);
    m_unsent.remove(0, n);
    m_written += out;
    m_allWritten += out;
    if (m_listener)
        QMetaObject::invokeMethod(
            this, [this] { m_listener(); }, Qt::QueuedConnection);
    Q_EMIT bytesWritten();
}

QByteArray FakeTransport::readAll()
{
    ++m_reads;
    QByteArray out = std::exchange(m_inbox, QByteArray());
    if (takeIn() > 0)
        QMetaObject::invokeMethod(this, &Transport::readyRead, Qt::QueuedConnection);
    if (m_peerClosing && m_network.isEmpty())
        QMetaObject::invokeMethod(this, &FakeTransport::closeIfDrained, Qt::QueuedConnection);
    return out;
}

qint64 FakeTransport::room() const
{
    // Without a limit, the source is pulled in pieces of a socket's size.
    const qint64 limit = m_limit > 0 ? m_limit : 64 * 1024;
    return std::max<qint64>(0, limit - m_inbox.size());
}

qint64 FakeTransport::takeIn()
{
    qint64 n = m_network.size();
    if (m_limit > 0)
        n = std::min<qint64>(n, std::max<qint64>(0, m_limit - m_inbox.size()));
    if (n > 0) {
        m_inbox += m_network.first(n);
        m_network.remove(0, n);
    }
    // The streaming server writes once what it sent before is in.
    qint64 pulled = 0;
    while (m_source && m_network.isEmpty() && m_open && room() > 0) {
        const QByteArray more = m_source(room());
        if (more.isEmpty())
            break;
        // A source that gives more than asked: the rest waits in the network.
        const qint64 fits = std::min<qint64>(more.size(), room());
        m_inbox += more.first(fits);
        m_network += more.sliced(fits);
        pulled += fits;
    }
    return std::max<qint64>(n, 0) + pulled;
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

void FakeTransport::serverStreams()
{
    if (m_aborted)
        return;
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
    m_peerClosing = true;
    closeIfDrained();
}

void FakeTransport::closeIfDrained()
{
    if (!m_peerClosing || !m_network.isEmpty() || !m_open || m_aborted)
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
