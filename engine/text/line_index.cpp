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
  if (pos == 0 && bytes_.size() >= 3 && bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0 && offset >= 3)
    pos = 3;
  while (pos < offset) {
    auto d = decode_at(bytes_, pos);
    uint32_t n = d.size ? d.size : 1;
    ++p.column;
    p.utf16 += (d.size && d.cp > 0xFFFF) ? 2 : 1;
    pos += n;
  }
  return p;
}

}  // namespace tally::text
