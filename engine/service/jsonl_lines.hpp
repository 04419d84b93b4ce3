#pragma once
// The lines of a JSON-lines archive, read byte by byte from a stream buffer so that a line over
// the limit is skipped without ever being held: memory stays bounded whatever the input. What
// `tally check --jsonl` reads its archive with (and fuzz_jsonl fuzzes).
#include <cstddef>
#include <streambuf>
#include <string>

#include "text/source.hpp"

namespace tally::service {

struct JsonlLine {
  size_t number = 0;      // 1-based
  std::string text;       // without its "\n" or "\r\n"; empty when too long
  bool too_long = false;  // longer than the limit: skipped, not held
};

class JsonlLines {
 public:
  explicit JsonlLines(std::streambuf* buf, size_t max_bytes = text::kMaxInputBytes)
      : buf_(buf), max_(max_bytes) {}
  // The next line; false at the end of the input. Throws what the stream buffer throws
  // (libstdc++'s filebuf on a read error), with the lines read so far still counted.
  bool next(JsonlLine& line);
  size_t lines() const { return number_; }

 private:
  std::streambuf* buf_;
  size_t max_;
  size_t number_ = 0;
};

}  // namespace tally::service
