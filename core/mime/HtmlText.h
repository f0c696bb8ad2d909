#pragma once

#include <QString>

// Mail HTML as text, and without what must never show.
namespace Mime {

// Text of an HTML document for search and snippets: scripts, styles and
// comments dropped, block elements become line breaks, entities decoded,
// whitespace collapsed.
[[nodiscard]] QString htmlToText(const QString &html);

// `html` with every <script> element removed, its text included (a text
// browser runs no script, but would show its text). Tags are read as
// htmlToText() reads them: a '>' inside a quoted attribute does not end a
// tag; a script that is never closed takes the rest of the document.
[[nodiscard]] QString withoutScripts(const QString &html);

}  // namespace Mime
