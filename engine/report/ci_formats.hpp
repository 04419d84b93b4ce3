#pragma once
// The formats CI systems read (`tally check --format ...`), docs in README "Use in CI":
// SARIF 2.1.0 for code scanning, GitHub Actions workflow commands, JUnit XML, checkstyle XML.
#include <ostream>
#include <vector>

#include "report/file_report.hpp"
#include "rules/rule.hpp"

namespace tally::report {

void write_sarif(std::ostream& out, const std::vector<FileReport>& files,
                 const std::vector<rules::RuleInfo>& rules);
void write_github(std::ostream& out, const std::vector<FileReport>& files);
void write_junit(std::ostream& out, const std::vector<FileReport>& files);
void write_checkstyle(std::ostream& out, const std::vector<FileReport>& files);

}  // namespace tally::report
