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

// A Content-Length value: 1 to 18 digits (nothing else: no sign, no spaces); nullopt otherwise.
// The one reading of it for the head waiter (how much body to wait for) and the thread that
// splits the body from the next request: two readings that disagreed would let a request be
// smuggled inside another.
std::optional<size_t> content_length_value(std::string_view value);

}  // namespace tally::http
