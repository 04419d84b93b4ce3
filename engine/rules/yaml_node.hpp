#pragma once
// Reading the values of a YAML rule's keys, for the loader and every kind: each failure is a
// YamlError at the node's mark, which the loader reports as file:line:column.
#include <re2/re2.h>

#include <map>
#include <memory>
#include <string>

#include "rules/rule_tree.hpp"

namespace tally::rules {

struct YamlError {
  YAML::Mark mark;
  std::string message;
};

// The node's text; an error naming `key` when it is not a scalar.
std::string scalar(const RuleNode& n, const std::string& key);

// The node compiled as an RE2 pattern; an error with RE2's reason when it does not compile.
std::shared_ptr<RE2> regex(const RuleNode& n, const std::string& key, bool ignore_case = false);

// `message: text` for every language ("" key), or `message: {zh: …, en: …}`.
std::map<std::string, std::string> texts(const RuleNode& n, const std::string& key);

// A boolean key: true, false, or an error.
bool flag(const RuleNode& n, const std::string& key);

}  // namespace tally::rules
