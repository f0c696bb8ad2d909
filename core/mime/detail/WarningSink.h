#pragma once

#include "mime/detail/Limits.h"

#include <QString>
#include <QStringList>

#include <gmime/gmime.h>

namespace Mime::Detail {

// Collects what a parse could not understand (at most kMaxWarnings of it).
class WarningSink
{
public:
    WarningSink(QStringList *list, bool headersOnly)
        : m_list(list)
        , m_headersOnly(headersOnly)
    { }

    void add(const QString &text)
    {
        if (m_list->size() < kMaxWarnings)
            m_list->append(text);
        else if (m_list->size() == kMaxWarnings)
            m_list->append(QStringLiteral("further warnings suppressed"));
    }

    [[nodiscard]] bool headersOnly() const { return m_headersOnly; }

private:
    QStringList *m_list;
    bool m_headersOnly;
};

// GMime's parser warning callback; `userData` is a WarningSink. With a
// headers-only parse, warnings about the content (which was deliberately
// not given to the parser) are dropped.
void onParserWarning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer userData);

}  // namespace Mime::Detail
