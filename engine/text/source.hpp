#pragma once
// A checked input as the editor saved it: raw bytes plus what decoding found.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tally::text {

struct Source {
  std::string path;  // as given on the command line; "-" or "<stdin>" for standard input
  // The file's bytes as UTF-8: exactly the file's bytes when it was UTF-8, else the text
  // converted from `encoding` (line for line: the same line breaks). Every span Tally reports
  // indexes these.
  std::string bytes;
  uint32_t content_begin = 0;  // 3 when the text starts with a UTF-8 byte order mark
  std::string encoding;  // what the file was converted from ("gb18030", "UTF-16LE"); "" for UTF-8
  // Read from a PDF by parse::load_pdf (bytes: its extracted text). Only then is the file read
  // again for its layout: a name ending in .pdf from a client (HTTP, LSP) never opens a file.
  bool pdf = false;
};

struct InputError {
  std::string path;
  size_t offset = 0;  // byte offset the problem was found at
  std::string message;
};

// Largest single document accepted; bigger ones are refused before they are read. A page of a
// newspaper is 20 KB and a long feature 100 KB; 8 MiB bounds the worst case (one 8 MB line with
// thousands of facts: about a minute and 1 GB) while archives go through --jsonl, one article at
// a time.
inline constexpr size_t kMaxInputBytes = size_t{8} << 20;

struct LoadResult {
  std::optional<Source> source;
  std::optional<InputError> error;
};

// Validates bytes already in memory: refuses NUL bytes (binary) and invalid UTF-8.
LoadResult make_source(std::string path, std::string bytes);

// A file's bytes as the user saved them, made a Source: converted to UTF-8 from `encoding`
// when one is named (any name iconv knows; "" or "utf-8" for none), or from UTF-16 when a byte
// order mark says so. Bytes that are not valid UTF-8 are refused with the offset of the first
// bad byte and, when the whole file reads as GB18030 or Big5, the --encoding that would read it.
LoadResult decode_source(std::string path, std::string bytes, const std::string& encoding = "");
LoadResult load_file(const std::string& path, const std::string& encoding = "");
LoadResult load_stdin(const std::string& encoding = "");

}  // namespace tally::text
