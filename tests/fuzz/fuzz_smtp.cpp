// libFuzzer target: arbitrary server bytes into the SMTP reply reader and
// the EHLO capabilities, and arbitrary message bytes through DATA's
// dot-stuffing.
//
// The first input byte picks the read size. Besides memory errors
// (ASan/UBSan), it checks what the pieces promise: every reply keeps within
// its bounds and has a valid code; nothing is read after an error; the
// encoded DATA has only CRLF line ends, no line that is a lone "." before
// its end, and decodes (with the POP3 engine's decoder) to the message with
// its line ends made CRLF.

#include "pop3/DotDecoder.h"
#include "smtp/Capabilities.h"
#include "smtp/DotEncoder.h"
#include "smtp/Reply.h"

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    if (size < 1)
        return 0;
    const int chunk = 1 + bytes[0] % 97;
    const QByteArrayView input(reinterpret_cast<const char *>(bytes) + 1, static_cast<qsizetype>(size - 1));
    replies(input, chunk);
    data(input, chunk);
    return 0;
}
