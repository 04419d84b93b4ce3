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

// Decodes one code point at `pos`; size 0 when the bytes there are not valid UTF-8 (overlong
// forms, surrogates and values past U+10FFFF included, as utf8proc_iterate rejects them).
// Inline and by hand because the parser decodes every character of a page several times: a
// call into utf8proc per character was a sixth of parsing a page. A unit test holds it to
// utf8proc_iterate for every sequence of up to three bytes and a sweep of four-byte ones.
inline Decoded decode_at(std::string_view bytes, size_t pos) {
  if (pos >= bytes.size()) return {};
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + pos;
  size_t n = bytes.size() - pos;
  unsigned c = p[0];
  if (c < 0x80) return {c, 1};
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

// Offset of the first byte that is not valid UTF-8, or nullopt when all of it is.
std::optional<size_t> first_invalid_utf8(std::string_view bytes);

// 3 when the bytes open with a UTF-8 byte order mark (not a character anyone sees), else 0.
uint32_t bom_length(std::string_view bytes);

void append_utf8(std::string& out, char32_t cp);
size_t count_code_points(std::string_view s);
// The UTF-16 offset (what JavaScript strings and LanguageTool count) of each byte offset into
// valid UTF-8, in one pass over the text whatever order the offsets come in.
std::vector<size_t> utf16_offsets(std::string_view bytes, const std::vector<size_t>& byte_offsets);

bool is_ideograph(char32_t cp);  // Han characters, including 〇
bool is_cjk_punct(char32_t cp);  // full-width and CJK punctuation, curly quotes, …
bool is_cjk(char32_t cp);        // ideograph or CJK punctuation or kana/hangul
bool is_space(char32_t cp);      // ASCII blanks and the ideographic space
bool is_ascii_alnum(char32_t cp);
bool is_digit(char32_t cp);  // ASCII and full-width digits
// Sentence-final marks, including a closing quote or bracket that follows one.
bool is_terminal_punct(char32_t cp);
int display_width(char32_t cp);  // 2 for wide characters, 1 otherwise

}  // namespace tally::text
