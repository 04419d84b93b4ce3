#include "lt_form.hpp"

#include <cctype>

#include "text/uri.hpp"

namespace tally::http {

void parse_urlencoded(std::string_view s, FormParams& out) {
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('&', start);
    if (end == std::string_view::npos) end = s.size();
    auto pair = s.substr(start, end - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos)
        out.emplace(text::percent_decode(pair, true), "");
      else
        out.emplace(text::percent_decode(pair.substr(0, eq), true),
                    text::percent_decode(pair.substr(eq + 1), true));
    }
    start = end + 1;
  }
}

bool is_urlencoded(std::string_view content_type) {
  auto type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  std::string lower(type);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "application/x-www-form-urlencoded";
}

}  // namespace tally::http
