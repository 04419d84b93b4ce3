#pragma once
// Declarative rules: one YAML document per rule, patterns in RE2. The schema (docs/rules.md) is
// checked strictly: an unknown key or kind is an error with file:line:column, because a typo in
// a rule that silently never fires is worse than a rule that does not load.
#include <re2/re2.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "facts/pairs.hpp"
#include "rules/rule.hpp"
#include "rules/scope.hpp"

namespace tally::rules {

enum class YamlKind { Pattern, Substitution, Pair, Repetition, Consistency, Fact };

// One condition of a `fact` rule: a field compared with a value.
struct Condition {
  std::string field;  // "value", "normalized.unit"
  enum Op { Eq, Ne, Lt, Le, Gt, Ge, Matches, IsNull, OneOf } op = Eq;
  nlohmann::json value;     // what Eq/Ne/OneOf compare with, or the number for Lt…Ge
  std::shared_ptr<RE2> re;  // for Matches
};

struct YamlRule {
  RuleInfo info;
  YamlKind kind = YamlKind::Pattern;
  Scope scope = Scope::Sentence;
  std::vector<std::string> languages;  // empty: every language
  // pattern
  std::shared_ptr<RE2> pattern, must_match, unless;
  std::string fix;  // replacement template ("{1}", "{match}")
  // substitution: wrong -> right, longest first
  std::vector<std::pair<std::string, std::string>> swap;
  std::shared_ptr<RE2> swap_re;
  // pair
  std::vector<facts::MarkPair> pairs;
  // repetition
  std::shared_ptr<RE2> token, between;
  // consistency
  std::vector<std::shared_ptr<RE2>> forms;
  // fact
  std::string fact_type;
  std::vector<Condition> where;
};

struct YamlLoad {
  std::vector<YamlRule> rules;
  std::vector<RuleError> errors;
};

// Parses every rule in a YAML file's text; `path` names it in errors.
YamlLoad load_yaml_rules(const std::string& path, const std::string& text);

}  // namespace tally::rules
