#include "service/settings.hpp"

#include "rules/rule_ids.hpp"

namespace tally::service {

rules::CheckSettings settings_for(const config::Config& config,
                                  const std::vector<std::string>& disable, const std::string& file,
                                  const std::vector<std::string>& enable) {
  rules::CheckSettings s;
  s.enabled.insert(config.enable.begin(), config.enable.end());
  s.enabled.insert(enable.begin(), enable.end());
  if (!file.empty())
    for (const auto& id : config::disabled_for(config, file)) s.disabled.insert(id);
  s.disabled.insert(config.disable.begin(), config.disable.end());
  s.disabled.insert(disable.begin(), disable.end());
  for (const auto& [id, sev] : config.severity)
    if (auto v = rules::parse_severity(sev)) s.severity[id] = *v;
  return s;
}

std::string unknown_rule_in_config(const config::Config& config, const rules::RuleSet& rules) {
  for (const auto& ref : config.rule_refs)
    if (auto problem = rules::unknown_rule(ref.id, rules); !problem.empty())
      return config.path + ":" + std::to_string(ref.line) + ":" + std::to_string(ref.column) +
             ": " + ref.setting + ": " + problem;
  return "";
}

}  // namespace tally::service
