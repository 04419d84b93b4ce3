#pragma once
// A checked input as the editor saved it: raw bytes plus what decoding found.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tally::text {

struct Source {
  std::string path;            // as given on the command line; "-" or "<stdin>" for standard input
  std::string bytes;           // exactly the file's bytes; every span Tally reports indexes these
  uint32_t content_begin = 0;  // 3 when the file starts with a UTF-8 byte order mark
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
LoadResult load_file(const std::string& path);
LoadResult load_stdin();

}  // namespace tally::text
