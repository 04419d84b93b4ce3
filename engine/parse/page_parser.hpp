#pragma once
// Pages extracted from print (hard-wrapped columns, or one paragraph per line) to articles.
#include "parse/document.hpp"
#include "text/source.hpp"

namespace tally::parse {

Document parse_page(const text::Source& src);

}  // namespace tally::parse
