#pragma once
// The formats CI systems read (`tally check --format ...`), docs in README "Use in CI":
// SARIF 2.1.0 for code scanning, GitHub Actions workflow commands, JUnit XML, checkstyle XML.
#include <ostream>
#include <vector>

#include "findings/rule_info.hpp"
#include "report/file_report.hpp"

namespace tally::report {

void write_sarif(std::ostream& out, const std::vector<FileReport>& files,
                 const std::vector<rules::RuleInfo>& rules);
void write_github_file(std::ostream& out, const FileReport& file);  // one file's commands
void write_junit(std::ostream& out, const std::vector<FileReport>& files);
void write_checkstyle(std::ostream& out, const std::vector<FileReport>& files);

}  // namespace tally::report
