#pragma once

#include "accounts/Account.h"
#include "common/Error.h"

#include <QByteArray>

#include <optional>

namespace Poplar::Cli {

// --password-stdin's password, read before anything else happens and
// wiped when this goes.
class StdinPassword
{
public:
    StdinPassword() = default;
    StdinPassword(const StdinPassword &) = delete;
    StdinPassword &operator=(const StdinPassword &) = delete;
    ~StdinPassword();

    // -1 when it was read or not wanted; an exit code when standard input
    // held no password.
    int read(bool wanted);

    // nullopt without the option.
    [[nodiscard]] const std::optional<QByteArray> &value() const { return m_value; }

private:
    std::optional<QByteArray> m_value;
};

// The password: the one --password-stdin gave, else the keychain's, else
// (on a terminal) asked for this run only. An empty one is never used.
std::optional<QByteArray> password(
    const Accounts::Account &a, const std::optional<QByteArray> &given, Poplar::Error *error);

}  // namespace Poplar::Cli
