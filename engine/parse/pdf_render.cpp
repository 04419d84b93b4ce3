#include "parse/pdf_render.hpp"

#include "text/loadable_module.hpp"

namespace tally::parse {

PdfRenderResult render_pdf_pages(const std::string& path, const std::vector<int>& pages,
                                 int width_px) {
  PdfRenderResult out;
  // The renderer is poppler's, in the PDF module loaded on first use (text/loadable_module.hpp).
  auto sym = text::module_symbol("tally_pdf.so", "tally_pdf_render");
  if (!sym.address) {
    out.error = "cannot draw PDF pages: " + sym.error;
    return out;
  }
  using Render = void (*)(const char*, const int*, size_t, int, PdfRenderResult*);
  reinterpret_cast<Render>(sym.address)(path.c_str(), pages.data(), pages.size(), width_px, &out);
  return out;
}

}  // namespace tally::parse
