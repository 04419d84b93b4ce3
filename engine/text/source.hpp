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

// Largest input accepted; bigger files are refused rather than read into memory.
inline constexpr size_t kMaxInputBytes = size_t{256} << 20;

struct LoadResult {
  std::optional<Source> source;
  std::optional<InputError> error;
};

// Validates bytes already in memory: refuses NUL bytes (binary) and invalid UTF-8.
LoadResult make_source(std::string path, std::string bytes);
LoadResult load_file(const std::string& path);
LoadResult load_stdin();

}  // namespace tally::text
