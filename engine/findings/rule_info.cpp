#include "findings/rule_info.hpp"

namespace tally::rules {

std::string pick_language(const std::map<std::string, std::string>& texts,
                          const std::string& language) {
  if (auto it = texts.find(language); it != texts.end()) return it->second;
  const char* other = language == "en" ? "zh" : "en";
  if (auto it = texts.find(other); it != texts.end()) return it->second;
  return texts.empty() ? std::string() : texts.begin()->second;
}

bool rule_matches(const std::string& pattern, const std::string& id) {
  if (pattern == id) return true;
  return pattern.size() > 2 && pattern.compare(pattern.size() - 2, 2, ".*") == 0 &&
         id.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
}

std::string RuleError::str() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (column > 0) s += ":" + std::to_string(column);
  s += ": ";
  if (!rule.empty()) s += "rule " + rule + ": ";
  return s + message;
}

std::optional<report::Severity> parse_severity(const std::string& s) {
  if (s == "error") return report::Severity::Error;
  if (s == "warning") return report::Severity::Warning;
  if (s == "info") return report::Severity::Info;
  return std::nullopt;
}

}  // namespace tally::rules
