#include "findings/finding.hpp"

#include <algorithm>
#include <tuple>

namespace tally::report {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "?";
}

std::vector<Located> locate(const std::vector<Finding>& findings, const text::LineIndex& index) {
  std::vector<Located> out;
  out.reserve(findings.size());
  for (const auto& f : findings)
    out.push_back({&f, index.position(f.span.begin), index.position(f.span.end)});
  return out;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.span.begin, a.span.end, a.rule) < std::tie(b.span.begin, b.span.end, b.rule);
  });
}

}  // namespace tally::report
