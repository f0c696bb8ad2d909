#pragma once

#include "common/ProtocolLog.h"

// The protocol log is shared with SMTP (core/common); POP3 code calls it by
// its old names.
namespace Pop3 {
using Poplar::LogEntry;
using Poplar::ProtocolLog;
}  // namespace Pop3
