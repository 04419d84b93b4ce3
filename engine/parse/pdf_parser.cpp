#include "parse/pdf_parser.hpp"

#include "parse/pdf_layout.hpp"
#include "parse/pdf_reader.hpp"
#include "text/logical_text.hpp"

namespace tally::parse {

namespace {

struct Extracted {
  std::string text;
  std::vector<PlacedLine> placed;
  PdfLayout layout;
  // Per article, per block, the index in `placed` of each of its lines.
  std::vector<std::vector<std::vector<size_t>>> line_of;
};

void put_line(Extracted& e, const PdfLine& l) {
  PlacedLine p;
  p.span.begin = static_cast<uint32_t>(e.text.size());
  e.text += l.text;
  p.span.end = static_cast<uint32_t>(e.text.size());
  e.text += '\n';
  p.page = l.page;
  p.x0 = l.box.x0;
  p.y0 = l.box.y0;
  p.x1 = l.box.x1;
  p.y1 = l.box.y1;
  // Per byte: the x where its code point starts; the line's end last.
  size_t cp = 0;
  for (size_t i = 0; i < l.text.size(); ++i) {
    if ((static_cast<unsigned char>(l.text[i]) & 0xC0) != 0x80 && i > 0) ++cp;
    p.edges.push_back(cp < l.edges.size() ? l.edges[cp] : l.box.x1);
  }
  p.edges.push_back(l.box.x1);
  e.placed.push_back(std::move(p));
}

std::optional<Extracted> extract(const std::string& path, std::string* error) {
  auto read = read_pdf(path);
  if (!read.error.empty()) {
    if (error) *error = read.error;
    return std::nullopt;
  }
  Extracted e;
  e.layout = lay_out(read.pages);
  for (const auto& l : e.layout.furniture) put_line(e, l);
  for (const auto& a : e.layout.articles) {
    e.text += '\n';
    auto& arts = e.line_of.emplace_back();
    for (const auto& b : a.blocks) {
      e.text += '\n';
      auto& blk = arts.emplace_back();
      for (const auto& l : b.lines) {
        blk.push_back(e.placed.size());
        put_line(e, l);
      }
    }
  }
  return e;
}

Block make_block(BlockType type, const std::string& bytes, const std::vector<text::Segment>& segs) {
  Block b;
  b.type = type;
  b.text = text::trimmed(text::build_logical_text(bytes, segs));
  b.span = b.text.original();
  if (segs.size() > 1)
    for (const auto& s : segs) b.pieces.push_back(s.span);
  return b;
}

}  // namespace

text::LoadResult load_pdf(const std::string& path) {
  std::string error;
  auto e = extract(path, &error);
  if (!e) {
    text::LoadResult r;
    r.error = text::InputError{path, 0, error};
    return r;
  }
  auto r = text::make_source(path, std::move(e->text));
  if (r.source) r.source->pdf = true;
  return r;
}

std::optional<Document> parse_pdf(const text::Source& src) {
  auto e = extract(src.path, nullptr);
  if (!e || e->text != src.bytes) return std::nullopt;
  Document doc;
  doc.path = src.path;
  doc.format = Format::Pdf;
  doc.placed = e->placed;
  if (e->layout.date) {
    PageHeader h;
    h.date = e->layout.date;
    if (!e->layout.furniture.empty())
      h.span = {doc.placed.front().span.begin, doc.placed[e->layout.furniture.size() - 1].span.end};
    doc.header = h;
  }
  for (size_t ai = 0; ai < e->layout.articles.size(); ++ai) {
    const auto& la = e->layout.articles[ai];
    Article a;
    a.confidence = la.confidence;
    a.uncertain = la.confidence < 0.75;
    a.notes = la.notes;
    std::string headline;
    for (size_t bi = 0; bi < la.blocks.size(); ++bi) {
      const auto& lb = la.blocks[bi];
      const auto& idx = e->line_of[ai][bi];
      if (lb.type == BlockType::Paragraph) {
        std::vector<text::Segment> segs;
        for (size_t k = 0; k < idx.size(); ++k) {
          if (k > 0 && lb.starts[k]) {
            a.blocks.push_back(make_block(lb.type, src.bytes, segs));
            segs.clear();
          }
          segs.push_back({doc.placed[idx[k]].span, true});
        }
        if (!segs.empty()) a.blocks.push_back(make_block(lb.type, src.bytes, segs));
        continue;
      }
      std::vector<text::Segment> segs;
      for (size_t k : idx) segs.push_back({doc.placed[k].span, true});
      a.blocks.push_back(make_block(lb.type, src.bytes, segs));
      if (lb.type == BlockType::Kicker || lb.type == BlockType::Headline ||
          lb.type == BlockType::Subheadline) {
        if (!headline.empty()) headline += " / ";
        headline += a.blocks.back().text.text;
      }
    }
    a.headline = headline;
    a.language = detect_language(a.blocks);
    doc.articles.push_back(std::move(a));
  }
  return doc;
}

}  // namespace tally::parse
