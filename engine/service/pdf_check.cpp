#include "service/pdf_check.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "parse/pdf_parser.hpp"
#include "parse/pdf_reader.hpp"
#include "report/html_format.hpp"

namespace tally::service {

namespace {

// A temporary file holding the bytes, removed when this goes out of scope.
struct TempPdf {
  std::string path;
  std::string error;
  explicit TempPdf(std::string_view bytes) {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/tally-upload-XXXXXX.pdf";
    int fd = mkstemps(tmpl.data(), 4);
    if (fd < 0) {
      error = std::string("cannot write a temporary file: ") + std::strerror(errno);
      return;
    }
    path = tmpl;
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error = std::string("cannot write a temporary file: ") + std::strerror(errno);
        break;
      }
      done += static_cast<size_t>(n);
    }
    ::close(fd);
  }
  ~TempPdf() {
    if (!path.empty()) ::unlink(path.c_str());
  }
  TempPdf(const TempPdf&) = delete;
  TempPdf& operator=(const TempPdf&) = delete;
};

}  // namespace

PdfCheck check_pdf(Engine& engine, std::string_view pdf, const CheckRequest& request,
                   bool draw_pages) {
  PdfCheck r;
  r.outcome.path = request.filename;
  if (!parse::looks_like_pdf(std::string(pdf.substr(0, 5)))) {
    r.outcome.input_error = text::InputError{request.filename, 0, "not a PDF (no %PDF- header)"};
    return r;
  }
  TempPdf tmp(pdf);
  if (!tmp.error.empty()) {
    r.outcome.input_error = text::InputError{request.filename, 0, tmp.error};
    return r;
  }
  auto loaded = parse::load_pdf(tmp.path);
  if (!loaded.source) {
    r.outcome.input_error = *loaded.error;
    r.outcome.input_error->path = request.filename;
    return r;
  }
  r.outcome = engine.check(*loaded.source, request);
  if (draw_pages && r.outcome.document) {
    std::vector<int> pages;
    for (const auto& f : r.outcome.findings) {
      if (auto b = r.outcome.document->box_of(f.span)) pages.push_back(b->page);
      for (const auto& rel : f.related)
        if (auto b = rel.file.empty() ? r.outcome.document->box_of(rel.span) : std::nullopt)
          pages.push_back(b->page);
    }
    std::sort(pages.begin(), pages.end());
    pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
    if (!pages.empty()) r.pages = parse::render_pdf_pages(tmp.path, pages, report::kPdfPageWidthPx);
  }
  r.outcome.path = request.filename;
  if (r.outcome.input_error) r.outcome.input_error->path = request.filename;
  if (r.outcome.document) r.outcome.document->path = request.filename;
  r.text = std::move(loaded.source->bytes);
  return r;
}

}  // namespace tally::service
