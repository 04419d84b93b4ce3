#pragma once
// The browser page's files (plugins/http/page/), compiled in by cmake/embed_files.cmake so that
// `tally serve` serves every asset itself: no CDN, no install step.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "text/embedded_file.hpp"

namespace tally::http {

std::span<const EmbeddedFile> embedded_files();

struct Asset {
  std::string_view data;
  const char* mime;
};

// The asset for a URL path ("/" is index.html); nullopt when there is none.
std::optional<Asset> find_asset(const std::string& url_path);

}  // namespace tally::http
