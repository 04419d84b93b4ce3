// The PDF module's page renderer (poppler), reached through parse/pdf_render.cpp.
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "parse/pdf_render.hpp"
#include "text/loadable_module.hpp"

namespace tally::parse {
namespace {

PdfRenderResult render(const std::string& path, const std::vector<int>& pages, int width_px) {
  PdfRenderResult out;
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) {
    out.error = "not a readable PDF";
    return out;
  }
  if (doc->is_locked()) {
    out.error = "the PDF is encrypted";
    return out;
  }
  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing |
                            poppler::page_renderer::text_hinting);
  renderer.set_image_format(poppler::image::format_gray8);
  for (int number : pages) {
    if (number < 1 || number > doc->pages()) continue;
    std::unique_ptr<poppler::page> page(doc->create_page(number - 1));
    if (!page) continue;
    auto rect = page->page_rect();
    // A damaged file may give a page no size, or one no screen could hold.
    if (!(rect.width() > 1 && rect.height() > 1 && rect.width() < 20000 && rect.height() < 20000))
      continue;
    double scale = std::min(2.0, width_px / rect.width());
    auto img = renderer.render_page(page.get(), 72.0 * scale, 72.0 * scale);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) continue;
    PageRaster r;
    r.page = number;
    r.width_pt = rect.width();
    r.height_pt = rect.height();
    r.width = img.width();
    r.height = img.height();
    r.gray.resize(static_cast<size_t>(r.width) * static_cast<size_t>(r.height));
    const char* data = img.const_data();
    for (int y = 0; y < r.height; ++y) {
      const auto* row = reinterpret_cast<const uint8_t*>(
          data + static_cast<size_t>(y) * static_cast<size_t>(img.bytes_per_row()));
      if (img.format() == poppler::image::format_gray8) {
        std::copy(row, row + r.width, r.gray.begin() + static_cast<long>(y) * r.width);
        continue;
      }
      // Older poppler ignores the format it was asked for and gives 32-bit BGRA.
      for (int x = 0; x < r.width; ++x) {
        const uint8_t* p = row + 4 * x;
        r.gray[static_cast<size_t>(y) * static_cast<size_t>(r.width) + static_cast<size_t>(x)] =
            static_cast<uint8_t>((p[2] * 77 + p[1] * 150 + p[0] * 29) >> 8);
      }
    }
    out.pages.push_back(std::move(r));
  }
  return out;
}

}  // namespace
}  // namespace tally::parse

TALLY_MODULE_EXPORT void tally_pdf_render(const char* path, const int* pages, size_t count,
                                          int width_px, tally::parse::PdfRenderResult* out) {
  *out = tally::parse::render(path, std::vector<int>(pages, pages + count), width_px);
}
