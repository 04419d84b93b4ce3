// The PDF module's rule reader: the straight lines a page draws (rules between stories, boxes
// around modules), read from the page's vector paths with poppler's core output device
// interface (Debian's libpoppler-private-dev; poppler-cpp exposes text and pictures only).
// Nothing is rendered: every path the page paints is handed to RuleDevice, which keeps the
// horizontal and vertical segments long enough to be rules.
#include "parse/pdf_rules_poppler.hpp"

#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <goo/GooString.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace tally::parse {
namespace {

// A rule is at least this long (points): shorter straight strokes are glyph-like marks, bullets,
// underlines of a word or the ticks of a chart.
constexpr double kMinRule = 12;
// A filled rectangle at most this thick is a rule drawn as a fill (common in page layout
// programs); a thicker one is a panel or a picture's placeholder, not a line.
constexpr double kMaxFillThickness = 2.5;
// A hostile page may paint millions of segments; a real page has a few hundred rules.
constexpr size_t kMaxRulesPerPage = 4000;

bool near_white(const GfxRGB& c) {
  return colToDbl(c.r) > 0.85 && colToDbl(c.g) > 0.85 && colToDbl(c.b) > 0.85;
}

class RuleDevice : public OutputDev {
 public:
  explicit RuleDevice(std::vector<PdfRule>* out) : out_(out) {}
  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }

  void stroke(GfxState* state) override {
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    if (near_white(rgb) || state->getStrokeOpacity() < 0.2) return;
    double w = std::max(0.1, state->getTransformedLineWidth());
    const GfxPath* path = state->getPath();
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sp = path->getSubpath(s);
      int n = sp->getNumPoints();
      for (int i = 0; i + 1 < n || (sp->isClosed() && i < n && n > 2); ++i) {
        int j = (i + 1) % n;
        // (A Bézier's two control points are both marked as curve points: a segment from or to
        // one is part of a curve — a circle's logo or picture mask — not a rule.)
        if (sp->getCurve(i) || sp->getCurve(j)) continue;
        double x0, y0, x1, y1;
        state->transform(sp->getX(i), sp->getY(i), &x0, &y0);
        state->transform(sp->getX(j), sp->getY(j), &x1, &y1);
        add_segment(x0, y0, x1, y1, w);
        if (i + 1 >= n) break;
      }
    }
  }

  void fill(GfxState* state) override {
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    if (near_white(rgb) || state->getFillOpacity() < 0.2) return;
    const GfxPath* path = state->getPath();
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sp = path->getSubpath(s);
      int n = sp->getNumPoints();
      if (n < 4 || n > 5) continue;
      // A rectangle: four corners on two xs and two ys (the fifth point closes it).
      double xs[5], ys[5];
      bool curved = false;
      for (int i = 0; i < n && !curved; ++i) {
        curved = sp->getCurve(i);
        state->transform(sp->getX(i), sp->getY(i), &xs[i], &ys[i]);
      }
      if (curved) continue;  // not a rectangle; the path's other subpaths may be
      double x0 = *std::min_element(xs, xs + n), x1 = *std::max_element(xs, xs + n);
      double y0 = *std::min_element(ys, ys + n), y1 = *std::max_element(ys, ys + n);
      bool rect = true;
      for (int i = 0; i < n && rect; ++i)
        rect = (std::fabs(xs[i] - x0) < 0.5 || std::fabs(xs[i] - x1) < 0.5) &&
               (std::fabs(ys[i] - y0) < 0.5 || std::fabs(ys[i] - y1) < 0.5);
      if (!rect) continue;
      if (y1 - y0 <= kMaxFillThickness && x1 - x0 >= kMinRule)
        push({x0, y0, x1, y1}, false);
      else if (x1 - x0 <= kMaxFillThickness && y1 - y0 >= kMinRule)
        push({x0, y0, x1, y1}, true);
    }
  }
  void eoFill(GfxState* state) override { fill(state); }

 private:
  void add_segment(double x0, double y0, double x1, double y1, double w) {
    double dx = std::fabs(x1 - x0), dy = std::fabs(y1 - y0);
    if (dy <= 0.5 && dx >= kMinRule) {
      double y = (y0 + y1) / 2;
      push({std::min(x0, x1), y - w / 2, std::max(x0, x1), y + w / 2}, false);
    } else if (dx <= 0.5 && dy >= kMinRule) {
      double x = (x0 + x1) / 2;
      push({x - w / 2, std::min(y0, y1), x + w / 2, std::max(y0, y1)}, true);
    }
  }
  void push(Box b, bool vertical) {
    for (double v : {b.x0, b.y0, b.x1, b.y1})
      if (!std::isfinite(v)) return;
    if (out_->size() < kMaxRulesPerPage) out_->push_back(PdfRule{b, vertical});
  }
  std::vector<PdfRule>* out_;
};

void quiet(ErrorCategory, Goffset, const char*) {}

}  // namespace

void read_rules(const std::string& path, std::vector<PdfPage>& pages) {
  // poppler's core needs its global parameters; the count is shared with poppler-cpp's.
  GlobalParamsIniter params(quiet);
  auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path.c_str()));
  if (!doc->isOk()) return;
  for (auto& pg : pages) {
    if (pg.number < 1 || pg.number > doc->getNumPages()) continue;
    RuleDevice dev(&pg.rules);
    // As poppler-cpp reads text: 72 dpi (one unit a point), the crop box, origin at its top left.
    doc->displayPage(&dev, pg.number, 72, 72, 0, false, true, false);
    // Rules off the page (a slug, crop marks beyond the trim) are not part of the layout.
    pg.rules.erase(std::remove_if(pg.rules.begin(), pg.rules.end(),
                                  [&](const PdfRule& r) {
                                    return r.box.x1 < 0 || r.box.y1 < 0 || r.box.x0 > pg.width ||
                                           r.box.y0 > pg.height;
                                  }),
                   pg.rules.end());
  }
}

}  // namespace tally::parse
