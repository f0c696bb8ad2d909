#pragma once

#include "accounts/Account.h"
#include "common/Error.h"
#include "common/Result.h"
#include "common/Secret.h"

#include <optional>

namespace Poplar::Cli {

// --password-stdin's password, read before anything else happens; it
// wipes itself when this goes.
class StdinPassword
{
public:
    StdinPassword() = default;
    StdinPassword(const StdinPassword &) = delete;
    StdinPassword &operator=(const StdinPassword &) = delete;

    // -1 when it was read or not wanted; an exit code when standard input
    // held no password.
    int read(bool wanted);

    // nullopt without the option.
    [[nodiscard]] const std::optional<Poplar::Secret> &value() const { return m_value; }

private:
    std::optional<Poplar::Secret> m_value;
};

// The account's password without asking: the one --password-stdin gave
// (`given`: a copy of it), else the keychain's; else the keychain's error.
[[nodiscard]] Poplar::Result<Poplar::Secret> givenOrSaved(
    const Accounts::Account &a, const std::optional<Poplar::Secret> &given);

// The password: givenOrSaved(), else (on a terminal) asked for this run
// only. An empty one is never used.
[[nodiscard]] std::optional<Poplar::Secret> password(
    const Accounts::Account &a, const std::optional<Poplar::Secret> &given, Poplar::Error *error);

}  // namespace Poplar::Cli
