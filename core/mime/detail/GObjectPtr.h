#pragma once

// Ownership of what GLib and GMime allocate. Included only by the .cpp
// files of core/mime (GMime needs QT_NO_KEYWORDS; see TOOLCHAIN.md, P1).

#include <QString>

#include <gmime/gmime.h>

#include <memory>

namespace Mime::Detail {

struct GObjectUnref {
    void operator()(gpointer p) const
    {
        if (p)
            g_object_unref(p);
    }
};
template<typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
    void operator()(gpointer p) const { g_free(p); }
};
using GCharPtr = std::unique_ptr<char, GFree>;

struct ParserOptionsFree {
    void operator()(GMimeParserOptions *o) const
    {
        if (o)
            g_mime_parser_options_free(o);
    }
};
using ParserOptionsPtr = std::unique_ptr<GMimeParserOptions, ParserOptionsFree>;

struct ReferencesFree {
    void operator()(GMimeReferences *r) const
    {
        if (r)
            g_mime_references_free(r);
    }
};
using ReferencesPtr = std::unique_ptr<GMimeReferences, ReferencesFree>;

inline QString fromUtf8(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}

}  // namespace Mime::Detail
