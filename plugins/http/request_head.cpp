#include "request_head.hpp"

#include <algorithm>

namespace tally::http {

namespace {

bool is_tchar(char c) {
  // RFC 9110 token characters: what a field name may hold.
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<size_t> content_length_value(std::string_view value) {
  if (value.empty() || value.size() > 18 ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  size_t n = 0;
  for (char c : value) n = n * 10 + static_cast<size_t>(c - '0');
  return n;
}

std::optional<std::string> RequestHead::get(std::string_view name) const {
  for (const auto& f : fields)
    if (iequals(f.first, name)) return f.second;
  return std::nullopt;
}

size_t RequestHead::count(std::string_view name) const {
  return std::count_if(fields.begin(), fields.end(),
                       [&](const auto& f) { return iequals(f.first, name); });
}

void RequestHead::remove(std::string_view name) {
  fields.erase(std::remove_if(fields.begin(), fields.end(),
                              [&](const auto& f) { return iequals(f.first, name); }),
               fields.end());
}

std::string RequestHead::str() const {
  std::string out = method + " " + target + " " + version + "\r\n";
  for (const auto& [name, value] : fields) out += name + ": " + value + "\r\n";
  return out + "\r\n";
}

std::string parse_head(std::string_view text, RequestHead& out) {
  out = {};
  if (text.size() < 4 || text.substr(text.size() - 4) != "\r\n\r\n")
    return "the head does not end with an empty line";
  text.remove_suffix(2);  // each line, the last one too, now ends with "\r\n"
  for (char c : text)
    if (c == '\0') return "a NUL byte in the head";
  bool first = true;
  while (!text.empty()) {
    size_t end = text.find("\r\n");
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 2);
    if (line.find_first_of("\r\n") != std::string_view::npos)
      return "a bare CR or LF in the head (lines end with CRLF)";
    if (first) {
      first = false;
      size_t a = line.find(' '), b = line.rfind(' ');
      if (a == std::string_view::npos || a == b) return "malformed request line";
      out.method = line.substr(0, a);
      out.target = line.substr(a + 1, b - a - 1);
      out.version = line.substr(b + 1);
      if (out.method.empty() || out.target.empty() || out.target.find(' ') != std::string::npos ||
          !std::all_of(out.method.begin(), out.method.end(), is_tchar) ||
          (out.version != "HTTP/1.1" && out.version != "HTTP/1.0"))
        return "malformed request line";
      continue;
    }
    if (line.empty()) return "an empty line inside the head";
    if (line.front() == ' ' || line.front() == '\t') return "a folded header line";
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return "a header line without a name";
    std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(), is_tchar))
      return "a header name with a space or another character names cannot hold";
    out.fields.emplace_back(std::string(name), std::string(trim(line.substr(colon + 1))));
  }
  if (first) return "no request line";
  return "";
}

}  // namespace tally::http
