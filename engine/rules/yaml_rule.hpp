#pragma once
// Declarative rules: one YAML document per rule, patterns in RE2. The schema (docs/rules.md) is
// checked strictly: an unknown key or kind is an error with file:line:column, because a typo in
// a rule that silently never fires is worse than a rule that does not load.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "findings/rule_info.hpp"
#include "rules/rule_tree.hpp"
#include "rules/scope.hpp"

namespace tally::rules {

class YamlCheck;  // a kind's compiled keys (rules/yaml_kind.hpp)

struct YamlRule {
  RuleInfo info;  // info.kind names the kind
  Scope scope = Scope::Sentence;
  std::vector<std::string> languages;  // empty: every language
  std::shared_ptr<const YamlCheck> check;
};

struct YamlLoad {
  std::vector<YamlRule> rules;
  std::vector<RuleError> errors;
  std::vector<RuleError> warnings;  // a house rule's id that does not name its folder and file
};

// Parses every rule in a YAML file's text; `path` names it in errors. `shipped`: a file compiled
// into the binary, which the tests hold to load cleanly: yaml-cpp reads it without the syntax
// and progress checks that guard against hostile files (config/yaml_load.hpp), two passes of
// the three at start-up.
YamlLoad load_yaml_rules(const std::string& path, const std::string& text, bool shipped = false);

// The rules of a file's parsed documents (what load_yaml_rules does after yaml-cpp's parse).
YamlLoad load_yaml_trees(const std::string& path, const std::vector<RuleTree>& docs);

// A shipped file (`rel` under rules/, its text `text`): from the tree compiled at build time
// when that tree was made from exactly this text (rules/embedded_yaml.hpp), else as
// load_yaml_rules(path, text, true). Either way the same rules, errors and warnings.
YamlLoad load_shipped_yaml(const std::string& path, std::string_view rel, const std::string& text);

}  // namespace tally::rules
