// A PDF input's pages in the HTML report, each finding drawn on its page (html_format.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "parse/pdf_render.hpp"
#include "report/html_format.hpp"
#include "report/png.hpp"

namespace tally::report {

namespace {

// A share of the page in percent, to three decimals: a thousandth of a percent of a broadsheet
// page is under a hundredth of a point.
std::string pct(double v, double whole) {
  return fmt::format("{:.3f}%", whole > 0 ? 100.0 * v / whole : 0.0);
}

}  // namespace

std::string pdf_pages_html(const std::vector<HtmlPageImage>& pages,
                           const std::vector<HtmlBox>& boxes, const HtmlStrings& s, bool styled) {
  std::string out = "<div class=\"pdfpages\">";
  for (const auto& p : pages) {
    std::string caption = fmt::format(fmt::runtime(s.pdf_page), p.page);
    out += fmt::format(
        "<figure class=\"pdfpage\" data-page=\"{}\" data-width=\"{}\" data-height=\"{}\">"
        "<figcaption>{}</figcaption><div class=\"sheet\"><img alt=\"{}\" "
        "src=\"data:image/png;base64,{}\">",
        p.page, p.width_pt, p.height_pt, caption, caption, base64(p.png));
    // Related spans first, so that a finding's own box lies over them and takes the click.
    for (int pass = 0; pass < 2; ++pass)
      for (const auto& b : boxes) {
        if (b.page != p.page || b.related != (pass == 0)) continue;
        double x0 = std::clamp(b.x0, 0.0, p.width_pt), x1 = std::clamp(b.x1, x0, p.width_pt);
        double y0 = std::clamp(b.y0, 0.0, p.height_pt), y1 = std::clamp(b.y1, y0, p.height_pt);
        // The place as a style for the report, and as data-pos for a page whose Content
        // Security Policy refuses style attributes (tally serve's), which sets it by script.
        std::string pos =
            fmt::format("left:{};top:{};width:{};height:{}", pct(x0, p.width_pt),
                        pct(y0, p.height_pt), pct(x1 - x0, p.width_pt), pct(y1 - y0, p.height_pt));
        out += fmt::format(
            "<a class=\"box {}{}\"{} href=\"#{}\" data-f=\"{}\" title=\"{}\"{} "
            "data-pos=\"{}\"></a>",
            b.severity, b.related ? " rel" : "",
            b.related ? "" : fmt::format(" id=\"b-{}\"", b.finding), b.finding, b.finding,
            html_escape(b.title), styled ? fmt::format(" style=\"{}\"", pos) : "", pos);
      }
    out += "</div></figure>";
  }
  return out + "</div>";
}

std::vector<HtmlBox> pdf_finding_boxes(const parse::Document& doc,
                                       const std::vector<const Finding*>& findings,
                                       const std::string& prefix) {
  std::vector<HtmlBox> boxes;
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& x = *findings[i];
    std::string id = prefix + std::to_string(i + 1);
    auto b = doc.box_of(x.span);
    if (!b) continue;
    boxes.push_back({b->page, b->x0, b->y0, b->x1, b->y1, id, severity_name(x.severity),
                     x.rule + ": " + x.message, false});
    for (const auto& r : x.related) {
      if (!r.file.empty()) continue;
      if (auto rb = doc.box_of(r.span))
        boxes.push_back({rb->page, rb->x0, rb->y0, rb->x1, rb->y1, id, severity_name(x.severity),
                         r.label, true});
    }
  }
  return boxes;
}

std::string pdf_pages_section(const std::string& path, const std::vector<HtmlBox>& boxes,
                              const HtmlStrings& s) {
  // Pages without a box are left out: they would only add weight.
  if (boxes.empty()) return {};
  std::vector<int> pages;
  for (const auto& b : boxes) pages.push_back(b.page);
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
  return pdf_pages_drawn(parse::render_pdf_pages(path, pages, kPdfPageWidthPx), path, boxes, s);
}

std::string pdf_pages_drawn(const parse::PdfRenderResult& drawn, const std::string& path,
                            const std::vector<HtmlBox>& boxes, const HtmlStrings& s, bool styled) {
  if (boxes.empty()) return {};
  std::vector<HtmlPageImage> images;
  for (const auto& p : drawn.pages)
    if (std::any_of(boxes.begin(), boxes.end(), [&](const HtmlBox& b) { return b.page == p.page; }))
      images.push_back(
          {p.page, p.width_pt, p.height_pt, png_gray(p.gray.data(), p.width, p.height, 4)});
  // The file read a moment ago and gone or damaged since, or the PDF module missing: the
  // findings stand without pictures, and the section says why (not a silent gap).
  if (images.empty()) {
    if (drawn.error.empty()) return {};
    return "<p class=\"pdf-missing\">" + html_escape(path + ": " + drawn.error) + "</p>";
  }
  return pdf_pages_html(images, boxes, s, styled);
}

}  // namespace tally::report
