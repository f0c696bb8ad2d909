#include "ExitCodes.h"

namespace Poplar::Cli {

int exitCodeFor(const Poplar::Error &error)
{
    switch (error.code) {
    case ErrorCode::None: return ExitOk;
    case ErrorCode::InvalidArgument:
    case ErrorCode::SearchSyntax: return ExitUsage;
    case ErrorCode::HostNotFound:
    case ErrorCode::ConnectionRefused:
    case ErrorCode::ConnectionFailed:
    case ErrorCode::ConnectionLost:
    case ErrorCode::ConnectTimeout:
    case ErrorCode::IdleTimeout:
    case ErrorCode::ProxyFailed: return ExitConnection;
    case ErrorCode::TlsHandshakeFailed:
    case ErrorCode::CertificateUntrusted:
    case ErrorCode::CertificateChanged:
    case ErrorCode::StlsUnavailable:
    case ErrorCode::StlsFailed: return ExitTls;
    case ErrorCode::AuthFailed:
    case ErrorCode::AuthMechanismUnavailable:
    case ErrorCode::InsecureAuthRefused:
    case ErrorCode::ServerSignatureInvalid: return ExitAuthentication;
    case ErrorCode::ProtocolError:
    case ErrorCode::ResponseTooLong: return ExitProtocol;
    case ErrorCode::MailboxInUse:
    case ErrorCode::LoginDelay:
    case ErrorCode::ServerTemporary: return ExitServerBusy;
    case ErrorCode::ServerPermanent:
    case ErrorCode::Utf8Required:
    case ErrorCode::ServerError: return ExitServer;
    case ErrorCode::LocalWriteFailed:
    case ErrorCode::DiskFull:
    case ErrorCode::StoreBusy:
    case ErrorCode::StoreCorrupt:
    case ErrorCode::StoreError: return ExitLocal;
    case ErrorCode::NotFound:
    case ErrorCode::NotOnServer: return ExitNotFound;
    case ErrorCode::CredentialNotStored:
    case ErrorCode::KeychainLocked:
    case ErrorCode::KeychainUnavailable: return ExitCredentials;
    case ErrorCode::FetchRunning: return ExitFetchRunning;
    case ErrorCode::UidlUnsupported: return ExitServer;
    case ErrorCode::InvalidState:
    case ErrorCode::Cancelled: return ExitFailure;
    case ErrorCode::ServerTooSlow: return ExitConnection;
    case ErrorCode::MessageOversized:
    case ErrorCode::ListingTooLarge: return ExitProtocol;
    case ErrorCode::AuthTooWeak:
    case ErrorCode::Utf8LoginUnsupported: return ExitAuthentication;
    case ErrorCode::UidlRefused: return ExitServerBusy;
    }
    return ExitFailure;
}

}  // namespace Poplar::Cli
