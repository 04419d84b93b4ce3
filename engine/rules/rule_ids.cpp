#include "rules/rule_ids.hpp"

#include <algorithm>

#include "text/suggest.hpp"

namespace tally::rules {

namespace {

std::vector<std::string> ids_of(const RuleSet& set) {
  std::vector<std::string> ids;
  for (const auto& r : set.infos) ids.push_back(r.id);
  for (const auto& e : set.errors)
    if (!e.rule.empty()) ids.push_back(e.rule);
  return ids;
}

}  // namespace

std::vector<std::string> nameable_ids(const RuleSet& set) {
  auto ids = ids_of(set);
  std::vector<std::string> prefixes;
  for (const auto& id : ids)
    for (size_t dot = id.find('.'); dot != std::string::npos; dot = id.find('.', dot + 1))
      prefixes.push_back(id.substr(0, dot) + ".*");
  std::sort(prefixes.begin(), prefixes.end());
  prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
  ids.insert(ids.end(), prefixes.begin(), prefixes.end());
  return ids;
}

std::string unknown_rule(const std::string& pattern, const RuleSet& set) {
  auto ids = ids_of(set);
  if (std::any_of(ids.begin(), ids.end(),
                  [&](const std::string& id) { return rule_matches(pattern, id); }))
    return "";
  bool prefix = pattern.size() > 2 && pattern.compare(pattern.size() - 2, 2, ".*") == 0;
  auto names = nameable_ids(set);
  // "date" for the pack: the edit to "date.*" is too long to count as a typo of it.
  auto suggestion = std::find(names.begin(), names.end(), pattern + ".*") != names.end()
                        ? "; did you mean '" + pattern + ".*'?"
                        : text::did_you_mean(pattern, names);
  return (prefix ? "no rule matches '" : "no rule '") + pattern + "'" + suggestion;
}

}  // namespace tally::rules
