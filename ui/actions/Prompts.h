#pragma once

#include "common/Error.h"
#include "common/Secret.h"
#include "net/TlsTypes.h"

#include <QString>

#include <optional>

namespace Accounts {
struct Account;
}

namespace Poplar::Ui {

// The questions the window asks the user: a password, what to do with a
// certificate, "really?" before something that cannot be undone, and a
// folder's name. DialogPrompts asks with dialogs; tests answer from a
// script.
class Prompts
{
public:
    virtual ~Prompts() = default;

    struct PasswordAnswer {
        Poplar::Secret password;
        bool remember = false;  // keep it in the keychain
    };
    // The password for `account` (the server wanted one, for `reason`), or
    // nothing when cancelled.
    [[nodiscard]] virtual std::optional<PasswordAnswer> askPassword(
        const Accounts::Account &account, const Poplar::Error &reason)
        = 0;
    // A certificate a background fetch did not trust.
    [[nodiscard]] virtual Net::CertificateDecision askCertificate(const Net::CertificateProblem &problem) = 0;
    // Before something that cannot be undone: true to go ahead.
    [[nodiscard]] virtual bool confirm(const QString &question) = 0;
    // A folder's name (`current` to start from); empty when cancelled.
    [[nodiscard]] virtual QString askFolderName(const QString &title, const QString &current) = 0;
};

}  // namespace Poplar::Ui
