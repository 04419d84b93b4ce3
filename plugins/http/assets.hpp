#pragma once
// The browser page's files (plugins/http/page/), compiled in by cmake/embed_files.cmake so that
// `tally serve` serves every asset itself: no CDN, no install step.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tally::http {

struct EmbeddedFile {
  const char* path;  // relative to page/: "app.js"
  const char* data;
  size_t size;
};

std::span<const EmbeddedFile> embedded_files();

struct Asset {
  std::string_view data;
  const char* mime;
};

// The asset for a URL path ("/" is index.html); nullopt when there is none.
std::optional<Asset> find_asset(const std::string& url_path);

}  // namespace tally::http
