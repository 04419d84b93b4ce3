#pragma once
// Human-readable output: compiler-style findings with the source line underlined, and the
// document outline printed by `tally parse`.
#include <ostream>
#include <string_view>
#include <vector>

#include "parse/document.hpp"
#include "report/finding.hpp"
#include "text/line_index.hpp"

namespace tally::report {

// `color`: ANSI colours for a terminal (the CLI's --color decides).
void write_findings_text(std::ostream& out, const std::string& path, std::string_view bytes,
                         const text::LineIndex& index, const std::vector<Finding>& findings,
                         bool color = false);

void write_document_text(std::ostream& out, const parse::Document& doc, std::string_view bytes,
                         const text::LineIndex& index);

}  // namespace tally::report
