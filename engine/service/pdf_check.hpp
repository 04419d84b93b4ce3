#pragma once
// A PDF given as bytes (a page uploaded to `tally serve`, a C caller's buffer) checked as
// `tally check page.pdf` checks a file: read by layout (parse::load_pdf), every finding with its
// page and box. The client's file name is only a name: it finds the config and labels the
// result, and is never opened.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parse/pdf_render.hpp"
#include "report/html_format.hpp"
#include "service/engine.hpp"

namespace tally::service {

// The uploaded bytes in a private temporary file (mode 0600, in $TMPDIR or /tmp) for poppler to
// read; removed when this is destroyed, whatever happened in between. `error` says why there is
// no file ("cannot write a temporary file: …"); `path` is then empty.
struct TempPdf {
  std::string path;
  std::string error;
  explicit TempPdf(std::string_view bytes);
  ~TempPdf();
  TempPdf(const TempPdf&) = delete;
  TempPdf& operator=(const TempPdf&) = delete;
};

struct PdfCheck {
  CheckOutcome outcome;  // its path, the document's and any input error's: request.filename
  std::string text;      // the extracted text the findings' spans index
  // With keep_file, after a check that read the PDF: its temporary file, kept for draw_pages
  // until the caller knows which findings it shows (a baseline leaves some out), and removed
  // with this PdfCheck, on every path.
  std::unique_ptr<TempPdf> file;
};

// The bytes are written to a temporary file for poppler to read, twice (the text, then the
// layout), and removed before this returns unless `keep_file`: the reader's entry stays
// load_pdf, one path for files and uploads. `request.text` is not used.
PdfCheck check_pdf(Engine& engine, std::string_view pdf, const CheckRequest& request,
                   bool keep_file = false);

// The pages of `run`'s kept file that hold a box of `boxes` (report::pdf_finding_boxes of the
// findings the caller shows), drawn as the HTML report draws them (report::kPdfPageWidthPx
// wide): none drawn when there is no box, an error when the file was not kept.
parse::PdfRenderResult draw_pages(const PdfCheck& run, const std::vector<report::HtmlBox>& boxes);
// How many pages draw_pages has drawn in this process: the tests' evidence that a page whose
// findings the baseline hides is not drawn at all (drawing is most of a pages=html request).
size_t pages_drawn_so_far();

}  // namespace tally::service
