#include "parse/pdf_rules.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace tally::parse {

namespace {

double overlap(double a0, double a1, double b0, double b1) {
  return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

}  // namespace

bool rule_between_rows(const std::vector<PdfRule>& rules, const Box& upper, const Box& lower,
                       double em) {
  // The width both share; when they share none (a block right of a headline's reach), the
  // lower block's own width.
  double x0 = std::max(upper.x0, lower.x0), x1 = std::min(upper.x1, lower.x1);
  if (x1 - x0 < em) x0 = lower.x0, x1 = lower.x1;
  for (const auto& r : rules) {
    if (r.vertical) continue;
    double y = (r.box.y0 + r.box.y1) / 2;
    if (y < upper.y1 - 0.2 * em || y > lower.y0 + 0.2 * em) continue;
    if (overlap(r.box.x0, r.box.x1, x0, x1) >= 0.6 * (x1 - x0)) return true;
  }
  return false;
}

bool rule_between_columns(const std::vector<PdfRule>& rules, const Box& left, const Box& right,
                          double em) {
  double y0 = std::max(left.y0, right.y0), y1 = std::min(left.y1, right.y1);
  if (y1 - y0 < em) return false;  // not side by side: nothing to say
  for (const auto& r : rules) {
    if (!r.vertical) continue;
    double x = (r.box.x0 + r.box.x1) / 2;
    if (x < left.x1 - 0.2 * em || x > right.x0 + 0.2 * em) continue;
    if (overlap(r.box.y0, r.box.y1, y0, y1) >= 0.6 * (y1 - y0)) return true;
  }
  return false;
}

constexpr size_t kMaxRuledBoxes = 256;

std::vector<Box> ruled_boxes(const std::vector<PdfRule>& rules, double em) {
  std::vector<const PdfRule*> hs, vs;
  for (const auto& r : rules) (r.vertical ? vs : hs).push_back(&r);
  // The same rule drawn again (twice for weight, or hundreds of times by a hostile file) is one
  // rule: copies would only multiply the boxes found below.
  auto key = [](const PdfRule* r) {
    return std::array<long, 4>{std::lround(r->box.x0), std::lround(r->box.y0),
                               std::lround(r->box.x1), std::lround(r->box.y1)};
  };
  for (auto* list : {&hs, &vs}) {
    std::sort(list->begin(), list->end(),
              [&](const PdfRule* a, const PdfRule* b) { return key(a) < key(b); });
    list->erase(std::unique(list->begin(), list->end(),
                            [&](const PdfRule* a, const PdfRule* b) { return key(a) == key(b); }),
                list->end());
  }
  // A rule ends at a corner when its end is within tol of the other rule's line.
  const double tol = std::max(2.0, 0.3 * em);
  auto meets = [&](double a, double b) { return std::fabs(a - b) <= tol; };
  std::vector<Box> out;
  // Bounded work on a page of hostile rules: a real page has a few dozen horizontal rules.
  if (hs.size() > 400 || vs.size() > 400) return out;
  for (const PdfRule* top : hs) {
    double ty = (top->box.y0 + top->box.y1) / 2;
    for (const PdfRule* left : vs) {
      double lx = (left->box.x0 + left->box.x1) / 2;
      if (!meets(left->box.y0, ty) || !meets(lx, top->box.x0)) continue;
      for (const PdfRule* right : vs) {
        double rx = (right->box.x0 + right->box.x1) / 2;
        if (right == left || rx - lx < 3 * em || !meets(right->box.y0, ty) ||
            !meets(rx, top->box.x1) || !meets(left->box.y1, right->box.y1))
          continue;
        double by = (left->box.y1 + right->box.y1) / 2;
        if (by - ty < 2 * em) continue;
        for (const PdfRule* bottom : hs) {
          double y = (bottom->box.y0 + bottom->box.y1) / 2;
          if (bottom == top || !meets(y, by) || !meets(bottom->box.x0, lx) ||
              !meets(bottom->box.x1, rx))
            continue;
          out.push_back({lx, ty, rx, by});
          // A page rules a handful of boxes; past this many the rules are not a layout's.
          if (out.size() >= kMaxRuledBoxes) return {};
          break;
        }
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Box& a, const Box& b) {
    return a.width() * a.height() < b.width() * b.height();
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Box& a, const Box& b) {
                          return std::fabs(a.x0 - b.x0) < 1 && std::fabs(a.y0 - b.y0) < 1 &&
                                 std::fabs(a.x1 - b.x1) < 1 && std::fabs(a.y1 - b.y1) < 1;
                        }),
            out.end());
  return out;
}

bool box_inside(const Box& inner, const Box& outer, double slack) {
  return inner.x0 >= outer.x0 - slack && inner.x1 <= outer.x1 + slack &&
         inner.y0 >= outer.y0 - slack && inner.y1 <= outer.y1 + slack;
}

}  // namespace tally::parse
