#pragma once
// Markdown drafts: headings are headlines and sub-heads, paragraphs are paragraphs.
#include "parse/document.hpp"
#include "text/source.hpp"

namespace tally::parse {

Document parse_markdown(const text::Source& src);

}  // namespace tally::parse
