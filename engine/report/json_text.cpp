#include "report/json_text.hpp"

#include <cstring>

#include "text/utf8.hpp"

namespace tally::report {

namespace {

// Whether one of the eight bytes of `w` must be escaped: below 0x20, '"' or '\\' (each test
// exact for "any byte": a borrow reaches a byte's top bit only from a byte that matched).
inline bool needs_escape(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
  return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
          ((backslash - ones) & ~backslash)) &
         high;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  // UTF-8 nlohmann accepts (no overlong forms, surrogates or code points past U+10FFFF) is
  // exactly what text::decode_at decodes, which first_invalid_utf8 walks.
  if (text::first_invalid_utf8(s)) {
    out += nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  size_t from = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at a time up to one that must be escaped (messages are long and have few).
    for (uint64_t w; i + 8 <= s.size(); i += 8) {
      std::memcpy(&w, s.data() + i, 8);
      if (needs_escape(w)) break;
    }
    if (i == s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + from, i - from);
    from = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        static const char hex[] = "0123456789abcdef";
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
  }
  out.append(s.data() + from, s.size() - from);
  out += '"';
}

void JsonText::newline(size_t depth) {
  out_ += '\n';
  out_.append(static_cast<size_t>(base_ + indent_ * static_cast<int>(depth)), ' ');
}

void JsonText::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;  // the top value
  if (counts_.back()++ > 0) out_ += ',';
  if (indent_ >= 0) newline(counts_.size());
}

void JsonText::key(std::string_view k) {
  before_value();
  out_ += '"';
  out_ += k;  // the keys Tally writes are plain ASCII
  out_ += indent_ >= 0 ? "\": " : "\":";
  after_key_ = true;
}

void JsonText::close(char c) {
  bool empty = counts_.back() == 0;
  counts_.pop_back();
  if (!empty && indent_ >= 0) newline(counts_.size());
  out_ += c;
}

void JsonText::value(const nlohmann::json& j) {
  before_value();
  nlohmann::detail::serializer<nlohmann::json> s(nlohmann::detail::output_adapter<char>(out_), ' ',
                                                 nlohmann::json::error_handler_t::replace);
  if (indent_ < 0)
    s.dump(j, false, false, 0, 0);
  else
    s.dump(j, true, false, static_cast<unsigned>(indent_),
           static_cast<unsigned>(base_ + indent_ * static_cast<int>(counts_.size())));
}

}  // namespace tally::report
