#pragma once

#include "common/Error.h"

// poplar-cli's exit codes, stable for scripts, cron and systemd units.
// Documented in README.md ("Exit codes").
namespace Poplar::Cli {

enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,         // anything not covered below
    ExitUsage = 2,           // bad command line
    ExitConnection = 3,      // host not found, refused, timeout, lost, proxy
    ExitTls = 4,             // TLS handshake, untrusted or changed certificate, STLS missing
    ExitAuthentication = 5,  // credentials rejected, no usable mechanism, insecure refused
    ExitProtocol = 6,        // the server broke the protocol
    ExitServerBusy = 7,      // in use, login delay, temporary failure: try later
    ExitServer = 8,          // permanent or unspecified server error
    ExitLocal = 9,           // local store or file error
    ExitNotFound = 10,       // no such message, folder or file
    ExitCredentials = 11,    // no password saved, keychain locked or unavailable
    ExitFetchRunning = 12,   // another fetch of the account is running: try later
    ExitPartial = 13,        // done, but some messages could not be downloaded (each is named)
    ExitRejected = 14,       // the outgoing server refused a message: its sender, a recipient or its content
    ExitTooBig = 15,         // the message is larger than the outgoing server takes
    ExitQueued = 16,         // send: not sent now; it waits in the outbox and goes later by itself (do not send again)
    ExitInDoubt = 17,        // the connection ended after a message's final dot: it may have been sent
};

[[nodiscard]] int exitCodeFor(const Poplar::Error &error);

}  // namespace Poplar::Cli
