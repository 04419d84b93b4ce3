#include "documents.hpp"

#include "text/uri.hpp"
#include "text/utf8.hpp"

namespace tally::lsp {

size_t offset_of(std::string_view text, uint32_t line, uint32_t character) {
  size_t pos = 0;
  for (uint32_t l = 0; l < line; ++l) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return text.size();
    pos = nl + 1;
  }
  uint32_t units = 0;
  while (pos < text.size() && units < character && text[pos] != '\n') {
    auto d = text::decode_at(text, pos);
    uint32_t size = d.size ? d.size : 1;
    units += d.cp >= 0x10000 ? 2 : 1;
    pos += size;
  }
  return pos;
}

void apply_change(std::string& text, const nlohmann::json& change) {
  const auto& new_text = change.at("text").get_ref<const std::string&>();
  if (!change.contains("range") || change["range"].is_null()) {
    text = new_text;
    return;
  }
  const auto& r = change["range"];
  size_t begin = offset_of(text, r["start"]["line"], r["start"]["character"]);
  size_t end = offset_of(text, r["end"]["line"], r["end"]["character"]);
  if (end < begin) std::swap(begin, end);
  text.replace(begin, end - begin, new_text);
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
