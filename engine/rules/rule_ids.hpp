#pragma once
// Checking the rule ids a user types (--disable, .tally.yml, the HTTP API) against the rules
// in force, so that a typo is an error with a suggestion rather than a rule silently left on.
#include <string>
#include <vector>

#include "rules/rule_set.hpp"

namespace tally::rules {

// Every id a pattern may name: the rules in force, those whose file failed to load (the id is
// right; the file is what needs fixing), and each pack prefix as "prefix.*".
std::vector<std::string> nameable_ids(const RuleSet& set);

// "" when `pattern` (an id, or "prefix.*") names at least one rule of the set; else
// "no rule 'x'; did you mean 'y'?" (or "no rule matches 'x.*'…").
std::string unknown_rule(const std::string& pattern, const RuleSet& set);

}  // namespace tally::rules
