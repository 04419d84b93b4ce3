// The HTML report's bar charts, drawn as inline SVG so the page needs nothing from outside
// (html_format.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "report/html_format.hpp"
#include "text/utf8.hpp"

namespace tally::report {

namespace {

// SVG text does not cut itself short: a label wider than the label column (a long path, in
// display columns, Chinese counting two) keeps its end, where a file's name is.
std::string fit_label(std::string_view label, int columns) {
  std::vector<std::pair<size_t, int>> chars;  // byte offset, width
  int width = 0;
  for (size_t i = 0; i < label.size();) {
    auto d = text::decode_at(label, i);
    uint32_t n = d.size ? d.size : 1;
    int w = d.size ? text::display_width(d.cp) : 1;
    chars.push_back({i, w});
    width += w;
    i += n;
  }
  if (width <= columns) return std::string(label);
  int kept = 0;
  size_t k = chars.size();
  while (k > 0 && kept + chars[k - 1].second <= columns - 1) kept += chars[--k].second;
  return "…" + std::string(label.substr(k < chars.size() ? chars[k].first : label.size()));
}

// The severity colours of the page's stylesheet (html_format.cpp), error to info.
constexpr const char* kColour[3] = {"#c62828", "#e08a00", "#1f6fb2"};

}  // namespace

std::string bar_chart_svg(const std::vector<HtmlBar>& bars, std::string_view title) {
  constexpr int kRow = 22, kLabel = 300, kBar = 380, kWidth = 760, kTop = 6;
  constexpr int kLabelColumns = 44;  // at 12px a column is about 6.5px
  size_t most = 1;
  for (const auto& b : bars) most = std::max(most, b.counts[0] + b.counts[1] + b.counts[2]);
  const int height = kTop * 2 + kRow * static_cast<int>(bars.size());
  std::string out = fmt::format(
      "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
      kWidth, height, kWidth, height, html_escape(title));
  for (size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const int y = kTop + kRow * static_cast<int>(i);
    size_t total = b.counts[0] + b.counts[1] + b.counts[2];
    out += fmt::format(
        "<a href=\"{}\"><title>{}: {}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}"
        "</text>",
        html_escape(b.href), html_escape(b.label), total, kLabel - 8, y + 15,
        html_escape(fit_label(b.label, kLabelColumns)));
    // Stacked: errors first. Widths are rounded down but never below 1px for a count above 0,
    // so a single error next to hundreds of warnings stays visible.
    double x = kLabel;
    for (int s = 0; s < 3; ++s) {
      if (!b.counts[s]) continue;
      double w = std::max(1.0, static_cast<double>(b.counts[s]) * kBar / static_cast<double>(most));
      out += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>",
                         x, y + 3, w, kRow - 6, kColour[s]);
      x += w;
    }
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\">{}</text></a>", x + 6, y + 15, total);
  }
  return out + "</svg>";
}

}  // namespace tally::report
