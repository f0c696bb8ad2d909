#pragma once

#include "pop3/Types.h"
#include "sasl/Sasl.h"

// The SASL clients live in core/sasl, shared with SMTP; POP3 code calls them
// by their old names.
namespace Pop3 {
using Sasl::constantTimeEquals;
using Sasl::createSaslClient;
using Sasl::hmac;
using Sasl::randomNonce;
using Sasl::SaslClient;
using Sasl::SaslParameters;
using Sasl::secretDigest;
namespace Scram = Sasl::Scram;
using Poplar::wipe;
}  // namespace Pop3
