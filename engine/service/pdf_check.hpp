#pragma once
// A PDF given as bytes (a page uploaded to `tally serve`, a C caller's buffer) checked as
// `tally check page.pdf` checks a file: read by layout (parse::load_pdf), every finding with its
// page and box. The client's file name is only a name: it finds the config and labels the
// result, and is never opened.
#include <string>
#include <string_view>

#include "parse/pdf_render.hpp"
#include "service/engine.hpp"

namespace tally::service {

struct PdfCheck {
  CheckOutcome outcome;  // its path, the document's and any input error's: request.filename
  std::string text;      // the extracted text the findings' spans index
  // With draw_pages: the pages that hold a finding's box or a related span's, drawn as the HTML
  // report draws them (report::kPdfPageWidthPx wide), for the caller to box what it keeps.
  parse::PdfRenderResult pages;
};

// The bytes are written to a private temporary file (mode 0600, in $TMPDIR or /tmp) for
// poppler to read, twice (the text, then the layout), and removed before this returns: the
// reader's entry stays load_pdf, one path for files and uploads. `request.text` is not used.
PdfCheck check_pdf(Engine& engine, std::string_view pdf, const CheckRequest& request,
                   bool draw_pages = false);

}  // namespace tally::service
