#include "text/ErrorText.h"

#include <QCoreApplication>

namespace Poplar::Ui {

namespace {
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
};
}  // namespace

QString errorMessage(const Error &error)
{
    switch (error.code) {
    case ErrorCode::None: return ErrorText::tr("No error.");
    case ErrorCode::InvalidArgument: return ErrorText::tr("The request was not valid.");
    case ErrorCode::InvalidState:
        return ErrorText::tr("Poplar tried to do something at the wrong moment. Please try again.");
    case ErrorCode::Cancelled: return ErrorText::tr("Cancelled. Nothing was deleted on the server.");
    case ErrorCode::LocalWriteFailed:
        return ErrorText::tr(
            "Poplar could not save mail on this computer (is the disk full?). Nothing was deleted on the server.");
    case ErrorCode::NotFound: return ErrorText::tr("The message, folder or file was not found.");
    case ErrorCode::DiskFull:
        return ErrorText::tr("The disk is full, so Poplar could not save mail. Free some space; nothing was lost and "
                             "nothing was deleted on the server.");
    case ErrorCode::StoreBusy:
        return ErrorText::tr("Another Poplar program is busy with your mail. Try again in a moment.");
    case ErrorCode::StoreCorrupt:
        return ErrorText::tr("Poplar's mail database is damaged or is not a Poplar database. Restore it from a "
                             "backup, or run \"poplar-cli check\" for details.");
    case ErrorCode::StoreError: return ErrorText::tr("Poplar's mail database reported an error.");
    case ErrorCode::SearchSyntax:
        return ErrorText::tr("The search term “%1” is not understood. Dates are written like "
                             "before:2026-11-22, has: takes “attachment”, is: takes unread, read, "
                             "flagged or unflagged, and folder: a folder path.")
            .arg(escapeUntrusted(error.detail.toUtf8()));
    case ErrorCode::CredentialNotStored:
        return ErrorText::tr("No password is saved for this account. Enter it again; Poplar keeps it in the "
                             "system keychain.");
    case ErrorCode::KeychainLocked:
        return ErrorText::tr("The system keychain is locked, so Poplar cannot read or save the password. Unlock it "
                             "(it usually unlocks when you log in), or enter the password for this session only.");
    case ErrorCode::KeychainUnavailable:
        return ErrorText::tr("No system keychain is available to keep the password (is a Secret Service such as "
                             "GNOME Keyring or KWallet running?). You can enter the password for this session only; "
                             "Poplar never saves it anywhere else.");
    case ErrorCode::FetchRunning:
        return ErrorText::tr("This account is already being checked for mail (perhaps by another Poplar program). "
                             "Try again when that has finished.");
    case ErrorCode::UidlUnsupported:
        return ErrorText::tr("This server cannot tell messages apart (it lacks UIDL), so Poplar cannot leave mail on "
                             "it without downloading it again. Let Poplar delete mail from the server after "
                             "downloading it, or accept matching messages by Message-ID, size and date (a "
                             "message without a Message-ID may then be downloaded twice).");
    case ErrorCode::NotOnServer:
        return ErrorText::tr("This message is not on the server (any more), or it was not fetched from one, so "
                             "Poplar cannot download the rest of it or delete it there.");
    case ErrorCode::HostNotFound:
        return ErrorText::tr("The server name could not be found. Check the server name and your network.");
    case ErrorCode::ConnectionRefused:
        return ErrorText::tr(
            "The server refused the connection. Check the server name, the port and the security setting.");
    case ErrorCode::ConnectionFailed:
        return ErrorText::tr("Could not connect to the server. Check your network connection.");
    case ErrorCode::ConnectionLost:
        return ErrorText::tr("The connection to the server was lost. Nothing was deleted on the server.");
    case ErrorCode::ConnectTimeout:
        return ErrorText::tr("The server did not answer in time. It may be down, or the port may be wrong.");
    case ErrorCode::IdleTimeout:
        return ErrorText::tr("The server stopped answering. Nothing was deleted on the server.");
    case ErrorCode::ProxyFailed: return ErrorText::tr("The proxy server could not be used. Check the proxy settings.");
    case ErrorCode::TlsHandshakeFailed:
        return ErrorText::tr(
            "A secure connection could not be set up. The server may not support the chosen security setting.");
    case ErrorCode::CertificateUntrusted:
        return ErrorText::tr("The server's certificate is not trusted, so Poplar did not connect.");
    case ErrorCode::CertificateChanged:
        return ErrorText::tr(
            "The server's certificate has changed since you trusted it. This can mean someone is intercepting "
            "the connection. Poplar did not connect.");
    case ErrorCode::StlsUnavailable:
        return ErrorText::tr(
            "The server does not offer STARTTLS, so Poplar did not send your password. Use TLS on port 995 if "
            "the server supports it.");
    case ErrorCode::StlsFailed:
        return ErrorText::tr(
            "Switching to a secure connection (STARTTLS) failed, so Poplar did not send your password.");
    case ErrorCode::ProtocolError:
        return ErrorText::tr("The server sent a reply Poplar does not understand. Nothing was deleted on the server.");
    case ErrorCode::ResponseTooLong:
        return ErrorText::tr(
            "The server sent an overlong reply and Poplar stopped reading. Nothing was deleted on the server.");
    case ErrorCode::AuthFailed: return ErrorText::tr("The server did not accept the user name or password.");
    case ErrorCode::AuthMechanismUnavailable:
        return ErrorText::tr("The server offers no sign-in method that Poplar can use with these settings.");
    case ErrorCode::InsecureAuthRefused:
        return ErrorText::tr(
            "The server would receive your password unencrypted, so Poplar did not send it. Use TLS or STARTTLS, "
            "or allow insecure connections for this account.");
    case ErrorCode::ServerSignatureInvalid:
        return ErrorText::tr(
            "The server could not prove that it knows your password. It may not be the server you think it is.");
    case ErrorCode::MailboxInUse: return ErrorText::tr("The mailbox is in use by another mail program.");
    case ErrorCode::LoginDelay: return ErrorText::tr("The server does not allow checking mail this often yet.");
    case ErrorCode::ServerTemporary: return ErrorText::tr("The server has a temporary problem.");
    case ErrorCode::ServerPermanent:
        return ErrorText::tr("The server refused access permanently. Contact your mail provider.");
    case ErrorCode::Utf8Required: return ErrorText::tr("The server requires UTF-8 support for this account.");
    case ErrorCode::ServerError: return ErrorText::tr("The server reported an error.");
    case ErrorCode::MessageOversized:
        return ErrorText::tr("The server sent far more for a message than the size it announced for it, so Poplar "
                             "stopped reading. Nothing was deleted on the server.");
    case ErrorCode::ServerTooSlow:
        return ErrorText::tr("The server sent data too slowly for too long, so Poplar ended the connection. Nothing "
                             "was deleted on the server.");
    case ErrorCode::ListingTooLarge:
        return ErrorText::tr("The server lists more messages than Poplar can handle at once, so Poplar stopped. "
                             "Delete or move some mail on the server (for example in its webmail) and try again.");
    case ErrorCode::AuthTooWeak:
        return ErrorText::tr("The server asked for a login protected too weakly to be safe, so Poplar did not send "
                             "your password.");
    case ErrorCode::Utf8LoginUnsupported:
        return ErrorText::tr("Your user name or password contains characters beyond plain ASCII, and the server "
                             "offers no sign-in method that can carry them. Nothing was sent.");
    case ErrorCode::UidlRefused:
        return ErrorText::tr("The server would not list its messages' unique IDs (UIDL) this time, and cannot send "
                             "their headers either, so Poplar cannot tell which messages it has already. Nothing "
                             "was downloaded or deleted.");
    case ErrorCode::FolderExists:
        return ErrorText::tr("A folder with this name exists there already. Choose another name.");
    case ErrorCode::FolderNameInvalid:
        return ErrorText::tr("This folder name cannot be used. A folder name cannot be empty, start or end with a "
                             "space, contain “/” or control characters, or be longer than 255 characters.");
    case ErrorCode::FolderPathInvalid:
        return ErrorText::tr("Local folders are named by a path that starts with “Local/”, for example "
                             "Local/Receipts/2026.");
    case ErrorCode::FolderProtected:
        return ErrorText::tr("Inboxes and Trash cannot be renamed, moved or deleted, and cannot hold folders. "
                             "Make a folder under Local Folders instead.");
    case ErrorCode::FolderIntoItself:
        return ErrorText::tr("A folder cannot be moved into itself or into one of its own folders.");
    case ErrorCode::AccountNameTaken:
        return ErrorText::tr("Another account has this name already. Choose another name.");
    case ErrorCode::AccountNameInvalid:
        return ErrorText::tr("This account name cannot be used. It cannot be empty, start or end with a space, "
                             "contain “/”, or be “Local” or “Trash”.");
    case ErrorCode::FileExists:
        return ErrorText::tr("A file with this name exists already, and Poplar never replaces one. Choose a new "
                             "name.");
    case ErrorCode::ProfileHasStore:
        return ErrorText::tr("This profile holds mail already. Restore the backup into a new, empty profile.");
    case ErrorCode::NotMbox:
        return ErrorText::tr("This file is not an mbox file: it does not begin with a “From ” line. Nothing was "
                             "imported.");
    case ErrorCode::AddressInvalid:
        return ErrorText::tr("This is not an e-mail address mail can be sent to. Check it for typing errors: it "
                             "needs one “@”, and no spaces before it.");
    case ErrorCode::Utf8AddressUnsupported:
        return ErrorText::tr("The part of this address before the “@” contains characters beyond plain ASCII, and "
                             "the outgoing server cannot take such addresses. The message was not sent.");
    case ErrorCode::NoRecipients:
        return ErrorText::tr("The message has no recipient. Add at least one address to To, Cc or Bcc.");
    case ErrorCode::SenderRejected:
        return ErrorText::tr("The outgoing server refused the sender address. Check that this account may send "
                             "from it. The message waits in the Outbox.");
    case ErrorCode::RecipientRejected:
        return ErrorText::tr("The outgoing server refused a recipient. Check the address. The message was not sent "
                             "to anyone and waits in the Outbox.");
    case ErrorCode::MessageRejected:
        return ErrorText::tr("The outgoing server refused the message. Its reply may say why. The message waits in "
                             "the Outbox.");
    case ErrorCode::MessageTooBig:
        return ErrorText::tr("The message is larger than the outgoing server takes. Remove or shrink attachments "
                             "and send it again.");
    case ErrorCode::NoOutgoingServer:
        return ErrorText::tr("This account has no outgoing server set up, so Poplar cannot send mail with it. Add "
                             "one in the account's settings.");
    case ErrorCode::EightBitUnsupported:
        return ErrorText::tr("The message's text is 8-bit, and the outgoing server cannot take that. Messages "
                             "Poplar writes never are; encode this one (quoted-printable or base64) and send it "
                             "again.");
    case ErrorCode::SendRunning:
        return ErrorText::tr("This account's outbox is already being sent (perhaps by another Poplar program). "
                             "What is left is sent with the next try.");
    }
    return ErrorText::tr("An unknown error occurred.");
}

QString errorServerDetails(const Error &error)
{
    if (error.serverText.isEmpty())
        return {};
    return ErrorText::tr("The server said: \"%1\"").arg(error.serverText.escaped());
}

QString errorFullText(const Error &error)
{
    QString text = errorMessage(error);
    const QString details = errorServerDetails(error);
    if (!details.isEmpty())
        text += QLatin1Char(' ') + details;
    return text;
}

}  // namespace Poplar::Ui
