#pragma once
// Rules as layout evidence (pdf_layout.cpp): a rule drawn between two blocks says a story ends
// there, a box drawn around blocks holds one story. Rules that belong to one story (the pair
// framing a pull quote, a label's underline) are set aside first by the layout.
#include <vector>

#include "parse/pdf_reader.hpp"

namespace tally::parse {

// Whether a horizontal rule runs between `upper` and `lower` (upper above lower) across most of
// the width they share: between a headline and a block under it, a rule across the block's
// columns says the block is another story's. `em` is the body size.
bool rule_between_rows(const std::vector<PdfRule>& rules, const Box& upper, const Box& lower,
                       double em);

// Whether a vertical rule runs between `left` and `right` (left of right) along most of the
// height they share: a column rule between modules set side by side.
bool rule_between_columns(const std::vector<PdfRule>& rules, const Box& left, const Box& right,
                          double em);

// Boxes the rules close: two horizontal and two vertical rules meeting at four corners (a
// stroked rectangle, or four rules drawn apart). Innermost first.
std::vector<Box> ruled_boxes(const std::vector<PdfRule>& rules, double em);

// Whether `inner` lies within `outer` (with `slack` points to spare on each side).
bool box_inside(const Box& inner, const Box& outer, double slack);

}  // namespace tally::parse
