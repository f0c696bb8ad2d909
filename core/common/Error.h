#pragma once

#include "common/ServerText.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace Poplar {

Q_NAMESPACE

// Every failure Poplar can report, as a code. Only ui/ turns these into
// translated sentences; the core never shows text to a user.
enum class ErrorCode {
    None = 0,

    // Local / caller errors
    InvalidArgument,
    InvalidState,
    Cancelled,
    NotFound,          // no such message, folder or file
    LocalWriteFailed,  // a sink (store, file) refused data
    DiskFull,          // the disk (or the database's size limit) is full
    StoreBusy,         // another program holds the store's write lock too long
    StoreCorrupt,      // the database file is damaged or not a Poplar store
    StoreError,        // any other failure of the local store
    SearchSyntax,      // a search term Poplar cannot read; detail holds the term as typed

    // Credentials (the system keychain)
    CredentialNotStored,  // the keychain answered: no password is stored for this account
    KeychainLocked,       // the keychain is there but locked, or access was refused
    KeychainUnavailable,  // no keychain answered (none installed, no session, no reply in time)

    // Fetching
    FetchRunning,     // another fetch of this account is running (this or another program)
    UidlUnsupported,  // leaving mail on a server without UIDL needs the user's consent to the fallback
    NotOnServer,      // the message was not fetched from a server, or the server no longer has it

    // Connection and transport
    HostNotFound,
    ConnectionRefused,
    ConnectionFailed,
    ConnectionLost,
    ConnectTimeout,
    IdleTimeout,
    ProxyFailed,

    // TLS
    TlsHandshakeFailed,
    CertificateUntrusted,  // the user (or caller) rejected an untrusted certificate
    CertificateChanged,    // differs from the pinned fingerprint and is not trusted otherwise
    StlsUnavailable,       // STLS required but the server does not offer it
    StlsFailed,            // the server refused STLS or the upgrade failed

    // Protocol
    ProtocolError,    // garbage where +OK/-ERR belongs, bad syntax
    ResponseTooLong,  // a line beyond the bound outside message data

    // Authentication
    AuthFailed,  // credentials rejected ([AUTH] or -ERR after PASS/AUTH)
    AuthMechanismUnavailable,
    InsecureAuthRefused,     // would send a cleartext credential over an unencrypted link
    ServerSignatureInvalid,  // SCRAM: the server could not prove it knows the password

    // Server conditions (RFC 2449 / RFC 3206 response codes)
    MailboxInUse,     // [IN-USE]
    LoginDelay,       // [LOGIN-DELAY]
    ServerTemporary,  // [SYS/TEMP]
    ServerPermanent,  // [SYS/PERM]
    Utf8Required,     // [UTF8]
    ServerError,      // a plain -ERR, or an unknown response code

    // Bounds on what a server may make Poplar do
    MessageOversized,      // a message's data ran far past the size LIST gave for it (or a header past its bound)
    ServerTooSlow,         // the server sent too little for too long while Poplar waited (a trickle)
    ListingTooLarge,       // LIST or UIDL named more messages, or sent more octets, than Poplar accepts
    AuthTooWeak,           // the server asked for a weak login (a SCRAM iteration count below 4096)
    Utf8LoginUnsupported,  // a non-ASCII user name or password, and no mechanism offered can carry it
    UidlRefused,           // the server offers UIDL but refused it, and its messages could not be recognised otherwise

    // What the user asked for cannot be done as asked (local folders, accounts, files)
    FolderExists,        // the folder (or the target folder) already holds a folder of that name
    FolderNameInvalid,   // empty, "/", control characters, a space at either end, too long
    FolderPathInvalid,   // a local folder path that does not start with "Local/"
    FolderProtected,     // Inbox and Trash are not renamed, moved, deleted or given subfolders
    FolderIntoItself,    // a folder cannot move into itself or one of its subfolders
    AccountNameTaken,    // another account has that name (in any case)
    AccountNameInvalid,  // empty, "/", a space at either end, too long, or "Local"/"Trash"
    FileExists,          // the file (or a link) at that name exists; Poplar never replaces one
    ProfileHasStore,     // a restore goes only into a profile without mail
    NotMbox,             // the file is not an mbox file (no "From " line first)

    // Writing mail
    AddressInvalid,          // not an address mail can go to; detail names it
    Utf8AddressUnsupported,  // an address's local part is not ASCII, and the server cannot take that (no SMTPUTF8)
    NoRecipients,            // a message with nobody in To, Cc or Bcc
    NoOutgoingServer,        // the account has no outgoing server set up, so nothing can be sent with it
    SendRunning,             // the account's outbox is being sent already (this or another program)
    EightBitUnsupported,     // 8-bit text in a message's body, and the server cannot take it (no 8BITMIME)

    // The outgoing server refused a message for good (its 5xx reply in serverText)
    SenderRejected,     // MAIL FROM: the sender address (often: not one this login may send as)
    RecipientRejected,  // RCPT TO: a recipient (each refused one is named where the error travels)
    MessageRejected,    // DATA or the message itself: its content or the server's policy
    MessageTooBig,      // larger than the server takes (its SIZE limit, or a 552 / X.3.4 reply)
};
Q_ENUM_NS(ErrorCode)

// A typed error: the code decides behaviour; the server's own words travel
// alongside, untrusted, bounded and never mixed into the client's text.
struct Error {
    ErrorCode code = ErrorCode::None;
    QString responseCode;   // RESP-CODE as sent, e.g. "IN-USE", "SYS/TEMP", or an unknown one
    ServerText serverText;  // the server's raw text, bounded; escape before showing
    QString detail;         // technical detail from the client side (not translated, for logs)

    Error() = default;
    explicit Error(ErrorCode c, QString technicalDetail = {})
        : code(c)
        , detail(std::move(technicalDetail))
    { }

    [[nodiscard]] bool isError() const { return code != ErrorCode::None; }
    explicit operator bool() const { return isError(); }

    // A one-line technical description for logs and the CLI's --verbose output:
    // the code name, the response code and the escaped server text.
    [[nodiscard]] QString technicalDescription() const;
};

// The stable name of a code ("AuthFailed"), for logs and JSON output.
[[nodiscard]] QString errorCodeName(ErrorCode code);
// The code errorCodeName() gave that name; none for an unknown name.
[[nodiscard]] std::optional<ErrorCode> errorCodeFromName(const QString &name);

}  // namespace Poplar

Q_DECLARE_METATYPE(Poplar::Error)
