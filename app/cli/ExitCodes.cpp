#include "ExitCodes.h"

#include "common/ErrorCategory.h"

namespace Poplar::Cli {

int exitCodeFor(const Poplar::Error &error)
{
    switch (errorCategory(error.code)) {
    case ErrorCategory::None: return ExitOk;
    case ErrorCategory::Input: return ExitUsage;
    case ErrorCategory::Internal:
    case ErrorCategory::Cancelled: return ExitFailure;
    case ErrorCategory::Missing: return ExitNotFound;
    case ErrorCategory::Store:
    case ErrorCategory::Disk: return ExitLocal;
    case ErrorCategory::Credentials: return ExitCredentials;
    case ErrorCategory::AccountBusy: return ExitFetchRunning;
    case ErrorCategory::Network: return ExitConnection;
    case ErrorCategory::Tls: return ExitTls;
    case ErrorCategory::Authentication: return ExitAuthentication;
    case ErrorCategory::Protocol: return ExitProtocol;
    case ErrorCategory::ServerBusy: return ExitServerBusy;
    case ErrorCategory::Server: return ExitServer;
    case ErrorCategory::Refused: return error.code == ErrorCode::MessageTooBig ? ExitTooBig : ExitRejected;
    }
    return ExitFailure;
}

}  // namespace Poplar::Cli
