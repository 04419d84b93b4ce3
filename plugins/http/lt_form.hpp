#pragma once
// The form fields of a LanguageTool request, read by Tally rather than by cpp-httplib: its
// parser refuses application/x-www-form-urlencoded bodies over 8,192 bytes (a limit fixed when
// the library was built), and every LanguageTool client posts urlencoded; percent-encoded
// Chinese is about nine bytes a character, so the library's limit was ~900 characters.
#include <map>
#include <string>
#include <string_view>

namespace tally::http {

using FormParams = std::multimap<std::string, std::string>;

// Decodes `a=1&b=x%20y+z` (a query string or a urlencoded body) into `out`: `+` is a space,
// `%XX` a byte; a malformed escape is kept as it is (as browsers' URLSearchParams do).
void parse_urlencoded(std::string_view s, FormParams& out);

// Whether a Content-Type header names a urlencoded body (parameters like charset ignored).
bool is_urlencoded(std::string_view content_type);

}  // namespace tally::http
