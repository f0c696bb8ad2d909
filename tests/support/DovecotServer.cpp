#include "DovecotServer.h"

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
#include <atomic>
#include <chrono>

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

// How this works / why it is configured the way it is
// ====================================================
//
// * Ports, race-free: we create the two listening sockets ourselves (bound to
//   127.0.0.1:0) and hand them to Dovecot using systemd socket activation
//   (LISTEN_FDS=2 + LISTEN_PID, sockets on fds 3 and 4).  Debian's Dovecot is
//   built with libsystemd; its master checks inherited fds before binding and
//   picks the one whose family/port matches each inet_listener.  So nobody can
//   steal the port between "pick" and "bind".  A /bin/sh wrapper sets
//   LISTEN_PID=$$ and execs dovecot (the pid is kept across exec).  Should a
//   Dovecot build without systemd support ever be used, its bind() fails with
//   EADDRINUSE; start() then falls back to "bind port 0, close, let Dovecot
//   bind" (small race) and retries.
//
// * Root (the CI case).  Dovecot refuses to run login processes or mail
//   access as root, so:
//     - default_login_user = dovenull, default_internal_user = dovecot (the
//       system users created by Debian's dovecot-core package),
//     - mail is owned by and accessed as "nobody:nogroup" (uid/gid from
//       getpwnam("nobody"), fallback 65534).  Not "dovecot": Dovecot's docs
//       say the mail user must differ from the internal user.  The passwd-file
//       carries that uid/gid per user, and first/last_valid_uid|gid are
//       narrowed to exactly that uid/gid,
//     - the temporary directory is chmod 0711 so that dovenull/dovecot/nobody
//       can traverse it (but not list it); the passwd-file is 0644 because the
//       auth process runs as "dovecot"; Maildirs are 0700 nobody-owned, and
//       addMessage() chowns what it writes to nobody,
//     - the temporary directory's ancestors must be traversable by those
//       users too; if QDir::tempPath() is not, /tmp is used instead.
//   Login processes keep their default chroot (base_dir/login), which works
//   as root.
//
// * Non-root: everything runs as the current user (default_login_user =
//   default_internal_user = mail uid = that user, default_internal_group =
//   that user's group, or the master fails to chgrp the stats/dict sockets).
//   chroot cannot be done without privileges, so it is cleared for the
//   services that chroot by default.
//
// * APOP: pop3-login appends an APOP challenge "<...@host>" to the greeting
//   only when the auth server advertises the APOP mechanism, i.e. when "apop"
//   is in auth_mechanisms (and APOP needs plaintext-retrievable passwords,
//   hence {PLAIN} in the passwd-file).  APOP is not listed in CAPA's SASL
//   line since it is not a SASL mechanism.
//
// * Shutdown: SIGTERM to the master.  Children normally exit when they notice
//   the master is gone, but a pop3-login process that still has a client
//   connection (and the auth/config/anvil processes it talks to) can outlive
//   the master indefinitely.  So stop() remembers the master's descendants,
//   and afterwards SIGTERMs/SIGKILLs whatever of them (or anything else
//   titled "dovecot-<instance_name>/...") is still alive.  The master itself
//   idles ~1 s after its children are gone; stop() cuts that short (~120 ms
//   for a clean stop, ~430 ms with clients still connected).

namespace PoplarTest {

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

// A listening socket on 127.0.0.1 with a kernel-chosen port.
int listenOnLoopback(quint16 *port, QString *error)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QStringLiteral("socket(): %1").arg(fromLocal(strerror(errno)));
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(fd, 128) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        *error = QStringLiteral("bind/listen on 127.0.0.1: %1").arg(fromLocal(strerror(errno)));
        ::close(fd);
        return -1;
    }
    *port = ntohs(addr.sin_port);
    return fd;
}

// Minimal /proc access for finding Dovecot's child processes.
struct ProcInfo {
    qint64 ppid = -1;
    char state = '?';
};

bool readProcStat(qint64 pid, ProcInfo *info)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = f.readAll();
    const qsizetype paren = stat.lastIndexOf(')');
    if (paren < 0)
        return false;
    const QList<QByteArray> fields = stat.mid(paren + 2).split(' ');
    if (fields.size() < 2 || fields.at(0).isEmpty())
        return false;
    info->state = fields.at(0).at(0);
    info->ppid = fields.at(1).toLongLong();
    return true;
}

QByteArray procCmdline(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QByteArray c = f.readAll();
    c.replace('\0', ' ');
    return c.trimmed();
}

bool isAlive(qint64 pid)
{
    ProcInfo info;
    return readProcStat(pid, &info) && info.state != 'Z' && info.state != 'X';
}

QList<qint64> allPids()
{
    QList<qint64> pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool ok = false;
        const qint64 pid = e.toLongLong(&ok);
        if (ok)
            pids.append(pid);
    }
    return pids;
}

QSet<qint64> descendantsOf(qint64 root)
{
    QHash<qint64, QList<qint64>> children;
    for (const qint64 pid : allPids()) {
        ProcInfo info;
        if (readProcStat(pid, &info))
            children[info.ppid].append(pid);
    }
    QSet<qint64> result;
    QList<qint64> queue { root };
    while (!queue.isEmpty()) {
        const qint64 p = queue.takeFirst();
        for (const qint64 c : children.value(p)) {
            if (!result.contains(c)) {
                result.insert(c);
                queue.append(c);
            }
        }
    }
    return result;
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

QString maildirUniquePart(const QString &baseName)
{
    qsizetype end = baseName.size();
    for (const QChar sep : { QLatin1Char(':'), QLatin1Char(',') }) {
        const qsizetype i = baseName.indexOf(sep);
        if (i >= 0 && i < end)
            end = i;
    }
    return baseName.left(end);
}

QString maildirHostName()
{
    QString host = QSysInfo::machineHostName();
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    host.replace(QLatin1Char('/'), QLatin1String("\\057"));
    host.replace(QLatin1Char(':'), QLatin1String("\\072"));
    host.replace(QLatin1Char(','), QLatin1String("\\054"));
    return host;
}

std::atomic<quint64> s_deliveryCounter { 0 };

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
    m_instanceName = QStringLiteral("poplartest-%1")
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
                QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"), QStringLiteral("-keyout"),
                dir + QStringLiteral("/key.pem"), QStringLiteral("-out"), dir + QStringLiteral("/cert.pem") },
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

bool DovecotServer::writeConfig(QString *error)
{
    const QString d = m_dir->path();
    QString c;
    c += QStringLiteral("# Generated by PoplarTest::DovecotServer. Self-contained: nothing from /etc/dovecot.\n");
    c += QStringLiteral("instance_name = %1\n").arg(m_instanceName);
    c += QStringLiteral("base_dir = %1/run\n").arg(d);
    c += QStringLiteral("state_dir = %1/state\n").arg(d);
    c += QStringLiteral("log_path = %1/dovecot.log\n").arg(d);
    c += QStringLiteral("info_log_path = %1/dovecot.log\n").arg(d);
    c += QStringLiteral("debug_log_path = %1/dovecot.log\n").arg(d);
    c += QStringLiteral("protocols = pop3\n");
    c += QStringLiteral("listen = 127.0.0.1\n");
    c += QStringLiteral("shutdown_clients = yes\n");
    c += QStringLiteral("default_login_user = %1\n").arg(m_loginUser);
    c += QStringLiteral("default_internal_user = %1\n").arg(m_internalUser);
    // Sockets such as stats-writer and dict get chgrp'ed to this group,
    // which an unprivileged master can only do for its own group.
    if (!m_asRoot)
        c += QStringLiteral("default_internal_group = %1\n").arg(m_internalGroup);
    c += QStringLiteral("first_valid_uid = %1\nlast_valid_uid = %1\n").arg(m_mailUid);
    c += QStringLiteral("first_valid_gid = %1\nlast_valid_gid = %1\n").arg(m_mailGid);
    c += QStringLiteral("mail_location = maildir:~/Maildir\n");
    c += QStringLiteral("ssl = yes\n");
    c += QStringLiteral("ssl_cert = <%1/cert.pem\n").arg(d);
    c += QStringLiteral("ssl_key = <%1/key.pem\n").arg(d);
    c += QStringLiteral("ssl_dh = <%1/dh.pem\n").arg(d);
    c += QStringLiteral("ssl_min_protocol = TLSv1.2\n");
    // Tests exercise the client's refusal logic, so plaintext auth must work
    // on the unencrypted listener as well.
    c += QStringLiteral("disable_plaintext_auth = no\n");
    // "apop" also makes pop3-login put the <timestamp@host> challenge into
    // the greeting.
    c += QStringLiteral("auth_mechanisms = plain login cram-md5 apop scram-sha-1 scram-sha-256\n");
    c += QStringLiteral("auth_verbose = yes\n");
    c += QStringLiteral("auth_cache_size = 0\n");
    // Default is 2 s; wrong-password tests should not sleep.
    c += QStringLiteral("auth_failure_delay = 0\n");

    c += QStringLiteral("login_greeting = Dovecot ready.\n");
    c += QStringLiteral("mail_max_userip_connections = 100\n");
    c += QStringLiteral("passdb {\n  driver = passwd-file\n  args = scheme=PLAIN %1/passwd\n}\n").arg(d);
    c += QStringLiteral("userdb {\n  driver = passwd-file\n  args = %1/passwd\n}\n").arg(d);
    c += QStringLiteral("protocol pop3 {\n  pop3_uidl_format = %08Xu%08Xv\n}\n");
    c += QStringLiteral("service pop3-login {\n");
    if (!m_asRoot)
        c += QStringLiteral("  chroot =\n");
    c += QStringLiteral("  inet_listener pop3 {\n    address = 127.0.0.1\n    port = %1\n  }\n").arg(m_plainPort);
    c += QStringLiteral("  inet_listener pop3s {\n    address = 127.0.0.1\n    port = %1\n    ssl = yes\n  }\n}\n")
             .arg(m_tlsPort);
    // Dovecot's auth process delays every authentication from an IP that
    // recently failed one by 2, 4, 8 ... 15 s ("auth penalty", tracked by
    // anvil).  Tests that check wrong-password handling would crawl, and
    // login_trusted_networks no longer skips it in 2.3 (it also adds
    // "[XCLIENT]" to the greeting).  Moving anvil's penalty socket makes auth's
    // connect to "anvil-auth-penalty" fail with ENOENT, which 2.3 treats as
    // "penalties disabled" without logging anything.  What remains is
    // auth_failure_delay, checked on a 500 ms timer: a failure is answered
    // after <= 0.5 s.
    c += QStringLiteral(
        "service anvil {\n  unix_listener anvil-auth-penalty {\n    path = anvil-auth-penalty-unused\n  }\n");
    if (!m_asRoot)
        c += QStringLiteral("  chroot =\n");
    c += QStringLiteral("}\n");
    if (!m_asRoot) {
        for (const char *service :
            { "ipc", "old-stats", "aggregator", "director", "imap-login", "submission-login", "imap-urlauth-login" })
            c += QStringLiteral("service %1 {\n  chroot =\n}\n").arg(QLatin1String(service));
    }
    return writeFile(configPath(), c.toUtf8(), QFile::ReadOwner | QFile::WriteOwner, error);
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
    m_plainFd = m_tlsFd = -1;
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
    const int plainFd = socketActivation ? m_plainFd : -1;
    const int tlsFd = socketActivation ? m_tlsFd : -1;
    m_process->setChildProcessModifier([parentPid, plainFd, tlsFd]() {
        if (::prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || ::getppid() != parentPid)
            ::_exit(127);
        if (plainFd < 0)
            return;
        const int a = ::fcntl(plainFd, F_DUPFD, 100);
        const int b = ::fcntl(tlsFd, F_DUPFD, 100);
        if (a < 0 || b < 0 || ::dup2(a, 3) != 3 || ::dup2(b, 4) != 4)
            ::_exit(127);
        ::close(a);
        ::close(b);
    });
    if (socketActivation) {
        env.insert(QStringLiteral("LISTEN_FDS"), QStringLiteral("2"));
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
    const QDeadlineTimer deadline(timeoutMs);
    auto exited = [this]() { return m_process->state() == QProcess::NotRunning || m_process->waitForFinished(0); };
    auto exitedError = [this]() {
        return QStringLiteral("dovecot exited during startup (exit code %1)").arg(m_process->exitCode());
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
            *error = QStringLiteral("timeout waiting for the greeting on the plain port %1").arg(m_plainPort);
            return false;
        }
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_plainPort);
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
        socket.connectToHost(QHostAddress::LocalHost, m_tlsPort);
        if (!socket.waitForConnected(int(std::clamp<qint64>(deadline.remainingTime(), 100, 2000)))) {
            *error = QStringLiteral("TLS port %1 does not accept connections").arg(m_tlsPort);
            return false;
        }
        return true;
    }

    const QList<QSslCertificate> ca = QSslCertificate::fromPath(certificatePath());
    QString lastTlsError;
    while (true) {
        if (exited()) {
            *error = exitedError();
            return false;
        }
        if (deadline.hasExpired()) {
            *error = QStringLiteral("timeout waiting for the greeting on the TLS port %1: %2")
                         .arg(m_tlsPort)
                         .arg(lastTlsError);
            return false;
        }
        QSslSocket socket;
        QSslConfiguration conf = socket.sslConfiguration();
        conf.addCaCertificates(ca);
        socket.setSslConfiguration(conf);
        socket.connectToHostEncrypted(host(), m_tlsPort, QStringLiteral("localhost"));
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
        m_plainFd = listenOnLoopback(&m_plainPort, &err);
        m_tlsFd = m_plainFd < 0 ? -1 : listenOnLoopback(&m_tlsPort, &err);
        if (m_plainFd < 0 || m_tlsFd < 0) {
            closeListenSockets();
            fail(error, err);
            return false;
        }
        if (!activation)
            closeListenSockets();
        if (!writeConfig(&err) || !launch(activation, &err)) {
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

void DovecotServer::stop()
{
    closeListenSockets();
    if (!m_process)
        return;
    const qint64 master = m_process->processId();
    const QByteArray instanceTag = m_instanceName.toUtf8() + '/';
    const QByteArray configTag = QFile::encodeName(configPath());

    auto ours = [&](qint64 pid, bool knownDescendant) {
        if (!isAlive(pid))
            return false;
        const QByteArray cmd = procCmdline(pid);
        if (cmd.contains(instanceTag) || cmd.contains(configTag))
            return true;
        // Between fork/exec and setting its title a child still looks like
        // "/usr/lib/dovecot/<service>".
        return knownDescendant && cmd.contains("dovecot");
    };
    auto leftovers = [&](const QSet<qint64> &known) {
        QSet<qint64> result;
        for (const qint64 pid : allPids()) {
            if (pid != master && ours(pid, known.contains(pid)))
                result.insert(pid);
        }
        return result;
    };

    auto isLogProcess = [&](qint64 pid) { return procCmdline(pid).endsWith(QByteArray(instanceTag + "log")); };
    auto signalAll = [](const QSet<qint64> &pids, int signo) {
        for (const qint64 pid : pids)
            ::kill(static_cast<pid_t>(pid), signo);
    };

    QSet<qint64> known;
    if (master > 0 && m_process->state() != QProcess::NotRunning) {
        known = descendantsOf(master);
        m_process->terminate();  // SIGTERM to the master
        // The master stops its children at once but then idles for ~1 s
        // before exiting (its log process is kept to the end).  Once nothing
        // but the log process is left (and it had 100 ms to write what it
        // received), the rest of that second is skipped with SIGKILL.
        // Children still serving a connected client get SIGTERM after
        // 300 ms and SIGKILL after 2 s.
        QElapsedTimer timer;
        timer.start();
        qint64 onlyLogSince = -1;
        bool childrenTermed = false;
        bool childrenKilled = false;
        while (!m_process->waitForFinished(10)) {
            if (m_process->state() == QProcess::NotRunning)
                break;
            known.unite(descendantsOf(master));
            QSet<qint64> busy;
            for (const qint64 pid : std::as_const(known)) {
                if (isAlive(pid) && !isLogProcess(pid))
                    busy.insert(pid);
            }
            const qint64 elapsed = timer.elapsed();
            if (elapsed > 5000) {
                m_process->kill();
                m_process->waitForFinished(2000);
                break;
            }
            if (busy.isEmpty()) {
                if (onlyLogSince < 0) {
                    onlyLogSince = elapsed;
                } else if (elapsed - onlyLogSince >= 100) {
                    m_process->kill();
                    m_process->waitForFinished(2000);
                    break;
                }
            } else if (!childrenTermed && elapsed >= 300) {
                signalAll(busy, SIGTERM);
                childrenTermed = true;
            } else if (!childrenKilled && elapsed >= 2000) {
                signalAll(busy, SIGKILL);
                childrenKilled = true;
            }
        }
    }

    // Whatever is left (normally just the log process, or orphans that a
    // previous SIGKILL of the master left behind): SIGTERM, then SIGKILL.
    QElapsedTimer timer;
    timer.start();
    bool termSent = false;
    bool killSent = false;
    while (true) {
        const QSet<qint64> left = leftovers(known);
        if (left.isEmpty())
            break;
        if (timer.elapsed() > 3000) {
            qWarning(
                "DovecotServer::stop: %lld Dovecot process(es) survived SIGKILL", static_cast<long long>(left.size()));
            break;
        }
        if (!termSent) {
            signalAll(left, SIGTERM);
            termSent = true;
        } else if (!killSent && timer.elapsed() >= 1000) {
            signalAll(left, SIGKILL);
            killSent = true;
        }
        QThread::msleep(10);
    }
    m_process.reset();
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

QString DovecotServer::host() const
{
    return QStringLiteral("127.0.0.1");
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
    const QString maildir = maildirPath(name);

    // Maildir unique name: <secs>.M<usecs>P<pid>Q<counter>.<host>
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto usecsTotal = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
    const QString unique = QStringLiteral("%1.M%2P%3Q%4.%5")
                               .arg(usecsTotal / 1000000)
                               .arg(usecsTotal % 1000000)
                               .arg(static_cast<qint64>(::getpid()))
                               .arg(++s_deliveryCounter)
                               .arg(maildirHostName());
    const QString tmpPath = maildir + QStringLiteral("/tmp/") + unique;
    const QString newPath = maildir + QStringLiteral("/new/") + unique;

    QFile f(tmpPath);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly) || f.write(raw) != raw.size() || !f.flush()) {
        qWarning("DovecotServer::addMessage: cannot write %s: %s", qPrintable(tmpPath), qPrintable(f.errorString()));
        f.remove();
        return false;
    }
    ::fchmod(f.handle(), 0600);
    if (m_asRoot && ::fchown(f.handle(), m_mailUid, m_mailGid) != 0) {
        qWarning("DovecotServer::addMessage: chown failed: %s", strerror(errno));
        f.remove();
        return false;
    }
    f.close();
    if (::rename(QFile::encodeName(tmpPath).constData(), QFile::encodeName(newPath).constData()) != 0) {
        qWarning("DovecotServer::addMessage: rename failed: %s", strerror(errno));
        QFile::remove(tmpPath);
        return false;
    }
    if (fileName)
        *fileName = newPath;
    return true;
}

QStringList DovecotServer::messageFiles(const QString &user) const
{
    const QString maildir = maildirPath(user);
    QStringList files;
    if (maildir.isEmpty())
        return files;
    for (const char *sub : { "cur", "new" }) {
        const QDir dir(maildir + QLatin1Char('/') + QLatin1String(sub));
        const QStringList names = dir.entryList(QDir::Files | QDir::Hidden, QDir::Name);
        for (const QString &n : names)
            files.append(dir.absoluteFilePath(n));
    }
    files.sort();
    return files;
}

QString DovecotServer::currentMessageFile(const QString &fileName) const
{
    if (fileName.isEmpty())
        return {};
    const QFileInfo info(fileName);
    if (info.isAbsolute() && info.isFile())
        return info.absoluteFilePath();
    const QString unique = maildirUniquePart(info.fileName());
    QStringList maildirs;
    if (info.isAbsolute()) {
        maildirs.append(QFileInfo(info.absolutePath()).absolutePath());  // .../Maildir/{new,cur}/name
    } else {
        for (const User &u : m_users)
            maildirs.append(maildirPath(u.name));
    }
    for (const QString &maildir : std::as_const(maildirs)) {
        for (const char *sub : { "cur", "new" }) {
            const QDir dir(maildir + QLatin1Char('/') + QLatin1String(sub));
            const QStringList names = dir.entryList(QDir::Files | QDir::Hidden);
            for (const QString &n : names) {
                if (maildirUniquePart(n) == unique)
                    return dir.absoluteFilePath(n);
            }
        }
    }
    return {};
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

}  // namespace PoplarTest
