#pragma once
// text::decode_at with the two common cases inline: ASCII and three-byte characters (CJK and
// its punctuation). The readers in facts/ decode every character of every block; decode_at is
// not inlined at most of their call sites, and the call per character cost more than the work.
// Any other byte sequence goes to decode_at, so the result is always the same as its.
#include <string_view>

#include "text/utf8.hpp"

namespace tally::facts {

inline text::Decoded decode_fast(std::string_view t, size_t i) {
  if (i >= t.size()) return {};
  auto c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) return {c, 1};
  if ((c & 0xF0) == 0xE0 && i + 2 < t.size()) {
    auto c1 = static_cast<unsigned char>(t[i + 1]), c2 = static_cast<unsigned char>(t[i + 2]);
    char32_t cp = ((c & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
    if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && cp >= 0x800 &&
        !(cp >= 0xD800 && cp <= 0xDFFF))
      return {cp, 3};
  }
  return text::decode_at(t, i);
}

}  // namespace tally::facts
