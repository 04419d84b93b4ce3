#pragma once
// Paths in URIs (SARIF artifact locations, LSP document URIs): bytes outside the unreserved set
// and '/' are percent-encoded, so spaces and Chinese file names survive.
#include <string>
#include <string_view>

namespace tally::text {

std::string percent_encode_path(std::string_view path);
// The reverse; malformed escapes are kept as they are.
std::string percent_decode(std::string_view s);

}  // namespace tally::text
