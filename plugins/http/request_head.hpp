#pragma once
// The request line and header fields of one HTTP/1.x request, parsed strictly before httplib
// sees them, so the transport layer (limits.cpp) decides the body's framing itself: a head that
// two parsers could read differently (bare CR or LF, folded lines, a space before the colon,
// Content-Length twice with different values) is refused instead of passed on.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tally::http {

struct RequestHead {
  std::string method, target, version;
  std::vector<std::pair<std::string, std::string>> fields;  // in order, values trimmed

  // The value of the only field of that name (case-insensitive); nullopt when absent.
  std::optional<std::string> get(std::string_view name) const;
  size_t count(std::string_view name) const;
  void remove(std::string_view name);
  // The head as bytes again, ending with the empty line.
  std::string str() const;
};

// `text` is the head up to and including "\r\n\r\n". Returns an error message, or "" with `out`
// filled.
std::string parse_head(std::string_view text, RequestHead& out);

bool iequals(std::string_view a, std::string_view b);

}  // namespace tally::http
