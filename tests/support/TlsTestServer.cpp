#include "TlsTestServer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>

namespace PoplarTest {

namespace {

// The openssl configuration: the CA's extensions, and the extensions of the
// two server certificates (the CA-signed leaf and the self-signed impostor),
// which share all but the link to an issuing CA.
QByteArray openSslConfig()
{
    const QByteArray serverExtensions = R"(basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
)";
    return R"([req]
distinguished_name = dn
prompt = no

[dn]
CN = localhost

[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[v3_leaf]
)" + serverExtensions
        + R"(authorityKeyIdentifier = keyid

[v3_self]
)" + serverExtensions;
}

// Runs openssl in `dir`; on failure returns a description.
QString runOpenSsl(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForStarted(10'000))
        return QStringLiteral("cannot run openssl: ") + p.errorString();
    if (!p.waitForFinished(30'000)) {
        p.kill();
        p.waitForFinished(1'000);
        return QStringLiteral("openssl timed out: ") + args.join(QLatin1Char(' '));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("openssl ") + args.join(QLatin1Char(' ')) + QStringLiteral(" failed: ")
            + QString::fromLocal8Bit(p.readAll());
    return {};
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

TestPki generatePki(QTemporaryDir &tmp)
{
    TestPki pki;
    if (!tmp.isValid()) {
        pki.error = QStringLiteral("cannot create a temporary directory");
        return pki;
    }
    const QString dir = tmp.path();
    {
        QFile cfg(tmp.filePath(QStringLiteral("openssl.cnf")));
        if (!cfg.open(QIODevice::WriteOnly) || cfg.write(openSslConfig()) < 0) {
            pki.error = QStringLiteral("cannot write openssl.cnf");
            return pki;
        }
    }
    const QString cnf = QStringLiteral("openssl.cnf");
    const QList<QStringList> steps = {
        // Keys: P-256 (fast to generate), traditional "EC PRIVATE KEY" PEM.
        { QStringLiteral("ecparam"), QStringLiteral("-name"), QStringLiteral("prime256v1"), QStringLiteral("-genkey"),
            QStringLiteral("-noout"), QStringLiteral("-out"), QStringLiteral("ca.key") },
        { QStringLiteral("ecparam"), QStringLiteral("-name"), QStringLiteral("prime256v1"), QStringLiteral("-genkey"),
            QStringLiteral("-noout"), QStringLiteral("-out"), QStringLiteral("leaf.key") },
        { QStringLiteral("ecparam"), QStringLiteral("-name"), QStringLiteral("prime256v1"), QStringLiteral("-genkey"),
            QStringLiteral("-noout"), QStringLiteral("-out"), QStringLiteral("alt.key") },
        // The CA.
        { QStringLiteral("req"), QStringLiteral("-config"), cnf, QStringLiteral("-x509"), QStringLiteral("-new"),
            QStringLiteral("-key"), QStringLiteral("ca.key"), QStringLiteral("-sha256"), QStringLiteral("-days"),
            QStringLiteral("3"), QStringLiteral("-subj"), QStringLiteral("/CN=Poplar Test CA"),
            QStringLiteral("-extensions"), QStringLiteral("v3_ca"), QStringLiteral("-out"), QStringLiteral("ca.crt") },
        // The leaf, signed by the CA.
        { QStringLiteral("req"), QStringLiteral("-config"), cnf, QStringLiteral("-new"), QStringLiteral("-key"),
            QStringLiteral("leaf.key"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
            QStringLiteral("-out"), QStringLiteral("leaf.csr") },
        { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("leaf.csr"),
            QStringLiteral("-CA"), QStringLiteral("ca.crt"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
            QStringLiteral("-set_serial"), QStringLiteral("2"), QStringLiteral("-days"), QStringLiteral("3"),
            QStringLiteral("-sha256"), QStringLiteral("-extfile"), cnf, QStringLiteral("-extensions"),
            QStringLiteral("v3_leaf"), QStringLiteral("-out"), QStringLiteral("leaf.crt") },
        // A different, self-signed certificate for the same names.
        { QStringLiteral("req"), QStringLiteral("-config"), cnf, QStringLiteral("-x509"), QStringLiteral("-new"),
            QStringLiteral("-key"), QStringLiteral("alt.key"), QStringLiteral("-sha256"), QStringLiteral("-days"),
            QStringLiteral("3"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost/O=Poplar Test Impostor"),
            QStringLiteral("-extensions"), QStringLiteral("v3_self"), QStringLiteral("-out"),
            QStringLiteral("alt.crt") },
    };
    for (const QStringList &args : steps) {
        const QString err = runOpenSsl(dir, args);
        if (!err.isEmpty()) {
            pki.error = err;
            return pki;
        }
    }
    pki.ca = QSslCertificate(readFile(tmp.filePath(QStringLiteral("ca.crt"))), QSsl::Pem);
    pki.leaf = QSslCertificate(readFile(tmp.filePath(QStringLiteral("leaf.crt"))), QSsl::Pem);
    pki.alternate = QSslCertificate(readFile(tmp.filePath(QStringLiteral("alt.crt"))), QSsl::Pem);
    pki.leafKey = QSslKey(readFile(tmp.filePath(QStringLiteral("leaf.key"))), QSsl::Ec, QSsl::Pem);
    pki.alternateKey = QSslKey(readFile(tmp.filePath(QStringLiteral("alt.key"))), QSsl::Ec, QSsl::Pem);
    if (pki.ca.isNull() || pki.leaf.isNull() || pki.alternate.isNull()) {
        pki.error = QStringLiteral("openssl produced certificates Qt cannot read");
        return pki;
    }
    if (pki.leafKey.isNull() || pki.alternateKey.isNull()) {
        pki.error = QStringLiteral("openssl produced keys Qt cannot read");
        return pki;
    }
    pki.ok = true;
    return pki;
}

QByteArray apopTimestamp(const QByteArray &greeting)
{
    const qsizetype open = greeting.indexOf('<');
    const qsizetype close = greeting.indexOf('>', open);
    if (open < 0 || close < 0)
        return {};
    return greeting.mid(open, close - open + 1);
}

}  // namespace

QByteArray TestPki::leafSha256() const
{
    return leaf.digest(QCryptographicHash::Sha256);
}

QByteArray TestPki::alternateSha256() const
{
    return alternate.digest(QCryptographicHash::Sha256);
}

const TestPki &TestPki::instance()
{
    static QTemporaryDir dir;
    static const TestPki pki = generatePki(dir);
    return pki;
}

struct TlsTestServer::Client {
    QPointer<QSslSocket> socket;
    QByteArray buffer;        // an incomplete line
    bool tlsStarted = false;  // bytes from now on are (to be) decrypted
    bool authenticated = false;
    QByteArray pendingUser;              // after USER
    bool awaitingPlainResponse = false;  // after "AUTH PLAIN" without an initial response
};

TlsTestServer::TlsTestServer(QObject *parent)
    : TlsTestServer(Options(), parent)
{ }

TlsTestServer::TlsTestServer(Options options, QObject *parent)
    : QTcpServer(parent)
    , m_options(std::move(options))
{ }

TlsTestServer::~TlsTestServer()
{
    for (const auto &c : m_state) {
        if (c->socket) {
            c->socket->disconnect(this);
            c->socket->abort();
        }
    }
}

bool TlsTestServer::start(const QHostAddress &address)
{
    if (!address.isLoopback())
        return false;  // never expose the test server beyond this machine
    return listen(address, 0);
}

QByteArray TlsTestServer::allReceived() const
{
    QByteArray all;
    for (const ClientRecord &r : m_clients)
        all += r.received();
    return all;
}

bool TlsTestServer::allClosed() const
{
    for (const ClientRecord &r : m_clients) {
        if (!r.closed)
            return false;
    }
    return true;
}

qint64 TlsTestServer::unsentBytes(int index) const
{
    const QSslSocket *s = m_state[size_t(index)]->socket;
    return s ? s->bytesToWrite() + s->encryptedBytesToWrite() : 0;
}

QByteArray TlsTestServer::presentedSha256() const
{
    const TestPki &pki = TestPki::instance();
    return m_options.certificate == Certificate::Leaf ? pki.leafSha256() : pki.alternateSha256();
}

void TlsTestServer::incomingConnection(qintptr socketDescriptor)
{
    const TestPki &pki = TestPki::instance();
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (m_options.certificate == Certificate::Leaf) {
        config.setLocalCertificateChain({ pki.leaf, pki.ca });
        config.setPrivateKey(pki.leafKey);
    } else {
        config.setLocalCertificate(pki.alternate);
        config.setPrivateKey(pki.alternateKey);
    }
    socket->setSslConfiguration(config);

    const int index = int(m_clients.size());
    ClientRecord record;
    record.peerAddress = socket->peerAddress();
    m_clients.append(record);
    auto state = std::make_unique<Client>();
    state->socket = socket;
    m_state.push_back(std::move(state));

    connect(socket, &QSslSocket::encrypted, this, [this, index] {
        m_clients[index].encrypted = true;
        Q_EMIT clientEncrypted(index);
        if (m_options.mode == Mode::ImplicitTls && m_options.sendGreeting)
            send(index, m_options.greeting + "\r\n");
        onReadyRead(index);
    });
    connect(socket, &QIODevice::readyRead, this, [this, index] { onReadyRead(index); });
    connect(socket, &QAbstractSocket::disconnected, this, [this, index] { markClosed(index); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, index](QAbstractSocket::SocketError) {
        // A failed handshake or a reset: keep what arrived, then drop the link.
        onReadyRead(index);
        if (QSslSocket *s = m_state[size_t(index)]->socket)
            s->abort();
        markClosed(index);
    });
    connect(socket, qOverload<const QList<QSslError> &>(&QSslSocket::sslErrors), this,
        [socket](const QList<QSslError> &errors) { socket->ignoreSslErrors(errors); });

    Q_EMIT clientAccepted(index);

    if (m_options.mode == Mode::ImplicitTls) {
        if (m_options.completeTls)
            startEncryption(index);
        // Otherwise: the client's handshake bytes are never read or answered.
    } else if (m_options.sendGreeting) {
        send(index, m_options.greeting + "\r\n");
    }
}

void TlsTestServer::startEncryption(int index)
{
    Client &c = *m_state[size_t(index)];
    c.tlsStarted = true;
    c.buffer.clear();  // plaintext sent after STLS is never acted upon
    c.socket->startServerEncryption();
}

void TlsTestServer::markClosed(int index)
{
    if (m_clients[index].closed)
        return;
    m_clients[index].closed = true;
    if (QSslSocket *s = m_state[size_t(index)]->socket)
        s->deleteLater();
    Q_EMIT clientClosed(index);
}

void TlsTestServer::send(int index, const QByteArray &bytes)
{
    if (QSslSocket *s = m_state[size_t(index)]->socket)
        s->write(bytes);
}

void TlsTestServer::onReadyRead(int index)
{
    Client &c = *m_state[size_t(index)];
    if (!c.socket)
        return;
    if (c.tlsStarted ? !c.socket->isEncrypted() : m_options.mode == Mode::ImplicitTls)
        return;  // still handshaking (or never will): nothing readable yet
    const QByteArray data = c.socket->readAll();
    if (data.isEmpty())
        return;
    (c.tlsStarted ? m_clients[index].afterTls : m_clients[index].beforeTls) += data;
    c.buffer += data;
    for (;;) {
        const qsizetype nl = c.buffer.indexOf('\n');
        if (nl < 0)
            break;
        QByteArray line = c.buffer.left(nl);
        c.buffer.remove(0, nl + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        m_clients[index].commands.append(line);
        Q_EMIT commandReceived(index, line);
        handleLine(index, line);
        if (!c.socket || (c.tlsStarted && !c.socket->isEncrypted()))
            break;  // STLS: the rest (if any) was plaintext injection, discarded
    }
}

void TlsTestServer::handleLine(int index, const QByteArray &line)
{
    Client &c = *m_state[size_t(index)];
    const Options &o = m_options;

    if (c.awaitingPlainResponse) {
        c.awaitingPlainResponse = false;
        if (line == "*") {
            send(index, "-ERR authentication cancelled\r\n");
            return;
        }
        const QByteArrayList parts = QByteArray::fromBase64(line).split('\0');
        if (parts.size() == 3 && parts[1] == o.user && parts[2] == o.password) {
            c.authenticated = true;
            send(index, "+OK logged in\r\n");
        } else {
            send(index, "-ERR [AUTH] invalid user or password\r\n");
        }
        return;
    }

    const qsizetype sp = line.indexOf(' ');
    const QByteArray verb = (sp < 0 ? line : line.left(sp)).toUpper();
    const QByteArray arg = sp < 0 ? QByteArray() : line.mid(sp + 1);
    const bool encrypted = c.tlsStarted;

    if (!o.closeOn.isEmpty() && verb == o.closeOn) {
        if (!o.closeReply.isEmpty())
            send(index, o.closeReply);
        if (QSslSocket *s = c.socket)
            s->disconnectFromHost();  // close_notify, then the TCP close
        return;
    }
    if (verb == "CAPA") {
        QByteArrayList caps = o.capabilities;
        if (o.mode == Mode::StartTls && encrypted && o.capabilitiesAfterTls)
            caps = *o.capabilitiesAfterTls;
        if (o.mode == Mode::StartTls && !encrypted && o.advertiseStls)
            caps.append("STLS");
        QByteArray out = "+OK capability list follows\r\n";
        for (const QByteArray &cap : caps)
            out += cap + "\r\n";
        out += ".\r\n";
        send(index, out);
    } else if (verb == "STLS") {
        if (o.mode != Mode::StartTls || encrypted || c.authenticated) {
            send(index, "-ERR STLS not available\r\n");
            return;
        }
        send(index, QByteArray(o.stlsAnswer + "\r\n" + o.injectAfterStls));
        if (!o.stlsAnswer.startsWith("+OK"))
            return;
        if (o.completeTls) {
            startEncryption(index);
        } else {
            c.tlsStarted = true;  // swallow everything from now on, never answer
            c.buffer.clear();
        }
    } else if (verb == "USER") {
        c.pendingUser = arg;
        send(index, "+OK\r\n");
    } else if (verb == "PASS") {
        if (!c.pendingUser.isEmpty() && c.pendingUser == o.user && arg == o.password) {
            c.authenticated = true;
            send(index, "+OK logged in\r\n");
        } else {
            send(index, "-ERR [AUTH] invalid user or password\r\n");
        }
        c.pendingUser.clear();
    } else if (verb == "APOP") {
        const QByteArrayList parts = arg.split(' ');
        const QByteArray expected
            = QCryptographicHash::hash(QByteArray(apopTimestamp(o.greeting) + o.password), QCryptographicHash::Md5)
                  .toHex();
        if (parts.size() == 2 && parts[0] == o.user && parts[1].toLower() == expected) {
            c.authenticated = true;
            send(index, "+OK logged in\r\n");
        } else {
            send(index, "-ERR [AUTH] invalid user or digest\r\n");
        }
    } else if (verb == "AUTH") {
        const QByteArrayList parts = arg.split(' ');
        if (parts.value(0).toUpper() != "PLAIN") {
            send(index, "-ERR unsupported mechanism\r\n");
            return;
        }
        if (parts.size() < 2) {
            c.awaitingPlainResponse = true;
            send(index, "+ \r\n");
            return;
        }
        const QByteArrayList fields = QByteArray::fromBase64(parts[1]).split('\0');
        if (fields.size() == 3 && fields[1] == o.user && fields[2] == o.password) {
            c.authenticated = true;
            send(index, "+OK logged in\r\n");
        } else {
            send(index, "-ERR [AUTH] invalid user or password\r\n");
        }
    } else if (verb == "STAT") {
        if (!c.authenticated)
            send(index, "-ERR not logged in\r\n");
        else if (o.answerStat)
            send(index, "+OK " + QByteArray::number(o.messageCount) + ' ' + QByteArray::number(o.mailboxSize) + "\r\n");
        // else: swallowed, the client must time out
    } else if (verb == "LIST" && c.authenticated) {
        QByteArray out = "+OK\r\n";
        for (qsizetype i = 0; i < o.messages.size(); ++i)
            out += QByteArray::number(i + 1) + ' ' + QByteArray::number(o.messages.at(i).size()) + "\r\n";
        send(index, out + ".\r\n");
    } else if (verb == "RETR" && c.authenticated) {
        const qsizetype n = arg.toLongLong();
        if (n < 1 || n > o.messages.size()) {
            send(index, "-ERR no such message\r\n");
            return;
        }
        QByteArray out = "+OK\r\n";
        const QByteArray &m = o.messages.at(n - 1);
        out.reserve(m.size() + m.size() / 64 + 16);
        qsizetype start = 0;
        while (start < m.size()) {
            qsizetype end = m.indexOf('\n', start);
            end = end < 0 ? m.size() : end + 1;
            if (m.at(start) == '.')
                out += '.';  // dot-stuffing
            out += QByteArrayView(m).sliced(start, end - start);
            start = end;
        }
        send(index, out + ".\r\n");
    } else if (verb == "NOOP") {
        send(index, "+OK\r\n");
    } else if (verb == "QUIT") {
        send(index, "+OK bye\r\n");
        if (QSslSocket *s = c.socket)
            s->disconnectFromHost();
    } else {
        send(index, "-ERR unknown command\r\n");
    }
}

}  // namespace PoplarTest
