// The PDF reader module (tally_pdf.so): the one part of Tally that links poppler, loaded by
// read_pdf (pdf_reader.cpp) the first time a PDF is read, so other runs never load poppler.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>

#include "parse/pdf_reader.hpp"
#include "parse/pdf_rules_poppler.hpp"
#include "text/loadable_module.hpp"
#include "text/utf8.hpp"

namespace tally::parse {

namespace {

struct Word {
  Box box;
  double size = 0;
  bool bold = false, italic = false;
  bool space_after = false;
  std::string font;
  std::u32string text;
  std::vector<double> edges;
};

bool has_any(const std::string& font, std::initializer_list<const char*> keys) {
  std::string f = font;
  for (auto& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* k : keys)
    if (f.find(k) != std::string::npos) return true;
  return false;
}

// Same line: baselines agree within a third of the height, sizes within a tenth (two headlines side
// by side differ more), and the gap is narrower than a column gutter. Justified Latin text
// stretches word spaces to about half an em; gutters are rarely under one em.
bool continues_line(const Word& a, const Word& b) {
  double h = std::min(a.box.height(), b.box.height());
  if (std::fabs(a.box.y1 - b.box.y1) > 0.35 * h) return false;
  double big = std::max(a.size, b.size), small = std::min(a.size, b.size);
  if (small <= 0 || big / small > 1.1) return false;
  double gap = b.box.x0 - a.box.x1;
  return gap > -0.3 * small && gap < 0.9 * small;
}

std::string utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) text::append_utf8(out, c);
  return out;
}

PdfLine make_line(const std::vector<Word>& words, int page) {
  PdfLine l;
  l.page = page;
  l.box = words.front().box;
  std::map<double, size_t> sizes;
  std::map<std::string, size_t> fonts;
  size_t n = 0, bold = 0, italic = 0;
  std::u32string text;
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    l.box.add(w.box);
    if (i > 0) {
      const Word& p = words[i - 1];
      bool cjk = text::is_cjk(p.text.back()) && text::is_cjk(w.text.front());
      double gap = w.box.x0 - p.box.x1;
      if (!cjk && (p.space_after || gap > 0.12 * w.size)) {
        text.push_back(U' ');
        l.edges.push_back(p.box.x1);
      }
    }
    text += w.text;
    l.edges.insert(l.edges.end(), w.edges.begin(), w.edges.end());
    sizes[std::round(w.size * 2) / 2] += w.text.size();
    fonts[w.font] += w.text.size();
    n += w.text.size();
    if (w.bold) bold += w.text.size();
    if (w.italic) italic += w.text.size();
  }
  l.edges.push_back(l.box.x1);
  l.size = std::max_element(sizes.begin(), sizes.end(), [](const auto& a, const auto& b) {
             return a.second < b.second;
           })->first;
  l.font = std::max_element(fonts.begin(), fonts.end(), [](const auto& a, const auto& b) {
             return a.second < b.second;
           })->first;
  l.bold = bold * 10 >= n * 7;
  l.italic = italic * 10 >= n * 7;
  l.text = utf8(text);
  return l;
}

constexpr double kMaxPagePt = 14400;

// Whether a box is finite and within a page's width or height of the page.
bool on_page(double x, double y, double w, double h, double pw, double ph) {
  for (double v : {x, y, w, h, pw, ph})
    if (!std::isfinite(v)) return false;
  return w >= 0 && h >= 0 && w <= 2 * pw && h <= 2 * ph && x >= -pw && x <= 2 * pw && y >= -ph &&
         y <= 2 * ph;
}

void read(const std::string& path, PdfReadResult& out) {
  // poppler reports damaged streams and missing fonts on stderr; the page is read regardless.
  // Set once: it is poppler's global, and pages are read on several threads (--jobs, serve).
  static std::once_flag quiet;
  std::call_once(
      quiet, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) {
    out.error = "not a readable PDF";
    return;
  }
  if (doc->is_locked()) {
    out.error = "the PDF is encrypted";
    return;
  }
  for (int p = 0; p < doc->pages(); ++p) {
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    if (!page) continue;
    PdfPage pg;
    pg.number = p + 1;
    auto rect = page->page_rect();
    pg.width = rect.width();
    pg.height = rect.height();
    // The layout works in points (a cell per point across a column's width): a hostile MediaBox
    // of 1e8 pt would cost gigabytes. 14,400 pt (200 in) is the largest page PDF allows.
    if (!(pg.width > 0 && pg.width <= kMaxPagePt && pg.height > 0 && pg.height <= kMaxPagePt)) {
      char size[96];
      std::snprintf(size, sizeof size, "page %d is %.0f x %.0f pt", pg.number, pg.width, pg.height);
      out.error = std::string(size) + ", larger than the 14400 pt a PDF page may be";
      out.pages.clear();
      return;
    }
    std::vector<Word> words;
    for (auto& tb : page->text_list(poppler::page::text_list_include_font)) {
      Word w;
      // poppler's ustring is UTF-16.
      auto u16 = tb.text();
      // poppler's index of each kept character (one per code point, dropped ones included).
      std::vector<size_t> glyph;
      size_t cp = 0;
      for (size_t i = 0; i < u16.size(); ++i, ++cp) {
        char32_t c = u16[i];
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < u16.size() && u16[i + 1] >= 0xDC00 &&
            u16[i + 1] < 0xE000) {
          c = 0x10000 + ((c - 0xD800) << 10) + (u16[i + 1] - 0xDC00);
          ++i;
        } else if (c >= 0xD800 && c < 0xE000) {
          c = 0xFFFD;
        }
        if (c == 0 || c == U'\n' || c == U'\r') continue;
        w.text.push_back(c);
        glyph.push_back(cp);
      }
      if (w.text.empty()) continue;
      auto bb = tb.bbox();
      // A damaged or hostile file may place text at infinity or far off the page: such words
      // are not part of the printed page, and their coordinates would size the layout's tables.
      if (!on_page(bb.x(), bb.y(), bb.width(), bb.height(), pg.width, pg.height)) continue;
      w.box = {bb.x(), bb.y(), bb.x() + bb.width(), bb.y() + bb.height()};
      w.size = tb.get_font_size();
      if (w.size <= 0) w.size = bb.height();
      std::string font = tb.get_font_name();
      if (font.size() > 7 && font[6] == '+') font = font.substr(7);
      w.font = font;
      w.bold = has_any(font, {"bold", "black", "heavy", "ultra", "semibold", "demi"});
      w.italic = has_any(font, {"italic", "oblique"});
      w.space_after = tb.has_space_after();
      // poppler may take two headlines set side by side for one word ("…发布中国海油…"): the
      // word is cut where its glyphs leave a gap wider than a column gutter.
      size_t from = 0;
      double prev_end = w.box.x0;
      for (size_t k = 0; k < w.text.size(); ++k) {
        auto cb = tb.char_bbox(glyph[k]);
        double x = cb.width() > 0 || cb.x() > 0 ? cb.x() : w.box.x0;
        if (k > from && x - prev_end > 0.9 * w.size) {
          Word head = w;
          head.text = w.text.substr(from, k - from);
          head.edges.assign(w.edges.begin() + static_cast<long>(from), w.edges.end());
          head.box.x0 = head.edges.front();
          head.box.x1 = prev_end;
          head.space_after = true;
          words.push_back(std::move(head));
          from = k;
        }
        w.edges.push_back(x);
        prev_end = std::max(prev_end, x + cb.width());
      }
      if (from > 0) {
        w.text = w.text.substr(from);
        w.edges.erase(w.edges.begin(), w.edges.begin() + static_cast<long>(from));
        w.box.x0 = w.edges.front();
      }
      words.push_back(std::move(w));
    }
    std::vector<Word> cur;
    for (auto& w : words) {
      if (!cur.empty() && !continues_line(cur.back(), w)) {
        pg.lines.push_back(make_line(cur, pg.number));
        cur.clear();
      }
      cur.push_back(std::move(w));
    }
    if (!cur.empty()) pg.lines.push_back(make_line(cur, pg.number));
    out.pages.push_back(std::move(pg));
  }
  read_rules(path, out.pages);
}

}  // namespace
}  // namespace tally::parse

TALLY_MODULE_EXPORT const char* const tally_module_version = TALLY_MODULE_VERSION;

// Fills `out` (made by the caller, same build) with the pages of the PDF at `path`.
TALLY_MODULE_EXPORT void tally_pdf_read(const char* path, tally::parse::PdfReadResult* out) {
  tally::parse::read(path, *out);
}
