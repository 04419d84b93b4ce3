#pragma once
// Maps byte offsets of a source to the positions editors show: line, code point column, and the
// UTF-16 column the Language Server Protocol counts in.
#include <cstdint>
#include <string_view>
#include <vector>

namespace tally::text {

struct Position {
  uint32_t offset = 0;  // byte offset into the file
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in code points
  uint32_t utf16 = 0;   // 0-based, in UTF-16 code units (LSP "character")
};

class LineIndex {
 public:
  explicit LineIndex(std::string_view bytes);
  Position position(uint32_t offset) const;
  size_t line_count() const { return starts_.size(); }
  uint32_t line_start(uint32_t line) const { return starts_.at(line - 1); }
  // End of the line's content, before its "\n" or "\r\n".
  uint32_t line_end(uint32_t line) const;

 private:
  std::string_view bytes_;
  std::vector<uint32_t> starts_;  // byte offset where each line begins
};

}  // namespace tally::text
