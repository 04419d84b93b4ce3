#include "documents.hpp"

#include <algorithm>

#include "envelope.hpp"
#include "text/uri.hpp"
#include "text/utf8.hpp"

namespace tally::lsp {

std::optional<size_t> edit_offset(std::string_view text, uint32_t line, uint32_t character) {
  size_t pos = 0;
  for (uint32_t l = 0; l < line; ++l) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return std::nullopt;
    pos = nl + 1;
  }
  uint32_t units = 0;
  // A character past the line's end is the line's end (LSP), before a CRLF's '\r' too.
  while (pos < text.size() && units < character && text[pos] != '\n' &&
         !(text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n')) {
    auto d = text::decode_at(text, pos);
    uint32_t size = d.size ? d.size : 1;
    units += d.cp >= 0x10000 ? 2 : 1;
    pos += size;
  }
  return std::min(pos, text.size());
}

size_t offset_of(std::string_view text, uint32_t line, uint32_t character) {
  return edit_offset(text, line, character).value_or(text.size());
}

std::string apply_change(std::string& text, const nlohmann::json& change) {
  try {
    if (!change.is_object()) return "a content change is not an object";
    std::string new_text = string_field(change, "text", "contentChanges[]");
    if (!change.contains("range") || change["range"].is_null()) {
      text = std::move(new_text);
      return "";
    }
    auto r = range_field(change, "range", "contentChanges[]");
    if (r.end < r.start)
      return "a change's range ends (" + std::to_string(r.end.line) + ":" +
             std::to_string(r.end.character) + ") before it starts (" +
             std::to_string(r.start.line) + ":" + std::to_string(r.start.character) + ")";
    auto begin = edit_offset(text, r.start.line, r.start.character);
    auto end = edit_offset(text, r.end.line, r.end.character);
    if (!begin || !end)
      return "a change's range reaches line " + std::to_string(r.end.line) +
             " of a text that ends at line " +
             std::to_string(std::count(text.begin(), text.end(), '\n'));
    text.replace(*begin, *end - *begin, new_text);
    return "";
  } catch (const InvalidParams& e) {
    return e.what();
  }
}

text::Position PositionCursor::at(uint32_t offset) {
  // Walked on only from a character's first byte (a position mid-character counts the
  // character it is in, which a walk from there would not see start) past the byte order mark,
  // and only while no line ends on the way.
  uint32_t from = last_.offset;
  bool walk = have_ && offset >= from && offset <= text_.size() && from >= 3 &&
              offset - from <= 4096 && from < text_.size() &&
              (static_cast<unsigned char>(text_[from]) & 0xC0) != 0x80;
  if (walk) {
    text::Position p = last_;
    uint32_t pos = from;
    while (walk && pos < offset) {
      char c = text_[pos];
      if (c == '\n' || c == '\r') {
        walk = false;
        break;
      }
      auto d = text::decode_at(text_, pos);
      ++p.column;
      p.utf16 += (d.size && d.cp > 0xFFFF) ? 2 : 1;
      pos += d.size ? d.size : 1;
    }
    if (walk) {
      p.offset = offset;
      return last_ = p;
    }
  }
  have_ = true;
  return last_ = index_.position(offset);
}

nlohmann::json lsp_position(const text::LineIndex& index, uint32_t offset) {
  auto p = index.position(offset);
  return {{"line", p.line - 1}, {"character", p.utf16}};
}

nlohmann::json lsp_range(const text::LineIndex& index, uint32_t begin, uint32_t end) {
  return {{"start", lsp_position(index, begin)}, {"end", lsp_position(index, end)}};
}

std::string uri_to_path(const std::string& uri) {
  const std::string scheme = "file://";
  if (uri.rfind(scheme, 0) != 0) return {};
  return text::percent_decode(std::string_view(uri).substr(scheme.size()));
}

}  // namespace tally::lsp
