#pragma once
// Running a YAML rule over a document: one function per kind, all emitting findings the same way.
#include <vector>

#include "report/finding.hpp"
#include "rules/input.hpp"
#include "rules/yaml_rule.hpp"

namespace tally::rules {

void run_yaml_rule(const YamlRule& rule, const DocumentInput& in,
                   std::vector<report::Finding>& out);

// True when `record` (a fact record) satisfies every condition.
bool fact_matches(const nlohmann::json& record, const std::vector<Condition>& where);

}  // namespace tally::rules
