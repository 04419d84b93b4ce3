#pragma once
// Extraction artifacts found while building logical text, reported as findings. (Until the rule
// runtime lands these are produced here; the repairs themselves stay facts of the text layer.)
#include <string_view>
#include <vector>

#include "parse/document.hpp"
#include "report/finding.hpp"

namespace tally::report {

std::vector<Finding> artifact_findings(const parse::Document& doc, std::string_view bytes);

}  // namespace tally::report
