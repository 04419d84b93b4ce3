#pragma once
// What one checked input contributes to a report, with positions resolved, so the CI formats
// (SARIF, GitHub, JUnit, checkstyle) and the baseline work from the same data.
#include <optional>
#include <string>
#include <vector>

#include "findings/finding.hpp"
#include "findings/notice.hpp"
#include "findings/rule_info.hpp"
#include "text/line_index.hpp"
#include "text/source.hpp"

namespace tally::report {

struct LocatedFinding {
  Finding finding;
  text::Position start, end;
  std::string text;  // the finding's bytes
  std::string line;  // the line it starts on, without the newline (long lines: text::line_window)
};

struct FileReport {
  std::string path;
  std::optional<text::InputError> error;  // could not be read or configured
  std::vector<LocatedFinding> findings;
  std::vector<rules::RuleError> rule_errors;
  std::vector<Notice> notices;  // rule families that could not run on it
};

std::vector<LocatedFinding> locate_all(const std::vector<Finding>& findings, std::string_view bytes,
                                       const text::LineIndex& index);

// The findings without their positions.
std::vector<Finding> findings_of(const FileReport& report);

// Escaping shared by the XML formats.
std::string xml_escape(std::string_view s);

}  // namespace tally::report
