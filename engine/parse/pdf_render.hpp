#pragma once
// A PDF's pages drawn as pictures (poppler's renderer), for the HTML report to draw findings on
// (report/html_pdf.cpp). Kept apart from pdf_reader: reading text needs no renderer, and a run
// that writes no report never draws a page.
#include <cstdint>
#include <string>
#include <vector>

namespace tally::parse {

struct PageRaster {
  int page = 1;                        // 1-based
  double width_pt = 0, height_pt = 0;  // the page in PDF points
  int width = 0, height = 0;           // pixels
  std::vector<uint8_t> gray;           // width * height bytes, row by row, 0 black, 255 white
};

struct PdfRenderResult {
  std::vector<PageRaster> pages;
  std::string error;  // empty on success
};

// The pages of the PDF at `path` whose numbers are in `pages` (1-based; others are skipped),
// each drawn `width_px` pixels wide (at most twice its size in points: a small page is not
// blown up past what a screen shows), in shades of grey: a page's type and rules are what an
// editor finds a finding by, and grey keeps a broadsheet page's picture a few hundred KB.
PdfRenderResult render_pdf_pages(const std::string& path, const std::vector<int>& pages,
                                 int width_px);

}  // namespace tally::parse
