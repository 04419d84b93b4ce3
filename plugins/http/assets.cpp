#include "assets.hpp"

#include "report/html_page.hpp"

namespace tally::http {

namespace {

const char* mime_for(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace

std::optional<Asset> find_asset(const std::string& url_path) {
  std::string_view name = url_path == "/" ? "index.html" : std::string_view(url_path).substr(1);
  // A PDF's page with its findings boxed is drawn as the HTML report draws it: its stylesheet.
  if (name == "pdf-pages.css") return Asset{report::html_pdf_style(), mime_for(name)};
  for (const auto& f : embedded_files())
    if (name == f.path) return Asset{{f.data, f.size}, mime_for(name)};
  return std::nullopt;
}

}  // namespace tally::http
