#pragma once
// First stage of the PDF path: a PDF's pages read with poppler into positioned lines (text, box,
// font size, weight), before any layout decision. Words on one baseline that sit close together
// make a line; a gutter between columns (wider than about one em) ends it. The reading itself is
// in the module tally_pdf.so (pdf_poppler.cpp), loaded on the first PDF.
#include <algorithm>
#include <string>
#include <vector>

namespace tally::parse {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // PDF points, origin at the top left of the page
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  void add(const Box& b) {
    x0 = std::min(x0, b.x0);
    y0 = std::min(y0, b.y0);
    x1 = std::max(x1, b.x1);
    y1 = std::max(y1, b.y1);
  }
};

struct PdfLine {
  int page = 1;  // 1-based
  Box box;
  double size = 0;      // font size, the most common over the line's characters
  bool bold = false;    // most of its characters are set in a bold, black or heavy face
  bool italic = false;  // most of them in an italic or oblique face
  std::string font;     // the face of most of its characters, subset prefix ("ABCDEF+") dropped
  std::string text;     // UTF-8, words joined with one space (none between CJK characters)
  std::vector<double> edges;  // x of each code point's left edge, then the right end
};

// A rule printed on the page: a straight horizontal or vertical line at least 12 pt long (a
// stroked segment, a side of a stroked box, or a filled bar at most 2.5 pt thick). Papers draw
// rules between stories and boxes around modules; the layout reads them as story separators.
struct PdfRule {
  Box box;
  bool vertical = false;
};

struct PdfPage {
  int number = 1;
  double width = 0, height = 0;
  std::vector<PdfLine> lines;  // in poppler's order
  std::vector<PdfRule> rules;  // in drawing order
};

struct PdfReadResult {
  std::vector<PdfPage> pages;
  std::string error;  // empty on success
};

bool is_pdf_path(const std::string& path);
// Whether bytes start like a PDF ("%PDF-").
bool looks_like_pdf(const std::string& bytes);

// The pages of the PDF at `path`; when the PDF module cannot be loaded, an error naming it.
PdfReadResult read_pdf(const std::string& path);

}  // namespace tally::parse
