#include "parse/pdf_reader.hpp"

#include <cctype>

#include "text/loadable_module.hpp"

namespace tally::parse {

bool is_pdf_path(const std::string& path) {
  if (path.size() < 4) return false;
  std::string ext = path.substr(path.size() - 4);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".pdf";
}

bool looks_like_pdf(const std::string& bytes) {
  return bytes.compare(0, 5, "%PDF-") == 0;
}

PdfReadResult read_pdf(const std::string& path) {
  PdfReadResult out;
  // poppler is loaded here, on the first PDF, not at start-up (text/loadable_module.hpp).
  auto sym = text::module_symbol("tally_pdf.so", "tally_pdf_read");
  if (!sym.address) {
    out.error = "cannot read PDFs: " + sym.error;
    return out;
  }
  using Read = void (*)(const char*, PdfReadResult*);
  reinterpret_cast<Read>(sym.address)(path.c_str(), &out);
  return out;
}

}  // namespace tally::parse
