#pragma once
// Checks documents against a rule set: facts are extracted once, every YAML rule and every Lua
// rule in force runs, settings (disabled rules, severities) apply, and findings come out sorted.
// A Checker owns a Lua state and is used by one thread at a time; make one per thread.
#include <memory>
#include <set>

#include "parse/document.hpp"
#include "report/finding.hpp"
#include "rules/lua_rules.hpp"
#include "rules/rule_set.hpp"

namespace tally::rules {

struct CheckSettings {
  std::set<std::string> disabled;  // ids, or "prefix.*"
  std::map<std::string, report::Severity> severity;
  std::set<std::string> only;  // when not empty, run only these ids or "prefix.*" packs
};

struct CheckResult {
  std::vector<report::Finding> findings;
  std::vector<RuleError> errors;  // rules that failed on this document
};

bool rule_enabled(const std::string& id, const CheckSettings& settings);

class Checker {
 public:
  explicit Checker(std::shared_ptr<const RuleSet> rules);
  CheckResult check(const parse::Document& doc, std::string_view bytes,
                    const CheckSettings& settings);
  const RuleSet& rules() const { return *rules_; }

 private:
  std::shared_ptr<const RuleSet> rules_;
  LuaRules lua_;
};

}  // namespace tally::rules
