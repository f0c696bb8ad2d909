// Times the engine retrieving every message of a maildrop over implicit TLS
// into a sink that only counts (nothing is written, nothing deleted).
//
//   poplar-bench-fetch --host H --port P --user U --ca-file F [--window-bytes BYTES[:COMMANDS]] [--list-only] <
//   password
//
// Prints one line: messages, bytes, seconds (wall, from connect to QUIT).

#include "pop3/Pop3Connection.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <iostream>
#include <string>

namespace {
class CountingSink : public Pop3::MessageSink
{
public:
    quint64 bytes = 0;
    quint64 largestChunk = 0;
    Poplar::Status begin(quint32) override { return {}; }
    Poplar::Status write(quint32, QByteArrayView d) override
    {
        bytes += quint64(d.size());
        largestChunk = std::max<quint64>(largestChunk, quint64(d.size()));
        return {};
    }
    Poplar::Status finish(quint32, quint64) override { return {}; }
    void discard(quint32) override { }
};
}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption host(QStringLiteral("host"), QString(), QStringLiteral("H"));
    const QCommandLineOption port(QStringLiteral("port"), QString(), QStringLiteral("P"));
    const QCommandLineOption user(QStringLiteral("user"), QString(), QStringLiteral("U"));
    const QCommandLineOption ca(QStringLiteral("ca-file"), QString(), QStringLiteral("F"));
    const QCommandLineOption window(QStringLiteral("window-bytes"), QString(), QStringLiteral("BYTES[:COMMANDS]"));
    const QCommandLineOption maxWindow(QStringLiteral("max-window-bytes"), QString(), QStringLiteral("BYTES"));
    const QCommandLineOption listOnly(QStringLiteral("list-only"), QStringLiteral("log in and list only (warm-up)"));
    parser.addOptions({ host, port, user, ca, window, maxWindow, listOnly });
    parser.process(app);
    QTextStream err(stderr);

    std::string password;
    std::getline(std::cin, password);

    Pop3::ConnectionSettings s;
    s.host = parser.value(host);
    s.port = static_cast<quint16>(parser.value(port).toUInt());
    s.caCertificates = QSslCertificate::fromPath(parser.value(ca));
    if (parser.isSet(window)) {
        const QStringList w = parser.value(window).split(QLatin1Char(':'));
        s.session.windowBytes = w.value(0).toULongLong();
        if (w.size() > 1)
            s.session.maxCommandsInFlight = w.value(1).toInt();
    }
    if (parser.isSet(maxWindow))
        s.maxWindowBytes = parser.value(maxWindow).toULongLong();
    Pop3::Credentials c;
    c.user = parser.value(user);
    c.secret = QByteArray::fromStdString(password);

    Pop3::Connection conn(s);
    CountingSink sink;
    QElapsedTimer timer;
    int exitCode = 0;
    quint32 messages = 0;
    QObject::connect(&conn, &Pop3::Connection::opened, &app, [&] { conn.login(c); });
    QObject::connect(&conn, &Pop3::Connection::loggedIn, &app, [&] { conn.listMessages(); });
    QObject::connect(&conn, &Pop3::Connection::listed, &app, [&](const std::vector<Pop3::MessageInfo> &list) {
        QList<quint32> numbers;
        for (const auto &m : list)
            numbers.append(m.number);
        messages = quint32(numbers.size());
        if (parser.isSet(listOnly))
            conn.quit();
        else
            conn.retrieve(numbers, &sink);
    });
    QObject::connect(&conn, &Pop3::Connection::retrieveFinished, &app, [&] { conn.quit(); });
    QObject::connect(&conn, &Pop3::Connection::quitConfirmed, &app, [&] { app.quit(); });
    QObject::connect(&conn, &Pop3::Connection::messageFailed, &app, [&](quint32 n, const Poplar::Error &e) {
        err << "message " << n << " failed: " << e.technicalDescription() << '\n';
        exitCode = 1;
    });
    QObject::connect(&conn, &Pop3::Connection::loginFailed, &app, [&](const Poplar::Error &e) {
        err << e.technicalDescription() << '\n';
        exitCode = 1;
        app.quit();
    });
    QObject::connect(&conn, &Pop3::Connection::failed, &app, [&](const Poplar::Error &e) {
        err << e.technicalDescription() << '\n';
        exitCode = 1;
        app.quit();
    });
    timer.start();
    conn.open();
    app.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    QTextStream(stdout) << "messages=" << messages << " bytes=" << sink.bytes << " seconds=" << seconds
                        << " largest_chunk=" << sink.largestChunk << " rtt_ms=" << conn.roundTripMs().value_or(-1)
                        << " window_bytes=" << conn.windowBytes() << '\n';
    return exitCode;
}
