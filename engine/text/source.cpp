#include "text/source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "text/encoding.hpp"
#include "text/utf8.hpp"

namespace tally::text {

namespace {
LoadResult fail(std::string path, size_t offset, std::string message) {
  return {std::nullopt, InputError{std::move(path), offset, std::move(message)}};
}

// Why `bytes` cannot be a source, or nullopt when they can: too large, binary, not UTF-8.
std::optional<InputError> refuse(const std::string& path, const std::string& bytes) {
  if (bytes.size() > kMaxInputBytes)
    return InputError{path, kMaxInputBytes,
                      "larger than the " + std::to_string(kMaxInputBytes >> 20) +
                          " MiB limit for one document (archives: tally check --jsonl)"};
  if (auto nul = bytes.find('\0'); nul != std::string::npos)
    return InputError{path, nul, "binary file (NUL byte at offset " + std::to_string(nul) + ")"};
  if (auto bad = first_invalid_utf8(bytes)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[*bad]));
    return InputError{
        path, *bad,
        "invalid UTF-8: byte " + std::string(hex) + " at offset " + std::to_string(*bad)};
  }
  return std::nullopt;
}

LoadResult accept(std::string path, std::string bytes, std::string encoding) {
  Source s;
  s.path = std::move(path);
  s.content_begin = bom_length(bytes);
  s.bytes = std::move(bytes);
  s.encoding = std::move(encoding);
  return {std::move(s), std::nullopt};
}
}  // namespace

LoadResult make_source(std::string path, std::string bytes) {
  if (auto e = refuse(path, bytes)) return {std::nullopt, std::move(e)};
  return accept(std::move(path), std::move(bytes), "");
}

LoadResult decode_source(std::string path, std::string bytes, const std::string& encoding) {
  std::string from = is_utf8_name(encoding) ? "" : encoding;
  // A file that is valid UTF-8 is read as UTF-8 whatever `encoding` says: a folder whose
  // .tally.yml says gb18030 may hold drafts saved as UTF-8 too, and text in GB18030 or Big5 is
  // valid UTF-8 only when it is plain ASCII, which reads the same either way.
  if (!from.empty() && bytes.find('\0') == std::string::npos && !first_invalid_utf8(bytes))
    from.clear();
  // A byte order mark is the file speaking for itself: it wins over a configured encoding, but
  // not over a UTF-32 or UCS name given on purpose (whose marks begin with the same bytes).
  // iconv's "UTF-16" reads the mark and drops it, so error offsets stay offsets in the file.
  std::string iconv_name = from;
  if (auto bom = utf16_bom_encoding(bytes); bom && !is_unicode_name(from)) {
    from = *bom;
    iconv_name = "UTF-16";
  }
  if (from.empty()) {
    auto e = refuse(path, bytes);
    if (!e) return accept(std::move(path), std::move(bytes), "");
    // Only on failure, so reading UTF-8 costs nothing more: two trial decodes of the file.
    if (e->message.rfind("invalid UTF-8", 0) == 0) {
      auto guess = guess_legacy_encoding(bytes);
      if (!guess.empty())
        e->message += "; the file looks like " + std::string(guess == "big5" ? "Big5" : "GB18030") +
                      ": use --encoding " + guess + " (or encoding: " + guess + " in .tally.yml)";
    }
    return {std::nullopt, std::move(e)};
  }
  if (bytes.size() > kMaxInputBytes) return make_source(std::move(path), std::move(bytes));
  auto c = convert_to_utf8(bytes, iconv_name);
  if (!c.ok) return fail(std::move(path), c.offset, c.error);
  if (auto e = refuse(path, c.utf8)) return {std::nullopt, std::move(e)};
  return accept(std::move(path), std::move(c.utf8), from);
}

namespace {
// A regular file's bytes by open/fstat/read: an ifstream's construction (locale, buffer) cost
// as much as reading a 1.5 KB draft, per file of a folder. nullopt when `path` cannot be opened
// or is not a regular file: the ifstream below then reads it and says what went wrong as before.
std::optional<std::string> read_regular_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<uint64_t>(st.st_size) <= kMaxInputBytes) {
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    size_t got = 0;
    bool failed = false;
    while (got < bytes.size()) {
      ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) failed = true;
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    // A file that shrank while read is what was there; one that failed is read again below.
    if (!failed) {
      bytes.resize(got);
      out = std::move(bytes);
    }
  }
  ::close(fd);
  return out;
}
}  // namespace

LoadResult load_file(const std::string& path, const std::string& encoding) {
  if (auto bytes = read_regular_file(path)) return decode_source(path, std::move(*bytes), encoding);
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
  return decode_source(path, std::move(bytes), encoding);
}

LoadResult load_stdin(const std::string& encoding) {
  std::ostringstream buf;
  buf << std::cin.rdbuf();
  return decode_source("<stdin>", std::move(buf).str(), encoding);
}

}  // namespace tally::text
