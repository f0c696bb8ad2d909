#include "DovecotReadiness.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStringList>
#include <QTcpSocket>
#include <QThread>

#include <algorithm>

namespace Poplar {

bool waitForDovecotGreetings(QProcess &process, const QHostAddress &address, const QList<GreetingCheck> &checks,
    const QString &certificatePath, int timeoutMs, QString *error)
{
    const QDeadlineTimer deadline(timeoutMs);
    auto exited = [&process]() { return process.state() == QProcess::NotRunning || process.waitForFinished(0); };
    auto exitedError = [&process]() {
        return QStringLiteral("dovecot exited during startup (exit code %1)").arg(process.exitCode());
    };

    // Reads the greeting's first line; polls so that a dying master is noticed.
    auto readGreeting = [&](QTcpSocket &socket, const QByteArray &prefix) {
        while (!socket.canReadLine()) {
            if (deadline.hasExpired() || exited() || socket.state() != QAbstractSocket::ConnectedState)
                return false;
            socket.waitForReadyRead(50);
        }
        return socket.readLine().startsWith(prefix);
    };
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(certificatePath);

    for (const GreetingCheck &check : checks) {
        if (check.tls && !QSslSocket::supportsSsl()) {
            // No TLS backend: only check that the port accepts connections.
            QTcpSocket socket;
            socket.connectToHost(address, check.port);
            if (!socket.waitForConnected(int(std::clamp<qint64>(deadline.remainingTime(), 100, 2000)))) {
                *error = QStringLiteral("TLS port %1 does not accept connections").arg(check.port);
                return false;
            }
            continue;
        }
        QString lastTlsError;
        while (true) {
            if (exited()) {
                *error = exitedError();
                return false;
            }
            if (deadline.hasExpired()) {
                *error = QStringLiteral("timeout waiting for the greeting on port %1 %2")
                             .arg(check.port)
                             .arg(lastTlsError);
                return false;
            }
            if (!check.tls) {
                QTcpSocket socket;
                socket.connectToHost(address, check.port);
                if (socket.waitForConnected(500) && readGreeting(socket, check.prefix)) {
                    socket.write("QUIT\r\n");
                    socket.waitForBytesWritten(200);
                    break;
                }
                QThread::msleep(20);
                continue;
            }
            QSslSocket socket;
            QSslConfiguration conf = socket.sslConfiguration();
            conf.addCaCertificates(ca);
            socket.setSslConfiguration(conf);
            // Verified against the address, as a client given that address does.
            socket.connectToHostEncrypted(address.toString(), check.port);
            if (socket.waitForEncrypted(int(std::clamp<qint64>(deadline.remainingTime(), 100, 2000)))
                && readGreeting(socket, check.prefix)) {
                socket.write("QUIT\r\n");
                socket.waitForBytesWritten(200);
                break;
            }
            const QList<QSslError> sslErrors = socket.sslHandshakeErrors();
            if (!sslErrors.isEmpty()) {
                // Certificate problems will not go away by retrying.
                QStringList texts;
                for (const QSslError &e : sslErrors)
                    texts.append(e.errorString());
                *error = QStringLiteral("TLS handshake with the generated certificate failed: %1")
                             .arg(texts.join(QStringLiteral("; ")));
                return false;
            }
            lastTlsError = socket.errorString();
            QThread::msleep(20);
        }
    }
    return true;
}

}  // namespace Poplar
