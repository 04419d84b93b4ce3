#include "parse/markdown_parser.hpp"

#include <cmark.h>

#include <memory>

#include "parse/lines.hpp"
#include "text/line_index.hpp"
#include "text/utf8.hpp"

namespace tally::parse {

namespace {

// Length of the front matter that opens `text`: a YAML block from a "---" line to a "---" or
// "..." line, or a TOML block from "+++" to "+++", closing line included; 0 when there is none
// (an unclosed "---" is a thematic break, as cmark reads it).
size_t front_matter_length(std::string_view text) {
  // The line at `pos` without its end or trailing blanks; `pos` moves past its "\n", "\r\n" or
  // "\r".
  auto next_line = [&](size_t& pos) {
    size_t b = pos, e = pos;
    while (e < text.size() && text[e] != '\n' && text[e] != '\r') ++e;
    pos = e;
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n' && (pos == e || text[pos - 1] == '\r')) ++pos;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    return text.substr(b, e - b);
  };
  size_t pos = 0;
  auto open = next_line(pos);
  if (open != "---" && open != "+++") return 0;
  while (pos < text.size()) {
    auto line = next_line(pos);
    if (line == open || (open == "---" && line == "...")) return pos;
  }
  return 0;
}

struct Walker {
  const text::Source& src;
  text::LineIndex index;
  Document& doc;
  // cmark reads the text after the byte order mark and the front matter: its line 1 is the
  // file's line `first_line`, starting at byte `first_byte`.
  uint32_t first_line = 1;
  uint32_t first_byte = 0;

  uint32_t offset(int line, int column) const {
    if (line < 1) return first_byte;
    auto file_line = static_cast<uint32_t>(line) + first_line - 1;
    if (file_line > index.line_count())  // never, now both count lines alike
      return static_cast<uint32_t>(src.bytes.size());
    uint32_t start = line == 1 ? first_byte : index.line_start(file_line);
    return start + static_cast<uint32_t>(column - 1);
  }

  Span span_of(cmark_node* n) const {
    uint32_t b = offset(cmark_node_get_start_line(n), cmark_node_get_start_column(n));
    uint32_t e = offset(cmark_node_get_end_line(n), cmark_node_get_end_column(n)) + 1;
    auto size = static_cast<uint32_t>(src.bytes.size());
    return {std::min(b, size), std::min(std::max(e, b), size)};
  }

  // The inline text of a block as segments of the source: each literal is found in order in
  // the block's bytes, so markup (emphasis, link syntax) is left out of the logical text.
  std::vector<text::Segment> segments(cmark_node* block) const {
    std::vector<text::Segment> out;
    Span s = span_of(block);
    uint32_t cursor = s.begin;
    bool after_break = true;
    std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(block),
                                                               cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* n = cmark_iter_get_node(it.get());
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          after_break = true;
          break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: {
          std::string_view lit = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
          if (lit.empty()) break;
          auto at = std::string_view(src.bytes).substr(0, s.end).find(lit, cursor);
          if (at == std::string_view::npos) break;  // an entity or escape: not in the bytes as is
          auto b = static_cast<uint32_t>(at);
          out.push_back({{b, b + static_cast<uint32_t>(lit.size())}, after_break});
          cursor = b + static_cast<uint32_t>(lit.size());
          after_break = false;
          break;
        }
        default:
          break;
      }
    }
    return out;
  }

  // One line of the file, and on its own a line that can stand under a headline.
  bool reads_as_dek(const Block& b) const {
    auto bytes = std::string_view(src.bytes).substr(b.span.begin, b.span.size());
    if (bytes.find_first_of("\r\n") != std::string_view::npos) return false;
    auto lines = split_lines(b.text.text, 0);
    return lines.size() == 1 && dek_like(lines[0]);
  }

  Article& current() {
    if (doc.articles.empty()) doc.articles.emplace_back();
    return doc.articles.back();
  }

  void add(BlockType type, cmark_node* n) {
    auto segs = segments(n);
    if (segs.empty()) return;
    Block b;
    b.type = type;
    b.text = text::trimmed(text::build_logical_text(src.bytes, segs));
    b.span = b.text.original();
    current().blocks.push_back(std::move(b));
  }

  // Headings and paragraphs, in document order, inside block quotes and lists to any depth.
  // cmark's iterator rather than recursion: 50,000 nested "> " overflowed the stack (found by
  // the robustness test under ASan).
  void walk(cmark_node* root) {
    std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(root),
                                                               cmark_iter_free);
    for (auto ev = cmark_iter_next(it.get()); ev != CMARK_EVENT_DONE;
         ev = cmark_iter_next(it.get())) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* n = cmark_iter_get_node(it.get());
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HEADING: {
          int level = cmark_node_get_heading_level(n);
          // A level-1 heading starts an article; so does the first heading of a document.
          bool first = doc.articles.empty() || current().blocks.empty();
          if (level == 1 && !first) doc.articles.emplace_back();
          add(level == 1 || (first && doc.articles.size() <= 1) ? BlockType::Headline
                                                                : BlockType::Subhead,
              n);
          break;
        }
        case CMARK_NODE_PARAGRAPH: {
          // A short line right under the headline, with a paragraph of copy below, is the
          // subheadline (above a list it rather introduces the list).
          cmark_node* next = cmark_node_next(n);
          bool under_headline = !doc.articles.empty() && current().blocks.size() == 1 &&
                                current().blocks[0].type == BlockType::Headline &&
                                cmark_node_parent(n) == root && next != nullptr &&
                                cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH;
          add(BlockType::Paragraph, n);
          if (under_headline && current().blocks.size() == 2 && reads_as_dek(current().blocks[1]))
            current().blocks[1].type = BlockType::Subheadline;
          break;
        }
        default:
          break;  // containers are entered by the iterator; code, HTML and rules carry no copy
      }
    }
  }
};

}  // namespace

Document parse_markdown(const text::Source& src) {
  Document doc;
  doc.path = src.path;
  doc.format = Format::Markdown;
  std::string_view body = std::string_view(src.bytes).substr(src.content_begin);
  // Front matter (title, date, tags for a static site generator) is not copy: cmark never sees
  // it, and the offsets of what follows still count from the start of the file.
  auto front = front_matter_length(body);
  body.remove_prefix(front);
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root(
      cmark_parse_document(body.data(), body.size(), CMARK_OPT_DEFAULT), cmark_node_free);
  Walker w{src, text::LineIndex(src.bytes), doc};
  w.first_byte = static_cast<uint32_t>(src.content_begin + front);
  w.first_line = w.index.position(w.first_byte).line;
  w.walk(root.get());
  for (auto& a : doc.articles) {
    // The headline, and its subheadline joined as the page parser joins them.
    for (size_t i = 0; i < a.blocks.size(); ++i)
      if (a.blocks[i].type == BlockType::Headline) {
        a.headline = a.blocks[i].text.text;
        for (size_t j = i + 1; j < a.blocks.size() && a.blocks[j].type == BlockType::Subheadline;
             ++j)
          a.headline += " / " + a.blocks[j].text.text;
        break;
      }
    a.language = detect_language(a.blocks);
  }
  return doc;
}

}  // namespace tally::parse
