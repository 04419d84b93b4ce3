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

}  // namespace tally::rules
