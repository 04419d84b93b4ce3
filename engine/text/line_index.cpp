#include "text/line_index.hpp"

#include <algorithm>

#include "text/utf8.hpp"

namespace tally::text {

LineIndex::LineIndex(std::string_view bytes) : bytes_(bytes) {
  starts_.push_back(0);
  // "\n", "\r\n" and a lone "\r" end a line, as for LSP clients and cmark (which reported
  // Markdown lines this index did not have when files used old Mac line ends).
  for (size_t i = 0; i < bytes.size(); ++i)
    if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n')))
      starts_.push_back(static_cast<uint32_t>(i + 1));
  for (uint32_t line = 1; line <= starts_.size(); ++line) {
    uint32_t b = starts_[line - 1], e = line_end(line);
    if (e - b <= kStride) continue;
    Position p;
    p.offset = b;
    p.line = line;
    if (b == 0) p.offset = bom_length(bytes);
    uint32_t next = b + kStride;
    while (p.offset < e) {
      auto d = decode_at(bytes, p.offset);
      p.offset += d.size ? d.size : 1;
      ++p.column;
      p.utf16 += (d.size && d.cp > 0xFFFF) ? 2 : 1;
      if (p.offset >= next) {
        checkpoints_.push_back(p);
        next = p.offset + kStride;
      }
    }
  }
}

uint32_t LineIndex::line_end(uint32_t line) const {
  if (line >= starts_.size()) return static_cast<uint32_t>(bytes_.size());
  uint32_t end = starts_[line] - 1;  // the "\n" or lone "\r"
  if (bytes_[end] == '\n' && end > starts_[line - 1] && bytes_[end - 1] == '\r') --end;
  return end;
}

Position LineIndex::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(bytes_.size()));
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  auto line = static_cast<uint32_t>(it - starts_.begin());
  Position p;
  p.offset = offset;
  p.line = line;
  uint32_t pos = starts_[line - 1];
  // The byte order mark is not a character an editor shows.
  if (uint32_t bom = bom_length(bytes_); pos == 0 && bom && offset >= bom) pos = bom;
  auto cp = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), offset,
                             [](uint32_t o, const Position& c) { return o < c.offset; });
  if (cp != checkpoints_.begin() && std::prev(cp)->line == line) {
    p = *std::prev(cp);
    pos = p.offset;
    p.offset = offset;
  }
  while (pos < offset) {
    auto d = decode_at(bytes_, pos);
    uint32_t n = d.size ? d.size : 1;
    ++p.column;
    p.utf16 += (d.size && d.cp > 0xFFFF) ? 2 : 1;
    pos += n;
  }
  return p;
}

LineWindow line_window(std::string_view bytes, uint32_t line_begin, uint32_t line_end,
                       uint32_t begin, uint32_t max_bytes) {
  LineWindow w{line_begin, line_end, false, false};
  if (line_end - line_begin <= max_bytes) return w;
  auto boundary = [&](uint32_t i) {  // back to the start of the character at i
    while (i > line_begin && i < bytes.size() &&
           (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80)
      --i;
    return i;
  };
  begin = std::clamp(begin, line_begin, line_end);
  uint32_t from = begin - line_begin > max_bytes / 3 ? boundary(begin - max_bytes / 3) : line_begin;
  uint32_t to = std::min(line_end, from + max_bytes);
  if (to < line_end) to = boundary(to);
  return {from, to, from > line_begin, to < line_end};
}

}  // namespace tally::text
