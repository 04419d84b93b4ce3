#pragma once
#include <optional>
#include <string_view>

#include "parse/document.hpp"
#include "parse/parse_memo.hpp"
#include "text/source.hpp"

namespace tally::parse {

struct ParseOptions {
  // The input format, forced (--input-format, `input_format:` in .tally.yml, the API's
  // "input_format"): Page reads a print page (hard-wrapped columns), Lines a typed draft with one
  // paragraph per line ("plain"), Markdown with cmark. nullopt ("auto"): Markdown for a name
  // ending in .md or .markdown (any case), else the page parser tells the two plain forms apart
  // by their lines.
  std::optional<Format> format;
  std::optional<Date> date;         // --date
  std::optional<Date> config_date;  // publication date from .tally.yml
  std::string language;             // "zh" or "en" for every article; "" detects per article
  // An editor's document parsed again after an edit: the page parser takes what it built
  // before from here (parse/parse_memo.hpp). Used by one parse at a time; nullptr: none.
  ParseMemo* memo = nullptr;
};

Document parse_document(const text::Source& src, const ParseOptions& opts = {});

// The input format names every interface accepts: "auto" (nullopt), "page", "plain" (Lines)
// and "markdown". False for any other name, `out` untouched.
bool parse_input_format(std::string_view name, std::optional<Format>& out);
inline constexpr const char* kInputFormatNames = "auto, page, plain or markdown";

}  // namespace tally::parse
