#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Poplar {

// Overwrites the bytes (detaching first if shared, so only this copy is
// touched), then empties the array. For buffers that cannot be a Secret
// (e.g. a QString from a password field).
void wipe(QByteArray &bytes);
void wipe(QString &text);

// Secret bytes (a password, a token, a derived key) that wipe themselves:
// on destruction, when assigned over and when cleared. Move-only: moving
// hands the bytes over and leaves the source empty, so exactly one object
// ever holds them. Never converts to QByteArray or QString by itself; the
// bytes are reached only through view(), expose() or clone(), so every place
// that reads a secret says so.
//
// A Secret made from a QByteArray takes that array (move it in to leave no
// copy behind); an array still shared with the caller stays the caller's to
// wipe, and wiping the Secret never touches the caller's copy.
class Secret
{
public:
    Secret() = default;
    explicit Secret(QByteArray bytes)
        : m_bytes(std::move(bytes))
    { }
    // An empty buffer of `capacity` octets: appending up to that never
    // reallocates, so no copy of a part is left behind in freed memory.
    [[nodiscard]] static Secret withCapacity(qsizetype capacity);
    ~Secret() { clear(); }

    Secret(Secret &&other) noexcept
        : m_bytes(std::exchange(other.m_bytes, QByteArray()))
    { }
    Secret &operator=(Secret &&other) noexcept
    {
        if (this != &other) {
            clear();
            m_bytes = std::exchange(other.m_bytes, QByteArray());
        }
        return *this;
    }
    // Takes `bytes` in place of what was held (which is wiped). Kept for
    // `credentials.secret = bytes;`: move the array in to leave no copy.
    Secret &operator=(QByteArray bytes)
    {
        clear();
        m_bytes = std::move(bytes);
        return *this;
    }
    Secret(const Secret &) = delete;
    Secret &operator=(const Secret &) = delete;

    // A second Secret with its own copy of the bytes.
    [[nodiscard]] Secret clone() const;
    // Wipes the bytes and leaves the Secret empty.
    void clear();

    [[nodiscard]] bool isEmpty() const { return m_bytes.isEmpty(); }
    [[nodiscard]] qsizetype size() const { return m_bytes.size(); }
    [[nodiscard]] QByteArrayView view() const { return m_bytes; }
    // The bytes as an array, for an API that takes one (a socket's write).
    // Whatever copy the callee keeps is the callee's to wipe.
    [[nodiscard]] const QByteArray &expose() const { return m_bytes; }

    // Hands the bytes over to a plain array for an API that takes one (its
    // receiver wipes it) and leaves the Secret empty.
    [[nodiscard]] QByteArray takeBytes() { return std::exchange(m_bytes, QByteArray()); }

    // Appends within the capacity reserved (see withCapacity()).
    Secret &append(QByteArrayView bytes);
    Secret &append(char c);
    // Writable octets, detached from any other copy.
    [[nodiscard]] char *data();

private:
    QByteArray m_bytes;
};

// Source compatibility for code that wipes a credential by hand: the same as clear().
inline void wipe(Secret &secret)
{
    secret.clear();
}

}  // namespace Poplar
