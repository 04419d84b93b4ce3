#include "findings/settings.hpp"

#include <algorithm>

#include "findings/rule_info.hpp"

namespace tally::rules {

bool rule_enabled(const std::string& id, const CheckSettings& s) {
  if (!s.only.empty() && std::none_of(s.only.begin(), s.only.end(),
                                      [&](const auto& p) { return rule_matches(p, id); }))
    return false;
  for (const auto& d : s.disabled)
    if (rule_matches(d, id)) return false;
  return true;
}

bool rule_enabled(const RuleInfo& rule, const CheckSettings& s) {
  auto names = [&](const std::set<std::string>& patterns) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const auto& p) { return rule_matches(p, rule.id); });
  };
  if (rule.default_off && !names(s.enabled) && !names(s.only)) return false;
  return rule_enabled(rule.id, s);
}

}  // namespace tally::rules
