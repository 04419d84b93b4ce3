#pragma once
// What every rule has, whichever language it is written in: an id, a severity, a message per
// language, and the explanation editors show. Plus the errors loading rules can produce.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "findings/finding.hpp"

namespace tally::rules {

struct RuleInfo {
  std::string id;  // "percent.recompute"
  report::Severity severity = report::Severity::Warning;
  std::map<std::string, std::string> message;      // language ("zh", "en") -> template
  std::map<std::string, std::string> description;  // language -> text
  std::string link;                                // where the explanation lives
  std::string kind;                                // "pattern", …, or "lua"
  std::string file;                                // the rule's source file
  int line = 0;                                    // where its definition starts
  std::string example;                             // a text that makes it fire, for `explain`
  // What the rule needs from a document to run ("publication_date"; rules/requirements.hpp):
  // without it the rule is not run and the check says so in a notice.
  std::vector<std::string> needs;
  // `default: off`: shipped but run only when enabled (--enable, `enable:` in .tally.yml);
  // `default: hint`: run, but at severity info whatever the rule says (a `severity:` in
  // .tally.yml still overrides). Either for the reason given (language -> text), which `tally
  // rules` shows: a rule is on by default only when measured (docs/accuracy.md).
  bool default_off = false;
  bool default_hint = false;
  std::map<std::string, std::string> default_reason;
};

// The text for `language`, falling back to the other language, then to any.
std::string pick_language(const std::map<std::string, std::string>& texts,
                          const std::string& language);

// A problem in a rule file, or raised by a rule while it ran.
struct RuleError {
  std::string file;
  int line = 0, column = 0;  // 0 when unknown
  std::string rule;          // rule id when known
  std::string message;
  std::string str() const;  // "file:line:column: message"
};

std::optional<report::Severity> parse_severity(const std::string& s);

// Whether `pattern` (a rule id, or "prefix.*" for a pack) names rule `id`.
bool rule_matches(const std::string& pattern, const std::string& id);

}  // namespace tally::rules
