#include "DovecotServer.h"

#include "DovecotConfig.h"
#include "DovecotReadiness.h"
#include "DovecotShutdown.h"
#include "ListenSocket.h"
#include "Maildir.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSet>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Poplar {

namespace {

constexpr int kStartTimeoutMs = 10000;
constexpr int kProcessToolTimeoutMs = 15000;

QString fromLocal(const char *s)
{
    return s ? QString::fromLocal8Bit(s) : QString();
}

QString readTextFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

bool writeFile(const QString &path, const QByteArray &data, QFile::Permissions permissions, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    if (!QFile::setPermissions(path, permissions)) {
        if (error)
            *error = QStringLiteral("cannot chmod %1").arg(path);
        return false;
    }
    return true;
}

bool isValidUserName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64 || name.startsWith(QLatin1Char('.')))
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'.'
            || u == u'_' || u == u'-' || u == u'+' || u == u'@';
        if (!ok)
            return false;
    }
    return true;
}

bool isValidPassword(const QString &password)
{
    if (password.isEmpty())
        return false;
    for (const QChar c : password) {
        if (c == QLatin1Char(':') || c == QLatin1Char('\r') || c == QLatin1Char('\n') || c.unicode() == 0)
            return false;
    }
    return true;
}

bool runTool(const QString &program, const QStringList &args, QString *error)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(kProcessToolTimeoutMs)) {
        *error = QStringLiteral("cannot run %1: %2").arg(program, p.errorString());
        return false;
    }
    if (!p.waitForFinished(kProcessToolTimeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("%1 %2 failed: %3")
                     .arg(program, args.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAll()));
        p.kill();
        p.waitForFinished(1000);
        return false;
    }
    return true;
}

QString findExecutable(const QString &name)
{
    const QStringList sbin { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"), QStringLiteral("/sbin") };
    QString path = QStandardPaths::findExecutable(name, sbin);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name);
    return path;
}

// Everything on the path must be traversable by "others" when Dovecot's
// unprivileged users have to reach files below it.
bool traversableByOthers(const QString &dir)
{
    QString p = QDir(dir).absolutePath();
    while (!p.isEmpty()) {
        struct stat st {
        };
        if (::stat(QFile::encodeName(p).constData(), &st) != 0 || (st.st_mode & S_IXOTH) == 0)
            return false;
        if (p == QLatin1String("/"))
            break;
        p = QFileInfo(p).absolutePath();
    }
    return true;
}

}  // namespace

DovecotServer::DovecotServer()
{
    m_asRoot = ::geteuid() == 0;
    if (m_asRoot) {
        m_loginUser = QStringLiteral("dovenull");
        m_internalUser = QStringLiteral("dovecot");
        m_mailUid = 65534;
        m_mailGid = 65534;
        if (const passwd *pw = ::getpwnam("nobody")) {
            m_mailUid = pw->pw_uid;
            m_mailGid = pw->pw_gid;
        }
    } else {
        m_mailUid = ::geteuid();
        m_mailGid = ::getegid();
        const passwd *pw = ::getpwuid(m_mailUid);
        m_loginUser = m_internalUser = pw ? fromLocal(pw->pw_name) : QString();
        const group *gr = ::getgrgid(m_mailGid);
        m_internalGroup = gr ? fromLocal(gr->gr_name) : QString();
    }
    m_instanceName = QStringLiteral("poplar-%1")
                         .arg(QRandomGenerator::global()->generate64() & 0xffffffffffffULL, 12, 16, QLatin1Char('0'));
    m_users.append({ QStringLiteral("alice"), QStringLiteral("S3cret!p@ss#%&x") });
}

DovecotServer::~DovecotServer()
{
    stop();
}

QString DovecotServer::fail(QString *error, const QString &what) const
{
    if (error) {
        QString text = what;
        const QString log = logContents();
        if (!log.isEmpty())
            text += QStringLiteral("\n--- dovecot log ---\n") + log;
        *error = text;
    }
    return what;
}

bool DovecotServer::ensureDirectory(QString *error)
{
    if (m_dir)
        return true;
    QString base = QDir::tempPath();
    if (m_asRoot && !traversableByOthers(base))
        base = QStringLiteral("/tmp");
    auto dir = std::make_unique<QTemporaryDir>(base + QStringLiteral("/poplar-dovecot-XXXXXX"));
    if (!dir->isValid()) {
        if (error)
            *error = QStringLiteral("cannot create temporary directory: %1").arg(dir->errorString());
        return false;
    }
    const QString path = dir->path();
    // 0711: Dovecot's unprivileged processes must traverse it (root case).
    const mode_t mode = m_asRoot ? 0711 : 0700;
    ::chmod(QFile::encodeName(path).constData(), mode);
    for (const char *sub : { "run", "state", "mail" }) {
        const QString p = path + QLatin1Char('/') + QLatin1String(sub);
        if (!QDir().mkpath(p)) {
            if (error)
                *error = QStringLiteral("cannot create %1").arg(p);
            return false;
        }
        // base_dir must be world-readable or Dovecot "fixes" it with a warning.
        ::chmod(QFile::encodeName(p).constData(), qstrcmp(sub, "run") == 0 ? 0755 : mode);
    }
    m_dir = std::move(dir);
    for (const User &u : std::as_const(m_users)) {
        if (!createMaildir(u.name, error))
            return false;
    }
    return true;
}

bool DovecotServer::createMaildir(const QString &user, QString *error)
{
    const QString home = m_dir->path() + QStringLiteral("/mail/") + user;
    const QStringList dirs { home, home + QStringLiteral("/Maildir"), home + QStringLiteral("/Maildir/cur"),
        home + QStringLiteral("/Maildir/new"), home + QStringLiteral("/Maildir/tmp") };
    for (const QString &d : dirs) {
        if (!QDir().mkpath(d)) {
            if (error)
                *error = QStringLiteral("cannot create %1").arg(d);
            return false;
        }
        const QByteArray native = QFile::encodeName(d);
        ::chmod(native.constData(), 0700);
        if (m_asRoot && ::chown(native.constData(), m_mailUid, m_mailGid) != 0) {
            if (error)
                *error = QStringLiteral("chown %1: %2").arg(d, fromLocal(strerror(errno)));
            return false;
        }
    }
    return true;
}

bool DovecotServer::writePasswdFile(QString *error)
{
    QByteArray data;
    for (const User &u : std::as_const(m_users)) {
        // user:password:uid:gid:(gecos):home:(shell):extra
        data += u.name.toUtf8() + ":{PLAIN}" + u.password.toUtf8() + ':' + QByteArray::number(m_mailUid) + ':'
            + QByteArray::number(m_mailGid)
            + "::" + QFile::encodeName(m_dir->path() + QStringLiteral("/mail/") + u.name) + "::\n";
    }
    // As root the auth process runs as "dovecot" and must read the file.
    const QFile::Permissions perms = m_asRoot
        ? (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther)
        : (QFile::ReadOwner | QFile::WriteOwner);
    return writeFile(m_dir->path() + QStringLiteral("/passwd"), data, perms, error);
}

bool DovecotServer::generateCertificate(QString *error)
{
    if (m_certificateReady)
        return true;
    const QString openssl = findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        *error = QStringLiteral("openssl executable not found");
        return false;
    }
    const QString dir = m_dir->path();
    // EC P-256: key generation is instantaneous (RSA 2048 costs ~0.1-1 s).
    if (!runTool(openssl,
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                QStringLiteral("-days"), QStringLiteral("3650"), QStringLiteral("-subj"),
                QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                QStringLiteral("subjectAltName=DNS:localhost,IP:%1").arg(m_listenAddress.toString()),
                QStringLiteral("-keyout"), dir + QStringLiteral("/key.pem"), QStringLiteral("-out"),
                dir + QStringLiteral("/cert.pem") },
            error))
        return false;
    // Fixed RFC 7919 group: instant, and lets DHE cipher suites work too.
    if (!runTool(openssl,
            { QStringLiteral("genpkey"), QStringLiteral("-genparam"), QStringLiteral("-algorithm"),
                QStringLiteral("DH"), QStringLiteral("-pkeyopt"), QStringLiteral("group:ffdhe2048"),
                QStringLiteral("-out"), dir + QStringLiteral("/dh.pem") },
            error))
        return false;
    ::chmod(QFile::encodeName(dir + QStringLiteral("/key.pem")).constData(), 0600);
    QFile::setPermissions(
        dir + QStringLiteral("/cert.pem"), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    m_certificateReady = true;
    return true;
}

bool DovecotServer::addUser(const QString &name, const QString &password)
{
    if (!isValidUserName(name) || !isValidPassword(password) || findUser(name))
        return false;
    m_users.append({ name, password });
    QString error;
    bool ok = true;
    if (m_dir)
        ok = createMaildir(name, &error)
            && (!QFile::exists(m_dir->path() + QStringLiteral("/passwd")) || writePasswdFile(&error));
    if (!ok) {
        m_users.removeLast();
        qWarning("DovecotServer::addUser: %s", qPrintable(error));
        return false;
    }
    if (isRunning()) {
        // Dovecot stat()s the passwd-file at most once per wall-clock second
        // (db-passwd-file's last_sync_time == ioloop_time).  Wait for the
        // next second so that the very next login sees the new user.
        const qint64 ms = QDateTime::currentMSecsSinceEpoch() % 1000;
        QThread::msleep(static_cast<unsigned long>(1000 - ms + 20));
    }
    return true;
}

const DovecotServer::User *DovecotServer::findUser(const QString &name) const
{
    for (const User &u : m_users) {
        if (u.name == name)
            return &u;
    }
    return nullptr;
}

QString DovecotServer::resolveUser(const QString &user) const
{
    return user.isEmpty() ? m_users.constFirst().name : user;
}

void DovecotServer::closeListenSockets()
{
    if (m_plainFd >= 0)
        ::close(m_plainFd);
    if (m_tlsFd >= 0)
        ::close(m_tlsFd);
    if (m_submissionFd >= 0)
        ::close(m_submissionFd);
    if (m_submissionsFd >= 0)
        ::close(m_submissionsFd);
    m_plainFd = m_tlsFd = m_submissionFd = m_submissionsFd = -1;
}

bool DovecotServer::launch(bool socketActivation, QString *error)
{
    const QString dovecot = findExecutable(QStringLiteral("dovecot"));
    if (dovecot.isEmpty()) {
        *error = QStringLiteral("dovecot executable not found (install dovecot-core and dovecot-pop3d)");
        return false;
    }

    m_process = std::make_unique<QProcess>();
    // Output goes to a file, so a chatty master can never block on a full pipe
    // and nobody has to drain it.
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_dir->path() + QStringLiteral("/dovecot.stderr"), QIODevice::Append);
    m_process->setStandardInputFile(QProcess::nullDevice());

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *var : { "LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES", "NOTIFY_SOCKET" })
        env.remove(QLatin1String(var));

    // Runs in the forked child before exec: only async-signal-safe calls.
    //  - PR_SET_PDEATHSIG: if the test process dies (crash, SIGKILL, CI
    //    timeout) the master gets SIGTERM and takes its children down, so no
    //    Dovecot outlives its test.  (It fires when the *thread* that called
    //    start() exits; call start() from a thread that outlives the server.)
    //  - socket activation: move both sockets out of the way first, then onto
    //    fds 3 and 4 (SD_LISTEN_FDS_START); dup2() clears FD_CLOEXEC.
    const pid_t parentPid = ::getpid();
    //    (With submission, its two sockets follow on fds 5 and 6.)
    std::array<int, 4> fds { -1, -1, -1, -1 };
    int fdCount = 0;
    if (socketActivation) {
        for (int fd : { m_plainFd, m_tlsFd, m_submissionFd, m_submissionsFd }) {
            if (fd >= 0)
                fds[std::size_t(fdCount++)] = fd;
        }
    }
    m_process->setChildProcessModifier([parentPid, fds, fdCount]() {
        if (::prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || ::getppid() != parentPid)
            ::_exit(127);
        std::array<int, 4> moved { -1, -1, -1, -1 };
        for (int i = 0; i < fdCount; ++i) {
            moved[std::size_t(i)] = ::fcntl(fds[std::size_t(i)], F_DUPFD, 100);
            if (moved[std::size_t(i)] < 0)
                ::_exit(127);
        }
        for (int i = 0; i < fdCount; ++i) {
            if (::dup2(moved[std::size_t(i)], 3 + i) != 3 + i)
                ::_exit(127);
            ::close(moved[std::size_t(i)]);
        }
    });
    if (socketActivation) {
        env.insert(QStringLiteral("LISTEN_FDS"), QString::number(fdCount));
        m_process->setProgram(QStringLiteral("/bin/sh"));
        // $$ of the shell is dovecot's pid after exec.
        m_process->setArguments({ QStringLiteral("-c"),
            QStringLiteral("LISTEN_PID=$$; export LISTEN_PID; exec \"$0\" -F -c \"$1\""), dovecot, configPath() });
    } else {
        m_process->setProgram(dovecot);
        m_process->setArguments({ QStringLiteral("-F"), QStringLiteral("-c"), configPath() });
    }
    m_process->setProcessEnvironment(env);
    m_process->start();
    const bool started = m_process->waitForStarted(5000);
    // Dovecot holds its own copies now; ours are not needed any more.
    closeListenSockets();
    if (!started) {
        *error = QStringLiteral("cannot start dovecot: %1").arg(m_process->errorString());
        m_process.reset();
        return false;
    }
    return true;
}

bool DovecotServer::waitUntilReady(int timeoutMs, QString *error)
{
    QList<GreetingCheck> checks { { m_plainPort, false, "+OK" }, { m_tlsPort, true, "+OK" } };
    if (m_submission)
        checks += { { m_submissionPort, false, "220 " }, { m_submissionsPort, true, "220 " } };
    return waitForDovecotGreetings(*m_process, m_listenAddress, checks, certificatePath(), timeoutMs, error);
}

bool DovecotServer::start(QString *error)
{
    if (isRunning()) {
        fail(error, QStringLiteral("already running"));
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    QString err;
    if (m_loginUser.isEmpty() || m_internalUser.isEmpty() || (!m_asRoot && m_internalGroup.isEmpty())) {
        fail(error, QStringLiteral("cannot determine the user to run Dovecot as"));
        return false;
    }
    if (m_asRoot
        && (!::getpwnam(QFile::encodeName(m_loginUser).constData())
            || !::getpwnam(QFile::encodeName(m_internalUser).constData()))) {
        fail(error,
            QStringLiteral("system users %1/%2 missing (they come with dovecot-core)")
                .arg(m_loginUser, m_internalUser));
        return false;
    }
    if (!ensureDirectory(&err) || !generateCertificate(&err) || !writePasswdFile(&err)) {
        fail(error, err);
        return false;
    }

    // Attempt 0 uses socket activation (race-free).  Only if that Dovecot
    // turns out not to accept inherited sockets (EADDRINUSE) do we retry with
    // "probe a free port, close it, let Dovecot bind it".
    for (int attempt = 0; attempt < 3; ++attempt) {
        const bool activation = attempt == 0;
        closeListenSockets();
        m_plainFd = listenOnFreePort(m_listenAddress, &m_plainPort, &err);
        m_tlsFd = m_plainFd < 0 ? -1 : listenOnFreePort(m_listenAddress, &m_tlsPort, &err);
        if (m_submission && m_tlsFd >= 0) {
            m_submissionFd = listenOnFreePort(m_listenAddress, &m_submissionPort, &err);
            m_submissionsFd = m_submissionFd < 0 ? -1 : listenOnFreePort(m_listenAddress, &m_submissionsPort, &err);
        }
        if (m_plainFd < 0 || m_tlsFd < 0 || (m_submission && (m_submissionFd < 0 || m_submissionsFd < 0))) {
            closeListenSockets();
            fail(error, err);
            return false;
        }
        if (!activation)
            closeListenSockets();
        if ((m_submission && !startRelay(&err)) || !writeConfig(&err) || !launch(activation, &err)) {
            closeListenSockets();
            fail(error, err);
            return false;
        }
        if (waitUntilReady(kStartTimeoutMs, &err)) {
            m_startupMs = timer.elapsed();
            return true;
        }
        const bool portClash = logContents().contains(QLatin1String("Address already in use"));
        stop();
        if (!portClash || attempt == 2) {
            fail(error, err);
            return false;
        }
    }
    return false;
}

bool DovecotServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

quint16 DovecotServer::tlsPort() const
{
    return m_tlsPort;
}

quint16 DovecotServer::plainPort() const
{
    return m_plainPort;
}

bool DovecotServer::setListenAddress(const QHostAddress &address)
{
    bool ipv4 = false;
    address.toIPv4Address(&ipv4);
    if (isRunning() || !ipv4 || address == QHostAddress::AnyIPv4 || address == QHostAddress::Broadcast)
        return false;
    if (address != m_listenAddress)
        m_certificateReady = false;  // its subjectAltName names the old address
    m_listenAddress = address;
    return true;
}

QHostAddress DovecotServer::listenAddress() const
{
    return m_listenAddress;
}

QString DovecotServer::host() const
{
    return m_listenAddress.toString();
}

QString DovecotServer::certificatePath() const
{
    return m_dir ? m_dir->path() + QStringLiteral("/cert.pem") : QString();
}

QByteArray DovecotServer::certificatePem() const
{
    QFile f(certificatePath());
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString DovecotServer::userName() const
{
    return m_users.constFirst().name;
}

QString DovecotServer::password() const
{
    return m_users.constFirst().password;
}

QString DovecotServer::passwordFor(const QString &user) const
{
    const User *u = findUser(resolveUser(user));
    return u ? u->password : QString();
}

QString DovecotServer::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString DovecotServer::configPath() const
{
    return m_dir ? m_dir->path() + QStringLiteral("/dovecot.conf") : QString();
}

QString DovecotServer::instanceName() const
{
    return m_instanceName;
}

qint64 DovecotServer::processId() const
{
    return isRunning() ? m_process->processId() : 0;
}

qint64 DovecotServer::startupMilliseconds() const
{
    return m_startupMs;
}

QString DovecotServer::logContents() const
{
    if (!m_dir)
        return {};
    QString text = readTextFile(m_dir->path() + QStringLiteral("/dovecot.log"));
    const QString stderrText = readTextFile(m_dir->path() + QStringLiteral("/dovecot.stderr"));
    if (!stderrText.isEmpty())
        text += QStringLiteral("--- dovecot stdout/stderr ---\n") + stderrText;
    return text;
}

QString DovecotServer::maildirPath(const QString &user) const
{
    if (!m_dir && !const_cast<DovecotServer *>(this)->ensureDirectory(nullptr))
        return {};
    return m_dir->path() + QStringLiteral("/mail/") + resolveUser(user) + QStringLiteral("/Maildir");
}

bool DovecotServer::writeConfig(QString *error)
{
    DovecotConfig config;
    config.directory = m_dir->path();
    config.instanceName = m_instanceName;
    config.loginUser = m_loginUser;
    config.internalUser = m_internalUser;
    config.internalGroup = m_internalGroup;
    config.asRoot = m_asRoot;
    config.mailUid = m_mailUid;
    config.mailGid = m_mailGid;
    config.plainPort = m_plainPort;
    config.tlsPort = m_tlsPort;
    if (m_submission) {
        config.submissionPort = m_submissionPort;
        config.submissionsPort = m_submissionsPort;
        config.relayPort = m_relayPort;
    }
    config.listenAddress = m_listenAddress.toString();
    return writeFile(configPath(), config.text().toUtf8(), QFile::ReadOwner | QFile::WriteOwner, error);
}

void DovecotServer::stop()
{
    closeListenSockets();
    if (m_process) {
        shutDownDovecot(*m_process, m_instanceName, configPath());
        m_process.reset();
    }
    stopRelay();
}

bool DovecotServer::enableSubmission()
{
    if (isRunning())
        return false;
    m_submission = true;
    return true;
}

quint16 DovecotServer::submissionPort() const
{
    return m_submissionPort;
}

quint16 DovecotServer::submissionsPort() const
{
    return m_submissionsPort;
}

namespace {
// The relay's collector: SMTP on the inherited socket (fd 3), each message
// delivered into <root>/<local part>/Maildir as the mail user.
const char kRelayScript[] = R"PY(import asyncio, mailbox, os, socket, sys
from aiosmtpd.smtp import SMTP
root, uid, gid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sock = socket.socket(fileno=3)
if os.getuid() == 0:
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
def maildir(address):
    return os.path.join(root, address.split('@')[0], 'Maildir')
class Deliver:
    async def handle_RCPT(self, server, session, envelope, address, options):
        if not os.path.isdir(maildir(address)):
            return '550 5.1.1 no such user here'
        envelope.rcpt_tos.append(address)
        return '250 2.1.5 OK'
    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            mailbox.Maildir(maildir(rcpt), create=False).add(envelope.original_content)
        return '250 2.0.0 delivered'
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.run_until_complete(loop.create_server(
    lambda: SMTP(Deliver(), decode_data=False, enable_SMTPUTF8=True, hostname='relay.localhost'), sock=sock))
print('ready', flush=True)
loop.run_forever()
)PY";
}  // namespace

bool DovecotServer::startRelay(QString *error)
{
    stopRelay();
    // Debian's own Python, the one python3-aiosmtpd is installed for (a
    // python3 earlier in PATH may be another installation without it).
    const QString python = QFileInfo::exists(QStringLiteral("/usr/bin/python3"))
        ? QStringLiteral("/usr/bin/python3")
        : findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        *error = QStringLiteral("python3 not found (install python3-aiosmtpd)");
        return false;
    }
    const QString script = m_dir->path() + QStringLiteral("/relay.py");
    if (!writeFile(script, QByteArray(kRelayScript), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther, error))
        return false;
    const int fd = listenOnFreePort(m_listenAddress, &m_relayPort, error);
    if (fd < 0)
        return false;
    m_relay = std::make_unique<QProcess>();
    m_relay->setProcessChannelMode(QProcess::MergedChannels);
    m_relay->setStandardInputFile(QProcess::nullDevice());
    const pid_t parentPid = ::getpid();
    m_relay->setChildProcessModifier([parentPid, fd]() {
        if (::prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || ::getppid() != parentPid)
            ::_exit(127);
        // Through a high fd first: dup2(3, 3) would keep close-on-exec.
        const int moved = ::fcntl(fd, F_DUPFD, 100);
        if (moved < 0 || ::dup2(moved, 3) != 3)
            ::_exit(127);
        ::close(moved);
    });
    m_relay->setProgram(python);
    m_relay->setArguments({ script, m_dir->path() + QStringLiteral("/mail"), QString::number(m_mailUid),
        QString::number(m_mailGid) });
    m_relay->start();
    const bool started = m_relay->waitForStarted(5000);
    ::close(fd);
    QByteArray output;
    QDeadlineTimer deadline(10'000);
    while (started && !output.contains("ready") && !deadline.hasExpired()
        && m_relay->state() == QProcess::Running) {
        m_relay->waitForReadyRead(100);
        output += m_relay->readAll();
    }
    if (!output.contains("ready")) {
        output += m_relay->readAll();
        *error = QStringLiteral("the submission relay did not start: %1").arg(QString::fromUtf8(output));
        stopRelay();
        return false;
    }
    return true;
}

void DovecotServer::stopRelay()
{
    if (!m_relay)
        return;
    m_relay->kill();
    m_relay->waitForFinished(5000);
    m_relay.reset();
}

bool DovecotServer::addMessage(const QByteArray &raw, QString *fileName, const QString &user)
{
    QString err;
    if (!ensureDirectory(&err)) {
        qWarning("DovecotServer::addMessage: %s", qPrintable(err));
        return false;
    }
    const QString name = resolveUser(user);
    if (!findUser(name)) {
        qWarning("DovecotServer::addMessage: unknown user %s", qPrintable(name));
        return false;
    }
    const auto owner = m_asRoot ? std::optional<Maildir::Owner>({ m_mailUid, m_mailGid }) : std::nullopt;
    return Maildir::deliver(maildirPath(name), raw, owner, fileName);
}

QStringList DovecotServer::messageFiles(const QString &user) const
{
    const QString maildir = maildirPath(user);
    return maildir.isEmpty() ? QStringList() : Maildir::messageFiles(maildir);
}

QString DovecotServer::currentMessageFile(const QString &fileName) const
{
    QStringList maildirs;
    for (const User &u : m_users)
        maildirs.append(maildirPath(u.name));
    return Maildir::currentFile(fileName, maildirs);
}

QByteArray DovecotServer::readMessageFile(const QString &fileName) const
{
    QFile f(currentMessageFile(fileName));
    if (f.fileName().isEmpty() || !f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QByteArray DovecotServer::expectedPop3Bytes(const QByteArray &fileContent)
{
    QByteArray out;
    out.reserve(fileContent.size() + fileContent.size() / 16 + 2);
    char previous = '\0';
    for (const char c : fileContent) {
        if (c == '\n' && previous != '\r')
            out += '\r';
        out += c;
        previous = c;
    }
    if (!fileContent.endsWith('\n'))  // also for an empty file: Dovecot sends "\r\n"
        out += "\r\n";
    return out;
}

qint64 DovecotServer::expectedListSize(const QByteArray &fileContent)
{
    const qint64 size = expectedPop3Bytes(fileContent).size();
    return fileContent.endsWith('\n') ? size : size - 2;
}

}  // namespace Poplar
