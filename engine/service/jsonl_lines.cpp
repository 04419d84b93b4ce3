#include "service/jsonl_lines.hpp"

namespace tally::service {

bool JsonlLines::next(JsonlLine& line) {
  line = JsonlLine{};
  int c = buf_->sbumpc();
  if (c == std::char_traits<char>::eof()) return false;
  for (; c != std::char_traits<char>::eof() && c != '\n'; c = buf_->sbumpc()) {
    // One byte over the limit is held back: it may be the '\r' of a CRLF line end.
    if (line.text.size() <= max_)
      line.text.push_back(static_cast<char>(c));
    else
      line.too_long = true;
  }
  if (line.text.size() > max_ && line.text.back() != '\r') line.too_long = true;
  line.number = ++number_;
  if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  if (line.too_long) std::string().swap(line.text);
  return true;
}

}  // namespace tally::service
