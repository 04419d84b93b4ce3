#include "text/utf8.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstring>
#include <numeric>

namespace tally::text {

std::optional<size_t> first_invalid_utf8(std::string_view bytes) {
  // decode_at's checks without the code point: ASCII eight bytes at a time, runs of three-byte
  // characters (most of CJK) four bytes read at a time, the rest by decode_at. Every file read
  // is checked: with a full decode per character, this was a hundredth of checking Chinese copy.
  // A unit test holds it to decode_at.
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t pos = 0;
  while (pos < n) {
    if (p[pos] < 0x80) {
      for (uint64_t w; pos + 8 <= n; pos += 8) {
        std::memcpy(&w, p + pos, 8);
        if (w & 0x8080808080808080ull) break;
      }
      while (pos < n && p[pos] < 0x80) ++pos;
      continue;
    }
    // The lead 1110xxxx and two continuation bytes, the lead in the lowest byte of v (bytes
    // read little-endian); then not overlong (lead E0 with a second byte below A0: v & 0x200F
    // is 0) nor a surrogate (lead ED, second byte from A0: 0x200D).
    size_t run = pos;
    for (uint32_t v; run + 4 <= n; run += 3) {
      std::memcpy(&v, p + run, 4);
      if (__BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__) v = __builtin_bswap32(v);
      if ((v & 0xC0C0F0u) != 0x8080E0u) break;
      uint32_t t = v & 0x200Fu;
      if (t == 0 || t == 0x200Du) return run;
    }
    if (run != pos) {
      pos = run;
      continue;
    }
    auto d = decode_at(bytes, pos);
    if (d.size == 0) return pos;
    pos += d.size;
  }
  return std::nullopt;
}

uint32_t bom_length(std::string_view bytes) {
  return bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

void append_utf8(std::string& out, char32_t cp) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

size_t count_code_points(std::string_view s) {
  // Eight bytes at a time: a continuation byte is 10xxxxxx, its top bit set and the next one
  // clear (the parser counts every paragraph, a byte at a time a few instructions a byte).
  size_t n = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    uint64_t cont = w & ~(w << 1) & 0x8080808080808080ull;
    n += 8 - static_cast<size_t>(__builtin_popcountll(cont));
  }
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

std::vector<size_t> utf16_offsets(std::string_view bytes, const std::vector<size_t>& byte_offsets) {
  std::vector<size_t> order(byte_offsets.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return byte_offsets[a] < byte_offsets[b]; });
  std::vector<size_t> out(byte_offsets.size());
  size_t pos = 0, units = 0;
  for (size_t i : order) {
    size_t target = std::min(byte_offsets[i], bytes.size());
    for (; pos < target; ++pos) {
      unsigned char c = static_cast<unsigned char>(bytes[pos]);
      if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;  // 4-byte sequences: a surrogate pair
    }
    out[i] = units;
  }
  return out;
}

bool is_terminal_punct(char32_t cp) {
  switch (cp) {
    case U'。':
    case U'！':
    case U'？':
    case U'…':
    case U'.':
    case U'!':
    case U'?':
    case U'；':
    case U'”':
    case U'’':
    case U'」':
    case U'』':
    case U'）':
    case U')':
    case U'"':
    case U'：':
    case U':':
      return true;
    default:
      return false;
  }
}

int display_width(char32_t cp) {
  // The common cases without a table lookup: nothing below U+1100 is wide, and the main CJK
  // block is.
  if (cp < 0x1100) return 1;
  if (cp >= 0x4E00 && cp <= 0x9FFF) return 2;
  int w = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
  return w <= 0 ? 1 : w;
}

}  // namespace tally::text
