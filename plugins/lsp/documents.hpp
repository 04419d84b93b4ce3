#pragma once
// Open documents as the editor sees them, and the conversions between LSP positions (line,
// UTF-16 character) and byte offsets that incremental sync and diagnostics need.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "text/line_index.hpp"

namespace tally::lsp {

struct Document {
  std::string uri;
  std::string path;  // file path for file:// URIs; "" otherwise
  std::string language_id;
  int version = 0;
  std::string text;
};

// Byte offset of LSP position {line, character} (0-based, UTF-16); clamped to the text (for
// positions a request asks about: a hover past the end is simply over nothing).
size_t offset_of(std::string_view text, uint32_t line, uint32_t character);
// The same for an edit: nullopt when the line is past the end of the text (the client's text
// is not ours). A character past the end of its line means the line's end, as LSP says.
std::optional<size_t> edit_offset(std::string_view text, uint32_t line, uint32_t character);

// Applies one contentChanges entry (with or without a range). Returns why it cannot apply
// (not an object, a range that ends before it starts or lies past the end of the text) with
// `text` untouched, or "" once applied.
std::string apply_change(std::string& text, const nlohmann::json& change);

// Positions of offsets mostly asked in rising order (a publish: findings in reading order, a
// grouped finding's fix edits in file order): one on the line of the one before is walked on
// from it instead of from its line's start or checkpoint (text::LineIndex), which cost a page
// with hundreds of fix edits 3 M instructions a publish. The same positions as
// LineIndex::position.
class PositionCursor {
 public:
  PositionCursor(const text::LineIndex& index, std::string_view text)
      : index_(index), text_(text) {}
  text::Position at(uint32_t offset);

 private:
  const text::LineIndex& index_;
  std::string_view text_;
  text::Position last_;
  bool have_ = false;
};

// LSP position of a byte offset.
nlohmann::json lsp_position(const text::LineIndex& index, uint32_t offset);
nlohmann::json lsp_range(const text::LineIndex& index, uint32_t begin, uint32_t end);

// file:///a%20b/c.md -> /a b/c.md; "" for other schemes (untitled documents).
std::string uri_to_path(const std::string& uri);

}  // namespace tally::lsp
