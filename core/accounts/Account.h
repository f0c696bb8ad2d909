#pragma once

#include "common/Result.h"
#include "pop3/Pop3Connection.h"
#include "net/TlsTypes.h"
#include "pop3/Types.h"
#include "smtp/SmtpConnection.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Accounts {

// The ranges every editor of an account keeps to (the CLI's options, the
// setup wizard's and the settings dialog's fields); validate() enforces them.
namespace Limits {
inline constexpr int MaxKeepDays = 36500;
inline constexpr int MaxKeepCount = 10'000'000;
inline constexpr int MaxKeepMegabytes = 1024 * 1024;
inline constexpr int MaxSizeLimitKb = 1024 * 1024;
inline constexpr int MinIntervalMinutes = 1;
inline constexpr int MaxIntervalMinutes = 7 * 24 * 60;
}  // namespace Limits

// What stays on the server after a fetch. The limits combine: a message is
// deleted on the server as soon as any of them says so.
struct Policy {
    bool leaveOnServer = true;              // false: delete right after download
    int keepDays = 0;                       // 0: no limit; else delete N days after the first download
    int keepCount = 0;                      // 0: no limit; else keep at most N messages (oldest go first)
    int keepMegabytes = 0;                  // 0: no limit; else keep at most N MB (oldest go first)
    bool deleteWhenDeletedLocally = false;  // once it leaves Trash or is deleted permanently
    int sizeLimitKb = 0;                    // 0: none; else bigger messages are stored as headers and first lines

    // What a new account gets unless the user chooses otherwise: mail stays
    // on the server for 14 days, and goes there too when deleted here.
    [[nodiscard]] static Policy recommended()
    {
        Policy p;
        p.keepDays = 14;
        p.deleteWhenDeletedLocally = true;
        return p;
    }

    friend bool operator==(const Policy &, const Policy &) = default;
};

// A rule an account breaks, so that each editor can say in its own words
// what is wrong and point at the field.
enum class AccountRule {
    Name,                     // 1-255 characters, no "/", no outer spaces, not "Local" or "Trash"
    Email,                    // an address with an "@"
    Host,                     // a server name without spaces
    InsecureConsent,          // Security::None needs insecureConsent
    Mechanism,                // "auto" or a known mechanism
    User,                     // a login name of 1 to 255 characters
    EitherCaFileOrPin,        // trust a CA file or a fingerprint, not both
    Fingerprint,              // a pin is a SHA-256 digest (32 octets)
    NegativeLimit,            // no policy limit below 0
    LimitsNeedLeaveOnServer,  // keep limits and "delete when deleted here" need leave-on-server
    LimitOutOfRange,          // a policy limit beyond Limits
    Interval,                 // Limits::MinIntervalMinutes to MaxIntervalMinutes
    Folder,                   // a folder id cannot be negative
};

// A rule an account's outgoing server breaks.
enum class OutgoingRule {
    Host,               // a server name without spaces (or none at all)
    InsecureConsent,    // Security::None needs insecureConsent
    Mechanism,          // "auto" or a SASL mechanism (not USER or APOP)
    User,               // at most 255 characters (empty: the account's login)
    EitherCaFileOrPin,  // trust a CA file or a fingerprint, not both
    Fingerprint,        // a pin is a SHA-256 digest (32 octets)
};

// The account's outgoing (SMTP submission, RFC 6409) server. Holds no
// secret: the password is the account's own, or (separateLogin) a keychain
// entry of its own under smtpCredentialKey().
struct OutgoingServer {
    QString host;  // empty: none set up yet (nothing can be sent)
    quint16 port = 0;  // 0: the default for `security` (465 implicit TLS, 587 STARTTLS)
    Net::Security security = Net::Security::ImplicitTls;
    bool insecureConsent = false;
    QString auth = QStringLiteral("auto");
    QString user;  // empty: the account's POP3 login
    QString caFile;
    QByteArray pinnedSha256;
    bool separateLogin = false;

    [[nodiscard]] bool isSet() const { return !host.isEmpty(); }
    [[nodiscard]] quint16 effectivePort() const;
    [[nodiscard]] Sasl::Mechanism mechanism() const;
    [[nodiscard]] std::optional<OutgoingRule> brokenRule() const;

    friend bool operator==(const OutgoingServer &, const OutgoingServer &) = default;
};

// One POP3 account's settings, as kept in the store. Holds no secret: the
// password is in the system keychain under `credentialKey`.
struct Account {
    static constexpr int DefaultIntervalMinutes = 10;

    qint64 id = 0;
    QString name;         // also the first part of its folder paths ("Work/Inbox")
    QString email;        // the address mail is sent to
    QString displayName;  // the owner's name, for the UI
    QString host;
    quint16 port = 0;  // 0: the default for `security` (995 TLS, 110 otherwise)
    Net::Security security = Net::Security::ImplicitTls;
    bool insecureConsent = false;           // the user chose Security::None knowingly
    QString auth = QStringLiteral("auto");  // "auto" or a mechanism name ("SCRAM-SHA-256", "USER", …)
    QString user;                           // login name
    QString caFile;                         // extra CA certificates (PEM) to trust
    QByteArray pinnedSha256;                // a certificate trusted by its fingerprint
    Policy policy;
    int intervalMinutes = DefaultIntervalMinutes;
    qint64 targetFolderId = 0;  // 0: the account's Inbox
    bool enabled = true;
    bool uidlFallbackAccepted = false;  // match by Message-ID, size and Date on a server without UIDL
    QString credentialKey;              // the keychain entry's name (random, not secret)
    OutgoingServer smtp;

    // The keychain entry of the outgoing server's own password.
    [[nodiscard]] QString smtpCredentialKey() const { return credentialKey + QStringLiteral("-smtp"); }
    // The outgoing server's login name (its own, or the account's).
    [[nodiscard]] QString smtpUser() const { return smtp.user.isEmpty() ? user : smtp.user; }

    [[nodiscard]] quint16 effectivePort() const;
    // The mechanism `auth` names (Auto for "auto").
    [[nodiscard]] Pop3::Mechanism mechanism() const;

    // Every rule an account must meet to be saved, with the first one it
    // breaks as an InvalidArgument whose detail names the field.
    [[nodiscard]] Poplar::Status validate() const;
    // The same check: the first rule broken, none when the account can be saved.
    [[nodiscard]] std::optional<AccountRule> brokenRule() const;

    friend bool operator==(const Account &, const Account &) = default;
};

// An address of the form local@domain, without spaces or control characters.
[[nodiscard]] bool isPlausibleEmail(const QString &email);
// A host name or address that could be dialled (no spaces, no '/').
[[nodiscard]] bool isPlausibleHost(const QString &host);
// The domain of a plausible address, lower-case ("Bob@Example.ORG" → "example.org"); else empty.
[[nodiscard]] QString emailDomain(const QString &email);
// A name for a new account: the address's domain (else the address),
// made unique among `taken` (compared case-insensitively, as the store
// does) with " (2)", " (3)"…; empty when no valid name can be made.
[[nodiscard]] QString suggestAccountName(const QString &email, const QStringList &taken);
// Whether `path` holds at least one PEM certificate Poplar can read (what
// a CA file must be before it is saved): NotFound when not.
[[nodiscard]] Poplar::Status checkCaFile(const QString &path);

// How to reach the account's outgoing server (its CA file read now:
// NotFound when it cannot be read; InvalidState when none is set up).
[[nodiscard]] Poplar::Result<Smtp::ConnectionSettings> smtpConnectionSettings(const Account &account);

// How to reach the account's server (its CA file read now: NotFound when
// it cannot be read).
[[nodiscard]] Poplar::Result<Pop3::ConnectionSettings> connectionSettings(const Account &account);
// The login for `secret` (UTF-8), with the account's mechanism and its
// consent to an unencrypted link. The secret is handed over (moved in, not
// copied): the caller keeps nothing to wipe.
[[nodiscard]] Pop3::Credentials credentials(const Account &account, Poplar::Secret secret);
// The same for the outgoing server: its login name, mechanism and consent.
[[nodiscard]] Sasl::Credentials smtpCredentials(const Account &account, Poplar::Secret secret);

}  // namespace Accounts
