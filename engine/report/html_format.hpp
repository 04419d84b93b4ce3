#pragma once
// `tally check --format html`: one self-contained page for a run (docs/report.md). Nothing is
// fetched: the style, the charts (SVG) and the few lines of script are inline, and a Content
// Security Policy forbids everything else, so a draft or a house rule's message holding
// "<script>" is text on the page, never code. The pieces below are the page's parts, each
// tested on its own (tests/unit/html_format_test.cpp); the writer (make_html_writer in
// html_format.cpp) puts them together.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "findings/finding.hpp"
#include "parse/document.hpp"
#include "parse/pdf_render.hpp"
#include "report/file_report.hpp"
#include "text/line_index.hpp"

namespace tally::report {

// Text for HTML content and attribute values: & < > " ' escaped, invalid UTF-8 and control
// characters (but tab and newline) as U+FFFD.
std::string html_escape(std::string_view s);

// The words of the page around the findings, in the run's language: Chinese when most of its
// articles are Chinese, else English. The findings' messages and labels stay in their article's
// language, whatever these are.
struct HtmlStrings {
  const char* lang;  // the page's lang attribute
  const char* title;
  const char* severity[3];   // by Severity
  const char* severities;    // "By severity"
  const char* per_file;      // chart title
  const char* per_rule;      // chart title
  const char* findings_one;  // "{} finding"
  const char* findings_many;
  const char* files_one;  // "{} file"
  const char* files_many;
  const char* more_rows;  // "… and {} more ({} findings)"
  const char* fix;        // "Fix"
  const char* edits;      // "{} edits:"
  const char* replace_lines;
  const char *expand, *collapse, *show;
  const char* clean_files;  // "{} files without findings"
  const char* input_error;
  const char* rule_error;
  const char* notice;
  const char* baseline;       // "{} known from the baseline"
  const char* in_other_file;  // "in"
  const char* referenced;     // "Referenced from other files"
  const char* line_col;       // "{}:{}"
  const char* lines_omitted;  // "{} lines"
  const char* no_findings;    // "No findings."
  const char* colon;          // ": ", "："
  const char* page;           // "page {}": the page header's page number
  const char* pdf_page;       // "PDF page {}": a page of a PDF input, as its picture's caption
};
const HtmlStrings& html_strings(std::string_view language);
// The language most of a document's articles are in, "zh" or "en" ("" when it has none): the
// report's labels follow it, and so do those of tally serve's pages_html.
std::string main_language(const parse::Document& doc);

// One highlighted span of a context: the finding's own (`main`) or a related one with its label.
struct HtmlMark {
  Span span;
  std::string label;
  bool main = false;
};

// The lines around `marks` as a table: one line before and after each span, lines far apart
// separated by a row that says how many were left out, long lines cut around their marks. The
// finding's span is a <mark class="hit">, a related one a <mark class="rel"> followed by its
// label; the lines that hold the finding are rows of class "on". `lang`: the article's.
std::string context_html(std::string_view bytes, const text::LineIndex& index,
                         const std::vector<HtmlMark>& marks, const std::string& lang,
                         const HtmlStrings& s);

// A finding as a card (<div class="finding SEVERITY" id=…>): where, severity, rule, the message
// in `lang` (the article's language), its context with the related spans of its own file
// highlighted, the fix. A related span in another file (`Related::file`) is not in these bytes:
// `elsewhere` renders it (the writer links it to that file's section).
struct HtmlFinding {
  const LocatedFinding& located;
  std::string_view bytes;
  const text::LineIndex& index;
  std::string id;    // the card's anchor, "f1-3"
  std::string lang;  // "zh", "en"
  // A PDF input: where the finding is drawn ("PDF page 2"), linked to its box ("#b-" + id); ""
  // for none.
  std::string on_page;
};
std::string finding_html(const HtmlFinding& f, const HtmlStrings& s,
                         const std::function<std::string(const Related&)>& elsewhere);

// A horizontal bar chart as inline SVG: a row per bar, its counts stacked by severity (the
// colours of the page's severity badges), the total after the bar, the row a link to `href`.
struct HtmlBar {
  std::string label;
  std::string href;
  size_t counts[3] = {0, 0, 0};  // by Severity
};
std::string bar_chart_svg(const std::vector<HtmlBar>& bars, std::string_view title);

// A PDF input's pages as pictures with each finding's box drawn on them (docs/report.md): a
// box is a link to its finding's card (`finding`, the card's id) and carries the id "b-" + that
// id, which the card links to; a related span's box (dashed, `related`) links to the same card.
// Boxes are placed in percent of the page, so they stay on their words at any zoom; the figure
// carries the page's size in points (data-width, data-height) to map them back.
struct HtmlPageImage {
  int page = 1;
  double width_pt = 0, height_pt = 0;
  std::string png;  // the picture's bytes
};
struct HtmlBox {
  int page = 1;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // PDF points from the page's top left
  std::string finding;                    // the card's id
  std::string severity;                   // "error", "warning", "info"
  std::string title;                      // the tooltip: rule and message, or the label
  bool related = false;
};
// `styled`: each box placed by a style attribute as well as by data-pos; false for a page
// whose Content Security Policy refuses style attributes (tally serve's sets data-pos by script).
std::string pdf_pages_html(const std::vector<HtmlPageImage>& pages,
                           const std::vector<HtmlBox>& boxes, const HtmlStrings& s,
                           bool styled = true);

// The boxes of `findings` on their PDF's pages (`doc` read from a PDF; none otherwise), each
// finding's and its related spans' in the same file, the i-th finding's card id `prefix` + i
// (from 1). Shared by the report and the browser page of `tally serve` (docs/http.md).
std::vector<HtmlBox> pdf_finding_boxes(const parse::Document& doc,
                                       const std::vector<const Finding*>& findings,
                                       const std::string& prefix);

// The pages of the PDF at `path` that hold a box, drawn `kPdfPageWidthPx` wide in sixteen
// greys with the boxes on them (pdf_pages_html); empty without boxes, a line naming the file
// and the reason when the pages cannot be drawn (the file gone, the PDF module missing).
constexpr int kPdfPageWidthPx = 1100;
std::string pdf_pages_section(const std::string& path, const std::vector<HtmlBox>& boxes,
                              const HtmlStrings& s);
// The same from pages drawn before (`drawn`, render_pdf_pages of the PDF at `path`): a server
// draws an upload's pages while its temporary file exists, and boxes them once the findings
// its baseline knows are left out.
std::string pdf_pages_drawn(const parse::PdfRenderResult& drawn, const std::string& path,
                            const std::vector<HtmlBox>& boxes, const HtmlStrings& s,
                            bool styled = true);

}  // namespace tally::report
