#include "text/utf8.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstring>
#include <numeric>

namespace tally::text {

std::optional<size_t> first_invalid_utf8(std::string_view bytes) {
  // Every file read is checked: ASCII eight bytes at a time, and the three-byte sequences of
  // CJK text by their continuation bytes alone where no overlong form or surrogate can start
  // (leads E1-EC and EE-EF); the rest through decode_at. Byte by byte through decode_at it was
  // a tenth of parsing English copy.
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t pos = 0;
  while (pos < n) {
    unsigned c = p[pos];
    if (c < 0x80) {
      uint64_t w;
      if (pos + 8 <= n && (std::memcpy(&w, p + pos, 8), (w & 0x8080808080808080ull) == 0))
        pos += 8;
      else
        ++pos;
      continue;
    }
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && pos + 3 <= n && (p[pos + 1] & 0xC0) == 0x80 &&
        (p[pos + 2] & 0xC0) == 0x80) {
      pos += 3;
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
    // (The continuation bits summed by a multiply into the top byte, at most 8: the builtin
    // popcount is a call into libgcc without -mpopcnt.)
    uint64_t cont = (w & ~(w << 1) & 0x8080808080808080ull) >> 7;
    n += 8 - static_cast<size_t>((cont * 0x0101010101010101ull) >> 56);
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
