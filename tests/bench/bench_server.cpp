// Starts a private Dovecot with a generated maildrop for the benchmarks and
// keeps it running until standard input closes.
//
//   poplar-bench-server --mix realistic|large --messages N --info FILE [--listen ADDR]
//
// realistic: N messages, most 2–20 KB, every 40th 100 KB–2 MB (an
//            attachment), about 340 MB for N = 10,000; deterministic.
// large:     one message of 50 MB.
// ADDR:      the IPv4 address to listen on (default 127.0.0.1); the
//            certificate names it.
// FILE receives shell assignments: HOST, PORT, USER, PASSWORD, CA_FILE,
// MESSAGES, BYTES, LOG (Dovecot's log: each session's logout line counts
// what it retrieved).

#include "DovecotServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QTextStream>

#include <cmath>

#include <unistd.h>

namespace {

QByteArray base64Lines(qsizetype bytes, QRandomGenerator &rng)
{
    QByteArray raw(bytes * 3 / 4, Qt::Uninitialized);
    for (qsizetype i = 0; i + 4 <= raw.size(); i += 4) {
        const quint32 v = rng.generate();
        memcpy(raw.data() + i, &v, 4);
    }
    const QByteArray b64 = raw.toBase64();
    QByteArray out;
    out.reserve(b64.size() + b64.size() / 76 + 2);
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + '\n';
    return out;
}

QByteArray textLines(qsizetype bytes, QRandomGenerator &rng)
{
    static const char *words[]
        = { "the", "mail", "server", "poplar", "message", "offline", "reading", "pane", "download", "attachment",
              "meeting", "tomorrow", "report", "quarter", "thanks", "regards", ".dot", "und", "caf\xc3\xa9" };
    QByteArray out;
    out.reserve(bytes + 100);
    int col = 0;
    while (out.size() < bytes) {
        const char *w = words[rng.bounded(int(sizeof(words) / sizeof(*words)))];
        if (col == 0 && rng.bounded(40) == 0)
            out += '.';
        out += w;
        col += int(strlen(w)) + 1;
        if (col > 70) {
            out += '\n';
            col = 0;
        } else {
            out += ' ';
        }
    }
    out += '\n';
    return out;
}

QByteArray makeMessage(int id, qsizetype bodyBytes, bool attachment, QRandomGenerator &rng)
{
    QByteArray m = "From: Sender " + QByteArray::number(id % 97) + " <sender" + QByteArray::number(id % 97)
        + "@example.test>\nTo: alice@example.test\nSubject: Benchmark message " + QByteArray::number(id)
        + "\nDate: Mon, 2 Nov 2026 10:00:00 +0000\nMessage-ID: <bench-" + QByteArray::number(id)
        + "@poplar.test>\nMIME-Version: 1.0\n";
    if (!attachment) {
        m += "Content-Type: text/plain; charset=utf-8\n\n" + textLines(bodyBytes, rng);
        return m;
    }
    m += "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\n"
        + textLines(2000, rng)
        + "--b1\nContent-Type: application/octet-stream; name=\"data.bin\"\nContent-Transfer-Encoding: base64\n"
          "Content-Disposition: attachment; filename=\"data.bin\"\n\n"
        + base64Lines(bodyBytes, rng) + "--b1--\n";
    return m;
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption mixOpt(QStringLiteral("mix"), QStringLiteral("realistic or large"), QStringLiteral("MIX"),
        QStringLiteral("realistic"));
    const QCommandLineOption countOpt(
        QStringLiteral("messages"), QStringLiteral("message count"), QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption infoOpt(
        QStringLiteral("info"), QStringLiteral("where to write the server details"), QStringLiteral("FILE"));
    const QCommandLineOption listenOpt(QStringLiteral("listen"), QStringLiteral("the IPv4 address to listen on"),
        QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    parser.addOptions({ mixOpt, countOpt, infoOpt, listenOpt });
    parser.process(app);
    QTextStream err(stderr);

    Poplar::DovecotServer server;
    if (!server.setListenAddress(QHostAddress(parser.value(listenOpt)))) {
        err << "not an IPv4 address to listen on: " << parser.value(listenOpt) << '\n';
        return 2;
    }
    QRandomGenerator rng(20261122);
    qint64 total = 0;
    int count = 0;
    if (parser.value(mixOpt) == QLatin1String("large")) {
        const QByteArray m = makeMessage(1, 50 * 1024 * 1024, true, rng);
        if (!server.addMessage(m))
            return 1;
        total = m.size();
        count = 1;
    } else {
        count = parser.value(countOpt).toInt();
        for (int i = 1; i <= count; ++i) {
            // Every 40th message carries an attachment of 100 KB–2 MB, skewed
            // towards the small end; the rest are 2–20 KB of text.
            const bool big = i % 40 == 0;
            const double u = rng.generateDouble();
            const qsizetype size
                = big ? qsizetype(100 * 1024 + 1900 * 1024 * std::pow(u, 1.5)) : 2 * 1024 + rng.bounded(18 * 1024);
            const QByteArray m = makeMessage(i, size, big, rng);
            if (!server.addMessage(m)) {
                err << "could not write message " << i << '\n';
                return 1;
            }
            total += m.size();
        }
    }
    QString error;
    if (!server.start(&error)) {
        err << error << '\n';
        return 1;
    }
    QFile info(parser.value(infoOpt));
    if (!info.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 1;
    QTextStream out(&info);
    out << "HOST=" << server.host() << "\nPORT=" << server.tlsPort() << "\nUSER=" << server.userName() << "\nPASSWORD='"
        << server.password() << "'\nCA_FILE=" << server.certificatePath() << "\nMESSAGES=" << count
        << "\nBYTES=" << total << "\nLOG=" << server.directory() << "/dovecot.log\n";
    out.flush();
    info.close();

    // Run until standard input reaches its end.
    QSocketNotifier stdinWatch(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinWatch, &QSocketNotifier::activated, &app, [&] {
        char buf[256];
        if (::read(STDIN_FILENO, buf, sizeof buf) <= 0)
            app.quit();
    });
    app.exec();
    server.stop();
    return 0;
}
