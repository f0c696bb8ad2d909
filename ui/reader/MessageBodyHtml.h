#pragma once

#include "mime/ParsedMessage.h"
#include "mime/Protection.h"

#include <QCoreApplication>
#include <QString>

namespace Poplar::Ui {

// What the reading pane shows of a message's body, as HTML for
// SafeTextBrowser: the HTML body without scripts; else the text with its
// quote levels coloured and indented and its http(s) and mailto URLs as
// links; readable OpenPGP armour; or a notice that says why there is no text.
class MessageBodyHtml
{
    Q_DECLARE_TR_FUNCTIONS(Poplar::Ui::MessageBodyHtml)
public:
    // The body to show; `fromHtml` says whether it is the message's own HTML.
    // With `preferPlainText`, a message with a text part shows that part.
    [[nodiscard]] static QString forMessage(
        const Mime::ParsedMessage &parsed, const Mime::Protection &protection, bool preferPlainText, bool *fromHtml);
    // What to show instead when the HTML body renders as nothing: the plain
    // text alternative, or a notice that there is no text.
    [[nodiscard]] static QString forBlankHtml(const Mime::ParsedMessage &parsed);
    // Plain text as HTML: escaped, quotes by level, URLs as links.
    [[nodiscard]] static QString fromPlainText(const QString &text);
    // A notice in place of the text, in italics.
    [[nodiscard]] static QString notice(const QString &text);
};

}  // namespace Poplar::Ui
