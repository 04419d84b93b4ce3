#pragma once
// Code point decoding and the character classes the parser and repairs reason about.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tally::text {

struct Decoded {
  char32_t cp = 0;
  uint32_t size = 0;  // bytes consumed; 0 means invalid at this position
};

// decode_at past its fast paths (two- and four-byte sequences, bytes short at the end).
inline Decoded decode_multi(std::string_view bytes, size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + pos;
  size_t n = bytes.size() - pos;
  unsigned c = p[0];
  auto cont = [&](size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
  if (c < 0xC2) return {};
  if (c < 0xE0) {
    if (!cont(1)) return {};
    return {((c & 0x1Fu) << 6) | (p[1] & 0x3Fu), 2};
  }
  if (c < 0xF0) {
    if (!cont(1) || !cont(2)) return {};
    char32_t cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, 3};
  }
  if (c < 0xF5) {
    if (!cont(1) || !cont(2) || !cont(3)) return {};
    char32_t cp =
        ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    if (cp < 0x10000 || cp > 0x10FFFF) return {};
    return {cp, 4};
  }
  return {};
}

// Decodes one code point at `pos`; size 0 when the bytes there are not valid UTF-8 (overlong
// forms, surrogates and values past U+10FFFF included, as utf8proc_iterate rejects them).
// Inline and by hand because the parser decodes every character of a page several times: a
// call into utf8proc per character was a sixth of parsing a page. A unit test holds it to
// utf8proc_iterate for every sequence of up to three bytes and a sweep of four-byte ones.
// (Always inlined: as a call it was a sixth of parsing Chinese copy, and most characters of
// English copy need only the first test.)
__attribute__((always_inline)) inline Decoded decode_at(std::string_view bytes, size_t pos) {
  if (pos >= bytes.size()) return {};
  unsigned c = static_cast<unsigned char>(bytes[pos]);
  if (c < 0x80) return {c, 1};
  if (c >= 0xE0 && c < 0xF0 && bytes.size() - pos >= 3) {  // three bytes: most of CJK
    unsigned c1 = static_cast<unsigned char>(bytes[pos + 1]);
    unsigned c2 = static_cast<unsigned char>(bytes[pos + 2]);
    if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
      char32_t cp = ((c & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3};
    }
    return {};
  }
  return decode_multi(bytes, pos);
}

// The three bytes at `i` (all within `s`) as one number: a three-byte character compared with a
// few known ones by an integer comparison each, not a string comparison (the facts' scans do
// it at most characters of a Chinese text).
inline uint32_t three_bytes(std::string_view s, size_t i) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[i])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[i + 1])) << 8 |
         static_cast<unsigned char>(s[i + 2]);
}

// Offset of the first byte that is not valid UTF-8, or nullopt when all of it is.
std::optional<size_t> first_invalid_utf8(std::string_view bytes);

// 3 when the bytes open with a UTF-8 byte order mark (not a character anyone sees), else 0.
uint32_t bom_length(std::string_view bytes);

void append_utf8(std::string& out, char32_t cp);
size_t count_code_points(std::string_view s);
// The UTF-16 offset (what JavaScript strings and LanguageTool count) of each byte offset into
// valid UTF-8, in one pass over the text whatever order the offsets come in.
std::vector<size_t> utf16_offsets(std::string_view bytes, const std::vector<size_t>& byte_offsets);

// The classes below are inline, each with the test that settles most characters first: the
// parser asks them of every character of a page, and as calls they were a tenth of parsing
// English copy (where every letter went through the Han ranges).

// Han characters, including 〇
inline bool is_ideograph(char32_t cp) {
  if (cp < 0x3007) return false;
  if (cp >= 0x4E00 && cp <= 0x9FFF) return true;
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007;
}
// full-width and CJK punctuation, curly quotes, …
inline bool is_cjk_punct(char32_t cp) {
  if (cp < 0x00B7) return false;
  return (cp >= 0x3000 && cp <= 0x303F && cp != 0x3007) || (cp >= 0xFF01 && cp <= 0xFF65) ||
         (cp >= 0x2018 && cp <= 0x201F) || cp == 0x2026 || cp == 0x2014 || cp == 0x00B7 ||
         cp == 0x2015 || cp == 0xFE4F;
}
// ideograph or CJK punctuation or kana/hangul
inline bool is_cjk(char32_t cp) {
  if (cp < 0x00B7) return false;
  return is_ideograph(cp) || is_cjk_punct(cp) || (cp >= 0x3040 && cp <= 0x30FF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF);
}
// ASCII blanks and the ideographic space
inline bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0 ||
         cp == '\f' || cp == '\v';
}
inline bool is_ascii_alnum(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}
// ASCII and full-width digits
inline bool is_digit(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}
// Sentence-final marks, including a closing quote or bracket that follows one.
bool is_terminal_punct(char32_t cp);
int display_width(char32_t cp);  // 2 for wide characters, 1 otherwise

}  // namespace tally::text
