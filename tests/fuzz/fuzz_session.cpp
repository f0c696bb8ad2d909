// libFuzzer target: arbitrary server bytes into Pop3::Session::feed.
//
// The first input byte picks the read size; the session has a full set of
// commands queued (CAPA, UTF8, login, STAT, LIST, UIDL, TOP, RETR, DELE, QUIT)
// so the server bytes exercise every parser, with small bounds on listings,
// headers and message data so those paths are reached too. Besides memory
// errors (ASan/UBSan), it checks the engine's promises: the password never
// appears in the protocol log, buffered input stays bounded, nothing is sent
// after a fatal error, no message data beyond its bound is handed out, and
// every command ends in exactly one completion event.

#include "pop3/Session.h"

#include <cstdlib>
#include <map>
#include <set>

namespace {
const QByteArray kPassword = "fuzz-pa55-word";

void check(bool ok)
{
    if (!ok)
        std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const int chunk = 1 + data[0] % 97;
    const bool encrypted = data[1] & 1;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 2, static_cast<qsizetype>(size - 2));

    Pop3::SessionOptions options;
    options.windowBytes = 12 * 1024;
    options.unknownSizeCharge = 2048;
    options.maxCommandsInFlight = 4;
    options.maxLineLength = 4096;
    options.maxListingEntries = 2000;
    options.maxListingBytes = 64 * 1024;
    options.maxHeaderBytes = 2048;
    options.nonceGenerator = [] { return QByteArray("fuzznonce0123456789"); };
    Pop3::Session session(options);
    session.setLinkEncrypted(encrypted);

    std::set<Pop3::CommandId> issued;
    issued.insert(session.capa());
    issued.insert(session.utf8());
    Pop3::Credentials creds;
    // Sometimes beyond ASCII, to reach the UTF8 login rules.
    creds.user = (data[1] & 4) ? QStringLiteral("f\u00fczz") : QStringLiteral("fuzz");
    creds.secret = kPassword;
    creds.allowInsecure = data[1] & 2;
    issued.insert(session.authenticate(creds));
    issued.insert(session.stat());
    issued.insert(session.list());
    issued.insert(session.uidl());
    constexpr quint64 DataLimit = 8192;
    // Listed sizes below, at and above the window, and one unknown.
    issued.insert(session.top(1, 5, DataLimit, 100));
    issued.insert(session.retr(1, DataLimit, 5000));
    issued.insert(session.retr(2));
    issued.insert(session.retr(3, DataLimit, 20000));
    issued.insert(session.dele(1));
    issued.insert(session.quit());

    std::set<Pop3::CommandId> completed;
    std::map<Pop3::CommandId, quint64> delivered;
    bool failed = false;
    QByteArray sentAfterFailure;
    quint64 lastInflight = 0;
    auto drain = [&] {
        // The window only grows past its budget by a command sent alone.
        const quint64 inflight = session.inflightBytes();
        check(inflight <= lastInflight || inflight <= session.windowBytes() || session.outstandingCount() <= 1);
        check(session.outstandingCount() <= options.maxCommandsInFlight);
        lastInflight = inflight;
        const QByteArray out = session.takeOutgoing();
        if (failed)
            sentAfterFailure += out;
        for (const auto &e : session.takeLogEntries())
            check(!e.text.contains(kPassword));
        for (const auto &ev : session.takeEvents()) {
            std::visit(
                [&](const auto &e) {
                    using T = std::decay_t<decltype(e)>;
                    if constexpr (std::is_same_v<T, Pop3::Events::SessionFailed>) {
                        failed = true;
                    } else if constexpr (std::is_same_v<T, Pop3::Events::DataChunk>) {
                        // TOP 1 and RETR 1 never hand out more than their bound.
                        delivered[e.id] += quint64(e.bytes.size());
                        check(e.message != 1 || delivered[e.id] <= DataLimit);
                    } else if constexpr (std::is_same_v<T, Pop3::Events::Greeting>) {
                    } else {
                        // Every command completes once (CAPA after STLS has its own id).
                        if (issued.count(e.id))
                            check(completed.insert(e.id).second);
                    }
                },
                ev);
        }
    };
    drain();
    for (qsizetype i = 0; i < input.size(); i += chunk) {
        session.feed(input.sliced(i, std::min<qsizetype>(chunk, input.size() - i)));
        drain();
    }
    session.connectionClosed();
    drain();
    check(sentAfterFailure.isEmpty());
    check(session.inflightBytes() == 0);
    // After the connection closed, every command has completed.
    if (session.state() != Pop3::SessionState::Closed)
        check(completed.size() == issued.size());
    return 0;
}
