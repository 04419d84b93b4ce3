#include "parse/markdown_parser.hpp"

#include <cmark.h>

#include <memory>

#include "text/line_index.hpp"
#include "text/utf8.hpp"

namespace tally::parse {

namespace {

struct Walker {
  const text::Source& src;
  text::LineIndex index;
  Document& doc;

  uint32_t offset(int line, int column) const {
    if (line < 1) return src.content_begin;
    if (static_cast<size_t>(line) > index.line_count())  // never, now both count lines alike
      return static_cast<uint32_t>(src.bytes.size());
    // cmark was given the text after the byte order mark, so its line 1 starts after it.
    uint32_t start = line == 1 ? src.content_begin : index.line_start(static_cast<uint32_t>(line));
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
        case CMARK_NODE_PARAGRAPH:
          add(BlockType::Paragraph, n);
          break;
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
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root(
      cmark_parse_document(body.data(), body.size(), CMARK_OPT_DEFAULT), cmark_node_free);
  Walker w{src, text::LineIndex(src.bytes), doc};
  w.walk(root.get());
  for (auto& a : doc.articles) {
    for (const auto& b : a.blocks)
      if (b.type == BlockType::Headline) {
        a.headline = b.text.text;
        break;
      }
    a.language = detect_language(a.blocks);
  }
  return doc;
}

}  // namespace tally::parse
