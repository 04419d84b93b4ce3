#pragma once
// Paths in URIs (SARIF artifact locations, LSP document URIs): bytes outside the unreserved set
// and '/' are percent-encoded, so spaces and Chinese file names survive.
#include <string>
#include <string_view>

namespace tally::text {

std::string percent_encode_path(std::string_view path);
// The reverse; malformed escapes are kept as they are.
// `plus_is_space`: a form body's or query's `+` (application/x-www-form-urlencoded) is a space.
std::string percent_decode(std::string_view s, bool plus_is_space = false);

}  // namespace tally::text
