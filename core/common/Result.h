#pragma once

#include "common/Error.h"

#include <optional>
#include <utility>

namespace Poplar {

// A value or an Error. [[nodiscard]]: a result that is not looked at is a bug.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(Error error)
        : m_error(std::move(error))
    { }

    [[nodiscard]] bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T &value() const & { return *m_value; }
    [[nodiscard]] T &value() & { return *m_value; }
    // By value, so `for (auto &x : f().value())` is safe on a temporary.
    [[nodiscard]] T value() && { return std::move(*m_value); }
    [[nodiscard]] const T *operator->() const { return &*m_value; }
    [[nodiscard]] const T &operator*() const { return *m_value; }

    [[nodiscard]] const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    { }

    [[nodiscard]] bool ok() const { return !m_error.isError(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error &error() const { return m_error; }
    [[nodiscard]] ErrorCode code() const { return m_error.code; }

private:
    Error m_error;
};

using Status = Result<void>;

}  // namespace Poplar
