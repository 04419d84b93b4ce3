#include "service/pdf_check.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "parse/pdf_parser.hpp"
#include "parse/pdf_reader.hpp"
#include "report/html_format.hpp"

namespace tally::service {

namespace {
std::atomic<size_t> pages_drawn{0};
}  // namespace

TempPdf::TempPdf(std::string_view bytes) {
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

TempPdf::~TempPdf() {
  if (!path.empty()) ::unlink(path.c_str());
}

PdfCheck check_pdf(Engine& engine, std::string_view pdf, const CheckRequest& request,
                   bool keep_file) {
  PdfCheck r;
  r.outcome.path = request.filename;
  if (!parse::looks_like_pdf(std::string(pdf.substr(0, 5)))) {
    r.outcome.input_error = text::InputError{request.filename, 0, "not a PDF (no %PDF- header)"};
    return r;
  }
  auto tmp = std::make_unique<TempPdf>(pdf);
  if (!tmp->error.empty()) {
    r.outcome.input_error = text::InputError{request.filename, 0, tmp->error};
    return r;
  }
  auto loaded = parse::load_pdf(tmp->path);
  if (!loaded.source) {
    r.outcome.input_error = *loaded.error;
    r.outcome.input_error->path = request.filename;
    return r;
  }
  r.outcome = engine.check(*loaded.source, request);
  r.outcome.path = request.filename;
  if (r.outcome.input_error) r.outcome.input_error->path = request.filename;
  if (r.outcome.document) r.outcome.document->path = request.filename;
  r.text = std::move(loaded.source->bytes);
  if (keep_file && r.outcome.document) r.file = std::move(tmp);
  return r;
}

parse::PdfRenderResult draw_pages(const PdfCheck& run, const std::vector<report::HtmlBox>& boxes) {
  std::vector<int> pages;
  for (const auto& b : boxes) pages.push_back(b.page);
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
  if (pages.empty()) return {};
  if (!run.file) return {{}, "the upload's file was not kept to draw its pages"};
  auto drawn = parse::render_pdf_pages(run.file->path, pages, report::kPdfPageWidthPx);
  pages_drawn.fetch_add(drawn.pages.size(), std::memory_order_relaxed);
  return drawn;
}

size_t pages_drawn_so_far() {
  return pages_drawn.load(std::memory_order_relaxed);
}

}  // namespace tally::service
