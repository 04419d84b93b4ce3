// A PDF input's pages in the HTML report, each finding drawn on its page (html_format.hpp).
#include <fmt/format.h>

#include <algorithm>

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
                           const std::vector<HtmlBox>& boxes, const HtmlStrings& s) {
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
        out += fmt::format(
            "<a class=\"box {}{}\"{} href=\"#{}\" data-f=\"{}\" title=\"{}\" "
            "style=\"left:{};top:{};width:{};height:{}\"></a>",
            b.severity, b.related ? " rel" : "",
            b.related ? "" : fmt::format(" id=\"b-{}\"", b.finding), b.finding, b.finding,
            html_escape(b.title), pct(x0, p.width_pt), pct(y0, p.height_pt),
            pct(x1 - x0, p.width_pt), pct(y1 - y0, p.height_pt));
      }
    out += "</div></figure>";
  }
  return out + "</div>";
}

}  // namespace tally::report
