#pragma once
// Human-readable output: compiler-style findings with the source line underlined, and the
// document outline printed by `tally parse`.
#include <ostream>
#include <string_view>
#include <vector>

#include "findings/finding.hpp"
#include "findings/notice.hpp"
#include "parse/document.hpp"
#include "report/writer.hpp"
#include "text/line_index.hpp"

namespace tally::report {

// `color`: ANSI colours for a terminal (the CLI's --color decides).
// `group` (--group): the findings of one rule in one article are one entry, the first of them
// shown in full, then how many there are and where each one is.
// `others`: an edition's other files; a related span in one is shown as FILE:line:column.
void write_findings_text(std::ostream& out, const std::string& path, std::string_view bytes,
                         const text::LineIndex& index, const std::vector<Finding>& findings,
                         bool color = false, bool group = false, const OtherFiles* others = nullptr,
                         const parse::Document* doc = nullptr);

// The notices of a run, for the footer above the summary line: one entry per distinct message,
// "PATH: notice: MESSAGE" for one file, else "notice: MESSAGE" and the files it applies to
// (the first five, then how many more). `notices` pairs each notice with its file's path.
void write_notices_text(std::ostream& out,
                        const std::vector<std::pair<std::string, Notice>>& notices);

// The footer's counts: findings per rule (commonest first) and per severity; nothing when
// there are no findings.
void write_counts_text(std::ostream& out, const RunTotals& totals);

void write_document_text(std::ostream& out, const parse::Document& doc, std::string_view bytes,
                         const text::LineIndex& index);

}  // namespace tally::report
