#include "common/ErrorCategory.h"

namespace Poplar {

ErrorCategory errorCategory(ErrorCode code)
{
    // Every code is listed (no default), so a new one cannot slip in
    // without a category.
    switch (code) {
    case ErrorCode::None: return ErrorCategory::None;

    case ErrorCode::InvalidArgument:
    case ErrorCode::SearchSyntax:
    case ErrorCode::FolderExists:
    case ErrorCode::FolderNameInvalid:
    case ErrorCode::FolderPathInvalid:
    case ErrorCode::FolderProtected:
    case ErrorCode::FolderIntoItself:
    case ErrorCode::AccountNameTaken:
    case ErrorCode::AccountNameInvalid:
    case ErrorCode::FileExists:
    case ErrorCode::ProfileHasStore:
    case ErrorCode::NotMbox:
    case ErrorCode::AddressInvalid:
    case ErrorCode::Utf8AddressUnsupported:
    case ErrorCode::NoRecipients: return ErrorCategory::Input;

    case ErrorCode::InvalidState: return ErrorCategory::Internal;
    case ErrorCode::Cancelled: return ErrorCategory::Cancelled;

    case ErrorCode::NotFound:
    case ErrorCode::NotOnServer: return ErrorCategory::Missing;

    case ErrorCode::StoreBusy:
    case ErrorCode::StoreCorrupt:
    case ErrorCode::StoreError: return ErrorCategory::Store;
    case ErrorCode::LocalWriteFailed:
    case ErrorCode::DiskFull: return ErrorCategory::Disk;

    case ErrorCode::CredentialNotStored:
    case ErrorCode::KeychainLocked:
    case ErrorCode::KeychainUnavailable: return ErrorCategory::Credentials;

    case ErrorCode::FetchRunning: return ErrorCategory::AccountBusy;

    case ErrorCode::HostNotFound:
    case ErrorCode::ConnectionRefused:
    case ErrorCode::ConnectionFailed:
    case ErrorCode::ConnectionLost:
    case ErrorCode::ConnectTimeout:
    case ErrorCode::IdleTimeout:
    case ErrorCode::ProxyFailed:
    case ErrorCode::ServerTooSlow: return ErrorCategory::Network;

    case ErrorCode::TlsHandshakeFailed:
    case ErrorCode::CertificateUntrusted:
    case ErrorCode::CertificateChanged:
    case ErrorCode::StlsUnavailable:
    case ErrorCode::StlsFailed: return ErrorCategory::Tls;

    case ErrorCode::AuthFailed:
    case ErrorCode::AuthMechanismUnavailable:
    case ErrorCode::InsecureAuthRefused:
    case ErrorCode::ServerSignatureInvalid:
    case ErrorCode::AuthTooWeak:
    case ErrorCode::Utf8LoginUnsupported: return ErrorCategory::Authentication;

    case ErrorCode::ProtocolError:
    case ErrorCode::ResponseTooLong:
    case ErrorCode::MessageOversized:
    case ErrorCode::ListingTooLarge: return ErrorCategory::Protocol;

    case ErrorCode::MailboxInUse:
    case ErrorCode::LoginDelay:
    case ErrorCode::ServerTemporary:
    case ErrorCode::UidlRefused: return ErrorCategory::ServerBusy;

    case ErrorCode::ServerPermanent:
    case ErrorCode::Utf8Required:
    case ErrorCode::ServerError:
    case ErrorCode::UidlUnsupported: return ErrorCategory::Server;

    case ErrorCode::SenderRejected:
    case ErrorCode::RecipientRejected:
    case ErrorCode::MessageRejected:
    case ErrorCode::MessageTooBig: return ErrorCategory::Refused;
    case ErrorCode::NoOutgoingServer: return ErrorCategory::Input;
    case ErrorCode::SendRunning: return ErrorCategory::AccountBusy;
    case ErrorCode::EightBitUnsupported: return ErrorCategory::Input;
    }
    return ErrorCategory::Internal;
}

}  // namespace Poplar
