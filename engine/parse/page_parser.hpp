#pragma once
// Pages extracted from print (hard-wrapped columns, or one paragraph per line) to articles.
#include <optional>

#include "parse/document.hpp"
#include "parse/parse_memo.hpp"
#include "text/source.hpp"

namespace tally::parse {

// `hard_wrapped`: true for a print page (lines broken where the column ended), false for a typed
// draft (one paragraph per line); nullopt to tell from the lines themselves. `memo`: what an
// earlier parse of the same document built (parse/parse_memo.hpp), or nullptr.
Document parse_page(const text::Source& src, std::optional<bool> hard_wrapped = std::nullopt,
                    ParseMemo* memo = nullptr);

}  // namespace tally::parse
