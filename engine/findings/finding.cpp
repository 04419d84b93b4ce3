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

std::vector<Edit> Fix::edits() const {
  std::vector<Edit> all;
  all.reserve(1 + more.size());
  all.push_back({span, replacement});
  all.insert(all.end(), more.begin(), more.end());
  return all;
}

Span Fix::extent() const {
  Span s = span;
  for (const auto& e : more) {
    s.begin = std::min(s.begin, e.span.begin);
    s.end = std::max(s.end, e.span.end);
  }
  return s;
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
