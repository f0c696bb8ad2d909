#include "desktop/SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>

#include <cerrno>
#include <sys/stat.h>
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

QString SingleInstance::socketDirectory()
{
    // $XDG_RUNTIME_DIR is the user's own (0700) by definition; without it,
    // the user's cache directory, never a shared one like /tmp.
    QString base = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (base.isEmpty() || !QDir::isAbsolutePath(base)) {
        base = qEnvironmentVariable("XDG_CACHE_HOME");
        if (base.isEmpty() || !QDir::isAbsolutePath(base))
            base = QDir::home().filePath(QStringLiteral(".cache"));
        if (!QDir().mkpath(base)) {
            qCWarning(lcSingleInstance) << "cannot create" << base;
            return {};
        }
    }
    const QString dir = QDir(base).filePath(QStringLiteral("poplar"));
    const QByteArray path = QFile::encodeName(dir);
    if (::mkdir(path.constData(), S_IRWXU) != 0 && errno != EEXIST) {
        qCWarning(lcSingleInstance) << "cannot create" << dir;
        return {};
    }
    // Whatever was there already must be this user's own directory (not a
    // link to one elsewhere), open to nobody else.
    struct stat st = {};
    if (::lstat(path.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) {
        qCWarning(lcSingleInstance) << dir << "is not a directory of this user's own; not using it";
        return {};
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0 && ::chmod(path.constData(), S_IRWXU) != 0) {
        qCWarning(lcSingleInstance) << "cannot make" << dir << "private";
        return {};
    }
    return dir;
}

QString SingleInstance::serverNameFor(const QString &profileDirectory)
{
    // The profile's canonical path: two profiles each get their own
    // instance (and each user has a directory of their own).
    const QString dir = socketDirectory();
    if (dir.isEmpty())
        return {};
    const QString path = QFileInfo(profileDirectory).canonicalFilePath().isEmpty()
        ? QDir::cleanPath(QFileInfo(profileDirectory).absoluteFilePath())
        : QFileInfo(profileDirectory).canonicalFilePath();
    const QByteArray hash = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QDir(dir).filePath(QStringLiteral("instance-%1").arg(QString::fromLatin1(hash)));
}

bool SingleInstance::activateRunningInstance(int timeoutMs)
{
    if (m_name.isEmpty()) {
        qCWarning(lcSingleInstance) << "no private directory for the instance socket; a second launch will open "
                                       "another window";
        return false;
    }
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
