#pragma once
// Running a YAML rule over a document: its kind's check (rules/yaml_kind.hpp) reports what it
// finds, every kind emitting findings the same way.
#include <vector>

#include "findings/finding.hpp"
#include "rules/input.hpp"
#include "rules/yaml_rule.hpp"

namespace tally::rules {

// Returns how many findings past kMaxFindingsPerRule (lua_rules.hpp) were not kept.
size_t run_yaml_rule(const YamlRule& rule, const DocumentInput& in,
                     std::vector<report::Finding>& out);

}  // namespace tally::rules
