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
  // Positions every kStride bytes along long lines, so position() never walks more than a
  // stride: a one-line file of megabytes with thousands of findings stays linear. Pages that
  // hold a paragraph per line (a kilobyte or more) put most findings mid-line, so the stride is
  // short: 256 bytes cost 16 bytes of checkpoint each (6 % of the text) and walks of at most
  // ~85 CJK characters.
  static constexpr uint32_t kStride = 256;
  std::vector<Position> checkpoints_;  // sorted by offset
};

// The part of a line to show for [begin, end): the whole line when it is short, else about
// `max_bytes` around `begin`, cut at character boundaries. `cut_left`/`cut_right` say what was
// left out, for an ellipsis.
struct LineWindow {
  uint32_t begin = 0, end = 0;
  bool cut_left = false, cut_right = false;
};
LineWindow line_window(std::string_view bytes, uint32_t line_begin, uint32_t line_end,
                       uint32_t begin, uint32_t max_bytes = 240);

}  // namespace tally::text
