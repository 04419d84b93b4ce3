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

// Decodes one code point at `pos`; size 0 when the bytes there are not valid UTF-8.
Decoded decode_at(std::string_view bytes, size_t pos);

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
