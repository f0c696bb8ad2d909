#pragma once

// A private, throw-away Dovecot POP3 server on a free port (127.0.0.1 unless
// setListenAddress() picks another address of this machine): what
// `poplar --demo` serves its sample mailbox from, and the real server the
// integration tests talk to. Everything (config, TLS certificate,
// passwd-file, Maildirs, logs, runtime sockets) lives in one QTemporaryDir
// that is removed by the destructor. Linux only (uses /proc, POSIX sockets
// and the Dovecot that Debian ships, 2.3.x).
//
// Typical use:
//
//     Poplar::DovecotServer server;
//     server.addMessage("Subject: hi\n\nbody\n");
//     QString error;
//     if (!server.start(&error)) ...
//     // connect to server.host():server.plainPort() / server.tlsPort()
//
// The class is not thread-safe; use it from one thread. start() and stop()
// block (typically 50-150 ms, at most ~10 s).
//
// How this works / why it is configured the way it is
// ====================================================
//
// * Ports, race-free: we create the two listening sockets ourselves (bound to
//   the listen address, port 0) and hand them to Dovecot using systemd
//   socket activation (LISTEN_FDS=2 + LISTEN_PID, sockets on fds 3 and 4).  Debian's Dovecot is
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

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace Poplar {

class DovecotServer
{
public:
    DovecotServer();
    ~DovecotServer();  // calls stop(), then removes the temporary directory

    DovecotServer(const DovecotServer &) = delete;
    DovecotServer &operator=(const DovecotServer &) = delete;

    // Adds a POP3 account (and creates its Maildir).  Meant to be called
    // before start(), but also works while running: the passwd-file is
    // replaced atomically and Dovecot re-reads it; as Dovecot checks the file
    // at most once per second, the call then blocks for up to ~1 s.
    // Names: [A-Za-z0-9._+@-], not starting with '.', at most 64 chars.
    // Passwords: non-empty, no ':', CR, LF or NUL.  Returns false if the
    // name is taken or invalid.
    bool addUser(const QString &name, const QString &password);

    // Writes config, certificate, passwd-file; starts "dovecot -F -c <conf>"
    // and waits (at most ~10 s) until a greeting was read on both ports
    // (typically 50-120 ms).  The greeting is "+OK Dovecot ready. <...@host>"
    // (the <...> part is the APOP challenge).  On failure returns false and
    // puts Dovecot's log output into *error.  May be called again after
    // stop() (new ports, same directory).  Dovecot gets SIGTERM if the thread
    // that called start() dies (PR_SET_PDEATHSIG), so a crashed or killed
    // test leaves no server behind; call it from a long-lived thread.
    bool start(QString *error = nullptr);

    // Terminates Dovecot and every process it forked (also those kept alive
    // by clients that are still connected).  Bounded; SIGKILL as last
    // resort.  Safe to call repeatedly.  Maildirs and logs stay readable
    // until the object is destroyed.
    void stop();

    bool isRunning() const;

    // The IPv4 address both ports listen on; 127.0.0.1 by default. Another
    // loopback address, or one that exists only inside a network namespace
    // the server runs in (the latency benchmark's), keeps it private as
    // well. Call before start(); returns false (and changes nothing) while
    // running or for an address that is not one specific IPv4 address.
    bool setListenAddress(const QHostAddress &address);
    QHostAddress listenAddress() const;

    // SMTP submission too (Debian's dovecot-submissiond): STARTTLS on
    // submissionPort() (like 587), implicit TLS on submissionsPort() (like
    // 465), the same users and passwords. Dovecot relays what it accepts to
    // a small collector on the listen address (python3-aiosmtpd) that
    // delivers each message into the Maildir of the user its recipient's
    // local part names, and refuses other recipients with 550 5.1.1. Call
    // before start(); false while running.
    bool enableSubmission();
    quint16 submissionPort() const;
    quint16 submissionsPort() const;

    quint16 tlsPort() const;    // implicit TLS ("pop3s", like 995)
    quint16 plainPort() const;  // plain text with STLS ("pop3", like 110)
    QString host() const;       // the listen address as text, "127.0.0.1" by default

    // Self-signed, CN=localhost, SAN DNS:localhost and IP:<listen address>.
    QString certificatePath() const;
    QByteArray certificatePem() const;

    QString userName() const;  // the default user ("alice")
    QString password() const;  // the default user's password (has non-alphanumerics)
    QString passwordFor(const QString &user) const;

    QString directory() const;           // the temporary directory (empty before first use)
    QString configPath() const;          // dovecot.conf; appears in the master's command line
    QString instanceName() const;        // processes are titled "dovecot-<instanceName>/..."
    qint64 processId() const;            // master pid, 0 when not running
    qint64 startupMilliseconds() const;  // duration of the last successful start()

    // Dovecot's log file (log_path) followed by anything the master wrote to
    // stdout/stderr (early startup errors end up there).
    QString logContents() const;

    // --- Maildir helpers (default user when user is empty) ---------------

    QString maildirPath(const QString &user = {}) const;

    // Delivers raw as-is into <Maildir>/new (via tmp/ + rename, like an
    // MDA).  Write LF line endings as a real MDA would; Dovecot converts
    // them to CRLF when serving.  *fileName receives the absolute path.
    // Note: Dovecot renames new/NAME to cur/NAME:2,FLAGS when a POP3
    // session opens the mailbox; readMessageFile()/currentMessageFile()
    // follow that rename.
    bool addMessage(const QByteArray &raw, QString *fileName = nullptr, const QString &user = {});

    // Absolute paths of all files in cur/ and new/, sorted.
    QStringList messageFiles(const QString &user = {}) const;

    // Where a file returned by addMessage()/messageFiles() is now (it may
    // have moved from new/ to cur/ or got flags); empty if it was deleted.
    QString currentMessageFile(const QString &fileName) const;

    // Contents of that file (following renames as above); empty if gone.
    QByteArray readMessageFile(const QString &fileName) const;

    // Exactly the bytes Dovecot sends for RETR of a message file, after the
    // client removed the dot-stuffing and the terminating ".\r\n": every LF
    // not preceded by CR becomes CRLF (lone CRs are kept) and CRLF is
    // appended if the content does not end with LF -- so an empty file
    // yields "\r\n".  Verified against Dovecot 2.3.19.
    static QByteArray expectedPop3Bytes(const QByteArray &fileContent);

    // The size LIST/STAT report for that file: expectedPop3Bytes() minus the
    // CRLF Dovecot appends to content that does not end with LF (it is sent
    // but not counted; an empty file is listed as 0 octets).
    static qint64 expectedListSize(const QByteArray &fileContent);

private:
    struct User {
        QString name;
        QString password;
    };

    bool ensureDirectory(QString *error);
    bool createMaildir(const QString &user, QString *error);
    bool writePasswdFile(QString *error);
    bool writeConfig(QString *error);
    bool generateCertificate(QString *error);
    bool launch(bool socketActivation, QString *error);
    bool startRelay(QString *error);
    void stopRelay();
    bool waitUntilReady(int timeoutMs, QString *error);
    const User *findUser(const QString &name) const;
    QString resolveUser(const QString &user) const;
    void closeListenSockets();
    QString fail(QString *error, const QString &what) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QList<User> m_users;
    QString m_instanceName;
    QHostAddress m_listenAddress { QHostAddress::LocalHost };
    quint16 m_tlsPort = 0;
    quint16 m_plainPort = 0;
    int m_plainFd = -1;  // listening sockets handed to Dovecot (socket activation)
    int m_tlsFd = -1;
    bool m_submission = false;
    quint16 m_submissionPort = 0;
    quint16 m_submissionsPort = 0;
    quint16 m_relayPort = 0;
    int m_submissionFd = -1;
    int m_submissionsFd = -1;
    std::unique_ptr<QProcess> m_relay;
    bool m_asRoot = false;
    uint m_mailUid = 0;  // owner of the Maildirs and uid of the pop3 processes
    uint m_mailGid = 0;
    QString m_loginUser;      // default_login_user
    QString m_internalUser;   // default_internal_user
    QString m_internalGroup;  // default_internal_group (non-root only)
    bool m_certificateReady = false;
    qint64 m_startupMs = -1;
};

}  // namespace Poplar
