#pragma once
// Open documents as the editor sees them, and the conversions between LSP positions (line,
// UTF-16 character) and byte offsets that incremental sync and diagnostics need.
#include <cstdint>
#include <nlohmann/json.hpp>
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

// Byte offset of LSP position {line, character} (0-based, UTF-16); clamped to the text.
size_t offset_of(std::string_view text, uint32_t line, uint32_t character);

// Applies one contentChanges entry (with or without a range).
void apply_change(std::string& text, const nlohmann::json& change);

// LSP position of a byte offset.
nlohmann::json lsp_position(const text::LineIndex& index, uint32_t offset);
nlohmann::json lsp_range(const text::LineIndex& index, uint32_t begin, uint32_t end);

// file:///a%20b/c.md -> /a b/c.md; "" for other schemes (untitled documents).
std::string uri_to_path(const std::string& uri);

}  // namespace tally::lsp
