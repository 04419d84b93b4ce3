#pragma once
// Which rules count, and how much: the settings a check is run with (from .tally.yml, flags,
// the API), shared by the rules that run and the reports that say what is on.
#include <map>
#include <set>
#include <string>

#include "findings/finding.hpp"

namespace tally::rules {

struct CheckSettings {
  std::set<std::string> disabled;  // ids, or "prefix.*"
  std::map<std::string, report::Severity> severity;
  std::set<std::string> only;     // when not empty, run only these ids or "prefix.*" packs
  std::set<std::string> enabled;  // rules that are off by default to turn on: ids, "prefix.*"
  // The language of messages and related-span labels, "zh" or "en"; empty: each article's own.
  // Only the words change: the rules still read each article in its own language.
  std::string messages;
};

struct RuleInfo;

// Whether rule `id` runs under `settings`, by `only` and `disabled`.
bool rule_enabled(const std::string& id, const CheckSettings& settings);
// The same for a rule that may be off by default: such a rule runs only when `enabled` or
// `only` names it.
bool rule_enabled(const RuleInfo& rule, const CheckSettings& settings);

}  // namespace tally::rules
