#pragma once
// Second stage of the PDF path: a page's positioned lines grouped into blocks (lines stacked in
// one column at one size and weight) and the blocks into articles, by layout alone. A headline
// (type clearly larger than the body's) owns the blocks below it that it spans, down to the
// next headline over them; a bold heading at body size under a section label starts an article
// of its own (letters, briefs), elsewhere it is a sub-head. Deck, kicker, byline, caption, drop
// cap and page furniture (masthead, folio, date line, section label) are told by size, position
// and wording. Each article's confidence comes from the evidence it was built on.
#include <optional>
#include <string>
#include <vector>

#include "parse/document.hpp"
#include "parse/pdf_reader.hpp"

namespace tally::parse {

struct LaidBlock {
  BlockType type = BlockType::Paragraph;
  std::vector<PdfLine> lines;
  // Per line: whether it starts a new paragraph (first-line indent, or the line above ended a
  // sentence short of the column's edge).
  std::vector<bool> starts;
  Box box;
};

struct LaidArticle {
  std::vector<LaidBlock> blocks;  // heading blocks first, then the body in reading order
  double confidence = 1.0;
  std::vector<std::string> notes;
};

struct PdfLayout {
  std::vector<PdfLine> furniture;  // masthead, folio, date line, section labels, in page order
  std::vector<LaidArticle> articles;
  std::optional<Date> date;  // the masthead's date line
  double body_size = 0;      // the commonest font size: body type
};

PdfLayout lay_out(const std::vector<PdfPage>& pages);

// A printed date in `s` ("Friday, August 14, 2026", "2024年10月16日", "2024-10-16").
std::optional<Date> find_printed_date(const std::string& s);

}  // namespace tally::parse
