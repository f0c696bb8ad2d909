// libFuzzer target: arbitrary server bytes into the SMTP reply reader, the
// EHLO capabilities and a whole submission session, and arbitrary message
// bytes through DATA's dot-stuffing.
//
// The first input byte picks the read size. Besides memory errors
// (ASan/UBSan), it checks what the pieces promise: every reply keeps within
// its bounds and has a valid code; nothing is read after an error; the
// encoded DATA has only CRLF line ends, no line that is a lone "." before
// its end, and decodes (with the POP3 engine's decoder) to the message with
// its line ends made CRLF. The session, answered by the input, ends each
// message exactly once (accepted, failed or in doubt), never accepted or in
// doubt before its final dot went out, reports nothing after it failed or
// closed, writes nothing after that, and never logs the password.

#include "pop3/DotDecoder.h"
#include "smtp/Capabilities.h"
#include "smtp/DotEncoder.h"
#include "smtp/Reply.h"
#include "smtp/Session.h"

#include <map>
#include <set>

#include <cstdlib>

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

// `message` with every line end CRLF and its last line ended.
QByteArray normalized(QByteArrayView message)
{
    QByteArray out;
    for (qsizetype i = 0; i < message.size(); ++i) {
        const char c = message[i];
        if (c == '\r') {
            out.append("\r\n");
            if (i + 1 < message.size() && message[i + 1] == '\n')
                ++i;
        } else if (c == '\n') {
            out.append("\r\n");
        } else {
            out.append(c);
        }
    }
    if (!out.isEmpty() && !out.endsWith("\r\n"))
        out.append("\r\n");
    return out;
}

void replies(QByteArrayView input, int chunk)
{
    const Smtp::ReplyReader::Limits limits { 300, 20 };
    Smtp::ReplyReader reader(limits);
    bool failed = false;
    for (qsizetype at = 0; at < input.size(); at += chunk) {
        reader.feed(input.sliced(at, std::min<qsizetype>(chunk, input.size() - at)));
        while (reader.hasReply()) {
            check(!failed);  // nothing is read after an error
            const Smtp::Reply r = reader.takeReply();
            check(r.code >= 200 && r.code <= 599);
            check(!r.lines.isEmpty() && r.lines.size() <= limits.maxLines);
            for (const QByteArray &line : r.lines)
                check(line.size() <= limits.maxLineLength);
            check(r.enhanced.isEmpty() || r.enhanced.at(0) == char('0' + r.category()));
            const Smtp::Capabilities c = Smtp::Capabilities::fromEhlo(r);
            for (const QByteArray &m : c.authMechanisms)
                check(!m.isEmpty() && m == m.toUpper() && c.authMechanisms.count(m) == 1);
            check(r.text().raw().size() <= Poplar::ServerText::MaxLength);
        }
        failed = bool(reader.error());
    }
}

void data(QByteArrayView message, int chunk)
{
    Smtp::DotEncoder encoder;
    QByteArray wire;
    for (qsizetype at = 0; at < message.size(); at += chunk)
        encoder.encode(message.sliced(at, std::min<qsizetype>(chunk, message.size() - at)), wire);
    encoder.finish(wire);
    check(encoder.taken() == message.size());
    check(wire.endsWith(".\r\n"));
    for (qsizetype i = 0; i < wire.size(); ++i) {
        if (wire[i] == '\n')
            check(i > 0 && wire[i - 1] == '\r');
        if (wire[i] == '\r')
            check(i + 1 < wire.size() && wire[i + 1] == '\n');
    }
    const qsizetype terminator = wire.indexOf("\r\n.\r\n");
    check(terminator < 0 ? wire == ".\r\n" : terminator == wire.size() - 5);

    Pop3::DotDecoder decoder;
    QByteArray decoded;
    const Pop3::DotDecoder::Step step = decoder.decode(wire, decoded);
    check(step.done && step.consumed == wire.size());
    check(decoded == normalized(message));
}

void session(QByteArrayView input, int chunk, unsigned variant)
{
    Smtp::SessionOptions options;
    options.nonceGenerator = [] { return QByteArray("fuzznonce"); };
    options.requireStartTls = variant & 1;
    Smtp::Session s(options);
    s.setLinkEncrypted(variant & 2);
    if (variant & 1)
        s.startTls();
    Sasl::Credentials creds;
    creds.user = QStringLiteral("alice");
    creds.secret = Poplar::Secret(QByteArray("pencil-secret"));
    s.authenticate(creds);
    Smtp::Envelope e;
    e.from = "alice@example.org";
    e.recipients = { "bob@example.net", "carol@example.net" };
    e.size = 40;
    std::set<Smtp::SendId> ids { s.send(e), s.send(e) };
    s.quit();

    std::map<Smtp::SendId, int> outcomes;
    std::set<Smtp::SendId> dotSent;
    std::optional<Smtp::SendId> dataFor;
    bool ended = false;
    bool failed = false;
    int quits = 0;  // QUIT goes out once at most, however the session ends
    auto drain = [&] {
        const bool endedBefore = ended;
        bool closedNow = false;
        for (const Smtp::Event &ev : s.takeEvents()) {
            check(!ended);
            if (const auto *w = std::get_if<Smtp::Events::DataWanted>(&ev)) {
                check(ids.count(w->id) && !dotSent.count(w->id));
                dataFor = w->id;
            } else if (const auto *a = std::get_if<Smtp::Events::MessageAccepted>(&ev)) {
                check(dotSent.count(a->id) == 1);
                ++outcomes[a->id];
            } else if (const auto *d = std::get_if<Smtp::Events::MessageInDoubt>(&ev)) {
                check(dotSent.count(d->id) == 1);
                ++outcomes[d->id];
            } else if (const auto *f = std::get_if<Smtp::Events::MessageFailed>(&ev)) {
                check(ids.count(f->id) == 1);
                ++outcomes[f->id];
            } else if (std::holds_alternative<Smtp::Events::StartTlsReady>(ev)) {
                s.tlsEstablished();
            } else if (std::holds_alternative<Smtp::Events::SessionFailed>(ev)) {
                ended = failed = true;
            } else if (std::holds_alternative<Smtp::Events::Closed>(ev)) {
                ended = closedNow = true;
            }
        }
        if (dataFor && s.wantsData()) {
            s.writeData("Subject: x\n\n.line\nmore");
            dotSent.insert(*dataFor);
            s.endData();
            dataFor.reset();
        }
        for (const Poplar::LogEntry &l : s.takeLogEntries())
            check(!l.text.contains("pencil") && !l.text.contains(QByteArray("\0alice\0pencil-secret", 20).toBase64())
                && !l.text.contains(QByteArray("pencil-secret").toBase64()));
        // Nothing is written after a failure, not even what the same read
        // made it write; a session closed by the reply to its QUIT may still
        // hand out that QUIT (a server answering early), and nothing after.
        const QByteArray out = s.takeOutgoing();
        quits += int(out.count("QUIT\r\n"));
        check(quits <= 1);
        if (failed || endedBefore)
            check(out.isEmpty());
        else if (closedNow)
            check(out.isEmpty() || out.endsWith("QUIT\r\n"));
    };
    drain();
    for (qsizetype at = 0; at < input.size(); at += chunk) {
        s.feed(input.sliced(at, std::min<qsizetype>(chunk, input.size() - at)));
        drain();
    }
    s.connectionClosed();
    drain();
    check(ended);
    for (Smtp::SendId id : ids)
        check(outcomes[id] == 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    if (size < 1)
        return 0;
    const int chunk = 1 + bytes[0] % 97;
    const QByteArrayView input(reinterpret_cast<const char *>(bytes) + 1, static_cast<qsizetype>(size - 1));
    replies(input, chunk);
    data(input, chunk);
    session(input, chunk, bytes[0] / 97);
    return 0;
}
