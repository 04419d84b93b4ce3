#pragma once
#include <optional>

#include "parse/document.hpp"
#include "text/source.hpp"

namespace tally::parse {

struct ParseOptions {
  std::optional<Format> format;     // default: by extension (.md is Markdown) and layout
  std::optional<Date> date;         // --date
  std::optional<Date> config_date;  // publication date from .tally.yml
  std::string language;             // "zh" or "en" for every article; "" detects per article
};

Document parse_document(const text::Source& src, const ParseOptions& opts = {});

}  // namespace tally::parse
