#pragma once
// What a .tally.yml turns off or re-grades for one file, plus the caller's own disables: the
// same for the CLI, the library, the language server.
#include <string>
#include <vector>

#include "config/config.hpp"
#include "rules/checker.hpp"
#include "rules/rule_set.hpp"

namespace tally::service {

// `file` is the checked file's path, for the config's per-path ignores; "" when there is none.
// `enable` names rules that are off by default to turn on, on top of the config's `enable:`.
rules::CheckSettings settings_for(const config::Config& config,
                                  const std::vector<std::string>& disable, const std::string& file,
                                  const std::vector<std::string>& enable = {});

// "" when every rule id the config names (disable, enable, severity, ignore rules) names a rule of
// `rules`; else the first that does not, as "file:line:column: disable: no rule 'x'; did you
// mean 'y'?", so that a typo stops the check instead of leaving the rule on.
std::string unknown_rule_in_config(const config::Config& config, const rules::RuleSet& rules);

}  // namespace tally::service
