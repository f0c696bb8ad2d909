#pragma once

#include "common/Error.h"

namespace Poplar {

// What kind of trouble an error code is: the one grouping of codes that
// the CLI's exit codes, the scheduler's reactions and the UI build on.
enum class ErrorCategory {
    None,            // no error
    Input,           // what was asked cannot be done as asked: a name, a value, a search term
    Internal,        // Poplar did something at the wrong moment (a bug; trying again may help)
    Cancelled,       // the user (or caller) stopped it
    Missing,         // no such message, folder, file or account (here or on the server)
    Store,           // the local mail store: busy, damaged or failing
    Disk,            // the disk refused data (full, or failing)
    Credentials,     // the password: not saved, or the keychain locked or unavailable
    AccountBusy,     // another fetch of the account is running
    Network,         // the server could not be reached, or the connection was lost or stalled
    Tls,             // the secure connection: handshake, certificate, STARTTLS
    Authentication,  // signing in: rejected, no usable or safe mechanism
    Protocol,        // the server broke the protocol or Poplar's bounds
    ServerBusy,      // the server asks to try later: in use, login delay, temporary trouble
    Server,          // the server refuses for good, or reports an unspecified error
    Refused,         // the outgoing server refuses one message: its sender, a recipient, its content or size
};

// Every code's category (each code has exactly one).
[[nodiscard]] ErrorCategory errorCategory(ErrorCode code);

}  // namespace Poplar
