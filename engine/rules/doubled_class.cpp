#include "rules/doubled_class.hpp"

#include <cstring>

#include "text/utf8.hpp"

namespace tally::rules {

std::optional<DoubledClass> doubled_class_of(const std::string& pattern) {
  if (pattern.size() < 3 || pattern.front() != '[' || pattern.back() != ']') return std::nullopt;
  std::string_view body(pattern.data() + 1, pattern.size() - 2);
  if (body.front() == '^') return std::nullopt;
  // Escapes and brackets ([:alpha:], \d, \]) give classes this reading would get wrong.
  if (body.find_first_of("[]\\") != std::string_view::npos) return std::nullopt;
  std::vector<char32_t> cps;
  for (size_t i = 0; i < body.size();) {
    auto d = text::decode_at(body, i);
    if (!d.size) return std::nullopt;
    cps.push_back(d.cp);
    i += d.size;
  }
  DoubledClass c;
  for (size_t i = 0; i < cps.size(); ++i) {
    // A '-' between two characters makes a range; first or last it is itself.
    if (i + 2 < cps.size() && cps[i + 1] == U'-') {
      if (cps[i + 2] < cps[i]) return std::nullopt;  // RE2 rejects it; keep its reading
      c.ranges.emplace_back(cps[i], cps[i + 2]);
      i += 2;
    } else {
      c.ranges.emplace_back(cps[i], cps[i]);
    }
  }
  // Every code point a range holds, by its first byte: a range of lead bytes per length.
  for (const auto& r : c.ranges) {
    for (char32_t lo = r.first; lo <= r.second;) {
      std::string s;
      text::append_utf8(s, lo);
      c.lead[static_cast<unsigned char>(s[0])] = true;
      // Skip to the first code point with another first byte.
      char32_t step = lo < 0x80 ? 1 : lo < 0x800 ? 0x40 : lo < 0x10000 ? 0x1000 : 0x40000;
      char32_t next = (lo / step + 1) * step;
      if (next <= lo) break;
      lo = next;
    }
  }
  return c;
}

bool has_doubled(std::string_view text, const DoubledClass& c) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    if (!c.lead[p[i]]) continue;
    auto d = text::decode_at(text, i);
    if (!d.size || i + 2 * d.size > n) continue;
    if (std::memcmp(p + i, p + i + d.size, d.size) != 0) continue;
    for (const auto& r : c.ranges)
      if (d.cp >= r.first && d.cp <= r.second) return true;
  }
  return false;
}

}  // namespace tally::rules
