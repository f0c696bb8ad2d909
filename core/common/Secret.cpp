#include "common/Secret.h"

namespace Poplar {

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached())
        bytes.detach();
    volatile char *p = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        p[i] = 0;
    bytes.clear();
}

void wipe(QString &text)
{
    if (!text.isEmpty() && !text.isDetached())
        text.detach();
    volatile char16_t *p = reinterpret_cast<char16_t *>(text.data());
    for (qsizetype i = 0; i < text.size(); ++i)
        p[i] = 0;
    text.clear();
}

Secret Secret::withCapacity(qsizetype capacity)
{
    Secret s;
    s.m_bytes.reserve(capacity);
    return s;
}

Secret Secret::clone() const
{
    // A deep copy: sharing the buffer would leave one copy for two owners.
    return Secret(QByteArray(m_bytes.constData(), m_bytes.size()));
}

void Secret::clear()
{
    if (m_bytes.isNull())
        return;
    if (!m_bytes.isDetached()) {
        // Shared with a caller's array: drop our reference, and with it our
        // claim; the caller's copy is the caller's to wipe.
        m_bytes = QByteArray();
        return;
    }
    // Wipe the whole allocation: a shrink may have left secret octets past size().
    const qsizetype capacity = m_bytes.capacity();
    volatile char *p = m_bytes.data();
    for (qsizetype i = 0; i < capacity; ++i)
        p[i] = 0;
    m_bytes = QByteArray();
}

Secret &Secret::append(QByteArrayView bytes)
{
    if (m_bytes.size() + bytes.size() > m_bytes.capacity() && !m_bytes.isEmpty()) {
        // Growing would free the old block unwiped: move into a bigger one.
        QByteArray bigger;
        bigger.reserve(m_bytes.size() + bytes.size());
        bigger.append(m_bytes);
        clear();
        m_bytes = std::move(bigger);
    }
    m_bytes.append(bytes);
    return *this;
}

Secret &Secret::append(char c)
{
    return append(QByteArrayView(&c, 1));
}

char *Secret::data()
{
    if (!m_bytes.isDetached() && !m_bytes.isEmpty()) {
        QByteArray own(m_bytes.constData(), m_bytes.size());
        m_bytes = std::move(own);
    }
    return m_bytes.data();
}

}  // namespace Poplar
