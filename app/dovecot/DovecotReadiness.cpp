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

bool waitForDovecotGreetings(QProcess &process, const QHostAddress &address, quint16 plainPort, quint16 tlsPort,
    const QString &certificatePath, int timeoutMs, QString *error)
{
    const QDeadlineTimer deadline(timeoutMs);
    auto exited = [&process]() { return process.state() == QProcess::NotRunning || process.waitForFinished(0); };
    auto exitedError = [&process]() {
        return QStringLiteral("dovecot exited during startup (exit code %1)").arg(process.exitCode());
    };

    // Reads one "+OK ..." line; polls so that a dying master is noticed.
    auto readGreeting = [&](QTcpSocket &socket, QByteArray *line) {
        while (!socket.canReadLine()) {
            if (deadline.hasExpired() || exited() || socket.state() != QAbstractSocket::ConnectedState)
                return false;
            socket.waitForReadyRead(50);
        }
        *line = socket.readLine();
        return line->startsWith("+OK");
    };

    bool plainReady = false;
    while (!plainReady) {
        if (exited()) {
            *error = exitedError();
            return false;
        }
        if (deadline.hasExpired()) {
            *error = QStringLiteral("timeout waiting for the greeting on the plain port %1").arg(plainPort);
            return false;
        }
        QTcpSocket socket;
        socket.connectToHost(address, plainPort);
        QByteArray line;
        if (socket.waitForConnected(500) && readGreeting(socket, &line)) {
            plainReady = true;
            socket.write("QUIT\r\n");
            socket.waitForBytesWritten(200);
        } else {
            QThread::msleep(20);
        }
    }

    if (!QSslSocket::supportsSsl()) {
        // No TLS backend: only check that the port accepts connections.
        QTcpSocket socket;
        socket.connectToHost(address, tlsPort);
        if (!socket.waitForConnected(int(std::clamp<qint64>(deadline.remainingTime(), 100, 2000)))) {
            *error = QStringLiteral("TLS port %1 does not accept connections").arg(tlsPort);
            return false;
        }
        return true;
    }

    const QList<QSslCertificate> ca = QSslCertificate::fromPath(certificatePath);
    QString lastTlsError;
    while (true) {
        if (exited()) {
            *error = exitedError();
            return false;
        }
        if (deadline.hasExpired()) {
            *error = QStringLiteral("timeout waiting for the greeting on the TLS port %1: %2")
                         .arg(tlsPort)
                         .arg(lastTlsError);
            return false;
        }
        QSslSocket socket;
        QSslConfiguration conf = socket.sslConfiguration();
        conf.addCaCertificates(ca);
        socket.setSslConfiguration(conf);
        // Verified against the address, as a client given that address does.
        socket.connectToHostEncrypted(address.toString(), tlsPort);
        QByteArray line;
        if (socket.waitForEncrypted(int(std::clamp<qint64>(deadline.remainingTime(), 100, 2000)))
            && readGreeting(socket, &line)) {
            socket.write("QUIT\r\n");
            socket.waitForBytesWritten(200);
            return true;
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

}  // namespace Poplar
