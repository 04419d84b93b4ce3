#include "text/source.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "text/utf8.hpp"

namespace tally::text {

namespace {
LoadResult fail(std::string path, size_t offset, std::string message) {
  return {std::nullopt, InputError{std::move(path), offset, std::move(message)}};
}
}  // namespace

LoadResult make_source(std::string path, std::string bytes) {
  if (bytes.size() > kMaxInputBytes)
    return fail(path, kMaxInputBytes,
                "larger than the " + std::to_string(kMaxInputBytes >> 20) +
                    " MiB limit for one document (archives: tally check --jsonl)");
  if (auto nul = bytes.find('\0'); nul != std::string::npos)
    return fail(path, nul, "binary file (NUL byte at offset " + std::to_string(nul) + ")");
  if (auto bad = first_invalid_utf8(bytes)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[*bad]));
    return fail(path, *bad,
                "invalid UTF-8: byte " + std::string(hex) + " at offset " + std::to_string(*bad));
  }
  Source s;
  s.path = std::move(path);
  s.content_begin = bom_length(bytes);
  s.bytes = std::move(bytes);
  return {std::move(s), std::nullopt};
}

LoadResult load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path, 0, std::string("cannot open: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size > static_cast<std::streamoff>(kMaxInputBytes))
    return fail(path, kMaxInputBytes,
                "larger than the " + std::to_string(kMaxInputBytes >> 20) +
                    " MiB limit for one document (archives: tally check --jsonl)");
  in.seekg(0);
  std::string bytes;
  if (size > 0) bytes.resize(static_cast<size_t>(size));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in && !in.eof()) return fail(path, 0, "read error");
  return make_source(path, std::move(bytes));
}

LoadResult load_stdin() {
  std::ostringstream buf;
  buf << std::cin.rdbuf();
  return make_source("<stdin>", std::move(buf).str());
}

}  // namespace tally::text
