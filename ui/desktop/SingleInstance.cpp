#include "desktop/SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcSingleInstance, "poplar.desktop")

namespace Poplar::Ui {

namespace {

constexpr char kActivate[] = "activate\n";

}  // namespace

SingleInstance::SingleInstance(const QString &profileDirectory, QObject *parent)
    : QObject(parent)
    , m_name(serverNameFor(profileDirectory))
{ }

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverNameFor(const QString &profileDirectory)
{
    // The user's id and the profile's canonical path: two profiles (or two
    // users) each get their own instance.
    const QString path = QFileInfo(profileDirectory).canonicalFilePath().isEmpty()
        ? QDir::cleanPath(QFileInfo(profileDirectory).absoluteFilePath())
        : QFileInfo(profileDirectory).canonicalFilePath();
    const QByteArray hash = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("poplar-%1-%2").arg(::getuid()).arg(QString::fromLatin1(hash));
}

bool SingleInstance::activateRunningInstance(int timeoutMs)
{
    auto askToShow = [&] {
        QLocalSocket socket;
        socket.connectToServer(m_name);
        if (!socket.waitForConnected(timeoutMs))
            return false;
        socket.write(kActivate);
        socket.waitForBytesWritten(timeoutMs);
        // Wait for the answer so the request is not lost when this process exits.
        socket.waitForReadyRead(timeoutMs);
        qCInfo(lcSingleInstance) << "another instance runs with this profile; asked it to show itself";
        return true;
    };
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (askToShow())
            return true;
        if (listen())
            return false;
        // Listening failed: another instance may have begun listening just
        // now (ask it), or a crashed one left its socket file (take it over).
        if (askToShow())
            return true;
        QLocalServer::removeServer(m_name);
    }
    qCWarning(lcSingleInstance) << "cannot listen on" << m_name << "- a second launch will open another window";
    return false;
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

bool SingleInstance::listen()
{
    if (!m_server) {
        m_server = new QLocalServer(this);
        m_server->setSocketOptions(QLocalServer::UserAccessOption);
        connect(m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *socket = m_server->nextPendingConnection()) {
                connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                    if (!socket->canReadLine())
                        return;
                    const QByteArray line = socket->readLine(64);
                    if (line == kActivate) {
                        qCInfo(lcSingleInstance) << "a second launch asked this instance to show itself";
                        Q_EMIT activationRequested();
                    }
                    socket->write("ok\n");
                    socket->disconnectFromServer();
                });
            }
        });
    }
    return m_server->listen(m_name);
}

}  // namespace Poplar::Ui
