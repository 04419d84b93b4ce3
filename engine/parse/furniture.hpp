#pragma once
// Page furniture told from the lines alone, before units are built: the masthead at the top of
// a page (paper name, folio, date line, edition and issue numbers, a section label under them)
// and the printer's colour-bar letters and prepress ids. They become PageHeader lines: no
// article's text, never a headline. Patterns are those of newspapers in general (a date line,
// an issue number), not of any one paper.
#include <optional>
#include <string_view>
#include <vector>

#include "parse/document.hpp"
#include "parse/lines.hpp"

namespace tally::parse {

// Marks masthead and colour-bar lines of `lines` as LineRole::PageHeader.
void mark_furniture(std::string_view bytes, std::vector<Line>& lines);

// The date a masthead prints: "Friday, August 14, 2026", "14 August 2026", "2024年10月" +
// "16 日 星期三" (the text of the masthead lines joined), "2025/07/22".
std::optional<Date> masthead_date(std::string_view text);

}  // namespace tally::parse
