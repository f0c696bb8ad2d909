#include "mime/detail/ParserOptions.h"

#include <mutex>

namespace Mime::Detail {

namespace {

const char *const kFallbackCharsets[] = { "UTF-8", "windows-1252", nullptr };

void configure(GMimeParserOptions *options)
{
    g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_allow_addresses_without_domain(options, TRUE);
    g_mime_parser_options_set_fallback_charsets(options, const_cast<const char **>(kFallbackCharsets));
}

GMimeParserOptions *sharedOptions = nullptr;  // read-only after init

}  // namespace

void ensureInit()
{
    static std::once_flag once;
    std::call_once(once, [] {
        g_mime_init();
        sharedOptions = g_mime_parser_options_new();
        configure(sharedOptions);
    });
}

GMimeParserOptions *sharedDecodeOptions()
{
    return sharedOptions;
}

ParserOptionsPtr makeParserOptions(WarningSink *sink)
{
    ParserOptionsPtr options(g_mime_parser_options_new());
    configure(options.get());
    g_mime_parser_options_set_warning_callback(options.get(), &onParserWarning, sink);
    return options;
}

}  // namespace Mime::Detail
