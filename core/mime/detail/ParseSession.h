#pragma once

#include "mime/ParsedMessage.h"
#include "mime/detail/GObjectPtr.h"
#include "mime/detail/ParserOptions.h"
#include "mime/detail/WarningSink.h"

#include <gmime/gmime.h>

namespace Mime::Detail {

// Owns everything GMime allocates for one parse of one stream. Members are
// destroyed in reverse order: message, parser, streams, then the options the
// message's headers may point at.
class ParseSession
{
public:
    ParseSession(GMimeStream *source, ParseDepth depth, WarningSink *sink);

    ParseSession(const ParseSession &) = delete;
    ParseSession &operator=(const ParseSession &) = delete;

    [[nodiscard]] GMimeMessage *message() const { return m_message.get(); }
    [[nodiscard]] bool headersParsed() const { return m_headersParsed; }
    [[nodiscard]] GMimeParserOptions *options() const { return m_options.get(); }

private:
    GMimeMessage *construct(GMimeStream *input);

    ParserOptionsPtr m_options;
    GObjectPtr<GMimeStream> m_bounded;
    GObjectPtr<GMimeStream> m_blankLine;
    GObjectPtr<GMimeStream> m_cat;
    GObjectPtr<GMimeParser> m_parser;
    GObjectPtr<GMimeMessage> m_message;
    bool m_headersParsed = false;
};

}  // namespace Mime::Detail
