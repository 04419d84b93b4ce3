#pragma once
// Drafts saved in another encoding than UTF-8 (GB18030/GBK in many Chinese newsrooms, Big5,
// UTF-16 from Windows editors), converted to the UTF-8 every later stage reads. glibc's iconv
// does the converting: it is part of the C library, knows every encoding a newsroom meets, and
// converts 8 MiB of GB18030 in a few milliseconds (docs/input.md).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tally::text {

// Whether iconv can read `name` ("gb18030", "GBK", "big5", "UTF-16LE" …; case does not matter).
bool encoding_known(const std::string& name);

// "utf-8", "UTF8" …: the encoding Tally reads anyway, so nothing to convert.
bool is_utf8_name(const std::string& name);

// "UTF-16LE", "utf32", "UCS-2" …: a Unicode form other than UTF-8, which has its own byte
// order mark rules.
bool is_unicode_name(const std::string& name);

struct Conversion {
  std::string utf8;
  bool ok = false;
  size_t offset = 0;  // when !ok: byte offset in the input of the first sequence it cannot read
  std::string error;  // when !ok: what went wrong, for an error message
};

// Converts all of `bytes` from `encoding` to UTF-8, strictly: the first sequence that is not
// valid in `encoding` (or cut short at the end) fails the whole conversion, since a guess would
// put findings on text the author never wrote. Line breaks are kept as they are, so a converted
// file has the same lines as the original.
Conversion convert_to_utf8(std::string_view bytes, const std::string& encoding);

// The encoding a byte order mark at the start of `bytes` announces: "UTF-16LE", "UTF-16BE", or
// nullopt (the UTF-8 byte order mark needs no conversion and is not reported here).
std::optional<std::string> utf16_bom_encoding(std::string_view bytes);

// For a file that is not valid UTF-8: the legacy Chinese encoding under which the whole of it
// decodes and reads as Chinese text, as the name to pass to --encoding ("gb18030", "big5"), or
// "" when none does, or when the file is UTF-8 with a few damaged bytes. Both encodings accept
// most of each other's byte pairs, so the one whose decoding holds more Chinese punctuation and
// fewer private-use characters wins.
std::string guess_legacy_encoding(std::string_view bytes);

}  // namespace tally::text
